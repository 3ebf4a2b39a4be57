"""What one commit did to the clauses of one section file, read from the part of the file it changed.

A decision rewrites one clause of a section file of hundreds; reading the whole file again at every
commit made the history of a long negotiation cost minutes.  Here the old and new versions of the file
are compared byte by byte from both ends, and only the list items (top-level clauses, with their
sub-clauses) that hold the difference are read, on their own, by the same clause reader as a whole
file.  The whole file is read instead whenever the change reaches outside the list of clauses, the list
is not in block style under a top-level ``clauses:`` key, or a part cannot be read on its own -- so the
result is always what reading the whole file would say about the clauses that changed.

The result depends only on the two blobs, so it is kept in the parse cache under their ids
(:class:`~.cache.Derived`): the history of a range is then read from git's log and the cache alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import WorkspaceError
from ..model import Clause
from .schema import Reader, read_clause, read_clauses
from .yamlio import YMap, YSeq, parse

# the top-level key, then blank or comment lines, then the first item: its indent
_LIST = re.compile(rb"clauses:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ")
_CHUNK = 4096


class Delta(NamedTuple):
    """``now``: the clauses in the changed part of the file after the commit, each with its parent (the
    file's path for a top-level clause, else the parent clause's id), in file order; ``olds``: the ids in
    the changed part before it, or None when the whole file was read (``now`` is then every clause)."""

    now: tuple[tuple[Clause, str], ...]
    olds: tuple[str, ...] | None


def _flat(clauses: tuple[Clause, ...], parent: str, out: list[tuple[Clause, str]]) -> None:
    for c in clauses:
        out.append((c, parent))
        _flat(c.children, c.id, out)


def whole(data: bytes | None, path: str) -> Delta:
    """Every clause of a section file (none for a deleted file)."""
    out: list[tuple[Clause, str]] = []
    if data is not None:
        tree = parse(data.decode("utf-8"), path)
        if isinstance(tree, YMap):
            _flat(read_clauses(Reader(path, []), tree, "clauses", 0), path, out)
    return Delta(tuple(out), None)


def delta(old: bytes | None, new: bytes | None, path: str) -> Delta:
    """What the change from ``old`` to ``new`` (None: no file) did to the clauses of section ``path``."""
    if old is None or new is None:
        return whole(new, path)
    shape_old, shape_new = _shape(old), _shape(new)
    if shape_old is None or shape_new is None or shape_old[1] != shape_new[1]:
        return whole(new, path)
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, min(len(old), len(new)) - head)
    spans = []
    for data, (first, marker) in ((old, shape_old), (new, shape_new)):
        span = _items(data, first, marker, head, len(data) - tail)
        if span is None:
            return whole(new, path)
        spans.append(span)
    (o_start, o_end), (n_start, n_end) = spans
    try:
        olds = tuple(c.id for c, _ in _read_items(old[o_start:o_end], path))
        now = tuple(_read_items(new[n_start:n_end], path))
    except (WorkspaceError, ValueError):
        return whole(new, path)
    return Delta(now, olds)


def _common_prefix(a: bytes, b: bytes) -> int:
    n, i, step = min(len(a), len(b)), 0, _CHUNK
    while step:
        while i + step <= n and a[i:i + step] == b[i:i + step]:
            i += step
        step //= 8
    return i


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    la, lb, i, step = len(a), len(b), 0, _CHUNK
    while step:
        while i + step <= limit and a[la - i - step:la - i] == b[lb - i - step:lb - i]:
            i += step
        step //= 8
    return i


def _shape(data: bytes) -> tuple[int, bytes] | None:
    """(offset of the first item of the block-style list under the one top-level ``clauses:`` key,
    the bytes that open an item: newline, indent, dash, space); None for any other layout."""
    at = 0 if data.startswith(b"clauses:") else data.find(b"\nclauses:") + 1
    if at == 0 and not data.startswith(b"clauses:") or data.find(b"\nclauses:", at) >= 0:
        return None
    m = _LIST.match(data, at)
    if m is None or b"\r" in data:
        return None
    return m.start(1), b"\n" + m.group(1) + b"- "


def _items(data: bytes, first: int, marker: bytes, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of the whole list items that hold bytes [lo, hi) (a point when they are equal); None
    when it reaches before the list or past its end."""
    if lo < first:
        return None
    start = data.rfind(marker, first - 1, lo + 1)
    start = first if start < first else start + 1
    end = data.find(marker, max(hi, start + 1) - 1)
    end = len(data) if end < 0 else end + 1
    indent = len(marker) - 3
    for line in data[start:end].split(b"\n")[1:]:
        body = line.lstrip(b" ")
        if not body or body.startswith(b"#"):
            continue
        lead = len(line) - len(body)
        if lead < indent or (lead == indent and not body.startswith(b"- ")):
            return None  # a key after the list: more than clauses changed
    return start, end


def _read_items(data: bytes, path: str) -> list[tuple[Clause, str]]:
    """The clauses of whole list items read on their own (an indented YAML list); ValueError when
    one is not a clause the whole-file reader would keep."""
    if not data:
        return []
    tree = parse(data.decode("utf-8"), path)
    if not isinstance(tree, YSeq):
        raise ValueError("not a list")
    reader = Reader(path, [])
    out: list[tuple[Clause, str]] = []
    for i, item in enumerate(tree):
        c = read_clause(reader, item, tree.line_of(i), 0)
        if c is None:
            raise ValueError("not a clause")
        out.append((c, path))
        _flat(c.children, c.id, out)
    return out
