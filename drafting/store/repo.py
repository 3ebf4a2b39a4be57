"""The git workspace: read any commit without a checkout, commit a set of file changes with trailers,
tag issued versions.

Every call runs the ``git`` program with a fixed argv: user-supplied revisions come after
``--end-of-options``, paths after ``--`` or through ``--pathspec-from-file`` (with literal pathspecs), and
ref names are built only from ids that match the id pattern.

Writes are serialised by an exclusive ``flock`` on ``.git/drafting.lock``.  A :meth:`Repo.transaction`
holds it from start to end; it writes a journal (``.git/drafting-transaction.json``) before touching the
working tree, so a process killed half-way is undone (or found complete) the next time any drafting
command takes the lock.  The lock's file descriptor is passed on to the git processes a transaction
starts, so a ``git commit`` orphaned by a killed drafting process still holds the lock until it exits.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import posixpath
import random
import stat
import subprocess
import threading
import time
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..errors import DraftingError, RepositoryError, UsageError
from ..vocab import ID_PATTERN
from . import atomic
from .source import DiskSource

WORKSPACE_PATHS = ("negotiation.yaml", "drafts", "amendments")
TAG_PREFIX = "version/"
DRAFTING_IDENTITY = ("drafting", "drafting@localhost")
LOCK_FILE = "drafting.lock"
JOURNAL_FILE = "drafting-transaction.json"
LOCK_TIMEOUT = 60.0

INDEX_LOCK_MESSAGE = ("stale .git/index.lock: another git process is running, or one crashed; "
                      "remove the file if no git command is running")
BUSY_MESSAGE = "workspace busy: another drafting command is writing"

_TRAILER_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"
_CONTROL = {chr(c) for c in range(32)} | {"\x7f"}
# Inherited variables that would point git at another repository, index or object store.
_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
             "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")
_IN_PROGRESS = (("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"), ("REVERT_HEAD", "a revert"),
                ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase or git am"))
_STATUS_WORDS = {"?": "untracked", "M": "modified", "A": "added", "D": "deleted", "T": "type changed",
                 "U": "unmerged", "R": "renamed", "C": "copied"}
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


# --------------------------------------------------------------------------------------------- lock

class _ProcessLock:
    """One flock per lock file per process, re-entrant for the thread holding it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mutex = threading.RLock()
        self.fd = -1
        self.depth = 0
        self.owner: int | None = None

    def acquire(self, timeout: float) -> bool:
        """Take the lock; True when this is the outermost acquisition in this process."""
        deadline = time.monotonic() + timeout
        if not self.mutex.acquire(timeout=max(timeout, 0.0)):
            raise RepositoryError(f"{BUSY_MESSAGE} (waited {timeout:g} s)")
        if self.depth:
            self.depth += 1
            return False
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            self.mutex.release()
            raise RepositoryError(f"cannot open the lock file {self.path}: {exc.strerror}") from exc
        delay = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    self.mutex.release()
                    raise RepositoryError(f"{BUSY_MESSAGE} (waited {timeout:g} s for {self.path})") from None
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.5, 0.05)
        self.fd, self.depth, self.owner = fd, 1, threading.get_ident()
        return True

    def release(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            fd, self.fd, self.owner = self.fd, -1, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        self.mutex.release()


_LOCKS: dict[str, _ProcessLock] = {}
_LOCKS_GUARD = threading.Lock()


def _process_lock(path: Path) -> _ProcessLock:
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        if key not in _LOCKS:
            _LOCKS[key] = _ProcessLock(Path(key))
        return _LOCKS[key]


# ------------------------------------------------------------------------------------------ helpers

def _git_error(args: Sequence[str], proc: subprocess.CompletedProcess[bytes]) -> str:
    text = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()
    lines = [ln.removeprefix("fatal: ").removeprefix("error: ") for ln in text.splitlines() if ln.strip()]
    return f"git {args[0]} failed: {'; '.join(lines) or f'exit status {proc.returncode}'}"


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _ENV_DROP}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_LITERAL_PATHSPECS="1", GIT_OPTIONAL_LOCKS="0",
               GIT_EDITOR=":", GIT_PAGER="cat")
    return env


