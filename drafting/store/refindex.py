"""The clause index: which clauses each amendment file names, by the file's blob id (see :mod:`.narrow`,
which reads it for a decision, and :mod:`.load`, which fills it whenever it reads every amendment of the
working tree)."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Amendment
from .cache import CACHE_DIR, enabled, fingerprint

FILE = "clause-refs-1.pickle"  # in the parse cache's folder; a new number when what ``names`` gives changes
MAGIC = b"drafting clause refs 1\n"
MISSING_LIMIT = 64  # more files the index does not know than this: reading the whole is as quick

Names = tuple[str, ...] | None  # the clause ids a file names; None: it does not read without problems


def names(a: Amendment | None, problems: tuple[Any, ...] = ()) -> Names:
    """The clause ids an amendment file names (None when it does not read without problems).  Anchor
    texts of an insertion (``after``/``before``) are kept too: a few more candidates, never fewer."""
    if a is None or problems:
        return None
    ch = a.change
    found = {a.target, ch.after, ch.before, ch.clause.id if ch.clause is not None else None,
             a.decision.clause if a.decision is not None else None}
    return tuple(sorted(x for x in found if x))


class _Only(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the clause index")


class RefIndex:
    """Path -> (blob id, language, Names), kept in ``.git/drafting-cache``: an entry answers only for the
    bytes of that blob id.  The file starts with a fingerprint of the code that parses and a checksum;
    anything else (other code, cut short, corrupt) is ignored and the files are read again."""

    def __init__(self, root: Path) -> None:
        self.file: Path | None = None
        self.entries: dict[str, tuple[bytes, str, Names]] = {}
        self.changed = False
        git_dir = root / ".git"
        fp = fingerprint()
        if not enabled() or fp is None or not git_dir.is_dir():
            return
        self.file = git_dir / CACHE_DIR / FILE
        self._head = MAGIC + fp + _sum(Path(__file__).read_bytes())  # and this code, which writes it
        try:
            data = self.file.read_bytes()
        except OSError:
            return
        body = data[len(self._head) + 16:]
        if not data.startswith(self._head) or data[len(self._head):len(self._head) + 16] != _sum(body):
            return
        try:
            entries = _Only(io.BytesIO(body)).load()
        except Exception:  # noqa: BLE001 - whatever is wrong with the file, reading the files again is the answer
            return
        if type(entries) is dict:
            self.entries = entries

    def get(self, path: str, blob: bytes, lang: str) -> Names:
        e = self.entries.get(path)
        return e[2] if e is not None and e[0] == blob and e[1] == lang else None

    def put(self, path: str, blob: bytes, lang: str, value: Names) -> None:
        entry = (blob, lang, value)
        if self.entries.get(path) != entry:
            self.entries[path] = entry
            self.changed = True

    def save(self, keep: Iterable[str]) -> None:
        """Write the index back with the entries of ``keep`` (the files as they now are); silently give up."""
        kept = {p: e for p in keep if (e := self.entries.get(p)) is not None}
        if self.file is None or not (self.changed or len(self.entries) > len(kept)):
            return
        body = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = self.file.with_name(f".{FILE}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            self.file.parent.mkdir(exist_ok=True)
            tmp.write_bytes(self._head + _sum(body) + body)
            os.replace(tmp, self.file)
        except OSError:
            tmp.unlink(missing_ok=True)


def _sum(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=16).digest()


def note(root: Path, blobs: dict[str, bytes], lang: str, amendments: Iterable[Amendment],
         problems: Iterable[Any]) -> None:
    """After a load of every amendment of the working tree: index what each file that read without
    problems names (``blobs``: git's index, for the files git saw unchanged), so that the next decision
    finds them without reading them."""
    bad = {p.path for p in problems}
    index = RefIndex(root)
    keep = []
    for a in amendments:
        sha = blobs.get(a.loc.path)
        if sha is not None and a.loc.path not in bad:
            keep.append(a.loc.path)
            index.put(a.loc.path, sha, lang, names(a))
    index.save(keep)


