"""The command line: arguments -> api -> printed results.  ``parser`` is the grammar (one table of
commands); this module checks the arguments and runs the command; ``commands`` calls the api for each
command and prints, formatting results for a terminal with ``textreport`` (paths, colour, progress:
``terminal``).  The rest is imported lazily, so that ``drafting --help`` starts fast."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any

from .parser import build

# Arguments that name files or folders: passed on as given (a file name need not be UTF-8 or NFC).
_PATH_ARGS = frozenset({"workspace", "workspace_sub", "dir", "file", "files", "out", "keyfile", "path"})
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
    from ..vocab import date_problem

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
            if dest == "date" and (why := date_problem(value)) is not None:
                raise UsageError(f"{where}: {value!r} is not a date: {why}")
        return unicodedata.normalize("NFC", value)

    for dest, value in vars(args).items():
        if dest in _PATH_ARGS or dest.startswith("_"):
            continue
        if isinstance(value, str):
            setattr(args, dest, check(dest, value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, dest, [check(dest, v) for v in value])


def tolerant_output() -> None:
    """A console that cannot show a character shows a replacement, never a crash: Windows consoles and
    files redirected there use the ANSI code page (cp1252), some terminals ASCII."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    tolerant_output()
    trust = sys.modules.get("drafting.trust.acting")
    if trust is not None:  # notes left by library calls made before in this process are not this command's
        trust.pop_notes()
    try:
        return _main(argv)
    finally:
        trust = sys.modules.get("drafting.trust.acting")
        if trust is not None:  # notes about signing, said once
            for note in trust.pop_notes():
                print(note, file=sys.stderr)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build()
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
        from .terminal import shown_problems
        for problem in shown_problems(e.problems(), workspace):
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
