"""What each party may change: pure functions over what a commit changes.

A delegation's key may add amendments as that delegation, or for a group it is a member of (``by`` and
``on_behalf_of``), naming whatever co-sponsors it likes; it may withdraw its own amendments; nothing
else.  A secretariat's key (a code of kind ``secretariat``) may do everything a drafting command does:
enter any delegation's proposal (recording ``entered_by``), decide, mark, translate, issue, and change
``negotiation.yaml``, ``drafts/`` and ``keys/``.  No key may delete an amendment file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

AMENDMENT_PATH = re.compile(r"amendments/([^/]+)/([^/]+)\.yaml\Z")
DECISION_FIELDS = ("status", "decision")
WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Parties:
    """The delegations of a negotiation as roles need them: kind of each code, members of each group."""

    kinds: Mapping[str, str] = field(default_factory=dict)
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_plain(cls, doc: Any) -> Parties:
        """From a parsed ``negotiation.yaml`` (plain dicts); tolerant: roles must work on a broken file."""
        kinds: dict[str, str] = {}
        members: dict[str, tuple[str, ...]] = {}
        delegations = doc.get("delegations") if isinstance(doc, dict) else None
        if isinstance(delegations, dict):
            for code, d in delegations.items():
                if not isinstance(code, str) or not isinstance(d, dict):
                    continue
                kinds[code] = str(d.get("kind", ""))
                m = d.get("members")
                if isinstance(m, list):
                    members[code] = tuple(x for x in m if isinstance(x, str))
        return cls(kinds, members)

    def is_secretariat(self, code: str | None) -> bool:
        return code is not None and self.kinds.get(code) == "secretariat"

    def speaks_for(self, principal: str, code: Any) -> bool:
        """Whether ``principal`` may put forward a proposal in ``code``'s name."""
        return isinstance(code, str) and (code == principal or principal in self.members.get(code, ()))


@dataclass(frozen=True, slots=True)
class FileChange:
    """One path a commit changes: status A (added), M (modified), D (deleted), T (type changed);
    for amendment files, the parsed content before and after (plain dicts; None when absent or unreadable)."""

    path: str
    status: str
    before: Any = None
    after: Any = None

    @property
    def amendment(self) -> bool:
        return AMENDMENT_PATH.match(self.path) is not None


@dataclass(frozen=True, slots=True)
class CommitChanges:
    files: tuple[FileChange, ...]
    trailers: Mapping[str, list[str]]

    def trailer(self, key: str) -> list[str]:
        return list(self.trailers.get(key, []))


def plain(value: Any) -> Any:
    """A parsed YAML value as plain dicts, lists and strings (for comparison)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _get(doc: Any, key: str) -> Any:
    return doc.get(key) if isinstance(doc, dict) else None


def status_of(doc: Any) -> str:
    return str(_get(doc, "status") or "submitted")


def role_problems(principal: str, parties: Parties, changes: CommitChanges) -> list[tuple[str, str]]:
    """(path, why) for every change ``principal``'s key may not make ([] when all are allowed)."""
    if parties.is_secretariat(principal):
        return _secretariat(principal, parties, changes)
    return _delegation(principal, parties, changes)


def _secretariat(principal: str, parties: Parties, changes: CommitChanges) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    restoring = set(changes.trailer("Restore"))
    for f in changes.files:
        m = AMENDMENT_PATH.match(f.path)
        if m is None or m.group(2) in restoring:
            continue
        if f.status == "D":
            out.append(
                (
                    f.path,
                    "deletes an amendment file; proposals are never deleted (a withdrawal is "
                    "recorded with decide ... withdraw)",
                )
            )
        elif f.status == "A" and isinstance(f.after, dict):
            by = f.after.get("by")
            entered = f.after.get("entered_by")
            if by != principal and entered != principal:
                out.append(
                    (
                        f.path,
                        f"enters a proposal by {by} without 'entered_by: {principal}' "
                        f"(the secretariat records that it typed it in)",
                    )
                )
    return out


def _delegation(principal: str, parties: Parties, changes: CommitChanges) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    decisions = [d for d in changes.trailer("Decision") if d != WITHDRAWN]
    if decisions:
        out.append(
            (
                "",
                f"records a decision (Decision: {', '.join(decisions)}), which only the "
                f"secretariat may; a key of {principal} may only withdraw its own amendments",
            )
        )
    for f in changes.files:
        if not f.amendment:
            out.append(
                (
                    f.path,
                    f"only the secretariat may change {f.path.split('/')[0]}"
                    f"{'/' if '/' in f.path else ''}; a key of {principal} may only add and "
                    f"withdraw its own amendments",
                )
            )
            continue
        if f.status == "D":
            out.append((f.path, "deletes an amendment file; proposals are never deleted"))
            continue
        if f.status == "A":
            out.extend((f.path, why) for why in _new_proposal(principal, parties, f.after))
            continue
        owner = _get(f.before, "by")
        if not parties.speaks_for(principal, owner):
            out.append(
                (f.path, f"changes an amendment by {owner}; a key of {principal} may change only its own")
            )
            continue
        if not (status_of(f.before) == "submitted" and status_of(f.after) == WITHDRAWN):
            out.append(
                (
                    f.path,
                    f"changes its status from {status_of(f.before)} to {status_of(f.after)}; "
                    f"a delegation may only withdraw its own open amendment",
                )
            )
    return out


def _new_proposal(principal: str, parties: Parties, doc: Any) -> list[str]:
    if not isinstance(doc, dict):
        return []  # unreadable: reported by validation
    why: list[str] = []
    by = doc.get("by")
    if not parties.speaks_for(principal, by):
        why.append(
            f"proposes as {by}; a key of {principal} may propose only as {principal} or for a "
            f"group {principal} is a member of"
        )
    group = doc.get("on_behalf_of")
    if group is not None and not parties.speaks_for(principal, group):
        why.append(f"speaks on behalf of {group}, a group {principal} is not a member of")
    if doc.get("entered_by") is not None:
        why.append("carries 'entered_by', which only the secretariat records")
    if status_of(doc) != "submitted" or doc.get("decision") is not None:
        why.append(f"is submitted already decided ({status_of(doc)}); deciding is the secretariat's")
    return why
