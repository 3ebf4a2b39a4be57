"""The HTML and Markdown renderers, and the i18n labels they and the layout share."""

from __future__ import annotations

import datetime as dt
import html.parser
from typing import ClassVar

import pytest

from drafting.render import i18n
from drafting.render.draft import Draft, Mark, Note, Paragraph, Run, Table
from drafting.render.html import render_html
from drafting.render.markdown import escape_md, render_md

BRA = Mark("Brasil, Argentina (MERCOSUR)", "2024-09-12")
MEX = Mark("México", "2024-09-14")
HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% if x %}"


def make_draft(kind: str = "compilation", blocks: tuple[Paragraph | Table, ...] = (), **kw: object) -> Draft:
    fields: dict[str, object] = {
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
    fields["page_words"] = ("Page", "of")
    fields.update(kw)
    return Draft(blocks=blocks, **fields)  # type: ignore[arg-type]


def compilation() -> Draft:
    return make_draft(
        blocks=(
            Paragraph(runs=(Run("Operative part"),), style="section"),
            Paragraph(
                runs=(
                    Run("Strengthen national "),
                    Run("asylum", change="del", mark=MEX),
                    Run(
                        "protection",
                        change="ins",
                        mark=BRA,
                        notes=(Note("Brasil", "2024-09-12", "Coherence"),),
                    ),
                    Run(" systems " + HOSTILE),
                ),
                number="1.",
                anchor="quality-asylum",
                label="[Agreed ad ref]",
            ),
            Paragraph(
                runs=(Run("Registration"),), number="(a)", level=1, anchor="quality-asylum-registration"
            ),
            Paragraph(
                runs=(Run("New paragraph"),),
                number="1 bis",
                anchor="new-para",
                mark_change="ins",
                mark=MEX,
                notes=(Note("México", "2024-09-14", "Why a new paragraph"),),
            ),
            Paragraph(
                runs=(Run("Old paragraph"),), number="2.", anchor="old-para", mark_change="del", mark=BRA
            ),
            Paragraph(
                runs=(Run("Other wording"),),
                style="alternative",
                number="Alt. 1",
                mark_change="ins",
                mark=MEX,
            ),
            Paragraph(runs=(Run("Programmes"),), style="heading", anchor="programmes"),
            Table(
                header=("No.", "Text", "Proposals"),
                widths=(1, 3, 3),
                anchors=("quality-asylum-row",),
                rows=(
                    (
                        (Paragraph(runs=(Run("1."),), style="cell"),),
                        (Paragraph(runs=(Run("a | b"),), style="cell"),),
                        (Paragraph(runs=(Run("x", change="ins", mark=BRA),), style="cell"),),
                    ),
                ),
            ),
        )
    )


class _Checker(html.parser.HTMLParser):
    """Records ids and start tags, and fails on unbalanced tags."""

    VOID: ClassVar[set[str]] = {"meta", "br", "col", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if "id" in dict(attrs):
            self.ids.append(dict(attrs)["id"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(compilation()).decode("utf-8")


@pytest.fixture(scope="module")
def parsed(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    return checker


# -- HTML -----------------------------------------------------------------------------------------


def test_html_standalone_page(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page and "<style>" in page and "size: A4" in page
    assert "<script" not in page.replace("&lt;script&gt;", "")


def test_html_escapes_texts(page: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} {% if x %}" in page
    assert "49" not in page


def test_html_header_footer(page: str) -> None:
    for text in (
        "C40/DPA/L.1",
        "Compilation text — English",
        "Rev.1",
        "28 November 2026, 06:45",
        "Original: Spanish",
        "Cartagena +40 Declaration",
    ):
        assert text in page
    assert "counter(page)" in page and "counter(pages)" in page


def test_html_changes_attributed(parsed: _Checker) -> None:
    ins = [a for tag, a in parsed.tags if tag == "ins"]
    dels = [a for tag, a in parsed.tags if tag == "del"]
    assert any(a["title"] == "Brasil, Argentina (MERCOSUR), 2024-09-12" for a in ins)
    assert any(a["data-author"] == "México" and "chg del" in (a["class"] or "") for a in dels)
    # one colour class per author, the same for the same author
    classes = {a["data-author"]: (a["class"] or "").split()[-1] for a in ins + dels}
    assert classes["México"] != classes["Brasil, Argentina (MERCOSUR)"]
    assert all(c.startswith("by-") for c in classes.values())


def test_html_ids_are_clause_ids(parsed: _Checker) -> None:
    assert {
        "quality-asylum",
        "quality-asylum-registration",
        "new-para",
        "old-para",
        "programmes",
        "quality-asylum-row",
    } <= set(parsed.ids)
    assert len(parsed.ids) == len(set(parsed.ids))


def test_html_whole_paragraph_changes(page: str) -> None:
    assert 'class="clause level-0 para-ins" id="new-para"' in page
    assert '<span class="num">1 bis</span>New paragraph</ins>' in page
    assert '<span class="num">2.</span>Old paragraph</del>' in page


def test_html_notes_and_labels(page: str) -> None:
    assert 'href="#_note1"' in page and 'id="_note1"' in page and "Coherence" in page
    assert "Why a new paragraph" in page
    assert '<span class="label"> [Agreed ad ref]</span>' in page


def test_html_table(page: str, parsed: _Checker) -> None:
    assert '<thead><tr><th scope="col">No.</th>' in page
    widths = [a["style"] for tag, a in parsed.tags if tag == "col"]
    assert widths == ["width: 14.29%", "width: 42.86%", "width: 42.86%"]
    assert "a | b" in page


def test_html_css_page_words_are_escaped() -> None:
    page = render_html(make_draft(page_words=('Pa"ge</style>', "of"))).decode()
    assert "</style>" not in page.split("<style>", 1)[1].split("</style>", 1)[0]


def test_html_control_characters_replaced() -> None:
    page = render_html(make_draft(blocks=(Paragraph(runs=(Run("a\x01b\ud800c"),)),))).decode()
    assert "a\ufffdb\ufffdc" in page


# -- Markdown -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def md() -> str:
    return render_md(compilation()).decode("utf-8")


def test_md_header_and_title(md: str) -> None:
    assert md.startswith("**C40/DPA/L.1**")
    for text in (
        "Compilation text — English",
        "28 November 2026, 06:45",
        "Original: Spanish",
        "# Cartagena +40 Declaration",
        "Rev.1 — Compilation text",
    ):
        assert text in md


def test_md_changes_with_authors(md: str) -> None:
    assert '<del title="México, 2024-09-14">asylum</del>{−México}' in md
    inserted = '<ins title="Brasil, Argentina (MERCOSUR), 2024-09-12">protection[^1]</ins>'
    assert inserted + "{+Brasil, Argentina (MERCOSUR)}" in md


def test_md_escapes_texts(md: str) -> None:
    assert "\\<script\\>alert(1)\\</script\\> \\& \\{\\{ 7\\*7 \\}\\} \\{% if x %\\}" in md
    assert "<script>" not in md


def test_md_numbers_and_structure(md: str) -> None:
    lines = md.splitlines()
    assert any(line.startswith('<a id="quality-asylum"></a>1\\. Strengthen') for line in lines)
    assert any(
        line.startswith('\u2003\u2003<a id="quality-asylum-registration"></a>(a) Registration')
        for line in lines
    )
    assert "## Operative part" in lines
    assert '### <a id="programmes"></a>Programmes' in lines
    assert any(line.startswith("> <ins") and "Alt. 1 Other wording" in line for line in lines)
    assert (
        '<a id="new-para"></a><ins title="México, 2024-09-14">1 bis New paragraph</ins>{+México}[^2]' in lines
    )
    assert any("*\\[Agreed ad ref\\]*" in line for line in lines)


def test_md_notes_as_footnotes(md: str) -> None:
    assert "[^1]: **Brasil**, 2024-09-12: Coherence" in md
    assert "[^2]: **México**, 2024-09-14: Why a new paragraph" in md


def test_md_table(md: str) -> None:
    assert "| No. | Text | Proposals |" in md
    assert "| --- | --- | --- |" in md
    assert "a \\| b" in md
    assert '<a id="quality-asylum-row"></a>1\\.' in md


def test_escape_md_line_starts() -> None:
    assert escape_md("- item") == "\\- item"
    assert escape_md("12. x") == "12\\. x"
    assert escape_md("# h") == "\\# h"
    assert escape_md("a\nb") == "a<br>b"
    assert escape_md("co-sponsors (MERCOSUR)") == "co-sponsors (MERCOSUR)"


# -- i18n -----------------------------------------------------------------------------------------


def test_original_lines() -> None:
    assert i18n.original_line("es", "en") == "Original: Spanish"
    assert i18n.original_line("es", "es") == "Original: español"
    assert i18n.original_line("es", "pt") == "Original: espanhol"
    assert i18n.original_line("es", "fr") == "Original\u202f: espagnol"  # a narrow no-break space


def test_labels_fall_back_to_english() -> None:
    assert i18n.label("kind.compilation", "de") == "Compilation text"
    assert i18n.label("kind.compilation", "pt") == "Texto de compilação"
    assert i18n.label("kind.compilation", "fr") == "Texte de compilation"
    assert i18n.kind_label("changes", "es", version="Rev.1") == "Cambios desde Rev.1"
    assert i18n.label("page", "fr", x=3, y=9) == "Page 3 sur 9"
    assert i18n.page_words("es") == ("Página", "de")
    with pytest.raises(KeyError):
        i18n.label("no.such.key", "en")


def test_status_labels() -> None:
    assert i18n.status_label("agreed-ad-ref", "en") == "[Agreed ad ref]"
    assert i18n.status_label("agreed-ad-ref", "es") == "[Acordado ad ref.]"
    assert i18n.status_label("agreed-ad-ref", "pt") == "[Acordado ad ref.]"
    assert i18n.status_label("agreed-ad-ref", "fr") == "[Convenu ad ref.]"
    assert i18n.status_label("pending", "fr") == ""


def test_every_label_has_english_and_only_known_languages() -> None:
    for key, texts in i18n.LABELS.items():
        assert "en" in texts, key
        assert set(texts) <= set(i18n.LANGS), key


def test_generated_dates() -> None:
    when = dt.datetime(2026, 11, 28, 6, 45)
    assert i18n.format_generated(when, "en") == "28 November 2026, 06:45"
    assert i18n.format_generated(when, "es") == "28 de noviembre de 2026, 06:45"
    assert i18n.format_generated(when, "pt") == "28 de novembro de 2026, 06:45"
    assert i18n.format_generated(when, "fr") == "28 novembre 2026, 6\u00a0h\u00a045"
    first = dt.datetime(2024, 10, 1, 16, 6)
    assert i18n.format_generated(first, "fr") == "1er octobre 2024, 16\u00a0h\u00a006"
    assert i18n.format_generated(first, "pt") == "1º de outubro de 2024, 16:06"
    assert i18n.format_date("2024-10-04", "es") == "4 de octubre de 2024"
    assert i18n.dateline("en", None, first) == "Working draft — compiled 1 October 2024, 16:06"
    assert i18n.dateline("fr", "2024-10-01") == "1er octobre 2024"


def test_subclause_numbers() -> None:
    assert i18n.subclause_number(1, 1, "en") == "(a)"
    assert i18n.subclause_number(1, 2, "es") == "b)"
    assert i18n.subclause_number(2, 4, "en") == "(iv)"
    assert i18n.subclause_number(2, 9, "fr") == "ix)"
    assert i18n.subclause_number(1, 27, "en") == "(aa)"
