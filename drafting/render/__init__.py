"""Drafts: layouts (workspace -> Draft) and renderers (Draft -> bytes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .draft import Draft

if TYPE_CHECKING:
    from ..model import Workspace
    from ..session import Session


def renderer(fmt: str) -> Callable[[Draft], bytes]:
    if fmt == "docx":
        from .docx import render_docx
        return render_docx
    if fmt == "html":
        from .html import render_html
        return render_html
    from .markdown import render_md
    return render_md


def build_drafts(session: Session, ws: Workspace, *, kinds: tuple[str, ...], langs: tuple[str, ...],
                 fmts: tuple[str, ...], since: str | None, at: str | None, document: str | None,
                 now: dt.datetime) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every requested draft."""
    from .layout import clean, make_frame
    from .. import api

    last = ws.last_version
    if at:
        v = ws.version(at)
        base = session.version_text(ws.versions[ws.versions.index(v) - 1].id) if v and ws.versions.index(v) else None
        version_label = v.display("en") if v else at
    else:
        base = api.base_of(session, ws)
        version_label = ""
    out: list[tuple[str, bytes]] = []
    for doc in ws.documents:
        if document and doc.id != document:
            continue
        for lang in langs:
            label = version_label
            if not label:
                label = (last.display(lang) if last else "")
            frame = make_frame(ws, doc, lang, base=base, version_label=label, now=now)
            for kind in kinds:
                if kind == "clean":
                    draft = clean(frame)
                else:
                    from . import kinds as kinds_mod
                    draft = kinds_mod.build(kind, session, ws, frame, since=since, at=at)
                for fmt in fmts:
                    out.append((f"{doc.id}-{kind}-{lang}.{fmt}", renderer(fmt)(draft)))
    return out
