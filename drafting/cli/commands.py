"""One function per command (``HANDLERS``, by the names of ``parser.COMMANDS``): call the api, print the
result.  No logic of the negotiation here; paths, colour and progress as ``terminal`` shows them."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from .. import api
from ..errors import UsageError
from .jsonout import dumps
from .terminal import colour, progress_on_terminal, shown_path, shown_problems

Handler = Callable[[argparse.Namespace, "str | None"], int]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn
    return register


def run(args: argparse.Namespace, workspace: str | None) -> int:
    # progress is for people: never for JSON (or any --format meant for programs)
    progress_on_terminal(machine_output=getattr(args, "format", None) == "json")
    return HANDLERS[args.command](args, workspace)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def pairs(values: list[str], what: str) -> dict[str, str]:
    result = {}
    for v in values:
        lang, sep, text = v.partition("=")
        if not sep or not lang:
            raise UsageError(f"{what} must be LANG=TEXT, got {v!r}")
        result[lang.strip()] = text
    return result


@handler("init")
def _init(args: argparse.Namespace, workspace: str | None) -> int:
    path = api.init(args.dir, example=args.example)
    what = "the example negotiation" if args.example else "an empty workspace"
    out(f"Initialised {what} in {shown_path(path, workspace)}")
    return 0


@handler("validate")
def _validate(args: argparse.Namespace, workspace: str | None) -> int:
    problems = api.validate(workspace)
    errors = [p for p in problems if p.severity == "error"]
    for p in shown_problems(problems, workspace):
        print(p, file=sys.stderr)
    return 1 if errors else 0


@handler("status")
def _status(args: argparse.Namespace, workspace: str | None) -> int:
    report = api.status(workspace)
    if args.format == "json":
        out(dumps(report))
        return 0
    from .textreport import status_table
    out(status_table(report))
    return 0


@handler("propose")
def _propose(args: argparse.Namespace, workspace: str | None) -> int:
    texts = pairs(args.text, "--text")
    change: dict[str, Any]
    if args.replace is not None:
        if args.with_ is None:
            raise UsageError("--replace needs --with NEW")
        change = {"replace": {"old": args.replace, "new": args.with_}}
    elif args.insert is not None:
        where = {k: v for k, v in (("after", args.after), ("before", args.before), ("at", args.at))
                 if v is not None}
        if len(where) != 1:
            raise UsageError("--insert needs exactly one of --after, --before or --at")
        change = {"insert": {"text": args.insert, **where}}
    elif args.delete is not None:
        change = {"delete": {"old": args.delete}}
    elif args.bracket is not None:
        change = {"bracket": {"old": args.bracket} if args.bracket else {}}
    elif args.add is not None:
        if not texts:
            raise UsageError("--add needs the new clause's text: --text 'es=...'")
        where = "before" if args.before == args.clause else "after"
        change = {"add": {where: args.clause, "clause": {"id": args.add, "text": texts}}}
    elif args.remove:
        change = {"remove": {}}
    elif args.move_after is not None or args.move_before is not None:
        change = {"move": {"after": args.move_after} if args.move_after is not None
                  else {"before": args.move_before}}
    elif args.substitute:
        if not texts:
            raise UsageError("--substitute needs the new text: --text 'es=...'")
        change = {"substitute": {"text": texts}}
    else:
        change = {"comment": {}}
    if args.occurrence is not None:
        for body in change.values():
            body["occurrence"] = args.occurrence
    if args.inside_word:
        for body in change.values():
            body["inside_word"] = "true"
    aid = api.propose(workspace, clause=args.clause, by=args.by, change=change, lang=args.lang,
                      cosponsors=[c.strip() for c in args.cosponsors.split(",") if c.strip()],
                      on_behalf_of=args.on_behalf_of, rationale=args.rationale, channel=args.channel,
                      date=args.date, version=args.version)
    out(aid)
    return 0


@handler("sponsor")
def _sponsor(args: argparse.Namespace, workspace: str | None) -> int:
    aid = api.sponsor(workspace, args.id, by=args.by, rationale=args.rationale, date=args.date)
    out(f"{aid} (sponsoring {args.id})")
    return 0


@handler("decide")
def _decide(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.decide(workspace, args.id, args.decision, text=args.text, into=args.into,
                        clause=args.clause, note=args.note, date=args.date,
                        texts=pairs(args.text_lang, "--text-lang"))
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    out(f"{args.id}: {result.status} ({result.commit[:10]})")
    return 0


@handler("mark")
def _mark(args: argparse.Namespace, workspace: str | None) -> int:
    sha = api.mark(workspace, args.clause, args.status, note=args.note)
    out(f"{args.clause}: {args.status} ({sha[:10]})")
    return 0


@handler("translate")
def _translate(args: argparse.Namespace, workspace: str | None) -> int:
    sha = api.translate(workspace, args.clause, args.lang, args.text)
    out(f"{args.clause}: {args.lang} text supplied ({sha[:10]})")
    return 0


@handler("issue")
def _issue(args: argparse.Namespace, workspace: str | None) -> int:
    report = api.issue(workspace, args.version, label=_labels(args.label), date=args.date, out=args.out,
                       compile_drafts=not args.no_compile)
    from .textreport import issue_report
    out(issue_report({**report, "drafts": [shown_path(d, workspace) for d in report["drafts"]]}))
    return 0


def _labels(values: list[str]) -> str | dict[str, str] | None:
    """``--label`` values: one label for every language, or ``LANG=LABEL`` per language (not both)."""
    import re

    per_lang = [v for v in values if re.match(r"[a-z]{2,3}=", v)]
    if not per_lang:
        if len(values) > 1:
            raise UsageError("--label given twice without a language: write --label es=... --label en=...")
        return values[0] if values else None
    if len(per_lang) != len(values):
        raise UsageError("--label: give either one label for all languages or LANG=LABEL for each, not both")
    return pairs(values, "--label")


@handler("compile")
def _compile(args: argparse.Namespace, workspace: str | None) -> int:
    paths = api.compile_drafts(workspace, kind=args.kind, lang=args.lang, fmt=args.format,
                               since=args.since, at=args.at, out=args.out, document=args.document,
                               attribution=args.attribution, all_paragraphs=args.all_paragraphs)
    for p in paths:
        out(shown_path(p, workspace))
    return 0


@handler("diff")
def _diff(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.diff(workspace, args.a, args.b, clause=args.clause, lang=args.lang)
    if args.format == "json":
        out(dumps(result))
    else:
        from .textreport import diff_text
        out(diff_text(result, colour=colour()))
    return 0


@handler("import-docx")
def _import(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.import_docx(workspace, args.file, by=args.by, base=args.base, dry_run=args.dry_run,
                             strict=args.strict)
    from .textreport import import_report
    out(import_report(result, dry_run=args.dry_run))
    return 0


@handler("import-akn")
def _import_akn(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.import_akn(workspace, args.files)
    for d in result["documents"]:
        out(f"{d['id']}: {d['sections']} sections, {d['clauses']} clauses")
    out(f"languages: {', '.join(result['languages'])} (original: {result['original_language']}); "
        f"commit {result['commit'][:10]}")
    if result["delegations"]:
        out(f"delegations: {result['delegations']} added to negotiation.yaml")
    for pid in result["precedents_missing"]:
        out(f"precedent {pid} is not in precedents/: its agreed language is kept as a note")
    if result["proposals_not_imported"]:
        out(f"{result['proposals_not_imported']} proposals in the files were not imported: propose them, "
            "or import the delegations' Word files")
    return 0


@handler("log")
def _log(args: argparse.Namespace, workspace: str | None) -> int:
    from .textreport import log_text
    out(log_text(api.log(workspace, args.clause, lang=args.lang)))
    return 0


@handler("concordance")
def _concordance(args: argparse.Namespace, workspace: str | None) -> int:
    rows = api.concordance(workspace, args.a, args.b)
    if args.format == "json":
        out(dumps(rows))
    else:
        from ..render.plaintext import concordance_text
        out(concordance_text(rows))
    return 0


@handler("precedents")
def _precedents(args: argparse.Namespace, workspace: str | None) -> int:
    found = api.precedents_search(workspace, args.text, lang=args.lang, limit=args.limit)
    if args.format == "json":
        out(dumps(found))
    else:
        from .textreport import precedents_text
        out(precedents_text(found))
    return 0


@handler("audit")
def _audit(args: argparse.Namespace, workspace: str | None) -> int:
    findings = api.audit(workspace)
    if args.format == "json":
        out(dumps(findings))
    else:
        from .textreport import audit_text
        out(audit_text(findings))
    return 1 if findings["problems"] else 0


@handler("keys")
def _keys(args: argparse.Namespace, workspace: str | None) -> int:
    if args.action == "add":
        result = api.keys_add(workspace, args.code, args.keyfile)
        out(f"{result['code']}: key {result['fingerprint']} added ({result['commit'][:10]})")
        return 0
    rows = api.keys_list(workspace)
    if args.format == "json":
        out(dumps(rows))
    elif not rows:
        out("No keys: keys/allowed_signers does not exist (a one-operator workspace; commits are not "
            "checked)")
    else:
        for r in rows:
            out(f"{r['code']:<10} {r['role']:<12} {r['fingerprint']}  {r['comment']}".rstrip())
    return 0


@handler("remote")
def _remote(args: argparse.Namespace, workspace: str | None) -> int:
    path = api.remote_init(args.path)
    out(f"Initialised a shared remote in {path} (pre-receive hook: drafting gate)")
    return 0


@handler("gate")
def _gate(args: argparse.Namespace, workspace: str | None) -> int:
    stdin = "" if args.range is not None else sys.stdin.read()
    problems = api.gate(workspace, args.range, stdin)
    for p in problems:
        print(f"drafting gate: {p}", file=sys.stderr)
    if problems:
        print(f"drafting gate: refused ({len(problems)} problem{'s' if len(problems) != 1 else ''})",
              file=sys.stderr)
    return 1 if problems else 0


@handler("sync")
def _sync(args: argparse.Namespace, workspace: str | None) -> int:
    from .textreport import sync_text
    out(sync_text(api.sync(workspace, args.remote)))
    return 0


@handler("restore")
def _restore(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.restore(workspace, args.id)
    out(f"{result['amendment']}: restored {result['path']} ({result['commit'][:10]})")
    return 0


@handler("site")
def _site(args: argparse.Namespace, workspace: str | None) -> int:
    result = api.site(workspace, out=args.out)
    out(f"Site written to {shown_path(result['index'], workspace)} ({result['written']} of {result['files']} "
        "files written, the others unchanged)")
    return 0


@handler("report")
def _report(args: argparse.Namespace, workspace: str | None) -> int:
    if args.format == "json" and args.out is None:
        out(dumps(api.progress(workspace)))
        return 0
    for p in api.report(workspace, fmt=args.format, out=args.out):
        out(shown_path(p, workspace))
    return 0
