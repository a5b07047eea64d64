"""Output formats of check and merge: GCC-style lines, JSON, SARIF 2.1.0, GitHub annotations."""
import glob
import json
import os
import urllib.parse

from . import triage
from .summary import ToolError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "0.2.0"
STALE = "unwind-stale-suppression"
FORMATS = ("gcc", "json", "json-report", "sarif", "github")


def rule_meta():
    """{rule id: {short, full, confidence}} from the header of each committed rule file."""
    meta = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "cocci", "unwind-*.cocci"))):
        desc, conf = [], ""
        with open(path) as fh:
            for line in fh:
                if line.startswith("///"):
                    desc.append(line[3:].strip())
                elif line.startswith("// Confidence:"):
                    conf = line.split(":", 1)[1].strip()
                elif not line.startswith("//"):
                    break
        paras = " ".join(desc).split("  ")
        text = " ".join(d for d in desc if d)
        rid = os.path.basename(path)[:-len(".cocci")]
        meta[rid] = {"short": paras[0].split(". ")[0].rstrip(".") + ".", "full": text,
                     "confidence": conf}
    meta[STALE] = {"short": "A cocci-unwind suppression comment matches no finding.",
                   "full": "A `cocci-unwind: ignore` comment no longer silences any finding: "
                           "the leak was fixed or the code moved. Remove the comment.",
                   "confidence": "High"}
    return meta


def stale_entries(stale):
    return [{"file": s["file"], "line": s["line"], "column": s["column"], "rule": STALE,
             "level": "note", "message": "suppression of %s matches no finding; remove it"
             % (", ".join(s["rules"]) if s["rules"] else "every rule")} for s in stale]


def gcc(findings, stale):
    lines = ["%s:%d:%d: warning: %s [%s]" % (f["file"], f["line"], f["column"], f["message"],
                                             f["rule"]) for f in findings]
    lines += ["%s:%d:%d: note: %s [%s]" % (s["file"], s["line"], s["column"], s["message"],
                                           s["rule"]) for s in stale_entries(stale)]
    return "".join(l + "\n" for l in lines)


def _gh_escape(text, prop=False):
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(findings, stale, not_checked=()):
    out = []
    for level, items in (("warning", findings), ("notice", stale_entries(stale))):
        for f in items:
            out.append("::%s file=%s,line=%d,col=%d,title=%s::%s" % (
                level, _gh_escape(os.path.relpath(f["file"]), True), f["line"], f["column"],
                _gh_escape(f["rule"], True), _gh_escape(f["message"])))
    # what could not be checked is shown where it is, as a warning without a rule
    for u in not_checked:
        what = "function %s not checked" % u["function"] if u["function"] else "not checked"
        out.append("::warning file=%s%s,title=cocci-unwind not checked::%s" % (
            _gh_escape(os.path.relpath(u["file"]), True),
            ",line=%d" % u["line"] if u["line"] else "",
            _gh_escape("%s: %s" % (what, u["reason"]))))
    return "".join(l + "\n" for l in out)


def as_json(findings, stale, suppressed=(), not_checked=None):
    """The findings as a JSON array (the format's shape since its start); with not_checked
    (--format json-report) an object: {"findings": that array, "not_checked": [...],
    "complete": no entry in not_checked}. A path whose name is not UTF-8 is written as
    Python's surrogateescape decodes it: each undecodable byte 0xXY as the escape \\udcXY,
    which JSON's syntax allows and os.fsencode() turns back into the exact bytes (a strict
    Unicode reader may reject it; SARIF's percent-encoded URIs carry the same bytes)."""
    items = [dict(f, level="warning") for f in findings] + stale_entries(stale)
    items += [dict(f, level="none") for f in suppressed]
    if not_checked is None:
        return json.dumps(items, indent=2) + "\n"
    return json.dumps({"findings": items, "not_checked": list(not_checked),
                       "complete": not not_checked}, indent=2) + "\n"


def _uri_path(path):
    """A path as URI text: its bytes percent-encoded (a colon, a newline, a byte that is not
    UTF-8 included), `/` kept."""
    return urllib.parse.quote(os.fsencode(path), safe="/")


