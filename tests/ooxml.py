"""Test helpers for Word files: schema validation, revision checks, accept-all / reject-all views.

``validate_docx(docx)`` returns a list of problems (empty when the file is good):

1. every WordprocessingML part (document, styles, comments, numbering, settings, headers, footers,
   footnotes, endnotes) against ``wml.xsd`` of the OOXML schemas, after stripping Microsoft extension
   namespaces (w14, w15, w16*, wp14, ... and ``mc:`` markup), which the 2008 schemas do not know;
   ``[Content_Types].xml``, the relationship parts and the custom XML properties parts against their
   OPC schemas. The known false alarm (``w:zoom`` without ``w:percent`` in ``settings.xml``, written by
   python-docx's default template and accepted by Word) is ignored.
2. the checks of the schemas README that the schema cannot express: every ``w:ins``/``w:del`` has
   ``w:id`` and ``w:author``; no id is used twice, across revisions, bookmarks and comments alike;
   deleted text only in ``w:delText``; no ``w:ins`` inside ``w:ins``; bookmark starts and ends pair up
   and their names are valid Word bookmark names; comment range starts, ends and references pair up
   and each has its entry in ``comments.xml``; every relationship target exists and has a content type.

The schemas ship with the tests in ``tests/ooxml-schemas`` (``$OOXML_SCHEMAS`` overrides them).
``validate_docx`` never skips: should the schemas be absent, it runs every other check and warns, and
``schema_problems`` (used by one test per draft kind in ``tests/integration/test_ooxml_schema.py``)
skips with that reason, so a missing schema hides no other assertion.

``accept_all_text`` / ``reject_all_text`` give the paragraph texts of the two views, table cells
included, in document order; a paragraph whose mark is removed in that view merges with the next
paragraph of the same container, as in Word.  What a draft prints that is not the negotiated text --
paragraphs and runs in the styles of ``drafting.wordml.NOT_TEXT_*`` (alternatives, notes, proponent
tags, status labels) -- is set aside, as a secretariat sets it aside before accepting.
"""

from __future__ import annotations

import functools
import io
import os
import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Microsoft's extension namespaces (w14, w15, w16*, wp14, wpc, wps, mo ...) that the 2008 schemas reject.
_MS_PREFIXES = ("http://schemas.microsoft.com/office/", "urn:schemas-microsoft-com:mac:")

_WML_ROOTS = (
    "document",
    "styles",
    "comments",
    "numbering",
    "settings",
    "hdr",
    "ftr",
    "footnotes",
    "endnotes",
)
_REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo")
_ID_TAGS = (
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "numberingChange",
    "bookmarkStart",
    "moveFromRangeStart",
    "moveToRangeStart",
    "customXmlInsRangeStart",
    "customXmlDelRangeStart",
)
_BOOKMARK_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}\Z")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def schemas_dir() -> Path | None:
    """The OOXML schema folder, or None when it is not on this machine."""
    env = os.environ.get("OOXML_SCHEMAS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parent / "ooxml-schemas")
    for folder in candidates:
        if (folder / "wml.xsd").is_file():
            return folder
    return None


@functools.cache
def _schema(name: str) -> etree.XMLSchema:
    folder = schemas_dir()
    assert folder is not None
    return etree.XMLSchema(etree.parse(str(folder / name)))


def _read_zip(docx: str | os.PathLike[str] | bytes) -> dict[str, bytes]:
    data = docx if isinstance(docx, bytes) else Path(docx).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _strip_extensions(root: etree._Element) -> etree._Element:
    """A copy of ``root`` without Microsoft extension elements and attributes, nor mc: markup."""
    root = etree.fromstring(etree.tostring(root))
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        ns = etree.QName(el).namespace or ""
        if ns == MC and etree.QName(el).localname == "AlternateContent":
            fallback = el.find(f"{{{MC}}}Fallback")
            parent = el.getparent()
            if parent is not None:
                index = parent.index(el)
                for child in reversed(list(fallback) if fallback is not None else []):
                    parent.insert(index, child)
                parent.remove(el)
            continue
        if ns.startswith(_MS_PREFIXES):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            attr_ns = etree.QName(attr).namespace or ""
            if attr_ns == MC or attr_ns.startswith(_MS_PREFIXES):
                del el.attrib[attr]
    return root


def _schema_problems(parts: dict[str, bytes]) -> list[str]:
    problems: list[str] = []
    wml = _schema("wml.xsd")
    for name, blob in sorted(parts.items()):
        if not name.endswith(".xml") and not name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name}: not well-formed: {exc}")
            continue
        qname = etree.QName(root)
        if qname.namespace == W and qname.localname in _WML_ROOTS:
            schema = wml
        elif name == "[Content_Types].xml":
            schema = _schema("opc-xsd/opc-contentTypes.xsd")
        elif name.endswith(".rels"):
            schema = _schema("opc-xsd/opc-relationships.xsd")
        elif qname.localname == "datastoreItem":
            schema = _schema("shared-customXmlDataProperties.xsd")
        else:
            continue
        if not schema.validate(_strip_extensions(root)):
            for err in schema.error_log:
                # the default template's w:zoom without w:percent: Word accepts it
                if name == "word/settings.xml" and "zoom" in err.message and "percent" in err.message:
                    continue
                problems.append(f"{name}: {err.path}: {err.message}")
    return problems


