"""The strict YAML reader: every bad input of RELIABILITY.md "Bad inputs" item 1 gives a WorkspaceError
naming the file and a line; nothing is typed implicitly; text is NFC; forbidden characters refused."""

from __future__ import annotations

import unicodedata

import pytest

from drafting.errors import Problem, WorkspaceError
from drafting.store.load import load_workspace
from drafting.store.source import MemorySource
from drafting.store.yamlio import YMap, YSeq, clean_text, load_file, parse

PATH = "amendments/zero/zero-BRA-001.yaml"


def refused(data: bytes, path: str = PATH) -> Problem:
    """The single problem the reader reports for ``data``."""
    with pytest.raises(WorkspaceError) as info:
        load_file(data, path)
    problems = info.value.problems()
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.path == path
    assert str(p).startswith(f"{path}:{p.line}: error: ")
    return p


# ------------------------------------------------------------------------------ bad inputs, item 1

def test_syntax_error_names_the_line() -> None:
    p = refused(b"id: zero-BRA-001\nby: BRA\ncosponsors: [ARG, URY\nrationale: x\n")
    assert p.line in (3, 4)  # the unclosed flow list opens on 3; libyaml notices on 4
    assert "YAML syntax" in p.message


def test_tab_indentation_is_explained() -> None:
    p = refused(b"id: x\nchange:\n\treplace:\n    old: a\n")
    assert p.line == 3
    assert "tab" in p.message.lower()


def test_duplicate_key_names_both_lines() -> None:
    p = refused(b"id: zero-BRA-001\nby: ARG\ntarget: op\nby: BRA\n")
    assert p.line == 4
    assert "'by'" in p.message and "line 2" in p.message


def test_duplicate_key_in_nested_mapping() -> None:
    p = refused(b"id: x\nchange:\n  replace:\n    old: a\n    new: b\n    old: c\n")
    assert p.line == 6
    assert "'old'" in p.message and "line 4" in p.message


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, (name, prev) in enumerate(zip("bcdefghi", "abcdefgh")):
        bomb += f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n".encode()
    assert len(bomb) < 1000
    p = refused(bomb)
    assert p.line >= 1
    assert "alias" in p.message


def test_plain_alias_is_refused() -> None:
    p = refused(b"by: BRA\ncosponsors: &c [ARG]\nsupporters: *c\n")
    assert p.line in (2, 3)  # the anchor's line or the alias's
    assert "alias" in p.message


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/object/apply:os.system",
                                 "!!python/name:os.system", "!!binary", "!!int", "!!set", "!local"])
def test_tags_are_refused(tag: str) -> None:
    p = refused(f"id: x\nby: BRA\nrationale: {tag} aGVsbG8=\n".encode())
    assert p.line == 3
    assert "tag" in p.message


def test_python_object_payload_never_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    payload = f"x: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    refused(payload)
    assert not marker.exists()


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n", b"---\n", b"   "])
def test_empty_file(data: bytes) -> None:
    p = refused(data)
    assert p.line == 1
    assert "empty" in p.message


def test_top_level_list_is_refused_by_the_loader() -> None:
    # the reader returns the list; the loader says what it expected
    assert load_file(b"- a\n- b\n", "x.yaml") == ["a", "b"]
    files = {"negotiation.yaml": b"- schema: 1\n- title: x\n"}
    with pytest.raises(WorkspaceError) as info:
        load_workspace(MemorySource(files))
    (p,) = info.value.problems()
    assert (p.path, p.line) == ("negotiation.yaml", 1)
    assert "must be a mapping" in p.message


def test_multiple_documents() -> None:
    p = refused(b"id: a\nby: BRA\n---\nid: b\nby: ARG\n")
    assert p.line == 4
    assert "more than one" in p.message


def test_one_document_with_markers_is_fine() -> None:
    assert load_file(b"---\nid: a\n...\n", PATH) == {"id": "a"}


def test_bad_utf8_names_its_line() -> None:
    p = refused(b"id: a\nby: BRA\nrationale: caf\xe9 con leche\n")
    assert p.line == 3
    assert "UTF-8" in p.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(encoding: str) -> None:
    data = "id: zero-BRA-001\nby: BRA\n".encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    p = refused(data)
    assert p.line == 1
    assert "UTF-16" in p.message


def test_utf8_bom_is_accepted() -> None:
    assert load_file(b"\xef\xbb\xbfid: a\n", PATH) == {"id": "a"}


def test_nul_names_its_line() -> None:
    p = refused(b"id: a\nby: BRA\nrationale: x\x00y\n")
    assert p.line == 3
    assert "NUL" in p.message


def test_huge_integer_stays_text_in_the_reader() -> None:
    digits = "9" * 5000
    assert load_file(f"occurrence: {digits}\n".encode(), PATH) == {"occurrence": digits}


def test_huge_integer_as_occurrence_is_a_clear_error() -> None:
    amendment = (f"id: zero-BRA-001\nby: BRA\ntarget: op\nlang: es\nchange:\n  replace:\n"
                 f"    old: a\n    new: b\n    occurrence: {'9' * 5000}\n").encode()
    files = {
        "negotiation.yaml": b"schema: 1\ntitle: {es: T}\nsymbol: S\noriginal_language: es\nlanguages: [es]\n"
                            b"documents: []\nversions:\n  - id: zero\n",
        "amendments/zero/zero-BRA-001.yaml": amendment,
    }
    _, problems = load_workspace(MemorySource(files))
    assert [(p.path, p.line) for p in problems] == [("amendments/zero/zero-BRA-001.yaml", 9)]
    assert "occurrence" in problems[0].message and "whole number" in problems[0].message


