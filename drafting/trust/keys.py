"""``drafting keys add`` and ``drafting keys list``: the parties' signing keys, kept by the secretariat."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from .acting import NotAllowed, trust_of
from .identity import read_key_file
from .signers import SIGNERS_PATH, AllowedSigners, add_line


def add_key(session: Any, code: str, keyfile: str, author: Any) -> dict[str, str]:
    """Add ``keyfile``'s public key for ``code``; one secretariat commit.  The first key of a workspace
    must be a secretariat's, added by that person with that very key (it signs its own entry)."""
    key = read_key_file(keyfile)
    with session.writing() as ws:
        trust = trust_of(session)
        if code not in ws.delegations:
            raise UsageError(f"unknown delegation {code!r}; known codes: {', '.join(sorted(ws.delegations))}")
        signers = trust.signers
        kind = ws.delegations[code].kind
        if signers is None:
            if kind != "secretariat":
                raise NotAllowed(
                    f"the first key of a workspace is the secretariat's (a code of kind secretariat), "
                    f"not {code}'s ({kind})",
                    SIGNERS_PATH,
                )
            public = trust.actor.public
            if public is None or not public.same_key(key):
                raise NotAllowed(
                    "the first key must sign its own entry: configure it as your signing key "
                    "first (git config user.signingkey <its private key>; git config gpg.format ssh)",
                    SIGNERS_PATH,
                )
        else:
            trust.require_secretariat("adding a key")
            for s in signers.signers:
                if s.key.same_key(key):
                    raise UsageError(
                        f"this key ({key.fingerprint}) is already listed for {s.code} "
                        f"({SIGNERS_PATH}:{s.line})"
                    )
        current = session.repo.git.read_blobs([f"HEAD:{SIGNERS_PATH}"])[0] if signers is not None else None
        data = add_line(current, code, key)
        parsed = AllowedSigners.parse(data)
        if parsed.problems:
            from ..errors import WorkspaceError

            raise WorkspaceError(parsed.problems)
        message = f"Key for {ws.delegation_name(code, 'en')} ({code}): {key.fingerprint}"
        with session.repo.transaction(message, author=author(ws), trailers={"Key": code}) as tx:
            tx.write(SIGNERS_PATH, data)
    return {"code": code, "fingerprint": key.fingerprint, "commit": tx.commit_sha}


def list_keys(session: Any) -> list[dict[str, Any]]:
    signers = trust_of(session).signers
    if signers is None:
        return []
    ws = session.load(with_amendments=False)
    return [
        {
            "code": s.code,
            "name": ws.delegation_name(s.code, "en"),
            "role": "secretariat" if trust_of(session).parties.is_secretariat(s.code) else "delegation",
            "type": s.key.keytype,
            "fingerprint": s.key.fingerprint,
            "comment": s.key.comment,
            "line": s.line,
        }
        for s in signers.signers
    ]