def _ancestors(el: etree._Element) -> list[str]:
    out = []
    parent = el.getparent()
    while parent is not None:
        out.append(etree.QName(parent).localname if isinstance(parent.tag, str) else "")
        parent = parent.getparent()
    return out


def _story_parts(parts: dict[str, bytes]) -> dict[str, etree._Element]:
    stories = {}
    for name, blob in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name:
            root = etree.fromstring(blob)
            if etree.QName(root).namespace == W and etree.QName(root).localname in (
                "document",
                "hdr",
                "ftr",
                "footnotes",
                "endnotes",
                "comments",
            ):
                stories[name] = root
    return stories


def _revision_problems(parts: dict[str, bytes]) -> list[str]:
    problems: list[str] = []
    stories = _story_parts(parts)
    ids: Counter[str] = Counter()
    comment_starts: Counter[str] = Counter()
    comment_ends: Counter[str] = Counter()
    comment_refs: Counter[str] = Counter()
    for name, root in stories.items():
        bookmark_starts: Counter[str] = Counter()
        bookmark_ends: Counter[str] = Counter()
        names: Counter[str] = Counter()
        order: dict[str, int] = {}
        local_starts: set[str] = set()
        for pos, el in enumerate(root.iter()):
            if not isinstance(el.tag, str) or etree.QName(el).namespace != W:
                continue
            tag = etree.QName(el).localname
            el_id = el.get(w("id"))
            if tag in _REVISION_TAGS:
                for attr in ("id", "author"):
                    if el.get(w(attr)) is None:
                        problems.append(f"{name}: w:{tag} without w:{attr}")
                # a paragraph mark's w:ins sits in w:rPr; anything else nested in a like change is an error
                in_mark = etree.QName(el.getparent()).localname == "rPr"
                ancestors = set(_ancestors(el))
                if tag in ("ins", "moveTo") and not in_mark and ancestors & {"ins", "moveTo"}:
                    problems.append(f"{name}: w:{tag} id={el_id} inside another insertion")
                if tag in ("del", "moveFrom") and not in_mark and ancestors & {"del", "moveFrom"}:
                    problems.append(f"{name}: w:{tag} id={el_id} inside another deletion")
            if tag in _ID_TAGS and name != "word/comments.xml":
                if el_id is None:
                    problems.append(f"{name}: w:{tag} without w:id")
                else:
                    ids[el_id] += 1
            if tag == "t" and {"del", "moveFrom"} & set(_ancestors(el)):
                problems.append(f"{name}: w:t inside a deletion: {el.text!r}")
            if tag == "delText" and not {"del", "moveFrom"} & set(_ancestors(el)):
                problems.append(f"{name}: w:delText outside a deletion: {el.text!r}")
            if tag == "bookmarkStart":
                bookmark_starts[el_id or ""] += 1
                bm_name = el.get(w("name")) or ""
                names[bm_name] += 1
                if not _BOOKMARK_NAME.match(bm_name) and bm_name != "_GoBack":
                    problems.append(f"{name}: invalid bookmark name {bm_name!r}")
            elif tag == "bookmarkEnd":
                bookmark_ends[el_id or ""] += 1
            elif tag == "commentRangeStart":
                comment_starts[el_id or ""] += 1
                local_starts.add(el_id or "")
                order[f"s{el_id}"] = pos
            elif tag == "commentRangeEnd":
                comment_ends[el_id or ""] += 1
                order[f"e{el_id}"] = pos
            elif tag == "commentReference":
                comment_refs[el_id or ""] += 1
                order[f"r{el_id}"] = pos
        if bookmark_starts != bookmark_ends:
            problems.append(
                f"{name}: bookmark starts {dict(bookmark_starts)} and ends {dict(bookmark_ends)} differ"
            )
        for bm_name, count in names.items():
            if count > 1:
                problems.append(f"{name}: bookmark name {bm_name!r} used {count} times")
        for cid in local_starts:
            if order.get(f"e{cid}", -1) < order[f"s{cid}"]:
                problems.append(f"{name}: comment {cid} range ends before it starts")
            if order.get(f"r{cid}", -1) < order.get(f"e{cid}", 0):
                problems.append(f"{name}: comment {cid} reference before its range end")
    for el_id, count in ids.items():
        if count > 1:
            problems.append(
                f"id {el_id} used {count} times (revision, bookmark and comment ids must be unique)"
            )
    if comment_starts != comment_ends or set(comment_starts) != set(comment_refs):
        problems.append(
            f"comment ranges and references do not pair up: starts {dict(comment_starts)}, "
            f"ends {dict(comment_ends)}, references {dict(comment_refs)}"
        )
    for cid, count in (comment_starts + comment_refs).items():
        if count not in (1, 2):
            problems.append(f"comment {cid} appears {count} times")
    defined: set[str] = set()
    comments = stories.get("word/comments.xml")
    if comments is not None:
        for el in comments.iter(w("comment")):
            for attr in ("id", "author"):
                if el.get(w(attr)) is None:
                    problems.append(f"word/comments.xml: w:comment without w:{attr}")
            defined.add(el.get(w("id")) or "")
    for cid in set(comment_refs) | set(comment_starts):
        if cid not in defined:
            problems.append(f"comment {cid} has no entry in word/comments.xml")
        if cid in ids:
            problems.append(f"comment id {cid} collides with a revision or bookmark id")
    for cid in defined - set(comment_refs):
        problems.append(f"comment {cid} in word/comments.xml is never referenced")
    return problems


