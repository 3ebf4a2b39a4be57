"""The shape of workspace files, mapping by mapping: typed access to a parsed file that records every
problem instead of raising (``Reader``), and the readers of the parts more than one file holds -- clauses
(in section files and in ``add`` amendments) and amendments (read from files, from git history, and from
what a command is about to write).  ``load`` reads whole files with them."""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from ..model import Actor, AgreedLanguage, Amendment, Change, Clause, Decision, Loc
from ..vocab import (AMENDMENT_ID_PATTERN, AMENDMENT_STATUSES, CHANNELS, CLAUSE_KINDS, CLAUSE_STATUSES,
                     CODE_PATTERN, ID_PATTERN, LANG_PATTERN, OPERATIONS, date_problem)
from .yamlio import YMap, YSeq



def show(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, cut short: a 100,000-character value must not flood the terminal."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value)} characters)"
    return repr(value)


class Reader:
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
                self.err(m.line_of(key), f"unknown field {show(key)} in {what}")

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
            self.err(line, f"{key!r} is {show(value)}; expected one of: {', '.join(choices)}")
            return None
        if pattern is not None and not pattern.match(value):
            self.err(line, f"{key!r} is {show(value)}, which is not a valid {key}")
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
                self.err(value.line_of(i) if value.spans else line, f"{key!r} has an invalid entry {show(item)}")
                continue
            if item in out:
                self.err(value.line_of(i) if value.spans else line, f"{key!r} lists {show(item)} twice")
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
                self.err(tm.line_of(lang), f"{show(lang)} is not a language code")
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
        why = date_problem(value) if value is not None else None
        if why is not None:
            self.err(m.line_of(key), f"{key!r} is {show(value)}: {why}")
            return None
        return value


def read_clauses(r: Reader, m: YMap, key: str, depth: int) -> tuple[Clause, ...]:
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
        c = read_clause(r, item, value.line_of(i), depth)
        if c is not None:
            out.append(c)
    return tuple(out)


CLAUSE_FIELDS = ("id", "kind", "status", "text", "agreed_language", "pending_translation", "children",
                 "actors", "deadline", "indicator")


def read_clause(r: Reader, value: Any, line: int, depth: int) -> Clause | None:
    m = r.mapping(value, line, "a clause")
    if m is None:
        return None
    r.known(m, CLAUSE_FIELDS, "a clause")
    cid = r.string(m, "id", required=True, pattern=ID_PATTERN, what="a clause")
    lines: dict[str, int] = {k: m.line_of(k) for k in m}
    text = r.texts(m, "text", lines, "")
    kind = r.string(m, "kind", choices=CLAUSE_KINDS) or "paragraph"
    status = r.string(m, "status", choices=CLAUSE_STATUSES) or "pending"
    agreed = _agreed_language(r, m, lines)
    pending = r.strings(m, "pending_translation", LANG_PATTERN)
    children = read_clauses(r, m, "children", depth + 1)
    actors = _actors(r, m, lines)
    deadline = r.string(m, "deadline", required="deadline" in m)
    indicator = r.texts(m, "indicator", lines, "", required=False)
    if cid is None:
        return None
    return Clause(cid, text, kind, status, agreed, pending, children, Loc(r.path, m.line, lines),
                  actors, deadline, indicator)


def _agreed_language(r: Reader, m: YMap, lines: dict[str, int]) -> str | AgreedLanguage | None:
    """A free note (text), or ``{precedent: <id>, ref: "<reference>"}``."""
    value = m.get("agreed_language")
    if not isinstance(value, YMap):
        return r.string(m, "agreed_language")
    r.known(value, ("precedent", "ref"), "'agreed_language'")
    lines["agreed_language.precedent"] = value.line_of("precedent")
    lines["agreed_language.ref"] = value.line_of("ref")
    precedent = r.string(value, "precedent", required=True, pattern=ID_PATTERN, what="'agreed_language'")
    ref = r.string(value, "ref", required=True, what="'agreed_language'")
    return AgreedLanguage(precedent, ref) if precedent is not None and ref is not None else None


def _actors(r: Reader, m: YMap, lines: dict[str, int]) -> tuple[Actor, ...]:
    """A list of delegation codes or free texts (one text, or a text per language)."""
    value = m.get("actors")
    if value is None:
        return ()
    if not isinstance(value, YSeq):
        r.err(m.line_of("actors"), "'actors' must be a list, e.g. [CHL, UNHCR]")
        return ()
    out: list[Actor] = []
    for i, item in enumerate(value):
        line = value.line_of(i)
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        elif isinstance(item, YMap) and item:
            texts: dict[str, str] = {}
            for lang, text in item.items():
                if not LANG_PATTERN.match(lang) or not isinstance(text, str) or not text.strip():
                    r.err(item.line_of(lang), f"'actors' entry {i + 1}: {show(lang)} must be a language "
                                              "code with a text")
                    continue
                texts[lang] = text.strip()
            out.append(texts)
        else:
            r.err(line, f"'actors' entry {i + 1} must be a delegation code or a text, not {show(item)}")
        lines[f"actors.{i}"] = line
    return tuple(out)


AMENDMENT_FIELDS = ("id", "by", "cosponsors", "on_behalf_of", "supporters", "objectors", "target", "lang",
                    "change", "rationale", "channel", "submitted", "status", "decision", "word_author",
                    "entered_by", "renumbered_from", "sponsored_from")


def parse_amendment(r: Reader, m: YMap, version: str, stem: str, default_lang: str) -> Amendment | None:
    """One amendment mapping -> Amendment (problems recorded on the reader)."""
    r.known(m, AMENDMENT_FIELDS, "an amendment")
    lines: dict[str, int] = {k: m.line_of(k) for k in m}
    aid = r.string(m, "id", required=True, pattern=AMENDMENT_ID_PATTERN)
    if aid is not None and aid != stem:
        r.err(m.line_of("id"), f"amendment id {show(aid)} does not match its file name {stem + '.yaml'!r}")
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
        entered_by=r.string(m, "entered_by", pattern=CODE_PATTERN),
        renumbered_from=r.string(m, "renumbered_from", pattern=AMENDMENT_ID_PATTERN),
        loc=Loc(r.path, 1, lines), sponsored_from=r.string(m, "sponsored_from", pattern=AMENDMENT_ID_PATTERN))


