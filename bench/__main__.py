"""``python -m bench``: drafting at negotiation scale, against the floor and the tools people use instead.

    python -m bench [--sizes S,XL] [--repeat 3] [--series 250,500,1000,2000 | --no-series] [--quick]
                    [--seed 1] [--work DIR] [--out FILE] [--no-profile] [--regenerate]

Every command runs as a whole process (cold start included), ``--repeat`` times; the median wall time
and the peak resident memory (``/usr/bin/time -f %M``, else ``getrusage`` in a small wrapper) are
reported per command and size, with the references (the floor writer, pandoc, python-redlines) run in
the same run on the same text, the growth exponent of each command over the scaling series, the
performance targets with PASS/MISS, and, for each missed target, a cProfile of the command at XL.
Results go to ``bench/results.json``.  Workspaces are generated once and cached under ``bench/work/``.

``--quick``: size S only, one repeat, no scaling series, no warm-up, no profiles (the smoke test).
Exit status: 0 when the benchmark ran (targets may be missed: see the table), 1 when a drafting command
failed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
REFS = BENCH / "references.py"
GEN_VERSION_FILE = BENCH / "generate.py"

SIZES = {"S": (70, 35), "XL": (2000, 10_000)}
SERIES = (250, 500, 1000, 2000)
AMENDMENTS_PER_CLAUSE = 5          # XL: 10,000 open amendments on 2,000 clauses
IMPORT_CHANGES_XL = 1000           # tracked changes in the Word file import-docx reads, at 2,000 clauses
TIMEOUT = 1800
TIME = "/usr/bin/time"
ENV_EXTRA = {"DRAFTING_NOW": "2024-12-01T10:00:00", "DRAFTING_DATE": "2024-12-01"}

# the commands measured, in the order printed; label -> (argv after `drafting -C WS`, what it is)
COMMANDS: list[tuple[str, list[str], str]] = [
    ("help", ["--help"], "drafting --help (start-up)"),
    ("validate", ["validate"], "drafting validate"),
    ("status", ["status", "--format", "json"], "drafting status --format json"),
    ("compile-clean", ["compile", "--kind", "clean", "--lang", "es"], "compile --kind clean --lang es (docx)"),
    ("compile-compilation", ["compile", "--kind", "compilation", "--lang", "es"],
     "compile --kind compilation --lang es (docx)"),
    ("compile-changes", ["compile", "--kind", "changes", "--lang", "es", "--since", "zero"],
     "compile --kind changes --lang es --since zero (docx)"),
    ("compile-synoptic", ["compile", "--kind", "synoptic", "--lang", "es"],
     "compile --kind synoptic --lang es (docx)"),
    ("diff", ["diff", "zero", "rev1"], "drafting diff zero rev1"),
    ("diff-worktree", ["diff"], "drafting diff (rev1 -> working tree)"),
    ("decide", ["decide"], "drafting decide ID accept (one commit, on a scratch copy)"),
    ("import-docx", ["import-docx"], "import-docx FILE --by BRA --dry-run (tracked changes)"),
]
REFERENCES = [
    ("floor", "the floor: lxml + zipfile writer of the same paragraphs"),
    ("pandoc", "pandoc: the same clean text, Markdown -> .docx"),
    ("python-redlines", "python-redlines (docxodus engine): redline of the zero and rev1 clean drafts"),
    ("python-redlines-powertools", "python-redlines (Open-XML-PowerTools engine, deprecated): same redline"),
]


# ------------------------------------------------------------------------------------------ helpers

def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def drafting_exe() -> list[str]:
    exe = Path(sys.executable).with_name("drafting")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafting.cli"]


def gen_version() -> int:
    for line in GEN_VERSION_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("GENERATOR_VERSION"):
            return int(line.split("=")[1].split("#")[0])
    return 0


def env() -> dict[str, str]:
    e = dict(os.environ)
    e.update(ENV_EXTRA)
    e.pop("PYTHONPATH", None)
    return e


_WRAPPER = ("import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "rc = subprocess.run(sys.argv[2:]).returncode\n"
            "t = time.perf_counter() - t\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "open(sys.argv[1], 'w').write(f'{u.ru_maxrss} {u.ru_utime + u.ru_stime} {t} {rc}')\n"
            "sys.exit(rc)\n")


def run_once(cmds: list[list[str]], logdir: Path, label: str, cwd: Path | None = None) -> dict[str, Any]:
    """Run ``cmds`` one after the other; their summed wall time, the largest peak memory, the first
    failure.  stdout and stderr go to files (as a terminal user would redirect them)."""
    logdir.mkdir(parents=True, exist_ok=True)
    wall, cpu, peak_kb, rc, err = 0.0, 0.0, 0, 0, ""
    for i, argv in enumerate(cmds):
        with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as tf:
            rss_file = tf.name
        use_time = os.access(TIME, os.X_OK)
        full = ([TIME, "-f", "%M %U %S", "-o", rss_file, *argv] if use_time
                else [sys.executable, "-c", _WRAPPER, rss_file, *argv])
        out_path, err_path = logdir / f"{label}.{i}.out", logdir / f"{label}.{i}.err"
        with open(out_path, "wb") as out, open(err_path, "wb") as errf:
            t0 = time.perf_counter()
            try:
                proc = subprocess.run(full, stdout=out, stderr=errf, cwd=cwd, env=env(), timeout=TIMEOUT)
                code = proc.returncode
            except subprocess.TimeoutExpired:
                code = -9
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
            err = ("timeout after %d s" % TIMEOUT) if code == -9 else "\n".join(tail[-8:])
    return {"wall": round(wall, 4), "cpu": round(cpu, 3), "peak_mb": round(peak_kb / 1024, 1), "rc": rc,
            "error": err}


def measure(make: Callable[[], list[list[str]]], repeat: int, logdir: Path, label: str,
            cwd: Path | None = None) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        cmds = make()
        r = run_once(cmds, logdir, label, cwd)
        runs.append(r)
        if r["rc"] != 0:
            break
    ok = [r for r in runs if r["rc"] == 0]
    result: dict[str, Any] = {"argv": make_display(make),
                              "runs": [{k: r[k] for k in ("wall", "cpu", "peak_mb", "rc")} for r in runs]}
    if len(ok) == len(runs):
        result.update(status="ok", median_s=round(statistics.median(r["wall"] for r in ok), 4),
                      cpu_s=round(statistics.median(r["cpu"] for r in ok), 3),
                      peak_mb=max(r["peak_mb"] for r in ok))
    else:
        bad = next(r for r in runs if r["rc"] != 0)
        result.update(status="error", reason=bad["error"] or f"exit status {bad['rc']}",
                      median_s=None, cpu_s=None, peak_mb=None)
    return result


_DISPLAY: dict[int, list[str]] = {}


def make_display(make: Callable[[], list[list[str]]]) -> list[str]:
    return _DISPLAY.get(id(make), [])


def shown(cmds: list[list[str]]) -> list[str]:
    return [" ".join(c) for c in cmds]


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


# ------------------------------------------------------------------------------------------ workspaces

def workspace(work: Path, clauses: int, amendments: int, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The cached generated workspace for these parameters (generated if missing)."""
    key = f"ws-c{clauses}-a{amendments}-s{seed}-g{gen_version()}"
    root, meta_path = work / key, work / f"{key}.json"
    if not regenerate and root.is_dir() and meta_path.is_file():
        return root, json.loads(meta_path.read_text(encoding="utf-8"))
    shutil.rmtree(root, ignore_errors=True)
    meta_path.unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    log(f"generating {clauses} clauses, {amendments} open amendments (seed {seed}) in {root}")
    proc = subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--clauses", str(clauses),
                           "--amendments", str(amendments), "--seed", str(seed), "--quiet"],
                          cwd=REPO, env=env(), capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise SystemExit(f"generating {root} failed:\n{proc.stderr[-3000:]}")
    meta = json.loads(proc.stdout)
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return root, meta


