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
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..progress import task
from ..ops.progress import progress
from ..store.derived import Derived
from ..store.session import Session
from ..vocab import CODE_PATTERN, ID_PATTERN, LANG_PATTERN
from . import pages
from .charts import CHARTS
from .clauses import ClausePages, clause_index
from .common import LANG, make_links
from .delegations import DelegationPages, delegation_index
from .gather import Negotiation, gather
from .home import home_view, progress_view
from .output import Output, digest
from .parallel import run_all
from .search import index_script
from .texts import Splices, compilation_keys, compilation_page, text_index, version_texts

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

    def page(o: Output, rel: str, template: str, view: dict[str, Any], section: str) -> None:
        full = {"site": site, "root": pages.root_of(rel), "page_lang": LANG, "section": section, **view}
        o.file(rel, digest(template, full), lambda: pages.render(template, {**full, "article": links.article}))

    step("pages")
    clauses, delegations = ClausePages(n, links), DelegationPages(n, links)
    keys = compilation_keys(n, site)
    # the largest jobs first, so that the workers finish together: the charts (matplotlib, the longest
    # job after a decision), then the compilation texts two languages at a time (where a proposal
    # falls is found once for both)
    units: list[Callable[[Output], Any]] = [partial(_charts, figures)]
    langs = n.ws.languages
    splices = Derived(session.root, "splices")  # the compilation texts' word splices, kept between builds
    for doc in n.ws.documents:
        for i in range(0, len(langs), 2):
            units.append(partial(_compilations, session, n, links, site, now, keys[doc.id], doc, langs[i:i + 2],
                                 splices.entries))
    for issued in n.issued:
        for doc in issued.ws.documents:
            units.append(partial(version_texts, n, links, site=site, now=now, issued=issued, doc=doc))
    codes = delegations.codes()
    for i in range(0, len(codes), 8):
        units.append(partial(_pages, page, delegations.view, codes[i:i + 8], "delegation.html.j2", "delegations"))
    ids = clauses.ids()
    for i in range(0, len(ids), 200):
        units.append(partial(_pages, page, clauses.view, ids[i:i + 200], "clause.html.j2", "clauses"))

    def job(unit: Callable[[Output], Any]) -> Callable[[], tuple[tuple[dict[str, str], list[str]], Any]]:
        def run() -> tuple[tuple[dict[str, str], list[str]], Any]:
            sub = out.branch()
            learned = unit(sub)  # plain data only: it may come back from a worker process
            return sub.record(), learned

        return run

    with task("building the site's pages", total=len(units)) as advance:
        for record, learned in run_all([job(u) for u in units], done=advance):
            out.merge(record)
            if learned is not None:
                used, new = learned
                splices.used.update(used)
                for key, value in new.items():
                    splices.put(key, value)
    splices.save()

    step("indexes, progress in pictures and search")
    for name in ASSETS:
        data = pages.asset(name)
        out.file(f"assets/{name}", digest(data.decode("utf-8")), lambda data=data: data)
    page(out, "clauses/index.html", "clauses.html.j2", clause_index(n, links), "clauses")
    page(out, "delegations/index.html", "delegations.html.j2", delegation_index(n, links, figures), "delegations")
    page(out, "text/index.html", "texts.html.j2", text_index(n), "text")
    out.file("data/progress.json", digest(figures),
             lambda: json.dumps(figures, ensure_ascii=False, indent=1).encode("utf-8"))
    page(out, "progress.html", "progress.html.j2", progress_view(figures), "progress")
    index = index_script(n, links)
    out.file("assets/search-index.js", digest(index), lambda: index)
    page(out, "search.html", "search.html.j2", {"title": "Search"}, "search")
    page(out, "index.html", "home.html.j2", {**home_view(n, figures, now.strftime("%Y-%m-%d %H:%M")),
                                             "title": site["title"]}, "home")
    removed = out.finish()
    return {"folder": str(folder), "index": str(folder / "index.html"), "files": len(out.new),
            "written": len(out.written), "removed": removed}


def _compilations(session: Session, n: Negotiation, links: Any, site: dict[str, Any], now: dt.datetime,
                  key: str, doc: Any, langs: tuple[str, ...], known: Mapping[Any, Any],
                  out: Output) -> tuple[set[Any], dict[Any, Any]]:
    memo = Splices(known)
    for lang in langs:
        compilation_page(session, n, links, out, site, now, key, doc, lang, memo)
    return memo.learned()


def _charts(figures: dict[str, Any], out: Output) -> None:
    key = digest(figures)
    if not all([out.fresh(f"charts/{name}.svg", key) for name in CHARTS]):
        from .charts import draw
        for name, data in draw(figures, "svg").items():
            out.write(f"charts/{name}.svg", data)


def _pages(page: Callable[..., None], view: Callable[[str], tuple[str, dict[str, Any]]], keys: list[str],
           template: str, section: str, out: Output) -> None:
    for key in keys:
        rel, v = view(key)
        page(out, rel, template, v, section)


__all__ = ["build", "figures_of"]
