"""The styles of a draft, defined once in styles.xml so that the body carries only style ids.

Look of a UN draft: Times New Roman 12, justified operative paragraphs, the literal number hanging
at the left of the text column, sub-clauses one centimetre further in per level.
"""

from __future__ import annotations

from lxml import etree

from drafting.render.docx.wml import VAL, w
from drafting.wordml import LABEL_STYLE, NUMBER_STYLE, PROPONENT_STYLE

FONT = "Times New Roman"
STEP = 567  # one level of sub-clause indentation: 1 cm in twentieths of a point
HANG = 709  # the number column: 1.25 cm
MAX_LEVEL = 5

# Word's language tags for spelling and hyphenation: British English and Latin American usage.
LANG_TAGS = {"en": "en-GB", "es": "es-419", "pt": "pt-BR", "fr": "fr-FR"}

Props = list[tuple[str, dict[str, str]]]


def clause_style(style: str, level: int) -> str:
    """The paragraph style id for a Paragraph.style and level."""
    level = max(0, min(level, MAX_LEVEL))
    if style in ("clause", "alternative"):
        return f"Draft{style.capitalize()}{level}"
    return _FIXED.get(style, f"DraftClause{level}")


_FIXED = {
    "title": "DraftTitle",
    "subtitle": "DraftSubtitle",
    "heading": "DraftHeading",
    "section": "DraftSection",
    "note": "DraftNote",
    "cell": "DraftCell",
    "contribution-title": "DraftContributionTitle",
    "contribution": "DraftContribution",
    "contribution-cell": "DraftContributionCell",
}


def text_indent(style: str, level: int) -> int:
    """Where the text column of a numbered paragraph starts (twips from the margin)."""
    level = max(0, min(level, MAX_LEVEL))
    extra = STEP if style == "alternative" else 0
    return level * STEP + HANG + extra


def _prop(parent: etree._Element, props: Props) -> None:
    for tag, attrs in props:
        child = etree.SubElement(parent, w(tag))
        for key, value in attrs.items():
            child.set(w(key), value)


def _style(
    kind: str,
    style_id: str,
    name: str,
    ppr: Props | None = None,
    rpr: Props | None = None,
    based_on: str = "Normal",
) -> etree._Element:
    # Word's own comment styles keep their built-in names and are not offered in the style gallery
    builtin = name.startswith("annotation ")
    el = etree.Element(w("style"))
    el.set(w("type"), kind)
    if not builtin:
        el.set(w("customStyle"), "1")
    el.set(w("styleId"), style_id)
    etree.SubElement(el, w("name")).set(VAL, name)
    if based_on and kind == "paragraph":
        etree.SubElement(el, w("basedOn")).set(VAL, based_on)
    if not builtin:
        etree.SubElement(el, w("qFormat"))
    if ppr:
        _prop(etree.SubElement(el, w("pPr")), ppr)
    if rpr:
        _prop(etree.SubElement(el, w("rPr")), rpr)
    return el


