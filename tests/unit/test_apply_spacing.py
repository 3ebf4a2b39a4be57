"""Spacing at the seams of an applied amendment: no two words glued together, no double space, and an
amendment followed by its reverse gives the text back.  Properties over generated sentences, then the
edge cases by name (spans that carry their own spaces, insertions that end in a space, brackets)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drafting.model import Amendment, Change, Loc
from drafting.ops.anchor import EXACT, find_all, locate, on_word_boundaries
from drafting.ops.apply import apply_change

WORDS = ("de", "la", "asilo", "sistemas", "nacionales", "región", "y", "el", "registro", "desde", "acceso")


def amendment(change: Change) -> Amendment:
    return Amendment("zero-BRA-001", "zero", "BRA", change, target="c", lang="es",
                     loc=Loc("amendments/zero/zero-BRA-001.yaml", 1, {"change": 7}))


def applied(text: str, change: Change) -> str:
    a = amendment(change)
    location = locate(a, None, text)
    assert location.state == EXACT, location
    return apply_change(text, a, location)


item = st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", "", ","])).map("".join)
items = st.lists(item, min_size=1, max_size=9).map(lambda xs: [*xs[:-1], xs[-1].rstrip(",") + "."])
new_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)


def offset(xs: list[str], i: int) -> int:
    """Where item ``i`` starts in ``" ".join(xs)``."""
    return sum(len(x) + 1 for x in xs[:i])


def occurrence_at(text: str, anchor: str, start: int) -> int | None:
    """The occurrence number of ``anchor`` starting at ``start`` (None when it is unique there), among its
    whole-word matches, as anchors count them."""
    spans = [x for x in find_all(text, anchor) if on_word_boundaries(text, *x)]
    starts = [s for s, _ in spans]
    assume(start in starts)
    return None if len(spans) == 1 else starts.index(start) + 1


def tidy(text: str) -> None:
    assert "  " not in text and text == text.strip(), repr(text)


def span(xs: list[str], data: st.DataObject) -> tuple[int, int]:
    i = data.draw(st.integers(0, len(xs) - 1))
    j = data.draw(st.integers(i + 1, len(xs)))
    return i, j


def with_spaces(xs: list[str], i: int, j: int, data: st.DataObject) -> tuple[str, int]:
    """The words ``xs[i:j]`` as an anchor, sometimes with the space before or after them; and its start."""
    words = " ".join(xs[i:j])
    start = offset(xs, i)
    if i > 0 and data.draw(st.booleans()):
        words, start = " " + words, start - 1
    if j < len(xs) and data.draw(st.booleans()):
        words += " "
    return words, start


# --- properties ------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(items, st.data())
def test_delete_leaves_the_other_words_singly_spaced(xs: list[str], data: st.DataObject) -> None:
    i, j = span(xs, data)
    assume(j - i < len(xs))
    old, start = with_spaces(xs, i, j, data)
    text = " ".join(xs)
    result = applied(text, Change("delete", old=old, occurrence=occurrence_at(text, old, start)))
    assert result == " ".join(xs[:i] + xs[j:])
    tidy(result)


@settings(max_examples=60, deadline=None)
@given(items, new_words, st.data())
def test_replace_then_replace_back_gives_the_text_back(xs: list[str], new: list[str], data: st.DataObject) -> None:
    i, j = span(xs, data)
    old, start = with_spaces(xs, i, j, data)
    text = " ".join(xs)
    # the new words, sometimes with spaces of their own around them
    spaced = data.draw(st.sampled_from(["{}", " {}", "{} ", " {} "])).format(" ".join(new))
    changed = applied(text, Change("replace", old=old, new=spaced, occurrence=occurrence_at(text, old, start)))
    assert changed == " ".join(xs[:i] + new + xs[j:])
    tidy(changed)
    back_anchor = " ".join(new)
    back = applied(changed, Change("replace", old=back_anchor, new=" ".join(xs[i:j]),
                                   occurrence=occurrence_at(changed, back_anchor, offset(xs[:i] + new, i))))
    assert back == text


@settings(max_examples=60, deadline=None)
@given(items, new_words, st.data())
def test_insert_then_delete_gives_the_text_back(xs: list[str], new: list[str], data: st.DataObject) -> None:
    text = " ".join(xs)
    i = data.draw(st.integers(0, len(xs) - 1))
    spaced = data.draw(st.sampled_from(["{}", " {}", "{} ", " {} "])).format(" ".join(new))
    if data.draw(st.booleans()):  # after item i
        anchor, at = xs[i], offset(xs, i)
        change = Change("insert", text=spaced, after=anchor, occurrence=occurrence_at(text, anchor, at))
        expected = xs[:i + 1] + new + xs[i + 1:]
        where = i + 1
    else:  # before item i
        anchor, at = xs[i], offset(xs, i)
        change = Change("insert", text=spaced, before=anchor, occurrence=occurrence_at(text, anchor, at))
        expected = xs[:i] + new + xs[i:]
        where = i
    changed = applied(text, change)
    assert changed == " ".join(expected)
    tidy(changed)
    inserted = " ".join(new)
    back = applied(changed, Change("delete", old=inserted,
                                   occurrence=occurrence_at(changed, inserted, offset(expected, where))))
    assert back == text


@settings(max_examples=50, deadline=None)
@given(items, st.data())
def test_delete_then_insert_back_gives_the_text_back(xs: list[str], data: st.DataObject) -> None:
    assume(len(xs) > 1)
    i, j = span(xs, data)
    assume(j - i < len(xs))
    text = " ".join(xs)
    old = " ".join(xs[i:j])
    shorter = applied(text, Change("delete", old=old, occurrence=occurrence_at(text, old, offset(xs, i))))
    rest = xs[:i] + xs[j:]
    if i > 0:
        anchor = rest[i - 1]
        change = Change("insert", text=old, after=anchor, occurrence=occurrence_at(shorter, anchor, offset(rest, i - 1)))
    else:
        anchor = rest[0]
        change = Change("insert", text=old, before=anchor, occurrence=occurrence_at(shorter, anchor, 0))
    assert applied(shorter, change) == text


@settings(max_examples=60, deadline=None)
@given(items, st.data())
def test_bracket_wraps_exactly_the_words(xs: list[str], data: st.DataObject) -> None:
    i, j = span(xs, data)
    old, start = with_spaces(xs, i, j, data)
    text = " ".join(xs)
    result = applied(text, Change("bracket", old=old, occurrence=occurrence_at(text, old, start)))
    assert result == " ".join(xs[:i] + ["[" + " ".join(xs[i:j]) + "]"] + xs[j:])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(("asilo", "de", "refugio", "y")), min_size=2, max_size=10), st.data())
def test_locate_finds_the_occurrence_that_apply_changes(xs: list[str], data: st.DataObject) -> None:
    text = " ".join(xs)
    word = data.draw(st.sampled_from(xs))
    places = [k for k, x in enumerate(xs) if x == word]
    k = data.draw(st.integers(0, len(places) - 1))
    at = offset(xs, places[k])
    occurrence = occurrence_at(text, word, at)
    a = amendment(Change("replace", old=word, new="NUEVO", occurrence=occurrence))
    location = locate(a, None, text)
    assert (location.state, location.start, location.end, location.found) == (EXACT, at, at + len(word), word)
    assert location.occurrence == occurrence
    result = apply_change(text, a, location)
    assert result.split(" ") == [("NUEVO" if n == places[k] else x) for n, x in enumerate(xs)]
    # the same words followed from an unchanged base land on the same occurrence
    assert locate(a, text, text) == location


# --- the edge cases by name ------------------------------------------------------------------------

def test_deleting_words_that_carry_their_own_spaces() -> None:
    assert applied("los sistemas de asilo", Change("delete", old=" de ")) == "los sistemas asilo"
    assert applied("los sistemas de, asilo", Change("delete", old=" de")) == "los sistemas, asilo"
    assert applied("de asilo", Change("delete", old="de ")) == "asilo"
    assert applied("sistemas de", Change("delete", old=" de")) == "sistemas"
    assert applied("(de asilo)", Change("delete", old="de ")) == "(asilo)"
    # two words that were never separated stay joined: nothing is added inside a word
    assert applied("nacionales", Change("delete", old="es", inside_word=True)) == "nacional"


def test_replacing_an_anchor_that_begins_or_ends_with_whitespace() -> None:
    text = "los sistemas de asilo"
    assert applied(text, Change("replace", old=" de ", new="del")) == "los sistemas del asilo"
    assert applied(text, Change("replace", old="de ", new="del")) == "los sistemas del asilo"
    assert applied(text, Change("replace", old=" de", new="del")) == "los sistemas del asilo"
    assert applied(text, Change("replace", old=" de ", new=" del ")) == "los sistemas del asilo"
    assert applied(text, Change("replace", old="los ", new="Los")) == "Los sistemas de asilo"
    assert applied(text, Change("replace", old=" asilo", new="asilo,")) == "los sistemas de asilo,"
    # before closing punctuation a trailing space of the new words goes
    assert applied("de asilo, y", Change("replace", old="asilo", new="refugio ")) == "de refugio, y"
    # after an opening bracket no space is added
    assert applied("[de] asilo", Change("replace", old="de", new=" del")) == "[del] asilo"


def test_insertion_ending_in_a_space_before_a_word() -> None:
    text = "los sistemas nacionales de asilo"
    assert applied(text, Change("insert", text="y regionales ", after="nacionales")) == \
        "los sistemas nacionales y regionales de asilo"
    assert applied(text, Change("insert", text="muy ", before="nacionales")) == "los sistemas muy nacionales de asilo"
    assert applied(text, Change("insert", text="Todos ", at="start")) == "Todos los sistemas nacionales de asilo"
    assert applied("nacionales, y", Change("insert", text="regionales ", after="nacionales")) == \
        "nacionales regionales, y"
    assert applied("los (sistemas)", Change("insert", text="dos ", after="(")) == "los (dos sistemas)"
    assert applied("los sistemas", Change("insert", text="  ", after="los")) == "los sistemas"


def test_insertion_next_to_punctuation() -> None:
    assert applied("asilo; y", Change("insert", text="refugio", after="asilo")) == "asilo refugio; y"
    assert applied("asilo y", Change("insert", text="; sobre todo", after="asilo")) == "asilo; sobre todo y"
    assert applied("los (sistemas)", Change("insert", text=" dos", after="(")) == "los (dos sistemas)"
    assert applied("los (sistemas)", Change("insert", text="nacionales ", before=")")) == \
        "los (sistemas nacionales)"
    assert applied("los [sistemas]", Change("insert", text=" [dos]", after="[")) == "los [[dos] sistemas]"


def test_bracketing_a_span_with_surrounding_whitespace() -> None:
    text = "los sistemas de asilo y el registro"
    assert applied(text, Change("bracket", old="de asilo ")) == "los sistemas [de asilo] y el registro"
    assert applied(text, Change("bracket", old=" de asilo ")) == "los sistemas [de asilo] y el registro"
    assert applied(text, Change("bracket", old="el registro")) == "los sistemas de asilo y [el registro]"
    assert applied("  asilo  ", Change("bracket")) == "  [asilo]  "
