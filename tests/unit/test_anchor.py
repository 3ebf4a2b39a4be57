"""Anchors: exact finding on NFC text, ambiguity, re-anchoring after accepted changes, staleness."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.model import Amendment, Change
from drafting.ops.anchor import (
    EXACT,
    REANCHORED,
    STALE,
    AnchorProblem,
    Located,
    find,
    locate,
)
from drafting.ops.unique import unique_anchor, unique_span

TEXT = "Fortalecer los sistemas nacionales de asilo y el acceso al asilo."


def amendment(change: Change, lang: str = "es") -> Amendment:
    return Amendment("zero-BRA-001", "zero", "BRA", change, target="quality-asylum", lang=lang)


def replace(old: str, new: str = "X", occurrence: int | None = None) -> Amendment:
    return amendment(Change("replace", old=old, new=new, occurrence=occurrence))


# --- find -------------------------------------------------------------------------------------------

def test_find_unique() -> None:
    assert find(TEXT, "sistemas nacionales", None) == Located(15, 34, 1, 1)


def test_find_ambiguous_names_every_position() -> None:
    problem = find(TEXT, "asilo", None)
    assert isinstance(problem, AnchorProblem)
    assert problem.kind == "ambiguous"
    assert problem.positions == (38, 59)
    assert "38" in problem.message and "59" in problem.message
    assert "de «asilo» y el" in problem.message and "al «asilo»." in problem.message


def test_find_occurrence() -> None:
    assert find(TEXT, "asilo", 2) == Located(59, 64, 2, 2)
    assert find(TEXT, "asilo", 1) == Located(38, 43, 1, 2)


def test_find_occurrence_beyond_count() -> None:
    problem = find(TEXT, "asilo", 3)
    assert isinstance(problem, AnchorProblem) and problem.kind == "occurrence"
    assert "2 times" in problem.message


def test_find_not_found_and_empty() -> None:
    missing = find(TEXT, "refugiados", None)
    assert isinstance(missing, AnchorProblem) and missing.kind == "not-found"
    assert "refugiados" in missing.message
    empty = find(TEXT, "", None)
    assert isinstance(empty, AnchorProblem) and empty.kind == "empty"


def test_find_counts_without_overlap() -> None:
    assert find("a a a a", "a a", 2) == Located(4, 7, 2, 2)


def test_nfd_anchor_matches_nfc_text() -> None:
    text = "La protección de los refugiados"
    anchor = unicodedata.normalize("NFD", "protección")
    assert anchor != "protección"
    assert find(text, anchor, None) == Located(3, 13, 1, 1)


def test_invisible_characters_and_quotes_do_not_prevent_a_match() -> None:
    text = "l’asile et la\u00a0protection des nacio\u00adnales ;"
    assert isinstance(find(text, "l'asile", None), Located)
    located = find(text, "la protection", None)
    assert isinstance(located, Located)
    assert text[located.start:located.end] == "la\u00a0protection"
    located = find(text, "nacionales ;", None)
    assert isinstance(located, Located)
    assert text[located.start:located.end] == "nacio\u00adnales ;"


def test_case_and_accents_matter() -> None:
    assert isinstance(find(TEXT, "Asilo", None), AnchorProblem)
    assert isinstance(find("la protección", "proteccion", None), AnchorProblem)


# --- locate on the text as it stands -----------------------------------------------------------------

def test_locate_exact_span() -> None:
    loc = locate(replace("el acceso"), None, TEXT)
    assert (loc.state, loc.start, loc.end, loc.found) == (EXACT, 46, 55, "el acceso")


def test_locate_insert_points() -> None:
    after = locate(amendment(Change("insert", text=", en particular", after="nacionales")), None, TEXT)
    assert (after.state, after.start, after.end) == (EXACT, 34, 34)
    before = locate(amendment(Change("insert", text="muy ", before="el acceso")), None, TEXT)
    assert (before.start, before.end) == (46, 46)
    start = locate(amendment(Change("insert", text="Así, ", at="start")), None, TEXT)
    end = locate(amendment(Change("insert", text=" Fin", at="end")), None, TEXT)
    assert (start.start, end.start) == (0, len(TEXT))


def test_locate_whole_clause_operations() -> None:
    for change in (Change("bracket"), Change("remove"), Change("comment"), Change("substitute", texts={})):
        loc = locate(amendment(change), None, TEXT)
        assert (loc.state, loc.start, loc.end) == (EXACT, 0, len(TEXT))


def test_locate_ambiguous_without_base_is_stale_with_problem() -> None:
    loc = locate(replace("asilo"), None, TEXT)
    assert loc.state == STALE
    assert loc.problem is not None and loc.problem.kind == "ambiguous"
    assert "38" in loc.reason and "59" in loc.reason


def test_locate_fuzzy_when_no_base() -> None:
    loc = locate(replace("sistemas nacional de asilo"), None, TEXT)
    assert loc.state == REANCHORED
    assert loc.found == "sistemas nacionales de asilo"
    assert "nearest wording" in loc.reason


def test_locate_unrelated_words_are_stale() -> None:
    loc = locate(replace("refugiados y apátridas"), None, TEXT)
    assert loc.state == STALE
    assert "refugiados y apátridas" in loc.reason


# --- locate after the text changed -------------------------------------------------------------------

def test_moved_but_unique_is_exact() -> None:
    current = "Así, fortalecer los sistemas nacionales de asilo y el acceso al asilo."
    loc = locate(replace("el acceso"), TEXT, current)
    assert loc.state == EXACT
    assert current[loc.start:loc.end] == "el acceso"


def test_occurrence_changed_is_reanchored() -> None:
    current = "Fortalecer los sistemas nacionales y el acceso al asilo."  # first 'asilo' gone
    loc = locate(replace("asilo", occurrence=2), TEXT, current)
    assert loc.state == REANCHORED
    assert (loc.start, loc.end) == (50, 55)
    assert loc.occurrence is None
    assert "only occurrence" in loc.reason


def test_new_occurrence_before_the_span_is_followed() -> None:
    current = "Asilo: el asilo primero. " + TEXT
    loc = locate(replace("asilo", occurrence=2), TEXT, current)
    assert loc.state == REANCHORED
    assert loc.start == len("Asilo: el asilo primero. ") + 59
    assert loc.occurrence == 3


def test_words_changed_by_an_accepted_amendment_are_stale() -> None:
    current = "Fortalecer los sistemas nacionales y regionales de asilo y el acceso al asilo."
    loc = locate(replace("sistemas nacionales de asilo"), TEXT, current)
    assert loc.state == STALE
    assert "'sistemas nacionales de asilo' are no longer in the clause" in loc.reason
    assert "y regionales" in loc.reason


def test_deleted_span_is_stale() -> None:
    current = "Fortalecer los sistemas nacionales de asilo."
    loc = locate(replace("y el acceso al asilo"), TEXT, current)
    assert loc.state == STALE


def test_insert_anchor_touched_is_stale() -> None:
    current = "Fortalecer los sistemas nacionales de refugio y el acceso al asilo."
    loc = locate(amendment(Change("insert", text="X", after="de asilo")), TEXT, current)
    assert loc.state == STALE


def test_change_that_recreates_a_copy_nearby_does_not_capture_the_anchor() -> None:
    base = "de asilo de asilo"
    current = "del refugio de asilo"
    loc = locate(replace("de asilo", occurrence=1), base, current)
    assert loc.state == STALE


def test_edit_sliding_over_identical_text_keeps_the_anchor() -> None:
    base = "ab. ab. cd."
    current = "ab. cd."
    loc = locate(replace("ab.", occurrence=2), base, current)
    assert loc.state in (EXACT, REANCHORED)
    assert current[loc.start:loc.end] == "ab."


def test_anchor_missing_from_base_falls_back_to_current() -> None:
    loc = locate(replace("el acceso"), "Otro texto.", TEXT)
    assert loc.state == EXACT
    assert loc.found == "el acceso"


# --- unique anchors ----------------------------------------------------------------------------------

def test_unique_anchor_grows_until_unique() -> None:
    s = TEXT.index("asilo")
    assert unique_anchor(TEXT, s, s + 5) == ("de asilo", None)
    s2 = TEXT.rindex("asilo")
    assert unique_anchor(TEXT, s2, s2 + 5) == ("al asilo", None)


def test_unique_anchor_directions() -> None:
    s = TEXT.index("asilo")
    anchor, occurrence = unique_anchor(TEXT, s, s + 5, direction="right")
    assert anchor.startswith("asilo") and occurrence is None and anchor == "asilo y"
    start, end, _ = unique_span(TEXT, s, s + 5, direction="left")
    assert end == s + 5 and TEXT[start:end] == "de asilo"


def test_unique_anchor_falls_back_to_occurrence() -> None:
    text = "asilo asilo"
    assert unique_anchor(text, 6, 11, direction="right") == ("asilo", 2)


# --- properties --------------------------------------------------------------------------------------

LETTERS = "aábcçdeéiíñoóõrstuü"
word = st.text(LETTERS, min_size=1, max_size=6)
words = st.lists(word, min_size=3, max_size=9)


def sentence(ws: list[str]) -> str:
    return " ".join(ws) + "."


@settings(max_examples=150, deadline=None)
@given(words, words, st.data())
def test_reanchoring_after_edits_in_another_sentence(first: list[str], second: list[str],
                                                     data: st.DataObject) -> None:
    s1, s2 = sentence(first), sentence(second)
    base = s1 + " " + s2
    i = data.draw(st.integers(0, len(second) - 1))
    j = data.draw(st.integers(i, len(second) - 1))
    offset = len(s1) + 1 + sum(len(w) + 1 for w in second[:i])
    span_len = len(" ".join(second[i:j + 1]))
    start, end, occurrence = unique_span(base, offset, offset + span_len, direction="right")
    anchor = base[start:end]
    assert start >= len(s1) + 1
    # an unrelated edit in the first sentence: replace, insert or delete a word
    edited = list(first)
    k = data.draw(st.integers(0, len(first) - 1))
    how = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    if how == "replace":
        edited[k] = data.draw(word)
    elif how == "insert":
        edited.insert(k, data.draw(word))
    else:
        del edited[k]
    new_s1 = sentence(edited)
    current = new_s1 + " " + s2
    loc = locate(replace(anchor, occurrence=occurrence), base, current)
    shift = len(new_s1) - len(s1)
    assert loc.state in (EXACT, REANCHORED), loc.reason
    assert (loc.start, loc.end) == (start + shift, end + shift)
    if loc.state == EXACT:  # the amendment as written still resolves to the same words
        written = find(current, anchor, occurrence)
        assert isinstance(written, Located) and (written.start, written.end) == (loc.start, loc.end)


@settings(max_examples=150, deadline=None)
@given(words, st.data())
def test_nfd_anchor_matches_nfc_text_property(ws: list[str], data: st.DataObject) -> None:
    text = unicodedata.normalize("NFC", " ".join(ws))
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(i, len(ws) - 1))
    anchor_nfc = " ".join(ws[i:j + 1])
    anchor_nfd = unicodedata.normalize("NFD", anchor_nfc)
    expected = find(text, anchor_nfc, None)
    assert find(text, anchor_nfd, None) == expected
    count = 1 if isinstance(expected, Located) else len(expected.positions)
    assert count >= 1
    for n in range(1, count + 1):
        located = find(text, anchor_nfd, n)
        assert located == find(text, anchor_nfc, n)
        assert isinstance(located, Located)
        assert text[located.start:located.end] == anchor_nfc


@settings(max_examples=100, deadline=None)
@given(word, words, words)
def test_ambiguous_anchor_is_refused_naming_both_positions(anchor: str, left: list[str],
                                                           middle: list[str]) -> None:
    text = " ".join(left) + " «" + anchor + "» " + " ".join(middle) + " «" + anchor + "» fin"
    first = text.index("«" + anchor + "»") + 1
    second = text.rindex("«" + anchor + "»") + 1
    result = find(text, "«" + anchor + "»", None)
    assert isinstance(result, AnchorProblem) and result.kind == "ambiguous"
    assert first - 1 in result.positions and second - 1 in result.positions
    assert f"character {first - 1}" in result.message and f"character {second - 1}" in result.message
    loc = locate(replace("«" + anchor + "»"), None, text)
    assert loc.state == STALE and loc.problem is not None and loc.problem.kind == "ambiguous"
