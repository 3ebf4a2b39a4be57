"""What the git history says about the text between two versions: for every clause, the texts it
had commit after commit, and who (which amendment, which proponents) caused each change; with
``ops.blame``, every word change attributed (``clause_changes``), for the changes draft and
``drafting diff``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Clause, Workspace
from ..ops.blame import ClauseChange, Who, blame
from ..ops.diff import diff_workspaces
from .deltas import Delta, delta
from .derived import Derived
from .kept import Kept, linear_since, pack_changes, pack_history, unpack_changes, unpack_history
from .session import Session, today


def who_of(trailers: Mapping[str, list[str]], date: str) -> Who:
    """The cause of a commit, from its trailers (the secretariat when no amendment is named; the
    amendments jointly when a translation names several, ``Translates``)."""
    named = trailers.get("Amendment") or trailers.get("Translates") or []
    if not named:
        return Who(None, date=date[:10])
    amendment = ", ".join(named)
    proponents = [*(trailers.get("Proponent") or [])]
    for line in trailers.get("Co-sponsors") or []:
        proponents.extend(c.strip() for c in line.split(",") if c.strip())
    proponents = list(dict.fromkeys(proponents))
    group = (trailers.get("On-behalf-of") or [None])[0]
    return Who(amendment, tuple(proponents), group, date[:10], (trailers.get("Decision") or [""])[0])


@dataclass
class ClauseHistory:
    steps: dict[str, list[tuple[Who, str]]] = field(default_factory=dict)  # clause -> (who, text)
    placed_by: dict[str, Who] = field(default_factory=dict)  # added or moved by
    removed_by: dict[str, Who] = field(default_factory=dict)
    status_by: dict[str, Who] = field(default_factory=dict)


_FEW = 8  # file changes in a range read without the kept deltas
_NULL = frozenset({"0" * 40, "0" * 64})  # the blob id git gives a path absent on one side of a change
_LOG = "%x01%H%x00%aI%x00%(trailers:only,unfold)%x00"


def _section_changes(repo: Any, base_sha: str, end_sha: str) -> list[tuple[Who, list[tuple[str, str, str]]]]:
    """The commits from ``base_sha`` (exclusive) to ``end_sha`` that changed a file under drafts/, oldest
    first: who caused each and the (path, old blob, new blob) of every section file it changed."""
    # in topological order: a range read in two parts (see .kept) gives the commits in the same order
    out = repo.git("log", "-z", "--raw", "--no-abbrev", "--no-renames", "--diff-merges=first-parent",
                   "--topo-order", "--reverse", f"--format={_LOG}", "--end-of-options", f"{base_sha}..{end_sha}", "--",
                   "drafts").stdout
    commits = []
    for record in out.split(b"\x01")[1:]:
        fields = record.split(b"\0")
        date, trailers = fields[1].decode("utf-8", "replace"), fields[2].decode("utf-8", "replace")
        found: dict[str, list[str]] = {}
        for line in trailers.splitlines():
            key, sep, value = line.partition(":")
            if sep:
                found.setdefault(key.strip(), []).append(value.strip())
        files = []
        i = 3
        while i < len(fields) - 1:
            meta = fields[i].lstrip(b"\n")
            if not meta.startswith(b":"):  # the separators after the trailers
                i += 1
                continue
            path = fields[i + 1].decode("utf-8", "surrogateescape")
            i += 2
            if path.startswith("drafts/") and path.endswith(".yaml") and not path.endswith("/document.yaml"):
                old, new = meta.split()[2:4]
                files.append((path, old.decode("ascii"), new.decode("ascii")))
        commits.append((who_of(found, date), files))
    return commits


def section_deltas(repo: Any, base_sha: str, end_sha: str) -> list[tuple[Who, list[tuple[str, Delta]]]]:
    """What every commit of the range did to the clauses of the section files it changed.  Each
    change between two blobs is read once (:mod:`.deltas`) and kept in the parse cache under their ids."""
    commits = _section_changes(repo, base_sha, end_sha)
    # a few changes (a history kept up to an older commit, extended) are read sooner than the kept
    # deltas of the whole negotiation are unpickled
    few = sum(len(files) for _, files in commits) <= _FEW
    known = Derived(None if few else repo.root, "deltas")
    found: dict[tuple[str, str, str], Delta] = {}
    wanted: list[str] = []  # the blobs to read for what the cache does not know, in the order needed
    last: dict[str, str] = {}
    for _, files in commits:
        for key in files:
            got = known.get(key)
            if got is not None:
                found[key] = Delta(*got)
                continue
            path, old, new = key
            if last.get(path) != old:
                wanted.append(old)
            wanted.append(new)
            last[path] = new
    if len(found) < sum(len(files) for _, files in commits):
        blobs = repo.git.stream_blobs([b for b in wanted if b not in _NULL])
        held: dict[str, tuple[str, bytes | None]] = {}
        for _, files in commits:
            for key in files:
                if key in found:
                    continue
                path, old, new = key
                before = held.get(path)
                old_data = before[1] if before is not None and before[0] == old else _next(blobs, old)
                new_data = _next(blobs, new)
                held[path] = (new, new_data)
                found[key] = d = delta(old_data, new_data, path)
                known.put(key, tuple(d))
        known.save()
    return [(who, [(key[0], found[key]) for key in files]) for who, files in commits]


def _next(blobs: Any, blob: str) -> bytes | None:
    return None if blob in _NULL else next(blobs)


def clause_history(repo: Any, base: Workspace, base_sha: str, end_sha: str | None, lang: str,
                   final: Workspace | None = None, today: str = "") -> ClauseHistory:
    """The per-clause history from ``base_sha`` (exclusive) to ``end_sha`` (default HEAD); with
    ``final`` (the working tree), uncommitted differences are one last step by the secretariat.

    The history up to a commit is kept (:mod:`.kept`) under its id: a command run again reads it from the
    parse cache, and after new commits the history kept for an older end is extended by them alone."""
    end = repo.resolve(end_sha or "HEAD")
    h = ClauseHistory()
    kept = Kept(repo.root, "history", base_sha, lang)
    packed = kept.get(end)
    if packed is not None:
        state, by_file = unpack_history(packed, h)
    else:
        start = base_sha
        for older in kept.ends():
            if linear_since(repo, older, end):
                start = older
                state, by_file = unpack_history(kept.get(older), h)
                break
        else:
            state, by_file = {}, {}
            for p in base.placements():
                path = f"drafts/{p.document.id}/{p.section.id}.yaml"
                state[p.clause.id] = (p.clause.text.get(lang), p.clause.status, p.parents[-1].id if p.parents else path)
                by_file.setdefault(path, set()).add(p.clause.id)
        _walk(h, state, by_file, section_deltas(repo, start, end), lang)
        kept.put(end, pack_history(h, state, by_file), replaces=start)
        kept.save()
    if final is not None:
        snapshot: dict[str, tuple[Clause, str] | None] = {}
        for p in final.placements():
            snapshot[p.clause.id] = (p.clause, p.parents[-1].id if p.parents else
                                     f"drafts/{p.document.id}/{p.section.id}.yaml")
        for cid in set(state) - set(snapshot):
            snapshot[cid] = None
        _apply(h, state, snapshot, Who(None, date=today), lang, only_changed=True)
    return h


def _walk(h: ClauseHistory, state: dict[str, tuple[str | None, str, str]], by_file: dict[str, set[str]],
          commits: list[tuple[Who, list[tuple[str, Delta]]]], lang: str) -> None:
    for who, changed in commits:
        snapshot: dict[str, tuple[Clause, str] | None] = {}
        for path, d in changed:
            now = set()
            for clause, parent in d.now:
                snapshot[clause.id] = (clause, parent)
                now.add(clause.id)
            held = by_file.get(path, set())
            gone = (held if d.olds is None else set(d.olds)) - now
            by_file[path] = now if d.olds is None else (held - gone) | now
            for cid in gone:
                snapshot.setdefault(cid, None)
        _apply(h, state, snapshot, who, lang)


def _apply(h: ClauseHistory, state: dict[str, tuple[str | None, str, str]],
           snapshot: Mapping[str, tuple[Clause, str] | None], who: Who, lang: str,
           only_changed: bool = False) -> None:
    """Fold one commit's clauses into ``state`` (clause -> its text in ``lang``, status, parent)."""
    for cid, entry in snapshot.items():
        old = state.get(cid)
        if entry is None:
            if old is not None and cid not in _elsewhere(snapshot, cid):
                h.removed_by[cid] = who
                del state[cid]
            continue
        clause, parent = entry
        text = clause.text.get(lang)
        if old is None:
            h.placed_by[cid] = who
            h.steps.setdefault(cid, []).append((who, clause.text.get(lang, "")))
        else:
            if old[0] != text:
                h.steps.setdefault(cid, []).append((who, clause.text.get(lang, "")))
            if old[1] != clause.status:
                h.status_by[cid] = who
            if old[2] != parent and not only_changed or old[2] != parent and only_changed and cid not in h.placed_by:
                h.placed_by[cid] = who
        state[cid] = (text, clause.status, parent)


