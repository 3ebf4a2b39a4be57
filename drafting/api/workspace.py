"""The workspace as a whole: every problem it has (``validate``) and where the negotiation stands
(``status``)."""

from __future__ import annotations

from typing import Any

from ..errors import Problem, WorkspaceError
from ..ops.status import status_report
from ..ops.validate import validate as _validate
from ..store.session import ClauseIds, Session


def validate(workspace: str | None) -> list[Problem]:
    """Every problem of the workspace: reading, schema, cross-file, anchors in their base version."""
    s = Session.find(workspace)
    ws, problems = s.load_raw()
    ids = ClauseIds(s) if s.has_repo else None
    try:  # a version's text is read when an amendment needs it: its problems surface here
        problems.extend(_validate(ws, s.bases(ws) if s.has_repo else {}, base_ids=ids))
    except WorkspaceError as e:
        problems.extend(e.problems())
        problems.extend(_validate(ws, {}))
    if ids is not None:
        ids.save()
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


def status(workspace: str | None) -> dict[str, Any]:
    """Per clause its number, status, brackets, open amendments and those that compete; per
    delegation; totals.  A workspace whose files do not read, or whose text does not hold (duplicate or
    unknown ids, unbalanced brackets, missing languages), is refused with every problem
    (WorkspaceError), so that no figure is counted from it; the amendments' anchors, the costly part of
    ``validate``, are not checked again here."""
    s = Session.find(workspace)
    ws = s.load()
    errors = [p for p in _validate(ws, None, lambda a: False) if p.severity == "error"]
    if errors:
        raise WorkspaceError(errors)
    # where proposals compete: those written against the last issued version located from its text,
    # older ones in the current text (reading every older version would double the command's time)
    base = s.base_of(ws)
    last = ws.last_version
    report = status_report(ws, base, {last.id: base} if last is not None and base is not None else {})
    if s.has_repo:
        from ..trust.sync import unshared_proposals
        report["unshared"] = unshared_proposals(s.repo.git)  # None: no remote to share with
    return report
