"""``drafting restore ID``: put back an amendment that was deleted or altered, as a recorded repair."""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..vocab import AMENDMENT_ID_PATTERN
from .acting import trust_of
from .roles import AMENDMENT_PATH
from .rules import last_legitimate


def restore(session: Any, amendment_id: str, author: Any) -> dict[str, str]:
    """One secretariat commit (trailer ``Restore: <id>``) writing the amendment file exactly as it was
    last legitimately committed: as first submitted, with the decision a decide commit recorded."""
    if not AMENDMENT_ID_PATTERN.match(amendment_id):
        raise UsageError(f"invalid amendment id {amendment_id!r}")
    git = session.repo.git
    with session.writing() as ws:
        trust_of(session).require_secretariat("restoring an amendment")
        names = (
            git("log", "--format=", "--name-only", "--no-renames", "HEAD", "--", "amendments")
            .stdout.decode("utf-8", "surrogateescape")
            .splitlines()
        )
        paths = sorted({p for p in names if (m := AMENDMENT_PATH.match(p)) and m.group(2) == amendment_id})
        if not paths:
            raise UsageError(f"no amendment {amendment_id} was ever committed")
        if len(paths) > 1:
            raise UsageError(f"{amendment_id} was committed under several folders: {', '.join(paths)}")
        path = paths[0]
        legit = last_legitimate(git, ["HEAD"], path)
        current = git("rev-parse", "--verify", "--quiet", f"HEAD:{path}", check=False).stdout.decode().strip()
        if legit is None:
            raise UsageError(f"{path} has no legitimately committed content to restore")
        if current == legit:
            raise UsageError(f"nothing to restore: {path} is as it was last legitimately committed")
        data = git.read_blobs([legit])[0]
        assert data is not None
        message = (
            f"Restore {amendment_id} as it was last legitimately committed"
            f"\n\n{'It had been deleted.' if not current else 'It had been altered.'}"
        )
        with session.repo.transaction(message, author=author(ws), trailers={"Restore": amendment_id}) as tx:
            tx.write(path, data)
    return {"amendment": amendment_id, "path": path, "commit": tx.commit_sha}
