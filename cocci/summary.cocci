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
    kw.update(kind=kind, file=p[0].file, function=p[0].current_element, line=int(p[0].line))
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
expression E, E2;
position q;
@@
(
return@q g(...);
|
return@q x;
|
return@q C;
|
return@q E ? E2 : g(...);
|
return@q E ? g(...) : E2;
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

// every returned value, as text: an acquirer returns only the resource and failure values
@retall@
expression E;
position q;
@@
return@q E;

@script:python@
q << retall.q;
E << retall.E;
@@
fact("retval", q, value=" ".join(E.split()))

// the pointer parameter given as an argument, not its address: an out-parameter handed on
// (xasprintf(char **ret, ...) calls vasprintf(ret, ...))
@outcall@
identifier x, g;
expression list[n] es;
position q;
@@
g@q(es, x, ...)

@script:python@
x << outcall.x;
g << outcall.g;
q << outcall.q;
n << outcall.n;
@@
fact("outcall", q, param=x, callee=g, arg=int(n))

// a local's address given to a call (`xAsprintf(&path, ...)`): what fills it
@addrcall@
local idexpression x;
identifier g;
expression list[n] es;
position q;
@@
g@q(es, &x, ...)

@script:python@
x << addrcall.x;
g << addrcall.g;
q << addrcall.q;
n << addrcall.n;
@@
fact("addrcall", q, var=x, callee=g, arg=int(n))

// what is stored through a pointer parameter: `*out = g(...)` or `*out = v`; not
// `*buf = xrealloc(*buf, n)`, which grows what the caller has
@outstore@
identifier x, g, rz;
local idexpression v;
position q;
@@
(
 *x@q = rz(..., *x, ...)
|
 *x@q = g(...)
|
 *x@q = v
)

@script:python@
x << outstore.x;
q << outstore.q;
g << outstore.g = "";
v << outstore.v = "";
rz << outstore.rz = "";
@@
if not rz:
    fact("outstore", q, param=x, callee=g, var=v)

// a value that is no call's result given to a local (a copy, a member, arithmetic):
// a variable with such a value is not only an acquirer's
@assign_other@
local idexpression x;
expression E;
position q;
@@
x =@q E

@script:python@
q << assign_other.q;
x << assign_other.x;
E << assign_other.E;
@@
fact("assignval", q, var=x, value=" ".join(E.split()))

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
