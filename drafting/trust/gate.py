"""``drafting gate``: what a shared remote accepts.

As a ``pre-receive`` hook it reads ``<old> <new> <ref>`` lines on standard input (the pushed objects are
in git's quarantine, readable through the environment git gives the hook) and refuses the whole push,
one line per problem, when any of these holds:

* a branch is deleted, or moved to a commit that does not descend from where it was (a forced push);
* a ``version/*`` tag is moved or deleted, or created on a commit that did not issue that version;
* a ref other than a branch or a ``version/*`` tag is pushed;
* a new commit breaks a rule of :mod:`.rules` (signatures and roles, amendment integrity, the text
  rules, symbolic links, submodules, size limits);
* the workspace at a pushed branch's new tip does not validate.

``drafting gate --range A..B`` checks the commits of a range the same way, for a forge's CI where no
server hook runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ..vocab import ID_PATTERN
from .history import NULL, walk
from .rules import Rules
from .signatures import SignatureChecker
from .textcheck import TextRules

TAG_PREFIX = "refs/tags/version/"
HEAD_PREFIX = "refs/heads/"
# what git gives a pre-receive hook to read the pushed objects before they are accepted
QUARANTINE_ENV = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH")
MAX_TIP_PROBLEMS = 20


def hook_git(git: Any) -> Any:
    """``git`` with the quarantine variables of the hook's environment kept."""
    git.env.update({k: os.environ[k] for k in QUARANTINE_ENV if k in os.environ})
    return git


def _tags(git: Any) -> dict[str, str]:
    """version id -> commit of every existing version/* tag."""
    out = git("for-each-ref", "--format=%(refname)%00%(objectname)%00%(*objectname)", TAG_PREFIX).stdout
    tags = {}
    for line in out.decode("utf-8", "replace").splitlines():
        ref, obj, peeled = (line.split("\0") + ["", ""])[:3]
        tags[ref[len(TAG_PREFIX) :]] = peeled or obj
    return tags


def _is_ancestor(git: Any, a: str, b: str) -> bool:
    return git("merge-base", "--is-ancestor", "--end-of-options", a, b, check=False).returncode == 0


def _lists_version(rules: Rules, sha: str, vid: str) -> bool:
    from .history import blobs_at

    blob = blobs_at(rules.git, sha, ["negotiation.yaml"]).get("negotiation.yaml")
    doc, _ = rules.parsed(blob, "negotiation.yaml")
    versions = doc.get("versions") if isinstance(doc, dict) else None
    return isinstance(versions, list) and any(isinstance(v, dict) and v.get("id") == vid for v in versions)