def _run_git(args: Sequence[str], cwd: Path, env: Mapping[str, str], *, input: bytes | None = None,
             pass_fds: Sequence[int] = ()) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], check=False, cwd=cwd, env=env, input=input, capture_output=True,
                              stdin=None if input is not None else subprocess.DEVNULL, pass_fds=pass_fds)
    except FileNotFoundError as exc:
        if not cwd.is_dir():
            raise UsageError(f"not a git repository: {cwd} (no such folder)") from exc
        raise UsageError("git is not installed (no `git` program on PATH)") from exc


def check_path(path: str) -> str:
    """A workspace-relative file path, checked: relative, normalised, no ``..``, nothing inside ``.git``."""
    if not isinstance(path, str) or not path or any(ch in _CONTROL for ch in path) or "\\" in path:
        raise UsageError(f"invalid workspace path: {path!r}")
    parts = path.split("/")
    if (path.startswith("/") or posixpath.normpath(path) != path
            or any(p in ("", ".", "..") or p.lower() == ".git" for p in parts)):
        raise UsageError(f"invalid workspace path: {path!r}")
    return path


def _check_identity(who: tuple[str, str], what: str) -> tuple[str, str]:
    try:
        name, email = who
    except (TypeError, ValueError):
        raise UsageError(f"{what} must be a (name, email) pair, not {who!r}") from None
    for value in (name, email):
        if not isinstance(value, str) or any(ch in _CONTROL or ch in "<>" for ch in value):
            raise UsageError(f"invalid {what}: {who!r}")
    if not name.strip():
        raise UsageError(f"invalid {what}: the name is empty")
    return name, email


def commit_message(message: str, trailers: Mapping[str, str | Sequence[str]] | None = None) -> str:
    """``message`` + blank line + one ``Key: value`` line per trailer value (git interpret-trailers form)."""
    if not isinstance(message, str) or not message.strip() or "\0" in message:
        raise UsageError("a commit message is required")
    lines: list[str] = []
    for key, values in (trailers or {}).items():
        if not key or key[0] == "-" or any(ch not in _TRAILER_KEY for ch in key):
            raise UsageError(f"invalid trailer key: {key!r}")
        for value in [values] if isinstance(values, str) else list(values):
            if not isinstance(value, str) or not value.strip() or any(ch in _CONTROL for ch in value):
                raise UsageError(f"invalid value for trailer {key}: {value!r}")
            lines.append(f"{key}: {value.strip()}")
    text = "\n".join(ln.rstrip() for ln in message.strip().splitlines())
    return text + ("\n\n" + "\n".join(lines) if lines else "") + "\n"


def _describe(dirty: list[tuple[str, str]], limit: int = 12) -> str:
    shown = [f"{path} ({_STATUS_WORDS.get(code.strip()[:1] or code[:1], 'changed')})"
             for code, path in dirty[:limit]]
    more = f" and {len(dirty) - limit} more" if len(dirty) > limit else ""
    return ", ".join(shown) + more


def _under(path: str, scopes: Sequence[str]) -> bool:
    return any(path == s or path.startswith(s + "/") for s in scopes)


# ------------------------------------------------------------------------------------------- source

