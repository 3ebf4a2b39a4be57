"""The README's tutorial is run as written: what a new user reads is what happens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def tutorial() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Tutorial", 1)[1]
    match = re.search(r"```bash\n(.*?)```", section, re.S)
    assert match, "the README has no tutorial block"
    return match.group(1)


def test_readme_tutorial_runs(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "drafting"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m drafting.cli "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "Secretariat", "GIT_AUTHOR_EMAIL": "s@example.org",
           "GIT_COMMITTER_NAME": "Secretariat", "GIT_COMMITTER_EMAIL": "s@example.org"}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", tutorial()], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    ws = tmp_path / "c40"
    tags = subprocess.run(["git", "tag"], cwd=ws, capture_output=True, text=True).stdout.split()
    assert tags == ["version/rev1", "version/zero"]
    assert (ws / "build" / "declaration-compilation-en.docx").exists()
    assert (ws / "build" / "declaration-changes-en.docx").exists()
    assert (ws / "build" / "rev1" / "declaration-clean-fr.docx").exists() is False  # only es, en
    assert (ws / "build" / "rev1" / "declaration-clean-es.docx").exists()
    assert "zero-BRA-001" in proc.stdout
    assert re.search(r"OP2 bis\s+->\s+OP3", proc.stdout), proc.stdout
