"""Where workspace files are read from: the working tree, or a git commit (without a checkout)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class Source(Protocol):
    def read(self, path: str) -> bytes | None:
        """The bytes of a workspace-relative file, or None if it does not exist."""

    def listdir(self, path: str) -> list[str]:
        """Sorted names in a workspace-relative folder ([] if it does not exist)."""


class DiskSource:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

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
