"""A parse cache: what reading one workspace file produced, kept between commands.

Reading a section or an amendment file (strict YAML, then the shape checks of :mod:`.load`) depends only
on the file's path, its bytes and, for an amendment, the negotiation's original language.  So the result
-- the model object or None, and the problems found -- is stored under the key
``(path, digest of the bytes, language)`` and reused whenever the same bytes are read again: the key is
the content, never a modification time, so a cached answer is always the answer parsing would give.

The digest is ``blake2b(bytes, digest_size=16)``.  The cache also remembers which digest each git blob
id stands for, so that a file whose blob was seen before -- in a commit, or unchanged in the working tree
-- is found without being read (:mod:`.lookup`, the cache as one load uses it).  Besides the parses, it
keeps facts derived from git objects, under their ids (:mod:`.derived`): what a commit changed, what a
change of a section file did to its clauses, what a blob parses to, the word diffs of the history.

Store: one file, ``.git/drafting-cache/parsed-v1.pickle`` (only when ``<root>/.git`` is a folder;
in a linked worktree, a submodule or outside git nothing is kept), read once per process and written
back (temporary file + ``os.replace``) only when a load added entries.  The file is in parts pickled
separately (see ``BUCKETS``) and unpickled when first looked into, so that a load without amendments
unpickles none, a load of an old version only the folders it has, and a command that writes one
amendment re-pickles a few hundred, not 10,000; each parse of a section file (a quarter of a megabyte
at 2,000 clauses) is a part of its own, so that a load unpickles the versions of the text it reads, not
every version the history commands kept.  Among the parts a process looked into, when the sections, or
the amendments, number more than about twice those it used, the unused ones are dropped (the earlier
versions of an amendment are in the same part as the file; a section's unused parses are dropped
without being unpickled); a process that used none of them drops none.  The file starts with a fingerprint of the code that produces the entries (the source of the
modules that parse, the model, PyYAML and libyaml as installed, the Python version) and a checksum of
each part: a file written by other code, cut short, corrupt or unreadable is ignored (the part, or all
of it) and rebuilt.  Unpickling is limited to the model classes.

``DRAFTING_CACHE=0`` in the environment turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.util
import io
import os
import pickle
import struct
import sys
import threading
import unicodedata
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import model
from ..errors import Problem

CACHE_DIR = "drafting-cache"
CACHE_FILE = "parsed-v1.pickle"
MAGIC = b"drafting parse cache 1\n"
MAX_STORES = 8  # workspaces whose cache a process keeps in memory at once

Key = tuple[str, bytes, str]
Entry = tuple[Any, tuple[Problem, ...]]

# Everything an entry may hold besides str, int, None, tuple and dict.
_CLASSES = (model.Loc, model.Clause, model.Section, model.Change, model.Decision, model.Amendment,
            model.Delegation, model.Version, Problem, model.AgreedLanguage, model.Precedent,
            model.PrecedentParagraph)
_FIELDS: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls)) for cls in _CLASSES}
_ALLOWED = {(cls.__module__, cls.__qualname__): cls for cls in _CLASSES}
# The modules whose code decides what an entry holds: a change to any of them invalidates the cache.
_CODE = ("drafting.model", "drafting.errors", "drafting.vocab", "drafting.store.yamlio", "drafting.store.schema",
         "drafting.store.load", "drafting.store.cache", "drafting.store.lookup", "drafting.store.deltas",
         "drafting.store.trail", "drafting.store.precedent",
         "drafting.store.clauseparse", "drafting.store.ytree")


def enabled() -> bool:
    return os.environ.get("DRAFTING_CACHE", "1").strip().lower() not in ("0", "no", "off", "false")


# ------------------------------------------------------------------------------------------- pickle

class _Pickler(pickle.Pickler):
    """Model objects as ``cls(*fields)`` (rebuilt by the C unpickler through the dataclass __init__, much
    faster than the default __setstate__ of a frozen slotted dataclass), short strings and dict keys
    interned so that repeated ones are written once.  Anything unexpected refuses to be written."""

    def reducer_override(self, obj: Any) -> Any:
        names = _FIELDS.get(type(obj))
        if names is None:
            if type(obj) is type and obj in _FIELDS:  # the class itself: saved by name
                return NotImplemented
            raise pickle.PicklingError(f"the parse cache does not store {type(obj).__qualname__}")
        return type(obj), tuple([_compact(getattr(obj, n)) for n in names])


def _compact(value: Any) -> Any:
    t = type(value)
    if t is str:
        return sys.intern(value) if len(value) <= 40 else value
    if t is dict:  # Loc.lines (str -> int) and texts (str -> str)
        return {sys.intern(k) if type(k) is str else k: sys.intern(v) if type(v) is str and len(v) <= 40 else v
                for k, v in value.items()}
    return value


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        cls = _ALLOWED.get((module, name))
        if cls is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")
        return cls


_fingerprint_memo: list[bytes | None] = []


def fingerprint() -> bytes | None:
    """What the cache file must have been written by: this code, these libraries (None: the code
    cannot be read, so no cache is kept)."""
    if not _fingerprint_memo:
        h = hashlib.blake2b(digest_size=16)
        h.update(repr((sys.version, sys.implementation.cache_tag, unicodedata.unidata_version,
                       pickle.HIGHEST_PROTOCOL, sorted((c.__qualname__, n) for c, n in _FIELDS.items()))).encode())
        try:
            # PyYAML (and libyaml, whether there or not) as installed, without importing it: a command
            # that finds everything in the cache has no use for it
            spec = importlib.util.find_spec("yaml")
            folder = Path(spec.origin or "").parent if spec is not None else None
            if folder is not None:
                h.update((folder / "__init__.py").read_bytes())
                h.update(repr(sorted((e.name, e.stat().st_size) for e in os.scandir(folder) if e.is_file())).encode())
            for name in _CODE:  # found, not imported: a command that reads no history needs no history code
                module = sys.modules.get(name)
                origin = module.__file__ if module is not None else getattr(importlib.util.find_spec(name), "origin", None)
                h.update(Path(origin or "").read_bytes())
            _fingerprint_memo.append(h.digest())
        except (OSError, TypeError, AttributeError):
            _fingerprint_memo.append(None)
    return _fingerprint_memo[0]


# -------------------------------------------------------------------------------------------- store

# The file is in parts, each pickled on its own and unpickled only when a load looks into it: part ""
# holds the sections (and the blob ids), part "<folder>/<n>" the amendments of one version folder whose
# path falls in bucket n of BUCKETS.  A load without amendments unpickles none; a load of an old version
# unpickles the folders it has, not the 10,000 amendments of the current one; a command that changes one
# amendment re-pickles a few hundred, not 10,000.
BUCKETS = 32
TEXT = ""
DERIVED = "~"  # parts of facts derived from git objects (see .derived), named "~<what>"
SECTION = "="  # parts of one parse of a section file each, named "=<digest hex> <extra> <path>"
_HEAD = struct.Struct("<16sI")  # fingerprint, number of parts
_PART = struct.Struct("<HQ16s")  # per part: length of its name, length, checksum; then the name


@lru_cache(maxsize=1 << 16)  # a load of 10,000 amendments asks once per file, a write again
def part_of(path: str) -> str:
    """By path, not content: every version of a file falls in the same part, so that a load that reads
    the file also sees (and can prune) the entries of its earlier versions."""
    if not path.startswith("amendments/"):
        return TEXT
    return f"{path[11:path.find('/', 11)]}/{zlib.crc32(path.encode('utf-8', 'surrogateescape')) % BUCKETS}"


def part_of_key(key: Key) -> str:
    """The part an entry is kept in: a section file's parse alone (see ``SECTION``), any other by its
    path (``part_of``)."""
    path = key[0]
    if path.startswith("drafts/") and not path.endswith("/document.yaml"):
        return f"{SECTION}{key[1].hex()} {key[2]} {path}"
    return part_of(path)


def _is_amendments(name: str) -> bool:
    return name != TEXT and name[0] not in (DERIVED, SECTION)


class Store:
    """The cache of one repository, as this process holds it.  A part is unpickled when first needed,
    and written back as it was read unless it changed."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.parts: dict[str, dict[Key, Entry]] = {}  # the parts unpickled (or begun) by this process
        self.aliases: dict[bytes, bytes] = {}  # git blob id -> digest of its bytes (stored in part TEXT)
        self.used: set[Key] = set()  # every key a load of this process asked for
        self.used_aliases: set[bytes] = set()
        self.used_derived: dict[str, set[Any]] = {}  # derived part -> the keys this process asked for
        self.changed: set[str] = set()  # parts that differ from the file
        self._stored: dict[str, tuple[memoryview, bytes]] = {}  # each part of the file: payload, checksum
        self._read()
        self.part(TEXT)

    @property
    def text(self) -> dict[Key, Entry]:
        """Every entry of the text: negotiation.yaml, the documents, the sections' parts (unpickled)."""
        out = dict(self.parts[TEXT])
        for name in sorted(set(self._stored) | set(self.parts)):
            if name.startswith(SECTION):
                out.update(self.part(name))
        return out

    def amendment_entries(self) -> int:
        """How many amendment entries the file and this process hold (unpickles them all)."""
        for name in list(self._stored):
            if _is_amendments(name):
                self.part(name)
        return sum(len(entries) for name, entries in self.parts.items() if _is_amendments(name))

    def _read(self) -> None:
        try:
            with open(self.file, "rb") as f:
                data = f.read()
        except OSError:
            return
        try:
            fp, n = _HEAD.unpack_from(data, len(MAGIC))
            if not data.startswith(MAGIC) or fp != fingerprint():
                return
            at = len(MAGIC) + _HEAD.size
            index = []
            for _ in range(n):
                name_length, length, checksum = _PART.unpack_from(data, at)
                at += _PART.size
                index.append((data[at:at + name_length].decode("utf-8"), length, checksum))
                at += name_length
        except (struct.error, UnicodeDecodeError):
            return
        if len(data) != at + sum(length for _, length, _ in index):
            return
        view = memoryview(data)
        for name, length, checksum in index:
            self._stored[name] = (view[at:at + length], checksum)
            at += length

    def part(self, name: str) -> dict[Key, Entry]:
        """The entries of a part, unpickled from the file the first time (empty if it is not there)."""
        entries = self.parts.get(name)
        if entries is None:
            with _LOCK:
                entries = self.parts.get(name)
                if entries is None:
                    entries = self.parts[name] = self._load(name)
        return entries

    def _load(self, name: str) -> dict[Key, Entry]:
        stored = self._stored.get(name)
        if stored is None:
            return {}
        payload, checksum = stored
        was_enabled = gc.isenabled()
        gc.disable()  # 10,000 amendments are ~100,000 objects: collections while building them cost half
        try:
            if hashlib.blake2b(payload, digest_size=16).digest() != checksum:
                raise ValueError("checksum")
            value = _Unpickler(io.BytesIO(payload)).load()
            entries, aliases = value if name == TEXT else (value, {})
            if type(entries) is not dict or type(aliases) is not dict:
                raise TypeError("not a dict")
        except Exception:  # noqa: BLE001 - whatever is wrong with the file, parsing again is the answer
            del self._stored[name]
            return {}
        finally:
            if was_enabled:
                gc.enable()
        if name == TEXT:  # the blob ids live in part TEXT only: merged with those this process added
            aliases.update(self.aliases)
            self.aliases = aliases
        return entries

    def save(self) -> None:
        """Write the file back if a load changed it (pruned first), atomically; silently give up."""
        if self.changed:
            with _LOCK:
                self._save()

    def _save(self) -> None:
        fp = fingerprint()
        if fp is None or not self.changed:
            return
        self._prune()
        names = sorted(set(self._stored) | set(self.parts))
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            self.file.parent.mkdir(exist_ok=True)
            with open(tmp, "wb") as f:  # first: a folder that cannot be written costs no pickling
                payloads: dict[str, tuple[memoryview, bytes]] = {}
                for name in names:
                    stored = self._stored.get(name)
                    if name in self.changed or stored is None:
                        entries = self.parts.get(name)
                        if not entries and name != TEXT:
                            continue
                        buf = io.BytesIO()
                        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(
                            (entries, self.aliases) if name == TEXT else entries)
                        data = buf.getbuffer()
                        stored = (data, hashlib.blake2b(data, digest_size=16).digest())
                    payloads[name] = stored
                head = [MAGIC, _HEAD.pack(fp, len(payloads))]
                for name, (data, checksum) in payloads.items():
                    encoded = name.encode("utf-8")
                    head += [_PART.pack(len(encoded), len(data), checksum), encoded]
                f.write(b"".join(head))
                for data, _ in payloads.values():
                    f.write(data)
            os.replace(tmp, self.file)
            self._stored = payloads
            self.changed = set()
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def _prune(self) -> None:
        """Among the parts this process looked into, drop the entries it did not use, when the sections,
        or the amendments, number more than about twice the ones used.  Parts it did not look into (a
        load without amendments, a load of another version) are kept whole."""
        used_text = sum(1 for key in self.used if not key[0].startswith("amendments/"))
        for name, keys in self.used_derived.items():  # facts about git objects (see .derived)
            entries = self.parts[name]
            if len(entries) > 4 * len(keys) + 4096:
                self.parts[name] = {k: v for k, v in entries.items() if k in keys}
                self.changed.add(name)
        amendment_parts = [name for name in self.parts if _is_amendments(name)]
        used_amendments = len(self.used) - used_text
        # a process that read none of them (audit, a history of the text only) cannot tell which are current
        if used_amendments and sum(len(self.parts[n]) for n in amendment_parts) > 2 * used_amendments + 64:
            for name in amendment_parts:
                entries = self.parts[name]
                kept = {k: v for k, v in entries.items() if k in self.used}
                if len(kept) < len(entries):
                    self.parts[name] = kept
                    self.changed.add(name)
        sections = {name for name in (*self._stored, *self.parts) if name.startswith(SECTION)}
        if used_text and len(self.parts[TEXT]) + len(sections) > 2 * used_text + 64:
            wanted = {part_of_key(k) for k in self.used}
            for name in sections - wanted:  # dropped without being unpickled
                self._stored.pop(name, None)
                self.parts.pop(name, None)
                self.changed.add(name)
            sections &= wanted
            kept = {k: v for k, v in self.parts[TEXT].items() if k in self.used}
            if len(kept) < len(self.parts[TEXT]):
                self.parts[TEXT] = kept
                self.changed.add(TEXT)
        # the aliases no entry needs: known only when every amendments' part is in memory (a load of the
        # text alone leaves them on disk, and their blob ids must stay); a section's digest is in its name
        every = all(name in self.parts for name in self._stored if _is_amendments(name))
        if every and self.used_aliases and len(self.aliases) > 2 * len(self.used_aliases) + 64:
            digests = {k[1] for name, entries in self.parts.items() if name[:1] != DERIVED for k in entries}
            digests.update(bytes.fromhex(name[1:name.index(" ")]) for name in sections)
            kept_aliases = {k: v for k, v in self.aliases.items() if k in self.used_aliases or v in digests}
            if len(kept_aliases) < len(self.aliases):
                self.aliases = kept_aliases
                self.changed.add(TEXT)

_STORES: dict[str, Store] = {}
_LOCK = threading.RLock()  # reading and writing stores; lookups need none (a lost entry is only slower)


def store_for(git_dir: Path) -> Store:
    key = str(git_dir)
    with _LOCK:
        store = _STORES.pop(key, None)
        if store is None:
            store = Store(git_dir / CACHE_DIR / CACHE_FILE)
            while len(_STORES) >= MAX_STORES:
                _STORES.pop(next(iter(_STORES)))
        _STORES[key] = store  # most recently used last
        return store


def forget() -> None:
    """Drop what this process holds in memory (the files stay): the next load reads them again."""
    _STORES.clear()
