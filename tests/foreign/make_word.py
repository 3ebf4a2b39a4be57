"""Regenerate the Word-style files of tests/data/foreign/ (``word-*.docx``): XML parts as Word writes them.

    .venv/bin/python tests/foreign/make_word.py

Word is not available here, so these edits are made with lxml on the clean drafts drafting compiled
(base.py), in the shapes Word gives them: a footnote or endnote is a ``w:footnoteReference`` run and a
``word/footnotes.xml`` part (with Word's separator notes -1 and 0) related from the document; a text box
is a ``w:drawing`` with ``wps:txbx`` in ``mc:Choice Requires="wps"`` and the same box as VML in
``mc:Fallback``; a symbol inserted with Insert > Symbol is ``w:sym w:font="Symbol" w:char="F0B3"``; a
comment is a ``commentRangeStart``/``commentRangeEnd`` pair and a ``commentReference`` run with its text
in ``word/comments.xml``; tracked changes are ``w:ins``/``w:del`` with ``w:author`` and ``w:date``, and a
new paragraph has an inserted paragraph mark.  Which edit each file holds and what import must make of
it is in cases.py.  ``WordEdit`` is also used by make_resaves.py for the files pandoc re-saves.
"""

from __future__ import annotations

import copy
import io
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

import base  # noqa: E402
import cases  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WML_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
AUTHOR, DATE = "Delegación de Brasil", "2025-01-20T09:00:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wx(xml: str) -> etree._Element:
    """An element from a snippet written with the usual prefixes."""
    ns = (f'xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="{MC}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:wps="{WPS}" '
          f'xmlns:v="{V}"')
    root = etree.fromstring(f"<root {ns}>{xml}</root>")
    return root[0]


