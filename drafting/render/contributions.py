"""Contributions of observers, organizations and civil society, shown apart.

In intergovernmental practice only member states' proposals enter the text.  A contribution (an
amendment whose proponent is of kind observer, organization or civil-society) is therefore never a
tracked change, an alternative or a note in the text: compilation and synoptic drafts list the open
ones of each document in a part of their own, after the text, titled "Contributions of observers and
civil society" in the draft's language -- each with its id, its contributor, the paragraph it is on,
what it proposes, its rationale and, when a state took it up, "Sponsored by Brasil (rev1-BRA-001)".
The state's amendment says in its comment which contribution it sponsors."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model import Amendment, Workspace
from . import authors, i18n
from .draft import Paragraph, Run, Table
from .proposals import sort_key

WIDTHS = (2, 23)


def of_document(ws: Workspace, doc_id: str) -> list[Amendment]:
    """The open contributions on the clauses of one document (those on a clause of no document with the
    first document), in reading order of their clauses, then by submission."""
    order = {p.clause.id: i for i, p in enumerate(ws.placements())}
    home = {p.clause.id: p.document.id for p in ws.placements()}
    first = ws.documents[0].id if ws.documents else ""
    out = []
    for a in ws.open_amendments():
        if not ws.is_contribution(a):
            continue
        ref = (a.change.after or a.change.before) if a.op == "add" else a.target
        if home.get(ref or "", first) == doc_id:
            out.append(a)
    return sorted(out, key=lambda a: (order.get(((a.change.after or a.change.before) if a.op == "add"
                                                 else a.target) or "", len(order)), *sort_key(a)))


def sponsored(ws: Workspace, a: Amendment, lang: str,
              taken_up: Mapping[str, list[Amendment]] | None = None) -> str:
    """ "Sponsored by Brasil (rev1-BRA-001)" under a contribution a state took up, or "";
    ``taken_up``: ``ws.sponsorships()``, when the caller has it (it reads every amendment)."""
    taken = (ws.sponsorships() if taken_up is None else taken_up).get(a.id, [])
    if not taken:
        return ""
    return i18n.label("contributions.sponsored", lang, names=authors.names(ws, [x.by for x in taken], lang),
                      ids=", ".join(x.id for x in taken))


def sponsoring(ws: Workspace, a: Amendment, lang: str) -> str:
    """ "Sponsoring rev1-GARPAB-001 of GARPAB" in the comment of a state's amendment, or ""."""
    source = ws.amendment(a.sponsored_from) if a.sponsored_from else None
    if source is None:
        return ""
    return i18n.label("contributions.sponsoring", lang, id=source.id,
                      contributor=ws.delegation_name(source.by, lang))


def _entry(ws: Workspace, a: Amendment, lang: str, ref: Callable[[str], str],
           taken_up: Mapping[str, list[Amendment]], where: bool = True) -> list[Paragraph]:
    """Contributor, paragraph, what it proposes, rationale, sponsor: in the part's own styles, which are
    neither the text nor a tracked change (``wordml.NOT_TEXT_PARAGRAPH_STYLES``)."""
    style, level = ("contribution", 1) if where else ("contribution-cell", 0)
    target = (a.change.after or a.change.before) if a.op == "add" else a.target
    head = (Run(f"{a.id} — ", bold=True), Run(authors.author(ws, a, lang), bold=True),
            Run(f" ({ref(target)})" if target and where else ""))
    what = authors.describe(ws, a, lang, ref)
    out = [Paragraph(tuple(r for r in head if r.text), style=style),
           Paragraph((Run(_sentence(what)),), style=style, level=level)]
    if a.rationale:  # quoted as submitted, in whatever language it was written
        out.append(Paragraph((Run(i18n.label("rationale", lang) + " ", italic=True),
                              Run(authors.quote(a.rationale, lang, limit=2000), italic=True)),
                             style=style, level=level))
    link = sponsored(ws, a, lang, taken_up)
    if link:
        out.append(Paragraph((Run(link + "."),), style=style, level=level))
    return out


def _sentence(text: str) -> str:
    """Capitalised, with one full stop: none added after a quotation that ends with its own."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") or text.rstrip("»”\"'’\u00a0\u202f").endswith(".") else text + "."


def part(ws: Workspace, doc_id: str, lang: str, ref: Callable[[str], str]) -> tuple[Paragraph, ...]:
    """The part of a compilation text after the text: its title, what a contribution is, and each
    open contribution of the document (nothing when there is none)."""
    found = of_document(ws, doc_id)
    if not found:
        return ()
    out = [Paragraph((Run(i18n.label("contributions.title", lang)),), style="contribution-title"),
           Paragraph((Run(i18n.label("contributions.note", lang)),), style="note")]
    taken_up = ws.sponsorships()
    for a in found:
        out.extend(_entry(ws, a, lang, ref, taken_up))
    return tuple(out)


def table(ws: Workspace, doc_id: str, lang: str, ref: Callable[[str], str]) -> tuple[Paragraph | Table, ...]:
    """The part of a synoptic table after its table: the title, then a table of the contributions --
    the paragraph each is on, and the contribution with its contributor, rationale and sponsor."""
    found = of_document(ws, doc_id)
    if not found:
        return ()
    rows = []
    taken_up = ws.sponsorships()
    for a in found:
        target = (a.change.after or a.change.before) if a.op == "add" else a.target
        cells = tuple(_entry(ws, a, lang, ref, taken_up, where=False))
        rows.append(((Paragraph((Run(ref(target) if target else ""),), style="contribution-cell"),), cells))
    header = (i18n.label("synoptic.number", lang), i18n.label("contributions.title", lang))
    return (Paragraph((Run(i18n.label("contributions.title", lang)),), style="contribution-title"),
            Paragraph((Run(i18n.label("contributions.note", lang)),), style="note"),
            Table(header, tuple(rows), WIDTHS, tuple("" for _ in rows)))
