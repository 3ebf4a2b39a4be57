"""What the site shows, gathered once from the workspace and its git history: the text as it stands,
every issued version's text and numbers, and how each clause changed from one version to the next,
each change attributed to the amendment (and proponents) behind it.

The changes between two issued versions never change (their tags do not move), so they are kept in
``.git/drafting-cache/site-v1/`` under the two commits and a fingerprint of the code that computes them;
a rebuild reads them back instead of walking the history again.  The changes since the last issued
version are computed on every build (they move with every decision).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from ..model import Version, Workspace
from ..ops.blame import DELETE, INSERT, ClauseChange, Who
from ..ops.edit import text_key
from ..ops.numbering import number_workspace
from ..ops.progress import NOW
from ..progress import task
from ..store.atomic import write_bytes
from ..store.session import Session
from .parallel import run_all

CACHE_FOLDER = "site-v1"
# the modules whose code decides what a cached history holds
_HISTORY_CODE = ("ops/blame.py", "ops/diff.py", "ops/text.py", "ops/alignment.py", "store/history.py",
                 "store/schema.py", "site/gather.py")
_OPS = {DELETE: "del", INSERT: "ins"}


@dataclass
class Issued:
    """One issued version: its text as tagged and the numbers it was issued with."""

    version: Version
    sha: str
    ws: Workspace
    numbers: dict[str, str]  # clause id -> reference as issued ("OP12", "OP3(a)")
    date: str | None = None  # the version's date, or the day it was tagged


@dataclass
class Step:
    """How the text changed from one version to the next (``to`` is NOW for the text as it stands):
    clause id -> change, only for the clauses that changed (words, place, status, added, removed)."""

    since: str
    to: str
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Negotiation:
    """Everything the pages are made from."""

    ws: Workspace  # the working tree, with its amendments
    issued: list[Issued]
    numbers: dict[str, str]  # clause id -> reference now ("OP12 bis" until the next version renumbers)
    steps: list[Step]
    head: str  # the commit the working tree stands on ("" outside git)
    untagged: list[Version] = field(default_factory=list)  # listed in negotiation.yaml, never tagged

    @cached_property
    def amended(self) -> bool:
        """Whether the text has changed since the last issued version."""
        return self.last is not None and text_key(self.last.ws) != text_key(self.ws)

    @property
    def last(self) -> Issued | None:
        return self.issued[-1] if self.issued else None

    def issued_text(self, version_id: str) -> Workspace | None:
        return next((i.ws for i in self.issued if i.version.id == version_id), None)


def who_data(who: Who | None) -> dict[str, Any] | None:
    if who is None:
        return None
    return {"amendment": who.amendment, "proponents": list(who.proponents), "on_behalf_of": who.on_behalf_of,
            "date": who.date, "decision": who.decision}


def change_data(ch: ClauseChange) -> dict[str, Any]:
    return {
        "kind": ch.kind, "moved": ch.moved, "status": list(ch.status) if ch.status else None,
        "who": who_data(ch.who),
        "pieces": [{"op": _OPS.get(p.op, "eq"), "text": p.text, "who": who_data(p.who)} for p in ch.pieces],
    }


def _code_fingerprint() -> str:
    root = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=8)
    for rel in _HISTORY_CODE:
        path = root / rel
        h.update(rel.encode())
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()


class HistoryCache:
    """Changes between two issued versions, kept as JSON files under the repository's git folder."""

    def __init__(self, session: Session) -> None:
        self.folder: Path | None = None
        if session.has_repo:
            self.folder = Path(session.repo.common_dir) / "drafting-cache" / CACHE_FOLDER
        self.code = _code_fingerprint()

    def _path(self, a: str, b: str, lang: str) -> Path | None:
        return self.folder / f"steps-{a}-{b}-{lang}-{self.code}.json" if self.folder else None

    def get(self, a: str, b: str, lang: str) -> dict[str, dict[str, Any]] | None:
        path = self._path(a, b, lang)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None  # unreadable or cut short: computed again
        return data if isinstance(data, dict) else None

    def put(self, a: str, b: str, lang: str, changes: dict[str, dict[str, Any]]) -> None:
        path = self._path(a, b, lang)
        if path is None:
            return
        try:
            write_bytes(path, json.dumps(changes, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass  # a read-only repository: the site is built all the same, only slower next time


def _changes(session: Session, later: Workspace, earlier: Issued, to_sha: str | None,
             lang: str) -> dict[str, dict[str, Any]]:
    from ..store.history import clause_changes

    changes = clause_changes(session, later, earlier.ws, earlier.version.id, lang, at=to_sha)
    return {cid: change_data(ch) for cid, ch in changes.items() if ch.kind != "unchanged" or ch.status}


def gather(session: Session, *, history: bool = True) -> Negotiation:
    """The workspace as it stands, every issued version, and (``history``) the changes from each to the
    next."""
    ws = session.load()
    tags = session.version_tags
    issued: list[Issued] = []
    untagged: list[Version] = []
    for v in ws.versions:
        sha = tags.get(v.id)
        if sha is None:
            untagged.append(v)
            continue
        text = session.version_text(v.id)
        assert text is not None
        # as negotiators refer to paragraphs (PP1, OP2), earlier versions as the sections now are
        refs = number_workspace(text, None, references=True, like=ws)
        tagged = session.repo.log(rev=sha, max_count=1) if v.date is None else []
        issued.append(Issued(v, sha, text, {k: n.ref() for k, n in refs.items()},
                             v.date or (tagged[0].date[:10] if tagged else None)))
    base = issued[-1].ws if issued else None
    numbers = {k: n.ref() for k, n in number_workspace(ws, base, references=True).items()}
    steps: list[Step] = []
    head = (session.repo.head() or "") if session.has_repo else ""
    if not history:
        return Negotiation(ws, issued, numbers, steps, head, untagged)
    cache = HistoryCache(session)
    lang = ws.original_language
    # (earlier version, later text, later id, later commit): from each issued version to the next, then
    # from the last to the text as it stands (never cached: it moves with every decision)
    spans: list[tuple[Issued, Workspace, str, str | None]] = []
    for k, (earlier, later) in enumerate(zip(issued, issued[1:])):
        # the later text with the proposals written before it: who removed a clause, where git is silent
        before = {i.version.id for i in issued[: k + 1]}
        text = dataclasses.replace(later.ws, amendments=tuple(a for a in ws.amendments if a.version in before))
        spans.append((earlier, text, later.version.id, later.sha))
    if issued:
        spans.append((issued[-1], ws, NOW, None))
    found = [cache.get(e.sha, sha, lang) if sha is not None else None for e, _, _, sha in spans]
    missing = [k for k, hit in enumerate(found) if hit is None]
    with task("reading the history between versions", total=len(missing)) as advance:
        computed = run_all([partial(_changes, session, spans[k][1], spans[k][0], spans[k][3], lang)
                            for k in missing], done=advance)
    for k, data in zip(missing, computed):
        found[k] = data
        earlier, _, _, sha = spans[k]
        if sha is not None:
            cache.put(earlier.sha, sha, lang, data)
    steps = [Step(e.version.id, to, data or {}) for (e, _, to, _), data in zip(spans, found)]
    return Negotiation(ws, issued, numbers, steps, head, untagged)
