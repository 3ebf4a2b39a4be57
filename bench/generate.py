"""A synthetic negotiation workspace with a real history, of any size, deterministic for a given seed.

    python -m bench.generate DIR --clauses N --amendments M [--decisions D] [--revisions R]
                             [--delegations P] [--seed S] [--force] [--quiet]

What it writes (a git repository, as a negotiation run with drafting leaves it):

* ``negotiation.yaml``: four languages (es original, en, pt, fr), ``P`` delegations (states, groups with
  their members, a territory, an observer, an organization, a civil-society coalition, the secretariat);
* two documents: a Declaration (preamble without numbers, operative part numbered) and a Plan of
  Action (an introduction, then chapters with headings); ``N`` clauses in all, counting sub-clauses and
  headings; texts of about 60 words (sub-clauses about 30) with accents and, in about one clause in five,
  the negotiators' own [brackets];
* the history, one commit per event as drafting records it: the zero draft (tagged ``version/zero``);
  then ``R`` rounds, each of ``D / R`` proposals on the last issued version, committed one per commit in
  submission order with the delegation as author (trailers ``Amendment:``, ``Proponent:``, ``Version:``),
  each decided in its own commit (accept, modify, merge, accommodate, reject, withdraw; trailers
  ``Amendment:``, ``Proponent:``, ``Decision:``; accepted changes applied to the section files), and the
  revision issued (``negotiation.yaml`` lists it, annotated tag ``version/revK``);
* ``M`` open proposals against the last version, one commit each, of every operation (replace, insert,
  delete and bracket on exact anchors that occur once in the text of their language; add, remove, move,
  substitute, comment), about one text amendment in five competing with another on the same words.

The commits go through one ``git fast-import`` process, not one process per commit, so thousands of
them take seconds.  Issue commits carry no concordance in their message (``drafting issue`` adds one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .corpus import LANGS, NAMES_EN, SECRETARIAT, Roster, roster
from .emit import emit_amendment, emit_document, emit_negotiation, emit_section
from .fastimport import History
from .texts import (
    OPEN_WEIGHTS,
    OPS,
    PHRASES,
    ZERO_WEIGHTS,
    all_clauses,
    apply_decision,
    build_documents,
    locate,
    make_amendment,
    number_ids,
    section_path,
)

GENERATOR_VERSION = 6  # bump when the output changes: cached workspaces are keyed by it
START = dt.datetime(2024, 8, 30, 12, 0, tzinfo=dt.UTC)  # the zero draft
ROUNDS_END = dt.datetime(2024, 11, 8, 18, 0, tzinfo=dt.UTC)  # the last revision is issued by then
OPEN_END = dt.datetime(2024, 11, 29, 18, 0, tzinfo=dt.UTC)  # the open proposals come in by then
ZERO_LABEL = {"es": "Borrador cero", "en": "Zero draft", "pt": "Minuta zero", "fr": "Avant-projet"}
VERBS = ["accept", "modify", "reject", "withdraw", "merge", "accommodate"]
VERB_WEIGHTS = [45, 10, 15, 10, 10, 10]
STATUS = {"accept": "accepted", "modify": "modified", "reject": "rejected", "withdraw": "withdrawn",
          "merge": "merged", "accommodate": "accommodated"}


class Negotiation:
    """The evolving text and the history it leaves."""

    def __init__(self, root: Path, rng: random.Random, clauses: int, parties: Roster) -> None:
        self.rng = rng
        self.roster = parties
        self.docs = build_documents(rng, clauses)
        self.versions: list[tuple[str, dict[str, str], str]] = [("zero", ZERO_LABEL, START.date().isoformat())]
        self.history = History(root)
        self.added = 0  # clauses proposed for addition so far (their ids must be new)
        self.decided: dict[str, int] = {}
        self.steps: dict[str, int] = {}  # clause -> decisions that changed it
        self.accommodated: set[str] = set()  # clauses decisions point to: never removed afterwards
        self.used: set[str] = set()

    # ---- files

    def negotiation_file(self) -> bytes:
        return emit_negotiation(self.docs, self.roster, self.versions).encode()

    def section_file(self, path: str) -> bytes:
        _, doc_id, name = path.split("/")
        for d in self.docs:
            for s in d["sections"]:
                if d["id"] == doc_id and f"{s['id']}.yaml" == name:
                    return emit_section(s).encode()
        raise KeyError(path)

    def all_files(self) -> dict[str, bytes]:
        files = {"negotiation.yaml": self.negotiation_file()}
        for d in self.docs:
            files[f"drafts/{d['id']}/document.yaml"] = emit_document(d).encode()
            for s in d["sections"]:
                files[section_path(d, s)] = emit_section(s).encode()
        return files

    # ---- events

    def zero_draft(self) -> None:
        mark = self.history.commit("Zero draft circulated by the Chair", SECRETARIAT, START, self.all_files(),
                                   {"Version": "zero"})
        self.history.tag("zero", mark, "Zero draft", START)

    def propose(self, amendments: list[dict[str, Any]], version: str, start: dt.datetime,
                end: dt.datetime) -> None:
        """Each amendment in its own commit, by its proponent, in submission order over [start, end)."""
        number_ids(amendments, version)
        step = (end - start) / max(1, len(amendments))
        for i, a in enumerate(amendments):
            when = start + step * i
            a["submitted"] = when.date().isoformat()
            a["status"] = "submitted"
            op = a["change"][0]
            where = a.get("target") or a["change"][1].get("after") or a["change"][1].get("before") or ""
            trailers: dict[str, str | list[str]] = {"Amendment": a["id"], "Proponent": a["by"], "Version": version}
            if a.get("cosponsors"):
                trailers["Co-sponsors"] = ", ".join(a["cosponsors"])
            if a.get("on_behalf_of"):
                trailers["On-behalf-of"] = a["on_behalf_of"]
            author = (NAMES_EN[a["by"]], f"{a['by'].lower()}@delegations.drafting.invalid")
            self.history.commit(f"Proposal {a['id']} by {NAMES_EN[a['by']]}: {op} {where}".rstrip(), author, when,
                                {f"amendments/{version}/{a['id']}.yaml": emit_amendment(a).encode()}, trailers)

    def round_of_proposals(self, count: int) -> list[dict[str, Any]]:
        """``count`` decidable proposals on distinct clauses of the current text, so that the accepted ones
        apply in turn without touching each other's anchors."""
        rng = self.rng
        paragraphs = [c for c in all_clauses(self.docs) if c["kind"] == "paragraph"]
        top = [c for d in self.docs for s in d["sections"] for c in s["clauses"] if c["kind"] == "paragraph"]
        count = min(count, len(paragraphs) // 3)
        used: set[str] = set()
        out: list[dict[str, Any]] = []
        while len(out) < count:
            op = rng.choices(OPS, ZERO_WEIGHTS)[0]
            pool = top if op in ("remove", "move", "add") else paragraphs
            target = pool[rng.randrange(len(pool))]
            if target["id"] in used or (op == "remove" and (target["children"] or target["id"] in self.accommodated)):
                continue
            a = make_amendment(rng, self.docs, self.roster, op, target, f"{target['id']}-add{self.added + 1}",
                               decidable=True)
            if a is None:
                continue
            ref = a["change"][1].get("after") or a["change"][1].get("before") if op in ("move", "add") else None
            if ref is not None and ref in used:
                continue
            self.added += op == "add"
            used.update({target["id"], *([ref] if isinstance(ref, str) else [])})
            out.append(a)
        self.used = used
        return out

    def decide(self, proposals: list[dict[str, Any]], start: dt.datetime, end: dt.datetime) -> None:
        """Each proposal decided in its own commit by the secretariat, accepted changes in the text."""
        rng = self.rng
        paragraphs = [c for c in all_clauses(self.docs) if c["kind"] == "paragraph"]
        free = [c for c in paragraphs if c["id"] not in self.used]
        step = (end - start) / max(1, len(proposals))
        for i, a in enumerate(proposals):
            when = start + step * i
            op = a["change"][0]
            verb = rng.choices(VERBS, VERB_WEIGHTS)[0]
            if verb == "modify" and op not in ("replace", "insert"):
                verb = "accept"
            if verb == "merge" and i == 0:
                verb = "reject"
            decision: dict[str, Any] = {"date": when.date().isoformat(), "note": None, "text": None, "into": None,
                                        "clause": None}
            override = None
            if verb == "modify":
                override = PHRASES[a["lang"]][rng.randrange(len(PHRASES[a["lang"]]))]
                if op == "replace":
                    override = f"{a['change'][1]['old']} {override}"
                decision["text"] = override
                decision["note"] = "Compromise wording agreed in informal consultations."
            elif verb == "merge":
                decision["into"] = proposals[rng.randrange(i)]["id"]
                decision["note"] = "Merged with a similar proposal."
            elif verb == "accommodate":
                decision["clause"] = free[rng.randrange(len(free))]["id"]
                self.accommodated.add(decision["clause"])
                decision["note"] = "The concern is addressed in another paragraph."
            elif verb == "accept":
                decision["note"] = "Agreed at the reading."
            elif verb == "withdraw":
                decision["note"] = "Withdrawn by the proponent."
            a["status"] = STATUS[verb]
            a["decision"] = decision
            changed: dict[str, bytes] = {}
            if verb in ("accept", "modify"):
                for path in apply_decision(self.docs, a, override):
                    changed[path] = self.section_file(path)
                target = a.get("target") or a["change"][1]["clause"]["id"]
                self.steps[target] = self.steps.get(target, 0) + 1
            changed[f"amendments/{a['version']}/{a['id']}.yaml"] = emit_amendment(a).encode()
            where = a.get("target") or a["change"][1].get("after") or a["change"][1].get("before") or ""
            who = NAMES_EN[a["by"]]
            subject = f"{verb.capitalize()} {a['id']} ({who}) on {where}".rstrip()
            if verb == "merge":
                subject = f"Merge {a['id']} ({who}) into {decision['into']}"
            elif verb == "accommodate":
                subject = f"Accommodate {a['id']} ({who}) in {decision['clause']}"
            trailers: dict[str, str | list[str]] = {"Amendment": a["id"], "Proponent": a["by"],
                                                    "Decision": STATUS[verb]}
            if a.get("cosponsors"):
                trailers["Co-sponsors"] = ", ".join(a["cosponsors"])
            if a.get("on_behalf_of"):
                trailers["On-behalf-of"] = a["on_behalf_of"]
            if a.get("target"):
                trailers["Clause"] = a["target"]
            self.history.commit(subject + f"\n\n{decision['note']}", SECRETARIAT, when, changed, trailers)
            self.decided[STATUS[verb]] = self.decided.get(STATUS[verb], 0) + 1

    def issue(self, n: int, when: dt.datetime) -> str:
        vid = f"rev{n}"
        label = {lang: f"{'Rév' if lang == 'fr' else 'Rev'}.{n}" for lang in LANGS}
        self.versions.append((vid, label, when.date().isoformat()))
        message = f"Issue Rev.{n} ({vid})"
        mark = self.history.commit(message, SECRETARIAT, when, {"negotiation.yaml": self.negotiation_file()},
                                   {"Version": vid})
        self.history.tag(vid, mark, message, when)
        return vid

    def open_proposals(self, count: int) -> list[dict[str, Any]]:
        """``count`` proposals on the current text, some on the same words as another (competing)."""
        rng = self.rng
        paragraphs = [c for c in all_clauses(self.docs) if c["kind"] == "paragraph"]
        hot = rng.sample(paragraphs, max(1, len(paragraphs) // 10))
        opened: list[dict[str, Any]] = []
        text_ops: dict[str, list[dict[str, Any]]] = {}
        n_new = 0
        while len(opened) < count:
            op = rng.choices(OPS, OPEN_WEIGHTS)[0]
            target = hot[rng.randrange(len(hot))] if rng.random() < 0.35 else paragraphs[rng.randrange(len(paragraphs))]
            if op in ("replace", "delete", "bracket") and text_ops and rng.random() < 0.2:
                contested = list(text_ops)  # dicts keep insertion order: deterministic
                lst, i, _, _ = locate(self.docs, contested[rng.randrange(len(contested))])
                target = lst[i]
            competing = None
            rivals = text_ops.get(target["id"])
            if op in ("replace", "delete", "bracket") and rivals and rng.random() < 0.5:
                competing = rivals[rng.randrange(len(rivals))]
                if competing["change"][0] not in ("replace", "delete", "bracket") or "old" not in competing["change"][1]:
                    competing = None
            a = make_amendment(rng, self.docs, self.roster, op, target, f"new-{n_new + 1}", competing)
            if a is None:
                continue
            n_new += op == "add"
            if op in ("replace", "delete", "bracket", "insert"):
                text_ops.setdefault(target["id"], []).append(a)
            a["competing"] = competing is not None
            opened.append(a)
        return opened


def spread(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def generate(root: Path, *, clauses: int, amendments: int, seed: int, decisions: int | None = None,
             revisions: int = 1, delegations: int = 40, quiet: bool = False) -> dict[str, Any]:
    """Write the workspace at ``root`` (which must not exist or be empty); return its description.

    The defaults are the first benchmark's shape (one revision, ``clauses / 40`` decisions, 40
    delegations); ``python -m bench`` sets each size's own."""
    started = time.perf_counter()
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} exists and is not empty (use --force to replace it)")
    decisions = decisions if decisions is not None else max(12, clauses // 40)
    revisions = max(1, revisions) if decisions else max(0, revisions)

    def say(msg: str) -> None:
        if not quiet:
            print(f"[generate {time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    n = Negotiation(root, random.Random(seed), clauses, roster(delegations))
    n.zero_draft()
    say(f"zero draft: {len(all_clauses(n.docs))} clauses")
    length = (ROUNDS_END - START) / max(1, revisions)
    made = 0
    for k, count in enumerate(spread(decisions, revisions) if revisions else []):
        begin = START + length * k
        version = n.versions[-1][0]
        proposals = n.round_of_proposals(count)
        for a in proposals:
            a["version"] = version
        n.propose(proposals, version, begin + dt.timedelta(days=1), begin + length * 0.6)
        n.decide(proposals, begin + length * 0.65, begin + length * 0.95)
        n.issue(k + 1, begin + length)
        made += len(proposals)
        say(f"{n.versions[-1][0]}: {len(proposals)} proposals decided")
    last = n.versions[-1][0]
    opened = n.open_proposals(amendments)
    n.propose(opened, last, ROUNDS_END + dt.timedelta(days=1), OPEN_END)
    say(f"{len(opened)} open proposals on {last}")
    n.history.close()
    say(f"{n.history.commits} commits written")
    paragraphs = [c for c in all_clauses(n.docs) if c["kind"] == "paragraph"]
    ops_count: dict[str, int] = {}
    for a in opened:
        ops_count[a["change"][0]] = ops_count.get(a["change"][0], 0) + 1
    # the proposal `decide` is timed on: one the secretariat can decide (an observer's or an organization's
    # contribution cannot be)
    decidable = {"CUW", *n.roster.state_codes, *(g[0] for g in n.roster.groups)}
    decide = next((a for a in opened if a["change"][0] == "replace" and a["lang"] == "es" and a["by"] in decidable),
                  None)
    busiest = max(n.steps.items(), key=lambda kv: (kv[1], kv[0]), default=(paragraphs[0]["id"], 0))
    return {
        "generator": GENERATOR_VERSION, "seed": seed, "clauses": len(all_clauses(n.docs)),
        "clauses_requested": clauses, "paragraphs": len(paragraphs),
        "top_level": sum(len(s["clauses"]) for d in n.docs for s in d["sections"]),
        "languages": list(LANGS), "delegations": n.roster.size,
        "documents": [d["id"] for d in n.docs], "sections": sum(len(d["sections"]) for d in n.docs),
        "versions": [v[0] for v in n.versions], "revisions": len(n.versions) - 1,
        "decisions": made, "decided": n.decided, "open_amendments": len(opened), "operations": ops_count,
        "competing": sum(1 for a in opened if a.get("competing")), "commits": n.history.commits,
        "decide_id": decide["id"] if decide else None,
        "log_clause": busiest[0], "log_clause_decisions": busiest[1],
        "seconds": round(time.perf_counter() - started, 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    p.add_argument("dir")
    p.add_argument("--clauses", type=int, default=70)
    p.add_argument("--amendments", type=int, default=35, help="open proposals on the last version")
    p.add_argument("--decisions", type=int, help="decided proposals over all rounds (default: clauses / 40, "
                                                 "at least 12)")
    p.add_argument("--revisions", type=int, default=1, help="revisions issued after the zero draft (default 1)")
    p.add_argument("--delegations", type=int, default=40, help="parties, 8 to 40 (default 40)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="replace DIR if it exists")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    root = Path(args.dir)
    if args.force and root.exists():
        shutil.rmtree(root)
    info = generate(root, clauses=args.clauses, amendments=args.amendments, seed=args.seed,
                    decisions=args.decisions, revisions=args.revisions, delegations=args.delegations,
                    quiet=args.quiet)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