def artifact_location(path, base=None):
    base = os.path.abspath(base or os.getcwd())
    uri = _uri_path(os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/"))
    return {"uri": uri, "uriBaseId": "SRCROOT"}


def _location(path, line, col, base):
    return {"physicalLocation": {"artifactLocation": artifact_location(path, base),
                                 "region": {"startLine": line, "startColumn": col}}}


def invocation(not_checked):
    """SARIF's record of the run: executionSuccessful is false when something was not
    checked, and each file or function not checked is a toolExecutionNotification."""
    notes = []
    for u in not_checked:
        loc = {"physicalLocation": {"artifactLocation": artifact_location(u["file"])}}
        if u["line"]:
            loc["physicalLocation"]["region"] = {"startLine": u["line"]}
        if u["function"]:
            loc["logicalLocations"] = [{"name": u["function"], "kind": "function"}]
        what = "function %s not checked" % u["function"] if u["function"] else "not checked"
        notes.append({"level": "warning", "locations": [loc],
                      "descriptor": {"id": "cocci-unwind-not-checked"},
                      "message": {"text": "%s: %s" % (what, u["reason"] + (
                          " (%s)" % u["rule"] if u.get("rule") else ""))},
                      "properties": {"reason": u["reason"], "rule": u.get("rule", "")}})
    return {"executionSuccessful": not notes,
            "toolExecutionNotifications": sorted(notes, key=_note_key)}


def _note_key(n):
    loc = n["locations"][0]["physicalLocation"]
    return (loc["artifactLocation"]["uri"], loc.get("region", {}).get("startLine", 0),
            n["message"]["text"])


def not_checked_in(text):
    """How many files or functions a JSON report (json-report) or a SARIF log says were not
    checked (a plain JSON array does not say: 0)."""
    doc = json.loads(text)
    if isinstance(doc, dict) and "runs" in doc:
        return sum(len(i.get("toolExecutionNotifications", []))
                   for r in doc["runs"] for i in r.get("invocations", []))
    if isinstance(doc, dict):
        return len(doc.get("not_checked", []))
    return 0


def sarif(findings, stale, suppressed=(), base=None, not_checked=()):
    """One SARIF 2.1.0 log. Suppressed findings are kept, marked with the reason (SARIF's
    inSource suppressions), so a viewer can show what was accepted and why."""
    base = os.path.abspath(base or os.getcwd())
    meta = rule_meta()
    rules = sorted(meta)
    index = {r: i for i, r in enumerate(rules)}
    results = []
    for f in list(findings) + list(suppressed):
        res = {"ruleId": f["rule"], "ruleIndex": index[f["rule"]], "level": "warning",
               "message": {"text": f["message"]},
               "locations": [dict(_location(f["file"], f["line"], f["column"], base),
                                  logicalLocations=[{"name": f["function"], "kind": "function"}]
                                  if f.get("function") else [])],
               "relatedLocations": [dict(_location(f["file"], f["acquired_line"],
                                                   f["acquired_column"], base), id=1,
                                         message={"text": "acquired by %s() here"
                                                  % f["acquirer"]})],
               "partialFingerprints": {"cocciUnwindKey/v1": triage.fingerprint(f)},
               "properties": {"confidence": f["confidence"], "variable": f["variable"]}}
        if not res["locations"][0]["logicalLocations"]:
            del res["locations"][0]["logicalLocations"]
        if "suppressed" in f:
            res["suppressions"] = [{"kind": "inSource", "justification": f["suppressed"]}]
        if f.get("fix"):
            res["fixes"] = [f["fix"]]
        results.append(res)
    for s in stale_entries(stale):
        results.append({"ruleId": STALE, "ruleIndex": index[STALE], "level": "note",
                        "message": {"text": s["message"]},
                        "locations": [_location(s["file"], s["line"], s["column"], base)]})
    driver = {"name": "cocci-unwind", "version": VERSION, "semanticVersion": VERSION,
              "rules": [{"id": r, "name": r.replace("-", " ").title().replace(" ", ""),
                         "shortDescription": {"text": meta[r]["short"]},
                         "fullDescription": {"text": meta[r]["full"]},
                         "help": {"text": meta[r]["full"] + (" Confidence: " + meta[r]["confidence"]
                                                             if meta[r]["confidence"] else "")},
                         "defaultConfiguration": {"level": "note" if r == STALE else "warning"},
                         "properties": {"confidence": meta[r]["confidence"]}}
                        for r in rules]}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver},
                     "originalUriBaseIds": {"SRCROOT": {"uri": _dir_uri(base)}},
                     "invocations": [invocation(not_checked)],
                     "results": results,
                     "columnKind": "unicodeCodePoints"}]}
    return json.dumps(log, indent=2) + "\n"


