"""The history as ``drafting audit`` reads it from git: every commit reachable from HEAD with the raw
changes it made (status and blob ids of each path, against its first parent), the files of a commit,
the version tags as git holds them, and blobs fetched in one ``git cat-file --batch`` run and parsed
on demand."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import DraftingError
from .derived import Derived
from .rawlog import cached_log
from .repo import TAG_PREFIX
from .yamlio import load_file

NULL = "0" * 40  # the blob id git gives a path that is absent on one side of a change


@dataclass
class Commit:
    sha: str
    parents: tuple[str, ...]
    subject: str
    trailers: dict[str, list[str]]
    # (status letter, path, old blob, new blob) for every path changed against the first parent
    changes: list[tuple[str, str, str, str]] = field(default_factory=list)

    def short(self) -> str:
        return f"commit {self.sha[:10]} ({self.subject})"

    def trailer(self, key: str) -> list[str]:
        return self.trailers.get(key, [])


def commits(repo: Any) -> list[Commit]:
    """Every commit reachable from HEAD, parents before children, with its raw changes (kept in the
    parse cache by commit id: see :func:`.rawlog.cached_log`)."""
    if repo.head() is None:
        return []
    log = cached_log(repo.git, repo.root, ["--end-of-options", "HEAD"], kind="commits")
    return [Commit(sha, parents, subject, {k: list(v) for k, v in trailers.items()},
                   [(m[4][:1], path, m[2], m[3]) for m, path in changes])
            for sha, parents, subject, trailers, changes in log]


def tree_files(repo: Any, commit: str) -> dict[str, str]:
    """Path -> blob id of every file in ``commit``."""
    files: dict[str, str] = {}
    for rec in repo.git("ls-tree", "-r", "-z", "--full-tree", commit).stdout.split(b"\0"):
        meta, _, name = rec.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob":
            files[name.decode("utf-8", "surrogateescape")] = fields[2].decode()
    return files


def version_tags(repo: Any) -> Iterator[tuple[str, str, str, str]]:
    """(version id, ref object type, ref object id, peeled commit or '') of every version/* tag."""
    out = repo.git("for-each-ref", "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)",
                    f"refs/tags/{TAG_PREFIX}").stdout.decode("utf-8", "replace")
    for line in out.splitlines():
        ref, kind, obj, peeled = (line.split("\0") + ["", "", ""])[:4]
        yield ref.removeprefix(f"refs/tags/{TAG_PREFIX}"), kind, obj, peeled


def _plain(value: Any) -> Any:
    """A parsed YAML value as plain dicts, lists and strings (for comparison)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Blobs:
    """Blob contents by id, parsed on demand.  What a blob parses to is kept in the parse cache under its
    id; the blobs not found there are fetched in one ``git cat-file --batch`` run."""

    def __init__(self, repo: Any, ids: set[str]) -> None:
        self.known = Derived(repo.root, "plain")
        wanted = sorted(b for b in ids if b and b != NULL and self.known.get(b) is None)
        self.data = dict(zip(wanted, repo.git.read_blobs(wanted)))
        self._parsed: dict[tuple[str, str], tuple[Any, str | None]] = {}
        weakref.finalize(self, self.known.save)

    def parsed(self, blob: str, path: str) -> tuple[Any, str | None]:
        """(plain parsed value, None) or (None, why it cannot be read)."""
        key = (blob, path)
        if key not in self._parsed:
            got = self.known.get(blob)
            if got is not None:
                self._parsed[key] = got
                return got
            data = self.data.get(blob)
            if data is None:
                self._parsed[key] = (None, f"blob {blob[:10]} is missing from the repository")
            else:
                try:
                    self._parsed[key] = (_plain(load_file(data, path)), None)
                except DraftingError as e:  # what a file holds, not where it is: the message names no path
                    self._parsed[key] = (None, e.message)
                self.known.put(blob, self._parsed[key])
        return self._parsed[key]
