"""Anchors stand on word boundaries: "frontera" is not found inside "fronteras" unless the amendment
asks for it (``inside_word``)."""

from __future__ import annotations

from drafting.model import Amendment, Change
from drafting.ops.anchor import EXACT, STALE, AnchorProblem, Located, find, find_all, locate, on_word_boundaries
from drafting.ops.unique import unique_span
from drafting.ops.apply import apply_change
from drafting.ops.validate import anchor_problem

TEXT = "Garantizar el acceso al territorio en las fronteras."


def amendment(change: Change) -> Amendment:
    return Amendment("zero-ARG-001", "zero", "ARG", change, target="op-borders")


def test_an_anchor_found_only_inside_a_word_is_refused_with_where() -> None:
    found = find(TEXT, "frontera")
    assert isinstance(found, AnchorProblem) and found.kind == "inside-word"
    assert found.positions == (TEXT.index("fronteras"),)
    assert found.contexts == ("… territorio en las «frontera»s.",)
    assert "only inside a word: at character 42 (… territorio en las «frontera»s.)" in found.message
    assert "--inside-word" in found.message


def test_the_reported_defect_gives_no_frontera_terrestres() -> None:
    replace = amendment(Change("replace", old="frontera", new="frontera terrestre"))
    loc = locate(replace, TEXT, TEXT)
    assert loc.state == STALE and loc.problem is not None and loc.problem.kind == "inside-word"
    assert anchor_problem(TEXT, "frontera", None) is not None


def test_inside_word_when_asked_for() -> None:
    found = find(TEXT, "frontera", inside_word=True)
    assert isinstance(found, Located) and TEXT[found.start:found.end] == "frontera"
    replace = amendment(Change("replace", old="frontera", new="frontera terrestre", inside_word=True))
    loc = locate(replace, TEXT, TEXT)
    assert loc.state == EXACT
    assert apply_change(TEXT, replace, loc).endswith("las frontera terrestres.")
    assert anchor_problem(TEXT, "frontera", None, inside_word=True) is None


def test_whole_word_matches_are_the_only_ones_counted() -> None:
    text = "el asilo y los asilos, y el asilo"
    found = find(text, "asilo", 2)
    assert isinstance(found, Located) and (found.start, found.count) == (text.rindex("asilo"), 2)
    assert isinstance(find(text, "asilo", 3), AnchorProblem)
    assert isinstance(find(text, "asilo", 3, inside_word=True), Located)
    # a whole-word match anywhere: the one inside "asilos" does not make it ambiguous
    assert isinstance(find("los asilos y el asilo", "asilo"), Located)


def test_boundaries_are_letters_and_digits_not_punctuation() -> None:
    assert on_word_boundaries("a (asilo), b", 3, 8)
    assert on_word_boundaries("asilo", 0, 5)
    assert not on_word_boundaries("asilos", 0, 5)
    assert not on_word_boundaries("el sasilo", 4, 9)
    assert on_word_boundaries("1984,", 0, 4) and not on_word_boundaries("19845", 0, 4)
    # an anchor beginning or ending with a space or punctuation cuts nothing
    assert isinstance(find(TEXT, " en las"), Located)
    assert isinstance(find("años 2024-2034", "2024-"), Located)


def test_insertion_anchors_too() -> None:
    after = amendment(Change("insert", text=" terrestres", after="fronte"))
    assert locate(after, TEXT, TEXT).state == STALE
    asked = amendment(Change("insert", text="x", after="fronte", inside_word=True))
    assert locate(asked, TEXT, TEXT).state == EXACT


def test_unique_span_counts_as_find_counts() -> None:
    text = "a aa a a"
    # "a" is the 2nd of three whole words "a"; growing right, "a a" is unique among whole words (the "a a"
    # that starts inside "aa" does not count, nor hide the one at 5)
    s, e, occurrence = unique_span(text, 5, 6, "right")
    assert (s, e, occurrence) == (5, 8, None)
    found = find(text, text[s:e], occurrence)
    assert isinstance(found, Located) and found.start == 5
    s, e, occurrence = unique_span(text, 5, 6, "left")
    assert text[s:e] == "aa a" and occurrence is None


def test_a_match_that_begins_inside_a_word_does_not_hide_the_whole_words_after_it() -> None:
    # "é é" first matches from inside "aé" (refused), and again, overlapping it, as whole words at the end
    found = find("a aé é é", "é é")
    assert isinstance(found, Located) and (found.start, found.end) == (5, 8)
    # counted as find counts them: the whole-word occurrences only, without overlap
    assert find_all("a aé é é", "é é", whole_words=True) == [(5, 8)]
    assert find_all("a aé é é", "é é") == [(3, 6)]
    two = find("é é aé é é é", "é é", 2)  # whole words at 0 and 7; the match from inside "aé" skipped
    assert isinstance(two, Located) and (two.start, two.end) == (7, 10)
