"""The rules every commit must keep, checked one commit at a time against its parents.

``drafting audit`` applies them to every commit reachable from HEAD, ``drafting gate`` to the commits a
push brings.  A :class:`Finding` names the commit, the file and the rule.

* integrity: an amendment file is never deleted; its submitted content never changes; its status and
  decision change only in a decide commit naming it (``Amendment:``/``Decision:`` trailers) -- or in a
  ``drafting restore`` commit that puts back exactly what was last legitimately committed;
* files: no symbolic links, no submodules, nothing over the size limits;
* signatures: once ``keys/allowed_signers`` exists (as in the commit's parent), every commit is signed by
  a key it lists, and that key's party may make the change (:mod:`.roles`); the commit that creates the
  file is signed by a secretariat key it lists;
* text: see :mod:`.textcheck` (decide, mark and translate commits change exactly what they record; a
  merge's text is what the recorded changes of both sides give).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import DraftingError
from ..store.yamlio import load_file
from ..vocab import TEXT_LIMIT_BYTES
from .history import NULL, Blobs, Commit, blobs_at, parse_trailers
from .roles import AMENDMENT_PATH, DECISION_FIELDS, CommitChanges, FileChange, Parties, plain, role_problems
from .signatures import SignatureChecker
from .signers import SIGNERS_PATH, AllowedSigners

NEGOTIATION = "negotiation.yaml"
WORKSPACE_PREFIXES = ("negotiation.yaml", "drafts/", "amendments/", "keys/")
# Workspace files are YAML (and keys): TEXT_LIMIT_BYTES each.  Anything else the repository holds (a
# README, a .gitignore) is kept small too: the remote is for the negotiation, not for documents.
OTHER_LIMIT_BYTES = 5_000_000
LINK_MODE, SUBMODULE_MODE = "120000", "160000"


@dataclass(frozen=True, slots=True)
class Finding:
    commit: str
    subject: str
    path: str
    rule: str
    message: str
    concerns: frozenset[str] = field(default=frozenset(), compare=False)  # paths a restore can repair

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"commit {self.commit[:10]} ({self.subject}): {where}{self.message} [{self.rule}]"


def split(doc: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(submitted content, decision fields) of a parsed amendment."""
    if not isinstance(doc, dict):
        return {"": doc}, {}
    submitted = {k: v for k, v in doc.items() if k not in DECISION_FIELDS}
    decided = {k: doc.get(k) for k in DECISION_FIELDS}
    if decided.get("status") is None:
        decided["status"] = "submitted"
    return submitted, decided


def limit_of(path: str) -> int:
    return TEXT_LIMIT_BYTES if path.startswith(WORKSPACE_PREFIXES) else OTHER_LIMIT_BYTES


