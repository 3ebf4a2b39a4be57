"""Growing a span of a clause text, word by word, until it occurs once: the anchor an amendment made
from an edit (an imported Word file, a mapping) writes, so that ``ops.anchor.find`` finds it again."""

from __future__ import annotations

from .anchor import find_all as _find_all
from .anchor import on_word_boundaries
from .text import INVISIBLE, fold, tokenize


def unique_span(text: str, start: int, end: int, direction: str = "both") -> tuple[int, int, int | None]:
    """Grow ``text[start:end]`` word by word until it occurs once in ``text``.

    ``direction``: ``left`` (keep ``end``: an ``after`` anchor), ``right`` (keep ``start``: a ``before``
    anchor) or ``both`` (alternating, left first).  Returns ``(start, end, None)`` for the unique span;
    when it can never become unique, the original span with its occurrence number.  Raises
    ``ValueError`` for an empty span or one of only whitespace and invisible characters.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"not a span of the text: {start}..{end}")
    if not fold(text[start:end]).key.strip():
        raise ValueError("the span holds no visible text")
    bounds = _token_bounds(text)
    s, e = start, end
    turn_left = direction != "right"
    # occurrences are counted as ``find`` counts them: whole words, unless the span itself cuts a word
    whole = on_word_boundaries(text, start, end)

    def find_all(text: str, anchor: str) -> list[tuple[int, int]]:
        return _find_all(text, anchor, whole_words=whole)

    while True:
        spans = find_all(text, text[s:e])
        if len(spans) == 1 and _same_place(text, spans[0][0], s) and _same_place(text, spans[0][1], e):
            return s, e, None
        can_left = direction != "right" and s > 0
        can_right = direction != "left" and e < len(text)
        if not can_left and not can_right:
            break
        if (turn_left and can_left) or not can_right:
            s = _grow_left(text, bounds, s)
        else:
            e = _grow_right(text, bounds, e)
        if direction == "both":
            turn_left = not turn_left
    spans = find_all(text, text[start:end])
    # the span is normally one of the occurrences; if it overlaps another one of its own words
    # ("b b" of "b b b" at 2), the nearest occurrence is the best there is
    occurrence = min(range(1, len(spans) + 1), key=lambda n: abs(spans[n - 1][0] - start))
    return start, end, occurrence


def _same_place(text: str, a: int, b: int) -> bool:
    """Offsets equal up to folded characters (whitespace, invisible) between them."""
    return all(c.isspace() or c in INVISIBLE for c in text[min(a, b):max(a, b)])


def unique_anchor(text: str, start: int, end: int, direction: str = "both") -> tuple[str, int | None]:
    """The shortest text around ``text[start:end]``, grown word by word, that is unique in ``text``.

    Returns ``(anchor, None)``, or ``(text[start:end], occurrence)`` when no growth makes it unique.
    See ``unique_span`` for ``direction`` and for the offsets of the grown anchor.
    """
    s, e, occurrence = unique_span(text, start, end, direction)
    return text[s:e], occurrence


def _token_bounds(text: str) -> list[int]:
    bounds = [0]
    for tok in tokenize(text):
        bounds.append(bounds[-1] + len(tok))
    return bounds


def _grow_left(text: str, bounds: list[int], s: int) -> int:
    """Move ``s`` left past any separators and one more word."""
    candidates = [b for b in bounds if b < s]
    while candidates:
        b = candidates.pop()
        if not text[b:s].isspace():
            return b
    return 0


def _grow_right(text: str, bounds: list[int], e: int) -> int:
    for b in bounds:
        if b > e and not text[e:b].isspace():
            return b
    return len(text)