def _package_problems(parts: dict[str, bytes]) -> list[str]:
    """Every relationship target exists and every part has a content type."""
    problems: list[str] = []
    if "[Content_Types].xml" not in parts:
        return ["[Content_Types].xml missing"]
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT_NS}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{{{CT_NS}}}Override")}
    for name in parts:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"{name}: no content type")
    for name, blob in parts.items():
        if not name.endswith(".rels"):
            continue
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in etree.fromstring(blob).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            if path not in parts:
                problems.append(f"{name}: relationship {rel.get('Id')} points at missing part {path}")
    comments_ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    if "word/comments.xml" in parts:
        ct = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{{{CT_NS}}}Override")}
        if ct.get("/word/comments.xml") != comments_ct:
            problems.append("word/comments.xml: wrong content type")
    return problems


SCHEMAS_MISSING = "OOXML schemas not found: restore tests/ooxml-schemas or set OOXML_SCHEMAS"


def schema_problems(docx: str | os.PathLike[str] | bytes) -> list[str]:
    """The schema part of ``validate_docx`` alone; skips the calling test when the schemas are absent
    (call it in a test of its own, so that the skip hides nothing else)."""
    if schemas_dir() is None:
        import pytest

        pytest.skip(SCHEMAS_MISSING)
    return _schema_problems(_read_zip(docx))


def validate_docx(docx: str | os.PathLike[str] | bytes, schema: bool = True) -> list[str]:
    """Every problem found in the Word file; an empty list means it passes.

    Never skips: without the schemas the schema part is left out with a warning (the schema tests
    skip, saying so) and every other check still runs."""
    parts = _read_zip(docx)
    problems: list[str] = []
    if schema:
        if schemas_dir() is None:
            import warnings

            warnings.warn(f"{SCHEMAS_MISSING}; schema part not checked", stacklevel=2)
        else:
            problems += _schema_problems(parts)
    problems += _package_problems(parts)
    problems += _revision_problems(parts)
    return problems


def document_root(docx: str | os.PathLike[str] | bytes) -> etree._Element:
    return etree.fromstring(_read_zip(docx)["word/document.xml"])


def _not_text(el: etree._Element, styles: tuple[str, ...], tag: str) -> bool:
    style = el.find(f"{w(tag)}/{w(tag[0] + 'Style')}")
    return style is not None and (style.get(w("val")) or "").startswith(styles)


def _view_text(docx: str | os.PathLike[str] | bytes, accept: bool) -> list[str]:
    from drafting.wordml import NOT_TEXT_CHARACTER_STYLES, NOT_TEXT_PARAGRAPH_STYLES

    body = document_root(docx).find(w("body"))
    assert body is not None
    dropped = ("del", "moveFrom") if accept else ("ins", "moveTo")
    out: list[str] = []
    pending_parent: etree._Element | None = None  # the container of a paragraph whose mark was removed
    for p in body.iter(w("p")):
        if _not_text(p, NOT_TEXT_PARAGRAPH_STYLES, "pPr"):
            continue
        texts: list[str] = []
        for el in p.iter(w("t"), w("delText"), w("tab"), w("br"), w("noBreakHyphen")):
            chain = []
            node = el.getparent()
            while node is not None and node is not p:
                chain.append(etree.QName(node).localname)
                if etree.QName(node).localname == "r" and _not_text(node, NOT_TEXT_CHARACTER_STYLES, "rPr"):
                    chain.append("not-text")
                node = node.getparent()
            if "rPr" in chain or "pPr" in chain or "not-text" in chain:
                continue
            if any(tag in dropped for tag in chain):
                continue
            if "p" in chain:  # a nested paragraph (text box): counted on its own
                continue
            tag = etree.QName(el).localname
            texts.append({"tab": "\t", "br": "\n", "noBreakHyphen": "-"}.get(tag, el.text or ""))
        text = "".join(texts)
        parent = p.getparent()
        if pending_parent is not None and pending_parent is parent and out:
            out[-1] += text
        else:
            out.append(text)
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        removed = mark is not None and any(mark.find(w(tag)) is not None for tag in dropped)
        pending_parent = parent if removed else None
    return out


def accept_all_text(docx: str | os.PathLike[str] | bytes) -> list[str]:
    """Paragraph texts after accepting every tracked change."""
    return _view_text(docx, accept=True)


def reject_all_text(docx: str | os.PathLike[str] | bytes) -> list[str]:
    """Paragraph texts after rejecting every tracked change."""
    return _view_text(docx, accept=False)
