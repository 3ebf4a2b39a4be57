"""The synoptic table: the classic record of a round of proposals.

``synoptic(frame, bases, base, all_paragraphs=False) -> Draft`` gives one table of five columns --
number | text of the base version | proposal | proponents | status -- with one row per proposal, the
number and text of its clause spanning the rows of that clause's proposals (``None`` cells in
``Table.rows``).  Only the paragraphs with proposals have rows, under the title of their section;
``all_paragraphs`` gives every clause of the base version's document a row (heading clauses bold).
``Table.anchors`` holds the clause id of each row, "" for section rows.

``base`` is the last issued version (the text the proposals were made against); with ``None`` the
current text stands in.  Every amendment written against that version is listed, whatever its status,
and so is every proposal of an earlier round still open (re-anchored on the base text through
``bases``) — open ones first, then by submission date and id — in the row of the clause it targets
(an ``add`` in the row of its reference clause).  Each proposal shows:

* in the proposal column: its id in bold; what it proposes -- for a change to words written in the
  draft's language, the words around the change with the change itself as ``w:del``/``w:ins`` runs
  attributed to the proponents (a replacement as the words that change); an added or substituted
  text as an insertion; anything else as a sentence ("suprimir el párrafo", "sustituir «X» por «Y»"
  -- quoted words are never translated, and are marked as the language they are in); its rationale,
  in italics;
* in the proponents column: its proponents (names in the draft's language, co-sponsors, "(group)" on
  whose behalf), the language it was written in when that is not the draft's, supporters and
  objectors;
* in the status column: "Presentada", "Aceptada (2024-09-25): …".
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Amendment, Clause, Workspace
from ..ops.anchor import STALE
from ..ops.numbering import Number, adopt_references, number_document
from ..ops.text import Memo
from . import authors, contributions, i18n
from .draft import Draft, Mark, Paragraph, Run, Table
from .layout import Frame
from .proposals import TEXT_OPS, BaseTexts, Edit, clause_ref, edits_for, mark_of, minimal, sort_key

CONTEXT_WORDS = 8  # words shown either side of a change
WIDTHS = (2, 9, 10, 4, 4)
Cell = tuple[Paragraph, ...] | None  # None: the cell above spans this row too
Row = tuple[Cell, ...]


def _number_text(n: Number | None, lang: str) -> str:
    """ "3", "3 a)" / "3 (a)": the top-level number, then each sub-level as the language writes it."""
    if n is None:
        return ""
    return " ".join(Number(n.parts[: k + 1], n.styles[: k + 1], n.prefix).own(lang) for k in range(len(n.parts)))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def excerpt_runs(text: str, edits: tuple[Edit, ...], mark: Mark) -> tuple[Run, ...]:
    """The words around ``edits`` with the edits as tracked runs: "…los sistemas ~~X~~ Y de…"."""
    s = min(e.start for e in edits)
    e_ = max(e.end for e in edits)
    left, right = text[:s], text[e_:]
    parts = left.rsplit(" ", CONTEXT_WORDS)
    head = left if len(parts) <= CONTEXT_WORDS else "…" + left[len(parts[0]) + 1 :]
    parts = right.split(" ", CONTEXT_WORDS)
    tail = right if len(parts) <= CONTEXT_WORDS else right[: len(right) - len(parts[-1]) - 1] + "…"
    runs: list[Run] = [Run(head)]
    pos = s
    for e in sorted(edits, key=lambda x: (x.start, x.end)):
        if e.start > pos:
            runs.append(Run(text[pos : e.start]))
        if e.end > e.start:
            runs.append(Run(text[e.start : e.end], "del", mark))
        if e.new:
            runs.append(Run(e.new, "ins", mark))
        pos = max(pos, e.end)
    if pos < e_:
        runs.append(Run(text[pos:e_]))
    runs.append(Run(tail))
    return tuple(r for r in runs if r.text)


class _Table:
    def __init__(self, frame: Frame, bases: Mapping[str, Workspace], base: Workspace | None,
                 all_paragraphs: bool = False, memo: Memo | None = None) -> None:
        self.f = frame
        self.memo = memo
        self.ws = frame.ws
        self.lang = frame.lang
        self.all = all_paragraphs
        source = base if base is not None else frame.ws
        self.doc = source.document(frame.doc.id) or frame.doc
        self.base_numbers = number_document(adopt_references(self.doc, frame.doc), references=frame.references)
        version = (base.last_version if base is not None else None) or frame.ws.last_version
        self.version_id = version.id if version else None
        self.version_label = version.display(self.lang) if version else frame.version_label
        self.nodes: dict[str, Clause] = {}
        for section in self.doc.sections:
            for clause in section.clauses:
                for c in clause.walk():
                    self.nodes.setdefault(c.id, c)
        self.base_text = BaseTexts(bases)
        self._marks: dict[str, Mark] = {}

    def mark(self, a: Amendment) -> Mark:
        m = self._marks.get(a.id)
        if m is None:
            m = self._marks[a.id] = mark_of(self.ws, a, self.lang)
        return m

    def number(self, clause_id: str) -> Number | None:
        return self.f.numbers.get(clause_id) or self.base_numbers.get(clause_id)

    def ref(self, clause_id: str) -> str:
        return clause_ref(self.f, self.nodes.get(clause_id) or self.ws.clause(clause_id), clause_id)

    def grouped(self) -> tuple[dict[str, list[Amendment]], list[Amendment]]:
        rows: dict[str, list[Amendment]] = {}
        orphans: list[Amendment] = []
        known: set[str] | None = None
        first_doc = bool(self.ws.documents) and self.ws.documents[0].id == self.f.doc.id
        for a in self.ws.amendments:
            if self.version_id is not None and a.version != self.version_id and not a.is_open:
                continue  # decided proposals of earlier rounds belong to those rounds' tables
            if self.ws.is_contribution(a):
                continue  # listed apart, after the table (render.contributions)
            ref = (a.change.after or a.change.before) if a.op == "add" else a.target
            if ref in self.nodes:
                rows.setdefault(ref, []).append(a)
                continue
            if known is None:
                known = {p.clause.id for p in self.ws.placements()} | set(self.nodes)
            if first_doc and ref not in known:
                orphans.append(a)
        for group in rows.values():
            group.sort(key=lambda a: (not a.is_open, *sort_key(a)))
        orphans.sort(key=lambda a: (not a.is_open, *sort_key(a)))
        return rows, orphans

    # -- one proposal --------------------------------------------------------------------------

    def proposal(self, a: Amendment, clause: Clause | None) -> tuple[Cell, Cell, Cell]:
        """The proposal, proponents and status cells of one proposal."""
        lang = self.lang
        what = [Paragraph((Run(a.id, bold=True),), style="cell"), Paragraph(self.what(a, clause), style="cell")]
        if a.rationale:  # quoted as submitted, in whatever language it was written
            what.append(Paragraph((Run(i18n.label("rationale", lang) + " ", italic=True),
                                   Run(authors.quote(a.rationale, lang, limit=2000), italic=True)), style="cell"))
        who = [Paragraph((Run(self.mark(a).author, bold=True),), style="cell")]
        if a.lang != lang and a.op in TEXT_OPS + ("add", "substitute"):
            who.append(Paragraph((Run(f"({i18n.language_name(a.lang, lang)})", italic=True),), style="cell"))
        backing = authors.backing(self.ws, a, lang)
        if backing:
            who.append(Paragraph((Run(backing),), style="cell"))
        link = contributions.sponsoring(self.ws, a, lang)
        if link:
            who.append(Paragraph((Run(link + "."),), style="cell"))
        return tuple(what), tuple(who), (Paragraph((Run(self.status(a)),), style="cell"),)

    def what(self, a: Amendment, clause: Clause | None) -> tuple[Run, ...]:
        lang, c = self.lang, a.change
        mark = self.mark(a)
        if clause is not None and a.op in TEXT_OPS:
            whole = a.op == "bracket" and c.old is None
            text = self.f.text(clause)[0] if whole else clause.text.get(a.lang)
            if text is not None and (whole or a.lang == lang):
                loc, edits = edits_for(a, None if whole else self.base_text(a), text, self.memo)
                # a replace by the same words changes nothing: described below, not excerpted
                words = tuple(minimal(text, edits, self.memo)) if loc.state != STALE and edits else ()
                if words:
                    return excerpt_runs(text, words, mark)
        if a.op == "add" and c.clause is not None and lang in c.clause.text:
            key = "proposal.add.after" if c.after is not None else "proposal.add.before"
            lead = i18n.label(key, lang, ref=self.ref(c.after or c.before or ""), text="")
            return (Run(_capital(lead)), Run(c.clause.text[lang], "ins", mark))
        if a.op == "substitute" and lang in (c.texts or {}):
            lead = i18n.label("proposal.substitute", lang, text="")
            return (Run(_capital(lead)), Run((c.texts or {})[lang], "ins", mark))
        marks = ("\x02", "\x03")
        text = _capital(authors.describe(self.ws, a, lang, self.ref, marks=marks)) + "."
        out: list[Run] = []
        while marks[0] in text:
            before, _, text = text.partition(marks[0])
            quoted, _, text = text.partition(marks[1])
            out += [Run(before), Run(quoted, lang=a.lang if a.lang != lang else "")]
        out.append(Run(text))
        return tuple(r for r in out if r.text)

    def status(self, a: Amendment) -> str:
        lang = self.lang
        key = f"amendment.{a.status}"
        text = i18n.label(key, lang) if key in i18n.LABELS else a.status
        d = a.decision
        parts: list[str] = []
        if d is not None:
            if d.date:
                text = i18n.label("decision", lang, status=text, date=d.date)
            if d.into:
                parts.append(i18n.label("decision.into", lang, id=d.into))
            if d.clause:
                parts.append(i18n.label("decision.clause", lang, ref=self.ref(d.clause)))
            if d.note:  # the secretariat's note, quoted as written
                parts.append(authors.quote(d.note.strip(), lang, limit=2000))
            if d.text:
                parts.append(i18n.label("decision.text", lang, text=authors.quote(d.text, lang)))
        line = text + (": " + "; ".join(parts) if parts else "")
        return line if line.endswith(".") else line + "."

    # -- the table -----------------------------------------------------------------------------

    def build(self) -> Table:
        rows: list[Row] = []
        anchors: list[str] = []
        proposals, orphans = self.grouped()
        lang = self.lang
        for section in self.doc.sections:
            title = section.title.get(lang) or section.title.get(self.ws.original_language)
            title_row = ((), (Paragraph((Run(title, bold=True),), style="cell"),), (), (), ())
            first = len(rows)
            for top in section.clauses:
                stack: list[tuple[Clause, int]] = [(top, 0)]
                while stack:
                    clause, depth = stack.pop()
                    stack.extend((ch, depth + 1) for ch in reversed(clause.children))
                    amendments = proposals.get(clause.id, [])
                    if amendments or self.all:
                        for row in self.rows(clause, depth, amendments):
                            rows.append(row)
                            anchors.append(clause.id)
            if title and len(rows) > first:
                rows.insert(first, title_row)
                anchors.insert(first, "")
        for i, a in enumerate(orphans):
            number: Cell = (Paragraph((Run("?"),), style="cell"),) if i == 0 else None
            rows.append((number, () if i == 0 else None, *self.proposal(a, None)))
            anchors.append("")
        header = (
            i18n.label("synoptic.number", lang),
            i18n.label("synoptic.base", lang, version=self.version_label),
            i18n.label("synoptic.proposal", lang),
            i18n.label("synoptic.proponents", lang),
            i18n.label("synoptic.status", lang),
        )
        return Table(header, tuple(rows), WIDTHS, tuple(anchors))

    def rows(self, clause: Clause, depth: int, amendments: list[Amendment]) -> list[Row]:
        """One row per proposal on ``clause`` (one row if none), its number and text spanning them."""
        text, awaiting = self.f.text(clause)
        heading = clause.kind == "heading"
        number = Paragraph((Run(_number_text(self.number(clause.id), self.lang)),), style="cell")
        body = Paragraph(
            (self.f.text_run(clause, bold=heading),),
            style="cell",
            level=depth,
            label=self.f.labels(clause, awaiting),
        )
        if not amendments:
            return [((number,), (body,), (), (), ())]
        return [((number,) if i == 0 else None, (body,) if i == 0 else None, *self.proposal(a, clause))
                for i, a in enumerate(amendments)]


def synoptic(frame: Frame, bases: Mapping[str, Workspace], base: Workspace | None,
             all_paragraphs: bool = False, memo: Memo | None = None) -> Draft:
    """The synoptic table of ``frame.doc``: base text and every proposal made against it; ``memo``
    remembers the word splices of replacements (``ops.diff.word_splices``), as the compilation's do."""
    t = _Table(frame, bases, base, all_paragraphs, memo)
    return frame.draft("synoptic", (t.build(), *contributions.table(frame.ws, frame.doc.id, frame.lang, t.ref)))
