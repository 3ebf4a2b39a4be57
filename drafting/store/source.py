"""Where workspace files are read from: the working tree, or a git commit (without a checkout)."""

from __future__ import annotations

import os
import posixpath
import stat
import subprocess
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, Self

from ..errors import DraftingError, RepositoryError
from ..vocab import TEXT_LIMIT_BYTES
from .git import Git, index_blobs


class Source(Protocol):
    def read(self, path: str) -> bytes | None:
        """The bytes of a workspace-relative file, or None if it does not exist."""

    def listdir(self, path: str) -> list[str]:
        """Sorted names in a workspace-relative folder ([] if it does not exist)."""


class UnsafeFile(DraftingError):
    """A workspace file that is not read: a symbolic link (inside the workspace nothing is followed),
    not a regular file, or over the size limit (checked before reading)."""


class DiskSource:
    """The working tree.  ``clean``: the caller has just checked that nothing under the workspace paths
    differs from git's index (see ``index_blobs``)."""

    def __init__(self, root: str | os.PathLike[str], *, clean: bool = False) -> None:
        self.root = Path(root)
        self._prefix = str(self.root).rstrip("/") + "/"
        self.clean = clean
        self._folders: dict[str, bool] = {}  # folder -> reached without a link

    def index_blobs(self) -> dict[str, bytes] | None:
        """Path -> git blob id of every file whose bytes are those git's index holds for it (so the
        parse cache can find what the file parses to without reading it); None when git cannot tell."""
        if not (self.root / ".git").is_dir():
            return None
        return index_blobs(self.root, clean=self.clean)

    def check(self, path: str) -> bool:
        """What ``read`` checks before reading, for a file whose content is known without reading it
        (found in the parse cache by its blob id): raises :class:`UnsafeFile` if it is a link, under a
        link, not a regular file or over the size limit; False if it is gone."""
        if "/" in path and self._folders.get(path.rpartition("/")[0]) is not True:
            self._check_folders(path)
        try:
            st = os.lstat(self._prefix + path)
        except OSError:
            return False
        if stat.S_ISLNK(st.st_mode):
            raise UnsafeFile(f"{path} is a symbolic link; drafting never follows links inside a "
                             f"workspace", path)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(f"{path} is not a regular file", path)
        if st.st_size > TEXT_LIMIT_BYTES:
            raise UnsafeFile(f"{path} is too large: {st.st_size:,} bytes; the limit for a workspace "
                             f"file is {TEXT_LIMIT_BYTES:,}", path)
        return True

    def _check_folders(self, path: str) -> None:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = "/".join(parts[:i])
            ok = self._folders.get(folder)
            if ok is None:
                try:
                    ok = self._folders[folder] = not stat.S_ISLNK(os.lstat(self._prefix + folder).st_mode)
                except OSError:
                    return  # missing: the open below says so
            if not ok:
                raise UnsafeFile(f"{folder} is a symbolic link; drafting never follows links inside a "
                                 f"workspace", folder)

    def read(self, path: str) -> bytes | None:
        # os.open/os.read on a string path: under half the time of Path.read_bytes, which counts when
        # 10,000 amendment files are read
        if "/" in path and self._folders.get(path.rpartition("/")[0]) is not True:
            self._check_folders(path)
        try:
            fd = os.open(self._prefix + path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as e:
            if os.path.islink(self._prefix + path):
                raise UnsafeFile(f"{path} is a symbolic link; drafting never follows links inside a "
                                 f"workspace", path) from None
            raise UnsafeFile(f"{path} cannot be read: {e.strerror}", path) from None
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                return None
            if not stat.S_ISREG(st.st_mode):
                raise UnsafeFile(f"{path} is not a regular file", path)
            if st.st_size > TEXT_LIMIT_BYTES:
                raise UnsafeFile(f"{path} is too large: {st.st_size:,} bytes; the limit for a workspace "
                                 f"file is {TEXT_LIMIT_BYTES:,}", path)
            chunks = []
            while chunk := os.read(fd, 65536):
                chunks.append(chunk)
        except IsADirectoryError:
            return None
        finally:
            os.close(fd)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def listdir(self, path: str) -> list[str]:
        try:
            return sorted(os.listdir(self.root / path))
        except (FileNotFoundError, NotADirectoryError):
            return []


class MemorySource:
    """Files held in a dict: for tests, and for the text a command is about to write."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def read(self, path: str) -> bytes | None:
        return self.files.get(path)

    def listdir(self, path: str) -> list[str]:
        prefix = path.rstrip("/") + "/"
        names = {p[len(prefix):].split("/", 1)[0] for p in self.files if p.startswith(prefix)}
        return sorted(names)


class GitSource:
    """The files of one commit, read from git objects without a checkout (a :class:`Source`).

    The tree is listed once; blobs are read through one long-running ``git cat-file --batch``.
    Close it (or use it as a context manager) to end that process; it also ends when garbage-collected.
    """

    def __init__(self, git: Git, commit: str, paths: Sequence[str] = ()) -> None:
        """``paths``: only the files under these (a text without its 10,000 amendments lists fast)."""
        self.commit = commit
        self.root = git.root
        self._git = git
        out = git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths).stdout
        self.blobs: dict[str, bytes] = {}  # path -> blob id
        self._dirs: dict[str, set[str]] = {"": set()}
        for rec in out.split(b"\0"):
            if not rec:
                continue
            meta, _, name = rec.partition(b"\t")
            mode, kind, sha = meta.split(b" ")
            if kind != b"blob" or mode == b"120000":  # submodules and symbolic links are not files
                continue
            path = name.decode("utf-8", "surrogateescape")
            self.blobs[path] = sha
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
        return sorted(self.blobs)

    def listdir(self, path: str) -> list[str]:
        norm = self._norm(path)
        return sorted(self._dirs.get(norm, ())) if norm is not None else []

    def read(self, path: str) -> bytes | None:
        norm = self._norm(path)
        sha = self.blobs.get(norm) if norm is not None else None
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
            sha = self.blobs.get(norm) if norm is not None else None
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
            self._proc = self._git.start_batch()
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
