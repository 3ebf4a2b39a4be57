"""Tracked changes, comments and bookmarks: the ids, names and dates Word is strict about.

Word repairs (or refuses) a file whose revision ids collide with bookmark or comment ids, so one
``IdAllocator`` hands out every id of a draft, whatever its kind.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from lxml import etree

from drafting.render.docx.wml import AUTHOR, DATE, ID, PPR, PSTYLE, RPR, RSTYLE, VAL, P, R, add_text, clean, w
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


def track(parent: etree._Element, change: str, mark: Mark | None, ids: IdAllocator) -> etree._Element:
    """A w:ins or w:del under ``parent`` (a paragraph, or a paragraph mark's w:rPr)."""
    el = etree.SubElement(parent, w(change))
    el.set(ID, ids())
    author, date = _attribution(mark)
    el.set(AUTHOR, author)
    if date:
        el.set(DATE, date)
    return el


@functools.lru_cache(maxsize=4096)
def _attribution(mark: Mark | None) -> tuple[str, str | None]:
    if mark is None:
        return DEFAULT_AUTHOR, None
    return clean(mark.author) or DEFAULT_AUTHOR, revision_date(mark.date)


def initials(author: str) -> str:
    """Word shows a comment's initials in the margin: "Brasil, Argentina" → "BA"."""
    letters = [word[0] for word in re.split(r"[\s,()/]+", author) if word and word[0].isalpha()]
    return "".join(letters[:4]).upper() or "?"


class Comments:
    """Collects w:comment entries for word/comments.xml while the body is built."""

    def __init__(self, ids: IdAllocator) -> None:
        self._ids = ids
        self.entries: list[etree._Element] = []

    def add(self, note: Note) -> str:
        """Register ``note``; returns the comment id to use in the body's range and reference."""
        cid = self._ids()
        comment = etree.Element(w("comment"))
        comment.set(ID, cid)
        author = clean(note.author) or DEFAULT_AUTHOR
        comment.set(AUTHOR, author)
        date = revision_date(note.date)
        if date:
            comment.set(DATE, date)
        comment.set(w("initials"), clean(note.initials) or initials(author))
        lines = note.text.splitlines() or [""]
        for index, line in enumerate(lines):
            p = etree.SubElement(comment, P)
            etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, "CommentText")
            if index == 0:
                # Word puts the comment's mark at the start of its first paragraph
                ref = etree.SubElement(p, R)
                etree.SubElement(etree.SubElement(ref, RPR), RSTYLE).set(VAL, "CommentReference")
                etree.SubElement(ref, w("annotationRef"))
            add_text(etree.SubElement(p, R), line)
        self.entries.append(comment)
        return cid


def range_start(parent: etree._Element, cid: str) -> None:
    etree.SubElement(parent, w("commentRangeStart")).set(ID, cid)


def range_end(parent: etree._Element, cid: str) -> None:
    etree.SubElement(parent, w("commentRangeEnd")).set(ID, cid)


def reference(parent: etree._Element, cid: str) -> None:
    """The run that shows the comment mark; ``parent`` is the paragraph or the w:ins/w:del it belongs to."""
    run = etree.SubElement(parent, R)
    etree.SubElement(etree.SubElement(run, RPR), RSTYLE).set(VAL, "CommentReference")
    etree.SubElement(run, w("commentReference")).set(ID, cid)
