"""Drafts: layouts (workspace -> Draft) and renderers (Draft -> bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import progress
from .draft import Draft

if TYPE_CHECKING:
    from ..model import Workspace
    from ..store.session import Session


def renderer(fmt: str) -> Callable[[Draft], bytes]:
    if fmt == "docx":
        from .docx import render_docx
        return render_docx
    if fmt == "html":
        from .html import render_html
        return render_html
    from .markdown import render_md
    return render_md


# the label of a draft whose text has changed since the last issued version
AS_AMENDED = {"en": "{version}, as amended", "es": "{version}, con enmiendas", "pt": "{version}, com emendas",
              "fr": "{version}, tel que modifié"}


def build_drafts(session: Session, ws: Workspace, *, kinds: tuple[str, ...], langs: tuple[str, ...],
                 fmts: tuple[str, ...], since: str | None, at: str | None, document: str | None,
                 now: dt.datetime, attribution: str = "page",
                 all_paragraphs: bool = False) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every requested draft.  The drafts of an issued version (``at`` names
    one) carry its date; every other draft says it is a working draft, compiled ``now``."""
    from ..ops.edit import text_key
    from .layout import clean, make_frame
    from .typography import typeset_draft

    issued: str | None = None
    if at:
        # an issued version's own drafts are numbered consecutively, as issued
        v = ws.version(at)
        base = None
        version_id = v.id if v else ""
        label_of = (lambda lang: v.display(lang)) if v else (lambda lang: at)
        if v is not None:
            issued = v.date or _tag_date(session, at)
    else:
        base = session.base_of(ws)
        last = ws.last_version
        version_id = last.id if last else ""  # the version amendments to this text are written against
        amended = base is not None and text_key(base) != text_key(ws)
        def label_of(lang: str) -> str:
            if last is None:
                return ""
            label = last.display(lang)
            return AS_AMENDED.get(lang, AS_AMENDED["en"]).format(version=label) if amended else label
    out: list[tuple[str, bytes]] = []
    docs = [doc for doc in ws.documents if not document or doc.id == document]
    with progress.task("compiling drafts", len(docs) * len(langs) * len(kinds) * len(fmts)) as advance:
        for doc in docs:
            for lang in langs:
                frames = {}
                for kind in kinds:
                    # paragraph references (PP1, OP2) in every draft but the clean text
                    refs = kind != "clean"
                    if refs not in frames:
                        frames[refs] = make_frame(ws, doc, lang, base=base, version_label=label_of(lang),
                                                  now=now, issued=issued, references=refs,
                                                  attribution=attribution)
                    frame = frames[refs]
                    if kind == "clean":
                        draft = clean(frame)
                    else:
                        from . import kinds as kinds_mod
                        draft = kinds_mod.build(kind, session, ws, frame, since=since, at=at,
                                                all_paragraphs=all_paragraphs)
                    if version_id:  # import-docx reads it from the clause map
                        draft = dataclasses.replace(draft, meta={**draft.meta, "version": version_id})
                    draft = typeset_draft(draft)
                    for fmt in fmts:
                        out.append((f"{doc.id}-{kind}-{lang}.{fmt}", renderer(fmt)(draft)))
                        advance(description=f"compiling {out[-1][0]}")
    return out


def _tag_date(session: Session, version_id: str) -> str | None:
    """The day a version was tagged, for a version listed without its date."""
    if version_id not in session.version_tags:
        return None
    commits = session.repo.log(rev=session.resolve(version_id), max_count=1)
    return commits[0].date[:10] if commits else None
