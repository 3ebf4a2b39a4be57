"""Progress across versions in figures: what the chair's briefing and the site's charts show.

Plain data, no I/O (``drafting report --format json`` prints it as it is):

* per version (each issued text, then the text as it stands now): paragraphs by status, the
  negotiators' square brackets, proposals open when it was issued, paragraphs awaiting translation per
  language;
* per delegation: the proposals it made, by fate (what became of them: accepted, ... , open).

A paragraph is a clause that is not a heading, sub-clauses included (as ``drafting status`` counts).
Brackets are counted in the original language's text, outermost pairs (as ``validate`` counts them).
"Open when issued": written against an earlier version and not decided by the version's date -- a
decision on the day of issue counts as taken before it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..model import Amendment, Version, Workspace
from ..vocab import AMENDMENT_STATUSES, CLAUSE_STATUSES, OPEN_STATUSES
from .validate import count_brackets

NOW = "now"  # the id of the last column: the text as it stands, after the last issued version
# what became of a proposal: its status, with "submitted" read as "open"
FATES = (*(s for s in AMENDMENT_STATUSES if s not in OPEN_STATUSES), "open")


def fate(a: Amendment) -> str:
    return "open" if a.is_open else a.status


def text_figures(ws: Workspace) -> dict[str, Any]:
    """Paragraphs by status, brackets and paragraphs awaiting translation per language, of one text."""
    by_status: Counter[str] = Counter()
    awaiting: Counter[str] = Counter()
    brackets = 0
    orig = ws.original_language
    for p in ws.placements():
        c = p.clause
        brackets += count_brackets(c.text.get(orig, ""))
        if c.kind == "heading":
            continue
        by_status[c.status] += 1
        for lang in ws.languages:
            if lang in c.pending_translation or lang not in c.text:
                awaiting[lang] += 1
    return {
        "paragraphs": sum(by_status.values()),
        "by_status": {s: by_status.get(s, 0) for s in CLAUSE_STATUSES},
        "brackets": brackets,
        "awaiting_translation": {lang: awaiting.get(lang, 0) for lang in ws.languages
                                 if lang != ws.original_language},
    }


def open_at(amendments: Sequence[Amendment], earlier: set[str], date: str | None) -> int:
    """Proposals written against one of the ``earlier`` versions still undecided on ``date``."""
    n = 0
    for a in amendments:
        if a.version not in earlier:
            continue
        decided = a.decision.date if a.decision is not None else None
        if a.is_open or date is None or not decided or decided > date:
            n += 1
    return n


def progress(ws: Workspace, issued: Sequence[tuple[Version, Workspace | None]]) -> dict[str, Any]:
    """The figures of every issued version (``issued``: each version with its text as issued, None when
    it was never tagged) and of the text as it stands (``ws``, with its amendments)."""
    versions: list[dict[str, Any]] = []
    earlier: set[str] = set()
    for v, text in issued:
        row: dict[str, Any] = {"id": v.id, "label": v.display("en"), "labels": dict(v.label), "date": v.date,
                               "issued": text is not None}
        if text is not None:
            row.update(text_figures(text))
        row["open_proposals"] = open_at(ws.amendments, earlier, v.date)
        versions.append(row)
        earlier.add(v.id)
    now = {"id": NOW, "label": "Now", "labels": {}, "date": None, "issued": False, **text_figures(ws),
           "open_proposals": sum(1 for a in ws.amendments if a.is_open)}
    versions.append(now)
    delegations: dict[str, Counter[str]] = {}
    cosponsored: dict[str, Counter[str]] = {}
    for a in ws.amendments:
        delegations.setdefault(a.by, Counter())[fate(a)] += 1
        for code in a.cosponsors:
            if code != a.by:
                cosponsored.setdefault(code, Counter())[fate(a)] += 1
    fates_total: Counter[str] = Counter(fate(a) for a in ws.amendments)
    return {
        "title": dict(ws.title),
        "symbol": ws.symbol,
        "original_language": ws.original_language,
        "languages": list(ws.languages),
        "statuses": list(CLAUSE_STATUSES),
        "fates": list(FATES),
        "versions": versions,
        "delegations": {code: {f: counts.get(f, 0) for f in FATES}
                        for code, counts in sorted(delegations.items())},
        "cosponsored": {code: {f: counts.get(f, 0) for f in FATES}
                        for code, counts in sorted(cosponsored.items())},
        "proposals": {f: fates_total.get(f, 0) for f in FATES},
    }
