"""``compile_drafts``: the drafts of the text (clean, compilation, changes, synoptic), in each
language and format, written under a folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import Workspace
from ..store.session import Session, now


def compile_drafts(workspace: str | None, *, kind: str = "clean", lang: str | None = "all",
                   fmt: str = "docx", since: str | None = None, at: str | None = None,
                   out: str | None = "build", document: str | None = None) -> list[Path]:
    """Write drafts (one file per document, kind, language and format) and return their paths."""
    from ..render import build_drafts
    from ..store.atomic import write_bytes

    s = Session.find(workspace)
    # the clean and changes drafts need no amendment (changes names them from the history): skip reading them
    needs = kind in ("compilation", "synoptic", "all")
    ws = s.load_at(at, with_amendments=needs) if at else s.load(with_amendments=needs)
    if document is not None and ws.document(document) is None:
        raise UsageError(f"unknown document {document!r}; documents: {', '.join(d.id for d in ws.documents)}")
    kinds = ("clean", "compilation", "changes", "synoptic") if kind == "all" else (kind,)
    fmts = ("docx", "html", "md") if fmt == "all" else (fmt,)
    langs = _langs(ws, lang)
    # like git -C, a relative path is taken from the folder -C names
    outdir = Path(workspace or ".") / (out or "build")
    files = build_drafts(s, ws, kinds=kinds, langs=langs, fmts=fmts, since=since, at=at,
                         document=document, now=now())
    paths = []
    outdir.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        path = outdir / name
        write_bytes(path, data)
        paths.append(path)
    return paths


def _langs(ws: Workspace, lang: str | None) -> tuple[str, ...]:
    if lang in (None, "all"):
        return ws.languages
    if lang not in ws.languages:
        raise UsageError(f"unknown language {lang!r}; the negotiation's languages are {', '.join(ws.languages)}")
    return (lang,)
