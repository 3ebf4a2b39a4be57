"""What the command line prints, the same way for every command: paths relative to the current folder,
colour only on a terminal (and never with ``NO_COLOR``), progress on long work only on a terminal.

``rich`` draws the progress bars; it is imported only when a terminal is attached, so that ``--help``,
short commands and output into pipes or files never pay for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import progress
from ..errors import Problem


def shown_path(path: str | os.PathLike[str], workspace: str | None = None) -> str:
    """``path`` relative to the current folder -- the folder ``-C`` names when given, as with git -C --
    (``../x`` above it); absolute only when there is no relative way (another drive on Windows)."""
    try:
        return os.path.relpath(path, workspace or os.curdir)
    except ValueError:
        return str(Path(path).resolve())


def shown_problems(problems: list[Problem], workspace: str | None) -> list[Problem]:
    """Problems whose path is a workspace file, with that path as ``shown_path`` shows it."""
    from ..store.session import find_root

    try:
        root = find_root(workspace)
    except Exception:  # not a workspace: the paths are already as given
        return problems
    out = []
    for p in problems:  # a file the user named (an absolute path) is shown as named
        if p.path and not os.path.isabs(p.path) and (root / p.path).exists():
            p = Problem(shown_path(root / p.path, workspace), p.line, p.message, p.severity)
        out.append(p)
    return out


def is_terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return is_terminal() and not os.environ.get("NO_COLOR")


class RichReporter:
    """progress.Reporter drawing one bar per task on standard error."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )

    @contextmanager
    def task(self, description: str, total: int | None) -> Iterator[progress.Advance]:
        with self.progress:
            task_id: Any = self.progress.add_task(description, total=total)

            def advance(steps: int = 1, description: str | None = None) -> None:
                self.progress.update(task_id, advance=steps, description=description)

            yield advance


def progress_on_terminal(machine_output: bool) -> None:
    """Show progress for this command when both outputs are a terminal and the output is for people."""
    if machine_output or not is_terminal() or os.environ.get("DRAFTING_PROGRESS") == "0":
        return
    progress.set_reporter(RichReporter())
