"""Near misses, said the same way by every command: "unknown clause 'op-asilum'; did you mean 'op-asylum'?"

Ids, codes, commands and choices are compared with :mod:`difflib` (case aside, so ``bra`` finds ``BRA``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(value: str, known: Iterable[str], n: int = 2) -> list[str]:
    """The known values closest to ``value``, best first (none when nothing is close)."""
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), k)
    folded = value.casefold()
    if folded in by_folded and by_folded[folded] != value:
        return [by_folded[folded]]
    return [by_folded[m] for m in difflib.get_close_matches(folded, list(by_folded), n=n, cutoff=0.6)]


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``), or nothing when no known value is close."""
    matches = close_matches(value, known)
    if not matches:
        return ""
    return "; did you mean " + " or ".join(repr(m) for m in matches) + "?"


def unknown(what: str, value: str, known: Iterable[str], *, listing: str | None = None) -> str:
    """``unknown clause 'op-asilum'; did you mean 'op-asylum'?``; ``listing`` names the known values
    (``"known codes"``) and lists them after the suggestion, when there are few enough to read."""
    known = sorted(set(known))
    message = f"unknown {what} {value!r}" + did_you_mean(value, known)
    if listing and known and len(known) <= 40:
        message += f" ({listing}: {', '.join(known)})"
    return message
