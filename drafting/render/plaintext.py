"""Plain-text tables: the concordance written beside a revision's drafts, and the tables the command
line prints, in columns padded with spaces."""

from __future__ import annotations


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def concordance_text(rows: list[dict[str, str]]) -> str:
    """Old number, new number, document and clause of every clause numbered in either version."""
    body = [[r["old"] or "(new)", r["new"] or "(deleted)", r["document"], r["clause"]] for r in rows
            if r["old"] or r["new"]]
    return text_table(["old", "new", "document", "clause"], body)
