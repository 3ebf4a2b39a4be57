"""Parsing many files on two cores: a fresh clone has 10,000 amendment files and no parse cache, and their
YAML is most of its first command's time.  Parsing is pure (bytes in, model and problems out), so half the
files go to one forked process while this one parses the other half; the results are the same objects,
in the same order, as parsing them here one by one would give."""

from __future__ import annotations

import os
import io
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .cache import _Pickler, _Unpickler

Job = tuple[Callable[[bytes], Any], bytes]
MIN_JOBS = 400  # below this a fork costs more than it saves


def _usable() -> bool:
    """Fork only where it is safe and pays: two cores or more, a POSIX fork, and no other thread (a fork
    copies only the calling thread; a lock another one held would stay held in the child)."""
    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and os.environ.get("DRAFTING_PARALLEL", "1") != "0")


def build_all(jobs: Sequence[Job]) -> list[Any]:
    """``[build(data) for build, data in jobs]``, the second half built by a forked process when there
    are many; anything wrong with the child (it died, its answer is cut short) and the half is built
    here: never a different answer, at worst no faster."""
    if len(jobs) < MIN_JOBS or not _usable():
        return [build(data) for build, data in jobs]
    half = len(jobs) // 2
    theirs = jobs[half:]
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return [build(data) for build, data in jobs]
    if pid == 0:  # the child: build, send, and leave without running anything of the parent's
        code = 1
        try:
            os.close(read_end)
            buf = io.BytesIO()
            _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump([build(data) for build, data in theirs])
            payload = buf.getvalue()
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    mine = [build(data) for build, data in jobs[:half]]
    with os.fdopen(read_end, "rb") as inp:
        payload = inp.read()
    _, status = os.waitpid(pid, 0)
    rest: list[Any] | None = None
    if status == 0:
        try:
            got = _Unpickler(io.BytesIO(payload)).load()
            if type(got) is list and len(got) == len(theirs):
                rest = got
        except Exception:  # noqa: BLE001 - a bad answer is replaced by building the half here
            rest = None
    if rest is None:
        rest = [build(data) for build, data in theirs]
    return mine + rest
