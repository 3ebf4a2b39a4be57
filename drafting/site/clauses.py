"""The page of each paragraph (``clauses/<id>.html``) and the list of them (``clauses/index.html``).

A paragraph's page: its text in every language, its number in every version, its history as word
differences from one version to the next with each change attributed (a numbered legend names the
amendment, its proponents and the decision), every proposal on it with its decision, and what is
recorded of its wording's origin (``agreed_language``; precedents when they are recorded).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Amendment, Clause, Placement, Workspace
from ..ops.progress import NOW
from ..ops.text import shorten
from ..render import i18n
from .common import LANG, STATUS_WORDS, Links, amendment_view, language_name, said, who_words
from .gather import Negotiation

KIND_WORDS = {"changed": "Wording changed", "added": "Added", "removed": "Deleted", "moved": "Moved",
              "unchanged": "Status changed"}


def version_labels(n: Negotiation) -> dict[str, str]:
    labels = {i.version.id: i.version.display(LANG) for i in n.issued}
    labels[NOW] = "Now"
    return labels


def _where(n: Negotiation, cid: str) -> tuple[Placement | None, Workspace | None]:
    """Where the paragraph stands now, or else in the last version that had it."""
    p = n.ws.clause_index().get(cid)
    if p is not None:
        return p, n.ws
    for issued in reversed(n.issued):
        p = issued.ws.clause_index().get(cid)
        if p is not None:
            return p, issued.ws
    return None, None


def _history(n: Negotiation, links: Links, cid: str, labels: dict[str, str],
             by_id: dict[str, Amendment]) -> list[dict[str, Any]]:
    ws = n.ws
    out = []
    for step in n.steps:
        ch = step.changes.get(cid)
        if ch is None:
            continue
        legend: dict[str, dict[str, Any]] = {}

        def ref(who: dict[str, Any] | None) -> int:
            key = (who or {}).get("amendment") or ""
            if key not in legend:
                a = by_id.get(key)
                legend[key] = {"n": len(legend) + 1, "names": who_words(ws, who), "amendment": key or None,
                               "href": links.amendment(key) if key else None,
                               "decision": (who or {}).get("decision") or "", "date": (who or {}).get("date") or "",
                               "note": a.decision.note if a is not None and a.decision is not None else None}
            return int(legend[key]["n"])

        pieces = [{"op": p["op"], "text": p["text"], "ref": ref(p["who"]) if p["op"] != "eq" else 0}
                  for p in ch["pieces"]]
        who_ref = ref(ch["who"]) if ch["kind"] in ("added", "removed", "moved") or ch["moved"] else 0
        status = None
        if ch["status"]:
            old, new = ch["status"]
            status = {"old": STATUS_WORDS.get(old, old), "new": STATUS_WORDS.get(new, new)}
        out.append({"since": labels.get(step.since, step.since), "to": labels.get(step.to, step.to),
                    "kind": ch["kind"], "kind_words": KIND_WORDS.get(ch["kind"], ch["kind"]),
                    "moved": ch["moved"], "pieces": pieces, "who_ref": who_ref, "status": status,
                    "legend": sorted(legend.values(), key=lambda x: x["n"])})
    return out


def related(n: Negotiation, links: Links) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Amendments shown on each clause page, and those accommodated in each clause."""
    on: dict[str, list[Any]] = {}
    accommodated: dict[str, list[Any]] = {}
    for a in sorted(n.ws.amendments, key=lambda a: (a.submitted or "", a.id)):
        home = links.amendment_home.get(a.id)
        if home is not None:
            on.setdefault(home, []).append(a)
        if a.decision is not None and a.decision.clause and a.decision.clause != home:
            accommodated.setdefault(a.decision.clause, []).append(a)
    return on, accommodated


