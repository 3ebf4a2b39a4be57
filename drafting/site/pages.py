"""Pages from templates: Jinja2 with autoescape on and StrictUndefined, so that every text of the
negotiation is data -- a clause or a proposal holding ``<script>``, ``</div>`` or ``{{ }}`` shows
literally and runs nothing -- and a template that names a missing value fails instead of printing
nothing.

Links inside the site are relative (the site opens from ``file://`` and from any folder of any host):
each page's view carries ``root``, the way back to the site's top ("", "../", "../../").
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = Path(__file__).with_name("assets")
# characters no HTML document may hold (shown as U+FFFD), as the HTML drafts do
_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# marks that change the direction of the text around them: isolated, so that a proposal holding one
# cannot reorder what follows it on the page
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")

_ENV: jinja2.Environment | None = None


def clean(text: str) -> str:
    return text if text.isprintable() else _INVALID.sub("\ufffd", text)


def text_html(value: Any, plain: bool = False) -> Any:
    """Escaped text, line breaks kept, direction marks shown isolated (wrapped in <bdi>): Markup, or
    with ``plain`` a str of HTML (for code that builds HTML strings, see ``textbody``)."""
    s = str(value)
    if s.isprintable() and _BIDI.search(s) is None:
        # the common case, fast: nothing to clean, no line break, no direction mark
        return html.escape(s) if plain else escape(s)
    s = clean(s)
    out = []
    for line in s.split("\n"):
        if _BIDI.search(line):
            out.append(Markup("<bdi>") + escape(line) + Markup("</bdi>"))
        else:
            out.append(escape(line))
    result = Markup("<br>").join(out)
    return str(result) if plain else result


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["text"] = text_html
        env.filters["clean"] = clean
        _ENV = env
    return _ENV


def render(template: str, view: dict[str, Any]) -> bytes:
    return environment().get_template(template).render(**view).encode("utf-8")


def root_of(rel: str) -> str:
    """The relative way from the page at ``rel`` back to the site's top."""
    return "../" * rel.count("/")


def asset(name: str) -> bytes:
    return (ASSETS / name).read_bytes()
