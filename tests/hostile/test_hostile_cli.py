"""Every bad input of RELIABILITY.md (groups 1, 2, 3, 4 and 6; the Word files of group 5 are in
test_hostile_docx.py), through the command line as a user meets it: exit status 1 (2 for bad usage or
environment), a message naming the file and line (or the argument), no traceback, and nothing
written -- HEAD, refs, working tree, .git and the current folder exactly as before.

Bad files are committed with plain git before the command runs (someone edited the workspace by
hand), so that a clean tree does not hide them and "nothing written" is exact."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import git
from hostile_support import (
    AMENDMENT,
    NEGOTIATION,
    PREAMBLE,
    SECTION,
    assert_refused,
    assert_unchanged,
    at,
    build_template,
    copy_workspace,
    drafting,
    drafting_many,
    plant,
    snapshot,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("hostile-cli") / "ws")


@pytest.fixture
def ws(template: Path, tmp_path: Path) -> Path:
    return copy_workspace(template, tmp_path / "ws")


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    """An empty current folder: anything a command writes by mistake (--output=x, ../../x) shows up."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    return folder


def no_strays(ws: Path, cwd: Path) -> None:
    assert list(cwd.iterdir()) == [], f"stray files in the current folder: {list(cwd.iterdir())}"
    outside = sorted(p.name for p in ws.parent.iterdir() if p.name not in ("ws", "cwd"))
    assert outside == [], f"stray files beside the workspace: {outside}"
    strays = [p for p in ws.rglob("*") if p.name in ("x", "--output=x", "pwned") or "[core]" in p.name]
    assert strays == [], strays


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# ============================================================================ 1. YAML

HUGE = "9" * 5000
DEEP = "[" * 5000 + "]" * 5000
BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n")

# Each case: the file's text -> (the bad bytes, the lines the error may be reported at, what it says).
YamlCase = Callable[[str, str], tuple[bytes, tuple[int, ...], str]]


def _end(text: str) -> int:
    return text.count("\n") + 1


def _replace(text: str, old: str, new: str) -> tuple[str, int]:
    assert old in text, old
    return text.replace(old, new, 1), line_of(text, old)


