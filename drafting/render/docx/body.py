"""The draft's body: paragraphs and tables as w:p / w:tbl elements, written as XML text.

Per paragraph, in order: w:pPr (style; the paragraph mark's own w:ins/w:del when the whole clause is
inserted or deleted), the clause bookmark, comment range starts for notes on the paragraph, the
literal number and a tab, the runs, the status label, then the range ends, comment references and
the bookmark end. Comment range markers stay outside w:ins/w:del (siblings in the paragraph); a
comment's reference run carries the same change as the text it annotates, so rejecting an insertion
(or accepting a deletion) takes its comment away with it.  Proponent tags and status labels are never
inside w:ins/w:del: they are not text (``wordml.NOT_TEXT_CHARACTER_STYLES``).
"""

from __future__ import annotations

import functools

from drafting.render.docx import revisions, styles
from drafting.render.docx.revisions import Comments, IdAllocator
from drafting.render.docx.wml import xml_run
from drafting.render.draft import Block, Mark, Paragraph, Run, Table
from drafting.wordml import LABEL_STYLE, NUMBER_STYLE, PROPONENT_STYLE, bookmark_name

_CHANGES = ("ins", "del")
_NUMBERED_INDENT_STYLES = ("clause", "alternative")
_EMPTY_P = "<w:p/>"


def _number_width(number: str) -> int:
    """About how wide ``number`` is in 12-point Times, with a gap after it, in twentieths of a point."""
    def width(c: str) -> int:
        return 170 if c.isupper() else 120 if c.isdigit() else 60 if c.isspace() else 110
    return sum(width(c) for c in number) + 120 if number else 0


_style_id = functools.lru_cache(maxsize=256)(styles.clause_style)


