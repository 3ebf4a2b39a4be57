"""What the Word drafts drafting writes and the Word files it reads back must agree on.

``render.docx`` writes these conventions and ``ingest`` reads them; both import them from here, so
neither imports the other and a convention changes in one place:

- every clause paragraph holds a bookmark named after its clause (``bookmark_name``);
- the exact id behind every bookmark is in a custom XML part, the clause map (``CLAUSE_MAP_NS``);
- the display number and the status label are runs in their own character styles (``NUMBER_STYLE``,
  ``LABEL_STYLE``); the draft's frame (title, headings, notes, header, footer) is in paragraph styles
  that never hold clause text (``FRAME_STYLES``);
- what a draft prints that is not the negotiated text -- proponent tags (``PROPONENT_STYLE``), status
  labels, alternative and note paragraphs -- is in the styles of ``NOT_TEXT_CHARACTER_STYLES`` and
  ``NOT_TEXT_PARAGRAPH_STYLES`` (a paragraph style id starting with one of them), never in a tracked
  change: the text of a draft with every change accepted (or rejected) is what is left without them.

The words of the status labels are in ``labels`` (they are printed in every format, not only Word).
"""

from __future__ import annotations

import hashlib
import re

CLAUSE_MAP_NS = "urn:drafting:clause-map:1"

NUMBER_STYLE = "DraftNumber"
LABEL_STYLE = "DraftLabel"
PROPONENT_STYLE = "DraftProponent"
NOT_TEXT_CHARACTER_STYLES = (PROPONENT_STYLE, LABEL_STYLE)
# DraftContribution*: the part listing contributions of observers and civil society (render.contributions)
NOT_TEXT_PARAGRAPH_STYLES = ("DraftAlternative", "DraftNote", "DraftContribution")
# paragraph styles of the draft's frame: never clause text
FRAME_STYLES = ("DraftTitle", "DraftSubtitle", "DraftSection", "DraftNote", "DraftTableHeader",
                "DraftHeader", "DraftFooter", "DraftContributionTitle", "DraftContribution",
                "DraftContributionCell")

BOOKMARK_MAX = 40  # Word silently drops longer bookmark names
_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(clause_id: str) -> str:
    """The Word bookmark name of a clause: ``c_`` + id with ``-`` → ``_``.

    Bookmark names must start with a letter, hold only letters, digits and ``_``, and be at most 40
    characters. A plain clause id ([a-z0-9-]) that fits maps one-to-one (and back: ``_`` → ``-``);
    any other id is cut to 31 characters and suffixed with ``_`` and 8 hex digits of its SHA-1, so
    distinct ids keep distinct names. The exact id is always in the clause map part.
    """
    name = "c_" + clause_id.replace("-", "_")
    if _PLAIN_ID.match(clause_id) and len(name) <= BOOKMARK_MAX:
        return name
    digest = hashlib.sha1(clause_id.encode("utf-8")).hexdigest()[:8]
    return _NOT_NAME.sub("_", name)[: BOOKMARK_MAX - 9] + "_" + digest