def clause_view(n: Negotiation, links: Links, cid: str, on: list[Any], accommodated: list[Any],
                labels: dict[str, str], by_id: dict[str, Amendment]) -> dict[str, Any]:
    ws = n.ws
    p, where = _where(n, cid)
    assert p is not None and where is not None
    c: Clause = p.clause
    present = where is ws
    number = n.numbers.get(cid, "") if present else ""
    texts = []
    for lang in ws.languages:
        if lang in c.text:
            texts.append({"lang": lang, "language": language_name(lang), "text": c.text[lang],
                          "awaiting": lang in c.pending_translation})
    numbers = [{"version": i.version.display(LANG), "date": i.date,
                "number": i.numbers.get(cid) if i.ws.clause_index().get(cid) is not None else None,
                "present": i.ws.clause_index().get(cid) is not None} for i in n.issued]
    numbers.append({"version": "Now", "date": None, "number": number, "present": present})
    parents = [{"id": x.id, "number": n.numbers.get(x.id, ""), "href": links.clause(x.id)} for x in p.parents]
    children = [{"id": x.id, "number": n.numbers.get(x.id, "") if present else "", "href": links.clause(x.id)}
                for x in c.children]
    title = f"Paragraph {number}" if number else ("Heading" if c.kind == "heading" else "Paragraph")
    return {
        "title": title, "id": cid, "number": number, "kind": c.kind, "present": present,
        "status": STATUS_WORDS.get(c.status, c.status) if c.kind != "heading" else "",
        "status_id": c.status,
        "document": {"id": p.document.id, "title": said(p.document.title, p.document.id),
                     "href": links.text(p.document.id, ws.original_language) if present else None},
        "section": said(p.section.title, p.section.id),
        "texts": texts, "numbers": numbers, "parents": parents, "children": children,
        "history": _history(n, links, cid, labels, by_id),
        "amendments": [amendment_view(ws, links, a, n.numbers) for a in on],
        "accommodated": [amendment_view(ws, links, a, n.numbers) for a in accommodated],
        "agreed_language": agreed_language(c.agreed_language),
        "precedents": [],  # precedents recorded for the paragraph, when the workspace keeps them
        "original_language": ws.original_language,
        "texts_in": [{"lang": lang, "name": i18n.language_name(lang, lang),
                      "href": f"{links.text(p.document.id, lang)}#{cid}"}
                     for lang in ws.languages] if present else [],
    }


def agreed_language(value: Any) -> str | None:
    """Where the wording comes from: a note, or a precedent and its reference."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return ", ".join(str(v) for v in (value.get("precedent"), value.get("ref")) if v)
    return str(value)


class ClausePages:
    """The views of the paragraph pages, from what all of them share (computed once)."""

    def __init__(self, n: Negotiation, links: Links) -> None:
        self.n, self.links = n, links
        self.labels = version_labels(n)
        self.on, self.accommodated = related(n, links)
        self.by_id = {a.id: a for a in n.ws.amendments}

    def ids(self) -> list[str]:
        """Every paragraph with a page: those in the text now and those of earlier versions."""
        return sorted(self.links.clauses)

    def view(self, cid: str) -> tuple[str, dict[str, Any]]:
        return f"clauses/{cid}.html", clause_view(self.n, self.links, cid, self.on.get(cid, []),
                                                  self.accommodated.get(cid, []), self.labels, self.by_id)


def clause_index(n: Negotiation, links: Links) -> dict[str, Any]:
    """Every paragraph by document and section, with its number, status and open proposals."""
    open_on: dict[str, int] = {}
    for a in n.ws.amendments:
        home = links.amendment_home.get(a.id)
        if a.is_open and home:
            open_on[home] = open_on.get(home, 0) + 1
    docs = []
    for doc in n.ws.documents:
        sections = []
        for section in doc.sections:
            rows = []
            stack = [(c, 0) for c in reversed(section.clauses)]
            while stack:
                c, depth = stack.pop()
                orig = n.ws.original_language
                rows.append({"id": c.id, "number": n.numbers.get(c.id, ""), "depth": depth, "kind": c.kind,
                             "status": STATUS_WORDS.get(c.status, c.status) if c.kind != "heading" else "",
                             "status_id": c.status if c.kind != "heading" else "heading",
                             "text": shorten(c.text.get(orig, ""), 140), "lang": orig, "open": open_on.get(c.id, 0),
                             "href": links.clause(c.id)})
                stack.extend((x, depth + 1) for x in reversed(c.children))
            sections.append({"title": said(section.title, section.id),
                             "rows": rows})
        docs.append({"id": doc.id, "title": said(doc.title, doc.id),
                     "sections": sections})
    current = {p.clause.id for p in n.ws.placements()}
    gone = [{"id": cid, "href": links.clause(cid)} for cid in sorted(links.clauses - current)]
    return {"title": "Paragraphs", "documents": docs, "gone": gone}
