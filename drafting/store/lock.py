"""The workspace lock: one exclusive ``flock`` on ``.git/drafting.lock`` serialises every write.

Kept apart from git and transactions so that the locking primitive (POSIX ``flock`` here) can be
swapped for another platform's without touching them.  Within a process the lock is re-entrant for the
thread holding it; across processes it is exclusive.  Its file descriptor can be handed to child
processes (``inheritable_fds``), so that a ``git commit`` orphaned by a killed drafting process keeps
other drafting commands out until it exits.
"""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from pathlib import Path

from ..errors import RepositoryError

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

    def inheritable_fds(self) -> tuple[int, ...]:
        """The descriptors a child process started now should inherit: the lock's, when this thread
        holds it."""
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
