"""The negotiated text at any commit of the history, built from its parent's, and the record of the
commits the text rules found right (``<git dir>/drafting-text-checked``: a commit's content never
changes, so what was found right once stays right)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import DraftingError
from ..model import Workspace
from ..ops.edit import clause_key
from .history import Commit

Sections = dict[tuple[str, str], tuple[Any, ...]]


def sections_of(ws: Workspace, other: Workspace | None = None) -> Sections:
    """Each section's clauses as comparable keys; a section that is the very same object in ``other``
    (unchanged: shared by the two texts) stands for itself, which saves building its keys."""
    same = {id(x) for d in other.documents for x in d.sections} if other is not None else set()
    return {
        (d.id, x.id): ((x,) if id(x) in same else tuple(clause_key(c) for c in x.clauses))
        for d in ws.documents
        for x in d.sections
    }


def _drafts(changes: list[Any]) -> list[str]:
    return [ch.path for ch in changes if ch.path.startswith("drafts/")]


# the texts kept built: those of the last commits checked (their children come next); every text of a
# long history kept would be most of the audit's memory
KEEP_TEXTS = 64
KEEP_ALL = ("amendment-at",)  # the kinds parse() keeps whether the commit passes or not (small ones)
CHECKED_FILE = "drafting-text-checked"
RULES_VERSION = "1"  # a change to the text rules or to applying amendments starts the record afresh


class TextHistory:
    """The text at each commit of a run, built from its parent's by re-reading only the section files the
    commit changed (most commits change none); and the commits found right before."""

    def __init__(self, git: Any, version_commit: Callable[[str], str | None], blobs: Any = None) -> None:
        from .history import Blobs

        self.git = git
        self.version_commit = version_commit
        self.blobs = blobs if blobs is not None else Blobs(git)
        self._ws: dict[str, tuple[Workspace | None, str | None]] = {}
        self._commits: dict[str, Commit] = {}
        self._merged_ok: dict[str, list[str]] = {}
        self._decided: dict[str, str] = {}  # clause id -> the accepted amendment that last set its text
        self._checked: set[str] | None = None
        self._newly: list[str] = []
        self._parsed: dict[str, Any] = {}  # kind -> store.derived.Derived (made on first use)
        # sections parsed while checking the commit under way: kept in the cache only if it fails (a
        # commit found right is never checked again, and every version of every section would make the
        # cache hundreds of megabytes)
        self._touched: list[tuple[Any, Any, Any]] = []

    def parse(self, kind: str, path: str, blob: str, extra: str, build: Callable[[bytes], Any]) -> Any:
        """What ``build`` makes of the file ``path`` whose blob id is ``blob`` (None when the blob cannot
        be read), kept in the parse cache by blob id (a part per ``kind``, read only by a run that needs
        it): git objects never change, so a blob parsed by an earlier run is neither read nor parsed."""
        known = self._parsed.get(kind)
        if known is None:
            from pathlib import Path

            from ..store.derived import Derived

            root = getattr(self.git, "root", None)
            known = self._parsed[kind] = Derived(Path(root) if root is not None else None, kind)
        key = (path, blob, extra)
        entry = known.get(key)
        if entry is None:
            data = self.blobs.get(blob)
            if data is None:
                return None
            entry = build(data)
            if kind in KEEP_ALL:
                known.put(key, entry)
            else:
                self._touched.append((known, key, entry))
        return entry

    def keep_touched(self, keep: bool) -> None:
        """Keep in the cache the sections parsed since the last call when ``keep`` (the commit failed:
        it is checked again on every run); forget them either way."""
        if keep:
            for known, key, entry in self._touched:
                known.put(key, entry)
        self._touched = []

    def know(self, commits: list[Commit]) -> None:
        """The commits about to be checked (their changes let texts be built one from the other)."""
        for c in commits:
            self._commits[c.sha] = c

    # ---- the text at a commit

    def workspace(self, sha: str) -> tuple[Workspace | None, str | None]:
        """The text (no amendments) at a commit, or (None, why it cannot be read)."""
        if sha in self._ws:
            found = self._ws[sha] = self._ws.pop(sha)  # the most recently used last
            return found
        chain = []
        cur: str | None = sha
        # back to a text already built, or a few commits back (read whole there): a long way back would
        # re-read every section decided since
        while cur is not None and cur not in self._ws and cur in self._commits and len(chain) < 8:
            chain.append(self._commits[cur])
            parents = self._commits[cur].parents
            cur = parents[0] if parents else None
        if cur is not None and cur not in self._ws:
            self._ws[cur] = self._load(cur)
        for c in reversed(chain):
            base = self._ws.get(c.parents[0]) if c.parents else None
            self._ws[c.sha] = self._step(c, base)
        found = self._ws[sha]
        while len(self._ws) > KEEP_TEXTS:  # a text no commit still to check starts from: built again if asked
            del self._ws[next(iter(self._ws))]
        return found

    def _load(self, sha: str) -> tuple[Workspace | None, str | None]:
        from ..store.load import load_workspace
        from ..store.source import GitSource

        try:
            with GitSource(self.git, sha) as src:
                ws, problems = load_workspace(src, with_amendments=False)
        except DraftingError as e:
            return (None, e.message)
        errors = [p for p in problems if p.severity == "error"]
        return (ws, None) if not errors else (ws, str(errors[0]))

    def _step(
        self, c: Commit, base: tuple[Workspace | None, str | None] | None
    ) -> tuple[Workspace | None, str | None]:
        """The text after ``c`` from the text before it: the same when no text file changed; the changed
        sections read again when only sections changed; else read whole."""
        from dataclasses import replace
        from functools import partial

        from ..store.load import section_entry

        texts = [ch for ch in c.changes if ch.path == "negotiation.yaml" or ch.path.startswith("drafts/")]
        if base is not None and not texts:
            return base
        if base is None or base[0] is None or base[1] is not None or c.is_merge:
            return self._load(c.sha)
        ws = base[0]
        known = {(d.id, x.id): x for d in ws.documents for x in d.sections}
        sections = {}
        for ch in texts:
            parts = ch.path.split("/")
            if (
                len(parts) != 3
                or ch.status != "M"
                or not parts[2].endswith(".yaml")
                or (parts[1], parts[2][:-5]) not in known
            ):
                return self._load(c.sha)
            entry = self.parse("text-at", ch.path, ch.new, "", partial(section_entry, ch.path, parts[2][:-5]))
            if entry is None:
                return self._load(c.sha)
            section, problems = entry
            if section is None or any(p.severity == "error" for p in problems):
                return self._load(c.sha)
            sections[(parts[1], section.id)] = section
        documents = tuple(
            replace(d, sections=tuple(sections.get((d.id, x.id), x) for x in d.sections))
            for d in ws.documents
        )
        return replace(ws, documents=documents), None

    # ---- what was found right before

    def _load_checked(self) -> set[str]:
        if self._checked is None:
            self._checked = set()
            path = getattr(self.git, "git_dir", None)
            try:
                lines = (path / CHECKED_FILE).read_text("ascii").splitlines() if path else []
            except (OSError, UnicodeDecodeError):
                lines = []
            if lines and lines[0] == f"rules {RULES_VERSION}":
                self._checked = {ln for ln in lines[1:] if len(ln) in (40, 64)}
        return self._checked

    def save(self) -> None:
        """Remember the commits found right in this run (and what was parsed, in the parse cache)."""
        for known in self._parsed.values():
            known.save()
        path = getattr(self.git, "git_dir", None)
        if not self._newly or path is None:
            return
        import os

        target = path / CHECKED_FILE
        try:
            fresh = not target.exists() or not target.read_text("ascii").startswith(
                f"rules {RULES_VERSION}\n"
            )
            fd = os.open(
                target,
                os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | (os.O_TRUNC if fresh else os.O_APPEND),
                0o644,
            )
            try:
                os.write(
                    fd,
                    (
                        (f"rules {RULES_VERSION}\n" if fresh else "") + "".join(f"{x}\n" for x in self._newly)
                    ).encode(),
                )
            finally:
                os.close(fd)
        except OSError:
            pass
        self._newly = []