def _dir_uri(path):
    return "file://" + _uri_path(path.rstrip("/") + "/")


def render(fmt, findings, stale, suppressed=(), not_checked=()):
    if fmt == "json":
        return as_json(findings, stale, suppressed)
    if fmt == "json-report":
        return as_json(findings, stale, suppressed, not_checked)
    if fmt == "sarif":
        return sarif(findings, stale, suppressed, not_checked=not_checked)
    if fmt == "github":
        return github(findings, stale, not_checked)
    return gcc(findings, stale)


def merge(paths):
    """Join the JSON or SARIF reports of shards into one: (text, number of findings)."""
    docs = []
    for p in paths:
        try:
            with open(p, encoding="utf-8") as fh:
                docs.append(json.load(fh))
        except (OSError, ValueError) as e:
            raise ToolError("%s: not a JSON or SARIF report (%s)" % (p, e))
    if not docs:
        raise ToolError("merge needs at least one report")
    kinds = {"sarif" if isinstance(d, dict) and "runs" in d else
             "json-report" if isinstance(d, dict) and "findings" in d else
             "json" if isinstance(d, list) else "?" for d in docs}
    if "?" in kinds or len(kinds) != 1:
        raise ToolError("merge takes reports of one format, all JSON, all JSON reports "
                        "(--format json-report) or all SARIF")
    if kinds <= {"json", "json-report"}:
        items = [f for d in docs for f in (d["findings"] if isinstance(d, dict) else d)]
        uniq = {json.dumps(f, sort_keys=True): f for f in items}
        items = sorted(uniq.values(), key=lambda f: (f["file"], f["line"], f["column"],
                                                     f["rule"], f.get("variable", "")))
        n = sum(1 for f in items if f.get("level", "warning") == "warning")
        if kinds == {"json"}:
            return json.dumps(items, indent=2) + "\n", n
        nc = {json.dumps(u, sort_keys=True): u for d in docs for u in d["not_checked"]}
        nc = sorted(nc.values(), key=lambda u: (u["file"], u["line"], u["function"]))
        return json.dumps({"findings": items, "not_checked": nc, "complete": not nc},
                          indent=2) + "\n", n
    out = docs[0]
    run = out["runs"][0]
    bases = {json.dumps(r.get("originalUriBaseIds"), sort_keys=True)
             for d in docs for r in d["runs"]}
    if len(bases) != 1:
        raise ToolError("the SARIF reports were made from different source roots; run the "
                        "shards from the same folder")
    seen, results = set(), []
    for d in docs:
        for r in d["runs"]:
            for res in r.get("results", []):
                k = json.dumps(res, sort_keys=True)
                if k not in seen:
                    seen.add(k)
                    results.append(res)
    loc = lambda r: r["locations"][0]["physicalLocation"]
    results.sort(key=lambda r: (loc(r)["artifactLocation"]["uri"], loc(r)["region"]["startLine"],
                                loc(r)["region"].get("startColumn", 0), r["ruleId"]))
    run["results"] = results
    notes = {json.dumps(n, sort_keys=True): n for d in docs for r in d["runs"]
             for i in r.get("invocations", []) for n in i.get("toolExecutionNotifications", [])}
    if any("invocations" in r for d in docs for r in d["runs"]):
        run["invocations"] = [{"executionSuccessful": not notes and all(
            i.get("executionSuccessful", True) for d in docs for r in d["runs"]
            for i in r.get("invocations", [])),
            "toolExecutionNotifications": sorted(notes.values(), key=_note_key)}]
    out["runs"] = [run]
    n = sum(1 for r in results if r.get("level", "warning") == "warning" and
            not r.get("suppressions"))
    return json.dumps(out, indent=2) + "\n", n