class GitSource:
    """The files of one commit, read from git objects without a checkout (a :class:`Source`).

    The tree is listed once; blobs are read through one long-running ``git cat-file --batch``.
    Close it (or use it as a context manager) to end that process; it also ends when garbage-collected.
    """

    def __init__(self, repo: Repo, commit: str) -> None:
        self.commit = commit
        self._repo = repo
        out = repo._git("ls-tree", "-r", "-z", "--full-tree", commit).stdout
        self._files: dict[str, bytes] = {}
        self._dirs: dict[str, set[str]] = {"": set()}
        for rec in out.split(b"\0"):
            if not rec:
                continue
            meta, _, name = rec.partition(b"\t")
            mode, kind, sha = meta.split(b" ")
            if kind != b"blob" or mode == b"120000":  # submodules and symbolic links are not files
                continue
            path = name.decode("utf-8", "surrogateescape")
            self._files[path] = sha
            parent = ""
            for part in path.split("/"):
                self._dirs.setdefault(parent, set()).add(part)
                parent = f"{parent}/{part}" if parent else part
        self._proc: subprocess.Popen[bytes] | None = None
        self._mutex = threading.Lock()
        self._finalizer: weakref.finalize[..., GitSource] | None = None

    @staticmethod
    def _norm(path: str) -> str | None:
        if path in ("", ".", "./", "/"):
            return ""
        norm = posixpath.normpath(path)
        if norm.startswith(("/", "../")) or norm == "..":
            return None
        return "" if norm == "." else norm

    def paths(self) -> list[str]:
        """Every file path in the commit, sorted."""
        return sorted(self._files)

    def listdir(self, path: str) -> list[str]:
        norm = self._norm(path)
        return sorted(self._dirs.get(norm, ())) if norm is not None else []

    def read(self, path: str) -> bytes | None:
        norm = self._norm(path)
        sha = self._files.get(norm) if norm is not None else None
        if sha is None:
            return None
        with self._mutex:
            proc = self._start()
            assert proc.stdin is not None
            proc.stdin.write(sha + b"\n")
            proc.stdin.flush()
            return self._answer(proc)

    def read_many(self, paths: Sequence[str]) -> dict[str, bytes | None]:
        """Several files at once, pipelined through the one cat-file process (much faster than read())."""
        result: dict[str, bytes | None] = {}
        wanted: list[tuple[str, bytes]] = []
        for path in paths:
            norm = self._norm(path)
            sha = self._files.get(norm) if norm is not None else None
            result[path] = None
            if sha is not None:
                wanted.append((path, sha))
        if not wanted:
            return result
        with self._mutex:
            proc = self._start()
            stdin = proc.stdin
            assert stdin is not None
            failure: list[BaseException] = []

            def feed() -> None:
                try:
                    stdin.write(b"".join(sha + b"\n" for _, sha in wanted))
                    stdin.flush()
                except OSError as exc:  # reported by the reader below
                    failure.append(exc)

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            try:
                for path, _ in wanted:
                    result[path] = self._answer(proc)
            finally:
                writer.join()
            if failure:
                raise RepositoryError(f"reading {self.commit[:12]} failed: {failure[0]}")
        return result

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            repo = self._repo
            self._proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo.root, env=repo._env,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.DEVNULL)
            self._finalizer = weakref.finalize(self, _end_process, self._proc)
        return self._proc

    def _answer(self, proc: subprocess.Popen[bytes]) -> bytes:
        assert proc.stdout is not None
        header = proc.stdout.readline()
        fields = header.split()
        if len(fields) != 3:
            raise RepositoryError(f"reading {self.commit[:12]} failed: git cat-file said {header!r}")
        size = int(fields[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        if len(data) != size:
            raise RepositoryError(f"reading {self.commit[:12]} failed: short read from git cat-file")
        return data

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._proc = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _end_process(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ------------------------------------------------------------------------------------- transaction

class Transaction:
    """The file changes of one commit, collected in memory and written only when the block ends."""

    def __init__(self, repo: Repo, message: str, author: tuple[str, str], committer: tuple[str, str],
                 date: str | None, base: str | None) -> None:
        self._repo = repo
        self._message = message
        self._author = author
        self._committer = committer
        self._date = date
        self._ops: dict[str, bytes | None] = {}
        self.base = base                    # HEAD when the transaction started (None: no commit yet)
        self.commit_sha: str | None = None  # set once the commit is made and verified

    def write(self, path: str, data: bytes) -> None:
        """Write ``data`` to the workspace-relative ``path`` (created or replaced)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("Transaction.write takes bytes")
        self._ops[check_path(path)] = bytes(data)

    def delete(self, path: str) -> None:
        """Delete the workspace-relative ``path``."""
        self._ops[check_path(path)] = None

    def read(self, path: str) -> bytes | None:
        """The file as this transaction would leave it."""
        path = check_path(path)
        if path in self._ops:
            return self._ops[path]
        return DiskSource(self._repo.root).read(path)

    @property
    def paths(self) -> list[str]:
        return sorted(self._ops)

    # The steps below run with the workspace lock held (taken by Repo.transaction).

    def _commit(self) -> str:
        repo = self._repo
        if not self._ops:
            raise RepositoryError("nothing to commit")
        head = repo.head()
        if head != self.base:
            raise RepositoryError(f"the repository changed during the command (HEAD moved from "
                                  f"{(self.base or 'nothing')[:12]} to {(head or 'nothing')[:12]}); nothing was "
                                  f"written, run the command again")
        repo.check_clean(list(WORKSPACE_PATHS) + [p for p in self._ops if not _under(p, WORKSPACE_PATHS)])
        in_base = repo._object_ids(self.base, list(self._ops)) if self.base else {}
        old: dict[str, tuple[bytes | None, int | None]] = {}
        changes: dict[str, bytes | None] = {}
        for path, new in self._ops.items():
            before, mode = repo._read_plain_file(path)
            if before is not None and in_base.get(path) is None:
                raise RepositoryError(f"{path} exists but git ignores it; refusing to overwrite it")
            if new != before:
                old[path], changes[path] = (before, mode), new
        if not changes:
            raise RepositoryError("nothing to commit")
        paths = sorted(changes)
        new_ids = _ids(repo, changes)
        # Content staged by hand outside our paths must stay out of the commit: then (only) commit with
        # --only and our paths, which is slower on thousands of paths (pathspec matching).
        others_staged = repo._anything_staged()
        new_dirs = repo._missing_dirs([p for p, d in changes.items() if d is not None])
        repo._write_journal(self.base, new_ids, new_dirs)
        try:
            atomic.write_many({repo.root / p: (d, old[p][1]) for p, d in changes.items() if d is not None})
            for path in paths:
                if changes[path] is None:
                    atomic.remove(repo.root / path)
            listing = b"".join(os.fsencode(p) + b"\0" for p in paths)
            repo._git("update-index", "--add", "--remove", "-z", "--stdin", input=listing)
            # the message goes through a file: on the command line a long one (a big concordance)
            # would exceed the system's argument limit
            message_file = repo.git_dir / "DRAFTING_COMMIT_MSG"
            message_file.write_bytes(self._message.encode("utf-8"))  # scratch: rewritten every commit
            commit = ["-c", "gc.auto=0", "-c", "maintenance.auto=false", "commit", "--quiet",
                      "--untracked-files=no", "--cleanup=verbatim", f"--file={message_file}"]
            if others_staged:
                commit += ["--only", "--pathspec-from-file=-", "--pathspec-file-nul"]
            try:
                repo._git(*commit, input=listing if others_staged else None,
                          env=repo._identity_env(self._author, self._committer, self._date))
            finally:
                message_file.unlink(missing_ok=True)
        except BaseException as exc:
            interrupted = exc if not isinstance(exc, Exception) else None
            if repo.head() == self.base:
                try:
                    repo._undo(self.base, new_ids, old, new_dirs)
                except DraftingError as undo_exc:
                    raise RepositoryError(f"{_reason(exc)}; the workspace could not be restored: "
                                          f"{undo_exc.message}") from exc
                repo._journal.unlink(missing_ok=True)
                if isinstance(exc, (DraftingError, OSError)):
                    raise RepositoryError(f"nothing was committed: {_reason(exc)}") from exc
                raise
            # git reported a failure (or we were interrupted) after the commit landed: verify it below.
        else:
            interrupted = None
        sha = repo.head()
        assert sha is not None
        repo._verify(sha, self.base, changes)
        repo._journal.unlink(missing_ok=True)
        for path in paths:  # as `git rm` does, drop folders that deleting files has emptied
            if changes[path] is None:
                repo._remove_empty_parents(path)
        self.commit_sha = sha
        if interrupted is not None:  # Ctrl-C after the commit landed: it is complete, then stop
            raise interrupted
        return sha


def _ids(repo: Repo, changes: Mapping[str, bytes | None]) -> dict[str, str | None]:
    return {p: (None if d is None else repo._blob_id(d)) for p, d in changes.items()}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DraftingError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return type(exc).__name__


# -------------------------------------------------------------------------------------------- repo

class Repo:
    """A drafting workspace: the root of a git work tree."""

    lock_timeout: float = LOCK_TIMEOUT

    def __init__(self, root: Path, git_dir: Path, common_dir: Path, object_format: str) -> None:
        self.root = root
        self.git_dir = git_dir
        self.common_dir = common_dir
        self.object_format = object_format
        self._env = _base_env()
        self._journal = git_dir / JOURNAL_FILE

    # ---- opening

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Repo:
        """The repository whose work tree root is ``path`` (UsageError if it is not one, or git is missing)."""
        where = Path(path).absolute()
        if not where.is_dir():
            raise UsageError(f"not a git repository: {path} (no such folder)")
        proc = _run_git(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir",
                         "--git-common-dir", "--show-object-format"], where, _base_env())
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace")
            if "not a git repository" in err:
                raise UsageError(f"not a git repository: {path}")
            raise UsageError(f"not a usable git work tree: {path}: {_git_error(['rev-parse'], proc)}")
        top, git_dir, common, fmt = proc.stdout.decode("utf-8", "surrogateescape").splitlines()[:4]
        if os.path.realpath(top) != os.path.realpath(where):
            raise UsageError(f"{path} is inside the git repository {top} but is not its root")
        return cls(Path(top), Path(git_dir), Path(common), fmt.strip() or "sha1")

    @classmethod
    def init(cls, path: str | os.PathLike[str]) -> Repo:
        """Create (or re-initialise) a git repository at ``path`` with the initial branch ``main``."""
        where = Path(path).absolute()
        atomic.make_dirs(where)
        proc = _run_git(["init", "--quiet", "--initial-branch=main", "--", str(where)], where, _base_env())
        if proc.returncode != 0:
            raise RepositoryError(_git_error(["init"], proc))
        return cls.open(where)

    # ---- running git

    def _git(self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None,
             check: bool = True) -> subprocess.CompletedProcess[bytes]:
        plock = _process_lock(self.common_dir / LOCK_FILE)
        # Children inherit the held lock, so that a git command outliving a killed drafting process
        # still keeps other drafting commands out until it is done.
        fds = (plock.fd,) if plock.owner == threading.get_ident() and plock.fd >= 0 else ()
        proc = _run_git(args, self.root, env or self._env, input=input, pass_fds=fds)
        if check and proc.returncode != 0:
            raise RepositoryError(_git_error(args, proc))
        return proc

    def _identity_env(self, author: tuple[str, str], committer: tuple[str, str],
                      date: str | None) -> dict[str, str]:
        env = dict(self._env, GIT_AUTHOR_NAME=author[0], GIT_AUTHOR_EMAIL=author[1],
                   GIT_COMMITTER_NAME=committer[0], GIT_COMMITTER_EMAIL=committer[1])
        if date is not None:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        return env

    def _rev_parse(self, rev: str) -> str | None:
        proc = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
                         check=False)
        if proc.returncode != 0:
            return None
        return proc.stdout.decode().strip() or None

    def _object_ids(self, commit: str, paths: Sequence[str]) -> dict[str, str | None]:
        """The blob id of each path in ``commit`` (None where absent or not a plain file)."""
        # One listing of the whole tree: `cat-file --batch-check` with <commit>:<path> is quadratic
        # in the size of a folder, and a folder may hold 10,000 amendments.
        listing: dict[bytes, bytes] = {}
        for rec in self._git("ls-tree", "-r", "-z", "--full-tree", commit).stdout.split(b"\0"):
            meta, _, name = rec.partition(b"\t")
            fields = meta.split(b" ")
            if len(fields) == 3 and fields[1] == b"blob" and fields[0] != b"120000":
                listing[name] = fields[2]
        result: dict[str, str | None] = {}
        for path in paths:
            blob = listing.get(os.fsencode(path))
            result[path] = blob.decode() if blob is not None else None
        return result

    def _blob_id(self, data: bytes) -> str:
        h = hashlib.new(self.object_format)
        h.update(b"blob %d\0" % len(data))
        h.update(data)
        return h.hexdigest()

    # ---- state

    def head(self) -> str | None:
        """The commit HEAD points to, or None in a repository without commits."""
        return self._rev_parse("HEAD")

    def dirty_paths(self, paths: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(git status code, path) of every uncommitted change under ``paths`` (default: the workspace
        files negotiation.yaml, drafts/, amendments/): staged, unstaged and untracked files."""
        scope = list(paths) if paths is not None else list(WORKSPACE_PATHS)
        out = self._git("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all",
                        "--ignore-submodules=all", "--", *scope).stdout
        return [(rec[:2].decode(), rec[3:].decode("utf-8", "surrogateescape"))
                for rec in out.split(b"\0") if len(rec) > 3]

    def is_dirty(self, paths: Sequence[str] | None = None) -> bool:
        """Whether the workspace files (or ``paths``) have uncommitted changes or untracked files."""
        return bool(self.dirty_paths(paths))

    def check_clean(self, paths: Sequence[str] | None = None) -> None:
        """Refuse (RepositoryError) a stale index.lock, a merge or rebase in progress, or uncommitted
        changes under ``paths`` (default: the workspace files).  Never resets or cleans anything."""
        if (self.git_dir / "index.lock").exists():
            raise RepositoryError(INDEX_LOCK_MESSAGE)
        for name, what in _IN_PROGRESS:
            if (self.git_dir / name).exists():
                raise RepositoryError(f"{what} is in progress in this repository; finish or abort it first")
        dirty = self.dirty_paths(paths)
        if dirty:
            raise RepositoryError(f"uncommitted changes in the workspace: {_describe(dirty)}; commit or "
                                  f"stash them first (drafting never discards changes)")

    # ---- writing

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the exclusive workspace lock (re-entrant within a thread).  Taking it first finishes or
        undoes a transaction that a killed process left half done."""
        plock = _process_lock(self.common_dir / LOCK_FILE)
        outermost = plock.acquire(self.lock_timeout if timeout is None else timeout)
        try:
            if outermost:
                self._recover()
            yield
        finally:
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
        who = _check_identity(author, "author")
        by = _check_identity(committer or DRAFTING_IDENTITY, "committer")
        with self.lock(timeout):
            self.check_clean()
            tx = Transaction(self, text, who, by, date, self.head())
            yield tx
            tx._commit()

    def _read_plain_file(self, path: str) -> tuple[bytes | None, int | None]:
        """Bytes and permission bits of a regular file in the work tree, refusing symbolic links on the
        way (they could lead out of the repository)."""
        current = self.root
        parts = path.split("/")
        for i, part in enumerate(parts):
            current = current / part
            try:
                st = os.lstat(current)
            except FileNotFoundError:
                return None, None
            if stat.S_ISLNK(st.st_mode):
                raise RepositoryError(f"{'/'.join(parts[:i + 1])} is a symbolic link; refusing to write through it")
            if i < len(parts) - 1 and not stat.S_ISDIR(st.st_mode):
                raise RepositoryError(f"{'/'.join(parts[:i + 1])} is a file, not a folder")
        if not stat.S_ISREG(st.st_mode):
            raise RepositoryError(f"{path} exists and is not a regular file")
        return current.read_bytes(), stat.S_IMODE(st.st_mode)

    def _anything_staged(self) -> bool:
        """Whether the index differs from HEAD (anything staged, anywhere)."""
        if self.head() is None:
            return bool(self._git("ls-files", "--cached", "-z").stdout)
        return self._git("diff-index", "--cached", "--quiet", "HEAD", "--", check=False).returncode != 0

    def _missing_dirs(self, paths: Sequence[str]) -> list[str]:
        """The topmost folders that writing ``paths`` will create."""
        missing: set[str] = set()
        for path in paths:
            parts = path.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                folder = "/".join(parts[:i])
                if not (self.root / folder).exists():
                    missing.add(folder)
                    break
        return sorted(missing)

    def _prune_empty(self, folder: str) -> None:
        """Remove ``folder`` and the folders inside it if they hold no files (never removes a file)."""
        top = self.root / folder
        if top.is_symlink() or not top.is_dir():
            return
        for current, _dirs, _files in os.walk(top, topdown=False):
            try:
                os.rmdir(current)
            except OSError:
                pass

    def _remove_empty_parents(self, path: str) -> None:
        parts = path.split("/")[:-1]
        while parts:
            try:
                os.rmdir(self.root.joinpath(*parts))
            except OSError:
                return
            parts.pop()

    def _write_journal(self, base: str | None, new_ids: Mapping[str, str | None],
                       new_dirs: Sequence[str] = ()) -> None:
        record = {"version": 1, "pid": os.getpid(), "base": base, "paths": dict(new_ids),
                  "new_dirs": list(new_dirs)}
        atomic.write_bytes(self._journal, json.dumps(record, sort_keys=True).encode(), make_parents=False)

    def _undo(self, base: str | None, new_ids: Mapping[str, str | None],
              old: Mapping[str, tuple[bytes | None, int | None]] | None, new_dirs: Sequence[str] = ()) -> None:
        """Put the given paths back as they were: file content (from ``old``, else from ``base``) and
        index entries (from ``base``).  ``new_ids`` are the blob ids the transaction was writing (None:
        deleting); without ``old``, a file holding anything but its old or its new content is left
        alone and reported, since someone has edited it since."""
        paths = sorted(new_ids)
        if old is None:
            previous: dict[str, bytes | None] = dict.fromkeys(paths)
            if base is not None:
                with self.source_at(base) as src:
                    previous = src.read_many(paths)
            rebuilt: dict[str, tuple[bytes | None, int | None]] = {}
            edited = []
            for path in paths:
                current, mode = self._read_plain_file(path)
                new = new_ids[path]
                if not (current == previous[path] or (current is None and new is None)
                        or (current is not None and new is not None and self._blob_id(current) == new)):
                    edited.append(path)
                rebuilt[path] = (previous[path], mode)
            if edited:
                raise RepositoryError(f"an interrupted drafting command left changes that have since been "
                                      f"edited: {', '.join(edited)}; check them, then delete {self._journal}")
            old = rebuilt
        for path in paths:
            before, mode = old[path]
            atomic.remove_leftovers(self.root / path)
            if before is None:
                atomic.remove(self.root / path)
            elif self._read_plain_file(path)[0] != before:
                atomic.write_bytes(self.root / path, before, mode=mode)
        for folder in new_dirs:
            self._prune_empty(folder)
        if (self.git_dir / "index.lock").exists():
            raise RepositoryError(INDEX_LOCK_MESSAGE)
        pathspec = b"".join(os.fsencode(p) + b"\0" for p in paths)
        if base is None:
            self._git("rm", "--cached", "--quiet", "--ignore-unmatch", "--pathspec-from-file=-",
                      "--pathspec-file-nul", input=pathspec)
        else:
            self._git("reset", "--quiet", base, "--pathspec-from-file=-", "--pathspec-file-nul", input=pathspec)

    def _recover(self) -> None:
        atomic.remove_leftovers(self._journal)
        try:
            record = json.loads(self._journal.read_bytes())
            base = record["base"]
            new_ids = {check_path(p): (None if b is None else str(b)) for p, b in record["paths"].items()}
            new_dirs = [check_path(d) for d in record.get("new_dirs", [])]
        except FileNotFoundError:
            return
        except (ValueError, KeyError, TypeError, AttributeError, DraftingError) as exc:
            raise RepositoryError(f"unreadable transaction journal {self._journal}: {exc}") from exc
        if self.head() == base:
            self._undo(base, new_ids, None, new_dirs)  # the commit never landed
        else:
            for path in new_ids:  # it did (or someone committed since): nothing to undo
                atomic.remove_leftovers(self.root / path)
        self._journal.unlink(missing_ok=True)

    def _verify(self, sha: str, base: str | None, changes: Mapping[str, bytes | None]) -> None:
        """Check that commit ``sha`` sits on ``base`` and holds exactly ``changes``."""
        problems = []
        if base is not None:
            parent = self._rev_parse(f"{sha}^1")
            if parent != base:
                problems.append(f"its parent is {parent} instead of {base}")
        found = self._object_ids(sha, list(changes))
        for path, data in changes.items():
            blob = found.get(path)
            if data is None:
                if blob is not None:
                    problems.append(f"{path} is still present")
            elif blob is None:
                problems.append(f"{path} is missing")
            elif blob != self._blob_id(data):
                # The repository may convert content on the way in (.gitattributes eol/filters).
                converted = self._git("hash-object", f"--path={path}", "--stdin", input=data).stdout.decode()
                if converted.strip() != blob:
                    problems.append(f"{path} differs from what was written")
        if problems:
            raise RepositoryError(f"commit {sha[:12]} was made but does not hold what was written: "
                                  f"{'; '.join(problems)}")

    # ---- versions and refs

    def resolve(self, ref: str) -> str:
        """The commit sha for ``version/<id>``, a bare version id that has a tag, a sha, a branch or HEAD.

        A version id wins over a branch or abbreviated sha of the same spelling."""
        if not isinstance(ref, str) or not ref or ref.startswith("-") or any(ch in _CONTROL for ch in ref):
            raise UsageError(f"invalid version or revision: {ref!r}")
        if ref.startswith(TAG_PREFIX):
            vid = ref[len(TAG_PREFIX):]
            if not ID_PATTERN.match(vid):
                raise UsageError(f"invalid version id: {vid!r}")
            sha = self._rev_parse(f"refs/tags/{TAG_PREFIX}{vid}")
            if sha is None:
                raise UsageError(f"unknown version: {vid} (no tag {TAG_PREFIX}{vid})")
            return sha
        if ID_PATTERN.match(ref):
            sha = self._rev_parse(f"refs/tags/{TAG_PREFIX}{ref}")
            if sha is not None:
                return sha
        sha = self._rev_parse(ref)
        if sha is None:
            raise UsageError(f"unknown version or revision: {ref!r}")
        return sha

    def version_tags(self) -> dict[str, str]:
        """Issued versions: version id -> commit sha, oldest tag first."""
        out = self._git("for-each-ref", "--sort=creatordate", "--format=%(refname)%00%(objecttype)%00"
                        "%(objectname)%00%(*objecttype)%00%(*objectname)", f"refs/tags/{TAG_PREFIX}").stdout
        tags: dict[str, str] = {}
        for line in out.decode("utf-8", "replace").splitlines():
            ref, kind, obj, peeled_kind, peeled = line.split("\0")
            vid = ref.removeprefix(f"refs/tags/{TAG_PREFIX}")
            if not ID_PATTERN.match(vid):
                continue
            if kind == "commit":
                tags[vid] = obj
            elif peeled_kind == "commit":
                tags[vid] = peeled
            elif (sha := self._rev_parse(ref)) is not None:
                tags[vid] = sha
        return tags

    def tag_version(self, version_id: str, message: str, *, ref: str = "HEAD",
                    tagger: tuple[str, str] | None = None, date: str | None = None) -> str:
        """Create the annotated tag ``version/<id>`` on ``ref`` (default HEAD); return the commit sha."""
        if not isinstance(version_id, str) or not ID_PATTERN.match(version_id):
            raise UsageError(f"invalid version id: {version_id!r} (expected [a-z0-9][a-z0-9-]*)")
        text = commit_message(message)
        who = _check_identity(tagger or DRAFTING_IDENTITY, "tagger")
        name = f"{TAG_PREFIX}{version_id}"
        with self.lock():
            if ref == "HEAD" and self.head() is None:
                raise RepositoryError("nothing to tag: the repository has no commits yet")
            target = self.resolve(ref)
            existing = self._rev_parse(f"refs/tags/{name}")
            if existing is not None:
                raise RepositoryError(f"version {version_id} already exists: tag {name} is on commit {existing[:12]}")
            self._git("tag", "--annotate", "--cleanup=verbatim", "--file=-", "--", name, target,
                      input=text.encode(), env=self._identity_env(who, who, date))
            if self._rev_parse(f"refs/tags/{name}") != target:
                raise RepositoryError(f"tag {name} was created but does not point to {target[:12]}")
        return target

    # ---- reading

    def source_at(self, ref: str) -> GitSource:
        """The workspace files as they were at ``ref`` (see :meth:`resolve`), without a checkout."""
        return GitSource(self, self.resolve(ref))

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

    def _log(self, revs: list[str], paths: Sequence[str] | None, max_count: int | None,
             reverse: bool = False) -> list[CommitInfo]:
        args = ["log", "-z", "--name-only", "--no-renames", "--full-diff", "--diff-merges=first-parent",
                f"--format={_LOG_FORMAT}"]
        if max_count is not None:
            args.append(f"--max-count={int(max_count)}")
        if reverse:
            args.append("--reverse")
        args += ["--end-of-options", *revs, "--", *(paths or ())]
        tokens = self._git(*args).stdout.split(b"\0")
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