def y_syntax(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    bad, n = _replace(text, "lang: es", "lang: [es") if kind == "amendment" else \
        _replace(text, "numbering: arabic", "numbering: [arabic")
    return bad.encode(), (n, n + 1), r"YAML syntax"


def y_tab(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    bad, n = _replace(text, "    old: sistemas", "\told: sistemas") if kind == "amendment" else \
        _replace(text, "      es: Fortalecer", "\tes: Fortalecer")
    return bad.encode(), (n,), r"tab"


def y_duplicate_key(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    if kind == "amendment":
        return (text + "by: ARG\n").encode(), (_end(text),), r"duplicate key 'by' \(first at line 2\)"
    bad, n = _replace(text, "  - id: op-borders\n", "  - id: op-borders\n    id: op-frontiers\n")
    return bad.encode(), (n + 1,), rf"duplicate key 'id' \(first at line {n}\)"


def y_alias_bomb(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    first = _end(text)
    return (text + BOMB).encode(), tuple(range(first, first + 5)), r"anchors and aliases"


def y_python_tag(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    bad = text + 'pwned: !!python/object/apply:os.system ["touch pwned"]\n'
    return bad.encode(), (_end(text),), r"tag .*python/object.* is not allowed"


def y_empty(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    return b"", (1,), r"empty"


def y_top_level_list(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    bad = "".join(f"- {line}\n" for line in text.splitlines() if line and not line.startswith(" "))
    return bad.encode(), (1,), r"must be a mapping"


def y_two_documents(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    n = _end(text)
    return (text + "---\nid: second\n").encode(), (n, n + 1), r"more than one YAML document"


def y_bad_utf8(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    word = "regionales" if kind == "amendment" else "Fortalecer"
    return text.encode().replace(word.encode(), b"regi\xff\xfeonales", 1), (line_of(text, word),), r"UTF-8"


def y_utf16(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    return text.encode("utf-16"), (1,), r"UTF-16"


def y_nul(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    word = "channel" if kind == "amendment" else "Garantizar"
    return text.encode().replace(word.encode(), word[:3].encode() + b"\x00" + word[3:].encode(), 1), \
        (line_of(text, word),), r"NUL|U\+0000"


def y_huge_integer(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    if kind == "amendment":
        bad, n = _replace(text, "    new: ", f"    occurrence: {HUGE}\n    new: ")
        return bad.encode(), (n,), r"'occurrence' must be a whole number"
    bad, n = _replace(text, "numbering: arabic", f"numbering: {HUGE}")
    return bad.encode(), (n,), r"'numbering' is"


def y_deep_nesting(text: str, kind: str) -> tuple[bytes, tuple[int, ...], str]:
    key = "rationale" if kind == "amendment" else "title"
    if kind == "section":
        text, _ = _replace(text, "title: {es: Parte dispositiva, en: Operative part}\n", "")
    return (text + f"{key}: {DEEP}\n").encode(), (_end(text),), r"nest|deep"


YAML_CASES: dict[str, YamlCase] = {
    "syntax-error": y_syntax, "tab-indentation": y_tab, "duplicate-key": y_duplicate_key,
    "alias-bomb": y_alias_bomb, "python-object-tag": y_python_tag, "empty-file": y_empty,
    "top-level-list": y_top_level_list, "multiple-documents": y_two_documents, "bad-utf8": y_bad_utf8,
    "utf16": y_utf16, "nul": y_nul, "huge-integer": y_huge_integer, "deep-nesting": y_deep_nesting,
}


@pytest.mark.parametrize("kind", ["amendment", "section"])
@pytest.mark.parametrize("case", list(YAML_CASES))
def test_bad_yaml(ws: Path, cwd: Path, case: str, kind: str) -> None:
    path = AMENDMENT if kind == "amendment" else SECTION
    data, lines, says = YAML_CASES[case]((ws / path).read_text(encoding="utf-8"), kind)
    plant(ws, {path: data})
    before = snapshot(ws)
    for proc in drafting_many(ws, [["validate"], ["decide", "zero-BRA-001", "accept"]], cwd=cwd):
        assert_refused(proc, 1, at(path, *lines), says)
        assert len(proc.stderr) < 5000, "the message repeats the whole bad value"
    assert_unchanged(ws, before)
    no_strays(ws, cwd)


def test_file_too_large(ws: Path, cwd: Path) -> None:
    text = (ws / AMENDMENT).read_text(encoding="utf-8")
    plant(ws, {AMENDMENT: text + "rationale: " + "x" * 2_100_000 + "\n"})
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "reject", cwd=cwd), 1, rf"{AMENDMENT}.*too large")
    assert_unchanged(ws, before)


def test_long_bad_value_is_shortened_in_the_message(ws: Path, cwd: Path) -> None:
    text = (ws / AMENDMENT).read_text(encoding="utf-8")
    plant(ws, {AMENDMENT: text.replace("status: submitted", "status: " + "z" * 100_000)})
    proc = drafting(ws, "validate", cwd=cwd)
    assert_refused(proc, 1, at(AMENDMENT, 11), r"'status' is 'zzz")
    assert len(proc.stderr) < 1000


def test_yaml_escapes_cannot_smuggle_forbidden_characters(ws: Path, cwd: Path) -> None:
    text = (ws / AMENDMENT).read_text(encoding="utf-8")
    for escaped in ("\\u202E", "\\x00", "\\uDCFF", "\\uFFFE", "\\e"):
        plant(ws, {AMENDMENT: text.replace("new: sistemas nacionales y regionales",
                                           f'new: "sistemas {escaped} nacionales"')})
        before = snapshot(ws)
        assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, at(AMENDMENT, 8))
        assert_unchanged(ws, before)


# ============================================================================ 2. schema

def amendment_text(ws: Path, **changes: str) -> str:
    text = (ws / AMENDMENT).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_unknown_clause(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: (ws / AMENDMENT).read_text().replace("target: op-asylum", "target: op-nowhere")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(AMENDMENT, 3), r"unknown clause 'op-nowhere'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept"), 1, at(AMENDMENT), r"op-nowhere")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile"), 1, at(AMENDMENT, 3))
    for proc in drafting_many(ws, [["mark", "op-nowhere", "agreed"], ["translate", "op-nowhere", "en", "x"],
                                   ["propose", "op-borders", "--by", "ARG", "--move-after", "op-nowhere"],
                                   ["diff", "--clause", "op-nowhere"]], cwd=cwd):
        assert proc.returncode in (1, 2)
        assert_refused(proc, proc.returncode, r"op-nowhere")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accommodate", "--clause", "op-nowhere"), 2,
                   r"--clause .*'op-nowhere'")
    assert_unchanged(ws, before)
    no_strays(ws, cwd)


def test_unknown_delegation_in_a_file(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: (ws / AMENDMENT).read_text().replace("by: BRA", "by: BRA\ncosponsors: [XYZ]")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(AMENDMENT, 3), r"unknown delegation 'XYZ'")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile"), 1, at(AMENDMENT, 3))
    assert_unchanged(ws, before)


def test_accepting_an_amendment_by_an_unknown_delegation_is_refused(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: (ws / AMENDMENT).read_text().replace("by: BRA", "by: XYZ")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, at(AMENDMENT, 2), r"XYZ")
    assert_unchanged(ws, before)


@pytest.mark.parametrize("by", ["XYZ", "АRG", "arg", "ARG;BRA", "../../x", "--output=x", "x\n[core]"])
def test_unknown_delegation_as_argument(ws: Path, cwd: Path, by: str) -> None:
    before = snapshot(ws)
    proc = drafting(ws, "propose", "op-asylum", f"--by={by}", "--delete", "asilo", cwd=cwd)
    assert_refused(proc, 2, r"--by|delegation")
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", f"--cosponsors={by}", "--delete", "asilo", cwd=cwd)
    assert proc.returncode in (1, 2)
    assert_refused(proc, proc.returncode, r"cosponsors|delegation|--by")
    assert_unchanged(ws, before)
    no_strays(ws, cwd)


def test_unknown_version(ws: Path, cwd: Path) -> None:
    before = snapshot(ws)
    commands = [["propose", "op-asylum", "--by", "ARG", "--delete", "asilo", "--version", "rev9"],
                ["diff", "rev9"], ["diff", "zero", "rev9"], ["compile", "--at", "rev9"], ["concordance", "rev9"],
                ["compile", "--kind", "changes", "--since", "rev9"]]
    for proc in drafting_many(ws, commands, cwd=cwd):
        assert_refused(proc, 2, r"rev9")
    assert_unchanged(ws, before)
    no_strays(ws, cwd)
    # amendments written against a version the negotiation does not know
    plant(ws, {"amendments/rev9/rev9-BRA-001.yaml": amendment_text(ws, **{"id: zero-BRA-001": "id: rev9-BRA-001"})})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, r"(?m)^amendments/rev9\S*: error: .*unknown version 'rev9'")
    assert_refused(drafting(ws, "decide", "rev9-BRA-001", "reject"), 1, r"unknown version 'rev9'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept"), 1, r"unknown version 'rev9'")
    assert_unchanged(ws, before)


def test_unknown_amendment(ws: Path, cwd: Path) -> None:
    merged = amendment_text(ws, **{"id: zero-BRA-001": "id: zero-ARG-001", "by: BRA": "by: ARG",
                                   "status: submitted": "status: merged\ndecision:\n  date: 2024-09-20\n"
                                                        "  into: zero-XXX-009"})
    plant(ws, {"amendments/zero/zero-ARG-001.yaml": merged})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at("amendments/zero/zero-ARG-001.yaml", 14),
                   r"merged into unknown amendment 'zero-XXX-009'")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile"), 1, at("amendments/zero/zero-ARG-001.yaml", 14))
    assert_refused(drafting(ws, "decide", "zero-XXX-009", "accept", cwd=cwd), 1, r"unknown amendment 'zero-XXX-009'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "merge", "--into", "zero-XXX-009", cwd=cwd), 2,
                   r"--into .*'zero-XXX-009'")
    assert_unchanged(ws, before)


def test_duplicate_clause_ids_across_files(ws: Path, cwd: Path) -> None:
    preamble = (ws / PREAMBLE).read_text() + "  - id: op-asylum\n    text: {es: Repetido., en: Repeated.}\n"
    plant(ws, {PREAMBLE: preamble})
    before = snapshot(ws)
    proc = drafting(ws, "validate")
    assert_refused(proc, 1, r"duplicate clause id 'op-asylum'", re.escape(PREAMBLE), re.escape(SECTION))
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile", cwd=cwd), 1, r"duplicate clause id 'op-asylum'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, at(AMENDMENT))
    assert_unchanged(ws, before)


def test_duplicate_amendment_ids_across_folders(ws: Path, cwd: Path) -> None:
    negotiation = (ws / NEGOTIATION).read_text().replace(
        "    date: 2024-08-30\n", "    date: 2024-08-30\n  - id: rev0\n    label: {en: Rev.0}\n")
    plant(ws, {NEGOTIATION: negotiation, "amendments/rev0/zero-BRA-001.yaml": (ws / AMENDMENT).read_text()})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, r"duplicate amendment id 'zero-BRA-001'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "reject", cwd=cwd), 1, r"zero-BRA-001")
    assert_unchanged(ws, before)


def test_ids_that_do_not_match_their_file_name(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: amendment_text(ws, **{"id: zero-BRA-001": "id: zero-BRA-002"}),
               SECTION: (ws / SECTION).read_text().replace("id: operative", "id: operativa", 1)})
    before = snapshot(ws)
    for args in (["validate"], ["decide", "zero-BRA-001", "accept"], ["decide", "zero-BRA-002", "accept"]):
        proc = drafting(ws, *args, cwd=cwd)
        assert_refused(proc, 1, at(AMENDMENT, 1), r"'zero-BRA-002' does not match its file name",
                       at(SECTION, 1), r"'operativa' does not match its file name")
    assert_unchanged(ws, before)


BAD_IDS = ["../../x", "--output=x", "x\n[core]"]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_files(ws: Path, cwd: Path, bad: str) -> None:
    quoted = json.dumps(bad)  # a YAML double-quoted scalar
    cases = {
        "amendment": ({"amendments/zero/zero-BRA-002.yaml": amendment_text(ws, **{"id: zero-BRA-001": f"id: {quoted}"})},
                      at("amendments/zero/zero-BRA-002.yaml", 1)),
        "clause": ({SECTION: (ws / SECTION).read_text().replace("id: op-borders", f"id: {quoted}")},
                   at(SECTION, line_of((ws / SECTION).read_text(), "id: op-borders"))),
        "version": ({NEGOTIATION: (ws / NEGOTIATION).read_text().replace(
            "    date: 2024-08-30\n", f"    date: 2024-08-30\n  - id: {quoted}\n")}, at(NEGOTIATION)),
        "target": ({AMENDMENT: amendment_text(ws, **{"target: op-asylum": f"target: {quoted}"})}, at(AMENDMENT, 3)),
        "by": ({AMENDMENT: amendment_text(ws, **{"by: BRA": f"by: {quoted}"})}, at(AMENDMENT, 2)),
    }
    for what, (files, where) in cases.items():
        case_ws = copy_workspace(ws, ws.parent / f"ws-{what}")
        plant(case_ws, files)
        before = snapshot(case_ws)
        assert_refused(drafting(case_ws, "validate", cwd=cwd), 1, where)
        assert_refused(drafting(case_ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, where)
        assert_unchanged(case_ws, before)
        shutil.rmtree(case_ws)
    no_strays(ws, cwd)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_as_arguments(ws: Path, cwd: Path, bad: str) -> None:
    """As an amendment id, a clause id, a version id, a git ref and a delegation code; ``=`` and ``--``
    make sure the value reaches drafting instead of being refused by the argument parser."""
    before = snapshot(ws)
    commands = [
        ["decide", "--", bad, "accept"],
        ["decide", "zero-BRA-001", "merge", f"--into={bad}"],
        ["decide", "zero-BRA-001", "accommodate", f"--clause={bad}"],
        ["propose", "--by", "ARG", "--delete", "asilo", "--", bad],
        ["propose", "op-asylum", f"--by={bad}", "--delete", "asilo"],
        ["propose", "op-asylum", "--by", "ARG", f"--add={bad}", "--text", "es=Nuevo.", "--text", "en=New."],
        ["propose", "op-asylum", "--by", "ARG", "--delete", "asilo", f"--version={bad}"],
        ["propose", "op-asylum", "--by", "ARG", f"--move-after={bad}"],
        ["propose", "op-asylum", "--by", "ARG", f"--on-behalf-of={bad}", "--delete", "asilo"],
        ["mark", "--", bad, "agreed"],
        ["translate", "--", bad, "en", "text"],
        ["log", "--", bad],
        ["issue", "--no-compile", "--", bad],
        ["diff", "--", bad],
        ["diff", "zero", "--", bad],
        ["diff", f"--clause={bad}"],
        ["compile", f"--at={bad}", "--format", "md"],
        ["compile", f"--document={bad}", "--format", "md"],
        ["concordance", "--", bad],
        ["concordance", "zero", "--", bad],
    ]
    for args, proc in zip(commands, drafting_many(ws, commands, cwd=cwd)):
        assert proc.returncode in (1, 2), (args, proc.stderr)
        assert_refused(proc, proc.returncode, re.escape(repr(bad)[1:-1]) if "\n" in bad else re.escape(bad))
    assert_unchanged(ws, before)
    assert not (ws / "build").exists()
    no_strays(ws, cwd)
    assert not Path("x").exists() and not Path("--output=x").exists()


def test_unbalanced_brackets(ws: Path, cwd: Path) -> None:
    section = (ws / SECTION).read_text()
    plant(ws, {SECTION: section.replace("nacionales de asilo", "nacionales [de asilo")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(SECTION, line_of(section, "es: Fortalecer")),
                   r"unbalanced brackets")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile", cwd=cwd), 1, r"unbalanced brackets")
    assert_unchanged(ws, before)


def test_unbalanced_brackets_through_the_cli(ws: Path, cwd: Path) -> None:
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "modify", "--text", "sistemas [nacionales", cwd=cwd),
                   1, at(SECTION), r"unbalanced brackets")
    assert_refused(drafting(ws, "propose", "op-asylum", "--by", "ARG", "--substitute", "--text", "es=Nuevo [texto.",
                            "--text", "en=New text.", cwd=cwd), 1, r"unbalanced brackets")
    assert_refused(drafting(ws, "propose", "op-borders", "--by", "ARG", "--add", "op-new", "--text", "es=Nuevo] x.",
                            "--text", "en=New.", cwd=cwd), 1, r"unbalanced brackets")
    assert_unchanged(ws, before)


def test_missing_language(ws: Path, cwd: Path) -> None:
    section = (ws / SECTION).read_text()
    plant(ws, {SECTION: section.replace("      en: Strengthen national asylum systems in the region.\n", "")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(SECTION), r"op-asylum: no text in 'en'")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile", cwd=cwd), 1, r"no text in 'en'")
    for args in (["translate", "op-asylum", "pt", "Fortalecer"],
                 ["compile", "--lang", "pt", "--format", "md"], ["diff", "zero", "--lang", "pt"],
                 ["decide", "zero-BRA-001", "accept", "--text-lang", "pt=Fortalecer"]):
        assert_refused(drafting(ws, *args, cwd=cwd), 2, r"'pt'")
    assert_unchanged(ws, before)
    no_strays(ws, cwd)


def test_group_with_unknown_members(ws: Path, cwd: Path) -> None:
    negotiation = (ws / NEGOTIATION).read_text()
    plant(ws, {NEGOTIATION: negotiation.replace("members: [ARG, BRA, PRY, URY]", "members: [ARG, BRA, XXX]")})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(NEGOTIATION, line_of(negotiation, "MERCOSUR:")),
                   r"group MERCOSUR lists unknown member 'XXX'")
    assert_refused(drafting(ws, "issue", "rev1", "--no-compile", cwd=cwd), 1, r"unknown member 'XXX'")
    assert_unchanged(ws, before)


# ============================================================================ 3. anchors

def test_anchor_not_found(ws: Path, cwd: Path) -> None:
    before = snapshot(ws)
    assert_refused(drafting(ws, "propose", "op-asylum", "--by", "ARG", "--delete", "no existe", cwd=cwd), 1,
                   r"the amendment that would be zero-ARG-001: error: .*'no existe' are not in the clause")
    assert_unchanged(ws, before)
    plant(ws, {AMENDMENT: amendment_text(ws, **{"old: sistemas nacionales": "old: sistemas federales"})})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(AMENDMENT, 7), r"'sistemas federales' are not in the clause")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, at(AMENDMENT),
                   r"sistemas federales")
    assert_unchanged(ws, before)


