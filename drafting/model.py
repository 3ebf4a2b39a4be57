"""The negotiation as frozen data: no I/O, no YAML, no git.

Every object remembers where it was read from (``Loc``) so that any check can point a user at a file
and a line.  Texts are ``{language: text}`` mappings, NFC-normalised by the store.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .vocab import OPEN_STATUSES

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
class Clause:
    id: str
    text: Texts
    kind: str = "paragraph"  # paragraph | heading
    status: str = "pending"
    agreed_language: str | None = None
    pending_translation: tuple[str, ...] = ()
    children: tuple[Clause, ...] = ()
    loc: Loc = NOWHERE

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

    def open_amendments(self) -> tuple[Amendment, ...]:
        return tuple(a for a in self.amendments if a.is_open)

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
