"""The README's "Working together" walk, run as written: each party in its own folder and clone."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .parties import ROOT, env, git


def walk() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Working together", 1)[1]
    match = re.search(r"```bash\n(.*?)```", section, re.S)
    assert match, "the README has no 'Working together' block"
    return match.group(1)


def test_readme_working_together_walk(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "drafting"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m drafting.cli "$@"\n')
    shim.chmod(0o755)
    e = env()
    e["PATH"] = f"{bindir}:{e['PATH']}"
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", walk()],
        cwd=tmp_path,
        env=e,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "1 local proposal not yet shared" in proc.stdout
    assert "refused: deciding is the secretariat's" in proc.stdout
    shared = tmp_path / "shared.git"
    assert "refs/tags/version/zero" in git(shared, "for-each-ref", "refs/tags").stdout
    amendment = git(shared, "show", "main:amendments/zero/zero-BRA-001.yaml").stdout
    assert "status: accepted" in amendment
    log = git(shared, "log", "--format=%an|%cn|%G?", "main").stdout.splitlines()
    assert log[0].startswith("UNHCR (secretariat)|Ana (UNHCR)|") or "Ana (UNHCR)" in log[0], log
    assert any(line.startswith("Brazil|Bruno (Brazil)|") for line in log), log
