"""HTML drafts: ``render_html(draft) -> bytes``, one standalone page (inline CSS, A4 print CSS).

Same content as the Word draft: header (symbol, version, status label, language), title, literal
numbers, ``<ins>``/``<del>`` for tracked changes (``title`` = "author, date", classes ``chg ins by-N``
with one colour per author, ``data-author``), element ids = clause ids, status labels, notes as
numbered footnotes, tables; footer with generation time, page counter (print) and original language.

Texts are data: Jinja2 with autoescape on and StrictUndefined renders ``templates/draft.html.j2``
from the view model built here, so no text of a delegation is ever read as markup or as a template.

The view model (``Segment``, ``Item``, ``paragraph_view`` ...) is shared with the Markdown renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from drafting.render import i18n
from drafting.render.draft import Draft, Mark, Note, Paragraph, Table

TEMPLATES = Path(__file__).with_name("templates")
_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHANGES = ("ins", "del")


def clean(text: str) -> str:
    """``text`` without characters no XML or HTML document may hold (shown as U+FFFD)."""
    return text if text.isprintable() else _INVALID.sub("\ufffd", text)


def iso_date(date: str) -> str:
    """A valid HTML ``datetime`` value for ``date``, or "" when it cannot be read."""
    try:
        when = dt.datetime.fromisoformat(date.strip())
    except ValueError:
        return ""
    return when.date().isoformat() if len(date.strip()) == 10 else when.isoformat()


# -- the view model, shared with markdown.py ----------------------------------------------------


@dataclass
class Item:
    """One piece of a paragraph's line: its number, a run of text, or its status label."""

    kind: str  # number | text | label | tag (a proponent tag: printed, not text)
    text: str
    bold: bool = False
    italic: bool = False
    notes: list[int] = field(default_factory=list)  # footnote numbers placed right after the item
    lang: str = ""  # the language of the words when not the draft's


@dataclass
class Segment:
    """Consecutive items sharing one change by one author (or no change)."""

    change: str  # "" | ins | del
    author: str
    date: str
    author_class: str
    items: list[Item]

    @property
    def title(self) -> str:
        return ", ".join(x for x in (self.author, self.date) if x)

    @property
    def datetime(self) -> str:
        return iso_date(self.date) if self.date else ""


@dataclass
class NoteView:
    number: int
    author: str
    date: str
    text: str


@dataclass
class ParagraphView:
    style: str
    level: int
    anchor: str  # "" when the clause has no id here or it was already used on the page
    mark_change: str
    mark_author: str
    mark_date: str
    segments: list[Segment]
    notes: list[int]  # footnotes on the whole paragraph

    @property
    def title(self) -> str:
        return ", ".join(x for x in (self.mark_author, self.mark_date) if x)


@dataclass
class CellView:
    paragraphs: list[ParagraphView]
    rowspan: int = 1


@dataclass
class TableView:
    header: list[str]
    widths: list[float]  # percentages
    rows: list[tuple[str, list[CellView | None]]]  # (row anchor, cells); None: covered by a cell above
    style: str = "table"


class Collector:
    """Numbers notes in order of appearance, gives each author a colour class, keeps ids unique."""

    def __init__(self) -> None:
        self.notes: list[NoteView] = []
        self.authors: dict[str, int] = {}
        self.ids: set[str] = set()

    def note(self, note: Note) -> int:
        number = len(self.notes) + 1
        self.notes.append(NoteView(number, clean(note.author), clean(note.date), clean(note.text)))
        return number

    def author_class(self, author: str) -> str:
        return f"by-{self.authors.setdefault(author, len(self.authors)) % 8}"

    def anchor(self, clause_id: str) -> str:
        if not clause_id or clause_id in self.ids:
            return ""
        self.ids.add(clause_id)
        return clean(clause_id)


def _attribution(change: str, mark: Mark | None) -> tuple[str, str]:
    if not change:
        return "", ""
    return (clean(mark.author), clean(mark.date)) if mark else ("", "")


