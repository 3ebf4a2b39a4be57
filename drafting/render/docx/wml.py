"""WordprocessingML building blocks: names, safe text, runs -- as lxml elements (the header, the
footer, the styles) and as XML text (the body and the comments).

python-docx's proxy objects cost tens of microseconds per paragraph, and even bare lxml elements cost a
Python call each (and one more to move them into the document): a 10,000-paragraph draft's body is
written here as XML text, serialized exactly as lxml serializes the same elements (``xml_run``,
``text_xml``), and spliced into the document part python-docx saves.
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


# -- the same as XML text ---------------------------------------------------------------------------
# Escaped as libxml2 escapes on output: in text &, <, > (and a carriage return); in attribute values
# also the double quote, tab, line feed and carriage return.


def esc(text: str) -> str:
    """``text`` as XML character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def esc_attr(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    value = esc(value)
    for char, ref in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if char in value:
            value = value.replace(char, ref)
    return value


def text_xml(text: str, deleted: bool = False) -> str:
    """What ``add_text`` appends to a run, as XML text."""
    text = clean(text)
    if not text:
        return ""
    tag = "w:delText" if deleted else "w:t"
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f'<{tag} xml:space="preserve">{esc(text)}</{tag}>'
    out = []
    for piece in _PIECES.split(text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r\n", "\r"):
            out.append("<w:br/>")
        else:
            out.append(f'<{tag} xml:space="preserve">{esc(piece)}</{tag}>')
    return "".join(out)


def _rpr_xml(style: str, bold: bool, italic: bool, lang: str) -> str:
    return "".join((
        "<w:rPr>",
        f'<w:rStyle w:val="{esc_attr(style)}"/>' if style else "",
        "<w:b/>" if bold else "",
        "<w:i/>" if italic else "",
        f'<w:lang w:val="{esc_attr(lang)}"/>' if lang else "",
        "</w:rPr>",
    ))


def xml_run(text: str, *, deleted: bool = False, bold: bool = False, italic: bool = False, style: str = "",
            lang: str = "", tail: str = "") -> str:
    """``make_run`` as XML text; ``tail``: XML of what follows the text in the run (a tab)."""
    rpr = _rpr_xml(style, bold, italic, lang) if style or bold or italic or lang else ""
    inner = rpr + text_xml(text, deleted) + tail
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"
