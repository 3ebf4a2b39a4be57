"""Akoma Ntoso back into documents: the files ``akn`` writes (one per document and language) read
into the model's documents, sections and clauses -- ids, numbering, headings, statuses and the text in
every language -- so that a text exchanged as AKN comes back as it left.

Read safely: a file with a DOCTYPE or an entity declaration is refused before parsing, nothing is
fetched from the network, and every problem is reported with its file and line.  The proposals a
file carries as ``<amendment>`` attachments are counted, not imported."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import Problem, WorkspaceError
from ..model import AgreedLanguage, Clause, Document, Loc, Section
from ..store.yamlio import FORBIDDEN
from ..vocab import (
    CLAUSE_STATUSES,
    CODE_PATTERN,
    DELEGATION_KINDS,
    ID_PATTERN,
    LANG_PATTERN,
    NUMBERING_STYLES,
)
from .aknml import DOCUMENT_TYPE, NS, PENDING, SECTION_PREFIX, XML_NS, d, lang2, q

LIMIT_BYTES = 50_000_000
Report = Callable[[int, str], None]
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class _Clause:
    id: str
    kind: str
    status: str
    texts: dict[str, str]
    pending: set[str]
    children: list[_Clause]
    line: int


@dataclass
class _Section:
    id: str
    numbering: str
    titles: dict[str, str]
    clauses: list[_Clause]
    line: int


@dataclass
class _File:
    path: str
    doc_id: str
    lang: str
    original: str
    symbol: str
    title: str
    sections: list[_Section]
    amendments: int
    line: int = 1
    languages: list[str] = field(default_factory=list)  # the negotiation's, in order, when the file says
    delegations: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> name, kind, members
    extras: dict[str, dict[str, Any]] = field(default_factory=dict)  # clause id -> agreed language, actors...


@dataclass
class Imported:
    """What a set of AKN files holds: documents (in the order first met), the languages (the original
    first), the original language, the symbol, and how many proposals the files carried."""

    documents: list[Document] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    original: str = ""
    symbol: str = ""
    amendments: int = 0
    # the delegations the files name (code -> name per language, kind, members), when they give kinds
    delegations: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_akn(files: Sequence[tuple[str, bytes]]) -> Imported:
    """Read ``(path, bytes)`` AKN files; every problem raises one WorkspaceError listing them all."""
    problems: list[Problem] = []
    parsed = [f for f in (_read(path, data, problems) for path, data in files) if f is not None]
    if problems:
        raise WorkspaceError(problems)
    out = Imported()
    groups: dict[str, list[_File]] = {}
    for f in parsed:
        groups.setdefault(f.doc_id, []).append(f)
    originals = {f.original for f in parsed}
    if len(originals) > 1:
        raise WorkspaceError([Problem(f.path, f.line, f"original language {f.original!r}, but other files say "
                                      f"{', '.join(sorted(originals - {f.original}))}") for f in parsed])
    out.original = parsed[0].original if parsed else ""
    said = next((f.languages for f in parsed if f.languages), [])
    for f in sorted(parsed, key=lambda f: said.index(f.lang) if f.lang in said else len(said)):
        if f.lang not in out.languages:
            out.languages.append(f.lang)
    if out.original in out.languages:
        out.languages.remove(out.original)
    out.languages.insert(0, out.original)
    out.symbol = parsed[0].symbol if parsed else ""
    for f in parsed:
        for code, info in f.delegations.items():
            if "kind" not in info:
                continue  # a reference without its kind (another system's file): not a delegation to add
            entry = out.delegations.setdefault(code, {"name": {}, "kind": info["kind"], "members": info["members"]})
            entry["name"].update(info["name"])
    # every language's file carries the same proposals
    out.amendments = sum(max(f.amendments for f in group) for group in groups.values())
    for doc_id, group in groups.items():
        out.documents.append(_merge(doc_id, group, out.languages, problems))
    if problems:
        raise WorkspaceError(problems)
    return out


# ------------------------------------------------------------------------------------------ one file

def _read(path: str, data: bytes, problems: list[Problem]) -> _File | None:
    def err(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    if len(data) > LIMIT_BYTES:
        err(0, f"file too large ({len(data)} bytes; limit {LIMIT_BYTES})")
        return None
    found = _DECLARATION.search(data)
    if found:
        err(data[: found.start()].count(b"\n") + 1, "a DOCTYPE or ENTITY declaration is not allowed")
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        err(e.lineno or 0, f"not well-formed XML: {e.msg}")
        return None
    if root.tag != q("akomaNtoso"):
        err(root.sourceline or 1, f"not an Akoma Ntoso 3.0 file (root element {root.tag!r}; expected akomaNtoso "
                                  f"in {NS})")
        return None
    doc = root.find(q(DOCUMENT_TYPE))
    if doc is None:
        err(root.sourceline or 1, f"no <{DOCUMENT_TYPE}> in the file: drafting reads the texts it writes")
        return None
    doc_id = doc.get("name", "")
    if not ID_PATTERN.match(doc_id):
        err(doc.sourceline or 1, f"<{DOCUMENT_TYPE} name={doc_id!r}> is not a document id")
        return None
    language = doc.find(f"{q('meta')}/{q('identification')}/{q('FRBRExpression')}/{q('FRBRlanguage')}")
    lang = lang2(language.get("language", "")) if language is not None else ""
    if not LANG_PATTERN.match(lang):
        err(language.sourceline if language is not None else doc.sourceline or 1,
            "FRBRExpression has no FRBRlanguage this toolkit knows")
        return None
    master = doc.find(f"{q('meta')}/{q('identification')}/{q('FRBRExpression')}/{q('FRBRmasterExpression')}")
    original = lang
    if master is not None:
        m = re.search(r"/([a-z]{2,3})@[^/]*$", master.get("href", ""))
        original = lang2(m.group(1)) if m else lang
    number = doc.find(f"{q('meta')}/{q('identification')}/{q('FRBRWork')}/{q('FRBRnumber')}")
    title = doc.find(f"{q('preface')}//{q('docTitle')}")
    f = _File(path, doc_id, lang, original, number.get("value", "") if number is not None else "",
              _text(title) if title is not None else "", [], len(doc.findall(f"{q('attachments')}/*")),
              doc.sourceline or 1)
    for ref in doc.iterfind(f"{q('meta')}/{q('references')}/{q('TLCOrganization')}"):
        code = ref.get("eId", "")
        if CODE_PATTERN.match(code) and ref.get("showAs"):
            f.delegations.setdefault(code, {"name": {}})["name"][lang] = ref.get("showAs")
    for prop in doc.iterfind(f"{q('meta')}/{q('proprietary')}"):
        _proprietary(prop, f, lambda line, message: err(line, message))
    containers = [(r, "none") for r in doc.iterfind(f"{q('preamble')}/{q('recitals')}")]
    containers += [(s, "arabic") for s in doc.iterfind(f"{q('body')}/{q('section')}")]
    for el, default in containers:
        section = _section(el, default, f, err)
        if section is not None:
            f.sections.append(section)
    if not f.sections:
        err(doc.sourceline or 1, "no section in the document (expected <recitals> or <section> with an eId sec_...)")
    return f


def _section(el: etree._Element, default: str, f: _File, report: Report) -> _Section | None:
    eid = el.get("eId", "")
    sid = eid[len(SECTION_PREFIX):] if eid.startswith(SECTION_PREFIX) else ""
    if not ID_PATTERN.match(sid):
        report(el.sourceline or 0, f"a section's eId must be {SECTION_PREFIX}<section id>, not {eid!r}")
        return None
    tokens = (el.get("class") or "").split()
    numbering = next((t for t in tokens if t in NUMBERING_STYLES), default)
    heading = el.find(q("heading"))
    titles = {f.lang: _text(heading)} if heading is not None and _text(heading) else {}
    clauses = []
    for child in el:
        if child.tag in (q("recital"), q("paragraph"), q("crossHeading"), q("point")):
            c = _clause(child, f, report)
            if c is not None:
                clauses.append(c)
    return _Section(sid, numbering, titles, clauses, el.sourceline or 0)


def _clause(el: etree._Element, f: _File, report: Report) -> _Clause | None:
    cid = el.get("eId", "")
    if not ID_PATTERN.match(cid):
        report(el.sourceline or 0, f"eId {cid!r} is not a clause id ([a-z0-9][a-z0-9-]*)")
        return None
    tokens = (el.get("class") or "").split()
    status = next((t for t in tokens if t in CLAUSE_STATUSES), "pending")
    pending = {f.lang} if PENDING in tokens else set()
    texts: dict[str, str] = {}
    if el.tag == q("crossHeading"):
        text = _text(el)
        _check(text, el, report)
        texts[f.lang] = text
        return _Clause(cid, "heading", "pending", texts, pending, [], el.sourceline or 0)
    p = el.find(q("p"))
    if p is None:
        p = el.find(f"{q('content')}/{q('p')}")
    if p is None:
        p = el.find(f"{q('intro')}/{q('p')}")
    if p is None:
        report(el.sourceline or 0, f"clause {cid} has no text (<p>)")
        return None
    text = _text(p)
    _check(text, p, report)
    if p.get(f"{{{XML_NS}}}lang") and lang2(p.get(f"{{{XML_NS}}}lang", "")) != f.lang:
        pending.add(f.lang)  # the original language stands in for a missing translation
    else:
        texts[f.lang] = text
    children = [c for c in (_clause(x, f, report) for x in el if x.tag == q("point")) if c is not None]
    return _Clause(cid, "paragraph", status, texts, pending, children, el.sourceline or 0)


def _proprietary(el: etree._Element, f: _File, report: Report) -> None:
    """The negotiation's languages, and each clause's agreed language and follow-up fields."""
    negotiation = el.find(d("negotiation"))
    if negotiation is not None:
        f.languages = [x for x in negotiation.get("languages", "").split() if LANG_PATTERN.match(x)]
    for de in el.iterfind(d("delegation")):
        code = de.get("href", "").removeprefix("#")
        if CODE_PATTERN.match(code) and de.get("kind") in DELEGATION_KINDS:
            f.delegations.setdefault(code, {"name": {}})
            f.delegations[code].update(kind=de.get("kind"), members=tuple(de.get("members", "").split()))
    for ce in el.iterfind(d("clause")):
        cid = ce.get("href", "").removeprefix("#")
        if not ID_PATTERN.match(cid):
            report(ce.sourceline or 0, f"<d:clause href={ce.get('href')!r}> names no clause")
            continue
        extra: dict[str, Any] = {"actors": []}
        if ce.get("deadline"):
            extra["deadline"] = ce.get("deadline")
        agreed = ce.find(d("agreedLanguage"))
        if agreed is not None:
            extra["agreed_language"] = (AgreedLanguage(agreed.get("precedent", ""), agreed.get("ref", ""))
                                        if agreed.get("precedent") else _text(agreed))
        for actor in ce.iterfind(d("actor")):
            texts = _texts(actor)
            extra["actors"].append(actor.get("code") or texts.get("") or texts)
        indicator = ce.find(d("indicator"))
        if indicator is not None:
            extra["indicator"] = _texts(indicator)
        f.extras[cid] = extra


def _texts(el: etree._Element) -> dict[str, str]:
    return {t.get("lang", ""): _text(t) for t in el.iterfind(d("text"))}


def _text(el: etree._Element) -> str:
    return unicodedata.normalize("NFC", " ".join("".join(el.itertext()).split()))


def _check(text: str, el: etree._Element, report: Report) -> None:
    bad = FORBIDDEN.search(text)
    if bad is not None:
        report(el.sourceline or 0, f"forbidden character U+{ord(bad.group()):04X} in text")


# ------------------------------------------------------------------------------- files of one document

def _shape(c: _Clause) -> tuple[object, ...]:
    return (c.id, c.kind, tuple(_shape(x) for x in c.children))


def _merge(doc_id: str, group: list[_File], languages: list[str], problems: list[Problem]) -> Document:
    """One document from its files in each language: the same sections and clauses in each."""
    first = next((f for f in group if f.lang == f.original), group[0])
    seen: dict[str, str] = {}
    for f in group:
        if f.lang in seen:
            problems.append(Problem(f.path, f.line, f"a second {f.lang!r} text of {doc_id} (also {seen[f.lang]})"))
            continue
        seen[f.lang] = f.path
        if f is first:
            continue
        mine = [(s.id, tuple(_shape(c) for c in s.clauses)) for s in f.sections]
        theirs = [(s.id, tuple(_shape(c) for c in s.clauses)) for s in first.sections]
        if mine != theirs:
            where = next((s.line for (s, a, b) in zip(f.sections, mine, theirs) if a != b), f.line)
            problems.append(Problem(f.path, where, f"sections or clauses differ from {first.path}: every language of "
                                                   "a document must hold the same clauses in the same order"))
            continue
        for s, t in zip(first.sections, f.sections):
            s.titles.update(t.titles)
            _merge_clauses(s.clauses, t.clauses)
    order = {lang: i for i, lang in enumerate(languages)}

    def ordered(texts: dict[str, str]) -> dict[str, str]:
        return dict(sorted(texts.items(), key=lambda kv: order.get(kv[0], len(order))))

    def model(c: _Clause) -> Clause:
        extra = first.extras.get(c.id, {})
        return Clause(c.id, ordered(c.texts), c.kind, c.status, extra.get("agreed_language"),
                      tuple(sorted(c.pending, key=lambda x: order.get(x, len(order)))),
                      tuple(model(x) for x in c.children), Loc(first.path, c.line),
                      tuple(extra.get("actors", ())), extra.get("deadline"), extra.get("indicator", {}))

    titles = ordered({f.lang: f.title for f in group if f.title})
    sections = tuple(Section(s.id, ordered(s.titles), s.numbering, tuple(model(c) for c in s.clauses),
                             Loc(first.path, s.line)) for s in first.sections)
    return Document(doc_id, titles, sections, Loc(first.path, first.line))


def _merge_clauses(into: list[_Clause], other: list[_Clause]) -> None:
    for a, b in zip(into, other):
        a.texts.update(b.texts)
        a.pending |= b.pending
        _merge_clauses(a.children, b.children)

