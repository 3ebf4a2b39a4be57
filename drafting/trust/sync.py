"""``drafting sync``: share this workspace's own commits with the remote, and take everyone else's.

1. fetch the branch and the ``version/*`` tags;
2. when both sides moved, recreate each local commit on top of the remote's (git's rebase would drop
   the signatures: each commit is made again, with its author and date, signed by the person syncing).
   A commit whose files the remote did not touch is carried as it is; a decide, mark or translate
   commit whose section the remote changed is computed again on the new text; anything else that
   collides stops the sync, changing nothing.  An amendment id the remote already holds is renumbered
   (the next free number; ``renumbered_from: <old id>`` in the file; the message and trailers follow):
   an id is provisional until the remote holds it;
3. move the branch and the working tree to the new commits (through the crash journal: a kill leaves
   the old state or the new, and the next command finishes the job);
4. push the branch and the version tags the remote lacks in one atomic push; when another party
   pushed in between, start again from 1.  Never forced; a commit is never dropped (the old ones stay
   in the reflog).
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

from ..errors import RepositoryError, UsageError
from ..store.git import WORKSPACE_PATHS
from .history import NULL, Commit, walk
from .roles import AMENDMENT_PATH
from .textcheck import TextRules

REMOTE_TAGS = "refs/drafting/remote-tags"
ATTEMPTS = 40
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


class SyncRefused(RepositoryError):
    """The remote's gate refused the push (its lines are the problems)."""


@dataclass
class SyncReport:
    remote: str
    branch: str
    pushed: int = 0  # own commits the remote now holds
    received: int = 0  # commits taken from the remote
    renumbered: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    attempts: int = 0


def _ok_name(value: str, what: str) -> str:
    if not _NAME.match(value) or ".." in value or value.endswith(".lock"):
        raise UsageError(f"invalid {what}: {value!r}")
    return value


def current_branch(git: Any) -> str:
    proc = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    name = proc.stdout.decode().strip()
    if proc.returncode != 0 or not name:
        raise RepositoryError("HEAD is detached: check out the negotiation's branch before syncing")
    return _ok_name(name, "branch name")


def default_remote(git: Any, branch: str) -> str:
    proc = git("config", "--get", f"branch.{branch}.remote", check=False)
    return proc.stdout.decode().strip() or "origin"


def unshared_proposals(git: Any) -> int | None:
    """How many amendment files local commits add that the remote-tracking branch lacks (None: no remote)."""
    try:
        branch = current_branch(git)
    except RepositoryError:
        return None
    remote = default_remote(git, branch)
    tracking = f"refs/remotes/{remote}/{branch}"
    if git("rev-parse", "--verify", "--quiet", tracking, check=False).returncode != 0:
        if git("config", "--get", f"remote.{remote}.url", check=False).returncode != 0:
            return None
        revs = ["HEAD"]
    else:
        revs = ["HEAD", "--not", tracking]
    out = git(
        "log", "--format=", "--diff-filter=A", "--name-only", "--no-renames", *revs, "--", "amendments"
    ).stdout.decode("utf-8", "replace")
    return len({p for p in out.splitlines() if AMENDMENT_PATH.match(p)})


