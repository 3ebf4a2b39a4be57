"""The strict reader's refusals word for word and line for line, its limits at their edges, and the
positions it keeps."""

from __future__ import annotations

import pytest

from drafting.errors import WorkspaceError
from drafting.store.yamlio import decode, describe_forbidden, load_file, parse
from drafting.vocab import TEXT_LIMIT_BYTES


def problem(data: bytes | str) -> tuple[int, str]:
    with pytest.raises(WorkspaceError) as info:
        if isinstance(data, str):
            parse(data, "f.yaml")
        else:
            load_file(data, "f.yaml")
    (p,) = info.value.problems()
    assert p.path == "f.yaml"
    return p.line, p.message


@pytest.mark.parametrize("data,expected", [
    (b"a: &x 1\nb: *x\n", (1, "anchors and aliases (&, *) are not allowed")),
    (b"a: !!int 3\n", (1, "tag 'tag:yaml.org,2002:int' is not allowed; write plain values")),
    (b"? [a, b]\n: c\n", (1, "a key must be plain text")),
    (b"a: 1\nb: 2\na: 3\n", (3, "duplicate key 'a' (first at line 1)")),
    ("a: b\n".encode("utf-16-le"), (1, "file is UTF-16; save it as UTF-8")),
    # with a byte-order mark the text need not be ASCII
    (b"\xff\xfe" + "日本語: 語".encode("utf-16-le"), (1, "file is UTF-16; save it as UTF-8")),
    (b"\xfe\xff" + "日本語: 語".encode("utf-16-be"), (1, "file is UTF-16; save it as UTF-8")),
    # without one: a third of the first bytes NUL (at least four bytes) is UTF-16
    (b"ab\x00\x00", (1, "file is UTF-16; save it as UTF-8")),
    (b"abcd\x00\x00", (1, "file is UTF-16; save it as UTF-8")),
    (b"abcdef\x00\x00", (1, "NUL character in file")),
    (b"a\x00", (1, "NUL character in file")),
    (b"a: b\nc: \xff\n", (2, "file is not valid UTF-8")),
    (b"a: b\nc: d\x07\n", (2, "forbidden character U+0007 in file")),
    (b"", (1, "file is empty")),
    (b"---\n", (1, "file is empty")),
    (b"a: 1\n---\nb: 2\n", (3, "more than one YAML document in the file")),
    (b"a:\n\tb: 1\n", (2, "YAML syntax: found character that cannot start any token "
                         "(tabs cannot indent YAML; use spaces)")),
    (b"a: [1, 2\nb: 3\n", (2, "YAML syntax: did not find expected ',' or ']'")),
    # parsed text (no decoding step): the scalar check and YAML's own reader
    ("a: b\u202e\n", (1, "forbidden character U+202E in text")),
    ("a: b\nc: \x07\n", (2, "forbidden character U+0007 in file")),
])
def test_refusals(data: bytes | str, expected: tuple[int, str]) -> None:
    assert problem(data) == expected


def test_nesting_limit() -> None:
    assert load_file(("[" * 51 + "]" * 51).encode(), "f.yaml") is not None
    assert problem(("[" * 52 + "]" * 52).encode()) == (1, "nested too deeply")
    # keys count as a level of their own
    mapping = "".join("  " * i + f"k{i}:\n" for i in range(50)) + "  " * 50 + "x\n"
    assert load_file(mapping.encode(), "f.yaml") is not None
    deeper = "".join("  " * i + f"k{i}:\n" for i in range(51)) + "  " * 51 + "x\n"
    assert problem(deeper.encode()) == (51, "nested too deeply")


def test_size_limit() -> None:
    assert decode(b"x" * TEXT_LIMIT_BYTES, "f.yaml") == "x" * TEXT_LIMIT_BYTES
    assert problem(b"x" * (TEXT_LIMIT_BYTES + 1)) == (
        0, f"file too large ({TEXT_LIMIT_BYTES + 1} bytes; limit {TEXT_LIMIT_BYTES})")


def test_byte_order_mark_and_crlf_are_read() -> None:
    assert load_file(b"\xef\xbb\xbfa: b\r\nc: d\r\n", "f.yaml") == {"a": "b", "c": "d"}


def test_positions_kept() -> None:
    value = parse("a:\n  b: x\n  c:\n    - 1\n    - 2\n", "f.yaml")
    span = value.spans["a"]
    assert (span.line, span.start, span.end, span.column) == (2, 5, 31, 2)
    inner = value["a"]
    assert inner.line == 2 and inner.key_lines == {"b": 2, "c": 3}
    seq = inner["c"]
    assert seq.line == 4 and [(s.line, s.start, s.end, s.column) for s in seq.spans] == [(4, 21, 22, 6),
                                                                                         (5, 29, 30, 6)]
    assert [seq.line_of(i) for i in (0, 1, 2, -1)] == [4, 5, 4, 4]
    assert value.line_of("a") == 1 and value.line_of("zz") == value.line


def test_describe_forbidden() -> None:
    assert describe_forbidden("ok\u202e") == "U+202E"
    assert describe_forbidden("ok") == "?"


def test_more_edges() -> None:
    # the first of two forbidden characters is the one named, with its line
    assert problem("a: \x07\nb: \x07\n") == (1, "forbidden character U+0007 in file")
    assert problem(b"a: b\x00\nc: d\ne: f\x00\n" + b"x" * 300) == (1, "NUL character in file")
    # the UTF-16 guess looks at the first 200 bytes only
    assert problem(b"ab\x00" * 66 + b"cd" + b"\x00") == (1, "NUL character in file")
    # a lone scalar is a document (the loader then says what it expected), not an empty file
    assert parse("hello\n", "f.yaml") == "hello"
    # a flow sequence over several lines: each item has its own line
    seq = parse("a: [\n  x,\n  y]\n", "f.yaml")["a"]
    assert seq.line == 1 and [seq.line_of(i) for i in (0, 1)] == [2, 3]
