"""The printed report of a run (everything it prints is also in ``bench/results.json``)."""

from __future__ import annotations

import os
import platform
import socket
import subprocess
from pathlib import Path
from typing import Any

from .measure import TIME

REPO = Path(__file__).resolve().parent.parent


def machine() -> dict[str, Any]:
    def out(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    cpu = ""
    try:
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"hostname": socket.gethostname(), "platform": platform.platform(), "python": platform.python_version(),
            "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "git": out(["git", "--version"]),
            "drafting_commit": out(["git", "rev-parse", "--short", "HEAD"]),
            "drafting_dirty": bool(out(["git", "status", "--porcelain", "--", "drafting"])),
            "peak_memory_by": "/usr/bin/time -f %M" if os.access(TIME, os.X_OK) else "getrusage(RUSAGE_CHILDREN)"}


def fmt_s(v: float | None) -> str:
    return "—" if v is None else (f"{v:.3f}" if v < 10 else f"{v:.1f}")


def cell(r: dict[str, Any] | None) -> str:
    """``median [min–max]``, or what went wrong."""
    if not r:
        return ""
    if r.get("status") == "unfinished":
        return f"> {fmt_s(r['bound_s'])} (stopped unfinished)"
    if r.get("status") != "ok":
        return r.get("status", "").upper()
    return f"{fmt_s(r['median_s'])} [{fmt_s(r['min_s'])}–{fmt_s(r['max_s'])}]"


def _problems(sr: dict[str, Any]) -> list[str]:
    out = []
    for label, states in sr.get("commands", {}).items():
        for state, r in states.items():
            if r.get("status") != "ok":
                reason = ((r.get("reason") or "").strip().splitlines() or [""])[-1]
                out.append(f"  {label} ({state}): {r.get('status')}: {reason}")
    for label, r in sr.get("references", {}).items():
        if r.get("status") != "ok":
            reason = ((r.get("reason") or "").strip().splitlines() or [""])[-1]
            out.append(f"  {label}: {r.get('status')}: {reason}")
    return out


def print_size(name: str, sr: dict[str, Any], cores: int) -> None:
    p = print
    info = sr["info"]
    p(f"## {name}: {info['clauses']:,} clauses × {len(info['languages'])} languages, {info['open_amendments']:,} open "
      f"amendments ({info['competing']:,} competing), {info['decisions']:,} decisions over {info['revisions']} "
      f"revisions, {info['delegations']} delegations, {info['commits']:,} commits; "
      f"{sr.get('draft_paragraphs_es') or '?'} paragraphs in the es drafts")
    busy = (sr.get("load_before") or 0) > cores  # the benchmark itself adds about 1
    p(f"(load average {sr.get('load_before')} → {sr.get('load_after')} on {cores} cores"
      f"{'; BUSY MACHINE: wall times are inflated, compare cpu s' if busy else ''})")
    p(f"{'command':<22} {'warm s [min–max]':>24} {'cold s [min–max]':>24} {'cold/warm':>9} "
      f"{'no-cache s':>11} {'cpu s':>7} {'peak MB':>8}")
    for label, states in sr.get("commands", {}).items():
        w, c, n = states.get("warm"), states.get("cold"), states.get("no-cache")
        q = (f"{c['median_s'] / w['median_s']:.2f}×" if w and c and w.get("median_s") and c.get("median_s")
             else "")
        peak = max((r.get("peak_mb") or 0 for r in states.values()), default=0)
        p(f"{label:<22} {cell(w):>24} {cell(c):>24} {q:>9} {fmt_s((n or {}).get('median_s')) if n else '':>11} "
          f"{fmt_s((w or {}).get('cpu_s')):>7} {fmt_s(peak or None):>8}")
    for label, r in sr.get("references", {}).items():
        with_ = sr.get("paired_with", {}).get(label, "")
        p(f"{label:<22} {cell(r):>24} {'':>24} {'':>9} {'':>11} {fmt_s(r.get('cpu_s')):>7} "
          f"{fmt_s(r.get('peak_mb')):>8}  {'(in alternation with ' + with_ + ')' if with_ and not r.get('reused') else ''}"
          f"{'(reused, measured on ' + r['measured_on'] + ': same inputs, this machine)' if r.get('reused') else ''}")
    for line in _problems(sr):
        p(line)
    p("")