def test_ambiguous_anchor_in_a_file(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: amendment_text(ws, **{"target: op-asylum": "target: op-solutions",
                                                "old: sistemas nacionales": "old: as",
                                                "new: sistemas nacionales y regionales": "new: os"})})
    before = snapshot(ws)
    for args in (["validate"], ["decide", "zero-BRA-001", "accept"]):  # "as" occurs only inside words
        assert_refused(drafting(ws, *args, cwd=cwd), 1, at(AMENDMENT), r"occur only inside a word",
                       r"at character 27 \(Promover soluciones durader«as»")
    assert_unchanged(ws, before)
    plant(ws, {AMENDMENT: amendment_text(ws, **{"new: os": 'new: os\n    inside_word: "true"'})})
    before = snapshot(ws)
    for args in (["validate"], ["decide", "zero-BRA-001", "accept"]):
        assert_refused(drafting(ws, *args, cwd=cwd), 1, at(AMENDMENT), r"occur 5 times", r"occurrence")
    assert_unchanged(ws, before)


def test_nfd_anchor_in_a_file_matches_nfc_text(ws: Path, cwd: Path) -> None:
    nfd = unicodedata.normalize("NFD", "región")
    plant(ws, {AMENDMENT: amendment_text(ws, **{"old: sistemas nacionales": f"old: {nfd}",
                                                "new: sistemas nacionales y regionales": f"new: {nfd} andina"})})
    assert drafting(ws, "validate").returncode == 0
    assert drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd).returncode == 0
    text = (ws / SECTION).read_text(encoding="utf-8")
    assert "región andina." in text and unicodedata.is_normalized("NFC", text)


