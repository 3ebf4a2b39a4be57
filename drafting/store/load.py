"""Workspace files -> model.  Shape and type checks per file (the parts files share are read by
``schema``); every problem collected, none fatal unless ``negotiation.yaml`` itself cannot be read.
Cross-file checks live in ``ops.validate``."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..errors import Problem, WorkspaceError
from ..model import Amendment, Delegation, Document, Loc, Precedent, Section, Version, Workspace
from ..vocab import CODE_PATTERN, DELEGATION_KINDS, ID_PATTERN, LANG_PATTERN, NUMBERING_STYLES, REFERENCE_PATTERN
from .lookup import Cache
from .precedent import FOLDER as PRECEDENTS
from .precedent import precedent_entry
from .schema import Reader, parse_amendment, read_clauses, show
from .source import Source, UnsafeFile
from .yamlio import YMap, YSeq, load_file

NEGOTIATION = "negotiation.yaml"


def _parse_data(data: bytes, path: str, problems: list[Problem]) -> Any:
    try:
        return load_file(data, path)
    except WorkspaceError as e:
        problems.extend(e.problems())
        return None


def load_workspace(source: Source, *, with_amendments: bool = True, cache: bool = True,
                   index: bool = False) -> tuple[Workspace, list[Problem]]:
    """Read a whole workspace.  Returns the model and the problems found while reading it.

    ``with_amendments=False`` reads no amendment file (the model has none, and their problems are not
    reported).  ``cache=False`` parses every file even when the parse cache (:mod:`.cache`) knows the
    result; the result is the same either way.  ``index``: fill the clause index (:mod:`.refindex`) with
    what each working-tree file read names, under the blob id git's index gives it when its bytes are that
    blob's, however few the files are.

    Raises WorkspaceError only when ``negotiation.yaml`` is unusable."""
    problems: list[Problem] = []
    parsed = Cache(source, cache, many=with_amendments, index=index)
    try:
        entry = parsed.get(NEGOTIATION, "", negotiation_entry)
    except UnsafeFile as e:
        raise WorkspaceError([Problem(NEGOTIATION, 0, e.message)]) from None
    if entry is None:
        raise WorkspaceError([Problem(NEGOTIATION, 0, "file is missing")])
    values, found = entry
    problems.extend(found)
    if values is None:
        raise WorkspaceError(problems)
    ws = Workspace(*values)
    documents = []
    for doc_id in ws.document_ids:
        doc = _document(source, parsed, doc_id, problems, ws.loc.at("documents"))
        if doc is not None:
            documents.append(doc)
    amendments: list[Amendment] = []
    if with_amendments:
        _amendments(source, parsed, ws, amendments, problems)
        if parsed.from_index():  # the working tree, its files' blob ids known: index what they name
            from .refindex import note
            note(source.root, parsed.from_index(), ws.original_language, amendments, problems)
    precedents = _precedents(source, parsed, problems)
    parsed.finish()
    from dataclasses import replace
    return replace(ws, documents=tuple(documents), amendments=tuple(amendments),
                   precedents=precedents), problems


def _precedents(source: Source, parsed: Cache, problems: list[Problem]) -> tuple[Precedent, ...]:
    """The earlier instruments of ``precedents/`` (none when the folder is absent)."""
    out = []
    names = source.listdir(PRECEDENTS)
    paths = [f"{PRECEDENTS}/{n}" for n in names if n.endswith(".yaml") and not n.startswith(".")]
    problems.extend(Problem(f"{PRECEDENTS}/{n}", 0, "not a .yaml file") for n in names
                    if not n.endswith(".yaml") and not n.startswith("."))
    parsed.prefetch(paths, "")
    for path in paths:
        entry = parsed.get(path, "", partial(precedent_entry, path))
        if entry is None:
            continue
        p, found = entry
        problems.extend(found)
        if p is not None:
            out.append(p)
    return tuple(out)


def _amendments(source: Source, parsed: Cache, ws: Workspace, amendments: list[Amendment],
                problems: list[Problem]) -> None:
    known_versions = [v.id for v in ws.versions]
    lang = ws.original_language
    for folder in source.listdir("amendments"):
        fpath = f"amendments/{folder}"
        if not ID_PATTERN.match(folder):
            problems.append(Problem(fpath, 0, f"folder name {folder!r} is not a version id"))
            continue
        if folder not in known_versions:
            problems.append(Problem(fpath, 0, f"amendments written against unknown version {folder!r}"))
        files: list[tuple[str, str | None]] = []  # (path, None) or (path, problem)
        for name in source.listdir(fpath):
            if name.startswith("."):
                continue
            files.append((f"{fpath}/{name}", None if name.endswith(".yaml") else "not a .yaml file"))
        parsed.prefetch([p for p, bad in files if bad is None], lang)
        parsed.build_ahead([(p, partial(amendment_entry, p, folder, lang)) for p, bad in files if bad is None], lang)
        for path, bad in files:
            if bad is not None:
                problems.append(Problem(path, 0, bad))
                continue
            try:
                entry = parsed.get(path, lang, partial(amendment_entry, path, folder, lang))
            except UnsafeFile as e:
                problems.append(Problem(path, 0, e.message))
                continue
            if entry is None:
                problems.append(Problem(path, 0, "file is missing"))  # gone since it was listed
                continue
            a, found = entry
            if found:
                problems.extend(found)
            if a is not None:
                amendments.append(a)


def amendment_entry(path: str, version: str, default_lang: str,
                     data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading one amendment file gives: the Amendment (or None) and its problems."""
    problems: list[Problem] = []
    a = None
    raw = _parse_data(data, path, problems)
    if raw is not None:
        r = Reader(path, problems)
        m = r.mapping(raw, 1, "an amendment")
        if m is not None:
            a = parse_amendment(r, m, version, path.rpartition("/")[2][: -len(".yaml")], default_lang)
    return a, tuple(problems)


