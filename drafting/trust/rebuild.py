"""Recreating this workspace's own commits on top of the remote's, for ``drafting sync``: each commit
made again with its author and date and signed by the person syncing; an amendment id the remote
already holds renumbered (``renumbered_from``), the message and trailers following; a decide, mark or
translate commit whose section the remote changed computed again on the new text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import RepositoryError
from .history import NULL, Commit
from .roles import AMENDMENT_PATH
from .textcheck import TextRules


@dataclass
class SyncReport:
    remote: str
    branch: str
    pushed: int = 0  # own commits the remote now holds
    received: int = 0  # commits taken from the remote
    renumbered: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    attempts: int = 0


class Rebuilder:
    """What :class:`~drafting.trust.sync.Syncer` uses to recreate commits (it provides ``repo``, ``git``,
    ``committer``, ``signing_key`` and ``_rev``)."""

    repo: Any
    git: Any
    committer: tuple[str, str]
    signing_key: str | None
    _rev: Callable[[str], str | None]

    def _rebuild(self, mine: list[Commit], base: str, report: SyncReport) -> str:
        text = TextRules(self.git, lambda vid: self._rev(f"refs/tags/version/{vid}"))
        taken = set(
            self.git("ls-tree", "-r", "--name-only", "--full-tree", base, "--", "amendments")
            .stdout.decode("utf-8", "surrogateescape")
            .splitlines()
        )
        idmap: dict[str, str] = {}
        moved_tags: dict[str, str] = {}
        parent = base
        for c in mine:
            if c.is_merge:
                raise RepositoryError(
                    f"{c.short()} is a merge; sync recreates single commits only. Nothing was synced"
                )
            files: dict[str, tuple[str, bytes | None]] = {}  # path -> (mode, content or None: delete)
            for ch in c.changes:
                path = self._map_path(ch.path, idmap)
                if ch.status == "A" and AMENDMENT_PATH.match(ch.path) and path in taken:
                    path = self._renumber(ch.path, taken, idmap, report)
                data = None if ch.new == NULL else self.git.read_blobs([ch.new])[0]
                if data is not None and idmap and AMENDMENT_PATH.match(path):
                    data = _map_content(data, idmap, renumbered=ch.status == "A")
                if ch.status != "A":
                    here = self._blob(parent, path)
                    was = ch.old if ch.old != NULL else None
                    if here != was:
                        files = self._recompute(c, parent, text, idmap) or {}
                        if not files:
                            who = "the remote" if parent == base else "an earlier commit"
                            raise RepositoryError(
                                f"{c.short()} changes {ch.path}, which {who} has changed since; sync cannot "
                                f"recreate it. Nothing was synced"
                            )
                        break
                files[path] = (ch.new_mode if ch.new_mode != "000000" else "100644", data)
                if ch.status == "A" and AMENDMENT_PATH.match(path):
                    taken.add(path)
            parent = self._commit(c, parent, files, idmap)
            for tag in self.git("tag", "--points-at", c.sha, "--list", "version/*").stdout.decode().split():
                moved_tags[tag] = parent
        for tag, sha in moved_tags.items():  # a version issued here and not yet shared goes with its commit
            message = self.git("tag", "-l", "--format=%(contents)", tag).stdout.decode("utf-8", "replace")
            self.git(
                "tag",
                "--force",
                "--annotate",
                "--cleanup=verbatim",
                "--file=-",
                tag,
                sha,
                input=message.encode("utf-8"),
            )
        return parent

    def _blob(self, commit: str, path: str) -> str | None:
        out = self.git("ls-tree", "--full-tree", commit, "--", path).stdout.decode().split()
        return out[2] if len(out) >= 3 else None

    @staticmethod
    def _map_path(path: str, idmap: dict[str, str]) -> str:
        m = AMENDMENT_PATH.match(path)
        if m and m.group(2) in idmap:
            return f"amendments/{m.group(1)}/{idmap[m.group(2)]}.yaml"
        return path

    def _renumber(self, path: str, taken: set[str], idmap: dict[str, str], report: SyncReport) -> str:
        m = AMENDMENT_PATH.match(path)
        assert m is not None
        version, old = m.group(1), m.group(2)
        stem, _, number = old.rpartition("-")
        if not number.isdigit():
            raise RepositoryError(
                f"amendment {old} is already on the remote and has no number to change; nothing was synced"
            )
        n = int(number)
        while True:
            n += 1
            new = f"{stem}-{n:0{len(number)}d}"
            candidate = f"amendments/{version}/{new}.yaml"
            if candidate not in taken and new not in idmap.values():
                break
        idmap[old] = new
        report.renumbered[old] = new
        return candidate

    def _recompute(
        self, c: Commit, parent: str, text: TextRules, idmap: dict[str, str]
    ) -> dict[str, tuple[str, bytes | None]] | None:
        """The files of a decide, mark or translate commit computed again on ``parent``'s text."""
        from ..ops.edit import changed_sections, set_status, supply_translation
        from ..store.write import patch_section

        before, _ = text.workspace(parent)
        if before is None:
            return None
        decision, aid = c.trailer("Decision"), c.trailer("Amendment")
        clause, status, lang = c.trailer("Clause"), c.trailer("Status"), c.trailer("Language")
        files: dict[str, tuple[str, bytes | None]] = {}
        if decision and aid:
            a, path = text._amendment_at(c.sha, aid[0], c)
            if a is None or path is None:
                return None
            new_path = self._map_path(path, idmap)
            orig = next(ch for ch in c.changes if ch.path == path)
            if self._blob(parent, new_path) != (orig.old if orig.old != NULL else None):
                return None  # decided on the remote meanwhile: a conflict the secretariat must settle
            after = text.apply(before, a) if decision[0] in ("accepted", "modified") else before
            data = self.git.read_blobs([orig.new])[0]
            files[new_path] = ("100644", _map_content(data, idmap, renumbered=False) if data else data)
        elif clause and status:
            after = set_status(before, clause[0], status[0])
        elif clause and lang:
            mine, _ = text.workspace(c.sha)
            found = mine.clause(clause[0]) if mine is not None else None
            if found is None:
                return None
            after = supply_translation(before, clause[0], lang[0], found.text.get(lang[0], ""))
        else:
            return None
        for doc, section, prev in changed_sections(before, after):
            path = f"drafts/{doc.id}/{section.id}.yaml"
            current = self.git.read_blobs([f"{parent}:{path}"])[0]
            if current is None or prev is None:
                return None
            patched = patch_section(current.decode("utf-8"), path, prev, section)
            files[path] = ("100644", patched.encode("utf-8"))
        return files

    def _commit(
        self, c: Commit, parent: str, files: dict[str, tuple[str, bytes | None]], idmap: dict[str, str]
    ) -> str:
        import os
        import tempfile

        fields = (
            self.git("log", "-1", "--date=raw", "--format=%an%x00%ae%x00%ad%x00%B", c.sha)
            .stdout.decode("utf-8", "replace")
            .split("\0", 3)
        )
        name, email, date, message = fields
        message = _map_text(message, idmap)
        lines = []
        for path, (mode, data) in sorted(files.items()):
            if data is None:
                lines.append(f"0 {NULL}\t{path}\n")
            else:
                blob = self.git("hash-object", "-w", "--stdin", input=data).stdout.decode().strip()
                lines.append(f"{mode} {blob}\t{path}\n")
        fd, index = tempfile.mkstemp(prefix="drafting-sync-index-", dir=self.repo.git_dir)
        os.close(fd)
        os.unlink(index)
        try:
            env = dict(self.git.env, GIT_INDEX_FILE=index)
            self.git("read-tree", parent, env=env)
            self.git("update-index", "--index-info", input="".join(lines).encode("utf-8"), env=env)
            tree = self.git("write-tree", env=env).stdout.decode().strip()
        finally:
            if os.path.exists(index):
                os.unlink(index)
        env = dict(
            self.git.env,
            GIT_AUTHOR_NAME=name,
            GIT_AUTHOR_EMAIL=email,
            GIT_AUTHOR_DATE=date,
            GIT_COMMITTER_NAME=self.committer[0],
            GIT_COMMITTER_EMAIL=self.committer[1],
        )
        sign = (
            ["-c", "gpg.format=ssh", "commit-tree", f"-S{self.signing_key}"]
            if self.signing_key
            else ["commit-tree", "--no-gpg-sign"]
        )
        return (
            self.git(*sign, tree, "-p", parent, "-F", "-", input=message.encode("utf-8"), env=env)
            .stdout.decode()
            .strip()
        )


def _map_text(text: str, idmap: dict[str, str]) -> str:
    for old, new in idmap.items():
        text = re.sub(rf"(?<![A-Za-z0-9-]){re.escape(old)}(?![A-Za-z0-9-])", new, text)
    return text


def _map_content(data: bytes, idmap: dict[str, str], *, renumbered: bool) -> bytes:
    """An amendment file with renumbered ids: its own ``id`` (keeping ``renumbered_from``) and ``into``."""
    text = data.decode("utf-8")
    out = []
    for line in text.split("\n"):
        m = re.match(r"(\s*)(id|into):(\s*)(['\"]?)([A-Za-z0-9-]+)\4\s*$", line)
        if m and m.group(5) in idmap:
            out.append(f"{m.group(1)}{m.group(2)}:{m.group(3)}{idmap[m.group(5)]}")
            if m.group(2) == "id" and not m.group(1) and renumbered:
                out.append(f"renumbered_from: {m.group(5)}")
            continue
        out.append(line)
    return "\n".join(out).encode("utf-8")