def prepare(ws: Path, meta: dict[str, Any], scratch: Path) -> dict[str, Any]:
    """Untimed inputs of the references and of import-docx, made with drafting from the same text."""
    d = drafting_exe()
    prep = scratch / "prep"
    shutil.rmtree(prep, ignore_errors=True)
    steps = {
        "clean": [*d, "-C", str(ws), "compile", "--kind", "clean", "--lang", "es", "--out", str(prep / "clean")],
        "md": [*d, "-C", str(ws), "compile", "--kind", "clean", "--lang", "es", "--format", "md",
               "--out", str(prep / "md")],
        "zero": [*d, "-C", str(ws), "compile", "--kind", "clean", "--lang", "es", "--at", "zero",
                 "--out", str(prep / "zero")],
        "rev1": [*d, "-C", str(ws), "compile", "--kind", "clean", "--lang", "es", "--at", "rev1",
                 "--out", str(prep / "rev1")],
    }
    out: dict[str, Any] = {"problems": {}}
    for name, argv in steps.items():
        proc = subprocess.run(argv, capture_output=True, text=True, env=env())
        if proc.returncode != 0:
            out["problems"][name] = f"{' '.join(argv[1:])} failed: {proc.stderr.strip()[-500:]}"
    docs = meta["documents"]
    out["clean"] = [prep / "clean" / f"{doc}-clean-es.docx" for doc in docs]
    out["md"] = [prep / "md" / f"{doc}-clean-es.md" for doc in docs]
    out["zero"] = [prep / "zero" / f"{doc}-clean-es.docx" for doc in docs]
    out["rev1"] = [prep / "rev1" / f"{doc}-clean-es.docx" for doc in docs]
    out["paragraphs"] = prep / "paragraphs.json"
    if all(p.exists() for p in out["clean"]):
        subprocess.run([sys.executable, str(REFS), "paragraphs", *map(str, out["clean"]), "--out",
                        str(out["paragraphs"])], check=True, env=env())
        out["paragraph_count"] = sum(len(v) for v in json.loads(out["paragraphs"].read_text("utf-8")).values())
        changes = max(10, round(IMPORT_CHANGES_XL * meta["clauses"] / 2000))
        biggest = max(out["clean"], key=lambda p: p.stat().st_size)
        out["import_file"] = prep / f"tracked-{changes}.docx"
        made = subprocess.run([sys.executable, str(REFS), "inject", str(biggest), str(out["import_file"]),
                               "--changes", str(changes), "--author", "Brasil"],
                              check=True, capture_output=True, text=True, env=env())
        out["import_changes"] = json.loads(made.stdout)
    return out


