r"""Markdown drafts: ``render_md(draft) -> bytes`` (GitHub-flavoured Markdown, UTF-8).

Notation, chosen to read well both raw and rendered (GitHub renders ``<ins>``/``<del>``):

- on the page (``Draft.attribution == "page"``, the default) the proponents are printed as in every
  format, ``\[<ins>y regionales</ins> – Brasil, Argentina, Uruguay (MERCOSUR)\]``, the tags in bold;
  with ``tracked`` attribution each change carries its author instead:
- an insertion: ``<ins>new words</ins>{+Brasil, Argentina (MERCOSUR)}``
- a deletion: ``<del>old words</del>{−México}`` (U+2212 minus); a replacement is the two side by side
- the ``title`` attribute of ``<ins>``/``<del>`` holds "author, date"
- a whole inserted or deleted paragraph: its number and text inside one ``<ins>``/``<del>``
- a clause id: ``<a id="quality-asylum"></a>`` at the start of its paragraph (or table row)
- numbers as text (``1\.``: escaped so that Markdown does not renumber them); sub-clauses indented
  with em spaces (U+2003), two per level; alternatives as block quotes
- status labels in italics after the text: ``*\[Agreed ad ref\]*``
- notes (Word comments) as footnotes: ``[^3]`` in the text, ``[^3]: **Brasil**, 2024-09-12: ...`` at the end
- sections as ``##`` headings, unnumbered headings as ``###``; tables as pipe tables

Texts are data: every Markdown special character in them is backslash-escaped (and ``<``, ``>``, ``&``
too), so ``<script>`` or ``{{ 7*7 }}`` in a proposal shows literally.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import escape

from drafting.render.draft import Draft
from drafting.render.html import CellView, Collector, ParagraphView, Segment, TableView, draft_view, environment

# Characters that start inline markup anywhere (emphasis, code, links, HTML, entities, GFM
# strikethrough, tables and math, and the braces of this notation); others only at a line start.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
_EM_SPACE = "\u2003"
_MINUS = "\u2212"


def escape_md(text: str) -> str:
    """``text`` with Markdown (and inline HTML) specials backslash-escaped; line breaks as ``<br>``."""
    return "<br>".join(_line_start(_SPECIAL.sub(r"\\\1", line)) for line in text.split("\n"))


def _line_start(line: str) -> str:
    """Escape what would make a list item or a heading underline at the start of a line: "-", "+",
    "=", and the "." or ")" after leading digits ("1." stays a number, not a list)."""
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group(1)[0].isdigit():
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def _attr(text: str) -> str:
    return str(escape(text))


def _segment(seg: Segment, page: bool = False) -> str:
    parts = []
    for item in seg.items:
        text = escape_md(item.text)
        if item.kind == "number":
            text += " "
        elif item.kind == "label":
            text = f" *{text}*"
        elif item.kind == "tag":
            lead, core, trail = _split_space(text)
            text = lead + (f"**{core}**" if core else "") + trail
        elif text.strip():
            # emphasis markers must hug the text: keep surrounding spaces outside them
            lead, core, trail = _split_space(text)
            if item.bold:
                core = f"**{core}**"
            if item.italic:
                core = f"*{core}*"
            if item.lang:  # words quoted in the language they were proposed in
                core = f'<span lang="{_attr(item.lang)}">{core}</span>'
            text = lead + core + trail
        parts.append(text + "".join(f"[^{n}]" for n in item.notes))
    inner = "".join(parts)
    if not seg.change:
        return inner
    if page:  # the proponents are on the page already
        return f'<{seg.change} title="{_attr(seg.title)}">{inner}</{seg.change}>'
    sign = "+" if seg.change == "ins" else _MINUS
    who = escape_md(seg.author)
    return f'<{seg.change} title="{_attr(seg.title)}">{inner}</{seg.change}>{{{sign}{who}}}'


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip(" \u00a0")
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def paragraph_line(p: ParagraphView, page: bool = False) -> str:
    """One paragraph as one Markdown line (its block prefix included)."""
    body = "".join(_segment(s, page) for s in p.segments) + "".join(f"[^{n}]" for n in p.notes)
    anchor = f'<a id="{_attr(p.anchor)}"></a>' if p.anchor else ""
    if p.style in ("section", "contribution-title"):
        return f"## {anchor}{body}"
    if p.style == "heading":
        return f"### {anchor}{body}"
    if p.style == "title":
        return f"# {anchor}{body}"
    if p.style in ("cell", "contribution-cell"):
        return anchor + body
    line = _EM_SPACE * (2 * p.level) + anchor + body
    if p.style == "alternative":
        return "> " + line
    if p.style == "note":
        return f"*{line}*" if line.strip() else line
    return line


def _cell(cell: CellView | None, page: bool) -> str:
    """A cell's paragraphs; a cell covered by the one above (a row span) is left empty."""
    return "" if cell is None else "<br>".join(paragraph_line(p, page) for p in cell.paragraphs)


def table_lines(t: TableView, page: bool = False) -> list[str]:
    header = [escape_md(h) for h in t.header]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for anchor, cells in t.rows:
        values = [_cell(cell, page) for cell in cells]
        if anchor and values:
            values[0] = f'<a id="{_attr(anchor)}"></a>' + values[0]
        lines.append("| " + " | ".join(values) + " |")
    return lines


_MD_ENV: jinja2.Environment | None = None


def render_md(draft: Draft) -> bytes:
    """The Markdown text of ``draft`` (UTF-8)."""
    global _MD_ENV
    if _MD_ENV is None:
        _MD_ENV = environment(autoescape=False)  # Markdown: values are escaped by escape_md, in Python
    view: dict[str, Any] = draft_view(draft, Collector())
    blocks = []
    page = draft.attribution == "page"
    for block in view["blocks"]:
        if isinstance(block, TableView):
            blocks.append("\n".join(table_lines(block, page)))
        else:
            blocks.append(paragraph_line(block, page))
    notes = [
        (n.number, escape_md(n.author), escape_md(n.date), escape_md(n.text).replace("<br>", "\n    "))
        for n in view["notes"]
    ]
    md = {
        key: escape_md(view[key])
        for key in ("title", "subtitle", "symbol", "header_status", "generated", "original", "notes_title")
    }
    return (
        _MD_ENV.get_template("draft.md.j2")
        .render(blocks=blocks, notes=notes, show_title=view["show_title"], **md)
        .encode("utf-8")
    )
