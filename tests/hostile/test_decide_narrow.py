"""A decision reads the text and, of the amendments, those it can affect (found through the clause index
kept in the parse cache): what it refuses and what it writes are what reading the whole workspace gives,
with the index, without it (DRAFTING_CACHE=0), and with the index file corrupt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git
from hostile_support import AMENDMENT, assert_refused, assert_unchanged, build_template, copy_workspace, plant, snapshot

INDEX = ".git/drafting-cache/clause-refs-1.pickle"
ACCOMMODATED = "amendments/zero/zero-MEX-009.yaml"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("decide-narrow") / "ws")


@pytest.fixture
def plain_ws(template: Path, tmp_path: Path) -> Path:
    return copy_workspace(template, tmp_path / "ws")


@pytest.fixture
def ws(plain_ws: Path) -> Path:
    ws = plain_ws
    # an amendment accommodated in op-asylum: a decision that removes op-asylum leaves it pointing nowhere
    text = (ws / AMENDMENT).read_text(encoding="utf-8")
    text = (text.replace("zero-BRA-001", "zero-MEX-009").replace("by: BRA", "by: MEX")
            .replace("target: op-asylum", "target: op-borders")
            .replace("status: submitted", "status: accommodated\ndecision:\n  date: 2024-09-20\n  clause: op-asylum"))
    plant(ws, {ACCOMMODATED: text.replace("sistemas nacionales", "acceso")})
    return ws


def drafting(ws: Path, *args: str, cache: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DRAFTING_CACHE="1" if cache else "0")
    return subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), *args], capture_output=True,
                          text=True, env=env)


def propose_removal(ws: Path) -> str:
    proc = drafting(ws, "propose", "op-asylum", "--by", "ARG", "--remove", "--date", "2024-09-11")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.parametrize("how", ["index", "no-cache", "corrupt-index"])
def test_a_decision_is_refused_for_what_it_does_to_an_amendment_naming_its_clause(ws: Path, how: str) -> None:
    removal = propose_removal(ws)
    assert drafting(ws, "decide", "zero-BRA-001", "reject").returncode == 0  # fills the clause index
    assert (ws / INDEX).is_file()
    if how == "corrupt-index":
        data = bytearray((ws / INDEX).read_bytes())
        data[-20] ^= 0xFF
        (ws / INDEX).write_bytes(bytes(data))
    before = snapshot(ws)
    proc = drafting(ws, "decide", removal, "accept", "--date", "2024-09-25", cache=how != "no-cache")
    assert_refused(proc, 1, rf"{ACCOMMODATED}:\d+: error: accommodated in unknown clause 'op-asylum'")
    assert_unchanged(ws, before)
    # rejected instead, nothing is removed: allowed
    assert drafting(ws, "decide", removal, "reject", cache=how != "no-cache").returncode == 0
    assert "id: op-asylum" in (ws / "drafts/declaration/operative.yaml").read_text(encoding="utf-8")


def test_the_index_follows_each_decision(plain_ws: Path) -> None:
    ws = plain_ws
    proc = drafting(ws, "propose", "op-borders", "--by", "ARG", "--replace", "Garantizar", "--with", "Asegurar",
                    "--date", "2024-09-11")
    first = proc.stdout.strip()
    later = drafting(ws, "propose", "op-borders", "--by", "MEX", "--insert", "plenamente", "--after",
                     "Garantizar", "--date", "2024-09-12").stdout.strip()
    assert first and later
    assert drafting(ws, "decide", "zero-BRA-001", "accept").returncode == 0
    assert drafting(ws, "decide", first, "accept").returncode == 0
    head = git(ws, "rev-parse", "HEAD")
    proc = drafting(ws, "decide", later, "accept")
    assert_refused(proc, 1, rf"amendments/zero/{later}\.yaml", r"'Garantizar' .*no longer in the clause")
    assert git(ws, "rev-parse", "HEAD") == head
    assert drafting(ws, "decide", later, "reject").returncode == 0
    assert drafting(ws, "validate").returncode == 0
    audit = drafting(ws, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr


# a command whose reading of one file sees it edited after git's index was read (between `git status` and
# the read): the file's bytes are no longer the blob git names, what they parse to must not be indexed
# under that blob id
EDITED_DURING = """
import sys
from drafting.store import lookup, source
orig = source.DiskSource.read
def read(self, path):
    data = orig(self, path)
    if path == {path!r} and data is not None:
        data = data.replace(b"clause: op-asylum", b"clause: op-borders")
    return data
source.DiskSource.read = read
lookup._is_large = lambda git_dir: True  # as in a workspace of thousands of files
{body}
"""


def edited_during(ws: Path, body: str) -> subprocess.CompletedProcess[str]:
    code = EDITED_DURING.format(path=ACCOMMODATED, body=body)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, DRAFTING_CACHE="1"))


@pytest.mark.parametrize("during", ["load", "decision"])
def test_a_file_edited_while_read_is_not_indexed_under_its_committed_blob(ws: Path, during: str) -> None:
    if during == "load":  # a whole read (status, validate, ...) fills the index
        body = (f"from drafting.store.load import load_workspace\n"
                f"ws, problems = load_workspace(source.DiskSource({str(ws)!r}))\nassert not problems, problems")
    else:  # a decision changing op-asylum reads the file, unknown to the index, by itself
        body = (f"from drafting.cli import main\n"
                f"sys.exit(main(['-C', {str(ws)!r}, 'decide', 'zero-BRA-001', 'accept', '--date', '2024-09-21']))")
    proc = edited_during(ws, body)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "clause: op-asylum" in (ws / ACCOMMODATED).read_text(encoding="utf-8")  # the file as committed
    removal = propose_removal(ws)
    before = snapshot(ws)
    proc = drafting(ws, "decide", removal, "accept", "--date", "2024-09-25")
    assert_refused(proc, 1, rf"{ACCOMMODATED}:\d+: error: accommodated in unknown clause 'op-asylum'")
    assert_unchanged(ws, before)
    assert drafting(ws, "validate", cache=False).returncode == 0


BROKEN = "amendments/zero/zero-MEX-050.yaml"


@pytest.mark.parametrize("cache", [True, False])
@pytest.mark.parametrize("verb", ["reject", "withdraw"])
def test_a_decision_changing_no_clause_is_refused_in_a_workspace_with_a_broken_amendment(
        plain_ws: Path, verb: str, cache: bool) -> None:
    ws = plain_ws
    assert drafting(ws, "validate").returncode == 0  # the index knows every file then committed
    plant(ws, {BROKEN: "id: zero-MEX-050\nby: [MEX\n"})  # committed, unreadable YAML
    before = snapshot(ws)
    proc = drafting(ws, "decide", "zero-BRA-001", verb, cache=cache)
    assert_refused(proc, 1, rf"{BROKEN}:3: error: YAML syntax")
    assert_unchanged(ws, before)
