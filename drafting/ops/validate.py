"""Every cross-file check of a workspace, returning all problems at once (never raising)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from functools import partial

from ..errors import Problem
from ..model import AgreedLanguage, Amendment, Change, Clause, Workspace
from ..suggest import unknown
from ..vocab import CODE_PATTERN, SPONSOR_KINDS


_BRACKET = re.compile(r"[\[\]]")


def bracket_problem(text: str) -> str | None:
    """Why the square brackets of a text do not balance, or None."""
    if "[" not in text and "]" not in text:  # most texts: no scan at all
        return None
    depth = 0
    for m in _BRACKET.finditer(text):  # only the brackets, not every character
        if m.group() == "[":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return f"a ']' at character {m.start() + 1} closes no '['"
    if depth:
        return f"{depth} '[' never closed"
    return None


def count_brackets(text: str) -> int:
    """Bracketed spans in a text (outermost pairs)."""
    if "[" not in text:
        return 0
    depth = spans = 0
    for m in _BRACKET.finditer(text):  # only the brackets, not every character
        ch = m.group()
        if ch == "[":
            if depth == 0:
                spans += 1
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
    return spans


def anchor_problem(text: str, anchor: str, occurrence: int | None, inside_word: bool = False) -> str | None:
    """Why an anchor does not designate one span of the text, or None (the same rule as decide's)."""
    from .anchor import AnchorProblem, find
    found = find(text, anchor, occurrence, inside_word)
    return found.message if isinstance(found, AnchorProblem) else None


_INVISIBLE_ONLY = ("only spaces, invisible characters (soft hyphen, zero-width space) or the style of quotes "
                   "differ, which diffs and drafts do not show")


def invisible_change(ch: Change, clause_text: Mapping[str, str] | None) -> tuple[str, str] | None:
    """(field, message) when an open amendment would change nothing a reader can see, or None.

    The comparison key of ``ops.text`` decides what is visible: the same rule as anchors and word diffs,
    so an accepted amendment can never make a change that no diff or draft shows."""
    from .text import key
    if ch.op == "replace" and ch.old is not None and ch.new is not None and key(ch.old) == key(ch.new):
        return "change.new", f"the replacement makes no visible change: {_INVISIBLE_ONLY}"
    if ch.op == "insert" and ch.text is not None and not key(ch.text).strip():
        return "change.text", f"the inserted text is empty or invisible: {_INVISIBLE_ONLY}"
    if ch.op == "substitute" and ch.texts and clause_text is not None and all(
            lang in clause_text and key(t).strip() == key(clause_text[lang]).strip() for lang, t in ch.texts.items()):
        return "change.text", f"the new text is the clause's own text: {_INVISIBLE_ONLY}"
    return None


def validate(ws: Workspace, bases: Mapping[str, Workspace] | None = None,
             only: Callable[[Amendment], bool] | None = None,
             only_clauses: Callable[[str], bool] | None = None,
             base_ids: Mapping[str, Collection[str]] | None = None) -> list[Problem]:
    """Cross-file problems: unknown clause, delegation, version or amendment; duplicate ids;
    unbalanced brackets; missing languages; anchors that do not resolve or are ambiguous in the
    version they were written against; decisions that point nowhere.

    ``only`` limits the per-amendment checks (the costly ones: anchors) to the amendments it
    accepts, ``only_clauses`` the checks of a clause's own texts to the clause ids it accepts; a
    command that changes a few files uses them to check what it touches.  ``base_ids``: the clause ids
    of a version, where a check needs no more (a decided amendment's clause, gone since): known without
    reading that version's text, they spare reading it."""
    problems: list[Problem] = []
    err = problems.append
    langs = set(ws.languages)
    # delegations
    for code, d in ws.delegations.items():
        for m in d.members:
            if m not in ws.delegations:
                err(Problem(d.loc.path, d.loc.at("members"), f"group {code} lists unknown member {m!r}"))
            elif m == code:
                err(Problem(d.loc.path, d.loc.at("members"), f"group {code} lists itself as a member"))
    problems.extend(_name_clashes(ws))
    # clauses
    seen: dict[str, Clause] = {}
    for p in ws.placements():
        c = p.clause
        where = c.loc.path
        if c.id in seen:
            first = seen[c.id].loc
            err(Problem(where, c.loc.line, f"duplicate clause id {c.id!r} (also at {first.path}:{first.line})"))
            continue
        seen[c.id] = c
        if only_clauses is not None and not only_clauses(c.id):
            continue
        for lang, text in c.text.items():
            if lang not in langs:
                err(Problem(where, c.loc.at(f"text.{lang}"),
                            f"clause {c.id}: language {lang!r} is not one of the negotiation's languages"))
            why = bracket_problem(text)
            if why:
                err(Problem(where, c.loc.at(f"text.{lang}"), f"clause {c.id} ({lang}): unbalanced brackets: {why}"))
        for lang in ws.languages:
            if lang not in c.text and lang not in c.pending_translation:
                err(Problem(where, c.loc.at("text"), f"clause {c.id}: no text in {lang!r}"))
        for lang in c.pending_translation:
            if lang not in langs:
                err(Problem(where, c.loc.at("pending_translation"),
                            f"clause {c.id}: pending translation into unknown language {lang!r}"))
        if c.agreed_language is not None or c.actors or c.deadline is not None or c.indicator:
            problems.extend(_clause_extras(ws, c))
    for doc in ws.documents:
        for lang in ws.languages:
            if lang not in doc.title:
                err(Problem(doc.loc.path, doc.loc.at("title"), f"document {doc.id}: no title in {lang!r}"))
    # amendments
    amendments: dict[str, Amendment] = {}
    for a in ws.amendments:
        if a.id in amendments:
            err(Problem(a.loc.path, 1, f"duplicate amendment id {a.id!r} (also {amendments[a.id].loc.path})"))
        amendments[a.id] = a
    # each base version's clauses, indexed once (not once per amendment), and only when an amendment
    # needs them: an open one's anchors, or a decided one whose clause is gone
    base_index: dict[str, Mapping[str, Clause] | None] = {}

    def base_of(vid: str) -> Mapping[str, Clause] | None:
        if vid not in base_index:
            b = (bases or {}).get(vid)
            base_index[vid] = {p.clause.id: p.clause for p in b.placements()} if b is not None else None
        return base_index[vid]

    def ids_of(vid: str) -> Collection[str] | None:
        if vid not in base_index and base_ids is not None:
            got = base_ids.get(vid)
            if got is not None:
                return got
        return base_of(vid)

    for a in ws.amendments:
        if only is None or only(a):
            problems.extend(_amendment(ws, a, seen, amendments, partial(base_of, a.version),
                                       partial(ids_of, a.version)))
    return problems


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _clause_extras(ws: Workspace, c: Clause) -> list[Problem]:
    """A clause's agreed language (a precedent and one of its paragraphs, when structured) and its
    follow-up fields: actors that are delegations, a deadline that is a real day, languages known."""
    out: list[Problem] = []
    path = c.loc.path

    def err(key: str, message: str) -> None:
        out.append(Problem(path, c.loc.at(key), f"clause {c.id}: {message}"))

    agreed = c.agreed_language
    if isinstance(agreed, AgreedLanguage):
        precedent = ws.precedent(agreed.precedent)
        if precedent is None:
            known = ", ".join(p.id for p in ws.precedents) or "none: add precedents/<id>.yaml"
            err("agreed_language.precedent", f"agreed language names unknown precedent {agreed.precedent!r} "
                                             f"(precedents: {known})")
        elif precedent.paragraph(agreed.ref) is None:
            refs = [p.ref for p in precedent.paragraphs]
            shown = ", ".join(refs[:12]) + (" …" if len(refs) > 12 else "")
            err("agreed_language.ref", f"precedent {precedent.id} has no paragraph {agreed.ref!r} ({shown})")
    if c.kind == "heading" and (c.actors or c.deadline or c.indicator):
        err("actors" if c.actors else "deadline" if c.deadline else "indicator",
            "a heading is not a commitment: actors, deadline and indicator go on its paragraphs")
    for i, actor in enumerate(c.actors):
        if isinstance(actor, str):
            if CODE_PATTERN.match(actor) and actor not in ws.delegations:
                err(f"actors.{i}", f"actor {actor!r} looks like a delegation code, but no delegation has it "
                                   "(write an actor that is not a delegation in words)")
        else:
            for lang in actor:
                if lang not in ws.languages:
                    err(f"actors.{i}", f"actor in language {lang!r}, which is not one of the negotiation's")
    if c.deadline is not None and _ISO_DATE.match(c.deadline):
        try:
            dt.date.fromisoformat(c.deadline)
        except ValueError:
            err("deadline", f"deadline {c.deadline!r} is not a day of the calendar")
    for lang in c.indicator:
        if lang not in ws.languages:
            err(f"indicator.{lang}", f"indicator in language {lang!r}, which is not one of the negotiation's")
    return out


def _amendment(ws: Workspace, a: Amendment, clauses: Mapping[str, Clause], amendments: Mapping[str, Amendment],
               base: Callable[[], Mapping[str, Clause] | None],
               ids: Callable[[], Collection[str] | None] | None = None) -> list[Problem]:
    out: list[Problem] = []
    path, loc = a.loc.path, a.loc

    def err(key: str, message: str) -> None:
        out.append(Problem(path, loc.at(key), message))

    for key, codes in (("by", (a.by,)), ("cosponsors", a.cosponsors), ("supporters", a.supporters),
                       ("objectors", a.objectors), ("on_behalf_of", (a.on_behalf_of,) if a.on_behalf_of else ())):
        for code in codes:
            if code not in ws.delegations:
                err(key, unknown("delegation", code, ws.delegations))
    if a.on_behalf_of and a.on_behalf_of in ws.delegations:
        group = ws.delegations[a.on_behalf_of]
        if group.kind != "group":
            err("on_behalf_of", f"{a.on_behalf_of} is not a group")
        elif a.by not in group.members and a.by != a.on_behalf_of:
            err("on_behalf_of", f"{a.by} is not a member of {a.on_behalf_of}")
    if a.lang not in ws.languages:
        err("lang", f"language {a.lang!r} is not one of the negotiation's languages")
    if a.sponsored_from is not None:
        source = amendments.get(a.sponsored_from)
        if source is None:
            err("sponsored_from", f"sponsored from unknown amendment {a.sponsored_from!r}")
        elif not ws.is_contribution(source):
            err("sponsored_from", f"{a.sponsored_from} is not a contribution of an observer, organization or "
                                  "civil society: only those are sponsored")
        proponent = ws.delegations.get(a.by)
        if proponent is not None and proponent.kind not in SPONSOR_KINDS:
            err("by", f"{a.by} ({proponent.kind}) cannot sponsor a contribution: only a state, a territory or "
                      "a group can")
    if a.status not in ("submitted", "withdrawn") and ws.is_contribution(a):
        err("status", f"{a.id} is a contribution of {a.by}, which is never decided: a state sponsors it "
                      "(drafting sponsor) and its amendment is decided")
    ch = a.change
    # the text the anchors were written against: the clause in the amendment's version

    def base_clauses() -> Mapping[str, Clause]:
        return base() or clauses
    if ch.op == "add":
        if ch.clause is not None:
            new_id = ch.clause.id
            if new_id in clauses and a.is_open:
                err("change.clause", f"the new clause id {new_id!r} is already used")
            for lang, text in ch.clause.text.items():
                why = bracket_problem(text)
                if why:
                    err("change.clause", f"new clause ({lang}): unbalanced brackets: {why}")
                if lang not in ws.languages:
                    err("change.clause", f"new clause: language {lang!r} is not one of the negotiation's")
        ref = ch.after or ch.before
        if ref and a.is_open and ref not in clauses and ref not in base_clauses():
            err("change", f"'{'after' if ch.after else 'before'}' names " + unknown("clause", ref, clauses))
    else:
        if not a.target:
            err("target", f"a {ch.op} amendment needs a 'target' clause")
        elif (a.target not in clauses and (a.is_open or a.status in ("accepted", "modified") and ch.op != "remove")
              and a.target not in ((ids or base)() or clauses)):  # an old version's ids: only when they may tell
            err("target", unknown("clause", a.target, clauses))
        if ch.op == "move":
            ref = ch.after or ch.before
            if ref and ref not in clauses and a.is_open:
                err("change", f"'{'after' if ch.after else 'before'}' names " + unknown("clause", ref, clauses))
            if ref and ref == a.target:
                err("change", "a clause cannot be moved next to itself")
        if ch.op == "substitute":
            for lang, text in (ch.texts or {}).items():
                if lang not in ws.languages:
                    err("change.text", f"language {lang!r} is not one of the negotiation's languages")
                why = bracket_problem(text)
                if why:
                    err("change.text", f"substitute text ({lang}): unbalanced brackets: {why}")
        # the brackets of a new span (new, text) are not checked alone: a span may open a bracket
        # another span closes; the clause is checked when the change is applied
        clause = (base_clauses().get(a.target) or clauses.get(a.target)) if a.is_open and a.target else None
        if a.is_open:
            invisible = invisible_change(ch, clause.text if clause is not None else None)
            if invisible:
                err(*invisible)
        if clause is not None and a.is_open:
            text = clause.text.get(a.lang)
            anchors = [("change.old", ch.old), ("change.after", ch.after if ch.op == "insert" else None),
                       ("change.before", ch.before if ch.op == "insert" else None)]
            for key, anchor in anchors:
                if anchor is None:
                    continue
                if text is None:
                    err(key, f"clause {clause.id} has no {a.lang!r} text to anchor in")
                    continue
                why = anchor_problem(text, anchor, ch.occurrence, ch.inside_word)
                if why:
                    err(key, f"anchor in clause {clause.id} ({a.lang}, version {a.version}): {why}")
    # decisions
    if a.status != "submitted":
        d = a.decision
        if d is None:
            err("status", f"status {a.status!r} but no 'decision' block")
        else:
            if a.status == "merged":
                if not d.into:
                    err("decision", "merged: 'into' must name the amendment it was merged into")
                elif d.into not in amendments:
                    err("decision.into", "merged into " + unknown("amendment", d.into, amendments))
                elif d.into == a.id:
                    err("decision.into", "an amendment cannot be merged into itself")
            if a.status == "accommodated":
                if not d.clause:
                    err("decision", "accommodated: 'clause' must name where")
                elif d.clause not in clauses:
                    err("decision.clause", "accommodated in " + unknown("clause", d.clause, clauses))
            if a.status == "modified" and not d.text and not d.texts:
                err("decision", "modify: the adopted wording ('text') is missing")
    elif a.decision is not None:
        err("decision", "a decision is recorded but the status is still 'submitted'")
    return out


def _name_key(name: str) -> str:
    """A name as a reader tells it apart: case, accents and spacing aside."""
    import unicodedata
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _name_clashes(ws: Workspace) -> list[Problem]:
    """A delegation whose name (in any language) is another's: drafts and tracked changes would credit
    one party's words to a name that reads as another's ("Brasil" under BRX)."""
    owner: dict[str, str] = {}
    out = []
    for code, d in ws.delegations.items():
        for lang, name in d.name.items():
            key = _name_key(name)
            first = owner.setdefault(key, code)
            if first != code:
                out.append(Problem(d.loc.path, d.loc.at(f"name.{lang}") or d.loc.line,
                                   f"delegation {code} is named {name!r}, as {first} is: names must tell the "
                                   f"parties apart"))
    return out
