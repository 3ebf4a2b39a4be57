"""A Word file's paragraphs -> amendment proposals against the base version (pure: no I/O).

``Planner(word, clauses, used_ids).plan(lang)`` returns the proposals and warnings.  Paragraphs are
grouped as Word's reject-all view joins them (a paragraph whose own mark was inserted joins the next),
each group is matched with a clause (its bookmark, else its text: exact, then at least 90 % similar),
and then:

* a paragraph whose text (and mark) are all inserted is ``add {after: <clause before it>}`` (``before:
  <clause after it>`` at the top of a section), its new id ``<that clause>-bis`` (``-ter`` ...);
* a clause whose text is all deleted is ``remove``; one listed in the draft's clause map but absent
  from the file (deleted without Track Changes) too, with a warning;
* a clause deleted in one place and inserted in another (``w:moveFrom``/``w:moveTo`` with one move
  name, or the same words) is ``move {after: <clause before its new place>}``;
* changes inside a clause: the tracked changes when the text under them is the base text, else a
  word-level diff with the base text (silent edits); when the draft shows the clause as amended since
  the base version, changes are placed through that text, and one that touches words changed since
  is reported, not imported;
* a comment on a change is that amendment's ``rationale``; comments on untouched words of a clause make
  one ``comment {}`` amendment; comments nowhere near a clause are reported.

What a change inside a clause becomes is ``edits``'s.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..ops.text import fold, key, shorten
from ..vocab import LATIN_ORDINALS
from ..wordml import FRAME_STYLES, bookmark_name
from .docx import ADDED, TYPED_NUMBER, Piece, Revision, WordFile, WordParagraph, clean_pieces
from .edits import (alignment_map, comment_spans, compose, overlaps, position_map, silent_edits, summary, texts_of,
                    to_changes, tracked_edits)


@dataclass(frozen=True, slots=True)
class BaseClause:
    """A clause of the base version as import compares with it: ``text`` in ``lang`` (the file's
    language, or the original language where the clause has no text in the file's)."""

    id: str
    lang: str
    text: str
    current: str | None = None  # the clause's text now (in ``lang``), when it changed since


@dataclass(frozen=True, slots=True)
class Proposal:
    """One amendment to create (its file without id, proponent and status)."""

    target: str | None
    lang: str
    change: dict[str, Any]
    rationale: str | None = None
    authors: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    paragraph: int = 0  # the (first) Word paragraph it comes from, 1-based
    how: str = "tracked"  # tracked | silent | comment

    @property
    def op(self) -> str:
        return next(iter(self.change))

    @property
    def summary(self) -> str:
        return summary(self.change)


@dataclass(slots=True)
class _Item:
    """A stretch of the accepted document: a clause (its paragraphs), a new paragraph, or frame."""

    kind: str  # clause | new | frame | later (a clause added since the base version) | other
    paragraphs: list[WordParagraph]
    clause: str | None = None
    removed: bool = False
    moved_to: _Item | None = None  # clause: the new paragraph it was moved to
    moved_from: _Item | None = None  # new: the clause it came from


class Planner:
    """Turns the paragraphs of a Word file into proposals against the base version's clauses."""

    def __init__(self, word: WordFile, clauses: Sequence[BaseClause], used_ids: set[str],
                 later: Mapping[str, str] | None = None, titles: set[str] | None = None) -> None:
        self.word = word
        self.clauses = {c.id: c for c in clauses}
        self.later = dict(later or {})  # clauses of the current text not in the base version: id -> text
        self.titles = {key(t).strip() for t in titles or ()}  # document and section titles
        self.order = [c.id for c in clauses]
        self.used_ids = set(used_ids)
        self.forward = {bookmark_name(c): c for c in (*self.clauses, *self.later)}
        self.proposals: list[Proposal] = []
        self.warnings: list[str] = []
        self.used_comments: set[str] = set()
        self.pieces = {id(p): clean_pieces(p) for p in word.paragraphs}
        self.lang = ""
        self.places: dict[tuple[str, str], int] = {}  # where new paragraphs go -> the first one's number

    # -- which paragraph is which clause

    def resolve(self, bookmark: str) -> str | None:
        cid = self.word.clause_map.get(bookmark) or self.forward.get(bookmark)
        if cid is None and bookmark.startswith("c_"):
            cid = bookmark[2:].replace("_", "-")
        return cid if cid in self.clauses or cid in self.later else None

    def items(self) -> list[_Item]:
        """Paragraphs grouped as Word's reject-all view joins them (a paragraph whose mark was inserted
        joins the next one), then split into clause, new and frame items in accepted order."""
        units: list[list[WordParagraph]] = []
        for p in self.word.paragraphs:
            prev = units[-1][-1] if units else None
            if prev is not None and prev.container == p.container and prev.mark and prev.mark.kind in ADDED:
                units[-1].append(p)
            else:
                units.append([p])
        claimed: set[str] = set()
        items: list[_Item] = []
        for unit in units:
            body = [p for p in unit if self.text(p, "original").strip()]
            first = unit.index(body[0]) if body else len(unit)
            last = unit.index(body[-1]) + 1 if body else len(unit)
            items += [_Item("new", [p]) for p in unit[:first] if self.text(p, "accepted").strip()]
            if body:
                items.append(self.body_item(unit[first:last], claimed))
            items += [_Item("new", [p]) for p in unit[last:] if self.text(p, "accepted").strip()]
        self.match_by_text(items, claimed)
        return items

    def body_item(self, paragraphs: list[WordParagraph], claimed: set[str]) -> _Item:
        if paragraphs[0].style in FRAME_STYLES:
            return _Item("frame", paragraphs)
        for p in paragraphs:
            for name in p.bookmarks:
                cid = self.resolve(name)
                if cid is not None and cid not in claimed:
                    claimed.add(cid)
                    return _Item("clause" if cid in self.clauses else "later", paragraphs, cid)
        if key(self.text(paragraphs[0], "original")).strip() in self.titles:
            return _Item("frame", paragraphs)  # a section heading whose style was lost
        return _Item("other", paragraphs)

    def match_by_text(self, items: list[_Item], claimed: set[str]) -> None:
        """Paragraphs without a clause bookmark (pasted or retyped): their original text against the
        clauses not found yet, exactly, then at a similarity of at least ``MATCH_MIN``."""
        others = [it for it in items if it.kind == "other"]
        if not others:
            return
        later = {key(t).strip(): c for c, t in self.later.items() if c not in claimed}
        free = {key(self.clauses[c].text).strip(): c for c in self.order if c not in claimed}
        for it in others:
            cid = later.pop(fold(self.joined(it, "original")).key.strip(), None)
            if cid is not None:
                it.kind, it.clause = "later", cid
        for it in others:
            if it.kind != "other":
                continue
            cid = free.pop(fold(self.joined(it, "original")).key.strip(), None)
            if cid is not None:
                it.kind, it.clause = "clause", cid
                claimed.add(cid)
        for it in others:
            if it.kind != "other":
                continue
            text = fold(self.joined(it, "original")).key.strip()
            best, score = None, MATCH_MIN
            for k, cid in free.items():
                m = difflib.SequenceMatcher(None, text, k, autojunk=False)
                if m.real_quick_ratio() >= score and m.quick_ratio() >= score and m.ratio() >= score:
                    best, score = k, m.ratio()
            if best is not None:
                cid = free.pop(best)
                it.kind, it.clause = "clause", cid
                claimed.add(cid)

    def text(self, p: WordParagraph, view: str) -> str:
        original = view == "original"
        return "".join(x.text for x in self.pieces[id(p)] if (x.in_original if original else x.in_accepted))

    def joined(self, item: _Item, view: str) -> str:
        return " ".join(self.text(p, view) for p in item.paragraphs)

    def item_pieces(self, item: _Item) -> list[Piece]:
        """The pieces of an item's paragraphs; a paragraph break inside a clause reads as a space."""
        out: list[Piece] = []
        for i, p in enumerate(item.paragraphs):
            if i:
                out.append(Piece(" ", item.paragraphs[i - 1].mark or Revision("ins", "", "", "")))
            out += self.pieces[id(p)]
        return out

    # -- the proposals

    def plan(self, lang: str) -> tuple[list[Proposal], list[str]]:
        """Every proposal the file makes, in document order, and warnings about what it could not read."""
        self.lang = lang
        items = self.items()
        for it in items:
            if it.kind == "clause":
                it.removed = not self.joined(it, "accepted").strip()
        self.pair_moves(items)
        seen = {it.clause for it in items if it.kind == "clause"}
        for cid in dict.fromkeys(self.word.clause_map.values()):
            if cid in self.clauses and cid not in seen:
                self.warnings.append(f"clause {cid} is not in the file (deleted without Track Changes): "
                                     f"proposed for removal")
                self.proposals.append(Proposal(cid, self.clauses[cid].lang, {"remove": {}}, how="silent"))
        started = False
        for n, it in enumerate(items):
            if it.kind == "clause" and it.clause is not None:
                started = True
                if it.removed and it.moved_to is None:
                    self.propose(it, it.clause, self.clauses[it.clause].lang, {"remove": {}})
                elif not it.removed:
                    self.text_changes(it, self.clauses[it.clause])
                    last = it.paragraphs[-1]
                    nxt = self.word.paragraphs[last.index] if last.index < len(self.word.paragraphs) else None
                    if (last.mark is not None and last.mark.kind not in ADDED and nxt is not None
                            and self.text(nxt, "accepted").strip()):
                        self.warnings.append(f"clause {it.clause} (paragraph {it.paragraphs[-1].index}): its "
                                             f"paragraph mark was deleted, joining it to the next paragraph; "
                                             f"not imported (propose the merged text instead)")
            elif it.kind == "new" and it.moved_from is not None:
                self.move(it, items, n)
            elif it.kind == "new" or (it.kind == "other" and started and not any(p.tracked for p in it.paragraphs)):
                self.new(it, items, n)
            elif it.kind == "later":
                if any(p.tracked for p in it.paragraphs):
                    self.warnings.append(f"clause {it.clause} was added after the base version; changes to it "
                                         f"are not imported (propose them against the next version)")
            elif any(p.tracked for p in it.paragraphs) or it.kind == "other":
                what = "a title or heading of the draft" if it.kind == "frame" else "no clause of the base version"
                if any(p.tracked for p in it.paragraphs) or started:
                    self.warnings.append(f"paragraph {it.paragraphs[0].index} is {what}; its changes are not "
                                         f"imported: {shorten(self.joined(it, 'accepted'))!r}")
        for cid, c in self.word.comments.items():
            if cid not in self.used_comments and c.text:
                self.warnings.append(f"comment {cid} by {c.author or 'unknown'} is on no clause; not imported: "
                                     f"{shorten(c.text)!r}")
        return self.proposals, self.warnings

    def propose(self, it: _Item, target: str | None, lang: str, change: dict[str, Any],
                comments: set[str] | None = None, revisions: Sequence[Revision] | None = None,
                how: str | None = None) -> None:
        if comments is None:
            comments = self.item_comments(it)
        if revisions is None:
            revisions = [r for p in it.paragraphs for r in p.revisions]
        notes = [self.word.comments[c] for c in sorted(comments, key=_num) if c in self.word.comments]
        self.used_comments |= comments
        authors = [r.author for r in revisions] + [c.author for c in notes]
        self.proposals.append(Proposal(
            target, lang, change, "\n\n".join(c.text for c in notes if c.text) or None,
            tuple(dict.fromkeys(a for a in authors if a)),
            tuple(sorted({d for d in [r.date for r in revisions] + [c.date for c in notes] if d})),
            it.paragraphs[0].index, how or ("tracked" if revisions else "silent")))

    def item_comments(self, it: _Item) -> set[str]:
        """Every comment on the item's paragraphs, number and label included."""
        out: set[str] = set()
        for p in it.paragraphs:
            out |= p.point_comments
            for piece in p.pieces:
                out |= piece.comments
        return out

    def text_changes(self, it: _Item, c: BaseClause) -> None:
        pieces = self.item_pieces(it)
        where = f"clause {c.id} (paragraph {it.paragraphs[0].index})"
        if len(it.paragraphs) > 1:
            self.warnings.append(f"{where} was split into {len(it.paragraphs)} paragraphs; imported as "
                                 f"changes to its text only")
        original, accepted = texts_of(pieces)
        revisions = [p.revision for p in pieces if p.revision is not None]
        ref = c.text
        if c.current is not None and fold(original).key != fold(c.text).key and (
                fold(original).key == fold(c.current).key or (not revisions and len(
                    silent_edits(c.current, accepted)) < len(silent_edits(c.text, accepted)))):
            ref = c.current  # the draft shows the clause as amended since the base version
        if fold(original).key == fold(ref).key:
            edits, to_ref, side = tracked_edits(pieces), position_map(original, ref), "oa"
        else:
            if revisions:
                self.warnings.append(f"{where}: the text under the tracked changes differs from the base "
                                     f"version; compared word by word")
            edits, to_ref, side = silent_edits(ref, accepted), position_map(ref, ref), "a"
        spans = comment_spans(pieces, side)
        for e in edits:
            e.comments |= {cid for cid, at in spans.items() if any(overlaps(e, *w) for w in at)}
        changes, lost = to_changes(c.text, accepted, edits, compose(to_ref, alignment_map(c.text, ref)))
        attached: set[str] = set()
        for tc in changes:
            attached |= tc.comments
            self.propose(it, c.id, c.lang, tc.change, set(tc.comments),
                         list(tc.revisions) or (revisions if side == "a" else []))
        for e in lost:
            self.warnings.append(f"{where}: the change of {ref[e.os:e.oe]!r} into {accepted[e.as_:e.ae]!r} "
                                 f"touches words changed since the base version; not imported")
        rest = self.item_comments(it) - attached
        if rest:  # comments on words nobody changed: one comment amendment for the clause
            self.propose(it, c.id, c.lang, {"comment": {}}, rest, [], "comment")

    def new(self, it: _Item, items: list[_Item], n: int) -> None:
        text = TYPED_NUMBER.sub("", " ".join(self.joined(it, "accepted").split()), count=1).strip()
        where = self.place(items, n)
        if not text or where is None:
            return
        side, ref = where
        if where in self.places:
            self.warnings.append(f"paragraph {it.paragraphs[0].index} is proposed {side} {ref}, as is paragraph "
                                 f"{self.places[where]}; their order is settled when they are decided")
        self.places.setdefault(where, it.paragraphs[0].index)
        new_id = self.new_id(ref)
        self.propose(it, None, self.lang, {"add": {side: ref, "clause": {"id": new_id, "text": {self.lang: text}}}})
        if not any(p.tracked for p in it.paragraphs):
            self.warnings.append(f"paragraph {it.paragraphs[0].index} was added without Track Changes: "
                                 f"proposed as new clause {new_id}")

    def move(self, it: _Item, items: list[_Item], n: int) -> None:
        source = it.moved_from
        assert source is not None and source.clause is not None
        c = self.clauses[source.clause]
        where = self.place(items, n, exclude=c.id)
        if where is None:
            return
        both = _Item("clause", source.paragraphs + it.paragraphs, c.id)
        self.propose(both, c.id, c.lang, {"move": {where[0]: where[1]}})
        accepted = " ".join(self.joined(it, "accepted").split())
        ref = c.current if c.current is not None else c.text
        changes, lost = to_changes(c.text, accepted, silent_edits(ref, accepted), alignment_map(c.text, ref))
        for e in lost:
            self.warnings.append(f"clause {c.id}: the change of {ref[e.os:e.oe]!r} into "
                                 f"{accepted[e.as_:e.ae]!r} touches words changed since the base version; "
                                 f"not imported")
        for tc in changes:
            self.propose(it, c.id, c.lang, tc.change, set(), [r for p in it.paragraphs for r in p.revisions])

    def pair_moves(self, items: list[_Item]) -> None:
        """A clause deleted in one place and the same paragraph inserted in another (w:moveFrom/w:moveTo
        with the same move name, or the same words) is a move."""
        sources = [it for it in items if it.kind == "clause" and it.removed]
        for it in items:
            if it.kind != "new":
                continue
            names = {n for p in it.paragraphs for n in p.move_names}
            text = fold(self.joined(it, "accepted")).key.strip()
            free = [s for s in sources if s.moved_to is None]
            match = [s for s in free if names & {n for p in s.paragraphs for n in p.move_names}]
            match = match or [s for s in free if fold(self.joined(s, "original")).key.strip() == text]
            if match:
                match[0].moved_to, it.moved_from = it, match[0]

    def place(self, items: list[_Item], n: int, exclude: str | None = None) -> tuple[str, str] | None:
        """After the clause before item ``n`` (when no section heading lies between), else before the
        clause after it."""
        prev, boundary = None, False
        for it in items[:n]:
            cid = self.clause_at(it)
            if cid is not None and cid != exclude:
                prev, boundary = cid, False
            elif it.kind == "frame":
                boundary = True
        nxt = next((cid for it in items[n + 1:] if (cid := self.clause_at(it)) and cid != exclude), None)
        if prev is not None and not (boundary and nxt is not None):
            return ("after", prev)
        return ("before", nxt) if nxt is not None else None

    def clause_at(self, it: _Item) -> str | None:
        if (it.kind == "clause" and not it.removed) or it.kind == "later":
            return it.clause
        if it.kind == "new" and it.moved_from is not None:
            return it.moved_from.clause
        return None

    def new_id(self, ref: str) -> str:
        stem = ref[: 60]
        for suffix in (*LATIN_ORDINALS, *(f"new-{i}" for i in range(1, 1000))):
            candidate = f"{stem}-{suffix}"
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate
        raise ValueError(f"no free clause id after {ref}")


MATCH_MIN = 0.9


def _num(cid: str) -> tuple[int, str]:
    return (int(cid), cid) if cid.isdigit() else (1 << 30, cid)
