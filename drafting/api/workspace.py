"""The workspace as a whole: every problem it has (``validate``) and where the negotiation stands
(``status``)."""

from __future__ import annotations

from typing import Any

from ..errors import Problem, WorkspaceError
from ..ops.status import status_report
from ..ops.validate import validate as _validate
from ..store.session import Session


def validate(workspace: str | None) -> list[Problem]:
    """Every problem of the workspace: reading, schema, cross-file, anchors in their base version."""
    s = Session.find(workspace)
    ws, problems = s.load_raw()
    try:  # a version's text is read when an amendment needs it: its problems surface here
        problems.extend(_validate(ws, s.bases(ws) if s.has_repo else {}))
    except WorkspaceError as e:
        problems.extend(e.problems())
        problems.extend(_validate(ws, {}))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


def status(workspace: str | None) -> dict[str, Any]:
    """Per clause its number, status, brackets and open amendments; per delegation; totals."""
    s = Session.find(workspace)
    ws = s.load()
    return status_report(ws, s.base_of(ws))