class BodyBuilder:
    """Turns a draft's blocks into the body's XML text; collects comments and the bookmark → clause id
    map.  What each part holds and in which order is what Word's schema wants; the text is what lxml
    would serialize (see ``wml``)."""

    def __init__(self, ids: IdAllocator, comments: Comments, text_width: int) -> None:
        self.ids = ids
        self.comments = comments
        self.text_width = text_width
        self.bookmarks: dict[str, str] = {}  # bookmark name → clause id, in document order

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> list[str]:
        out: list[str] = []
        last_table = False
        for i, block in enumerate(blocks):
            if isinstance(block, Table):
                if last_table:
                    out.append(_EMPTY_P)  # Word joins adjacent tables into one
                self.table(block, out)
                last_table = True
            else:
                after = blocks[i + 1] if i + 1 < len(blocks) else None
                # a clause stays on the page of the alternatives and notes under it
                keep = isinstance(after, Paragraph) and after.style in ("alternative", "note")
                self.paragraph(block, out, keep_next=keep)
                last_table = False
        if last_table:
            out.append(_EMPTY_P)  # Word wants a paragraph between a table and the section end
        return out

    # -- paragraphs -------------------------------------------------------------------------------

    def paragraph(self, para: Paragraph, out: list[str], in_cell: bool = False, anchor: str = "",
                  keep_next: bool = False) -> None:
        style = "cell" if in_cell and para.style in ("clause", "cell") else para.style
        mark_change = para.mark_change if para.mark_change in _CHANGES else ""
        mark = para.mark
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{_style_id(style, para.level)}"/>')
        if keep_next:
            out.append("<w:keepNext/>")
        self._indent(out, para, style)
        if mark_change:
            # the paragraph mark itself is tracked: accepting a deleted clause leaves no empty line,
            # rejecting an inserted one leaves nothing behind
            out.append(f"<w:rPr>{revisions.track(mark_change, mark, self.ids)}/></w:rPr>")
        out.append("</w:pPr>")

        bookmark_id = self._bookmark_start(out, para.anchor or anchor)
        para_notes = [self.comments.add(note) for note in para.notes] if para.notes else ()
        for cid in para_notes:
            out.append(revisions.range_start(cid))

        if para.number:
            run = xml_run(para.number, deleted=mark_change == "del", style=NUMBER_STYLE, tail="<w:tab/>")
            self._tracked(out, run, mark_change, mark)
        for run in para.runs:
            self._run(out, run, mark_change, mark)
        if para.label:  # a status is not text: never tracked
            out.append(xml_run(" " + para.label, style=LABEL_STYLE))

        for cid in para_notes:
            out.append(revisions.range_end(cid))
        if para_notes:
            self._tracked(out, "".join(revisions.reference(cid) for cid in para_notes), mark_change, mark)
        if bookmark_id:
            out.append(f'<w:bookmarkEnd w:id="{bookmark_id}"/>')
        out.append("</w:p>")

    def _indent(self, out: list[str], para: Paragraph, style: str) -> None:
        """Direct indentation where the style's hanging number column does not fit."""
        level = max(0, min(para.level, styles.MAX_LEVEL))
        if style == "alternative" and not para.number:
            # an alternative under its clause: a block set in from the clause's text column
            out.append(f'<w:ind w:left="{styles.text_indent(style, level)}" w:hanging="0"/>')
        elif style in _NUMBERED_INDENT_STYLES and not para.number:
            # an unnumbered clause (a preambular paragraph): first-line indent, as in UN resolutions
            start = styles.text_indent(style, level) - styles.HANG
            out.append(f'<w:ind w:left="{start}" w:firstLine="{styles.HANG}"/>')
        elif style == "contribution" and level:
            out.append(f'<w:ind w:left="{level * styles.HANG}"/>')
        elif style in _NUMBERED_INDENT_STYLES and _number_width(para.number) > styles.HANG:
            # a number wider than its column ("OP6 bis"): the text after it begins just after it, not
            # at the next default tab stop a column further on
            start = styles.text_indent(style, level) - styles.HANG
            out.append(f'<w:tabs><w:tab w:val="left" w:pos="{start + _number_width(para.number)}"/></w:tabs>')
        elif style == "cell" and (para.number or level):
            hang = styles.HANG if para.number else 0
            out.append(f'<w:ind w:left="{level * styles.STEP + hang}" w:hanging="{hang}"/>')

    def _tracked(self, out: list[str], content: str, change: str, mark: Mark | None) -> None:
        """``content`` (runs) in the paragraph, inside a w:ins/w:del when ``change`` is one."""
        if change:
            out.append(f"{revisions.track(change, mark, self.ids)}>{content}</w:{change}>")
        else:
            out.append(content)

    def _run(self, out: list[str], run: Run, mark_change: str, para_mark: Mark | None) -> None:
        if run.tag:  # a proponent tag is never part of a tracked change
            out.append(xml_run(run.text, bold=run.bold, italic=run.italic, style=PROPONENT_STYLE))
            return
        if run.change in _CHANGES:
            change, mark = run.change, run.mark or para_mark
        else:
            change, mark = mark_change, para_mark
        if not run.notes:  # the common case
            if run.text:
                self._tracked(out, xml_run(run.text, deleted=change == "del", bold=run.bold, italic=run.italic,
                                           lang=styles.LANG_TAGS.get(run.lang, run.lang)), change, mark)
            return
        note_ids = [self.comments.add(note) for note in run.notes]
        for cid in note_ids:
            out.append(revisions.range_start(cid))
        if run.text:
            self._tracked(out, xml_run(run.text, deleted=change == "del", bold=run.bold, italic=run.italic,
                                       lang=styles.LANG_TAGS.get(run.lang, run.lang)), change, mark)
        for cid in note_ids:
            out.append(revisions.range_end(cid))
        if note_ids:
            self._tracked(out, "".join(revisions.reference(cid) for cid in note_ids), change, mark)

    def _bookmark_start(self, out: list[str], clause_id: str) -> str:
        if not clause_id:
            return ""
        name = bookmark_name(clause_id)
        if name in self.bookmarks:  # a clause shown twice (e.g. in a table row and a cell) is marked once
            return ""
        self.bookmarks[name] = clause_id
        bookmark_id = self.ids()
        out.append(f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>')
        return bookmark_id

    # -- tables -----------------------------------------------------------------------------------

    def table(self, table: Table, out: list[str]) -> None:
        columns = max([len(table.header)] + [len(row) for row in table.rows] + [1])
        widths = self._widths(table.widths, columns)
        borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                          for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        out.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths) + "</w:tblGrid>"
        )
        if table.header:
            # repeated at the top of every page
            out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
            for index in range(columns):
                text = table.header[index] if index < len(table.header) else ""
                out.append(self._cell(widths[index], shade=True)
                           + '<w:p><w:pPr><w:pStyle w:val="DraftTableHeader"/></w:pPr>'
                           + (xml_run(text) if text else "") + "</w:p></w:tc>")
            out.append("</w:tr>")
        for row_index, row in enumerate(table.rows):
            # a row read across a page break loses its number and its proponents: keep it whole
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            anchor = table.anchors[row_index] if row_index < len(table.anchors) else ""
            below = table.rows[row_index + 1] if row_index + 1 < len(table.rows) else ()
            for index in range(columns):
                cell = row[index] if index < len(row) else ()
                # a cell spanning down: vMerge restart, the cells it covers vMerge continue
                merge = "continue" if cell is None else (
                    "restart" if index < len(below) and below[index] is None else "")
                out.append(self._cell(widths[index], merge=merge))
                if cell is None:
                    out.append(_EMPTY_P)
                elif not cell:
                    empty = Paragraph(runs=(), style="cell")
                    self.paragraph(empty, out, in_cell=True, anchor=anchor if index == 0 else "")
                else:
                    for p_index, para in enumerate(cell):
                        self.paragraph(para, out, in_cell=True,
                                       anchor=anchor if index == 0 and p_index == 0 else "")
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")

    @staticmethod
    def _cell(width: int, shade: bool = False, merge: str = "") -> str:
        """A cell's start tag and properties."""
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if merge:
            props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
        if shade:
            props += '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
        return f"<w:tc><w:tcPr>{props}</w:tcPr>"

    def _widths(self, relative: tuple[int, ...], columns: int) -> list[int]:
        """Column widths in twips filling the text width, in the proportions given (equal if none)."""
        weights = [max(1, int(x)) for x in relative[:columns]] if len(relative) >= columns else [1] * columns
        total = sum(weights)
        widths = [self.text_width * weight // total for weight in weights]
        widths[-1] += self.text_width - sum(widths)
        return widths
