"""The texts: per document and language, the compilation text as it stands (every open proposal shown
where it falls, attributed on the page) and the clean text of each issued version; and the drafts of
every issued version (docx, html, md) for download.

The pages are made from the render layer's draft model (``render.layout`` / ``render.kinds`` build a
``Draft``; ``render.html.draft_view`` turns it into the view the HTML draft is made from), so they show
what the drafts show.  Each paragraph's element id is its clause id, in every language, so the
language switch (``assets/site.js``) lands on the same paragraph.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ..model import Document, Workspace
from ..render import AS_AMENDED, i18n, renderer
from ..render.draft import Draft
from ..render.html import Collector, draft_view
from ..render.layout import clean, make_frame
from ..render.typography import typeset_draft
from ..store.session import Session
from .common import LANG, Links, language_name, said
from .gather import Issued, Negotiation
from .output import Output, digest
from .pages import render, root_of
from .textbody import blocks_html, notes_html

FORMATS = ("docx", "html", "md")


def _title(doc: Document, lang: str) -> str:
    return doc.title.get(lang) or next(iter(doc.title.values()), doc.id)


def _switch(ws: Workspace, doc: Document, lang: str, version: str | None) -> list[dict[str, Any]]:
    return [{"lang": other, "name": i18n.language_name(other, other), "current": other == lang,
             "href": Links.text(doc.id, other, version)} for other in ws.languages]


def _page(n: Negotiation, doc: Document, lang: str, draft: Draft, *, kind: str, version: Issued | None,
          rel: str, site: dict[str, Any], has_page: Callable[[str], bool]) -> bytes:
    view = draft_view(draft, Collector())
    root = root_of(rel)
    body = blocks_html(view.pop("blocks"), has_page, root, who=draft.attribution != "page")
    notes = notes_html(view.pop("notes"))
    others = [{"label": i.version.display(lang), "href": Links.text(doc.id, lang, i.version.id),
               "current": version is not None and i.version.id == version.version.id} for i in n.issued]
    downloads = [{"fmt": fmt, "href": Links.draft(version.version.id, doc.id, lang, fmt)} for fmt in FORMATS] \
        if version is not None else []
    return render("text.html.j2", {
        "site": site, "root": root, "page_lang": lang, "section": "text", "body": body, "notes": notes,
        "title": f"{_title(doc, lang)} ({language_name(lang)})",
        "kind": kind, "doc": {"id": doc.id, "title": said(doc.title, doc.id, lang)}, "lang": lang,
        "switch": _switch(n.ws, doc, lang, version.version.id if version else None),
        "current": {"href": Links.text(doc.id, lang), "is": version is None},
        "versions": others, "downloads": downloads, "draft": view,
        "intro": _intro(kind, version),
    })


def _intro(kind: str, version: Issued | None) -> str:
    if kind == "compilation":
        return ("The text as it stands, with every open proposal where it falls: inserted words underlined, "
                "deleted words struck through, the proponents in square brackets after each change; "
                "competing proposals as alternatives; notes at the end give each proposal's rationale.")
    assert version is not None
    return f"The text as issued in {version.version.display(LANG)}" + \
        (f" on {version.date}." if version.date else ".")


def current_label(n: Negotiation, lang: str) -> str:
    """The version label a draft of the text as it stands carries (as ``drafting compile`` gives it)."""
    last = n.ws.last_version
    if last is None:
        return ""
    label = last.display(lang)
    return AS_AMENDED.get(lang, AS_AMENDED["en"]).format(version=label) if n.amended else label


def compilation_keys(n: Negotiation, site: dict[str, Any]) -> dict[str, str]:
    """Document id -> what its compilation texts depend on: the document, the open proposals on it (and,
    for the first document, those on no known paragraph, which it lists at its end), the delegations'
    names, the versions (their texts are the proposals' bases)."""
    ws = n.ws
    index = ws.clause_index()
    on: dict[str, list[str]] = {d.id: [] for d in ws.documents}
    for a in ws.open_amendments():
        refs = {a.target, a.change.after, a.change.before} - {None}
        docs = {index[r].document.id for r in refs if r in index} or {ws.documents[0].id if ws.documents else ""}
        for d in docs:
            on.setdefault(d, []).append(repr(a))
    shared = digest(site, repr(ws.delegations), repr(ws.versions), [(i.version.id, i.sha) for i in n.issued],
                    ws.title, ws.symbol, ws.languages, ws.original_language)
    return {d.id: digest(shared, repr(d), on[d.id]) for d in ws.documents}


class Splices:
    """A compilation's memo of word splices (``ops.diff.word_splices``) for one job of the build, maybe
    in a worker process: looked up in the parse cache as it stood when the build began; what the job
    used and computed (``learned``) goes back to the process that writes the cache."""

    def __init__(self, known: Mapping[Any, Any]) -> None:
        self.known = known
        self.used: set[Any] = set()
        self.new: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        if key in self.new:
            return self.new[key]
        value = self.known.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        self.new[key] = value

    def learned(self) -> tuple[set[Any], dict[Any, Any]]:
        return self.used, self.new


def compilation_page(session: Session, n: Negotiation, links: Links, out: Output, site: dict[str, Any],
                     now: dt.datetime, shared: str, doc: Document, lang: str,
                     memo: Splices | None = None) -> None:
    """The compilation text of one document in one language, unless it is there from the same inputs
    (``shared``: the document's ``compilation_keys``)."""
    from ..render import kinds

    rel = Links.text(doc.id, lang)
    label = current_label(n, lang)
    if out.fresh(rel, digest(shared, lang, label)):
        return
    frame = make_frame(n.ws, doc, lang, base=n.last.ws if n.last else None, version_label=label, now=now,
                       references=True, attribution="page")
    draft = typeset_draft(kinds.build("compilation", session, n.ws, frame, memo=memo))
    out.write(rel, _page(n, doc, lang, draft, kind="compilation", version=None, rel=rel, site=site,
                         has_page=links.clauses.__contains__))


def version_texts(n: Negotiation, links: Links, out: Output, site: dict[str, Any], now: dt.datetime,
                  issued: Issued, doc: Document) -> None:
    """The clean text of one document as issued in a version, in every language: pages and drafts."""
    v = issued.version
    key = digest(site, issued.sha, [(i.version.id, i.version.display(LANG)) for i in n.issued])
    for lang in issued.ws.languages:
        rel = Links.text(doc.id, lang, v.id)
        drafts = {fmt: Links.draft(v.id, doc.id, lang, fmt) for fmt in FORMATS}
        page_fresh = out.fresh(rel, digest(key, lang))
        drafts_fresh = [out.fresh(path, digest(issued.sha, lang, fmt)) for fmt, path in drafts.items()]
        if page_fresh and all(drafts_fresh):
            continue
        # as ``drafting compile --at`` makes them: numbered as issued, dated, typeset for the language
        frame = make_frame(issued.ws, doc, lang, base=None, version_label=v.display(lang), now=now,
                           issued=issued.date)
        draft = typeset_draft(dataclasses.replace(clean(frame), meta={"version": v.id}))
        if not page_fresh:
            out.write(rel, _page(n, doc, lang, draft, kind="clean", version=issued, rel=rel, site=site,
                                 has_page=links.clauses.__contains__))
        for (fmt, path), fresh in zip(drafts.items(), drafts_fresh):
            if not fresh:
                out.write(path, renderer(fmt)(draft))


def text_index(n: Negotiation) -> dict[str, Any]:
    docs = []
    for doc in n.ws.documents:
        langs = [{"lang": lang, "name": language_name(lang), "own": i18n.language_name(lang, lang),
                  "href": Links.text(doc.id, lang)} for lang in n.ws.languages]
        versions = []
        for issued in n.issued:
            if issued.ws.document(doc.id) is None:
                continue
            versions.append({
                "label": issued.version.display(LANG), "date": issued.date,
                "langs": [{"lang": lang, "href": Links.text(doc.id, lang, issued.version.id),
                           "drafts": [{"fmt": f, "href": Links.draft(issued.version.id, doc.id, lang, f)}
                                      for f in FORMATS]} for lang in n.ws.languages]})
        docs.append({"id": doc.id, "title": said(doc.title, doc.id), "titles": [
            {"lang": lang, "title": _title(doc, lang)} for lang in n.ws.languages if lang in doc.title],
            "langs": langs, "versions": versions})
    return {"title": "Texts", "documents": docs}
