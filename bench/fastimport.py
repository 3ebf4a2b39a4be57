"""The history of a generated negotiation written through one ``git fast-import`` process: thousands of
commits in seconds, where a process per commit would take minutes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import IO

DRAFTING_IDENTITY = ("drafting", "drafting@localhost")  # the committer of every drafting commit


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return env | {"GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


class History:
    """Commits and tags written to one ``git fast-import`` process, on branch ``main``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(root)], check=True, env=git_env())
        self.proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done", "--depth=10"], cwd=root,
                                     stdin=subprocess.PIPE, env=git_env())
        assert self.proc.stdin is not None
        self.out: IO[bytes] = self.proc.stdin
        self.marks = 0
        self.commits = 0

    def _data(self, data: bytes) -> None:
        self.out.write(b"data %d\n" % len(data))
        self.out.write(data)
        self.out.write(b"\n")

    def commit(self, message: str, author: tuple[str, str], when: dt.datetime,
               changes: Mapping[str, bytes], trailers: Mapping[str, str | list[str]] | None = None) -> int:
        """One commit of ``changes`` (path -> bytes) on top of the last; its mark (for tags)."""
        self.marks += 1
        self.commits += 1
        stamp = f"{int(when.timestamp())} +0000"
        lines = [f"{k}: {v}" for k, vs in (trailers or {}).items() for v in ([vs] if isinstance(vs, str) else vs)]
        text = message.strip() + ("\n\n" + "\n".join(lines) if lines else "") + "\n"
        self.out.write(f"commit refs/heads/main\nmark :{self.marks}\n"
                       f"author {author[0]} <{author[1]}> {stamp}\n"
                       f"committer {DRAFTING_IDENTITY[0]} <{DRAFTING_IDENTITY[1]}> {stamp}\n".encode())
        self._data(text.encode())
        for path, data in changes.items():
            self.out.write(f"M 100644 inline {path}\n".encode())
            self._data(data)
        return self.marks

    def tag(self, version: str, mark: int, message: str, when: dt.datetime) -> None:
        """The annotated tag ``version/<version>`` on the commit ``mark``, as ``drafting issue`` makes it."""
        stamp = f"{int(when.timestamp())} +0000"
        self.out.write(f"tag version/{version}\nfrom :{mark}\n"
                       f"tagger {DRAFTING_IDENTITY[0]} <{DRAFTING_IDENTITY[1]}> {stamp}\n".encode())
        self._data((message.strip() + "\n").encode())

    def close(self) -> None:
        """Finish the import, then check the last commit out (index and working tree, as a clone has them)."""
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise SystemExit(f"git fast-import failed in {self.root}")
        subprocess.run(["git", "reset", "--quiet", "--hard", "main"], cwd=self.root, check=True, env=git_env())
        subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=self.root, env=git_env())
