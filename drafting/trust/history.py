"""Commits as the rules see them: parents, trailers, and every path changed with its modes and blobs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store.rawlog import cached_log, parse_trailers

NULL = "0" * 40
__all__ = ["NULL", "Blobs", "Change", "Commit", "parse_trailers", "walk"]
_REV = re.compile(r"(?:[0-9a-f]{40}|[0-9a-f]{64}|refs/[A-Za-z0-9._/-]+)\Z")


@dataclass(frozen=True, slots=True)
class Change:
    status: str  # A M D T (against the first parent)
    path: str
    old_mode: str
    new_mode: str
    old: str  # blob ids (NULL when absent)
    new: str


@dataclass
class Commit:
    sha: str
    parents: tuple[str, ...]
    subject: str
    trailers: dict[str, list[str]]
    changes: list[Change] = field(default_factory=list)

    def short(self) -> str:
        return f"commit {self.sha[:10]} ({self.subject})"

    def trailer(self, key: str) -> list[str]:
        return self.trailers.get(key, [])

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def walk(git: Any, revs: Sequence[str]) -> list[Commit]:
    """The commits ``git rev-list revs`` names (e.g. ``["HEAD"]``, ``[new, "--not", "--all"]``), parents
    before children, each with its changes against its first parent (a root commit: against nothing).
    What each commit changed is kept in the parse cache by commit id (:func:`..store.rawlog.cached_log`)."""
    for rev in revs:  # pseudo-options pass through, so nothing here may come from a user unchecked
        if not (_REV.match(rev) or rev in ("--not", "--all", "HEAD")):
            raise ValueError(f"not a revision the rules walk: {rev!r}")
    root = getattr(git, "root", None)
    return [
        Commit(sha, parents, subject, {k: list(v) for k, v in trailers.items()},
               [Change(m[4][:1], path, m[0], m[1], m[2], m[3]) for m, path in changes])
        for sha, parents, subject, trailers, changes in cached_log(
            git, Path(root) if root is not None else None, revs, kind="raw-commits", options=("--root",)
        )
    ]


class Blobs:
    """Blob contents and sizes by id: read in batches and kept, or one at a time through one
    long-running ``git cat-file --batch`` (not kept: section files are large and read once)."""

    def __init__(self, git: Any) -> None:
        self._git = git
        self._data: dict[str, bytes | None] = {}
        self._proc: Any = None

    def fetch(self, ids: Sequence[str]) -> None:
        wanted = sorted({b for b in ids if b and b != NULL and b not in self._data})
        if wanted:
            self._data.update(zip(wanted, self._git.read_blobs(wanted)))

    def get(self, blob: str) -> bytes | None:
        if blob == NULL or not blob:
            return None
        if blob in self._data:
            return self._data[blob]
        return self._read_one(blob)

    def _read_one(self, blob: str) -> bytes | None:
        import subprocess

        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self._git.root,
                env=self._git.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        proc = self._proc
        proc.stdin.write(blob.encode("ascii") + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) != 3:
            return None
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        return data if header[1] == b"blob" else None

    def close(self) -> None:
        if self._proc is not None:
            try:
                self._proc.stdin.close()
                self._proc.wait(timeout=5)
            except Exception:  # noqa: BLE001 - best effort: the process ends with us anyway
                self._proc.kill()
            self._proc = None

    def __del__(self) -> None:
        self.close()

    def sizes(self, ids: Sequence[str]) -> dict[str, int]:
        wanted = sorted({b for b in ids if b and b != NULL})
        if not wanted:
            return {}
        out = self._git(
            "cat-file",
            "--batch-check=%(objectname) %(objectsize)",
            input="".join(f"{b}\n" for b in wanted).encode(),
        ).stdout.decode("ascii", "replace")
        sizes: dict[str, int] = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                sizes[parts[0]] = int(parts[1])
        return sizes


def blobs_at(git: Any, commit: str, paths: Sequence[str]) -> dict[str, str | None]:
    """The blob id of each path in ``commit`` (None where absent)."""
    if not paths:
        return {}
    out = git(
        "cat-file",
        "--batch-check=%(objectname) %(objecttype)",
        input="".join(f"{commit}:{p}\n" for p in paths).encode("utf-8"),
    ).stdout.decode("ascii", "replace")
    result: dict[str, str | None] = {}
    for path, line in zip(paths, out.splitlines()):
        parts = line.split()
        result[path] = parts[0] if len(parts) == 2 and parts[1] == "blob" else None
    return result
