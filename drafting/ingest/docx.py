"""Read a checked Word file into paragraphs with both views of their tracked changes.

``read_word_file(package) -> WordFile``.  Each body paragraph, table cells included, in document
order, becomes a ``WordParagraph`` made of ``Piece``s: stretches of text with one revision state.

* ``original`` (reject all): text outside w:ins/w:moveTo, deleted text (w:delText) included, moved-away
  text (w:moveFrom) included;
* ``accepted`` (accept all): text outside w:del/w:moveFrom, inserted and moved-in text included.

python-docx's ``paragraph.text`` is not used: it drops both sides of a tracked change and skips tables.
The literal display number (a run in the ``DraftNumber`` style, with its tab) and the status label (a
``DraftLabel`` run) are kept apart as ``number`` and ``label``: they are not clause text.  Tabs and
line breaks read as spaces; a tab stays a tab (it ends a typed number); every text is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from ..labels import LABELS
from ..wordml import LABEL_STYLE, NUMBER_STYLE
from . import parts
from .parts import Comment, W, w
from .safety import Package

REVISIONS = ("ins", "del", "moveFrom", "moveTo")
ADDED, REMOVED = ("ins", "moveTo"), ("del", "moveFrom")
_INLINE_CONTAINERS = ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdtContent", "sdt")
_SKIP = ("pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "trPr", "tcPr", "tblGrid", "sectPr", "customXmlPr")
_CHAR = {"tab": "\t", "ptab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-", "softHyphen": "\u00ad"}


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
    ``number`` or ``label``; ``comments`` are the ids of the comments whose range covers it."""

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


@dataclass(slots=True)
class WordParagraph:
    """One w:p.  ``index`` is its 1-based position among the body's paragraphs (for messages);
    ``container`` tells paragraphs of one cell or of the body apart (a removed paragraph mark joins a
    paragraph only with the next one of the same container)."""

    index: int
    style: str
    container: int
    in_table: bool
    pieces: list[Piece] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    mark: Revision | None = None  # the paragraph mark's own tracked change
    point_comments: set[str] = field(default_factory=set)  # comments on a point or an empty range
    move_names: set[str] = field(default_factory=set)

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
    def number(self) -> str:
        return "".join(p.text for p in self.pieces if p.role == "number" and p.in_original).strip()

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


