"""The benchmark runs and reports every command: ``python -m bench --quick`` (size S, one repeat, no
scaling series).  No test here asserts a duration: timings belong to ``make bench``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# every command the benchmark times, and the references it compares them with
COMMANDS = ("help", "validate", "status", "compile-clean", "compile-compilation", "compile-changes",
            "compile-synoptic", "diff", "diff-worktree", "decide", "import-docx")
REFERENCES = ("floor", "pandoc", "python-redlines")


@pytest.mark.slow
def test_quick_benchmark_reports_every_command(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--work", str(tmp_path / "work"),
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    results = json.loads(out.read_text(encoding="utf-8"))

    assert results["settings"]["quick"] is True
    assert {"cpu", "cores", "python", "drafting_commit"} <= set(results["machine"])
    size = results["sizes"]["S"]
    assert size["info"]["clauses"] >= 70 and size["info"]["open_amendments"] == 35
    assert len(size["info"]["languages"]) == 4 and size["info"]["delegations"] == 40
    importer = (REPO / "drafting" / "ingest" / "importer.py").is_file()
    for label in COMMANDS:
        r = size["commands"][label]
        if label == "import-docx" and not importer:
            assert r["status"] == "missing" and r["reason"], r
            continue
        assert r["status"] == "ok", (label, r)
        assert r["median_s"] > 0 and r["peak_mb"] > 0, (label, r)
    floor = size["references"]["floor"]
    assert floor["status"] == "ok" and floor["median_s"] > 0 and floor["peak_mb"] > 0
    for label in REFERENCES:  # a reference that cannot run here is reported as missing, with the reason
        r = size["references"][label]
        assert r["status"] in ("ok", "missing"), (label, r)
        if r["status"] == "ok":
            assert r["median_s"] > 0 and r["peak_mb"] > 0, (label, r)
        else:
            assert r["reason"], (label, r)
    targets = {t["target"]: t for t in results["targets"]}
    assert len(targets) == 15
    assert all(t["status"] in ("PASS", "MISS", "MISSING") for t in targets.values())
    assert "targets (XL, medians)" in proc.stdout
