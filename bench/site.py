"""The static site at negotiation scale: ``drafting site`` on the XL negotiation (2,000 clauses × 4
languages, 10,000 open amendments, 2,000 decisions over five revisions), built from nothing, rebuilt
with nothing changed, and rebuilt after one decision (only the pages whose inputs changed are written).

    python -m bench.site [--work DIR] [--repeat N] [--workspace DIR]

For the bench runner: ``measure(work, repeat=N)`` returns rows like the other timed extras
(label, what, status, median_s, min_s, max_s, cpu_s, peak_mb, limit_s, reason).  Each run works on a
scratch copy of the cached workspace (copy not timed), with the site's history cache removed so that
the first build reads the whole history; every build is a whole ``drafting site`` process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
XL = {"clauses": 2000, "amendments": 10_000, "decisions": 2000, "revisions": 5, "delegations": 25}
LIMITS = {"site-full": 60.0, "site-unchanged": 5.0, "site-incremental": 5.0}
WHAT = {
    "site-full": "drafting site, from nothing (history read, every page and draft written)",
    "site-unchanged": "drafting site again, nothing changed (no page written)",
    "site-incremental": "drafting site after one decision (the pages it changes)",
}


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DRAFTING_NOW", None)
    return env


def xl_workspace(work: Path) -> tuple[Path, dict[str, Any]]:
    """The XL workspace with a 2,000-decision history, from the bench's cache (generated if missing)."""
    try:
        from .workspaces import Shape, workspaces  # the runner's cache of generated negotiations
    except ImportError:
        Shape = workspaces = None  # noqa: N806
    if Shape is not None and workspaces is not None:
        shape = Shape(XL["clauses"], XL["amendments"], XL["decisions"])
        root, meta = workspaces(work, [shape], 1, False)[shape]
        return Path(root), dict(meta)
    generator = (BENCH / "generate.py").read_text(encoding="utf-8")
    if "--revisions" not in generator:
        raise RuntimeError("bench/generate.py cannot make a history of 2,000 decisions over several revisions")
    root = work / "ws-site-xl"
    meta_path = work / "ws-site-xl.json"
    if not (root.is_dir() and meta_path.is_file()):
        shutil.rmtree(root, ignore_errors=True)
        proc = subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--quiet",
                               *(f"--{k}={v}" for k, v in XL.items())], cwd=REPO, env=_env(),
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"generating the XL workspace failed: {proc.stderr[-2000:]}")
        meta_path.write_text(proc.stdout, encoding="utf-8")
    return root, json.loads(meta_path.read_text(encoding="utf-8"))


def _open_amendment(ws: Path, meta: dict[str, Any]) -> str:
    if meta.get("decide_id"):
        return str(meta["decide_id"])
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "status", "--format", "json"],
                          env=_env(), capture_output=True, text=True, check=True)
    for clause in json.loads(proc.stdout)["clauses"]:
        if clause["open_amendments"]:
            return str(clause["open_amendments"][0])
    raise RuntimeError("no open amendment to decide")


def _timed(args: list[str], cwd: Path) -> tuple[float, float, float | None, str]:
    """Wall seconds, CPU seconds (the process and its children), peak MB, and stderr of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss / 1024 if after.ru_maxrss > before.ru_maxrss else None
    if proc.returncode != 0:
        raise RuntimeError(f"drafting {' '.join(args)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return wall, cpu, peak, proc.stdout


def run_once(ws: Path, meta: dict[str, Any], scratch: Path) -> dict[str, tuple[float, float, float | None]]:
    copy = scratch / "ws"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ws, copy, symlinks=True)
    shutil.rmtree(copy / ".git" / "drafting-cache" / "site-v1", ignore_errors=True)  # the history is read again
    out = scratch / "site"
    shutil.rmtree(out, ignore_errors=True)
    got = {}
    w, c, m, _ = _timed(["-C", str(copy), "site", "--out", str(out)], copy)
    got["site-full"] = (w, c, m)
    w, c, m, _ = _timed(["-C", str(copy), "site", "--out", str(out)], copy)
    got["site-unchanged"] = (w, c, m)
    aid = _open_amendment(copy, meta)
    subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(copy), "decide", aid, "reject",
                    "--note", "Not retained."], env=_env(), capture_output=True, check=True)
    w, c, m, _ = _timed(["-C", str(copy), "site", "--out", str(out)], copy)
    got["site-incremental"] = (w, c, m)
    return got


def measure(work: Path, repeat: int = 1) -> list[dict[str, Any]]:
    """Rows for the bench report: one per build (full, unchanged, after one decision)."""
    try:
        ws, meta = xl_workspace(Path(work))
    except Exception as e:  # reported as missing, not fatal
        return [{"label": label, "what": WHAT[label], "status": "missing", "reason": str(e), "limit_s": LIMITS[label]}
                for label in LIMITS]
    runs: list[dict[str, tuple[float, float, float | None]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        for _ in range(max(1, repeat)):
            runs.append(run_once(ws, meta, Path(tmp)))
    rows = []
    for label, limit in LIMITS.items():
        walls = [r[label][0] for r in runs]
        cpus = [r[label][1] for r in runs]
        peaks = [r[label][2] for r in runs if r[label][2] is not None]
        median = statistics.median(walls)
        rows.append({"label": label, "what": WHAT[label], "status": "ok" if median <= limit else "miss",
                     "median_s": round(median, 2), "min_s": round(min(walls), 2), "max_s": round(max(walls), 2),
                     "cpu_s": round(statistics.median(cpus), 2), "peak_mb": round(max(peaks)) if peaks else None,
                     "limit_s": limit, "reason": "", "times_s": [round(x, 2) for x in walls]})
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.site", description=__doc__.split("\n\n")[0])
    p.add_argument("--work", default=str(BENCH / "work"), help="the bench's workspace cache (default: bench/work)")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--workspace", help="time this workspace instead of the generated XL one")
    args = p.parse_args(argv)
    if args.workspace:
        ws, meta = Path(args.workspace), {}
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            runs = [run_once(ws, meta, Path(tmp)) for _ in range(max(1, args.repeat))]
        rows = [{"label": k, "median_s": round(statistics.median(r[k][0] for r in runs), 2),
                 "cpu_s": round(statistics.median(r[k][1] for r in runs), 2), "limit_s": LIMITS[k]} for k in LIMITS]
    else:
        rows = measure(Path(args.work), args.repeat)
    for r in rows:
        got = r.get("median_s")
        print(f"{r['label']:18} {'' if got is None else f'{got:7.2f} s':>10}  cpu {r.get('cpu_s', '-')!s:>6}  "
              f"limit {r['limit_s']:.0f} s  {r.get('status', '')} {r.get('reason', '')}")
    print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