class WordEdit:
    """A .docx held as its parts, its body parsed, edited with lxml, saved in the same part order."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.names = z.namelist()
            self.parts = {n: z.read(n) for n in self.names}
        self.doc = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.doc.find(w("body"))
        self.next_id = 9000

    # -- finding
    def para(self, bookmark: str) -> etree._Element:
        for b in self.body.iter(w("bookmarkStart")):
            if b.get(w("name")) == bookmark:
                p = b.getparent()
                while p.tag != w("p"):
                    p = p.getparent()
                return p
        raise KeyError(bookmark)

    def clause(self, cid: str) -> etree._Element:
        return self.para("c_" + cid.replace("-", "_"))

    def text_run(self, p: etree._Element) -> etree._Element:
        """The paragraph's clause-text run (no character style)."""
        return next(r for r in p.iter(w("r")) if r.find(f"{w('rPr')}/{w('rStyle')}") is None
                    and r.find(w("t")) is not None)

    def isolate(self, p: etree._Element, words: str) -> etree._Element:
        """Split the run holding ``words`` so that they are a run of their own; that run."""
        for r in p.iter(w("r")):
            t = r.find(w("t"))
            if t is None or t.text is None or words not in t.text:
                continue
            before, after = t.text.split(words, 1)
            for text, where in ((before, "before"), (after, "after")):
                if text:
                    piece = copy.deepcopy(r)
                    piece.find(w("t")).text = text
                    piece.find(w("t")).set(XML_SPACE, "preserve")
                    (r.addprevious if where == "before" else r.addnext)(piece)
            t.text = words
            t.set(XML_SPACE, "preserve")
            return r
        raise KeyError(words)

    # -- building
    def id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def revision(self, kind: str) -> etree._Element:
        return etree.Element(w(kind), {w("id"): self.id(), w("author"): AUTHOR, w("date"): DATE})

    def run(self, text: str, style: str | None = None) -> etree._Element:
        r = etree.Element(w("r"))
        if style:
            rpr = etree.SubElement(r, w("rPr"))
            etree.SubElement(rpr, w("rStyle"), {w("val"): style})
        t = etree.SubElement(r, w("t"))
        t.text = text
        t.set(XML_SPACE, "preserve")
        return r

    def inserted(self, *runs: etree._Element) -> etree._Element:
        ins = self.revision("ins")
        ins.extend(runs)
        return ins

    def delete(self, r: etree._Element) -> None:
        d = self.revision("del")
        r.addprevious(d)
        d.append(r)
        for t in r.iter(w("t")):
            t.tag = w("delText")

    def mark(self, p: etree._Element, kind: str) -> None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.SubElement(p, w("pPr"))
            p.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self.revision(kind))

    def add_part(self, name: str, xml: bytes, rel_type: str, content_type: str) -> str:
        """A new part related from the document; its relationship id."""
        self.parts[name] = xml
        self.names.append(name)
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        rid = f"rId{100 + len(rels)}"
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship",
                         {"Id": rid, "Type": rel_type, "Target": name.removeprefix("word/")})
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True,
                                                                    encoding="UTF-8", standalone=True)
        types = etree.fromstring(self.parts["[Content_Types].xml"])
        etree.SubElement(types, f"{{{CT}}}Override", {"PartName": "/" + name, "ContentType": content_type})
        self.parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                           standalone=True)
        return rid

    def save(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True, encoding="UTF-8",
                                                         standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n in self.names:
                if n in self.parts:
                    z.writestr(n, self.parts[n])
        return out.getvalue()


def _notes_part(kind: str, text: str, tracked: bool) -> bytes:
    """word/footnotes.xml or endnotes.xml: Word's two separators, then note 1."""
    tag = kind  # footnote | endnote
    ref_style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    text_style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    body = (f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{tag}Ref/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r>')
    if tracked:
        body = f'<w:ins w:id="8001" w:author="{AUTHOR}" w:date="{DATE}">{body}</w:ins>'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{tag}s xmlns:w="{W}" xmlns:r="{R}">'
            f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            f'</w:p></w:{tag}>'
            f'<w:{tag} w:id="1"><w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>{body}</w:p></w:{tag}>'
            f'</w:{tag}s>').encode()


def note(doc: WordEdit, kind: str, cid: str, after_words: str, text: str, tracked: bool) -> None:
    ref_style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    r = doc.isolate(doc.clause(cid), after_words)
    ref = wx(f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{kind}Reference w:id="1"/></w:r>')
    r.addnext(doc.inserted(ref) if tracked else ref)
    doc.add_part(f"word/{kind}s.xml", _notes_part(kind, text, tracked),
                 f"{R}/{kind}s", f"{WML_TYPE}.{kind}s+xml")


# ---------------------------------------------------------------------------------------- the edits

def inherited_styles(doc: WordEdit) -> None:
    p = doc.clause("op-statelessness")
    number = next(r for r in p.iter(w("r")) if r.find(f"{w('rPr')}/{w('rStyle')}") is not None)
    number.addnext(doc.inserted(doc.run(cases.START, "DraftNumber")))
    p = doc.clause("op-reaffirm-cartagena")
    label = [r for r in p.iter(w("r")) if r.find(f"{w('rPr')}/{w('rStyle')}") is not None][-1]
    label.addnext(doc.inserted(doc.run(cases.AFTER_LABEL, "DraftLabel")))
    # Enter at the end of op 3, after its label: Word marks op 3's paragraph mark inserted, and the new
    # paragraph (which keeps op 3's old mark) holds the typed text, in the label's style
    p = doc.clause("op-access-territory")
    new = wx('<w:p><w:pPr><w:pStyle w:val="DraftClause0"/></w:pPr></w:p>')
    new.append(doc.inserted(doc.run(cases.NEW_PARAGRAPH, "DraftLabel")))
    doc.mark(p, "ins")
    p.addnext(new)


def footnote(doc: WordEdit) -> None:
    note(doc, "footnote", "op-statelessness", "2034,", cases.FOOTNOTE, tracked=True)


def endnote(doc: WordEdit) -> None:
    note(doc, "endnote", "op-international-cooperation", "previsibles", cases.ENDNOTE, tracked=False)


def textbox(doc: WordEdit) -> None:
    box = f'<w:txbxContent><w:p><w:r><w:t>{cases.TEXTBOX}</w:t></w:r></w:p></w:txbxContent>'
    run = wx(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="Cuadro de texto 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2000000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{box}</wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" path="m,l,21600r21600,l21600,xe"/>'
        '<v:shape id="Cuadro de texto 1" type="#_x0000_t202" style="width:157pt;height:39pt">'
        f'<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    doc.isolate(doc.clause("op-mixed-movements"), "vías regulares").addnext(run)


def move_untracked(doc: WordEdit) -> None:
    p = doc.clause("op-follow-up")
    doc.clause("op-reaffirm-cartagena").addnext(p)


def sym_insert(doc: WordEdit) -> None:
    before, after = cases.SYM_INSERT.split("≥")
    sym = wx('<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
             '<w:sym w:font="Symbol" w:char="F0B3"/></w:r>')
    doc.isolate(doc.clause("op-follow-up"), "trienales").addnext(
        doc.inserted(doc.run(before), sym, doc.run(after)))


def sym_hyphen(doc: WordEdit) -> None:
    r = doc.isolate(doc.clause("op-adopt-plan"), "-")
    r.remove(r.find(w("t")))
    r.append(wx('<w:sym w:font="Symbol" w:char="F02D"/>'))


def alternate_content(doc: WordEdit) -> None:
    for cid, requires, choice in (("op-statelessness", "w14", None), ("op-solutions", "xyz", cases.UNSHOWN)):
        p = doc.clause(cid)
        r = doc.text_run(p)
        shown = copy.deepcopy(r)
        if choice is not None:
            shown.find(w("t")).text = choice
        ac = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"xyz": "urn:example:unknown-extension"}
                           if requires == "xyz" else None)
        etree.SubElement(ac, f"{{{MC}}}Choice", {"Requires": requires}).append(shown)
        fallback = etree.SubElement(ac, f"{{{MC}}}Fallback")
        r.addprevious(ac)
        fallback.append(r)


def comments_table(doc: WordEdit) -> None:
    sect = doc.body.find(w("sectPr"))
    heading = wx('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Comentarios de la delegación de Brasil</w:t></w:r>'
                 '</w:p>')
    rows = [("Párrafo", "Comentario", "Propuesta"), *cases.TABLE_ROWS]
    grid = "".join('<w:gridCol w:w="3000"/>' for _ in range(3))
    cell = ('<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">'
            '{}</w:t></w:r></w:p></w:tc>')
    body = "".join("<w:tr>" + "".join(cell.format(text) for text in row) + "</w:tr>" for row in rows)
    table = wx(f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
               f'<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>')
    sect.addprevious(heading)
    sect.addprevious(table)
    sect.addprevious(wx("<w:p/>"))  # Word always ends a document that ends in a table with a paragraph


def tracked_3bis(doc: WordEdit) -> None:
    p = wx('<w:p><w:pPr><w:pStyle w:val="DraftClause0"/></w:pPr></w:p>')
    doc.mark(p, "ins")
    p.append(doc.inserted(doc.run(cases.TYPED_3BIS + cases.NEW_3BIS)))
    doc.clause("op-access-territory").addnext(p)


def comment_two_clauses(doc: WordEdit) -> None:
    first = doc.isolate(doc.clause("op-statelessness"), "erradicar la apatridia en la región")
    last = doc.isolate(doc.clause("op-mixed-movements"), "movimientos mixtos")
    first.addprevious(wx('<w:commentRangeStart w:id="0"/>'))
    last.addnext(wx('<w:commentRangeEnd w:id="0"/>'))
    last.getnext().addnext(wx('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                              '<w:commentReference w:id="0"/></w:r>'))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
           f'<w:comment w:id="0" w:author="{AUTHOR}" w:date="{DATE}" w:initials="BR"><w:p>'
           f'<w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
           f'</w:rPr><w:annotationRef/></w:r><w:r><w:t>{cases.COMMENT_TWO}</w:t></w:r></w:p></w:comment>'
           f'</w:comments>').encode()
    doc.add_part("word/comments.xml", xml, f"{R}/comments",
                 f"{WML_TYPE}.comments+xml")


def template(doc: WordEdit) -> None:
    """Pasted into a delegation's own template: every paragraph in its Normal style, numbers and labels
    plain text, no bookmarks, no clause map, no header or footer, its own document properties."""
    for el in list(doc.body.iter(w("bookmarkStart"), w("bookmarkEnd"), w("pStyle"), w("rStyle"),
                                 w("headerReference"), w("footerReference"))):
        el.getparent().remove(el)
    for name in [n for n in doc.names if n.startswith("customXml/")]:
        del doc.parts[name]
    rels = etree.fromstring(doc.parts["word/_rels/document.xml.rels"])
    for rel in list(rels):
        if rel.get("Type", "").endswith(("/customXml", "/header", "/footer")):
            rels.remove(rel)
    doc.parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                               standalone=True)
    core = etree.fromstring(doc.parts["docProps/core.xml"])
    for el in core:
        if etree.QName(el).localname in ("title", "subject", "identifier", "keywords"):
            el.text = None
    doc.parts["docProps/core.xml"] = etree.tostring(core, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)


def template_paste(doc: WordEdit) -> None:
    registration = doc.clause("op-asylum-registration")
    registration.getparent().remove(registration)
    r = doc.isolate(doc.clause("op-borders-documentation"), "documentación")
    r.find(w("t")).text = "documentación gratuita"
    template(doc)


EDITS: dict[str, Callable[[WordEdit], None]] = {
    "word-inherited-styles.docx": inherited_styles,
    "word-footnote.docx": footnote,
    "word-endnote.docx": endnote,
    "word-textbox.docx": textbox,
    "word-move-untracked.docx": move_untracked,
    "word-sym-insert.docx": sym_insert,
    "word-sym-hyphen.docx": sym_hyphen,
    "word-alternate-content.docx": alternate_content,
    "word-comments-table.docx": comments_table,
    "word-tracked-3bis.docx": tracked_3bis,
    "word-comment-two-clauses.docx": comment_two_clauses,
    "word-template-untouched.docx": template,
    "word-template-paste.docx": template_paste,
}


def drafts(tmp: Path) -> dict[str, Path]:
    """The clean drafts: document id -> file, and ``repeated`` for the repeated-texts Declaration."""
    out = base.clean_drafts(base.example_workspace(tmp / "example"), tmp / "drafts")
    out["repeated"] = base.clean_drafts(base.repeated_workspace(tmp / "repeated"), tmp / "repeated-drafts")[
        "declaration"]
    return out


def main() -> int:
    base.DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sources = drafts(Path(tmp))
        for file, edit in EDITS.items():
            case = cases.BY_FILE[file]
            source = sources["repeated" if case.workspace == "repeated" else case.document]
            doc = WordEdit(source.read_bytes())
            edit(doc)
            (base.DATA / file).write_bytes(doc.save())
            print(base.DATA / file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
