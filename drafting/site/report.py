"""The chair's briefing on progress: the figures of ``ops.progress`` as a Word file (tables and the
charts as pictures), a standalone HTML page (the charts as SVG), PNG charts, or JSON.

``write_report(figures, fmt, when) -> [(file name, bytes)]``.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from typing import Any

from .charts import CHARTS, draw
from .home import figure_tables
from .pages import render

NAME = "progress"


def _title(figures: dict[str, Any]) -> str:
    t = figures["title"]
    return t.get("en") or t.get(figures["original_language"]) or next(iter(t.values()), figures["symbol"])


def report_docx(figures: dict[str, Any], when: str) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    charts = draw(figures, "png")
    tables = figure_tables(figures)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"{figures['symbol']} — progress"
    doc.add_heading(_title(figures), level=0)
    doc.add_paragraph(f"{figures['symbol']} — progress of the negotiation, {when}")
    doc.add_heading("By version", level=1)
    doc.add_paragraph("Each issued version, then the text as it stands now. Open proposals of a version: "
                      "written against an earlier version and not yet decided when it was issued.")
    _table(doc, ["Version", "Date", *tables["version_head"]],
           [[r["label"], r["date"], *map(str, r["cells"])] for r in tables["version_rows"]])
    for name in ("status", "brackets", "translation"):
        doc.add_paragraph(CHARTS[name][0], style="Caption")
        doc.add_picture(io.BytesIO(charts[name]), width=Cm(16))
    doc.add_heading("Proposals per delegation, by fate", level=1)
    rows = [[r["code"], *map(str, r["cells"]), str(r["total"])] for r in tables["delegation_rows"]]
    rows.append(["All", *map(str, tables["totals"]), str(sum(tables["totals"]))])
    _table(doc, ["Delegation", *tables["fate_head"], "Total"], rows)
    doc.add_paragraph(CHARTS["delegations"][0], style="Caption")
    doc.add_picture(io.BytesIO(charts["delegations"]), width=Cm(16))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc: Any, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text


def report_html(figures: dict[str, Any], when: str) -> bytes:
    charts = draw(figures, "svg")
    images = [{"alt": CHARTS[name][0],
               "src": "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")}
              for name, data in charts.items()]
    return render("report.html.j2", {"title": _title(figures), "symbol": figures["symbol"], "when": when,
                                     "charts": images, **figure_tables(figures)})


def write_report(figures: dict[str, Any], fmt: str, now: dt.datetime) -> list[tuple[str, bytes]]:
    """The report's files in format ``fmt`` (docx, html, png, json)."""
    when = now.strftime("%Y-%m-%d %H:%M")
    if fmt == "json":
        return [(f"{NAME}.json", json.dumps(figures, ensure_ascii=False, indent=2).encode("utf-8"))]
    if fmt == "png":
        return [(f"{NAME}-{name}.png", data) for name, data in draw(figures, "png").items()]
    if fmt == "html":
        return [(f"{NAME}.html", report_html(figures, when))]
    if fmt == "docx":
        return [(f"{NAME}.docx", report_docx(figures, when))]
    raise ValueError(f"unknown report format {fmt!r}")
