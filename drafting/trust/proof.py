"""What ``drafting audit`` adds from this wing: the commit rules (:mod:`.rules`) over the whole history,
with the repairs the history records.

A ``drafting restore`` commit repairs the findings about the file it restores: a finding is shown as
repaired when every file it concerns has since been restored exactly (see ``Rules.check_restore``)."""

from __future__ import annotations

from typing import Any

from .history import walk
from .rules import Finding, Rules
from .signatures import SignatureChecker
from .textcheck import TextRules


def prove(
    git: Any, tags: dict[str, str], *, integrity: bool = True
) -> tuple[list[Finding], list[Finding], int]:
    """(findings still open, findings repaired since, number of commits) for the history of HEAD."""
    if git.rev_parse("HEAD") is None:
        return [], [], 0
    commits = walk(git, ["HEAD"])
    rules = Rules(git, SignatureChecker(git, git.git_dir), TextRules(git, tags.get), integrity=integrity)
    findings = rules.check(commits)
    position = {c.sha: i for i, c in enumerate(commits)}
    restored_at: dict[str, list[int]] = {}
    bad_restores = {(f.commit, f.path) for f in findings if f.rule == "restore-exact"}
    for i, c in enumerate(commits):
        for aid in c.trailer("Restore"):
            for ch in c.changes:
                if ch.path.endswith(f"/{aid}.yaml") and (c.sha, ch.path) not in bad_restores:
                    restored_at.setdefault(ch.path, []).append(i)
    open_, repaired = [], []
    for f in findings:
        at = position.get(f.commit, -1)
        fixed = bool(f.concerns) and all(any(j > at for j in restored_at.get(p, ())) for p in f.concerns)
        (repaired if fixed else open_).append(f)
    return open_, repaired, len(commits)
