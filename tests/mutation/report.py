"""The table of ``make mutation``: mutants killed per module, from the results mutmut left in mutants/.

A mutant counts as killed when a test failed, or when the tests ran out of their CPU time limit or
died (a mutant that loops forever is caught).  Mutants listed in ``equivalent.txt`` (no behaviour can
tell them from the original; each with its reason) are taken out of the score but shown in the table;
a listed mutant that no longer exists or that the tests now kill is reported, so the list stays true.

Usage: ``python -m tests.mutation.report [--min PERCENT] [--survivors]``; exits 1 when an ``ops/``
module scores below ``--min``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent.txt"

KILLED = {1, 3, 24, -24, 36, 152, 255, -9, -11}  # failed, pytest error, CPU limit (SIGXCPU), killed
SURVIVED = 0
NO_TESTS = {5, 33}


def equivalents(path: Path = EQUIVALENT) -> dict[str, str]:
    """Mutant name -> why it is equivalent, from ``name  reason`` lines (``#`` starts a comment)."""
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path}:{n}: {name} has no reason")
        out[name] = reason.strip()
    return out


def results() -> dict[str, dict[str, int | None]]:
    """Module path (drafting/ops/apply.py) -> mutant name -> exit code."""
    out: dict[str, dict[str, int | None]] = {}
    for meta in sorted(MUTANTS.glob("drafting/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            out[str(meta.relative_to(MUTANTS))[: -len(".meta")]] = codes
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=85.0, help="lowest score accepted for an ops/ module")
    parser.add_argument("--survivors", action="store_true", help="list every survivor by name")
    args = parser.parse_args(argv)
    if not MUTANTS.is_dir():
        print("no mutants/ folder: run `make mutation` first", file=sys.stderr)
        return 2
    listed = equivalents()
    seen: set[str] = set()
    rows = []
    survivors: list[str] = []
    unchecked = 0
    stale: list[str] = []
    for module, codes in results().items():
        count: Counter[str] = Counter()
        for name, code in codes.items():
            if code is None:
                unchecked += 1
                count["unchecked"] += 1
            elif code in KILLED:
                count["killed"] += 1
                if name in listed:
                    stale.append(f"{name} is listed as equivalent but the tests kill it")
            elif name in listed:
                count["equivalent"] += 1
            elif code in NO_TESTS:
                count["no tests"] += 1
                survivors.append(name)
            else:  # survived, or an exit code mutmut calls suspicious
                count["survived"] += 1
                survivors.append(name)
            seen.add(name)
        scored = len(codes) - count["equivalent"] - count["unchecked"]
        score = 100.0 * count["killed"] / scored if scored else 100.0
        rows.append((module, len(codes), count, score))
    stale += [f"{name} is listed as equivalent but is no mutant any more" for name in listed if name not in seen]

    print("| module | mutants | killed | survived | no tests | equivalent | killed % |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    failing = []
    for module, total, count, score in rows:
        print(f"| `{module.removeprefix('drafting/')}` | {total} | {count['killed']} | {count['survived']} | "
              f"{count['no tests']} | {count['equivalent']} | {score:.1f}% |")
        if module.startswith("drafting/ops/") and score < args.min:
            failing.append(f"{module}: {score:.1f}% < {args.min:.0f}%")
    total = sum(r[1] for r in rows)
    killed = sum(r[2]["killed"] for r in rows)
    equivalent = sum(r[2]["equivalent"] for r in rows)
    scored = total - equivalent - unchecked
    print(f"| all | {total} | {killed} | {sum(r[2]['survived'] for r in rows)} | "
          f"{sum(r[2]['no tests'] for r in rows)} | {equivalent} | {100.0 * killed / max(scored, 1):.1f}% |")
    print("\nkilled % = killed / (mutants - equivalent); killed includes the CPU-time-limit kills")
    if unchecked:
        print(f"{unchecked} mutants were not checked (an interrupted run?)")
    for line in stale:
        print("equivalent.txt:", line)
    if args.survivors:
        print("\nsurvivors (show one with `.venv/bin/mutmut show NAME`):")
        for name in survivors:
            print("  " + name)
    elif survivors:
        print(f"{len(survivors)} survivors: `make mutation-survivors` lists them")
    for line in failing:
        print("below target:", line)
    return 1 if failing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
