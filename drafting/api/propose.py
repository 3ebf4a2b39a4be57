"""A delegation's proposal: ``propose`` writes an amendment file and commits it in the delegation's
name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, WorkspaceError
from ..model import Workspace
from ..store.identity import author_of
from ..store.schema import Reader, parse_amendment
from ..store.session import Session, date_or_today
from ..store.staging import check_written, encode_like, not_yet_written
from ..store.write import emit_amendment
from ..store.yamlio import describe_forbidden, from_plain
from ..vocab import SPONSOR_KINDS
from ..trust.acting import trust_of
from ..suggest import unknown


def propose(workspace: str | None, *, clause: str, by: str, change: dict[str, Any], lang: str | None = None,
            cosponsors: list[str] | None = None, on_behalf_of: str | None = None, rationale: str | None = None,
            channel: str = "written", date: str | None = None, version: str | None = None) -> str:
    """Write a new amendment (the next free id of the delegation for that version), validated,
    committed with the delegation as author.  Returns its id."""
    mapping: dict[str, Any] = {"by": by, "cosponsors": cosponsors or [], "on_behalf_of": on_behalf_of,
                               "lang": lang, "change": change, "rationale": rationale, "channel": channel,
                               "submitted": date}
    op = next(iter(change))
    if op == "add":
        pass  # the clause named is where the new one goes
    else:
        mapping["target"] = clause
    return propose_mapping(workspace, mapping, version=version)


def propose_mapping(workspace: str | None, mapping: dict[str, Any], *, version: str | None = None,
                    commit_date: str | None = None) -> str:
    """Write an amendment given as the mapping of an amendment file (without its id)."""
    s = Session.find(workspace)
    with s.writing() as ws:
        vid = version or mapping.pop("version", None) or (ws.last_version.id if ws.last_version else None)
        if vid is None:
            raise UsageError("no version has been issued yet: amendments are written against an issued version "
                             "(drafting issue zero)")
        if ws.version(vid) is None:
            raise UsageError(unknown("version", vid, [v.id for v in ws.versions]))
        by = mapping.get("by")
        if not isinstance(by, str) or by not in ws.delegations:
            raise UsageError(unknown("delegation", str(by), ws.delegations, listing="known codes"))
        # the acting person's key may propose as ``by``? the secretariat entering it says so
        entered = trust_of(s).entered_by(by, mapping.get("on_behalf_of"))
        if entered is not None:
            mapping["entered_by"] = entered
        mapping = {k: v for k, v in mapping.items() if v not in (None, [], "")}
        mapping.setdefault("lang", ws.original_language)
        mapping.setdefault("submitted", date_or_today(None))
        mapping.setdefault("channel", "written")
        mapping["status"] = "submitted"
        aid = _next_id(ws, vid, by)
        path = f"amendments/{vid}/{aid}.yaml"
        if (s.root / path).exists():
            raise UsageError(f"{path} already exists")
        # through the same reader as every amendment file: one set of rules
        tree = from_plain({"id": aid, **mapping}, _refuse)
        problems: list[Problem] = []
        a = parse_amendment(Reader(path, problems), tree, vid, aid, ws.original_language)
        if problems or a is None:
            raise WorkspaceError(not_yet_written(s.root, problems or [Problem(path, 0, "invalid amendment")], [path]))
        data = encode_like(s, path, emit_amendment(a))
        check_written(s, {path: data}, before=ws)
        op = a.change.op
        where = a.target or a.change.after or a.change.before or ""
        message = f"Proposal {aid} by {ws.delegation_name(by, 'en')}: {op} {where}".rstrip()
        trailers: dict[str, Any] = {"Amendment": aid, "Proponent": by, "Version": vid}
        if a.sponsored_from:
            source = ws.amendment(a.sponsored_from)
            contributor = ws.delegation_name(source.by, "en") if source is not None else "?"
            message = (f"Proposal {aid} by {ws.delegation_name(by, 'en')}, sponsoring {a.sponsored_from} "
                       f"({contributor}): {op} {where}").rstrip()
            trailers["Sponsored-from"] = a.sponsored_from
        if a.cosponsors:
            trailers["Co-sponsors"] = ", ".join(a.cosponsors)
        if a.on_behalf_of:
            trailers["On-behalf-of"] = a.on_behalf_of
        with s.repo.transaction(message, author=author_of(ws, by), trailers=trailers, date=commit_date) as tx:
            tx.write(path, data)
    return aid


def commit_proposal(root: Path, rel: str, data: bytes, doc: Any) -> None:
    """Commit an amendment file as it was submitted (the example's zero-draft proposals)."""
    s = Session(root)
    ws = s.load()
    by = doc.get("by", "")
    trailers = {"Amendment": doc.get("id", ""), "Proponent": by, "Version": rel.split("/")[1]}
    date = doc.get("submitted")
    with s.repo.transaction(f"Proposal {doc.get('id')} by {ws.delegation_name(by, 'en')}",
                            author=author_of(ws, by), trailers=trailers,
                            date=f"{date}T10:00:00" if date else None) as tx:
        tx.write(rel, data)


def _next_id(ws: Workspace, version: str, by: str) -> str:
    prefix = f"{version}-{by}-"
    used = [int(a.id[len(prefix):]) for a in ws.amendments
            if a.id.startswith(prefix) and a.id[len(prefix):].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"


def _refuse(text: str) -> str:
    raise UsageError(f"forbidden character {describe_forbidden(text)} in {text[:60]!r}")


def sponsor(workspace: str | None, contribution: str, *, by: str, rationale: str | None = None,
            date: str | None = None, commit_date: str | None = None) -> str:
    """A state (or territory, or group) takes up the contribution of an observer, an organization or
    civil society: a new amendment of ``by`` with the same change, against the same version, marked
    ``sponsored_from``; the contribution's file is not touched.  Returns the new amendment's id."""
    from ..store.yamlio import YMap, YSeq, load_file

    s = Session.find(workspace)
    ws = s.load()
    a = ws.amendment(contribution)
    if a is None:
        raise UsageError(f"unknown amendment {contribution!r}")
    if not ws.is_contribution(a):
        raise UsageError(f"{a.id} is {ws.delegation_name(a.by, 'en')}'s own proposal, not a contribution of an "
                         "observer, organization or civil society: there is nothing to sponsor")
    if not a.is_open:
        raise UsageError(f"{a.id} is {a.status}: only an open contribution can be sponsored")
    d = ws.delegations.get(by)
    if d is None:
        raise UsageError(f"unknown delegation {by!r}; known codes: {', '.join(sorted(ws.delegations))}")
    if d.kind not in SPONSOR_KINDS:
        raise UsageError(f"{by} is a {d.kind}: only a state, a territory or a group sponsors a contribution")
    taken = [x.id for x in ws.sponsorships().get(a.id, []) if x.by == by]
    if taken:
        raise UsageError(f"{by} already sponsors {a.id} (as {', '.join(taken)})")

    def plain(value: Any) -> Any:
        if isinstance(value, YMap):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, YSeq):
            return [plain(v) for v in value]
        return value

    # the change exactly as the contribution's file states it
    raw = load_file((s.root / a.loc.path).read_bytes(), a.loc.path)
    mapping: dict[str, Any] = {"by": by, "target": a.target, "lang": a.lang, "change": plain(raw["change"]),
                               "rationale": rationale or a.rationale, "channel": "written",
                               "submitted": date_or_today(date), "sponsored_from": a.id}
    return propose_mapping(workspace, mapping, version=a.version, commit_date=commit_date)
