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
    needs = kind != "clean"  # a clean draft needs no amendment: skip reading them
    ws = s.load_at(at, with_amendments=needs) if at else s.load(with_amendments=needs)
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

def read_text(s: Session, path: str) -> str:
    """A workspace file's text as the loader reads it (UTF-8 without a byte-order mark, LF line ends),
    so that the positions the strict reader reports are positions in this text."""
    from .store.yamlio import decode
    return decode((s.root / path).read_bytes(), path).replace("\r\n", "\n")


def section_files(s: Session, old: Workspace, new: Workspace) -> dict[str, bytes]:
    """The patched text of every section file whose clauses changed, checked by reading it back."""
    from .ops.edit import changed_sections, clause_key
    from .store.schema import Reader, read_clauses
    from .store.write import emit_section, patch_section
    from .store.yamlio import parse

    files: dict[str, bytes] = {}
    for doc, section, prev in changed_sections(old, new):
        path = f"drafts/{doc.id}/{section.id}.yaml"
        current = read_text(s, path) if prev is not None else ""
        text = patch_section(current, path, prev, section) if prev is not None else emit_section(section)
        # read back what we are about to write: it must say exactly what we meant
        problems: list[Problem] = []
        back = read_clauses(Reader(path, problems), parse(text, path), "clauses", 0)
        if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
            text = emit_section(section)
            back = read_clauses(Reader(path, problems), parse(text, path), "clauses", 0)
            if problems or [clause_key(c) for c in back] != [clause_key(c) for c in section.clauses]:
                raise WorkspaceError(problems or [Problem(path, 0, "internal error: section would not read back")])
        files[path] = text.encode("utf-8")
    return files


def check_written(s: Session, files: dict[str, bytes], deleted: tuple[str, ...] = (),
                  own: tuple[str, ...] = (), before: Workspace | None = None) -> Workspace:
    """The workspace as it will be once ``files`` are written: it must read without problems
    and pass validation where the current one does -- and, in the files of ``own`` (what the command
    acts on), pass validation outright."""
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

    if before is None:
        before, _ = s.load_raw()
    quick = None if deleted else _after(before, files)
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
    old = {(p.path, p.message) for p in _validate(before, bases, scope) if p.path not in own}
    new_problems = [p for p in problems + _validate(ws, bases, scope) if (p.path, p.message) not in old]
    if new_problems:
        raise WorkspaceError(new_problems)
    return ws


def _after(before: Workspace, files: dict[str, bytes]) -> tuple[Workspace, list[Problem]] | None:
    """The workspace once ``files`` (section and amendment files) are written, built from ``before``
    by reading only those files; None when the write is of another kind (then the whole is read)."""
    from dataclasses import replace

    from .store.load import amendment_entry, section_entry
    problems: list[Problem] = []
    sections: dict[tuple[str, str], Any] = {}
    amendments: dict[str, Any] = {}
    for path, data in files.items():
        parts = path.split("/")
        if len(parts) != 3 or not parts[2].endswith(".yaml"):
            return None
        if parts[0] == "drafts" and parts[2] != "document.yaml":
            section, found = section_entry(path, parts[2][:-5], data)
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


# ------------------------------------------------------------------------------------ propose

