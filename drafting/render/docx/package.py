"""The Word package around the body: python-docx's default template, A4 page, styles, header and
footer with PAGE/NUMPAGES fields, the comments part and the clause map part.

Clause map: a custom XML part (``customXml/itemN.xml``, related from the document part, with its
``itemPropsN.xml``) in the namespace ``urn:drafting:clause-map:1``::

    <clauses xmlns="urn:drafting:clause-map:1" document="declaration" kind="compilation" lang="en">
      <clause bookmark="c_quality_asylum" id="quality-asylum"/>
    </clauses>

Word keeps custom XML data-store parts through open and save, and they never print.
"""

from __future__ import annotations

import io
import uuid

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.shared import Twips
from lxml import etree

from drafting.render import i18n
from drafting.render.docx import styles
from drafting.render.docx.wml import PPR, PSTYLE, TAB, VAL, XML_SPACE, P, R, clean, make_run, w, xml_run
from drafting.render.draft import Draft
from drafting.wordml import CLAUSE_MAP_NS

A4_SHORT, A4_LONG = 11906, 16838  # twips
MARGIN = 1418  # 2.5 cm
HEADER_DISTANCE = 709

_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_CUSTOM_XML_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def landscape(draft: Draft) -> bool:
    """A synoptic table needs the width: its whole draft is set on A4 landscape."""
    return draft.kind == "synoptic"


def text_width(draft: Draft) -> int:
    return (A4_LONG if landscape(draft) else A4_SHORT) - 2 * MARGIN


def new_document(draft: Draft) -> DocumentObject:
    """python-docx's default template set up for ``draft``: page, styles, properties."""
    document = Document()
    section = document.sections[0]
    if landscape(draft):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(A4_LONG), Twips(A4_SHORT)
    else:
        section.page_width, section.page_height = Twips(A4_SHORT), Twips(A4_LONG)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)
    styles.install(document.styles.element, draft.lang, text_width(draft))
    props = document.core_properties
    props.title = clean(draft.title)[:255]
    props.subject = clean(f"{draft.symbol} {draft.status_label}")[:255]
    props.identifier = clean(draft.symbol)[:255]
    props.language = styles.LANG_TAGS.get(draft.lang, draft.lang)
    props.author = props.last_modified_by = "drafting"
    props.comments = ""
    props.keywords = clean(draft.kind)
    return document


def _paragraph(style: str) -> etree._Element:
    p = etree.Element(P)
    etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, style)
    return p


