"""What a translator of each language expects of the printed page, applied to every text a draft
prints: ``typeset(text, lang)`` and ``typeset_draft(draft)``.

* every language: typographic apostrophes (l’asile, States’) and double quotes (“…”) for straight ones;
* French: a narrow no-break space (U+202F) before ``; : ! ?`` and inside « », where the text has a
  space there, so that no line starts with a semicolon or ends with an opening guillemet.

Only what the comparison key of ``ops.text`` treats as the same text is changed -- a space for a
no-break space, a straight quote for a curly one -- so that a delegation returning a draft never
proposes the typography back (``import-docx`` compares through that key).  A word the text lacks is
never added.
"""

from __future__ import annotations

import dataclasses
import re
from operator import is_

from .draft import Block, Draft, Note, Paragraph, Run, Table

NNBSP = "\u202f"
_SPACES = "[ \u00a0\u202f\u2009]"
_FR_BEFORE = re.compile(rf"(?<=\S){_SPACES}+(?=[;:!?»])")
_FR_AFTER = re.compile(rf"(?<=«){_SPACES}+")
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")
_OPEN_QUOTE = re.compile(r'(^|(?<=[\s(\[«—–-]))"')
_TRIGGER = re.compile(r"['\"]|[ \u00a0\u2009][;:!?»]|«[ \u00a0\u2009]")


def typeset(text: str, lang: str) -> str:
    """``text`` with the typography of ``lang`` (see the module docstring)."""
    if not text or not _TRIGGER.search(text):
        return text
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text)
    if '"' in text:
        text = _OPEN_QUOTE.sub("\u201c", text).replace('"', "\u201d")
    if lang == "fr":
        text = _FR_AFTER.sub(NNBSP, _FR_BEFORE.sub(NNBSP, text))
    return text


def typeset_draft(draft: Draft) -> Draft:
    """Every text of ``draft`` typeset in its language (a run quoting another language in that one).
    What typesetting leaves as it is stays the same object: a note on many runs is typeset once."""
    lang = draft.lang
    notes_done: dict[Note, Note] = {}

    def note(n: Note) -> Note:
        done = notes_done.get(n)
        if done is None:
            text = typeset(n.text, lang)
            done = notes_done[n] = n if text is n.text else dataclasses.replace(n, text=text)
        return done

    def run(r: Run) -> Run:
        text = typeset(r.text, r.lang or lang)
        notes = tuple(note(n) for n in r.notes) if r.notes else r.notes
        if text is r.text and (notes is r.notes or all(map(is_, notes, r.notes))):
            return r
        return dataclasses.replace(r, text=text, notes=notes)

    def para(p: Paragraph) -> Paragraph:
        runs = tuple(map(run, p.runs))
        label = typeset(p.label, lang)
        notes = tuple(map(note, p.notes)) if p.notes else p.notes
        if label is p.label and all(map(is_, runs, p.runs)) and (notes is p.notes or all(map(is_, notes, p.notes))):
            return p
        return dataclasses.replace(p, runs=runs, label=label, notes=notes)

    def block(b: Block) -> Block:
        if isinstance(b, Table):
            rows = tuple(tuple(None if cell is None else tuple(para(p) for p in cell) for cell in row)
                         for row in b.rows)
            return dataclasses.replace(b, header=tuple(typeset(h, lang) for h in b.header), rows=rows)
        return para(b)

    return dataclasses.replace(
        draft, title=typeset(draft.title, lang), status_label=typeset(draft.status_label, lang),
        version_label=typeset(draft.version_label, lang), original=typeset(draft.original, lang),
        generated=typeset(draft.generated, lang), blocks=tuple(block(b) for b in draft.blocks))
