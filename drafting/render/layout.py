"""Workspace -> Draft: what each kind of draft shows, in one language.  Pure: no I/O.

The clean draft is built here; the compilation, changes and synoptic drafts build on the same
pieces (``Frame`` for the header and the numbered clause paragraphs) in their own modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..model import Clause, Document, Placement, Workspace
from ..ops.numbering import Number, number_workspace
from . import i18n
from .draft import Block, Draft, Paragraph, Run


@dataclass(frozen=True)
class Frame:
    """What every draft of one document in one language shares."""

    ws: Workspace
    doc: Document
    lang: str
    numbers: dict[str, Number]  # references (PP1, OP2 bis) in every draft but the clean text
    version_label: str
    symbol: str
    generated: str  # the date line (i18n.dateline)
    attribution: str = "page"  # page | tracked (see render.attribution)
    references: bool = False  # numbers are references (PP1): every draft but the clean text
    # the secretariat's remarks on proposals (agreed language), by amendment id, in this language
    remarks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    version_id: str = ""  # the issued version this text is (or, amended since, was written against)

    def number(self, clause: Clause) -> str:
        n = self.numbers.get(clause.id)
        return n.own(self.lang) if n else ""

    def text(self, clause: Clause) -> tuple[str, bool]:
        """The clause's text in the draft's language, and whether it awaits translation
        (then the original language's text stands in, so that no paragraph is empty)."""
        lang = self.lang
        awaiting = lang in clause.pending_translation
        if lang in clause.text:
            return clause.text[lang], awaiting
        orig = clause.text.get(self.ws.original_language) or next(iter(clause.text.values()), "")
        return orig, True

    def labels(self, clause: Clause, awaiting: bool) -> str:
        parts = []
        if clause.kind != "heading":
            s = i18n.status_label(clause.status, self.lang)
            if s:
                parts.append(s)
        if awaiting:
            parts.append(i18n.label("awaiting_translation", self.lang))
        return " ".join(parts)

    def text_run(self, clause: Clause, **kw: object) -> Run:
        """The clause's text as a run: the original language's, in italics and marked as such, where
        this language's is missing."""
        text, _ = self.text(clause)
        if self.lang in clause.text:
            return Run(text, **kw)  # type: ignore[arg-type]
        return Run(text, italic=True, lang=self.ws.original_language, **kw)  # type: ignore[arg-type]

    def clause_paragraph(self, p: Placement, runs: tuple[Run, ...] | None = None, **kw: object) -> Paragraph:
        c = p.clause
        text, awaiting = self.text(c)
        return Paragraph(
            runs=runs if runs is not None else (self.text_run(c),),
            style="heading" if c.kind == "heading" else "clause",
            number=self.number(c), level=len(p.parents), anchor=c.id,
            label=self.labels(c, awaiting), **kw)  # type: ignore[arg-type]

    def draft(self, kind: str, blocks: tuple[Block, ...], status_label: str | None = None,
              meta: dict[str, str] | None = None) -> Draft:
        return Draft(
            kind=kind, lang=self.lang, document_id=self.doc.id,
            title=self.doc.title.get(self.lang) or self.doc.title.get(self.ws.original_language, self.doc.id),
            symbol=self.symbol, version_label=self.version_label,
            status_label=status_label or i18n.kind_label(kind, self.lang),
            language_name=i18n.language_name(self.lang, self.lang),
            original=i18n.original_line(self.ws.original_language, self.lang),
            generated=self.generated, page_words=i18n.page_words(self.lang),
            blocks=blocks, meta=meta or {}, attribution=self.attribution)


def symbol_for(ws: Workspace, version_label: str) -> str:
    """The document symbol with its revision suffix: ``C40/DPA/L.1/Rev.1``."""
    if version_label.lower().startswith("rev") and version_label not in ws.symbol:
        return f"{ws.symbol}/{version_label}"
    return ws.symbol


def make_frame(ws: Workspace, doc: Document, lang: str, *, base: Workspace | None,
               version_label: str, now: dt.datetime, issued: str | None = None, references: bool = False,
               attribution: str = "page", remarks: Mapping[str, tuple[str, ...]] | None = None,
               version_id: str = "") -> Frame:
    """``issued``: the date of the version the draft is (None: a working draft, dated ``now``);
    ``references``: numbers as negotiators refer to paragraphs (every draft but the clean text)."""
    return Frame(ws, doc, lang, number_workspace(ws, base, references=references), version_label,
                 symbol_for(ws, version_label), i18n.dateline(lang, issued, now), attribution, references,
                 remarks or {}, version_id)


def placements(doc: Document) -> Iterator[tuple[int, Placement]]:
    """(section index, placement) of every clause of one document, in reading order."""
    for si, section in enumerate(doc.sections):
        stack = [(c, ()) for c in reversed(section.clauses)]
        while stack:
            clause, parents = stack.pop()
            yield si, Placement(doc, section, parents, clause, 0)  # type: ignore[arg-type]
            stack.extend((child, (*parents, clause)) for child in reversed(clause.children))


def section_heading(frame: Frame, si: int) -> Paragraph | None:
    section = frame.doc.sections[si]
    title = section.title.get(frame.lang) or section.title.get(frame.ws.original_language)
    return Paragraph((Run(title),), style="section") if title else None


def clean(frame: Frame) -> Draft:
    """The text as it stands: numbered, brackets kept, status marks."""
    blocks: list[Block] = []
    last = -1
    for si, p in placements(frame.doc):
        if si != last:
            last = si
            head = section_heading(frame, si)
            if head is not None:
                blocks.append(head)
        blocks.append(frame.clause_paragraph(p))
    return frame.draft("clean", tuple(blocks))
