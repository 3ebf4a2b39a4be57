"""Gathering what the compilation, changes and synoptic layouts need from the workspace's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..ops.blame import ClauseChange, Who, blame
from ..ops.diff import diff_workspaces
from .draft import Draft
from .layout import Frame

if TYPE_CHECKING:
    from ..model import Workspace
    from ..session import Session


def build(kind: str, session: Session, ws: Workspace, frame: Frame, *, since: str | None = None,
          at: str | None = None) -> Draft:
    if kind == "compilation":
        from .compilation import compilation
        return compilation(frame, _bases(session, ws))
    if kind == "synoptic":
        from .. import api
        from .synoptic import synoptic
        return synoptic(frame, _bases(session, ws), api.base_of(session, ws))
    if kind == "changes":
        from .changes import changes
        base_id, base = changes_base(session, ws, since, at)
        cc = clause_changes(session, ws, base, base_id, frame.lang, at)
        label = base_id
        v = ws.version(base_id)
        if v is not None:
            label = v.display(frame.lang)
        return changes(frame, base, cc, label)
    raise ValueError(f"unknown kind of draft {kind!r}")


def _bases(session: Session, ws: Workspace) -> dict[str, Workspace]:
    memo: dict[str, Any] = session.__dict__.setdefault("_memo", {})
    if "bases" not in memo:
        memo["bases"] = session.bases(ws)
    return memo["bases"]  # type: ignore[no-any-return]


def changes_base(session: Session, ws: Workspace, since: str | None, at: str | None) -> tuple[str, Workspace]:
    """The version (or ref) a changes draft compares with: ``since``, else the previous issued version
    (the last one if the text has changed since it was issued, else the one before)."""
    from ..errors import UsageError
    if since:
        return since, session.load_at(since)
    tagged = [v.id for v in ws.versions if v.id in session.version_tags]
    if not tagged:
        raise UsageError("no issued version to compare with: issue a version first, or give --since REF")
    from . import _text_key
    last = tagged[-1]
    last_ws = session.load_at(last)
    if len(tagged) > 1 and _text_key(last_ws) == _text_key(ws):
        # the text is the last version as issued: show what that version changed
        last = tagged[-2]
        return last, session.load_at(last)
    return last, last_ws


def clause_changes(session: Session, ws: Workspace, base: Workspace, base_ref: str, lang: str,
                   at: str | None = None) -> dict[str, ClauseChange]:
    """Every clause that changed between ``base`` and ``ws``, each word change attributed."""
    from ..store.history import clause_history
    from .. import api
    memo: dict[Any, Any] = session.__dict__.setdefault("_memo", {})
    key = ("changes", base_ref, lang, at)
    if key in memo:
        return memo[key]  # type: ignore[no-any-return]
    base_sha = session.resolve(base_ref)
    end = session.resolve(at) if at else None
    h = clause_history(session.repo, base, base_sha, end, lang, final=None if at else ws, today=api.today())
    secretariat = Who(None, date=api.today())
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
