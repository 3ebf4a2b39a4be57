"""``import_docx``: a delegation's Word file -> amendment files, validated, in one commit.

The steps: open the file safely (``safety``), read its paragraphs (``docx``), find the version it was
drafted on and its language, compare it with that version's text as issued (from git) and plan the
proposals (``plan``, with ``edits``), leave out those the delegation has already made (same target,
operation and words, whatever their status), then write one file per proposal (``<version>-<CODE>-NNN``, the
delegation's next free numbers), read each back and validate it (``check_files``), and commit them
together with the delegation as author and trailers ``Proponent``, ``Amendment`` (one per id),
``Version`` and ``Source``.  With ``dry_run`` the same is done, validation included, but nothing is
written.  The workspace lock is held from reading the existing amendments to the commit.

``submitted`` is the day of the import (``DRAFTING_DATE`` overrides it): Word's ``w:date`` is the
delegate's clock, kept only in the Word file.

The proponent is always ``by``: a tracked change's ``w:author`` is free text typed into Word, recorded
as ``word_author`` in the amendment file and never trusted as the proponent.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import progress
from ..errors import Problem, UsageError, WorkspaceError
from ..model import Amendment, Change, Clause, Workspace
from ..ops.text import key
from ..store.identity import author_of
from ..store.session import Session, date_or_today
from ..store.yamlio import FORBIDDEN, describe_forbidden, from_plain
from ..suggest import unknown
from .docx import WordFile, read_word_file
from .plan import Planner
from .proposal import Proposal, summary
from .safety import guarded, open_docx
from .version import base_clauses, base_version, file_language, version_labels


@dataclass(frozen=True, slots=True)
class Created:
    """An amendment written (or, in a dry run, that would be written); ``change`` and ``rationale`` as
    import made them (the file adds a new clause's ``status: pending``)."""

    id: str
    op: str
    target: str | None
    summary: str
    path: str
    change: dict[str, Any] = field(default_factory=dict)
    rationale: str | None = None


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A proposal of the file the delegation had already made: ``existing`` is that amendment's id."""

    existing: str
    op: str
    target: str | None
    summary: str


_WAYS = {"bookmark": "by their bookmark", "text": "by their words and position",
         "similar": "by similar words at their position", "moved": "by their words, elsewhere"}


@dataclass(frozen=True, slots=True)
class ImportResult:
    file: str
    by: str
    version: str
    lang: str
    created: tuple[Created, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    warnings: tuple[str, ...] = ()
    dry_run: bool = False
    commit: str | None = None
    version_source: str = ""  # how the base version was found: --base, clause map, label ...
    found: tuple[tuple[str, int], ...] = ()  # how many of the file's clauses were found how (``_WAYS``)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.created]

    def report(self) -> str:
        """The result as a terminal shows it: ids (or what a dry run would create), duplicates, warnings."""
        lines = []
        if self.created:
            head = "would create" if self.dry_run else "created"
            lines.append(f"{self.file}: {head} {len(self.created)} amendment(s) by {self.by} on version "
                         f"{self.version} ({self.lang}):")
            lines += [f"  {c.id}  {c.op:<9} {c.target or '-':<28} {c.summary}" for c in self.created]
        else:
            lines.append(f"{self.file}: nothing to import (version {self.version}, {self.lang})")
        if self.version_source and self.version_source != "--base":
            lines.append(f"  base version {self.version}: found in {self.version_source}")
        if set(dict(self.found)) - {"bookmark"}:  # a file that lost its bookmarks: say how it was read
            lines.append("  clauses found " + ", ".join(f"{_WAYS[k]}: {n}" for k, n in self.found))
        for d in self.duplicates:
            lines.append(f"  skipped (already {d.existing}): {d.op} {d.target or '-'} {d.summary}")
        lines += [f"warning: {w}" for w in self.warnings]
        if self.commit:
            lines.append(f"committed {self.commit[:10]}")
        return "\n".join(lines)


def import_docx(workspace: str | None, file: str, *, by: str, base: str | None = None,
                dry_run: bool = False, strict: bool = False, entered_by: str | None = None) -> ImportResult:
    """Turn the Word file ``file`` into amendments by delegation ``by`` against version ``base`` (default:
    the version the draft names).  Raises UsageError for an unknown delegation or version, and
    WorkspaceError (``FILE: error: ...``) for a file that is unsafe, damaged or not a clean draft, and,
    with ``strict``, for a file whose import gives any warning (each warning an error); nothing is
    written then."""
    s = Session.find(workspace)
    with progress.task("checking the Word file", 2) as advance:
        pkg = open_docx(file)  # a hostile or broken file is refused before anything else is read
        advance(description="reading the Word file")
        with guarded(file):
            word = read_word_file(pkg)
        advance()
    kind = word.map_attributes.get("kind", "clean")
    if kind != "clean":
        raise WorkspaceError([Problem(file, 0, f"this is a {kind} draft: its tracked changes include other "
                                               f"delegations' proposals, which would be imported as the "
                                               f"proponent's; import the clean draft (drafting compile --kind "
                                               f"clean)")])
    if dry_run:
        return _import(s, word, by, base, dry_run=True, strict=strict, entered_by=entered_by)
    with s.repo.lock():  # what is read (existing amendments, numbers) is what the commit builds on
        s.repo.check_clean()
        return _import(s, word, by, base, dry_run=False, strict=strict, entered_by=entered_by)


def _import(s: Any, word: WordFile, by: str, base: str | None, dry_run: bool,
            strict: bool, entered_by: str | None = None) -> ImportResult:
    ws = s.load()
    by = unicodedata.normalize("NFC", by or "").strip()
    if by not in ws.delegations:
        raise UsageError(unknown("delegation", by, ws.delegations, listing="known codes") + " for --by")
    if base is not None and ws.version(base) is None:
        raise UsageError(unknown("version", base, [v.id for v in ws.versions], listing="versions"))
    vid, how = base_version(word, ws, set(s.version_tags), base)
    base_ws = s.version_text(vid)
    if base_ws is None:
        raise UsageError(f"version {vid} was never issued (no tag version/{vid}); give --base VERSION")
    lang = file_language(word, ws, base_ws)
    clauses = base_clauses(base_ws, ws, lang, word.map_attributes.get("document"))
    in_base = {p.clause.id for p in base_ws.placements()}
    later = {p.clause.id: p.clause.text.get(lang) or p.clause.text.get(ws.original_language, "")
             for p in ws.placements() if p.clause.id not in in_base}
    used = in_base | set(later) | {a.change.clause.id for a in ws.amendments if a.change.clause is not None}
    titles = {t for d in base_ws.documents for t in (*d.title.values(),
                                                      *(x for s_ in d.sections for x in s_.title.values()))}
    with guarded(word.path), progress.task("comparing with the issued text", None):
        planner = Planner(word, clauses, used, later, titles, sorted(version_labels(ws)))
        proposals, warnings = planner.plan(lang)
    found = Counter(it.found for it in planner.r.items if it.kind == "clause" and it.found)
    if strict and warnings:
        raise WorkspaceError([Problem(word.path, 0, w) for w in warnings] + [Problem(
            word.path, 0, f"--strict: {len(warnings)} warning(s), so nothing is imported")])
    result = _write(s, ws, base_ws, word, proposals, warnings, by=by, vid=vid, lang=lang, how=how,
                    entered_by=entered_by, dry_run=dry_run)
    return replace(result, found=tuple((k, found[k]) for k in _WAYS if found[k]))


# ------------------------------------------------------------------------------ writing

@dataclass
class _Plan:
    files: dict[str, bytes] = field(default_factory=dict)
    created: list[Created] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _write(s: Any, ws: Workspace, base: Workspace, word: WordFile, proposals: list[Proposal],
           warnings: list[str], *, by: str, vid: str, lang: str, how: str, dry_run: bool,
           entered_by: str | None = None) -> ImportResult:
    from ..store.schema import Reader, parse_amendment
    from ..store.write import emit_amendment

    plan = _Plan()
    mine = {a.id: a for a in ws.amendments if a.by == by and a.version == vid}
    known = {change_key(a.target, a.lang, a.change, a.rationale): a.id for a in mine.values()}
    prefix = f"{vid}-{by}-"
    number = max([int(a.id[len(prefix):]) for a in ws.amendments
                  if a.id.startswith(prefix) and a.id[len(prefix):].isdigit()], default=0)
    today = date_or_today(None)
    problems: list[Problem] = []
    for p in proposals:
        k = proposal_key(p)
        if k in known:
            plan.duplicates.append(Duplicate(known[k], p.op, p.target, _as_made(p, mine.get(known[k]))))
            continue
        number += 1
        while (s.root / f"amendments/{vid}/{prefix}{number:03d}.yaml").exists():
            number += 1
        aid = f"{prefix}{number:03d}"
        known[k] = aid
        path = f"amendments/{vid}/{aid}.yaml"
        mapping = {"id": aid, "by": by, "target": p.target, "lang": p.lang, "change": p.change,
                   "rationale": p.rationale, "channel": "written", "submitted": today, "status": "submitted"}
        if entered_by is not None:  # the secretariat imports a delegation's file: it says so
            mapping["entered_by"] = entered_by
        tree = _to_ymap(mapping, problems, word.path, p.paragraph)
        if tree is None:
            continue
        reader_problems: list[Problem] = []
        a = parse_amendment(Reader(path, reader_problems), tree, vid, aid, ws.original_language)
        if reader_problems or a is None:
            problems += reader_problems or [Problem(path, 0, "internal error: invalid amendment")]
            continue
        author = FORBIDDEN.sub("", ", ".join(p.authors))[:200] or None
        plan.files[path] = emit_amendment(a, word_author=author).encode("utf-8")
        plan.created.append(Created(aid, p.op, p.target, p.summary, path, p.change, p.rationale))
    if problems:
        raise WorkspaceError(problems)
    check_files(ws, base, vid, plan.files)
    commit = None
    if plan.files and not dry_run:
        source = _source_name(word.path)
        message = (f"Import {source}: {len(plan.files)} proposal(s) by {ws.delegation_name(by, 'en')} "
                   f"on {vid}")
        trailers = {"Proponent": by, "Amendment": [c.id for c in plan.created], "Version": vid,
                    "Source": source}
        with s.repo.transaction(message, author=author_of(ws, by), trailers=trailers) as tx:
            for path, data in plan.files.items():
                tx.write(path, data)
        commit = tx.commit_sha
    return ImportResult(word.path, by, vid, lang, tuple(plan.created), tuple(plan.duplicates), tuple(warnings),
                        dry_run, commit, how)


def _as_made(p: Proposal, existing: Amendment | None) -> str:
    """The summary of a proposal already made, with the new clause id that amendment gave it."""
    if p.op == "add" and existing is not None and existing.change.clause is not None:
        body = dict(p.change["add"])
        body["clause"] = {**body["clause"], "id": existing.change.clause.id}
        return summary({"add": body})
    return p.summary


def check_files(ws: Workspace, base: Workspace, vid: str, files: dict[str, bytes]) -> None:
    """Read the new files back as the workspace loader reads amendment files, and validate them against
    the workspace and their base version (the checks of ``drafting validate``, for these files only:
    revalidating 10,000 existing amendments would cost a minute)."""
    from ..ops.validate import validate
    from ..store.schema import Reader, parse_amendment
    from ..store.yamlio import load_file

    problems: list[Problem] = []
    new = []
    for path, data in files.items():
        try:
            tree = load_file(data, path)
        except WorkspaceError as e:
            problems += e.problems()
            continue
        a = parse_amendment(Reader(path, problems), tree, vid, Path(path).stem, ws.original_language)
        if a is not None:
            new.append(a)
    ids = {a.id for a in ws.amendments}
    problems += [Problem(a.loc.path, 1, f"amendment id {a.id} is already used") for a in new if a.id in ids]
    if not problems:
        problems = [p for p in validate(replace(ws, amendments=tuple(new)), {vid: base})
                    if p.path in files and p.severity == "error"]
    if problems:
        raise WorkspaceError(problems)


def _source_name(path: str) -> str:
    name = "".join(ch for ch in Path(path).name if ch.isprintable()).strip()
    return name[:200] or "document.docx"


def _to_ymap(value: Any, problems: list[Problem], file: str, paragraph: int) -> Any:
    """A plain mapping as the strict YAML reader would give it; forbidden characters are problems."""
    def forbidden(text: str) -> str:
        problems.append(Problem(file, 0, f"paragraph {paragraph}: forbidden character "
                                         f"{describe_forbidden(text)} in {text[:60]!r}; "
                                         f"remove it from the Word file"))
        return ""
    return from_plain(value, forbidden)


# ------------------------------------------------------------------------------ duplicates

def _k(text: str | None) -> str:
    return key(text).strip() if text else ""


def change_key(target: str | None, lang: str, change: Change, rationale: str | None) -> tuple[Any, ...]:
    """What makes two amendments the same proposal: target, language, operation and its content
    (compared through the folding rule); a new clause's id does not count, a comment's text does."""
    if change.op == "add":
        clause = change.clause
        body: tuple[Any, ...] = (change.after, change.before,
                                 tuple(sorted((lg, _k(t)) for lg, t in (clause.text.items() if clause else ()))))
    elif change.op == "substitute":
        body = tuple(sorted((lg, _k(t)) for lg, t in (change.texts or {}).items()))
    else:
        body = (_k(change.old), _k(change.new), _k(change.text), change.after if change.op == "move" else
                _k(change.after), change.before if change.op == "move" else _k(change.before), change.at,
                change.occurrence)
    return (target, lang if change.op not in ("remove", "move", "comment") else "", change.op, body,
            _k(rationale) if change.op == "comment" else "")


def proposal_key(p: Proposal) -> tuple[Any, ...]:
    op, body = next(iter(p.change.items()))
    clause = body.get("clause")
    change = Change(op, old=body.get("old"), new=body.get("new"), text=body.get("text"),
                    after=body.get("after"), before=body.get("before"), at=body.get("at"),
                    occurrence=body.get("occurrence"))
    if clause is not None:
        change = Change(op, after=body.get("after"), before=body.get("before"),
                        clause=Clause(clause["id"], clause["text"]))
    return change_key(p.target, p.lang, change, p.rationale)

