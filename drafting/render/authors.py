"""Who proposed what, in words: the author of a tracked change, the initials of a comment, and the
sentence that describes a proposal when it cannot be shown as a tracked change.

API::

    author(ws, amendment_or_who, lang) -> str    # "Brasil, Argentina, Uruguay (MERCOSUR)"
    initials(ws, amendment_or_who) -> str        # "BRA"; the secretariat's code for its own edits
    secretariat_name(ws, lang) -> str            # "ACNUR" (the secretariat that is not the chair)
    names(ws, codes, lang) -> str                # "Chile, México"
    describe(ws, amendment, lang, ref) -> str    # "sustituir «X» por «Y»" (in ``lang``'s words,
                                                 # the proposal's own wording quoted as written)
    note_text(ws, amendment, lang, extra="") -> str
                                                 # "zero-BRA-001: «<rationale>» Con el apoyo de: Chile."

The proponent comes first, co-sponsors after it, the group it speaks for in parentheses (SPEC,
"Tracked changes").  Names are the delegations' names in the draft's language; an unknown code is
shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Amendment, Workspace
from ..ops.blame import Who
from ..ops.text import shorten
from . import i18n

CHAIR_CODES = ("CHAIR", "PRESIDENCY", "PRES")


def names(ws: Workspace, codes: Iterable[str], lang: str) -> str:
    """Delegation names in ``lang``, comma-separated."""
    return ", ".join(ws.delegation_name(code, lang) for code in codes)


def secretariat_code(ws: Workspace) -> str | None:
    """The code of the technical secretariat: a delegation of kind ``secretariat`` that is not the chair."""
    for code, d in ws.delegations.items():
        if d.kind != "secretariat" or code.upper() in CHAIR_CODES:
            continue
        english = (d.name.get("en") or "").lower()
        if english.startswith(("chair", "president")):
            continue
        return code
    return None


def secretariat_name(ws: Workspace, lang: str) -> str:
    """The secretariat's name in ``lang`` ("ACNUR"), or the word "Secretariat" when none is declared."""
    code = secretariat_code(ws)
    return ws.delegation_name(code, lang) if code else i18n.label("secretariat", lang)


def _parts(x: Amendment | Who) -> tuple[tuple[str, ...], str | None] | None:
    """(proponent codes, on behalf of) or None for the secretariat."""
    if isinstance(x, Amendment):
        return x.sponsors, x.on_behalf_of
    if x.amendment is None or not x.proponents:
        return None
    return x.proponents, x.on_behalf_of


def author(ws: Workspace, who_or_amendment: Amendment | Who, lang: str) -> str:
    """The ``w:author`` text: proponent, co-sponsors, then the group in parentheses.

    ``Who`` with no amendment (an edit of the secretariat's own) gives the secretariat's name."""
    parts = _parts(who_or_amendment)
    if parts is None:
        return secretariat_name(ws, lang)
    codes, group = parts
    text = names(ws, codes, lang)
    if group and group not in codes:
        text += f" ({ws.delegation_name(group, lang)})"
    return text


def initials(ws: Workspace, who_or_amendment: Amendment | Who) -> str:
    """The comment's initials: the proponent's delegation code ("BRA")."""
    parts = _parts(who_or_amendment)
    if parts is None:
        return secretariat_code(ws) or "SEC"
    return parts[0][0]


# -- what a proposal says, in words --------------------------------------------------------------


def quote(text: str, lang: str, limit: int = 240) -> str:
    """``text`` in the quotation marks of ``lang``, cut to about ``limit`` characters."""
    return i18n.label("quote", lang, text=shorten(text.strip(), limit))


def describe(ws: Workspace, amendment: Amendment, lang: str, ref: Callable[[str], str] | None = None,
             marks: tuple[str, str] | None = None) -> str:
    """What ``amendment`` proposes, as a sentence in ``lang`` ("sustituir «X» por «Y»").

    Quoted words stay in the language the proposal was written in: they are never translated.
    ``ref(clause_id)`` names a clause ("5", or its opening words) for add and move; ``marks`` (two
    characters) are put around the quoted words inside the quotation marks, for a caller that marks
    their language."""
    c = amendment.change
    op = c.op
    left, right = marks or ("", "")

    def q(text: str | None) -> str:
        return i18n.label("quote", lang, text=left + shorten((text or "").strip(), 240) + right)

    def name(clause_id: str | None) -> str:
        if not clause_id:
            return "?"
        return ref(clause_id) if ref else clause_id

    if op == "replace":
        return i18n.label("proposal.replace", lang, old=q(c.old), new=q(c.new))
    if op == "delete":
        return i18n.label("proposal.delete", lang, old=q(c.old))
    if op == "insert":
        if c.at in ("start", "end"):
            return i18n.label(f"proposal.insert.{c.at}", lang, text=q(c.text))
        where = "after" if c.after is not None else "before"
        return i18n.label(
            f"proposal.insert.{where}",
            lang,
            text=q(c.text),
            anchor=q(c.after if c.after is not None else c.before),
        )
    if op == "bracket":
        if c.old is None:
            return i18n.label("proposal.bracket.all", lang)
        return i18n.label("proposal.bracket", lang, old=q(c.old))
    if op == "add":
        texts = c.clause.text if c.clause else {}
        text = texts.get(lang) or texts.get(amendment.lang) or next(iter(texts.values()), "")
        where = "after" if c.after is not None else "before"
        return i18n.label(f"proposal.add.{where}", lang, ref=name(c.after or c.before), text=q(text))
    if op == "move":
        where = "after" if c.after is not None else "before"
        return i18n.label(f"proposal.move.{where}", lang, ref=name(c.after or c.before))
    if op == "substitute":
        texts = c.texts or {}
        text = texts.get(lang) or texts.get(amendment.lang) or next(iter(texts.values()), "")
        return i18n.label("proposal.substitute", lang, text=q(text))
    if op == "remove":
        return i18n.label("proposal.remove", lang)
    return i18n.label("proposal.comment", lang)


def backing(ws: Workspace, amendment: Amendment, lang: str) -> str:
    """ "Con el apoyo de: Chile. Objeción: México." ("" when nobody spoke for or against)."""
    out = []
    if amendment.supporters:
        out.append(i18n.label("supported_by", lang, names=names(ws, amendment.supporters, lang)))
    if amendment.objectors:
        out.append(i18n.label("objected_by", lang, names=names(ws, amendment.objectors, lang)))
    return " ".join(out)


def note_text(ws: Workspace, amendment: Amendment, lang: str, extra: str = "") -> str:
    """The comment on a proposal: its id, rationale, supporters and objectors, and ``extra``."""
    parts = [f"{amendment.id}:"]
    if amendment.rationale:  # quoted: it is in the language it was written in, whatever the draft's
        parts.append(quote(amendment.rationale, lang, limit=2000))
    else:
        parts.append(author(ws, amendment, lang) + ".")
    b = backing(ws, amendment, lang)
    if b:
        parts.append(b)
    if extra:
        parts.append(extra)
    return " ".join(parts)
