"""The negotiation as frozen data: no I/O, no YAML, no git.

Every object remembers where it was read from (``Loc``) so that any check can point a user at a file
and a line.  Texts are ``{language: text}`` mappings, NFC-normalised by the store.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .vocab import CONTRIBUTOR_KINDS, OPEN_STATUSES

Texts = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a value was read: a workspace-relative path and a 1-based line (0: unknown)."""

    path: str = ""
    line: int = 0
    # line of each field, keyed by a dotted path relative to this object ("text.es", "change.old")
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    def at(self, key: str) -> int:
        """The line of a field, falling back to the object's own line."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.line


NOWHERE = Loc()


@dataclass(frozen=True, slots=True)
class AgreedLanguage:
    """Wording taken from an earlier instrument: a precedent (``precedents/<id>.yaml``) and the
    reference of one of its paragraphs."""

    precedent: str
    ref: str


# An actor of a commitment: a delegation code, or free text (one string, or a text per language).
Actor = str | Texts


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    text: Texts
    kind: str = "paragraph"  # paragraph | heading
    status: str = "pending"
    # where the wording comes from: a free note, or a precedent and one of its paragraphs
    agreed_language: str | AgreedLanguage | None = None
    pending_translation: tuple[str, ...] = ()
    children: tuple[Clause, ...] = ()
    loc: Loc = NOWHERE
    # the follow-up of a commitment (all optional): who acts, by when, and how progress is measured
    actors: tuple[Actor, ...] = ()
    deadline: str | None = None  # YYYY-MM-DD, or text ("2026", "before the first review")
    indicator: Texts = field(default_factory=dict)

    def walk(self) -> Iterator[Clause]:
        """This clause and all its sub-clauses, depth first, in order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def with_text(self, lang: str, text: str) -> Clause:
        return replace(self, text={**self.text, lang: text})


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: Texts
    numbering: str = "arabic"  # none | arabic | roman | letter
    clauses: tuple[Clause, ...] = ()
    loc: Loc = NOWHERE
    reference: str | None = None  # "PP", "OP": how negotiators refer to its paragraphs (PP1, OP2 bis)


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: Texts
    sections: tuple[Section, ...] = ()
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Delegation:
    code: str
    name: Texts
    kind: str = "state"
    members: tuple[str, ...] = ()
    loc: Loc = NOWHERE

    def display(self, lang: str) -> str:
        """The delegation's name in a language, falling back to English, then any, then the code."""
        return self.name.get(lang) or self.name.get("en") or next(iter(self.name.values()), self.code)


@dataclass(frozen=True, slots=True)
class Version:
    id: str
    label: Texts
    date: str | None = None
    loc: Loc = NOWHERE

    def display(self, lang: str) -> str:
        """The label in ``lang``; a label given once for all languages; else the version's id (never
        another language's words in a draft)."""
        if self.label.get(lang):
            return self.label[lang]
        values = set(self.label.values())
        return values.pop() if len(values) == 1 else self.id


@dataclass(frozen=True, slots=True)
class Change:
    """Exactly one operation of an amendment.  Which fields are used depends on ``op``:

    replace: old, new, occurrence      insert: text, after|before (anchor text) or at (start|end)
    delete: old, occurrence            bracket: old (optional: whole clause), occurrence
    add: after|before (clause id), clause   remove: -   move: after|before (clause id)
    substitute: texts                  comment: -
    """

    op: str
    old: str | None = None
    new: str | None = None
    text: str | None = None
    after: str | None = None
    before: str | None = None
    at: str | None = None
    occurrence: int | None = None
    clause: Clause | None = None
    texts: Texts | None = None
    inside_word: bool = False  # an anchor may match inside a word (refused unless asked for)


@dataclass(frozen=True, slots=True)
class Decision:
    date: str | None = None
    note: str | None = None
    text: str | None = None  # modify: the adopted wording
    into: str | None = None  # merge: the amendment it was merged into
    clause: str | None = None  # accommodate: where
    texts: Texts | None = None  # texts supplied for the other languages


