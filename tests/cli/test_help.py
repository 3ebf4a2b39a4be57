"""Help that tells the truth: every example in ``--help`` and in the README parses with the real parser,
every choice is listed from drafting.vocab, defaults are shown, the README's command table names the
commands there are, and a near miss gets a suggestion."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

from drafting.cli.commands import HANDLERS
from drafting.cli.parser import COMMANDS, build
from drafting.vocab import CHANNELS, CLAUSE_STATUSES, DECISIONS, DRAFT_KINDS, FORMATS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def parses(line: str) -> None:
    words = shlex.split(line)
    assert words[0] == "drafting", line
    try:
        args = build().parse_args(words[1:])
    except SystemExit as exc:  # argparse's way of refusing
        raise AssertionError(f"does not parse: {line}") from exc
    assert args.command, line


def help_of(*command: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "drafting.cli", *command, "--help"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def readme_commands() -> list[str]:
    """The command lines the README shows: in its command table and its tutorial."""
    table = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    lines = [m.replace("\\|", "|") for m in re.findall(r"`(drafting [^`]+)`", table) if "--help" not in m]
    tutorial = README.split("## Tutorial", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    tutorial = tutorial.replace("\\\n", " ")
    for ln in tutorial.splitlines():
        ln = ln.strip()
        if ln.startswith("drafting "):
            lines.append(ln.split("&&")[0].split(" #")[0].strip())
    return lines


def test_every_command_has_a_handler_and_examples() -> None:
    assert [c.name for c in COMMANDS] == list(HANDLERS)
    assert all(c.examples for c in COMMANDS)


@pytest.mark.parametrize("line", [e for c in COMMANDS for e in c.examples])
def test_each_example_in_the_help_parses(line: str) -> None:
    parses(line)


def test_each_command_line_of_the_readme_parses() -> None:
    lines = readme_commands()
    assert len(lines) > 30
    for line in lines:
        parses(line)


def test_the_readme_command_table_names_the_commands_there_are() -> None:
    table = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"^\| `([a-z-]+)[ `]", table, re.M)
    assert names == [c.name for c in COMMANDS]
    top = help_of()
    for c in COMMANDS:
        assert re.search(rf"^    {re.escape(c.name)}\b", top, re.M), c.name


def test_help_lists_every_choice_and_default_and_an_example() -> None:
    for c in COMMANDS:
        text = help_of(c.name)
        assert "examples:\n  drafting " + c.name in text, c.name
    mark = help_of("mark")
    assert all(s in mark for s in CLAUSE_STATUSES)
    decide = help_of("decide")
    assert all(d in decide for d in DECISIONS)
    compile_ = help_of("compile")
    assert all(k in compile_ for k in DRAFT_KINDS) and all(f in compile_ for f in FORMATS)
    assert "(default: clean)" in compile_ and "(default: docx)" in compile_ and "(default: build)" in compile_
    propose = help_of("propose")
    assert all(ch in propose for ch in CHANNELS) and "(default: written)" in propose
    assert "--text-LANG" not in propose and "--text LANG=TEXT" in propose
    assert "(default: table)" in help_of("status")


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and re.fullmatch(r"drafting \S+\n", proc.stdout)


@pytest.mark.parametrize(
    "args, hint",
    [
        (["statsu"], "did you mean 'status'?"),
        (["mark", "op-asylum", "agred"], "did you mean 'agreed'?"),
        (["compile", "--kind", "compilaton"], "did you mean 'compilation'?"),
        (["decide", "x", "acept"], "did you mean 'accept'?"),
        (["compile", "--knd", "all"], "did you mean '--kind'?"),
        (["propose", "op-asylum", "--by", "ARG", "--substitute", "--text-es", "Texto"], "--text es=TEXT"),
    ],
)
def test_a_mistyped_command_choice_or_option_gets_a_suggestion(args: list[str], hint: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert hint in proc.stderr, proc.stderr


def test_near_misses_of_ids_and_codes(workspace: Path) -> None:
    ws = str(workspace)
    proc = run("-C", ws, "log", "op-asilum")
    assert proc.returncode == 2 and "unknown clause 'op-asilum'; did you mean 'op-asylum'?" in proc.stderr
    proc = run("-C", ws, "propose", "op-asylum", "--by", "BRZ", "--comment")
    assert "unknown delegation 'BRZ'; did you mean 'BRA'" in proc.stderr
    proc = run("-C", ws, "propose", "op-asylum", "--by", "bra", "--comment")
    assert "did you mean 'BRA'?" in proc.stderr
    aid = run("-C", ws, "propose", "op-asylum", "--by", "BRA", "--comment", check=True).stdout.strip()
    proc = run("-C", ws, "decide", aid.lower(), "reject")
    assert proc.returncode == 1 and f"did you mean '{aid}'?" in proc.stderr
    proc = run("-C", ws, "mark", "op-boders", "agreed")
    assert "did you mean 'op-borders'?" in proc.stderr
    proc = run("-C", ws, "diff", "--lang", "eng")
    assert "unknown language 'eng'; did you mean 'en'?" in proc.stderr


def test_a_failed_proposal_names_no_file_that_was_not_written(workspace: Path) -> None:
    proc = run("-C", str(workspace), "propose", "op-asilum", "--by", "MEX", "--delete", "nacionales")
    assert proc.returncode == 1
    assert (
        "the amendment that would be zero-MEX-001: error: unknown clause 'op-asilum'; "
        "did you mean 'op-asylum'?" in proc.stderr
    ), proc.stderr
    assert "amendments/zero/zero-MEX-001.yaml" not in proc.stderr
    assert not (workspace / "amendments" / "zero" / "zero-MEX-001.yaml").exists()


def test_paths_are_printed_relative_to_the_current_folder(workspace: Path) -> None:
    """The current folder is the one -C names, if any, as with git -C."""
    compiled = run("compile", "--lang", "es", "--out", "drafts-out", cwd=workspace, check=True).stdout.split()
    assert compiled == ["drafts-out/declaration-clean-es.docx"]
    compiled = run("-C", "ws", "compile", "--lang", "es", cwd=workspace.parent, check=True).stdout.split()
    assert compiled == ["build/declaration-clean-es.docx"]
    issued = run("-C", "ws", "issue", "rev1", "--label", "Rev.1", cwd=workspace.parent, check=True).stdout
    drafts = [ln for ln in issued.splitlines() if ln.endswith(".docx")]
    assert drafts and all(ln.startswith("build/rev1/") for ln in drafts), issued
    (workspace / "drafts/declaration/operative.yaml").write_text("clauses: [\n", encoding="utf-8")
    problems = run("validate", cwd=workspace / "drafts").stderr
    assert problems.startswith("declaration/operative.yaml:"), problems
    assert run("-C", "drafts", "validate", cwd=workspace).stderr == problems
