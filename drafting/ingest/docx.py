"""Read a checked Word file into paragraphs with both views of their tracked changes.

``read_word_file(package) -> WordFile``.  Each body paragraph, table cells included, in document
order, becomes a ``WordParagraph`` made of ``Piece``s: stretches of text with one revision state.

* ``original`` (reject all): text outside w:ins/w:moveTo, deleted text (w:delText) included, moved-away
  text (w:moveFrom) included;
* ``accepted`` (accept all): text outside w:del/w:moveFrom, inserted and moved-in text included.

python-docx's ``paragraph.text`` is not used: it drops both sides of a tracked change and skips tables.
Everything a Word reader shows as text is read: ``w:sym`` symbols as their characters and the branch of
``mc:AlternateContent`` Word would show, once (``markup``).  Footnotes, endnotes and text boxes are not
clause text: each becomes a ``Note`` of its paragraph; a symbol that cannot be read as a character is
listed in the paragraph's ``unread``.  The display number and the status label are read as text here:
which words are the number and the label is decided later, by what they say (``marks``), never by a
style a foreign editor may have renamed or given to typed text.  Line breaks read as spaces; a tab stays
a tab (it ends a number); every text is NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from . import parts
from .markup import ALTERNATE, chosen, symbol, text_of
from .parts import Comment, W, w
from .safety import Package

REVISIONS = ("ins", "del", "moveFrom", "moveTo")
ADDED, REMOVED = ("ins", "moveTo"), ("del", "moveFrom")
_INLINE_CONTAINERS = ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent", "sdt")
_SKIP = ("pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "trPr", "tcPr", "tblGrid", "sectPr", "customXmlPr")
_CHAR = {"tab": "\t", "ptab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-", "softHyphen": "\u00ad"}
_NOTES = {"footnoteReference": "footnote", "endnoteReference": "endnote"}
_BOXES = ("drawing", "pict", "object")


@dataclass(frozen=True, slots=True)
class Revision:
    """One tracked change element (w:ins, w:del, w:moveFrom, w:moveTo)."""

    kind: str
    author: str
    date: str
    id: str


@dataclass(frozen=True, slots=True)
class Piece:
    """Text with one revision state.  ``revision`` is None for untouched text; ``role`` is ``text``,
    ``number`` or ``label`` (set by ``marks``: as read, every piece is ``text``); ``comments`` are the
    ids of the comments whose range covers it."""

    text: str
    revision: Revision | None
    role: str = "text"
    comments: frozenset[str] = frozenset()

    @property
    def in_original(self) -> bool:
        return self.revision is None or self.revision.kind in REMOVED

    @property
    def in_accepted(self) -> bool:
        return self.revision is None or self.revision.kind in ADDED


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, an endnote or a text box in a paragraph: ``kind`` and what it says (``id``: the
    note's id in its part, whose text ``WordFile.note_text`` gives)."""

    kind: str  # footnote | endnote | text box
    id: str = ""
    text: str = ""
    revision: Revision | None = None


@dataclass(slots=True)
class WordParagraph:
    """One w:p.  ``index`` is its 1-based position among the body's paragraphs (for messages);
    ``container`` tells paragraphs of one cell or of the body apart (a removed paragraph mark joins a
    paragraph only with the next one of the same container); ``table`` numbers the body's tables."""

    index: int
    style: str
    container: int
    in_table: bool
    pieces: list[Piece] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    mark: Revision | None = None  # the paragraph mark's own tracked change
    point_comments: set[str] = field(default_factory=set)  # comments on a point or an empty range
    move_names: set[str] = field(default_factory=set)
    table: int | None = None
    notes: list[Note] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # what could not be read as text

    def text(self, view: str) -> str:
        """The clause text in ``view`` (``original`` or ``accepted``), number and label left out."""
        original = view == "original"
        return "".join(p.text for p in self.pieces
                       if p.role == "text" and (p.in_original if original else p.in_accepted))

    @property
    def original(self) -> str:
        return self.text("original")

    @property
    def accepted(self) -> str:
        return self.text("accepted")

    @property
    def tracked(self) -> bool:
        """Whether the paragraph (its text or its mark) holds any tracked change."""
        return self.mark is not None or any(p.revision is not None for p in self.pieces if p.role == "text")

    @property
    def revisions(self) -> list[Revision]:
        out = [p.revision for p in self.pieces if p.revision is not None]
        return out + ([self.mark] if self.mark is not None else [])


