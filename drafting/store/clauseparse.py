"""A section file read clause by clause: the same tree as reading it whole, but two versions of a file
that differ in one clause read one clause, not the file.

A section file is a mapping whose ``clauses:`` value is a block sequence.  Its text is cut at the lines
that begin an item of that sequence; each item's text (a *chunk*) is read on its own, and what it reads
to is remembered, by the chunk's text, with positions relative to the chunk.  Reading the file again
with some chunks already known reads only the others, plus the mapping around the sequence (the file
with the sequence blanked out, so that every position stays where it was).

Why a chunk reads alone as it reads in the file: every chunk begins with ``- `` at the sequence's
indentation, after a line where no token is left open (a block scalar or a plain scalar ends at a less
indented line; a quoted scalar or a flow collection left open makes the chunk fail to read, and then the
file is read whole).  A chunk is read followed by the beginning of a next item (or by nothing, for the
last), so that where a mapping ends is where it ends in the file.  Anything unusual -- a tab or a
carriage return at the start of a line, a line less indented than the items, a chunk that does not read
to exactly its one item, any error at all -- and the file is read whole: errors are always those of the
whole reading, naming the file and the line.

Every tree handed out is a fresh copy (the strings are shared): code that changes a tree in place
cannot change another version's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .ytree import Span, YMap, YSeq

MIN_SIZE = 16384  # smaller files are read whole: cutting them saves nothing
MAX_CHUNKS = 25_000  # chunks remembered by a process (then forgotten all at once): some 100 MB at most
_SENTINEL = "- x\n"

# chunk text + whether another item follows -> (the item, its span), positions relative to the chunk
_known: dict[tuple[str, bool], tuple[Any, Span]] = {}


def split(text: str) -> tuple[int, list[int], int] | None:
    """(indentation of the items, offset of each chunk, offset where the sequence ends), or None when
    the file is not cut with certainty."""
    if "\r" in text or "\n\t" in text or text.startswith("\t"):
        return None
    # line breaks YAML counts and this cut does not (lines would drift), and directives (%TAG changes
    # what every tag of the file means, clauses remembered from another version included)
    if any(c in text for c in "\u2028\u2029\x85") or text.startswith("%") or "\n%" in text:
        return None
    at = text.find("\nclauses:") + 1
    if at == 0 or text.startswith("clauses:") or text.find("\nclauses:", at) >= 0:
        return None
    nl = text.find("\n", at)
    if nl < 0 or text[at + 8:nl].strip(" "):
        return None
    first = _FIRST.search(text, nl + 1)
    if first is None or not _ITEM.match(text, first.end()):
        return None
    ind = len(first.group(1))
    starts: list[int] = []
    end = len(text)
    # only the lines indented no more than the items: the others are inside an item
    for m in _shallow(ind).finditer(text, first.start() - 1):
        pos, rest = m.start() + 1, m.end()
        n = rest - pos
        if text.startswith("#", rest):
            continue
        if n == ind and _ITEM.match(text, rest):
            starts.append(pos)
        elif n == 0:
            end = pos  # the next key of the file (or a "---": the whole reading says what it is)
            break
        else:
            return None
    return ind, starts, end


_FIRST = re.compile(r"(?<=\n)( *)(?=[^ \n#])")  # the first line that is neither blank nor a comment
_ITEM = re.compile(r"-(?: |\n|$)")
_SHALLOW: dict[int, re.Pattern[str]] = {}


def _shallow(ind: int) -> re.Pattern[str]:
    pattern = _SHALLOW.get(ind)
    if pattern is None:
        pattern = _SHALLOW[ind] = re.compile(r"\n {0,%d}(?=[^ \n])" % ind)
    return pattern


def _shift(v: Any, dl: int, di: int) -> Any:
    """A copy of a tree with every line moved by ``dl`` and every offset by ``di``."""
    t = type(v)
    if t is str:
        return v
    if t is YMap:
        m = YMap()
        for k, x in v.items():
            m[k] = x if type(x) is str else _shift(x, dl, di)
        m.line = v.line + dl
        m.spans = {k: Span(s.line + dl, s.start + di, s.end + di, s.column) for k, s in v.spans.items()}
        m.key_lines = {k: n + dl for k, n in v.key_lines.items()}
        return m
    if t is YSeq:
        seq = YSeq(x if type(x) is str else _shift(x, dl, di) for x in v)
        seq.line = v.line + dl
        seq.spans = [Span(s.line + dl, s.start + di, s.end + di, s.column) for s in v.spans]
        return seq
    raise TypeError(t.__name__)  # pragma: no cover - the reader makes nothing else


def _remember(key: tuple[str, bool], value: tuple[Any, Span]) -> None:
    if len(_known) >= MAX_CHUNKS:
        _known.clear()
    _known[key] = value


def _read_chunk(chunk: str, more: bool, ind: int, path: str, read: Callable[..., Any]) -> tuple[Any, Span] | None:
    text = chunk + " " * ind + _SENTINEL if more else chunk
    try:
        seq = read(text, path, 1)
    except Exception:  # noqa: BLE001 - the whole reading gives the error
        return None
    if type(seq) is not YSeq or len(seq) != (2 if more else 1) or seq.spans[0].start >= len(chunk):
        return None
    if more and (seq[1] != "x" or seq.spans[1].start != len(chunk) + ind + 2):
        return None
    return seq[0], seq.spans[0]


def parse(text: str, path: str, read: Callable[..., Any]) -> Any:
    """The tree of a section file's text; ``read(text, path, depth)`` reads a text whole (``depth``: how
    deep its root stands in the file)."""
    cut = split(text) if len(text) >= MIN_SIZE else None
    if cut is None:
        return read(text, path, 0)
    ind, starts, end = cut
    bounds = starts + [end]
    chunks = [(text[a:b], i + 1 < len(starts)) for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]
    known = sum(1 for c in chunks if c in _known)
    if known * 2 < len(chunks):
        tree = read(text, path, 0)  # errors are the whole reading's
        _seed(tree, starts, bounds, chunks, text)
        return tree
    lines = [0] * len(starts)
    line, last = 1, 0
    for i, a in enumerate(starts):
        line += text.count("\n", last, a)
        lines[i], last = line, a
    items = []
    for (chunk, more), a, first in zip(chunks, starts, lines):
        entry = _known.get((chunk, more))
        if entry is None:
            entry = _read_chunk(chunk, more, ind, path, read)
            if entry is None:
                return read(text, path, 0)
            _remember((chunk, more), entry)
        items.append((entry, first - 1, a))
    first_item = starts[0] + ind
    if text[first_item:first_item + 3].count("\n"):
        return read(text, path, 0)  # "-" alone on its line: no room for the stand-in item
    mask = text[:first_item] + "- x" + _blank(text[first_item + 3:end]) + text[end:]
    try:
        outer = read(mask, path, 0)
        seq = outer["clauses"]
        if (type(seq) is not YSeq or len(seq) != 1 or seq[0] != "x" or seq.spans[0].start != first_item + 2
                or outer.key_lines["clauses"] != text.count("\n", 0, text.rfind("\nclauses:", 0, first_item)) + 2):
            return read(text, path, 0)
    except Exception:  # noqa: BLE001 - the whole reading gives the error
        return read(text, path, 0)
    fresh = YSeq(_shift(item, dl, di) for (item, _), dl, di in items)
    fresh.line = seq.line
    fresh.spans = [Span(s.line + dl, s.start + di, s.end + di, s.column) for (_, s), dl, di in items]
    outer["clauses"] = fresh
    return outer


def _blank(s: str) -> str:
    return "\n".join([" " * len(line) for line in s.split("\n")])


def _seed(tree: Any, starts: list[int], bounds: list[int], chunks: list[tuple[str, bool]], text: str) -> None:
    """Remember the chunks of a file read whole, when its items are exactly its chunks."""
    seq = tree.get("clauses") if type(tree) is YMap else None
    if type(seq) is not YSeq or len(seq) != len(starts):
        return
    for i, s in enumerate(seq.spans):
        if not bounds[i] <= s.start < bounds[i + 1]:
            return
    line, last = 1, 0
    for i, a in enumerate(starts):
        line += text.count("\n", last, a)
        last = a
        if chunks[i] not in _known:
            s = seq.spans[i]
            rel = _shift(seq[i], -(line - 1), -a)
            _remember(chunks[i], (rel, Span(s.line - line + 1, s.start - a, s.end - a, s.column)))
