"""What the history commands computed from the commits of a range, kept between commands under the commit
ids that bound it, so that a long negotiation's 14,000 commits are not walked again on every run.

A clause history (:func:`.history.clause_history`) is kept under the base commit, the language and the
end commit (HEAD, or a version); when HEAD has moved on, the history kept for an older end is extended
by the commits since it (:func:`linear_since`), not rebuilt.  The attributed changes between two commits
(:func:`.history.clause_changes` with both ends in git) are kept whole.  Both live in the parse cache
(:class:`~.derived.Derived`, one part per base commit and language), so ``DRAFTING_CACHE=0`` turns them
off, and a part written by other code, cut short or corrupt is ignored and computed again.  Each entry
also carries a digest of the code that computed it (the modules below): an entry made by other code is
never used.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

from ..ops.blame import ClauseChange, Piece, Who
from .derived import Derived

# the modules whose code decides what a kept history or change holds (the parse cache's own
# fingerprint already covers the model, the readers of the files and store.deltas)
_CODE = ("drafting.store.history", "drafting.store.kept", "drafting.store.named", "drafting.ops.blame",
         "drafting.ops.diff", "drafting.ops.text", "diff_match_patch.diff_match_patch")
_digest: list[bytes] = []


def code_digest() -> bytes:
    if not _digest:
        h = hashlib.blake2b(digest_size=16)
        for name in _CODE:
            try:  # found, not imported: the log of a clause needs none of the diff code
                spec = importlib.util.find_spec(name)
                h.update(Path(spec.origin if spec is not None and spec.origin else "").read_bytes())
            except (ImportError, OSError, ValueError):
                h.update(name.encode())
        _digest.append(h.digest())
    return _digest[0]


class Kept:
    """Facts of one ``kind`` within a ``scope`` (the base commit and the language of a history), by end
    commit (at most ``limit`` of them: the oldest written is dropped first, and an end that a newer one
    was extended from)."""

    def __init__(self, root: Path | None, kind: str, *scope: str, limit: int = 4) -> None:
        self.derived = Derived(root, "/".join((kind, *scope)))
        self.limit = limit

    def get(self, key: Any) -> Any:
        got = self.derived.get(key)
        if type(got) is not tuple or len(got) != 2 or got[0] != code_digest():
            return None
        return got[1]

    def ends(self) -> list[Any]:
        """The keys kept by this code, the newest first."""
        return [k for k in reversed(list(self.derived.entries)) if self.get(k) is not None]

    def put(self, key: Any, value: Any, replaces: Any = None) -> None:
        if self.derived.store is None:
            return
        entries = self.derived.entries
        for old in (key, replaces):
            entries.pop(old, None)
        while len(entries) >= self.limit:
            entries.pop(next(iter(entries)))
        self.derived.put(key, (code_digest(), value))

    def save(self) -> None:
        self.derived.save()


def linear_since(repo: Any, older: str, end: str) -> bool:
    """Whether ``end`` is ``older`` or descends from it by commits of one parent each: then the history
    up to ``end`` is the history up to ``older`` followed by those commits, in the order a walk of the
    whole range gives them."""
    if older == end:
        return True
    out = repo.git("rev-list", "--parents", "--end-of-options", end, f"^{older}", "--", check=False)
    lines = out.stdout.decode("ascii", "replace").split("\n") if out.returncode == 0 else []
    chain = [line.split() for line in lines if line]
    if not chain:
        return False
    for i, commit in enumerate(chain):
        if len(commit) != 2 or commit[1] != (chain[i + 1][0] if i + 1 < len(chain) else older):
            return False
    return True


# -------------------------------------------------------------------------- plain forms (for pickling)

class _Whos:
    """Who values as indices into one table, each written once."""

    def __init__(self, table: tuple[tuple[Any, ...], ...] = ()) -> None:
        self.table = list(table)
        self.made = [Who(a, tuple(p), g, d, dec) for a, p, g, d, dec in table]
        self.index: dict[Who, int] = {w: i for i, w in enumerate(self.made)}

    def put(self, who: Who | None) -> int:
        if who is None:
            return -1
        i = self.index.get(who)
        if i is None:
            i = self.index[who] = len(self.table)
            self.table.append((who.amendment, who.proponents, who.on_behalf_of, who.date, who.decision))
            self.made.append(who)
        return i

    def __getitem__(self, i: int) -> Who | None:
        return None if i < 0 else self.made[i]


def pack_history(h: Any, state: dict[str, tuple[Any, ...]], by_file: dict[str, set[str]]) -> tuple[Any, ...]:
    w = _Whos()
    steps = tuple((cid, tuple((w.put(who), text) for who, text in s)) for cid, s in h.steps.items())
    by = tuple(tuple((cid, w.put(who)) for cid, who in d.items()) for d in (h.placed_by, h.removed_by, h.status_by))
    return (tuple(w.table), steps, by, tuple((cid, *v) for cid, v in state.items()),
            tuple((path, tuple(sorted(ids))) for path, ids in by_file.items()))


def unpack_history(packed: tuple[Any, ...], h: Any) -> tuple[dict[str, tuple[Any, ...]], dict[str, set[str]]]:
    """Fill the empty history ``h`` from ``packed``; the state and files it ended with."""
    table, steps, by, state, files = packed
    w = _Whos(table)
    for cid, s in steps:
        h.steps[cid] = [(w[i], text) for i, text in s]
    for d, items in zip((h.placed_by, h.removed_by, h.status_by), by):
        for cid, i in items:
            d[cid] = w[i]
    return {cid: tuple(v) for cid, *v in state}, {path: set(ids) for path, ids in files}


def pack_changes(changes: dict[str, ClauseChange]) -> tuple[Any, ...]:
    w = _Whos()
    items = tuple((c.clause_id, c.kind, tuple((p.op, p.text, w.put(p.who)) for p in c.pieces), w.put(c.who),
                   c.status, c.moved) for c in changes.values())
    return items, tuple(w.table)


def unpack_changes(packed: tuple[Any, ...]) -> dict[str, ClauseChange]:
    items, table = packed
    w = _Whos(table)
    return {cid: ClauseChange(cid, kind, tuple(Piece(op, text, w[i]) for op, text, i in pieces), w[who],
                              tuple(status) if status is not None else None, moved)
            for cid, kind, pieces, who, status, moved in items}