def _next_id(ws: Workspace, version: str, by: str) -> str:
    prefix = f"{version}-{by}-"
    used = [int(a.id[len(prefix):]) for a in ws.amendments
            if a.id.startswith(prefix) and a.id[len(prefix):].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


def propose(workspace: str | None, *, clause: str, by: str, change: dict[str, Any], lang: str | None = None,
            cosponsors: list[str] | None = None, on_behalf_of: str | None = None, rationale: str | None = None,
            channel: str = "written", date: str | None = None, version: str | None = None) -> str:
    """Write a new amendment (the next free id of the delegation for that version), validated,
    committed with the delegation as author.  Returns its id."""
    mapping: dict[str, Any] = {"by": by, "cosponsors": cosponsors or [], "on_behalf_of": on_behalf_of,
                               "lang": lang, "change": change, "rationale": rationale, "channel": channel,
                               "submitted": date}
    op = next(iter(change))
    if op == "add":
        pass  # the clause named is where the new one goes
    else:
        mapping["target"] = clause
    return propose_mapping(workspace, mapping, version=version)


def propose_mapping(workspace: str | None, mapping: dict[str, Any], *, version: str | None = None,
                    commit_date: str | None = None) -> str:
    """Write an amendment given as the mapping of an amendment file (without its id)."""
    from .store.schema import Reader, parse_amendment
    from .store.write import emit_amendment
    from .store.yamlio import from_plain

    s = Session.find(workspace)
    with s.writing() as ws:
        vid = version or mapping.pop("version", None) or (ws.last_version.id if ws.last_version else None)
        if vid is None:
            raise UsageError("no version has been issued yet: amendments are written against an issued version "
                             "(drafting issue zero)")
        if ws.version(vid) is None:
            raise UsageError(f"unknown version {vid!r}")
        by = mapping.get("by")
        if not isinstance(by, str) or by not in ws.delegations:
            raise UsageError(f"unknown delegation {by!r}; known codes: {', '.join(sorted(ws.delegations))}")
        mapping = {k: v for k, v in mapping.items() if v not in (None, [], "")}
        mapping.setdefault("lang", ws.original_language)
        mapping.setdefault("submitted", _env_date(None))
        mapping.setdefault("channel", "written")
        mapping["status"] = "submitted"
        aid = _next_id(ws, vid, by)
        path = f"amendments/{vid}/{aid}.yaml"
        if (s.root / path).exists():
            raise UsageError(f"{path} already exists")
        # through the same reader as every amendment file: one set of rules
        tree = from_plain({"id": aid, **mapping}, _refuse)
        problems: list[Problem] = []
        a = parse_amendment(Reader(path, problems), tree, vid, aid, ws.original_language)
        if problems or a is None:
            raise WorkspaceError(problems or [Problem(path, 0, "invalid amendment")])
        data = emit_amendment(a).encode("utf-8")
        check_written(s, {path: data}, before=ws)
        op = a.change.op
        where = a.target or a.change.after or a.change.before or ""
        message = f"Proposal {aid} by {ws.delegation_name(by, 'en')}: {op} {where}".rstrip()
        trailers: dict[str, Any] = {"Amendment": aid, "Proponent": by, "Version": vid}
        if a.cosponsors:
            trailers["Co-sponsors"] = ", ".join(a.cosponsors)
        if a.on_behalf_of:
            trailers["On-behalf-of"] = a.on_behalf_of
        with s.repo.transaction(message, author=author_of(ws, by), trailers=trailers, date=commit_date) as tx:
            tx.write(path, data)
    return aid


def _refuse(text: str) -> str:
    from .store.yamlio import describe_forbidden
    raise UsageError(f"forbidden character {describe_forbidden(text)} in {text[:60]!r}")


def commit_proposal(root: Path, rel: str, data: bytes, doc: Any) -> None:
    """Commit an amendment file as it was submitted (the example's zero-draft proposals)."""
    s = Session(root)
    ws = s.load()
    by = doc.get("by", "")
    trailers = {"Amendment": doc.get("id", ""), "Proponent": by, "Version": rel.split("/")[1]}
    date = doc.get("submitted")
    with s.repo.transaction(f"Proposal {doc.get('id')} by {ws.delegation_name(by, 'en')}",
                            author=author_of(ws, by), trailers=trailers,
                            date=f"{date}T10:00:00" if date else None) as tx:
        tx.write(rel, data)


# ------------------------------------------------------------------------------------ decide

class DecisionResult:
    def __init__(self, amendment: str, status: str, commit: str, warnings: list[str]) -> None:
        self.amendment, self.status, self.commit, self.warnings = amendment, status, commit, warnings


def decide(workspace: str | None, amendment_id: str, verb: str, *, text: str | None = None,
           into: str | None = None, clause: str | None = None, note: str | None = None,
           date: str | None = None, texts: dict[str, str] | None = None,
           commit_date: str | None = None) -> DecisionResult:
    """Record the secretariat's decision on an open amendment.  accept and modify apply the change
    to the text; the text and the amendment file land in one commit with trailers Amendment,
    Proponent and Decision.  Nothing is written if anything is wrong."""
    from .ops.apply import apply_amendment
    from .store.write import patch_decision
    from .vocab import DECISIONS

    if verb not in DECISIONS:
        raise UsageError(f"unknown decision {verb!r}; expected one of: {', '.join(DECISIONS)}")
    status_word = DECISIONS[verb]
    s = Session.find(workspace)
    with s.writing() as ws:
        a = ws.amendment(amendment_id)
        if a is None:
            raise WorkspaceError([Problem("amendments", 0, f"unknown amendment {amendment_id!r}")])
        same = [x.loc.path for x in ws.amendments if x.id == a.id]
        if len(same) > 1:
            raise WorkspaceError([Problem(p, 1, f"{len(same)} files hold amendment {a.id}: {', '.join(same)}; "
                                                f"keep one before deciding") for p in same])
        if not a.is_open:
            raise WorkspaceError([Problem(a.loc.path, a.loc.at("status"),
                                          f"{a.id} was already decided ({a.status})")])
        if a.decision is not None:
            raise WorkspaceError([Problem(a.loc.path, a.loc.at("decision"),
                                          f"{a.id} has a 'decision' block but its status is still 'submitted'; "
                                          f"correct the file before deciding")])
        if verb == "modify" and text is None and not texts:
            raise UsageError("modify needs --text: the adopted wording")
        if verb != "modify" and text is not None:
            raise UsageError("--text goes with modify (use --text-lang to supply other languages)")
        if verb == "merge":
            target = ws.amendment(into or "")
            if not into or target is None:
                raise UsageError(f"merge needs --into an existing amendment (got {into!r})")
            if target.id == a.id:
                raise UsageError("an amendment cannot be merged into itself")
        elif into:
            raise UsageError("--into goes with merge")
        if verb == "accommodate":
            if not clause or ws.clause(clause) is None:
                raise UsageError(f"accommodate needs --clause naming an existing clause (got {clause!r})")
        elif clause:
            raise UsageError("--clause goes with accommodate")
        for lang in texts or {}:
            if lang not in ws.languages:
                raise UsageError(f"unknown language {lang!r} in --text-lang")
        warnings: list[str] = []
        new_ws = ws
        if verb in ("accept", "modify"):
            base = s.version_text(a.version)
            base_clause = base.clause(a.target) if base is not None and a.target else None
            result = apply_amendment(ws, a, text_override=text if verb == "modify" else None, texts=texts,
                                     base_text=base_clause.text.get(a.lang) if base_clause else None)
            new_ws = result.workspace
            warnings = [w.message for w in result.warnings]
            if result.location is not None and result.location.state == "re-anchored":
                warnings.append(f"{a.id}: re-anchored: {result.location.reason}")
        files = section_files(s, ws, new_ws)
        when = _env_date(date)
        pairs: list[tuple[str, Any]] = [("date", when), ("note", note), ("text", text), ("into", into),
                                        ("clause", clause), ("texts", texts or None)]
        current = read_text(s, a.loc.path)
        files[a.loc.path] = patch_decision(current, a.loc.path, status_word, pairs).encode("utf-8")
        # an amendment with problems of its own (an unknown proponent, ...) can be rejected or withdrawn,
        # never accepted, modified, merged or accommodated
        check_written(s, files, own=() if verb in ("reject", "withdraw") else (a.loc.path,), before=ws)
        who = ws.delegation_name(a.by, "en")
        where = a.target or a.change.after or a.change.before or ""
        subject = f"{verb.capitalize()} {a.id} ({who}) on {where}".rstrip()
        if verb == "merge":
            subject = f"Merge {a.id} ({who}) into {into}"
        elif verb == "accommodate":
            subject = f"Accommodate {a.id} ({who}) in {clause}"
        message = subject + (f"\n\n{note}" if note else "")
        trailers: dict[str, Any] = {"Amendment": a.id, "Proponent": a.by, "Decision": status_word}
        if a.cosponsors:
            trailers["Co-sponsors"] = ", ".join(a.cosponsors)
        if a.on_behalf_of:
            trailers["On-behalf-of"] = a.on_behalf_of
        if a.target:
            trailers["Clause"] = a.target
        with s.repo.transaction(message, author=secretariat_of(ws), trailers=trailers,
                                date=commit_date) as tx:
            for path, data in files.items():
                tx.write(path, data)
        sha = tx.commit_sha
    return DecisionResult(a.id, status_word, sha, warnings)


def mark(workspace: str | None, clause_id: str, status_value: str, *, note: str | None = None,
         commit_date: str | None = None) -> str:
    """Set a clause's status after a reading (agreed ad ref, ...); one commit."""
    from .ops.edit import set_status
    from .vocab import CLAUSE_STATUSES
    if status_value not in CLAUSE_STATUSES:
        raise UsageError(f"unknown status {status_value!r}; expected one of: {', '.join(CLAUSE_STATUSES)}")
    s = Session.find(workspace)
    with s.writing() as ws:
        c = ws.clause(clause_id)
        if c is None:
            raise UsageError(f"unknown clause {clause_id!r}")
        if c.kind == "heading":
            raise UsageError(f"{clause_id} is a heading; headings carry no status")
        if c.status == status_value:
            raise UsageError(f"{clause_id} is already {status_value}")
        message = f"Mark {clause_id} {status_value}" + (f"\n\n{note}" if note else "")
        return _commit_text(s, ws, set_status(ws, clause_id, status_value), message,
                            {"Clause": clause_id, "Status": status_value}, commit_date)


def translate(workspace: str | None, clause_id: str, lang: str, text: str, *,
              commit_date: str | None = None) -> str:
    """Supply a clause's text in a language (clearing it from pending_translation); one commit."""
    import unicodedata
    from .ops.edit import supply_translation
    s = Session.find(workspace)
    with s.writing() as ws:
        c = ws.clause(clause_id)
        if c is None:
            raise UsageError(f"unknown clause {clause_id!r}")
        if lang not in ws.languages:
            raise UsageError(f"unknown language {lang!r}")
        new = supply_translation(ws, clause_id, lang, unicodedata.normalize("NFC", text))
        return _commit_text(s, ws, new, f"Translate {clause_id} into {lang}",
                            {"Clause": clause_id, "Language": lang}, commit_date)


def _commit_text(s: Session, ws: Workspace, new: Workspace, message: str, trailers: dict[str, Any],
                 commit_date: str | None) -> str:
    """Write the section files a secretariat edit changed, checked, in one commit; its sha."""
    files = section_files(s, ws, new)
    check_written(s, files, before=ws)
    with s.repo.transaction(message, author=secretariat_of(ws), trailers=trailers, date=commit_date) as tx:
        for path, data in files.items():
            tx.write(path, data)
    return tx.commit_sha  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------ issue

def _append_version(text: str, vid: str, label: dict[str, str], date: str) -> str:
    """negotiation.yaml with one more entry at the end of its ``versions`` list, all else kept."""
    from .store.write import scalar
    from .store.yamlio import YMap, YSeq, parse
    tree = parse(text, "negotiation.yaml")
    entry = (f"  - id: {vid}\n    label: {{{', '.join(f'{k}: {scalar(v, 6, fold=False)}' for k, v in label.items())}}}\n"
             f"    date: {date}\n")
    if not isinstance(tree, YMap) or "versions" not in tree:
        return text.rstrip("\n") + "\nversions:\n" + entry
    seq = tree["versions"]
    span = tree.spans["versions"]
    if not isinstance(seq, YSeq) or not seq or text[span.start] == "[":
        # an empty or flow-style list: rewrite just that value
        items = "".join(entry for _ in (0,))
        before = text[:span.start].rstrip(" ")
        existing = ""
        if isinstance(seq, YSeq):
            for v in seq:
                if isinstance(v, YMap):
                    lab = v.get("label") or {}
                    existing += (f"  - id: {v.get('id')}\n" + (f"    label: {{{', '.join(f'{k}: {scalar(x, 6, fold=False)}' for k, x in lab.items())}}}\n" if isinstance(lab, dict) and lab else "")
                                 + (f"    date: {v['date']}\n" if v.get("date") else ""))
        after = text[span.end:]
        return before + "\n" + existing + items + after.lstrip("\n")
    last = seq.spans[-1].end
    at = last if text[last - 1:last] == "\n" else text.find("\n", last) + 1 or len(text)
    return text[:at] + entry + text[at:]


def issue(workspace: str | None, version: str, *, label: str | dict[str, str] | None = None,
          date: str | None = None, out: str | None = None, compile_drafts: bool = True,
          commit_date: str | None = None) -> dict[str, Any]:
    """Issue the current text as a version: add it to negotiation.yaml (one commit), tag
    ``version/<id>``, report the concordance with the previous version and where every open
    amendment now stands, and compile the version's clean drafts."""
    from .ops.anchor import locate
    from .ops.numbering import concordance as _concordance
    from .vocab import ID_PATTERN

    if not ID_PATTERN.match(version):
        raise UsageError(f"invalid version id {version!r} (lower-case letters, digits and hyphens)")
    s = Session.find(workspace)
    with s.writing() as ws:
        if version in s.version_tags:
            raise UsageError(f"version {version} was already issued (tag version/{version})")
        errors = [p for p in validate(str(s.root)) if p.severity == "error"]
        if errors:
            raise WorkspaceError(errors)
        previous = next((v for v in reversed(ws.versions) if v.id in s.version_tags), None)
        prev_ws = s.version_text(previous.id) if previous else None
        when = _env_date(date)
        if isinstance(label, str):
            labels = {lang: label for lang in ws.languages}
        else:
            labels = dict(label or {lang: version for lang in ws.languages})
        rows = _concordance(prev_ws, ws) if prev_ws is not None else []
        changed = [r for r in rows if r.old != r.new]
        body = "\n".join(f"  {r.old or 'new'} -> {r.new or 'deleted'}  {r.clause_id}" for r in changed)
        message = f"Issue {labels.get('en') or next(iter(labels.values()))} ({version})"
        if body:
            message += f"\n\nConcordance with {previous.id if previous else ''}:\n{body}"
        if ws.version(version) is None:
            text = read_text(s, "negotiation.yaml")
            new_text = _append_version(text, version, labels, when)
            check_written(s, {"negotiation.yaml": new_text.encode("utf-8")})
            with s.repo.transaction(message, author=secretariat_of(ws), trailers={"Version": version},
                                    date=commit_date) as tx:
                tx.write("negotiation.yaml", new_text.encode("utf-8"))
            ws = s.load()
        sha = s.repo.tag_version(version, message, date=commit_date)
        s.__dict__.pop("version_tags", None)
        # where each open amendment now stands in the issued text
        from .render.compilation import BaseTexts
        base_text = BaseTexts(s.bases(ws))
        carried = []
        for a in ws.open_amendments():
            if a.change.op in ("add", "comment", "remove", "move", "substitute") or not a.target:
                carried.append({"id": a.id, "state": "exact", "reason": ""})
                continue
            clause = ws.clause(a.target)
            if clause is None:
                carried.append({"id": a.id, "state": "stale", "reason": f"clause {a.target} no longer exists"})
                continue
            loc = locate(a, base_text(a), clause.text.get(a.lang, ""))
            carried.append({"id": a.id, "state": loc.state, "reason": loc.reason})
    drafts: list[str] = []
    if compile_drafts:
        paths = compile_drafts_fn(str(s.root), kind="clean", lang="all", fmt="docx",
                                  at=version, out=out or f"build/{version}")
        drafts = [str(p) for p in paths]
        if previous is not None and paths:
            # the concordance goes out with the revision, so nobody refers to the wrong paragraph
            import json
            from .store.atomic import write_bytes
            from .textreport import concordance_text
            table = [_row(r) for r in rows]
            folder = paths[0].parent
            head = f"Concordance {previous.id} -> {version}\n\n"
            write_bytes(folder / f"concordance-{previous.id}-{version}.txt",
                        (head + concordance_text(table) + "\n").encode("utf-8"))
            write_bytes(folder / f"concordance-{previous.id}-{version}.json",
                        json.dumps(table, ensure_ascii=False, indent=2).encode("utf-8"))
            drafts += [str(folder / f"concordance-{previous.id}-{version}.{ext}") for ext in ("txt", "json")]
    return {"version": version, "commit": sha, "previous": previous.id if previous else None,
            "concordance": [_row(r) for r in rows],
            "carried": carried, "drafts": drafts}


def _row(r: Any) -> dict[str, str]:
    return {"clause": r.clause_id, "document": r.document, "old": r.old, "new": r.new}


compile_drafts_fn = compile_drafts


# ------------------------------------------------------------------------------------ reading history

def diff(workspace: str | None, a: str | None = None, b: str | None = None, *, clause: str | None = None,
         lang: str | None = None) -> dict[str, Any]:
    """Word-level differences per clause between two versions or refs (default: the last issued
    version -> the working tree), each change attributed to the amendment and proponent behind it."""
    from .render.kinds import clause_changes
    s = Session.find(workspace)
    ws_b = s.load_at(b) if b else s.load()
    if a is None:
        tagged = [v.id for v in ws_b.versions if v.id in s.version_tags]
        if not tagged:
            raise UsageError("no issued version to compare with: give two refs")
        a = tagged[-1]
    ws_a = s.load_at(a, with_amendments=False)
    language = lang or ws_b.original_language
    if language not in ws_b.languages:
        raise UsageError(f"unknown language {language!r}")
    if clause is not None and ws_a.clause(clause) is None and ws_b.clause(clause) is None:
        raise UsageError(f"unknown clause {clause!r}")
    changes = clause_changes(s, ws_b, ws_a, a, language, at=b)
    # a clause added since A is known by its bis number until B renumbers it (as in the concordance)
    nums_a = {**numbers(ws_b, ws_a), **numbers(ws_a, None)}
    nums_b = numbers(ws_b, s.version_text(a) if b is None else None)
    out = []
    for cid, ch in changes.items():
        if clause is not None and cid != clause:
            continue
        if ch.kind == "unchanged" and ch.status is None:
            continue
        out.append({
            "clause": cid, "kind": ch.kind, "moved": ch.moved, "old_number": nums_a.get(cid, ""),
            "new_number": nums_b.get(cid, ""), "status": list(ch.status) if ch.status else None,
            "who": _who(ws_b, ch.who),
            "changes": [{"op": {-1: "delete", 0: "equal", 1: "insert"}[p.op], "text": p.text,
                         **({"who": _who(ws_b, p.who)} if p.who else {})} for p in ch.pieces],
        })
    return {"from": a, "to": b or "working tree", "lang": language, "clauses": out}


def _who(ws: Workspace, who: Any) -> dict[str, Any] | None:
    if who is None:
        return None
    return {"amendment": who.amendment, "proponents": list(who.proponents), "on_behalf_of": who.on_behalf_of,
            "names": [ws.delegation_name(c, "en") for c in who.proponents] or ["Secretariat"],
            "date": who.date, "decision": who.decision}


def log(workspace: str | None, clause_id: str) -> dict[str, Any]:
    """A clause's history: the versions it appears in (with its number), the amendments on it and
    their decisions, and the commits that touched it."""
    s = Session.find(workspace)
    ws = s.load()
    if ws.clause(clause_id) is None and not any(a.target == clause_id for a in ws.amendments):
        found_in = [v for v in ws.versions if v.id in s.version_tags
                    and (s.version_text(v.id) or ws).clause(clause_id) is not None]
        if not found_in:
            raise UsageError(f"unknown clause {clause_id!r}")
    versions = []
    for v in ws.versions:
        if v.id not in s.version_tags:
            continue
        vws = s.version_text(v.id)
        c = vws.clause(clause_id) if vws else None
        versions.append({"version": v.id, "label": v.display("en"), "date": v.date,
                         "number": numbers(vws, None).get(clause_id, "") if vws and c else "",
                         "present": c is not None, "status": c.status if c else None,
                         "text": c.text.get(ws.original_language) if c else None})
    amendments = [{"id": a.id, "by": a.by, "op": a.op, "status": a.status, "submitted": a.submitted,
                   "decision": a.decision.note if a.decision else None,
                   "decided": a.decision.date if a.decision else None}
                  for a in ws.amendments
                  if a.target == clause_id or (a.change.clause is not None and a.change.clause.id == clause_id)
                  or (a.decision is not None and a.decision.clause == clause_id)]
    ids = {a["id"] for a in amendments}
    commits = []
    for c in s.repo.log(paths=["drafts", "amendments"]):
        if (ids & set(c.trailers.get("Amendment", [])) or clause_id in c.trailers.get("Clause", [])):
            commits.append({"commit": c.sha[:10], "date": c.date[:10], "author": c.author_name,
                            "subject": c.subject, "trailers": c.trailers})
    return {"clause": clause_id, "versions": versions, "amendments": amendments, "commits": commits}


def concordance(workspace: str | None, a: str, b: str | None = None) -> list[dict[str, str]]:
    """Old number (as issued in A) -> new number (as issued in B, or as numbered now) per clause."""
    from .ops.numbering import concordance as _concordance
    s = Session.find(workspace)
    ws_a = s.load_at(a)
    if b is None:
        ws_b = s.load()
        rows = _concordance(ws_a, ws_b)
        now = numbers(ws_b, ws_a)
        return [{**_row(r), "new": now.get(r.clause_id, "")} for r in rows]
    return [_row(r) for r in _concordance(ws_a, s.load_at(b))]


# ------------------------------------------------------------------------------------ import, audit

def import_docx(workspace: str | None, file: str, *, by: str, base: str | None = None,
                dry_run: bool = False) -> Any:
    """A delegation's Word file -> amendment files (one commit); see ``ingest.importer``."""
    from .ingest.importer import import_docx as _import
    return _import(workspace, file, by=by, base=base, dry_run=dry_run)


def audit(workspace: str | None) -> dict[str, Any]:
    """Prove from the git history that no proposal was lost or altered; see ``audit``."""
    from .audit import audit as _audit
    return _audit(workspace)
