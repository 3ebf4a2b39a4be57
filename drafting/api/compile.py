"""``compile_drafts``: the drafts of the text (clean, compilation, changes, synoptic, the follow-up
checklist), in each language and format, written under a folder; the checklist also as CSV, and the
text with its open proposals as Akoma Ntoso XML."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import Workspace
from ..store.session import Session, now
from ..suggest import unknown
from ..vocab import DATA_FORMATS, DRAFT_KINDS, FORMATS


def compile_drafts(workspace: str | None, *, kind: str = "clean", lang: str | None = "all",
                   fmt: str = "docx", since: str | None = None, at: str | None = None,
                   out: str | None = "build", document: str | None = None, attribution: str = "page",
                   all_paragraphs: bool = False) -> list[Path]:
    """Write drafts (one file per document, kind, language and format) and return their paths.

    ``fmt``: docx, html, md, csv (the follow-up checklist only), akn (the text with its open proposals)
    or all (docx, html and md of every kind asked for, and the checklist's csv).  ``attribution``:
    ``page`` prints each proposal's proponents next to it (and keeps them in Word's tracked changes),
    ``tracked`` keeps them in the tracked changes only; ``all_paragraphs``: a synoptic table row for
    every paragraph, not only those with proposals."""
    if attribution not in ("page", "tracked"):
        raise UsageError(f"unknown attribution {attribution!r}; expected page or tracked")
    from ..render import build_drafts, frames
    from ..store.atomic import write_bytes

    kinds = DRAFT_KINDS if kind == "all" else (kind,)
    if kind != "all" and kind not in DRAFT_KINDS:
        raise UsageError(f"unknown kind of draft {kind!r}; expected one of: {', '.join(DRAFT_KINDS)}, all")
    # all: every draft format, and the checklist's CSV; Akoma Ntoso, an exchange format, only when asked
    fmts = (*FORMATS, "csv") if fmt == "all" else (fmt,)
    if fmt != "all" and fmt not in FORMATS + DATA_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS + DATA_FORMATS)}, all")
    if fmt == "csv" and kind != "follow-up":
        raise UsageError("--format csv writes the follow-up checklist: use it with --kind follow-up")
    if fmt == "akn" and kind not in ("clean", "all"):
        raise UsageError("--format akn writes each document's text with its open proposals as Akoma Ntoso; "
                         f"it takes no --kind {kind}")
    with_akn = "akn" in fmts
    s = Session.find(workspace)
    # like git -C, a relative path is taken from the folder -C names
    outdir = Path(workspace or ".") / (out or "build")
    _refuse_links(s.root, outdir)
    # a clean draft or a checklist needs no amendment: then skip reading them
    needs = bool(set(kinds) - {"clean", "follow-up"}) or with_akn
    ws = s.load_at(at, with_amendments=needs) if at else s.load(with_amendments=needs)
    if document is not None and ws.document(document) is None:
        raise UsageError(unknown("document", document, [d.id for d in ws.documents], listing="documents"))
    langs = _langs(ws, lang)
    when = now()
    files: list[tuple[str, bytes]] = []
    drafts = tuple(f for f in fmts if f in FORMATS)
    if drafts:
        remarks = None
        if {"compilation", "changes"} & set(kinds) and _has_agreed_language(ws):
            from ..interop.precedents import Remarks
            remarks = Remarks(ws).for_lang
        files += build_drafts(s, ws, kinds=kinds, langs=langs, fmts=drafts, since=since, at=at,
                              document=document, now=when, attribution=attribution,
                              all_paragraphs=all_paragraphs, remarks=remarks)
    if "csv" in fmts and "follow-up" in kinds:
        from ..interop.followup import followup_csv
        files += [(f"{f.doc.id}-follow-up-{f.lang}.csv", followup_csv(f))
                  for f in frames(s, ws, langs=langs, at=at, document=document, now=when)]
    if with_akn:
        from ..interop.akn import akn_files
        files += akn_files(s, ws, langs=langs, at=at, document=document, now=when)
    paths = []
    outdir.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        path = outdir / name
        write_bytes(path, data)
        paths.append(path)
    return paths


def _has_agreed_language(ws: Workspace) -> bool:
    return bool(ws.precedents) or any(p.clause.agreed_language for p in ws.placements())


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
