"""``compile_drafts``: the drafts of the text (clean, compilation, changes, synoptic), in each
language and format, written under a folder."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import Workspace
from ..store.session import Session, now
from ..suggest import unknown


def compile_drafts(workspace: str | None, *, kind: str = "clean", lang: str | None = "all",
                   fmt: str = "docx", since: str | None = None, at: str | None = None,
                   out: str | None = "build", document: str | None = None, attribution: str = "page",
                   all_paragraphs: bool = False) -> list[Path]:
    """Write drafts (one file per document, kind, language and format) and return their paths.

    ``attribution``: ``page`` prints each proposal's proponents next to it (and keeps them in Word's
    tracked changes), ``tracked`` keeps them in the tracked changes only; ``all_paragraphs``: a synoptic
    table row for every paragraph, not only those with proposals."""
    if attribution not in ("page", "tracked"):
        raise UsageError(f"unknown attribution {attribution!r}; expected page or tracked")
    from ..render import build_drafts
    from ..store.atomic import write_bytes

    s = Session.find(workspace)
    # the clean and changes drafts need no amendment (changes names them from the history): skip reading them
    needs = kind in ("compilation", "synoptic", "all")
    ws = s.load_at(at, with_amendments=needs) if at else s.load(with_amendments=needs)
    if document is not None and ws.document(document) is None:
        raise UsageError(unknown("document", document, [d.id for d in ws.documents], listing="documents"))
    kinds = ("clean", "compilation", "changes", "synoptic") if kind == "all" else (kind,)
    fmts = ("docx", "html", "md") if fmt == "all" else (fmt,)
    langs = _langs(ws, lang)
    # like git -C, a relative path is taken from the folder -C names
    outdir = Path(workspace or ".") / (out or "build")
    _refuse_links(s.root, outdir)
    files = build_drafts(s, ws, kinds=kinds, langs=langs, fmts=fmts, since=since, at=at,
                         document=document, now=now(), attribution=attribution, all_paragraphs=all_paragraphs)
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
        raise UsageError(unknown("language", lang, ws.languages, listing="the negotiation's languages"))
    return (lang,)


def _refuse_links(root: Path, outdir: Path) -> None:
    """Refuse an output folder reached through a symbolic link inside the workspace (a committed
    ``build`` link must not make compile write outside it)."""
    try:
        rel = outdir.absolute().relative_to(root.absolute())
    except ValueError:
        return  # --out outside the workspace: the user's own choice
    current = root
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            raise UsageError(f"{current.relative_to(root)} is a symbolic link; drafting does not write "
                             f"through links inside a workspace (remove it, or give --out)")
