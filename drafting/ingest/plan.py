"""A Word file's paragraphs -> amendment proposals against the base version (pure: no I/O).

``Planner(word, clauses, used_ids).plan(lang)`` returns the proposals and warnings.  Which paragraph is
which clause, and which of its words are its number and its label, is ``items``'s; then:

* a paragraph whose text (and mark) are all inserted is ``add {after: <clause before it>}`` (``before:
  <clause after it>`` at the top of a section), its new id ``<that clause>-bis`` (``-ter`` ...); one
  added without Track Changes too, with a warning;
* a clause whose text is all deleted is ``remove``; one found nowhere in the file (deleted without
  Track Changes) too, with a warning;
* a clause deleted in one place and inserted in another (``w:moveFrom``/``w:moveTo`` with one move
  name, or the same words), or found out of the document's order (its bookmark or its words moved
  without Track Changes), is one ``move {after: <clause before its new place>}``, and only changes to
  its words besides;
* changes inside a clause: the tracked changes when the text under them is the base text, else a
  word-level diff with the base text (silent edits); when the draft shows the clause as amended since
  the base version, changes are placed through that text, and one that touches words changed since
  is reported, not imported; a changed number or status label is reported, never imported (numbers
  and statuses are the secretariat's);
* a comment on a change is that amendment's ``rationale``; comments on untouched words of a clause make
  one ``comment {}`` amendment; a comment over several clauses is used once, on the first, and says
  which clauses it spans; comments nowhere near a clause are reported;
* a footnote, an endnote or a text box in a clause is a ``comment {}`` amendment on it with its text;
  elsewhere it is reported;
* paragraphs after the last clause, and tables, that are no clause and were not typed with Track
  Changes are reported as not part of the text (a comments table, a cover note), never added.

Every import ends with ``check.invariant``: for every clause, the amendments made, applied to the base
text, give exactly the text the file shows; where they do not, a warning says what was not taken.
What a change inside a clause becomes is ``edits``'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..ops.text import fold, key, shorten
from ..vocab import LATIN_ORDINALS
from .check import invariant
from .docx import ADDED, Revision, WordFile, WordParagraph
from .edits import (
    alignment_map,
    comment_spans,
    compose,
    overlaps,
    position_map,
    silent_edits,
    texts_of,
    to_changes,
    tracked_edits,
)
from .items import BaseClause, Item, Reading
from .marks import same_number
from .proposal import Proposal

__all__ = ["BaseClause", "Planner", "Proposal"]


class Planner:
    """Turns the paragraphs of a Word file into proposals against the base version's clauses."""

    def __init__(self, word: WordFile, clauses: Sequence[BaseClause], used_ids: set[str],
                 later: Mapping[str, str] | None = None, titles: set[str] | None = None,
                 frame_words: Sequence[str] = ()) -> None:
        self.word = word
        self.frame_words = tuple(frame_words)  # version labels: a paragraph naming one is the title block
        self.clauses = {c.id: c for c in clauses}
        self.later = dict(later or {})
        self.titles = set(titles or ())
        self.used_ids = set(used_ids)
        self.proposals: list[Proposal] = []
        self.warnings: list[str] = []
        self.used_comments: set[str] = set()
        self.reported: set[str] = set()  # clauses whose text a warning already says was not all taken
        self.lang = ""
        self.places: dict[tuple[str, str], int] = {}  # where new paragraphs go -> the first one's number
        self.reading: Reading | None = None
        self.spans: dict[str, list[str]] = {}  # comment id -> the clauses it spans, when more than one

    @property
    def r(self) -> Reading:
        assert self.reading is not None
        return self.reading

    # -- the proposals

    def plan(self, lang: str) -> tuple[list[Proposal], list[str]]:
        """Every proposal the file makes, in document order, and warnings about what it could not read."""
        self.lang = lang
        self.reading = Reading(self.word, list(self.clauses.values()), self.later, self.titles)
        items = self.r.items
        for it in items:
            if it.kind == "clause":
                it.removed = not self.r.joined(it, "accepted").strip()
        self.pair_moves(items)
        self.spans = self.comment_clauses(items)
        for cid in self.r.missing:
            self.warn(f"clause {cid} is not in the file (deleted without Track Changes): proposed for "
                      f"removal")
            self.proposals.append(Proposal(cid, self.clauses[cid].lang, {"remove": {}}, how="silent"))
        for doc, lost in self.r.partly:
            self.warn(f"the file holds only part of document {doc}: its {lost} clause(s) not in the file are "
                      f"not proposed for removal")
        ends = [n for n, it in enumerate(items)
                if it.kind in ("clause", "later") or it.moved_from is not None]
        first, last = (ends[0], ends[-1]) if ends else (len(items), -1)
        outside: list[Item] = []
        for n, it in enumerate(items):
            where = f"paragraph {it.paragraphs[0].index}"
            if it.kind == "clause" and it.clause is not None:
                self.clause(it, items, n)
            elif it.kind == "new" and it.moved_from is not None:
                self.move(it, items, n, it.moved_from.clause)
            elif it.kind == "new":
                self.new(it, items, n)
            elif it.kind == "later" and (it.tracked or self.r.comparable(it, "accepted") != " ".join(
                    key(self.later.get(it.clause or "", "")).split())):
                self.warn(f"clause {it.clause} was added after the base version; changes to it are not "
                          f"imported (propose them against the next version)")
            elif it.kind == "frame" and it.tracked:
                self.warn(f"{where} is a title or heading of the draft; its changes are not imported: "
                          f"{shorten(self.r.joined(it, 'accepted'))!r}")
            elif it.kind == "other" and it.tracked:
                self.warn(f"{where} is no clause of the base version; its changes are not imported: "
                          f"{shorten(self.r.joined(it, 'accepted'))!r}")
            elif it.kind == "other" and (n > last or n < first or it.paragraphs[0].in_table):
                outside.append(it)
            elif it.kind == "other":
                self.new(it, items, n)
            if it.kind not in ("clause", "later") and it.moved_from is None:
                self.stray_notes(it)
        self.not_text(outside, first)
        for cid, c in self.word.comments.items():
            if cid not in self.used_comments and c.text:
                self.warn(f"comment {cid} by {c.author or 'unknown'} is on no clause; not imported: "
                          f"{shorten(c.text)!r}")
        self.warnings += invariant(self.proposals, self.clauses, self.r, self.reported)
        return self.proposals, self.warnings

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def clause(self, it: Item, items: list[Item], n: int) -> None:
        assert it.clause is not None
        c = self.clauses[it.clause]
        if it.removed and it.moved_to is None:
            self.propose(it, c.id, c.lang, {"remove": {}})
            return
        if it.removed:
            return  # moved away with Track Changes: the move is proposed where it went
        if it.moved:
            self.move(it, items, n, c.id)
            return
        self.marks(it, c)
        self.text_changes(it, c)
        self.notes(it, c)
        last = it.paragraphs[-1]
        nxt = self.word.paragraphs[last.index] if last.index < len(self.word.paragraphs) else None
        if (last.mark is not None and last.mark.kind not in ADDED and nxt is not None
                and self.r.text(nxt, "accepted").strip()):
            self.reported.add(c.id)
            self.warnings.append(f"clause {c.id} (paragraph {last.index}): its paragraph mark was deleted, "
                                 f"joining it to the next paragraph; not imported (propose the merged text "
                                 f"instead)")

    def propose(self, it: Item, target: str | None, lang: str, change: dict[str, Any],
                comments: set[str] | None = None, revisions: Sequence[Revision] | None = None,
                how: str | None = None, note: str | None = None) -> None:
        if comments is None:
            comments = self.item_comments(it)
        comments = comments - self.used_comments  # a comment over several clauses is used once
        if revisions is None:
            revisions = [r for p in it.paragraphs for r in p.revisions]
        said = [self.word.comments[c] for c in sorted(comments, key=_num) if c in self.word.comments]
        self.used_comments |= comments
        texts = [c.text + (f"\n\n(This comment spans clauses {_and(self.spans[c.id])}.)" if c.id in self.spans
                           else "") for c in said if c.text]
        if note:
            texts.insert(0, note)
        authors = [r.author for r in revisions] + [c.author for c in said]
        self.proposals.append(Proposal(
            target, lang, change, "\n\n".join(texts) or None,
            tuple(dict.fromkeys(a for a in authors if a)),
            tuple(sorted({d for d in [r.date for r in revisions] + [c.date for c in said] if d})),
            it.paragraphs[0].index, how or ("tracked" if revisions else "silent")))

    def item_comments(self, it: Item) -> set[str]:
        """Every comment on the item's paragraphs, number and label included."""
        out: set[str] = set()
        for p in it.paragraphs:
            out |= p.point_comments
            for piece in p.pieces:
                out |= piece.comments
        return out

    def comment_clauses(self, items: list[Item]) -> dict[str, list[str]]:
        """Comment id -> the clauses it spans, for comments over more than one."""
        out: dict[str, list[str]] = {}
        for it in items:
            if it.kind == "clause" and it.clause and not it.removed:
                for cid in self.item_comments(it):
                    out.setdefault(cid, []).append(it.clause)
        return {cid: clauses for cid, clauses in out.items() if len(clauses) > 1}

    # -- inside a clause

    def marks(self, it: Item, c: BaseClause) -> None:
        """A number or status label the delegation changed: reported, not imported."""
        where = f"paragraph {it.paragraphs[0].index} (clause {c.id})"
        marked = self.r.marked.get(id(it.paragraphs[0]))
        if marked is None:
            return
        (n_was, n_now), (l_was, l_now) = marked.number, marked.label
        expected = next((x for x in c.numbers if x), "")
        if n_was != n_now or (n_now and c.numbers and not any(same_number(n_now, x) for x in c.numbers)):
            was = n_was if n_was != n_now else expected
            if was or n_now:
                self.warn(f"{where}: its number {was!r} was changed to {n_now!r}; numbers are given by the "
                          f"secretariat: not imported")
        if l_was != l_now or (l_now and c.labels and l_now not in c.labels):
            was = l_was if l_was != l_now else next(iter(c.labels), "")
            self.warnings.append(f"{where}: its status label {was!r} was changed to {l_now!r}; a clause's "
                                 f"status is the secretariat's: not imported")

    def text_changes(self, it: Item, c: BaseClause) -> None:
        pieces = self.r.item_pieces(it)
        where = f"clause {c.id} (paragraph {it.paragraphs[0].index})"
        if len(it.paragraphs) > 1:
            self.warnings.append(f"{where} was split into {len(it.paragraphs)} paragraphs; imported as "
                                 f"changes to its text only")
        original, accepted = texts_of(pieces)
        revisions = [p.revision for p in pieces if p.revision is not None]
        if not revisions and not self.item_comments(it) and key(original) == key(c.text):
            return  # untouched: the common case, kept cheap
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
            self.reported.add(c.id)
            self.warnings.append(f"{where}: the change of {ref[e.os:e.oe]!r} into {accepted[e.as_:e.ae]!r} "
                                 f"touches words changed since the base version; not imported")
        rest = self.item_comments(it) - attached - self.used_comments
        if rest:  # comments on words nobody changed: one comment amendment for the clause
            self.propose(it, c.id, c.lang, {"comment": {}}, rest, [], "comment")

    def notes(self, it: Item, c: BaseClause) -> None:
        """Footnotes, endnotes and text boxes: a comment amendment each, with what it says."""
        for p in it.paragraphs:
            for unread in p.unread:
                self.reported.add(c.id)
                self.warnings.append(f"clause {c.id} (paragraph {p.index}): {unread} cannot be read as text; "
                                     f"not imported")
            for note in p.notes:
                text = self.word.note_text(note)
                if not text:
                    continue
                self.propose(it, c.id, c.lang, {"comment": {}}, set(),
                             [note.revision] if note.revision else [], "comment", note=text)

    def stray_notes(self, it: Item) -> None:
        for p in it.paragraphs:
            for note in p.notes:
                if text := self.word.note_text(note):
                    self.warnings.append(f"paragraph {p.index}: a {note.kind} on no clause; not imported: "
                                         f"{shorten(text)!r}")

    # -- new, moved and stray paragraphs

    def new(self, it: Item, items: list[Item], n: int) -> None:
        text = " ".join(self.r.joined(it, "accepted").split())
        where = self.place(items, n)
        if not text or where is None:
            return
        side, ref = where
        if where in self.places:
            self.warn(f"paragraph {it.paragraphs[0].index} is proposed {side} {ref}, as is paragraph "
                      f"{self.places[where]}; their order is settled when they are decided")
        self.places.setdefault(where, it.paragraphs[0].index)
        new_id = self.new_id(ref)
        clause = {"id": new_id, "text": {self.lang: text}}
        self.propose(it, None, self.lang, {"add": {side: ref, "clause": clause}})
        if not it.tracked:
            self.warnings.append(f"paragraph {it.paragraphs[0].index} was added without Track Changes: "
                                 f"proposed as new clause {new_id}")

    def move(self, it: Item, items: list[Item], n: int, cid: str | None) -> None:
        """Clause ``cid`` stands at item ``n`` (moved there with or without Track Changes): one move, and
        the changes to its words, if any."""
        assert cid is not None
        c = self.clauses[cid]
        where = self.place(items, n, exclude=c.id)
        if where is None:
            return
        source = it.moved_from.paragraphs if it.moved_from is not None else []
        both = source + it.paragraphs
        moves = [r for p in both for r in p.revisions if r.kind in ("moveFrom", "moveTo")]
        self.propose(Item("clause", both, c.id), c.id, c.lang, {"move": {where[0]: where[1]}}, set(),
                     moves or None)
        accepted = " ".join(self.r.joined(it, "accepted").split())
        ref = c.current if c.current is not None else c.text
        changes, lost = to_changes(c.text, accepted, silent_edits(ref, accepted), alignment_map(c.text, ref))
        for e in lost:
            self.reported.add(c.id)
            self.warnings.append(f"clause {c.id}: the change of {ref[e.os:e.oe]!r} into "
                                 f"{accepted[e.as_:e.ae]!r} touches words changed since the base version; "
                                 f"not imported")
        for tc in changes:
            self.propose(it, c.id, c.lang, tc.change, set(), [r for p in it.paragraphs for r in p.revisions])
        self.notes(it, c)

    def not_text(self, outside: list[Item], first: int) -> None:
        """Untracked paragraphs that are no clause, before the first clause (a cover note: not the draft's
        title block), after the last one, or in a table (a comments table): reported, never added."""
        tables: dict[int, list[WordParagraph]] = {}
        for it in outside:
            p = it.paragraphs[0]
            text = self.r.joined(it, "accepted").strip()
            if p.table is not None:
                tables.setdefault(p.table, []).extend(it.paragraphs)
            elif text and not (self.r.items.index(it) < first and self.is_frame(text)):
                self.warnings.append(f"paragraph {p.index} is not part of the text: {shorten(text)!r}")
        for paragraphs in tables.values():
            cells = " | ".join(t for p in paragraphs if (t := self.r.text(p, "accepted").strip()))
            self.warn(f"a table (paragraphs {paragraphs[0].index}-{paragraphs[-1].index}) is not part of "
                      f"the text: {shorten(cells)!r}")

    def is_frame(self, text: str) -> bool:
        """Whether a paragraph before the first clause is the draft's title block: a title, or a line
        naming a version (``Rev.1 — Texto limpio``)."""
        k = key(text).strip()
        return k in {key(t).strip() for t in self.titles} or any(t and t in text for t in self.frame_words)

    def pair_moves(self, items: list[Item]) -> None:
        """A clause deleted in one place and the same paragraph inserted in another (w:moveFrom/w:moveTo
        with the same move name, or the same words) is a move."""
        sources = [it for it in items if it.kind == "clause" and it.removed]
        for it in items:
            if it.kind != "new":
                continue
            names = {n for p in it.paragraphs for n in p.move_names}
            text = self.r.comparable(it, "accepted")
            free = [s for s in sources if s.moved_to is None]
            match = [s for s in free if names & {n for p in s.paragraphs for n in p.move_names}]
            match = match or [s for s in free if self.r.comparable(s, "original") == text]
            if match:
                match[0].moved_to, it.moved_from = it, match[0]

    def place(self, items: list[Item], n: int, exclude: str | None = None) -> tuple[str, str] | None:
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

    def clause_at(self, it: Item) -> str | None:
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


def _num(cid: str) -> tuple[int, str]:
    return (int(cid), cid) if cid.isdigit() else (1 << 30, cid)


def _and(ids: Sequence[str]) -> str:
    return ", ".join(ids[:-1]) + " and " + ids[-1] if len(ids) > 1 else "".join(ids)
