"""Which paragraphs of a Word file are which clauses of the base version (pure: no I/O).

``Reading(word, clauses, later, titles)`` reads the file against the base version:

1. Paragraphs are grouped as Word's reject-all view joins them (a paragraph whose own mark was inserted
   joins the next one); the paragraphs of a group that exist only in the accept-all view are new.
2. A group is the draft's frame when its paragraph style is one of the draft's frame styles (compared
   without case: LibreOffice writes ``Drafttitle`` for ``DraftTitle``) or its text is a title; a clause
   when it holds the bookmark of one; a clause added since the base version when its text is one.
3. The other groups are found by ``align``: by their text and their position in the whole document,
   the bookmarked ones holding the rest in place.  A clause found out of the document's order (its
   bookmark travelled with it, or its words stand elsewhere) was moved without Track Changes.
4. Clauses found nowhere: the ones of the draft's clause map (deleted without Track Changes); without a
   clause map, the unfound clauses of every document the file holds more than half of (``missing``).
   A document the file holds less of is reported (``partly``), its clauses not proposed for removal.
5. Every paragraph's number and label are then recognised (``marks``) knowing what it is: a clause's
   by the numbers the draft gave it, another paragraph's by the numbers of the clauses around it.
   ``pieces[id(paragraph)]`` is the clause text that is left, ``marked[id(paragraph)]`` the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..ops.text import key
from ..wordml import FRAME_STYLES, bookmark_name
from .align import align
from .docx import ADDED, Piece, Revision, WordFile, WordParagraph
from .marks import Expect, Marked, clean, mark, numbers_in

_FRAME = {s.lower() for s in FRAME_STYLES}


@dataclass(frozen=True, slots=True)
class BaseClause:
    """A clause of the base version as import compares with it: ``text`` in ``lang`` (the file's
    language, or the original language where the clause has no text in the file's), the numbers and
    status labels a draft may have shown with it, its document and parent clause."""

    id: str
    lang: str
    text: str
    current: str | None = None  # the clause's text now (in ``lang``), when it changed since
    numbers: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    document: str = ""
    parent: str | None = None


@dataclass(slots=True)
class Item:
    """A stretch of the accepted document: a clause (its paragraphs), a new paragraph, or frame."""

    kind: str  # clause | new | frame | later (a clause added since the base version) | other
    paragraphs: list[WordParagraph]
    clause: str | None = None
    removed: bool = False
    moved_to: Item | None = None  # clause: the new paragraph it was moved to (tracked)
    moved_from: Item | None = None  # new: the clause it came from (tracked)
    moved: bool = False  # a clause found out of the document's order: moved without Track Changes
    found: str = ""  # how it was found: bookmark | text | similar | moved

    @property
    def tracked(self) -> bool:
        return any(p.tracked for p in self.paragraphs)


class Reading:
    """The file's paragraphs as items (see the module docstring)."""

    def __init__(self, word: WordFile, clauses: Sequence[BaseClause], later: Mapping[str, str] | None = None,
                 titles: set[str] | None = None) -> None:
        self.word = word
        self.clauses = {c.id: c for c in clauses}
        self.order = [c.id for c in clauses]
        self.later = dict(later or {})
        self.titles = {key(t).strip() for t in titles or ()}
        self.forward = {bookmark_name(c): c for c in (*self.clauses, *self.later)}
        loose = Expect(loose=True)
        self.marked: dict[int, Marked] = {id(p): mark(p.pieces, loose) for p in word.paragraphs}
        self.pieces: dict[int, list[Piece]] = {k: clean(m.pieces) for k, m in self.marked.items()}
        self.items = self._items()
        self.missing, self.partly = self._missing()
        self._mark()

    # -- texts

    def text(self, p: WordParagraph, view: str) -> str:
        original = view == "original"
        return "".join(x.text for x in self.pieces[id(p)] if (x.in_original if original else x.in_accepted))

    def joined(self, item: Item, view: str) -> str:
        return " ".join(self.text(p, view) for p in item.paragraphs)

    def item_pieces(self, item: Item) -> list[Piece]:
        """The pieces of an item's paragraphs; a paragraph break inside a clause reads as a space."""
        out: list[Piece] = []
        for i, p in enumerate(item.paragraphs):
            if i:
                out.append(Piece(" ", item.paragraphs[i - 1].mark or Revision("ins", "", "", "")))
            out += self.pieces[id(p)]
        return out

    def comparable(self, item: Item, view: str) -> str:
        return " ".join(key(self.joined(item, view)).split())

    # -- identity

    def resolve(self, bookmark: str) -> str | None:
        cid = self.word.clause_map.get(bookmark) or self.forward.get(bookmark)
        if cid is None and bookmark.startswith("c_"):
            cid = bookmark[2:].replace("_", "-")
        return cid if cid in self.clauses or cid in self.later else None

    def _items(self) -> list[Item]:
        units: list[list[WordParagraph]] = []
        for p in self.word.paragraphs:
            prev = units[-1][-1] if units else None
            if prev is not None and prev.container == p.container and prev.mark and prev.mark.kind in ADDED:
                units[-1].append(p)
            else:
                units.append([p])
        claimed: set[str] = set()
        items: list[Item] = []
        for unit in units:
            body = [p for p in unit if self.text(p, "original").strip()]
            first = unit.index(body[0]) if body else len(unit)
            last = unit.index(body[-1]) + 1 if body else len(unit)
            items += [Item("new", [p]) for p in unit[:first] if self.text(p, "accepted").strip()]
            if body:
                items.append(self._body(unit[first:last], claimed))
            items += [Item("new", [p]) for p in unit[last:] if self.text(p, "accepted").strip()]
        later = {" ".join(key(t).split()): c for c, t in self.later.items() if c not in claimed}
        for it in items:
            if it.kind == "other" and (cid := later.pop(self.comparable(it, "original"), None)):
                it.kind, it.clause, it.found = "later", cid, "text"
        self._align(items)
        return items

    def _body(self, paragraphs: list[WordParagraph], claimed: set[str]) -> Item:
        if paragraphs[0].style.lower() in _FRAME:
            return Item("frame", paragraphs)
        for p in paragraphs:
            for name in p.bookmarks:
                cid = self.resolve(name)
                if cid is not None and cid not in claimed:
                    claimed.add(cid)
                    kind = "clause" if cid in self.clauses else "later"
                    return Item(kind, paragraphs, cid, found="bookmark")
        if key(self.text(paragraphs[0], "original")).strip() in self.titles:
            return Item("frame", paragraphs)  # a section heading whose style was lost
        return Item("other", paragraphs)

    def _align(self, items: list[Item]) -> None:
        entries = [it for it in items if it.kind in ("clause", "other")]
        where = {cid: n for n, cid in enumerate(self.order)}
        fixed = {n: where[it.clause] for n, it in enumerate(entries) if it.kind == "clause" and it.clause}
        clause_keys = [" ".join(key(self.clauses[c].text).split()) for c in self.order]
        # a draft compiled after amendments were accepted shows the clause's current text
        now = {" ".join(key(c.current).split()): k
               for c, k in zip(self.clauses.values(), clause_keys) if c.current}
        texts = [now.get(k, k) if it.kind == "other" else "" for it in entries
                 for k in [self.comparable(it, "original")]]
        result = align(texts, clause_keys, fixed)
        for n, it in enumerate(entries):
            c = result.clause[n]
            if c is None:
                continue
            if it.kind == "other":
                it.kind, it.clause, it.found = "clause", self.order[c], result.how.get(n, "text")
            it.moved = n in result.moved

    def _missing(self) -> tuple[list[str], list[tuple[str, int]]]:
        found = {it.clause for it in self.items if it.kind == "clause"}
        if self.word.clause_map:
            return [c for c in dict.fromkeys(self.word.clause_map.values())
                    if c in self.clauses and c not in found], []
        documents: dict[str, list[str]] = {}
        for cid in self.order:
            documents.setdefault(self.clauses[cid].document, []).append(cid)
        missing, partly = [], []
        for doc, cids in documents.items():
            lost = [c for c in cids if c not in found]
            if 2 * (len(cids) - len(lost)) > len(cids):
                missing += lost
            elif len(lost) < len(cids):
                partly.append((doc, len(lost)))
        return missing, partly

    # -- numbers and labels, knowing what each paragraph is

    def numbers(self, cid: str | None) -> tuple[str, ...]:
        c = self.clauses.get(cid or "")
        return c.numbers if c is not None else ()

    def _mark(self) -> None:
        known = [(n, self.numbers(it.clause)) for n, it in enumerate(self.items)
                 if it.kind in ("clause", "later") and not it.moved]
        for n, it in enumerate(self.items):
            if it.kind in ("clause", "later"):
                expect = Expect(clause=True, numbers=self.numbers(it.clause))
            elif it.kind == "frame":
                continue
            else:
                before = [nums for k, nums in known if k < n][-1:]
                after = [nums for k, nums in known if k > n][:1]
                expect = Expect(neighbours=numbers_in([x for nums in before + after for x in nums]))
            for p in it.paragraphs:
                if expect.clause and self._plain(it, p):
                    continue  # an untouched clause read as it was drafted: the loose reading is the reading
                self.marked[id(p)] = marked = mark(p.pieces, expect)
                self.pieces[id(p)] = clean(marked.pieces)

    def _plain(self, it: Item, p: WordParagraph) -> bool:
        c = self.clauses.get(it.clause or "")
        marked = self.marked[id(p)]
        return (c is not None and len(it.paragraphs) == 1 and not p.tracked and marked.number[0] in c.numbers
                and marked.label[0] in c.labels + ("",) and key(self.text(p, "original")) == key(c.text))