def test_nfd_text_in_a_section_matches_an_nfc_anchor(ws: Path, cwd: Path) -> None:
    section = (ws / SECTION).read_text()
    plant(ws, {SECTION: section.replace("Garantizar el acceso", unicodedata.normalize("NFD", "Garantizar el acceso único"))})
    assert drafting(ws, "issue", "rev1", "--no-compile").returncode == 0  # anchors are read in the issued text
    proc = drafting(ws, "propose", "op-borders", "--by", "ARG", "--replace", "acceso único", "--with", "acceso",
                    cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert drafting(ws, "decide", proc.stdout.strip(), "accept", cwd=cwd).returncode == 0
    assert "Garantizar el acceso al territorio" in (ws / SECTION).read_text(encoding="utf-8")


def test_overlapping_amendments(ws: Path, cwd: Path) -> None:
    # zero-BRA-001 replaces "sistemas nacionales"; this one overlaps it
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--replace", "nacionales de asilo",
                    "--with", "nacionales de protección", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    second = proc.stdout.strip()
    assert (ws / f"amendments/zero/{second}.yaml").is_file() and (ws / AMENDMENT).is_file()
    assert drafting(ws, "validate").returncode == 0
    assert drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd).returncode == 0
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", second, "accept", cwd=cwd), 1, at(f"amendments/zero/{second}.yaml"),
                   r"'nacionales de asilo' are no longer in the clause", r"nacionales y regionales de asilo")
    assert_unchanged(ws, before)
    assert "status: submitted" in (ws / f"amendments/zero/{second}.yaml").read_text()
    # it can still be decided otherwise, and its text is still there for the record
    assert drafting(ws, "decide", second, "reject", "--note", "Overtaken", cwd=cwd).returncode == 0


