"""Which version and language a Word file was drafted in, and that version's clauses as import compares
the file with them (numbers and status labels included): the workspace's side of an import.

* ``base_version``: ``--base``, else the version the draft's clause map names, else a version label in
  its header, properties or first paragraphs (the subtitle: ``Rev.1 — Texto limpio``; with any style,
  since a re-save by another editor renames or drops it); the longest label found wins.
* ``file_language``: the clause map's, else the language whose clause texts the paragraphs match best,
  else the document's language tag, else the original language.
* ``base_clauses``: the base version's clauses in reading order, each in the file's language (or the
  original language where it has none: the draft showed that), with its current text where it changed
  since, the numbers a draft of the base version or of the current text gave it, and the status labels
  it may have shown (its status then and now, "awaiting translation").
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import UsageError
from ..labels import LABELS
from ..model import Clause, Workspace
from ..ops.numbering import number_workspace
from ..ops.text import key
from .docx import WordFile
from .items import BaseClause

FIRST_PARAGRAPHS = 6


def base_version(word: WordFile, ws: Workspace, issued: set[str], given: str | None) -> tuple[str, str]:
    """The version the file was drafted on, and how it was found (see the module docstring)."""
    if given:
        return given, "--base"
    named = word.map_attributes.get("version")
    if named and ws.version(named) is not None:
        return named, "the draft's clause map"
    first = word.paragraphs[:FIRST_PARAGRAPHS]
    styled = [p for p in first if p.style.lower() in ("draftsubtitle", "drafttitle")]
    for paragraphs in (styled, first):
        texts = [word.header_text, *word.properties.values(), *(p.text("original") for p in paragraphs)]
        found = _labels_in(" | ".join(unicodedata.normalize("NFC", t) for t in texts if t), ws, issued)
        if found:
            return found, "the version label in the draft"
    choices = ", ".join(v.id for v in ws.versions if v.id in issued) or "none issued yet"
    raise UsageError(f"{word.path}: cannot tell which version this draft was issued as; "
                     f"give --base VERSION (issued versions: {choices})")


def _labels_in(haystack: str, ws: Workspace, issued: set[str]) -> str | None:
    found: dict[str, int] = {}
    for v in ws.versions:
        if v.id not in issued:
            continue
        for label in set(v.label.values()):
            if label and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", haystack):
                found[v.id] = max(found.get(v.id, 0), len(label))
    if found:
        best = max(found.values())
        winners = [vid for vid, n in found.items() if n == best]
        if len(winners) == 1:
            return winners[0]
    return None


def version_labels(ws: Workspace) -> set[str]:
    """Every version's label in every language: words of a draft's title block."""
    return {t for v in ws.versions for t in v.label.values() if t}


def file_language(word: WordFile, ws: Workspace, base: Workspace) -> str:
    """The draft's language (see the module docstring)."""
    lang = word.map_attributes.get("lang", "")
    if lang in ws.languages:
        return lang
    texts = {key(p.text("original")).strip() for p in word.paragraphs}
    scores = {lg: sum(1 for p in base.placements() if key(p.clause.text.get(lg, "\0")).strip() in texts)
              for lg in ws.languages}
    if max(scores.values(), default=0) > 0:
        return max(ws.languages, key=lambda lg: scores[lg])
    for tag in [word.properties.get("language", ""), *word.languages]:
        code = tag.split("-")[0].lower()
        if code in ws.languages:
            return code
    return ws.original_language


def _label(name: str, lang: str) -> str:
    texts = LABELS.get(name, {})
    return texts.get(lang) or texts.get("en", "")


def _labels(clause: Clause, lang: str) -> str:
    """The label a draft in ``lang`` prints after the clause (as ``render.layout`` does)."""
    parts = [] if clause.kind == "heading" else [_label(f"status.{clause.status}", lang)]
    if lang not in clause.text or lang in clause.pending_translation:
        parts.append(_label("awaiting_translation", lang))
    return " ".join(p for p in parts if p)


def base_clauses(base: Workspace, now: Workspace, lang: str, document: str | None) -> list[BaseClause]:
    """The base version's clauses as import compares with them (see the module docstring); only
    ``document``'s when it is known."""
    ids = {d.id for d in base.documents}
    docs = {document} if document in ids else ids
    current = now.clause_index()
    then_numbers, now_numbers = number_workspace(base), number_workspace(now, base)
    out = []
    for p in base.placements():
        if p.document.id not in docs:
            continue
        text_lang = lang if lang in p.clause.text else base.original_language
        text = p.clause.text.get(text_lang)
        if text is None:
            continue
        later = current.get(p.clause.id)
        now_text = later.clause.text.get(text_lang) if later is not None else None
        numbers = tuple(dict.fromkeys(n.own(lang) for n in (then_numbers.get(p.clause.id),
                                                            now_numbers.get(p.clause.id)) if n is not None))
        labels = {_labels(c, lang) for c in (p.clause, later.clause if later is not None else p.clause)}
        out.append(BaseClause(p.clause.id, text_lang, text, now_text if now_text != text else None,
                              tuple(n for n in numbers if n), tuple(sorted(lb for lb in labels if lb)),
                              p.document.id, p.parents[-1].id if p.parents else None))
    return out
