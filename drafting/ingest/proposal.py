"""What import makes of a Word file: proposals, each one amendment file to be (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ops.text import nfc


@dataclass(frozen=True, slots=True)
class Proposal:
    """One amendment to create (its file without id, proponent and status)."""

    target: str | None
    lang: str
    change: dict[str, Any]
    rationale: str | None = None
    authors: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    paragraph: int = 0  # the (first) Word paragraph it comes from, 1-based
    how: str = "tracked"  # tracked | silent | comment

    @property
    def op(self) -> str:
        return next(iter(self.change))

    @property
    def summary(self) -> str:
        return summary(self.change, rationale=self.rationale)


def summary(change: dict[str, Any], limit: int = 60, rationale: str | None = None) -> str:
    """One line for a report: ``replace "a" -> "b"``; a comment shows what it says (``rationale``)."""
    op, body = next(iter(change.items()))

    def q(text: str) -> str:
        text = nfc(" ".join(str(text).split()))
        return '"' + (text if len(text) <= limit else text[:limit - 1] + "…") + '"'

    if op == "replace":
        return f"replace {q(body['old'])} -> {q(body['new'])}"
    if op == "insert":
        where = f"at {body['at']}" if "at" in body else (
            f"after {q(body['after'])}" if "after" in body else f"before {q(body['before'])}")
        return f"insert {q(body['text'])} {where}"
    if op in ("delete", "bracket"):
        return f"{op} {q(body['old'])}" if body.get("old") else f"{op} the whole clause"
    if op == "add":
        where = f"after {body['after']}" if "after" in body else f"before {body.get('before')}"
        text = next(iter(body["clause"]["text"].values()), "")
        return f"add {body['clause']['id']} {where}: {q(text)}"
    if op == "move":
        return f"move after {body['after']}" if "after" in body else f"move before {body.get('before')}"
    if op == "comment" and rationale:
        return f"comment {q(rationale)}"
    return op
