"""The Word body and comments are written as XML text: what lxml reads back from them is what the draft
says (markup characters, control characters, line breaks, tabs and non-ASCII in text, authors and
notes), and lxml writes the very same bytes again -- the text is exactly lxml's serialization."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting.render.docx import render_docx
from drafting.render.draft import Draft, Mark, Note, Paragraph, Run, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TRICKY = 'a & b < c > d "e" \'f\' é – ü\u00a0«g»\x07h\ud800i'
AUTHOR = Mark('Fiji & "Tonga" <PIF>\tx\ny', "2024-09-12")


def _draft() -> Draft:
    note = Note('Saint Kitts & Nevis "quoted"\tmore', "2024-09-12", "line one & <two>\nline\ttwo\r\nthree", "")
    blocks = (
        Paragraph((Run(TRICKY),), style="section"),
        Paragraph((Run("kept "), Run(TRICKY, "del", AUTHOR, notes=(note,)), Run("x\ty\nz", "ins", AUTHOR),
                   Run(" [– Fiji & Tonga]", bold=True, tag=True), Run("quoted", lang="en", italic=True)),
                  number="12 bis", anchor="c-1", label="[Agreed & ad ref]", notes=(note,)),
        Paragraph((Run("removed <all>"),), number="13", anchor="c-2", mark_change="del", mark=AUTHOR),
        Paragraph((Run("Alt. 1 – Fiji"),), style="alternative", level=1, notes=(note,)),
        Table(("N.º", "Text & <more>"), (((Paragraph((Run("1"),), style="cell"),),
                                          (Paragraph((Run(TRICKY, "ins", AUTHOR),), style="cell", level=1),)),
                                         (None, ())), (1, 3), ("c-3", "")),
        Table(("A",), (((Paragraph((Run("b"),), style="cell"),),),)),
    )
    return Draft(kind="compilation", lang="es", document_id="declaration", title="T & <t>", symbol="S/1",
                 version_label="Rev.1", status_label="Compilación", language_name="español",
                 original="Original: español", generated="1 de diciembre de 2026", blocks=blocks)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in ("word/document.xml", "word/comments.xml")}


def test_body_and_comments_are_what_lxml_writes() -> None:
    for name, xml in _parts(render_docx(_draft())).items():
        root = etree.fromstring(xml)
        again = etree.tostring(root, encoding="UTF-8", standalone=True)
        assert again == xml, name


def test_text_and_authors_read_back_as_given() -> None:
    parts = _parts(render_docx(_draft()))
    body = etree.fromstring(parts["word/document.xml"])
    texts = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText")) for p in body.iter(f"{{{W}}}p")]
    shown = TRICKY.replace("\x07", "\ufffd").replace("\ud800", "\ufffd")  # what XML cannot carry
    assert shown in texts
    assert any(t.startswith("12 biskept " + shown + "xyz") for t in texts)
    authors = {el.get(f"{{{W}}}author") for el in body.iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert authors == {AUTHOR.author}
    ins = next(el for el in body.iter(f"{{{W}}}ins") if el.find("w:r/w:tab", NS) is not None)
    assert ins.find("w:r/w:br", NS) is not None  # "x\ty\nz": a tab and a line break
    comments = etree.fromstring(parts["word/comments.xml"])
    first = comments.find("w:comment", NS)
    assert first.get(f"{{{W}}}author") == 'Saint Kitts & Nevis "quoted"\tmore'
    lines = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in first.findall("w:p", NS)]
    assert lines == ["line one & <two>", "linetwo", "three"]
    ids = [el.get(f"{{{W}}}id") for el in body.iter() if el.get(f"{{{W}}}id") is not None and
           etree.QName(el).localname in ("ins", "del", "bookmarkStart", "commentRangeStart")]
    assert len(ids) == len(set(ids))  # one counter for every kind of id
