"""The import's invariant: the amendments made from a file say everything the file shows, and nothing
else (pure: no I/O).

``invariant(proposals, clauses, reading, reported)`` checks, after planning, that

* for every clause the file shows, applying the text amendments made for it to its base text (or to
  the text the draft showed, when it was amended since) gives exactly the clause's text in the file's
  accept-all reading (compared by the folding rule: whitespace, invisible characters and quote styles
  do not count);
* applying the amendments that add, remove and move clauses to the base version's order gives the
  order in which the file shows them.

It returns one warning per clause (or per order) where that fails, naming the paragraph and what was
not taken.  Clauses already reported (``reported``: a change that touches words changed since the base
version, a merged paragraph) are not reported twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Amendment, Change
from ..ops.anchor import STALE, locate
from ..ops.apply import TEXT_OPERATIONS, ApplyError, apply_change
from ..ops.text import key, shorten
from .edits import silent_edits
from .proposal import Proposal

if TYPE_CHECKING:
    from .items import BaseClause, Item, Reading


def as_amendment(p: Proposal) -> Amendment:
    """The proposal as the model's amendment (enough to apply it)."""
    op, body = next(iter(p.change.items()))
    change = Change(op, old=body.get("old"), new=body.get("new"), text=body.get("text"),
                    after=body.get("after"), before=body.get("before"), at=body.get("at"),
                    occurrence=body.get("occurrence"))
    return Amendment(id=f"paragraph {p.paragraph}", version="", by="", change=change, target=p.target,
                     lang=p.lang)


def apply_texts(base: str, start: str, amendments: Sequence[Amendment]) -> str:
    """``start`` (a text that is ``base`` or ``base`` amended since) after ``amendments``, whose anchors
    are words of ``base``; raises ApplyError when one cannot be applied."""
    text = start
    for a in amendments:
        loc = locate(a, base, text)
        if loc.state == STALE:
            raise ApplyError(f"{a.change.op} cannot be applied: {loc.reason}")
        text = apply_change(text, a, loc)
    return text


def invariant(proposals: Sequence[Proposal], clauses: Mapping[str, BaseClause], reading: Reading,
              reported: set[str]) -> list[str]:
    warnings: list[str] = []
    texts: dict[str, list[Amendment]] = {}
    for p in proposals:
        if p.target and p.op in TEXT_OPERATIONS:
            texts.setdefault(p.target, []).append(as_amendment(p))
    for it, cid in _shown(reading):
        if cid in reported or cid not in clauses:
            continue
        c = clauses[cid]
        shown = " ".join(reading.joined(it, "accepted").split())
        made = texts.get(cid, [])
        results = []
        for start in dict.fromkeys((c.text, c.current or c.text)):
            try:
                results.append(apply_texts(c.text, start, made))
            except ApplyError as e:
                warnings.append(f"clause {cid} (paragraph {it.paragraphs[0].index}): an amendment made "
                                f"cannot be applied to its text ({e}); the file's changes are not all taken")
                break
        else:
            if not any(_same(r, shown) for r in results):
                warnings.append(f"clause {cid} (paragraph {it.paragraphs[0].index}): the amendments made do "
                                f"not give the text the file shows; not taken: {_missed(results[-1], shown)}")
    warnings += _order(proposals, clauses, reading)
    return warnings


def _shown(reading: Reading) -> list[tuple[Item, str]]:
    """The clauses the file shows, where it shows them: (item, clause id)."""
    out = []
    for it in reading.items:
        if it.kind == "clause" and it.clause and not it.removed:
            out.append((it, it.clause))
        elif it.kind == "new" and it.moved_from is not None and it.moved_from.clause:
            out.append((it, it.moved_from.clause))
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(key(a).split()) == " ".join(key(b).split())


def _missed(made: str, shown: str) -> str:
    """What the file shows that the amendments do not give, briefly."""
    parts = []
    for e in silent_edits(made, shown)[:3]:
        was, now = made[e.os:e.oe].strip(), shown[e.as_:e.ae].strip()
        parts.append(f"{shorten(now, 60)!r} where the amendments give {shorten(was, 60)!r}" if was and now
                     else f"{shorten(now, 60)!r}" if now else f"no {shorten(was, 60)!r}")
    return "; ".join(parts) or "spacing only"


def _order(proposals: Sequence[Proposal], clauses: Mapping[str, BaseClause], reading: Reading) -> list[str]:
    """The order of the clauses in the file against the base order with the amendments applied."""
    added = {p.paragraph: p.change["add"]["clause"]["id"] for p in proposals if p.op == "add"}
    shown: list[str] = []
    for it in reading.items:
        if it.kind == "clause" and it.clause and not it.removed:
            shown.append(it.clause)
        elif it.kind == "new" and it.moved_from is not None and it.moved_from.clause:
            shown.append(it.moved_from.clause)
        elif it.paragraphs[0].index in added and it.kind in ("new", "other"):
            shown.append(added[it.paragraphs[0].index])
    order = list(reading.order)
    parents = {cid: c.parent for cid, c in clauses.items()}
    for p in proposals:
        body: Any = p.change[p.op]
        if p.op == "remove" and p.target in order:
            order = [c for c in order if c != p.target and not _under(c, p.target, parents)]
        elif p.op in ("add", "move"):
            moving = [p.change["add"]["clause"]["id"]] if p.op == "add" else \
                [c for c in order if c == p.target or _under(c, p.target, parents)]
            order = [c for c in order if c not in moving]
            ref = body.get("after") or body.get("before")
            if ref not in order:
                continue
            at = order.index(ref)
            if "after" in body:
                at += 1
                while at < len(order) and _under(order[at], ref, parents):
                    at += 1
            order[at:at] = moving
            if p.op == "add":
                parents[moving[0]] = parents.get(ref)
    seen = set(shown)
    expected = [c for c in order if c in seen]
    if expected == shown:
        return []
    n = next((i for i, (a, b) in enumerate(zip(expected, shown)) if a != b), min(len(expected), len(shown)))
    return [f"the clauses stand in the file in another order than the amendments give: from clause "
            f"{n + 1} of the file on, the file has {', '.join(shown[n:n + 3])} where the amendments give "
            f"{', '.join(expected[n:n + 3]) or 'nothing'}"]


def _under(cid: str, ancestor: str | None, parents: Mapping[str, str | None]) -> bool:
    parent = parents.get(cid)
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parents.get(parent)
    return False
