"""The follow-up checklist as CSV, for the spreadsheets of those who monitor the commitments: one row
per commitment -- number, clause id, section, programme, text, actors, deadline, indicator and an
empty status -- headed in the file's language.

UTF-8 with a byte-order mark and CRLF line ends (RFC 4180), so that spreadsheet programs read accents
and line ends right; a cell that starts like a formula (``=``, ``+``, ``-``, ``@``) gets a leading
apostrophe, so that opening the file never runs one."""

from __future__ import annotations

import csv
import io

from ..ops.followup import Commitment, Group, checklist
from ..render import i18n
from ..render.followup import cells
from ..render.layout import Frame

COLUMNS = ("number", "id", "section", "heading", "text", "actors", "deadline", "indicator", "status")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def followup_csv(frame: Frame) -> bytes:
    """The checklist of ``frame.doc`` in ``frame.lang``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([i18n.label(f"followup.{c}", frame.lang) if c != "id" else "id" for c in COLUMNS])
    section = heading = ""
    for item in checklist(frame.doc, frame.numbers):
        if isinstance(item, Group):
            title = item.title.get(frame.lang) or item.title.get(frame.ws.original_language) or ""
            if item.clause is None:
                section, heading = title, ""
            else:
                heading = title
            continue
        assert isinstance(item, Commitment)
        number, text, actors, deadline, indicator = cells(frame, item)
        writer.writerow([_safe(v) for v in (number, item.clause.id, section, heading, text, actors, deadline,
                                            indicator, "")])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
