"""What every page needs: where each thing lives in the site, names in the site's language, and a
proposal told in a few fields (its operation, the words it changes, in the language they were written).

The site's own words are English; every text of the negotiation keeps its language (``lang``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Amendment, Workspace
from ..ops.progress import fate
from ..render import i18n
from .gather import Negotiation

LANG = "en"  # the language of the site's own words

STATUS_WORDS = {"pending": "Pending", "agreed-in-informals": "Agreed in informals",
                "agreed-ad-ref": "Agreed ad ref", "agreed": "Agreed", "held": "Held"}
FATE_WORDS = {"accepted": "Accepted", "modified": "Modified", "merged": "Merged", "accommodated": "Accommodated",
              "rejected": "Rejected", "withdrawn": "Withdrawn", "open": "Open"}
OP_WORDS = {"replace": "Replace", "insert": "Insert", "delete": "Delete", "bracket": "Bracket", "add": "New paragraph",
            "remove": "Delete the paragraph", "move": "Move the paragraph", "substitute": "New text",
            "comment": "Comment"}
ROLE_WORDS = {"by": "proponent", "cosponsor": "co-sponsor", "group": "on behalf of the group"}


def said(texts: Mapping[str, str], fallback: str, lang: str = LANG) -> dict[str, str]:
    """A text of the negotiation (a title) in ``lang`` if it has one, else in the first language it has,
    with the language it is in (for the ``lang`` attribute)."""
    if texts.get(lang):
        return {"text": texts[lang], "lang": lang}
    for other, text in texts.items():
        if text:
            return {"text": text, "lang": other}
    return {"text": fallback, "lang": LANG}


def language_name(code: str) -> str:
    return i18n.language_name(code, LANG)


@dataclass
class Links:
    """Where each page is, relative to the site's top."""

    clauses: set[str] = field(default_factory=set)  # clauses with a page
    amendment_home: dict[str, str] = field(default_factory=dict)  # amendment id -> clause page it is on
    delegations: set[str] = field(default_factory=set)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)  # amendment id -> its view, made once
    articles: dict[str, Any] = field(default_factory=dict)  # amendment id -> its HTML, made once

    def article(self, view: dict[str, Any]) -> Any:
        """A proposal's HTML (``view`` from ``amendment_view``) for a page one folder deep."""
        html = self.articles.get(view["id"])
        if html is None:
            from markupsafe import Markup

            from .pages import render
            html = self.articles[view["id"]] = Markup(render("amendment.html.j2", {"a": view, "root": "../"})
                                                      .decode("utf-8"))
        return html

    @staticmethod
    def text(doc: str, lang: str, version: str | None = None) -> str:
        return f"text/{doc}/{version}/{lang}.html" if version else f"text/{doc}/{lang}.html"

    @staticmethod
    def draft(version: str, doc: str, lang: str, fmt: str) -> str:
        return f"drafts/{version}/{doc}-clean-{lang}.{fmt}"

    def clause(self, clause_id: str | None) -> str | None:
        return f"clauses/{clause_id}.html" if clause_id in self.clauses else None

    def delegation(self, code: str | None) -> str | None:
        return f"delegations/{code}.html" if code in self.delegations else None

    def amendment(self, amendment_id: str | None) -> str | None:
        home = self.amendment_home.get(amendment_id or "")
        return f"clauses/{home}.html#{amendment_id}" if home else None


def home_clause(a: Amendment, has_page: set[str]) -> str | None:
    """The clause page an amendment is shown on: its target; for a new paragraph, that paragraph if it
    ever was in the text, else the paragraph it was to follow (or precede)."""
    if a.op == "add":
        new = a.change.clause.id if a.change.clause is not None else None
        if new in has_page:
            return new
        ref = a.change.after or a.change.before
        return ref if ref in has_page else None
    return a.target if a.target in has_page else None


def make_links(n: Negotiation) -> Links:
    clauses = {p.clause.id for p in n.ws.placements()}
    for issued in n.issued:
        clauses.update(p.clause.id for p in issued.ws.placements())
    links = Links(clauses=clauses, delegations=set(n.ws.delegations))
    for a in n.ws.amendments:
        home = home_clause(a, clauses)
        if home is not None:
            links.amendment_home[a.id] = home
    return links


