"""Progress of long work (compiling many drafts, issuing, importing, auditing, building a site), told to
whoever listens: the command line draws it on a terminal; a library caller or a pipe hears nothing.

Work that takes long wraps its loop once::

    for draft in progress.steps(drafts, "compiling drafts"):
        ...

or, when the count is known only as it goes, ``with progress.task("reading history") as advance:
advance()``.  No I/O here: the listener (``set_reporter``) does any drawing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TypeVar

T = TypeVar("T")


class Advance(Protocol):
    def __call__(self, steps: int = 1, description: str | None = None) -> None: ...


class Reporter(Protocol):
    def task(self, description: str, total: int | None) -> AbstractContextManager[Advance]: ...


_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    """Who hears about progress from now on (None: nobody)."""
    global _reporter
    _reporter = reporter


def _silent(steps: int = 1, description: str | None = None) -> None:
    pass


@contextmanager
def task(description: str, total: int | None = None) -> Iterator[Advance]:
    """A piece of long work of ``total`` steps (None: unknown); call what it yields once per step."""
    if _reporter is None:
        yield _silent
        return
    with _reporter.task(description, total) as advance:
        yield advance


def steps(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """``items``, one by one, advancing a task named ``description`` after each."""
    if _reporter is None:
        yield from items
        return
    count = total if total is not None else (len(items) if isinstance(items, Sized) else None)
    with task(description, count) as advance:
        for item in items:
            yield item
            advance()
