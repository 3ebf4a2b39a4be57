"""The trust wing's entrance for the workflow layer: who is acting in a workspace, what their key may
do, and how their commits are made (committer, signing key, the role check every commit passes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import DraftingError
from .history import parse_trailers
from .identity import Actor, acting, git_config
from .roles import AMENDMENT_PATH, CommitChanges, FileChange, Parties, plain, role_problems
from .signers import SIGNERS_PATH, AllowedSigners

UNSIGNED_NOTE = (
    "note: no SSH signing key is configured (git config user.signingkey PATH; git config "
    "gpg.format ssh), so this workspace's commits are not signed"
)
NOTED_FILE = "drafting-unsigned-noted"
NOTES: list[str] = []  # printed by the command line after the command


class NotAllowed(DraftingError):
    """The acting person's key may not do this (exit 1; nothing was written)."""


class Trust:
    """One command's view of who acts in a workspace."""

    def __init__(self, repo: Any) -> None:
        self.repo = repo
        self._actor: Actor | None = None
        self._signers: tuple[AllowedSigners | None] | None = None
        self._parties: Parties | None = None

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            self._actor = acting(git_config(self.repo.root), self.repo.root)
        return self._actor

    @property
    def signers(self) -> AllowedSigners | None:
        """``keys/allowed_signers`` as committed in HEAD (None: the workspace has none)."""
        if self._signers is None:
            # cat-file answers "missing" for a path HEAD lacks, or a HEAD not yet made
            data = self.repo.git.read_blobs([f"HEAD:{SIGNERS_PATH}"])[0]
            self._signers = (AllowedSigners.parse(data) if data is not None else None,)
        return self._signers[0]

    @property
    def parties(self) -> Parties:
        if self._parties is None:
            from ..store.yamlio import load_file

            data = self.repo.git.read_blobs(["HEAD:negotiation.yaml"])[0]
            try:
                doc = plain(load_file(data, "negotiation.yaml")) if data is not None else None
            except DraftingError:
                doc = None
            self._parties = Parties.from_plain(doc)
        return self._parties

    def principal(self) -> str | None:
        """The party the acting key signs for; None in a workspace without keys (one operator).
        NotAllowed when the workspace has keys and the person's key is missing or not listed."""
        signers = self.signers
        actor = self.actor
        if signers is None:
            return None
        if actor.public is None:
            why = f" ({actor.note})" if actor.note else ""
            raise NotAllowed(
                f"this workspace lists its parties' keys in {SIGNERS_PATH}: configure your SSH "
                f"signing key (git config user.signingkey PATH; git config gpg.format ssh){why}",
                SIGNERS_PATH,
            )
        code = actor.principal(signers)
        if code is None:
            raise NotAllowed(
                f"your signing key ({actor.public.fingerprint}) is not in {SIGNERS_PATH}; the "
                f"secretariat adds it with 'drafting keys add CODE KEYFILE'",
                SIGNERS_PATH,
            )
        return code

    def _note_unsigned(self) -> None:
        marker = self.repo.git_dir / NOTED_FILE
        if marker.exists():
            return
        NOTES.append(UNSIGNED_NOTE)
        try:
            marker.touch()
        except OSError:
            pass

    # ---- what a command may do (checked before anything is computed or written)

    def require_secretariat(self, what: str) -> str | None:
        code = self.principal()
        if code is not None and not self.parties.is_secretariat(code):
            raise NotAllowed(f"{what} is the secretariat's; your key signs for {code}", SIGNERS_PATH)
        return code

    def entered_by(self, by: str, on_behalf_of: str | None = None) -> str | None:
        """For a proposal in ``by``'s name: the secretariat code to record as ``entered_by`` (None when
        the acting party proposes for itself).  NotAllowed when the key may not propose as ``by``."""
        code = self.principal()
        if code is None or code == by:
            pass
        elif self.parties.is_secretariat(code):
            return code
        elif not self.parties.speaks_for(code, by):
            raise NotAllowed(
                f"your key signs for {code}: it may propose as {code} or for a group {code} is a "
                f"member of, not as {by}",
                SIGNERS_PATH,
            )
        if (
            code is not None
            and on_behalf_of
            and not self.parties.is_secretariat(code)
            and not self.parties.speaks_for(code, on_behalf_of)
        ):
            raise NotAllowed(
                f"your key signs for {code}, which is not a member of {on_behalf_of}", SIGNERS_PATH
            )
        return None

    def require_decider(self, verb: str, proponent: str) -> None:
        code = self.principal()
        if code is None or self.parties.is_secretariat(code):
            return
        if verb == "withdraw" and self.parties.speaks_for(code, proponent):
            return
        if verb == "withdraw":
            raise NotAllowed(
                f"your key signs for {code}: it may withdraw only its own amendments, not {proponent}'s",
                SIGNERS_PATH,
            )
        raise NotAllowed(
            f"deciding is the secretariat's; your key signs for {code} (a delegation may only "
            f"withdraw its own amendments)",
            SIGNERS_PATH,
        )

    # ---- how commits are made

    def committer(self, fallback: tuple[str, str]) -> tuple[str, str]:
        return self.actor.committer(fallback)

    def signing_key(self) -> str | None:
        return self.actor.signing_key if self.actor.public is not None else None

    def guard(self, changes: Mapping[str, tuple[bytes | None, bytes | None]], message: str) -> None:
        """The role check of one commit about to be made: the same rules the gate applies."""
        code = self.principal()
        if code is None:
            if self.actor.public is None:
                self._note_unsigned()
            return
        from ..store.yamlio import load_file

        files = []
        for path, (before, after) in sorted(changes.items()):
            status = "A" if before is None else "D" if after is None else "M"
            docs = []
            for data in (before, after):
                try:
                    docs.append(
                        plain(load_file(data, path))
                        if data is not None and AMENDMENT_PATH.match(path)
                        else None
                    )
                except DraftingError:
                    docs.append(None)
            files.append(FileChange(path, status, docs[0], docs[1]))
        trailers = parse_trailers(message.rstrip("\n").rsplit("\n\n", 1)[-1])
        parties = self.parties
        if self.signers is None and SIGNERS_PATH in changes:
            return  # the file is being created: checked by keys add
        problems = role_problems(code, parties, CommitChanges(tuple(files), trailers))
        if problems:
            raise NotAllowed("; ".join(f"{p + ': ' if p else ''}{why}" for p, why in problems), SIGNERS_PATH)


def trust_of(session: Any) -> Trust:
    """The session's Trust (one per command)."""
    signer = getattr(session.repo, "signer", None)
    if isinstance(signer, Trust):
        return signer
    cached = session.__dict__.get("_trust")
    if cached is None:
        cached = session.__dict__["_trust"] = Trust(session.repo)
    return cached  # type: ignore[no-any-return]


def attach(repo: Any) -> None:
    """Make every commit of ``repo`` the acting person's: committer, SSH signature, role check."""
    repo.signer = Trust(repo)


def pop_notes() -> list[str]:
    out = list(dict.fromkeys(NOTES))
    NOTES.clear()
    return out
