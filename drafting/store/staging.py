"""A write before it is committed: the section files a change rewrites (patched in place, so that
comments and layout elsewhere are kept, and read back), and the workspace as it will be once the files
are written, which must read without problems and pass the validation the current one passes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Problem, WorkspaceError
from ..model import Workspace
from ..ops.edit import changed_sections, clause_key
from ..ops.validate import validate
from .load import amendment_entry, load_workspace, read_section, section_entry
from .schema import Reader, read_clauses
from .session import Session
from .source import DiskSource
from .write import emit_section, patch_section
from .yamlio import decode, parse


def read_text(s: Session, path: str) -> str:
    """A workspace file's text as the loader reads it (UTF-8 without a byte-order mark, LF line ends),
    so that the positions the strict reader reports are positions in this text."""
    return decode((s.root / path).read_bytes(), path).replace("\r\n", "\n")


def line_ending(s: Session, path: str) -> str:
    """The line ending of a workspace file: CRLF when most of its lines end so (a Windows checkout,
    ``core.autocrlf=true``), else LF.  A new file takes that of negotiation.yaml."""
    for name in (path, "negotiation.yaml"):
        try:
            raw = (s.root / name).read_bytes()
        except OSError:
            continue
        return "\r\n" if raw.count(b"\r\n") * 2 > raw.count(b"\n") else "\n"
    return "\n"


def encode_like(s: Session, path: str, text: str) -> bytes:
    """``text`` (LF line ends, as read_text gives it) as the bytes to write to ``path``: UTF-8, with the
    line ending the file already has, so that patching a CRLF file changes only the lines it changes."""
    if line_ending(s, path) == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode("utf-8")


def section_files(s: Session, old: Workspace, new: Workspace) -> dict[str, bytes]:
    """The patched text of every section file whose clauses changed, checked by reading it back."""
    files: dict[str, bytes] = {}
    for doc, section, prev in changed_sections(old, new):
        path = f"drafts/{doc.id}/{section.id}.yaml"
        current = read_text(s, path) if prev is not None else ""
        text = patch_section(current, path, prev, section) if prev is not None else emit_section(section)
        # read back what we are about to write: it must say exactly what we meant
        problems: list[Problem] = []
        tree = parse(text, path)
        back = read_clauses(Reader(path, problems), tree, "clauses", 0)
        if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
            text = emit_section(section)
            tree = parse(text, path)
            back = read_clauses(Reader(path, problems), tree, "clauses", 0)
            if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
                raise WorkspaceError(problems or [Problem(path, 0, "internal error: section would not read back")])
        data = files[path] = encode_like(s, path, text)
        # what the file will read as, kept so that the workspace after the write is built without parsing
        # it a second time (after_write)
        if len(_READ_BACK) > 16:
            _READ_BACK.clear()
        found: list[Problem] = []
        _READ_BACK[(path, data)] = (read_section(path, section.id, tree, found), tuple(found))
    return files


_READ_BACK: dict[tuple[str, bytes], Any] = {}  # (path, bytes about to be written) -> what section_entry gives


def check_written(s: Session, files: dict[str, bytes], deleted: tuple[str, ...] = (),
                  own: tuple[str, ...] = (), before: Workspace | None = None) -> Workspace:
    """The workspace as it will be once ``files`` are written: it must read without problems
    and pass validation where the current one does -- and, in the files of ``own`` (what the command
    acts on), pass validation outright."""
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

    if before is None:
        before, _ = s.load_raw()
    quick = None if deleted else after_write(before, files)
    ws, problems = quick if quick is not None else load_workspace(Overlay(s.root))
    bases = s.bases(ws)
    # what the write can affect: its files, the clauses of the sections it rewrites, and the
    # amendments on those clauses or in those files (checking all 10,000 anchors is not needed)
    changed = set(files) | set(deleted)
    touched = {p.clause.id for w in (before, ws) for p in w.placements()
               if f"drafts/{p.document.id}/{p.section.id}.yaml" in changed}

    def related(a: Any) -> bool:
        return (a.loc.path in changed or a.target in touched
                or (a.decision is not None and (a.decision.clause in touched or a.decision.into is not None))
                or a.change.after in touched or a.change.before in touched)

    scope = None if "negotiation.yaml" in changed else related
    clauses = None if scope is None else touched.__contains__
    found = problems + validate(ws, bases, scope, clauses)
    if found:  # only what the write brings: problems the workspace already had do not stop it
        old = {(p.path, p.message) for p in validate(before, bases, scope, clauses) if p.path not in own}
        found = [p for p in found if (p.path, p.message) not in old]
    if found:
        raise WorkspaceError(not_yet_written(s.root, found, files))
    return ws


def not_yet_written(root: Path, problems: list[Problem], files: Iterable[str]) -> list[Problem]:
    """Problems in a file that was to be written and was not: named as what it would have been
    ("the amendment that would be rev1-MEX-002"), never as a path that does not exist."""
    missing = {f for f in files if not (root / f).exists()}
    out = []
    for p in problems:
        if p.path in missing:
            name = p.path.rpartition("/")[2].removesuffix(".yaml")
            what = (f"the amendment that would be {name}" if p.path.startswith("amendments/")
                    else f"the file that would be {p.path}")
            p = Problem(what, 0, p.message, p.severity)
        out.append(p)
    return out


def after_write(before: Workspace, files: dict[str, bytes]) -> tuple[Workspace, list[Problem]] | None:
    """The workspace once ``files`` (section and amendment files) are written, built from ``before``
    by reading only those files; None when the write is of another kind (then the whole is read)."""
    problems: list[Problem] = []
    sections: dict[tuple[str, str], Any] = {}
    amendments: dict[str, Any] = {}
    for path, data in files.items():
        parts = path.split("/")
        if len(parts) != 3 or not parts[2].endswith(".yaml"):
            return None
        if parts[0] == "drafts" and parts[2] != "document.yaml":
            section, found = _READ_BACK.get((path, data)) or section_entry(path, parts[2][:-5], data)
            if section is None:
                return None
            sections[(parts[1], section.id)] = section
        elif parts[0] == "amendments":
            amendment, found = amendment_entry(path, parts[1], before.original_language, data)
            amendments[path] = amendment
        else:
            return None
        problems.extend(found)
    known = {(d.id, x.id) for d in before.documents for x in d.sections}
    if not set(sections) <= known:
        return None
    documents = tuple(replace(d, sections=tuple(sections.get((d.id, x.id), x) for x in d.sections))
                      for d in before.documents)
    kept = [amendments.pop(a.loc.path, a) for a in before.amendments]
    added = [a for a in amendments.values()]
    return replace(before, documents=documents,
                   amendments=tuple(a for a in kept + added if a is not None)), problems