class Syncer:
    def __init__(self, repo: Any, committer: tuple[str, str], signing_key: str | None) -> None:
        self.repo = repo
        self.git = repo.git
        self.committer = committer
        self.signing_key = signing_key

    # ---- the loop

    def run(self, remote: str | None) -> SyncReport:
        branch = current_branch(self.git)
        remote = _ok_name(remote or default_remote(self.git, branch), "remote name")
        if self.git("remote", "get-url", "--", remote, check=False).returncode != 0:
            raise UsageError(f"no remote named {remote!r} (git remote add {remote} URL)")
        report = SyncReport(remote, branch)
        with self.repo.lock():
            self.repo.check_clean([*WORKSPACE_PATHS, "keys", ".gitignore"])
            for attempt in range(1, ATTEMPTS + 1):
                report.attempts = attempt
                if self._once(remote, branch, report):
                    return report
                time.sleep(random.uniform(0.01, 0.1 * min(attempt, 5)))
        raise RepositoryError(
            f"could not push to {remote} after {ATTEMPTS} attempts: others keep pushing; "
            f"run drafting sync again"
        )

    def _once(self, remote: str, branch: str, report: SyncReport) -> bool:
        tracking = f"refs/remotes/{remote}/{branch}"
        self._fetch(remote, branch, tracking)
        theirs = self._rev(tracking)
        self._adopt_tags(remote)
        head = self._rev("HEAD")
        if head is None:
            if theirs is None:
                raise RepositoryError("nothing to sync: the workspace has no commits")
            raise RepositoryError("the workspace has no commits; clone the remote instead")
        new_head = head
        if theirs is not None and theirs != head:
            if self._is_ancestor(head, theirs):
                report.received += len(self.git("rev-list", f"{head}..{theirs}").stdout.split())
                new_head = theirs
            elif not self._is_ancestor(theirs, head):
                mine = walk(self.git, [head, "--not", theirs])
                report.received += len(self.git("rev-list", f"{head}..{theirs}").stdout.split())
                new_head = self._rebuild(mine, theirs, report)
            if new_head != head:
                self._switch(head, new_head)
        tags = self._tags_to_push(remote)
        if theirs == new_head and not tags:
            return True
        refspecs = [f"{new_head}:refs/heads/{branch}"] + [
            f"refs/tags/version/{t}:refs/tags/version/{t}" for t in tags
        ]
        proc = self.git("push", "--atomic", "--porcelain", "--quiet", remote, *refspecs, check=False)
        text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        if proc.returncode == 0:
            self.git("update-ref", tracking, new_head)
            for t in tags:
                self.git("update-ref", f"{REMOTE_TAGS}/{remote}/{t}", f"refs/tags/version/{t}")
            report.pushed = (
                len(self.git("rev-list", new_head, "--not", theirs).stdout.split())
                if theirs
                else (len(self.git("rev-list", new_head).stdout.split()))
            )
            report.tags += tags
            return True
        if "hook declined" in text or "pre-receive" in text:
            lines = [
                ln[len("remote: ") :] if ln.startswith("remote: ") else ln
                for ln in text.splitlines()
                if ln.startswith("remote: ") and ln.strip() != "remote:"
            ]
            raise SyncRefused(f"{remote} refused the push:\n" + "\n".join(lines or [text.strip()]))
        if any(
            w in text
            for w in (
                "fetch first",
                "non-fast-forward",
                "failed to update ref",
                "cannot lock ref",
                "stale info",
                "atomic push failed",
                "incorrect old value",
            )
        ):
            return False  # someone pushed in between: again from the fetch
        raise RepositoryError(f"git push to {remote} failed: {text.strip()}")

    # ---- git plumbing

    def _rev(self, ref: str) -> str | None:
        proc = self.git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return proc.stdout.decode().strip() or None if proc.returncode == 0 else None

    def _is_ancestor(self, a: str, b: str) -> bool:
        return self.git("merge-base", "--is-ancestor", a, b, check=False).returncode == 0

    def _fetch(self, remote: str, branch: str, tracking: str) -> None:
        # glob refspecs: an empty remote (no branch yet) is not an error
        proc = self.git(
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            remote,
            f"+refs/heads/*:refs/remotes/{remote}/*",
            f"+refs/tags/version/*:{REMOTE_TAGS}/{remote}/*",
            check=False,
        )
        if proc.returncode != 0:
            raise RepositoryError(
                f"cannot fetch from {remote}: {proc.stderr.decode('utf-8', 'replace').strip()}"
            )

    def _adopt_tags(self, remote: str) -> None:
        """Version tags the remote has and this workspace lacks are created here (never moved)."""
        out = self.git(
            "for-each-ref", "--format=%(refname)%00%(objectname)", f"{REMOTE_TAGS}/{remote}/"
        ).stdout.decode()
        for line in out.splitlines():
            ref, obj = line.split("\0")
            vid = ref.rsplit("/", 1)[1]
            local = f"refs/tags/version/{vid}"
            mine = self.git("rev-parse", "--verify", "--quiet", local, check=False).stdout.decode().strip()
            if not mine:
                self.git("update-ref", local, obj, "")
            elif mine != obj and self._rev(local) != self._rev(obj):
                raise RepositoryError(
                    f"version {vid} was issued both here and on {remote} on different "
                    f"commits; nothing was synced"
                )

    def _tags_to_push(self, remote: str) -> list[str]:
        local = (
            self.git("for-each-ref", "--format=%(refname:lstrip=3)", "refs/tags/version/")
            .stdout.decode()
            .split()
        )
        there = set(
            self.git("for-each-ref", "--format=%(refname:lstrip=4)", f"{REMOTE_TAGS}/{remote}/")
            .stdout.decode()
            .split()
        )
        return [t for t in local if t not in there]

    # ---- recreating commits

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

    # ---- moving the branch and the working tree

    def _switch(self, old: str, new: str) -> None:
        """HEAD's branch and the working tree from ``old`` to ``new``, through the crash journal."""
        from ..store import atomic
        from ..store.transaction import missing_dirs

        out = self.git("diff-tree", "-r", "-z", "--no-renames", "--raw", "--no-abbrev", old, new).stdout
        tokens = out.split(b"\0")
        changes: dict[str, str | None] = {}
        i = 0
        while i + 1 < len(tokens):
            meta = tokens[i].lstrip(b"\n")
            if meta.startswith(b":"):
                fields = meta[1:].decode().split()
                path = tokens[i + 1].decode("utf-8", "surrogateescape")
                changes[path] = None if fields[3] == NULL else fields[3]
                i += 2
            else:
                i += 1
        root = self.repo.root
        new_dirs = missing_dirs(root, [p for p, b in changes.items() if b is not None])
        self.repo.journal.write(old, changes, new_dirs)
        contents = dict(
            zip([p for p, b in changes.items() if b], self.git.read_blobs([b for b in changes.values() if b]))
        )
        atomic.write_many({root / p: (d, None) for p, d in contents.items() if d is not None})
        for path, blob in changes.items():
            if blob is None:
                atomic.remove(root / path)
        listing = b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in changes)
        if listing:
            self.git("update-index", "--add", "--remove", "-z", "--stdin", input=listing)
        self.git("update-ref", "-m", "drafting sync", "HEAD", new, old)
        self.repo.journal.remove()


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
