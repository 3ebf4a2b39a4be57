"""The follow-up checklist: the commitments of a text -- its numbered paragraphs and their lettered
actions -- with who acts, by when and how progress is measured, in reading order.

Preambular and introductory paragraphs carry no number and are no commitment; headings (programmes)
and section titles group the commitments that follow them.  An action without actors or a deadline
of its own takes its paragraph's (``inherited``); an indicator is never inherited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Actor, Clause, Document, Section, Texts, Workspace
from .numbering import Number


@dataclass(frozen=True, slots=True)
class Commitment:
    clause: Clause
    number: Number
    depth: int  # 0 for a paragraph, 1 for its actions (a), (b) ...
    actors: tuple[Actor, ...] = ()
    deadline: str | None = None
    indicator: Texts = field(default_factory=dict)
    inherited: bool = False  # actors or deadline come from the paragraph above


@dataclass(frozen=True, slots=True)
class Group:
    """A section title or a heading clause, printed above the commitments it holds."""

    title: Texts
    section: Section
    clause: Clause | None = None  # the heading clause, or None for the section's own title


def checklist(doc: Document, numbers: Mapping[str, Number]) -> list[Commitment | Group]:
    """Every commitment of ``doc`` numbered as in ``numbers``, under the groups it falls in."""
    out: list[Commitment | Group] = []
    for section in doc.sections:
        items: list[Commitment | Group] = []
        for clause in section.clauses:
            if clause.kind == "heading":
                items.append(Group(clause.text, section, clause))
            else:
                _walk(clause, numbers, 0, (), None, items)
        # a group with no commitment under it is left out (a preamble, a heading of headings)
        kept = [x for i, x in enumerate(items)
                if isinstance(x, Commitment) or (i + 1 < len(items) and isinstance(items[i + 1], Commitment))]
        if any(isinstance(x, Commitment) for x in kept):
            out.append(Group(section.title, section))
            out.extend(kept)
    return out


def _walk(clause: Clause, numbers: Mapping[str, Number], depth: int, actors: tuple[Actor, ...],
          deadline: str | None, out: list[Commitment | Group]) -> None:
    number = numbers.get(clause.id)
    if number is None or clause.kind == "heading":
        return
    inherited = (not clause.actors and bool(actors)) or (clause.deadline is None and deadline is not None)
    mine_actors = clause.actors or actors
    mine_deadline = clause.deadline if clause.deadline is not None else deadline
    out.append(Commitment(clause, number, depth, mine_actors, mine_deadline, clause.indicator, inherited))
    for child in clause.children:
        _walk(child, numbers, depth + 1, mine_actors, mine_deadline, out)


def actor_name(ws: Workspace, actor: Actor, lang: str) -> str:
    """A delegation's name in ``lang``, or a free text in ``lang`` (else the original language's)."""
    if isinstance(actor, str):
        return ws.delegation_name(actor, lang) if actor in ws.delegations else actor
    return actor.get(lang) or actor.get(ws.original_language) or next(iter(actor.values()), "")
