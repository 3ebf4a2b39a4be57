"""Where each open proposal falls in a clause's text, and which proposals compete: what the
compilation text and the synoptic table share.

``edits_for`` locates a text operation (through the text it was written against, ``BaseTexts``) and
gives the splices ``ops.apply.apply_change`` makes, cached; ``compete`` tells two proposals on one
clause that cannot both be tracked changes; ``mark_of``, ``note_of`` and ``clause_ref`` are how a
proposal is attributed and named in a draft."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import Amendment, Clause, Workspace
from ..ops import anchor, apply
from ..ops.anchor import STALE, Location, locate
from ..ops.apply import apply_change
from ..ops.diff import word_splices
from ..ops.text import Memo, memo_key
from . import authors
from .draft import Mark, Note
from .layout import Frame

TEXT_OPS = ("replace", "insert", "delete", "bracket")


@dataclass(frozen=True, slots=True)
class Edit:
    """One splice of a text: ``text[start:end]`` becomes ``new``."""

    start: int
    end: int
    new: str


_CACHE: dict[tuple[object, ...], tuple[Location, tuple[Edit, ...]]] = {}
_CACHE_MAX = 200_000


@functools.lru_cache(maxsize=1)
def _locating_code() -> str:
    """The code a location depends on (anchors, how a change applies, this module): a location
    remembered by other code is never found."""
    h = hashlib.blake2b(digest_size=8)
    for module in (anchor, apply, sys.modules[__name__]):
        try:
            h.update(Path(module.__file__ or "").read_bytes())
        except OSError:
            h.update(module.__name__.encode())
    return h.hexdigest()


def edits_for(a: Amendment, base_text: str | None, current: str,
              memo: Memo | None = None) -> tuple[Location, tuple[Edit, ...]]:
    """Where a text operation applies in ``current`` and the splices that turn ``current`` into
    ``apply_change(current, a, location)`` (none when the location is stale).  Cached in the process,
    and in ``memo`` (the parse cache) from one command to the next."""
    c = a.change
    key = (a.id, c.op, c.old, c.new, c.text, c.after, c.before, c.at, c.occurrence, c.inside_word, base_text,
           current)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    mkey = memo_key("edits_for:" + _locating_code(), repr(key[1:-1]), current) if memo is not None else b""
    got = memo.get(mkey) if memo is not None else None
    if got is not None:
        loc_fields, splices = got
        result = (Location(*loc_fields), tuple(Edit(*e) for e in splices))
    else:
        result = _edits(a, base_text, current)
        loc = result[0]
        if memo is not None and loc.problem is None:  # what is kept is plain values only
            memo[mkey] = ((loc.state, loc.start, loc.end, loc.reason, loc.found, loc.occurrence),
                          tuple((e.start, e.end, e.new) for e in result[1]))
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def _edits(a: Amendment, base_text: str | None, current: str) -> tuple[Location, tuple[Edit, ...]]:
    c = a.change
    loc = locate(a, base_text, current)
    result: tuple[Edit, ...] = ()
    if loc.state != STALE:
        new = apply_change(current, a, loc)
        if c.op == "bracket":
            s, e = (0, len(current)) if c.old is None else (loc.start, loc.end)
            while s < e and current[s].isspace():
                s += 1
            while e > s and current[e - 1].isspace():
                e -= 1
            result = (Edit(s, s, "["), Edit(e, e, "]"))
        else:
            result = (_splice(current, new, loc.start, loc.end),)
    return loc, result


def _splice(old: str, new: str, start: int, end: int) -> Edit:
    """The smallest splice old -> new whose span contains [start, end)."""
    p = _common(old, new, min(len(old), len(new), start), False)
    q = _common(old, new, min(len(old) - end, len(new) - p), True)
    return Edit(p, len(old) - q, new[p : len(new) - q])


def _common(a: str, b: str, limit: int, from_end: bool) -> int:
    """How many characters ``a`` and ``b`` share at their start (or end), at most ``limit``: found by
    halving, each step one comparison of slices (a character loop costs a clause's length per splice)."""
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        same = a[la - mid:] == b[lb - mid:] if from_end else a[:mid] == b[:mid]
        if same:
            lo = mid
        else:
            hi = mid - 1
    return lo


def minimal(text: str, edits: tuple[Edit, ...], memo: Memo | None = None) -> list[Edit]:
    """``edits`` of ``text`` as the words that change: a splice replacing a span by a text that shares
    words with it becomes the word-level difference of the two (remembered in ``memo``)."""
    out: list[Edit] = []
    for e in edits:
        if e.end > e.start and e.new:
            out.extend(Edit(e.start + s, e.start + t, new) for s, t, new in word_splices(text[e.start:e.end], e.new, memo))
        else:
            out.append(e)
    return out


def sort_key(a: Amendment) -> tuple[str, str]:
    """Submission date, then id: who came first."""
    return (a.submitted or "9999-99-99", a.id)


def mark_of(ws: Workspace, a: Amendment, lang: str) -> Mark:
    return Mark(authors.author(ws, a, lang), a.submitted or dt.date.today().isoformat())


def note_of(ws: Workspace, a: Amendment, lang: str, extra: str = "") -> Note:
    return Note(
        authors.author(ws, a, lang),
        a.submitted or dt.date.today().isoformat(),
        authors.note_text(ws, a, lang, extra),
        authors.initials(ws, a),
    )


def clause_ref(frame: Frame, clause: Clause | None, clause_id: str) -> str:
    """How a sentence names a clause: its number, else its opening words quoted, else its id."""
    if clause is None:
        return clause_id
    n = frame.numbers.get(clause.id)
    if n is not None:
        return n.ref()
    text, _ = frame.text(clause)
    return authors.quote(" ".join(text.split()[:6]) + "…", frame.lang) if text else clause_id


@dataclass(slots=True)
class Plan:
    """One open amendment as a draft shows it: where it falls, the splices it makes, why it cannot be
    located (``stale``), and whether it competes with another proposal (``won`` is False then: every
    proposal of a competing set shows as an alternative, none in the text)."""

    a: Amendment
    loc: Location | None = None
    edits: tuple[Edit, ...] = ()  # in the amendment's own language (frame text for whole brackets)
    stale: str = ""  # why it cannot be located ("" if it can)
    won: bool = True

    @property
    def span(self) -> tuple[int, int] | None:
        c = self.a.change
        if self.a.op in ("replace", "delete", "insert") or (self.a.op == "bracket" and c.old is not None):
            return (self.loc.start, self.loc.end) if self.loc else None
        return None


def _cuts(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Two spans (a point when start == end) that cannot both be changed: they overlap, or a point
    lies strictly inside the other span."""
    (xs, xe), (ys, ye) = x, y
    if xs == xe and ys == ye:
        return False
    if xs == xe:
        return ys < xs < ye
    if ys == ye:
        return xs < ys < xe
    return xs < ye and ys < xe


def compete(x: Plan, y: Plan) -> bool:
    """Two proposals on one clause's words that cannot both be tracked changes."""
    ox, oy = x.a.op, y.a.op
    if "substitute" in (ox, oy):
        return True
    whole_x, whole_y = x.span is None, y.span is None  # whole-clause brackets
    if whole_x or whole_y:
        return whole_x and whole_y
    if x.a.lang != y.a.lang:
        return False
    sx, sy = x.span, y.span
    if sx is not None and sy is not None and _cuts(sx, sy):
        return True
    return any(_cuts((e.start, e.end), (f.start, f.end)) for e in x.edits for f in y.edits)


class BaseTexts:
    """The text an amendment's anchors were written against: its target clause, in its language, in
    the version it was written against (None when that version or clause is unknown)."""

    def __init__(self, bases: Mapping[str, Workspace]) -> None:
        self.bases = bases
        self._index: dict[str, dict[str, Clause]] = {}

    def __call__(self, a: Amendment) -> str | None:
        ws = self.bases.get(a.version)
        if ws is None or not a.target:
            return None
        index = self._index.get(a.version)
        if index is None:
            index = self._index[a.version] = {p.clause.id: p.clause for p in ws.placements()}
        clause = index.get(a.target)
        return clause.text.get(a.lang) if clause is not None else None


class Proposals:
    """The open proposals on one document of a draft: where each falls (``by_target``: on a clause;
    ``before``/``after``: new or moved clauses next to one; ``orphans``: on a clause of no document),
    located in the clause's text, and which of those that compete wins (``Plan.won``).  ``collect``
    fills it in."""

    def __init__(self, frame: Frame, bases: Mapping[str, Workspace], memo: Memo | None = None) -> None:
        self.f = frame
        self.memo = memo
        self.ws = frame.ws
        self.lang = frame.lang
        self.base_text = BaseTexts(bases)
        self.nodes: dict[str, tuple[Clause, int, str | None]] = {}  # id -> clause, depth, parent id
        for section in frame.doc.sections:
            self._index(section.clauses, 0, None)
        self.by_target: dict[str, list[Plan]] = {}
        self.before: dict[str, list[Plan]] = {}
        self.after: dict[str, list[Plan]] = {}
        self.orphans: list[Plan] = []

    def _index(self, clauses: tuple[Clause, ...], depth: int, parent: str | None) -> None:
        for c in clauses:
            self.nodes.setdefault(c.id, (c, depth, parent))
            if c.children:
                self._index(c.children, depth + 1, c.id)

    def collect(self) -> None:
        known: set[str] | None = None
        first_doc = bool(self.ws.documents) and self.ws.documents[0].id == self.f.doc.id
        for a in sorted(self.ws.open_amendments(), key=sort_key):
            if self.ws.is_contribution(a):
                continue  # never in the text: listed apart (render.contributions)
            op = a.op
            ref = (a.change.after or a.change.before) if op == "add" else a.target
            if ref in self.nodes:
                plan = Plan(a)
                if op in ("add", "move"):
                    to = a.change.after if a.change.after is not None else a.change.before
                    if to in self.nodes:
                        (self.after if a.change.after is not None else self.before).setdefault(to, []).append(
                            plan
                        )
                if op != "add":
                    self.by_target.setdefault(ref, []).append(plan)
                continue
            if known is None:
                known = {p.clause.id for p in self.ws.placements()}
            if first_doc and ref not in known:
                self.orphans.append(Plan(a))
        for plans in self.by_target.values():  # clause by clause: the folded text is computed once
            for plan in plans:
                if plan.a.op in TEXT_OPS:
                    self._locate(plan)
        self._compete()

    def _locate(self, plan: Plan) -> None:
        a = plan.a
        clause = self.nodes[a.target][0]  # type: ignore[index]
        if a.op == "bracket" and a.change.old is None:
            plan.loc, plan.edits = edits_for(a, None, self.f.text(clause)[0], self.memo)
            return
        current = clause.text.get(a.lang)
        if current is None:
            plan.stale = f"the clause has no text in {a.lang}"
            return
        plan.loc, plan.edits = edits_for(a, self.base_text(a), current, self.memo)
        if plan.loc.state == STALE:
            plan.stale = plan.loc.reason

    def _compete(self) -> None:
        """Proposals that compete, directly or through another (A with B, B with C), form one set; every
        proposal of a set of two or more loses (``won`` False) and shows as an alternative: none is
        privileged by its date.  A removal or move competes with every change to its clause and to the
        clause's sub-clauses, and two moves of one clause compete."""
        plans = [p for ps in self.by_target.values() for p in ps
                 if not (p.a.op == "comment" or p.stale or (p.a.op == "move" and not self._move_ok(p.a)))]
        parent = list(range(len(plans)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        by_target: dict[str, list[int]] = {}
        for i, p in enumerate(plans):
            by_target.setdefault(p.a.target or "", []).append(i)
        for target, idx in by_target.items():
            for k, i in enumerate(idx):
                for j in idx[:k]:
                    x, y = plans[i], plans[j]
                    if "remove" in (x.a.op, y.a.op) or "move" in (x.a.op, y.a.op) or compete(x, y):
                        parent[root(i)] = root(j)
            for i in idx:
                if plans[i].a.op in ("remove", "move"):
                    for c in self.nodes[target][0].walk():
                        for j in by_target.get(c.id, ()) if c.id != target else ():
                            parent[root(i)] = root(j)
        size: dict[int, int] = {}
        for i in range(len(plans)):
            size[root(i)] = size.get(root(i), 0) + 1
        for i, p in enumerate(plans):
            p.won = size[root(i)] == 1

    def _move_ok(self, a: Amendment) -> bool:
        """A move to a clause of this document outside the moved clause's own sub-clauses."""
        ref = a.change.after or a.change.before
        return ref in self.nodes and ref not in {c.id for c in self.nodes[a.target or ""][0].walk()}
