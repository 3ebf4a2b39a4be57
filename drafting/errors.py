"""The toolkit's errors.

    DraftingError            anything the user can act on; carries path and line where known
      ├── WorkspaceError     the workspace or an input has problems (exit 1); holds every Problem
      ├── UsageError         bad arguments or environment: not a workspace, git missing (exit 2)
      └── RepositoryError    git refused or the workspace is busy, dirty or locked (exit 1)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding, printed as ``path:line: error: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class DraftingError(Exception):
    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def problems(self) -> list[Problem]:
        return [Problem(self.path or "drafting", self.line, self.message)]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems())


class WorkspaceError(DraftingError):
    """One or more problems in the workspace files or in an input file."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
        first = self._problems[0] if self._problems else Problem("drafting", 0, "invalid input")
        super().__init__(first.message, first.path, first.line)

    def problems(self) -> list[Problem]:
        return list(self._problems)


class UsageError(DraftingError):
    exit_code = 2


class RepositoryError(DraftingError):
    pass
