"""The README's tutorial is run as written: what a new user reads is what happens."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
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
    assert "brazil-2014, II.1 (es)" in proc.stdout  # the precedent search
    # Red Clamor's contribution: sponsored by Uruguay, counted apart, in its own part of the drafts
    assert "zero-URY-001 (sponsoring zero-CLAMOR-001)" in proc.stdout
    assert "contributions: 1 — submitted 1; sponsored 1" in proc.stdout
    with zipfile.ZipFile(ws / "build" / "declaration-compilation-en.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "Contributions of observers and civil society" in xml and "Sponsored by Uruguay (zero-URY-001)" in xml
    checklist = (ws / "build" / "declaration-follow-up-en.csv").read_text(encoding="utf-8")
    assert "respecting the principle of non-refoulement" in checklist  # the sponsored words, adopted
    assert (ws / "build" / "declaration-follow-up-en.csv").exists()
    assert (ws / "build" / "declaration-follow-up-es.docx").exists()
    assert (ws / "akn" / "declaration-fr.akn.xml").exists() is False and (ws / "akn" / "declaration-en.akn.xml").exists()
    copy = (tmp_path / "c40-copy" / "drafts" / "declaration" / "operative.yaml").read_text(encoding="utf-8")
    assert "op-borders-children" in copy and "deadline: 2026-12-31" in copy
    assert re.search(r"OP2 bis\s+->\s+OP3", proc.stdout), proc.stdout
