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
from typing import Any

from ..errors import RepositoryError, UsageError
from ..store.git import WORKSPACE_PATHS
from .history import NULL, walk
from .rebuild import Rebuilder, SyncReport
from .roles import AMENDMENT_PATH

REMOTE_TAGS = "refs/drafting/remote-tags"
ATTEMPTS = 40
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


class SyncRefused(RepositoryError):
    """The remote's gate refused the push (its lines are the problems)."""


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


class Syncer(Rebuilder):
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
