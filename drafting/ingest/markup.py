"""WordprocessingML that stands for text in other ways than ``w:t``: symbols and alternate content.

* ``w:sym w:font="Symbol" w:char="F0B3"`` (Insert > Symbol) is a character of a symbol font, at
  U+F000 + its code in that font.  ``symbol`` reads it as the Unicode character it shows: the Adobe
  Symbol encoding for the Symbol font (Greek letters, ≥ ≤ ± × ÷ → …), the code itself for any other
  font when it is not in the U+F000 private area; None when it cannot be told (Wingdings pictures).
  Symbol's minus (F02D) reads as a hyphen: in running text ("2024-2034") it is the hyphen the reader
  sees, and the text it stands in had one.
* ``mc:AlternateContent`` holds ``mc:Choice`` elements, each usable by a reader that understands the
  namespaces its ``Requires`` lists, and an ``mc:Fallback`` for other readers.  ``chosen`` picks the
  one Word would show: the first Choice whose namespaces are all ones Word 2010 and later know, else
  the Fallback.  Its content is read once.
* ``text_of`` is the plain text of a piece of markup (a comment, a note, a text box): paragraphs
  joined by line breaks, symbols and alternate content read as above, tracked deletions left out.
"""

from __future__ import annotations

import unicodedata

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ALTERNATE = f"{{{MC}}}AlternateContent"

# namespaces Word (2010 and later) understands in mc:Choice Requires="..."
UNDERSTOOD = frozenset({
    W,
    "http://schemas.microsoft.com/office/word/2010/wordml",
    "http://schemas.microsoft.com/office/word/2012/wordml",
    "http://schemas.microsoft.com/office/word/2015/wordml/symex",
    "http://schemas.microsoft.com/office/word/2016/wordml/cid",
    "http://schemas.microsoft.com/office/word/2018/wordml",
    "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    "urn:schemas-microsoft-com:office:word",
})

_GREEK = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                  "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ"))
_SYMBOL_HIGH = ("\u00a0ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑")
_SYMBOL_OTHER = {0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
                 0xF1: "〉", 0xF2: "∫"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def symbol(font: str, char: str) -> str | None:
    """The character a ``w:sym`` shows, or None when it cannot be read as text."""
    try:
        code = int(char, 16)
    except ValueError:
        return None
    if code < 0xF000:
        return chr(code) if 0x20 <= code and not 0xD800 <= code < 0xE000 else None
    code -= 0xF000
    if font.strip().lower() != "symbol" or not 0x20 <= code <= 0xFF:
        return None
    if code in _SYMBOL_OTHER:
        return _SYMBOL_OTHER[code]
    if 0xA0 <= code < 0xA0 + len(_SYMBOL_HIGH):
        return _SYMBOL_HIGH[code - 0xA0]
    c = chr(code)
    if c in _GREEK:
        return _GREEK[c]
    return c if code < 0x7F else None


def chosen(el: etree._Element) -> etree._Element | None:
    """The branch of an ``mc:AlternateContent`` a Word reader shows (None: neither)."""
    fallback = None
    for branch in el:
        if not isinstance(branch.tag, str):
            continue
        if branch.tag == f"{{{MC}}}Choice":
            prefixes = (branch.get("Requires") or "").split()
            if prefixes and all(branch.nsmap.get(p) in UNDERSTOOD for p in prefixes):
                return branch
        elif branch.tag == f"{{{MC}}}Fallback":
            fallback = branch
    return fallback


def text_of(el: etree._Element) -> str:
    """The text of ``el``'s paragraphs, one line each (deleted text left out), NFC."""
    lines: list[str] = []
    _collect(el, lines, [""])
    return unicodedata.normalize("NFC", "\n".join(t for t in (" ".join(x.split()) for x in lines) if t))


def _collect(el: etree._Element, lines: list[str], current: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == ALTERNATE:
            branch = chosen(child)
            if branch is not None:
                _collect(branch, lines, current)
        elif tag == w("p"):
            inner = [""]
            _collect(child, lines, inner)
            lines.append(inner[0])
        elif tag in (w("del"), w("moveFrom"), w("rPr"), w("pPr")):
            continue
        elif tag == w("t"):
            current[0] += child.text or ""
        elif tag in (w("tab"), w("br"), w("cr")):
            current[0] += " "
        elif tag == w("noBreakHyphen"):
            current[0] += "-"
        elif tag == w("sym"):
            current[0] += symbol(child.get(w("font")) or "", child.get(w("char")) or "") or ""
        else:
            _collect(child, lines, current)
