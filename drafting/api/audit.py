"""``drafting audit``: prove from the git history that no proposal was lost or altered without a trace.

One ``git log`` pass over every commit reachable from HEAD (with ``--raw``: the status and the blob ids of
each changed path) and one ``git cat-file --batch`` run for the blobs it needs.  What it proves:

1. every amendment file ever committed still exists in HEAD;
2. its submitted content is unchanged: once ``status`` and ``decision`` are set aside, no commit changed
   the parsed file (so every version equals the first committed one; a commit that changed it is named);
3. ``status`` and ``decision`` changed only in commits whose trailers name that amendment and its new
   status (``Amendment: <id>``, ``Decision: <status>``: a ``drafting decide`` commit), and a file first
   committed already decided was committed by such a commit;
4. every accepted or modified amendment's effect is visible in the clause history: the commit that
   recorded the decision also changed a file under ``drafts/`` (comments change no text);
5. every tag ``version/<id>`` is an annotated tag whose target commit exists, is HEAD or an ancestor of
   it, and is the commit the version was issued on (the commit that first listed the version in
   ``negotiation.yaml``, when a drafting command made it); the version is listed in HEAD's
   ``negotiation.yaml``; and every version issued by ``drafting issue`` in the history still has its tag.

The trust wing adds (``drafting.trust.proof``): signatures and roles once ``keys/allowed_signers``
exists, the text rules (a decide commit's text change is exactly that amendment applied; a merge's text
is what both sides' recorded changes give), no links, submodules or oversized files; and a
``drafting restore`` commit repairs what went wrong with the file it restores.

What it cannot prove: before ``keys/allowed_signers`` exists, trailers are text, so a commit forged by
hand with ``Decision:`` trailers passes check 3; and a version tag re-created by hand, annotated, on
another commit is detected only when the version was issued by a drafting command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import progress
from ..store import trail
from ..store.repo import TAG_PREFIX
from ..store.session import Session
from ..vocab import ID_PATTERN

AMENDMENT_PATH = re.compile(r"amendments/([^/]+)/([^/]+)\.yaml\Z")
DECISION_FIELDS = ("status", "decision")


def _split(doc: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(submitted content, decision fields) of a parsed amendment."""
    if not isinstance(doc, dict):
        return {"": doc}, {"status": "submitted", "decision": None}
    submitted = {k: v for k, v in doc.items() if k not in DECISION_FIELDS}
    decided = {k: doc.get(k) for k in DECISION_FIELDS}
    if decided.get("status") is None:
        decided["status"] = "submitted"
    return submitted, decided


def _differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def _versions_listed(doc: Any) -> set[str]:
    versions = doc.get("versions") if isinstance(doc, dict) else None
    if not isinstance(versions, list):
        return set()
    return {v["id"] for v in versions if isinstance(v, dict) and isinstance(v.get("id"), str)}


def audit(workspace: str | None) -> dict[str, Any]:
    """Walk the whole history of the workspace; return the findings (``problems`` empty: all proven)."""
    s = Session.find(workspace)
    repo = s.repo
    commits = trail.commits(repo)
    head = commits[-1].sha if commits else None
    problems: list[str] = []

    blob_ids: set[str] = set()
    for c in commits:
        for status, path, old, new in c.changes:
            if AMENDMENT_PATH.match(path) or path == "negotiation.yaml":
                blob_ids.update((old, new))
    head_files = trail.tree_files(repo, head) if head is not None else {}
    if "negotiation.yaml" in head_files:
        blob_ids.add(head_files["negotiation.yaml"])
    blobs = trail.Blobs(repo, blob_ids)

    repaired: list[str] = []
    amendments = _audit_amendments(commits, blobs, head_files, problems, repaired, repo)
    versions = _audit_versions(repo, commits, blobs, head_files, problems)
    # signatures and roles, the text rules, links and sizes: the trust wing's commit rules (its
    # amendment rules are the ones above, made here over the whole history)
    from ..trust.proof import prove
    still, fixed, _ = prove(repo.git, s.version_tags, integrity=False)
    problems += [str(f) for f in still]
    repaired += [str(f) for f in fixed]
    return {"problems": problems, "repaired": repaired, "commits": len(commits), "amendments": amendments,
            "versions": versions}