@dataclass(frozen=True, slots=True)
class Amendment:
    id: str
    version: str  # the version it is written against (its folder)
    by: str
    change: Change
    target: str | None = None
    lang: str = "es"
    cosponsors: tuple[str, ...] = ()
    on_behalf_of: str | None = None
    supporters: tuple[str, ...] = ()
    objectors: tuple[str, ...] = ()
    rationale: str | None = None
    channel: str = "written"
    submitted: str | None = None
    status: str = "submitted"
    decision: Decision | None = None
    entered_by: str | None = None       # the secretariat that typed in a proposal received by other means
    renumbered_from: str | None = None  # the provisional id it had before ``sync`` found it taken
    loc: Loc = NOWHERE
    sponsored_from: str | None = None  # the contribution a state took up with this amendment

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def op(self) -> str:
        return self.change.op

    @property
    def sponsors(self) -> tuple[str, ...]:
        """The proponent followed by the co-sponsors."""
        return (self.by, *self.cosponsors)


@dataclass(frozen=True, slots=True)
class PrecedentParagraph:
    ref: str  # as the instrument numbers it: "PP3", "ch. II, (b)"
    text: Texts
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Precedent:
    """An earlier instrument whose wording delegations defend as agreed language
    (``precedents/<id>.yaml``)."""

    id: str
    title: Texts
    forum: str
    date: str
    url: str | None = None
    paragraphs: tuple[PrecedentParagraph, ...] = ()
    loc: Loc = NOWHERE

    def paragraph(self, ref: str) -> PrecedentParagraph | None:
        return next((p for p in self.paragraphs if p.ref == ref), None)

    def display(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or next(iter(self.title.values()), self.id)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a clause sits: its document, section, and the chain of parents (outermost first)."""

    document: Document
    section: Section
    parents: tuple[Clause, ...]
    clause: Clause
    index: int  # position among its siblings


@dataclass(frozen=True, slots=True)
class Workspace:
    title: Texts
    symbol: str
    original_language: str
    languages: tuple[str, ...]
    document_ids: tuple[str, ...]
    delegations: Mapping[str, Delegation]
    versions: tuple[Version, ...]
    documents: tuple[Document, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    precedents: tuple[Precedent, ...] = ()
    schema: str = "1"
    loc: Loc = NOWHERE
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # clause id -> placement, built on first use (not copied by dataclasses.replace: init=False)
    _index: dict[str, Placement] = field(default_factory=dict, init=False, compare=False, repr=False)

    def placements(self) -> Iterator[Placement]:
        """Every clause of every document, in reading order, with where it sits."""
        for doc in self.documents:
            for section in doc.sections:
                yield from _place(doc, section, (), section.clauses)

    def clause_index(self) -> dict[str, Placement]:
        """Clause id -> where it sits (the first, if an id is duplicated); computed once."""
        if not self._index and self.documents:
            for p in self.placements():
                self._index.setdefault(p.clause.id, p)
        return self._index

    def clause(self, clause_id: str) -> Clause | None:
        p = self.clause_index().get(clause_id)
        return p.clause if p else None

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def version(self, version_id: str) -> Version | None:
        return next((v for v in self.versions if v.id == version_id), None)

    def amendment(self, amendment_id: str) -> Amendment | None:
        return next((a for a in self.amendments if a.id == amendment_id), None)

    def precedent(self, precedent_id: str) -> Precedent | None:
        return next((p for p in self.precedents if p.id == precedent_id), None)

    def open_amendments(self) -> tuple[Amendment, ...]:
        return tuple(a for a in self.amendments if a.is_open)

    def is_contribution(self, a: Amendment) -> bool:
        """An amendment by an observer, an organization or civil society: shown apart, never decided."""
        d = self.delegations.get(a.by)
        return d is not None and d.kind in CONTRIBUTOR_KINDS

    def sponsorships(self) -> dict[str, list[Amendment]]:
        """Contribution id -> the amendments that took it up (``sponsored_from``)."""
        out: dict[str, list[Amendment]] = {}
        for a in self.amendments:
            if a.sponsored_from:
                out.setdefault(a.sponsored_from, []).append(a)
        return out

    def delegation_name(self, code: str, lang: str) -> str:
        d = self.delegations.get(code)
        return d.display(lang) if d else code

    @property
    def last_version(self) -> Version | None:
        return self.versions[-1] if self.versions else None


def _place(doc: Document, section: Section, parents: tuple[Clause, ...],
           clauses: tuple[Clause, ...]) -> Iterator[Placement]:
    for i, clause in enumerate(clauses):
        yield Placement(doc, section, parents, clause, i)
        if clause.children:
            yield from _place(doc, section, (*parents, clause), clause.children)
