"""The schema's vocabularies, defined once: validation, CLI help and rendering all read them here."""

from __future__ import annotations

import datetime as dt
import re

SCHEMA_VERSION = "1"

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# Amendment ids keep the delegation code's case: rev1-BRA-003.
AMENDMENT_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\Z")
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9-]*\Z")  # ASCII only: a Cyrillic А is not A
LANG_PATTERN = re.compile(r"[a-z]{2,3}\Z")

# a section's reference prefix: PP, OP, Ch. -- a few letters, as negotiators say "PP5", "OP7 bis"
REFERENCE_PATTERN = re.compile(r"[A-Za-z][A-Za-z.]{0,7}\Z")

CLAUSE_STATUSES = ("pending", "agreed-in-informals", "agreed-ad-ref", "agreed", "held")
CLAUSE_KINDS = ("paragraph", "heading")
NUMBERING_STYLES = ("none", "arabic", "roman", "letter")
DELEGATION_KINDS = ("state", "territory", "group", "observer", "organization", "civil-society", "secretariat")
# delegations whose amendments are contributions: shown apart in drafts, never tracked changes in the
# text, never decided; a state takes one up by sponsoring it
CONTRIBUTOR_KINDS = ("observer", "organization", "civil-society")
# delegations that may sponsor a contribution
SPONSOR_KINDS = ("state", "territory", "group")
OPERATIONS = ("replace", "insert", "delete", "bracket", "add", "remove", "move", "substitute", "comment")
AMENDMENT_STATUSES = ("submitted", "accepted", "modified", "merged", "accommodated", "rejected", "withdrawn")
OPEN_STATUSES = ("submitted",)
CHANNELS = ("written", "oral", "screen")

# decide's verbs and the status each one records
DECISIONS = {
    "accept": "accepted",
    "modify": "modified",
    "merge": "merged",
    "accommodate": "accommodated",
    "reject": "rejected",
    "withdraw": "withdrawn",
}
# the decisions whose effect is applied to the text
APPLYING_DECISIONS = ("accept", "modify")

DRAFT_KINDS = ("clean", "compilation", "changes", "synoptic", "follow-up")
FORMATS = ("docx", "html", "md")
# formats that are data rather than drafts: the follow-up checklist as CSV, the text as Akoma Ntoso XML
DATA_FORMATS = ("csv", "akn")

# Ordinal suffixes of clauses inserted after an issued version: 12 bis, 12 ter, ...
LATIN_ORDINALS = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
    "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies", "sexdecies",
    "septdecies", "octodecies", "novodecies", "vicies",
)

# A date as files and arguments write it: 2024-09-12, optionally with a time (2024-09-12T10:30)
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\Z")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a date of the calendar (``2024-13-45``, ``2024-02-30``), or None."""
    if not DATE_PATTERN.match(value):
        return "write a date as YYYY-MM-DD"
    try:
        dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError as e:
        return f"no such date ({e})"
    return None


TEXT_LIMIT_BYTES = 2_000_000  # a YAML file larger than this is refused before parsing