def test_anchor_changed_by_an_accepted_amendment(ws: Path, cwd: Path) -> None:
    first = drafting(ws, "propose", "op-borders", "--by", "ARG", "--replace", "Garantizar", "--with", "Asegurar",
                     cwd=cwd).stdout.strip()
    later = drafting(ws, "propose", "op-borders", "--by", "MEX", "--insert", "plenamente", "--after", "Garantizar",
                     cwd=cwd).stdout.strip()
    assert first and later
    assert drafting(ws, "decide", first, "accept", cwd=cwd).returncode == 0
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", later, "accept", cwd=cwd), 1, at(f"amendments/zero/{later}.yaml"),
                   r"'Garantizar' .*no longer in the clause")
    assert_refused(drafting(ws, "decide", later, "modify", "--text", "plenamente", cwd=cwd), 1,
                   r"no longer in the clause")
    assert_unchanged(ws, before)
    # issuing the next version reports it as stale, never drops it
    out = drafting(ws, "issue", "rev1", "--no-compile", cwd=cwd)
    assert out.returncode == 0, out.stderr
    assert f"stale: {later}" in out.stdout
    assert (ws / f"amendments/zero/{later}.yaml").is_file()


# ============================================================================ 4. git

WRITING = [
    ["decide", "zero-BRA-001", "accept"],
    ["propose", "op-asylum", "--by", "ARG", "--delete", "asilo"],
    ["mark", "op-asylum", "agreed"],
    ["translate", "op-asylum", "en", "Strengthen asylum."],
    ["issue", "rev1", "--no-compile"],
]


