"""A workspace on disk as one command sees it: where it is, its git repository, its model at any
version, and the clock the command runs at."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, WorkspaceError
from ..model import Workspace
from .load import NEGOTIATION, load_workspace
from .source import DiskSource, GitSource, Source


def today() -> str:
    return dt.date.today().isoformat()


def date_or_today(date: str | None) -> str:
    """``date``, else ``DRAFTING_DATE`` from the environment, else today; an impossible date
    (2024-02-30) is refused."""
    from ..vocab import date_problem

    for value, what in ((date, "the date"), (os.environ.get("DRAFTING_DATE"), "DRAFTING_DATE")):
        if value:
            why = date_problem(value)
            if why is not None:
                raise UsageError(f"{what} {value!r}: {why}")
            return value
    return today()


def now() -> dt.datetime:
    fixed = os.environ.get("DRAFTING_NOW")  # reproducible drafts (tests, golden files)
    return dt.datetime.fromisoformat(fixed) if fixed else dt.datetime.now()


def find_root(start: str | Path | None) -> Path:
    """The workspace holding ``start``: the nearest folder upward with a negotiation.yaml."""
    here = Path(start or ".").resolve()
    if start is not None and not here.is_dir():
        raise UsageError(f"no such folder: {start}")
    for folder in (here, *here.parents):
        if (folder / NEGOTIATION).is_file():
            return folder
    raise UsageError(f"not a drafting workspace (no {NEGOTIATION} here or above): {here}")


def load_or_fail(source: Source, *, with_amendments: bool = True, index: bool = False) -> Workspace:
    ws, problems = load_workspace(source, with_amendments=with_amendments, index=index)
    if problems:
        raise WorkspaceError(problems)
    return ws


class Session:
    """One command's view of a workspace.  Reads are cached for the command's lifetime."""

    # what the workflow layer does to every repository it opens (the trust wing makes its commits the
    # acting person's: committer, signature, role check); the store itself knows nothing of it
    configure_repo: Callable[[Any], None] | None = None

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def find(cls, start: str | Path | None) -> Session:
        return cls(find_root(start))

    @cached_property
    def repo(self):  # type: ignore[no-untyped-def]
        from .repo import Repo
        repo = Repo.open(self.root)
        if Session.configure_repo is not None:
            Session.configure_repo(repo)
        return repo

    @cached_property
    def git(self):  # type: ignore[no-untyped-def]
        """git in the workspace, for reading: without the repository's writing machinery (``repo``)
        unless the command opened it already."""
        if "repo" not in self.__dict__:
            from .git import open_git
            git = open_git(self.root)
            if git is not None:
                return git
        return self.repo.git

    @cached_property
    def has_repo(self) -> bool:
        return (self.root / ".git").exists()

    @contextmanager
    def writing(self) -> Iterator[Workspace]:
        """Hold the workspace lock over a read-compute-write, refusing a dirty or locked working
        tree; yields the workspace as it stands, so that what is changed is what was read."""
        with self.repo.lock():
            self.repo.check_clean()
            yield self.load(clean=True)

    def load(self, *, with_amendments: bool = True, clean: bool = False, index: bool = False) -> Workspace:
        """The working tree's workspace; every reading problem raises.

        ``with_amendments=False``: without the amendments (none read, none checked), for commands that
        need only the text.  ``clean``: the working tree was just found to hold no uncommitted change.
        ``index``: fill the clause index with what the amendment files read name (:mod:`.refindex`)."""
        return load_or_fail(DiskSource(self.root, clean=clean), with_amendments=with_amendments, index=index)

    def load_raw(self, *, with_amendments: bool = True) -> tuple[Workspace, list[Problem]]:
        return load_workspace(DiskSource(self.root), with_amendments=with_amendments)

    def load_at(self, ref: str, *, with_amendments: bool = True) -> Workspace:
        """The workspace as it stood at a version id or git ref, read from git objects."""
        sha = self.resolve(ref)
        with GitSource(self.git, sha, () if with_amendments else ("negotiation.yaml", "drafts")) as source:
            ws, problems = load_workspace(source, with_amendments=with_amendments)
        if problems:
            raise WorkspaceError([Problem(f"{ref}:{p.path}", p.line, p.message) for p in problems])
        return ws

    def resolve(self, ref: str) -> str:
        if not self.has_repo:
            raise UsageError(f"{self.root} is not a git repository, so {ref!r} cannot be read")
        tags = self.version_tags
        if ref in tags:
            return tags[ref]
        return self.repo.resolve(ref)

    @cached_property
    def version_tags(self) -> dict[str, str]:
        return self.git.version_tags() if self.has_repo else {}

    def version_text(self, version_id: str) -> Workspace | None:
        """The text of an issued version (from its tag), or None if it was never tagged."""
        if version_id not in self.version_tags:
            return None
        return self._cache_at(version_id)

    def _cache_at(self, version_id: str) -> Workspace:
        cache = self.__dict__.setdefault("_versions", {})
        if version_id not in cache:
            # the text as issued: its clauses are what callers need, not the amendments of the time
            cache[version_id] = self.load_at(version_id, with_amendments=False)
        return cache[version_id]  # type: ignore[no-any-return]

    def base_of(self, ws: Workspace) -> Workspace | None:
        """The last issued version's text (the base of display numbers), if it was tagged."""
        last = ws.last_version
        return self.version_text(last.id) if last is not None else None

    def bases(self, ws: Workspace) -> Mapping[str, Workspace]:
        """The issued text of every version amendments were written against, each read from git when
        first looked up (a check of open amendments needs the last version's, not the five before)."""
        return _Bases(self, sorted({a.version for a in ws.amendments if a.version in self.version_tags}))


class ClauseIds(Mapping[str, tuple[str, ...]]):
    """Version id -> the ids of its issued text's clauses, kept in the parse cache under the tag's commit
    (a fact about git objects: :mod:`.derived`), so that a check that needs only them does not read the
    text.  ``save`` writes what was learnt."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._memo: Any = None
        self._known: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, vid: str) -> tuple[str, ...]:
        if vid in self._known:
            return self._known[vid]
        sha = self._session.version_tags.get(vid)
        if sha is None:
            raise KeyError(vid)
        if self._memo is None:
            from .derived import Derived
            self._memo = Derived(self._session.root, "clause-ids")
        got = self._memo.get(sha)
        if got is None:
            got = tuple(p.clause.id for p in self._session._cache_at(vid).placements())
            self._memo.put(sha, got)
        self._known[vid] = got
        return got  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._session.version_tags)

    def __len__(self) -> int:
        return len(self._session.version_tags)

    def save(self) -> None:
        if self._memo is not None:
            self._memo.save()


class _Bases(Mapping[str, Workspace]):
    """Version id -> its issued text, loaded on first access (see ``Session.bases``)."""

    def __init__(self, session: Session, versions: list[str]) -> None:
        self._session = session
        self._versions = versions

    def __getitem__(self, vid: str) -> Workspace:
        if vid not in self._versions:
            raise KeyError(vid)
        got = self._session.version_text(vid)
        if got is None:
            raise KeyError(vid)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._versions)

    def __len__(self) -> int:
        return len(self._versions)
