"""Accepted and modified decisions applied to the generated text by drafting's own apply
(``drafting.ops.apply.apply_amendment``, what ``drafting decide`` runs), so that the text, the
translations and ``pending_translation`` the generator records are those a real ``decide`` writes, and
``drafting audit`` finds every decision of the history right.

The touched section is written out and read back as drafting reads it; the amendment likewise, from the
file the generator writes for it.  Only what the apply gives is copied back into the plain data."""

from __future__ import annotations

from typing import Any

from .corpus import LANGS
from .emit import emit_amendment, emit_section

# the operations whose result depends on drafting's rules of words, spacing and languages; remove and
# move only re-order clauses, which the plain data does the same way
THROUGH_DRAFTING = ("replace", "insert", "delete", "bracket", "substitute", "add")


def _section_model(doc: dict[str, Any], section: dict[str, Any]) -> Any:
    from drafting.store.load import section_entry

    path = f"drafts/{doc['id']}/{section['id']}.yaml"
    model, problems = section_entry(path, section["id"], emit_section(section).encode())
    errors = [p for p in problems if p.severity == "error"]
    if model is None or errors:
        raise SystemExit(f"generated section {path} does not read back: {errors[:1]}")
    return model


def _amendment_model(a: dict[str, Any]) -> Any:
    from drafting.store.load import amendment_entry

    path = f"amendments/{a['version']}/{a['id']}.yaml"
    model, problems = amendment_entry(path, a["version"], LANGS[0], emit_amendment(a).encode())
    errors = [p for p in problems if p.severity == "error"]
    if model is None or errors:
        raise SystemExit(f"generated amendment {path} does not read back: {errors[:1]}")
    return model


def apply_through_drafting(doc: dict[str, Any], section: dict[str, Any], a: dict[str, Any],
                           override: str | None) -> tuple[dict[str, str], list[str]]:
    """The texts and ``pending_translation`` of the clause the decided amendment ``a`` (an operation of
    THROUGH_DRAFTING) sets when applied to ``section`` of ``doc`` (as it is before the decision) as
    ``drafting decide accept|modify`` applies it.  The amendment's anchors were written on the text it
    is applied to (one proposal per clause a round), which is also the text of the version it names."""
    from drafting.model import Document, Workspace
    from drafting.ops.apply import apply_amendment

    ws = Workspace(title={}, symbol="", original_language=LANGS[0], languages=tuple(LANGS),
                   document_ids=(doc["id"],), delegations={}, versions=(),
                   documents=(Document(doc["id"], {}, (_section_model(doc, section),)),))
    amendment = _amendment_model(a)
    before = ws.clause(a["target"]) if a.get("target") else None
    base_text = before.text.get(amendment.lang) if before is not None else None
    after = apply_amendment(ws, amendment, text_override=override, base_text=base_text).workspace
    cid = a["change"][1]["clause"]["id"] if a["change"][0] == "add" else a["target"]
    clause = after.clause(cid)
    if clause is None:
        raise SystemExit(f"{a['id']}: drafting's apply gives no clause {cid}")
    return dict(clause.text), list(clause.pending_translation)