def party(ws: Workspace, links: Links, code: str) -> dict[str, Any]:
    return {"code": code, "name": ws.delegation_name(code, LANG), "href": links.delegation(code)}


class Shared(dict[str, Any]):
    """A view that many pages embed (a proposal's): its repr -- which page keys are digests of -- is a
    digest of its content, made once, so that a page listing a thousand proposals is keyed quickly."""

    key = ""

    def __repr__(self) -> str:
        if not self.key:
            self.key = "Shared:" + hashlib.blake2b(dict.__repr__(self).encode("utf-8"), digest_size=12).hexdigest()
        return self.key


def amendment_view(ws: Workspace, links: Links, a: Amendment, numbers: dict[str, str]) -> dict[str, Any]:
    """A proposal as the clause and delegation pages show it (the same dict each time it is asked for)."""
    view = links.views.get(a.id)
    if view is None:
        view = links.views[a.id] = Shared(_amendment_view(ws, links, a, numbers))
    return view


def _amendment_view(ws: Workspace, links: Links, a: Amendment, numbers: dict[str, str]) -> dict[str, Any]:
    c = a.change
    words: list[dict[str, str]] = []  # (what, text, lang): the words it changes, as written

    def said(what: str, text: str | None, lang: str | None = None) -> None:
        if text is not None and text != "":
            words.append({"what": what, "text": text, "lang": lang or a.lang})

    if c.op == "replace":
        said("old", c.old)
        said("new", c.new)
    elif c.op == "insert":
        said("new", c.text)
        said("after" if c.after is not None else "before", c.after if c.after is not None else c.before)
    elif c.op in ("delete", "bracket"):
        said("old", c.old)
    elif c.op == "substitute":
        for lang, text in (c.texts or {}).items():
            said("new", text, lang)
    elif c.op == "add" and c.clause is not None:
        for lang, text in c.clause.text.items():
            said("new", text, lang)
    where = None
    if c.op in ("add", "move"):
        ref = c.after or c.before
        where = {"how": "after" if c.after else "before", "clause": ref, "number": numbers.get(ref or "", ""),
                 "href": links.clause(ref)}
    d = a.decision
    decision = None
    if d is not None:
        decision = {"date": d.date, "note": d.note, "text": d.text,
                    "into": {"id": d.into, "href": links.amendment(d.into)} if d.into else None,
                    "clause": {"id": d.clause, "number": numbers.get(d.clause, ""),
                               "href": links.clause(d.clause)} if d.clause else None}
    target = a.target or (c.clause.id if c.clause is not None else None)
    return {
        "id": a.id, "version": a.version, "op": c.op, "op_words": OP_WORDS.get(c.op, c.op),
        "fate": fate(a), "fate_words": FATE_WORDS.get(fate(a), fate(a)),
        "by": party(ws, links, a.by), "cosponsors": [party(ws, links, x) for x in a.cosponsors],
        "on_behalf_of": party(ws, links, a.on_behalf_of) if a.on_behalf_of else None,
        "supporters": [party(ws, links, x) for x in a.supporters],
        "objectors": [party(ws, links, x) for x in a.objectors],
        "lang": a.lang, "language": language_name(a.lang), "words": words, "where": where,
        "rationale": a.rationale, "submitted": a.submitted, "channel": a.channel, "decision": decision,
        "target": {"id": target, "number": numbers.get(target or "", ""), "href": links.clause(target)}
        if target else None,
        "href": links.amendment(a.id),
    }


def who_words(ws: Workspace, who: dict[str, Any] | None) -> str:
    """The names behind a change ("Brazil, Argentina (MERCOSUR)"), or the secretariat's."""
    if who is None or not who.get("amendment") or not who.get("proponents"):
        from ..render.authors import secretariat_name
        return secretariat_name(ws, LANG)
    text = ", ".join(ws.delegation_name(c, LANG) for c in who["proponents"])
    group = who.get("on_behalf_of")
    if group and group not in who["proponents"]:
        text += f" ({ws.delegation_name(group, LANG)})"
    return text