@pytest.mark.parametrize("depth", [60, 200, 5000])
def test_deep_flow_nesting(depth: int) -> None:
    p = refused(b"id: a\nx: " + b"[" * depth + b"]" * depth + b"\n")
    assert p.line == 2
    assert "nest" in p.message


def test_deep_block_nesting() -> None:
    data = b"".join(b"  " * i + b"k:\n" for i in range(300)) + b"  " * 300 + b"k: v\n"
    p = refused(data)
    assert p.line > 1
    assert "nested too deeply" in p.message


def test_too_large_file() -> None:
    from drafting.vocab import TEXT_LIMIT_BYTES
    with pytest.raises(WorkspaceError) as info:  # refused before parsing: the whole file, no line
        load_file(b"rationale: " + b"x" * TEXT_LIMIT_BYTES + b"\n", PATH)
    (p,) = info.value.problems()
    assert p.path == PATH and "too large" in p.message


def test_complex_key_is_refused() -> None:
    p = refused(b"id: a\n? [x, y]\n: 1\n")
    assert p.line == 2
    assert "key" in p.message


# ------------------------------------------------------------------------------ implicit typing

@pytest.mark.parametrize("value", ["no", "NO", "on", "off", "yes", "true", "1.10", "012", "1:20", "~", "null",
                                   "0x1F", "1e3", ".inf", "2024-09-12", "0o17", "-0"])
def test_implicit_typing_keeps_strings(value: str) -> None:
    got = load_file(f"id: {value}\nlist: [{value}]\nnested:\n  {value}: {value}\n".encode(), PATH)
    assert got == {"id": value, "list": [value], "nested": {value: value}}
    assert type(got["id"]) is str


def test_empty_value_is_empty_text() -> None:
    assert load_file(b"note:\nx: ''\n", PATH) == {"note": "", "x": ""}


def test_positions_are_kept() -> None:
    text = "id: zero-BRA-001\nchange:\n  replace:\n    old: \"sistemas\"\n    new: x\nlist:\n  - a\n  - b\n"
    m = parse(text, PATH)
    assert isinstance(m, YMap)
    assert m.line_of("change") == 2
    old = m["change"]["replace"]
    assert old.line_of("old") == 4 and old.line_of("new") == 5
    span = old.spans["old"]
    assert text[span.start:span.end] == '"sistemas"'
    assert isinstance(m["list"], YSeq) and m["list"].line_of(1) == 8


# ------------------------------------------------------------------------------ Unicode

def test_nfd_input_comes_back_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "título: Declaración de Carthagène\nlist: [protección]\n")
    assert nfd != unicodedata.normalize("NFC", nfd)
    got = load_file(nfd.encode(), PATH)
    assert got == {"título": "Declaración de Carthagène", "list": ["protección"]}
    for s in (*got, *got.values(), *got["list"]):
        if isinstance(s, str):
            assert unicodedata.is_normalized("NFC", s)


def test_nfc_never_nfkc() -> None:
    # NFKC would turn the ordinal indicator into "o" and the ligature into "fi"
    assert load_file("x: 1.º ﬁn\n".encode(), PATH) == {"x": "1.º ﬁn"}


@pytest.mark.parametrize("raw, code", [
    (b'x: "a\\x01b"\n', "U+0001"),          # C0 control, escaped
    (b'x: "a\\x1bb"\n', "U+001B"),          # escape
    (b'x: "a\\rb"\n', "U+000D"),            # a carriage return inside a text
    ("x: a\u202eb\n".encode(), "U+202E"),   # right-to-left override, raw
    (b'x: "a\\u202Eb"\n', "U+202E"),        # ... and escaped
    ("x: a\u2066b\n".encode(), "U+2066"),   # bidi isolate
    (b'x: "a\\uFFFEb"\n', "U+FFFE"),        # non-character, escaped
    (b'x: "a\\x85b"\n', "U+0085"),          # C1 control
])
def test_forbidden_characters_in_values(raw: bytes, code: str) -> None:
    p = refused(b"id: a\n" + raw)
    assert p.line == 2
    assert code in p.message


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x7f", "\ufffe", "\uffff"])
def test_forbidden_characters_written_raw_name_file_and_line(char: str) -> None:
    p = refused(f"id: a\nby: BRA\nrationale: a{char}b\n".encode())
    assert p.line == 3
    assert f"U+{ord(char):04X}" in p.message


def test_forbidden_character_in_a_key() -> None:
    p = refused("id: a\nb\u202ey: 1\n".encode())
    assert p.line == 2


def test_forbidden_character_in_a_comment() -> None:
    p = refused("id: a\n# a comment \u202e hidden\nby: BRA\n".encode())
    assert p.line == 2


def test_tab_and_newline_are_allowed() -> None:
    assert load_file(b'x: "a\\tb"\ny: |\n  one\n  two\n', PATH) == {"x": "a\tb", "y": "one\ntwo\n"}


def test_crlf_line_endings_are_fine() -> None:
    assert load_file(b"id: a\r\nby: BRA\r\n", PATH) == {"id": "a", "by": "BRA"}


def test_clean_text() -> None:
    assert clean_text(unicodedata.normalize("NFD", "acción")) == "acción"
    assert clean_text("a\u202eb") is None
    assert clean_text("a\x00b") is None
    assert clean_text("a\u00a0b\u202fc") == "a\u00a0b\u202fc"  # NBSP and narrow NBSP are text
