"""``issue``: the current text becomes an issued version -- listed in negotiation.yaml (one commit),
tagged ``version/<id>``, renumbered (the concordance with the previous version), every open amendment
carried forward (re-anchored in the new text, or reported stale), and its clean drafts compiled."""

from __future__ import annotations

import json
from typing import Any

from ..errors import UsageError, WorkspaceError
from ..model import Workspace
from ..ops.numbering import concordance as _concordance
from ..store.atomic import write_bytes
from ..store.identity import secretariat_of
from ..store.session import Session, date_or_today
from ..store.staging import check_written, encode_like, read_text
from ..store.write import append_version
from ..vocab import ID_PATTERN
from .compile import compile_drafts as compile_drafts_fn
from .history import concordance_row
from .workspace import validate


def issue(workspace: str | None, version: str, *, label: str | dict[str, str] | None = None,
          date: str | None = None, out: str | None = None, compile_drafts: bool = True,
          commit_date: str | None = None) -> dict[str, Any]:
    """Issue the current text as a version: add it to negotiation.yaml (one commit), tag
    ``version/<id>``, report the concordance with the previous version and where every open
    amendment now stands, and compile the version's clean drafts."""
    if not ID_PATTERN.match(version):
        raise UsageError(f"invalid version id {version!r} (lower-case letters, digits and hyphens)")
    s = Session.find(workspace)
    with s.writing() as ws:
        if version in s.version_tags:
            raise UsageError(f"version {version} was already issued (tag version/{version})")
        errors = [p for p in validate(str(s.root)) if p.severity == "error"]
        if errors:
            raise WorkspaceError(errors)
        previous = next((v for v in reversed(ws.versions) if v.id in s.version_tags), None)
        prev_ws = s.version_text(previous.id) if previous else None
        when = date_or_today(date)
        labels = _labels(ws, version, label)
        rows = _concordance(prev_ws, ws) if prev_ws is not None else []
        changed = [r for r in rows if r.old != r.new]
        body = "\n".join(f"  {r.old or 'new'} -> {r.new or 'deleted'}  {r.clause_id}" for r in changed)
        message = f"Issue {labels.get('en') or next(iter(labels.values()))} ({version})"
        if body:
            message += f"\n\nConcordance with {previous.id if previous else ''}:\n{body}"
        if ws.version(version) is None:
            text = read_text(s, "negotiation.yaml")
            new_text = append_version(text, version, labels, when)
            data = encode_like(s, "negotiation.yaml", new_text)
            check_written(s, {"negotiation.yaml": data})
            with s.repo.transaction(message, author=secretariat_of(ws), trailers={"Version": version},
                                    date=commit_date) as tx:
                tx.write("negotiation.yaml", data)
            ws = s.load()
        sha = s.repo.tag_version(version, message, date=commit_date)
        s.__dict__.pop("version_tags", None)
        carried = _carried(ws, s.bases(ws))
    drafts: list[str] = []
    if compile_drafts:
        paths = compile_drafts_fn(str(s.root), kind="clean", lang="all", fmt="docx",
                                  at=version, out=out or f"build/{version}")
        drafts = [str(p) for p in paths]
        if previous is not None and paths:
            # the concordance goes out with the revision, so nobody refers to the wrong paragraph
            from ..render.plaintext import concordance_text

            table = [concordance_row(r) for r in rows]
            folder = paths[0].parent
            head = f"Concordance {previous.id} -> {version}\n\n"
            write_bytes(folder / f"concordance-{previous.id}-{version}.txt",
                        (head + concordance_text(table) + "\n").encode("utf-8"))
            write_bytes(folder / f"concordance-{previous.id}-{version}.json",
                        json.dumps(table, ensure_ascii=False, indent=2).encode("utf-8"))
            drafts += [str(folder / f"concordance-{previous.id}-{version}.{ext}") for ext in ("txt", "json")]
    return {"version": version, "commit": sha, "previous": previous.id if previous else None,
            "concordance": [concordance_row(r) for r in rows],
            "carried": carried, "drafts": drafts}


def _labels(ws: Workspace, version: str, label: str | dict[str, str] | None) -> dict[str, str]:
    """The version's label in every language: one label for all, or one per language (every language
    of the negotiation, none other), so that no draft prints another language's words."""
    if label is None or isinstance(label, str):
        return {lang: label or version for lang in ws.languages}
    unknown = [lang for lang in label if lang not in ws.languages]
    missing = [lang for lang in ws.languages if not label.get(lang, "").strip()]
    if unknown:
        raise UsageError(f"--label: unknown language {', '.join(unknown)}; the negotiation's languages are "
                         f"{', '.join(ws.languages)}")
    if missing:
        raise UsageError(f"--label: no label in {', '.join(missing)}; give one per language "
                         f"(--label {missing[0]}=...) or a single label for all")
    return {lang: label[lang] for lang in ws.languages}


def _carried(ws: Workspace, bases: dict[str, Workspace]) -> list[dict[str, str]]:
    """Where each open amendment stands in the issued text."""
    from ..ops.anchor import locate
    from ..render.proposals import BaseTexts

    base_text = BaseTexts(bases)
    carried = []
    for a in ws.open_amendments():
        if a.change.op in ("add", "comment", "remove", "move", "substitute") or not a.target:
            carried.append({"id": a.id, "state": "exact", "reason": ""})
            continue
        clause = ws.clause(a.target)
        if clause is None:
            carried.append({"id": a.id, "state": "stale", "reason": f"clause {a.target} no longer exists"})
            continue
        loc = locate(a, base_text(a), clause.text.get(a.lang, ""))
        carried.append({"id": a.id, "state": loc.state, "reason": loc.reason})
    return carried