def test_not_a_git_repository(ws: Path, tmp_path: Path, cwd: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    for part in ("negotiation.yaml", "drafts", "amendments"):
        src = ws / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, plain / part)
    files = {p: p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    for proc in drafting_many(plain, WRITING + [["log", "op-asylum"], ["diff", "zero"], ["audit"]], cwd=cwd):
        assert_refused(proc, 2, r"not a git repository")
    assert not (plain / ".git").exists()
    assert {p: p.read_bytes() for p in plain.rglob("*") if p.is_file()} == files
    assert drafting(plain, "validate").returncode == 0  # reading needs no git


def test_dirty_working_tree(ws: Path, cwd: Path) -> None:
    with (ws / SECTION).open("a") as f:
        f.write("# a note typed by hand, not committed\n")
    before = snapshot(ws)
    for proc in drafting_many(ws, WRITING, cwd=cwd):
        assert_refused(proc, 1, r"uncommitted changes", re.escape(SECTION),
                       r"drafting never discards")
    assert_unchanged(ws, before)  # the hand edit is still there


def test_untracked_file_in_the_workspace(ws: Path, cwd: Path) -> None:
    (ws / "amendments/zero/zero-ARG-001.yaml").write_text("id: zero-ARG-001\n")
    before = snapshot(ws)
    assert_refused(drafting(ws, "propose", "op-asylum", "--by", "ARG", "--delete", "asilo", cwd=cwd), 1,
                   r"uncommitted changes", r"zero-ARG-001\.yaml \(untracked\)")
    assert_unchanged(ws, before)


def test_stale_index_lock(ws: Path, cwd: Path) -> None:
    (ws / ".git" / "index.lock").write_bytes(b"")
    before = snapshot(ws)
    for proc in drafting_many(ws, WRITING, cwd=cwd):
        assert_refused(proc, 1, r"stale \.git/index\.lock", r"remove the file")
    assert_unchanged(ws, before)
    assert (ws / ".git" / "index.lock").exists()  # never removed behind the user's back
    (ws / ".git" / "index.lock").unlink()
    proc = drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^status: accepted$", (ws / AMENDMENT).read_text(encoding="utf-8"), re.M)
    assert git(ws, "status", "--porcelain") == ""


def test_merge_in_progress(ws: Path, cwd: Path) -> None:
    head = git(ws, "rev-parse", "HEAD").strip()
    (ws / ".git" / "MERGE_HEAD").write_text(head + "\n")
    before = snapshot(ws)
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "accept", cwd=cwd), 1, r"merge is in progress")
    assert_unchanged(ws, before)


# ============================================================================ 6. text

HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% if x %}x{% endif %}"


def docx_text(path: Path) -> str:
    from lxml import etree
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(el.text or "" for el in root.iter(f"{ns}t", f"{ns}delText"))


def test_markup_and_template_syntax_appear_literally(ws: Path, cwd: Path, tmp_path: Path) -> None:
    accepted = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--insert", HOSTILE, "--at", "end",
                        "--rationale", HOSTILE, cwd=cwd).stdout.strip()
    assert drafting(ws, "decide", accepted, "accept", cwd=cwd).returncode == 0
    pending = drafting(ws, "propose", "op-borders", "--by", "MEX", "--insert", HOSTILE, "--after", "fronteras",
                       "--rationale", HOSTILE, cwd=cwd).stdout.strip()
    assert pending
    kinds = ["clean"] + (["compilation"] if importlib.util.find_spec("drafting.render.compilation") else [])
    out = tmp_path / "out"
    for kind in kinds:
        proc = drafting(ws, "compile", "--kind", kind, "--lang", "es", "--format", "all", "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        html = (out / f"declaration-{kind}-es.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} {% if x %}x{% endif %}" in html
        assert "<script>" not in html and ">49<" not in html and " 49 " not in html
        text = docx_text(out / f"declaration-{kind}-es.docx")
        assert HOSTILE in text
        assert "49" not in text
        if kind == "compilation":
            assert text.count(HOSTILE) >= 2  # the pending amendment too, as a tracked insertion


