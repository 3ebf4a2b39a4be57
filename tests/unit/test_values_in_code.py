"""Values built in code go through the strict reader's checks (``yamlio.from_plain``); brackets counted
and checked on plain text (``validate.count_brackets``, ``bracket_problem``)."""

from __future__ import annotations

import pytest

from drafting.errors import Problem, WorkspaceError
from drafting.ops.validate import bracket_problem, count_brackets
from drafting.store.yamlio import YMap, YSeq, from_plain


def refuse(text: str) -> str:
    raise WorkspaceError([Problem("args", 0, f"forbidden: {text!r}")])


def test_from_plain_builds_what_the_reader_gives() -> None:
    value = from_plain({"id": "x", "n": 3, "skip": None, "list": ["a", ("b", 2)], "nested": {"k": "v"}},
                       refuse)
    assert isinstance(value, YMap) and dict(value) == {"id": "x", "n": "3", "list": ["a", ["b", "2"]],
                                                       "nested": {"k": "v"}}
    assert "skip" not in value and list(value) == ["id", "n", "list", "nested"]
    assert value.line == 0 and value.key_lines == {"id": 0, "n": 0, "list": 0, "nested": 0}
    assert set(value.spans) == {"id", "n", "list", "nested"}
    assert all((s.line, s.start, s.end, s.column) == (0, 0, 0, 0) for s in value.spans.values())
    assert value.line_of("id") == 0 and value.line_of("missing") == 0
    seq = value["list"]
    assert isinstance(seq, YSeq) and seq.line == 0 and len(seq.spans) == 2
    assert isinstance(seq[1], YSeq) and seq[1] == ["b", "2"] and len(seq[1].spans) == 2
    # no position in a file: every span is zero
    assert all((s.line, s.start, s.end, s.column) == (0, 0, 0, 0) for s in [*seq.spans, *seq[1].spans])
    assert seq.line_of(0) == 0 and seq.line_of(5) == 0
    assert isinstance(value["nested"], YMap) and value["nested"].key_lines == {"k": 0}
    # keys become text too
    assert dict(from_plain({1: "uno"}, refuse)) == {"1": "uno"}


def test_from_plain_normalises_and_refuses_forbidden_characters() -> None:
    assert from_plain("Proteccio\u0301n", refuse) == "Protección"
    assert from_plain(["ok", "bad\u202e"], lambda text: "<replaced>") == ["ok", "<replaced>"]
    seen: list[str] = []
    from_plain({"a": "x\x00y"}, lambda text: seen.append(text) or "")
    assert seen == ["x\x00y"]
    with pytest.raises(WorkspaceError, match="forbidden: 'a\\\\x07b'"):
        from_plain({"k": ["a\x07b"]}, refuse)
    assert from_plain([], refuse) == [] and isinstance(from_plain((), refuse), YSeq)
    assert from_plain({}, refuse) == {} and isinstance(from_plain({}, refuse), YMap)


def test_count_brackets_counts_outermost_pairs() -> None:
    assert count_brackets("") == 0
    assert count_brackets("sin corchetes") == 0
    assert count_brackets("[uno] y [dos]") == 2
    assert count_brackets("[uno [anidado] y] [dos]") == 2
    assert count_brackets("[[[x]]]") == 1
    # a stray closing bracket is not a span and does not hide the next one
    assert count_brackets("] [a]") == 1
    assert count_brackets("a] [b] c]") == 1
    # an unclosed bracket opens a span all the same
    assert count_brackets("[a [b") == 1


def test_bracket_problem_says_which() -> None:
    assert bracket_problem("[a [b] c]") is None
    assert bracket_problem("a] b") == "a ']' at character 2 closes no '['"
    assert bracket_problem("[a] b] [c") == "a ']' at character 6 closes no '['"
    assert bracket_problem("[a [b") == "2 '[' never closed"
    assert bracket_problem("[a") == "1 '[' never closed"


def test_count_brackets_nested_twice_in_one_span() -> None:
    assert count_brackets("[a [b] c [d]]") == 1
    assert count_brackets("[a [b [c] d] e] [f]") == 2
