"""Display numbers: computed from order, never stored.

Rules (what negotiators expect, see PRACTICE.md):
- Each section numbers its clauses in its own style: ``arabic`` numbers run on through the whole
  document (so paragraph 14 is unique in it); ``roman`` and ``letter`` restart in each section;
  ``none`` leaves the section's clauses unnumbered.  Headings are never numbered and take no number.
- Between two issued versions the numbers of the last issued version stay put: a clause added since
  then is numbered after the clause it follows, ``12 bis``, ``12 ter`` ...; a clause deleted since
  leaves its number unused.  Issuing a version renumbers consecutively, and the concordance says
  which old number became which new one.
- Sub-clauses: ``(a)``, ``(i)``, ``a.``, ``i.`` in English; ``a)``, ``i)``, ``a.``, ``i.`` in Spanish,
  French and Portuguese.
- References (``references=True``: what compilation texts, the concordance and the command line show): a
  section that declares ``reference: PP`` numbers its paragraphs ``PP1``, ``PP2`` ... even when its
  printed text is unnumbered, counting on through the document's sections of the same prefix
  (``OP6 bis``, ``OP3(a)``).  The clean text keeps its own numbers (an unnumbered preamble stays so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..model import Clause, Document, Workspace
from ..vocab import LATIN_ORDINALS


@dataclass(frozen=True, slots=True)
class Number:
    """A clause's number: ``parts`` from the top-level clause down, each a base and a suffix count."""

    parts: tuple[tuple[str, int], ...]  # (("12", 0), ("b", 1)) = 12 (b bis)
    styles: tuple[str, ...]  # numbering style per level: arabic | roman | letter | alpha | lroman
    prefix: str = ""  # the section's reference prefix ("PP"), when numbered as references

    def own(self, lang: str) -> str:
        """The number as printed before the clause's own text: ``12 bis``, ``PP3``, ``(a)`` or ``a)``."""
        if not self.parts:
            return ""
        base, extra = self.parts[-1]
        level = len(self.parts) - 1
        label = base + (" " + ordinal(extra) if extra else "")
        if level == 0:
            return self.prefix + label
        if level in (1, 2):
            return f"({label})" if lang == "en" else f"{label})"
        return f"{label}."

    def ref(self) -> str:
        """A language-neutral reference to the clause: ``12``, ``12 bis``, ``12(a)``, ``III.4(b)(ii)``."""
        out = self.prefix
        for i, (base, extra) in enumerate(self.parts):
            label = base + (" " + ordinal(extra) if extra else "")
            out += label if i == 0 else f"({label})"
        return out


def ordinal(n: int) -> str:
    return LATIN_ORDINALS[n - 1] if n <= len(LATIN_ORDINALS) else f"{n}-ies"


def roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (as legal drafting does)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _label(n: int, style: str) -> str:
    if style == "arabic":
        return str(n)
    if style == "roman":
        return roman(n)
    if style == "letter":
        return letters(n).upper()
    if style == "lroman":
        return roman(n).lower()
    return letters(n)


# sub-clause styles by depth below the clause: (a), (i), a., i.
_CHILD_STYLES = ("alpha", "lroman", "alpha", "lroman")


def number_document(doc: Document, base_ids: Iterable[str] | None = None,
                    base_numbers: dict[str, Number] | None = None,
                    references: bool = False) -> dict[str, Number]:
    """Numbers of every numbered clause of a document (headings and ``none`` sections have none).

    Without a base, numbering is consecutive (an issued version's numbers).  With ``base_numbers``
    (the numbers of the last issued version), clauses present in the base keep their numbers and
    clauses added since take ``bis``/``ter`` after the clause they follow.  With ``references``, the
    sections that declare a reference are numbered as references (see the module docstring)."""
    if references and any(s.reference for s in doc.sections):
        return _references(doc, base_numbers)
    out: dict[str, Number] = {}
    arabic = 0  # the last arabic number: it runs on across the document's arabic sections
    arabic_prev: tuple[str, int] | None = None  # the same, when numbering against a base
    for section in doc.sections:
        if section.numbering == "none":
            continue
        runs_on = section.numbering == "arabic"
        if base_numbers is None:
            counter = arabic if runs_on else 0
            for clause in section.clauses:
                if clause.kind == "heading":
                    continue
                counter += 1
                num = Number(((_label(counter, section.numbering), 0),), (section.numbering,))
                out[clause.id] = num
                _children(clause, num, out)
            if runs_on:
                arabic = counter
        else:
            last = _rebase(section.clauses, (), (section.numbering,), base_numbers, out,
                           arabic_prev if runs_on else None)
            if runs_on:
                arabic_prev = last
    return out


def _children(clause: Clause, parent: Number, out: dict[str, Number]) -> None:
    """Consecutive numbers of the sub-clauses (against a base, ``_rebase`` numbers them)."""
    depth = len(parent.parts)
    style = _CHILD_STYLES[min(depth - 1, len(_CHILD_STYLES) - 1)]
    styles = (*parent.styles, style)
    n = 0
    for child in clause.children:
        if child.kind == "heading":
            continue
        n += 1
        num = Number((*parent.parts, (_label(n, style), 0)), styles)
        out[child.id] = num
        _children(child, num, out)


