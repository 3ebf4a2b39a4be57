"""Shared by the hostile, crash and fuzz tests: a template workspace copied per test, snapshots of
everything a command could write, and the checks of a refusal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, git, issued_workspace, run

AMENDMENT = "amendments/zero/zero-BRA-001.yaml"
SECTION = "drafts/declaration/operative.yaml"
PREAMBLE = "drafts/declaration/preamble.yaml"
NEGOTIATION = "negotiation.yaml"


def build_template(path: Path) -> Path:
    """The conftest ``workspace`` (zero draft issued) plus one open proposal, zero-BRA-001."""
    issued_workspace(path)
    out = run("-C", str(path), "propose", "op-asylum", "--by", "BRA", "--replace", "sistemas nacionales",
              "--with", "sistemas nacionales y regionales", "--date", "2024-09-10", check=True)
    assert out.stdout.strip() == "zero-BRA-001"
    return path


def copy_workspace(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest, symlinks=True)
    return dest


def plant(ws: Path, files: dict[str, bytes | str | None], message: str = "Edited by hand") -> None:
    """Write (or delete, for None) files and commit them with plain git, as someone editing the
    workspace by hand would: the bad input is then part of HEAD and the tree is clean."""
    for rel, data in files.items():
        path = ws / rel
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "--allow-empty", "-m", message)


def drafting(ws: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run("-C", str(ws), *args, cwd=cwd)


def drafting_bytes(ws: Path, *args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI with arguments passed as raw bytes (a lone surrogate arrives as bytes that are not UTF-8)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DRAFTING_DEBUG", None)
    argv: list[str | bytes] = [sys.executable, "-m", "drafting.cli", "-C", str(ws), *args]
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, env=env, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


@dataclass(frozen=True)
class Snapshot:
    head: str
    refs: str
    status: str
    files: dict[str, bytes]
    git_state: tuple[str, ...]


# .git entries a command may leave behind only if it did write something
_GIT_WATCH = ("index.lock", "drafting-transaction.json", "MERGE_HEAD", "refs/heads/main.lock", "HEAD.lock")


def snapshot(ws: Path) -> Snapshot:
    files = {}
    for p in sorted(ws.rglob("*")):
        rel = p.relative_to(ws).as_posix()
        if rel == ".git" or rel.startswith(".git/"):
            continue
        files[rel] = p.read_bytes() if p.is_file() else b"<dir>"
    git_state = tuple(name for name in _GIT_WATCH if (ws / ".git" / name).exists())
    git_state += tuple(sorted(p.name for p in (ws / ".git").glob("*.drafting-tmp")))
    return Snapshot(
        head=git(ws, "rev-parse", "HEAD").strip(),
        refs=git(ws, "show-ref"),
        status=git(ws, "status", "--porcelain", "--ignored", "--untracked-files=all"),
        files=files,
        git_state=git_state,
    )


def assert_unchanged(ws: Path, before: Snapshot) -> None:
    after = snapshot(ws)
    assert after.head == before.head, "a commit was made"
    assert after.refs == before.refs, "a branch or tag moved"
    assert after.status == before.status, f"the working tree changed:\n{after.status}"
    added = sorted(set(after.files) - set(before.files))
    removed = sorted(set(before.files) - set(after.files))
    changed = sorted(k for k in set(after.files) & set(before.files) if after.files[k] != before.files[k])
    assert not (added or removed or changed), f"files written: +{added} -{removed} ~{changed}"
    assert after.git_state == before.git_state, f"left in .git: {after.git_state}"


def assert_refused(proc: subprocess.CompletedProcess[str], code: int, *patterns: str) -> None:
    """Exit ``code``, a message on stderr matching every regex in ``patterns``, no traceback."""
    err = proc.stderr
    assert proc.returncode == code, f"exit {proc.returncode}, expected {code}:\n{err}\n{proc.stdout}"
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.strip(), "no message"
    for pattern in patterns:
        assert re.search(pattern, err), f"{pattern!r} not in:\n{err}"


def at(path: str, *lines: int) -> str:
    """A regex for ``path:<line>: error:`` with one of ``lines`` (any line if none given)."""
    which = "|".join(str(n) for n in lines) if lines else r"\d+"
    return rf"(?m)^{re.escape(path)}:({which}): error: "


def drafting_many(ws: Path, commands: list[list[str]], cwd: Path | None = None,
                  raw: bool = False) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands run side by side (each is refused; the order does not matter)."""
    from concurrent.futures import ThreadPoolExecutor
    call = drafting_bytes if raw else drafting
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: call(ws, *args, cwd=cwd), commands))
