"""``precedents_search``: the paragraphs of earlier instruments closest to a text -- where a
delegation's wording may come from, or what agreed language to propose."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..store.session import Session


def precedents_search(workspace: str | None, query: str, *, lang: str | None = None,
                      limit: int = 5) -> list[dict[str, Any]]:
    """The ``limit`` closest paragraphs across the workspace's precedents, best first: precedent,
    title (in ``lang``, else English), forum, date, url, ref, lang, text and score (0-100)."""
    from ..interop.precedents import Index

    if not query.strip():
        raise UsageError("the text to search for is empty")
    if limit < 1:
        raise UsageError("--limit must be 1 or more")
    ws = Session.find(workspace).load(with_amendments=False)
    if lang is not None and lang not in ws.languages:
        raise UsageError(f"unknown language {lang!r}; the negotiation's languages are {', '.join(ws.languages)}")
    if not ws.precedents:
        raise UsageError("this workspace has no precedents: add precedents/<id>.yaml files (see the README)")
    return [m.as_dict(lang or "en") for m in Index(ws.precedents).search(query, lang, limit)]
