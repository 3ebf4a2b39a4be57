"""Which commits name an amendment or a clause in their trailers (``Amendment:``, ``Translates:``,
``Clause:``), for a clause's ``log``.

Finding them means reading the trailers of every commit reachable from HEAD: 14,000 commits in a long
negotiation.  The answer for HEAD is kept in the parse cache (:mod:`.kept`) under its commit id, as an
index from each trailer value to the commits that carry it; when HEAD has moved on by commits of one
parent each, the index kept for the older commit is extended by the new commits' trailers alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .kept import Kept

KEYS = ("Amendment", "Translates", "Clause")
_FORMAT = "--format=%x01%H%x00%P%x00%(trailers:only,unfold)"


def commits_naming(repo: Any, trailers: Mapping[str, set[str]], paths: Sequence[str]) -> list[Any]:
    """The commits reachable from HEAD, newest first, that have one of ``trailers`` (key -> the values
    looked for; keys among :data:`KEYS`) and changed one of ``paths``."""
    head = repo.head()
    if head is None:
        return []
    _, index = _index(repo, head)
    found: dict[str, int] = {}
    for key, values in trailers.items():
        for value in values:
            for pos, sha in index.get(f"{key}\0{value}", ()):
                found[sha] = pos
    if not found:
        return []
    return repo.commits(sorted(found, key=lambda sha: -found[sha]), paths)  # type: ignore[no-any-return]


Index = dict[str, list[tuple[int, str]]]  # "key\0value" -> (position from the first commit, commit id)


def _index(repo: Any, head: str) -> tuple[int, Index]:
    kept = Kept(repo.root, "named", limit=2)
    got = kept.get(head)
    if got is not None:
        return got  # type: ignore[no-any-return]
    total, index, older = 0, {}, None
    for candidate in kept.ends():
        new = _read(repo, f"{candidate}..{head}")
        if new and _chain(new, candidate):
            total, index = kept.get(candidate)
            index = {k: list(v) for k, v in index.items()}
            older = candidate
            break
    else:
        new = _read(repo, head)
    for sha, _, values in reversed(new):  # oldest first: positions grow with the history
        for value in values:
            index.setdefault(value, []).append((total, sha))
        total += 1
    kept.put(head, (total, index), replaces=older)
    kept.save()
    return total, index


def _read(repo: Any, rev: str) -> list[tuple[str, list[str], list[str]]]:
    """(commit, parents, the "key\\0value" of its trailers among KEYS), newest first."""
    out = repo.git("log", "-z", _FORMAT, "--end-of-options", rev, "--").stdout.decode("utf-8", "replace")
    commits = []
    for record in out.split("\x01")[1:]:
        sha, parents, text = (record.split("\0") + ["", ""])[:3]
        values = []
        for line in text.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() in KEYS:
                values.append(f"{key.strip()}\0{value.strip()}")
        commits.append((sha.strip(), parents.split(), values))
    return commits


def _chain(commits: list[tuple[str, list[str], list[str]]], older: str) -> bool:
    """Whether ``commits`` (newest first) descend from ``older`` one parent at a time: then the log of
    the newer commit is them followed by the log of ``older``."""
    for i, (_, parents, _) in enumerate(commits):
        if parents != [commits[i + 1][0] if i + 1 < len(commits) else older]:
            return False
    return True
