"""Reading ``git log -z --raw --format=<FORMAT>``: each commit's id, parents, subject and trailers, and
the raw record of every path it changed, kept in the parse cache by commit id.  The one reader of that
output, for the audit's history (:mod:`.trail`) and the rules of the trust wing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

FORMAT = "%x01%H%x00%P%x00%s%x00%(trailers:only,unfold)"
# ``git log`` options that give what :func:`records` reads, each change against the first parent
RAW = ("-z", "--raw", "--no-abbrev", "--no-renames", "--diff-merges=first-parent", f"--format={FORMAT}")

# (sha, parents, subject, trailers, [(raw fields: old mode, new mode, old blob, new blob, status), path])
Record = tuple[str, tuple[str, ...], str, dict[str, list[str]], list[tuple[list[str], str]]]


def parse_trailers(text: str) -> dict[str, list[str]]:
    trailers: dict[str, list[str]] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            trailers.setdefault(key.strip(), []).append(value.strip())
    return trailers


def records(out: bytes) -> Iterator[Record]:
    """The commits of ``out`` in its order; a change's fields as git writes them after the colon."""
    tokens = out.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        if not token.startswith(b"\x01") or i + 4 > len(tokens):
            i += 1
            continue
        sha = token[1:].decode("ascii", "replace")
        parents = tuple(tokens[i + 1].decode("ascii", "replace").split())
        subject = tokens[i + 2].decode("utf-8", "replace")
        trailers = parse_trailers(tokens[i + 3].decode("utf-8", "replace"))
        i += 4
        changes = []
        # raw records: ":<mode> <mode> <old> <new> <status>" then the path
        while i + 1 < len(tokens) and tokens[i].lstrip(b"\n").startswith(b":"):
            meta = tokens[i].lstrip(b"\n")[1:].decode("ascii", "replace").split()
            if len(meta) >= 5:
                changes.append((meta, tokens[i + 1].decode("utf-8", "surrogateescape")))
            i += 2
        yield sha, parents, subject, trailers, changes


def cached_log(git: Any, root: Path | None, revs: Sequence[str], *, kind: str,
               options: Sequence[str] = ()) -> list[Record]:
    """The records of ``git log --topo-order --reverse <RAW> <options> <revs>``, parents before children.

    What a commit changed never changes, so it is kept in the parse cache (:mod:`.derived`, part
    ``kind``) under the commit's id: git then only lists the commits, and computes the changes (which
    in a folder of 10,000 amendments means reading a tree of 10,000 entries per commit) only for
    commits not seen before.  A record's trailers are the caller's to copy before changing them."""
    from .derived import Derived

    known = Derived(root, kind)
    walk = ("log", "--topo-order", "--reverse", *RAW, *options, *revs, "--")
    if known.store is None:
        return list(records(git(*walk).stdout))
    order = git("log", "--topo-order", "--reverse", "--format=%H", *revs, "--").stdout.decode("ascii").split()
    found: dict[str, Record] = {}
    missing = []
    for sha in order:
        got = known.get(sha)
        if got is None:
            missing.append(sha)
        else:
            found[sha] = (sha, *got)
    if missing:
        if len(missing) * 4 > len(order):  # most of them: one walk is cheaper than naming each
            out = git(*walk).stdout
        else:
            out = git("log", "--no-walk=unsorted", "--stdin", *RAW, *options, "--",
                      input="".join(sha + "\n" for sha in missing).encode("ascii")).stdout
        for rec in records(out):
            if rec[0] not in found:
                found[rec[0]] = rec
                known.put(rec[0], rec[1:])
        known.save()
    return [found[sha] for sha in order if sha in found]
