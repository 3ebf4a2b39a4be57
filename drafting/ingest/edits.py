"""What a Word paragraph changes in its clause's text, as the narrowest amendment operations (pure:
no I/O).

Text changes (``tracked_edits``, ``silent_edits`` -> ``to_changes``) are the narrowest operations:

* adjacent deletions and insertions make one edit; an edit that cuts into a word is widened to the
  whole word (Word tracks characters, negotiators propose words), and words common to both sides are
  left out, so the edit is as narrow as the words it changes;
* an edit that removes words and adds others is ``replace {old, new}``; one that only adds is
  ``insert {text, after|before}`` (``at: start``/``at: end`` at the edges); one that only removes is
  ``delete {old}`` (removing ``[`` and ``]`` too); an insertion of ``[`` and a later insertion of ``]``
  with nothing else changed between them is ``bracket {old}`` (``bracket {}`` around the whole clause);
* ``old`` and anchors are exact text of the base clause and unique in it: an anchor grows word by word
  until it is unique (``ops.unique.unique_span``); a replacement grows ``old`` and ``new`` by the
  same words; a deletion or bracket that cannot grow gets an ``occurrence``;
* edits that only change whitespace, invisible characters or quote styles are no change
  (the folding rule of ``ops.text``);
* a silent edit whose words repeat around it stands as far left as it can: deleting "la protección
  temporal y " from "regulares, la protección temporal y la regularización" deletes those words, not
  "protección temporal y la".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from diff_match_patch import diff_match_patch

from ..ops.anchor import find_all, on_word_boundaries
from ..ops.text import fold, is_space_token, is_word_char, key, tokenize
from ..ops.unique import unique_span
from .docx import Piece, Revision


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
    diffs = _leftmost(diffs)
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


def _leftmost(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Every lone insertion or deletion as far left as it can stand.  Where the words around it repeat
    ("vías regulares, la protección temporal y la regularización" without "la protección temporal y"),
    a diff may cut either repeat; a reader cuts the first, as the delegate did."""
    out = list(diffs)
    for i in range(1, len(out)):
        op, text = out[i]
        before_op, before = out[i - 1]
        if op == 0 or before_op != 0 or not text or (i + 1 < len(out) and out[i + 1][0] != 0):
            continue
        moved = ""
        while before and before[-1] == text[-1]:
            moved = text[-1] + moved
            text = before[-1] + text[:-1]
            before = before[:-1]
        if moved:
            out[i - 1], out[i] = (0, before), (op, text)
            out[i + 1:i + 2] = [(0, moved + out[i + 1][1])] if i + 1 < len(out) else [(0, moved)]
    return out


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


def _anchored(text: str, s: int, e: int, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with what locates ``text[s:e]`` besides its words: ``occurrence`` when they occur more
    than once, counted as ``ops.anchor.find`` counts them, and ``inside_word`` when the span cuts a word
    (an edit inside a word in Word: anchors are otherwise whole words)."""
    inside = not on_word_boundaries(text, s, e)
    spans = find_all(text, text[s:e], whole_words=not inside)
    if len(spans) > 1:
        body["occurrence"] = min(range(1, len(spans) + 1), key=lambda n: abs(spans[n - 1][0] - s))
    if inside:
        body["inside_word"] = "true"
    return body


def _bracket(base: str, s: int, e: int) -> dict[str, Any]:
    s, e = _strip_span(base, s, e)
    if (s, e) == _strip_span(base, 0, len(base)):
        return {"bracket": {}}
    return {"bracket": _anchored(base, s, e, {"old": base[s:e]})}


def _change(base: str, bs: int, be: int, new: str) -> dict[str, Any] | None:
    bs, be = _strip_span(base, bs, be)
    text = " ".join(new.split()) if "\n" in new else new.strip()
    if bs < be and not fold(base[bs:be]).key.strip():
        be = bs  # only invisible characters were replaced: an insertion
    if bs == be:
        return {"insert": {"text": text, **_insert_anchor(base, bs)}} if text else None
    if not text:
        return {"delete": _anchored(base, bs, be, {"old": base[bs:be]})}
    s, e, occurrence = unique_span(base, bs, be)
    if occurrence is None:
        return {"replace": _anchored(base, s, e, {"old": base[s:e], "new": base[s:bs] + text + base[be:e]})}
    return {"replace": _anchored(base, bs, be, {"old": base[bs:be], "new": text})}


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
    s, e, occurrence = unique_span(base, q - len(tokens[-1]), q, "left")
    if occurrence is None:
        return _anchored(base, s, e, {"after": base[s:e]})
    r = len(base) - len(right)
    s2, e2, occ2 = unique_span(base, r, r + len(tokenize(right)[0]), "right")
    if occ2 is None:
        return _anchored(base, s2, e2, {"before": base[s2:e2]})
    return _anchored(base, q - len(tokens[-1]), q, {"after": base[q - len(tokens[-1]):q]})


def comment_spans(pieces: list[Piece], sides: str) -> dict[str, list[tuple[str, int, int]]]:
    """Comment id -> the spans it covers, on the original (``o``, when ``sides`` has it) and accepted
    (``a``) side."""
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


def overlaps(e: Edit, side: str, s: int, t: int) -> bool:
    """Whether the span ``s``..``t`` of one side touches edit ``e`` (an insertion: lies around it)."""
    lo, hi = (e.os, e.oe) if side == "o" else (e.as_, e.ae)
    return (s < hi and lo < t) if lo < hi else s < lo < t