# ------------------------------------------------------------------------------------------ amendments

@dataclass
class _Track:
    path: str
    first: tuple[trail.Commit, dict[str, Any]] | None = None  # the first committed version's submitted content
    seen: set[str] = field(default_factory=set)          # blob ids already checked
    deleted_in: trail.Commit | None = None


def _audit_amendments(commits: list[trail.Commit], blobs: trail.Blobs, head_files: dict[str, str],
                      all_problems: list[str], repaired: list[str], repo: Any) -> int:
    from ..trust.rules import last_legitimate
    tracks: dict[str, _Track] = {}
    by_path: dict[str, list[str]] = {}
    for c in progress.steps(commits, "auditing the history"):
        drafts_changed = any(p.startswith("drafts/") for _, p, _, _ in c.changes)
        for status, path, old, new in c.changes:
            m = AMENDMENT_PATH.match(path)
            if m is None:
                continue
            aid = m.group(2)
            problems = by_path.setdefault(path, [])
            t = tracks.setdefault(path, _Track(path))
            if status == "D":
                t.deleted_in = c
                continue
            t.deleted_in = None
            if aid in c.trailer("Restore") and len(c.parents) == 1 \
                    and last_legitimate(repo.git, list(c.parents), path) == new:
                # a recorded repair (drafting restore): what went wrong with this file before is repaired
                repaired.extend(f"{p} (repaired in {c.short()})" for p in problems)
                problems.clear()
                t.seen.add(new)
                continue
            if len(c.parents) > 1 and new in t.seen:  # a merge bringing a version already checked
                continue
            t.seen.add(new)
            doc, why = blobs.parsed(new, path)
            if why is not None:
                problems.append(f"{path}: cannot be read as committed in {c.short()}: {why}")
                continue
            submitted, decided = _split(doc)
            if t.first is None:
                t.first = (c, submitted)
                if decided["status"] != "submitted" or decided.get("decision") is not None:
                    _check_decision_commit(c, aid, path, decided, problems, drafts_changed, doc,
                                           first=True)
                continue
            # against the version this commit changed (a file re-added after a deletion: the first one)
            was_submitted, before = t.first[1], {"status": "submitted", "decision": None}
            if old != trail.NULL and status != "A":
                prev, prev_why = blobs.parsed(old, path)
                if prev_why is None:
                    was_submitted, before = _split(prev)
            changed = _differences(was_submitted, submitted)
            if changed:
                problems.append(f"{path}: submitted content altered in {c.short()}: "
                                f"{', '.join(changed)} changed (the proposal was first committed in "
                                f"{t.first[0].short()})")
            if before != decided:
                _check_decision_commit(c, aid, path, decided, problems, drafts_changed, doc, first=False)
    for path, t in sorted(tracks.items()):
        if path not in head_files:
            where = f" in {t.deleted_in.short()}" if t.deleted_in else ""
            by_path.setdefault(path, []).append(f"{path}: amendment file deleted{where}; it is not in HEAD")
    for path in sorted(by_path):
        all_problems.extend(by_path[path])
    return len(tracks)


def _check_decision_commit(c: trail.Commit, aid: str, path: str, decided: dict[str, Any], problems: list[str],
                           drafts_changed: bool, doc: Any, *, first: bool) -> None:
    status = decided.get("status")
    what = (f"committed already decided ({status})" if first
            else f"status or decision changed (now {status})")
    if aid not in c.trailer("Amendment") or not c.trailer("Decision"):
        problems.append(f"{path}: {what} in {c.short()}, which is not a decide commit "
                        f"(no 'Amendment: {aid}' and 'Decision:' trailers)")
        return
    if status not in c.trailer("Decision"):
        problems.append(f"{path}: {what} in {c.short()}, whose trailer says "
                        f"'Decision: {', '.join(c.trailer('Decision'))}'")
        return
    if status in ("accepted", "modified") and not drafts_changed and _op(doc) not in ("comment", None):
        problems.append(f"{path}: {status} in {c.short()}, but that commit changed no clause under drafts/: "
                        f"the decision's effect is not in the clause history")


