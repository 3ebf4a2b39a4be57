"""Find an amendment's span in a clause text, and follow it when the text has changed since.

Anchors (``old``, ``after``, ``before``) are matched on NFC text through the comparison key of
``ops.text`` (whitespace kinds, invisible characters and quote styles do not matter; case, accents and
punctuation do).  An anchor stands on word boundaries: ``frontera`` is not found inside ``fronteras``
(an anchor found only inside words is refused, naming where), unless the amendment asks for it
(``inside_word``).  Occurrences are counted left to right without overlap, from 1, among those that
count.

``locate`` never drops an amendment: every amendment gets a ``Location`` whose ``state`` is

* ``exact``: the anchor, as written, resolves to this span of the current text;
* ``re-anchored``: the words are intact but have moved or their occurrence number changed (found by
  following the base text through a diff of base -> current), or, when no base text can be used, a
  fuzzy match close enough to the anchor (similarity >= ``FUZZY_MIN_SIMILARITY``);
* ``stale``: the words are no longer there (an accepted change touched them) or the anchor is
  ambiguous or missing; ``reason`` says why in a sentence a negotiator understands.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from ..model import Amendment
from .alignment import cost, diffs, map_span
from .text import Folded, context, fold, is_plain, is_word_char, key, nfc, shorten

EXACT = "exact"
REANCHORED = "re-anchored"
STALE = "stale"
LOCATION_STATES = (EXACT, REANCHORED, STALE)

# Fuzzy matching (only when no base text can be followed): bitap with these settings proposes a start,
# then the whole candidate must be at least this similar to the anchor (1 - edit distance / length).
FUZZY_MATCH_THRESHOLD = 0.5
FUZZY_MIN_SIMILARITY = 0.8
_BITAP_MAX = 32  # characters of the anchor handed to bitap; the rest is checked by alignment

@dataclass(frozen=True, slots=True)
class Located:
    """An anchor found in a text: ``text[start:end]``, occurrence ``occurrence`` of ``count``."""

    start: int
    end: int
    occurrence: int
    count: int


@dataclass(frozen=True, slots=True)
class AnchorProblem:
    """Why an anchor does not resolve.

    ``kind``: ``empty`` | ``not-found`` | ``ambiguous`` | ``occurrence`` (beyond the count) |
    ``inside-word`` (found only inside words, which the amendment did not ask for).
    ``positions`` are the character offsets of every occurrence, ``contexts`` a few words around each.
    """

    kind: str
    message: str
    positions: tuple[int, ...] = ()
    contexts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """Where an amendment applies in the current text of its clause (offsets in the NFC text).

    For replace/delete/bracket: the span ``[start, end)``.  For insert: the insertion point
    (``start == end``).  For operations on the whole clause (bracket without ``old``, substitute, add,
    remove, move, comment): ``0, len(text)``.  For a stale location, ``start``/``end`` are where the
    span used to be, for display only.  ``found`` is the anchor's wording in the current text and
    ``occurrence`` its occurrence number there when it is not unique (what a carried-forward
    amendment should now say); ``problem`` is set when the anchor itself does not resolve.
    """

    state: str
    start: int
    end: int
    reason: str = ""
    found: str = ""
    occurrence: int | None = None
    problem: AnchorProblem | None = None

    @property
    def usable(self) -> bool:
        return self.state != STALE


def find_all(text: str, anchor: str, whole_words: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of ``anchor`` in ``text`` (both NFC), left to right, without overlap; with
    ``whole_words`` only those on word boundaries, a match inside a word being passed over by one
    character (so that in ``a aé é é`` the words ``é é`` are found at the end, not lost to the ``é é``
    that begins inside ``aé``)."""
    text, anchor = nfc(text), nfc(anchor)
    if is_plain(text) and is_plain(anchor):
        # the common case: nothing to fold, so the key is the text itself
        if not anchor:
            return []
        out: list[tuple[int, int]] = []
        i = text.find(anchor)
        while i != -1:
            if whole_words and not on_word_boundaries(text, i, i + len(anchor)):
                i = text.find(anchor, i + 1)
                continue
            out.append((i, i + len(anchor)))
            i = text.find(anchor, i + len(anchor))
        return out
    ft = fold(text)
    ka = fold(anchor).key
    if not ka:
        return []
    found: list[tuple[int, int]] = []
    i = ft.key.find(ka)
    while i != -1:
        span = ft.span(i, i + len(ka))
        if whole_words and not on_word_boundaries(text, *span):
            i = ft.key.find(ka, i + 1)
            continue
        found.append(span)
        i = ft.key.find(ka, i + len(ka))
    return found


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` cuts no word: it neither starts nor ends between two letters or digits."""
    return not ((0 < start < len(text) and is_word_char(text[start - 1]) and is_word_char(text[start]))
                or (0 < end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end])))


def find(text: str, anchor: str, occurrence: int | None = None,
         inside_word: bool = False) -> Located | AnchorProblem:
    """Find ``anchor`` in ``text`` (offsets refer to the NFC form of ``text``).

    Without ``occurrence`` the anchor must be unique; with it, the ``occurrence``-th match (from 1).
    Only matches on word boundaries count, unless ``inside_word``.
    """
    text, anchor = nfc(text), nfc(anchor)
    if not key(anchor).strip():
        return AnchorProblem("empty", "the anchor is empty")
    spans = find_all(text, anchor, whole_words=not inside_word)
    if not spans and not inside_word and (inside := find_all(text, anchor)):
        contexts = tuple(context(text, s, e) for s, e in inside)
        where = "; ".join(f"at character {s} ({c})" for (s, _), c in zip(inside, contexts))
        return AnchorProblem(
            "inside-word",
            f"the words '{anchor}' occur only inside a word: {where}; anchor on whole words, or ask "
            f"for a match inside a word (propose --inside-word; inside_word: true in the file)",
            tuple(s for s, _ in inside), contexts)
    if not spans:
        return AnchorProblem("not-found", f"the words '{anchor}' are not in the clause")
    if occurrence is None and len(spans) == 1:
        return Located(spans[0][0], spans[0][1], 1, 1)
    if occurrence is not None and 1 <= occurrence <= len(spans):
        s, e = spans[occurrence - 1]
        return Located(s, e, occurrence, len(spans))
    contexts = tuple(context(text, s, e) for s, e in spans)
    positions = tuple(s for s, _ in spans)
    if occurrence is None:
        where = "; ".join(f"occurrence {n} at character {p} ({c})"
                          for n, (p, c) in enumerate(zip(positions, contexts), 1))
        return AnchorProblem(
            "ambiguous",
            f"the words '{anchor}' occur {len(spans)} times in the clause; say which with occurrence: "
            f"{where}", positions, contexts)
    return AnchorProblem(
        "occurrence",
        f"occurrence {occurrence} of '{anchor}' asked for, but the clause has {_times(len(spans))}",
        positions, contexts)


def _times(n: int) -> str:
    return "it once" if n == 1 else f"it {n} times"


def locate(amendment: Amendment, base_text: str | None, current_text: str) -> Location:
    """Where ``amendment`` applies in ``current_text`` (its clause's text in ``amendment.lang``).

    ``base_text`` is the clause text of the version the amendment was written against (``None`` if
    unknown).  When it differs from ``current_text``, the anchor is found in the base text and
    followed through a diff to the current text: intact words are re-anchored, touched words are stale.
    """
    change = amendment.change
    current = nfc(current_text)
    base = nfc(base_text) if base_text is not None else None
    op = change.op
    if op == "insert":
        if change.at == "start":
            return Location(EXACT, 0, 0)
        if change.at == "end":
            return Location(EXACT, len(current), len(current))
        anchor = change.after if change.after is not None else change.before
        if anchor is None:
            return Location(STALE, 0, 0, "the insertion names no place (after, before or at)")
        loc = _locate_span(anchor, change.occurrence, base, current, change.inside_word)
        point = loc.end if change.after is not None else loc.start
        return Location(loc.state, point, point, loc.reason, loc.found, loc.occurrence, loc.problem)
    if op in ("replace", "delete") or (op == "bracket" and change.old is not None):
        if not change.old:
            return Location(STALE, 0, 0, f"the {op} names no words ('old' is empty)")
        return _locate_span(change.old, change.occurrence, base, current, change.inside_word)
    return Location(EXACT, 0, len(current))


def _locate_span(anchor: str, occurrence: int | None, base: str | None, current: str,
                 inside_word: bool = False) -> Location:
    anchor = nfc(anchor)
    note = ""
    if base is not None and base != current:
        in_base = find(base, anchor, occurrence, inside_word)
        if isinstance(in_base, Located):
            return _follow(anchor, occurrence, in_base, base, current, inside_word)
        note = f" (in the base text: {in_base.message})"
    here = find(current, anchor, occurrence, inside_word)
    if isinstance(here, Located):
        return Location(EXACT, here.start, here.end, found=current[here.start:here.end],
                        occurrence=here.occurrence if here.count > 1 else None)
    if here.kind != "not-found":
        return Location(STALE, 0, 0, here.message + note, problem=here)
    fuzzy = _fuzzy(current, anchor, 0)
    if fuzzy is not None:
        s, e, similarity = fuzzy
        found = current[s:e]
        return Location(REANCHORED, s, e,
                        f"the words '{anchor}' are not in the clause word for word; the nearest wording, "
                        f"'{found}' (similarity {similarity:.2f}), is used" + note,
                        found=found, occurrence=_occurrence_of(current, found, s))
    return Location(STALE, 0, 0, f"the words '{anchor}' are not in the clause; the text reads "
                    f"'{shorten(current)}'" + note, problem=here)


def _occurrence_of(text: str, anchor: str, start: int) -> int | None:
    spans = find_all(text, anchor)
    if len(spans) <= 1:
        return None
    return next((n for n, (s, _) in enumerate(spans, 1) if s == start), None)


def _follow(anchor: str, occurrence: int | None, in_base: Located, base: str, current: str,
            inside_word: bool = False) -> Location:
    """Follow the base span through the diff base -> current."""
    ms, me, intact = _follow_span(anchor, in_base.start, in_base.end, base, current)
    if not intact:
        now = context(current, ms, me, 4)
        return Location(STALE, ms, me,
                        f"the words '{anchor}' are no longer in the clause; the text now reads '{now}'")
    spans = find_all(current, anchor, whole_words=not inside_word)
    as_written = find(current, anchor, occurrence, inside_word)
    now_occ = next((n for n, (s, _) in enumerate(spans, 1) if s == ms), None)
    found = current[ms:me]
    occ_field = now_occ if len(spans) > 1 else None
    if isinstance(as_written, Located) and (as_written.start, as_written.end) == (ms, me):
        return Location(EXACT, ms, me, found=found, occurrence=occ_field)
    moved = f"'{anchor}' moved from character {in_base.start} to {ms}" if ms != in_base.start else \
        f"'{anchor}' is still at character {ms}"
    if len(spans) > 1:
        was = f"occurrence {in_base.occurrence}" if in_base.count > 1 else "the only occurrence"
        detail = f"; it is now occurrence {now_occ} of {len(spans)} (it was {was} in the base text)"
    else:
        detail = f"; it is now the only occurrence (it was occurrence {in_base.occurrence} of {in_base.count})"
    return Location(REANCHORED, ms, me, moved + detail, found=found, occurrence=occ_field)


def _follow_span(anchor: str, bs: int, be: int, base: str, current: str) -> tuple[int, int, bool]:
    """The span's place in ``current`` and whether its words are intact there.

    The words count as intact when some minimal alignment of base and current leaves them untouched:
    first the word-aligned diff, then the raw minimal diff, then every verbatim occurrence in the
    current text is tried (an edit can slide across identical text without changing anything).
    """
    raw, cleaned = diffs(base, current)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ka = fold(anchor).key
    for aligned in (cleaned, raw):
        ms, me, touched = map_span(aligned, bs, be)
        if not touched and fold(current[ms:me]).key == ka:
            return ms, me, True
    least = cost(raw)
    for s, e in find_all(current, anchor):
        if cost(dmp.diff_main(base[:bs], current[:s], False)) + \
                cost(dmp.diff_main(base[be:], current[e:], False)) <= least:
            return s, e, True
    ms, me, _ = map_span(cleaned, bs, be)
    return ms, me, False


def _fuzzy(text: str, anchor: str, expected: int) -> tuple[int, int, float] | None:
    """The span of ``text`` most like ``anchor``, if at least FUZZY_MIN_SIMILARITY similar."""
    ft = fold(text)
    ka = fold(anchor).key
    if not ka or not ft.key:
        return None
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    dmp.Match_Threshold = FUZZY_MATCH_THRESHOLD
    # location matters little: a match anywhere costs at most 0.25 of the threshold
    dmp.Match_Distance = 4 * len(ft.key) + 1
    head = ka[:_BITAP_MAX]
    ks = dmp.match_main(ft.key, head, ft.key_index(expected))
    if ks < 0:
        return None
    slack = max(4, len(ka) // 4)
    # the end: of the whole-word spans from ks ending near the anchor's length, the one most like the
    # anchor (one minimal diff alone may pair the anchor's last letters with letters scattered over
    # the slack: "territorxo" against "territorio pro" would end after "pro")
    best: tuple[float, int, int] | None = None
    tried: set[tuple[int, int]] = set()
    for end in range(ks + max(1, len(ka) - slack), min(len(ft.key), ks + len(ka) + slack) + 1):
        span = _snap(ft, ka, ks, end)
        if span in tried:
            continue
        tried.add(span)
        found = ft.key[span[0]:span[1]]
        distance = dmp.diff_levenshtein(dmp.diff_main(ka, found, False))
        similarity = 1.0 - distance / max(len(ka), len(found))
        if best is None or similarity > best[0]:
            best = (similarity, *span)
    if best is None or best[0] < FUZZY_MIN_SIMILARITY:
        return None
    similarity, ks, ke = best
    s, e = ft.span(ks, ke)
    return s, e, similarity


def _snap(ft: Folded, ka: str, ks: int, ke: int) -> tuple[int, int]:
    """Widen a key span so that it does not cut a word the anchor does not cut either."""
    key = ft.key
    if is_word_char(ka[0]):
        while 0 < ks < len(key) and is_word_char(key[ks - 1]) and is_word_char(key[ks]):
            ks -= 1
    if is_word_char(ka[-1]):
        while 0 < ke < len(key) and is_word_char(key[ke - 1]) and is_word_char(key[ke]):
            ke += 1
    return ks, ke