class Rules:
    """Checks commits; remembers what it learnt about earlier ones (state of the tracked files)."""

    def __init__(
        self, git: Any, signatures: SignatureChecker, text: Any = None, *, integrity: bool = True
    ) -> None:
        self.git = git
        self.integrity = integrity  # the amendment rules (audit makes them itself, over the whole history)
        self.blobs = Blobs(git)
        self.signatures = signatures
        self.text = text  # a textcheck.TextRules, or None
        self._state: dict[str, dict[str, str | None]] = {}
        self._parsed: dict[tuple[str, str], tuple[Any, str | None]] = {}

    # ---- state of the files roles depend on, per commit

    def _tracked_at(self, sha: str) -> dict[str, str | None]:
        if sha not in self._state:
            self._state[sha] = blobs_at(self.git, sha, [SIGNERS_PATH, NEGOTIATION])
        return self._state[sha]

    def parsed(self, blob: str | None, path: str) -> tuple[Any, str | None]:
        """(plain parsed YAML, None) or (None, why not)."""
        if blob is None or blob == NULL:
            return None, None
        key = (blob, path)
        if key not in self._parsed:
            data = self.blobs.get(blob)
            if data is None:
                self._parsed[key] = (None, f"blob {blob[:10]} is missing from the repository")
            else:
                try:
                    self._parsed[key] = (plain(load_file(data, path)), None)
                except DraftingError as e:
                    self._parsed[key] = (None, e.message)
        return self._parsed[key]

    def signers_at(self, sha: str | None) -> AllowedSigners | None:
        blob = self._tracked_at(sha).get(SIGNERS_PATH) if sha else None
        return AllowedSigners.parse(self.blobs.get(blob)) if blob else None

    def parties_at(self, sha: str | None) -> Parties:
        blob = self._tracked_at(sha).get(NEGOTIATION) if sha else None
        doc, _ = self.parsed(blob, NEGOTIATION)
        return Parties.from_plain(doc)

    # ---- checking

    def check(self, commits: Sequence[Commit]) -> list[Finding]:
        """Every finding in ``commits`` (parents before children)."""
        wanted = [ch.new for c in commits for ch in c.changes if ch.path in (SIGNERS_PATH, NEGOTIATION)]
        if self.integrity:
            wanted += [
                b
                for c in commits
                for ch in c.changes
                if AMENDMENT_PATH.match(ch.path)
                for b in (ch.old, ch.new)
            ]
        self.blobs.fetch(wanted)
        sizes = self.blobs.sizes(
            [ch.new for c in commits for ch in c.changes if ch.new_mode != SUBMODULE_MODE]
        )
        if self.text is not None:
            self.text.know(list(commits))
            self.text.blobs = self.blobs
        trusted = [c.sha for c in commits if self._needs_signature(c)]
        sigs = self.signatures.check(trusted) if trusted else {}
        findings: list[Finding] = []
        for c in commits:
            findings.extend(self.check_commit(c, sizes, sigs.get(c.sha)))
        if self.text is not None:
            self.text.save()
        return findings

    def _needs_signature(self, c: Commit) -> bool:
        parent = c.parents[0] if c.parents else None
        state = dict(self._tracked_at(parent)) if parent else {SIGNERS_PATH: None, NEGOTIATION: None}
        for ch in c.changes:
            if ch.path in state:
                state[ch.path] = None if ch.new == NULL else ch.new
        self._state[c.sha] = state
        had = parent is not None and self._tracked_at(parent).get(SIGNERS_PATH) is not None
        return had or state.get(SIGNERS_PATH) is not None

    def own_changes(self, c: Commit) -> list[Any]:
        """The changes a commit makes of its own: for a merge, the paths whose result is in no parent."""
        if not c.is_merge:
            return list(c.changes)
        paths = [ch.path for ch in c.changes]
        others = [blobs_at(self.git, p, paths) for p in c.parents[1:]]
        return [ch for ch in c.changes if not any((o.get(ch.path) or NULL) == ch.new for o in others)]

    def check_commit(self, c: Commit, sizes: dict[str, int], sig: Any) -> list[Finding]:
        out: list[Finding] = []
        own = self.own_changes(c)
        all_paths = frozenset(ch.path for ch in own)

        def find(path: str, rule: str, message: str, concerns: frozenset[str] | None = None) -> None:
            out.append(
                Finding(
                    c.sha,
                    c.subject,
                    path,
                    rule,
                    message,
                    concerns if concerns is not None else (frozenset({path}) if path else all_paths),
                )
            )

        for ch in own:
            if ch.new_mode == LINK_MODE:
                find(ch.path, "no-symlinks", "adds a symbolic link (files in a workspace are never links)")
            elif ch.new_mode == SUBMODULE_MODE:
                find(ch.path, "no-submodules", "adds a submodule")
            elif ch.new != NULL and sizes.get(ch.new, 0) > limit_of(ch.path):
                find(ch.path, "size-limit", f"is {sizes[ch.new]:,} bytes; the limit is {limit_of(ch.path):,}")
        parent = c.parents[0] if c.parents else None
        signers = self.signers_at(parent)
        creating = signers is None and self._state.get(c.sha, {}).get(SIGNERS_PATH) is not None
        if self.integrity or signers is not None or creating:
            files = self._amendment_integrity(c, own, find if self.integrity else (lambda *a, **k: None))
        else:
            files = []
        if signers is not None or creating:
            self._signature_rules(c, own, files, sig, signers, creating, parent, find)
        if self.text is not None:
            for path, rule, message in self.text.check(c, own, keys_active=signers is not None):
                find(path, rule, message)
        return out

    def _amendment_integrity(self, c: Commit, own: list[Any], find: Any) -> list[FileChange]:
        files: list[FileChange] = []
        restoring = set(c.trailer("Restore"))
        for ch in own:
            m = AMENDMENT_PATH.match(ch.path)
            if m is None or ch.new_mode == LINK_MODE:
                files.append(FileChange(ch.path, ch.status))
                continue
            aid = m.group(2)
            before, _ = self.parsed(ch.old if ch.status != "A" else None, ch.path)
            after, why = self.parsed(ch.new if ch.status != "D" else None, ch.path)
            files.append(FileChange(ch.path, ch.status, before, after))
            if ch.status == "D":
                find(
                    ch.path,
                    "never-deleted",
                    "deletes an amendment file (proposals are never deleted; "
                    "'drafting restore' puts it back)",
                )
                continue
            if why is not None:
                find(ch.path, "readable", f"cannot be read as committed: {why}")
                continue
            if aid in restoring:
                problem = self.check_restore(c, ch.path, ch.new)
                if problem:
                    find(ch.path, "restore-exact", problem)
                continue
            submitted, decided = split(after)
            was_submitted, was_decided = (
                split(before) if ch.status != "A" else (submitted, {"status": "submitted", "decision": None})
            )
            changed = sorted(
                k for k in set(submitted) | set(was_submitted) if submitted.get(k) != was_submitted.get(k)
            )
            if ch.status != "A" and changed:
                find(
                    ch.path,
                    "submitted-unchanged",
                    f"alters the submitted proposal ({', '.join(changed)} changed)",
                )
            if decided != was_decided:
                status = decided.get("status")
                what = (
                    f"is committed already decided ({status})"
                    if ch.status == "A"
                    else f"changes the status or decision (now {status})"
                )
                if aid not in c.trailer("Amendment") or status not in c.trailer("Decision"):
                    find(
                        ch.path,
                        "decided-by-decide",
                        f"{what} outside a decide commit for it (trailers "
                        f"'Amendment: {aid}' and 'Decision: {status}')",
                    )
        return files

    def check_restore(self, c: Commit, path: str, blob: str) -> str | None:
        """Why the restore of ``path`` in ``c`` is not exact (None: it puts back the content last
        legitimately committed: the proposal as first committed, or as its last decide commit left it)."""
        legit = last_legitimate(self.git, list(c.parents), path)
        if legit is None:
            return f"restores {path}, which was never committed before"
        if legit != blob:
            return (
                f"does not restore exactly the content last legitimately committed (blob {legit[:10]}); "
                f"a restore must put back the proposal as it was submitted and decided"
            )
        return None

    def _signature_rules(
        self,
        c: Commit,
        own: list[Any],
        files: list[FileChange],
        sig: Any,
        signers: AllowedSigners | None,
        creating: bool,
        parent: str | None,
        find: Any,
    ) -> None:
        if creating:
            signers = AllowedSigners.parse(self.blobs.get(self._state[c.sha][SIGNERS_PATH] or NULL))
        assert signers is not None
        if sig is None or sig.state == "none":
            find(
                "",
                "signed",
                "is not signed; once keys/allowed_signers exists every commit must be signed "
                "with a key it lists",
            )
            return
        if sig.state == "bad":
            find("", "signed", f"has a bad signature (key {sig.fingerprint})")
            return
        if not sig.good:
            find("", "signed", f"its signature could not be checked (git said {sig.letter})")
            return
        principal = signers.principal(sig.fingerprint)
        parties = self.parties_at(c.sha if creating else parent)
        if principal is None:
            find(
                "",
                "known-key",
                f"is signed by a key that keys/allowed_signers does not list ({sig.fingerprint})",
            )
            return
        if creating and not parties.is_secretariat(principal):
            find(
                SIGNERS_PATH,
                "keys-by-secretariat",
                f"creates keys/allowed_signers signed by {principal}, not by a secretariat key it lists",
            )
            return
        text_ok = set(self.text.merged_paths(c)) if (self.text is not None and c.is_merge) else set()
        judged = tuple(f for f in files if f.path not in text_ok)
        changes = CommitChanges(judged, c.trailers if not c.is_merge else {})
        for path, why in role_problems(principal, parties, changes):
            find(path, "role", f"signed by {principal}: {why}")


def last_legitimate(git: Any, starts: list[str], path: str) -> str | None:
    """The blob of ``path`` as last legitimately committed before ``starts``: as first added, then as
    each decide (or restore) commit naming the amendment left it."""
    out = git(
        "log",
        "--format=%x01%H%x00%(trailers:only,unfold)",
        "--raw",
        "--no-abbrev",
        "-z",
        "--reverse",
        "--topo-order",
        *starts,
        "--",
        path,
    ).stdout
    aid = path.rsplit("/", 1)[1][:-5]
    legit: str | None = None
    trailers: dict[str, list[str]] = {}
    for token in out.split(b"\0"):
        t = token.lstrip(b"\n")
        if t.startswith(b"\x01"):
            trailers = parse_trailers(t.decode("utf-8", "replace").partition("\x00")[2])
        elif t.startswith(b":"):
            meta = t[1:].decode("ascii", "replace").split()
            if len(meta) < 5 or meta[4] == "D":
                continue
            decide = (aid in trailers.get("Amendment", []) and bool(trailers.get("Decision"))) or (
                aid in trailers.get("Restore", [])
            )
            if legit is None or decide:
                legit = meta[3]
    return legit
