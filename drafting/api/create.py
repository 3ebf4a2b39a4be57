"""``init``: a new workspace -- a git repository with an empty negotiation, or the bundled example
with its first round replayed."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import UsageError
from ..store.git import GITIGNORE
from ..store.identity import SECRETARIAT
from ..store.repo import Repo
from ..trust.acting import attach

_PACKAGE = Path(__file__).resolve().parent.parent


def example_root() -> Path | None:
    """The bundled example negotiation (negotiation.yaml, drafts/, amendments/): inside the package
    where a wheel put it (setup.py copies it there), else at the root of the clone the package runs
    from (an editable install, ``make draft``)."""
    for root in (_PACKAGE / "example", _PACKAGE.parent):
        if (root / "negotiation.yaml").is_file() and (root / "drafts").is_dir():
            return root
    return None


EXAMPLE_ROOT = example_root()

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
    source = example_root() if example else None
    if example and source is None:
        raise UsageError("the bundled example is not installed with this copy of drafting "
                         f"(looked in {_PACKAGE / 'example'} and {_PACKAGE.parent})")
    path.mkdir(parents=True, exist_ok=True)
    try:
        repo = Repo.init(path)
        attach(repo)
        if not example:
            with repo.transaction("Workspace created", author=SECRETARIAT, trailers={}) as tx:
                tx.write("negotiation.yaml", EMPTY_NEGOTIATION.encode())
                tx.write(".gitignore", GITIGNORE.encode())
            return path
        from .example import replay
        assert source is not None
        replay(path, repo, source)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path
