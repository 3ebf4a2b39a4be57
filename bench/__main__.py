"""``python -m bench``: drafting on a long negotiation, warm and cold, against the floor and the tools people
use instead.

    python -m bench [--sizes S,XL,XXL] [--repeat 3] [--series 250,500,1000,2000 | --no-series] [--quick]
                    [--seed 1] [--work DIR] [--out FILE] [--no-profile] [--regenerate]

Every command runs as a whole process (start-up included) on a generated negotiation with a real history
(see ``bench/generate.py``), ``--repeat`` times in each state -- warm (the workspace in use), cold (a fresh
clone: no parse cache), no-cache (``DRAFTING_CACHE=0``) -- the states and the command's reference taken in
alternation.  Reported per command and size: the median wall time with its spread (min–max), CPU time and
peak memory (``/usr/bin/time -f %M``, else ``getrusage``); then the growth exponents over the clause
series, the targets with PASS/MISS, and a cProfile of the command behind each missed target.  Results go
to ``bench/results.json``.  Workspaces are generated once and cached under ``bench/work/``.

``--quick``: size S only (its references included), one run per state, no series, no profiles (the smoke
test).  Exit status: 0 when the benchmark ran (targets may be missed: see the table), 1 when a drafting
command failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import plan as P
from . import reuse
from .measure import LONG, Variant, alternate, log, missing, pair_ratios, run_once
from .profiles import profile
from .report import machine, print_report
from .series import run_series
from .targets import targets
from .workspaces import Shape, prepare, warm_up, workspaces

BENCH = Path(__file__).resolve().parent
SIZES = {
    "S": Shape(70, 35, 20, revisions=2),             # about the bundled example's size
    "XL": Shape(2000, 10_000, 2000),                 # the largest UN negotiation texts, five revisions deep
    "XXL": Shape(10_000, 10_000, 2000),              # for the comparisons with pandoc and python-redlines
}
REUSABLE = {"python-redlines"}  # references whose long runs may be reused (bench/reuse.py)
FEW_DECISIONS = {"S": 5, "XL": 50}  # the same text with few decisions: how `changes` grows with history
SERIES = (250, 500, 1000, 2000)
AMENDMENTS_PER_CLAUSE = 5


@dataclass
class Role:
    """What a size is measured for."""

    states: tuple[str, ...]
    references: dict[str, str] = field(default_factory=dict)  # reference -> the command it alternates with
    few: int | None = None                                     # decisions of the twin workspace


def role(size: str, quick: bool, states: tuple[str, ...] = P.STATES) -> Role:
    if size == "XXL":
        return Role(("warm",), {"floor": "compile-clean", "pandoc": "compile-clean",
                                "python-redlines": "compile-changes"})
    refs = {"floor": "compile-clean", "changes-few-decisions": "compile-changes"}
    if quick or size == "S":
        refs |= {"pandoc": "compile-clean", "python-redlines": "compile-changes"}
    return Role(states, refs, FEW_DECISIONS.get(size))


def twin_of(shape: Shape, few: int | None) -> Shape | None:
    return None if few is None else Shape(shape.clauses, shape.amendments, few, shape.revisions, shape.delegations)


def loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def run_size(name: str, ws: Path, meta: dict[str, Any], r: Role, twin: tuple[Path, dict[str, Any]] | None,
             args: argparse.Namespace, availability: dict[str, tuple[str | None, str]],
             contexts: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    scratch = Path(args.work) / f"run-{name}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    warm_up(ws)
    prep = prepare(ws, meta, scratch)
    contexts[name] = (ws, meta, prep)
    result: dict[str, Any] = {"workspace": str(ws), "info": meta, "draft_paragraphs_es": prep.get("paragraph_count"),
                              "import_changes": prep.get("import_changes"), "prep_problems": prep["problems"],
                              "states": list(r.states), "commands": {}, "references": {}, "paired_with": {},
                              "pairs": {}, "twin_decisions": twin[1]["decisions"] if twin else None,
                              "load_before": loadavg()}
    if twin is not None:
        warm_up(twin[0])
    logdir = scratch / "logs"
    for label in P.COMMANDS:
        if label in skip:
            continue
        variants = P.command_variants(label, ws, meta, prep, scratch, r.states)
        if isinstance(variants, str):
            result["commands"][label] = {s: missing(variants) for s in r.states}
            log(f"  {name:>5} {label:<22} missing: {variants}")
            continue
        refs: list[Variant] = []
        for ref, with_ in r.references.items():
            if with_ != label:
                continue
            v = P.reference_variant(ref, scratch, prep, availability, twin)
            if isinstance(v, str):
                result["references"][ref] = missing(v)
                log(f"  {name:>5} {ref:<22} missing: {v}")
            else:
                refs.append(v)
                result["paired_with"][ref] = label
        reused, keys = {}, {}
        for v in list(refs):
            if v.name in REUSABLE:
                keys[v.name] = reuse.key(v.name, availability[v.name][0], args.machine_info, prep["zero"] + prep["clean"])
                stored = None if args.remeasure else reuse.lookup(Path(args.work), keys[v.name])
                if stored is not None:
                    reused[v.name] = stored | {"reused": True}
                    refs.remove(v)
                    log(f"  {name:>5} {v.name:<22} reused, measured on {stored['measured_on']} (same inputs, this machine)")
        group = variants + refs
        if not args.quick:  # untimed: the file cache, the bytecode, the parse cache of the workspace in use
            for v in group:
                if v.name not in ("cold", "no-cache", "pandoc", "python-redlines"):  # those keep no cache
                    run_once(v.prepare(), logdir, f"warm-up.{label}.{v.name}")
                    if v.cleanup:
                        v.cleanup()
        got = alternate(group, args.repeat, logdir, label)
        result["commands"][label] = {v.name: got[v.name] for v in variants}
        for v in refs:
            result["references"][v.name] = got[v.name]
            result["pairs"][f"{label}/{v.name}"] = pair_ratios(got["warm"], got[v.name])
            first = (got[v.name].get("runs") or [{}])[0]
            if v.name in keys and got[v.name]["status"] == "ok" and first.get("wall", 0) > LONG:
                reuse.record(Path(args.work), keys[v.name], got[v.name] | {"load_after": loadavg()},
                             args.machine_info["date"], f"{ws.name}: zero and current clean drafts (es)")
        for ref_name, stored in reused.items():
            result["references"][ref_name] = stored
            result["paired_with"][ref_name] = label
            got[ref_name] = stored
        line = "  ".join(f"{k} {g['median_s']:.3f} s (cpu {g['cpu_s']:.2f} s, {g['peak_mb']:.0f} MB)"
                         if g.get("median_s") is not None else f"{k} {g['status']}" for k, g in got.items())
        log(f"  {name:>5} {label:<22} {line}")
    result["load_after"] = loadavg()
    return result


# The timed extras other parts of the project keep next to the runner: each ``bench/<module>.py``, when
# present, has ``measure(work, repeat=N)``; its rows (or the import's dict of forms) join the report and
# every row with a limit becomes a target.  ``site``: the static site at XL (``drafting site``), when the
# site wing's bench/site.py is there.
EXTRAS = {
    "import_foreign": "the import of a 2,000-paragraph Word file re-saved by another editor",
    "site": "the static site of the XL negotiation (drafting site: full, unchanged, after one decision)",
}


def extra(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """One timed extra: ``bench/<name>.py``'s ``measure(work, repeat=N)``, which returns either rows
    (label, what, status, median_s, min_s, max_s, peak_mb, limit_s, reason) or ``{"target_s", "forms":
    {form: {"median_s", "times_s", "amendments", "paragraphs", "error"}}}``."""
    path = BENCH / f"{name}.py"
    if not path.is_file():
        return {"missing": f"bench/{name}.py is not there: {EXTRAS[name]} is not timed", "rows": []}
    try:
        module = importlib.import_module(f"bench.{name}")
        got = module.measure(Path(args.work), repeat=args.repeat)
    except Exception as e:  # reported, not fatal: the rest of the run stands
        return {"missing": f"bench/{name}.py failed: {type(e).__name__}: {e}", "rows": []}
    if isinstance(got, list):
        return {"rows": got}
    rows = []
    for form, r in (got.get("forms") or {}).items():
        times = [t for t in (r.get("times_s") or [r.get("median_s")]) if t is not None]
        invented = r.get("amendments") or 0
        reason = r.get("error") or (f"{invented} amendments made from an unchanged file" if invented else "")
        rows.append({"label": f"import-{form}", "status": "error" if reason else "ok",
                     "what": f"import-docx of a {r.get('paragraphs', '?')}-paragraph draft ({form})",
                     "median_s": r.get("median_s"), "min_s": min(times, default=None),
                     "max_s": max(times, default=None), "cpu_s": r.get("cpu_s"),
                     "reason": reason, "limit_s": got.get("target_s") if form == "no-bookmarks" else None})
    return {"rows": rows, "raw": got}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="S,XL,XXL", help=f"comma-separated: {', '.join(SIZES)} (default: S,XL,XXL)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each state (default 3)")
    ap.add_argument("--series", default=",".join(map(str, SERIES)),
                    help="clause counts of the scaling series (default: 250,500,1000,2000)")
    ap.add_argument("--no-series", action="store_true")
    ap.add_argument("--states", default=",".join(P.STATES),
                    help="states measured at S and XL (default: warm,cold,no-cache; the targets need warm,cold)")
    ap.add_argument("--quick", action="store_true", help="S only, one run per state, no series, no profiles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=str(BENCH / "work"), help="where workspaces are cached (default: bench/work)")
    ap.add_argument("--out", default=str(BENCH / "results.json"))
    ap.add_argument("--no-profile", action="store_true", help="do not profile the commands behind missed targets")
    ap.add_argument("--regenerate", action="store_true", help="regenerate the cached workspaces")
    ap.add_argument("--remeasure", action="store_true",
                    help="run python-redlines even when a run on the same inputs on this machine is stored")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.no_series, args.no_profile = "S", 1, True, True
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    given = {x.strip() for x in args.states.split(",") if x.strip()}
    states = tuple(x for x in P.STATES if x in given)
    if unknown or args.repeat < 1 or "warm" not in given or given - set(P.STATES):
        ap.error(f"unknown size(s) {unknown}; known: {', '.join(SIZES)}" if unknown else
                 "--repeat must be ≥ 1" if args.repeat < 1 else f"--states: warm and any of {', '.join(P.STATES)}")
    series = [] if args.no_series else [int(x) for x in args.series.split(",") if x.strip()]
    started = lap = time.perf_counter()
    phases: dict[str, float] = {}  # where the run's time went, in seconds

    def done_with(phase: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        phases[phase] = round(phases.get(phase, 0.0) + now - lap, 1)
        lap = now
    # as an installed package is: byte-compiled once (with PYTHONDONTWRITEBYTECODE set, an editable
    # install would otherwise compile every module it imports, in every command timed)
    compileall.compile_dir(str(BENCH.parent / "drafting"), quiet=1)
    from . import references as refs
    availability = {"pandoc": refs.pandoc_version(), "python-redlines": refs.redlines_status("docxodus")}
    for name, (version, why) in availability.items():
        log(f"reference {name}: {version or 'MISSING — ' + why}")
    results: dict[str, Any] = {
        "machine": machine(), "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "settings": {"sizes": sizes, "shapes": {s: asdict(SIZES[s]) for s in sizes}, "repeat": args.repeat,
                     "quick": args.quick, "seed": args.seed, "series": series, "states": list(states)},
        "references_available": {k: {"version": v, "missing": w or None} for k, (v, w) in availability.items()},
        "descriptions": {label: what for label, (_, what) in P.COMMANDS.items()} | P.REFERENCES,
        "sizes": {}, "scaling": {}, "profiles": [],
    }
    args.machine_info = results["machine"] | {"date": results["date"]}
    roles = {s: role(s, args.quick, states) for s in sizes}
    series_shapes = [Shape(n, n * AMENDMENTS_PER_CLAUSE, n) for n in series]
    shapes = [SIZES[s] for s in sizes] + [t for s in sizes if (t := twin_of(SIZES[s], roles[s].few))] + series_shapes
    made = workspaces(Path(args.work), shapes, args.seed, args.regenerate)
    done_with("workspaces")
    contexts: dict[str, Any] = {}
    for size in sizes:
        shape = SIZES[size]
        log(f"size {size}: {shape.describe()}")
        ws, meta = made[shape]
        twin_shape = twin_of(shape, roles[size].few)
        results["sizes"][size] = run_size(size, ws, meta, roles[size], made[twin_shape] if twin_shape else None,
                                          args, availability, contexts)
        done_with(size)
    if series_shapes:  # each point measured on its own, never borrowed from a size above; in alternation
        log("series: " + ", ".join(f"{s.clauses:,}" for s in series_shapes) + " clauses")
        results["scaling"] = run_series(series_shapes, made, args)
        done_with("series")
    for name in EXTRAS:  # both are about XL: not in --quick, nor in a run without XL (--sizes XXL, the series)
        results[name] = extra(name, args) if "XL" in sizes and not args.quick else {}
        done_with(name)
    results["targets"] = targets(results)
    results["targets_met"] = {"met": sum(t["status"] == "PASS" for t in results["targets"]),
                              "total": len(results["targets"]),
                              "missed": [t["target"] for t in results["targets"] if t["status"] != "PASS"]}
    if not args.no_profile:
        done: dict[tuple[str, str, str], dict[str, Any]] = {}
        for t in results["targets"]:
            key = t.get("profile")
            if t["status"] != "MISS" or not key or key[0] not in contexts or not key[1]:
                continue
            key = tuple(key)
            if key not in done:
                log(f"profiling {key[1]} ({key[2]}) at {key[0]}")
                ws, meta, prep = contexts[key[0]]
                done[key] = profile(key[1], key[2], ws, meta, prep, Path(args.work)) | {"size": key[0]}
            done[key].setdefault("for", []).append(t["target"])
        for prof in done.values():
            prof["for"] = "; ".join(prof["for"])
            results["profiles"].append(prof)
        done_with("profiles")
    for name in list(contexts) + [f"n{n}" for n in series]:
        shutil.rmtree(Path(args.work) / f"run-{name}", ignore_errors=True)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    results["phases_s"] = phases
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print_report(results)
    print(f"\nresults: {out} ({results['elapsed_s']} s: "
          + ", ".join(f"{k} {v:.0f} s" for k, v in phases.items() if v >= 1) + ")")
    failed = [(s, label, state) for s, sr in results["sizes"].items() for label, st in sr["commands"].items()
              for state, r in st.items() if r["status"] == "error"]
    if failed:
        print("failed: " + ", ".join(f"{label} {state} ({s})" for s, label, state in failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
