"""Plain-text formatting of command results for a terminal (the api returns data)."""

from __future__ import annotations

from typing import Any

from ..render.plaintext import text_table

STATUS_COLUMNS = ["no.", "clause", "status", "brackets", "open amendments", "competing", "awaiting translation"]


def _competing(pairs: list[list[str]]) -> str:
    return "; ".join(f"{a} vs {b}" for a, b, _ in pairs[:2]) + (f" +{len(pairs) - 2}" if len(pairs) > 2 else "")


def status_table(report: dict[str, Any]) -> str:
    parts = []
    doc = None
    rows: list[list[str]] = []
    for c in report["clauses"]:
        if c["document"] != doc:
            if rows:
                parts.append(text_table(STATUS_COLUMNS, rows))
                rows = []
            doc = c["document"]
            parts.append(f"\n{doc}")
        if c["kind"] == "heading":
            rows.append(["", c["id"], "(heading)", "", "", "", ""])
            continue
        amend = c["open_amendments"]
        shown = ", ".join(amend[:3]) + (f" +{len(amend) - 3}" if len(amend) > 3 else "")
        rows.append([c["number"] or "-", c["id"], c["status"], str(c["brackets"] or ""), shown,
                     _competing(c.get("competing", [])), ", ".join(c["pending_translation"])])
    if rows:
        parts.append(text_table(STATUS_COLUMNS, rows))
    if report["delegations"]:
        parts.append("\nAmendments by delegation")
        parts.append(text_table(["delegation", "by status"],
                            [[code, ", ".join(f"{k} {v}" for k, v in counts.items())]
                             for code, counts in report["delegations"].items()]))
    if report.get("contributors"):
        parts.append("\nContributions of observers and civil society (not in the text unless a state sponsors them)")
        sponsored = report.get("sponsored", {})
        rows = []
        for code, counts in report["contributors"].items():
            rows.append([code, ", ".join(f"{k} {v}" for k, v in counts.items())])
        parts.append(text_table(["contributor", "by status"], rows))
        for cid, taken in sponsored.items():
            parts.append(f"{cid} sponsored as {', '.join(taken)}")
    t = report["totals"]
    parts.append("\nTotals")
    parts.append(f"clauses: {t['clauses']} — " + ", ".join(f"{k} {v}" for k, v in t["by_status"].items() if v))
    parts.append("bracketed passages, per document: " + ", ".join(f"{k} {v}" for k, v in t["brackets"].items()))
    parts.append(f"amendments: {sum(t['amendments'].values())} — "
                 + ", ".join(f"{k} {v}" for k, v in t["amendments"].items() if v))
    if t.get("contributions") and sum(t["contributions"].values()):
        parts.append(f"contributions: {sum(t['contributions'].values())} — "
                     + ", ".join(f"{k} {v}" for k, v in t["contributions"].items() if v)
                     + f"; sponsored {t['sponsored_contributions']}")
    if t.get("competing"):
        parts.append(f"pairs of competing proposals: {t['competing']}")
    if t["pending_translation"]:
        parts.append(f"clauses awaiting translation: {t['pending_translation']}")
    if report.get("unshared") is not None:
        n = report["unshared"]
        parts.append(f"{n} local proposal{'' if n == 1 else 's'} not yet shared"
                     + (" (drafting sync)" if n else ""))
    return "\n".join(parts).lstrip("\n")


def issue_report(report: dict[str, Any]) -> str:
    lines = [f"Issued {report['version']} (tag version/{report['version']} on {report['commit'][:10]})"]
    changed = [r for r in report["concordance"] if r["old"] != r["new"]]
    if report["previous"]:
        lines.append(f"Concordance with {report['previous']}: {len(changed)} number(s) changed")
        for r in changed:
            lines.append(f"  {r['old'] or '(new)':>10} -> {r['new'] or '(deleted)':<10} {r['clause']}")
    states: dict[str, list[str]] = {}
    for c in report["carried"]:
        states.setdefault(c["state"], []).append(c["id"])
    if report["carried"]:
        lines.append(f"Open amendments carried forward: {len(report['carried'])}")
        for state in ("re-anchored", "stale"):
            for c in report["carried"]:
                if c["state"] == state:
                    lines.append(f"  {state}: {c['id']}: {c['reason']}")
    for d in report["drafts"]:
        lines.append(d)
    return "\n".join(lines)


def _names(who: dict[str, Any] | None) -> str:
    if not who:
        return ""
    names = ", ".join(who["names"]) + (f" ({who['on_behalf_of']})" if who.get("on_behalf_of") else "")
    return f"{who['amendment']} ({names})" if who.get("amendment") else names


# Diff markers in plain output: braces, which negotiation texts do not use, so that the text's own
# square brackets (unagreed wording) read as they are.  On a terminal, colour instead.
PLAIN_MARKS = {"insert": ("{+", "+}"), "delete": ("{-", "-}")}
COLOUR_MARKS = {"insert": ("\x1b[32;4m", "\x1b[0m"), "delete": ("\x1b[31;9m", "\x1b[0m")}


