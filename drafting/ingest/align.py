"""Which paragraph of a Word file is which clause of the base version (pure: no I/O).

``align(paragraphs, clauses, fixed)`` pairs the file's paragraphs (their texts, in file order) with the
base version's clauses (their texts, in reading order), the way a reader would: by the bookmark a
paragraph carries, else by its text and its position in the whole document.

1. Bookmarked paragraphs (``fixed``) are identified already.  The longest run of them in the clauses'
   order is kept as the frame of the document; a bookmarked paragraph out of that order is a clause
   moved without Track Changes (its bookmark travelled with it).
2. Between two consecutive frame paragraphs, the other paragraphs are aligned with the clauses not
   found yet between the same two clauses: first the paragraphs whose text is exactly a clause's, by
   the fewest insertions and deletions (so that repeated texts, "el registro;" under three clauses,
   are told apart by where they stand), then, in the stretches left, by similarity (a monotone
   alignment that maximises the total similarity of the pairs, each at least ``MIN_SIMILAR``).
3. A paragraph left over whose text is exactly a clause left over elsewhere is that clause, moved.

Texts are compared as given: the caller passes comparison keys (folded, number and label left out).
"""

from __future__ import annotations

import bisect
import difflib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

MIN_SIMILAR = 0.5  # within a stretch bounded by identified paragraphs
LARGE = 250_000  # a stretch of more paragraph x clause pairs than this is aligned greedily
DEADLINE_S = 2.0  # Myers' diff of two unrelated documents gives up here (nothing is then equal)


@dataclass
class Alignment:
    """``clause[i]``: the clause index of paragraph ``i`` (None: no clause); ``moved``: paragraphs that
    are a clause found out of the document's order; ``how[i]``: bookmark | text | similar | moved."""

    clause: list[int | None]
    moved: set[int] = field(default_factory=set)
    how: dict[int, str] = field(default_factory=dict)

    def unmatched_clauses(self, n: int) -> list[int]:
        found = {c for c in self.clause if c is not None}
        return [c for c in range(n) if c not in found]


def longest_increasing(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The paragraphs (first items) of the longest run of ``pairs`` whose clauses (second items) increase."""
    if not pairs:
        return set()
    tails: list[int] = []  # clause index at the tail of the best run of each length
    tail_at: list[int] = []  # index into pairs
    prev = [-1] * len(pairs)
    for k, (_, c) in enumerate(pairs):
        i = bisect.bisect_left(tails, c)
        if i == len(tails):
            tails.append(c)
            tail_at.append(k)
        else:
            tails[i] = c
            tail_at[i] = k
        prev[k] = tail_at[i - 1] if i else -1
    out = set()
    k = tail_at[-1]
    while k >= 0:
        out.add(pairs[k][0])
        k = prev[k]
    return out


def similarity(a: str, b: str) -> float:
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < MIN_SIMILAR or m.quick_ratio() < MIN_SIMILAR:
        return 0.0
    return m.ratio()


def align(paragraphs: Sequence[str], clauses: Sequence[str], fixed: Mapping[int, int]) -> Alignment:
    result = Alignment([None] * len(paragraphs))
    pairs = sorted(fixed.items())
    frame = longest_increasing(pairs)
    for p, c in pairs:
        result.clause[p] = c
        result.how[p] = "bookmark"
        if p not in frame:
            result.moved.add(p)
    taken = set(fixed.values())
    anchors = [(-1, -1), *((p, c) for p, c in pairs if p in frame), (len(paragraphs), len(clauses))]
    for (p0, c0), (p1, c1) in zip(anchors, anchors[1:]):
        ps = [p for p in range(p0 + 1, p1) if result.clause[p] is None and paragraphs[p]]
        cs = [c for c in range(c0 + 1, c1) if c not in taken and clauses[c]]
        _stretch(result, paragraphs, clauses, ps, cs)
    # left over on both sides with the same words: moved without a bookmark to follow
    free: dict[str, list[int]] = {}
    for c in result.unmatched_clauses(len(clauses)):
        free.setdefault(clauses[c], []).append(c)
    for p, found in enumerate(result.clause):
        if found is None and paragraphs[p] and free.get(paragraphs[p]):
            result.clause[p] = free[paragraphs[p]].pop(0)
            result.moved.add(p)
            result.how[p] = "moved"
    return result


def _stretch(result: Alignment, paragraphs: Sequence[str], clauses: Sequence[str], ps: list[int],
             cs: list[int]) -> None:
    """Align a stretch: equal texts first, by the fewest insertions and deletions (Myers' diff, which keeps
    repeated texts where they stand: an edit at the end never shifts the alignment of the start), then
    the stretches between them by similarity."""
    if not ps or not cs:
        return
    alphabet: dict[str, str] = {}

    def code(text: str) -> str:
        return alphabet.setdefault(text, chr(0xF0000 + len(alphabet)))

    a, b = "".join(code(paragraphs[p]) for p in ps), "".join(code(clauses[c]) for c in cs)
    if set(a).isdisjoint(b):
        _similar(result, paragraphs, clauses, ps, cs)
        return
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no half-match shortcut: it may pair a repeated text with the wrong repeat
    diffs = dmp.diff_main(a, b, False, time.time() + DEADLINE_S)
    i = j = i0 = j0 = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            _similar(result, paragraphs, clauses, ps[i0:i], cs[j0:j])
            for k in range(n):
                result.clause[ps[i + k]] = cs[j + k]
                result.how[ps[i + k]] = "text"
            i, j = i + n, j + n
            i0, j0 = i, j
        elif op < 0:
            i += n
        else:
            j += n
    _similar(result, paragraphs, clauses, ps[i0:i], cs[j0:j])


def _similar(result: Alignment, paragraphs: Sequence[str], clauses: Sequence[str], ps: list[int],
             cs: list[int]) -> None:
    """Pair ``ps`` with ``cs`` in order, maximising the summed similarity of the pairs."""
    if not ps or not cs:
        return
    n, m = len(ps), len(cs)
    if n * m > LARGE:
        j = 0
        for p in ps:
            for k in range(j, min(m, j + 20)):
                if similarity(paragraphs[p], clauses[cs[k]]) >= MIN_SIMILAR:
                    result.clause[p], result.how[p], j = cs[k], "similar", k + 1
                    break
        return
    sim = [[similarity(paragraphs[p], clauses[c]) for c in cs] for p in ps]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= MIN_SIMILAR else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= MIN_SIMILAR and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            result.clause[ps[i]], result.how[ps[i]] = cs[j], "similar"
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
