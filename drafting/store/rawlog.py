"""Reading ``git log -z --raw --format=<FORMAT>``: each commit's id, parents, subject and trailers, and
the raw record of every path it changed.  The one reader of that output, for the audit's history
(:mod:`.trail`) and the rules of the trust wing."""

from __future__ import annotations

from collections.abc import Iterator

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
