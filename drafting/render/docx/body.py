"""The draft's body: paragraphs and tables as w:p / w:tbl elements, built with lxml.

Per paragraph, in order: w:pPr (style; the paragraph mark's own w:ins/w:del when the whole clause is
inserted or deleted), the clause bookmark, comment range starts for notes on the paragraph, the
literal number and a tab, the runs, the status label, then the range ends, comment references and
the bookmark end. Comment range markers stay outside w:ins/w:del (siblings in the paragraph); a
comment's reference run carries the same change as the text it annotates, so rejecting an insertion
(or accepting a deletion) takes its comment away with it.  Proponent tags and status labels are never
inside w:ins/w:del: they are not text (``wordml.NOT_TEXT_CHARACTER_STYLES``).
"""

from __future__ import annotations

from lxml import etree

from drafting.render.docx import revisions, styles
from drafting.render.docx.revisions import Comments, IdAllocator
from drafting.render.docx.wml import ID, IND, NAME, PPR, PSTYLE, RPR, TAB, VAL, P, make_run, sub, w
from drafting.render.draft import Block, Mark, Paragraph, Run, Table
from drafting.wordml import LABEL_STYLE, NUMBER_STYLE, PROPONENT_STYLE, bookmark_name

_CHANGES = ("ins", "del")
_NUMBERED_INDENT_STYLES = ("clause", "alternative")


