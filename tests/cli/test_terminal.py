"""What a person sees: status refuses a broken workspace and says what its columns mean, diff tells its
markers from the text's own brackets, progress and colour only on a terminal (a real pseudo-terminal
here), and no console encoding crashes a command."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, git, run

SECTION = "drafts/declaration/operative.yaml"


def on_terminal(args: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run drafting with standard output and error on a pseudo-terminal; (exit status, what it showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafting.cli", *args],
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100", **env},
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def test_status_refuses_an_invalid_workspace(workspace: Path) -> None:
    text = (workspace / SECTION).read_text(encoding="utf-8")
    (workspace / SECTION).write_text(text.replace("id: op-borders", "id: op-asylum"), encoding="utf-8")
    proc = run("-C", str(workspace), "status")
    assert proc.returncode == 1 and proc.stdout == ""
    assert "op-asylum" in proc.stderr and "error:" in proc.stderr


def test_status_headings_and_competing_proposals(workspace: Path) -> None:
    ws = str(workspace)
    run(
        "-C",
        ws,
        "propose",
        "op-asylum",
        "--by",
        "BRA",
        "--replace",
        "sistemas nacionales",
        "--with",
        "sistemas",
        check=True,
    )
    run("-C", ws, "propose", "op-asylum", "--by", "MEX", "--delete", "nacionales ", check=True)
    out = run("-C", ws, "status", check=True).stdout
    header = next(ln for ln in out.splitlines() if ln.startswith("no."))
    assert "brackets" in header and "awaiting translation" in header and "competing" in header
    assert "[ ]" not in header
    row = next(ln for ln in out.splitlines() if " op-asylum " in ln)
    assert "zero-BRA-001 vs zero-MEX-001" in row
    assert "pairs of competing proposals: 1" in out


def test_diff_markers_are_not_the_texts_brackets(workspace: Path) -> None:
    ws = str(workspace)
    aid = run(
        "-C",
        ws,
        "propose",
        "op-solutions",
        "--by",
        "BRA",
        "--replace",
        "[y complementarias]",
        "--with",
        "y complementarias",
        check=True,
    ).stdout.strip()
    run("-C", ws, "decide", aid, "accept", check=True)
    moved = run(
        "-C", ws, "propose", "op-asylum", "--by", "CHL", "--move-after", "op-borders", check=True
    ).stdout.strip()
    run("-C", ws, "decide", moved, "accept", check=True)
    out = run("-C", ws, "diff", check=True).stdout
    assert "{-[-}y complementarias{-]-}" in out
    assert "op-asylum  no. 1  moved after 2 (op-borders) — zero-CHL-001 (Chile)" in out
    assert "\x1b[" not in out  # no colour into a pipe
    status, shown = on_terminal(["-C", ws, "diff"], workspace)
    assert status == 0 and "\x1b[31;9m[\x1b[0m" in shown and "{-" not in shown
    status, shown = on_terminal(["-C", ws, "diff"], workspace, NO_COLOR="1")
    assert status == 0 and "{-[-}" in shown and "\x1b[31" not in shown


def test_progress_on_a_terminal_only(workspace: Path) -> None:
    args = [
        "-C",
        str(workspace),
        "compile",
        "--kind",
        "all",
        "--lang",
        "all",
        "--format",
        "all",
        "--out",
        "b",
    ]
    status, shown = on_terminal(args, workspace)
    # 2 languages x 5 kinds x 3 formats, then the follow-up checklist's CSV in each language
    assert status == 0 and "compiling" in shown and "/30" in shown, shown[-2000:]
    piped = run(*args, check=True)
    assert "compiling" not in piped.stdout + piped.stderr and "\x1b" not in piped.stdout + piped.stderr
    assert len(piped.stdout.split()) == 32
    status, shown = on_terminal(args, workspace, NO_COLOR="1")
    assert status == 0 and "compiling" in shown
    assert not any(f"\x1b[{c}" in shown for c in ("31m", "32m", "33m", "35m", "36m", "38;")), repr(
        shown[-500:]
    )
    status, shown = on_terminal(["-C", str(workspace), "status", "--format", "json"], workspace)
    assert status == 0 and shown.lstrip().startswith("{") and "\x1b" not in shown


def test_short_commands_and_help_do_not_import_rich(workspace: Path) -> None:
    for args in (["--help"], ["-C", str(workspace), "status"]):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "drafting.cli", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.returncode == 0
        imported = {ln.rsplit("|", 1)[-1].strip() for ln in proc.stderr.splitlines() if "|" in ln}
        assert "rich" not in imported
        if args == ["--help"]:  # help reads no workspace: the workflow is not even imported
            assert "drafting.api" not in imported


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_no_console_encoding_crashes_a_command(workspace: Path, encoding: str) -> None:
    ws = str(workspace)
    aid = run(
        "-C",
        ws,
        "propose",
        "op-asylum",
        "--by",
        "BRA",
        "--replace",
        "región",
        "--with",
        "región — y más allá ✓",
        check=True,
    ).stdout.strip()
    run("-C", ws, "decide", aid, "accept", check=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": encoding}
    for args in (["diff"], ["status"], ["log", "op-asylum"], ["concordance", "zero"], ["validate"]):
        proc = subprocess.run(
            [sys.executable, "-m", "drafting.cli", "-C", ws, *args], capture_output=True, env=env
        )
        assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
        assert b"internal error" not in proc.stderr
        proc.stdout.decode(encoding)  # what was written is that encoding, with replacements
    out = subprocess.run(
        [sys.executable, "-m", "drafting.cli", "-C", ws, "diff"], capture_output=True, env=env
    ).stdout.decode(encoding)
    if encoding == "ascii":
        assert "regi?n{+ ? y m?s all? ?+}" in out
    else:  # cp1252 has the accents and the dash, not the check mark
        assert "región{+ — y más allá ?+}" in out
    # an error message too
    proc = subprocess.run(
        [sys.executable, "-m", "drafting.cli", "-C", ws, "log", "op-asilúm"], capture_output=True, env=env
    )
    assert proc.returncode == 2 and b"did you mean" in proc.stderr
    assert git(workspace, "status", "--porcelain") == ""