INVISIBLE = {
    "nbsp": ("sistemas nacionales", "sistemas\u00a0nacionales"),
    "narrow-nbsp": ("sistemas nacionales", "sistemas\u202fnacionales"),
    "soft-hyphen": ("nacionales", "nacio\u00adnales"),
    "zero-width-space": ("nacionales", "nacio\u200bnales"),
}


@pytest.mark.parametrize("case", list(INVISIBLE))
def test_invisible_characters_in_anchors_match(ws: Path, cwd: Path, case: str) -> None:
    _, odd = INVISIBLE[case]
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--replace", odd, "--with", "redes", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert drafting(ws, "decide", proc.stdout.strip(), "accept", cwd=cwd).returncode == 0
    assert "redes" in (ws / SECTION).read_text(encoding="utf-8")


def test_curly_quotes_in_anchors_match(ws: Path, cwd: Path) -> None:
    section = (ws / SECTION).read_text()
    plant(ws, {SECTION: section.replace("acceso al territorio", "acceso al \"territorio\"")})
    assert drafting(ws, "issue", "rev1", "--no-compile").returncode == 0  # anchors are read in the issued text
    proc = drafting(ws, "propose", "op-borders", "--by", "ARG", "--delete", " al “territorio”", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert drafting(ws, "decide", proc.stdout.strip(), "accept", cwd=cwd).returncode == 0
    assert "el acceso en las fronteras" in (ws / SECTION).read_text(encoding="utf-8")


@pytest.mark.parametrize("new", ["sistemas\u00a0nacionales", "sistemas\u202fnacionales", "sistemas nacio\u00adnales",
                                 "sistemas nacio\u200bnales", "sistemas  nacionales", "sistemas nacionales"])
def test_a_change_nobody_can_see_is_refused(ws: Path, cwd: Path, new: str) -> None:
    before = snapshot(ws)
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--replace", "sistemas nacionales", "--with", new,
                    cwd=cwd)
    assert_refused(proc, 1, r"the amendment that would be zero-ARG-001: error: .*no visible change")
    assert_unchanged(ws, before)


def test_invisible_insertions_and_quote_swaps_are_refused(ws: Path, cwd: Path) -> None:
    before = snapshot(ws)
    assert_refused(drafting(ws, "propose", "op-asylum", "--by", "ARG", "--insert", "\u200b\u00ad", "--at", "end",
                            cwd=cwd), 1, r"empty or invisible")
    assert_unchanged(ws, before)
    section = (ws / SECTION).read_text()
    plant(ws, {SECTION: section.replace("acceso al territorio", "acceso al 'territorio'")})
    assert drafting(ws, "issue", "rev1", "--no-compile").returncode == 0
    before = snapshot(ws)
    assert_refused(drafting(ws, "propose", "op-borders", "--by", "ARG", "--replace", "'territorio'",
                            "--with", "‘territorio’", cwd=cwd), 1, r"no visible change")
    assert_unchanged(ws, before)


