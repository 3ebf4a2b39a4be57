"""Who proposed what, printed on the page next to the change: the notation of compilation texts.

A change (the words a proposal inserts or deletes, as tracked runs) is bracketed and followed by its
proponents, in the draft's language::

    sistemas nacionales [y regionales – Brasil, Argentina, Uruguay (MERCOSUR); apoyo: Chile]

after the Rio+20 compilation text (``[extreme - US; G77 delete]``): the brackets say the words are a
proposal, the names who made it, supporters and objectors after a semicolon.  The brackets and names are
*tags* (``Run.tag``): printed in every format, never tracked changes, in Word in their own character
style (``wordml.PROPONENT_STYLE``), so that accepting or rejecting every change gives the text
without them.

``tag_groups(runs, keys, names)`` puts the tags around each group of changes by one author: the
changes of one proposal (or one accepted amendment) that no other proposal's change interrupts, the
unchanged words between them inside the brackets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from ..model import Amendment, Workspace
from ..ops.blame import Who
from . import authors, i18n
from .draft import Run

DASH = "\u00a0– "  # an en dash that never starts a line


def names(ws: Workspace, x: Amendment | Who, lang: str, author: str | None = None) -> str:
    """The proponents as a tag names them: "Brasil, Argentina, Uruguay (MERCOSUR); apoyo: Chile"
    (``author``: ``authors.author`` of ``x``, when the caller has it)."""
    text = author or authors.author(ws, x, lang)
    if isinstance(x, Amendment):
        if x.supporters:
            text += "; " + i18n.label("tag.support", lang, names=authors.names(ws, x.supporters, lang))
        if x.objectors:
            text += "; " + i18n.label("tag.objection", lang, names=authors.names(ws, x.objectors, lang))
    return text


def opening() -> Run:
    return Run("[", bold=True, tag=True)


def closing(who: str, what: str = "") -> Run:
    """" – Brasil]", or " – Uruguay: trasladar el párrafo ...]" with what the marks alone do not say."""
    return Run(DASH + who + (": " + what if what else "") + "]", bold=True, tag=True)


def wrap(runs: Sequence[Run], who: str, what: str = "") -> list[Run]:
    """``runs`` in brackets followed by ``who``: spaces at either end stay outside the brackets."""
    return tag_groups(list(runs), ["x" if r.text else None for r in runs], lambda _: who, what)


def tag_groups(runs: list[Run], keys: Sequence[str | None], who: Callable[[str], str],
               what: str = "") -> list[Run]:
    """``runs`` with tags around each group of changes: ``keys[i]`` says whose change ``runs[i]`` is
    (None for unchanged words).  A group is the changes of one key that no other key's change
    interrupts; ``who(key)`` names it."""
    changed = [i for i, k in enumerate(keys) if k is not None]
    if not changed:
        return list(runs)
    groups: list[tuple[int, int, str]] = []  # first and last run index, key
    for i in changed:
        k = keys[i]
        assert k is not None
        if groups and groups[-1][2] == k:
            groups[-1] = (groups[-1][0], i, k)
        else:
            groups.append((i, i, k))
    firsts = {g[0]: g for g in groups}
    lasts = {g[1]: g for g in groups}
    out: list[Run] = []
    for i, r in enumerate(runs):
        if i in firsts:
            lead = len(r.text) - len(r.text.lstrip())
            if lead and lead < len(r.text):
                out.append(dataclasses.replace(r, text=r.text[:lead], notes=()))
                r = dataclasses.replace(r, text=r.text[lead:])
            out.append(opening())
        if i in lasts:
            trail = len(r.text) - len(r.text.rstrip())
            tail = None
            if trail and trail < len(r.text):
                tail = dataclasses.replace(r, text=r.text[len(r.text) - trail:], notes=())
                r = dataclasses.replace(r, text=r.text[:len(r.text) - trail])
            out.append(r)
            out.append(closing(who(lasts[i][2]), what))
            if tail is not None:
                out.append(tail)
            continue
        out.append(r)
    return out