def negotiation_entry(data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading negotiation.yaml gives: the values of a Workspace without documents and amendments
    (None when the file is unusable), and the problems."""
    problems: list[Problem] = []
    raw = _parse_data(data, NEGOTIATION, problems)
    r = Reader(NEGOTIATION, problems)
    top = r.mapping(raw, 1, "negotiation.yaml") if raw is not None else None
    if top is None:
        return None, tuple(problems)
    ws = _negotiation(r, top)
    return (ws.title, ws.symbol, ws.original_language, ws.languages, ws.document_ids, ws.delegations,
            ws.versions, (), (), (), ws.schema, ws.loc), tuple(problems)


def _negotiation(r: Reader, top: YMap) -> Workspace:
    r.known(top, ("schema", "title", "symbol", "original_language", "languages", "documents",
                  "delegations", "versions"), "negotiation.yaml")
    lines: dict[str, int] = {}
    schema = r.string(top, "schema", required=True) or "1"
    if schema != "1":
        r.err(top.line_of("schema"), f"schema {show(schema)} is not supported (this drafting reads schema 1)")
    title = r.texts(top, "title", lines, "")
    symbol = r.string(top, "symbol", required=True) or ""
    original = r.string(top, "original_language", required=True, pattern=LANG_PATTERN) or "en"
    languages = r.strings(top, "languages", LANG_PATTERN)
    if not languages:
        r.err(top.line_of("languages"), "'languages' must list at least one language")
        languages = (original,)
    elif original not in languages:
        r.err(top.line_of("original_language"), f"original language {original!r} is not in 'languages'")
    doc_ids = r.strings(top, "documents", ID_PATTERN)
    if "documents" not in top:
        r.err(top.line, "missing field 'documents'")
    delegations: dict[str, Delegation] = {}
    dm = top.get("delegations")
    if dm is not None:
        dm = r.mapping(dm, top.line_of("delegations"), "'delegations'")
    for code, value in (dm or {}).items():
        line = dm.line_of(code)  # type: ignore[union-attr]
        if not CODE_PATTERN.match(code):
            r.err(line, f"delegation code {show(code)} must be ASCII capitals, digits and hyphens")
            continue
        d = r.mapping(value, line, f"delegation {code}")
        if d is None:
            continue
        r.known(d, ("name", "kind", "members"), f"delegation {code}")
        dl: dict[str, int] = {}
        name = r.texts(d, "name", dl, "")
        kind = r.string(d, "kind", required=True, choices=DELEGATION_KINDS, what=f"delegation {code}") or "state"
        members = r.strings(d, "members", CODE_PATTERN)
        if members and kind != "group":
            r.err(d.line_of("members"), f"delegation {code} has members but is not a group")
        delegations[code] = Delegation(code, name, kind, members, Loc(r.path, line, dl | {"members": d.line_of("members")}))
    versions: list[Version] = []
    vs = top.get("versions")
    if vs is not None and not isinstance(vs, YSeq):
        r.err(top.line_of("versions"), "'versions' must be a list")
        vs = None
    for i, value in enumerate(vs or []):
        line = vs.line_of(i)  # type: ignore[union-attr]
        v = r.mapping(value, line, "a version")
        if v is None:
            continue
        r.known(v, ("id", "label", "date"), "a version")
        vid = r.string(v, "id", required=True, pattern=ID_PATTERN)
        if vid is None:
            continue
        if any(x.id == vid for x in versions):
            r.err(v.line_of("id"), f"version {vid!r} is listed twice")
            continue
        vl: dict[str, int] = {}
        label = r.texts(v, "label", vl, "", required=False) or {"en": vid}
        versions.append(Version(vid, label, r.date(v, "date"), Loc(r.path, v.line, vl)))
    return Workspace(title=title, symbol=symbol, original_language=original, languages=languages,
                     document_ids=doc_ids, delegations=delegations, versions=tuple(versions),
                     schema=schema, loc=Loc(r.path, 1, lines | {k: top.line_of(k) for k in top}))


def _document(source: Source, parsed: Cache, doc_id: str, problems: list[Problem],
              listed_at: int = 0) -> Document | None:
    path = f"drafts/{doc_id}/document.yaml"
    try:
        entry = parsed.get(path, "", partial(_document_entry, path, doc_id))
    except UnsafeFile as e:
        problems.append(Problem(path, 0, e.message))
        return None
    if entry is None:
        problems.append(Problem(NEGOTIATION, listed_at, f"document {doc_id!r} is listed but its file {path} "
                                                        f"is missing"))
        return None
    head, found = entry
    problems.extend(found)
    if head is None:
        return None
    title, section_ids, lines, sections_line = head
    sections = []
    parsed.prefetch([f"drafts/{doc_id}/{sid}.yaml" for sid in section_ids], "")
    for sid in section_ids:
        spath = f"drafts/{doc_id}/{sid}.yaml"
        try:
            entry = parsed.get(spath, "", partial(section_entry, spath, sid))
        except UnsafeFile as e:
            problems.append(Problem(spath, 0, e.message))
            continue
        if entry is None:  # reported where the file is listed
            problems.append(Problem(path, sections_line,
                                    f"section {sid!r} is listed but its file {spath} is missing"))
            continue
        s, found = entry
        if found:
            problems.extend(found)
        if s is not None:
            sections.append(s)
    return Document(doc_id, title, tuple(sections), Loc(path, 1, lines | {"sections": sections_line}))


def _document_entry(path: str, doc_id: str, data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading a document.yaml gives: (title, section ids, lines, line of 'sections') or None, and
    the problems."""
    problems: list[Problem] = []
    raw = _parse_data(data, path, problems)
    r = Reader(path, problems)
    m = r.mapping(raw, 1, "document.yaml") if raw is not None else None
    if m is None:
        return None, tuple(problems)
    r.known(m, ("id", "title", "sections"), "document.yaml")
    did = r.string(m, "id", required=True)
    if did is not None and did != doc_id:
        r.err(m.line_of("id"), f"document id {show(did)} does not match its folder {doc_id!r}")
    lines: dict[str, int] = {}
    title = r.texts(m, "title", lines, "")
    section_ids = r.strings(m, "sections", ID_PATTERN)
    if not section_ids:
        r.err(m.line_of("sections"), "'sections' must list the document's sections")
    return (title, section_ids, lines, m.line_of("sections")), tuple(problems)


def section_entry(path: str, sid: str, data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading one section file gives: the Section (or None) and its problems."""
    problems: list[Problem] = []
    raw = _parse_data(data, path, problems)
    s = read_section(path, sid, raw, problems) if raw is not None else None
    return s, tuple(problems)


def read_section(path: str, sid: str, raw: Any, problems: list[Problem]) -> Section | None:
    """The Section a parsed section file holds (its problems appended to ``problems``)."""
    r = Reader(path, problems)
    m = r.mapping(raw, 1, "a section file")
    if m is None:
        return None
    r.known(m, ("id", "title", "numbering", "reference", "clauses"), "a section")
    got = r.string(m, "id", required=True)
    if got is not None and got != sid:
        r.err(m.line_of("id"), f"section id {show(got)} does not match its file name {sid!r}")
    lines: dict[str, int] = {}
    title = r.texts(m, "title", lines, "", required=False)
    numbering = r.string(m, "numbering", choices=NUMBERING_STYLES) or "arabic"
    reference = r.string(m, "reference", pattern=REFERENCE_PATTERN)
    clauses = read_clauses(r, m, "clauses", 0)
    return Section(sid, title, numbering, clauses, Loc(path, 1, lines), reference)