def _rebase(clauses: tuple[Clause, ...], prefix: tuple[tuple[str, int], ...], styles: tuple[str, ...],
            base: dict[str, Number], out: dict[str, Number],
            prev: tuple[str, int] | None = None) -> tuple[str, int] | None:
    """Keep base numbers; number newcomers after the last numbered sibling with bis, ter ...
    (``prev``: the number before the first clause, for arabic numbers running on from the previous
    section).  Returns the last number given."""
    # a list the base did not have at all (the sub-clauses of an added clause, a new section) is
    # numbered consecutively: (a), (b) ..., not 0 bis, 0 ter ...
    fresh = prev is None and not any(
        (b := base.get(c.id)) is not None and b.parts[:-1] == prefix for c in clauses)
    n = 0
    for clause in clauses:
        if clause.kind == "heading":
            continue
        old = base.get(clause.id)
        if fresh:
            n += 1
            part = (_label(n, styles[-1]), 0)
        elif old is not None and old.parts[:-1] == prefix:
            part = old.parts[-1]
        elif prev is None:
            # a newcomer before every base clause of its list: numbered after "0" (rare in practice)
            part = ("0", 1)
        else:
            part = (prev[0], prev[1] + 1)
        prev = part
        num = Number((*prefix, part), styles)
        out[clause.id] = num
        if clause.children:
            _rebase(clause.children, num.parts, (*styles, _CHILD_STYLES[min(len(styles) - 1, 3)]), base, out)
    return prev


def _references(doc: Document, base_numbers: dict[str, Number] | None) -> dict[str, Number]:
    """Numbers where every section with a reference counts its paragraphs per prefix (an unnumbered
    section as arabic numbers), each number carrying its prefix; other sections as usual."""
    prefixes: list[str] = []
    for s in doc.sections:
        if s.reference and s.reference not in prefixes:
            prefixes.append(s.reference)
    out: dict[str, Number] = {}
    # one pass per prefix over a document of only its sections, so that arabic numbers run on per
    # prefix (PP1 ... PP9, then OP1 ...); then the sections without a reference, as usual
    groups = [(p, tuple(replace(s, numbering="arabic" if s.numbering == "none" else s.numbering)
                        for s in doc.sections if s.reference == p)) for p in prefixes]
    groups.append(("", tuple(s for s in doc.sections if not s.reference)))
    for prefix, sections in groups:
        part = replace(doc, sections=sections)
        base = None
        if base_numbers is not None:
            base = {k: v for k, v in base_numbers.items() if v.prefix == prefix}
        numbers = number_document(part, base_numbers=base)
        out.update({k: replace(v, prefix=prefix) if prefix else v for k, v in numbers.items()})
    return out


def adopt_references(doc: Document, like: Document | None) -> Document:
    """``doc`` (an earlier version of a document) with the references ``like`` declares for its sections:
    a reference added since is how every version of the section is referred to."""
    if like is None:
        return doc
    refs = {s.id: s.reference for s in like.sections if s.reference}
    if not refs or all(s.reference == refs.get(s.id, s.reference) for s in doc.sections):
        return doc
    return replace(doc, sections=tuple(replace(s, reference=refs.get(s.id, s.reference)) for s in doc.sections))


def number_workspace(ws: Workspace, base: Workspace | None = None,
                     references: bool = False, like: Workspace | None = None) -> dict[str, Number]:
    """Numbers of every clause of the workspace, relative to ``base`` (the last issued version); with
    ``references``, as negotiators refer to them (PP1, OP2 bis), with the references ``like`` (a later
    version) declares where this one does not."""
    out: dict[str, Number] = {}
    for doc in ws.documents:
        if references and like is not None:
            doc = adopt_references(doc, like.document(doc.id))
        if base is None:
            out.update(number_document(doc, references=references))
            continue
        base_doc = base.document(doc.id)
        if base_doc is None:  # a document the base did not have: numbered afresh
            out.update(number_document(doc, references=references))
            continue
        if references:
            base_doc = adopt_references(base_doc, doc)
        out.update(number_document(doc, base_numbers=number_document(base_doc, references=references),
                                   references=references))
    return out


@dataclass(frozen=True, slots=True)
class ConcordanceRow:
    clause_id: str
    document: str
    old: str  # as issued in A, or the bis number of a clause added since
    new: str  # "" when the clause was deleted by B


def concordance(a: Workspace, b: Workspace) -> list[ConcordanceRow]:
    """Old number (as issued in A; for a clause added since, its ``bis`` number) -> new number (as
    issued in B) for every numbered clause, in B's order, followed by the clauses B no longer has.
    Numbers are references (PP3, OP2): a section with a reference is in it even when unnumbered."""
    old = number_workspace(a, references=True, like=b)
    new = number_workspace(b, references=True)
    # a clause added between the two versions is known by its bis/ter number until B renumbers it
    interim = number_workspace(b, a, references=True)
    old = {**{k: v for k, v in interim.items() if k not in old}, **old}
    rows: list[ConcordanceRow] = []
    seen: set[str] = set()
    for p in b.placements():
        cid = p.clause.id
        if cid in new:  # numbered in B, so in ``old`` too: issued in A, or known by its bis number
            rows.append(ConcordanceRow(cid, p.document.id, old[cid].ref(), new[cid].ref()))
            seen.add(cid)
    for p in a.placements():
        cid = p.clause.id
        if cid not in seen and cid in old:
            rows.append(ConcordanceRow(cid, p.document.id, old[cid].ref(), ""))
    return rows
