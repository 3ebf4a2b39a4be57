"""Open amendments that compete with each other.

``kind`` of a conflict:

* ``overlap``: two amendments to the same words of a clause in the same language (the classic case:
  two delegations replacing the same words), an insertion inside words another amendment replaces,
  or a substitute of the whole clause against any other change to its text;
* ``same-place``: two insertions at the same point (both can be accepted, but the order is a choice);
* ``removed``: an amendment to a clause (or sub-clause, or next to a clause) that another removes;
* ``moved``: an amendment to a clause that another moves (including two moves of one clause).

Not conflicts: two adds at the same position (just an order), two removes of one clause (the same
outcome), comments, bracketing a whole clause (it composes with any change of its words), and any
pair with a stale location (it has no span to compare; its staleness is reported by itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from ..model import Amendment, Workspace
from .anchor import STALE, Location

SPAN_OPERATIONS = ("replace", "delete", "bracket", "insert")
TEXT_CHANGING = ("replace", "delete", "bracket", "insert", "substitute")
# the local callback that records a pair: (x, y, clause, kind, reason)
_Add = Callable[[Amendment, Amendment, str, str, str], None]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two open amendments that compete: ``first`` comes before ``second`` in the input order."""

    first: str
    second: str
    clause: str
    kind: str
    reason: str


def conflicts(ws: Workspace, amendments: Iterable[Amendment],
              locations: Mapping[str, Location]) -> list[Conflict]:
    """Every competing pair among the open ``amendments`` (``locations``: by amendment id, from
    ``anchor.locate`` on each target's current text), in input order, each pair once."""
    open_ones = [a for a in amendments if a.is_open and a.op != "comment"]
    order = {a.id: i for i, a in enumerate(open_ones)}
    found: dict[tuple[str, str], Conflict] = {}

    def add(x: Amendment, y: Amendment, clause: str, kind: str, reason: str) -> None:
        first, second = (x, y) if order[x.id] <= order[y.id] else (y, x)
        found.setdefault((first.id, second.id), Conflict(first.id, second.id, clause, kind, reason))

    by_target: dict[str, list[Amendment]] = {}
    for a in open_ones:
        if a.target:
            by_target.setdefault(a.target, []).append(a)
    for target, group in by_target.items():
        for x, y in combinations(group, 2):
            _pair(ws, x, y, target, locations, add)
    _removed_and_moved(ws, open_ones, by_target, add)
    return sorted(found.values(), key=lambda c: (order[c.first], order[c.second]))


def _span(a: Amendment, locations: Mapping[str, Location]) -> tuple[int, int] | None:
    if a.op not in SPAN_OPERATIONS or (a.op == "bracket" and a.change.old is None):
        return None
    loc = locations.get(a.id)
    if loc is None or loc.state == STALE:
        return None
    return loc.start, loc.end


def _pair(ws: Workspace, x: Amendment, y: Amendment, target: str, locations: Mapping[str, Location],
          add: _Add) -> None:
    if "substitute" in (x.op, y.op):
        other = y if x.op == "substitute" else x
        sub = x if other is y else y
        if other.op in TEXT_CHANGING:
            add(x, y, target, "overlap",
                f"{sub.id} replaces the whole text of clause '{target}', which {other.id} also changes")
        return
    if x.lang != y.lang:
        return
    sx, sy = _span(x, locations), _span(y, locations)
    if sx is None or sy is None:
        return
    text = _text(ws, target, x.lang)
    (xs, xe), (ys, ye) = sx, sy
    if xs == xe and ys == ye:
        if _skip_space(text, xs) == _skip_space(text, ys):  # "asilo| y" and "asilo |y" are one place
            add(x, y, target, "same-place",
                f"{x.id} and {y.id} both insert text at the same place in clause '{target}' ({x.lang}): "
                f"after '{_tail(text, xs)}'")
        return
    if xs == xe or ys == ye:
        point, (s, e), ins = (xs, sy, x) if xs == xe else (ys, sx, y)
        if s < point < e:
            other = y if ins is x else x
            add(x, y, target, "overlap",
                f"{ins.id} inserts text inside the words '{text[s:e]}' that {other.id} changes "
                f"in clause '{target}' ({x.lang})")
        return
    if xs < ye and ys < xe:
        words = text[max(xs, ys):min(xe, ye)]
        add(x, y, target, "overlap",
            f"{x.id} and {y.id} both change the words '{words}' in clause '{target}' ({x.lang})")


def _text(ws: Workspace, clause_id: str, lang: str) -> str:
    clause = ws.clause(clause_id)
    return clause.text.get(lang, "") if clause else ""


def _skip_space(text: str, point: int) -> int:
    while point < len(text) and text[point].isspace():
        point += 1
    return point


def _tail(text: str, point: int) -> str:
    head = text[:point].rstrip()
    cut = head.rfind(" ", 0, max(0, len(head) - 1))
    return head[cut + 1:] if cut >= 0 else head


def _removed_and_moved(ws: Workspace, open_ones: list[Amendment], by_target: dict[str, list[Amendment]],
                       add: _Add) -> None:
    by_reference: dict[str, list[Amendment]] = {}
    for a in open_ones:
        if a.op in ("add", "move"):
            ref = a.change.after or a.change.before
            if ref:
                by_reference.setdefault(ref, []).append(a)
    for a in open_ones:
        if a.op not in ("remove", "move") or not a.target:
            continue
        clause = ws.clause(a.target)
        subtree = [c.id for c in clause.walk()] if clause else [a.target]
        for cid in subtree:
            for other in by_target.get(cid, []):
                if other is a or (a.op == "remove" and other.op == "remove" and cid == a.target):
                    continue
                if a.op == "remove":
                    add(a, other, a.target, "removed",
                        f"{a.id} removes clause '{a.target}', which {other.id} amends" +
                        ("" if cid == a.target else f" (sub-clause '{cid}')"))
                elif cid == a.target:
                    what = "also moves it" if other.op == "move" else "amends it"
                    add(a, other, a.target, "moved", f"{a.id} moves clause '{a.target}'; {other.id} {what}")
            if a.op == "remove":
                for other in by_reference.get(cid, []):
                    if other is not a:
                        verb = "adds a clause" if other.op == "add" else "moves a clause"
                        add(a, other, a.target, "removed",
                            f"{a.id} removes clause '{cid}', next to which {other.id} {verb}")

