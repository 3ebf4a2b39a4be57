"""Timing whole processes: wall time, CPU time and peak memory of each run, and runs of several variants
taken in alternation (A B C A B C ...) so that a slow minute of a busy machine weighs on all of them alike.

A variant is a function that does its untimed set-up (a fresh clone, a scratch copy) and returns what to
time: the argv of one or more processes, the extra environment, the folder to run in.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT = 1800
TIME = "/usr/bin/time"
ENV_EXTRA = {"DRAFTING_NOW": "2024-12-01T10:00:00", "DRAFTING_DATE": "2024-12-01"}


_T0 = time.perf_counter()


def log(msg: str) -> None:
    """A progress line, with the clock and the minutes since the run began (where a run's time goes)."""
    print(f"{time.strftime('%H:%M:%S')} +{(time.perf_counter() - _T0) / 60:5.1f} min  {msg}", file=sys.stderr,
          flush=True)


def env(extra: dict[str, str] | None = None) -> dict[str, str]:
    e = dict(os.environ)
    e.update(ENV_EXTRA)
    e.pop("PYTHONPATH", None)
    e.pop("DRAFTING_CACHE", None)
    e.update(extra or {})
    return e


@dataclass
class Plan:
    """What one timed run executes."""

    cmds: list[list[str]]
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    limit_s: float | None = None    # stop the run (all its commands) after this long: "unfinished"


@dataclass
class Variant:
    name: str                       # "warm", "cold", "no-cache", or a reference's label
    prepare: Callable[[], Plan]     # untimed set-up, then what to time
    shown: str = ""                 # the command line as the report shows it
    cleanup: Callable[[], None] | None = None


_WRAPPER = ("import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "rc = subprocess.run(sys.argv[2:]).returncode\n"
            "t = time.perf_counter() - t\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "open(sys.argv[1], 'w').write(f'{u.ru_maxrss} {u.ru_utime + u.ru_stime} {t} {rc}')\n"
            "sys.exit(rc)\n")


def run_once(plan: Plan, logdir: Path, label: str) -> dict[str, Any]:
    """Run the plan's commands one after the other: their summed wall and CPU time, the largest peak
    memory, the first failure.  stdout and stderr go to files (as a user would redirect them)."""
    logdir.mkdir(parents=True, exist_ok=True)
    wall, cpu, peak_kb, rc, err = 0.0, 0.0, 0, 0, ""
    limit = plan.limit_s or TIMEOUT
    unfinished = False
    for i, argv in enumerate(plan.cmds):
        with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as tf:
            rss_file = tf.name
        use_time = os.access(TIME, os.X_OK)
        full = ([TIME, "-f", "%M %U %S", "-o", rss_file, *argv] if use_time
                else [sys.executable, "-c", _WRAPPER, rss_file, *argv])
        out_path, err_path = logdir / f"{label}.{i}.out", logdir / f"{label}.{i}.err"
        with open(out_path, "wb") as out, open(err_path, "wb") as errf:
            t0 = time.perf_counter()
            # a session of its own, so that a run stopped at its limit takes its children with it (the
            # .NET process python-redlines starts, under /usr/bin/time)
            proc = subprocess.Popen(full, stdout=out, stderr=errf, cwd=plan.cwd, env=env(plan.env),
                                    start_new_session=True)
            try:
                code = proc.wait(timeout=max(1.0, limit - wall))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                # only a run with a limit of its own (a reference) is "unfinished"; a drafting command
                # that reaches TIMEOUT has hung: an error
                code, unfinished = -9, plan.limit_s is not None
            elapsed = time.perf_counter() - t0
        try:
            text = Path(rss_file).read_text().split()
            if use_time:  # "Command exited with non-zero status N" may come first
                kb, used = int(text[-3]), float(text[-2]) + float(text[-1])
            else:
                kb, used, elapsed = int(text[0]), float(text[1]), float(text[2])
        except (OSError, ValueError, IndexError):
            kb, used = 0, 0.0
        finally:
            Path(rss_file).unlink(missing_ok=True)
        wall += elapsed
        cpu += used
        peak_kb = max(peak_kb, kb)
        if code != 0 and rc == 0:
            rc = code
            tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            tail = [ln for ln in tail if not ln.startswith("Command exited with non-zero status")]
            err = (f"stopped unfinished after {limit:g} s" if unfinished else f"timeout after {limit:g} s"
                   ) if code == -9 else "\n".join(tail[-8:])
        if unfinished:
            break
    return {"wall": round(wall, 4), "cpu": round(cpu, 3), "peak_mb": round(peak_kb / 1024, 1), "rc": rc,
            "error": err, "unfinished": unfinished}


def summary(runs: list[dict[str, Any]], shown: str = "") -> dict[str, Any]:
    """Median wall time with its spread (min, max, and max-min relative to the median), median CPU time,
    the largest peak memory; status error with the reason if any run failed."""
    out: dict[str, Any] = {"command": shown, "runs": [{k: r[k] for k in ("wall", "cpu", "peak_mb", "rc")}
                                                      for r in runs]}
    bad = next((r for r in runs if r["rc"] != 0), None)
    if bad is not None and bad.get("unfinished"):
        # stopped at its limit: what is known is that it takes longer than that (a lower bound)
        return out | {"status": "unfinished", "reason": bad["error"], "bound_s": round(bad["wall"], 1),
                      "median_s": None, "min_s": None, "max_s": None, "spread": None, "cpu_s": None,
                      "peak_mb": bad["peak_mb"] or None}
    if bad is not None or not runs:
        reason = (bad or {}).get("error") or (f"exit status {bad['rc']}" if bad else "not run")
        return out | {"status": "error", "reason": reason, "median_s": None, "min_s": None, "max_s": None,
                      "spread": None, "cpu_s": None, "peak_mb": None}
    walls = [r["wall"] for r in runs]
    med = statistics.median(walls)
    return out | {"status": "ok", "median_s": round(med, 4), "min_s": round(min(walls), 4),
                  "max_s": round(max(walls), 4),
                  "spread": round((max(walls) - min(walls)) / med, 3) if med > 0 else None,
                  "cpu_s": round(statistics.median(r["cpu"] for r in runs), 3),
                  "peak_mb": max(r["peak_mb"] for r in runs)}


def missing(reason: str, shown: str = "") -> dict[str, Any]:
    return {"command": shown, "status": "missing", "reason": reason, "median_s": None, "min_s": None,
            "max_s": None, "spread": None, "cpu_s": None, "peak_mb": None, "runs": []}


LONG = 120.0  # a run longer than this is not repeated: its spread is not worth the minutes


def alternate(variants: list[Variant], repeat: int, logdir: Path, label: str) -> dict[str, dict[str, Any]]:
    """Each variant ``repeat`` times, in turn (A B A B ...); a variant that fails stops being run, and
    one whose first run took more than ``LONG`` seconds (python-redlines on 10,000 paragraphs) runs once."""
    runs: dict[str, list[dict[str, Any]]] = {v.name: [] for v in variants}
    failed: set[str] = set()
    for _ in range(repeat):
        for v in variants:
            if v.name in failed or (runs[v.name] and runs[v.name][0]["wall"] > LONG):
                continue
            try:
                plan = v.prepare()
                r = run_once(plan, logdir, f"{label}.{v.name}")
            except (OSError, subprocess.SubprocessError) as e:
                r = {"wall": 0.0, "cpu": 0.0, "peak_mb": 0.0, "rc": -1, "error": f"set-up failed: {e}"}
            finally:
                if v.cleanup is not None:
                    v.cleanup()
            runs[v.name].append(r)
            if r["rc"] != 0:
                failed.add(v.name)
    return {v.name: summary(runs[v.name], v.shown) for v in variants}


def pair_ratios(a: dict[str, Any], b: dict[str, Any]) -> list[float]:
    """The ratio b/a of runs taken side by side (the i-th run of each)."""
    return [round(y["wall"] / x["wall"], 3) for x, y in zip(a.get("runs", []), b.get("runs", []))
            if x["wall"] > 0 and x["rc"] == 0 and y["rc"] == 0]
