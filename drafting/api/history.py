"""Reading the history: ``diff`` between versions (each change with the amendment and proponents
behind it), a clause's ``log``, and the ``concordance`` of old and new numbers."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..model import Workspace
from ..ops.numbering import concordance as _concordance
from ..ops.numbering import number_workspace
from ..store.session import Session


def diff(workspace: str | None, a: str | None = None, b: str | None = None, *, clause: str | None = None,
         lang: str | None = None) -> dict[str, Any]:
    """Word-level differences per clause between two versions or refs (default: the last issued
    version -> the working tree), each change attributed to the amendment and proponent behind it."""
    from ..store.history import clause_changes

    s = Session.find(workspace)
    # the text only: the history names who changed what (amendments are read only where it does not)
    ws_b = s.load_at(b, with_amendments=False) if b else s.load(with_amendments=False)
    if a is None:
        tagged = [v.id for v in ws_b.versions if v.id in s.version_tags]
        if not tagged:
            raise UsageError("no issued version to compare with: give two refs")
        a = tagged[-1]
    ws_a = s.load_at(a, with_amendments=False)
    language = lang or ws_b.original_language
    if language not in ws_b.languages:
        raise UsageError(f"unknown language {language!r}")
    if clause is not None and ws_a.clause(clause) is None and ws_b.clause(clause) is None:
        raise UsageError(f"unknown clause {clause!r}")
    changes = clause_changes(s, ws_b, ws_a, a, language, at=b)
    # a clause added since A is known by its bis number until B renumbers it (as in the concordance)
    nums_a = {**numbers(ws_b, ws_a), **numbers(ws_a, None)}
    nums_b = numbers(ws_b, s.version_text(a) if b is None else None)
    out = []
    for cid, ch in changes.items():
        if clause is not None and cid != clause:
            continue
        if ch.kind == "unchanged" and ch.status is None:
            continue
        out.append({
            "clause": cid, "kind": ch.kind, "moved": ch.moved, "old_number": nums_a.get(cid, ""),
            "new_number": nums_b.get(cid, ""), "status": list(ch.status) if ch.status else None,
            "who": _who(ws_b, ch.who),
            "changes": [{"op": {-1: "delete", 0: "equal", 1: "insert"}[p.op], "text": p.text,
                         **({"who": _who(ws_b, p.who)} if p.who else {})} for p in ch.pieces],
        })
    return {"from": a, "to": b or "working tree", "lang": language, "clauses": out}


def _who(ws: Workspace, who: Any) -> dict[str, Any] | None:
    if who is None:
        return None
    return {"amendment": who.amendment, "proponents": list(who.proponents), "on_behalf_of": who.on_behalf_of,
            "names": [ws.delegation_name(c, "en") for c in who.proponents] or ["Secretariat"],
            "date": who.date, "decision": who.decision}


def log(workspace: str | None, clause_id: str) -> dict[str, Any]:
    """A clause's history: the versions it appears in (with its number), the amendments on it and
    their decisions, and the commits that touched it."""
    s = Session.find(workspace)
    ws = s.load()
    if ws.clause(clause_id) is None and not any(a.target == clause_id for a in ws.amendments):
        found_in = [v for v in ws.versions if v.id in s.version_tags
                    and (s.version_text(v.id) or ws).clause(clause_id) is not None]
        if not found_in:
            raise UsageError(f"unknown clause {clause_id!r}")
    versions = []
    for v in ws.versions:
        if v.id not in s.version_tags:
            continue
        vws = s.version_text(v.id)
        c = vws.clause(clause_id) if vws else None
        versions.append({"version": v.id, "label": v.display("en"), "date": v.date,
                         "number": numbers(vws, None).get(clause_id, "") if vws and c else "",
                         "present": c is not None, "status": c.status if c else None,
                         "text": c.text.get(ws.original_language) if c else None})
    amendments = [{"id": a.id, "by": a.by, "op": a.op, "status": a.status, "submitted": a.submitted,
                   "decision": a.decision.note if a.decision else None,
                   "decided": a.decision.date if a.decision else None}
                  for a in ws.amendments
                  if a.target == clause_id or (a.change.clause is not None and a.change.clause.id == clause_id)
                  or (a.decision is not None and a.decision.clause == clause_id)]
    ids = {a["id"] for a in amendments}
    commits = []
    for c in s.repo.log_naming({"Amendment": ids, "Clause": {clause_id}}, ["drafts", "amendments"]):
        if (ids & set(c.trailers.get("Amendment", [])) or clause_id in c.trailers.get("Clause", [])):
            commits.append({"commit": c.sha[:10], "date": c.date[:10], "author": c.author_name,
                            "subject": c.subject, "trailers": c.trailers})
    return {"clause": clause_id, "versions": versions, "amendments": amendments, "commits": commits}


def concordance(workspace: str | None, a: str, b: str | None = None) -> list[dict[str, str]]:
    """Old number (as issued in A) -> new number (as issued in B, or as numbered now) per clause."""
    s = Session.find(workspace)
    ws_a = s.load_at(a)
    if b is None:
        ws_b = s.load()
        rows = _concordance(ws_a, ws_b)
        now = numbers(ws_b, ws_a)
        return [{**concordance_row(r), "new": now.get(r.clause_id, "")} for r in rows]
    return [concordance_row(r) for r in _concordance(ws_a, s.load_at(b))]


def numbers(ws: Workspace, base: Workspace | None) -> dict[str, str]:
    """Clause id -> display number ("12 bis" where ``base`` is the last issued version's text)."""
    return {k: v.ref() for k, v in number_workspace(ws, base).items()}


def concordance_row(r: Any) -> dict[str, str]:
    return {"clause": r.clause_id, "document": r.document, "old": r.old, "new": r.new}