class Gate:
    def __init__(self, git: Any) -> None:
        self.git = git
        self.tags = _tags(git)
        self.pushed_tags: dict[str, str] = {}
        self.text = TextRules(git, lambda vid: self.pushed_tags.get(vid) or self.tags.get(vid))
        self.rules = Rules(git, SignatureChecker(git, getattr(git, "git_dir", None)), self.text)

    def check_push(self, updates: Iterable[tuple[str, str, str]]) -> list[str]:
        updates = list(updates)
        problems: list[str] = []
        heads = [(old, new, ref) for old, new, ref in updates if ref.startswith(HEAD_PREFIX)]
        for old, new, ref in updates:
            if ref.startswith(TAG_PREFIX) and new != NULL:
                peeled = (
                    self.git(
                        "rev-parse",
                        "--verify",
                        "--quiet",
                        "--end-of-options",
                        f"{new}^{{commit}}",
                        check=False,
                    )
                    .stdout.decode()
                    .strip()
                )
                self.pushed_tags[ref[len(TAG_PREFIX) :]] = peeled
        for old, new, ref in updates:
            if ref.startswith(HEAD_PREFIX):
                problems += [f"{ref}: {p}" for p in self._branch(old, new)]
            elif ref.startswith(TAG_PREFIX):
                problems += [f"{ref}: {p}" for p in self._tag(old, new, ref, heads)]
            else:
                problems.append(f"{ref}: only branches and version/* tags may be pushed here")
        return problems

    def check_range(self, a: str | None, b: str) -> list[str]:
        commits = walk(self.git, [b] if a is None else [b, "--not", a])
        return [str(f) for f in self.rules.check(commits)] + self._tip(b)

    def _branch(self, old: str, new: str) -> list[str]:
        if new == NULL:
            return ["deleting a branch is refused (the history of a negotiation is kept)"]
        if old != NULL and not _is_ancestor(self.git, old, new):
            return [
                f"not a fast-forward: {new[:10]} does not descend from {old[:10]} (a forced push would "
                f"drop commits; fetch, then sync)"
            ]
        commits = walk(self.git, [new, "--not", "--all"])
        return [str(f) for f in self.rules.check(commits)] + self._tip(new)

    def _tag(self, old: str, new: str, ref: str, heads: list[tuple[str, str, str]]) -> list[str]:
        vid = ref[len(TAG_PREFIX) :]
        if old != NULL:
            return ["moving or deleting an issued version's tag is refused"]
        if not ID_PATTERN.match(vid):
            return [f"{vid!r} is not a valid version id"]
        kind = self.git("cat-file", "-t", new, check=False).stdout.decode().strip()
        if kind != "tag":
            return ["a version tag must be an annotated tag made by 'drafting issue'"]
        target = self.pushed_tags.get(vid, "")
        tips = [n for _, n, _ in heads if n != NULL]
        tips += self.git("for-each-ref", "--format=%(objectname)", HEAD_PREFIX).stdout.decode().split()
        if not target or not any(_is_ancestor(self.git, target, t) for t in tips):
            return [f"the tag's commit {target[:10]} is on no branch"]
        if not _lists_version(self.rules, target, vid):
            return [
                f"commit {target[:10]} does not list version {vid} in negotiation.yaml: only the commit "
                f"that issued {vid} may carry its tag"
            ]
        parent = (
            self.git("rev-parse", "--verify", "--quiet", f"{target}^1", check=False).stdout.decode().strip()
        )
        trailers = self.git("log", "-1", "--format=%(trailers:key=Version,valueonly)", target).stdout.decode()
        if parent and _lists_version(self.rules, parent, vid) and vid not in trailers.split():
            return [f"commit {target[:10]} did not issue version {vid} (it was listed before)"]
        return []

    def _tip(self, sha: str) -> list[str]:
        from ..ops.validate import validate
        from ..store.load import load_workspace
        from ..store.source import GitSource

        with GitSource(self.git, sha) as src:
            if src.read("negotiation.yaml") is None:
                return []  # not a workspace (yet): nothing to validate
            ws, problems = load_workspace(src)
        bases = {}
        for vid in {a.version for a in ws.amendments}:
            vsha = self.pushed_tags.get(vid) or self.tags.get(vid)
            if vsha:
                base, _ = self.text.workspace(vsha)
                if base is not None:
                    bases[vid] = base
        found = sorted(
            {p for p in problems + validate(ws, bases) if p.severity == "error"},
            key=lambda p: (p.path, p.line, p.message),
        )
        lines = [f"at {sha[:10]}: {p}" for p in found[:MAX_TIP_PROBLEMS]]
        if len(found) > MAX_TIP_PROBLEMS:
            lines.append(f"at {sha[:10]}: and {len(found) - MAX_TIP_PROBLEMS} more problems")
        return lines


def read_updates(text: str) -> list[tuple[str, str, str]]:
    updates = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            updates.append((parts[0], parts[1], parts[2]))
    return updates


def open_git(where: str | None) -> Any:
    """The git of the repository at ``where`` (default: the current folder), bare (a remote, where the
    hook runs) or not (a clone, for ``--range``)."""
    from pathlib import Path

    from ..errors import UsageError
    from ..store.git import Git, base_env, run_git

    here = Path(where or ".").absolute()
    proc = run_git(["rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir",
                    "--is-bare-repository", "--show-object-format"], here, base_env())
    if proc.returncode != 0:
        raise UsageError(f"not a git repository: {here}")
    git_dir, common, bare, fmt = proc.stdout.decode("utf-8", "surrogateescape").splitlines()[:4]
    root = Path(git_dir)
    if bare.strip() != "true":
        top = run_git(["rev-parse", "--show-toplevel"], here, base_env())
        root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    return Git(root, Path(git_dir), Path(common), fmt.strip() or "sha1")


def run(where: str | None, revrange: str | None, stdin: str) -> list[str]:
    """The gate's problems: for a push (``stdin`` holds git's ``old new ref`` lines) or a range."""
    git = hook_git(open_git(where))
    gate = Gate(git)
    if revrange is not None:
        a, sep, b = revrange.partition("..")
        from ..errors import UsageError

        start = git.rev_parse(a) if sep and a else None
        end = git.rev_parse(b if sep else revrange)
        if end is None or (sep and a and start is None):
            raise UsageError(f"unknown range {revrange!r}")
        return gate.check_range(start, end)
    return gate.check_push(read_updates(stdin))
