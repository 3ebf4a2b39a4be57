"""The text helpers behind anchors and diffs: the comparison key and where each key character came from,
words, contexts and bracket messages, exactly."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.ops.text import (
    bracket_problems,
    context,
    fold,
    is_plain,
    is_space_token,
    is_word_char,
    key,
    shorten,
    tokenize,
    words,
)

TRICKY = "ab '’\u00a0\u202f\t\n\u00ad\u200b\u2060\ufeff“”«»"


def test_fold_spans_cover_whitespace_runs_and_invisible_characters() -> None:
    folded = fold("a \u00a0\u00adb’c")
    assert folded.key == "a b'c"
    assert folded.starts == (0, 1, 4, 5, 6) and folded.ends == (1, 4, 5, 6, 7)
    assert folded.span(1, 2) == (1, 4) and folded.span(0, 5) == (0, 7)
    assert fold("\u00ad a").key == " a" and fold("\u00ad a").starts == (1, 2)
    assert fold("").key == "" and fold("").starts == ()


@settings(max_examples=100, deadline=None)
@given(st.text(TRICKY, max_size=20), st.data())
def test_key_index_is_the_first_key_character_at_or_after_a_position(text: str, data: st.DataObject) -> None:
    folded = fold(text)
    pos = data.draw(st.integers(-1, len(text) + 1))
    expected = bisect.bisect_left(folded.starts, pos)
    assert folded.key_index(pos) == expected
    assert all(folded.starts[k] >= pos for k in range(expected, len(folded.starts)))
    assert all(folded.starts[k] < pos for k in range(expected))


@settings(max_examples=100, deadline=None)
@given(st.text(TRICKY, max_size=20))
def test_key_and_plain(text: str) -> None:
    folded = fold(text)
    assert key(text) == folded.key
    assert is_plain(text) == (folded.key == text)
    assert "  " not in folded.key
    # every key character comes from a span of the text, in order, without overlap
    for k in range(len(folded.key)):
        assert 0 <= folded.starts[k] < folded.ends[k] <= len(text)
        if k:
            assert folded.ends[k - 1] <= folded.starts[k]


def test_is_plain_edges() -> None:
    import sys
    # every space but " " is in the class is_plain searches, and none is above U+3000
    assert not any(chr(c).isspace() for c in range(0x3001, sys.maxunicode + 1))
    assert all(not is_plain(f"a{chr(c)}b") for c in range(0x3001) if chr(c).isspace() and c != 32)
    assert is_plain("l'asile a b") and not is_plain("a  b") and not is_plain("a\tb") and not is_plain("l’asile")
    assert not is_plain("a\u00adb") and is_plain("") and not is_plain("«a»\u00a0")


def test_word_characters() -> None:
    assert all(is_word_char(c) for c in "aZ9_ñ\u0301\u00ad\u200b")
    assert not any(is_word_char(c) for c in " ,.-'’«[")


def test_tokens() -> None:
    assert tokenize("d'asile socio-económico, \u00adx\u200b  y") == [
        "d'asile", " ", "socio-económico", ",", " ", "\u00adx\u200b", "  ", "y"]
    assert tokenize("\u00ad\u00ad") == ["\u00ad\u00ad"]
    assert tokenize("a \u00ad") == ["a", " \u00ad"]  # an invisible character joins the token before it
    assert tokenize("") == []
    assert words("uno, dos  tres") == ["uno", ",", "dos", "tres"]
    assert is_space_token(" \u00a0\u00ad") and not is_space_token(" a")


def test_context_marks_the_span_and_cuts_with_an_ellipsis() -> None:
    text = "uno dos tres cuatro cinco seis siete"
    assert context(text, 13, 19) == "uno dos tres «cuatro» cinco seis siete"
    assert context(text, 13, 19, 1) == "… tres «cuatro» cinco …"
    assert context(text, 13, 19, 2, mark=False) == "… dos tres cuatro cinco seis …"
    assert context("uno dos", 0, 3) == "«uno» dos"
    assert context("uno dos", 4, 7) == "uno «dos»"
    assert context("uno", 0, 3, 0) == "«uno»"
    assert context("a b c d e", 4, 5, 0) == "… «c» …"


def test_shorten() -> None:
    assert shorten("abc", 3) == "abc"
    assert shorten("palabra " * 30, 40) == "palabra palabra palabra palabra palabra…"
    assert shorten("x" * 50, 40) == "x" * 40 + "…"
    assert shorten("a " + "x" * 50, 40) == "a " + "x" * 38 + "…"  # no cut that early: the limit instead
    assert len(shorten("palabra " * 100)) <= 161


def test_bracket_messages() -> None:
    assert bracket_problems("a [b [c] d] e") == []
    assert bracket_problems("a [b c] d] e [f g h i j") == [
        "closing bracket ']' at character 10 has no opening '[' (… c] d] e [f …)",
        "opening bracket '[' at character 14 is never closed (… d] e [f g h …)",
    ]
    assert bracket_problems("]") == ["closing bracket ']' at character 1 has no opening '[' (])"]
    assert bracket_problems("[[x]") == ["opening bracket '[' at character 1 is never closed ([[x])"]


def test_shorten_limits() -> None:
    # the default limit is 160 characters
    assert shorten("x" * 160) == "x" * 160
    assert shorten("x" * 161) == "x" * 160 + "…"
    # a cut at a space is taken only past half the limit
    assert shorten("x" * 20 + " " + "y" * 30, 40) == "x" * 20 + " " + "y" * 19 + "…"
    assert shorten("x" * 21 + " " + "y" * 30, 40) == "x" * 21 + "…"
    assert shorten("x" * 15 + " " + "y" * 30, 40) == "x" * 15 + " " + "y" * 24 + "…"


def test_bracket_context_counts_words_after_the_bracket_itself() -> None:
    assert bracket_problems("a ],b c d e") == ["closing bracket ']' at character 3 has no opening '[' (a ],b c …)"]
    assert bracket_problems("a [,b c d e") == ["opening bracket '[' at character 3 is never closed (a [,b c …)"]
