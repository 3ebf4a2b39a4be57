"""Building pages on every core: the jobs of a build (a version's texts and drafts, a compilation
text, a batch of paragraph pages ...) are independent, so they run in worker processes forked from
the one that read the workspace -- each worker starts with the negotiation already in memory, nothing
is pickled but the list of files it wrote.

Where processes cannot be forked (Windows), or with ``DRAFTING_JOBS=1``, the jobs run one after the
other in the process itself, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_JOBS: Sequence[Callable[[], Any]] = ()


def workers(jobs: int) -> int:
    """How many processes to use for ``jobs`` jobs: ``DRAFTING_JOBS``, else the number of cores (at most
    4); 1 where fork is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get("DRAFTING_JOBS", "").strip()
    n = int(wanted) if wanted.isdigit() and int(wanted) > 0 else min(os.cpu_count() or 1, 4)
    return max(1, min(n, jobs))


def _run(i: int) -> tuple[int, Any]:
    return i, _JOBS[i]()


def run_all(jobs: Sequence[Callable[[], T]], processes: int | None = None,
            done: Callable[[], None] | None = None) -> list[T]:
    """The results of ``jobs``, in order; ``done()`` is called as each job finishes."""
    global _JOBS
    n = workers(len(jobs)) if processes is None else processes
    if n <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(job())
            if done is not None:
                done()
        return results
    _JOBS = jobs  # the forked workers find the jobs here
    try:
        ctx = multiprocessing.get_context("fork")
        out: list[Any] = [None] * len(jobs)
        with ctx.Pool(n) as pool:
            for i, result in pool.imap_unordered(_run, range(len(jobs)), chunksize=1):
                out[i] = result
                if done is not None:
                    done()
        return out
    finally:
        _JOBS = ()
