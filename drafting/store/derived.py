"""Facts derived from git objects, kept between commands in the parse cache file (:mod:`.cache`).

What a commit changed, what a change between two blobs did to a section's clauses, what a blob parses
to: each depends on object ids only, and git objects never change, so an entry can never be stale.
Each kind lives in a part of its own (``~<kind>``), unpickled only by a command that asks for it, and
guarded like every part of the file: written by other code, cut short or corrupt, it is ignored and
computed again.  ``DRAFTING_CACHE=0`` turns it off with the rest: every fact is then computed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import DERIVED, Store, enabled, fingerprint, store_for


class Derived:
    """One kind of fact, by key, for the repository whose work tree is ``root``."""

    def __init__(self, root: Path | None, kind: str) -> None:
        self.name = DERIVED + kind
        self.store: Store | None = None
        self.entries: dict[Any, Any] = {}
        self.used: set[Any] = set()
        git_dir = root / ".git" if root is not None else None
        if git_dir is not None and git_dir.is_dir() and enabled() and fingerprint() is not None:
            self.store = store_for(git_dir)
            self.entries = self.store.part(self.name)
            self.used = self.store.used_derived.setdefault(self.name, set())

    def get(self, key: Any) -> Any:
        """The fact stored under ``key``, or None."""
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        if self.store is not None:
            self.entries[key] = value
            self.used.add(key)
            self.store.changed.add(self.name)

    __setitem__ = put  # a memo of ops (ops.text.Memo)

    def save(self) -> None:
        """Write the cache file back if anything was added (silently gives up, as the cache does)."""
        if self.store is not None:
            self.store.save()
