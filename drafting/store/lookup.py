"""The parse cache as one load uses it (the file and its parts: :mod:`.cache`).

``get`` finds what a file parses to by the key ``(path, digest of its bytes, extra)``.  The digest of a
file read from git is known without reading it when its blob id was seen before (an alias kept in the
cache); so is that of a working-tree file git's index holds unchanged: for a load of many files (the
amendments) one ``git status`` and one ``git ls-files --stage`` tell which, and such a file is not read.
Bytes read are aliased to a blob id only once checked to be that blob's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .cache import TEXT, Entry, Store, enabled, fingerprint, part_of_key, store_for
from .source import GitSource, UnsafeFile

def _git_dir(root: Any) -> Path | None:
    if root is None:
        return None
    git_dir = Path(root) / ".git"
    return git_dir if git_dir.is_dir() else None


def _is_large(git_dir: Path) -> bool:
    """Whether git's index lists enough files for asking git (two processes) to beat reading them."""
    try:
        return (git_dir / "index").stat().st_size > 64 * 1024
    except OSError:
        return False


def is_blob(data: bytes, blob_id: bytes) -> bool:
    """Whether ``blob_id`` is the id git gives ``data`` (SHA-1 or SHA-256 repositories)."""
    h = hashlib.new("sha1" if len(blob_id) == 40 else "sha256", b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest().encode("ascii") == blob_id


class Cache:
    """The parse cache as one load uses it.  ``get`` returns the entry of a file (parsing it on a miss)
    or None when the file does not exist; ``finish`` writes the store back when needed."""

    def __init__(self, source: Any, use: bool = True, many: bool = True, index: bool = False) -> None:
        """``many``: the load reads many files (the amendments): then asking git's index which files are
        unchanged pays (two git processes) -- for the text's dozen files, reading them is cheaper.
        ``index``: ask it whatever the size (the caller wants ``from_index`` for the clause index)."""
        self.source = source
        self.store: Store | None = None
        self._shas: dict[str, bytes] | None = None   # path -> blob id of the bytes the source holds
        self._check = False  # whether to check that bytes read are the blob _shas names
        self._prefetched: dict[str, bytes | None] = {}
        self._built: dict[str, tuple[bytes, Entry]] = {}  # path -> (bytes, entry) parsed by build_ahead
        self._index = index
        if type(source) is GitSource:
            self._shas = source.blobs
        if not use or not enabled():
            return
        git_dir = _git_dir(getattr(source, "root", None))  # GitSource, DiskSource and its subclasses
        if git_dir is not None and fingerprint() is not None:
            self.store = store_for(git_dir)
            index = getattr(source, "index_blobs", None)
            if self._shas is None and index is not None and many and (self._index or _is_large(git_dir)):
                # the working tree: git's index knows the blob id of every file it did not see changed,
                # so a file parsed before is found without reading it
                self._shas = index()
                self._check = True

    def from_index(self) -> dict[str, bytes] | None:
        """Path -> blob id of the working-tree files git's index holds unchanged (None: not asked).  A file
        read whose bytes are not that blob's (changed since git looked) is left out: what it parsed to
        must never be recorded under the blob id."""
        return self._shas if self._check else None

    def prefetch(self, paths: Sequence[str], extra: str) -> None:
        """From git, read the files ``get`` will need in one pipelined batch."""
        if self._shas is None or self._check:  # the working tree is read file by file
            return
        shas, store = self._shas, self.store
        wanted = [p for p in paths if p in shas]
        if store is not None:
            aliases = store.aliases
            wanted = [p for p in wanted if (digest := aliases.get(shas[p])) is None
                      or (key := (p, digest, extra)) not in store.part(part_of_key(key))]
        if len(wanted) > 1:
            self._prefetched.update(self.source.read_many(wanted))

    def build_ahead(self, files: Sequence[tuple[str, Callable[[bytes], Entry]]], extra: str) -> None:
        """Parse at once, on two cores (:mod:`.parallel`), the files ``get`` will not find in the cache:
        on a fresh clone, all of them.  What it finds is what ``get`` would build; ``get`` still checks,
        keys and stores every file as it always does."""
        from .parallel import MIN_JOBS, build_all
        if len(files) < MIN_JOBS:
            return
        store, shas = self.store, self._shas
        jobs: list[tuple[str, Callable[[bytes], Entry], bytes]] = []
        for path, build in files:
            if store is not None and shas is not None and (sha := shas.get(path)) is not None:
                digest = store.aliases.get(sha)
                if digest is not None and (key := (path, digest, extra)) in store.part(part_of_key(key)):
                    continue  # found without reading it
            try:
                data = self._prefetched.pop(path) if path in self._prefetched else self.source.read(path)
            except UnsafeFile:
                continue  # get says so
            if data is not None:
                jobs.append((path, build, data))
        if len(jobs) < MIN_JOBS:
            for path, _, data in jobs:
                self._prefetched[path] = data
            return
        for (path, _, data), entry in zip(jobs, build_all([(build, data) for _, build, data in jobs])):
            self._prefetched[path] = data
            self._built[path] = (data, entry)

    def _build(self, path: str, data: bytes, build: Callable[[bytes], Entry]) -> Entry:
        ahead = self._built.pop(path, None)
        return ahead[1] if ahead is not None and ahead[0] is data else build(data)

    def get(self, path: str, extra: str, build: Callable[[bytes], Entry]) -> Entry | None:
        store = self.store
        sha = self._shas.get(path) if self._shas is not None else None
        if sha is not None and store is not None:
            # a blob id stands for its bytes: known, it finds the entry without reading the blob
            digest = store.aliases.get(sha)
            if digest is not None:
                key = (path, digest, extra)
                hit = store.part(part_of_key(key)).get(key)
                # a working-tree file known without reading it passes the checks a read makes (no
                # link, a regular file, the size limit): trust's safe reading holds either way
                if hit is not None and (not self._check or self.source.check(path)):
                    store.used.add(key)
                    store.used_aliases.add(sha)
                    return hit
        if path in self._prefetched:
            data = self._prefetched.pop(path)
        else:
            data = self.source.read(path)
        if data is None:
            return None
        if store is None:
            return self._build(path, data, build)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if sha is not None and self._check and not is_blob(data, sha):
            sha = None  # the file changed since git looked: never alias its bytes to the index's blob
            if self._shas is not None:
                self._shas.pop(path, None)  # nor let from_index name it (``_check``: a dict of our own)
        if sha is not None:
            store.used_aliases.add(sha)
            if store.aliases.get(sha) != digest:
                store.aliases[sha] = digest
                store.changed.add(TEXT)
        key = (path, digest, extra)
        name = part_of_key(key)
        entries = store.part(name)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = self._build(path, data, build)
            store.changed.add(name)
        store.used.add(key)
        return entry

    def finish(self) -> None:
        self._prefetched.clear()
        self._built.clear()
        if self.store is not None:
            self.store.save()
