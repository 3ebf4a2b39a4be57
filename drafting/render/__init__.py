"""Drafts: layouts (workspace -> Draft) and renderers (Draft -> bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from .. import progress
from .draft import Draft

if TYPE_CHECKING:
    from ..model import Document, Workspace
    from ..store.session import Session
    from .layout import Frame


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


Remarks = Callable[[str], Mapping[str, tuple[str, ...]]]


def framer(session: Session, ws: Workspace, *, at: str | None, now: dt.datetime, attribution: str = "page",
           remarks: Remarks | None = None) -> Callable[[Document, str, bool], Frame]:
    """A maker of the frame every draft of one document in one language shares (numbers, labels,
    symbol, date line), with references (PP1) or the clean text's numbers.  The drafts of an issued
    version (``at`` names one) carry its date; every other draft says it is a working draft, compiled
    ``now``.  ``remarks(lang)``: the secretariat's remarks on proposals, by amendment id, that
    compilation and changes drafts add to each proposal's comment."""
    from ..ops.edit import text_key
    from .layout import make_frame

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

    def make(doc: Document, lang: str, references: bool) -> Frame:
        return make_frame(ws, doc, lang, base=base, version_label=label_of(lang), now=now, issued=issued,
                          references=references, attribution=attribution,
                          remarks=remarks(lang) if remarks is not None else None, version_id=version_id)
    return make


def frames(session: Session, ws: Workspace, *, langs: tuple[str, ...], at: str | None, document: str | None,
           now: dt.datetime, references: bool = False) -> Iterator[Frame]:
    """The frame of each document (or the one named) in each language (see ``framer``)."""
    make = framer(session, ws, at=at, now=now)
    for doc in ws.documents:
        if not document or doc.id == document:
            for lang in langs:
                yield make(doc, lang, references)


def build_drafts(session: Session, ws: Workspace, *, kinds: tuple[str, ...], langs: tuple[str, ...],
                 fmts: tuple[str, ...], since: str | None, at: str | None, document: str | None,
                 now: dt.datetime, attribution: str = "page", all_paragraphs: bool = False,
                 remarks: Remarks | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every requested draft (see ``framer`` for dates and ``remarks``)."""
    from ..store.derived import Derived
    from .layout import clean
    from .typography import typeset_draft

    make = framer(session, ws, at=at, now=now, attribution=attribution, remarks=remarks)
    # the word splices of a compilation and a synoptic table, kept in the parse cache from one command
    # to the next (both drafts show a replacement as the same words)
    splices = Derived(session.root, "splices") if {"compilation", "synoptic"} & set(kinds) else None
    out: list[tuple[str, bytes]] = []
    docs = [doc for doc in ws.documents if not document or doc.id == document]
    with progress.task("compiling drafts", len(docs) * len(langs) * len(kinds) * len(fmts)) as advance:
        for doc in docs:
            for lang in langs:
                made: dict[bool, Frame] = {}
                for kind in kinds:
                    # paragraph references (PP1, OP2) in every draft but the clean text and the
                    # checklist, which number paragraphs as the adopted text does
                    refs = kind not in ("clean", "follow-up")
                    if refs not in made:
                        made[refs] = make(doc, lang, refs)
                    frame = made[refs]
                    if kind == "clean":
                        draft = clean(frame)
                    else:
                        from . import kinds as kinds_mod
                        draft = kinds_mod.build(kind, session, ws, frame, since=since, at=at,
                                                all_paragraphs=all_paragraphs, memo=splices)
                    if frame.version_id:  # import-docx reads it from the clause map
                        draft = dataclasses.replace(draft, meta={**draft.meta, "version": frame.version_id})
                    draft = typeset_draft(draft)
                    for fmt in fmts:
                        out.append((f"{doc.id}-{kind}-{lang}.{fmt}", renderer(fmt)(draft)))
                        advance(description=f"compiling {out[-1][0]}")
    if splices is not None:
        splices.save()
    return out


def _tag_date(session: Session, version_id: str) -> str | None:
    """The day a version was tagged, for a version listed without its date."""
    if version_id not in session.version_tags:
        return None
    commits = session.repo.log(rev=session.resolve(version_id), max_count=1)
    return commits[0].date[:10] if commits else None