def read_word_file(pkg: Package) -> WordFile:
    """Every paragraph with both views, comments, the clause map, header text and properties."""
    root = pkg.xml(pkg.main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        raise pkg.fail(f"not a Word document: {pkg.main} has no body")
    walker = _Walker()
    walker.block(body, in_table=False)
    walker.finish()
    clause_map, attributes = parts.clause_map(pkg)
    return WordFile(
        path=pkg.path, paragraphs=walker.paragraphs, comments=parts.comments(pkg),
        clause_map=clause_map, map_attributes=attributes, header_text=parts.headers(pkg),
        properties=parts.properties(pkg), languages=parts.languages(pkg))


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

    def block(self, el: etree._Element, in_table: bool) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname if child.tag.startswith("{") else child.tag
            if child.tag == w("p"):
                self.paragraph(child, el, in_table)
            elif child.tag.startswith(f"{{{W}}}"):
                if local in _SKIP:
                    continue
                if local in ("tbl", "tr", "tc"):
                    self.block(child, True)
                elif not self.marker(child, local):
                    self.block(child, in_table)

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

    def paragraph(self, p: etree._Element, parent: etree._Element, in_table: bool) -> None:
        container = self.containers.setdefault(id(parent), len(self.containers))
        style_el = p.find(f"{w('pPr')}/{w('pStyle')}")
        para = WordParagraph(index=len(self.paragraphs) + 1, style=(style_el.get(w("val")) or "")
                             if style_el is not None else "", container=container, in_table=in_table)
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
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                continue  # mc:AlternateContent, other namespaces: drawings, not text
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
        assert self.current is not None
        style = r.find(f"{w('rPr')}/{w('rStyle')}")
        style_name = (style.get(w("val")) or "") if style is not None else ""
        role = {NUMBER_STYLE: "number", LABEL_STYLE: "label"}.get(style_name, "text")
        revision = _effective(stack)
        if revision == "gone":
            return
        for child in r:
            if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                continue
            local = etree.QName(child).localname
            if local in ("t", "delText"):
                text = child.text or ""
            elif local in _CHAR:
                text = _CHAR[local]
            elif local == "commentReference":
                cid = child.get(w("id")) or ""
                if cid not in self.covered:
                    self.current.point_comments.add(cid)
                continue
            else:
                continue  # rPr, fldChar, instrText, footnote references, drawings
            if not text:
                continue
            self.covered.update(self.open_comments)
            self.current.pieces.append(Piece(unicodedata.normalize("NFC", text),
                                             revision if isinstance(revision, Revision) else None,
                                             role, frozenset(self.open_comments)))

    def finish(self) -> None:
        for cid in self.open_comments - self.covered:  # a range never closed: on the last paragraph
            if self.paragraphs:
                self.paragraphs[-1].point_comments.add(cid)


# a number typed by hand (no DraftNumber style): "12 bis<TAB>", "(a)<TAB>", "IV.<TAB>"
TYPED_NUMBER = re.compile(r"^\s*\(?[0-9A-Za-z]{1,6}[.)]?(?: [a-z]{3,12})?\.?\t")
_LABELS = sorted({t for k, texts in LABELS.items() if k.startswith("status.") or k == "awaiting_translation"
                  for t in texts.values() if t}, key=len, reverse=True)


def clean_pieces(p: WordParagraph) -> list[Piece]:
    """The clause text of a paragraph: number and status label left out (by their run styles, or by
    their look when the styles were lost), tabs as spaces, whitespace at the edges trimmed."""
    pieces = [x for x in p.pieces if x.role == "text"]
    if not any(x.role == "number" for x in p.pieces):
        m = TYPED_NUMBER.match(_equal_edge(pieces, start=True))
        if m:
            pieces = _drop(pieces, m.end(), start=True)
    if not any(x.role == "label" for x in p.pieces):
        for _ in range(2):  # status label, then awaiting translation
            tail = _equal_edge(pieces, start=False).rstrip()
            label = next((lb for lb in _LABELS if tail.endswith(lb)), None)
            if label is None:
                break
            pieces = _drop(pieces, len(_equal_edge(pieces, start=False)) - len(tail) + len(label), start=False)
    pieces = [Piece(x.text.replace("\t", " "), x.revision, x.role, x.comments) for x in pieces]
    head = _equal_edge(pieces, start=True)
    pieces = _drop(pieces, len(head) - len(head.lstrip()), start=True)
    tail = _equal_edge(pieces, start=False)
    return _drop(pieces, len(tail) - len(tail.rstrip()), start=False)


def _equal_edge(pieces: list[Piece], start: bool) -> str:
    """The untouched text at the start (or end) of ``pieces``, up to the first tracked change."""
    out = []
    for x in pieces if start else reversed(pieces):
        if x.revision is not None:
            break
        out.append(x.text)
    return "".join(out if start else reversed(out))


def _drop(pieces: list[Piece], n: int, start: bool) -> list[Piece]:
    """``pieces`` without ``n`` characters at the start (or end); they lie in untouched pieces."""
    out = list(pieces if start else reversed(pieces))
    while n > 0 and out:
        x = out[0]
        if len(x.text) <= n:
            n -= len(x.text)
            out.pop(0)
        else:
            text = x.text[n:] if start else x.text[:-n]
            out[0] = Piece(text, x.revision, x.role, x.comments)
            n = 0
    return out if start else out[::-1]


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


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if out and (out[-1].revision, out[-1].role, out[-1].comments) == (p.revision, p.role, p.comments):
            out[-1] = Piece(out[-1].text + p.text, p.revision, p.role, p.comments)
        else:
            out.append(p)
    return out
