"""``init``: a new workspace -- a git repository with an empty negotiation, or the bundled example
with its first round replayed."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UsageError
from ..store.identity import SECRETARIAT
from ..store.repo import Repo

# the bundled example negotiation: negotiation.yaml, drafts/ and amendments/ beside the package
EXAMPLE_ROOT = Path(__file__).resolve().parent.parent.parent

EMPTY_NEGOTIATION = """\
schema: 1
title:
  en: Untitled negotiation
symbol: "DRAFT/L.1"
original_language: en
languages: [en]
documents: []
delegations: {}
versions: []
"""


def init(directory: str, *, example: bool = False) -> Path:
    """A new workspace: a git repository with a negotiation.yaml (or the bundled example)."""
    path = Path(directory)
    if path.exists() and any(path.iterdir()):
        raise UsageError(f"{directory} exists and is not empty")
    if example and not (EXAMPLE_ROOT / "negotiation.yaml").is_file():
        raise UsageError("the bundled example is not installed with this copy of drafting")
    path.mkdir(parents=True, exist_ok=True)
    try:
        repo = Repo.init(path)
        if not example:
            with repo.transaction("Workspace created", author=SECRETARIAT, trailers={}) as tx:
                tx.write("negotiation.yaml", EMPTY_NEGOTIATION.encode())
            return path
        from .example import replay
        replay(path, repo, EXAMPLE_ROOT)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path
