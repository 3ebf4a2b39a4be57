"""Who changed which words: every piece of the word diff base -> final credited to the step that made
it, never to nobody (the fallback) when the steps explain the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.ops.blame import DELETE, EQUAL, INSERT, Piece, Who, aligned, blame
from drafting.ops.text import key, tokenize

BRA = Who("zero-BRA-001", ("BRA",), None, "2024-09-25", "accepted")
ARG = Who("zero-ARG-001", ("ARG", "URY"), "MERCOSUR", "2024-09-26", "modified")
SECRETARIAT = Who(None, date="2024-09-27")


def pieces(base: str, *steps: tuple[Who, str]) -> list[tuple[int, str, str | None]]:
    return [(p.op, p.text, p.who.amendment if p.who else "-") for p in blame(base, list(steps), SECRETARIAT)]


def test_one_step() -> None:
    assert blame("uno dos tres", [(BRA, "uno cuatro dos tres")], SECRETARIAT) == [
        Piece(EQUAL, "uno"), Piece(INSERT, " cuatro", BRA), Piece(EQUAL, " dos tres")]
    assert blame("uno dos", [(BRA, "uno dos")], SECRETARIAT) == [Piece(EQUAL, "uno dos")]
    assert blame("uno dos", [], SECRETARIAT) == [Piece(EQUAL, "uno dos")]
    assert blame("uno dos", [(BRA, "")], SECRETARIAT) == [Piece(DELETE, "uno dos", BRA)]
    assert blame("", [(BRA, "Nuevo texto.")], SECRETARIAT) == [Piece(INSERT, "Nuevo texto.", BRA)]


def test_two_steps_each_keep_their_words() -> None:
    # the final diff alone would pair "dos" with a deletion and an insertion nobody made
    assert pieces("uno dos tres", (BRA, "uno cuatro dos tres"), (ARG, "uno cuatro dos")) == [
        (EQUAL, "uno", "-"), (INSERT, " cuatro", "zero-BRA-001"), (EQUAL, " dos", "-"),
        (DELETE, " tres", "zero-ARG-001")]
    # two insertions side by side stay two pieces with their own authors
    assert pieces("uno dos", (BRA, "uno x dos"), (ARG, "uno x y dos")) == [
        (EQUAL, "uno", "-"), (INSERT, " x ", "zero-BRA-001"), (INSERT, "y", "zero-ARG-001"), (EQUAL, " dos", "-")]
    # a word deleted by one step and put back by the next: no change at all
    assert pieces("uno dos tres", (BRA, "uno tres"), (ARG, "uno dos tres")) == [(EQUAL, "uno dos tres", "-")]
    # a step that changes nothing is skipped; a word inserted and deleted again leaves nothing
    assert pieces("uno dos", (BRA, "uno dos"), (ARG, "uno y dos"), (BRA, "uno dos")) == [(EQUAL, "uno dos", "-")]


def test_a_word_replaced_twice() -> None:
    # the first step deleted the base's word; the word that stands is the last step's
    assert pieces("el asilo", (BRA, "el refugio"), (ARG, "el amparo")) == [
        (EQUAL, "el ", "-"), (DELETE, "asilo", "zero-BRA-001"), (INSERT, "amparo", "zero-ARG-001")]


def test_deletions_of_two_steps_are_cut_where_the_author_changes() -> None:
    assert pieces("a b c d e", (BRA, "a c d e"), (ARG, "a e")) == [
        (EQUAL, "a", "-"), (DELETE, " b ", "zero-BRA-001"), (DELETE, "c d", "zero-ARG-001"), (EQUAL, " e", "-")]


def test_whole_pieces_carry_the_who() -> None:
    out = blame("uno", [(ARG, "uno dos")], SECRETARIAT)
    assert out == [Piece(EQUAL, "uno"), Piece(INSERT, " dos", ARG)]
    assert out[1].who == Who("zero-ARG-001", ("ARG", "URY"), "MERCOSUR", "2024-09-26", "modified")
    assert out[0].who is None


def test_aligned_token_diff() -> None:
    assert aligned(tokenize("a b"), tokenize("a c")) == [(EQUAL, 0, 2, 0, 2), (DELETE, 2, 3, 2, 2),
                                                         (INSERT, 3, 3, 2, 3)]
    assert aligned(tokenize("x a b"), tokenize("a b y")) == [(DELETE, 0, 2, 0, 0), (EQUAL, 2, 5, 0, 3),
                                                             (INSERT, 5, 5, 3, 5)]
    # invisible differences and kinds of space are no change
    assert aligned(tokenize("a\u00a0l’asile"), tokenize("a l'asile")) == [(EQUAL, 0, 3, 0, 3)]
    assert aligned([], []) == []
    assert aligned(["a"], []) == [(DELETE, 0, 1, 0, 0)]


WORDS = ("uno", "dos", "tres", "cuatro", "cinco", "de", "la")
AUTHORS = (BRA, ARG, Who("zero-CHL-001", ("CHL",)))


@st.composite
def histories(draw: st.DrawFn) -> tuple[str, list[tuple[Who, str]]]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8))
    base = " ".join(words)
    steps = []
    for _ in range(draw(st.integers(1, 4))):
        words = list(words)
        for _ in range(draw(st.integers(1, 3))):
            how = draw(st.sampled_from(["insert", "delete", "replace"]))
            if how == "insert" or not words:
                words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(WORDS)))
            elif how == "delete":
                del words[draw(st.integers(0, len(words) - 1))]
            else:
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
        steps.append((draw(st.sampled_from(AUTHORS)), " ".join(words)))
    return base, steps


@settings(max_examples=100, deadline=None)
@given(histories())
def test_every_change_is_credited_to_a_step_that_made_it(history: tuple[str, list[tuple[Who, str]]]) -> None:
    base, steps = history
    out = blame(base, steps, SECRETARIAT)
    final = steps[-1][1]
    # equal and inserted pieces give the final text, equal and deleted ones the base
    assert "".join(p.text for p in out if p.op != DELETE) == final
    assert key("".join(p.text for p in out if p.op != INSERT)) == key(base)
    authors = {who for who, _ in steps}
    for p in out:
        if p.op == EQUAL:
            assert p.who is None
            continue
        assert p.op in (INSERT, DELETE) and p.who is not None
        if p.text.strip():
            # never the secretariat (fallback): the steps explain every word
            assert p.who in authors, (p, base, steps)
    # pieces of one kind and author next to each other are merged
    for a, b in zip(out, out[1:]):
        assert (a.op, a.who) != (b.op, b.who)
    # an inserted word is credited to a step whose text has it at that point
    for p in out:
        if p.op == INSERT and p.text.strip():
            assert any(word in text.split() for word in p.text.split() for who, text in steps if who == p.who)


def test_a_word_deleted_and_put_back_stays_equal_next_to_a_real_deletion() -> None:
    chl = Who("zero-CHL-001", ("CHL",))
    assert pieces("a b c", (BRA, "a c"), (ARG, "a b c"), (chl, "a b")) == [
        (EQUAL, "a b", "-"), (DELETE, " c", "zero-CHL-001")]
