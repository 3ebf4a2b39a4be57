"""cProfile of one drafting command in one state (warm, cold, no-cache): the functions with the most
cumulative time, as printed under each missed target."""

from __future__ import annotations

import io
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .measure import TIMEOUT, env
from .plan import command_variants

REPO = Path(__file__).resolve().parent.parent
_NOISE = ("{built-in method builtins.exec}", "<frozen runpy>", "<string>:1(<module>)", "cli.py:", "commands.py:")


def import_times(top: int) -> dict[str, Any]:
    """Start-up is imports: the slowest ones (cumulative microseconds)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafting.cli", "--help"],
                          capture_output=True, text=True, env=env(), cwd=REPO)
    rows = []
    for ln in proc.stderr.splitlines():
        parts = ln.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), ln.removeprefix("import time:").rstrip()))
    rows.sort(reverse=True)
    return {"argv": "python -X importtime -m drafting.cli --help",
            "profiled_wall_s": round(rows[0][0] / 1e6, 3) if rows else None, "rc": proc.returncode,
            "header": "  self [us] | cumulative | imported package", "top": [r[1] for r in rows[:top]]}


def profile(label: str, state: str, ws: Path, meta: dict[str, Any], prep: dict[str, Any], work: Path,
            top: int = 25) -> dict[str, Any]:
    """One run of ``label`` in ``state`` under cProfile."""
    head = {"command": label, "state": state}
    if label == "help":
        return head | import_times(top)
    scratch = work / "run-profile"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        variants = command_variants(label, ws, meta, prep, scratch, (state,))
        if isinstance(variants, str) or not variants:
            return head | {"error": variants or "nothing to profile"}
        plan = variants[0].prepare()
        argv = plan.cmds[0]
        i = argv.index("-C") if "-C" in argv else 1
        prof = scratch / f"{label}.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "drafting.cli", *argv[i:]]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env(plan.env), timeout=TIMEOUT, cwd=REPO)
        wall = time.perf_counter() - t0
        if not prof.exists():  # a command that was stopped leaves no profile and may say nothing
            return head | {"error": proc.stderr[-1000:].strip() or f"no profile written (exit {proc.returncode})",
                           "rc": proc.returncode}
        buf = io.StringIO()
        stats = pstats.Stats(str(prof), stream=buf)
        stats.sort_stats("cumulative").print_stats(top + 12)
        lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
        start = next((k for k, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        body = [ln for ln in lines[start + 1:] if not any(s in ln for s in _NOISE)]
        return head | {"argv": variants[0].shown, "profiled_wall_s": round(wall, 2), "rc": proc.returncode,
                       "header": lines[start] if lines else "", "top": body[:top]}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