_OP_FIELDS = {
    "replace": ("old", "new", "occurrence", "inside_word"),
    "insert": ("text", "after", "before", "at", "occurrence", "inside_word"),
    "delete": ("old", "occurrence", "inside_word"),
    "bracket": ("old", "occurrence", "inside_word"),
    "add": ("after", "before", "clause"),
    "remove": (),
    "move": ("after", "before"),
    "substitute": ("text",),
    "comment": (),
}


def _change(r: Reader, m: YMap, lines: dict[str, int]) -> Change | None:
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
        r.err(line, f"unknown operation {show(op)}; expected one of: {', '.join(OPERATIONS)}")
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
    inside = r.string(b, "inside_word", choices=("true", "false")) == "true"
    s = lambda k, req=False: r.string(b, k, required=req, what=f"'{op}'")
    if op == "replace":
        return Change(op, old=s("old", True), new=_allow_empty(r, b, "new"), occurrence=occurrence,
                      inside_word=inside)
    if op in ("delete",):
        return Change(op, old=s("old", True), occurrence=occurrence, inside_word=inside)
    if op == "bracket":
        return Change(op, old=s("old"), occurrence=occurrence, inside_word=inside)
    if op == "insert":
        where = [k for k in ("after", "before", "at") if k in b]
        if len(where) != 1:
            r.err(line, "'insert' needs exactly one of after, before or at")
        at = r.string(b, "at", choices=("start", "end"))
        return Change(op, text=s("text", True), after=s("after"), before=s("before"), at=at,
                      occurrence=occurrence, inside_word=inside)
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
                clause = read_clause(r, b["clause"], b.line_of("clause"), 0)
        return Change(op, after=after, before=before, clause=clause)
    if op == "substitute":
        texts = r.texts(b, "text", lines, "change.", required=True)
        return Change(op, texts=texts)
    return Change(op)


def _allow_empty(r: Reader, b: YMap, key: str) -> str | None:
    if key not in b:
        r.err(b.line, f"missing field {key!r}")
        return None
    return r.string(b, key)