def print_targets(rows: list[dict[str, Any]]) -> None:
    p = print
    p("## targets")
    p(f"{'target':<66} {'at':>6} {'measured':>10} {'[min–max]':>15} {'cpu s':>7} {'reference':>20} {'ratio':>8} "
      f"{'limit':>8}  result")
    for t in rows:
        if t["measured"] is None:
            meas = "—"
        elif t["unit"] == "s":
            meas = f"{t['measured']:.3f} s"
        else:
            meas = f"{t['measured']} {t['unit']}".strip()
        ref = "" if not t.get("reference") else f"{t['reference'][:11]} {fmt_s(t.get('reference_s'))}"
        ratio = "" if t.get("ratio") is None else f"{t['ratio']}×"
        extra = f" ({t['command']})" if t["target"].startswith(("peak", "growth", "cold")) and t["command"] else ""
        note = f" — {t['note'].splitlines()[-1]}" if t.get("note") else ""
        cpu = fmt_s(t["cpu_s"]) if t.get("cpu_s") is not None else ""
        p(f"{t['target']:<66} {(t.get('size') or '')[:6]:>6} {meas:>10} {t.get('spread', ''):>15} {cpu:>7} {ref:>20} "
          f"{ratio:>8} {t['limit']:>8}  {t['status']}{extra}{note}")
    met = sum(t["status"] == "PASS" for t in rows)
    p(f"\n{met} of {len(rows)} targets met.")


def print_report(results: dict[str, Any]) -> None:
    p = print
    m = results["machine"]
    s = results["settings"]
    p(f"\ndrafting benchmark — {results['date']} — {m['cpu']} × {m['cores']}, {m['memory']}, Python {m['python']}, "
      f"drafting {m['drafting_commit']}{' (modified)' if m['drafting_dirty'] else ''}")
    p(f"each figure: the median [min–max] of {s['repeat']} runs of a whole process; warm: the workspace in use "
      f"(parse cache filled); cold: a fresh clone (no cache); no-cache: DRAFTING_CACHE=0 on the workspace in use; "
      f"the states of a command and its reference are run in alternation (A B A B ...)\n")
    for name, sr in results["sizes"].items():
        print_size(name, sr, m["cores"] or 1)
    sc = results.get("scaling")
    if sc and sc.get("points"):
        xs = [pt["clauses"] for pt in sc["points"]]
        p("## scaling series (warm; amendments = 5 × clauses, one decision per clause over 5 revisions)")
        p("median wall s per clause count; exponent: least-squares slope of log(time) on log(clauses); "
          "last 2: between the two largest; cpu: the slope of CPU time")
        p(f"{'command':<22} " + " ".join(f"{x:>8}" for x in xs) + f" {'exponent':>9} {'last 2':>7} {'cpu':>6}")
        dash = lambda v: "—" if v is None else v  # noqa: E731
        for label, e in sc["exponents"].items():
            p(f"{label:<22} " + " ".join(f"{fmt_s(v):>8}" for v in e["times"])
              + f" {dash(e['exponent']):>9} {dash(e['tail']):>7} {dash(e.get('exponent_cpu')):>6}")
        p("")
    for name, title in (("import_foreign", "import of a foreign Word file"), ("site", "the static site")):
        got = results.get(name)
        if not got:
            continue
        p(f"## {title} (bench/{name}.py)")
        if got.get("missing"):
            p(f"  {got['missing']}")
        for row in got.get("rows", []):
            p(f"  {row.get('label', '?'):<30} {cell(row):>24}  {row.get('what', '')}")
        p("")
    print_targets(results["targets"])
    for prof in results.get("profiles", []):
        p(f"\n## profile ({prof.get('for', '')}): {prof.get('argv', prof['command'])} "
          f"[{prof.get('size', '')}, {prof.get('state', '')}] (under cProfile: {prof.get('profiled_wall_s')} s)")
        if prof.get("error") is not None or "header" not in prof:
            p(f"  could not profile: {prof.get('error') or 'no profile written'} (exit {prof.get('rc')})")
            continue
        p("  " + prof["header"])
        for ln in prof["top"]:
            p("  " + ln)
