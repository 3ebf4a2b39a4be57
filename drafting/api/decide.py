"""The secretariat's decisions: ``decide`` on an amendment, ``mark`` a clause's status after a reading,
``translate`` a clause into a language awaiting it.  Each is one commit, or nothing."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import Problem, UsageError, WorkspaceError
from ..model import Amendment, Workspace
from ..ops.edit import set_status, supply_translation
from ..store.identity import secretariat_of
from ..store.narrow import Narrow, changed_clauses
from ..store.session import Session, date_or_today
from ..store.staging import check_written, encode_like, read_text, section_files
from ..store.write import patch_decision
from ..trust.acting import trust_of
from ..vocab import CLAUSE_STATUSES, DECISIONS
from ..suggest import unknown


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
    from ..ops.apply import apply_amendment

    if verb not in DECISIONS:
        raise UsageError(f"unknown decision {verb!r}; expected one of: {', '.join(DECISIONS)}")
    status_word = DECISIONS[verb]
    s = Session.find(workspace)
    with s.repo.lock():
        s.repo.check_clean()
        ws, narrow = _reading(s, amendment_id, into)
        a = ws.amendment(amendment_id)
        if a is None:
            raise WorkspaceError([Problem("amendments", 0, unknown("amendment", amendment_id, [x.id for x in ws.amendments]))])
        if ws.is_contribution(a) and verb != "withdraw":
            contributor = ws.delegations[a.by]
            raise WorkspaceError([Problem(
                a.loc.path, a.loc.at("by"),
                f"{a.id} is a contribution of {contributor.display('en')} ({contributor.kind}): only a member "
                f"state's proposal enters the text, so it cannot be decided. Sponsor it first: drafting sponsor "
                f"{a.id} --by CODE, then decide that amendment")])
        same = [x.loc.path for x in ws.amendments if x.id == a.id]
        if len(same) > 1:
            raise WorkspaceError([Problem(p, 1, f"{len(same)} files hold amendment {a.id}: {', '.join(same)}; "
                                                f"keep one before deciding") for p in same])
        trust_of(s).require_decider(verb, a.by)  # a delegation may withdraw its own, nothing else
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
                raise UsageError(unknown("language", lang, ws.languages, listing="languages") + " in --text-lang")
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
        when = date_or_today(date)
        pairs: list[tuple[str, Any]] = [("date", when), ("note", note), ("text", text), ("into", into),
                                        ("clause", clause), ("texts", texts or None)]
        current = read_text(s, a.loc.path)
        files[a.loc.path] = encode_like(s, a.loc.path, patch_decision(current, a.loc.path, status_word, pairs))
        # an amendment with problems of its own (an unknown proponent, ...) can be rejected or withdrawn,
        # never accepted, modified, merged or accommodated
        before = ws
        if narrow is not None:  # the amendments that name a clause the decision changes
            naming = narrow.naming(changed_clauses(ws, new_ws))
            if naming is not None:
                before = narrow.workspace(naming)
            else:
                before = s.load(clean=True, index=True)
        after = check_written(s, files, own=() if verb in ("reject", "withdraw") else (a.loc.path,), before=before)
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
        if narrow is not None:
            narrow.record(files, after)
    return DecisionResult(a.id, status_word, sha, warnings)


def _reading(s: Session, amendment_id: str, into: str | None) -> tuple[Workspace, Narrow | None]:
    """What a decision reads (the lock held, the working tree clean): the text and the amendments it
    names, when the clause index knows the rest (see ``store.narrow``); else the whole workspace."""
    try:
        narrow = Narrow.open(s, s.load(with_amendments=False, clean=True))
    except WorkspaceError:  # the whole is read to report every problem
        narrow = None
    if narrow is not None:
        a = narrow.amendment(amendment_id)
        wanted = [x for x in (into, a.sponsored_from if a is not None else None) if x and x != amendment_id]
        if a is not None and all(narrow.amendment(x) is not None for x in wanted):
            return narrow.workspace(), narrow
    return s.load(clean=True, index=True), None


def mark(workspace: str | None, clause_id: str, status_value: str, *, note: str | None = None,
         commit_date: str | None = None) -> str:
    """Set a clause's status after a reading (agreed ad ref, ...); one commit."""
    if status_value not in CLAUSE_STATUSES:
        raise UsageError(unknown("status", status_value, CLAUSE_STATUSES, listing="statuses"))
    s = Session.find(workspace)
    with s.writing() as ws:
        c = ws.clause(clause_id)
        if c is None:
            raise UsageError(unknown("clause", clause_id, ws.clause_index()))
        if c.kind == "heading":
            raise UsageError(f"{clause_id} is a heading; headings carry no status")
        if c.status == status_value:
            raise UsageError(f"{clause_id} is already {status_value}")
        message = f"Mark {clause_id} {status_value}" + (f"\n\n{note}" if note else "")
        return _commit_text(s, ws, set_status(ws, clause_id, status_value), message,
                            {"Clause": clause_id, "Status": status_value}, commit_date)