def paragraph_view(para: Paragraph, notes: Collector, anchor: str = "") -> ParagraphView:
    """Flatten a paragraph into segments: number, runs and label, grouped by (change, author, date)."""
    mark_change = para.mark_change if para.mark_change in _CHANGES else ""
    pieces: list[tuple[str, Mark | None, Item]] = []
    if para.number:
        pieces.append((mark_change, para.mark, Item("number", clean(para.number))))
    for run in para.runs:
        if run.tag:
            pieces.append(("", None, Item("tag", clean(run.text), run.bold, run.italic)))
            continue
        if run.change in _CHANGES:
            change, mark = run.change, run.mark or para.mark
        else:
            change, mark = mark_change, para.mark
        item = Item("text", clean(run.text), run.bold, run.italic, [notes.note(n) for n in run.notes],
                    clean(run.lang))
        pieces.append((change, mark, item))
    if para.label:  # a status is not text: never inside <ins>/<del>
        pieces.append(("", None, Item("label", clean(para.label))))
    segments: list[Segment] = []
    for change, mark, item in pieces:
        author, date = _attribution(change, mark)
        last = segments[-1] if segments else None
        if last is not None and (last.change, last.author, last.date) == (change, author, date):
            last.items.append(item)
        else:
            author_class = notes.author_class(author) if change else ""
            segments.append(Segment(change, author, date, author_class, [item]))
    mark_author, mark_date = _attribution(mark_change, para.mark)
    return ParagraphView(
        style=para.style,
        level=max(0, min(para.level, 5)),
        anchor=notes.anchor(para.anchor or anchor),
        mark_change=mark_change,
        mark_author=mark_author,
        mark_date=mark_date,
        segments=segments,
        notes=[notes.note(n) for n in para.notes],
    )


def table_view(table: Table, notes: Collector) -> TableView:
    columns = max([len(table.header)] + [len(row) for row in table.rows] + [1])
    weights = list(table.widths[:columns]) if len(table.widths) >= columns else [1] * columns
    weights = [max(1, int(x)) for x in weights]
    widths = [round(100 * x / sum(weights), 2) for x in weights]
    header = [clean(table.header[i]) if i < len(table.header) else "" for i in range(columns)]
    rows: list[tuple[str, list[CellView | None]]] = []
    for index, row in enumerate(table.rows):
        anchor = notes.anchor(table.anchors[index]) if index < len(table.anchors) else ""
        cells: list[CellView | None] = []
        for i in range(columns):
            cell = row[i] if i < len(row) else ()
            if cell is None:
                cells.append(None)
                above = next(r[1][i] for r in reversed(rows) if r[1][i] is not None)
                assert above is not None
                above.rowspan += 1
            else:
                cells.append(CellView([paragraph_view(p, notes) for p in cell]))
        rows.append((anchor, cells))
    return TableView(header, widths, rows)


def draft_view(draft: Draft, notes: Collector) -> dict[str, Any]:
    """Everything a template needs, texts cleaned; the templates escape them."""
    blocks: list[ParagraphView | TableView] = [
        table_view(b, notes) if isinstance(b, Table) else paragraph_view(b, notes) for b in draft.blocks
    ]
    first = draft.blocks[0] if draft.blocks else None
    own_title = getattr(first, "style", "") == "title"
    status = i18n.label("header.status", draft.lang, status=draft.status_label, language=draft.language_name)
    if draft.version_label and not draft.symbol.endswith(draft.version_label):
        status = i18n.label("title.version_status", draft.lang, version=draft.version_label, status=status)
    subtitle = draft.status_label
    if draft.version_label:
        subtitle = i18n.label(
            "title.version_status", draft.lang, version=draft.version_label, status=draft.status_label
        )
    return {
        "lang": clean(draft.lang),
        "kind": clean(draft.kind),
        "document_id": clean(draft.document_id),
        "title": clean(draft.title),
        "show_title": not own_title,
        "subtitle": clean(subtitle),
        "symbol": clean(draft.symbol),
        "header_status": clean(status),
        "generated": clean(draft.generated),
        "original": clean(draft.original),
        "page_word": clean(draft.page_words[0]),
        "of_word": clean(draft.page_words[1]),
        "notes_title": i18n.label("notes", draft.lang),
        "blocks": blocks,
        "notes": notes.notes,
        "author_count": len(notes.authors),
    }


# -- HTML -----------------------------------------------------------------------------------------


def _text(value: str) -> Markup:
    """Escaped text with its line breaks kept."""
    return Markup("<br>").join(escape(line) for line in value.split("\n"))


def _css_string(value: str) -> Markup:
    """A CSS string literal: every character but letters, digits and spaces as a hex escape."""
    out = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in value)
    return Markup(f'"{out}"')


_PARAGRAPH_TAGS = {"title": "h1", "section": "h2", "heading": "h3", "contribution-title": "h2"}


def _tag(style: str) -> str:
    return _PARAGRAPH_TAGS.get(style, "p")


def environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


_HTML_ENV: jinja2.Environment | None = None


def render_html(draft: Draft) -> bytes:
    """The standalone HTML page of ``draft`` (UTF-8)."""
    global _HTML_ENV
    if _HTML_ENV is None:
        _HTML_ENV = environment(autoescape=True)
        _HTML_ENV.filters["text"] = _text
        _HTML_ENV.filters["css_string"] = _css_string
        _HTML_ENV.globals["tag"] = _tag
    view = draft_view(draft, Collector())
    return _HTML_ENV.get_template("draft.html.j2").render(**view).encode("utf-8")
