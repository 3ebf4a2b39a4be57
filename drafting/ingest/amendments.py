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

Text changes (``tracked_edits``, ``silent_edits`` -> ``to_changes``) are the narrowest operations:

* adjacent deletions and insertions make one edit; an edit that cuts into a word is widened to the
  whole word (Word tracks characters, negotiators propose words), and words common to both sides are
  left out, so the edit is as narrow as the words it changes;
* an edit that removes words and adds others is ``replace {old, new}``; one that only adds is
  ``insert {text, after|before}`` (``at: start``/``at: end`` at the edges); one that only removes is
  ``delete {old}`` (removing ``[`` and ``]`` too); an insertion of ``[`` and a later insertion of ``]``
  with nothing else changed between them is ``bracket {old}`` (``bracket {}`` around the whole clause);
* ``old`` and anchors are exact text of the base clause and unique in it: an anchor grows word by word
  until it is unique (``ops.anchor.unique_anchor``); a replacement grows ``old`` and ``new`` by the
  same words; a deletion or bracket that cannot grow gets an ``occurrence``;
* edits that only change whitespace, invisible characters or quote styles are no change
  (the folding rule of ``ops.text``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from diff_match_patch import diff_match_patch

from ..ops.anchor import find_all, unique_anchor, unique_span
from ..ops.text import fold, is_space_token, is_word_char, key, nfc, shorten, tokenize
from ..vocab import LATIN_ORDINALS
from ..wordml import FRAME_STYLES, bookmark_name
from .docx import ADDED, TYPED_NUMBER, Piece, Revision, WordFile, WordParagraph, clean_pieces


@dataclass(slots=True)
class Edit:
    """``original[os:oe]`` became ``accepted[as_:ae]``; text outside edits is the same on both sides."""

    os: int
    oe: int
    as_: int
    ae: int
    revisions: list[Revision] = field(default_factory=list)
    comments: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class TextChange:
    """One text operation: ``change`` as written in an amendment file, where it came from."""

    change: dict[str, Any]
    revisions: tuple[Revision, ...]
    comments: frozenset[str]


def texts_of(pieces: Sequence[Piece]) -> tuple[str, str]:
    """The original and accepted texts of ``pieces``."""
    return ("".join(p.text for p in pieces if p.in_original),
            "".join(p.text for p in pieces if p.in_accepted))


def tracked_edits(pieces: Sequence[Piece]) -> list[Edit]:
    """The edits recorded as tracked changes, widened to whole words and tightened to what changed."""
    edits: list[Edit] = []
    current: Edit | None = None
    o = a = 0
    for p in pieces:
        n = len(p.text)
        if p.in_original and p.in_accepted:
            current = None
            o += n
            a += n
            continue
        if current is None:
            current = Edit(o, o, a, a)
            edits.append(current)
        if p.in_original:
            o += n
            current.oe = o
        else:
            a += n
            current.ae = a
        if p.revision is not None:
            current.revisions.append(p.revision)
    original, accepted = texts_of(pieces)
    return _tighten_all(original, accepted, _widen(original, accepted, edits))


def silent_edits(base: str, accepted: str) -> list[Edit]:
    """The word-level edits turning ``base`` into ``accepted`` (whitespace, invisible characters and
    quote styles do not count)."""
    tb, ta = tokenize(base), tokenize(accepted)
    alphabet: dict[str, str] = {}

    def code(token: str) -> str:
        k = " " if is_space_token(token) else key(token)
        if k not in alphabet:
            alphabet[k] = chr(0xE000 + len(alphabet)) if len(alphabet) < 6400 else chr(0xF0000 + len(alphabet))
        return alphabet[k]

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    diffs = dmp.diff_main("".join(map(code, tb)), "".join(map(code, ta)), False)
    dmp.diff_cleanupSemantic(diffs)
    edits: list[Edit] = []
    ib = ia = ob = oa = 0  # token indices and character offsets
    current: Edit | None = None
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            ob += sum(map(len, tb[ib:ib + n]))
            oa += sum(map(len, ta[ia:ia + n]))
            ib, ia, current = ib + n, ia + n, None
            continue
        if current is None:
            current = Edit(ob, ob, oa, oa)
            edits.append(current)
        if op < 0:
            ob += sum(map(len, tb[ib:ib + n]))
            ib += n
            current.oe = ob
        else:
            oa += sum(map(len, ta[ia:ia + n]))
            ia += n
            current.ae = oa
    return _tighten_all(base, accepted, edits)


def _widen(original: str, accepted: str, edits: list[Edit]) -> list[Edit]:
    """Grow every edit that cuts into a word to the whole word; join edits inside one word."""
    for i, e in enumerate(edits):
        low = edits[i - 1].oe if i else 0
        while e.os > low and is_word_char(original[e.os - 1]) and _starts_word(original, accepted, e):
            e.os -= 1
            e.as_ -= 1
        high = edits[i + 1].os if i + 1 < len(edits) else len(original)
        while e.oe < high and is_word_char(original[e.oe]) and _ends_word(original, accepted, e):
            e.oe += 1
            e.ae += 1
    out: list[Edit] = []
    for e in edits:
        prev = out[-1] if out else None
        if prev is not None and prev.oe == e.os and prev.ae == e.as_ and (
                _word_at(original, e.os) or _word_at(accepted, e.as_)):
            prev.oe, prev.ae = e.oe, e.ae
            prev.revisions += e.revisions
            prev.comments |= e.comments
        else:
            out.append(e)
    return out


def _starts_word(original: str, accepted: str, e: Edit) -> bool:
    first = original[e.os] if e.os < e.oe else (accepted[e.as_] if e.as_ < e.ae else "")
    return bool(first) and is_word_char(first) or (e.as_ < e.ae and is_word_char(accepted[e.as_]))


def _ends_word(original: str, accepted: str, e: Edit) -> bool:
    last = original[e.oe - 1] if e.os < e.oe else (accepted[e.ae - 1] if e.as_ < e.ae else "")
    return bool(last) and is_word_char(last) or (e.as_ < e.ae and is_word_char(accepted[e.ae - 1]))


def _word_at(text: str, i: int) -> bool:
    """Whether offset ``i`` of ``text`` falls between two word characters."""
    return 0 < i < len(text) and is_word_char(text[i - 1]) and is_word_char(text[i])


def _tighten_all(original: str, accepted: str, edits: list[Edit]) -> list[Edit]:
    out = []
    for e in edits:
        _tighten(original, accepted, e)
        if key(original[e.os:e.oe]).strip() != key(accepted[e.as_:e.ae]).strip():
            out.append(e)
    return out


def _tighten(original: str, accepted: str, e: Edit) -> None:
    """Leave out whole tokens (words, spaces, punctuation) that both sides share at either end."""
    to, ta = tokenize(original[e.os:e.oe]), tokenize(accepted[e.as_:e.ae])
    i = 0
    while i < len(to) and i < len(ta) and _same(to[i], ta[i]):
        e.os += len(to[i])
        e.as_ += len(ta[i])
        i += 1
    j = 0
    while j < len(to) - i and j < len(ta) - i and _same(to[-1 - j], ta[-1 - j]):
        e.oe -= len(to[-1 - j])
        e.ae -= len(ta[-1 - j])
        j += 1


def _same(a: str, b: str) -> bool:
    return (is_space_token(a) and is_space_token(b)) or key(a) == key(b)


# --------------------------------------------------------------------------------- edits -> changes

SpanMap = Callable[[int, int], "tuple[int, int] | None"]


def position_map(original: str, base: str) -> SpanMap:
    """Spans of ``original`` -> spans of ``base`` when both fold to the same key."""
    if original == base:
        return lambda s, e: (s, e)
    fo, fb = fold(original), fold(base)

    def point(i: int) -> int:
        k = fo.key_index(i)
        return fb.starts[k] if k < len(fb.starts) else len(base)
    return lambda s, e: (point(s), point(e))


def alignment_map(base: str, text: str) -> SpanMap:
    """Spans of ``text`` -> spans of ``base`` where ``text`` is ``base`` with some edits (the clause as
    amended since the base version); None for a span that touches an edit (its words are not in the
    base text)."""
    if base == text:
        return lambda s, e: (s, e)
    edits = silent_edits(base, text)

    def point(p: int, after: bool) -> int:
        delta = 0
        for ed in edits:
            if ed.ae < p or (ed.ae == p and (ed.as_ < p or after)):
                delta = ed.oe - ed.ae
        return p + delta

    def span(s: int, e: int) -> tuple[int, int] | None:
        for ed in edits:
            if (ed.as_ < e and s < ed.ae) if ed.as_ < ed.ae else s < ed.as_ < e:
                return None
        bs = point(s, after=s < e)
        return bs, (bs if s == e else point(e, after=False))
    return span


def compose(first: SpanMap, then: SpanMap) -> SpanMap:
    def span(s: int, e: int) -> tuple[int, int] | None:
        mid = first(s, e)
        return then(*mid) if mid is not None else None
    return span


def to_changes(base: str, accepted: str, edits: list[Edit], to_base: SpanMap) -> tuple[list[TextChange], list[Edit]]:
    """Amendment changes for ``edits`` (original-side spans go through ``to_base``), and the edits that
    could not be placed in the base text."""
    out: list[TextChange] = []
    lost: list[Edit] = []
    i = 0
    while i < len(edits):
        e = edits[i]
        new = accepted[e.as_:e.ae]
        span = to_base(e.os, e.oe)
        if span is None:
            lost.append(e)
            i += 1
            continue
        bs, be = span
        nxt = edits[i + 1] if i + 1 < len(edits) else None
        nspan = to_base(nxt.os, nxt.oe) if nxt is not None else None
        if nxt is not None and nspan is not None and _only(base, bs, be, new, "[") and _only(
                base, *nspan, accepted[nxt.as_:nxt.ae], "]"):
            out.append(TextChange(_bracket(base, bs, nspan[0]), (*e.revisions, *nxt.revisions),
                                  frozenset(e.comments | nxt.comments)))
            i += 2
            continue
        change = _change(base, bs, be, new)
        if change is not None:
            out.append(TextChange(change, tuple(e.revisions), frozenset(e.comments)))
        i += 1
    return out, lost


def _only(base: str, bs: int, be: int, new: str, bracket: str) -> bool:
    return not base[bs:be].strip() and new.strip() == bracket


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _occurrence(text: str, s: int, e: int) -> int | None:
    spans = find_all(text, text[s:e])
    if len(spans) <= 1:
        return None
    return min(range(1, len(spans) + 1), key=lambda n: abs(spans[n - 1][0] - s))


def _bracket(base: str, s: int, e: int) -> dict[str, Any]:
    s, e = _strip_span(base, s, e)
    if (s, e) == _strip_span(base, 0, len(base)):
        return {"bracket": {}}
    body: dict[str, Any] = {"old": base[s:e]}
    occurrence = _occurrence(base, s, e)
    if occurrence:
        body["occurrence"] = occurrence
    return {"bracket": body}


def _change(base: str, bs: int, be: int, new: str) -> dict[str, Any] | None:
    bs, be = _strip_span(base, bs, be)
    text = " ".join(new.split()) if "\n" in new else new.strip()
    if bs < be and not fold(base[bs:be]).key.strip():
        be = bs  # only invisible characters were replaced: an insertion
    if bs == be:
        return {"insert": {"text": text, **_insert_anchor(base, bs)}} if text else None
    if not text:
        body: dict[str, Any] = {"old": base[bs:be]}
        occurrence = _occurrence(base, bs, be)
        if occurrence:
            body["occurrence"] = occurrence
        return {"delete": body}
    s, e, occurrence = unique_span(base, bs, be)
    if occurrence is None:
        return {"replace": {"old": base[s:e], "new": base[s:bs] + text + base[be:e]}}
    return {"replace": {"old": base[bs:be], "new": text, "occurrence": occurrence}}


def _insert_anchor(base: str, point: int) -> dict[str, Any]:
    """Where an insertion at ``point`` goes: after the words before it, else before the words after it,
    grown until unique; ``at: start``/``at: end`` at the edges."""
    left, right = base[:point].rstrip(), base[point:].lstrip()
    if not left.strip():
        return {"at": "start"}
    if not right.strip():
        return {"at": "end"}
    q = len(left)
    tokens = tokenize(left)
    after, occurrence = unique_anchor(base, q - len(tokens[-1]), q, "left")
    if occurrence is None:
        return {"after": after}
    r = len(base) - len(right)
    before, occ2 = unique_anchor(base, r, r + len(tokenize(right)[0]), "right")
    if occ2 is None:
        return {"before": before}
    return {"after": after, "occurrence": occurrence}


def summary(change: dict[str, Any], limit: int = 60) -> str:
    """One line for a report: ``replace "a" -> "b"``."""
    op, body = next(iter(change.items()))

    def q(text: str) -> str:
        text = nfc(" ".join(str(text).split()))
        return '"' + (text if len(text) <= limit else text[:limit - 1] + "…") + '"'

    if op == "replace":
        return f"replace {q(body['old'])} -> {q(body['new'])}"
    if op == "insert":
        where = f"at {body['at']}" if "at" in body else (
            f"after {q(body['after'])}" if "after" in body else f"before {q(body['before'])}")
        return f"insert {q(body['text'])} {where}"
    if op in ("delete", "bracket"):
        return f"{op} {q(body['old'])}" if body.get("old") else f"{op} the whole clause"
    if op == "add":
        where = f"after {body['after']}" if "after" in body else f"before {body.get('before')}"
        text = next(iter(body["clause"]["text"].values()), "")
        return f"add {body['clause']['id']} {where}: {q(text)}"
    if op == "move":
        return f"move after {body['after']}" if "after" in body else f"move before {body.get('before')}"
    return op


# ------------------------------------------------------------------------------ paragraphs -> proposals

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
        spans = _comment_spans(pieces, side)
        for e in edits:
            e.comments |= {cid for cid, at in spans.items() if any(_overlaps(e, *w) for w in at)}
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


def _comment_spans(pieces: list[Piece], sides: str) -> dict[str, list[tuple[str, int, int]]]:
    spans: dict[str, list[tuple[str, int, int]]] = {}
    o = a = 0
    for x in pieces:
        n = len(x.text)
        for cid in x.comments:
            if x.in_original and "o" in sides:
                spans.setdefault(cid, []).append(("o", o, o + n))
            if x.in_accepted:
                spans.setdefault(cid, []).append(("a", a, a + n))
        o += n if x.in_original else 0
        a += n if x.in_accepted else 0
    return spans


def _overlaps(e: Edit, side: str, s: int, t: int) -> bool:
    lo, hi = (e.os, e.oe) if side == "o" else (e.as_, e.ae)
    return (s < hi and lo < t) if lo < hi else s < lo < t
