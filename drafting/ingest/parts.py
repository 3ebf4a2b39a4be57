"""The parts of a Word file around its body, as import reads them: comments, footnotes and endnotes,
the draft's clause map, header text, core properties and the default language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..wordml import CLAUSE_MAP_NS
from .markup import text_of
from .safety import Package, related

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DC = "http://purl.org/dc/elements/1.1/"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    author: str
    date: str
    text: str


def comments(pkg: Package) -> dict[str, Comment]:
    out: dict[str, Comment] = {}
    for name in related(pkg, pkg.main, "/comments"):
        root = pkg.xml(name)
        if root is None:
            continue
        for c in root.iter(w("comment")):
            cid = c.get(w("id")) or ""
            text = text_of(c)
            out[cid] = Comment(cid, " ".join((c.get(w("author")) or "").split()), c.get(w("date")) or "", text)
    return out


def notes(pkg: Package) -> dict[tuple[str, str], str]:
    """Footnotes and endnotes: (``footnote`` or ``endnote``, id) -> text (Word's separators left out)."""
    out: dict[tuple[str, str], str] = {}
    for kind in ("footnote", "endnote"):
        for name in related(pkg, pkg.main, f"/{kind}s"):
            root = pkg.xml(name)
            if root is None:
                continue
            for note in root.iter(w(kind)):
                if note.get(w("type")) in (None, "normal"):
                    out[(kind, note.get(w("id")) or "")] = text_of(note)
    return out


def clause_map(pkg: Package) -> tuple[dict[str, str], dict[str, str]]:
    for name in pkg.names("customXml/"):
        if not re.fullmatch(r"customXml/item\d+\.xml", name):
            continue
        root = pkg.xml(name)
        if root is not None and root.tag == f"{{{CLAUSE_MAP_NS}}}clauses":
            mapping = {el.get("bookmark") or "": el.get("id") or ""
                       for el in root.iter(f"{{{CLAUSE_MAP_NS}}}clause")}
            return mapping, {k: v for k, v in root.attrib.items() if isinstance(k, str)}
    return {}, {}


def headers(pkg: Package) -> str:
    texts = []
    for name in related(pkg, pkg.main, "/header"):
        root = pkg.xml(name)
        if root is not None:
            texts.append(text_of(root))
    return " ".join(" ".join(texts).split())


def properties(pkg: Package) -> dict[str, str]:
    root = pkg.xml("docProps/core.xml")
    if root is None:
        return {}
    out = {}
    for key in ("title", "subject", "identifier", "language"):
        el = root.find(f"{{{_DC}}}{key}")
        if el is not None and el.text:
            out[key] = unicodedata.normalize("NFC", " ".join(el.text.split()))
    return out


def languages(pkg: Package) -> list[str]:
    root = pkg.xml("word/styles.xml")
    if root is None:
        return []
    out = []
    for path in (f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}",):
        el = root.find(path)
        if el is not None and el.get(w("val")):
            out.append(el.get(w("val")) or "")
    return out