# ------------------------------------------------------------------------------------------ one size

def importer_missing() -> str | None:
    if not (REPO / "drafting" / "ingest" / "importer.py").is_file():
        return "import-docx is not implemented yet (drafting/ingest/importer.py is missing)"
    return None


def command_makers(ws: Path, meta: dict[str, Any], scratch: Path, prep: dict[str, Any]
                   ) -> dict[str, Callable[[], list[list[str]]] | str]:
    """label -> a function giving the argv list of one timed run (setup done, untimed), or a reason
    why the command cannot be measured."""
    d = drafting_exe()
    out = scratch / "out"
    makers: dict[str, Callable[[], list[list[str]]] | str] = {}
    for label, args, _ in COMMANDS:
        if label == "help":
            cmds = [[*d, "--help"]]
            makers[label] = (lambda c=cmds: c)
        elif label.startswith("compile-"):
            cmds = [[*d, "-C", str(ws), *args, "--out", str(out / label)]]
            makers[label] = (lambda c=cmds: c)
        elif label == "decide":
            if not meta.get("decide_id"):
                makers[label] = "the generated workspace has no open replace amendment in Spanish to accept"
                continue
            copy = scratch / "decide-ws"

            def fresh(copy: Path = copy, aid: str = meta["decide_id"]) -> list[list[str]]:
                shutil.rmtree(copy, ignore_errors=True)
                subprocess.run(["cp", "-a", str(ws), str(copy)], check=True)
                # a working copy in use has a fresh index stat cache; a copied one must be refreshed
                subprocess.run(["git", "-C", str(copy), "update-index", "-q", "--refresh"], check=False)
                return [[*d, "-C", str(copy), "decide", aid, "accept", "--date", "2024-12-01",
                         "--note", "Agreed at the second reading."]]
            makers[label] = fresh
        elif label == "import-docx":
            why = importer_missing() or (None if prep.get("import_file") else "no draft to import (compile failed)")
            if why:
                makers[label] = why
                continue
            cmds = [[*d, "-C", str(ws), "import-docx", str(prep["import_file"]), "--by", "BRA", "--dry-run"]]
            makers[label] = (lambda c=cmds: c)
        else:
            cmds = [[*d, "-C", str(ws), *args]]
            makers[label] = (lambda c=cmds: c)
    return makers