def _elsewhere(snapshot: Mapping[str, object], cid: str) -> set[str]:
    return {cid} if snapshot.get(cid) is not None else set()


def clause_changes(session: Session, ws: Workspace, base: Workspace, base_ref: str, lang: str,
                   at: str | None = None) -> dict[str, ClauseChange]:
    """Every clause that changed between ``base`` and ``ws``, each word change attributed."""
    session_memo: dict[Any, Any] = session.__dict__.setdefault("_memo", {})
    key = ("changes", base_ref, lang, at)
    if key in session_memo:
        return session_memo[key]  # type: ignore[no-any-return]
    base_sha = session.resolve(base_ref)
    end = session.resolve(at) if at else None
    day = today()
    # between two commits the answer depends on them alone (and on the date the secretariat's edits take)
    kept = Kept(session.repo.root, "changes", base_sha, lang, limit=2) if end is not None else None
    if kept is not None:
        packed = kept.get((end, day))
        if packed is not None:
            session_memo[key] = out = unpack_changes(packed)
            return out
    h = clause_history(session.repo, base, base_sha, end, lang, final=None if at else ws, today=day)
    memo = Derived(session.repo.root, "diffs")
    secretariat = Who(None, date=day)
    accepted: dict[str, Any] = {}

    read: list[Any] = []

    def everything() -> Any:
        """The amendments, read once and only when needed (``ws`` may have been read without them)."""
        if not read:
            read.append(ws.amendments or (session.load_at(at) if at else session.load()).amendments)
        return read[0]

    def accepted_on(cid: str) -> Who | None:
        """Who the accepted amendment on a clause names: the fallback where the history names no one."""
        if not accepted:
            accepted.update({a.target: a for a in everything() if a.status in ("accepted", "modified") and a.target})
            accepted.setdefault("", None)
        return _who_of_amendment(accepted.get(cid))
    out: dict[str, ClauseChange] = {}
    movers = frozenset(a.target for a in everything() if a.op == "move" and a.status in ("accepted", "modified")
                       and a.target)
    for d in diff_workspaces(base, ws, lang, movers, memo):
        cid = d.clause_id
        steps = h.steps.get(cid, [])
        if d.kind == "added":
            who = h.placed_by.get(cid, secretariat)
            out[cid] = ClauseChange(cid, "added", tuple(blame("", steps or [(who, d.new_text)], who, memo)), who)
        elif d.kind == "removed":
            who = h.removed_by.get(cid) or accepted_on(cid) or secretariat
            out[cid] = ClauseChange(cid, "removed", tuple(blame(d.old_text, [(who, "")], who, memo)), who)
        else:
            pieces = tuple(blame(d.old_text, steps, secretariat, memo)) if d.kind == "changed" else ()
            who = h.placed_by.get(cid) or accepted_on(cid) if d.moved else None
            status = (d.old_status or "", d.new_status or "") if d.old_status != d.new_status else None
            kind = "moved" if d.kind == "moved" else ("changed" if d.kind == "changed" else "unchanged")
            out[cid] = ClauseChange(cid, kind, pieces, who or (secretariat if d.moved else None), status,
                                    moved=d.moved)
    if kept is not None:
        kept.put((end, day), pack_changes(out))
    memo.save()
    session_memo[key] = out
    return out


def _who_of_amendment(a: Any) -> Who | None:
    if a is None:
        return None
    d = a.decision
    return Who(a.id, a.sponsors, a.on_behalf_of, (d.date if d and d.date else a.submitted) or "",
               a.status)