def _where(c: dict[str, Any]) -> str:
    old, new = c["old_number"], c["new_number"]
    if old == new:
        return f"no. {new}" if new else ""
    return f"no. {old or '(new)'} -> {new or '(deleted)'}"


def _moved(c: dict[str, Any]) -> str:
    after = c.get("moved_after")
    if not after:
        return "moved to the start"
    return f"moved after {after['number']} ({after['clause']})" if after["number"] else \
        f"moved after {after['clause']}"


def diff_text(result: dict[str, Any], colour: bool = False) -> str:
    marks = COLOUR_MARKS if colour else PLAIN_MARKS
    legend = ("inserted words in green, deleted words struck through in red" if colour
              else "{+inserted words+} {-deleted words-}")
    lines = [f"diff {result['from']} -> {result['to']} ({result['lang']}): {legend}; "
             "square brackets are the text's own"]
    if not result["clauses"]:
        lines.append("no differences")
    for c in result["clauses"]:
        kind = _moved(c) if c["kind"] == "moved" else \
            ("" if c["kind"] == "unchanged" else c["kind"]) + (f", {_moved(c)}" if c["moved"] else "")
        head = "  ".join(x for x in ("\n" + c["clause"], _where(c), kind) if x)
        if c["status"]:
            head += f" — status {c['status'][0]} -> {c['status'][1]}"
        changers = []
        for ch in c["changes"]:
            name = _names(ch.get("who"))
            if ch["op"] != "equal" and name and name not in changers:
                changers.append(name)
        header_who = _names(c["who"]) or (changers[0] if len(changers) == 1 else "")
        if header_who and changers in ([], [header_who]):
            head += f" — {header_who}"
        lines.append(head)
        text = []
        for ch in c["changes"]:
            if ch["op"] == "equal":
                text.append(ch["text"])
            else:
                start, end = marks[ch["op"]]
                text.append(f"{start}{ch['text']}{end}")
        if text:
            lines.append("  " + "".join(text))
        if changers and changers != [header_who]:
            lines.append("  changes by: " + "; ".join(changers))
    return "\n".join(lines)


def log_text(result: dict[str, Any]) -> str:
    lines = [f"clause {result['clause']}"]
    for v in result["versions"]:
        where = f"no. {v['number']}" if v["number"] else ("unnumbered" if v["present"] else "not in this version")
        lines.append(f"  {v['label']:<14} {v['date'] or '':<10}  {where}" + (f", {v['status']}" if v["status"] else ""))
    if result["amendments"]:
        lines.append("amendments")
        for a in result["amendments"]:
            lines.append(f"  {a['id']:<22} {a.get('names') or a['by']:<9} {a['op']:<10} {a['status']:<12} "
                         f"{a['submitted'] or ''}" + (f"  decided {a['decided']}" if a["decided"] else "")
                         + (f": {a['decision']}" if a["decision"] else ""))
    if result["commits"]:
        lines.append("commits")
        for c in result["commits"]:
            lines.append(f"  {c['commit']} {c['date']} {c['author']}: {c['subject']}")
    return "\n".join(lines)


def import_report(result: Any, dry_run: bool) -> str:
    if hasattr(result, "report"):  # ingest.importer.ImportResult formats itself
        return str(result.report())
    lines = []
    for item in getattr(result, "created", []):
        if isinstance(item, str):
            lines.append(item)
        else:
            lines.append(" ".join(str(x) for x in (item if isinstance(item, (list, tuple)) else [item])))
    for d in getattr(result, "duplicates", []):
        lines.append(f"already imported: {d}")
    for w in getattr(result, "warnings", []):
        lines.append(f"warning: {w}")
    if not lines:
        lines.append("nothing to import: the file makes no change to its base version")
    if dry_run:
        lines.insert(0, "dry run: nothing written")
    return "\n".join(lines)


def audit_text(findings: dict[str, Any]) -> str:
    lines = [f"audited {findings.get('commits', 0)} commits, {findings.get('amendments', 0)} amendments, "
             f"{findings.get('versions', 0)} versions"]
    for p in findings["problems"]:
        lines.append(f"problem: {p}")
    for p in findings.get("repaired", []):
        lines.append(f"repaired: {p}")
    if not findings["problems"]:
        lines.append("ok: no proposal lost or altered; every decision and version intact")
    return "\n".join(lines)


def sync_text(r: dict[str, Any]) -> str:
    lines = [f"Synced {r['branch']} with {r['remote']}: {r['pushed']} commit(s) sent, "
             f"{r['received']} received"]
    for old, new in r["renumbered"].items():
        lines.append(f"  renumbered {old} -> {new} (the remote already held {old})")
    for t in r["tags"]:
        lines.append(f"  sent tag version/{t}")
    return "\n".join(lines)


def precedents_text(found: list[dict[str, Any]]) -> str:
    if not found:
        return "no paragraph found"
    lines = []
    for i, m in enumerate(found, 1):
        lines.append(f"{i:>2}. {m['score']:5.1f}  {m['precedent']}, {m['ref']} ({m['lang']})")
        lines.append(f"           {m['title']} — {m['forum']}, {m['date']}")
        lines.append(f"           {m['text']}")
    return "\n".join(lines)
