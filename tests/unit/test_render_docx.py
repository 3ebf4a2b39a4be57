"""The Word renderer: every requirement of a draft, checked in the XML of the rendered bytes."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting.render.docx import bookmark_name, clause_map, render_docx
from drafting.render.docx.revisions import revision_date
from drafting.render.draft import Draft, Mark, Note, Paragraph, Run, Table
from tests.ooxml import accept_all_text, reject_all_text, validate_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
BRA = Mark("Brasil, Argentina, Uruguay (MERCOSUR)", "2024-09-12")
MEX = Mark("México", "2024-09-14T10:30:00Z")
CHL = Mark("Chile", "2024-09-13")
LONG_ID = "quality-asylum-registration-procedures-in-border-areas"


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def make_draft(kind: str, blocks: Sequence[Paragraph | Table], **kw: str) -> Draft:
    fields = {
        "kind": kind,
        "lang": "en",
        "document_id": "declaration",
        "title": "Cartagena +40 Declaration",
        "symbol": "C40/DPA/L.1",
        "version_label": "Rev.1",
        "status_label": "Compilation text",
        "language_name": "English",
        "original": "Original: Spanish",
        "generated": "28 November 2026, 06:45",
    }
    fields.update(kw)
    return Draft(page_words=("Page", "of"), blocks=tuple(blocks), **fields)  # type: ignore[arg-type]


def clean_draft() -> Draft:
    return make_draft(
        "clean",
        [
            Paragraph(runs=(Run("Preamble"),), style="section"),
            Paragraph(
                runs=(Run("Recognizing the achievements of the Cartagena Declaration,"),),
                anchor="pp-recognizing",
            ),
            Paragraph(runs=(Run("Operative part"),), style="section"),
            Paragraph(
                runs=(Run("Strengthen national asylum systems"),),
                number="1.",
                anchor="quality-asylum",
                label="[Agreed ad ref]",
            ),
            Paragraph(runs=(Run("Registration of all persons"),), number="(a)", level=1, anchor=LONG_ID),
            Paragraph(
                runs=(
                    Run("Interviews in the "),
                    Run("person's", italic=True),
                    Run(" language"),
                ),
                number="(i)",
                level=2,
                anchor="quality-asylum-interviews",
            ),
            Paragraph(runs=(Run("Quality Asylum programme"),), style="heading", anchor="programme-heading"),
            Paragraph(runs=(Run("Promote regional cooperation"),), number="2.", anchor="regional"),
        ],
        status_label="Clean text",
    )


def compilation_draft() -> Draft:
    return make_draft(
        "compilation",
        [
            Paragraph(
                runs=(
                    Run("Strengthen national "),
                    Run("asylum", change="del", mark=MEX),
                    Run(
                        "protection",
                        change="ins",
                        mark=BRA,
                        notes=(Note("Brasil", "2024-09-12", "Coherence with the Brazil Plan", "BR"),),
                    ),
                    Run(" systems."),
                ),
                number="1.",
                anchor="quality-asylum",
            ),
            Paragraph(
                runs=(Run("A new paragraph on statelessness"),),
                number="1 bis",
                anchor="statelessness",
                mark_change="ins",
                mark=MEX,
                notes=(Note("México", "2024-09-14", "Rationale of the new paragraph"),),
            ),
            Paragraph(
                runs=(Run("An outdated paragraph"),),
                number="2.",
                anchor="outdated",
                mark_change="del",
                mark=BRA,
            ),
            Paragraph(runs=(Run("Promote regional cooperation"),), number="3.", anchor="regional"),
            Paragraph(
                runs=(Run("Promote regional and international cooperation"),),
                style="alternative",
                number="Alt. 1",
                mark_change="ins",
                mark=CHL,
            ),
            Paragraph(runs=(Run("Final clause"),), number="4.", anchor="final"),
        ],
    )


def synoptic_draft() -> Draft:
    def cell(*runs: Run) -> tuple[Paragraph, ...]:
        return (Paragraph(runs=runs, style="cell"),)

    return make_draft(
        "synoptic",
        [
            Table(
                header=("No.", "Text of Rev.1", "Proposals", "Status"),
                widths=(1, 4, 4, 2),
                anchors=("quality-asylum", "regional"),
                rows=(
                    (
                        cell(Run("1.")),
                        cell(Run("Strengthen national asylum systems")),
                        cell(
                            Run("Strengthen national "),
                            Run("asylum", change="del", mark=MEX),
                            Run(
                                "protection",
                                change="ins",
                                mark=BRA,
                                notes=(Note("Brasil", "2024-09-12", "Why"),),
                            ),
                            Run(" systems"),
                        ),
                        cell(Run("Submitted")),
                    ),
                    (cell(Run("2.")), cell(Run("Promote cooperation")), (), cell(Run("Agreed"))),
                ),
            ),
        ],
        status_label="Synoptic table",
    )


def parts(docx: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))}


def body_paragraphs(doc: etree._Element) -> list[etree._Element]:
    return list(doc.findall("w:body/w:p", NS))


def para_with_text(doc: etree._Element, text: str) -> etree._Element:
    for p in doc.iter(q("w:p")):
        if text in "".join(p.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS)):
            return p
    raise AssertionError(f"no paragraph with {text!r}")


@pytest.fixture(scope="module")
def clean_docx() -> bytes:
    return render_docx(clean_draft())


@pytest.fixture(scope="module")
def compilation_docx() -> bytes:
    return render_docx(compilation_draft())


@pytest.fixture(scope="module")
def synoptic_docx() -> bytes:
    return render_docx(synoptic_draft())


# -- every draft ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["clean_docx", "compilation_docx", "synoptic_docx"])
def test_passes_schema_and_revision_checks(name: str, request: pytest.FixtureRequest) -> None:
    assert validate_docx(request.getfixturevalue(name)) == []


def test_a4_portrait_with_margins(clean_docx: bytes) -> None:
    doc = parts(clean_docx)["word/document.xml"]
    size = doc.find("w:body/w:sectPr/w:pgSz", NS)
    assert size is not None
    assert (size.get(q("w:w")), size.get(q("w:h"))) == ("11906", "16838")
    margins = doc.find("w:body/w:sectPr/w:pgMar", NS)
    assert margins is not None and all(
        int(margins.get(q(f"w:{s}"))) >= 1134 for s in ("left", "right", "top", "bottom")
    )


def test_synoptic_is_a4_landscape(synoptic_docx: bytes) -> None:
    size = parts(synoptic_docx)["word/document.xml"].find("w:body/w:sectPr/w:pgSz", NS)
    assert size is not None
    assert (size.get(q("w:w")), size.get(q("w:h")), size.get(q("w:orient"))) == (
        "16838",
        "11906",
        "landscape",
    )


def test_font_and_language_defaults(clean_docx: bytes) -> None:
    styles = parts(clean_docx)["word/styles.xml"]
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts is not None and fonts.get(q("w:ascii")) == "Times New Roman"
    size = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)
    assert size is not None and size.get(q("w:val")) == "24"


def test_header_and_footer(clean_docx: bytes) -> None:
    xml = parts(clean_docx)
    header = next(v for k, v in xml.items() if k.startswith("word/header"))
    footer = next(v for k, v in xml.items() if k.startswith("word/footer"))
    header_text = "".join(header.xpath("//w:t/text()", namespaces=NS))
    assert "C40/DPA/L.1" in header_text and "Rev.1" in header_text
    assert "Clean text" in header_text and "English" in header_text
    footer_text = "".join(footer.xpath("//w:t/text()", namespaces=NS))
    assert "28 November 2026, 06:45" in footer_text and "Original: Spanish" in footer_text
    assert "Page " in footer_text and " of " in footer_text
    instructions = [t.strip() for t in footer.xpath("//w:instrText/text()", namespaces=NS)]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert len(footer.xpath("//w:fldChar", namespaces=NS)) == 6
    # the section points at both parts
    sect = xml["word/document.xml"].find("w:body/w:sectPr", NS)
    assert sect is not None and sect.find("w:headerReference", NS) is not None
    assert sect.find("w:footerReference", NS) is not None


def test_version_label_not_repeated_when_in_symbol() -> None:
    docx = render_docx(make_draft("clean", [], symbol="C40/DPA/L.1/Rev.1"))
    header = next(v for k, v in parts(docx).items() if k.startswith("word/header"))
    assert "".join(header.xpath("//w:t/text()", namespaces=NS)).count("Rev.1") == 1


def test_title_block_first(clean_docx: bytes) -> None:
    paras = body_paragraphs(parts(clean_docx)["word/document.xml"])
    texts = ["".join("\n" if el.tag == q("w:br") else el.text for el in p.iter(q("w:t"), q("w:br")))
             for p in paras[:2]]
    assert texts == ["Cartagena +40 Declaration", "Rev.1 — Clean text\n28 November 2026, 06:45"]
    assert paras[0].find("w:pPr/w:pStyle", NS).get(q("w:val")) == "DraftTitle"


# -- numbering, styles, labels --------------------------------------------------------------------


def test_numbers_are_literal_text_then_tab(clean_docx: bytes) -> None:
    doc = parts(clean_docx)["word/document.xml"]
    assert not doc.xpath("//w:numPr", namespaces=NS)
    p = para_with_text(doc, "Strengthen national asylum systems")
    first_run = p.find("w:r", NS)
    assert first_run is not None
    assert first_run.findtext("w:t", namespaces=NS) == "1." and first_run.find("w:tab", NS) is not None
    sub = para_with_text(doc, "Registration of all persons")
    assert sub.find("w:r/w:t", NS).text == "(a)"
    assert sub.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "DraftClause1"


def test_hanging_indent_grows_per_level(clean_docx: bytes) -> None:
    styles = parts(clean_docx)["word/styles.xml"]

    def ind(style: str) -> tuple[int, int]:
        el = styles.find(f"w:style[@w:styleId='{style}']/w:pPr/w:ind", NS)
        assert el is not None
        return int(el.get(q("w:left"))), int(el.get(q("w:hanging")))

    (l0, h0), (l1, h1), (l2, _) = ind("DraftClause0"), ind("DraftClause1"), ind("DraftClause2")
    assert h0 > 0 and h1 > 0 and l0 < l1 < l2


def test_heading_bold_section_centred(clean_docx: bytes) -> None:
    styles = parts(clean_docx)["word/styles.xml"]
    assert styles.find("w:style[@w:styleId='DraftHeading']/w:rPr/w:b", NS) is not None
    assert styles.find("w:style[@w:styleId='DraftSection']/w:rPr/w:b", NS) is not None
    jc = styles.find("w:style[@w:styleId='DraftSection']/w:pPr/w:jc", NS)
    assert jc is not None and jc.get(q("w:val")) == "center"
    doc = parts(clean_docx)["word/document.xml"]
    heading = para_with_text(doc, "Quality Asylum programme")
    assert heading.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "DraftHeading"
    assert heading.find("w:r/w:tab", NS) is None  # unnumbered


def test_every_used_style_is_defined(compilation_docx: bytes, synoptic_docx: bytes) -> None:
    for docx in (compilation_docx, synoptic_docx):
        xml = parts(docx)
        defined = set(xml["word/styles.xml"].xpath("//w:style/@w:styleId", namespaces=NS))
        used = set()
        for root in xml.values():
            used |= set(root.xpath("//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS))
        assert used <= defined, used - defined


def test_status_label_in_italics_after_text(clean_docx: bytes) -> None:
    doc = parts(clean_docx)["word/document.xml"]
    p = para_with_text(doc, "Strengthen national asylum systems")
    last = p.findall("w:r", NS)[-1]
    assert last.findtext("w:t", namespaces=NS) == " [Agreed ad ref]"
    assert last.find("w:rPr/w:rStyle", NS).get(q("w:val")) == "DraftLabel"
    styles = parts(clean_docx)["word/styles.xml"]
    assert styles.find("w:style[@w:styleId='DraftLabel']/w:rPr/w:i", NS) is not None


def test_clean_draft_has_no_revisions(clean_docx: bytes) -> None:
    doc = parts(clean_docx)["word/document.xml"]
    assert not doc.xpath("//w:ins | //w:del | //w:delText", namespaces=NS)
    assert accept_all_text(clean_docx) == reject_all_text(clean_docx)


# -- bookmarks and the clause map -----------------------------------------------------------------


def test_bookmark_names() -> None:
    assert bookmark_name("quality-asylum") == "c_quality_asylum"
    long_name = bookmark_name(LONG_ID)
    assert len(long_name) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", long_name)
    assert long_name != bookmark_name(LONG_ID + "-x")
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", bookmark_name("odd id/with.chars"))


def test_each_anchor_bookmarked_and_mapped(clean_docx: bytes) -> None:
    doc = parts(clean_docx)["word/document.xml"]
    starts = doc.xpath("//w:bookmarkStart", namespaces=NS)
    names = [b.get(q("w:name")) for b in starts]
    assert "c_quality_asylum" in names and "c_pp_recognizing" in names
    mapping = clause_map(clean_docx)
    assert mapping["c_quality_asylum"] == "quality-asylum"
    assert mapping[bookmark_name(LONG_ID)] == LONG_ID
    assert set(mapping) == set(names)
    # the bookmark wraps the clause's own paragraph
    p = para_with_text(doc, "Registration of all persons")
    start = p.find("w:bookmarkStart", NS)
    assert start is not None and start.get(q("w:name")) == bookmark_name(LONG_ID)
    assert p.find(f"w:bookmarkEnd[@w:id='{start.get(q('w:id'))}']", NS) is not None


def test_clause_map_part_is_related(clean_docx: bytes) -> None:
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    xml = parts(clean_docx)
    rels = xml["word/_rels/document.xml.rels"]
    # the template's bibliography is a custom XML part too; the clause map is the other one
    related = {posixpath.normpath(posixpath.join("word", r.get("Target"))): r for r in rels
               if r.get("Type") == rt + "customXml"}
    maps = [name for name in related if xml[name].tag == "{urn:drafting:clause-map:1}clauses"]
    assert len(maps) == 1 and related[maps[0]].get("TargetMode") is None
    name = maps[0]
    assert re.fullmatch(r"customXml/item\d+\.xml", name)
    root = xml[name]
    assert (root.get("document"), root.get("kind"), root.get("lang")) == ("declaration", "clean", "en")
    entries = {c.get("bookmark"): c.get("id") for c in root}
    assert entries and entries == clause_map(clean_docx)
    # its properties part: related with the customXmlProps type, naming the map's namespace, typed
    props_name = name.replace("/item", "/itemProps")
    item_rels = list(xml[name.replace("customXml/", "customXml/_rels/") + ".rels"])
    assert [(r.get("Type"), r.get("Target")) for r in item_rels] == [
        (rt + "customXmlProps", posixpath.basename(props_name))]
    ds = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
    props = xml[props_name]
    assert props.tag == ds + "datastoreItem"
    assert [r.get(ds + "uri") for r in props.iter(ds + "schemaRef")] == ["urn:drafting:clause-map:1"]
    types = {o.get("PartName"): o.get("ContentType") for o in xml["[Content_Types].xml"]}
    assert types["/" + props_name] == "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def test_table_rows_bookmarked(synoptic_docx: bytes) -> None:
    mapping = clause_map(synoptic_docx)
    assert mapping == {"c_quality_asylum": "quality-asylum", "c_regional": "regional"}
    doc = parts(synoptic_docx)["word/document.xml"]
    assert doc.xpath("//w:tc//w:bookmarkStart[@w:name='c_regional']", namespaces=NS)


# -- tracked changes ------------------------------------------------------------------------------


def test_run_insertions_and_deletions_attributed(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    p = para_with_text(doc, "Strengthen national ")
    dels = p.findall("w:del", NS)
    ins = p.findall("w:ins", NS)
    assert [d.get(q("w:author")) for d in dels] == ["México"]
    assert dels[0].get(q("w:date")) == "2024-09-14T10:30:00Z"
    assert dels[0].findtext("w:r/w:delText", namespaces=NS) == "asylum"
    assert dels[0].find(".//w:t", NS) is None
    assert ins[0].get(q("w:author")) == "Brasil, Argentina, Uruguay (MERCOSUR)"
    assert ins[0].get(q("w:date")) == "2024-09-12T00:00:00Z"
    assert ins[0].findtext("w:r/w:t", namespaces=NS) == "protection"
    t = ins[0].find("w:r/w:t", NS)
    assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_inserted_paragraph_fully_tracked(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    p = para_with_text(doc, "A new paragraph on statelessness")
    mark = p.find("w:pPr/w:rPr/w:ins", NS)
    assert mark is not None and mark.get(q("w:author")) == "México" and mark.get(q("w:id"))
    # no text outside the insertion: number, tab, text
    assert not p.xpath("./w:r[w:t or w:tab]", namespaces=NS)
    texts = p.xpath("./w:ins/w:r/w:t/text()", namespaces=NS)
    assert texts == ["1 bis", "A new paragraph on statelessness"]
    assert p.xpath("./w:ins/w:r/w:tab", namespaces=NS)


def test_deleted_paragraph_fully_tracked(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    p = para_with_text(doc, "An outdated paragraph")
    mark = p.find("w:pPr/w:rPr/w:del", NS)
    assert mark is not None and mark.get(q("w:author")).startswith("Brasil")
    assert not p.xpath(".//w:t", namespaces=NS)
    assert p.xpath("./w:del/w:r/w:delText/text()", namespaces=NS) == ["2.", "An outdated paragraph"]


def test_alternative_is_attributed_insertion(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    p = para_with_text(doc, "Promote regional and international cooperation")
    assert p.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "DraftAlternative0"
    assert p.find("w:pPr/w:rPr/w:ins", NS).get(q("w:author")) == "Chile"


def test_accept_and_reject_views(compilation_docx: bytes) -> None:
    accepted = accept_all_text(compilation_docx)
    rejected = reject_all_text(compilation_docx)
    # after the title block (title, then version — status)
    assert accepted[2:] == [
        "1.\tStrengthen national protection systems.",
        "1 bis\tA new paragraph on statelessness",
        "3.\tPromote regional cooperation",
        "4.\tFinal clause",
    ]  # an alternative is not text: its paragraph style sets it aside
    assert rejected[2:] == [
        "1.\tStrengthen national asylum systems.",
        "2.\tAn outdated paragraph",
        "3.\tPromote regional cooperation",
        "4.\tFinal clause",
    ]


def test_all_ids_unique_across_kinds(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    revision = doc.xpath("//w:ins/@w:id | //w:del/@w:id", namespaces=NS)
    bookmarks = doc.xpath("//w:bookmarkStart/@w:id", namespaces=NS)
    comments = doc.xpath("//w:commentRangeStart/@w:id", namespaces=NS)
    every = revision + bookmarks + comments
    assert revision and bookmarks and comments
    assert len(every) == len(set(every))


def test_revision_dates() -> None:
    assert revision_date("2024-09-12") == "2024-09-12T00:00:00Z"
    assert revision_date("2024-09-12T10:30:00Z") == "2024-09-12T10:30:00Z"
    assert revision_date("2024-09-12T10:30:00+02:00") == "2024-09-12T08:30:00Z"
    assert revision_date("yesterday") is None and revision_date("") is None


def test_missing_author_or_bad_date_still_valid() -> None:
    docx = render_docx(
        make_draft(
            "compilation",
            [
                Paragraph(
                    runs=(Run("x", change="ins", mark=Mark("", "not a date")), Run("y", change="del")),
                    number="1.",
                ),
            ],
        )
    )
    assert validate_docx(docx) == []
    ins = parts(docx)["word/document.xml"].find(".//w:ins", NS)
    assert ins.get(q("w:author")) and ins.get(q("w:date")) is None


# -- comments -------------------------------------------------------------------------------------


def test_comments_part_and_entries(compilation_docx: bytes) -> None:
    xml = parts(compilation_docx)
    comments = xml["word/comments.xml"].findall("w:comment", NS)
    by_text = {"".join(c.xpath(".//w:t/text()", namespaces=NS)): c for c in comments}
    run_note = by_text["Coherence with the Brazil Plan"]
    assert run_note.get(q("w:author")) == "Brasil" and run_note.get(q("w:initials")) == "BR"
    assert run_note.get(q("w:date")) == "2024-09-12T00:00:00Z"
    para_note = by_text["Rationale of the new paragraph"]
    assert para_note.get(q("w:author")) == "México" and para_note.get(q("w:initials")) == "M"
    types = etree.tostring(xml["[Content_Types].xml"]).decode()
    assert "wordprocessingml.comments+xml" in types
    rels = xml["word/_rels/document.xml.rels"]
    assert any(r.get("Target") == "comments.xml" and r.get("Type", "").endswith("/comments") for r in rels)


def test_comment_ranges_outside_revisions_and_paired(compilation_docx: bytes) -> None:
    xml = parts(compilation_docx)
    doc = xml["word/document.xml"]
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in doc.iter(q(f"w:{tag}")):
            assert el.getparent().tag == q("w:p"), f"{tag} must be a child of the paragraph"
    p = para_with_text(doc, "Strengthen national ")
    children = [etree.QName(c).localname for c in p]
    start, end = children.index("commentRangeStart"), children.index("commentRangeEnd")
    assert children[start + 1] == "ins" and end == start + 2  # the range is exactly the inserted run
    ref = p.xpath("./*[position()>$n]//w:commentReference", n=end + 1, namespaces=NS)
    assert ref and ref[0].get(q("w:id")) == p[start].get(q("w:id"))
    ids = {c.get(q("w:id")) for c in xml["word/comments.xml"].findall("w:comment", NS)}
    assert {el.get(q("w:id")) for el in doc.iter(q("w:commentReference"))} == ids


def test_paragraph_comment_spans_the_paragraph(compilation_docx: bytes) -> None:
    doc = parts(compilation_docx)["word/document.xml"]
    p = para_with_text(doc, "A new paragraph on statelessness")
    children = [etree.QName(c).localname for c in p]
    assert children[:3] == ["pPr", "bookmarkStart", "commentRangeStart"]
    assert children[-3:] == ["commentRangeEnd", "ins", "bookmarkEnd"]  # the reference goes with the paragraph
    assert p[-2].find("w:r/w:commentReference", NS) is not None


# -- tables ---------------------------------------------------------------------------------------


def test_synoptic_table(synoptic_docx: bytes) -> None:
    doc = parts(synoptic_docx)["word/document.xml"]
    tbl = doc.find("w:body/w:tbl", NS)
    assert tbl is not None
    assert tbl.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    borders = tbl.find("w:tblPr/w:tblBorders", NS)
    assert borders is not None and borders.find("w:insideV", NS) is not None
    widths = [int(c.get(q("w:w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert len(widths) == 4 and sum(widths) == 16838 - 2 * 1418
    assert (
        widths[1] == widths[2] and abs(widths[1] - 4 * widths[0]) <= 4 and abs(widths[3] - 2 * widths[0]) <= 4
    )
    header = ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in tbl.findall("w:tr[1]/w:tc", NS)]
    assert header == ["No.", "Text of Rev.1", "Proposals", "Status"]
    for tc in tbl.iter(q("w:tc")):
        assert tc.find("w:p", NS) is not None  # Word needs a paragraph in every cell
    cell = tbl.find("w:tr[2]/w:tc[3]", NS)
    assert cell.findtext(".//w:del/w:r/w:delText", namespaces=NS) == "asylum"
    assert cell.find(".//w:ins", NS).get(q("w:author")).startswith("Brasil")
    assert cell.find(".//w:commentRangeStart", NS) is not None


def test_table_cells_in_views(synoptic_docx: bytes) -> None:
    assert "Strengthen national protection systems" in accept_all_text(synoptic_docx)
    assert "Strengthen national asylum systems" in reject_all_text(synoptic_docx)


# -- texts are data -------------------------------------------------------------------------------


def test_hostile_text_is_literal_and_control_chars_replaced() -> None:
    hostile = "<script>alert(1)</script> & {{ 7*7 }} \x01\x0b\ufffe\ud800 end"
    docx = render_docx(
        make_draft(
            "compilation",
            [
                Paragraph(
                    runs=(
                        Run(hostile),
                        Run("<b>&amp;</b>", change="ins", mark=Mark("A & <B>", "2024-01-01")),
                    ),
                    number="1.",
                    anchor="x",
                    notes=(Note("<Eve>", "2024-01-01", "{{ 7*7 }} & <i>"),),
                ),
            ],
            title="<Title> & {{ x }}",
        )
    )
    assert validate_docx(docx) == []
    text = "\n".join(accept_all_text(docx))
    assert "<script>alert(1)</script> & {{ 7*7 }} \ufffd\ufffd\ufffd\ufffd end" in text
    assert "<b>&amp;</b>" in text and "<Title> & {{ x }}" in text
    xml = parts(docx)
    assert xml["word/document.xml"].find(".//w:ins", NS).get(q("w:author")) == "A & <B>"
    assert "{{ 7*7 }} & <i>" in "".join(xml["word/comments.xml"].xpath("//w:t/text()", namespaces=NS))


def test_tabs_and_line_breaks_in_runs() -> None:
    docx = render_docx(make_draft("clean", [Paragraph(runs=(Run("a\tb\nc"),), number="1.")]))
    assert validate_docx(docx) == []
    assert accept_all_text(docx)[-1] == "1.\ta\tb\nc"


def test_empty_draft() -> None:
    docx = render_docx(make_draft("clean", []))
    assert validate_docx(docx) == []


# -- the checker itself ---------------------------------------------------------------------------


def _mutate(docx: bytes, old: str, new: str, count: int = -1) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/document.xml":
                text = data.decode()
                assert old in text
                data = text.replace(old, new, count).encode()
            zout.writestr(name, data)
    return out.getvalue()


def test_checker_catches_broken_revisions(compilation_docx: bytes) -> None:
    deleted_as_t = _mutate(compilation_docx, "w:delText", "w:t")
    assert any("w:t inside a deletion" in p for p in validate_docx(deleted_as_t, schema=False))
    document = zipfile.ZipFile(io.BytesIO(compilation_docx)).read("word/document.xml").decode()
    bookmark = re.search(r'w:bookmarkStart w:id="(\d+)"', document).group(1)  # type: ignore[union-attr]
    revision = re.search(r'<w:ins w:id="(\d+)"', document).group(1)  # type: ignore[union-attr]
    collision = _mutate(compilation_docx, f'<w:ins w:id="{revision}"', f'<w:ins w:id="{bookmark}"', 1)
    assert any("used 2 times" in p for p in validate_docx(collision, schema=False))
    unpaired = _mutate(compilation_docx, "<w:commentRangeEnd", "<w:bookmarkEnd", 1)
    assert any("comment" in p for p in validate_docx(unpaired, schema=False))
    no_author = _mutate(compilation_docx, 'w:author="México"', 'w:x="1"', 1)
    assert any("without w:author" in p for p in validate_docx(no_author, schema=False))
    nested = _edit(compilation_docx, _nest_insertion)
    assert any("inside another insertion" in p for p in validate_docx(nested, schema=False))


def _edit(docx: bytes, change: Callable[[etree._Element], None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root)
            zout.writestr(name, data)
    return out.getvalue()


def _nest_insertion(root: etree._Element) -> None:
    run = root.find(".//w:ins/w:r", NS)
    assert run is not None
    inner = etree.Element(q("w:ins"), {q("w:id"): "99999", q("w:author"): "x"})
    run.addprevious(inner)
    inner.append(run)


# -- scale and LibreOffice ------------------------------------------------------------------------


def test_ten_thousand_paragraphs() -> None:
    blocks = [
        Paragraph(
            runs=(
                Run("Strengthen national asylum systems in the region and "),
                Run("old words", change="del", mark=MEX),
                Run("new words", change="ins", mark=BRA),
                Run(" the rest of the clause."),
            ),
            number=f"{i + 1}.",
            anchor=f"clause-{i}",
            label="[Agreed ad ref]" if i % 3 == 0 else "",
        )
        for i in range(10_000)
    ]
    draft = make_draft("compilation", blocks)
    docx = render_docx(draft)  # its speed is measured by make bench, not here
    assert len(clause_map(docx)) == 10_000


@pytest.mark.slow
def test_opens_in_libreoffice(tmp_path: Path, compilation_docx: bytes) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) not installed")
    path = tmp_path / "draft.docx"
    path.write_bytes(compilation_docx)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Page 1 of 1" in text and "Original: Spanish" in text and "C40/DPA/L.1" in text
