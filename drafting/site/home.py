"""The home page (the negotiation, its versions, where it stands) and the progress page (every figure,
as charts and as tables)."""

from __future__ import annotations

from typing import Any

from ..ops.progress import NOW
from .charts import CHARTS
from .common import FATE_WORDS, LANG, STATUS_WORDS, Links, language_name, said
from .gather import Negotiation
from .texts import FORMATS


def _title(texts: Any, fallback: str) -> str:
    return texts.get(LANG) or next(iter(texts.values()), fallback)


def figure_tables(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures as tables: versions (rows) by measure (columns); delegations by fate."""
    versions = figures["versions"]
    langs = [x for x in figures["languages"] if x != figures["original_language"]]
    head = ["Paragraphs", *(STATUS_WORDS[s] for s in figures["statuses"]), "Square brackets", "Open proposals",
            *(f"Awaiting translation: {language_name(x)}" for x in langs)]
    rows = []
    for v in versions:
        if "by_status" not in v:
            cells = ["—"] * (len(figures["statuses"]) + 2) + [v["open_proposals"]] + ["—"] * len(langs)
        else:
            cells = [v["paragraphs"], *(v["by_status"][s] for s in figures["statuses"]), v["brackets"],
                     v["open_proposals"], *(v["awaiting_translation"].get(x, 0) for x in langs)]
        rows.append({"label": v["label"], "date": v["date"] or "", "cells": cells})
    delegations = [{"code": code, "cells": [counts[f] for f in figures["fates"]], "total": sum(counts.values())}
                   for code, counts in figures["delegations"].items()]
    return {"version_head": head, "version_rows": rows, "fate_head": [FATE_WORDS[f] for f in figures["fates"]],
            "delegation_rows": delegations,
            "totals": [figures["proposals"][f] for f in figures["fates"]]}


def home_view(n: Negotiation, figures: dict[str, Any], built: str) -> dict[str, Any]:
    ws = n.ws
    docs = [{"id": d.id, "title": said(d.title, d.id),
             "langs": [{"lang": x, "name": language_name(x), "href": Links.text(d.id, x)} for x in ws.languages]}
            for d in ws.documents]
    timeline = []
    for issued in n.issued:
        v = issued.version
        timeline.append({
            # the version's label in the other languages, where it reads otherwise
            "id": v.id, "label": v.display(LANG), "labels": [{"lang": k, "text": t} for k, t in v.label.items()
                                                             if t != v.display(LANG)],
            "date": issued.date, "docs": [{"title": said(d.title, d.id), "langs": [
                {"lang": x, "name": language_name(x), "href": Links.text(d.id, x, v.id),
                 "drafts": [{"fmt": f, "href": Links.draft(v.id, d.id, x, f)} for f in FORMATS]}
                for x in issued.ws.languages]} for d in issued.ws.documents]})
    now = figures["versions"][-1]
    assert now["id"] == NOW
    state = [{"label": STATUS_WORDS[s], "value": now["by_status"][s], "status": s} for s in figures["statuses"]]
    return {
        "title": _title(ws.title, ws.symbol), "titles": [{"lang": k, "text": t} for k, t in ws.title.items() if t != _title(ws.title, ws.symbol)],
        "symbol": ws.symbol, "original": language_name(ws.original_language),
        "languages": [language_name(x) for x in ws.languages], "delegation_count": len(ws.delegations),
        "documents": docs, "timeline": timeline,
        "untagged": [v.display(LANG) for v in n.untagged],
        "now": {"paragraphs": now["paragraphs"], "state": state, "brackets": now["brackets"],
                "open": now["open_proposals"], "proposals": sum(figures["proposals"].values()),
                "decided": sum(figures["proposals"].values()) - figures["proposals"]["open"],
                "awaiting": [{"lang": language_name(k), "value": v} for k, v in now["awaiting_translation"].items()]},
        "built": built, "head": n.head[:12],
        "chart": {"src": "charts/status.svg", "alt": CHARTS["status"][0]},
    }


def progress_view(figures: dict[str, Any]) -> dict[str, Any]:
    return {"title": "Progress", "charts": [{"src": f"charts/{name}.svg", "alt": alt} for name, (alt, _) in CHARTS.items()],
            **figure_tables(figures)}
