"""What the CLI and library users call.  Each function takes the workspace folder (or None: the
nearest one upward) and returns data; nothing here prints."""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from pathlib import Path
from typing import Any

from .errors import Problem, UsageError, WorkspaceError
from .model import Workspace
from .ops.numbering import number_workspace
from .ops.validate import validate as _validate
from .session import Session

EXAMPLE_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PARTS = ("negotiation.yaml", "drafts", "amendments")


def today() -> str:
    return _dt.date.today().isoformat()


def base_of(session: Session, ws: Workspace) -> Workspace | None:
    """The last issued version's text (the base of display numbers), if it was tagged."""
    last = ws.last_version
    return session.version_text(last.id) if last is not None else None


# ------------------------------------------------------------------------------------ validate

def validate(workspace: str | None) -> list[Problem]:
    """Every problem of the workspace: reading, schema, cross-file, anchors in their base version."""
    s = Session.find(workspace)
    ws, problems = s.load_raw()
    try:
        bases = s.bases(ws) if s.has_repo else {}
    except WorkspaceError as e:
        problems.extend(e.problems())
        bases = {}
    problems.extend(_validate(ws, bases))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


def status(workspace: str | None) -> dict[str, Any]:
    from .ops.status import status_report
    s = Session.find(workspace)
    ws = s.load()
    return status_report(ws, base_of(s, ws))


# ------------------------------------------------------------------------------------ init

EMPTY_NEGOTIATION = """\
schema: 1
title:
  en: Untitled negotiation
symbol: "DRAFT/L.1"
original_language: en
languages: [en]
documents: []
delegations: {}
versions: []
"""


def init(directory: str, *, example: bool = False) -> Path:
    """A new workspace: a git repository with a negotiation.yaml (or the bundled example)."""
    from .store.repo import Repo
    path = Path(directory)
    if path.exists() and any(path.iterdir()):
        raise UsageError(f"{directory} exists and is not empty")
    if example and not (EXAMPLE_ROOT / "negotiation.yaml").is_file():
        raise UsageError("the bundled example is not installed with this copy of drafting")
    path.mkdir(parents=True, exist_ok=True)
    try:
        repo = Repo.init(path)
        if not example:
            with repo.transaction("Workspace created", author=SECRETARIAT, trailers={}) as tx:
                tx.write("negotiation.yaml", EMPTY_NEGOTIATION.encode())
            return path
        from .example import replay
        replay(path, repo, EXAMPLE_ROOT)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path


SECRETARIAT = ("Secretariat", "secretariat@drafting.invalid")


def author_of(ws: Workspace, code: str) -> tuple[str, str]:
    d = ws.delegations.get(code)
    name = d.display("en") if d else code
    return (name, f"{code.lower()}@delegations.drafting.invalid")


def secretariat_of(ws: Workspace) -> tuple[str, str]:
    for code, d in ws.delegations.items():
        if d.kind == "secretariat" and code != "CHAIR":
            return (f"{d.display('en')} (secretariat)", f"{code.lower()}@delegations.drafting.invalid")
    return SECRETARIAT


def numbers(ws: Workspace, base: Workspace | None) -> dict[str, str]:
    return {k: v.ref() for k, v in number_workspace(ws, base).items()}


def _env_date(date: str | None) -> str:
    return date or os.environ.get("DRAFTING_DATE") or today()


# ------------------------------------------------------------------------------------ compile

def _now() -> _dt.datetime:
    fixed = os.environ.get("DRAFTING_NOW")  # reproducible drafts (tests, golden files)
    return _dt.datetime.fromisoformat(fixed) if fixed else _dt.datetime.now()


def _langs(ws: Workspace, lang: str | None) -> tuple[str, ...]:
    if lang in (None, "all"):
        return ws.languages
    if lang not in ws.languages:
        raise UsageError(f"unknown language {lang!r}; the negotiation's languages are {', '.join(ws.languages)}")
    return (lang,)


def compile_drafts(workspace: str | None, *, kind: str = "clean", lang: str | None = "all",
                   fmt: str = "docx", since: str | None = None, at: str | None = None,
                   out: str | None = "build", document: str | None = None) -> list[Path]:
    """Write drafts (one file per document, kind, language and format) and return their paths."""
    from .render import build_drafts
    s = Session.find(workspace)
    ws = s.load_at(at) if at else s.load()
    if document is not None and ws.document(document) is None:
        raise UsageError(f"unknown document {document!r}; documents: {', '.join(d.id for d in ws.documents)}")
    kinds = ("clean", "compilation", "changes", "synoptic") if kind == "all" else (kind,)
    fmts = ("docx", "html", "md") if fmt == "all" else (fmt,)
    langs = _langs(ws, lang)
    # like git -C, a relative path is taken from the folder -C names
    outdir = Path(workspace or ".") / (out or "build")
    files = build_drafts(s, ws, kinds=kinds, langs=langs, fmts=fmts, since=since, at=at,
                         document=document, now=_now())
    from .store.atomic import write_bytes
    paths = []
    outdir.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        path = outdir / name
        write_bytes(path, data)
        paths.append(path)
    return paths


# ------------------------------------------------------------------------------------ writing

def section_files(s: Session, old: Workspace, new: Workspace) -> dict[str, bytes]:
    """The patched text of every section file whose clauses changed, checked by reading it back."""
    from .ops.edit import changed_sections, clause_key
    from .store.load import _Reader, _clauses
    from .store.write import emit_section, patch_section
    from .store.yamlio import parse

    files: dict[str, bytes] = {}
    for doc, section, prev in changed_sections(old, new):
        path = f"drafts/{doc.id}/{section.id}.yaml"
        current = (s.root / path).read_text(encoding="utf-8") if prev is not None else ""
        text = patch_section(current, path, prev, section) if prev is not None else emit_section(section)
        # read back what we are about to write: it must say exactly what we meant
        problems: list[Problem] = []
        back = _clauses(_Reader(path, problems), parse(text, path), "clauses", 0)
        if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
            text = emit_section(section)
            back = _clauses(_Reader(path, problems), parse(text, path), "clauses", 0)
            if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
                raise WorkspaceError(problems or [Problem(path, 0, "internal error: section would not read back")])
        files[path] = text.encode("utf-8")
    return files


def check_written(s: Session, files: dict[str, bytes], deleted: tuple[str, ...] = ()) -> Workspace:
    """The workspace as it will be once ``files`` are written: it must read without problems
    and pass validation where the current one does."""
    from .store.load import load_workspace
    from .store.source import DiskSource

    class Overlay(DiskSource):
        def read(self, path: str) -> bytes | None:
            if path in deleted:
                return None
            return files[path] if path in files else super().read(path)

        def listdir(self, path: str) -> list[str]:
            names = set(super().listdir(path))
            prefix = path.rstrip("/") + "/"
            names |= {p[len(prefix):].split("/", 1)[0] for p in files if p.startswith(prefix)}
            return sorted(n for n in names if f"{prefix}{n}" not in deleted)

    before, _ = s.load_raw()
    ws, problems = load_workspace(Overlay(s.root))
    bases = s.bases(ws)
    old = {(p.path, p.message) for p in _validate(before, bases)}
    new_problems = [p for p in problems + _validate(ws, bases) if (p.path, p.message) not in old]
    if new_problems:
        raise WorkspaceError(new_problems)
    return ws
