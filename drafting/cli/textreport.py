"""Plain-text formatting of command results for a terminal (the api returns data)."""

from __future__ import annotations

from typing import Any

from ..render.plaintext import text_table


def status_table(report: dict[str, Any]) -> str:
    parts = []
    doc = None
    rows: list[list[str]] = []
    for c in report["clauses"]:
        if c["document"] != doc:
            if rows:
                parts.append(text_table(["no.", "clause", "status", "[ ]", "open amendments", "awaiting"], rows))
                rows = []
            doc = c["document"]
            parts.append(f"\n{doc}")
        if c["kind"] == "heading":
            rows.append(["", c["id"], "(heading)", "", "", ""])
            continue
        amend = c["open_amendments"]
        shown = ", ".join(amend[:3]) + (f" +{len(amend) - 3}" if len(amend) > 3 else "")
        rows.append([c["number"] or "-", c["id"], c["status"], str(c["brackets"] or ""), shown,
                     ",".join(c["pending_translation"])])
    if rows:
        parts.append(text_table(["no.", "clause", "status", "[ ]", "open amendments", "awaiting"], rows))
    if report["delegations"]:
        parts.append("\nAmendments by delegation")
        parts.append(text_table(["delegation", "by status"],
                            [[code, ", ".join(f"{k} {v}" for k, v in counts.items())]
                             for code, counts in report["delegations"].items()]))
    t = report["totals"]
    parts.append("\nTotals")
    parts.append(f"clauses: {t['clauses']} — " + ", ".join(f"{k} {v}" for k, v in t["by_status"].items() if v))
    parts.append("brackets: " + ", ".join(f"{k} {v}" for k, v in t["brackets"].items()))
    parts.append(f"amendments: {sum(t['amendments'].values())} — "
                 + ", ".join(f"{k} {v}" for k, v in t["amendments"].items() if v))
    if t["pending_translation"]:
        parts.append(f"clauses awaiting translation: {t['pending_translation']}")
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


def diff_text(result: dict[str, Any]) -> str:
    lines = [f"diff {result['from']} -> {result['to']} ({result['lang']})"]
    if not result["clauses"]:
        lines.append("no differences")
    for c in result["clauses"]:
        num = c["old_number"] if c["old_number"] == c["new_number"] else \
            f"{c['old_number'] or 'new'} -> {c['new_number'] or 'deleted'}"
        head = f"\n{c['clause']} [{num}] {c['kind']}" + (" (moved)" if c["moved"] and c["kind"] != "moved" else "")
        if c["who"]:
            head += f" — {_names(c['who'])}"
        if c["status"]:
            head += f" — status {c['status'][0]} -> {c['status'][1]}"
        lines.append(head)
        text = []
        for ch in c["changes"]:
            if ch["op"] == "equal":
                text.append(ch["text"])
            elif ch["op"] == "delete":
                text.append(f"[-{ch['text']}-]{{{_names(ch.get('who'))}}}")
            else:
                text.append(f"{{+{ch['text']}+}}{{{_names(ch.get('who'))}}}")
        if text:
            lines.append("  " + "".join(text))
    return "\n".join(lines)


def log_text(result: dict[str, Any]) -> str:
    lines = [f"clause {result['clause']}"]
    for v in result["versions"]:
        where = f"no. {v['number']}" if v["number"] else ("unnumbered" if v["present"] else "not in this version")
        lines.append(f"  {v['label']:<14} {v['date'] or '':<10}  {where}" + (f", {v['status']}" if v["status"] else ""))
    if result["amendments"]:
        lines.append("amendments")
        for a in result["amendments"]:
            lines.append(f"  {a['id']:<22} {a['by']:<9} {a['op']:<10} {a['status']:<12} "
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
    if not findings["problems"]:
        lines.append("ok: no proposal lost or altered; every decision and version intact")
    return "\n".join(lines)
