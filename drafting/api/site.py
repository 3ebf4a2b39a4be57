"""The negotiation portal and the chair's briefing on progress: ``site`` writes the static site,
``progress`` gives the figures, ``report`` writes them as a Word file, an HTML page, PNG charts or JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..store.session import Session, now

REPORT_FORMATS = ("docx", "html", "png", "json")
# the workspace's own folders: a site written there would mix with the negotiation's files
_KEPT = ("drafts", "amendments", "precedents", "keys", ".git")


def site(workspace: str | None, *, out: str | None = "build/site",
         say: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Build the static site under ``out`` (relative to the workspace given with -C, as git does);
    pages whose inputs did not change since the last build there are kept as they are."""
    from ..site import build

    s = Session.find(workspace)
    folder = Path(workspace or ".") / (out or "build/site")
    where = folder.resolve()
    if where == s.root or any(where == s.root / name or s.root / name in where.parents for name in _KEPT):
        raise UsageError(f"the site cannot be written to {folder}: it is the workspace's own folder; "
                         "choose another (default: build/site)")
    return build(s, folder, now=now(), say=say)


def progress(workspace: str | None) -> dict[str, Any]:
    """Progress across versions in figures: per version, paragraphs by status, brackets, open proposals,
    paragraphs awaiting translation; per delegation, proposals by fate."""
    from ..site import figures_of
    from ..site.gather import gather

    return figures_of(gather(Session.find(workspace), history=False))


def report(workspace: str | None, *, fmt: str = "docx", out: str | None = "build/report") -> list[Path]:
    """Write the progress report in ``fmt`` under ``out``; return the paths written."""
    from ..site.report import write_report
    from ..store.atomic import write_bytes

    if fmt not in REPORT_FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; formats: {', '.join(REPORT_FORMATS)}")
    figures = progress(workspace)
    folder = Path(workspace or ".") / (out or "build/report")
    paths = []
    for name, data in write_report(figures, fmt, now()):
        path = folder / name
        write_bytes(path, data)
        paths.append(path)
    return paths
