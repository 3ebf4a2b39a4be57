"""The progress report: per clause, per delegation, totals.  Plain data; the CLI formats it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..model import Workspace
from ..vocab import AMENDMENT_STATUSES, CLAUSE_STATUSES
from .anchor import locate
from .conflicts import Conflict, conflicts
from .numbering import number_workspace
from .validate import count_brackets


def competing(ws: Workspace, bases: Mapping[str, Workspace]) -> list[Conflict]:
    """The open amendments that compete with each other (ops.conflicts), each located in its target's
    current text from the text of the version it was written against (``bases``)."""
    locations = {}
    for a in ws.open_amendments():
        if ws.is_contribution(a):
            continue  # never in the text: it competes with nothing
        clause = ws.clause(a.target) if a.target else None
        if clause is None:
            continue
        base = bases.get(a.version)
        base_clause = base.clause(a.target) if base is not None and a.target else None
        base_text = base_clause.text.get(a.lang) if base_clause is not None else None
        locations[a.id] = locate(a, base_text, clause.text.get(a.lang, ""))
    return conflicts(ws, [a for a in ws.amendments if not ws.is_contribution(a)], locations)


def status_report(ws: Workspace, base: Workspace | None = None,
                  bases: Mapping[str, Workspace] | None = None) -> dict[str, Any]:
    """Clauses with number, status, open amendments, the pairs of them that compete, and brackets (and,
    apart, open contributions); amendments per delegation by status, contributions per observer,
    organization or civil society and which were sponsored; totals (clauses by status, brackets per
    document, amendments and, apart, contributions by status).  ``bases``: the texts amendments were
    written against (without them, no competition is looked for)."""
    numbers = number_workspace(ws, base, references=True)
    rivals: dict[str, list[list[str]]] = {}
    for c in competing(ws, bases) if bases is not None else ():
        rivals.setdefault(c.clause, []).append([c.first, c.second, c.kind])
    open_by_clause: dict[str, list[str]] = {}
    contributions_by_clause: dict[str, list[str]] = {}
    for a in ws.amendments:
        key = a.target or a.change.after or a.change.before  # an add counts at its reference clause
        if a.is_open and key:
            (contributions_by_clause if ws.is_contribution(a) else open_by_clause).setdefault(key, []).append(a.id)
    orig = ws.original_language
    clauses = []
    by_status: Counter[str] = Counter()
    brackets: Counter[str] = Counter()
    for p in ws.placements():
        c = p.clause
        n = count_brackets(c.text.get(orig, ""))
        brackets[p.document.id] += n
        if c.kind != "heading":
            by_status[c.status] += 1
        clauses.append({
            "id": c.id, "document": p.document.id, "section": p.section.id,
            "number": numbers[c.id].ref() if c.id in numbers else "",
            "kind": c.kind, "status": c.status if c.kind != "heading" else "",
            "open_amendments": open_by_clause.get(c.id, []),
            "contributions": contributions_by_clause.get(c.id, []),
            "competing": rivals.get(c.id, []),
            "brackets": n, "pending_translation": list(c.pending_translation),
        })
    # contributions (observers, organizations, civil society) are counted apart from the amendments
    delegations: dict[str, Counter[str]] = {}
    contributors: dict[str, Counter[str]] = {}
    amendments: Counter[str] = Counter()
    contributions: Counter[str] = Counter()
    sponsored = ws.sponsorships()
    for a in ws.amendments:
        if ws.is_contribution(a):
            contributors.setdefault(a.by, Counter())[a.status] += 1
            contributions[a.status] += 1
        else:
            delegations.setdefault(a.by, Counter())[a.status] += 1
            amendments[a.status] += 1
    return {
        "clauses": clauses,
        "delegations": {code: {s: counts[s] for s in AMENDMENT_STATUSES if counts[s]}
                        for code, counts in sorted(delegations.items())},
        "contributors": {code: {s: counts[s] for s in AMENDMENT_STATUSES if counts[s]}
                         for code, counts in sorted(contributors.items())},
        "sponsored": {cid: [a.id for a in taken] for cid, taken in sorted(sponsored.items())},
        "totals": {
            "clauses": sum(by_status.values()),
            "by_status": {s: by_status.get(s, 0) for s in CLAUSE_STATUSES},
            "brackets": dict(brackets),
            "amendments": {s: amendments.get(s, 0) for s in AMENDMENT_STATUSES},
            "open_amendments": amendments.get("submitted", 0),
            "contributions": {s: contributions.get(s, 0) for s in AMENDMENT_STATUSES},
            "open_contributions": contributions.get("submitted", 0),
            "sponsored_contributions": sum(1 for cid in sponsored
                                           if (x := ws.amendment(cid)) is not None and ws.is_contribution(x)),
            "pending_translation": sum(1 for c in clauses if c["pending_translation"]),
            "competing": sum(len(c["competing"]) for c in clauses),
        },
    }
