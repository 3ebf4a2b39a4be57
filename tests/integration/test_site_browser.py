"""The site in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

One browser for the module, a handful of pages: each loads with no console error and no request outside
the site; links resolve; the language switch lands on the same paragraph; search finds a paragraph by a
phrase of it; hostile texts show literally and run nothing.  Screenshots of the home page and of a
paragraph's page are saved under the test's folder for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drafting import api
from tests.conftest import git, issued_workspace, run
from tests.site_support import example_site

__all__ = ["example_site"]

CHROMIUM = os.environ.get("DRAFTING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (the test extra) is not installed")
if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium is not installed ({CHROMIUM}); .ci/run installs it", allow_module_level=True)


class Visit:
    """A page opened in the browser, with what happened while it loaded."""

    def __init__(self, context: Any, site: Path) -> None:
        self.context, self.site = context, site.resolve()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []

    def open(self, rel: str) -> Any:
        page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(f"{rel}: {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(f"{rel}: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", self._request)
        path, _, query = rel.partition("?")
        page.goto((self.site / path).as_uri() + (f"?{query}" if query else ""))
        page.wait_for_load_state("load")
        return page

    def _request(self, request: Any) -> None:
        url = request.url
        if not url.startswith(self.site.as_uri() + "/") and not url.startswith("data:"):
            self.outside.append(url)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1100, "height": 800})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def test_pages_load_clean_and_stay_inside_the_site(browser: Any, example_site: dict[str, Any], shots: Path) -> None:
    visit = Visit(browser, example_site["site"])
    for rel in ("index.html", "progress.html", "clauses/op-quality-asylum.html", "delegations/MERCOSUR.html",
                "text/declaration/fr.html", "text/plan-of-action/rev1/es.html", "search.html"):
        page = visit.open(rel)
        assert page.locator("main h1").count() == 1, rel
        assert page.locator("html").get_attribute("lang") == ("fr" if rel.endswith("fr.html") else
                                                               "es" if rel.endswith("es.html") else "en")
        # every link of the page leads to a file of the site
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            assert href.startswith(visit.site.as_uri() + "/"), (rel, href)
            path = Path(href.split("#")[0].split("?")[0].removeprefix("file://"))
            assert path.is_file(), (rel, href)
        if rel == "index.html":
            page.screenshot(path=str(shots / "home.png"), full_page=True)
        if rel.startswith("clauses/"):
            page.screenshot(path=str(shots / "clause.png"), full_page=True)
        page.close()
    assert visit.errors == [] and visit.outside == []
    assert (shots / "home.png").stat().st_size > 10_000 and (shots / "clause.png").stat().st_size > 10_000
    # on a phone: nothing wider than the screen (wide tables scroll inside their own box)
    for rel in ("index.html", "text/declaration/es.html", "clauses/op-quality-asylum.html", "progress.html"):
        page = visit.open(rel)
        page.set_viewport_size({"width": 390, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, rel
        if rel == "index.html":
            page.screenshot(path=str(shots / "home-phone.png"), full_page=True)
        page.close()
    # a link followed in the browser arrives
    page = visit.open("index.html")
    page.click("text=All the figures and charts")
    page.wait_for_load_state("load")
    assert page.url.endswith("/progress.html") and page.locator("figure.chart img").count() == 4
    assert page.eval_on_selector_all("figure.chart img", "els => els.every(i => i.naturalWidth > 0)")
    page.close()
    assert visit.errors == [] and visit.outside == []


def test_the_language_switch_keeps_the_paragraph(browser: Any, example_site: dict[str, Any]) -> None:
    visit = Visit(browser, example_site["site"])
    page = visit.open("text/plan-of-action/es.html")
    target = "poa-3-humanitarian-visas"
    page.eval_on_selector(f"#{target}", "e => e.scrollIntoView({block: 'start'})")
    # a reader's scrolling: the paragraph at the top, not exactly where a link puts it (the switch reads
    # the window's position when it is clicked)
    page.evaluate("window.scrollBy(0, 12)")
    page.click("nav.lang-switch >> text=English")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/text/plan-of-action/en.html#{target}")
    box = page.eval_on_selector(f"#{target}", "e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom] }")
    assert 0 <= box[0] < page.viewport_size["height"] / 2, box
    # and from a link to a paragraph (its id in the address) to the text as issued
    page.click("nav.versions >> text=Rev.1")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/text/plan-of-action/rev1/en.html#{target}")
    page.close()
    assert visit.errors == [] and visit.outside == []


def test_search_finds_a_paragraph_by_a_phrase(browser: Any, example_site: dict[str, Any]) -> None:
    visit = Visit(browser, example_site["site"])
    page = visit.open("search.html")
    page.fill("#q", "Reafirman el principio de no devolucion")  # without the accent, as people type
    page.press("#q", "Enter")
    page.wait_for_selector("#results li")
    first = page.locator("#results li a").first
    assert first.get_attribute("href") == "clauses/op-access-territory.html"
    assert page.locator("#results li mark").first.inner_text().lower() == "reafirman"
    first.click()
    # the Enter above already changed the address (search.html?q=...): wait for the click's own page
    page.wait_for_url(lambda url: url.endswith("/clauses/op-access-territory.html"))
    assert page.url.endswith("/clauses/op-access-territory.html")
    page.close()
    page = visit.open("search.html?q=zero-BRA-001")  # a proposal, by its id
    page.wait_for_selector("#results li")
    assert "clauses/op-international-cooperation.html#zero-BRA-001" in page.inner_html("#results")
    page.close()
    assert visit.errors == [] and visit.outside == []


HOSTILE = "<script>alert(1)</script> </div> {{ 7*7 }} \u200fعربي\u200f"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    ws = issued_workspace(root / "ws")
    section = ws / "drafts" / "declaration" / "operative.yaml"
    text = section.read_text(encoding="utf-8")
    text = text.replace("Dar seguimiento a este plan cada tres años.",
                        f"'Dar seguimiento {HOSTILE} cada tres años.'")
    section.write_text(text, encoding="utf-8")
    git(ws, "commit", "-qam", "A hostile paragraph")
    run("-C", str(ws), "propose", "op-asylum", "--by", "BRA", "--replace", "sistemas nacionales",
        "--with", f"sistemas {HOSTILE}", "--rationale", f"Porque {HOSTILE}", check=True)
    run("-C", str(ws), "validate", check=True)
    api.site(str(ws), out=str(root / "site"))
    return root / "site"


def test_hostile_texts_show_literally_and_run_nothing(browser: Any, hostile_site: Path) -> None:
    visit = Visit(browser, hostile_site)
    for rel, where in (("clauses/op-follow-up.html", "blockquote[lang=es]"),
                       ("clauses/op-asylum.html", "article.amendment"),
                       ("delegations/BRA.html", "article.amendment"),
                       ("text/declaration/es.html", "#op-asylum"),
                       ("text/declaration/es.html", "#op-follow-up")):
        page = visit.open(rel)
        shown = page.inner_text(where)
        assert "<script>alert(1)</script>" in shown and "</div>" in shown and "{{ 7*7 }}" in shown, (rel, shown)
        assert "\u200fعربي\u200f" in shown and "49" not in shown
        assert page.locator("main script").count() == 0
        page.close()
    page = visit.open("search.html?q=alert(1)")
    page.wait_for_selector("#results li")
    assert page.locator("#results script").count() == 0 and "<script>" in page.inner_text("#results")
    page.close()
    assert visit.dialogs == [] and visit.errors == [] and visit.outside == []