def _paragraph_styles(text_width: int) -> list[etree._Element]:
    styles = []
    after = {"after": "120"}
    for level in range(MAX_LEVEL + 1):
        for style in ("clause", "alternative"):
            indent = text_indent(style, level)
            ppr: Props = [
                ("tabs", {}),
                ("spacing", after),
                ("ind", {"left": str(indent), "hanging": str(HANG)}),
                ("jc", {"val": "both"}),
            ]
            if style == "alternative":
                ppr.insert(0, ("pBdr", {}))
            el = _style("paragraph", clause_style(style, level), f"Draft {style} {level}", ppr)
            pPr = el.find(w("pPr"))
            assert pPr is not None
            etree.SubElement(pPr.find(w("tabs")), w("tab"), {w("val"): "left", w("pos"): str(indent)})
            if style == "alternative":
                etree.SubElement(
                    pPr.find(w("pBdr")),
                    w("left"),
                    {w("val"): "single", w("sz"): "12", w("space"): "8", w("color"): "7F7F7F"},
                )
            styles.append(el)
    styles += [
        _style(
            "paragraph",
            "DraftTitle",
            "Draft title",
            [("keepNext", {}), ("spacing", {"after": "120"}), ("jc", {"val": "center"})],
            [("b", {}), ("sz", {"val": "28"}), ("szCs", {"val": "28"})],
        ),
        _style(
            "paragraph",
            "DraftSubtitle",
            "Draft subtitle",
            [("keepNext", {}), ("spacing", {"after": "360"}), ("jc", {"val": "center"})],
        ),
        _style(
            "paragraph",
            "DraftSection",
            "Draft section",
            [("keepNext", {}), ("spacing", {"before": "240", "after": "240"}), ("jc", {"val": "center"})],
            [("b", {})],
        ),
        _style(
            "paragraph",
            "DraftHeading",
            "Draft heading",
            [("keepNext", {}), ("spacing", {"before": "240", "after": "120"})],
            [("b", {})],
        ),
        _style(
            "paragraph",
            "DraftNote",
            "Draft note",
            [("spacing", {"after": "120"}), ("ind", {"left": str(HANG)})],
            [("i", {}), ("sz", {"val": "20"}), ("szCs", {"val": "20"})],
        ),
        _style(
            "paragraph",
            "DraftCell",
            "Draft table text",
            [("spacing", {"after": "60"})],
            [("sz", {"val": "20"}), ("szCs", {"val": "20"})],
        ),
        # the contributions of observers and civil society: beside the text, never part of it
        _style(
            "paragraph",
            "DraftContributionTitle",
            "Draft contributions title",
            [("keepNext", {}), ("spacing", {"before": "360", "after": "240"}), ("jc", {"val": "center"})],
            [("b", {})],
        ),
        _style(
            "paragraph",
            "DraftContribution",
            "Draft contribution",
            [("spacing", {"after": "120"}), ("jc", {"val": "both"})],
        ),
        _style(
            "paragraph",
            "DraftContributionCell",
            "Draft contribution table text",
            [("spacing", {"after": "60"})],
            [("sz", {"val": "20"}), ("szCs", {"val": "20"})],
        ),
        _style(
            "paragraph",
            "DraftTableHeader",
            "Draft table header",
            [("keepNext", {}), ("spacing", {"after": "60"})],
            [("b", {}), ("sz", {"val": "20"}), ("szCs", {"val": "20"})],
        ),
        _style(
            "paragraph",
            "DraftHeader",
            "Draft header",
            [("pBdr", {}), ("tabs", {}), ("spacing", {"after": "0"})],
            [("sz", {"val": "18"}), ("szCs", {"val": "18"})],
        ),
        _style(
            "paragraph",
            "DraftFooter",
            "Draft footer",
            [("tabs", {}), ("spacing", {"after": "0"})],
            [("sz", {"val": "18"}), ("szCs", {"val": "18"})],
        ),
        _style(
            "paragraph",
            "CommentText",
            "annotation text",
            [("spacing", {"after": "0"})],
            [("sz", {"val": "20"}), ("szCs", {"val": "20"})],
        ),
    ]
    for el in styles[-3:-1]:  # header and footer: centre and right tab stops across the text width
        tabs = el.find(f"{w('pPr')}/{w('tabs')}")
        assert tabs is not None
        etree.SubElement(tabs, w("tab"), {w("val"): "center", w("pos"): str(text_width // 2)})
        etree.SubElement(tabs, w("tab"), {w("val"): "right", w("pos"): str(text_width)})
    header_border = styles[-3].find(f"{w('pPr')}/{w('pBdr')}")
    assert header_border is not None
    etree.SubElement(
        header_border, w("bottom"), {w("val"): "single", w("sz"): "4", w("space"): "1", w("color"): "auto"}
    )
    return styles


def _character_styles() -> list[etree._Element]:
    return [
        _style("character", LABEL_STYLE, "Draft status label", rpr=[("i", {})], based_on=""),
        _style("character", NUMBER_STYLE, "Draft number", based_on=""),
        # the proponents printed next to a proposal: "[y regionales – Brasil]"; not text (wordml)
        _style("character", PROPONENT_STYLE, "Draft proponent", rpr=[("b", {})], based_on=""),
        _style(
            "character",
            "CommentReference",
            "annotation reference",
            rpr=[("sz", {"val": "16"}), ("szCs", {"val": "16"})],
            based_on="",
        ),
    ]


def install(styles: etree._Element, lang: str, text_width: int) -> None:
    """Set the document defaults (font, size, language) and add the draft's styles to ``styles``."""
    defaults = styles.find(w("docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = etree.Element(w("docDefaults"))
    rpr = etree.SubElement(etree.SubElement(defaults, w("rPrDefault")), w("rPr"))
    _prop(
        rpr,
        [
            ("rFonts", {"ascii": FONT, "hAnsi": FONT, "eastAsia": FONT, "cs": FONT}),
            ("sz", {"val": "24"}),
            ("szCs", {"val": "24"}),
            ("lang", {"val": LANG_TAGS.get(lang, lang), "eastAsia": "en-US", "bidi": "ar-SA"}),
        ],
    )
    ppr = etree.SubElement(etree.SubElement(defaults, w("pPrDefault")), w("pPr"))
    _prop(ppr, [("spacing", {"after": "0", "line": "240", "lineRule": "auto"})])
    styles.insert(0, defaults)
    existing = {el.get(w("styleId")) for el in styles.iter(w("style"))}
    for el in _paragraph_styles(text_width) + _character_styles():
        if el.get(w("styleId")) not in existing:
            styles.append(el)
