"""What a located anchor says: its occurrence (what a carried-forward amendment must now say), the
reason a negotiator reads when it moved, whole words in fuzzy matches, the bounds of ``unique_span``
and the messages of ambiguous and missing anchors."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drafting.model import Amendment, Change
from drafting.ops.anchor import (
    EXACT,
    REANCHORED,
    STALE,
    AnchorProblem,
    Located,
    find,
    find_all,
    locate,
    on_word_boundaries,
)
from drafting.ops.unique import unique_anchor, unique_span


def amendment(change: Change) -> Amendment:
    return Amendment("zero-BRA-001", "zero", "BRA", change, target="c", lang="es")


def replace(old: str, occurrence: int | None = None) -> Amendment:
    return amendment(Change("replace", old=old, new="X", occurrence=occurrence))


# --- occurrence of a located match ---------------------------------------------------------------------

def test_occurrence_is_given_only_when_the_words_are_not_unique() -> None:
    text = "el asilo, el refugio y el asilo"
    assert locate(replace("asilo", 2), None, text).occurrence == 2
    assert locate(replace("asilo", 1), None, text).occurrence == 1
    assert locate(replace("refugio"), None, text).occurrence is None
    assert locate(replace("refugio", 1), None, text).occurrence is None
    # an insertion point carries its anchor's occurrence too
    loc = locate(amendment(Change("insert", text="x", after="asilo", occurrence=2)), None, text)
    assert (loc.start, loc.end, loc.occurrence, loc.found) == (len(text), len(text), 2, "asilo")
    loc = locate(amendment(Change("insert", text="x", before="asilo", occurrence=2)), None, text)
    assert (loc.start, loc.end, loc.occurrence) == (26, 26, 2)


def test_occurrence_after_following_the_base_text() -> None:
    # the base's only "asilo" is now the second of two: a carried-forward amendment must say 2
    loc = locate(replace("asilo"), "el asilo", "nuevo asilo. el asilo")
    assert (loc.state, loc.start, loc.end, loc.occurrence) == (REANCHORED, 16, 21, 2)
    # still where the amendment says, but no longer unique: exact, with its occurrence
    loc = locate(replace("asilo", 1), "el asilo y", "el asilo y el asilo")
    assert (loc.state, loc.start, loc.occurrence) == (EXACT, 3, 1)
    # was the second of two, now the only one: no occurrence needed any more
    loc = locate(replace("asilo", 2), "el asilo y el asilo", "el refugio y el asilo")
    assert (loc.state, loc.start, loc.occurrence) == (REANCHORED, 16, None)


def test_occurrence_of_a_fuzzy_match() -> None:
    text = "los sistemas nacionales y los sistemas nacionales"
    loc = locate(replace("sistemaz nacional"), None, text)
    assert (loc.state, loc.found, loc.start, loc.occurrence) == (REANCHORED, "sistemas nacionales", 4, 1)
    loc = locate(replace("sistemaz nacional"), None, "los sistemas nacionales de asilo")
    assert loc.occurrence is None


words = st.lists(st.sampled_from(["el", "asilo", "y", "refugio", "de", "la", "región"]), min_size=2, max_size=10)


@settings(max_examples=80, deadline=None)
@given(words, words, st.data())
def test_the_occurrence_said_resolves_to_the_span_found(base_words: list[str], edit: list[str],
                                                       data: st.DataObject) -> None:
    """Whatever the edit between base and current, an amendment rewritten with ``found`` and
    ``occurrence`` finds exactly the span ``locate`` found."""
    base = " ".join(base_words)
    i = data.draw(st.integers(0, len(base_words) - 1))
    anchor = base_words[i]
    spans = [x for x in find_all(base, anchor) if on_word_boundaries(base, *x)]  # as anchors count
    start = sum(len(w) + 1 for w in base_words[:i])
    assume(start in [s for s, _ in spans])
    occurrence = None if len(spans) == 1 else [s for s, _ in spans].index(start) + 1
    k = data.draw(st.integers(0, len(base_words)))
    current = " ".join(base_words[:k] + edit + base_words[k + data.draw(st.integers(0, 2)):])
    loc = locate(replace(anchor, occurrence), base, current)
    if loc.state == STALE:
        return
    assert current[loc.start:loc.end] == loc.found
    again = find(current, loc.found, loc.occurrence)
    assert isinstance(again, Located), again
    assert (again.start, again.end) == (loc.start, loc.end)


# --- the reasons a negotiator reads -----------------------------------------------------------------------

def test_reanchored_reasons_say_where_and_which_occurrence() -> None:
    loc = locate(replace("asilo", 2), "el asilo, el asilo y el asilo", "el asilo y el asilo")
    assert loc.reason == ("'asilo' moved from character 13 to 3; it is now occurrence 1 of 2 "
                          "(it was occurrence 2 in the base text)")
    loc = locate(replace("asilo"), "el asilo y el refugio", "el refugio y el asilo y el asilo")
    assert loc.reason == ("'asilo' moved from character 3 to 16; it is now occurrence 1 of 2 "
                          "(it was the only occurrence in the base text)")
    loc = locate(replace("asilo", 2), "el asilo y el asilo", "el refugio y el asilo")
    assert loc.reason == ("'asilo' moved from character 14 to 16; it is now the only occurrence "
                          "(it was occurrence 2 of 2)")
    # the words did not move but their occurrence number changed
    loc = locate(replace("asilo", 2), "un asilo y el asilo", "un refugio y el asilo")
    assert loc.state == REANCHORED
    assert loc.reason == ("'asilo' moved from character 14 to 16; it is now the only occurrence "
                          "(it was occurrence 2 of 2)")
    loc = locate(replace("asilo", 2), "el asilo y el asilo", "el asilo y el asilo asilo")
    assert loc.state == EXACT and loc.reason == ""


def test_reanchored_reason_when_the_words_stay_put() -> None:
    loc = locate(replace("asilo", 2), "asilo y asilo", "asila y asilo")
    assert loc.state == REANCHORED and (loc.start, loc.end) == (8, 13)
    assert loc.reason == ("'asilo' is still at character 8; it is now the only occurrence "
                          "(it was occurrence 2 of 2)")


def test_stale_reasons() -> None:
    loc = locate(replace("el asilo"), "el asilo y", "un refugio y")
    assert loc.state == STALE
    assert loc.reason == "the words 'el asilo' are no longer in the clause; the text now reads '«un refugio» y'"
    loc = locate(replace("asilo", 2), "asilo", "asilo x")
    assert loc.reason == ("occurrence 2 of 'asilo' asked for, but the clause has it once "
                          "(in the base text: occurrence 2 of 'asilo' asked for, but the clause has it once)")
    assert loc.problem is not None and loc.problem.kind == "occurrence"
    loc = locate(replace("asilo", 3), None, "asilo asilo")
    assert loc.reason == "occurrence 3 of 'asilo' asked for, but the clause has it 2 times"
    loc = locate(replace("refugio"), None, "el asilo de la región")
    assert loc.reason == "the words 'refugio' are not in the clause; the text reads 'el asilo de la región'"
    assert loc.problem is not None and loc.problem.kind == "not-found"
    loc = locate(amendment(Change("insert", text="x")), None, "asilo")
    assert (loc.state, loc.reason) == (STALE, "the insertion names no place (after, before or at)")
    loc = locate(amendment(Change("delete", old="")), None, "asilo")
    assert (loc.state, loc.reason) == (STALE, "the delete names no words ('old' is empty)")


def test_a_long_text_is_shortened_in_the_reason() -> None:
    text = " ".join(["palabra"] * 60)
    loc = locate(replace("refugio"), None, text)
    quoted = loc.reason.split("the text reads '", 1)[1]
    assert quoted.endswith("…'") and len(quoted) < 170


def test_ambiguity_message_names_every_occurrence() -> None:
    text = "de la región, de la costa y de la frontera"
    result = find(text, "de la")
    assert isinstance(result, AnchorProblem) and result.kind == "ambiguous"
    assert result.positions == (0, 14, 28)
    assert result.message == (
        "the words 'de la' occur 3 times in the clause; say which with occurrence: "
        "occurrence 1 at character 0 («de la» región, de …); "
        "occurrence 2 at character 14 (… la región, «de la» costa y de …); "
        "occurrence 3 at character 28 (… la costa y «de la» frontera)")
    five = find("a a a a a", "a")
    assert isinstance(five, AnchorProblem) and five.positions == (0, 2, 4, 6, 8)
    assert "occur 5 times" in five.message and "occurrence 5 at character 8" in five.message


def test_find_counts_occurrences_from_one() -> None:
    text = "asilo, asilo, asilo"
    assert find(text, "asilo", 1) == Located(0, 5, 1, 3)
    assert find(text, "asilo", 3) == Located(14, 19, 3, 3)
    for bad in (0, 4, -1):
        problem = find(text, "asilo", bad)
        assert isinstance(problem, AnchorProblem) and problem.kind == "occurrence"
        assert problem.message == f"occurrence {bad} of 'asilo' asked for, but the clause has it 3 times"
    assert find("asilo", "asilo", 1) == Located(0, 5, 1, 1)
    assert find("asilo", "asilo") == Located(0, 5, 1, 1)


def test_empty_and_invisible_anchors() -> None:
    for anchor in ("", " ", "\u00ad", "\u200b "):
        problem = find("un texto", anchor)
        assert isinstance(problem, AnchorProblem) and problem.kind == "empty"
    assert find_all("un texto", "") == []
    assert find_all("un\u00a0texto", "\u200b") == []


# --- whole words in fuzzy matches (_snap) ---------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,found", [
    # the match starts inside a word: widened to the word's start
    ("los subsistemas nacionales de asilo", "sistemax nacionales", "subsistemas nacionales"),
    # the match ends inside a word: widened to the word's end
    ("los sistemas nacionales de asilo", "sistemaz nacional", "sistemas nacionales"),
    # the same at the very start of the text, and for an anchor beginning with a one-letter word
    ("subsistemas nacionales de asilo", "sistemax nacionales", "subsistemas nacionales"),
    ("en la sistemas nacionales", "a sistemaz nacionales", "la sistemas nacionales"),
    # both ends at word boundaries already: nothing to widen
    ("Fortalecer los sistemaz nacionales de asilo", "sistemas nacionales", "sistemaz nacionales"),
])
def test_fuzzy_matches_take_whole_words(text: str, anchor: str, found: str) -> None:
    loc = locate(replace(anchor), None, text)
    assert loc.state == REANCHORED and loc.found == found
    assert text[loc.start:loc.end] == found
    assert f"the nearest wording, '{found}'" in loc.reason


def test_fuzzy_match_does_not_widen_where_the_anchor_cuts_a_word_itself() -> None:
    # the anchor ends in punctuation: the match is not widened past it
    loc = locate(replace("nacionalez,"), None, "sistemas nacionales, regionales")
    assert loc.state == REANCHORED and loc.found == "nacionales,"
    # the anchor starts with a space: no widening to the left either
    loc = locate(replace(" nacionalez"), None, "los sistemas nacionales")
    assert loc.state == REANCHORED and loc.found == " nacionales"


def test_fuzzy_match_too_far_is_stale() -> None:
    loc = locate(replace("cooperación internacional"), None, "los sistemas nacionales de asilo")
    assert loc.state == STALE


# --- unique_span and unique_anchor ---------------------------------------------------------------------

TEXT = "el asilo de la región y el asilo de la costa"


def test_unique_span_bounds() -> None:
    n = len(TEXT)
    assert unique_span(TEXT, 0, n) == (0, n, None)  # the whole text, up to its last character
    assert unique_span(TEXT, n - 5, n) == (n - 5, n, None)
    for start, end in ((0, 0), (3, 3), (5, 4), (-1, 4), (0, n + 1), (n, n + 1)):
        with pytest.raises(ValueError, match="not a span of the text"):
            unique_span(TEXT, start, end)
    with pytest.raises(ValueError, match="no visible text"):
        unique_span("el  asilo", 2, 4)
    with pytest.raises(ValueError, match="no visible text"):
        unique_span("el\u00ad asilo", 2, 4)


def test_unique_span_grows_left_first_then_alternates() -> None:
    s = TEXT.index("asilo")
    # "asilo" twice; "el asilo" twice; "el asilo de" twice ... until "asilo de la región" is unique
    start, end, occurrence = unique_span(TEXT, s, s + 5)
    assert occurrence is None and TEXT[start:end] == "el asilo de la región"
    assert unique_anchor(TEXT, s, s + 5) == ("el asilo de la región", None)
    s2 = TEXT.rindex("asilo")
    assert unique_anchor(TEXT, s2, s2 + 5, "left") == ("y el asilo", None)
    assert unique_anchor(TEXT, s2, s2 + 5, "right") == ("asilo de la costa", None)
    assert unique_anchor(TEXT, s, s + 5, "right") == ("asilo de la región", None)


def test_unique_span_that_never_becomes_unique_keeps_its_occurrence() -> None:
    text = "asilo asilo asilo"
    assert unique_span(text, 6, 11, "right") == (6, 11, 2)
    assert unique_span(text, 12, 17, "right") == (12, 17, 3)
    assert unique_span(text, 0, 5, "left") == (0, 5, 1)
    assert unique_span(text, 12, 17, "left") == (0, 17, None)  # the whole text is unique
    # a span overlapping another occurrence of itself: the nearest occurrence is the best there is
    assert unique_span("b b b", 2, 5, "right") == (2, 5, 1)


@settings(max_examples=80, deadline=None)
@given(words, st.data(), st.sampled_from(["left", "right", "both"]))
def test_unique_span_contains_the_span_and_finds_it_again(ws: list[str], data: st.DataObject,
                                                        direction: str) -> None:
    text = " ".join(ws)
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(i + 1, len(ws)))
    start = sum(len(w) + 1 for w in ws[:i])
    end = start + len(" ".join(ws[i:j]))
    s, e, occurrence = unique_span(text, start, end, direction)
    assert s <= start and e >= end
    if direction == "left":
        assert e == end
    if direction == "right":
        assert s == start
    if occurrence is None:
        # unique among the matches that count: whole words, unless the span itself cuts a word
        whole = on_word_boundaries(text, s, e)
        assert [x for x in find_all(text, text[s:e]) if not whole or on_word_boundaries(text, *x)] == [(s, e)]
    else:
        assert (s, e) == (start, end)
        located = find(text, text[s:e], occurrence)
        assert isinstance(located, Located)
        # the occurrence named is the one at the span, or the nearest when the span overlaps its copies
        assert located.start == start or text[located.start:located.end] == text[start:end]


# --- round two: the cases that tell the details apart --------------------------------------------------

def test_default_direction_alternates_left_and_right() -> None:
    text = "a b c a c a b b"
    # "a" at 6: left "c a" (twice), then right "c a c" (unique); growing left only would give "b c a"
    assert unique_span(text, 6, 7) == (4, 9, None)
    assert unique_anchor(text, 6, 7) == ("c a c", None)
    assert unique_span(text, 6, 7, "left") == (2, 7, None)


def test_growing_left_from_the_second_character_and_past_leading_spaces() -> None:
    assert unique_span("[asilo] y asilo", 1, 6, "left") == (0, 6, None)
    # only spaces before the span: it cannot grow, it keeps its occurrence
    assert unique_span("  asilo asilo", 2, 7, "left") == (2, 7, 1)


def test_a_span_ending_in_a_space_before_a_double_space() -> None:
    text = "a  b a c"
    start, end, occurrence = unique_span(text, 0, 2, "right")
    assert occurrence is None and text[start:end].split() == ["a", "b"]


def test_unique_span_messages_exactly() -> None:
    with pytest.raises(ValueError, match=r"^not a span of the text: 3\.\.3$"):
        unique_span("el asilo", 3, 3)
    with pytest.raises(ValueError, match=r"^the span holds no visible text$"):
        unique_span("el  asilo", 2, 4)


def test_stale_location_keeps_where_the_words_were_and_shows_four_words_around() -> None:
    base = "uno dos tres cuatro cinco el asilo seis siete ocho nueve diez"
    loc = locate(replace("el asilo"), base, base.replace("el asilo", "el refugio"))
    assert loc.state == STALE and (loc.start, loc.end) == (26, 36)
    assert loc.reason == ("the words 'el asilo' are no longer in the clause; the text now reads "
                          "'… dos tres cuatro cinco «el refugio» seis siete ocho nueve …'")
    loc = locate(replace("el asilo"), "el asilo y", "un refugio y")
    assert (loc.state, loc.start, loc.end) == (STALE, 0, 10)


def test_reason_when_the_base_had_two_and_now_three() -> None:
    loc = locate(replace("asilo", 2), "el asilo y el asilo", "X asilo. el asilo y el asilo")
    assert (loc.state, loc.start, loc.occurrence) == (REANCHORED, 23, 3)
    assert loc.reason == ("'asilo' moved from character 14 to 23; it is now occurrence 3 of 3 "
                          "(it was occurrence 2 in the base text)")


@pytest.mark.parametrize("text,anchor,found,similarity", [
    # a match at the very start of the text
    ("sistemas nacionales de asilo", "sistemaz nacionales", "sistemas nacionales", "0.95"),
    ("territorio protección sistemas fronteras", "territorxo", "territorio", "0.90"),
    # a letter too many: the minimal diff alone would stretch the match over the next words
    ("los sistemas nacionales de asilo", "sistemas nacionalles", "sistemas nacionales", "0.95"),
    # exactly the least similarity accepted
    ("el asilo de", "asilx", "asilo", "0.80"),
])
def test_fuzzy_matches(text: str, anchor: str, found: str, similarity: str) -> None:
    loc = locate(replace(anchor), None, text)
    assert (loc.state, loc.found) == (REANCHORED, found)
    assert f"(similarity {similarity})" in loc.reason


def test_fuzzy_match_below_the_least_similarity_is_stale() -> None:
    # bitap finds a start, but the whole candidate is too different
    loc = locate(replace("sistemas regulares"), None, "los sistemas nacionales de asilo")
    assert loc.state == STALE and loc.problem is not None and loc.problem.kind == "not-found"
    assert locate(replace("asilx"), None, "").state == STALE


LETTERS = "abcdefghij"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["sistemas", "nacionales", "asilo", "protección", "de", "la", "región"]),
                min_size=3, max_size=10), st.data())
def test_a_fuzzy_match_is_whole_words_and_close_enough(ws: list[str], data: st.DataObject) -> None:
    text = " ".join(ws)
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(i + 1, min(len(ws), i + 3)))
    words = ws[i:j]
    k = data.draw(st.integers(0, len(words) - 1))
    w = words[k]
    p = data.draw(st.integers(0, len(w)))
    words = [*words[:k], w[:p] + data.draw(st.sampled_from(LETTERS)) + w[p:], *words[k + 1:]]
    anchor = " ".join(words)
    assume(not find_all(text, anchor))
    loc = locate(replace(anchor), None, text)
    if loc.state == STALE:
        return
    assert loc.state == REANCHORED and loc.found == text[loc.start:loc.end]
    # whole words: the match cuts no word the anchor does not cut
    assert loc.start == 0 or not text[loc.start - 1].isalnum() or not text[loc.start].isalnum()
    assert loc.end == len(text) or not text[loc.end - 1].isalnum() or not text[loc.end].isalnum()
    similarity = float(loc.reason.split("(similarity ")[1].split(")")[0])
    assert similarity >= 0.8


def test_alternation_goes_on_past_two_steps() -> None:
    # left, right, left: "c c b a" ... a growth that stops alternating would end elsewhere
    assert unique_span("c c c c b a c b a", 4, 5) == (0, 7, None)


def test_a_span_is_unique_up_to_the_spaces_it_ends_in() -> None:
    # "x " is found as "x  " (the whole run of spaces): the same place, so it is unique as it is
    assert unique_span("x  y a b", 0, 2, "right") == (0, 2, None)


# --- mapping a span through a diff (_map_span) -------------------------------------------------------

@pytest.mark.parametrize("diffs,bs,be,expected", [
    ([(0, "abcdef")], 2, 4, (2, 4, False)),
    # an insertion at the span's start is outside it; strictly inside, it touches the span
    ([(0, "ab"), (1, "XY"), (0, "cdef")], 2, 4, (4, 6, False)),
    ([(0, "ab"), (1, "XY"), (0, "cdef")], 1, 3, (1, 5, True)),
    # deletions: the whole span, its end, its start, just before it, just after it
    ([(0, "ab"), (-1, "cd"), (0, "ef")], 2, 4, (2, 2, True)),
    ([(0, "ab"), (-1, "cd"), (0, "ef")], 1, 3, (1, 2, True)),
    ([(0, "ab"), (-1, "cd"), (0, "ef")], 3, 6, (2, 4, True)),
    ([(0, "ab"), (-1, "cd"), (0, "ef")], 4, 6, (2, 4, False)),
    ([(0, "ab"), (-1, "cd"), (0, "ef")], 0, 2, (0, 2, False)),
    ([(0, "ab"), (1, "X")], 1, 2, (1, 2, False)),
    ([(-1, "ab"), (1, "cd")], 0, 2, (0, 0, True)),
    ([(1, "XX"), (0, "ab")], 0, 1, (2, 3, False)),
    ([(0, "ab")], 2, 3, (2, 2, False)),
    ([(0, "a"), (-1, "bc"), (1, "XYZ"), (0, "d")], 0, 4, (0, 5, True)),
    ([(0, "a"), (-1, "bcd"), (0, "ef")], 2, 5, (1, 2, True)),
])
def test_map_span(diffs: list[tuple[int, str]], bs: int, be: int, expected: tuple[int, int, bool]) -> None:
    from drafting.ops.alignment import map_span as _map_span
    assert _map_span(tuple(diffs), bs, be) == expected


@settings(max_examples=80, deadline=None)
@given(st.text("ab ", min_size=1, max_size=12), st.text("ab ", max_size=12), st.data())
def test_an_untouched_span_keeps_its_text(base: str, current: str, data: st.DataObject) -> None:
    from diff_match_patch import diff_match_patch

    from drafting.ops.alignment import map_span as _map_span
    bs = data.draw(st.integers(0, len(base) - 1))
    be = data.draw(st.integers(bs + 1, len(base)))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = tuple(dmp.diff_main(base, current, False))
    ms, me, touched = _map_span(diffs, bs, be)
    assert 0 <= ms <= me <= len(current)
    if not touched:
        assert current[ms:me] == base[bs:be]


def test_map_span_deletion_ending_at_the_span_end() -> None:
    from drafting.ops.alignment import map_span as _map_span
    assert _map_span(((0, "ab"), (-1, "cd"), (0, "ef")), 1, 4) == (1, 2, True)
