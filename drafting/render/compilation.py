"""The compilation text: the current text with every open amendment shown as a Word tracked change
attributed to its proponents, its rationale as a comment, and -- on the page -- its proponents printed
next to it; nothing left out.

``compilation(frame, bases) -> Draft``; ``bases[version]`` is the workspace as issued in that version
(the text an amendment's anchors were written against).

How each open amendment of the document shows (each also carries a comment ``"<id>: <rationale>
Con el apoyo de: …"``, authored by its proponents):

* a change to words (replace, insert, delete, bracket) written in the draft's language: the words that
  change, ``w:del`` of the old ones and ``w:ins`` of the new ones -- a replacement as the word-level
  difference of old and new (``ops.diff.word_splices``), so "sistemas nacionales" -> "sistemas
  nacionales y regionales" shows "y regionales" inserted -- exactly the text ``ops.apply.apply_change``
  makes, so accepting it in Word gives what ``decide accept`` gives; bracket = inserted ``[`` and ``]``;
* substitute: the word-level difference of the old and the new text (when given in this language);
* add: a whole inserted paragraph after (before) its reference clause, numbered as the next text
  will number it (``12 bis``); remove: the clause and its sub-clauses as deleted paragraphs (their
  paragraph marks too); move: deleted at the old place, inserted at the new one (own number kept);
* comment: a comment on the clause's paragraph.

On the page (``frame.attribution == "page"``, see ``render.attribution``) each of these is bracketed and
followed by its proponents: ``sistemas nacionales [y regionales – Brasil, Argentina, Uruguay
(MERCOSUR)]``; a comment shows as ``[comentario – Perú]``.

Competing proposals (the same words changed twice, a clause changed and removed, moved twice, a
substitute against any other change of the words -- and every proposal competing with one of those):
none is privileged.  The clause keeps its text, and each proposal of the set is an *alternative*
paragraph right under it, in submission order -- ``Alt. 1 – Colombia: <the clause as that proposal
would make it, the change tracked>``, ``Alt. 2 – Paraguay: suprimir el párrafo`` -- the same in every
language.

A proposal that cannot be shown as a change in this language -- written in another language (never
translated here), or whose words are no longer in the clause (stale) -- becomes a *note* paragraph
under the clause: ``zero-JAM-001 — Propuesta en inglés de Jamaica: sustituir «…» por «…»``, its quoted
words marked as English.

Alternatives, notes, tags and status labels are not text: never tracked, in their own Word styles.  So
"Reject all" in Word gives the current (clean) text and "Accept all" the text with every proposal that
competes with none applied, once the paragraphs and runs in those styles are set aside (tests do so
on the XML).  Locations and splices are cached across calls (``edits_for``).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Amendment, Clause, Workspace
from ..ops.anchor import STALE
from ..ops.diff import word_splices
from ..ops.numbering import Number, letters, roman
from ..ops.text import Memo
from . import attribution, authors, contributions, i18n
from .draft import Block, Draft, Mark, Note, Paragraph, Run
from .layout import Frame, section_heading
from .proposals import TEXT_OPS, Edit, Plan, Proposals, clause_ref, mark_of, minimal, sort_key

_CHILD_STYLES = ("alpha", "lroman", "alpha", "lroman")  # as ops.numbering numbers sub-clauses
# how the numbers of a list of clauses go on: the parent's parts, the styles, the reference prefix
Ctx = tuple[tuple[tuple[str, int], ...], tuple[str, ...], str]
_QUOTED = ("\x02", "\x03")  # around the quoted words of a description, to mark their language


class _Compiler(Proposals):
    def __init__(self, frame: Frame, bases: Mapping[str, Workspace], memo: Memo | None = None) -> None:
        super().__init__(frame, bases, memo)
        self.blocks: list[Block] = []
        self.page = frame.attribution == "page"
        self._marks: dict[str, Mark] = {}
        self._names: dict[str, str] = {}
        self._open: dict[str, Amendment] = {}
        self._notes: dict[str, Note] = {}
        self._minimal: dict[str, list[Edit]] = {}

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

    def minimal(self, text: str, plan: Plan) -> list[Edit]:
        """The words ``plan`` changes in ``text`` (its clause's text in this language)."""
        edits = self._minimal.get(plan.a.id)
        if edits is None:
            edits = self._minimal[plan.a.id] = minimal(text, plan.edits, self.memo)
        return edits

    def names(self, aid: str) -> str:
        """The proponents of ``aid`` as its tag prints them."""
        n = self._names.get(aid)
        if n is None:
            if not self._open:
                self._open = {a.id: a for a in self.ws.open_amendments()}
            a = self._open[aid]
            n = self._names[aid] = attribution.names(self.ws, a, self.lang, self.mark(a).author)
        return n

    def note(self, plan: Plan) -> Note:
        note = self._notes.get(plan.a.id)
        if note is None:
            note = self._notes[plan.a.id] = self._note(plan)
        return note

    def _note(self, plan: Plan) -> Note:
        extra = ""
        if plan.loc is not None and plan.loc.state not in (STALE, "exact"):
            extra = i18n.label("reanchored", self.lang, reason=plan.loc.reason)
        elif plan.stale:
            extra = plan.stale
        remarks = (*self.f.remarks.get(plan.a.id, ()), contributions.sponsoring(self.ws, plan.a, self.lang))
        extra = " ".join(x for x in (extra, *(r + "." for r in remarks if r)) if x)
        a, m = plan.a, self.mark(plan.a)
        return Note(
            m.author, m.date, authors.note_text(self.ws, a, self.lang, extra), authors.initials(self.ws, a)
        )

    def describe(self, a: Amendment, marked: bool = False) -> str:
        return authors.describe(
            self.ws, a, self.lang, lambda cid: clause_ref(self.f, self.nodes.get(cid, (None,))[0], cid),
            marks=_QUOTED if marked else None,
        )

    def described(self, text: str, a: Amendment) -> list[Run]:
        """A sentence with its quoted words (marked by ``describe(..., marked=True)``) as runs in the
        proposal's language when it is not the draft's."""
        out: list[Run] = []
        rest = text
        while _QUOTED[0] in rest:
            before, _, rest = rest.partition(_QUOTED[0])
            quoted, _, rest = rest.partition(_QUOTED[1])
            out.append(Run(before))
            out.append(Run(quoted, lang=a.lang if a.lang != self.lang else ""))
        out.append(Run(rest))
        return [r for r in out if r.text]

    def note_paragraph(self, plan: Plan, missing: str = "") -> Paragraph:
        """What only a sentence can say of a proposal."""
        a, lang = plan.a, self.lang
        who = self.mark(a).author
        what = self.describe(a, marked=True)
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
        runs = [Run(f"{a.id} — ", bold=True), *self.described(text, a)]
        link = contributions.sponsoring(self.ws, a, lang)  # a state's amendment taking up a contribution
        if link:
            runs.append(Run(f" ({link[:1].lower()}{link[1:]})"))
        return Paragraph(tuple(runs), style="note", notes=(self.note(plan),))

    def alt_paragraph(self, plan: Plan, n: int, clause: Clause, depth: int) -> Paragraph:
        """The clause as one competing proposal would make it, the change tracked."""
        a, lang = plan.a, self.lang
        current, _ = self.f.text(clause)
        if self.page:
            head = i18n.label("alt.tag", lang, n=n, author=self.names(a.id))
        else:
            head = i18n.label("alt.plain", lang, n=n)
        prefix = Run(head, bold=True, tag=self.page)
        runs: list[Run]
        if self.shows(plan) == "note":  # written in another language: what it proposes, in words
            what = self.describe(a, marked=True)
            runs = self.described(i18n.label("alt.other_language", lang, language=i18n.language_name(a.lang, lang),
                                             what=what) + ".", a)
        elif a.op in TEXT_OPS:
            runs = self.tracked_runs(current, [(e, plan) for e in self.minimal(current, plan)], False)[0]
        elif a.op == "substitute":
            new = (a.change.texts or {})[lang]
            edits = [(Edit(s, e, t), plan) for s, e, t in word_splices(current, new, self.memo)]
            runs = self.tracked_runs(current, edits, False)[0]
        elif a.op == "remove":  # in words, as a move is: the paragraph struck again would read as a text
            runs = [Run(i18n.label("proposal.remove", lang) + ".")]
        else:
            runs = [Run(self.describe(a) + ".")]
        return Paragraph((prefix, *(r for r in runs if r.text)), style="alternative", level=depth,
                         notes=(self.note(plan),))

    # -- the text ------------------------------------------------------------------------------

    def build(self) -> tuple[Block, ...]:
        for si, section in enumerate(self.f.doc.sections):
            head = section_heading(self.f, si)
            if head is not None:
                self.blocks.append(head)
            style = "arabic" if section.numbering == "none" else section.numbering
            ctx: Ctx | None = None
            if section.numbering != "none" or (section.reference and self.f.references):
                ctx = ((), (style,), (section.reference or "") if self.f.references else "")
            self.emit_list(section.clauses, 0, None, ctx)
        for plan in self.orphans:
            a = plan.a
            missing = (a.change.after or a.change.before) if a.op == "add" else a.target
            self.blocks.append(self.note_paragraph(plan, missing=missing or "?"))
        self.blocks.extend(contributions.part(self.ws, self.f.doc.id, self.lang, self.ref))
        return tuple(self.blocks)

    def ref(self, clause_id: str) -> str:
        return clause_ref(self.f, self.nodes.get(clause_id, (None,))[0] or self.ws.clause(clause_id), clause_id)

    def emit_list(
        self,
        clauses: tuple[Clause, ...],
        depth: int,
        deleted: Mark | None,
        ctx: Ctx | None,
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
        base = f.text_run(c)
        runs: list[Run] = [base]
        own_delete = next((p for p, s in shown if s == "change" and p.a.op in ("remove", "move")), None)
        if own_delete is not None:
            notes.append(self.note(own_delete))
            deleted = deleted or self.mark(own_delete.a)
            if self.page:
                a = own_delete.a
                what = self.describe(a) if a.op == "move" else i18n.label("proposal.remove", self.lang)
                runs = attribution.wrap(runs, self.names(a.id), what)
        elif deleted is None:
            pieces: list[tuple[Edit, Plan]] = []
            sub = next((p for p, s in shown if s == "change" and p.a.op == "substitute"), None)
            if sub is not None:
                new = (sub.a.change.texts or {})[self.lang]
                pieces = [(Edit(s, e, t), sub) for s, e, t in word_splices(text, new, self.memo)]
                changed = [sub]
            else:
                changed = [p for p, s in shown if s == "change" and p.a.op in TEXT_OPS]
                pieces = [(e, p) for p in changed for e in self.minimal(text, p)]
            noted: set[str] = set()
            if pieces:
                runs, keys = self.tracked_runs(text, pieces, base.italic, noted, base.lang)
                if self.page:
                    runs = attribution.tag_groups(runs, keys, self.names)
            # a change that leaves no visible mark (it changes nothing) keeps its comment
            notes.extend(self.note(p) for p in changed if p.a.id not in noted)
        if self.page:
            for p, s in shown:
                if s == "comment":
                    word = i18n.label("tag.comment", self.lang)
                    runs.append(Run(f" [{word}{attribution.DASH}{self.names(p.a.id)}]", bold=True, tag=True))
        self.blocks.append(
            Paragraph(
                tuple(runs),
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
        # the competing proposals, numbered alike in every language (one written in another language is
        # described under its number), then what only a note can show
        rivals = sorted((p for p, s in shown if not p.won), key=lambda p: sort_key(p.a))
        for n_alt, p in enumerate(rivals, 1):
            self.blocks.append(self.alt_paragraph(p, n_alt, c, depth))
        self.blocks.extend(self.note_paragraph(p) for p, s in shown if s == "note" and p.won)
        n = f.numbers.get(c.id)
        ctx = None
        if n is not None and c.kind != "heading":
            ctx = (n.parts, (*n.styles, _CHILD_STYLES[min(len(n.parts) - 1, 3)]), n.prefix)
        self.emit_list(c.children, depth + 1, deleted, ctx)

    def tracked_runs(self, text: str, pieces: list[tuple[Edit, Plan]], italic: bool,
                     noted: set[str] | None = None, lang: str = "") -> tuple[list[Run], list[str | None]]:
        """The clause text with the splices as attributed runs, and whose change each run is (None for
        the words that stay); ``noted`` collects the ids whose comment found a run to sit on."""
        noted = set() if noted is None else noted
        out: list[Run] = []
        keys: list[str | None] = []
        pos = 0

        def keep(until: int) -> None:
            if until > pos:
                out.append(Run(text[pos:until], italic=italic, lang=lang))
                keys.append(None)

        for e, plan in sorted(pieces, key=lambda x: (x[0].start, x[0].end, sort_key(x[1].a))):
            keep(e.start)
            m = self.mark(plan.a)
            note = () if plan.a.id in noted or (e.end == e.start and not e.new) else (self.note(plan),)
            if note:
                noted.add(plan.a.id)
            if e.end > e.start:
                out.append(Run(text[e.start:e.end], "del", m, italic=italic, lang=lang,
                               notes=() if e.new else note))
                keys.append(plan.a.id)
            if e.new:
                out.append(Run(e.new, "ins", m, notes=note))
                keys.append(plan.a.id)
            pos = max(pos, e.end)
        keep(len(text))
        return out, keys

    def emit_inserted(
        self,
        plan: Plan,
        prev: Number | None,
        depth: int,
        ctx: Ctx | None,
    ) -> Number | None:
        """An added (or moved-in) clause where it would go; returns the last number of the list."""
        a = plan.a
        if self.shows(plan) != "change":
            if a.op == "add":
                self.blocks.append(self.note_paragraph(plan))
            return prev  # a move that is not a change shows under the clause it would move
        m = self.mark(a)
        if a.op == "move":
            self._inserted_tree(self.nodes[a.target or ""][0], depth, m, (self.note(plan),), own_numbers=True,
                                number=None, who=a.id, what=i18n.label("tag.moved_here", self.lang))
            return prev
        clause = a.change.clause
        assert clause is not None
        number = None
        if ctx is not None and clause.kind != "heading":
            if prev is not None:
                base, extra = prev.parts[-1]
                number = Number((*prev.parts[:-1], (base, extra + 1)), prev.styles, prev.prefix)
            else:
                number = Number((*ctx[0], ("0", 1)), ctx[1], ctx[2])
        self._inserted_tree(clause, depth, m, (self.note(plan),), own_numbers=False, number=number, who=a.id)
        return number or prev

    def _inserted_tree(
        self,
        clause: Clause,
        depth: int,
        m: Mark,
        notes: tuple[Note, ...],
        own_numbers: bool,
        number: Number | None,
        who: str = "",
        what: str = "",
    ) -> None:
        f = self.f
        if own_numbers:
            run = f.text_run(clause)
            text, awaiting = f.text(clause)
            label, num = f.labels(clause, awaiting), f.number(clause)
        else:
            text = clause.text.get(self.lang) or clause.text.get(self.ws.original_language) or ""
            run = Run(text)
            label, num = f.labels(clause, False), (number.own(self.lang) if number else "")
        runs: list[Run] = [run]
        if self.page and who:
            runs = attribution.wrap(runs, self.names(who), what)
        self.blocks.append(
            Paragraph(
                tuple(runs),
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
                child_number = Number((*number.parts, (part, 0)), (*number.styles, style), number.prefix)
            self._inserted_tree(child, depth + 1, m, (), own_numbers, child_number)


def compilation(frame: Frame, bases: Mapping[str, Workspace], memo: Memo | None = None) -> Draft:
    """The current text of ``frame.doc`` with every open amendment of the document as an attributed
    tracked change, alternative or note (see the module docstring); ``memo`` remembers the word splices
    of replaced clauses (``ops.diff.word_splices``) between drafts."""
    c = _Compiler(frame, bases, memo)
    c.collect()
    return frame.draft("compilation", c.build())


__all__ = ["compilation"]