def reference_makers(scratch: Path, prep: dict[str, Any], availability: dict[str, tuple[str | None, str]]
                     ) -> dict[str, Callable[[], list[list[str]]] | str]:
    out = scratch / "out"
    makers: dict[str, Callable[[], list[list[str]]] | str] = {}
    if prep.get("paragraphs") and Path(prep["paragraphs"]).exists():
        cmds = [[sys.executable, str(REFS), "floor", str(prep["paragraphs"]), str(out / "floor")]]
        makers["floor"] = (lambda c=cmds: c)
    else:
        makers["floor"] = "no paragraphs (the clean draft did not compile)"
    version, why = availability["pandoc"]
    if version is None:
        makers["pandoc"] = why
    elif not all(p.exists() for p in prep["md"]):
        makers["pandoc"] = f"no Markdown draft to convert: {prep['problems'].get('md', '')}"
    else:
        (out / "pandoc").mkdir(parents=True, exist_ok=True)
        cmds = [["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out / "pandoc" / (p.stem + ".docx")), str(p)]
                for p in prep["md"]]
        makers["pandoc"] = (lambda c=cmds: c)
    for label, engine in (("python-redlines", "docxodus"), ("python-redlines-powertools", "powertools")):
        version, why = availability[label]
        if version is None:
            makers[label] = why
        elif not all(p.exists() for p in prep["zero"] + prep["rev1"]):
            makers[label] = ("no zero/rev1 clean drafts to compare: "
                             + "; ".join(prep["problems"].get(k, "") for k in ("zero", "rev1")))
        else:
            (out / label).mkdir(parents=True, exist_ok=True)
            cmds = [[sys.executable, str(REFS), "redline", engine, str(a), str(b), str(out / label / a.name)]
                    for a, b in zip(prep["zero"], prep["rev1"])]
            makers[label] = (lambda c=cmds: c)
    return makers


def run_size(name: str, clauses: int, amendments: int, args: argparse.Namespace,
             availability: dict[str, tuple[str | None, str]], *, references: bool = True,
             skip: tuple[str, ...] = ()) -> dict[str, Any]:
    work = Path(args.work)
    ws, meta = workspace(work, clauses, amendments, args.seed, args.regenerate)
    scratch = work / f"run-{name}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    prep = prepare(ws, meta, scratch)
    result: dict[str, Any] = {"workspace": str(ws), "info": meta,
                              "draft_paragraphs_es": prep.get("paragraph_count"),
                              "import_changes": prep.get("import_changes"),
                              "prep_problems": prep["problems"], "commands": {}, "references": {}}
    logdir = scratch / "logs"
    result["load_before"] = loadavg()
    if not args.quick:  # warm the file cache and the bytecode caches once, untimed
        run_once([[*drafting_exe(), "-C", str(ws), "status"]], logdir, "warm-up")
    groups = [("commands", command_makers(ws, meta, scratch, prep))]
    if references:
        groups.append(("references", reference_makers(scratch, prep, availability)))
    for group, makers in groups:
        for label, make in makers.items():
            if label in skip:
                continue
            if isinstance(make, str):
                result[group][label] = {"status": "missing", "reason": make, "median_s": None, "cpu_s": None,
                                        "peak_mb": None}
                log(f"  {name:>5} {label:<28} missing: {make}")
                continue
            _DISPLAY[id(make)] = shown(make()) if label != "decide" else ["drafting -C <copy> decide "
                                                                          f"{meta.get('decide_id')} accept ..."]
            r = measure(make, args.repeat, logdir, label)
            result[group][label] = r
            if r["status"] == "ok":
                log(f"  {name:>5} {label:<28} {r['median_s']:8.3f} s (cpu {r['cpu_s']:7.3f} s) {r['peak_mb']:8.1f} MB")
            else:
                log(f"  {name:>5} {label:<28} {r['status']}: {r['reason'].splitlines()[-1] if r['reason'] else ''}")
    shutil.rmtree(scratch / "decide-ws", ignore_errors=True)
    result["load_after"] = loadavg()
    return result


def loadavg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


# ------------------------------------------------------------------------------------------ targets

def _median(results: dict[str, Any], size: str, group: str, label: str) -> float | None:
    r = results["sizes"].get(size, {}).get(group, {}).get(label)
    return r.get("median_s") if r else None


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    size = "XL"
    rows: list[dict[str, Any]] = []

    def limit(name: str, label: str, value: float | None, bound: float, *, why: str = "") -> None:
        rows.append({"target": name, "command": label, "measured": value, "unit": "s", "limit": f"≤ {bound} s",
                     "ratio": None, "reference": None,
                     "status": "MISSING" if value is None else ("PASS" if value <= bound else "MISS"),
                     "note": why if value is None else ""})

    def why(label: str, group: str = "commands") -> str:
        r = results["sizes"].get(size, {}).get(group, {}).get(label)
        if r is None:
            return f"size {size} was not run"
        return r.get("reason", "")

    m = lambda label, group="commands": _median(results, size, group, label)  # noqa: E731
    limit("drafting --help ≤ 0.15 s", "help", m("help"), 0.15, why=why("help"))
    for label, title in (("validate", "validate"), ("status", "status --format json"),
                         ("diff", "diff zero rev1"), ("diff-worktree", "diff (rev1 -> working tree)")):
        limit(f"{title} ≤ 1 s", label, m(label), 1, why=why(label))
    limit("compile --kind clean --lang es ≤ 1 s", "compile-clean", m("compile-clean"), 1, why=why("compile-clean"))

    def ratio(name: str, label: str, ref: str, bound: float, faster: bool) -> None:
        a, b = m(label), m(ref, "references")
        value = None if a is None or b is None else (b / a if faster else a / b)
        note = why(label) if a is None else (why(ref, "references") if b is None else "")
        rows.append({"target": name, "command": label, "measured": a, "unit": "s",
                     "reference": ref, "reference_s": b, "ratio": None if value is None else round(value, 2),
                     "limit": f"{'≥' if faster else '≤'} {bound}×",
                     "status": "MISSING" if value is None else
                     ("PASS" if (value >= bound if faster else value <= bound) else "MISS"), "note": note})

    ratio("compile --kind clean ≤ 3× the floor", "compile-clean", "floor", 3, faster=False)
    limit("compile --kind compilation (10,000 open amendments) ≤ 3 s", "compile-compilation",
          m("compile-compilation"), 3, why=why("compile-compilation"))
    limit("compile --kind changes ≤ 2 s", "compile-changes", m("compile-changes"), 2, why=why("compile-changes"))
    ratio("compile --kind changes ≥ 30× faster than python-redlines (same two versions)", "compile-changes",
          "python-redlines", 30, faster=True)
    ratio("clean draft ≥ 10× faster than pandoc (same text)", "compile-clean", "pandoc", 10, faster=True)
    limit("decide (one decision, one commit) ≤ 0.5 s", "decide", m("decide"), 0.5, why=why("decide"))
    limit("import-docx (1,000 tracked changes) ≤ 3 s", "import-docx", m("import-docx"), 3, why=why("import-docx"))
    # peak memory over every drafting command at every size
    peaks = [(r["peak_mb"], f"{label} ({s})") for s, sr in results["sizes"].items()
             for label, r in sr.get("commands", {}).items() if r.get("peak_mb")]
    for point in results.get("scaling", {}).get("points", []):
        for label, r in point.get("commands", {}).items():
            if r.get("peak_mb"):
                peaks.append((r["peak_mb"], f"{label} ({point['clauses']} clauses)"))
    worst = max(peaks) if peaks else None
    rows.append({"target": "peak memory, any command ≤ 400 MB", "command": worst[1] if worst else None,
                 "measured": worst[0] if worst else None, "unit": "MB", "limit": "≤ 400 MB", "ratio": None,
                 "reference": None,
                 "status": "MISSING" if worst is None else ("PASS" if worst[0] <= 400 else "MISS"),
                 "note": "" if worst else "no command measured"})
    exps = [(v["exponent"], label) for label, v in results.get("scaling", {}).get("exponents", {}).items()
            if v.get("exponent") is not None and v.get("group") == "commands"]
    worst_e = max(exps) if exps else None
    rows.append({"target": "growth exponent, any command ≤ 1.1", "command": worst_e[1] if worst_e else None,
                 "measured": worst_e[0] if worst_e else None, "unit": "", "limit": "≤ 1.1", "ratio": None,
                 "reference": None,
                 "status": "MISSING" if worst_e is None else ("PASS" if worst_e[0] <= 1.1 else "MISS"),
                 "note": "" if worst_e else "no scaling series (--no-series or --quick)"})
    return rows


# ------------------------------------------------------------------------------------------ profiles

def profile(label: str, ws: Path, meta: dict[str, Any], work: Path, top: int = 25) -> dict[str, Any]:
    """cProfile of one run of a drafting command at XL: the functions with the most cumulative time."""
    scratch = work / "run-profile"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    prep = prepare(ws, meta, scratch) if label == "import-docx" else {"problems": {}}
    make = command_makers(ws, meta, scratch, prep).get(label)
    if not callable(make):
        return {"command": label, "error": make or "unknown command"}
    argv = make()[0]
    i = argv.index("-C") if "-C" in argv else 1
    if label == "help":  # start-up is imports: show the slowest ones (cumulative microseconds)
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafting.cli", "--help"],
                              capture_output=True, text=True, env=env(), cwd=REPO)
        rows = []
        for ln in proc.stderr.splitlines():
            parts = ln.split("|")
            if len(parts) == 3 and parts[1].strip().isdigit():
                rows.append((int(parts[1]), ln.removeprefix("import time:").rstrip()))
        rows.sort(reverse=True)
        shutil.rmtree(scratch, ignore_errors=True)
        return {"command": label, "argv": "python -X importtime -m drafting.cli --help",
                "profiled_wall_s": round(rows[0][0] / 1e6, 3) if rows else None, "rc": proc.returncode,
                "header": "  self [us] | cumulative | imported package", "top": [r[1] for r in rows[:top]]}
    prof = scratch / f"{label}.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "drafting.cli", *argv[i:]]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=TIMEOUT, cwd=REPO)
    wall = time.perf_counter() - t0
    if not prof.exists():
        return {"command": label, "error": proc.stderr[-1000:]}
    import io
    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(top + 12)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next((k for k, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    body = [ln for ln in lines[start + 1:]
            if not any(s in ln for s in ("{built-in method builtins.exec}", "<frozen runpy>", "<string>:1(<module>)",
                                         "cli.py:", "commands.py:"))]
    shutil.rmtree(scratch, ignore_errors=True)
    return {"command": label, "argv": " ".join(["drafting", *argv[i:]]), "profiled_wall_s": round(wall, 2),
            "rc": proc.returncode, "header": lines[start] if lines else "", "top": body[:top]}


# ------------------------------------------------------------------------------------------ report

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


def print_report(results: dict[str, Any]) -> None:
    p = print
    m = results["machine"]
    p(f"\ndrafting benchmark — {results['date']} — {m['cpu']} × {m['cores']}, {m['memory']}, Python {m['python']}, "
      f"drafting {m['drafting_commit']}{' (modified)' if m['drafting_dirty'] else ''}")
    p(f"repeat {results['settings']['repeat']}, median wall time of whole processes (cold start), peak RSS\n")
    for size, sr in results["sizes"].items():
        info = sr["info"]
        p(f"## {size}: {info['clauses']} clauses × {len(info['languages'])} languages, {info['open_amendments']} open "
          f"amendments ({info['competing']} competing), {info['decisions']} decisions zero→rev1, "
          f"{sr.get('draft_paragraphs_es')} paragraphs in the es drafts")
        load = f"load average {sr.get('load_before')} → {sr.get('load_after')} on {m['cores']} cores"
        busy = (sr.get("load_before") or 0) > (m["cores"] or 1)  # the benchmark itself adds about 1
        p(f"({load}{'; BUSY MACHINE: wall times are inflated, compare cpu s' if busy else ''})")
        p(f"{'command':<30} {'median s':>10} {'cpu s':>9} {'peak MB':>9}  note")
        for group in ("commands", "references"):
            for label, r in sr[group].items():
                reason = ((r.get("reason") or "").strip().splitlines() or [""])[-1]
                note = "" if r["status"] == "ok" else f"{r['status'].upper()}: {reason}"
                p(f"{label:<30} {fmt_s(r.get('median_s')):>10} {fmt_s(r.get('cpu_s')):>9} "
                  f"{fmt_s(r.get('peak_mb')):>9}  {note}")
        p("")
    sc = results.get("scaling")
    if sc and sc.get("points"):
        xs = [pt["clauses"] for pt in sc["points"]]
        p("## scaling series (amendments = 5 × clauses; import-docx: changes = clauses / 2)")
        p("median wall s per clause count; exponent: least-squares slope of log(time) on log(clauses); "
          "last 2: between the two largest; cpu: the slope of CPU time")
        p(f"{'command':<30} " + " ".join(f"{x:>8}" for x in xs) + f" {'exponent':>9} {'last 2':>7} {'cpu':>6}")
        dash = lambda v: "—" if v is None else v  # noqa: E731
        for label, e in sc["exponents"].items():
            p(f"{label:<30} " + " ".join(f"{fmt_s(v):>8}" for v in e["times"])
              + f" {dash(e['exponent']):>9} {dash(e['tail']):>7} {dash(e.get('exponent_cpu')):>6}")
        p("")
    p("## targets (XL, medians)")
    p(f"{'target':<72} {'measured':>10} {'reference':>16} {'ratio':>8} {'limit':>9}  result")
    for t in results["targets"]:
        meas = "—" if t["measured"] is None else (f"{t['measured']:.3f} s" if t["unit"] == "s" else
                                                  f"{t['measured']} {t['unit']}".strip())
        ref = "" if not t.get("reference") else f"{t['reference'][:9]} {fmt_s(t.get('reference_s'))}"
        ratio = "" if t.get("ratio") is None else f"{t['ratio']}×"
        extra = f" ({t['command']})" if t["target"].startswith(("peak", "growth")) and t["command"] else ""
        p(f"{t['target']:<72} {meas:>10} {ref:>16} {ratio:>8} {t['limit']:>9}  {t['status']}{extra}"
          + (f" — {t['note'].splitlines()[-1]}" if t.get("note") else ""))
    met = sum(t["status"] == "PASS" for t in results["targets"])
    p(f"\n{met} of {len(results['targets'])} targets met.")
    for prof in results.get("profiles", []):
        p(f"\n## profile: {prof.get('argv', prof['command'])} (under cProfile: {prof.get('profiled_wall_s')} s)")
        if prof.get("error"):
            p(f"  could not profile: {prof['error']}")
            continue
        p("  " + prof["header"])
        for ln in prof["top"]:
            p("  " + ln)


# ------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="S,XL", help="comma-separated: S, XL (default: S,XL)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--series", default=",".join(map(str, SERIES)),
                    help="clause counts of the scaling series (default: 250,500,1000,2000)")
    ap.add_argument("--no-series", action="store_true")
    ap.add_argument("--quick", action="store_true", help="S only, one repeat, no series, no profiles (smoke test)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=str(BENCH / "work"), help="where workspaces are cached (default: bench/work)")
    ap.add_argument("--out", default=str(BENCH / "results.json"))
    ap.add_argument("--no-profile", action="store_true", help="do not profile the commands that miss a target")
    ap.add_argument("--regenerate", action="store_true", help="regenerate the cached workspaces")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.no_series, args.no_profile = "S", 1, True, True
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or args.repeat < 1:
        ap.error(f"unknown size(s) {unknown}; known: {', '.join(SIZES)}" if unknown else "--repeat must be ≥ 1")
    started = time.perf_counter()
    from . import references as refs
    availability = {"pandoc": refs.pandoc_version(), "python-redlines": refs.redlines_status("docxodus"),
                    "python-redlines-powertools": refs.redlines_status("powertools")}
    for name, (version, why) in availability.items():
        log(f"reference {name}: {version or 'MISSING — ' + why}")
    results: dict[str, Any] = {
        "machine": machine(), "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "settings": {"sizes": sizes, "repeat": args.repeat, "quick": args.quick, "seed": args.seed,
                     "series": [] if args.no_series else [int(x) for x in args.series.split(",")],
                     "generator": gen_version()},
        "references_available": {k: {"version": v, "missing": w or None} for k, (v, w) in availability.items()},
        "descriptions": {label: what for label, _, what in COMMANDS} | dict(REFERENCES),
        "sizes": {}, "scaling": {}, "profiles": [],
    }
    for size in sizes:
        clauses, amendments = SIZES[size]
        log(f"size {size}: {clauses} clauses, {amendments} open amendments")
        results["sizes"][size] = run_size(size, clauses, amendments, args, availability)
    if not args.no_series:
        points = []
        for n in results["settings"]["series"]:
            m_ = n * AMENDMENTS_PER_CLAUSE
            reuse = next((s for s in sizes if SIZES[s] == (n, m_)), None)
            if reuse:
                sr = results["sizes"][reuse]
            else:
                log(f"series: {n} clauses, {m_} open amendments")
                sr = run_size(f"n{n}", n, m_, args, availability, skip=("help",))
            points.append({"clauses": n, "amendments": m_, "commands": sr["commands"],
                           "references": sr["references"]})
        exps: dict[str, Any] = {}
        for group in ("commands", "references"):
            labels = [lab for lab in points[-1][group] if lab != "help"]
            for label in labels:
                times = [pt[group].get(label, {}).get("median_s") for pt in points]
                cpus = [pt[group].get(label, {}).get("cpu_s") for pt in points]
                xs = [pt["clauses"] for pt, t in zip(points, times) if t]
                ys = [t for t in times if t]
                xc = [pt["clauses"] for pt, t in zip(points, cpus) if t]
                yc = [t for t in cpus if t]
                exps[label] = {"group": group, "times": times, "cpu": cpus, "exponent": fit_exponent(xs, ys),
                               "tail": fit_exponent(xs[-2:], ys[-2:]) if len(xs) >= 2 else None,
                               "exponent_cpu": fit_exponent(xc, yc)}
        results["scaling"] = {"points": [{k: v for k, v in pt.items()} for pt in points], "exponents": exps}
    results["targets"] = targets(results)
    results["targets_met"] = {"met": sum(t["status"] == "PASS" for t in results["targets"]),
                              "total": len(results["targets"]),
                              "missed": [t["target"] for t in results["targets"] if t["status"] != "PASS"]}
    if not args.no_profile and "XL" in results["sizes"]:
        wanted: list[str] = []
        for t in results["targets"]:
            if t["status"] == "MISS" and t["command"]:
                label = t["command"].split(" (")[0]
                if label in {c[0] for c in COMMANDS} and label not in wanted:
                    wanted.append(label)
        xl = results["sizes"]["XL"]
        for label in wanted:
            log(f"profiling {label} at XL")
            results["profiles"].append(profile(label, Path(xl["workspace"]), xl["info"], Path(args.work)))
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print_report(results)
    print(f"\nresults: {out} ({results['elapsed_s']} s)")
    failed = [(s, label) for s, sr in results["sizes"].items() for label, r in sr["commands"].items()
              if r["status"] == "error"]
    if failed:
        print("failed: " + ", ".join(f"{label} ({s})" for s, label in failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
