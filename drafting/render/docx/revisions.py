"""Tracked changes, comments and bookmarks: the ids, names and dates Word is strict about.

Word repairs (or refuses) a file whose revision ids collide with bookmark or comment ids, so one
``IdAllocator`` hands out every id of a draft, whatever its kind.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from drafting.render.docx.wml import clean, esc_attr, text_xml
from drafting.render.draft import Mark, Note

DEFAULT_AUTHOR = "drafting"  # Word requires an author; the model should always give one


class IdAllocator:
    """One counter for revision, comment and bookmark ids, so that they never collide."""

    def __init__(self) -> None:
        self._next = 1

    def __call__(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


@functools.lru_cache(maxsize=4096)  # a draft has few distinct dates and many changes
def revision_date(date: str) -> str | None:
    """``date`` as the xsd:dateTime Word wants ("2024-09-12" → "2024-09-12T00:00:00Z"), or None.

    w:date is optional, so an unreadable date is left out rather than written invalid.
    """
    if not date:
        return None
    try:
        when = dt.datetime.fromisoformat(date.strip())
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def track(change: str, mark: Mark | None, ids: IdAllocator) -> str:
    """The start tag of a w:ins or w:del (in a paragraph, or empty in a paragraph mark's w:rPr: then
    close it with ``/>`` instead of ``>``), without its closing ``>``."""
    return f'<w:{change} w:id="{ids()}"{_attribution(mark)}'


@functools.lru_cache(maxsize=4096)
def _attribution(mark: Mark | None) -> str:
    """The author and date attributes of a change."""
    if mark is None:
        return f' w:author="{DEFAULT_AUTHOR}"'
    author = clean(mark.author) or DEFAULT_AUTHOR
    date = revision_date(mark.date)
    return f' w:author="{esc_attr(author)}"' + (f' w:date="{date}"' if date else "")


def initials(author: str) -> str:
    """Word shows a comment's initials in the margin: "Brasil, Argentina" → "BA"."""
    letters = [word[0] for word in re.split(r"[\s,()/]+", author) if word and word[0].isalpha()]
    return "".join(letters[:4]).upper() or "?"


class Comments:
    """Collects the w:comment entries of word/comments.xml, as XML text, while the body is built."""

    def __init__(self, ids: IdAllocator) -> None:
        self._ids = ids
        self.entries: list[str] = []
        self._made: dict[Note, tuple[str, str]] = {}  # a note on many runs is written out once

    def add(self, note: Note) -> str:
        """Register ``note``; returns the comment id to use in the body's range and reference."""
        cid = self._ids()
        made = self._made.get(note)
        if made is None:
            made = self._made[note] = self._xml(note)
        self.entries.append(f'<w:comment w:id="{cid}"{made[0]}>{made[1]}</w:comment>')
        return cid

    @staticmethod
    def _xml(note: Note) -> tuple[str, str]:
        """The comment's attributes after its id, and its paragraphs."""
        author = clean(note.author) or DEFAULT_AUTHOR
        date = revision_date(note.date)
        attrs = f' w:author="{esc_attr(author)}"' + (f' w:date="{date}"' if date else "") + \
            f' w:initials="{esc_attr(clean(note.initials) or initials(author))}"'
        paragraphs = []
        for index, line in enumerate(note.text.splitlines() or [""]):
            # Word puts the comment's mark at the start of its first paragraph
            mark = ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                    if index == 0 else "")
            text = text_xml(line)
            paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}'
                              + (f"<w:r>{text}</w:r>" if text else "<w:r/>") + "</w:p>")
        return attrs, "".join(paragraphs)


def range_start(cid: str) -> str:
    return f'<w:commentRangeStart w:id="{cid}"/>'


def range_end(cid: str) -> str:
    return f'<w:commentRangeEnd w:id="{cid}"/>'


def reference(cid: str) -> str:
    """The run that shows the comment mark, in the paragraph or the w:ins/w:del it belongs to."""
    return f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>'
