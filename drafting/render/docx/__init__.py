"""Word drafts with real tracked changes: ``render_docx(draft) -> bytes``.

What the file holds (each rule is checked by tests/unit/test_render_docx.py):

- python-docx's default template, A4 (landscape for a synoptic table), Times New Roman 12; every
  style the body uses is defined once in styles.xml (see ``styles.py``); Track Changes switched on,
  so a delegation's edits come back as revisions.
- Header: the symbol, then version, status label and language. Footer: generation date and time,
  "Page x of y" with real PAGE and NUMPAGES fields, and "Original: <language>".
- Display numbers are literal text, a tab, then the text, on a hanging indent; never w:numPr.
- A run with ``change`` is a ``w:ins``/``w:del`` (deleted text in ``w:delText``) whose author and date
  come from its ``Mark``; a paragraph with ``mark_change`` also tracks its paragraph mark, and every
  run of it (number, tab and label included) carries the same change unless it has its own.
- Notes are Word comments (word/comments.xml); their range markers sit outside w:ins/w:del.
- One id counter serves revisions, comments and bookmarks, so no id is used twice.

How a clause is found again (for ``import-docx``):

- Each paragraph with an ``anchor`` (and each table row with one) holds a bookmark around its
  content named ``c_`` + clause id with ``-`` replaced by ``_`` ("quality-asylum" → ``c_quality_asylum``).
  That is reversible for every clause id (ids are ``[a-z0-9-]``) up to 38 characters. Longer ids (and
  anything that is not a plain id) become the first 31 characters of that name, ``_`` and 8 hex
  digits of the id's SHA-1, so Word's 40-character limit never merges two clauses.
- The exact id of every bookmark is also in a custom XML part, ``customXml/itemN.xml`` (namespace
  ``urn:drafting:clause-map:1``): ``<clause bookmark="c_..." id="..."/>``, in document order. Word keeps
  custom XML parts when it saves the file; an importer reads the map first and falls back to
  reversing the bookmark name. Use ``clause_map(docx_bytes)`` to read it.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from drafting.render.docx import package
from drafting.render.docx.body import BodyBuilder
from drafting.render.docx.revisions import Comments, IdAllocator
from drafting.render.docx.wml import w
from drafting.render.draft import Draft
from drafting.wordml import CLAUSE_MAP_NS, bookmark_name

__all__ = ["CLAUSE_MAP_NS", "bookmark_name", "clause_map", "render_docx"]


def render_docx(draft: Draft) -> bytes:
    """The .docx file of ``draft``."""
    document = package.new_document(draft)
    ids = IdAllocator()
    comments = Comments(ids)
    builder = BodyBuilder(ids, comments, package.text_width(draft))
    # header and footer first: python-docx finds the section by scanning the body, cheap while it is empty
    package.header_footer(document, draft)
    body = package.title_block(draft) + "".join(builder.blocks(draft.blocks))

    # the body is written as XML text (see ``body``), spliced into the document part as it is saved
    body_el = document.element.body
    sect_pr = body_el.find(w("sectPr"))
    for child in list(body_el):
        if child is not sect_pr:
            body_el.remove(child)
    written = {document.part.partname: package.splice(document.element, body, inside="w:body")}
    comments_xml = package.comments_part(document, comments.entries)
    if comments_xml is not None:
        written[comments_xml[0]] = comments_xml[1]
    package.add_clause_map(document, draft, builder.bookmarks)
    package.track_revisions(document)
    return package.save(document, written)


def clause_map(docx: bytes) -> dict[str, str]:
    """Bookmark name → clause id, read from a draft's clause map part ({} when the part is missing)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        for name in zf.namelist():
            if not (name.startswith("customXml/item") and name.endswith(".xml")) or "Props" in name:
                continue
            root = etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
            if root.tag == f"{{{CLAUSE_MAP_NS}}}clauses":
                return {
                    el.get("bookmark", ""): el.get("id", "") for el in root.iter(f"{{{CLAUSE_MAP_NS}}}clause")
                }
    return {}
