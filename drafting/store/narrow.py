"""A write's narrow view of a workspace: the whole text, and of the amendments only those the write reads
or can affect -- the one decided, the ones it names, and those that name a clause it changes.

What a write can do to another amendment's problems goes through the clauses it names (its target, the
clause it adds or is placed after or before, the clause it was accommodated in): its other checks read
only its own file, the delegations and the ids of the amendments, which a decision does not change.  So a
decision on one of 10,000 open amendments checks the few that name the clauses it changes, found by an
index kept in the parse cache (:mod:`.derived`): (path, blob id, language) -> the clause ids the file
names, exactly what parsing it gives, so an entry is never stale.

The view is only taken when it is sure to tell what the whole would: under the workspace lock, with the
working tree found clean (so git's index names the bytes of every file), every amendment file a regular
file in a version folder the negotiation lists, and every one of them known to the index to read without
problems.  Otherwise (``None``) the caller reads the whole workspace, and its errors are the whole's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import Amendment, Workspace
from ..ops.edit import clause_key
from ..vocab import ID_PATTERN
from .cache import enabled
from .git import index_blobs
from .load import amendment_entry
from .lookup import is_blob
from .refindex import MISSING_LIMIT, RefIndex, names
from .source import DiskSource, UnsafeFile

if TYPE_CHECKING:
    from .session import Session

class Narrow:
    """The amendments of a clean working tree, as git's index and the clause index know them."""

    def __init__(self, s: Session, text: Workspace, blobs: dict[str, bytes], files: dict[str, list[str]]) -> None:
        self.s = s
        self.text = text
        self.blobs = blobs
        self.files = files  # amendment id -> its paths
        self.index = RefIndex(s.root)
        self.source = DiskSource(s.root, clean=True)
        self.read: dict[str, Amendment] = {}

    @classmethod
    def open(cls, s: Session, text: Workspace) -> Narrow | None:
        """The view of the working tree (just found clean under the lock), or None when only reading the
        whole tells what a write would bring (see the module's docstring)."""
        if not enabled():
            return None
        blobs = index_blobs(s.root, clean=True)
        if blobs is None:
            return None
        known = {v.id for v in text.versions}
        files: dict[str, list[str]] = {}
        listed = 0
        top = s.root / "amendments"
        try:
            folders = sorted(os.listdir(top))
        except FileNotFoundError:
            folders = []
        for folder in folders:
            if not ID_PATTERN.match(folder) or folder not in known:
                return None
            prefix = f"amendments/{folder}/"
            for name in os.listdir(top / folder):
                if name[:1] == ".":
                    continue
                if name[-5:] != ".yaml" or prefix + name not in blobs:
                    return None  # not a .yaml file, or not a regular file git knows
                files.setdefault(name[:-5], []).append(prefix + name)
                listed += 1
        if listed != sum(1 for p in blobs if p[:11] == "amendments/"):
            return None
        return cls(s, text, blobs, files)

    def amendment(self, amendment_id: str) -> Amendment | None:
        """The one amendment of that id, read without problems (None: none, several, or a problem)."""
        paths = self.files.get(amendment_id, [])
        return self._read(paths[0]) if len(paths) == 1 else None

    def _read(self, path: str) -> Amendment | None:
        if path not in self.read:
            try:
                data = self.source.read(path)
            except UnsafeFile:
                return None
            if data is None or not is_blob(data, self.blobs[path]):
                return None  # changed since git's index was read: only the whole tells
            a, problems = amendment_entry(path, path.split("/")[1], self.text.original_language, data)
            self.index.put(path, self.blobs[path], self.text.original_language, names(a, problems))
            if a is None or problems:
                return None
            self.read[path] = a
        return self.read[path]

    def naming(self, clause_ids: set[str]) -> list[Amendment] | None:
        """The amendments that name one of ``clause_ids`` (None: a file does not read without problems,
        or too many are unknown to the index to be worth reading one by one)."""
        unknown = []
        hits = []
        entries, blobs, lang = self.index.entries, self.blobs, self.text.original_language
        for paths in self.files.values():
            for path in paths:
                e = entries.get(path)
                if e is None or e[0] != blobs[path] or e[1] != lang or e[2] is None:
                    unknown.append(path)
                elif not clause_ids.isdisjoint(e[2]):
                    hits.append(path)
        if len(unknown) > MISSING_LIMIT:
            return None
        # a file the index does not know is read even when no clause changes: one with a problem makes
        # the whole be read, so the decision is refused as it is without the index
        out = []
        for path in unknown + hits:
            a = self._read(path)
            if a is None:
                return None
            if not clause_ids.isdisjoint(names(a) or ()):
                out.append(a)
        return out

    def workspace(self, extra: Iterable[Amendment] = ()) -> Workspace:
        """The text with the amendments read so far (and ``extra``), each once."""
        seen: dict[str, Amendment] = dict(self.read)
        for a in extra:
            seen.setdefault(a.loc.path, a)
        return replace(self.text, amendments=tuple(seen[p] for p in sorted(seen)))

    def record(self, written: dict[str, bytes], after: Workspace) -> None:
        """What the amendment files just committed name, for the next command; the index saved."""
        for a in after.amendments:
            data = written.get(a.loc.path)
            if data is not None:
                blob = self.blobs[a.loc.path] = self.s.repo.git.blob_id(data).encode("ascii")
                self.index.put(a.loc.path, blob, self.text.original_language, names(a))
        self.index.save(p for paths in self.files.values() for p in paths)


def changed_clauses(before: Workspace, after: Workspace) -> set[str]:
    """The ids of the clauses that are new, gone or different between two texts (only the sections
    that differ are compared: a clause moved from one to another is in both)."""
    def keys(ws: Workspace, other: Workspace) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for doc in ws.documents:
            twin = other.document(doc.id)
            for section in doc.sections:
                same = twin is not None and any(x is section or x == section for x in twin.sections)
                if not same:
                    for c in _walk(section.clauses):
                        out[c.id] = clause_key(c)
        return out
    old, new = keys(before, after), keys(after, before)
    return {cid for cid in old.keys() | new.keys() if old.get(cid) != new.get(cid)}


def _walk(clauses: Iterable[Any]) -> Iterable[Any]:
    for c in clauses:
        yield c
        yield from _walk(c.children)
