"""Checking commits' SSH signatures.

git checks each signature (``%G?``) and names the key (``%GF``, its fingerprint); the principal is then
looked up here in the ``keys/allowed_signers`` that applies to the commit, so one check of a commit
serves every version of that file.  git is run with an empty allowed-signers file: a good signature
then reads ``U`` (good, principal not looked up), a bad one ``B``, none ``N``.

Each check runs ``ssh-keygen`` (some 25 ms a commit), so results are kept in
``<git dir>/drafting-signatures``:
a commit's signature is a fact about its immutable content.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CACHE_FILE = "drafting-signatures"
_FINAL = frozenset("GUBN")  # results that depend only on the commit (E: ssh-keygen missing, ...)

GitRunner = Callable[..., "subprocess.CompletedProcess[bytes]"]


@dataclass(frozen=True, slots=True)
class Signature:
    state: str  # good | bad | none | unchecked
    fingerprint: str  # of the key that made it ("" when none)
    letter: str  # git's %G? letter

    @property
    def good(self) -> bool:
        return self.state == "good"


def _interpret(letter: str, fingerprint: str) -> Signature:
    if letter in ("G", "U"):
        return Signature("good", fingerprint, letter)
    if letter == "B":
        return Signature("bad", fingerprint, letter)
    if letter == "N":
        return Signature("none", "", letter)
    return Signature("unchecked", fingerprint, letter)


class SignatureChecker:
    """Checks (and remembers) the signatures of commits in one repository."""

    def __init__(self, git: GitRunner, git_dir: Path | None) -> None:
        self._git = git
        self._cache_path = git_dir / CACHE_FILE if git_dir is not None else None
        self._known: dict[str, tuple[str, str]] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded or self._cache_path is None:
            self._loaded = True
            return
        self._loaded = True
        try:
            data = self._cache_path.read_bytes()
        except OSError:
            return
        for line in data.decode("ascii", "replace").splitlines():
            parts = line.split(" ")
            if len(parts) == 3 and len(parts[0]) >= 40 and parts[1] in _FINAL:
                self._known[parts[0]] = (parts[1], parts[2] if parts[2] != "-" else "")

    def _save(self, found: dict[str, tuple[str, str]]) -> None:
        if self._cache_path is None or not found:
            return
        lines = "".join(
            f"{sha} {letter} {fp or '-'}\n"
            for sha, (letter, fp) in found.items()
            if letter in _FINAL and " " not in fp
        )
        try:  # appends of a few lines: other processes appending at once do not interleave them
            fd = os.open(self._cache_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                os.write(fd, lines.encode("ascii"))
            finally:
                os.close(fd)
        except OSError:
            pass  # a read-only repository: the checks are simply made again next time

    def check(self, commits: Sequence[str]) -> dict[str, Signature]:
        """The signature of each commit."""
        self._load()
        todo = [c for c in dict.fromkeys(commits) if c not in self._known]
        if todo:
            found: dict[str, tuple[str, str]] = {}
            # two processes on a multi-core machine: each check waits on ssh-keygen
            chunks = [todo] if len(todo) < 40 else [todo[i::2] for i in range(2)]
            with tempfile.TemporaryDirectory(prefix="drafting-signers-") as tmp:
                empty = Path(tmp) / "allowed_signers"
                empty.write_bytes(b"")
                if len(chunks) == 1:
                    results = [self._run(chunks[0], empty)]
                else:
                    with ThreadPoolExecutor(len(chunks)) as pool:
                        results = list(pool.map(lambda ch: self._run(ch, empty), chunks))
            for part in results:
                found.update(part)
            self._known.update(found)
            self._save(found)
        return {c: _interpret(*self._known.get(c, ("E", ""))) for c in commits}

    def _run(self, commits: Sequence[str], signers_file: Path) -> dict[str, tuple[str, str]]:
        proc = self._git(
            "-c",
            f"gpg.ssh.allowedSignersFile={signers_file}",
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--format=%H%x00%G?%x00%GF",
            input="".join(f"{c}\n" for c in commits).encode(),
        )
        out: dict[str, tuple[str, str]] = {}
        for line in proc.stdout.decode("utf-8", "replace").splitlines():
            fields = line.split("\0")
            if len(fields) == 3 and fields[0]:
                out[fields[0]] = (fields[1] or "E", fields[2].strip())
        return out
