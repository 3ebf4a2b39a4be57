"""What the command line and library users call: ``from drafting import api; api.propose(...)``.

Each function takes the workspace folder (or None: the nearest one upward) and returns data; nothing
here prints.  The workflow, in the secretariat's words, one module each: ``workspace`` (validate,
status), ``create`` (init, with ``example``), ``propose``, ``decide`` (decide, mark, translate),
``issue``, ``compile``, ``history`` (diff, log, concordance), ``word`` (import-docx) and ``audit``.
"""

from __future__ import annotations

from ..model import Workspace
from ..store.identity import SECRETARIAT, author_of, secretariat_of
from ..store.session import Session, today
from ..store.staging import check_written, read_text, section_files
from .audit import audit
from .compile import compile_drafts
from .create import EMPTY_NEGOTIATION, EXAMPLE_ROOT, init
from .decide import DecisionResult, decide, mark, translate
from .history import concordance, diff, log, numbers
from .issue import issue
from .propose import commit_proposal, propose, propose_mapping
from .word import import_docx
from .workspace import status, validate


def base_of(session: Session, ws: Workspace) -> Workspace | None:
    """The last issued version's text (the base of display numbers), if it was tagged."""
    return session.base_of(ws)


__all__ = [
    # the workflow
    "init", "validate", "status", "propose", "propose_mapping", "decide", "DecisionResult", "mark",
    "translate", "issue", "compile_drafts", "diff", "log", "concordance", "import_docx", "audit",
    # the parts workflows are made of, for callers that compose their own
    "SECRETARIAT", "author_of", "secretariat_of", "today", "base_of", "numbers", "read_text",
    "section_files", "check_written", "commit_proposal", "EMPTY_NEGOTIATION", "EXAMPLE_ROOT",
]
