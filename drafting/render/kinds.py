"""The drafts other than the clean text: what the compilation, changes and synoptic layouts need from the
workspace and its history (issued versions, attributed changes), gathered once per command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..store.history import clause_changes
from .draft import Draft
from .layout import Frame

if TYPE_CHECKING:
    from ..model import Workspace
    from ..ops.text import Memo
    from ..store.session import Session


def build(kind: str, session: Session, ws: Workspace, frame: Frame, *, since: str | None = None,
          at: str | None = None, all_paragraphs: bool = False, memo: Memo | None = None) -> Draft:
    """The draft of ``kind``; ``memo`` remembers what is costly to compute again (the word splices of a
    compilation or a synoptic table) between drafts and commands."""
    if kind == "follow-up":
        from .followup import followup
        return followup(frame)
    if kind == "compilation":
        from .compilation import compilation
        return compilation(frame, _bases(session, ws), memo)
    if kind == "synoptic":
        from .synoptic import synoptic
        return synoptic(frame, _bases(session, ws), session.base_of(ws), all_paragraphs=all_paragraphs, memo=memo)
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
        return since, session.load_at(since, with_amendments=False)
    tagged = [v.id for v in ws.versions if v.id in session.version_tags]
    if not tagged:
        raise UsageError("no issued version to compare with: issue a version first, or give --since REF")
    from ..ops.edit import text_key
    last = tagged[-1]
    last_ws = session.version_text(last) or session.load_at(last, with_amendments=False)
    if len(tagged) > 1 and text_key(last_ws) == text_key(ws):
        # the text is the last version as issued: show what that version changed
        last = tagged[-2]
        return last, session.version_text(last) or session.load_at(last, with_amendments=False)
    return last, last_ws
