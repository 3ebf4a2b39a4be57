"""``precedents/<id>.yaml`` -> Precedent: an earlier instrument (title per language, forum, date,
optional link) and its paragraphs (a reference and a text per language), read as strictly as the
rest of the workspace."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import Problem, WorkspaceError
from ..model import Loc, Precedent, PrecedentParagraph
from ..vocab import ID_PATTERN
from .schema import Reader, show
from .yamlio import YSeq, load_file

FOLDER = "precedents"
FIELDS = ("id", "title", "forum", "date", "url", "paragraphs")
_URL = re.compile(r"https?://[^\s<>\"]+\Z")


def precedent_entry(path: str, data: bytes) -> tuple[Any, tuple[Problem, ...]]:
    """What reading one precedent file gives: the Precedent (or None) and its problems."""
    problems: list[Problem] = []
    try:
        raw = load_file(data, path)
    except WorkspaceError as e:
        return None, tuple(e.problems())
    r = Reader(path, problems)
    m = r.mapping(raw, 1, "a precedent file")
    if m is None:
        return None, tuple(problems)
    r.known(m, FIELDS, "a precedent")
    stem = path.rpartition("/")[2].removesuffix(".yaml")
    pid = r.string(m, "id", required=True, pattern=ID_PATTERN, what="a precedent")
    if pid is not None and pid != stem:
        r.err(m.line_of("id"), f"precedent id {show(pid)} does not match its file name {stem + '.yaml'!r}")
    lines: dict[str, int] = {k: m.line_of(k) for k in m}
    title = r.texts(m, "title", lines, "")
    forum = r.string(m, "forum", required=True, what="a precedent")
    date = r.date(m, "date")
    if "date" not in m:
        r.err(m.line, "missing field 'date' in a precedent (YYYY-MM-DD)")
    elif date is not None:
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError:
            r.err(m.line_of("date"), f"'date' is {show(date)}, which is not a day of the calendar")
            date = None
    url = r.string(m, "url")
    if url is not None and not _URL.match(url):
        r.err(m.line_of("url"), f"'url' is {show(url)}; write a web address (https://...)")
    paragraphs = _paragraphs(r, m)
    if pid is None or forum is None or date is None or not title:
        return None, tuple(problems)
    return Precedent(pid, title, forum, date, url, paragraphs, Loc(path, m.line, lines)), tuple(problems)


def _paragraphs(r: Reader, m: Any) -> tuple[PrecedentParagraph, ...]:
    value = m.get("paragraphs")
    if not isinstance(value, YSeq) or not value:
        r.err(m.line_of("paragraphs"), "'paragraphs' must list the instrument's paragraphs (ref and text)")
        return ()
    out: list[PrecedentParagraph] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        line = value.line_of(i)
        pm = r.mapping(item, line, "a paragraph")
        if pm is None:
            continue
        r.known(pm, ("ref", "text"), "a paragraph")
        ref = r.string(pm, "ref", required=True, what="a paragraph")
        lines: dict[str, int] = {}
        text = r.texts(pm, "text", lines, "")
        if ref is None or not text:
            if ref is not None and "text" in pm:
                r.err(pm.line_of("text"), f"paragraph {show(ref)} has no text")
            continue
        if ref in seen:
            r.err(pm.line_of("ref"), f"paragraph {show(ref)} is listed twice (first at line {seen[ref]})")
            continue
        seen[ref] = pm.line_of("ref")
        out.append(PrecedentParagraph(ref, text, Loc(r.path, pm.line, lines)))
    return tuple(out)
