"""The body of a text page -- the paragraphs of a draft view (``render.html.draft_view``) -- as HTML.

Written in Python rather than with template macros: a compilation text of 2,000 paragraphs and
10,000 proposals is a million pieces, and a macro call per piece costs seconds.  The rule is the
templates' own: every text and attribute value passes through ``escape`` (the standard library's,
quotes included: it makes plain strings, faster than markupsafe's); tag names come from the fixed
tables below, never from the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from html import escape

from markupsafe import Markup

from .pages import text_html

_TAGS = {"title": "h2", "section": "h2", "heading": "h3", "contribution-title": "h2"}
_CHANGES = {"ins": "ins", "del": "del"}


def _notes(numbers: list[int]) -> str:
    return "".join(f'<sup class="note-ref"><a href="#_note{n}" id="_ref{n}">{n}</a></sup>' for n in numbers)


def _item(i: Any) -> str:
    if i.kind == "number":
        out = f'<span class="num">{escape(i.text)}</span>'
    elif i.kind == "label":
        out = f'<span class="label"> {escape(i.text)}</span>'
    elif i.kind == "tag":  # proponents printed next to their change: not text
        out = f'<span class="tag">{text_html(i.text, plain=True)}</span>'
    else:
        out = text_html(i.text, plain=True)
        if i.italic:
            out = f"<em>{out}</em>"
        if i.bold:
            out = f"<strong>{out}</strong>"
        if i.lang:  # words quoted in another language (a proposal as made, a text awaiting translation)
            out = f'<span lang="{escape(i.lang)}">{out}</span>'
    return out + _notes(i.notes) if i.notes else out


def _segments(segments: list[Any], who: bool) -> str:
    """``who``: print each change's authors after it (a draft whose attribution is not on the page
    already, in proponent tags)."""
    out = []
    last = len(segments) - 1
    for k, s in enumerate(segments):
        items = "".join(_item(i) for i in s.items)
        tag = _CHANGES.get(s.change)
        if tag is None:
            out.append(items)
            continue
        when = f' datetime="{escape(s.datetime)}"' if s.datetime else ""
        out.append(f'<{tag} class="chg {tag} {escape(s.author_class)}" title="{escape(s.title)}" '
                   f'data-author="{escape(s.author)}"{when}>{items}</{tag}>')
        # the authors of a change, on the page, after its last piece
        nxt = segments[k + 1] if k < last else None
        if who and s.author and (nxt is None or not nxt.change or nxt.author != s.author):
            out.append(f'<span class="who {escape(s.author_class)}"> – {escape(s.author)}</span>')
    return "".join(out)


def paragraph_html(p: Any, has_page: Callable[[str], bool], root: str, who: bool = False) -> str:
    tag = _TAGS.get(p.style, "p")
    attrs = f' class="{escape(p.style)} level-{int(p.level)}{" para-" + p.mark_change if p.mark_change in _CHANGES else ""}"'
    if p.anchor:
        attrs += f' id="{escape(p.anchor)}"'
    if p.mark_change:
        attrs += f' title="{escape(p.title)}" data-author="{escape(p.mark_author)}"'
    body = _segments(p.segments, who) + _notes(p.notes)
    if p.anchor and p.style in ("clause", "heading") and has_page(p.anchor):
        body += f'<a class="pl" href="{root}clauses/{escape(p.anchor)}.html" aria-label="paragraph page" lang="en">¶</a>'
    return f"<{tag}{attrs}>{body}</{tag}>"


def blocks_html(blocks: list[Any], has_page: Callable[[str], bool], root: str, who: bool = False) -> Markup:
    """The draft's blocks (paragraphs and tables) as HTML; ``root`` leads back to the site's top (made
    of "../" only); ``who``: name each change's authors after it."""
    assert set(root) <= {".", "/"}
    out = []
    for b in blocks:
        if getattr(b, "style", "") == "table":
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in b.header)
            rows = []
            for anchor, cells in b.rows:
                tds = "".join(_cell(c, has_page, root, who) for c in cells if c is not None)
                rows.append(f'<tr id="{escape(anchor)}">{tds}</tr>' if anchor else f"<tr>{tds}</tr>")
            out.append(f'<div class="scroll"><table class="table"><thead><tr>{head}</tr></thead>'
                       f'<tbody>{"".join(rows)}</tbody></table></div>')
        else:
            out.append(paragraph_html(b, has_page, root, who))
    return Markup("\n".join(out))


def _cell(cell: Any, has_page: Callable[[str], bool], root: str, who: bool) -> str:
    span = f' rowspan="{int(cell.rowspan)}"' if cell.rowspan > 1 else ""
    return f"<td{span}>" + "".join(paragraph_html(p, has_page, root, who) for p in cell.paragraphs) + "</td>"


def notes_html(notes: list[Any]) -> Markup:
    """The draft's notes (each proposal's rationale and backers), numbered as their references."""
    return Markup("\n".join(
        f'<li id="_note{int(n.number)}"><strong>{escape(n.author)}</strong>'
        + (f", <time>{escape(n.date)}</time>" if n.date else "")
        + f': {text_html(n.text, plain=True)} <a href="#_ref{int(n.number)}" aria-label="back to the text">↩</a></li>'
        for n in notes))
