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

from collections.abc import Mapping

from ..model import Amendment, Clause, Workspace
from ..ops.anchor import STALE
from ..ops.numbering import Number, letters, roman
from . import authors, i18n
from .draft import Block, Draft, Mark, Note, Paragraph, Run
from .layout import Frame, section_heading
from .proposals import TEXT_OPS, Edit, Plan, Proposals, clause_ref, mark_of, sort_key

_CHILD_STYLES = ("alpha", "lroman", "alpha", "lroman")  # as ops.numbering numbers sub-clauses


class _Compiler(Proposals):
    def __init__(self, frame: Frame, bases: Mapping[str, Workspace]) -> None:
        super().__init__(frame, bases)
        self.blocks: list[Block] = []
        self._marks: dict[str, Mark] = {}

    # -- how a proposal shows in this language -------------------------------------------------

    def shows(self, plan: Plan) -> str:
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

    def mark(self, a: Amendment) -> Mark:
        m = self._marks.get(a.id)
        if m is None:
            m = self._marks[a.id] = mark_of(self.ws, a, self.lang)
        return m

    def note(self, plan: Plan) -> Note:
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

    def note_paragraph(self, plan: Plan, missing: str = "") -> Paragraph:
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

    def alt_paragraph(self, plan: Plan, n: int, clause: Clause, depth: int) -> Paragraph:
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
        self, text: str, pieces: list[tuple[Edit, Plan]], italic: bool, noted: set[str]
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
        plan: Plan,
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


__all__ = ["compilation"]
