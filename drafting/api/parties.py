"""The parties on a shared remote: their keys, the remote and its gate, sharing with ``sync``, and the
recorded repair of an amendment (``restore``).  See the trust wing (``drafting.trust``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store.git import DRAFTING_IDENTITY
from ..store.identity import secretariat_of
from ..store.session import Session


def keys_add(workspace: str | None, code: str, keyfile: str) -> dict[str, str]:
    """Add a party's public key to keys/allowed_signers (one secretariat commit)."""
    from ..trust.keys import add_key
    return add_key(Session.find(workspace), code, keyfile, secretariat_of)


def keys_list(workspace: str | None) -> list[dict[str, Any]]:
    """Who may sign for which party: code, name, role, key type, fingerprint, comment, line."""
    from ..trust.keys import list_keys
    return list_keys(Session.find(workspace))


def remote_init(path: str) -> Path:
    """A new bare repository at ``path`` with ``drafting gate`` as its pre-receive hook."""
    from ..trust.remote import init_remote
    return init_remote(path)


def gate(workspace: str | None, revrange: str | None, stdin: str) -> list[str]:
    """The shared remote's verdict on a push (``stdin``: git's ``old new ref`` lines) or on a range of
    commits: one line per problem, [] to accept."""
    from ..trust.gate import run
    return run(workspace, revrange, stdin)


def sync(workspace: str | None, remote: str | None = None) -> dict[str, Any]:
    """Share this workspace's own commits with ``remote`` and take everyone else's."""
    from ..trust.acting import trust_of
    from ..trust.sync import Syncer
    s = Session.find(workspace)
    trust = trust_of(s)
    trust.principal()  # a key the workspace does not list is refused before anything moves
    report = Syncer(s.repo, trust.committer(DRAFTING_IDENTITY), trust.signing_key()).run(remote)
    return {"remote": report.remote, "branch": report.branch, "pushed": report.pushed,
            "received": report.received, "renumbered": report.renumbered, "tags": report.tags,
            "attempts": report.attempts}


def restore(workspace: str | None, amendment_id: str) -> dict[str, str]:
    """Put back a deleted or altered amendment as it was last legitimately committed (one commit)."""
    from ..trust.restore import restore as _restore
    return _restore(Session.find(workspace), amendment_id, secretariat_of)
