"""The text as Akoma Ntoso 3.0 (OASIS LegalDocML), the XML that LEOS, Bungeni and parliaments
exchange: one file per document and language, ``<document>-<lang>.akn.xml`` (conventions in
``aknml``).  The open proposals on the document travel with it as ``<amendment>`` attachments, each
with its proponents, its change in the language it was made in (``<del>``/``<ins>`` in the clause's
words where they can be located) and its rationale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from lxml import etree

from ..model import AgreedLanguage, Amendment, Clause, Section, Workspace
from ..ops.anchor import STALE
from ..render import authors, frames, i18n
from ..render.layout import Frame
from ..render.proposals import TEXT_OPS, BaseTexts, edits_for, sort_key
from ..vocab import CODE_PATTERN
from .aknml import COUNTRY, DOCUMENT_TYPE, NS, OWN_NS, PENDING, SECTION_PREFIX, XML_NS, d, lang3, q, slug

if TYPE_CHECKING:
    from ..store.session import Session


def akn_files(session: Session, ws: Workspace, *, langs: tuple[str, ...], at: str | None,
              document: str | None, now: dt.datetime) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every document in every language."""
    bases = session.bases(ws) if ws.amendments else {}
    base_text = BaseTexts(bases)
    out = []
    for frame in frames(session, ws, langs=langs, at=at, document=document, now=now):
        root = _Writer(frame, base_text, now).document()
        _indent(root, 0)
        out.append((f"{frame.doc.id}-{frame.lang}.akn.xml",
                    etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"))
    return out


# elements whose content is text (with inline elements): their whitespace is the text's own
_MIXED = frozenset(q(t) for t in ("p", "heading", "num", "crossHeading", "docTitle"))


def _indent(el: etree._Element, level: int) -> None:
    """Indent the structure for a reader, never inside a text (lxml's pretty printer would put line
    breaks inside a paragraph that starts with an inline element)."""
    children = list(el)
    if el.tag in _MIXED or not children or (el.text or "").strip():
        return
    el.text = "\n" + "  " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level


def preamble_sections(sections: tuple[Section, ...]) -> int:
    """How many leading sections are preambular: unnumbered, without headings or sub-clauses."""
    n = 0
    for s in sections:
        if s.numbering != "none" or any(c.kind == "heading" or c.children for c in s.clauses):
            break
        n += 1
    return n


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(tag), {k.rstrip("_"): v for k, v in attrs.items() if v})
    if text:
        el.text = text
    return el


class _Writer:
    def __init__(self, frame: Frame, base_text: BaseTexts, now: dt.datetime) -> None:
        self.f = frame
        self.ws = frame.ws
        self.lang = frame.lang
        self.base_text = base_text
        self.now = now
        version = self.ws.version(frame.version_id) if frame.version_id else None
        self.version_id = frame.version_id or "draft"
        self.version_date = (version.date if version is not None and version.date else now.date().isoformat())
        first = self.ws.versions[0] if self.ws.versions else None
        self.work_date = first.date if first is not None and first.date else self.version_date
        self.work = f"/akn/{COUNTRY}/{DOCUMENT_TYPE}/{self.work_date}/{slug(self.ws.symbol)}-{frame.doc.id}"
        self.authors = [c for c, d in self.ws.delegations.items() if d.kind == "secretariat"] or ["secretariat"]

    # -- the document --------------------------------------------------------------------------

    def document(self) -> etree._Element:
        root = etree.Element(q("akomaNtoso"), nsmap={None: NS, "d": OWN_NS})
        bill = _sub(root, DOCUMENT_TYPE, name=self.f.doc.id, contains="singleVersion")
        self.meta(bill)
        self.preface(bill)
        sections = self.f.doc.sections
        lead = preamble_sections(sections)
        if lead:
            preamble = _sub(bill, "preamble")
            for s in sections[:lead]:
                self.recitals(preamble, s)
        body = _sub(bill, "body")
        for s in sections[lead:]:
            self.section(body, s)
        amendments = list(self.proposals())
        if amendments:
            attachments = _sub(bill, "attachments")
            for a in amendments:
                # a contribution of an observer, an organization or civil society is no proposal of the text
                self.amendment(_sub(attachments, "attachment", eId=f"att_{a.id}",
                                    class_="contribution" if self.ws.is_contribution(a) else ""), a)
        return root

    def meta(self, parent: etree._Element) -> None:
        meta = _sub(parent, "meta")
        source = f"#{self.authors[0]}"
        ident = _sub(meta, "identification", source=source)
        orig = self.ws.original_language
        expr = f"{self.work}/{lang3(self.lang)}@{self.version_id}"
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", value=f"{self.work}/!main")
        _sub(work, "FRBRuri", value=self.work)
        _sub(work, "FRBRdate", date=self.work_date, name="zero" if self.ws.versions else "draft")
        for code in self.authors:
            _sub(work, "FRBRauthor", href=f"#{code}")
        _sub(work, "FRBRcountry", value=COUNTRY)
        _sub(work, "FRBRnumber", value=self.ws.symbol)
        _sub(work, "FRBRname", value=self.f.doc.title.get(orig) or self.f.doc.id)
        expression = _sub(ident, "FRBRExpression")
        _sub(expression, "FRBRthis", value=f"{expr}/!main")
        _sub(expression, "FRBRuri", value=expr)
        _sub(expression, "FRBRdate", date=self.version_date, name=self.f.version_label or self.version_id)
        for code in self.authors:
            _sub(expression, "FRBRauthor", href=f"#{code}")
        _sub(expression, "FRBRversionNumber", value=self.version_id)
        _sub(expression, "FRBRmasterExpression", href=f"{self.work}/{lang3(orig)}@{self.version_id}",
             showAs=i18n.language_name(orig, self.lang))
        _sub(expression, "FRBRlanguage", language=lang3(self.lang))
        if self.lang != orig:
            _sub(expression, "FRBRtranslation", href=f"{self.work}/{lang3(orig)}@{self.version_id}",
                 fromLanguage=lang3(orig), by=source)
        manifestation = _sub(ident, "FRBRManifestation")
        _sub(manifestation, "FRBRthis", value=f"{expr}/!main.xml")
        _sub(manifestation, "FRBRuri", value=f"{expr}.akn")
        _sub(manifestation, "FRBRdate", date=self.now.date().isoformat(), name="generation")
        for code in self.authors:
            _sub(manifestation, "FRBRauthor", href=f"#{code}")
        _sub(manifestation, "FRBRformat", value="application/akn+xml")
        refs = _sub(meta, "references", source=source)
        for code, delegation in self.ws.delegations.items():
            _sub(refs, "TLCOrganization", eId=code, href=f"/ontology/organization/{slug(self.ws.symbol)}/{code}",
                 showAs=delegation.display(self.lang))
        self.proprietary(_sub(meta, "proprietary", source=source))

    def proprietary(self, el: etree._Element) -> None:
        """The negotiation's languages and its delegations' kinds, and each clause's agreed language
        and follow-up fields."""
        etree.SubElement(el, d("negotiation"), languages=" ".join(self.ws.languages))
        for code, delegation in self.ws.delegations.items():
            de = etree.SubElement(el, d("delegation"), href=f"#{code}", kind=delegation.kind)
            if delegation.members:
                de.set("members", " ".join(delegation.members))
        for s in self.f.doc.sections:
            for top in s.clauses:
                for c in top.walk():
                    if c.agreed_language is None and not c.actors and c.deadline is None and not c.indicator:
                        continue
                    ce = etree.SubElement(el, d("clause"), href=f"#{c.id}")
                    if c.deadline is not None:
                        ce.set("deadline", c.deadline)
                    agreed = c.agreed_language
                    if isinstance(agreed, AgreedLanguage):
                        etree.SubElement(ce, d("agreedLanguage"), precedent=agreed.precedent, ref=agreed.ref)
                    elif agreed is not None:
                        etree.SubElement(ce, d("agreedLanguage")).text = agreed
                    for actor in c.actors:
                        if isinstance(actor, str) and CODE_PATTERN.match(actor):
                            etree.SubElement(ce, d("actor"), code=actor)
                        else:
                            _texts(etree.SubElement(ce, d("actor")), {"": actor} if isinstance(actor, str) else actor)
                    if c.indicator:
                        _texts(etree.SubElement(ce, d("indicator")), c.indicator)

    def preface(self, parent: etree._Element) -> None:
        preface = _sub(parent, "preface")
        title = self.f.doc.title.get(self.lang) or self.f.doc.title.get(self.ws.original_language) or ""
        _sub(_sub(preface, "p", class_="title"), "docTitle", title)
        p = _sub(preface, "p")
        _sub(p, "docNumber", self.f.symbol)
        if self.f.version_label:
            p[-1].tail = " — "
            _sub(p, "docStage", self.f.version_label)

    # -- the text ------------------------------------------------------------------------------

    def recitals(self, parent: etree._Element, s: Section) -> None:
        el = _sub(parent, "recitals", eId=SECTION_PREFIX + s.id, class_=s.numbering)
        self.heading(el, s)
        for c in s.clauses:
            recital = _sub(el, "recital", eId=c.id, class_=self.classes(c))
            self.num(recital, c)
            self.p(recital, c)

    def section(self, parent: etree._Element, s: Section) -> None:
        el = _sub(parent, "section", eId=SECTION_PREFIX + s.id, class_=s.numbering)
        self.heading(el, s)
        for c in s.clauses:
            self.clause(el, c, "paragraph")

    def heading(self, el: etree._Element, s: Section) -> None:
        title = s.title.get(self.lang) or s.title.get(self.ws.original_language)
        if title:
            _sub(el, "heading", title)

    def clause(self, parent: etree._Element, c: Clause, tag: str) -> None:
        if c.kind == "heading":
            text, _ = self.f.text(c)
            el = _sub(parent, "crossHeading", eId=c.id, class_=self.classes(c))
            el.text = text
            return
        el = _sub(parent, tag, eId=c.id, class_=self.classes(c))
        self.num(el, c)
        if c.children:
            self.p(_sub(el, "intro"), c)
            for child in c.children:
                self.clause(el, child, "point")
        else:
            self.p(_sub(el, "content"), c)

    def num(self, el: etree._Element, c: Clause) -> None:
        number = self.f.number(c)
        if number:
            _sub(el, "num", number)

    def p(self, parent: etree._Element, c: Clause) -> None:
        text, _ = self.f.text(c)
        p = _sub(parent, "p", text)
        if self.lang not in c.text:  # the original language stands in
            p.set(f"{{{XML_NS}}}lang", lang3(self.ws.original_language))

    def classes(self, c: Clause) -> str:
        tokens = []
        if c.kind != "heading" and c.status != "pending":  # headings carry no status
            tokens.append(c.status)
        if self.lang in c.pending_translation:
            tokens.append(PENDING)
        return " ".join(tokens)

    # -- the proposals -------------------------------------------------------------------------

    def proposals(self) -> Iterator[Amendment]:
        ids = {c.id for s in self.f.doc.sections for top in s.clauses for c in top.walk()}
        for a in sorted(self.ws.open_amendments(), key=sort_key):
            ref = (a.change.after or a.change.before) if a.op == "add" else a.target
            if ref in ids:
                yield a

    def amendment(self, parent: etree._Element, a: Amendment) -> None:
        el = _sub(parent, "amendment", name="amendment", contains="originalVersion")
        meta = _sub(el, "meta")
        ident = _sub(meta, "identification", source=f"#{self.authors[0]}")
        date = a.submitted or self.version_date
        work = f"/akn/{COUNTRY}/amendment/{date}/{slug(self.ws.symbol)}-{a.id.lower()}"
        expr = f"{work}/{lang3(a.lang)}@{date}"
        for name, this, uri, when in (("FRBRWork", f"{work}/!main", work, date),
                                      ("FRBRExpression", f"{expr}/!main", expr, date),
                                      ("FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn",
                                       self.now.date().isoformat())):
            frbr = _sub(ident, name)
            _sub(frbr, "FRBRthis", value=this)
            _sub(frbr, "FRBRuri", value=uri)
            _sub(frbr, "FRBRdate", date=when, name="submission" if name != "FRBRManifestation" else "generation")
            _sub(frbr, "FRBRauthor", href=f"#{a.by}")
            if name == "FRBRWork":
                _sub(frbr, "FRBRcountry", value=COUNTRY)
                _sub(frbr, "FRBRnumber", value=a.id)
            elif name == "FRBRExpression":
                _sub(frbr, "FRBRlanguage", language=lang3(a.lang))
        preface = _sub(_sub(el, "preface"), "p")
        _sub(preface, "docNumber", a.id).tail = " — "
        for i, code in enumerate(a.sponsors):
            prop = _sub(preface, "docProponent", self.ws.delegation_name(code, self.lang), refersTo=f"#{code}")
            prop.tail = ", " if i < len(a.sponsors) - 1 else ""
        if a.on_behalf_of:
            prop.tail = " ("
            _sub(preface, "organization", self.ws.delegation_name(a.on_behalf_of, self.lang),
                 refersTo=f"#{a.on_behalf_of}").tail = ")"
        source = self.ws.amendment(a.sponsored_from) if a.sponsored_from else None
        if source is not None:  # the contribution a state took up, linked to its own attachment
            words = i18n.label("contributions.sponsoring", self.lang, id="\0",
                               contributor=self.ws.delegation_name(source.by, self.lang))
            before, _, after = words.partition("\0")
            last = preface[-1]  # the last proponent (or the group spoken for)
            last.tail = (last.tail or "") + " — " + before
            _sub(preface, "ref", source.id, href=f"#att_{source.id}").tail = after
        body = _sub(el, "amendmentBody")
        heading = _sub(_sub(body, "amendmentHeading"), "p")
        target = a.change.after or a.change.before if a.op == "add" else a.target
        ref = _sub(heading, "ref", self.ref_text(target or ""), href=f"#{target}")
        ref.tail = ": " + authors.describe(self.ws, a, self.lang, self.ref_text)
        self.change(_sub(body, "amendmentContent"), a)
        if a.rationale:
            _sub(_sub(body, "amendmentJustification"), "p", a.rationale.strip())

    def ref_text(self, clause_id: str) -> str:
        """How a proposal names a clause: its number, else its id."""
        n = self.f.numbers.get(clause_id)
        return n.ref() if n is not None else clause_id

    def change(self, parent: etree._Element, a: Amendment) -> None:
        """The change in the words of the language it was made in: the clause with ``<del>`` and
        ``<ins>`` where the change can be located, else the new words quoted."""
        p = _sub(parent, "p")
        if a.lang != self.lang:
            p.set(f"{{{XML_NS}}}lang", lang3(a.lang))
        c = a.change
        clause = self.ws.clause(a.target) if a.target else None
        if a.op in TEXT_OPS and clause is not None:
            whole = a.op == "bracket" and c.old is None
            text = clause.text.get(a.lang)
            if text is not None:
                loc, edits = edits_for(a, None if whole else self.base_text(a), text)
                if loc.state != STALE and edits:
                    pos = 0
                    last: etree._Element | None = None
                    for e in sorted(edits, key=lambda x: (x.start, x.end)):
                        _append(p, last, text[pos:e.start])
                        if e.end > e.start:
                            last = _sub(p, "del", text[e.start:e.end])
                        if e.new:
                            last = _sub(p, "ins", e.new)
                        pos = max(pos, e.end)
                    _append(p, last, text[pos:])
                    return
        if a.op == "substitute" and clause is not None:
            texts = c.texts or {}
            new = texts.get(a.lang) or next(iter(texts.values()), "")
            _sub(p, "del", clause.text.get(a.lang, ""))
            _sub(p, "ins", new)
        elif a.op == "add" and c.clause is not None:
            _sub(p, "ins", c.clause.text.get(a.lang) or next(iter(c.clause.text.values()), ""))
        elif a.op == "remove" and clause is not None:
            _sub(p, "del", clause.text.get(a.lang) or next(iter(clause.text.values()), ""))
        else:
            for words in (c.old, c.new, c.text):
                if words:
                    _sub(p, "quotedText", words)


def _texts(el: etree._Element, texts: Mapping[str, str]) -> None:
    """A text per language as ``<d:text lang="es">``; a text in no particular language without ``lang``."""
    for lang, text in texts.items():
        t = etree.SubElement(el, d("text"), lang=lang) if lang else etree.SubElement(el, d("text"))
        t.text = text


def _append(p: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        p.text = (p.text or "") + text
    else:
        last.tail = (last.tail or "") + text