class BodyBuilder:
    """Turns a draft's blocks into body elements; collects comments and the bookmark → clause id map."""

    def __init__(self, ids: IdAllocator, comments: Comments, text_width: int) -> None:
        self.ids = ids
        self.comments = comments
        self.text_width = text_width
        self.bookmarks: dict[str, str] = {}  # bookmark name → clause id, in document order

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> list[etree._Element]:
        out: list[etree._Element] = []
        for i, block in enumerate(blocks):
            if isinstance(block, Table):
                if out and out[-1].tag == w("tbl"):
                    out.append(etree.Element(P))  # Word joins adjacent tables into one
                out.append(self.table(block))
            else:
                out.append(self.paragraph(block))
                after = blocks[i + 1] if i + 1 < len(blocks) else None
                if isinstance(after, Paragraph) and after.style in ("alternative", "note"):
                    # a clause stays on the page of the alternatives and notes under it
                    pstyle = out[-1][0].find(PSTYLE)
                    pstyle.addnext(etree.Element(w("keepNext")))
        if out and out[-1].tag == w("tbl"):
            out.append(etree.Element(P))  # Word wants a paragraph between a table and the section end
        return out

    # -- paragraphs -------------------------------------------------------------------------------

    def paragraph(self, para: Paragraph, in_cell: bool = False, anchor: str = "") -> etree._Element:
        p = etree.Element(P)
        ppr = etree.SubElement(p, PPR)
        style = "cell" if in_cell and para.style in ("clause", "cell") else para.style
        etree.SubElement(ppr, PSTYLE).set(VAL, styles.clause_style(style, para.level))
        self._indent(ppr, para, style)
        mark_change = para.mark_change if para.mark_change in _CHANGES else ""
        if mark_change:
            # the paragraph mark itself is tracked: accepting a deleted clause leaves no empty line,
            # rejecting an inserted one leaves nothing behind
            revisions.track(etree.SubElement(ppr, RPR), mark_change, para.mark, self.ids)

        bookmark_id = self._bookmark_start(p, para.anchor or anchor)
        para_notes = [self.comments.add(note) for note in para.notes]
        for cid in para_notes:
            revisions.range_start(p, cid)

        if para.number:
            run = make_run(
                self._container(p, mark_change, para.mark),
                para.number,
                deleted=mark_change == "del",
                style=NUMBER_STYLE,
            )
            etree.SubElement(run, TAB)
        for run in para.runs:
            self._run(p, run, mark_change, para.mark)
        if para.label:  # a status is not text: never tracked
            make_run(p, " " + para.label, style=LABEL_STYLE)

        for cid in para_notes:
            revisions.range_end(p, cid)
        if para_notes:
            holder = self._container(p, mark_change, para.mark)
            for cid in para_notes:
                revisions.reference(holder, cid)
        if bookmark_id:
            etree.SubElement(p, w("bookmarkEnd")).set(ID, bookmark_id)
        return p

    def _indent(self, ppr: etree._Element, para: Paragraph, style: str) -> None:
        """Direct indentation where the style's hanging number column does not fit."""
        level = max(0, min(para.level, styles.MAX_LEVEL))
        if style == "alternative" and not para.number:
            # an alternative under its clause: a block set in from the clause's text column
            sub(ppr, IND, {"left": str(styles.text_indent(style, level)), "hanging": "0"})
        elif style in _NUMBERED_INDENT_STYLES and not para.number:
            # an unnumbered clause (a preambular paragraph): first-line indent, as in UN resolutions
            start = styles.text_indent(style, level) - styles.HANG
            sub(ppr, IND, {"left": str(start), "firstLine": str(styles.HANG)})
        elif style == "contribution" and level:
            sub(ppr, IND, {"left": str(level * styles.HANG)})
        elif style == "cell" and (para.number or level):
            hang = styles.HANG if para.number else 0
            sub(ppr, IND, {"left": str(level * styles.STEP + hang), "hanging": str(hang)})

    def _container(self, p: etree._Element, change: str, mark: Mark | None) -> etree._Element:
        return revisions.track(p, change, mark, self.ids) if change else p

    def _run(self, p: etree._Element, run: Run, mark_change: str, para_mark: Mark | None) -> None:
        if run.tag:  # a proponent tag is never part of a tracked change
            make_run(p, run.text, bold=run.bold, italic=run.italic, style=PROPONENT_STYLE)
            return
        if run.change in _CHANGES:
            change, mark = run.change, run.mark or para_mark
        else:
            change, mark = mark_change, para_mark
        note_ids = [self.comments.add(note) for note in run.notes]
        for cid in note_ids:
            revisions.range_start(p, cid)
        if run.text:
            make_run(
                self._container(p, change, mark),
                run.text,
                deleted=change == "del",
                bold=run.bold,
                italic=run.italic,
                lang=styles.LANG_TAGS.get(run.lang, run.lang),
            )
        for cid in note_ids:
            revisions.range_end(p, cid)
        if note_ids:
            holder = self._container(p, change, mark)
            for cid in note_ids:
                revisions.reference(holder, cid)

    def _bookmark_start(self, p: etree._Element, clause_id: str) -> str:
        if not clause_id:
            return ""
        name = bookmark_name(clause_id)
        if name in self.bookmarks:  # a clause shown twice (e.g. in a table row and a cell) is marked once
            return ""
        self.bookmarks[name] = clause_id
        bookmark_id = self.ids()
        start = etree.SubElement(p, w("bookmarkStart"))
        start.set(ID, bookmark_id)
        start.set(NAME, name)
        return bookmark_id

    # -- tables -----------------------------------------------------------------------------------

    def table(self, table: Table) -> etree._Element:
        columns = max([len(table.header)] + [len(row) for row in table.rows] + [1])
        widths = self._widths(table.widths, columns)
        tbl = etree.Element(w("tbl"))
        tbl_pr = etree.SubElement(tbl, w("tblPr"))
        sub(tbl_pr, w("tblW"), {"w": str(sum(widths)), "type": "dxa"})
        borders = sub(tbl_pr, w("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(borders, w(side), {"val": "single", "sz": "4", "space": "0", "color": "auto"})
        sub(tbl_pr, w("tblLayout"), {"type": "fixed"})
        margins = sub(tbl_pr, w("tblCellMar"))
        sub(margins, w("left"), {"w": "85", "type": "dxa"})
        sub(margins, w("right"), {"w": "85", "type": "dxa"})
        sub(tbl_pr, w("tblLook"), {"val": "04A0"})
        grid = etree.SubElement(tbl, w("tblGrid"))
        for width in widths:
            sub(grid, w("gridCol"), {"w": str(width)})

        if table.header:
            tr = etree.SubElement(tbl, w("tr"))
            tr_pr = etree.SubElement(tr, w("trPr"))
            etree.SubElement(tr_pr, w("cantSplit"))
            etree.SubElement(tr_pr, w("tblHeader"))  # repeated at the top of every page
            for index in range(columns):
                text = table.header[index] if index < len(table.header) else ""
                tc = self._cell(tr, widths[index], shade=True)
                p = etree.SubElement(tc, P)
                etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, "DraftTableHeader")
                if text:
                    make_run(p, text)
        for row_index, row in enumerate(table.rows):
            tr = etree.SubElement(tbl, w("tr"))
            # a row read across a page break loses its number and its proponents: keep it whole
            etree.SubElement(etree.SubElement(tr, w("trPr")), w("cantSplit"))
            anchor = table.anchors[row_index] if row_index < len(table.anchors) else ""
            below = table.rows[row_index + 1] if row_index + 1 < len(table.rows) else ()
            for index in range(columns):
                cell = row[index] if index < len(row) else ()
                # a cell spanning down: vMerge restart, the cells it covers vMerge continue
                merge = "continue" if cell is None else (
                    "restart" if index < len(below) and below[index] is None else "")
                tc = self._cell(tr, widths[index], merge=merge)
                if cell is None:
                    etree.SubElement(tc, P)
                    continue
                for p_index, para in enumerate(cell):
                    tc.append(
                        self.paragraph(
                            para, in_cell=True, anchor=anchor if index == 0 and p_index == 0 else ""
                        )
                    )
                if not cell:
                    empty = Paragraph(runs=(), style="cell")
                    tc.append(self.paragraph(empty, in_cell=True, anchor=anchor if index == 0 else ""))
        return tbl

    def _cell(self, tr: etree._Element, width: int, shade: bool = False, merge: str = "") -> etree._Element:
        tc = etree.SubElement(tr, w("tc"))
        tc_pr = etree.SubElement(tc, w("tcPr"))
        sub(tc_pr, w("tcW"), {"w": str(width), "type": "dxa"})
        if merge:
            sub(tc_pr, w("vMerge"), {"val": merge} if merge == "restart" else None)
        if shade:
            sub(tc_pr, w("shd"), {"val": "clear", "color": "auto", "fill": "D9D9D9"})
        return tc

    def _widths(self, relative: tuple[int, ...], columns: int) -> list[int]:
        """Column widths in twips filling the text width, in the proportions given (equal if none)."""
        weights = [max(1, int(x)) for x in relative[:columns]] if len(relative) >= columns else [1] * columns
        total = sum(weights)
        widths = [self.text_width * weight // total for weight in weights]
        widths[-1] += self.text_width - sum(widths)
        return widths
