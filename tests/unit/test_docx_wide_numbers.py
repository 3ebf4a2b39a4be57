"""A number wider than the number column ("OP6 bis") is followed by its text at a tab stop just after
it, not a column further on; numbers that fit keep the column."""

from __future__ import annotations

from drafting.render.docx import render_docx, styles
from drafting.render.draft import Paragraph, Run
from tests.ooxml import document_root, validate_docx, w
from tests.unit.test_render_html_md import make_draft


def test_a_wide_number_gets_its_own_tab_stop() -> None:
    draft = make_draft(blocks=(Paragraph(runs=(Run("Text."),), number="OP6", anchor="a"),
                               Paragraph(runs=(Run("Text."),), number="OP6 bis", anchor="b"),
                               Paragraph(runs=(Run("Text."),), number="OP12 bis", level=1, anchor="c")))
    docx = render_docx(draft)
    assert validate_docx(docx) == []
    paragraphs = [p for p in document_root(docx).iter(w("p")) if p.find(f".//{w('tab')}") is not None]
    stops = [[int(t.get(w("pos"))) for t in p.iter(w("tab")) if t.get(w("pos"))] for p in paragraphs]
    assert stops[-3] == []  # OP6 fits its column
    assert styles.HANG < stops[-2][0] < 2 * styles.HANG
    assert stops[-1][0] > styles.STEP + styles.HANG  # set in one level, wider still
