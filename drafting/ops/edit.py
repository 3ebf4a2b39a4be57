"""Small pure edits of a workspace model that are not amendments: a clause's status after a
reading, a translation supplied, and finding which section files an edit touched."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from ..model import Clause, Document, Section, Workspace


def map_clause(ws: Workspace, clause_id: str, fn: Callable[[Clause], Clause]) -> Workspace:
    """The workspace with one clause (found anywhere, at any depth) replaced by ``fn(clause)``."""
    def in_list(clauses: tuple[Clause, ...]) -> tuple[tuple[Clause, ...], bool]:
        out, hit = [], False
        for c in clauses:
            if c.id == clause_id:
                out.append(fn(c))
                hit = True
                continue
            if c.children and not hit:
                kids, found = in_list(c.children)
                if found:
                    c = replace(c, children=kids)
                    hit = True
            out.append(c)
        return tuple(out), hit

    docs = []
    for doc in ws.documents:
        sections = []
        for s in doc.sections:
            clauses, hit = in_list(s.clauses)
            sections.append(replace(s, clauses=clauses) if hit else s)
        docs.append(replace(doc, sections=tuple(sections)))
    return replace(ws, documents=tuple(docs))


def set_status(ws: Workspace, clause_id: str, status: str) -> Workspace:
    return map_clause(ws, clause_id, lambda c: replace(c, status=status))


def supply_translation(ws: Workspace, clause_id: str, lang: str, text: str) -> Workspace:
    return map_clause(ws, clause_id, lambda c: replace(
        c, text={**c.text, lang: text}, pending_translation=tuple(x for x in c.pending_translation if x != lang)))


def changed_sections(old: Workspace, new: Workspace) -> Iterator[tuple[Document, Section, Section | None]]:
    """(document, new section, old section or None) for every section whose clauses changed."""
    for doc in new.documents:
        before = old.document(doc.id)
        for s in doc.sections:
            prev = next((x for x in before.sections if x.id == s.id), None) if before else None
            if prev is None or prev.clauses != s.clauses:
                yield doc, s, prev


def clause_key(c: Clause) -> tuple[object, ...]:
    """A clause's content without where it was read: to compare a written file with the intent."""
    return (c.id, tuple(sorted(c.text.items())), c.kind, c.status, c.agreed_language,
            tuple(sorted(c.pending_translation)), tuple(clause_key(x) for x in c.children),
            tuple(tuple(sorted(a.items())) if isinstance(a, Mapping) else a for a in c.actors), c.deadline,
            tuple(sorted(c.indicator.items())))


def text_key(ws: Workspace) -> list[object]:
    """The whole text -- every clause's content and place -- to tell whether two texts are the same."""
    return [(p.document.id, p.section.id, clause_key(p.clause)) for p in ws.placements()]