def test_diffs_show_no_invisible_changes(ws: Path, cwd: Path) -> None:
    section = (ws / SECTION).read_text()
    edited = section.replace("Fortalecer los sistemas nacionales de asilo",
                             "Forta\u00adlecer los\u00a0sistemas\u202fnacio\u200bnales de \u2060asilo")
    plant(ws, {SECTION: edited.replace("Garantizar el acceso al territorio", "Garantizar el acceso al territorio")})
    proc = drafting(ws, "diff", "zero", "--format", "json", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    changed = [c["clause"] for c in json.loads(proc.stdout)["clauses"] if c["kind"] != "unchanged"]
    assert "op-asylum" not in changed
    text = drafting(ws, "diff", "zero", "--clause", "op-asylum", cwd=cwd)
    assert "no differences" in text.stdout


BIDI_AND_SURROGATES: list[tuple[str, str | bytes]] = [
    ("rlo", "ok \u202e evil"),
    ("lre", "ok \u202a evil"),
    ("isolate", "ok \u2066 evil"),
    ("lone-surrogate", b"ok \xed\xb3\xbf evil"),  # the UTF-8 of U+DCFF: not UTF-8, so a lone surrogate
    ("latin1", b"ok caf\xe9"),
    ("escape", "ok \x1b[31m red"),
    ("nonchar", "ok \uffff"),
]


@pytest.mark.parametrize("name,value", BIDI_AND_SURROGATES, ids=[n for n, _ in BIDI_AND_SURROGATES])
def test_forbidden_characters_in_arguments(ws: Path, cwd: Path, name: str, value: str | bytes) -> None:
    before = snapshot(ws)
    commands: list[list[str | bytes]] = [
        ["propose", "op-asylum", "--by", "ARG", "--insert", value, "--at", "end"],
        ["propose", "op-asylum", "--by", "ARG", "--comment", "--rationale", value],
        ["propose", "op-asylum", "--by", "ARG", "--replace", value, "--with", "x"],
        ["decide", "zero-BRA-001", "reject", "--note", value],
        ["decide", "zero-BRA-001", "modify", "--text", value],
        ["mark", "op-asylum", "agreed", "--note", value],
        ["translate", "op-asylum", "en", value],
        ["issue", "rev1", "--label", value, "--no-compile"],
        ["decide", value, "accept"],
    ]
    for args, proc in zip(commands, drafting_many(ws, commands, cwd=cwd, raw=True)):  # type: ignore[arg-type]
        option = next((a for a in args[:-1][::-1] if isinstance(a, str) and a.startswith("--")
                       and args[args.index(a) + 1] == value), None)
        assert_refused(proc, 2, r"forbidden character", re.escape(f"argument {option}") if option else "argument")
    assert_unchanged(ws, before)


@pytest.mark.parametrize("name,value", BIDI_AND_SURROGATES[:4], ids=[n for n, _ in BIDI_AND_SURROGATES[:4]])
def test_forbidden_characters_in_files(ws: Path, cwd: Path, name: str, value: str | bytes) -> None:
    raw = value if isinstance(value, bytes) else value.encode("utf-8")
    data = (ws / AMENDMENT).read_bytes().replace(b"y regionales", b"y " + raw, 1)
    plant(ws, {AMENDMENT: data})
    before = snapshot(ws)
    for args in (["validate"], ["decide", "zero-BRA-001", "accept"]):
        assert_refused(drafting(ws, *args, cwd=cwd), 1, at(AMENDMENT, 8), r"forbidden character|UTF-8")
    assert_unchanged(ws, before)


def test_nfd_arguments_are_stored_nfc(ws: Path, cwd: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Protección")
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--comment", "--rationale", nfd, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    text = (ws / f"amendments/zero/{proc.stdout.strip()}.yaml").read_text(encoding="utf-8")
    assert "Protección" in text and unicodedata.is_normalized("NFC", text)
    proc = drafting(ws, "decide", "zero-BRA-001", "reject", "--note", nfd, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert unicodedata.is_normalized("NFC", (ws / AMENDMENT).read_text(encoding="utf-8"))
    assert unicodedata.is_normalized("NFC", git(ws, "log", "-1", "--format=%B"))


def test_byte_order_mark(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: b"\xef\xbb\xbf" + (ws / AMENDMENT).read_bytes()})
    proc = drafting(ws, "validate")
    assert proc.returncode == 0, proc.stderr
    proc = drafting(ws, "decide", "zero-BRA-001", "accept", "--date", "2024-09-25", cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    # the decision is recorded in the amendment, the text changed, one commit says so
    recorded = (ws / AMENDMENT).read_text(encoding="utf-8")
    assert re.search(r"^status: accepted$", recorded, re.M) and "decision:" in recorded
    assert "2024-09-25" in recorded
    assert "Fortalecer los sistemas nacionales y regionales de asilo" in (ws / SECTION).read_text(encoding="utf-8")
    message = git(ws, "log", "-1", "--format=%B")
    assert "Amendment: zero-BRA-001" in message and "Decision: accepted" in message
    assert git(ws, "status", "--porcelain") == ""
    no_strays(ws, cwd)


def test_decision_block_on_a_submitted_amendment(ws: Path, cwd: Path) -> None:
    plant(ws, {AMENDMENT: (ws / AMENDMENT).read_text() + "decision:\n  date: 2024-09-20\n"})
    before = snapshot(ws)
    assert_refused(drafting(ws, "validate"), 1, at(AMENDMENT, 12), r"status is still 'submitted'")
    assert_refused(drafting(ws, "decide", "zero-BRA-001", "reject", cwd=cwd), 1, at(AMENDMENT, 12))
    assert_unchanged(ws, before)


def test_empty_and_multiline_ids_in_arguments(ws: Path, cwd: Path) -> None:
    before = snapshot(ws)
    for args in (["diff", "zero", ""], ["compile", "--at", "", "--format", "md"],
                 ["propose", "op-asylum", "--by", "ARG", "--delete", "asilo", "--version", ""],
                 ["propose", "op-asylum", "--by", "ARG", "--move-after", ""],
                 ["issue", "rev1", "--label", "Rev.1\nAmendment: zero-BRA-001", "--no-compile"]):
        assert_refused(drafting(ws, *args, cwd=cwd), 2, r"argument ")
    assert_unchanged(ws, before)
    assert not (ws / "build").exists()
