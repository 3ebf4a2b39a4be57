"""The negotiation portal: a static site made from the workspace and its git history.

``build(session, folder, now=...)`` is the wing's one entrance (called by ``drafting.api.site``); it
writes the site under ``folder`` and returns what it did.  Pages whose inputs did not change since the
last build into the same folder are left as they are (see ``output``).

What the site holds (all links relative; nothing is fetched from another host)::

    index.html                          the negotiation, its versions, where it stands
    progress.html, charts/*.svg         progress in pictures, and data/progress.json
    text/index.html                     every text, version and draft
    text/<doc>/<lang>.html              the compilation text as it stands
    text/<doc>/<version>/<lang>.html    the clean text of an issued version
    drafts/<version>/<doc>-clean-<lang>.docx|html|md
    clauses/index.html, clauses/<id>.html
    delegations/index.html, delegations/<code>.html
    search.html, assets/search-index.js
    assets/site.css, site.js, search.js
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..ops.progress import progress
from ..store.session import Session
from ..vocab import CODE_PATTERN, ID_PATTERN, LANG_PATTERN
from . import pages
from .charts import CHARTS
from .clauses import clause_index, clause_pages
from .common import LANG, Links, make_links
from .delegations import delegation_index, delegation_pages
from .gather import Negotiation, gather
from .home import home_view, progress_view
from .output import Output, digest
from .search import index_script
from .texts import compilation_pages, text_index, version_pages

Progress = Callable[[str], None]
ASSETS = ("site.css", "site.js", "search.js")


def figures_of(n: Negotiation) -> dict[str, Any]:
    return progress(n.ws, [(v, n.issued_text(v.id)) for v in n.ws.versions])


def _check_names(n: Negotiation) -> None:
    """Pages are named after ids, codes and languages: only names the schema allows become paths."""
    bad = [c for c in n.ws.delegations if not CODE_PATTERN.match(c)]
    bad += [lang for lang in n.ws.languages if not LANG_PATTERN.match(lang)]
    bad += [x for x in [*(d.id for d in n.ws.documents), *(v.id for v in n.ws.versions)] if not ID_PATTERN.match(x)]
    if bad:
        raise UsageError(f"cannot name pages after {', '.join(map(repr, bad))}")


def build(session: Session, folder: Path, *, now: dt.datetime, say: Progress | None = None) -> dict[str, Any]:
    """Write the site under ``folder``; return {"folder", "index", "files", "written", "removed"}."""
    def step(what: str) -> None:
        if say is not None:
            say(what)

    step("reading the workspace and its history")
    n = gather(session)
    _check_names(n)
    links = make_links(n)
    figures = figures_of(n)
    out = Output(folder)
    title = n.ws.title.get(LANG) or n.ws.title.get(n.ws.original_language) or next(iter(n.ws.title.values()), "")
    site = {"symbol": n.ws.symbol, "title": title,
            "title_lang": LANG if LANG in n.ws.title else n.ws.original_language}

    def page(rel: str, template: str, view: dict[str, Any], section: str) -> None:
        full = {"site": site, "root": pages.root_of(rel), "page_lang": LANG, "section": section, **view}
        out.file(rel, digest(template, full), lambda: pages.render(template, full))

    for name in ASSETS:
        data = pages.asset(name)
        out.file(f"assets/{name}", digest(data.decode("utf-8")), lambda data=data: data)

    step("paragraph pages")
    for rel, view in clause_pages(n, links):
        page(rel, "clause.html.j2", view, "clauses")
    page("clauses/index.html", "clauses.html.j2", clause_index(n, links), "clauses")
    step("delegation pages")
    for rel, view in delegation_pages(n, links):
        page(rel, "delegation.html.j2", view, "delegations")
    page("delegations/index.html", "delegations.html.j2", delegation_index(n, links, figures), "delegations")

    step("texts of the issued versions and their drafts")
    for _ in version_pages(n, links, out, site, now):
        pass
    step("compilation texts")
    for _ in compilation_pages(session, n, links, out, site, now):
        pass
    page("text/index.html", "texts.html.j2", text_index(n), "text")

    step("progress in pictures")
    key = digest(figures)
    names = [f"charts/{name}.svg" for name in CHARTS]
    if not all([out.fresh(rel, key) for rel in names]):
        from .charts import draw
        for name, data in draw(figures, "svg").items():
            out.write(f"charts/{name}.svg", data)
    out.file("data/progress.json", key,
             lambda: json.dumps(figures, ensure_ascii=False, indent=1).encode("utf-8"))
    page("progress.html", "progress.html.j2", progress_view(figures), "progress")

    step("search index")
    index = index_script(n, links)
    out.file("assets/search-index.js", digest(index.decode("ascii")), lambda: index)
    page("search.html", "search.html.j2", {"title": "Search"}, "search")
    page("index.html", "home.html.j2", {**home_view(n, figures, now.strftime("%Y-%m-%d %H:%M")),
                                        "title": site["title"]}, "home")
    removed = out.finish()
    return {"folder": str(folder), "index": str(folder / "index.html"), "files": len(out.new),
            "written": len(out.written), "removed": removed}


__all__ = ["build", "figures_of", "Links"]
