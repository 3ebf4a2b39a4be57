"""Each command's arguments, one function per command (``parser.COMMANDS`` names them); choices come
from drafting.vocab, so that help, validation and drafts share one list of each."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from ..vocab import CHANNELS, CLAUSE_STATUSES, DATA_FORMATS, DECISIONS, DRAFT_KINDS, FORMATS


def one_of(values: Sequence[str]) -> str:
    return ", ".join(values)


def _init(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("dir", metavar="DIR", help="the new workspace's folder (created; must be empty)")
    sp.add_argument(
        "--example",
        action="store_true",
        help="fill it with the bundled example negotiation, its first round replayed as commits",
    )


def _nothing(sp: argparse.ArgumentParser) -> None:
    pass


def _format(*choices: str, default: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--format",
            choices=choices,
            default=default,
            help="json: the same data for programs; no progress is shown",
        )

    return add


def _propose(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "clause",
        metavar="CLAUSE",
        help="the clause it changes (with --add: the clause the new one "
        "follows, or precedes with --before CLAUSE)",
    )
    sp.add_argument("--by", required=True, metavar="CODE", help="the proponent: a delegation or group code")
    ops = sp.add_argument_group("what it does (exactly one)").add_mutually_exclusive_group(required=True)
    ops.add_argument("--replace", metavar="OLD", help="replace the words OLD, with --with NEW")
    ops.add_argument(
        "--insert", metavar="TEXT", help="insert TEXT, with --after A, --before B or --at start|end"
    )
    ops.add_argument("--delete", metavar="OLD", help="delete the words OLD")
    ops.add_argument(
        "--bracket",
        metavar="OLD",
        nargs="?",
        const="",
        help="put OLD (without OLD: the whole clause) in square brackets",
    )
    ops.add_argument(
        "--add",
        metavar="NEW_ID",
        help="add a new clause NEW_ID after CLAUSE; its text with --text LANG=TEXT, once per language",
    )
    ops.add_argument("--remove", action="store_true", help="delete the whole clause")
    ops.add_argument("--move-after", metavar="ID", help="move the clause after clause ID")
    ops.add_argument("--move-before", metavar="ID", help="move the clause before clause ID")
    ops.add_argument(
        "--substitute",
        action="store_true",
        help="a whole new text for the clause: --text LANG=TEXT, once per language",
    )
    ops.add_argument("--comment", action="store_true", help="no change to the text, only --rationale")
    more = sp.add_argument_group("details of the change")
    more.add_argument("--with", dest="with_", metavar="NEW", help="--replace: the new words")
    more.add_argument("--after", metavar="A", help="--insert: after the words A")
    more.add_argument("--before", metavar="B", help="--insert: before the words B (--add: before clause B)")
    more.add_argument("--at", choices=("start", "end"), help="--insert: at the start or end of the clause")
    more.add_argument(
        "--text",
        action="append",
        default=[],
        metavar="LANG=TEXT",
        help="--add, --substitute: the text in one language, e.g. --text 'es=Proteger ...' (repeatable)",
    )
    more.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which occurrence of OLD, A or B, when the words occur more than once (1 = first)",
    )
    more.add_argument(
        "--inside-word",
        action="store_true",
        help="let OLD, A or B match inside a word (by default anchors are whole words)",
    )
    more.add_argument(
        "--lang",
        metavar="LANG",
        help="the language OLD, A, B and the new words are in (default: the original language)",
    )
    who = sp.add_argument_group("who and how")
    who.add_argument("--cosponsors", default="", metavar="CODE,CODE", help="co-sponsors, comma-separated")
    who.add_argument("--on-behalf-of", metavar="GROUP", help="the group the proponent speaks for")
    who.add_argument("--rationale", metavar="TEXT", help="why (shown as a comment in the drafts)")
    who.add_argument("--channel", choices=CHANNELS, default="written", help="how it was submitted")
    who.add_argument("--date", metavar="YYYY-MM-DD", help="submission date (default: today)")
    who.add_argument(
        "--version", metavar="VERSION", help="the version it is written against (default: the last issued)"
    )


def _decide(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("id", metavar="AMENDMENT", help="the amendment's id, e.g. rev1-BRA-003")
    sp.add_argument(
        "decision", choices=tuple(DECISIONS), metavar="DECISION", help=f"one of: {one_of(tuple(DECISIONS))}"
    )
    sp.add_argument(
        "--text", metavar="TEXT", help="modify (required): the adopted wording of what the amendment changes"
    )
    sp.add_argument("--into", metavar="AMENDMENT", help="merge (required): the amendment it is merged into")
    sp.add_argument(
        "--clause", metavar="CLAUSE", help="accommodate (required): the clause where it is accommodated"
    )
    sp.add_argument(
        "--text-lang",
        action="append",
        default=[],
        metavar="LANG=TEXT",
        help="the clause's whole text in another language, supplied with the decision (repeatable)",
    )
    sp.add_argument("--note", metavar="TEXT", help="a note recorded with the decision")
    sp.add_argument("--date", metavar="YYYY-MM-DD", help="decision date (default: today)")


def _mark(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("clause", metavar="CLAUSE", help="the clause's id")
    sp.add_argument(
        "status", choices=CLAUSE_STATUSES, metavar="STATUS", help=f"one of: {one_of(CLAUSE_STATUSES)}"
    )
    sp.add_argument("--note", metavar="TEXT", help="a note in the commit message")


def _translate(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("clause", metavar="CLAUSE", help="the clause's id")
    sp.add_argument("lang", metavar="LANG", help="the language code, e.g. fr")
    sp.add_argument("text", metavar="TEXT", help="the clause's whole text in that language")


def _issue(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("version", metavar="VERSION", help="the new version's id, e.g. rev1")
    sp.add_argument(
        "--label",
        action="append",
        default=[],
        metavar="[LANG=]LABEL",
        help="its label in one language, e.g. --label es='Borrador cero' --label en='Zero draft' (one per "
        "language), or one label for all, e.g. --label Rev.1 (default: the version id)",
    )
    sp.add_argument("--date", metavar="YYYY-MM-DD", help="issue date (default: today)")
    sp.add_argument("--out", metavar="DIR", help="where to write its drafts (default: build/VERSION)")
    sp.add_argument("--no-compile", action="store_true", help="do not compile the drafts")


def _compile(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--kind",
        choices=(*DRAFT_KINDS, "all"),
        default="clean",
        help="clean: the text; compilation: the text with every open proposal as tracked changes; "
        "changes: what changed since --since, each change attributed; synoptic: the proposals side by "
        "side in a table; follow-up: the commitments as a checklist (actors, deadline, indicator); "
        "all: each of them",
    )
    sp.add_argument("--lang", default="all", metavar="LANG", help="a language code, or all")
    sp.add_argument(
        "--format",
        choices=(*FORMATS, *DATA_FORMATS, "all"),
        default="docx",
        help="the file format; csv: the follow-up checklist for a spreadsheet; akn: each document as "
        "Akoma Ntoso 3.0 XML (DOCUMENT-LANG.akn.xml); all: docx, html and md (and the checklist's csv)",
    )
    sp.add_argument(
        "--since",
        metavar="REF",
        help="changes: the version or git ref compared with (default: the previous version)",
    )
    sp.add_argument(
        "--at", metavar="REF", help="the text as it stood at a version or git ref (default: the working tree)"
    )
    sp.add_argument("--out", default="build", metavar="DIR", help="output folder")
    sp.add_argument("--document", metavar="ID", help="only this document (default: every document)")
    sp.add_argument(
        "--attribution",
        choices=("page", "tracked"),
        default="page",
        help="page: each proposal's proponents printed next to it, and in Word's tracked changes; "
        "tracked: in the tracked changes only",
    )
    sp.add_argument(
        "--all-paragraphs",
        action="store_true",
        help="synoptic: a row for every paragraph (default: only the paragraphs with proposals)",
    )


def _diff(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "a", nargs="?", metavar="A", help="from this version or git ref (default: the last issued)"
    )
    sp.add_argument(
        "b", nargs="?", metavar="B", help="to this version or git ref (default: the working tree)"
    )
    sp.add_argument("--clause", metavar="CLAUSE", help="only this clause")
    sp.add_argument("--lang", metavar="LANG", help="the language compared (default: the original language)")
    _format("text", "json", default="text")(sp)


def _import(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", metavar="FILE", help="the .docx the delegation returned")
    sp.add_argument(
        "--by", required=True, metavar="CODE", help="the proponent (the Word author is only recorded)"
    )
    sp.add_argument(
        "--base", metavar="VERSION", help="the version the file was based on (default: read from the file)"
    )
    sp.add_argument("--dry-run", action="store_true", help="show the amendments, write nothing")
    sp.add_argument("--strict", action="store_true", help="any warning is an error: exit 1 and write nothing")


def _import_akn(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("files", nargs="+", metavar="FILE", help="Akoma Ntoso files: one per document and language")


def _sponsor(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("id", metavar="CONTRIBUTION", help="the contribution's amendment id, e.g. rev1-GARPAB-001")
    sp.add_argument("--by", required=True, metavar="CODE", help="the sponsoring state, territory or group")
    sp.add_argument("--rationale", metavar="TEXT", help="the sponsor's rationale (default: the contribution's)")
    sp.add_argument("--date", metavar="YYYY-MM-DD", help="submission date (default: today)")


def _precedents(sp: argparse.ArgumentParser) -> None:
    actions = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    search = actions.add_parser("search", help="the paragraphs closest to TEXT, best first")
    search.add_argument("-C", dest="workspace_sub", metavar="DIR", default=argparse.SUPPRESS,
                        help="run in the workspace at DIR")
    search.add_argument("text", metavar="TEXT", help="the words to look for: a phrase or a whole paragraph")
    search.add_argument("--lang", metavar="LANG", help="only the texts in this language (default: every language)")
    search.add_argument("--limit", type=int, default=5, metavar="N", help="how many paragraphs to show")
    _format("text", "json", default="text")(search)


def _log(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("clause", metavar="CLAUSE", help="the clause's id")
    sp.add_argument(
        "--lang", metavar="LANG", help="names and labels in this language (default: the original language)"
    )


def _concordance(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("a", metavar="A", help="the earlier version")
    sp.add_argument("b", nargs="?", metavar="B", help="the later version (default: the working tree)")
    _format("text", "json", default="text")(sp)


def _keys(sp: argparse.ArgumentParser) -> None:
    keys = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = keys.add_parser("add", help="add a party's public key (a .pub file); one secretariat commit")
    add.add_argument("code", metavar="CODE", help="the delegation code the key signs for")
    add.add_argument("keyfile", metavar="KEYFILE", help="the party's public key file (.pub)")
    listing = keys.add_parser("list", help="who may sign for which party")
    _format("text", "json", default="text")(listing)


def _remote(sp: argparse.ArgumentParser) -> None:
    remote = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = remote.add_parser("init", help="create a bare repository with drafting gate as its pre-receive hook")
    init.add_argument("path", metavar="PATH", help="the new bare repository's folder")


def _gate(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--range", metavar="A..B", help="check the commits of a range instead (for a forge's CI)")


def _sync(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("remote", nargs="?", metavar="REMOTE", help="the remote (default: the branch's, else origin)")


def _restore(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("id", metavar="ID", help="the amendment to put back")
