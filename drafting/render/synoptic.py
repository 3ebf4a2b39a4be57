"""The synoptic table: the classic record of a round of proposals.

``synoptic(frame, bases, base) -> Draft`` gives one table of three columns — number | text of the
base version | proposals — and one row per clause of the base version's document (section titles and
heading clauses as bold rows; ``Table.anchors`` holds the clause id of each row, "" for section rows).

``base`` is the last issued version (the text the proposals were made against); with ``None`` the
current text stands in.  Every amendment written against that version is listed, whatever its status,
and so is every proposal of an earlier round still open (re-anchored on the base text through
``bases``) — open ones first, then by submission date and id — in the row of the clause it targets
(an ``add`` in the row of its reference clause).  Each proposal shows:

* its id in bold, its proponents (names in the draft's language, co-sponsors, "(group)" on whose
  behalf), and the language it was written in when that is not the draft's;
* what it proposes: for a change to words written in the draft's language, the words around the
  change with the change itself as ``w:del``/``w:ins`` runs attributed to the proponents; an added or
  substituted text as an insertion; anything else as a sentence ("suprimir el párrafo", "sustituir
  «X» por «Y»" — quoted words are never translated);
* its rationale, in italics;
* its status ("Presentada", "Aceptada (2024-09-25): …"), with supporters and objectors.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Amendment, Clause, Workspace
from ..ops.anchor import STALE
from ..ops.numbering import Number, number_document
from . import authors, i18n
from .draft import Draft, Mark, Paragraph, Run, Table
from .layout import Frame
from .proposals import TEXT_OPS, BaseTexts, Edit, clause_ref, edits_for, mark_of, sort_key

CONTEXT_WORDS = 8  # words shown either side of a change
WIDTHS = (2, 10, 13)


def _number_text(n: Number | None, lang: str) -> str:
    """ "3", "3 a)" / "3 (a)": the top-level number, then each sub-level as the language writes it."""
    if n is None:
        return ""
    return " ".join(Number(n.parts[: k + 1], n.styles[: k + 1]).own(lang) for k in range(len(n.parts)))


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
    def __init__(self, frame: Frame, bases: Mapping[str, Workspace], base: Workspace | None) -> None:
        self.f = frame
        self.ws = frame.ws
        self.lang = frame.lang
        source = base if base is not None else frame.ws
        self.doc = source.document(frame.doc.id) or frame.doc
        self.base_numbers = number_document(self.doc)
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

    def proposal(self, a: Amendment, clause: Clause | None) -> list[Paragraph]:
        lang = self.lang
        head = [Run(a.id, bold=True), Run(" — " + self.mark(a).author)]
        if a.lang != lang and a.op in TEXT_OPS + ("add", "substitute"):
            head.append(Run(f" ({i18n.language_name(a.lang, lang)})", italic=True))
        out = [Paragraph(tuple(head), style="cell"), Paragraph(self.what(a, clause), style="cell")]
        if a.rationale:
            out.append(Paragraph((Run(a.rationale.strip(), italic=True),), style="cell"))
        out.append(Paragraph((Run(self.status(a)),), style="cell"))
        return out

    def what(self, a: Amendment, clause: Clause | None) -> tuple[Run, ...]:
        lang, c = self.lang, a.change
        mark = self.mark(a)
        if clause is not None and a.op in TEXT_OPS:
            whole = a.op == "bracket" and c.old is None
            text = self.f.text(clause)[0] if whole else clause.text.get(a.lang)
            if text is not None and (whole or a.lang == lang):
                loc, edits = edits_for(a, None if whole else self.base_text(a), text)
                if loc.state != STALE and edits:
                    return excerpt_runs(text, edits, mark)
        if a.op == "add" and c.clause is not None and lang in c.clause.text:
            key = "proposal.add.after" if c.after is not None else "proposal.add.before"
            lead = i18n.label(key, lang, ref=self.ref(c.after or c.before or ""), text="")
            return (Run(_capital(lead)), Run(c.clause.text[lang], "ins", mark))
        if a.op == "substitute" and lang in (c.texts or {}):
            lead = i18n.label("proposal.substitute", lang, text="")
            return (Run(_capital(lead)), Run((c.texts or {})[lang], "ins", mark))
        return (Run(_capital(authors.describe(self.ws, a, lang, self.ref)) + "."),)

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
            if d.note:
                parts.append(d.note.strip().rstrip("."))
            if d.text:
                parts.append(i18n.label("decision.text", lang, text=authors.quote(d.text, lang)))
        line = text + (": " + "; ".join(parts) if parts else "") + "."
        backing = authors.backing(self.ws, a, lang)
        return line + (" " + backing if backing else "")

    # -- the table -----------------------------------------------------------------------------

    def build(self) -> Table:
        rows: list[tuple[tuple[Paragraph, ...], ...]] = []
        anchors: list[str] = []
        proposals, orphans = self.grouped()
        lang = self.lang
        for section in self.doc.sections:
            title = section.title.get(lang) or section.title.get(self.ws.original_language)
            if title:
                rows.append(((), (Paragraph((Run(title, bold=True),), style="cell"),), ()))
                anchors.append("")
            for top in section.clauses:
                stack: list[tuple[Clause, int]] = [(top, 0)]
                while stack:
                    clause, depth = stack.pop()
                    stack.extend((ch, depth + 1) for ch in reversed(clause.children))
                    rows.append(self.row(clause, depth, proposals.get(clause.id, [])))
                    anchors.append(clause.id)
        if orphans:
            rows.append(((Paragraph((Run("?"),), style="cell"),), (), self.proposals(orphans, None)))
            anchors.append("")
        header = (
            i18n.label("synoptic.number", lang),
            i18n.label("synoptic.base", lang, version=self.version_label),
            i18n.label("synoptic.proposal", lang),
        )
        return Table(header, tuple(rows), WIDTHS, tuple(anchors))

    def row(
        self, clause: Clause, depth: int, amendments: list[Amendment]
    ) -> tuple[tuple[Paragraph, ...], ...]:
        text, awaiting = self.f.text(clause)
        heading = clause.kind == "heading"
        number = Paragraph((Run(_number_text(self.number(clause.id), self.lang)),), style="cell")
        body = Paragraph(
            (Run(text, bold=heading, italic=awaiting and self.lang not in clause.text),),
            style="cell",
            level=depth,
            label=self.f.labels(clause, awaiting),
        )
        return (number,), (body,), self.proposals(amendments, clause)

    def proposals(self, amendments: list[Amendment], clause: Clause | None) -> tuple[Paragraph, ...]:
        """The proposals of one row, a blank line between two."""
        out: list[Paragraph] = []
        for a in amendments:
            if out:
                out.append(Paragraph((), style="cell"))
            out.extend(self.proposal(a, clause))
        return tuple(out)


def synoptic(frame: Frame, bases: Mapping[str, Workspace], base: Workspace | None) -> Draft:
    """The synoptic table of ``frame.doc``: base text and every proposal made against it."""
    return frame.draft("synoptic", (_Table(frame, bases, base).build(),))
