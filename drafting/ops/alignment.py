"""Where a span of one text is in another: the minimal diff between the two texts (raw and aligned on
words, cached) and a span mapped through it, with whether an edit touched it."""

from __future__ import annotations

from functools import lru_cache

from diff_match_patch import diff_match_patch

Diffs = tuple[tuple[int, str], ...]


@lru_cache(maxsize=256)
def diffs(base: str, current: str) -> tuple[Diffs, Diffs]:
    """The minimal diff base -> current, raw and word-aligned (cached: amendments share clauses)."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    raw = dmp.diff_main(base, current, False)
    cleaned = list(raw)
    dmp.diff_cleanupSemantic(cleaned)
    return tuple(raw), tuple(cleaned)


def cost(diffs: Diffs | list[tuple[int, str]]) -> int:
    """Characters inserted plus characters deleted."""
    return sum(len(chunk) for op, chunk in diffs if op != 0)


def map_span(diffs: Diffs, bs: int, be: int) -> tuple[int, int, bool]:
    """Map base span [bs, be) to the current text: (start, end, touched).

    Touched: a deletion overlaps the span or an insertion falls strictly inside it.
    """
    i1 = i2 = 0
    ms: int | None = None
    me: int | None = None
    touched = False
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            if ms is None and i1 <= bs < i1 + n:
                ms = i2 + (bs - i1)
            if me is None and i1 <= be - 1 < i1 + n:
                me = i2 + (be - 1 - i1) + 1
            i1 += n
            i2 += n
        elif op == -1:
            if i1 < be and i1 + n > bs:
                touched = True
                if ms is None and i1 <= bs:
                    ms = i2
                if i1 + n >= be and me is None:
                    me = i2
            i1 += n
        else:
            if bs < i1 < be:
                touched = True
            i2 += n
    if ms is None:
        ms = i2
    if me is None or me < ms:
        me = ms
    return ms, me, touched
