"""Plain-text formatting of command results for a terminal (the api returns data)."""

from __future__ import annotations

from typing import Any


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def status_table(report: dict[str, Any]) -> str:
    parts = []
    doc = None
    rows: list[list[str]] = []
    for c in report["clauses"]:
        if c["document"] != doc:
            if rows:
                parts.append(_table(["no.", "clause", "status", "[ ]", "open amendments", "awaiting"], rows))
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
        parts.append(_table(["no.", "clause", "status", "[ ]", "open amendments", "awaiting"], rows))
    d_rows = [[code, *[str(v) for v in counts.values()]] for code, counts in report["delegations"].items()]
    if report["delegations"]:
        parts.append("\nAmendments by delegation")
        parts.append(_table(["delegation", "by status"],
                            [[code, ", ".join(f"{k} {v}" for k, v in counts.items())]
                             for code, counts in report["delegations"].items()]))
    del d_rows
    t = report["totals"]
    parts.append("\nTotals")
    parts.append(f"clauses: {t['clauses']} — " + ", ".join(f"{k} {v}" for k, v in t["by_status"].items() if v))
    parts.append("brackets: " + ", ".join(f"{k} {v}" for k, v in t["brackets"].items()))
    parts.append(f"amendments: {sum(t['amendments'].values())} — "
                 + ", ".join(f"{k} {v}" for k, v in t["amendments"].items() if v))
    if t["pending_translation"]:
        parts.append(f"clauses awaiting translation: {t['pending_translation']}")
    return "\n".join(parts).lstrip("\n")
