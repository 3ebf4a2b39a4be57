"""The command line: arguments -> api -> printed results.  This module parses and checks the
arguments; ``commands`` calls the api for each command and prints, formatting results for a terminal
with ``textreport``.  The rest is imported lazily, so that ``drafting --help`` starts fast."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any

from ..vocab import DECISIONS, DRAFT_KINDS, FORMATS


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="drafting",
        description="Negotiate intergovernmental texts: YAML clauses in git, amendments by delegation, "
                    "Word drafts with real tracked changes.")
    p.add_argument("-C", dest="workspace", metavar="DIR", help="run in the workspace at DIR (as git -C)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    p.set_defaults(_subparsers={})

    def cmd(name: str, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        p.get_default("_subparsers")[name] = sp
        sp.add_argument("-C", dest="workspace_sub", metavar="DIR", help=argparse.SUPPRESS)
        return sp

    sp = cmd("init", "create a new workspace (a git repository); --example fills it with the bundled example")
    sp.add_argument("dir")
    sp.add_argument("--example", action="store_true", help="the example negotiation, its first round replayed")

    cmd("validate", "check every file against the schema and each other")

    sp = cmd("status", "clauses, their status and open amendments; amendments per delegation; totals")
    sp.add_argument("--format", choices=("table", "json"), default="table")

    sp = cmd("propose", "write a new amendment for a delegation and commit it")
    sp.add_argument("clause", help="the target clause id (for --add: the clause the new one follows)")
    sp.add_argument("--by", required=True, help="proponent: delegation or group code")
    ops = sp.add_mutually_exclusive_group(required=True)
    ops.add_argument("--replace", metavar="OLD", help="replace OLD ... --with NEW")
    ops.add_argument("--insert", metavar="TEXT", help="insert TEXT --after A | --before B | --at start|end")
    ops.add_argument("--delete", metavar="OLD", help="delete OLD")
    ops.add_argument("--bracket", metavar="OLD", nargs="?", const="", help="bracket OLD (or the whole clause)")
    ops.add_argument("--add", metavar="NEW_ID", help="add a new clause NEW_ID after CLAUSE (--text-LANG ...)")
    ops.add_argument("--remove", action="store_true", help="delete the whole clause")
    ops.add_argument("--move-after", metavar="ID", help="move the clause after clause ID")
    ops.add_argument("--move-before", metavar="ID", help="move the clause before clause ID")
    ops.add_argument("--substitute", action="store_true", help="a whole new text (--text-LANG ...)")
    ops.add_argument("--comment", action="store_true", help="no change, only the rationale")
    sp.add_argument("--with", dest="with_", metavar="NEW", help="the new words for --replace")
    sp.add_argument("--after", metavar="A")
    sp.add_argument("--before", metavar="B")
    sp.add_argument("--at", choices=("start", "end"))
    sp.add_argument("--occurrence", type=int)
    sp.add_argument("--lang", help="language the change is written in (default: original language)")
    sp.add_argument("--cosponsors", default="", help="comma-separated codes")
    sp.add_argument("--on-behalf-of", metavar="GROUP")
    sp.add_argument("--rationale")
    sp.add_argument("--channel", choices=("written", "oral", "screen"), default="written")
    sp.add_argument("--date", help="submission date (default: today)")
    sp.add_argument("--version", help="the version it is written against (default: the last issued)")
    sp.add_argument("--text", action="append", default=[], metavar="LANG=TEXT",
                    help="a text for --add/--substitute, e.g. --text 'es=...' (repeatable)")

    sp = cmd("decide", "record the secretariat's decision on an amendment (one commit)")
    sp.add_argument("id")
    sp.add_argument("decision", choices=tuple(DECISIONS))
    sp.add_argument("--text", help="modify: the adopted wording of what the amendment changes")
    sp.add_argument("--text-lang", action="append", default=[], metavar="LANG=TEXT",
                    help="the clause's text in another language, supplied with the decision (repeatable)")
    sp.add_argument("--into", help="merge: the amendment it is merged into")
    sp.add_argument("--clause", help="accommodate: the clause where it is accommodated")
    sp.add_argument("--note")
    sp.add_argument("--date", help="decision date (default: today)")

    sp = cmd("mark", "set a clause's status after a reading (pending, agreed-ad-ref, ...)")
    sp.add_argument("clause")
    sp.add_argument("status")
    sp.add_argument("--note")

    sp = cmd("translate", "supply a clause's text in a language awaiting translation")
    sp.add_argument("clause")
    sp.add_argument("lang")
    sp.add_argument("text")

    sp = cmd("issue", "tag the current text as an issued version, renumber, carry open amendments, compile")
    sp.add_argument("version")
    sp.add_argument("--label", help="the label, e.g. Rev.1 (default: the version id)")
    sp.add_argument("--date", help="issue date (default: today)")
    sp.add_argument("--out", help="where to write its drafts (default: build/<version>)")
    sp.add_argument("--no-compile", action="store_true", help="do not compile the drafts")

    sp = cmd("compile", "write drafts and print their paths")
    sp.add_argument("--kind", choices=(*DRAFT_KINDS, "all"), default="clean")
    sp.add_argument("--lang", default="all", help="a language code or all")
    sp.add_argument("--format", choices=(*FORMATS, "all"), default="docx")
    sp.add_argument("--since", help="changes: the base version or git ref (default: the previous version)")
    sp.add_argument("--at", help="compile the text as it stood at a version or git ref")
    sp.add_argument("--out", default="build", help="output folder (default: build)")
    sp.add_argument("--document", help="only this document")

    sp = cmd("diff", "word-level differences between two versions or refs, with who asked for them")
    sp.add_argument("a", nargs="?")
    sp.add_argument("b", nargs="?")
    sp.add_argument("--clause")
    sp.add_argument("--lang")
    sp.add_argument("--format", choices=("text", "json"), default="text")

    sp = cmd("import-docx", "turn a delegation's Word file into amendment files")
    sp.add_argument("file")
    sp.add_argument("--by", required=True)
    sp.add_argument("--base", help="the version the file was based on (default: read from the file)")
    sp.add_argument("--dry-run", action="store_true")

    sp = cmd("log", "a clause's history: versions, amendments, decisions, commits")
    sp.add_argument("clause")

    sp = cmd("concordance", "old number -> new number for every clause between two versions")
    sp.add_argument("a")
    sp.add_argument("b", nargs="?")
    sp.add_argument("--format", choices=("text", "json"), default="text")

    sp = cmd("audit", "prove from the git history that no proposal was lost or altered")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    return p


# Arguments that name files or folders: passed on as given (a file name need not be UTF-8 or NFC).
_PATH_ARGS = frozenset({"workspace", "workspace_sub", "dir", "file", "out"})
# Free text (wording, anchors, notes): may hold several lines.  Every other argument is an id, a code, a
# reference, a label or a date: one line, and never empty.
_TEXT_ARGS = frozenset({"replace", "with_", "insert", "delete", "bracket", "after", "before", "rationale",
                        "text", "text_lang", "note"})
_LIST_ARGS = frozenset({"cosponsors"})  # comma-separated, empty for none


def _option_name(parser: argparse.ArgumentParser, dest: str) -> str:
    for action in parser._actions:
        if action.dest == dest:
            return action.option_strings[-1] if action.option_strings else str(action.metavar or dest).upper()
    return dest


def check_arguments(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """The command line is an input boundary like a YAML file: NFC-normalise every argument but paths,
    and refuse (naming the argument) forbidden characters -- controls, bidi overrides, lone surrogates
    (bytes that are not UTF-8) -- line breaks in ids and labels, and empty ids or references."""
    import unicodedata

    from ..errors import UsageError
    from ..store.yamlio import FORBIDDEN

    def check(dest: str, value: str) -> str:
        where = f"argument {_option_name(parser, dest)}"
        bad = FORBIDDEN.search(value)
        if bad is not None:
            char = bad.group()
            what = ("a byte sequence that is not UTF-8" if "\udc80" <= char <= "\udcff"
                    else f"U+{ord(char):04X} ({unicodedata.name(char, 'control character').lower()})")
            raise UsageError(f"{where}: forbidden character: {what} in {value!r}")
        if dest not in _TEXT_ARGS:
            if "\n" in value or "\t" in value:
                raise UsageError(f"{where} must be on one line, got {value!r}")
            if not value.strip() and dest not in _LIST_ARGS:
                raise UsageError(f"{where} must not be empty")
        return unicodedata.normalize("NFC", value)

    for dest, value in vars(args).items():
        if dest in _PATH_ARGS or dest.startswith("_"):
            continue
        if isinstance(value, str):
            setattr(args, dest, check(dest, value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, dest, [check(dest, v) for v in value])


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    workspace = getattr(args, "workspace_sub", None) or args.workspace
    from ..errors import DraftingError
    from . import commands  # lazy: keeps --help fast

    try:
        check_arguments(args, args._subparsers.get(args.command, parser))
        return commands.run(args, workspace)
    except DraftingError as e:
        for problem in e.problems():
            print(problem, file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # before Exception, which it is: `drafting log x | head` is not a bug
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:  # a bug: say so plainly; DRAFTING_DEBUG=1 shows the traceback
        if os.environ.get("DRAFTING_DEBUG"):
            raise
        print(f"drafting: internal error: {type(e).__name__}: {e} "
              "(nothing was committed; run with DRAFTING_DEBUG=1 for details and report it)", file=sys.stderr)
        return 1


def entry(argv: Any = None) -> None:
    # One command, then the process ends: without the cyclic garbage collector, which would walk the
    # model of 10,000 amendments again and again as it grows (a third of an audit's time, a quarter of a
    # status's); what it would free is a few cycles, and the memory measured is the same.
    gc.disable()
    sys.exit(main(argv))
