"""``import_docx``: a Word draft a delegation returns with its edits -> amendment files, one commit.

The reading and planning are ``ingest``'s (imported when called: it needs lxml, which other commands
do not)."""

from __future__ import annotations

from typing import Any


def import_docx(workspace: str | None, file: str, *, by: str, base: str | None = None,
                dry_run: bool = False, strict: bool = False) -> Any:
    """A delegation's Word file -> amendment files (one commit); see ``ingest.importer``.  With
    ``strict``, any warning is an error and nothing is written."""
    from ..ingest.importer import import_docx as _import
    from ..store.session import Session
    from ..trust.acting import trust_of
    entered = trust_of(Session.find(workspace)).entered_by(by)  # refused here when the key may not
    return _import(workspace, file, by=by, base=base, dry_run=dry_run, strict=strict,
                   entered_by=entered)
