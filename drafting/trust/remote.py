"""``drafting remote init``: a bare repository that only accepts what the gate accepts."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from ..errors import RepositoryError, UsageError

HOOK = """#!/bin/sh
# drafting gate: refuses a push that breaks the negotiation's rules (one line per problem).
exec {python} -m drafting.cli gate
"""


def hook_script() -> str:
    """The pre-receive hook: this very drafting, by the absolute path of the interpreter running it."""
    return HOOK.format(python=shlex.quote(os.path.abspath(sys.executable)))


def install_hook(git_dir: Path) -> Path:
    hooks = git_dir / "hooks"
    hooks.mkdir(exist_ok=True)
    path = hooks / "pre-receive"
    tmp = hooks / ".pre-receive.tmp"
    tmp.write_text(hook_script(), encoding="utf-8")
    tmp.chmod(0o755)
    os.replace(tmp, path)
    return path


def init_remote(path: str) -> Path:
    where = Path(path).absolute()
    if where.exists() and (not where.is_dir() or any(where.iterdir())):
        raise UsageError(f"{path} exists and is not empty")
    proc = subprocess.run(
        ["git", "init", "--quiet", "--bare", "--initial-branch=main", "--", str(where)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if proc.returncode != 0:
        raise RepositoryError(f"git init failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    for key, value in (
        ("receive.denyNonFastForwards", "true"),
        ("receive.denyDeletes", "true"),
        ("receive.fsckObjects", "true"),
        ("core.logAllRefUpdates", "true"),
    ):
        subprocess.run(["git", "config", key, value], cwd=where, check=True, capture_output=True)
    install_hook(where)
    return where