def _field(p: etree._Element, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end): Word and LibreOffice update it."""
    etree.SubElement(etree.SubElement(p, R), w("fldChar")).set(w("fldCharType"), "begin")
    instr = etree.SubElement(etree.SubElement(p, R), w("instrText"))
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    etree.SubElement(etree.SubElement(p, R), w("fldChar")).set(w("fldCharType"), "separate")
    make_run(p, placeholder)
    etree.SubElement(etree.SubElement(p, R), w("fldChar")).set(w("fldCharType"), "end")


def _tab(p: etree._Element) -> None:
    etree.SubElement(etree.SubElement(p, R), TAB)


def _fill(story: etree._Element, paragraphs: list[etree._Element]) -> None:
    for child in list(story):
        story.remove(child)
    for p in paragraphs:
        story.append(p)


def header_footer(document: DocumentObject, draft: Draft) -> None:
    """Header: symbol on the left; version, status label and language on the right.
    Footer: the original-language line and "Page x of y", then the date line."""
    section = document.sections[0]
    header = _paragraph("DraftHeader")
    make_run(header, draft.symbol, bold=True)
    _tab(header)
    _tab(header)
    status = i18n.label("header.status", draft.lang, status=draft.status_label, language=draft.language_name)
    if draft.version_label and not draft.symbol.endswith(draft.version_label):
        status = i18n.label("title.version_status", draft.lang, version=draft.version_label, status=status)
    make_run(header, status)
    _fill(section.header.part.element, [header])

    # the original language and the page counter, then the date line (long for a working draft)
    footer = _paragraph("DraftFooter")
    make_run(footer, draft.original)
    _tab(footer)
    _tab(footer)
    page_word, of_word = draft.page_words
    make_run(footer, page_word + " ")
    _field(footer, "PAGE", "1")
    make_run(footer, " " + of_word + " ")
    _field(footer, "NUMPAGES", "1")
    dateline = _paragraph("DraftFooter")
    make_run(dateline, draft.generated)
    _fill(section.footer.part.element, [footer, dateline])


def title_block(draft: Draft) -> str:
    """The title, then "version — status label" and the date line, unless the draft's blocks open with
    their own title (as XML text)."""
    first = draft.blocks[0] if draft.blocks else None
    if getattr(first, "style", "") == "title":
        return ""
    line = draft.status_label
    if draft.version_label:
        line = i18n.label(
            "title.version_status", draft.lang, version=draft.version_label, status=draft.status_label
        )
    subtitle = _paragraph_xml("DraftSubtitle", line + ("\n" + draft.generated if draft.generated else ""))
    return (_paragraph_xml("DraftTitle", draft.title) if draft.title else "") + subtitle


def _paragraph_xml(style: str, text: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{xml_run(text)}</w:p>'


def comments_part(document: DocumentObject, entries: list[str]) -> tuple[str, bytes] | None:
    """word/comments.xml (created with its content type and relationship by python-docx) holding
    ``entries``: its part name and bytes (None when there is no comment)."""
    if not entries:
        return None
    part = document.part._comments_part  # python-docx 1.2: creates the part on first use
    return part.partname, splice(part.element, "".join(entries))


def splice(element: etree._Element, inner: str, inside: str = "") -> bytes:
    """The part whose root is ``element``, serialized, with the XML text ``inner`` added at the end of
    the root (or at the start of its child ``inside``, a qualified name such as ``w:body``): the
    bytes lxml writes for the same elements, without building them."""
    xml = serialize_part_xml(element)
    data = inner.encode("utf-8")
    if inside:
        start, empty = f"<{inside}>".encode(), f"<{inside}/>".encode()
        if start in xml:
            at = xml.index(start) + len(start)
            return xml[:at] + data + xml[at:]
        at = xml.index(empty)
        return xml[:at] + start + data + f"</{inside}>".encode() + xml[at + len(empty):]
    name = f"{element.prefix}:{etree.QName(element).localname}" if element.prefix else etree.QName(element).localname
    if xml.endswith(b"/>"):
        return xml[:-2] + b">" + data + f"</{name}>".encode()
    end = f"</{name}>".encode()
    assert xml.endswith(end)
    return xml[: -len(end)] + data + end


def add_clause_map(document: DocumentObject, draft: Draft, bookmarks: dict[str, str]) -> None:
    """The bookmark name → clause id map, as a custom XML part (see the module docstring)."""
    package = document.part.package
    root = etree.Element(f"{{{CLAUSE_MAP_NS}}}clauses", nsmap={None: CLAUSE_MAP_NS})
    root.set("document", clean(draft.document_id))
    root.set("kind", clean(draft.kind))
    root.set("lang", clean(draft.lang))
    if draft.meta.get("version"):  # the version the text was issued as (or is amended from)
        root.set("version", clean(draft.meta["version"]))
    for name, clause_id in bookmarks.items():
        etree.SubElement(root, f"{{{CLAUSE_MAP_NS}}}clause", bookmark=name, id=clean(clause_id))
    item_name = package.next_partname("/customXml/item%d.xml")
    item = Part(
        item_name,
        "application/xml",
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        package,
    )
    # a stable data-store id per document and kind, so that recompiling gives the same part
    item_id = (
        "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"drafting:{draft.document_id}:{draft.kind}")).upper() + "}"
    )
    props = etree.Element(f"{{{_DS_NS}}}datastoreItem", nsmap={"ds": _DS_NS})
    props.set(f"{{{_DS_NS}}}itemID", item_id)
    refs = etree.SubElement(props, f"{{{_DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS_NS}}}schemaRef").set(f"{{{_DS_NS}}}uri", CLAUSE_MAP_NS)
    props_name = PackURI(item_name.replace("/item", "/itemProps"))
    props_part = Part(
        props_name,
        _CUSTOM_XML_PROPS_CT,
        etree.tostring(props, xml_declaration=True, encoding="UTF-8", standalone=True),
        package,
    )
    item.relate_to(props_part, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


# CT_Settings children that come before w:trackRevisions in the schema's sequence
_BEFORE_TRACK_REVISIONS = frozenset(
    [
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
    ]
)


def track_revisions(document: DocumentObject) -> None:
    """Switch Track Changes on, so that a delegation's edits to the draft come back as revisions."""
    settings = document.settings.element
    if settings.find(w("trackRevisions")) is not None:
        return
    position = 0
    for index, child in enumerate(settings):
        if isinstance(child.tag, str) and etree.QName(child).localname in _BEFORE_TRACK_REVISIONS:
            position = index + 1
    settings.insert(position, etree.Element(w("trackRevisions")))


def save(document: DocumentObject, written: dict[str, bytes]) -> bytes:
    """The .docx file, with the parts named in ``written`` (part name -> bytes) as given there."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = PhysPkgWriter(out)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:
        blob = written.get(part.partname)
        writer.write(part.partname, part.blob if blob is None else blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return out.getvalue()
