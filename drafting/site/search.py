"""The search index: every paragraph (its text in each language, its number) and every proposal (its
words, rationale, proponents and fate), written at build time as ``assets/search-index.js`` -- a script
that sets one global, because a page opened from ``file://`` may load a script beside it but may not
fetch a JSON file.  ``assets/search.js`` (hand-written, no library) searches it in the browser.

Entries are arrays, to keep the file small: ``[kind, id, title, href, [[lang, text], ...], extra]``
with kind ``c`` (paragraph) or ``a`` (proposal).
"""

from __future__ import annotations

import json
from typing import Any

from .common import FATE_WORDS, LANG, Links
from .gather import Negotiation


def entries(n: Negotiation, links: Links) -> list[list[Any]]:
    ws = n.ws
    out: list[list[Any]] = []
    seen: set[str] = set()
    for p in ws.placements():
        c = p.clause
        seen.add(c.id)
        number = n.numbers.get(c.id, "")
        doc = p.document.title.get(LANG) or next(iter(p.document.title.values()), p.document.id)
        out.append(["c", c.id, f"{number} {doc}".strip() if number else doc, links.clause(c.id),
                    [[lang, text] for lang, text in c.text.items()], c.status if c.kind != "heading" else ""])
    for issued in reversed(n.issued):  # paragraphs no longer in the text, as last issued
        for p in issued.ws.placements():
            if p.clause.id in seen:
                continue
            seen.add(p.clause.id)
            out.append(["c", p.clause.id, f"(deleted; in {issued.version.display(LANG)})", links.clause(p.clause.id),
                        [[lang, text] for lang, text in p.clause.text.items()], "deleted"])
    for a in ws.amendments:
        ch = a.change
        texts: list[list[str]] = []
        for value in (ch.old, ch.new, ch.text, ch.after, ch.before):
            if value:
                texts.append([a.lang, value])
        for lang, value in (ch.texts or {}).items():
            texts.append([lang, value])
        if ch.clause is not None:
            texts.extend([lang, value] for lang, value in ch.clause.text.items())
        if a.rationale:
            texts.append([a.lang, a.rationale])
        if a.decision is not None and a.decision.text:
            texts.append([a.lang, a.decision.text])
        who = ", ".join(ws.delegation_name(x, LANG) for x in a.sponsors)
        fate = "open" if a.is_open else a.status
        out.append(["a", a.id, f"{who} · {FATE_WORDS.get(fate, fate)}", links.amendment(a.id), texts, fate])
    return out


def index_script(n: Negotiation, links: Links) -> bytes:
    """The index as a script (UTF-8, as every page of the site): a JSON array literal is a JavaScript
    expression, so the file is data whatever the texts hold; the line separators JSON allows in strings
    and older JavaScript did not are escaped."""
    data = json.dumps(entries(n, links), ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.DRAFTING_SEARCH={data};\n".encode("utf-8")
