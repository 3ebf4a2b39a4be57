"""The command line's grammar: one table of commands (``COMMANDS``), each with its one-line summary, its
examples and a function adding its arguments; ``commands.HANDLERS`` holds what each one does.

Help is generated from the table and from ``drafting.vocab`` (every choice listed, every default shown,
the examples as an epilog); ``tests/cli/test_help.py`` parses every example with this parser, and those
of the README too.  A new command is one more ``Command`` row and one more handler.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from ..suggest import did_you_mean
from .arguments import (
    _compile,
    _concordance,
    _decide,
    _diff,
    _format,
    _gate,
    _import,
    _import_akn,
    _init,
    _issue,
    _keys,
    _log,
    _mark,
    _nothing,
    _precedents,
    _propose,
    _remote,
    _restore,
    _sponsor,
    _sync,
    _translate,
)

PROG = "drafting"


@dataclass(frozen=True)
class Command:
    name: str
    summary: str  # one line: the command list of ``drafting --help`` and the top of its own help
    examples: tuple[str, ...]  # whole command lines, each parsed by the tests
    arguments: Callable[[argparse.ArgumentParser], None]
    details: str = ""  # more to say than the summary, above the options


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; every option's default shown (unless its help says it)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if (
            action.option_strings
            and action.default not in (None, False, [], "", argparse.SUPPRESS)
            and "default" not in text
        ):
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """argparse, with a suggestion after a mistyped command, choice or option."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            hint = did_you_mean(str(value), map(str, action.choices))
            raise argparse.ArgumentError(action, f"invalid choice: {value!r}{hint} (choose from {choices})")

    def parse_known_args(
        self,
        args: Sequence[str] | None = None,  # type: ignore[override]
        namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self.prog == PROG:  # the top parser reports what no parser took
            command = getattr(parsed, "command", None)
            sub = parsed._subparsers.get(command, self) if hasattr(parsed, "_subparsers") else self
            sub.error(f"unrecognized arguments: {' '.join(extras)}{sub.hint(extras)}")
        return parsed, extras

    def hint(self, extras: list[str]) -> str:
        """What was probably meant by the first unrecognised option."""
        option = next((e.partition("=")[0] for e in extras if e.startswith("--")), None)
        if option is None:
            return ""
        per_language = re.fullmatch(r"--(text|text-lang|label)-([a-z]{2,3})", option)
        if per_language and f"--{per_language[1]}" in self._option_string_actions:
            return f"; write a language's text as --{per_language[1]} {per_language[2]}=TEXT"
        return did_you_mean(option, [o for o in self._option_string_actions if o.startswith("--")])

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n(see `{self.prog} --help`)\n")


COMMANDS: tuple[Command, ...] = (
    Command(
        "init",
        "create a new workspace: a git repository with a negotiation.yaml",
        ("drafting init c40", "drafting init example --example"),
        _init,
    ),
    Command(
        "validate",
        "check every file against the schema and against each other",
        ("drafting validate", "drafting -C c40 validate"),
        _nothing,
        "Prints every problem as FILE:LINE: error: MESSAGE; exit status 1 if there is any, 0 if none.",
    ),
    Command(
        "status",
        "where the negotiation stands: each clause, its brackets and open amendments",
        ("drafting status", "drafting status --format json"),
        _format("table", "json", default="table"),
        "A workspace whose files do not read or whose text does not hold is refused (exit 1, the "
        "problems listed).",
    ),
    Command(
        "propose",
        "write a delegation's amendment to a clause and commit it",
        (
            'drafting propose op-asylum --by BRA --replace "sistemas nacionales" --with "sistemas regionales"',
            'drafting propose op-asylum --by MEX --delete "nacionales " --rationale "Scope"',
            'drafting propose op-borders --by ARG --add op-children --text "es=Proteger a los niños." '
            '--text "en=Protect children."',
            'drafting propose op-asylum --by CHL --cosponsors ARG,URY --insert ", en particular" --after asilo',
        ),
        _propose,
        "Prints the new amendment's id (VERSION-CODE-NNN).",
    ),
    Command(
        "sponsor",
        "a state takes up a contribution of an observer, organization or civil society as its amendment",
        (
            "drafting sponsor rev1-GARPAB-001 --by BRA",
            'drafting sponsor zero-IACHR-001 --by CRI --rationale "Costa Rica takes up the IACHR\'s note"',
        ),
        _sponsor,
        "Writes the state's amendment with the contribution's change against the same version "
        "(sponsored_from: CONTRIBUTION) and prints its id. A contribution itself is never decided.",
    ),
    Command(
        "decide",
        "record the secretariat's decision on an amendment (one commit)",
        (
            'drafting decide zero-BRA-001 accept --note "Agreed in informals"',
            'drafting decide zero-BRA-001 modify --text "sistemas regionales"',
            "drafting decide zero-MEX-001 merge --into zero-BRA-001",
            "drafting decide zero-ARG-001 accommodate --clause op-borders",
            "drafting decide zero-URY-001 reject",
        ),
        _decide,
    ),
    Command(
        "mark",
        "set a clause's status after a reading",
        ("drafting mark op-asylum agreed-ad-ref", 'drafting mark op-borders held --note "Second reading"'),
        _mark,
    ),
    Command(
        "translate",
        "supply a clause's text in a language awaiting translation",
        ('drafting translate op-asylum fr "Renforcer les systèmes nationaux d\'asile."',),
        _translate,
    ),
    Command(
        "issue",
        "issue the current text as a version: tag, renumber, carry open amendments, compile",
        ("drafting issue rev1 --label Rev.1", "drafting issue zero --label 'Zero draft' --date 2024-08-30"),
        _issue,
        "Prints the concordance of old and new numbers and where each open amendment now stands.",
    ),
    Command(
        "compile",
        "write drafts (Word, HTML, Markdown), the follow-up checklist or Akoma Ntoso, and print their paths",
        (
            "drafting compile",
            "drafting compile --kind compilation --lang es",
            "drafting compile --kind changes --since zero --lang en --format html",
            "drafting compile --kind follow-up --format csv --lang es",
            "drafting compile --format akn --out akn",
            "drafting compile --kind all --lang all --format all --out build/drafts",
        ),
        _compile,
        "Files are named DOCUMENT-KIND-LANG.FORMAT under --out (relative to the workspace with -C); "
        "Akoma Ntoso files DOCUMENT-LANG.akn.xml.",
    ),
    Command(
        "diff",
        "word-level differences between two versions, with who asked for each",
        (
            "drafting diff",
            "drafting diff zero rev1",
            "drafting diff zero rev1 --clause op-asylum --format json",
        ),
        _diff,
        "In text, {+inserted words+} and {-deleted words-} (in colour on a terminal); square "
        "brackets are the text's own.",
    ),
    Command(
        "import-docx",
        "turn a delegation's returned Word file into amendments",
        (
            "drafting import-docx returned/brasil.docx --by BRA --dry-run",
            "drafting import-docx returned/brasil.docx --by BRA",
        ),
        _import,
    ),
    Command(
        "import-akn",
        "read documents exchanged as Akoma Ntoso into the workspace (one commit)",
        ("drafting import-akn akn/declaration-es.akn.xml akn/declaration-en.akn.xml",
         "drafting -C c40-copy import-akn c40/akn/*.akn.xml"),
        _import_akn,
        "One file per document and language, as compile --format akn writes them: sections, clauses, "
        "ids, numbering, statuses and texts. Proposals in the files are counted, not imported.",
    ),
    Command(
        "log",
        "a clause's history: numbers per version, amendments, decisions, commits",
        ("drafting log op-asylum",),
        _log,
    ),
    Command(
        "concordance",
        "old number -> new number of every clause between two versions",
        ("drafting concordance zero rev1", "drafting concordance rev1 --format json"),
        _concordance,
    ),
    Command(
        "precedents",
        "search the agreed language of earlier instruments (precedents/ID.yaml)",
        (
            'drafting precedents search "responsabilidad compartida" --lang es',
            'drafting precedents search "meaningful participation of refugees" --limit 3 --format json',
        ),
        _precedents,
        "ACTION is search TEXT: every precedent's paragraphs ranked by how well TEXT appears in them "
        "(case, accents and punctuation aside), with instrument, reference and similarity (0-100).",
    ),
    Command(
        "audit",
        "prove from the git history that no proposal was lost or altered",
        ("drafting audit", "drafting audit --format json"),
        _format("text", "json", default="text"),
        "Exit status 1 with the findings when the proof fails.",
    ),
    Command(
        "keys",
        "the parties' signing keys (keys/allowed_signers), kept by the secretariat",
        ("drafting keys add BRA brasil.pub", "drafting keys list", "drafting keys list --format json"),
        _keys,
        "ACTION is add (CODE KEYFILE: one secretariat commit) or list.",
    ),
    Command(
        "remote",
        "create the negotiation's shared remote: a bare repository gated by drafting",
        ("drafting remote init /srv/git/c40.git",),
        _remote,
        "The pre-receive hook runs drafting gate on every push.",
    ),
    Command(
        "gate",
        "check a push (as the remote's pre-receive hook) or a range of commits (in a forge's CI)",
        ("drafting gate", "drafting gate --range origin/main..HEAD"),
        _gate,
        "As a hook it reads OLD NEW REF lines on standard input; exit status 0 accepts, anything else "
        "refuses, with one line per problem.",
    ),
    Command(
        "sync",
        "share your commits: fetch, put them after the remote's, push the branch and version tags",
        ("drafting sync", "drafting sync origin"),
        _sync,
        "An amendment id already taken on the remote is renumbered (renumbered_from keeps the old one).",
    ),
    Command(
        "restore",
        "put back a deleted or altered amendment as last legitimately committed (secretariat)",
        ("drafting restore zero-BRA-001",),
        _restore,
    ),
)

EPILOG = """\
Run `drafting COMMAND --help` for a command's options and examples.
Exit status: 0 done; 1 the workspace or an input has problems (each printed as FILE:LINE: error: ...);
2 bad usage (an unknown option, not a workspace).  A command that fails writes nothing."""


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (no import cost otherwise)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("drafting")
        except PackageNotFoundError:
            number = "(not installed)"
        print(f"{PROG} {number}")
        parser.exit(0)


def description(c: Command) -> str:
    import textwrap

    text = c.summary[0].upper() + c.summary[1:] + "."
    return "\n\n".join(textwrap.fill(t, 88) for t in (text, c.details) if t)


def build() -> Parser:
    p = Parser(
        prog=PROG,
        formatter_class=HelpFormatter,
        epilog=EPILOG,
        description="Negotiate intergovernmental texts: YAML clauses in git, amendments by\n"
        "delegation, Word drafts with real tracked changes.",
    )
    p.add_argument(
        "-C",
        dest="workspace",
        metavar="DIR",
        help="run in the workspace at DIR, as git -C (may also follow the command)",
    )
    p.add_argument("--version", action=_Version, nargs=0, help="print drafting's version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    p.set_defaults(_subparsers={})
    for c in COMMANDS:
        epilog = "examples:\n" + "\n".join(f"  {e}" for e in c.examples)
        sp = sub.add_parser(
            c.name, help=c.summary, formatter_class=HelpFormatter, epilog=epilog, description=description(c)
        )
        sp.add_argument("-C", dest="workspace_sub", metavar="DIR", help="run in the workspace at DIR")
        c.arguments(sp)
        p.get_default("_subparsers")[c.name] = sp
    return p