def _op(doc: Any) -> str | None:
    change = doc.get("change") if isinstance(doc, dict) else None
    if isinstance(change, dict) and len(change) == 1:
        return str(next(iter(change)))
    return None


# -------------------------------------------------------------------------------------------- versions

def _audit_versions(repo: Any, commits: list[trail.Commit], blobs: trail.Blobs, head_files: dict[str, str],
                    problems: list[str]) -> int:
    reachable = {c.sha for c in commits}
    by_sha = {c.sha: c for c in commits}
    # the commit that first listed each version in negotiation.yaml
    introduced: dict[str, trail.Commit] = {}
    for c in commits:
        for status, path, old, new in c.changes:
            if path != "negotiation.yaml" or status == "D":
                continue
            doc, why = blobs.parsed(new, path)
            if why is None:
                for vid in _versions_listed(doc):
                    introduced.setdefault(vid, c)
    listed: set[str] = set()
    if "negotiation.yaml" in head_files:
        doc, why = blobs.parsed(head_files["negotiation.yaml"], "negotiation.yaml")
        if why is None:
            listed = _versions_listed(doc)
    tags = list(trail.version_tags(repo))
    tagged = {vid for vid, *_ in tags}
    for vid, kind, obj, peeled in tags:
        name = f"{TAG_PREFIX}{vid}"
        if not ID_PATTERN.match(vid):
            problems.append(f"tag {name}: not a valid version id")
            continue
        if kind != "tag":
            problems.append(f"tag {name}: not an annotated tag (it was re-created by hand: "
                            f"'git tag -f' makes a lightweight tag)")
            target = obj if kind == "commit" else ""
        else:
            target = peeled
        if not target or repo.git.rev_parse(target) is None:
            problems.append(f"tag {name}: its commit {target[:10] or '?'} does not exist")
            continue
        if target not in reachable:
            problems.append(f"tag {name}: commit {target[:10]} is not HEAD or an ancestor of HEAD")
            continue
        origin = introduced.get(vid)
        if origin is None:
            problems.append(f"tag {name}: on {by_sha[target].short()}, but negotiation.yaml never listed "
                            f"version {vid!r} up to HEAD")
        elif _issued_by_drafting(origin, vid) and target != origin.sha:
            problems.append(f"tag {name}: moved: version {vid} was issued on {origin.short()}, "
                            f"but the tag now points to {by_sha[target].short()}")
        elif not _issued_by_drafting(origin, vid) and not _descends(target, origin.sha, by_sha):
            problems.append(f"tag {name}: on {by_sha[target].short()}, before version {vid} was "
                            f"listed in negotiation.yaml ({origin.short()})")
        if vid not in listed:
            problems.append(f"tag {name}: version {vid!r} is not listed in negotiation.yaml")
    for vid, origin in sorted(introduced.items()):
        if vid not in tagged and vid in listed and _issued_by_drafting(origin, vid):
            problems.append(f"version {vid}: issued in {origin.short()}, but its tag {TAG_PREFIX}{vid} is missing")
    return len(tags)


def _issued_by_drafting(c: trail.Commit, vid: str) -> bool:
    """Whether ``c`` is a commit a drafting command made to issue (or start from) version ``vid``."""
    return vid in c.trailer("Version") and not c.trailer("Amendment")


def _descends(sha: str, ancestor: str, by_sha: dict[str, trail.Commit]) -> bool:
    seen, todo = set(), [sha]
    while todo:
        cur = todo.pop()
        if cur == ancestor:
            return True
        if cur in seen or cur not in by_sha:
            continue
        seen.add(cur)
        todo.extend(by_sha[cur].parents)
    return False