@dataclass(slots=True)
class WordFile:
    """What import needs from a Word file."""

    path: str
    paragraphs: list[WordParagraph]
    comments: dict[str, Comment]
    clause_map: dict[str, str]  # bookmark name -> clause id (from the draft's custom XML part)
    map_attributes: dict[str, str]  # document, kind, lang (and version, when the draft says it)
    header_text: str
    properties: dict[str, str]  # core properties: title, subject, identifier, language
    languages: list[str]  # w:lang values of the styles' defaults, most specific last
    note_texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> text

    def note_text(self, note: Note) -> str:
        return note.text or self.note_texts.get((note.kind, note.id), "")


def read_word_file(pkg: Package) -> WordFile:
    """Every paragraph with both views, comments, the clause map, header text and properties."""
    root = pkg.xml(pkg.main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        raise pkg.fail(f"not a Word document: {pkg.main} has no body")
    walker = _Walker()
    walker.block(body, None)
    walker.finish()
    clause_map, attributes = parts.clause_map(pkg)
    return WordFile(
        path=pkg.path, paragraphs=walker.paragraphs, comments=parts.comments(pkg),
        clause_map=clause_map, map_attributes=attributes, header_text=parts.headers(pkg),
        properties=parts.properties(pkg), languages=parts.languages(pkg), note_texts=parts.notes(pkg))


class _Walker:
    """Walks the body in document order, keeping the revision stack and the open comment ranges."""

    def __init__(self) -> None:
        self.paragraphs: list[WordParagraph] = []
        self.open_comments: set[str] = set()
        self.covered: set[str] = set()
        self.pending_bookmarks: list[str] = []  # body-level bookmark starts: they belong to the next w:p
        self.containers: dict[int, int] = {}
        self.current: WordParagraph | None = None
        self.open_moves: dict[str, str] = {}  # move range id -> name
        self.tables = 0

    def block(self, el: etree._Element, table: int | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname if child.tag.startswith("{") else child.tag
            if child.tag == w("p"):
                self.paragraph(child, el, table)
            elif child.tag == ALTERNATE:
                branch = chosen(child)
                if branch is not None:
                    self.block(branch, table)
            elif child.tag.startswith(f"{{{W}}}"):
                if local in _SKIP:
                    continue
                if local == "tbl" and table is None:
                    self.tables += 1
                    self.block(child, self.tables)
                elif not self.marker(child, local):
                    self.block(child, table)

    def marker(self, el: etree._Element, local: str) -> bool:
        """Bookmark, comment range and move range markers (anywhere); True when ``el`` was one."""
        if local == "bookmarkStart":
            name = el.get(w("name")) or ""
            (self.current.bookmarks if self.current is not None else self.pending_bookmarks).append(name)
        elif local == "commentRangeStart":
            self.open_comments.add(el.get(w("id")) or "")
        elif local == "commentRangeEnd":
            cid = el.get(w("id")) or ""
            self.open_comments.discard(cid)
            if cid not in self.covered and self.current is not None:
                self.current.point_comments.add(cid)
        elif local in ("moveFromRangeStart", "moveToRangeStart"):
            name = el.get(w("name")) or ""
            self.open_moves[el.get(w("id")) or ""] = name
            if self.current is not None:
                self.current.move_names.add(name)
        elif local in ("moveFromRangeEnd", "moveToRangeEnd"):
            self.open_moves.pop(el.get(w("id")) or "", None)
        elif local == "bookmarkEnd":
            pass
        else:
            return False
        return True

    def paragraph(self, p: etree._Element, parent: etree._Element, table: int | None) -> None:
        container = self.containers.setdefault(id(parent), len(self.containers))
        style_el = p.find(f"{w('pPr')}/{w('pStyle')}")
        para = WordParagraph(index=len(self.paragraphs) + 1, style=(style_el.get(w("val")) or "")
                             if style_el is not None else "", container=container, in_table=table is not None,
                             table=table)
        para.bookmarks.extend(self.pending_bookmarks)
        self.pending_bookmarks = []
        para.move_names.update(self.open_moves.values())
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is not None:
            for kind in REVISIONS:
                el = mark.find(w(kind))
                if el is not None:
                    para.mark = _revision(el, kind)
                    break
        self.current = para
        self.inline(p, [])
        self.current = None
        para.pieces = _merge(para.pieces)
        self.paragraphs.append(para)

    def inline(self, el: etree._Element, stack: list[Revision]) -> None:
        assert self.current is not None
        for child in el:
            if child.tag == ALTERNATE:
                branch = chosen(child)
                if branch is not None:
                    self.inline(branch, stack)
                continue
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                continue  # other namespaces: not text
            local = etree.QName(child).localname
            if local in REVISIONS:
                self.inline(child, [*stack, _revision(child, local)])
            elif local == "r":
                self.run(child, stack)
            elif local in _INLINE_CONTAINERS:
                self.inline(child, stack)
            elif local in _SKIP or local == "p":
                continue
            else:
                self.marker(child, local)

    def run(self, r: etree._Element, stack: list[Revision]) -> None:
        revision = _effective(stack)
        if revision != "gone":
            self.run_content(r, revision if isinstance(revision, Revision) else None)

    def run_content(self, el: etree._Element, revision: Revision | None) -> None:
        para = self.current
        assert para is not None
        for child in el:
            if child.tag == ALTERNATE:
                branch = chosen(child)
                if branch is not None:
                    self.run_content(branch, revision)
                continue
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                continue
            local = etree.QName(child).localname
            if local in ("t", "delText"):
                text = child.text or ""
            elif local in _CHAR:
                text = _CHAR[local]
            elif local == "sym":
                font, code = child.get(w("font")) or "", child.get(w("char")) or ""
                read = symbol(font, code)
                if read is None:
                    para.unread.append(f"a symbol of the font {font or '?'} ({code})")
                text = read or ""
            elif local == "commentReference":
                cid = child.get(w("id")) or ""
                if cid not in self.covered:
                    para.point_comments.add(cid)
                continue
            elif local in _NOTES:
                para.notes.append(Note(_NOTES[local], child.get(w("id")) or "", "", revision))
                continue
            elif local in _BOXES:
                for box in _outermost(child, w("txbxContent")):
                    para.notes.append(Note("text box", "", text_of(box), revision))
                continue
            else:
                continue  # rPr, fldChar, instrText, images
            if not text:
                continue
            self.covered.update(self.open_comments)
            para.pieces.append(Piece(unicodedata.normalize("NFC", text), revision, "text",
                                     frozenset(self.open_comments)))

    def finish(self) -> None:
        for cid in self.open_comments - self.covered:  # a range never closed: on the last paragraph
            if self.paragraphs:
                self.paragraphs[-1].point_comments.add(cid)


def _revision(el: etree._Element, kind: str) -> Revision:
    return Revision(kind, " ".join((el.get(w("author")) or "").split()), el.get(w("date")) or "",
                    el.get(w("id")) or "")


def _effective(stack: list[Revision]) -> Revision | None | str:
    """The revision a run inside ``stack`` belongs to; "gone" when it is in neither view
    (text inserted by one author and deleted by another)."""
    added = [r for r in stack if r.kind in ADDED]
    removed = [r for r in stack if r.kind in REMOVED]
    if added and removed:
        return "gone"
    return stack[-1] if stack else None


def _outermost(el: etree._Element, tag: str) -> list[etree._Element]:
    """The ``tag`` elements inside ``el`` that are not inside another one (a text box in a text box is
    part of the outer box's text)."""
    out = []
    for found in el.iter(tag):
        parent = found.getparent()
        while parent is not None and parent is not el and parent.tag != tag:
            parent = parent.getparent()
        if parent is None or parent is el:
            out.append(found)
    return out


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if out and (out[-1].revision, out[-1].role, out[-1].comments) == (p.revision, p.role, p.comments):
            out[-1] = Piece(out[-1].text + p.text, p.revision, p.role, p.comments)
        else:
            out.append(p)
    return out
