"""Workspace files -> model.  Shape and type checks per file; every problem collected, none fatal
unless ``negotiation.yaml`` itself cannot be read.  Cross-file checks live in ``ops.validate``."""

from __future__ import annotations

from functools import partial
from typing import Any

from ..errors import Problem, WorkspaceError
from ..model import (Amendment, Change, Clause, Decision, Delegation, Document, Loc, Section, Version,
                     Workspace)
from ..vocab import (AMENDMENT_ID_PATTERN, AMENDMENT_STATUSES, CHANNELS, CLAUSE_KINDS, CLAUSE_STATUSES,
                     CODE_PATTERN, DELEGATION_KINDS, ID_PATTERN, LANG_PATTERN, NUMBERING_STYLES,
                     OPERATIONS)
from .cache import Cache
from .source import Source
from .yamlio import YMap, YSeq, load_file

NEGOTIATION = "negotiation.yaml"
DATE_RE = __import__("re").compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\Z")


def _show(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, cut short: a 100,000-character value must not flood the terminal."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value)} characters)"
    return repr(value)


class _Reader:
    """Typed access to one parsed file, recording problems instead of raising."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def err(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(self, value: Any, line: int, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.err(line, f"{what} must be a mapping (key: value)")
        return None

    def known(self, m: YMap, allowed: tuple[str, ...], what: str) -> None:
        for key in m:
            if key not in allowed:
                self.err(m.line_of(key), f"unknown field {_show(key)} in {what}")

    def string(self, m: YMap, key: str, *, required: bool = False, pattern: Any = None,
               choices: tuple[str, ...] | None = None, what: str = "") -> str | None:
        if key not in m:
            if required:
                self.err(m.line, f"missing field {key!r}{' in ' + what if what else ''}")
            return None
        value = m[key]
        line = m.line_of(key)
        if not isinstance(value, str):
            self.err(line, f"{key!r} must be text, not a {'list' if isinstance(value, list) else 'mapping'}")
            return None
        if value == "" and required:
            self.err(line, f"{key!r} is empty")
            return None
        if choices is not None and value not in choices:
            self.err(line, f"{key!r} is {_show(value)}; expected one of: {', '.join(choices)}")
            return None
        if pattern is not None and not pattern.match(value):
            self.err(line, f"{key!r} is {_show(value)}, which is not a valid {key}")
            return None
        return value

    def strings(self, m: YMap, key: str, pattern: Any = None) -> tuple[str, ...]:
        if key not in m:
            return ()
        value = m[key]
        line = m.line_of(key)
        if isinstance(value, str):
            value = YSeq([value])
            value.line, value.spans = line, []
        if not isinstance(value, YSeq):
            self.err(line, f"{key!r} must be a list")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or (pattern is not None and not pattern.match(item)):
                self.err(value.line_of(i) if value.spans else line, f"{key!r} has an invalid entry {_show(item)}")
                continue
            if item in out:
                self.err(value.line_of(i) if value.spans else line, f"{key!r} lists {_show(item)} twice")
                continue
            out.append(item)
        return tuple(out)

    def texts(self, m: YMap, key: str, lines: dict[str, int], prefix: str, *,
              required: bool = True) -> dict[str, str]:
        if key not in m:
            if required:
                self.err(m.line, f"missing field {key!r}")
            return {}
        value = m[key]
        line = m.line_of(key)
        if isinstance(value, str):
            self.err(line, f"{key!r} must give the text per language, e.g. {{es: ..., en: ...}}")
            return {}
        tm = self.mapping(value, line, key)
        if tm is None:
            return {}
        out: dict[str, str] = {}
        for lang, text in tm.items():
            if not LANG_PATTERN.match(lang):
                self.err(tm.line_of(lang), f"{_show(lang)} is not a language code")
                continue
            if not isinstance(text, str):
                self.err(tm.line_of(lang), f"{key}.{lang} must be text")
                continue
            out[lang] = " ".join(text.split()) if "\n" in text else text.strip()
            lines[f"{prefix}{key}.{lang}"] = tm.spans[lang].line
        lines[f"{prefix}{key}"] = line
        return out

    def integer(self, m: YMap, key: str, lo: int, hi: int) -> int | None:
        if key not in m:
            return None
        value = m[key]
        # ASCII digits only: "²".isdigit() is true but int("²") raises
        if (not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 6
                or not lo <= int(value) <= hi):
            self.err(m.line_of(key), f"{key!r} must be a whole number from {lo} to {hi}")
            return None
        return int(value)

    def date(self, m: YMap, key: str) -> str | None:
        value = self.string(m, key)
        if value is not None and not DATE_RE.match(value):
            self.err(m.line_of(key), f"{key!r} is {_show(value)}; write a date as YYYY-MM-DD")
            return None
        return value


def _parse(source: Source, path: str, problems: list[Problem], missing: Problem | None = None) -> Any:
    data = source.read(path)
    if data is None:
        # reported where the file is listed, when it is listed somewhere
        problems.append(missing or Problem(path, 0, "file is missing"))
        return None
    return _parse_data(data, path, problems)


def _parse_data(data: bytes, path: str, problems: list[Problem]) -> Any:
    try:
        return load_file(data, path)
    except WorkspaceError as e:
        problems.extend(e.problems())
        return None


def load_workspace(source: Source, *, with_amendments: bool = True,
                   cache: bool = True) -> tuple[Workspace, list[Problem]]:
    """Read a whole workspace.  Returns the model and the problems found while reading it.

    ``with_amendments=False`` reads no amendment file (the model has none, and their problems are not
    reported).  ``cache=False`` parses every file even when the parse cache (:mod:`.cache`) knows the
    result; the result is the same either way.

    Raises WorkspaceError only when ``negotiation.yaml`` is unusable."""
    problems: list[Problem] = []
    raw = _parse(source, NEGOTIATION, problems)
    r = _Reader(NEGOTIATION, problems)
    top = r.mapping(raw, 1, "negotiation.yaml") if raw is not None else None
    if top is None:
        raise WorkspaceError(problems)
    ws = _negotiation(r, top)
    parsed = Cache(source, cache)
    documents = []
    for doc_id in ws.document_ids:
        doc = _document(source, parsed, doc_id, problems, ws.loc.at("documents"))
        if doc is not None:
            documents.append(doc)
    amendments: list[Amendment] = []
    if with_amendments:
        _amendments(source, parsed, ws, amendments, problems)
    parsed.finish()
    from dataclasses import replace
    return replace(ws, documents=tuple(documents), amendments=tuple(amendments)), problems


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
        for path, bad in files:
            if bad is not None:
                problems.append(Problem(path, 0, bad))
                continue
            entry = parsed.get(path, lang, partial(_amendment_entry, path, folder, lang))
            if entry is None:
                problems.append(Problem(path, 0, "file is missing"))  # gone since it was listed
                continue
            a, found = entry
            if found:
                problems.extend(found)
            if a is not None:
                amendments.append(a)


def _amendment_entry(path: str, version: str, default_lang: str,
                     data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading one amendment file gives: the Amendment (or None) and its problems."""
    problems: list[Problem] = []
    a = None
    raw = _parse_data(data, path, problems)
    if raw is not None:
        r = _Reader(path, problems)
        m = r.mapping(raw, 1, "an amendment")
        if m is not None:
            a = parse_amendment(r, m, version, path.rpartition("/")[2][: -len(".yaml")], default_lang)
    return a, tuple(problems)


def _texts_or_code(r: _Reader, m: YMap, key: str, lines: dict[str, int]) -> dict[str, str]:
    return r.texts(m, key, lines, "")


def _negotiation(r: _Reader, top: YMap) -> Workspace:
    r.known(top, ("schema", "title", "symbol", "original_language", "languages", "documents",
                  "delegations", "versions"), "negotiation.yaml")
    lines: dict[str, int] = {}
    schema = r.string(top, "schema", required=True) or "1"
    if schema != "1":
        r.err(top.line_of("schema"), f"schema {_show(schema)} is not supported (this drafting reads schema 1)")
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
            r.err(line, f"delegation code {_show(code)} must be ASCII capitals, digits and hyphens")
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
    raw = _parse(source, path, problems, Problem(
        NEGOTIATION, listed_at, f"document {doc_id!r} is listed but its file {path} is missing"))
    if raw is None:
        return None
    r = _Reader(path, problems)
    m = r.mapping(raw, 1, "document.yaml")
    if m is None:
        return None
    r.known(m, ("id", "title", "sections"), "document.yaml")
    did = r.string(m, "id", required=True)
    if did is not None and did != doc_id:
        r.err(m.line_of("id"), f"document id {_show(did)} does not match its folder {doc_id!r}")
    lines: dict[str, int] = {}
    title = r.texts(m, "title", lines, "")
    section_ids = r.strings(m, "sections", ID_PATTERN)
    if not section_ids:
        r.err(m.line_of("sections"), "'sections' must list the document's sections")
    sections = []
    parsed.prefetch([f"drafts/{doc_id}/{sid}.yaml" for sid in section_ids], "")
    for sid in section_ids:
        spath = f"drafts/{doc_id}/{sid}.yaml"
        entry = parsed.get(spath, "", partial(_section_entry, spath, sid))
        if entry is None:  # reported where the file is listed
            problems.append(Problem(path, m.line_of("sections"),
                                    f"section {sid!r} is listed but its file {spath} is missing"))
            continue
        s, found = entry
        if found:
            problems.extend(found)
        if s is not None:
            sections.append(s)
    return Document(doc_id, title, tuple(sections), Loc(path, 1, lines | {"sections": m.line_of("sections")}))


def _section_entry(path: str, sid: str, data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading one section file gives: the Section (or None) and its problems."""
    problems: list[Problem] = []
    raw = _parse_data(data, path, problems)
    s = _section(path, sid, raw, problems) if raw is not None else None
    return s, tuple(problems)


def _section(path: str, sid: str, raw: Any, problems: list[Problem]) -> Section | None:
    r = _Reader(path, problems)
    m = r.mapping(raw, 1, "a section file")
    if m is None:
        return None
    r.known(m, ("id", "title", "numbering", "clauses"), "a section")
    got = r.string(m, "id", required=True)
    if got is not None and got != sid:
        r.err(m.line_of("id"), f"section id {_show(got)} does not match its file name {sid!r}")
    lines: dict[str, int] = {}
    title = r.texts(m, "title", lines, "", required=False)
    numbering = r.string(m, "numbering", choices=NUMBERING_STYLES) or "arabic"
    clauses = _clauses(r, m, "clauses", 0)
    return Section(sid, title, numbering, clauses, Loc(path, 1, lines))


def _clauses(r: _Reader, m: YMap, key: str, depth: int) -> tuple[Clause, ...]:
    value = m.get(key)
    if value is None:
        return ()
    if not isinstance(value, YSeq):
        r.err(m.line_of(key), f"{key!r} must be a list of clauses")
        return ()
    if depth > 4:
        r.err(m.line_of(key), "sub-clauses nested more than four levels deep")
        return ()
    out = []
    for i, item in enumerate(value):
        c = _clause(r, item, value.line_of(i), depth)
        if c is not None:
            out.append(c)
    return tuple(out)


CLAUSE_FIELDS = ("id", "kind", "status", "text", "agreed_language", "pending_translation", "children")


def _clause(r: _Reader, value: Any, line: int, depth: int) -> Clause | None:
    m = r.mapping(value, line, "a clause")
    if m is None:
        return None
    r.known(m, CLAUSE_FIELDS, "a clause")
    cid = r.string(m, "id", required=True, pattern=ID_PATTERN, what="a clause")
    lines: dict[str, int] = {k: m.line_of(k) for k in m}
    text = r.texts(m, "text", lines, "")
    kind = r.string(m, "kind", choices=CLAUSE_KINDS) or "paragraph"
    status = r.string(m, "status", choices=CLAUSE_STATUSES) or "pending"
    agreed = r.string(m, "agreed_language")
    pending = r.strings(m, "pending_translation", LANG_PATTERN)
    children = _clauses(r, m, "children", depth + 1)
    if cid is None:
        return None
    return Clause(cid, text, kind, status, agreed, pending, children, Loc(r.path, m.line, lines))


AMENDMENT_FIELDS = ("id", "by", "cosponsors", "on_behalf_of", "supporters", "objectors", "target", "lang",
                    "change", "rationale", "channel", "submitted", "status", "decision", "word_author")


def parse_amendment(r: _Reader, m: YMap, version: str, stem: str, default_lang: str) -> Amendment | None:
    """One amendment mapping -> Amendment (problems recorded on the reader)."""
    r.known(m, AMENDMENT_FIELDS, "an amendment")
    lines: dict[str, int] = {k: m.line_of(k) for k in m}
    aid = r.string(m, "id", required=True, pattern=AMENDMENT_ID_PATTERN)
    if aid is not None and aid != stem:
        r.err(m.line_of("id"), f"amendment id {_show(aid)} does not match its file name {stem + '.yaml'!r}")
    if not AMENDMENT_ID_PATTERN.match(stem):
        r.err(1, f"file name {stem!r} is not a valid amendment id")
        return None
    by = r.string(m, "by", required=True, pattern=CODE_PATTERN)
    target = r.string(m, "target", pattern=ID_PATTERN)
    lang = r.string(m, "lang", pattern=LANG_PATTERN) or default_lang
    change = _change(r, m, lines)
    status = r.string(m, "status", choices=AMENDMENT_STATUSES) or "submitted"
    decision = None
    if "decision" in m:
        dm = r.mapping(m["decision"], m.line_of("decision"), "'decision'")
        if dm is not None:
            r.known(dm, ("date", "note", "text", "into", "clause", "texts"), "a decision")
            lines.update({f"decision.{k}": dm.line_of(k) for k in dm})
            dtexts = r.texts(dm, "texts", lines, "decision.", required=False) or None
            decision = Decision(r.date(dm, "date"), r.string(dm, "note"), r.string(dm, "text"),
                                r.string(dm, "into", pattern=AMENDMENT_ID_PATTERN),
                                r.string(dm, "clause", pattern=ID_PATTERN), dtexts)
    if by is None or change is None:
        return None
    return Amendment(
        id=stem, version=version, by=by, change=change, target=target, lang=lang,
        cosponsors=r.strings(m, "cosponsors", CODE_PATTERN),
        on_behalf_of=r.string(m, "on_behalf_of", pattern=CODE_PATTERN),
        supporters=r.strings(m, "supporters", CODE_PATTERN),
        objectors=r.strings(m, "objectors", CODE_PATTERN),
        rationale=r.string(m, "rationale"),
        channel=r.string(m, "channel", choices=CHANNELS) or "written",
        submitted=r.date(m, "submitted"), status=status, decision=decision,
        loc=Loc(r.path, 1, lines))


_OP_FIELDS = {
    "replace": ("old", "new", "occurrence"),
    "insert": ("text", "after", "before", "at", "occurrence"),
    "delete": ("old", "occurrence"),
    "bracket": ("old", "occurrence"),
    "add": ("after", "before", "clause"),
    "remove": (),
    "move": ("after", "before"),
    "substitute": ("text",),
    "comment": (),
}


def _change(r: _Reader, m: YMap, lines: dict[str, int]) -> Change | None:
    if "change" not in m:
        r.err(m.line, "missing field 'change'")
        return None
    cm = r.mapping(m["change"], m.line_of("change"), "'change'")
    if cm is None:
        return None
    ops = list(cm)
    if len(ops) != 1:
        r.err(cm.line, f"'change' must hold exactly one operation ({', '.join(OPERATIONS)}); found {len(ops)}")
        return None
    op = ops[0]
    line = cm.line_of(op)
    if op not in OPERATIONS:
        r.err(line, f"unknown operation {_show(op)}; expected one of: {', '.join(OPERATIONS)}")
        return None
    body = cm[op]
    if body == "" or body is None:
        body = YMap()
        body.line, body.spans, body.key_lines = line, {}, {}
    b = r.mapping(body, line, f"'{op}'")
    if b is None:
        return None
    r.known(b, _OP_FIELDS[op], f"'{op}'")
    lines.update({f"change.{k}": b.line_of(k) for k in b})
    lines["change"] = line
    occurrence = r.integer(b, "occurrence", 1, 10_000)
    s = lambda k, req=False: r.string(b, k, required=req, what=f"'{op}'")  # noqa: E731
    if op == "replace":
        return Change(op, old=s("old", True), new=_allow_empty(r, b, "new"), occurrence=occurrence)
    if op in ("delete",):
        return Change(op, old=s("old", True), occurrence=occurrence)
    if op == "bracket":
        return Change(op, old=s("old"), occurrence=occurrence)
    if op == "insert":
        where = [k for k in ("after", "before", "at") if k in b]
        if len(where) != 1:
            r.err(line, "'insert' needs exactly one of after, before or at")
        at = r.string(b, "at", choices=("start", "end"))
        return Change(op, text=s("text", True), after=s("after"), before=s("before"), at=at,
                      occurrence=occurrence)
    if op in ("add", "move"):
        where = [k for k in ("after", "before") if k in b]
        if len(where) != 1:
            r.err(line, f"'{op}' needs exactly one of after or before (a clause id)")
        after = r.string(b, "after", pattern=ID_PATTERN)
        before = r.string(b, "before", pattern=ID_PATTERN)
        clause = None
        if op == "add":
            if "clause" not in b:
                r.err(line, "'add' needs the new 'clause' (id and text)")
            else:
                clause = _clause(r, b["clause"], b.line_of("clause"), 0)
        return Change(op, after=after, before=before, clause=clause)
    if op == "substitute":
        texts = r.texts(b, "text", lines, "change.", required=True)
        return Change(op, texts=texts)
    return Change(op)


def _allow_empty(r: _Reader, b: YMap, key: str) -> str | None:
    if key not in b:
        r.err(b.line, f"missing field {key!r}")
        return None
    return r.string(b, key)
