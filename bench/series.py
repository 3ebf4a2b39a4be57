"""The clause series and its growth exponents: every point (250, 500, 1,000, 2,000 clauses) measured on
its own workspace, warm, the points of one command taken in alternation (n250 n500 n1000 n2000 n250 ...)
so that a busier minute of the machine weighs on every point alike and does not bend the slope."""

from __future__ import annotations

import argparse
import math
import shutil
from pathlib import Path
from typing import Any

from . import plan as P
from .measure import Variant, alternate, log, missing, run_once
from .workspaces import Shape, prepare, warm_up

SKIP = ("help",)  # start-up does not grow with the text


def fit_exponent(xs: list[float], ys: list[float]) -> float | None:
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    return round(sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx, 3)


def scaling(points: list[dict[str, Any]]) -> dict[str, Any]:
    """The exponent of each command over the points (wall and CPU); a point that failed is named in
    ``failed`` and left out of the fit."""
    exps: dict[str, Any] = {}
    for label in points[-1]["commands"]:
        times = [pt["commands"].get(label, {}).get("median_s") for pt in points]
        cpus = [pt["commands"].get(label, {}).get("cpu_s") for pt in points]
        xs = [pt["clauses"] for pt, t in zip(points, times) if t]
        ys = [t for t in times if t]
        xc = [pt["clauses"] for pt, t in zip(points, cpus) if t]
        yc = [t for t in cpus if t]
        exps[label] = {"times": times, "cpu": cpus, "exponent": fit_exponent(xs, ys),
                       "tail": fit_exponent(xs[-2:], ys[-2:]) if len(xs) >= 2 else None,
                       "exponent_cpu": fit_exponent(xc, yc),
                       "failed": [pt["clauses"] for pt, t in zip(points, times) if not t]}
    return {"points": points, "exponents": exps}


def run_series(shapes: list[Shape], made: dict[Shape, tuple[Path, dict[str, Any]]],
               args: argparse.Namespace) -> dict[str, Any]:
    work = Path(args.work)
    points = []
    for shape in shapes:  # untimed: the parse cache of each workspace, the inputs of import-docx
        ws, meta = made[shape]
        scratch = work / f"run-n{shape.clauses}"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        warm_up(ws)
        points.append((shape, ws, meta, prepare(ws, meta, scratch), scratch))
    logdir = work / f"run-n{shapes[0].clauses}" / "logs"
    commands: dict[int, dict[str, Any]] = {shape.clauses: {} for shape in shapes}
    for label in P.COMMANDS:
        if label in SKIP:
            continue
        group: list[tuple[int, Variant]] = []
        for shape, ws, meta, prep, scratch in points:
            vs = P.command_variants(label, ws, meta, prep, scratch, ("warm",))
            if isinstance(vs, str):
                commands[shape.clauses][label] = missing(vs)
                continue
            vs[0].name = f"n{shape.clauses}"
            group.append((shape.clauses, vs[0]))
        for _, v in group:  # untimed: the file cache, the parse cache of the command itself
            run_once(v.prepare(), logdir, f"warm-up.{label}.{v.name}")
            if v.cleanup:
                v.cleanup()
        got = alternate([v for _, v in group], args.repeat, logdir, label)
        for n, v in group:
            commands[n][label] = got[v.name]
        log(f"  series {label:<22} " + "  ".join(
            f"{k} {g['median_s']:.3f} s (cpu {g['cpu_s']:.2f})" if g.get("median_s") is not None
            else f"{k} {g['status']}" for k, g in got.items()))
    return scaling([{"clauses": s.clauses, "amendments": s.amendments, "decisions": s.decisions,
                     "commands": commands[s.clauses]} for s in shapes])
