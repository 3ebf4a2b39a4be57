"""The follow-up checklist as a draft: one table per document -- number | commitment | actors |
deadline | indicator | status -- with section titles and programme headings as bold rows, the status
column left empty for whoever monitors the commitments (``ops.followup`` says what the rows are).

Numbers are the clauses' references (``12``, ``12(a)``): the same in every language, so that a
monitoring report in one language points at the same commitment in the others."""

from __future__ import annotations

from ..model import Clause
from ..ops.followup import Commitment, Group, actor_name, checklist
from . import i18n
from .draft import Draft, Paragraph, Run, Table
from .layout import Frame

COLUMNS = ("number", "text", "actors", "deadline", "indicator", "status")
WIDTHS = (2, 11, 5, 4, 6, 3)


def cells(frame: Frame, item: Commitment) -> tuple[str, str, str, str, str]:
    """number, text, actors, deadline, indicator of one commitment, in the frame's language; the text
    of a clause awaiting translation is the original language's (as in every draft)."""
    lang, ws = frame.lang, frame.ws
    text, _ = frame.text(item.clause)
    indicator = item.indicator.get(lang) or item.indicator.get(ws.original_language) or next(
        iter(item.indicator.values()), "")
    return (item.number.ref(), text, "; ".join(actor_name(ws, a, lang) for a in item.actors),
            item.deadline or "", indicator)


def _group_title(frame: Frame, group: Group) -> str:
    return group.title.get(frame.lang) or group.title.get(frame.ws.original_language) or ""


def followup(frame: Frame) -> Draft:
    rows: list[tuple[tuple[Paragraph, ...], ...]] = []
    anchors: list[str] = []
    for item in checklist(frame.doc, frame.numbers):
        if isinstance(item, Group):
            title = _group_title(frame, item)
            if title:
                rows.append(((), (Paragraph((Run(title, bold=True),), style="cell"),), (), (), (), ()))
                anchors.append(item.clause.id if item.clause is not None else "")
            continue
        number, text, actors, deadline, indicator = cells(frame, item)
        awaiting = _awaiting(frame, item.clause)
        rows.append((
            (Paragraph((Run(number),), style="cell"),),
            (Paragraph((Run(text, italic=frame.lang not in item.clause.text),), style="cell", level=item.depth,
                       label=i18n.label("awaiting_translation", frame.lang) if awaiting else ""),),
            (Paragraph((Run(actors),), style="cell"),),
            # a day as the language writes it (the CSV keeps YYYY-MM-DD, for spreadsheets)
            (Paragraph((Run(i18n.format_date(deadline, frame.lang) if deadline else ""),), style="cell"),),
            (Paragraph((Run(indicator),), style="cell"),),
            (Paragraph((), style="cell"),),
        ))
        anchors.append(item.clause.id)
    header = tuple(i18n.label(f"followup.{c}", frame.lang) for c in COLUMNS)
    return frame.draft("follow-up", (Table(header, tuple(rows), WIDTHS, tuple(anchors)),))


def _awaiting(frame: Frame, clause: Clause) -> bool:
    return frame.lang in clause.pending_translation or frame.lang not in clause.text