def translate(workspace: str | None, clause_id: str, lang: str, text: str, *,
              commit_date: str | None = None) -> str:
    """Supply a clause's text in a language (clearing it from pending_translation); one commit.

    A text awaited since amendments were accepted in another language is theirs in this language: the
    commit names them (trailers ``Translates``, ``Proponent`` ...), so that drafts, ``diff`` and ``log``
    credit the translated words to their proponents, not to the secretariat.  ``Translates``, not
    ``Amendment``: the commit decides nothing, and the audit knows a translation by its ``Clause`` and
    ``Language`` with no ``Amendment``."""
    s = Session.find(workspace)
    with s.writing() as ws:
        c = ws.clause(clause_id)
        if c is None:
            raise UsageError(unknown("clause", clause_id, ws.clause_index()))
        if lang not in ws.languages:
            raise UsageError(unknown("language", lang, ws.languages, listing="languages"))
        new = supply_translation(ws, clause_id, lang, unicodedata.normalize("NFC", text))
        trailers: dict[str, Any] = {"Clause": clause_id, "Language": lang}
        sources = _awaiting_translation(s, ws, clause_id, lang) if lang in c.pending_translation else []
        message = f"Translate {clause_id} into {lang}"
        if sources:
            message += " (" + ", ".join(a.id for a in sources) + ")"
            trailers["Translates"] = [a.id for a in sources]
            trailers["Proponent"] = [a.by for a in sources]
            cosponsors = [x for a in sources for x in a.cosponsors]
            groups = [a.on_behalf_of for a in sources if a.on_behalf_of]
            if cosponsors:
                trailers["Co-sponsors"] = ", ".join(cosponsors)
            if groups:
                trailers["On-behalf-of"] = groups[0]
        return _commit_text(s, ws, new, message, trailers, commit_date)


def _awaiting_translation(s: Session, ws: Workspace, clause_id: str, lang: str) -> list[Amendment]:
    """The accepted amendments whose change to ``clause_id`` awaits its ``lang`` text: those decided
    since that text was last supplied, written in another language, their decision giving no ``lang``
    text."""
    p = ws.clause_index().get(clause_id)
    if p is None:
        return []
    path = f"drafts/{p.document.id}/{p.section.id}.yaml"
    found: list[Amendment] = []
    for commit in s.repo.log(paths=[path]):
        t = commit.trailers
        if clause_id in t.get("Clause", []) and lang in t.get("Language", []):
            break  # the text was supplied then: what came before is translated
        if not set(t.get("Decision", [])) & {"accepted", "modified"}:
            continue
        for aid in t.get("Amendment", []):
            a = ws.amendment(aid)
            if a is None or a.lang == lang or (a.decision and a.decision.texts and lang in a.decision.texts):
                continue
            added = a.change.clause.id if a.change.clause is not None else None
            if clause_id in (a.target, added) and a not in found:
                found.append(a)
    return sorted(found, key=lambda a: ((a.decision.date if a.decision else None) or "", a.id))


def _commit_text(s: Session, ws: Workspace, new: Workspace, message: str, trailers: dict[str, Any],
                 commit_date: str | None) -> str:
    """Write the section files a secretariat edit changed, checked, in one commit; its sha."""
    files = section_files(s, ws, new)
    check_written(s, files, before=ws)
    with s.repo.transaction(message, author=secretariat_of(ws), trailers=trailers, date=commit_date) as tx:
        for path, data in files.items():
            tx.write(path, data)
    return tx.commit_sha  # type: ignore[no-any-return]
