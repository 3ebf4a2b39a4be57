"""Reading the history: ``diff`` between versions (each change with the amendment and proponents
behind it), a clause's ``log``, and the ``concordance`` of old and new numbers."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..model import Workspace
from ..ops.numbering import adopt_references, number_document, number_workspace
from ..ops.numbering import concordance as _concordance
from ..store.session import Session
from ..suggest import unknown


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
        raise UsageError(unknown("language", language, ws_b.languages, listing="languages"))
    if clause is not None and ws_a.clause(clause) is None and ws_b.clause(clause) is None:
        raise UsageError(unknown("clause", clause, {*ws_a.clause_index(), *ws_b.clause_index()}))
    changes = clause_changes(s, ws_b, ws_a, a, language, at=b)
    # a clause added since A is known by its bis number until B renumbers it (as in the concordance)
    nums_a = {**numbers(ws_b, ws_a), **numbers(ws_a, None, like=ws_b)}
    nums_b = numbers(ws_b, s.version_text(a) if b is None else None)
    order_b = [p.clause.id for p in ws_b.placements()]
    before = {cid: order_b[i - 1] if i else None for i, cid in enumerate(order_b)}
    out = []
    for cid, ch in changes.items():
        if clause is not None and cid != clause:
            continue
        if ch.kind == "unchanged" and ch.status is None:
            continue
        out.append({
            "clause": cid, "kind": ch.kind, "moved": ch.moved, "old_number": nums_a.get(cid, ""),
            "new_number": nums_b.get(cid, ""), "status": list(ch.status) if ch.status else None,
            # where a moved clause now stands: after this clause (None: first of the text)
            "moved_after": ({"clause": before[cid], "number": nums_b.get(before[cid] or "", "")}
                            if ch.moved and cid in before and before[cid] else None),
            "who": _who(ws_b, ch.who, language),
            "changes": [{"op": {-1: "delete", 0: "equal", 1: "insert"}[p.op], "text": p.text,
                         **({"who": _who(ws_b, p.who, language)} if p.who else {})} for p in ch.pieces],
        })
    return {"from": a, "to": b or "working tree", "lang": language, "clauses": out}


def _who(ws: Workspace, who: Any, lang: str) -> dict[str, Any] | None:
    """Who caused a change, with names in ``lang`` (the secretariat by its name there)."""
    from ..render.authors import secretariat_name

    if who is None:
        return None
    group = ws.delegation_name(who.on_behalf_of, lang) if who.on_behalf_of else None
    return {"amendment": who.amendment, "proponents": list(who.proponents), "on_behalf_of": group,
            "names": [ws.delegation_name(c, lang) for c in who.proponents] or [secretariat_name(ws, lang)],
            "date": who.date, "decision": who.decision}


def log(workspace: str | None, clause_id: str, *, lang: str | None = None) -> dict[str, Any]:
    """A clause's history: the versions it appears in (with its number), the amendments on it and
    their decisions, and the commits that touched it; labels and names in ``lang`` (default: the
    original language)."""
    from ..render.authors import author
    from ..store.named import commits_naming

    s = Session.find(workspace)
    ws = s.load()
    lang = lang or ws.original_language
    if lang not in ws.languages:
        raise UsageError(f"unknown language {lang!r}")
    if ws.clause(clause_id) is None and not any(a.target == clause_id for a in ws.amendments):
        found_in = [v for v in ws.versions if v.id in s.version_tags
                    and (s.version_text(v.id) or ws).clause(clause_id) is not None]
        if not found_in:
            raise UsageError(unknown("clause", clause_id, ws.clause_index()))
    versions = []
    for v in ws.versions:
        if v.id not in s.version_tags:
            continue
        vws = s.version_text(v.id)
        c = vws.clause(clause_id) if vws else None
        versions.append({"version": v.id, "label": v.display(lang), "date": v.date,
                         "number": _number_in(vws, clause_id, ws) if vws and c else "",
                         "present": c is not None, "status": c.status if c else None,
                         "text": c.text.get(ws.original_language) if c else None})
    amendments = [{"id": a.id, "by": a.by, "names": author(ws, a, lang), "op": a.op, "status": a.status,
                   "submitted": a.submitted,
                   "decision": a.decision.note if a.decision else None,
                   "decided": a.decision.date if a.decision else None}
                  for a in ws.amendments
                  if a.target == clause_id or (a.change.clause is not None and a.change.clause.id == clause_id)
                  or (a.decision is not None and a.decision.clause == clause_id)]
    ids = {a["id"] for a in amendments}
    commits = []
    for c in commits_naming(s.repo, {"Amendment": ids, "Translates": ids, "Clause": {clause_id}}, ["drafts", "amendments"]):
        if (ids & {*c.trailers.get("Amendment", []), *c.trailers.get("Translates", [])}
                or clause_id in c.trailers.get("Clause", [])):
            commits.append({"commit": c.sha[:10], "date": c.date[:10], "author": _committer(ws, c, lang),
                            "subject": c.subject, "trailers": c.trailers})
    return {"clause": clause_id, "lang": lang, "versions": versions, "amendments": amendments,
            "commits": commits}


def _number_in(ws: Workspace, clause_id: str, like: Workspace) -> str:
    """The clause's reference as ``numbers(ws, None, like=like)`` gives it, numbering only the documents
    that hold it (a log reads six versions of a text of 2,000 clauses)."""
    got = ""
    for doc in ws.documents:
        if any(c.id == clause_id for section in doc.sections for top in section.clauses for c in top.walk()):
            n = number_document(adopt_references(doc, like.document(doc.id)), references=True).get(clause_id)
            got = n.ref() if n else got
    return got


def _committer(ws: Workspace, c: Any, lang: str) -> str:
    """The commit's author by the name of its delegation in ``lang`` (git records the English one)."""
    local, _, domain = c.author_email.partition("@")
    code = local.upper()
    if domain == "delegations.drafting.invalid" and code in ws.delegations:
        return ws.delegation_name(code, lang)
    return c.author_name  # type: ignore[no-any-return]


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


def numbers(ws: Workspace, base: Workspace | None, like: Workspace | None = None) -> dict[str, str]:
    """Clause id -> reference ("12 bis" where ``base`` is the last issued version's text; "PP3" in a
    section that declares its reference)."""
    return {k: v.ref() for k, v in number_workspace(ws, base, references=True, like=like).items()}


def concordance_row(r: Any) -> dict[str, str]:
    return {"clause": r.clause_id, "document": r.document, "old": r.old, "new": r.new}
