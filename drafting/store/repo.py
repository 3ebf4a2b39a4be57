"""The git workspace: read any commit without a checkout, commit a set of file changes with trailers,
tag issued versions.

``Repo`` is the facade the rest of drafting uses.  Behind it: the git process adapter (``git``: every
git call, with a fixed argument list), the workspace lock (``lock``: an exclusive ``flock`` on
``.git/drafting.lock`` serialising every write) and transactions with their crash journal
(``transaction``: what a process killed half-way left is undone, or found complete, the next time any
drafting command takes the lock).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RepositoryError, UsageError
from ..vocab import ID_PATTERN
from . import atomic
from .git import (
    CONTROL,
    DRAFTING_IDENTITY,
    Git,
    base_env,
    check_identity,
    check_path,
    commit_message,
    git_error,
    run_git,
)
from .lock import LOCK_FILE, LOCK_TIMEOUT, process_lock
from .source import DiskSource, GitSource
from .transaction import Journal, Transaction, recover

TAG_PREFIX = "version/"
_LOG_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%s%x00%b%x00%(trailers:only,unfold)"
_LOG_FIELDS = 11


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """One commit as ``git log`` shows it."""

    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    date: str                       # author date, strict ISO 8601 (2024-09-25T10:00:00+02:00)
    committer_name: str
    committer_email: str
    committer_date: str
    subject: str
    body: str                       # the message after the subject line, trailers included
    trailers: dict[str, list[str]]  # {"Amendment": ["rev1-BRA-003"], ...}, in message order
    paths: tuple[str, ...]          # every path the commit changed (against its first parent)


# -------------------------------------------------------------------------------------------- repo

class Repo:
    """A drafting workspace: the root of a git work tree."""

    lock_timeout: float = LOCK_TIMEOUT

    def __init__(self, root: Path, git_dir: Path, common_dir: Path, object_format: str) -> None:
        self.root = root
        self.git_dir = git_dir
        self.common_dir = common_dir
        self.object_format = object_format
        self.git = Git(root, git_dir, common_dir, object_format)
        self.journal = Journal(git_dir)
        self._depth = 0  # how deep this process holds the lock
        self._checked = False  # the workspace was found clean since the lock was taken
        # who commits (set by the workflow layer): committer(fallback), signing_key(), and
        # guard(changes, message), which refuses a commit the acting person's key may not make
        self.signer: Any = None

    # ---- opening

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Repo:
        """The repository whose work tree root is ``path`` (UsageError if it is not one, or git is missing)."""
        where = Path(path).absolute()
        if not where.is_dir():
            raise UsageError(f"not a git repository: {path} (no such folder)")
        proc = run_git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir",
                         "--git-common-dir", "--show-object-format"], where, base_env())
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace")
            if "not a git repository" in err:
                raise UsageError(f"not a git repository: {path}")
            raise UsageError(f"not a usable git work tree: {path}: {git_error(['rev-parse'], proc)}")
        top, git_dir, common, fmt = proc.stdout.decode("utf-8", "surrogateescape").splitlines()[:4]
        if os.path.realpath(top) != os.path.realpath(where):
            raise UsageError(f"{path} is inside the git repository {top} but is not its root")
        return cls(Path(top), Path(git_dir), Path(common), fmt.strip() or "sha1")

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> Repo:
        """Create (or re-initialise) a git repository at ``path`` with the initial branch ``main``."""
        where = Path(path).absolute()
        atomic.make_dirs(where)
        proc = run_git(["init", "--quiet", "--initial-branch=main", "--", str(where)], where, base_env())
        if proc.returncode != 0:
            raise RepositoryError(git_error(["init"], proc))
        return cls.open(where)

    # ---- state

    def head(self) -> str | None:
        """The commit HEAD points to, or None in a repository without commits."""
        return self.git.head()

    def dirty_paths(self, paths: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(git status code, path) of every uncommitted change under ``paths`` (default: the workspace
        files negotiation.yaml, drafts/, amendments/): staged, unstaged and untracked files."""
        return self.git.dirty_paths(paths)

    def is_dirty(self, paths: Sequence[str] | None = None) -> bool:
        """Whether the workspace files (or ``paths``) have uncommitted changes or untracked files."""
        return bool(self.git.dirty_paths(paths))

    def check_clean(self, paths: Sequence[str] | None = None) -> None:
        """Refuse (RepositoryError) a stale index.lock, a merge or rebase in progress, or uncommitted
        changes under ``paths`` (default: the workspace files).  Never resets or cleans anything."""
        self.git.check_clean(paths)
        if paths is None and self._depth:
            self._checked = True  # a transaction under this lock need not ask git again

    # ---- writing

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the exclusive workspace lock (re-entrant within a thread).  Taking it first finishes or
        undoes a transaction that a killed process left half done."""
        plock = process_lock(self.common_dir / LOCK_FILE)
        outermost = plock.acquire(self.lock_timeout if timeout is None else timeout)
        self._depth += 1
        try:
            if outermost:
                self._checked = False
                recover(self.git, self.journal)
            yield
        finally:
            self._depth -= 1
            if not self._depth:
                self._checked = False
            plock.release()

    def recover(self) -> None:
        """Finish or undo a transaction interrupted by a crash (also done by every :meth:`lock`)."""
        with self.lock():
            pass

    @contextmanager
    def transaction(self, message: str, author: tuple[str, str],
                    trailers: Mapping[str, str | Sequence[str]] | None = None, *,
                    committer: tuple[str, str] | None = None, date: str | None = None,
                    timeout: float | None = None) -> Iterator[Transaction]:
        """Collect file writes and commit them as one commit, or change nothing.

        The lock is held for the whole block, so what the block reads is what it changes.  When the block
        ends without an exception the files are written atomically, exactly those paths are committed
        (other staged changes stay staged and out of the commit) with ``author`` and ``committer``
        (default: the fixed "drafting" identity, independent of git config), the message ends with the
        trailers, and the new HEAD is checked to hold exactly the written bytes; ``tx.commit_sha`` is then
        set.  On failure the files and the index are restored and RepositoryError is raised.
        ``date`` (any git date format) sets the author and committer dates.
        """
        text = commit_message(message, trailers)
        who = check_identity(author, "author")
        if committer is None and self.signer is not None:
            committer = self.signer.committer(DRAFTING_IDENTITY)
        by = check_identity(committer or DRAFTING_IDENTITY, "committer")
        with self.lock(timeout):
            checked = self._checked
            if not checked:
                self.check_clean()
            tx = Transaction(self.git, self.journal, text, who, by, date, self.head(), checked=checked)
            tx.signer = self.signer
            yield tx
            tx._commit()

    # ---- versions and refs

    def resolve(self, ref: str) -> str:
        """The commit sha for ``version/<id>``, a bare version id that has a tag, a sha, a branch or HEAD.

        A version id wins over a branch or abbreviated sha of the same spelling."""
        if not isinstance(ref, str) or not ref or ref.startswith("-") or any(ch in CONTROL for ch in ref):
            raise UsageError(f"invalid version or revision: {ref!r}")
        if ref.startswith(TAG_PREFIX):
            vid = ref[len(TAG_PREFIX):]
            if not ID_PATTERN.match(vid):
                raise UsageError(f"invalid version id: {vid!r}")
            sha = self.git.rev_parse(f"refs/tags/{TAG_PREFIX}{vid}")
            if sha is None:
                raise UsageError(f"unknown version: {vid} (no tag {TAG_PREFIX}{vid})")
            return sha
        if ID_PATTERN.match(ref):
            sha = self.git.rev_parse(f"refs/tags/{TAG_PREFIX}{ref}")
            if sha is not None:
                return sha
        sha = self.git.rev_parse(ref)
        if sha is None:
            raise UsageError(f"unknown version or revision: {ref!r}")
        return sha

    def version_tags(self) -> dict[str, str]:
        """Issued versions: version id -> commit sha, oldest tag first."""
        return self.git.version_tags()

    def tag_version(self, version_id: str, message: str, *, ref: str = "HEAD",
                    tagger: tuple[str, str] | None = None, date: str | None = None) -> str:
        """Create the annotated tag ``version/<id>`` on ``ref`` (default HEAD); return the commit sha."""
        if not isinstance(version_id, str) or not ID_PATTERN.match(version_id):
            raise UsageError(f"invalid version id: {version_id!r} (expected [a-z0-9][a-z0-9-]*)")
        text = commit_message(message)
        who = check_identity(tagger or DRAFTING_IDENTITY, "tagger")
        name = f"{TAG_PREFIX}{version_id}"
        with self.lock():
            if ref == "HEAD" and self.head() is None:
                raise RepositoryError("nothing to tag: the repository has no commits yet")
            target = self.resolve(ref)
            existing = self.git.rev_parse(f"refs/tags/{name}")
            if existing is not None:
                raise RepositoryError(f"version {version_id} already exists: tag {name} is on commit {existing[:12]}")
            self.git("tag", "--annotate", "--cleanup=verbatim", "--file=-", "--", name, target,
                      input=text.encode(), env=self.git.identity_env(who, who, date))
            if self.git.rev_parse(f"refs/tags/{name}") != target:
                raise RepositoryError(f"tag {name} was created but does not point to {target[:12]}")
        return target

    # ---- reading

    def source_at(self, ref: str, paths: Sequence[str] = ()) -> GitSource:
        """The workspace files as they were at ``ref`` (see :meth:`resolve`), without a checkout; with
        ``paths``, only the files under them."""
        return GitSource(self.git, self.resolve(ref), paths)

    def worktree(self) -> DiskSource:
        """The workspace files as they are on disk."""
        return DiskSource(self.root)

    def log(self, paths: Sequence[str] | None = None, max_count: int | None = None,
            rev: str | None = None) -> list[CommitInfo]:
        """Commits reachable from ``rev`` (default HEAD), newest first; with ``paths``, only those that
        changed one of them (their ``paths`` field still lists everything the commit changed)."""
        start = self.resolve(rev) if rev is not None else self.head()
        if start is None:
            return []
        return self._log([start], paths, max_count)

    def file_history(self, path: str, max_count: int | None = None) -> list[CommitInfo]:
        """The commits that changed ``path``, newest first."""
        return self.log([check_path(path)], max_count)

    def commits_between(self, a: str | None, b: str = "HEAD",
                        paths: Sequence[str] | None = None) -> list[CommitInfo]:
        """Commits reachable from ``b`` but not from ``a`` (``a`` None: all of them), OLDEST first."""
        end = self.resolve(b)
        revs = [end] if a is None else [f"{self.resolve(a)}..{end}"]
        return self._log(revs, paths, None, reverse=True)

    def log_naming(self, trailers: Mapping[str, set[str]], paths: Sequence[str]) -> list[CommitInfo]:
        """The commits reachable from HEAD, newest first, that have one of ``trailers`` (key -> the
        values looked for) and changed one of ``paths``.  The trailers are read first, for every commit
        but without its changes (a commit adding one file to a folder of 10,000 amendments lists
        10,000-entry trees); the changes only for the commits they name."""
        if self.head() is None:
            return []
        out = self.git("log", "-z", "--format=%H%x00%(trailers:only,unfold)", "--end-of-options", "HEAD",
                       "--").stdout.decode("utf-8", "replace")
        named = []
        fields = out.split("\0")
        for sha, text in zip(fields[0::2], fields[1::2]):
            for line in text.splitlines():
                key, sep, value = line.partition(":")
                if sep and value.strip() in trailers.get(key.strip(), ()):
                    named.append(sha.strip())
                    break
        if not named:
            return []
        return self._log([], paths, None, stdin=named)

    def commits(self, shas: Sequence[str], paths: Sequence[str] | None = None) -> list[CommitInfo]:
        """Exactly the commits ``shas``, in that order; with ``paths``, those that changed one of them."""
        return self._log([], paths, None, stdin=shas) if shas else []

    def _log(self, revs: list[str], paths: Sequence[str] | None, max_count: int | None,
             reverse: bool = False, stdin: Sequence[str] = ()) -> list[CommitInfo]:
        args = ["log", "-z", "--name-only", "--no-renames", "--full-diff", "--diff-merges=first-parent",
                f"--format={_LOG_FORMAT}"]
        if max_count is not None:
            args.append(f"--max-count={int(max_count)}")
        if reverse:
            args.append("--reverse")
        if stdin:  # exactly these commits (no walk), in this order
            args += ["--no-walk=unsorted", "--stdin"]
        args += ["--end-of-options", *revs, "--", *(paths or ())]
        given = "".join(sha + "\n" for sha in stdin).encode("ascii") if stdin else None
        tokens = self.git(*args, input=given).stdout.split(b"\0")
        commits: list[CommitInfo] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.startswith(b"\x01") or i + _LOG_FIELDS > len(tokens):
                i += 1
                continue
            f = [t.decode("utf-8", "replace") for t in tokens[i:i + _LOG_FIELDS]]
            i += _LOG_FIELDS
            changed: list[str] = []
            while i < len(tokens) and not tokens[i].startswith(b"\x01"):
                name = tokens[i].lstrip(b"\n")
                if name:
                    changed.append(name.decode("utf-8", "surrogateescape"))
                i += 1
            trailers: dict[str, list[str]] = {}
            for line in f[10].splitlines():
                key, sep, value = line.partition(":")
                if sep:
                    trailers.setdefault(key.strip(), []).append(value.strip())
            commits.append(CommitInfo(
                sha=f[0][1:], parents=tuple(f[1].split()), author_name=f[2], author_email=f[3], date=f[4],
                committer_name=f[5], committer_email=f[6], committer_date=f[7], subject=f[8],
                body=f[9].strip(), trailers=trailers, paths=tuple(changed)))
        return commits
