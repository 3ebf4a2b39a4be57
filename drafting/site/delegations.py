"""The page of each delegation (``delegations/<code>.html``): every proposal it made, co-sponsored or
that was made on its behalf (for a group), grouped by what became of it; and the list of delegations."""

from __future__ import annotations

from typing import Any

from ..ops.progress import FATES, fate
from .common import FATE_WORDS, LANG, ROLE_WORDS, Links, amendment_view
from .gather import Negotiation

KIND_WORDS = {"state": "State", "territory": "Territory", "group": "Group", "observer": "Observer",
              "organization": "Organization", "civil-society": "Civil society", "secretariat": "Secretariat"}


def _roles(n: Negotiation) -> dict[str, list[tuple[str, Any]]]:
    """Delegation code -> (role, amendment) of every proposal it took part in."""
    out: dict[str, list[tuple[str, Any]]] = {}
    for a in sorted(n.ws.amendments, key=lambda a: (a.submitted or "", a.id)):
        out.setdefault(a.by, []).append(("by", a))
        for code in a.cosponsors:
            if code != a.by:
                out.setdefault(code, []).append(("cosponsor", a))
        if a.on_behalf_of and a.on_behalf_of != a.by and a.on_behalf_of not in a.cosponsors:
            out.setdefault(a.on_behalf_of, []).append(("group", a))
    return out


class DelegationPages:
    """The views of the delegation pages, from what all of them share (computed once)."""

    def __init__(self, n: Negotiation, links: Links) -> None:
        self.n, self.links = n, links
        self.roles = _roles(n)

    def codes(self) -> list[str]:
        return sorted(self.n.ws.delegations)

    def view(self, code: str) -> tuple[str, dict[str, Any]]:
        return delegation_view(self.n, self.links, code, self.roles.get(code, []))


def delegation_view(n: Negotiation, links: Links, code: str, entries: list[tuple[str, Any]]
                    ) -> tuple[str, dict[str, Any]]:
    ws = n.ws
    d = ws.delegations[code]
    groups = []
    for f in FATES:
        items = []
        for role, a in entries:
            if fate(a) == f:
                view = amendment_view(ws, links, a, n.numbers)
                items.append({"role": role, "role_words": ROLE_WORDS[role], "a": view})
        groups.append({"fate": f, "words": FATE_WORDS[f], "items": items})
    members = [{"code": m, "name": ws.delegation_name(m, LANG), "href": links.delegation(m)} for m in d.members]
    member_of = [{"code": g.code, "name": g.display(LANG), "href": links.delegation(g.code)}
                 for g in ws.delegations.values() if code in g.members]
    # its name in the other languages, where it reads otherwise (MERCOSUL)
    names = [{"lang": lang, "name": name} for lang, name in d.name.items() if name != d.display(LANG)]
    return f"delegations/{code}.html", {
        "title": d.display(LANG), "code": code, "kind": KIND_WORDS.get(d.kind, d.kind), "names": names,
        "members": members, "member_of": member_of, "groups": groups,
        "counts": {g["fate"]: len(g["items"]) for g in groups},
        "total": len(entries), "made": sum(1 for r, _ in entries if r == "by"),
    }


def delegation_index(n: Negotiation, links: Links, figures: dict[str, Any]) -> dict[str, Any]:
    ws = n.ws
    rows = []
    for code, d in sorted(ws.delegations.items(), key=lambda kv: kv[1].display(LANG).casefold()):
        counts = figures["delegations"].get(code, {})
        rows.append({"code": code, "name": d.display(LANG), "kind": KIND_WORDS.get(d.kind, d.kind),
                     "href": links.delegation(code), "made": sum(counts.values()),
                     "counts": [counts.get(f, 0) for f in FATES],
                     "cosponsored": sum(figures["cosponsored"].get(code, {}).values())})
    return {"title": "Delegations", "fates": [FATE_WORDS[f] for f in FATES], "rows": rows}
