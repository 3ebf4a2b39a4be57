"""The compilation text: the current text with every open amendment shown as a Word tracked change
attributed to its proponents, its rationale as a comment — and nothing left out.

``compilation(frame, bases) -> Draft``; ``bases[version]`` is the workspace as issued in that version
(the text an amendment's anchors were written against).

How each open amendment of the document shows (each also carries a comment ``"<id>: <rationale>
Con el apoyo de: …"``, authored by its proponents):

* a change to words (replace, insert, delete, bracket) written in the draft's language: ``w:del`` of
  the old words and ``w:ins`` of the new ones, exactly the splice ``ops.apply.apply_change`` makes,
  so accepting it in Word gives what ``decide accept`` gives; bracket = inserted ``[`` and ``]``;
* substitute: the whole old text deleted, the new text inserted (when it is given in this language);
* add: a whole inserted paragraph after (before) its reference clause, numbered as the next text
  will number it (``12 bis``); remove: the clause and its sub-clauses as deleted paragraphs (their
  paragraph marks too); move: deleted at the old place, inserted at the new one (own number kept);
* comment: a comment on the clause's paragraph.

Competing proposals (the same words changed twice, a clause changed and removed, moved twice, a
substitute against any other change of the words) cannot all be tracked changes at once: the first
by submission date (then id) is; every other one becomes an *alternative* paragraph right under the
clause — ``Alt. 1 (Colombia): <the clause as that proposal would make it>`` — itself an inserted
paragraph attributed to its proponents.  The same choice is made in every language.

A proposal that cannot be shown as a change in this language — written in another language (never
translated here), or whose words are no longer in the clause (stale) — becomes a *note* paragraph
under the clause: ``zero-JAM-001 — Proposal in English by Jamaica: insert “…” after “…”``.

Alternatives and notes are inserted paragraphs, so "Reject all" in Word gives back exactly the
current (clean) text, and "Accept all" gives the text with every tracked proposal applied followed
by the alternatives and notes.  Locations and splices are cached across calls (``edits_for``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Amendment, Clause, Workspace
from ..ops.anchor import STALE, Location, locate
from ..ops.apply import apply_change
from ..ops.numbering import Number, letters, roman
from . import authors, i18n
from .draft import Block, Draft, Mark, Note, Paragraph, Run
from .layout import Frame, section_heading

TEXT_OPS = ("replace", "insert", "delete", "bracket")
_CHILD_STYLES = ("alpha", "lroman", "alpha", "lroman")  # as ops.numbering numbers sub-clauses


@dataclass(frozen=True, slots=True)
class Edit:
    """One splice of a text: ``text[start:end]`` becomes ``new``."""

    start: int
    end: int
    new: str


_CACHE: dict[tuple[object, ...], tuple[Location, tuple[Edit, ...]]] = {}
_CACHE_MAX = 200_000


def edits_for(a: Amendment, base_text: str | None, current: str) -> tuple[Location, tuple[Edit, ...]]:
    """Where a text operation applies in ``current`` and the splices that turn ``current`` into
    ``apply_change(current, a, location)`` (none when the location is stale).  Cached."""
    c = a.change
    key = (a.id, c.op, c.old, c.new, c.text, c.after, c.before, c.at, c.occurrence, base_text, current)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
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
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = (loc, result)
    return loc, result


def _splice(old: str, new: str, start: int, end: int) -> Edit:
    """The smallest splice old -> new whose span contains [start, end)."""
    limit = min(len(old), len(new), start)
    p = 0
    while p < limit and old[p] == new[p]:
        p += 1
    limit = min(len(old) - end, len(new) - p)
    q = 0
    while q < limit and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    return Edit(p, len(old) - q, new[p : len(new) - q])


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
class _Plan:
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


def _compete(x: _Plan, y: _Plan) -> bool:
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


class _Compiler:
    def __init__(self, frame: Frame, bases: Mapping[str, Workspace]) -> None:
        self.f = frame
        self.ws = frame.ws
        self.lang = frame.lang
        self.base_text = BaseTexts(bases)
        self.nodes: dict[str, tuple[Clause, int, str | None]] = {}  # id -> clause, depth, parent id
        for section in frame.doc.sections:
            self._index(section.clauses, 0, None)
        self.by_target: dict[str, list[_Plan]] = {}
        self.before: dict[str, list[_Plan]] = {}
        self.after: dict[str, list[_Plan]] = {}
        self.orphans: list[_Plan] = []
        self.blocks: list[Block] = []
        self._marks: dict[str, Mark] = {}

    def _index(self, clauses: tuple[Clause, ...], depth: int, parent: str | None) -> None:
        for c in clauses:
            self.nodes.setdefault(c.id, (c, depth, parent))
            if c.children:
                self._index(c.children, depth + 1, c.id)

    # -- which proposals, where, and which of them compete -------------------------------------

    def collect(self) -> None:
        known: set[str] | None = None
        first_doc = bool(self.ws.documents) and self.ws.documents[0].id == self.f.doc.id
        for a in sorted(self.ws.open_amendments(), key=sort_key):
            op = a.op
            ref = (a.change.after or a.change.before) if op == "add" else a.target
            if ref in self.nodes:
                plan = _Plan(a)
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
                self.orphans.append(_Plan(a))
        for plans in self.by_target.values():  # clause by clause: the folded text is computed once
            for plan in plans:
                if plan.a.op in TEXT_OPS:
                    self._locate(plan)
        self._compete()

    def _locate(self, plan: _Plan) -> None:
        a = plan.a
        clause = self.nodes[a.target][0]  # type: ignore[index]
        if a.op == "bracket" and a.change.old is None:
            plan.loc, plan.edits = edits_for(a, None, self.f.text(clause)[0])
            return
        current = clause.text.get(a.lang)
        if current is None:
            plan.stale = f"the clause has no text in {a.lang}"
            return
        plan.loc, plan.edits = edits_for(a, self.base_text(a), current)
        if plan.loc.state == STALE:
            plan.stale = plan.loc.reason

    def _compete(self) -> None:
        winners: dict[str, list[_Plan]] = {}
        blocking: set[str] = set()  # clauses that a winning proposal removes or moves
        plans = sorted((p for ps in self.by_target.values() for p in ps), key=lambda p: sort_key(p.a))
        for plan in plans:
            a = plan.a
            if a.op == "comment" or plan.stale or (a.op == "move" and not self._move_ok(a)):
                continue  # these compete with nothing: they show as comments or notes
            target = a.target or ""
            node: str | None = target
            lost = False
            while node is not None and not lost:
                lost = node in blocking
                node = self.nodes[node][2]
            if not lost and a.op in ("remove", "move"):
                lost = any(winners.get(c.id) for c in self.nodes[target][0].walk())
            if not lost:
                lost = any(_compete(w, plan) for w in winners.get(target, ()))
            if lost:
                plan.won = False
                continue
            winners.setdefault(target, []).append(plan)
            if a.op in ("remove", "move"):
                blocking.add(target)

    # -- how a proposal shows in this language -------------------------------------------------

    def shows(self, plan: _Plan) -> str:
        """change | alt | note | comment."""
        a = plan.a
        if a.op == "comment":
            return "comment"
        if plan.stale:
            return "note"
        if a.op in TEXT_OPS and not (a.op == "bracket" and a.change.old is None) and a.lang != self.lang:
            return "note"
        if a.op == "substitute" and self.lang not in (a.change.texts or {}):
            return "note"
        if a.op == "add" and (a.change.clause is None or self.lang not in a.change.clause.text):
            return "note"
        if a.op == "move" and not self._move_ok(a):
            return "note"
        return "change" if plan.won else "alt"

    def _move_ok(self, a: Amendment) -> bool:
        """A move to a clause of this document outside the moved clause's own sub-clauses."""
        ref = a.change.after or a.change.before
        return ref in self.nodes and ref not in {c.id for c in self.nodes[a.target or ""][0].walk()}

    def mark(self, a: Amendment) -> Mark:
        m = self._marks.get(a.id)
        if m is None:
            m = self._marks[a.id] = mark_of(self.ws, a, self.lang)
        return m

    def note(self, plan: _Plan) -> Note:
        extra = ""
        if plan.loc is not None and plan.loc.state not in (STALE, "exact"):
            extra = i18n.label("reanchored", self.lang, reason=plan.loc.reason)
        elif plan.stale:
            extra = plan.stale
        a, m = plan.a, self.mark(plan.a)
        return Note(
            m.author, m.date, authors.note_text(self.ws, a, self.lang, extra), authors.initials(self.ws, a)
        )

    def describe(self, a: Amendment) -> str:
        return authors.describe(
            self.ws, a, self.lang, lambda cid: clause_ref(self.f, self.nodes.get(cid, (None,))[0], cid)
        )

    def note_paragraph(self, plan: _Plan, missing: str = "") -> Paragraph:
        a, lang = plan.a, self.lang
        who = self.mark(a).author
        what = self.describe(a)
        if missing:
            proposal = i18n.label("proposal_by", lang, author=who, what=what)
            text = i18n.label("not_found", lang, clause=missing, proposal=proposal)
        elif plan.stale:
            text = i18n.label("stale", lang, proposal=i18n.label("proposal_by", lang, author=who, what=what))
        elif a.lang != lang:
            text = i18n.label(
                "proposal_in", lang, language=i18n.language_name(a.lang, lang), author=who, what=what
            )
        else:
            text = i18n.label("proposal_by", lang, author=who, what=what)
        return Paragraph(
            (Run(f"{a.id} — ", bold=True), Run(text)),
            style="note",
            mark_change="ins",
            mark=self.mark(a),
            notes=(self.note(plan),),
        )

    def alt_paragraph(self, plan: _Plan, n: int, clause: Clause, depth: int) -> Paragraph:
        a, lang = plan.a, self.lang
        current, _ = self.f.text(clause)
        prefix = Run(i18n.label("alt.line", lang, n=n, author=self.mark(a).author), bold=True)
        if a.op in TEXT_OPS:
            edits = sorted(plan.edits, key=lambda e: (e.start, e.end))
            middle, pos = "", edits[0].start
            for e in edits:
                middle += current[pos : e.start] + e.new
                pos = max(pos, e.end)
            runs: tuple[Run, ...] = (
                prefix,
                Run(current[: edits[0].start]),
                Run(middle, bold=True),
                Run(current[pos:]),
            )
        elif a.op == "substitute":
            runs = (prefix, Run((a.change.texts or {})[lang]))
        else:
            runs = (prefix, Run(self.describe(a)))
        return Paragraph(
            tuple(r for r in runs if r.text),
            style="alternative",
            level=depth,
            mark_change="ins",
            mark=self.mark(a),
            notes=(self.note(plan),),
        )

    # -- the text ------------------------------------------------------------------------------

    def build(self) -> tuple[Block, ...]:
        for si, section in enumerate(self.f.doc.sections):
            head = section_heading(self.f, si)
            if head is not None:
                self.blocks.append(head)
            ctx = None if section.numbering == "none" else ((), (section.numbering,))
            self.emit_list(section.clauses, 0, None, ctx)
        for plan in self.orphans:
            a = plan.a
            missing = (a.change.after or a.change.before) if a.op == "add" else a.target
            self.blocks.append(self.note_paragraph(plan, missing=missing or "?"))
        return tuple(self.blocks)

    def emit_list(
        self,
        clauses: tuple[Clause, ...],
        depth: int,
        deleted: Mark | None,
        ctx: tuple[tuple[tuple[str, int], ...], tuple[str, ...]] | None,
    ) -> None:
        prev: Number | None = None
        for c in clauses:
            for plan in self.before.get(c.id, ()):
                prev = self.emit_inserted(plan, prev, depth, ctx)
            self.emit_clause(c, depth, deleted)
            n = self.f.numbers.get(c.id)
            if n is not None and c.kind != "heading":
                prev = n
            for plan in self.after.get(c.id, ()):
                prev = self.emit_inserted(plan, prev, depth, ctx)

    def emit_clause(self, c: Clause, depth: int, deleted: Mark | None) -> None:
        f = self.f
        plans = self.by_target.get(c.id, [])
        shown = [(p, self.shows(p)) for p in plans]
        notes = [self.note(p) for p, s in shown if s == "comment"]
        text, awaiting = f.text(c)
        italic = awaiting and self.lang not in c.text
        runs: tuple[Run, ...] = (Run(text, italic=italic),)
        own_delete = next((p for p, s in shown if s == "change" and p.a.op in ("remove", "move")), None)
        if own_delete is not None:
            notes.append(self.note(own_delete))
            deleted = deleted or self.mark(own_delete.a)
        elif deleted is None:
            sub = next((p for p, s in shown if s == "change" and p.a.op == "substitute"), None)
            if sub is not None:
                m = self.mark(sub.a)
                runs = (
                    Run(text, "del", m, italic=italic),
                    Run((sub.a.change.texts or {})[self.lang], "ins", m),
                )
                notes.append(self.note(sub))
            else:
                changed = [p for p, s in shown if s == "change" and p.a.op in TEXT_OPS]
                noted: set[str] = set()
                if changed:
                    runs = self.tracked_runs(text, [(e, p) for p in changed for e in p.edits], italic, noted)
                # a change that leaves no visible mark (it changes nothing) keeps its comment
                notes.extend(self.note(p) for p in changed if p.a.id not in noted)
        self.blocks.append(
            Paragraph(
                runs,
                style="heading" if c.kind == "heading" else "clause",
                number=f.number(c),
                level=depth,
                anchor=c.id,
                label=f.labels(c, awaiting),
                mark_change="del" if deleted else "",
                mark=deleted,
                notes=tuple(notes),
            )
        )
        alts = [p for p, s in shown if s == "alt"]
        for n_alt, p in enumerate(alts, 1):  # alternatives first, then what only a note can show
            self.blocks.append(self.alt_paragraph(p, n_alt, c, depth))
        self.blocks.extend(self.note_paragraph(p) for p, s in shown if s == "note")
        n = f.numbers.get(c.id)
        ctx = None
        if n is not None and c.kind != "heading":
            ctx = (n.parts, (*n.styles, _CHILD_STYLES[min(len(n.parts) - 1, 3)]))
        self.emit_list(c.children, depth + 1, deleted, ctx)

    def tracked_runs(
        self, text: str, pieces: list[tuple[Edit, _Plan]], italic: bool, noted: set[str]
    ) -> tuple[Run, ...]:
        """The clause text with the splices as attributed runs; ``noted`` collects the ids whose
        comment found a run to sit on."""
        out: list[Run] = []
        pos = 0
        for e, plan in sorted(pieces, key=lambda x: (x[0].start, x[0].end, sort_key(x[1].a))):
            if e.start > pos:
                out.append(Run(text[pos : e.start], italic=italic))
            m = self.mark(plan.a)
            note = () if plan.a.id in noted or (e.end == e.start and not e.new) else (self.note(plan),)
            if note:
                noted.add(plan.a.id)
            if e.end > e.start:
                out.append(Run(text[e.start : e.end], "del", m, italic=italic, notes=() if e.new else note))
            if e.new:
                out.append(Run(e.new, "ins", m, notes=note))
            pos = max(pos, e.end)
        if pos < len(text):
            out.append(Run(text[pos:], italic=italic))
        return tuple(out)

    def emit_inserted(
        self,
        plan: _Plan,
        prev: Number | None,
        depth: int,
        ctx: tuple[tuple[tuple[str, int], ...], tuple[str, ...]] | None,
    ) -> Number | None:
        """An added (or moved-in) clause where it would go; returns the last number of the list."""
        a = plan.a
        if self.shows(plan) != "change":
            if a.op == "add":
                self.blocks.append(self.note_paragraph(plan))
            return prev  # a move that is not a change shows under the clause it would move
        m = self.mark(a)
        if a.op == "move":
            self._inserted_tree(
                self.nodes[a.target or ""][0], depth, m, (self.note(plan),), own_numbers=True, number=None
            )
            return prev
        clause = a.change.clause
        assert clause is not None
        number = None
        if ctx is not None and clause.kind != "heading":
            if prev is not None:
                base, extra = prev.parts[-1]
                number = Number((*prev.parts[:-1], (base, extra + 1)), prev.styles)
            else:
                number = Number((*ctx[0], ("0", 1)), ctx[1])
        self._inserted_tree(clause, depth, m, (self.note(plan),), own_numbers=False, number=number)
        return number or prev

    def _inserted_tree(
        self,
        clause: Clause,
        depth: int,
        m: Mark,
        notes: tuple[Note, ...],
        own_numbers: bool,
        number: Number | None,
    ) -> None:
        f = self.f
        if own_numbers:
            text, awaiting = f.text(clause)
            label, num = f.labels(clause, awaiting), f.number(clause)
        else:
            text = clause.text.get(self.lang) or clause.text.get(self.ws.original_language) or ""
            label, num = f.labels(clause, False), (number.own(self.lang) if number else "")
        self.blocks.append(
            Paragraph(
                (Run(text),),
                style="heading" if clause.kind == "heading" else "clause",
                number=num,
                level=depth,
                anchor=clause.id,
                label=label,
                mark_change="ins",
                mark=m,
                notes=notes,
            )
        )
        k = 0
        for child in clause.children:
            child_number = None
            if number is not None and child.kind != "heading":
                k += 1
                style = _CHILD_STYLES[min(len(number.parts) - 1, 3)]
                part = letters(k) if style == "alpha" else roman(k).lower()
                child_number = Number((*number.parts, (part, 0)), (*number.styles, style))
            self._inserted_tree(child, depth + 1, m, (), own_numbers, child_number)


def compilation(frame: Frame, bases: Mapping[str, Workspace]) -> Draft:
    """The current text of ``frame.doc`` with every open amendment of the document as an attributed
    tracked change, alternative or note (see the module docstring)."""
    c = _Compiler(frame, bases)
    c.collect()
    return frame.draft("compilation", c.build())


__all__ = ["Edit", "clause_ref", "compilation", "edits_for", "mark_of", "note_of", "sort_key"]
