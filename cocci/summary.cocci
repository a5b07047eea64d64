/// Summary pass of cocci-unwind (not a finding rule): records, for every function, the
/// calls that receive one of its parameters, the parameters it stores where they outlive
/// the call (a field, an array, a global, through a pointer), and what it returns.
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

@forward exists@
identifier w, p, g, fld;
type T;
position q, f;
@@
w(..., T p, ...) {
... when any
(
g@q(..., \(p\|&p\), ...)
|
g@q(..., \(&p->fld\|&p.fld\), ...)@f
)
... when any
}

@script:python@
p << forward.p;
g << forward.g;
q << forward.q;
f << forward.f = [];
@@
fact("fieldcall" if f else "call", q, param=p, callee=g)

@store exists@
identifier w, p, fld;
global idexpression G;
expression E, I;
type T;
position q;
@@
w(..., T p, ...) {
... when any
(
E->fld@q = p
|
E.fld@q = p
|
E[I]@q = p
|
*E@q = p
|
G@q = p
)
... when any
}

@script:python@
p << store.p;
q << store.q;
@@
fact("store", q, param=p)

@rets@
local idexpression x;
identifier g;
position q;
@@
(
return@q g(...);
|
return@q x;
)

@script:python@
q << rets.q;
x << rets.x = "";
g << rets.g = "";
@@
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
