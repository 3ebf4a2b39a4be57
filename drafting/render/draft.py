"""The draft model: what every renderer (docx, html, md) receives.

Layout code (``render/layout.py``) turns a workspace into a ``Draft``; renderers turn a ``Draft`` into
bytes and know nothing of clauses or amendments.  Like markdown-it's tokens: small frozen records.

What is text and what is not: the negotiated text is the runs of clause paragraphs (and their numbers).
Proponent tags (``Run.tag``: "[", " – Brasil]"), status labels, alternative and note paragraphs are
printed but are not text: they are never tracked changes, Word holds them in their own styles
(``wordml.NOT_TEXT_STYLES``), and accepting or rejecting every change leaves the text without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mark:
    """Who made a tracked change and when: ``author`` is shown as Word's revision author."""

    author: str
    date: str  # ISO 8601: "2024-09-12" or "2024-09-12T10:30:00Z"


@dataclass(frozen=True, slots=True)
class Note:
    """A comment: a Word comment anchored on a run or paragraph; a note in HTML and Markdown."""

    author: str
    date: str
    text: str
    initials: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    change: str = ""  # "" | "ins" | "del"
    mark: Mark | None = None  # set whenever change is set
    bold: bool = False
    italic: bool = False
    notes: tuple[Note, ...] = ()  # comments whose range is exactly this run
    tag: bool = False  # a proponent tag printed on the page ("[", " – Brasil]"): never tracked, not text
    lang: str = ""  # the language of these words when it is not the draft's (a proposal quoted as made)


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...]
    # title | subtitle | heading (unnumbered heading clause) | section (section title) | clause |
    # alternative (a competing proposal shown under its clause) | note (explanatory line) | cell
    style: str = "clause"
    number: str = ""  # the literal display number ("12 bis", "(a)", "IV"); never Word list numbering
    level: int = 0  # sub-clause depth: 0 for a clause, 1 for (a), 2 for (i) ...
    anchor: str = ""  # the clause id: a bookmark in Word, an element id in HTML
    mark_change: str = ""  # "" | "ins" | "del": the whole paragraph (number and mark) inserted/deleted
    mark: Mark | None = None
    label: str = ""  # status label shown after the text: "[Agreed ad ref]"
    notes: tuple[Note, ...] = ()  # comments on the whole paragraph


@dataclass(frozen=True, slots=True)
class Table:
    """A table (the synoptic draft): header cells, then rows of cells of paragraphs; a cell that is
    ``None`` is covered by the cell above it (which spans down over it)."""

    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Paragraph, ...] | None, ...], ...]
    widths: tuple[int, ...] = ()  # relative column widths
    anchors: tuple[str, ...] = ()  # the clause id of each row, if any


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str  # clean | compilation | changes | synoptic
    lang: str
    document_id: str
    title: str
    symbol: str  # e.g. "C40/DPA/Rev.1"
    version_label: str  # "Rev.1"
    status_label: str  # "Compilation text" in the draft's language
    language_name: str  # "English"
    original: str  # "Original: Spanish" in the draft's language
    generated: str  # the draft's date line: the issued version's date, or "Working draft — compiled ..."
    page_words: tuple[str, str] = ("Page", "of")  # "Page 3 of 9"
    blocks: tuple[Block, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)  # e.g. the base version of a changes draft
    # page: proponents printed next to their changes (render.attribution) | tracked: in Word's marks only
    attribution: str = "tracked"
