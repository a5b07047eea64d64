/// Summary pass of cocci-unwind (not a finding rule): records, for every function, the
/// calls that receive a plain name (or its address, or the address of its field), the names
/// it stores where they outlive the call (a field, an array, a global, through a pointer),
/// and what it returns. All matches are local (no paths), so the pass costs about a parse;
/// cocci_unwind/summary.py keeps the names that are the function's parameters.
/// run.sh check runs it over the whole tree first and derives the project's own release
/// wrappers, sinks and acquirers from it (cocci_unwind/summary.py), so that detection
/// treats them like the resource table's entries. Facts are printed as JSON lines.
///
// Confidence: High
// Copyright: (C) 2026 cocci-unwind authors. MIT License.
// Options: --no-includes --include-headers --no-loops

#spatch --no-loops

virtual report

@initialize:python@
@@
import json

def fact(kind, p, **kw):
    kw.update(kind=kind, file=p[0].file, function=p[0].current_element)
    print(json.dumps(kw))

// n: the number of arguments before it, so that a sink is known by the argument it keeps
@forward@
identifier x, g, fld;
expression list[n] es;
position q;
@@
(
g@q(es, \(x\|&x\), ...)
|
g@q(es, \(&x->fld\|&x.fld\), ...)
)

@script:python@
x << forward.x;
g << forward.g;
q << forward.q;
n << forward.n;
fld << forward.fld = "";
@@
fact("fieldcall" if fld else "call", q, param=x, callee=g, arg=int(n))

// an element of an array parameter: close(fd[0]) in close_pair(int fd[2])
@element@
identifier x, g;
constant C;
position q;
@@
g@q(..., x[C], ...)

@script:python@
x << element.x;
g << element.g;
q << element.q;
@@
fact("elemcall", q, param=x, callee=g)

@store@
identifier x, fld;
global idexpression G;
expression E, I;
position q;
@@
(
E->fld@q = x
|
E.fld@q = x
|
E[I]@q = x
|
 *E@q = x
|
G@q = x
)

@script:python@
x << store.x;
q << store.q;
@@
fact("store", q, param=x)

@rets@
local idexpression x;
identifier g;
constant C;
position q;
@@
(
return@q g(...);
|
return@q x;
|
return@q C;
)

@script:python@
q << rets.q;
x << rets.x = "";
g << rets.g = "";
C << rets.C = "";
@@
if C:
    fact("retconst", q, value=C)
else:
    fact("return", q, var=x, callee=g)

@assign@
local idexpression x;
identifier g;
position q;
@@
x = g@q(...)

@script:python@
q << assign.q;
x << assign.x;
g << assign.g;
@@
fact("assign", q, var=x, callee=g)
