"""What the command line and library users call: ``from drafting import api; api.propose(...)``.

Each function takes the workspace folder (or None: the nearest one upward) and returns data; nothing
here prints.  The workflow, in the secretariat's words, one module each: ``workspace`` (validate,
status), ``create`` (init, with ``example``), ``propose`` (propose, sponsor), ``decide`` (decide, mark,
translate), ``issue``, ``compile``, ``history`` (diff, log, concordance), ``word`` (import-docx),
``audit``, ``parties`` (keys, the shared remote and its gate, sync, restore), ``precedents`` (search),
``akn`` (import-akn) and ``site`` (the static site, progress figures and report).

Every repository a workflow opens commits as the acting person (committer, SSH signature) and only
what that person's key may do (``drafting.trust``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from ..store.session import Session

if TYPE_CHECKING:
    from ..model import Workspace
    from ..store.identity import SECRETARIAT, author_of, secretariat_of
    from ..store.session import today
    from ..store.staging import check_written, read_text, section_files
    from .audit import audit
    from .compile import compile_drafts
    from .create import EMPTY_NEGOTIATION, EXAMPLE_ROOT, init
    from .decide import DecisionResult, decide, mark, translate
    from .history import concordance, diff, log, numbers
    from .issue import issue
    from .parties import gate, keys_add, keys_list, remote_init, restore, sync
    from .akn import import_akn
    from .precedents import precedents_search
    from .propose import commit_proposal, propose, propose_mapping, sponsor
    from .site import progress, report, site
    from .word import import_docx
    from .workspace import status, validate

# Each name is imported when first used: a command loads the workflow it runs, not the dozen others
# (and not python-docx, which only writing or reading Word files needs).
_WHERE = {
    "SECRETARIAT": "..store.identity", "author_of": "..store.identity", "secretariat_of": "..store.identity",
    "today": "..store.session",
    "check_written": "..store.staging", "read_text": "..store.staging", "section_files": "..store.staging",
    "audit": ".audit", "compile_drafts": ".compile",
    "EMPTY_NEGOTIATION": ".create", "EXAMPLE_ROOT": ".create", "init": ".create",
    "DecisionResult": ".decide", "decide": ".decide", "mark": ".decide", "translate": ".decide",
    "concordance": ".history", "diff": ".history", "log": ".history", "numbers": ".history",
    "issue": ".issue", "commit_proposal": ".propose", "propose": ".propose", "propose_mapping": ".propose",
    "sponsor": ".propose", "import_akn": ".akn", "precedents_search": ".precedents",
    "gate": ".parties", "keys_add": ".parties", "keys_list": ".parties", "remote_init": ".parties",
    "restore": ".parties", "sync": ".parties",
    "progress": ".site", "report": ".site", "site": ".site",
    "import_docx": ".word", "status": ".workspace", "validate": ".workspace",
}


class _Workflows(types.ModuleType):
    """This package, whose workflows share their names with the modules that hold them (``issue``,
    ``audit``, ``decide``, ``propose``): importing such a module makes its name on the package the module
    (Python sets it), so the name is read through to the workflow."""

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if type(value) is types.ModuleType and _WHERE.get(name) == "." + name:
            return getattr(value, name)
        return value


sys.modules[__name__].__class__ = _Workflows


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def _attach(repo: Any) -> None:
    """Every repository a workflow opens commits as the acting person (``drafting.trust``)."""
    from ..trust.acting import attach
    attach(repo)

Session.configure_repo = _attach


def base_of(session: Session, ws: Workspace) -> Workspace | None:
    """The last issued version's text (the base of display numbers), if it was tagged."""
    return session.base_of(ws)


__all__ = [
    # the workflow
    "init", "validate", "status", "propose", "propose_mapping", "decide", "DecisionResult", "mark",
    "translate", "issue", "compile_drafts", "diff", "log", "concordance", "import_docx", "audit",
    "keys_add", "keys_list", "remote_init", "gate", "sync", "restore", "site", "progress", "report",
    "precedents_search", "import_akn", "sponsor",
    # the parts workflows are made of, for callers that compose their own
    "SECRETARIAT", "author_of", "secretariat_of", "today", "base_of", "numbers", "read_text",
    "section_files", "check_written", "commit_proposal", "EMPTY_NEGOTIATION", "EXAMPLE_ROOT",
]
