"""WordprocessingML building blocks on plain lxml: names, safe text, runs.

python-docx's proxy objects cost tens of microseconds per paragraph; a 10,000-paragraph draft is
built here with bare ``etree.SubElement`` calls instead, and only the finished tree is handed to
python-docx's package for saving.
"""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NSMAP = {"w": W_NS}

# Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF):
# lxml raises on them, so a stray one in a clause is shown as U+FFFD rather than crash the compile.
_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PIECES = re.compile(r"(\t|\r\n|\n|\r)")


def w(tag: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


# Names built once: the body builder calls these hundreds of thousands of times.
P, PPR, PSTYLE, R, RPR, RSTYLE, T, DELTEXT, TAB, BR = (
    w("p"),
    w("pPr"),
    w("pStyle"),
    w("r"),
    w("rPr"),
    w("rStyle"),
    w("t"),
    w("delText"),
    w("tab"),
    w("br"),
)
VAL, ID, AUTHOR, DATE, NAME = w("val"), w("id"), w("author"), w("date"), w("name")
B, I, IND, LANG = w("b"), w("i"), w("ind"), w("lang")


def clean(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD."""
    if not text or text.isprintable():  # the common case: no control character at all
        return text
    return _INVALID_XML.sub("\ufffd", text)


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """A child element; attribute keys are w: local names."""
    child = etree.SubElement(parent, tag)
    if attrs:
        for key, value in attrs.items():
            child.set(w(key), value)
    return child


def element(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    el = etree.Element(tag, nsmap=NSMAP)
    if attrs:
        for key, value in attrs.items():
            el.set(w(key), value)
    return el


def add_text(run: etree._Element, text: str, deleted: bool = False) -> None:
    """Append ``text`` to ``run`` as w:t (w:delText when deleted), tabs as w:tab, line ends as w:br."""
    text_tag = DELTEXT if deleted else T
    text = clean(text)
    if not text:
        return
    if "\t" not in text and "\n" not in text and "\r" not in text:
        t = etree.SubElement(run, text_tag)
        t.set(XML_SPACE, "preserve")
        t.text = text
        return
    for piece in _PIECES.split(text):
        if not piece:
            continue
        if piece == "\t":
            etree.SubElement(run, TAB)
        elif piece in ("\n", "\r\n", "\r"):
            etree.SubElement(run, BR)
        else:
            t = etree.SubElement(run, text_tag)
            t.set(XML_SPACE, "preserve")
            t.text = piece


def make_run(
    parent: etree._Element,
    text: str,
    *,
    deleted: bool = False,
    bold: bool = False,
    italic: bool = False,
    style: str = "",
    lang: str = "",
) -> etree._Element:
    """A w:r under ``parent`` (a paragraph, w:ins or w:del) holding ``text``; ``lang`` a language tag
    (es-419) when the words are not in the document's language."""
    run = etree.SubElement(parent, R)
    if style or bold or italic or lang:
        rpr = etree.SubElement(run, RPR)  # child order fixed by the schema: rStyle, b, i, lang
        if style:
            etree.SubElement(rpr, RSTYLE).set(VAL, style)
        if bold:
            etree.SubElement(rpr, B)
        if italic:
            etree.SubElement(rpr, I)
        if lang:
            etree.SubElement(rpr, LANG).set(VAL, lang)
    add_text(run, text, deleted)
    return run
