"""Transactions: the file changes of one commit, written and committed together or not at all.

A transaction runs with the workspace lock held (``Repo.transaction`` takes it).  Before touching the
working tree it writes a journal, ``.git/drafting-transaction.json`` (the commit it starts from, the
blob ids it is writing, the folders it creates), so that a process killed half-way is undone -- or
found complete -- by ``recover`` the next time any drafting command takes the lock.  After the commit,
the new HEAD is checked to hold exactly the bytes written.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import DraftingError, RepositoryError
from . import atomic
from .git import INDEX_LOCK_MESSAGE, WORKSPACE_PATHS, Git, check_path
from .source import DiskSource, GitSource

JOURNAL_FILE = "drafting-transaction.json"

Old = Mapping[str, tuple[bytes | None, int | None]]  # path -> (content, permission bits) before


class Journal:
    """The crash journal of the transaction in progress (at most one: the lock is held)."""

    def __init__(self, git_dir: Path) -> None:
        self.path = git_dir / JOURNAL_FILE

    def write(self, base: str | None, new_ids: Mapping[str, str | None], new_dirs: Sequence[str] = ()) -> None:
        record = {"version": 1, "pid": os.getpid(), "base": base, "paths": dict(new_ids),
                  "new_dirs": list(new_dirs)}
        atomic.write_bytes(self.path, json.dumps(record, sort_keys=True).encode(), make_parents=False)

    def read(self) -> tuple[str | None, dict[str, str | None], list[str]] | None:
        """(base, new blob ids, new folders) of an interrupted transaction; None when there is none."""
        atomic.remove_leftovers(self.path)
        try:
            record = json.loads(self.path.read_bytes())
            base = record["base"]
            new_ids = {check_path(p): (None if b is None else str(b)) for p, b in record["paths"].items()}
            new_dirs = [check_path(d) for d in record.get("new_dirs", [])]
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError, DraftingError) as exc:
            raise RepositoryError(f"unreadable transaction journal {self.path}: {exc}") from exc
        return base, new_ids, new_dirs

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class Transaction:
    """The file changes of one commit, collected in memory and written only when the block ends."""

    def __init__(self, git: Git, journal: Journal, message: str, author: tuple[str, str],
                 committer: tuple[str, str], date: str | None, base: str | None, *, checked: bool = False) -> None:
        """``checked``: the workspace was found clean under the lock this transaction runs in, so that only
        the files it writes are checked again (unchanged since HEAD) before they are replaced."""
        self._checked = checked
        self._git = git
        self._journal = journal
        self._message = message
        self._author = author
        self._committer = committer
        self._date = date
        self._ops: dict[str, bytes | None] = {}
        self.base = base                    # HEAD when the transaction started (None: no commit yet)
        self.commit_sha: str | None = None  # set once the commit is made and verified
        self.signer: Any = None             # signs and checks the commit (see Repo.signer)

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
        return DiskSource(self._git.root).read(path)

    @property
    def paths(self) -> list[str]:
        return sorted(self._ops)

    # The steps below run with the workspace lock held (taken by Repo.transaction).

    def _commit(self) -> str:
        git, root = self._git, self._git.root
        if not self._ops:
            raise RepositoryError("nothing to commit")
        head = git.head()
        if head != self.base:
            raise RepositoryError(f"the repository changed during the command (HEAD moved from "
                                  f"{(self.base or 'nothing')[:12]} to {(head or 'nothing')[:12]}); nothing was "
                                  f"written, run the command again")
        outside = [p for p in self._ops if not _under(p, WORKSPACE_PATHS)]
        if not self._checked or outside:
            git.check_clean(list(WORKSPACE_PATHS) + outside)
        else:  # found clean under this lock: what matters now is that no one changed the files written
            git.check_busy()
        in_base = git.object_ids(self.base, list(self._ops)) if self.base else {}
        old: dict[str, tuple[bytes | None, int | None]] = {}
        changes: dict[str, bytes | None] = {}
        unlike_head = False
        for path, new in self._ops.items():
            before, mode = _read_plain_file(root, path)
            if before is not None and in_base.get(path) is None:
                raise RepositoryError(f"{path} exists but git ignores it; refusing to overwrite it")
            unlike_head = unlike_head or (None if before is None else git.blob_id(before)) != in_base.get(path)
            if new != before:
                old[path], changes[path] = (before, mode), new
        if self._checked and unlike_head:
            # changed since it was checked, or stored converted (.gitattributes): git tells which
            git.check_clean(list(WORKSPACE_PATHS))
        if not changes:
            raise RepositoryError("nothing to commit")
        key = None
        if self.signer is not None:  # who may make this commit is checked before anything is written
            self.signer.guard({p: (old[p][0], d) for p, d in changes.items()}, self._message)
            key = self.signer.signing_key()
        paths = sorted(changes)
        new_ids = {p: (None if d is None else git.blob_id(d)) for p, d in changes.items()}
        # Content staged by hand outside our paths must stay out of the commit: then (only) commit with
        # --only and our paths, which is slower on thousands of paths (pathspec matching).
        if head is None:
            others_staged = bool(git("ls-files", "--cached", "-z").stdout)
        else:  # HEAD is ``head``: checked above, under the lock
            others_staged = git("diff-index", "--cached", "--quiet", head, "--", check=False).returncode != 0
        new_dirs = _missing_dirs(root, [p for p, d in changes.items() if d is not None])
        self._journal.write(self.base, new_ids, new_dirs)
        try:
            atomic.write_many({root / p: (d, old[p][1]) for p, d in changes.items() if d is not None})
            for path in paths:
                if changes[path] is None:
                    atomic.remove(root / path)
            listing = b"".join(os.fsencode(p) + b"\0" for p in paths)
            git("update-index", "--add", "--remove", "-z", "--stdin", input=listing)
            # the message goes through a file: on the command line a long one (a big concordance)
            # would exceed the system's argument limit
            message_file = git.git_dir / "DRAFTING_COMMIT_MSG"
            message_file.write_bytes(self._message.encode("utf-8"))  # scratch: rewritten every commit
            commit = ["-c", "gc.auto=0", "-c", "maintenance.auto=false", "commit", "--quiet",
                      "--untracked-files=no", "--cleanup=verbatim", f"--file={message_file}"]
            if key is not None:  # signed with the acting person's SSH key (user.signingkey)
                commit[4:4] = ["-c", "gpg.format=ssh"]
                commit.append(f"--gpg-sign={key}")
            if others_staged:
                commit += ["--only", "--pathspec-from-file=-", "--pathspec-file-nul"]
            try:
                git(*commit, input=listing if others_staged else None,
                    env=git.identity_env(self._author, self._committer, self._date))
            finally:
                message_file.unlink(missing_ok=True)
        except BaseException as exc:
            interrupted = exc if not isinstance(exc, Exception) else None
            if git.head() == self.base:
                try:
                    undo(git, self._journal, self.base, new_ids, old, new_dirs)
                except DraftingError as undo_exc:
                    raise RepositoryError(f"{_reason(exc)}; the workspace could not be restored: "
                                          f"{undo_exc.message}") from exc
                self._journal.remove()
                if isinstance(exc, (DraftingError, OSError)):
                    raise RepositoryError(f"nothing was committed: {_reason(exc)}") from exc
                raise
            # git reported a failure (or we were interrupted) after the commit landed: verify it below.
        else:
            interrupted = None
        # the new HEAD and its first parent in one process
        landed = git("rev-list", "--parents", "--max-count=1", "HEAD", "--", check=False).stdout.decode().split()
        sha = landed[0] if landed else git.head()
        assert sha is not None
        verify(git, sha, self.base, changes, parent=landed[1] if len(landed) > 1 else None)
        self._journal.remove()
        for path in paths:  # as `git rm` does, drop folders that deleting files has emptied
            if changes[path] is None:
                _remove_empty_parents(root, path)
        self.commit_sha = sha
        if interrupted is not None:  # Ctrl-C after the commit landed: it is complete, then stop
            raise interrupted
        return sha


# ------------------------------------------------------------------------------------ crash recovery

def recover(git: Git, journal: Journal) -> None:
    """Finish or undo the transaction the journal records, if any (the lock must be held)."""
    found = journal.read()
    if found is None:
        return
    base, new_ids, new_dirs = found
    head = git.head()
    if head == base:
        undo(git, journal, base, new_ids, None, new_dirs)  # the commit never landed
    elif head is not None and git.object_ids(head, list(new_ids)) != new_ids:
        # HEAD moved without the commit (a `git pull` after the kill): what the killed command wrote
        # and HEAD does not hold goes back to HEAD's content; a file edited since stays as it is
        ours = {}
        in_head = git.object_ids(head, list(new_ids))
        for path, new in new_ids.items():
            current, _ = _read_plain_file(git.root, path)
            written = (current is None and new is None) or (
                current is not None and new is not None and git.blob_id(current) == new)
            if written and in_head.get(path) != new:
                ours[path] = new
        if ours:
            undo(git, journal, head, ours, None, new_dirs)
    else:
        for path in new_ids:  # it did (or someone committed since): nothing to undo
            atomic.remove_leftovers(git.root / path)
    journal.remove()


def undo(git: Git, journal: Journal, base: str | None, new_ids: Mapping[str, str | None], old: Old | None,
         new_dirs: Sequence[str] = ()) -> None:
    """Put the given paths back as they were: file content (from ``old``, else from ``base``) and
    index entries (from ``base``).  ``new_ids`` are the blob ids the transaction was writing (None:
    deleting); without ``old``, a file holding anything but its old or its new content is left
    alone and reported, since someone has edited it since."""
    root = git.root
    paths = sorted(new_ids)
    if old is None:
        previous: dict[str, bytes | None] = dict.fromkeys(paths)
        if base is not None:
            with GitSource(git, base) as src:
                previous = src.read_many(paths)
        rebuilt: dict[str, tuple[bytes | None, int | None]] = {}
        edited = []
        for path in paths:
            current, mode = _read_plain_file(root, path)
            new = new_ids[path]
            if not (current == previous[path] or (current is None and new is None)
                    or (current is not None and new is not None and git.blob_id(current) == new)):
                edited.append(path)
            rebuilt[path] = (previous[path], mode)
        if edited:
            raise RepositoryError(f"an interrupted drafting command left changes that have since been "
                                  f"edited: {', '.join(edited)}; check them, then delete {journal.path}")
        old = rebuilt
    for path in paths:
        before, mode = old[path]
        atomic.remove_leftovers(root / path)
        if before is None:
            atomic.remove(root / path)
        elif _read_plain_file(root, path)[0] != before:
            atomic.write_bytes(root / path, before, mode=mode)
    for folder in new_dirs:
        _prune_empty(root, folder)
    if (git.git_dir / "index.lock").exists():
        raise RepositoryError(INDEX_LOCK_MESSAGE)
    pathspec = b"".join(os.fsencode(p) + b"\0" for p in paths)
    if base is None:
        git("rm", "--cached", "--quiet", "--ignore-unmatch", "--pathspec-from-file=-", "--pathspec-file-nul",
            input=pathspec)
    else:
        git("reset", "--quiet", base, "--pathspec-from-file=-", "--pathspec-file-nul", input=pathspec)


def verify(git: Git, sha: str, base: str | None, changes: Mapping[str, bytes | None],
           parent: str | None = None) -> None:
    """Check that commit ``sha`` sits on ``base`` and holds exactly ``changes`` (``parent``: its first
    parent, when the caller has it)."""
    problems = []
    if base is not None:
        if parent is None:
            parent = git.rev_parse(f"{sha}^1")
        if parent != base:
            problems.append(f"its parent is {parent} instead of {base}")
    found = git.object_ids(sha, list(changes))
    for path, data in changes.items():
        blob = found.get(path)
        if data is None:
            if blob is not None:
                problems.append(f"{path} is still present")
        elif blob is None:
            problems.append(f"{path} is missing")
        elif blob != git.blob_id(data):
            # The repository may convert content on the way in (.gitattributes eol/filters).
            converted = git("hash-object", f"--path={path}", "--stdin", input=data).stdout.decode()
            if converted.strip() != blob:
                problems.append(f"{path} differs from what was written")
    if problems:
        raise RepositoryError(f"commit {sha[:12]} was made but does not hold what was written: "
                              f"{'; '.join(problems)}")


# ------------------------------------------------------------------------------------ the work tree

def _read_plain_file(root: Path, path: str) -> tuple[bytes | None, int | None]:
    """Bytes and permission bits of a regular file in the work tree, refusing symbolic links on the
    way (they could lead out of the repository)."""
    current = root
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


def _missing_dirs(root: Path, paths: Sequence[str]) -> list[str]:
    """The topmost folders that writing ``paths`` will create."""
    missing: set[str] = set()
    for path in paths:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            if not (root / folder).exists():
                missing.add(folder)
                break
    return sorted(missing)


missing_dirs = _missing_dirs  # also for sync, which moves the working tree through the same journal


def _prune_empty(root: Path, folder: str) -> None:
    """Remove ``folder`` and the folders inside it if they hold no files (never removes a file)."""
    top = root / folder
    if top.is_symlink() or not top.is_dir():
        return
    for current, _dirs, _files in os.walk(top, topdown=False):
        try:
            os.rmdir(current)
        except OSError:
            pass


def _remove_empty_parents(root: Path, path: str) -> None:
    parts = path.split("/")[:-1]
    while parts:
        try:
            os.rmdir(root.joinpath(*parts))
        except OSError:
            return
        parts.pop()


def _under(path: str, scopes: Sequence[str]) -> bool:
    return any(path == s or path.startswith(s + "/") for s in scopes)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DraftingError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return type(exc).__name__
