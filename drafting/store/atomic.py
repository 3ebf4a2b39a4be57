"""Crash-safe file writes: a reader (or a crash) sees the old file or the new one, never half of either.

The new bytes go to a temporary file in the same folder (so ``os.replace`` is an atomic rename on the
same file system), which is fsynced, renamed over the target, and the folder is fsynced so that the
rename itself survives a power cut.  Temporary files are named ``.<name>.<random>.drafting-tmp``; a
process killed mid-write can leave one behind, and :func:`remove_leftovers` deletes them.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

TMP_SUFFIX = ".drafting-tmp"


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (new, renamed or removed names) to disk.  Windows opens no folder as a
    file; its file systems journal a rename themselves."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: str | os.PathLike[str]) -> list[Path]:
    """Create a folder and its missing parents, fsyncing each parent; return the folders created."""
    target = Path(path)
    missing: list[Path] = []
    p = target
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    created: list[Path] = []
    for d in reversed(missing):
        try:
            d.mkdir()
        except FileExistsError:
            continue
        created.append(d)
        fsync_dir(d.parent)
    return created


def write_bytes(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None,
                make_parents: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    ``mode`` sets the permission bits; by default an existing file keeps its own and a new file gets
    ``0o666`` minus the umask, as ``open()`` would give it.
    """
    target = Path(path)
    folder = target.parent
    if make_parents:
        make_dirs(folder)
    if mode is None:
        mode = _existing_mode(target)
    tmp, fd = _temp_beside(target)
    try:
        try:
            _write_all(fd, data, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(folder)


def write_many(files: Mapping[str | os.PathLike[str], tuple[bytes, int | None]]) -> None:
    """Replace many files, each atomically, with far fewer waits on the disk than one
    :func:`write_bytes` each.

    ``files`` maps a path to ``(data, mode)`` (mode None: as in :func:`write_bytes`).  Every temporary
    file is written first, then each is fsynced (flushing after all writes lets the file system batch
    them), then all are renamed into place and each folder fsynced once.  A failure before the renames
    leaves every target untouched; a failure among the renames (rare: they need no space) leaves some
    files new and some old, each whole."""
    pending: list[tuple[Path, Path]] = []
    renamed = 0
    try:
        for path, (data, mode) in files.items():
            target = Path(path)
            make_dirs(target.parent)
            if mode is None:
                mode = _existing_mode(target)
            tmp, fd = _temp_beside(target)
            pending.append((tmp, target))
            try:
                _write_all(fd, data, mode)
            finally:
                os.close(fd)
        for tmp, _ in pending:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for tmp, target in pending:
            os.replace(tmp, target)
            renamed += 1
    except BaseException:
        for tmp, _ in pending[renamed:]:
            _unlink_quietly(tmp)
        raise
    for folder in {Path(p).parent for p in files}:
        fsync_dir(folder)


def _existing_mode(target: Path) -> int | None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None


def _temp_beside(target: Path) -> tuple[Path, int]:
    stem = target.name[:120]
    while True:
        tmp = target.parent / f".{stem}.{secrets.token_hex(6)}{TMP_SUFFIX}"
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue


def _write_all(fd: int, data: bytes, mode: int | None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    if mode is not None:
        os.fchmod(fd, mode)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def remove(path: str | os.PathLike[str]) -> bool:
    """Delete a file durably; return False if it did not exist."""
    target = Path(path)
    try:
        os.unlink(target)
    except FileNotFoundError:
        return False
    fsync_dir(target.parent)
    return True


def remove_leftovers(path: str | os.PathLike[str]) -> list[Path]:
    """Delete temporary files that an interrupted :func:`write_bytes` of ``path`` left beside it."""
    target = Path(path)
    removed: list[Path] = []
    try:
        names = os.listdir(target.parent)
    except (FileNotFoundError, NotADirectoryError):
        return removed
    pattern = re.compile(rf"\.{re.escape(target.name[:120])}\.[0-9a-f]{{12}}{re.escape(TMP_SUFFIX)}\Z")
    for name in names:
        if pattern.match(name):
            leftover = target.parent / name
            try:
                os.unlink(leftover)
                removed.append(leftover)
            except FileNotFoundError:
                pass
    if removed:
        fsync_dir(target.parent)
    return removed
