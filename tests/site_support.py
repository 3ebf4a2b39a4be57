"""What the site's tests share: the example negotiation's site, built once per test session, and a
reader of the links and ids of the pages (the standard library's HTML parser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from drafting import api


class Page(HTMLParser):
    """The links (href, src), element ids, lang attributes and script elements of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.langs: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        for name in ("href", "src"):
            if a.get(name):
                self.links.append(str(a[name]))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if a.get("lang"):
            self.langs.append(str(a["lang"]))
        if tag == "script":
            self.scripts.append(a)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example negotiation (``drafting init --example``) and its site under ``<tmp>/site``."""
    root = tmp_path_factory.mktemp("example-site")
    ws = root / "example"
    api.init(str(ws), example=True)
    result = api.site(str(ws), out=str(root / "site"))
    return {"ws": ws, "site": root / "site", "result": result}
