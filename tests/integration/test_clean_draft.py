"""The clean draft of the bundled example, compiled in Spanish and English and read back from the files:
Word (A4, header, footer, numbers as text, a bookmark per clause, status marks, valid OOXML), HTML and
Markdown (the same clause texts, delegations' text escaped, never evaluated)."""

from __future__ import annotations

import html
import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting import api
from drafting.model import Workspace
from drafting.render.docx import clause_map
from drafting.store.load import load_workspace
from drafting.store.source import DiskSource
from tests.ooxml import validate_docx

REPO = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(local: str) -> str:
    return f"{{{W}}}{local}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    shutil.copy(REPO / "negotiation.yaml", root)
    shutil.copytree(REPO / "drafts", root / "drafts")
    shutil.copytree(REPO / "amendments", root / "amendments")
    shutil.copytree(REPO / "precedents", root / "precedents")
    return root


@pytest.fixture(scope="module")
def model(workspace: Path) -> Workspace:
    ws, problems = load_workspace(DiskSource(workspace))
    assert problems == []
    return ws


@pytest.fixture(scope="module")
def drafts(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every clean draft, docx/html/md, es and en: {file name: path}."""
    out = tmp_path_factory.mktemp("out")
    mp = pytest.MonkeyPatch()
    mp.setenv("DRAFTING_NOW", "2024-12-02T17:05:00")
    try:
        paths = []
        for lang in ("es", "en"):
            paths += api.compile_drafts(str(workspace), kind="clean", lang=lang, fmt="all", out=str(out))
    finally:
        mp.undo()
    return {p.name: p for p in paths}


def part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return etree.fromstring(zf.read(name))


def parts_named(docx: bytes, prefix: str) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return [etree.fromstring(zf.read(n)) for n in zf.namelist() if n.startswith(prefix) and n.endswith(".xml")]


def text_of(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def clause_paragraphs(docx: bytes) -> dict[str, etree._Element]:
    """Clause id (through the clause map) -> the paragraph holding its bookmark."""
    names = clause_map(docx)
    out = {}
    for p in part(docx, "word/document.xml").iter(q("p")):
        for b in p.iter(q("bookmarkStart")):
            out[names[b.get(q("name"))]] = p
    return out


def number_run(p: etree._Element) -> str:
    """The text of the paragraph's number run (style DraftNumber), or ''."""
    for r in p.iter(q("r")):
        style = r.find("w:rPr/w:rStyle", NS)
        if style is not None and style.get(q("val")) == "DraftNumber":
            return text_of(r)
    return ""


def clause_ids(ws: Workspace, doc_id: str) -> list[str]:
    return [p.clause.id for p in ws.placements() if p.document.id == doc_id]


# ------------------------------------------------------------------------------ the files

def test_one_file_per_document_language_and_format(drafts: dict[str, Path]) -> None:
    assert sorted(drafts) == sorted(f"{doc}-clean-{lang}.{fmt}" for doc in ("declaration", "plan-of-action")
                                    for lang in ("es", "en") for fmt in ("docx", "html", "md"))
    for path in drafts.values():
        assert path.stat().st_size > 0


@pytest.mark.parametrize("name", ["declaration-clean-en.docx", "declaration-clean-es.docx",
                                  "plan-of-action-clean-en.docx", "plan-of-action-clean-es.docx"])
def test_word_files_pass_the_ooxml_checks(drafts: dict[str, Path], name: str) -> None:
    assert validate_docx(drafts[name].read_bytes()) == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a4(drafts: dict[str, Path], lang: str) -> None:
    doc = part(drafts[f"declaration-clean-{lang}.docx"].read_bytes(), "word/document.xml")
    sizes = doc.findall(".//w:sectPr/w:pgSz", NS)
    assert sizes, "no page size"
    for size in sizes:
        assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
        assert size.get(q("orient")) in (None, "portrait")


@pytest.mark.parametrize("lang, kind, language", [("en", "Clean text", "English"), ("es", "Texto limpio", "español")])
def test_header(drafts: dict[str, Path], lang: str, kind: str, language: str) -> None:
    headers = parts_named(drafts[f"declaration-clean-{lang}.docx"].read_bytes(), "word/header")
    text = " ".join(text_of(h) for h in headers)
    assert "C40/DPA/L.1" in text
    assert kind in text
    assert language in text
    assert ("Zero draft" if lang == "en" else "Borrador cero") in text  # the version label


@pytest.mark.parametrize("lang, original, date", [("en", "Original: Spanish", "2 December 2024"),
                                                  ("es", "Original: español", "2 de diciembre de 2024")])
def test_footer(drafts: dict[str, Path], lang: str, original: str, date: str) -> None:
    footers = parts_named(drafts[f"declaration-clean-{lang}.docx"].read_bytes(), "word/footer")
    assert footers
    text = " ".join(text_of(f) for f in footers)
    assert original in text
    assert date in text and "17:05" in text
    fields = [" ".join((i.text or "").split()) for f in footers for i in f.iter(q("instrText"))]
    fields += [f2.get(q("instr"), "").strip() for f in footers for f2 in f.iter(q("fldSimple"))]
    assert "PAGE" in fields and "NUMPAGES" in fields


@pytest.mark.parametrize("lang", ["es", "en"])
def test_numbers_are_text_not_word_lists(drafts: dict[str, Path], lang: str) -> None:
    for doc in ("declaration", "plan-of-action"):
        data = drafts[f"{doc}-clean-{lang}.docx"].read_bytes()
        body = part(data, "word/document.xml")
        stories = [body, *parts_named(data, "word/header"), *parts_named(data, "word/footer")]
        assert all(s.find(".//w:numPr", NS) is None for s in stories)
        # nor through the styles the paragraphs use (python-docx's template has unused list styles)
        styles = {st.get(q("styleId")): st for st in part(data, "word/styles.xml").iter(q("style"))}
        used = {ps.get(q("val")) for s in stories for ps in s.iter(q("pStyle"))}
        assert "DraftClause0" in used
        for name in used:
            while name:
                style = styles[name]
                assert style.find(".//w:numPr", NS) is None, f"style {name} numbers paragraphs"
                based = style.find("w:basedOn", NS)
                name = based.get(q("val")) if based is not None else None


def test_english_numbers(drafts: dict[str, Path], model: Workspace) -> None:
    decl = clause_paragraphs(drafts["declaration-clean-en.docx"].read_bytes())
    assert number_run(decl["op-reaffirm-cartagena"]) == "1"
    assert number_run(decl["op-thanks-chile"]) == "11"
    assert number_run(decl["pp-chapeau"]) == ""  # the preamble is unnumbered
    plan = clause_paragraphs(drafts["plan-of-action-clean-en.docx"].read_bytes())
    assert number_run(plan["poa-1-quality-asylum-systems"]) == "1"
    assert number_run(plan["poa-1-quality-asylum-registration"]) == "(a)"
    assert number_run(plan["poa-1-quality-asylum-differentiated"]) == "(b)"
    assert number_run(plan["poa-1-quality-asylum"]) == ""  # a heading takes no number
    assert text_of(plan["poa-1-quality-asylum"]) == "Quality Asylum Programme"


def test_spanish_numbers(drafts: dict[str, Path]) -> None:
    plan = clause_paragraphs(drafts["plan-of-action-clean-es.docx"].read_bytes())
    assert number_run(plan["poa-1-quality-asylum-systems"]) == "1"
    assert number_run(plan["poa-1-quality-asylum-registration"]) == "a)"
    assert number_run(plan["poa-1-quality-asylum-training"]) == "d)"
    assert number_run(plan["poa-1-quality-asylum-cooperation"]) == "2"


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("doc", ["declaration", "plan-of-action"])
def test_a_bookmark_per_clause(drafts: dict[str, Path], model: Workspace, lang: str, doc: str) -> None:
    data = drafts[f"{doc}-clean-{lang}.docx"].read_bytes()
    names = clause_map(data)
    body = part(data, "word/document.xml")
    starts = [b.get(q("name")) for b in body.iter(q("bookmarkStart"))]
    assert starts == list(names)  # every mapped bookmark is in the text, in document order
    assert list(names.values()) == clause_ids(model, doc)  # one per clause, all of them, in order


@pytest.mark.parametrize("lang", ["es", "en"])
def test_clause_texts_and_brackets_kept(drafts: dict[str, Path], model: Workspace, lang: str) -> None:
    for doc in ("declaration", "plan-of-action"):
        paragraphs = clause_paragraphs(drafts[f"{doc}-clean-{lang}.docx"].read_bytes())
        for p in model.placements():
            if p.document.id == doc:
                assert p.clause.text[lang] in text_of(paragraphs[p.clause.id])
    decl = clause_paragraphs(drafts[f"declaration-clean-{lang}.docx"].read_bytes())
    bracketed = {"en": "[and to apply it in practice]", "es": "[y a aplicarla en la práctica]"}[lang]
    assert bracketed in text_of(decl["op-reaffirm-cartagena"])


@pytest.mark.parametrize("lang, marks", [
    ("en", {"op-access-territory": "[Agreed ad ref]", "op-thanks-chile": "[Agreed]", "op-adopt-plan": "[Held]",
            "pp-international-framework": "[Agreed in informals]"}),
    ("es", {"op-access-territory": "[Acordado ad ref.]", "op-thanks-chile": "[Acordado]"}),
])
def test_status_marks(drafts: dict[str, Path], lang: str, marks: dict[str, str]) -> None:
    decl = clause_paragraphs(drafts[f"declaration-clean-{lang}.docx"].read_bytes())
    for clause_id, mark in marks.items():
        assert text_of(decl[clause_id]).endswith(mark), (clause_id, text_of(decl[clause_id]))
    # a pending clause carries no mark
    assert not re.search(r"\[(Agreed|Acordado|Held|Reservado)", text_of(decl["op-solutions"]))


# ------------------------------------------------------------------------------ HTML and Markdown

def md_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("doc", ["declaration", "plan-of-action"])
def test_html_and_markdown_carry_the_same_clauses(drafts: dict[str, Path], model: Workspace, lang: str,
                                                  doc: str) -> None:
    page = lxml_html.fromstring(drafts[f"{doc}-clean-{lang}.html"].read_bytes())
    md = drafts[f"{doc}-clean-{lang}.md"].read_text(encoding="utf-8")
    md_plain = md_unescape(md)
    for p in model.placements():
        if p.document.id != doc:
            continue
        text = p.clause.text[lang]
        found = page.get_element_by_id(p.clause.id)
        assert text in found.text_content(), p.clause.id
        assert text in md_plain, p.clause.id
        assert f'id="{p.clause.id}"' in md
    head = page.text_content()
    assert "C40/DPA/L.1" in head and ({"en": "Original: Spanish", "es": "Original: español"}[lang] in head)
    assert "C40/DPA/L.1" in md


def test_html_numbers_and_marks(drafts: dict[str, Path]) -> None:
    page = lxml_html.fromstring(drafts["plan-of-action-clean-en.html"].read_bytes())
    assert "(a)" in page.get_element_by_id("poa-1-quality-asylum-registration").text_content()
    page = lxml_html.fromstring(drafts["declaration-clean-en.html"].read_bytes())
    assert "[Agreed ad ref]" in page.get_element_by_id("op-access-territory").text_content()
    md = drafts["declaration-clean-es.md"].read_text(encoding="utf-8")
    assert "[Acordado ad ref.]" in md_unescape(md)


# ------------------------------------------------------------------------------ hostile text

HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% if 1 %}x{% endif %} [between brackets]"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "drafts/d").mkdir(parents=True)
    (root / "negotiation.yaml").write_text(
        "schema: 1\ntitle: {es: \"Prueba <b>\", en: \"Test <b> & co\"}\nsymbol: \"X/L.1 <i>\"\n"
        "original_language: es\nlanguages: [es, en]\ndocuments: [d]\ndelegations: {}\nversions: []\n",
        encoding="utf-8")
    (root / "drafts/d/document.yaml").write_text(
        "id: d\ntitle: {es: \"Documento {{ 7*7 }}\", en: \"Document {{ 7*7 }}\"}\nsections: [ops]\n",
        encoding="utf-8")
    esc = HOSTILE.replace('"', '\\"')
    (root / "drafts/d/ops.yaml").write_text(
        "id: ops\ntitle: {es: \"<h1>Parte</h1>\", en: \"<h1>Part</h1>\"}\nnumbering: arabic\nclauses:\n"
        f"  - id: op-script\n    status: agreed-ad-ref\n    text:\n      es: \"{esc}\"\n      en: \"{esc}\"\n",
        encoding="utf-8")
    assert api.validate(str(root)) == []
    paths = api.compile_drafts(str(root), kind="clean", lang="all", fmt="all", out=str(root / "out"))
    return {p.name: p for p in paths}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_html_escapes_and_never_evaluates(hostile: dict[str, Path], lang: str) -> None:
    raw = hostile[f"d-clean-{lang}.html"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in raw
    assert "<script>alert" not in raw
    assert "<h1>Part" not in raw and "<h1>Parte" not in raw and "<b>" not in raw and "<i>" not in raw
    assert "49" not in raw  # the template syntax is text, not evaluated
    page = lxml_html.fromstring(raw.encode("utf-8"))
    assert page.xpath("//script") == []
    assert HOSTILE in page.get_element_by_id("op-script").text_content()
    assert "Document {{ 7*7 }}" in page.text_content() or "Documento {{ 7*7 }}" in page.text_content()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_markdown_escapes_html(hostile: dict[str, Path], lang: str) -> None:
    md = hostile[f"d-clean-{lang}.md"].read_text(encoding="utf-8")
    assert "<script>" not in md and "<h1>" not in md and "<b>" not in md
    assert "49" not in md
    assert HOSTILE in md_unescape(html.unescape(md))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_word_shows_the_literal_text(hostile: dict[str, Path], lang: str) -> None:
    data = hostile[f"d-clean-{lang}.docx"].read_bytes()
    assert validate_docx(data) == []
    paragraphs = clause_paragraphs(data)
    assert HOSTILE in text_of(paragraphs["op-script"])
    body = part(data, "word/document.xml")
    assert body.find(".//w:script", NS) is None and "49" not in text_of(body)
    headers = " ".join(text_of(h) for h in parts_named(data, "word/header"))
    assert "X/L.1 <i>" in headers
