"""Importing a 2,000-paragraph Word file that lost its bookmarks: ``python -m bench.import_foreign``.

    python -m bench.import_foreign [--paragraphs 2000] [--amendments 10000] [--repeat 3] [--work DIR]
                                   [--out FILE] [--regenerate]

A generated workspace (``bench.generate``, cached under ``--work``) whose Plan of Action has at least
``--paragraphs`` paragraphs; its clean Rev.1 draft is compiled and imported by ``drafting import-docx
FILE --by BRA --dry-run --base rev1``, as a whole process, ``--repeat`` times, in two forms:

* ``bookmarks``: the draft as compiled (bookmarks, clause map, styles);
* ``no-bookmarks``: the same text as a foreign editor leaves it (pandoc, a paste into a delegation's own
  template): no bookmarks, no clause map, no paragraph or character styles, every number's tab a space.
  Every paragraph must be found by its text and position (repeated texts included).

Neither file changes anything, so each import must create 0 amendments: the count and the warnings are
reported next to the time (an import that invents amendments is reported as such, whatever its time).
The target: the no-bookmarks import in under 3 s.  The CPU time of the process is reported too: on a
machine busy with other work the wall time grows, the CPU time much less.

The benchmark runner can call ``measure(work, repeat=...)``: it returns a plain dict (the same as
``--out`` writes) with one entry per form: median and all wall times, amendments, warnings, paragraphs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TARGET_S = 3.0
ENV_EXTRA = {"DRAFTING_NOW": "2024-12-01T10:00:00", "DRAFTING_DATE": "2024-12-01"}
# the Plan of Action holds about 83 % of a generated workspace's paragraphs
PLAN_SHARE = 0.8


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def drafting_exe() -> list[str]:
    exe = Path(sys.executable).with_name("drafting")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafting.cli"]


def env() -> dict[str, str]:
    e = {**os.environ, **ENV_EXTRA}
    e.pop("PYTHONPATH", None)
    return e


def workspace(work: Path, paragraphs: int, amendments: int, regenerate: bool) -> Path:
    """A generated workspace whose Plan of Action has at least ``paragraphs`` paragraphs (cached)."""
    clauses = int(paragraphs / PLAN_SHARE) + 50
    root = work / f"import-foreign-c{clauses}-a{amendments}"
    if root.is_dir() and (root / "negotiation.yaml").is_file() and not regenerate:
        return root
    shutil.rmtree(root, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    log(f"generating {clauses} clauses, {amendments} open amendments in {root}")
    subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--clauses", str(clauses),
                    "--amendments", str(amendments), "--seed", "1", "--quiet"],
                   cwd=REPO, env=env(), check=True, capture_output=True)
    return root


def without_bookmarks(docx: bytes) -> bytes:
    """The draft as a foreign editor leaves it: no bookmarks, clause map, styles; number tabs as spaces."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            if name.startswith("customXml/"):
                continue
            data = src.read(name)
            if name == "word/document.xml":
                root = etree.fromstring(data)
                for el in list(root.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd", f"{{{W}}}pStyle")):
                    el.getparent().remove(el)
                for style in list(root.iter(f"{{{W}}}rStyle")):
                    run = style.getparent().getparent()
                    if style.get(f"{{{W}}}val") == "DraftNumber":
                        for tab in run.findall(f"{{{W}}}tab"):
                            tab.tag = f"{{{W}}}t"
                            tab.text = " "
                    style.getparent().remove(style)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name == "word/_rels/document.xml.rels":
                root = etree.fromstring(data)
                for rel in list(root.iter(f"{{{REL}}}Relationship")):
                    if rel.get("Type", "").endswith("/customXml"):
                        root.remove(rel)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/customXml/[^>]*/>', b"", data)
            z.writestr(name, data)
    return out.getvalue()


def prepare(ws: Path, scratch: Path) -> dict[str, Path]:
    """The two files to import (untimed)."""
    scratch.mkdir(parents=True, exist_ok=True)
    subprocess.run([*drafting_exe(), "-C", str(ws), "compile", "--kind", "clean", "--lang", "es",
                    "--document", "plan-of-action", "--out", str(scratch)],
                   check=True, capture_output=True, env=env())
    clean = scratch / "plan-of-action-clean-es.docx"
    bare = scratch / "plan-of-action-no-bookmarks.docx"
    bare.write_bytes(without_bookmarks(clean.read_bytes()))
    return {"bookmarks": clean, "no-bookmarks": bare}


def paragraph_count(docx: Path) -> int:
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return sum(1 for _ in root.iter(f"{{{W}}}p"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_once(ws: Path, file: Path) -> tuple[float, float, int, list[str], str]:
    """One import as a whole process: wall time, CPU time (what a busy machine does not inflate),
    amendments it would create, warnings, errors."""
    argv = [*drafting_exe(), "-C", str(ws), "import-docx", str(file), "--by", "BRA", "--dry-run",
            "--base", "rev1"]
    started, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env())
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    made = re.search(r"would create (\d+) amendment", proc.stdout)
    warnings = [ln.removeprefix("warning: ") for ln in proc.stdout.splitlines() if ln.startswith("warning: ")]
    error = proc.stderr.strip()[-500:] if proc.returncode != 0 else ""
    return seconds, cpu, int(made.group(1)) if made else 0, warnings, error


def measure(work: Path, *, paragraphs: int = 2000, amendments: int = 10_000, repeat: int = 3,
            regenerate: bool = False) -> dict[str, Any]:
    """Both imports, ``repeat`` times each; a plain dict of results (see the module docstring)."""
    ws = workspace(work, paragraphs, amendments, regenerate)
    files = prepare(ws, work / "import-foreign-files")
    out: dict[str, Any] = {"workspace": str(ws), "target_s": TARGET_S, "load": os.getloadavg()[0],
                           "forms": {}}
    for form, file in files.items():
        times: list[float] = []
        cpus: list[float] = []
        warnings: list[str] = []
        made, error = 0, ""
        for _ in range(repeat):
            seconds, cpu, made, warnings, error = import_once(ws, file)
            times.append(seconds)
            cpus.append(cpu)
        median = statistics.median(times)
        out["forms"][form] = {"file": str(file), "paragraphs": paragraph_count(file),
                              "median_s": round(median, 3), "times_s": [round(t, 3) for t in times],
                              "cpu_s": round(statistics.median(cpus), 3), "amendments": made,
                              "warnings": len(warnings), "first_warnings": warnings[:5], "error": error}
    bare = out["forms"]["no-bookmarks"]
    out["pass"] = bool(not bare["error"] and bare["amendments"] == 0 and bare["median_s"] < TARGET_S)
    return out


def report(results: dict[str, Any]) -> str:
    lines = ["import-docx of an unchanged Plan of Action (--dry-run, whole process; load average "
             f"{results['load']:.1f} when it started):",
             f"  {'form':<14}{'paragraphs':>11}{'median':>9}{'cpu':>8}{'amendments':>12}{'warnings':>10}"]
    for form, r in results["forms"].items():
        row = (f"  {form:<14}{r['paragraphs']:>11}{r['median_s']:>8.2f}s{r['cpu_s']:>7.2f}s"
               f"{r['amendments']:>12}{r['warnings']:>10}")
        lines.append(row + (f"  error: {r['error']}" if r["error"] else ""))
    verdict = "PASS" if results["pass"] else "MISS"
    lines.append(f"  no bookmarks: 0 amendments in under {results['target_s']:.0f} s: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.import_foreign", description=__doc__.split("\n")[0])
    ap.add_argument("--paragraphs", type=int, default=2000)
    ap.add_argument("--amendments", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=REPO / "bench" / "work")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--regenerate", action="store_true")
    args = ap.parse_args(argv)
    results = measure(args.work, paragraphs=args.paragraphs, amendments=args.amendments, repeat=args.repeat,
                      regenerate=args.regenerate)
    print(report(results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
