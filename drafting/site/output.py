"""The site's folder and what is in it: each file written only when its inputs changed.

Every file the site holds is listed in ``.drafting-site.json`` with a key: a digest of everything the
file is made from (its page's data, or the commit of an issued version) and of the code and templates
that make it.  A rebuild computes each key first and writes only the files whose key changed or that are
missing; files of an earlier build that are no longer part of the site (a clause that was removed) are
deleted -- only files the manifest lists, never anything else in the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError

MANIFEST = ".drafting-site.json"
FORMAT = 1


def code_fingerprint() -> str:
    """A digest of the package's code, templates and assets: a new release rebuilds every page."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=12)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".j2", ".css", ".js") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def digest(*parts: Any) -> str:
    """A digest of plain data (and of frozen model objects, by their repr): views are built in a fixed
    order, so the same inputs give the same repr."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Output:
    """The site folder being built: ``file(rel, key, make)`` writes ``make()`` unless the file is there
    with the same key; ``finish()`` removes what the site no longer holds and writes the manifest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} exists and is not a folder")
        self.code = code_fingerprint()
        self.old: dict[str, str] = self._read()
        self.new: dict[str, str] = {}
        self.written: list[str] = []

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads((self.folder / MANIFEST).read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != self.code:
            return {}  # another release of drafting made these files: all of them are made again
        files = data.get("files")
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} \
            if isinstance(files, dict) else {}

    def _target(self, rel: str) -> Path:
        parts = rel.split("/")
        if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\\" in rel:
            raise ValueError(f"not a path inside the site: {rel!r}")
        return self.folder.joinpath(*parts)

    def branch(self) -> Output:
        """An empty record of files written for one job of the build (maybe in another process), over the
        same folder and the same earlier manifest; ``merge`` takes its record back."""
        sub = Output.__new__(Output)
        sub.folder, sub.code, sub.old, sub.new, sub.written = self.folder, self.code, self.old, {}, []
        return sub

    def record(self) -> tuple[dict[str, str], list[str]]:
        return self.new, self.written

    def merge(self, record: tuple[dict[str, str], list[str]]) -> None:
        new, written = record
        self.new.update(new)
        self.written.extend(written)

    def fresh(self, rel: str, key: str) -> bool:
        """Whether ``rel`` is already there as made from ``key`` (then it is kept as it is)."""
        self.new[rel] = key
        return self.old.get(rel) == key and self._target(rel).is_file()

    def file(self, rel: str, key: str, make: Callable[[], bytes]) -> bool:
        """Write ``make()`` at ``rel`` unless it is fresh; True when it was written."""
        if self.fresh(rel, key):
            return False
        self.write(rel, make())
        return True

    def write(self, rel: str, data: bytes) -> None:
        target = self._target(rel)
        self.new.setdefault(rel, "")
        put(target, data)
        self.written.append(rel)

    def finish(self) -> list[str]:
        """Delete the files of an earlier build the site no longer holds; write the manifest.
        Returns the paths deleted."""
        gone = []
        for rel in sorted(set(self.old) - set(self.new)):
            try:
                target = self._target(rel)
            except ValueError:
                continue
            try:
                target.unlink()
            except FileNotFoundError:
                continue
            gone.append(rel)
        manifest = {"format": FORMAT, "code": self.code, "files": dict(sorted(self.new.items()))}
        put(self.folder / MANIFEST, json.dumps(manifest, indent=0).encode("utf-8"))
        return gone


def put(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` (a reader sees the old file or the new one).  Not fsynced, unlike
    the workspace's own files: the site is made again from the workspace at will, and thousands of
    fsyncs would cost seconds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
