"""The workspace lock: one exclusive lock on ``.git/drafting.lock`` serialises every write.

Within a process the lock is re-entrant for the thread holding it; across processes it is exclusive, and
the operating system releases it when the process holding it dies, however it dies (so a killed command
never leaves the workspace locked).  The primitive is the platform's own:

* ``flock`` (Linux, macOS and the BSDs): the lock belongs to the open file, so its descriptor can be
  handed to child processes (``inheritable_fds``) and a ``git commit`` orphaned by a killed drafting
  process keeps other drafting commands out until it exits;
* ``msvcrt.locking`` on the file's first byte (Windows): held by the process; a git child orphaned by a
  kill does not hold it, and what it may leave behind (``.git/index.lock``) is refused by the next
  command with a clear message, never cleaned;
* ``os.lockf`` (a POSIX system whose Python lacks ``fcntl``): a POSIX record lock, held by the process.
"""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path
from typing import Callable

from ..errors import RepositoryError


def _primitive() -> tuple[str, Callable[[int], bool], Callable[[int], None]]:
    """(name, try_lock(fd) -> acquired, unlock(fd)) of the first primitive this platform has."""
    try:
        import fcntl
    except ImportError:
        pass
    else:
        def try_flock(fd: int) -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True
        return "flock", try_flock, lambda fd: fcntl.flock(fd, fcntl.LOCK_UN)
    try:
        import msvcrt
    except ImportError:
        pass
    else:
        def try_locking(fd: int) -> bool:
            os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks from the current position
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:  # EACCES or EDEADLOCK: held by another process
                return False
            return True

        def unlock_locking(fd: int) -> None:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return "msvcrt", try_locking, unlock_locking

    def try_lockf(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            os.lockf(fd, os.F_TLOCK, 1)
        except (BlockingIOError, PermissionError):
            return False
        return True

    def unlock_lockf(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        os.lockf(fd, os.F_ULOCK, 1)
    return "lockf", try_lockf, unlock_lockf


PRIMITIVE, _try_lock, _unlock = _primitive()
# only an flock is held by the open file itself, and so by a child process that inherits it
_SHARED_WITH_CHILDREN = PRIMITIVE == "flock"

LOCK_FILE = "drafting.lock"
LOCK_TIMEOUT = 60.0
BUSY_MESSAGE = "workspace busy: another drafting command is writing"


class ProcessLock:
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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as exc:
            self.mutex.release()
            raise RepositoryError(f"cannot open the lock file {self.path}: {exc.strerror}") from exc
        delay = 0.002
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                self.mutex.release()
                raise RepositoryError(f"{BUSY_MESSAGE} (waited {timeout:g} s for {self.path})")
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 1.5, 0.05)
        self.fd, self.depth, self.owner = fd, 1, threading.get_ident()
        return True

    def release(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            fd, self.fd, self.owner = self.fd, -1, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)
        self.mutex.release()

    def inheritable_fds(self) -> tuple[int, ...]:
        """The descriptors a child process started now should inherit: the lock's, when this thread
        holds it."""
        if not _SHARED_WITH_CHILDREN:
            return ()
        return (self.fd,) if self.owner == threading.get_ident() and self.fd >= 0 else ()


_LOCKS: dict[str, ProcessLock] = {}
_LOCKS_GUARD = threading.Lock()


def process_lock(path: Path) -> ProcessLock:
    """The one lock object of this process for the lock file ``path``."""
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        if key not in _LOCKS:
            _LOCKS[key] = ProcessLock(Path(key))
        return _LOCKS[key]
