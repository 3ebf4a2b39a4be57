"""What the git history says about the text between two versions: for every clause, the texts it
had commit after commit, and who (which amendment, which proponents) caused each change; with
``ops.blame``, every word change attributed (``clause_changes``), for the changes draft and
``drafting diff``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Clause, Workspace
from ..ops.blame import ClauseChange, Who, blame
from ..ops.diff import diff_workspaces
from .schema import Reader, read_clauses
from .session import Session, today
from .yamlio import YMap, parse


def who_of(trailers: Mapping[str, list[str]], date: str) -> Who:
    """The cause of a commit, from its trailers (the secretariat when no amendment is named)."""
    amendment = (trailers.get("Amendment") or [None])[0]
    if amendment is None:
        return Who(None, date=date[:10])
    proponents = [*(trailers.get("Proponent") or [])]
    for line in trailers.get("Co-sponsors") or []:
        proponents.extend(c.strip() for c in line.split(",") if c.strip())
    group = (trailers.get("On-behalf-of") or [None])[0]
    return Who(amendment, tuple(proponents), group, date[:10], (trailers.get("Decision") or [""])[0])


@dataclass
class ClauseHistory:
    steps: dict[str, list[tuple[Who, str]]] = field(default_factory=dict)  # clause -> (who, text)
    placed_by: dict[str, Who] = field(default_factory=dict)  # added or moved by
    removed_by: dict[str, Who] = field(default_factory=dict)
    status_by: dict[str, Who] = field(default_factory=dict)


def _flat(clauses: tuple[Clause, ...], parent: str, out: dict[str, tuple[Clause, str, int]]) -> None:
    for i, c in enumerate(clauses):
        out[c.id] = (c, parent, i)
        _flat(c.children, c.id, out)


def clause_history(repo: object, base: Workspace, base_sha: str, end_sha: str | None, lang: str,
                   final: Workspace | None = None, today: str = "") -> ClauseHistory:
    """The per-clause history from ``base_sha`` (exclusive) to ``end_sha`` (default HEAD); with
    ``final`` (the working tree), uncommitted differences are one last step by the secretariat."""
    h = ClauseHistory()
    state: dict[str, tuple[Clause, str, int]] = {}
    by_file: dict[str, set[str]] = {}
    for p in base.placements():
        path = f"drafts/{p.document.id}/{p.section.id}.yaml"
        state[p.clause.id] = (p.clause, p.parents[-1].id if p.parents else path, p.index)
        by_file.setdefault(path, set()).add(p.clause.id)
    commits = repo.commits_between(base_sha, end_sha or "HEAD", paths=["drafts"])  # type: ignore[attr-defined]
    requests: list[str] = []
    plan: list[tuple[Who, list[str]]] = []
    for c in commits:
        paths = [p for p in c.paths if p.startswith("drafts/") and p.endswith(".yaml")
                 and not p.endswith("/document.yaml")]
        plan.append((who_of(c.trailers, c.date), paths))
        requests.extend(f"{c.sha}:{p}" for p in paths)
    blobs = iter(repo.git.read_blobs(requests))  # type: ignore[attr-defined]
    for who, paths in plan:
        snapshot: dict[str, tuple[Clause, str, int]] = {}
        for path in paths:
            data = next(blobs)
            now: dict[str, tuple[Clause, str, int]] = {}
            if data is not None:
                tree = parse(data.decode("utf-8"), path)
                if isinstance(tree, YMap):
                    _flat(read_clauses(Reader(path, []), tree, "clauses", 0), path, now)
            snapshot.update(now)
            gone = by_file.get(path, set()) - set(now)
            by_file[path] = set(now)
            for cid in gone:
                snapshot.setdefault(cid, None)  # type: ignore[arg-type]
        _apply(h, state, snapshot, who, lang)
    if final is not None:
        snapshot = {}
        for p in final.placements():
            snapshot[p.clause.id] = (p.clause, p.parents[-1].id if p.parents else
                                     f"drafts/{p.document.id}/{p.section.id}.yaml", p.index)
        for cid in set(state) - set(snapshot):
            snapshot[cid] = None  # type: ignore[assignment]
        _apply(h, state, snapshot, Who(None, date=today), lang, only_changed=True)
    return h


def _apply(h: ClauseHistory, state: dict[str, tuple[Clause, str, int]],
           snapshot: Mapping[str, tuple[Clause, str, int] | None], who: Who, lang: str,
           only_changed: bool = False) -> None:
    for cid, entry in snapshot.items():
        old = state.get(cid)
        if entry is None:
            if old is not None and cid not in _elsewhere(snapshot, cid):
                h.removed_by[cid] = who
                del state[cid]
            continue
        clause, parent, index = entry
        if old is None:
            h.placed_by[cid] = who
            h.steps.setdefault(cid, []).append((who, clause.text.get(lang, "")))
        else:
            if old[0].text.get(lang) != clause.text.get(lang):
                h.steps.setdefault(cid, []).append((who, clause.text.get(lang, "")))
            if old[0].status != clause.status:
                h.status_by[cid] = who
            if old[1] != parent and not only_changed or old[1] != parent and only_changed and cid not in h.placed_by:
                h.placed_by[cid] = who
        state[cid] = entry


def _elsewhere(snapshot: Mapping[str, object], cid: str) -> set[str]:
    return {cid} if snapshot.get(cid) is not None else set()


def clause_changes(session: Session, ws: Workspace, base: Workspace, base_ref: str, lang: str,
                   at: str | None = None) -> dict[str, ClauseChange]:
    """Every clause that changed between ``base`` and ``ws``, each word change attributed."""
    memo: dict[Any, Any] = session.__dict__.setdefault("_memo", {})
    key = ("changes", base_ref, lang, at)
    if key in memo:
        return memo[key]  # type: ignore[no-any-return]
    base_sha = session.resolve(base_ref)
    end = session.resolve(at) if at else None
    day = today()
    h = clause_history(session.repo, base, base_sha, end, lang, final=None if at else ws, today=day)
    secretariat = Who(None, date=day)
    accepted = {a.target: a for a in ws.amendments if a.status in ("accepted", "modified") and a.target}
    out: dict[str, ClauseChange] = {}
    for d in diff_workspaces(base, ws, lang):
        cid = d.clause_id
        steps = h.steps.get(cid, [])
        if d.kind == "added":
            who = h.placed_by.get(cid, secretariat)
            out[cid] = ClauseChange(cid, "added", tuple(blame("", steps or [(who, d.new_text)], who)), who)
        elif d.kind == "removed":
            who = h.removed_by.get(cid) or _who_of_amendment(accepted.get(cid)) or secretariat
            out[cid] = ClauseChange(cid, "removed", tuple(blame(d.old_text, [(who, "")], who)), who)
        else:
            pieces = tuple(blame(d.old_text, steps, secretariat)) if d.kind == "changed" else ()
            who = h.placed_by.get(cid) or _who_of_amendment(accepted.get(cid)) if d.moved else None
            status = (d.old_status or "", d.new_status or "") if d.old_status != d.new_status else None
            kind = "moved" if d.kind == "moved" else ("changed" if d.kind == "changed" else "unchanged")
            out[cid] = ClauseChange(cid, kind, pieces, who or (secretariat if d.moved else None), status,
                                    moved=d.moved)
    memo[key] = out
    return out


def _who_of_amendment(a: Any) -> Who | None:
    if a is None:
        return None
    d = a.decision
    return Who(a.id, a.sponsors, a.on_behalf_of, (d.date if d and d.date else a.submitted) or "",
               a.status)
