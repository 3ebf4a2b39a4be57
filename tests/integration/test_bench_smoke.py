"""The benchmark runs and reports every command, warm and cold: ``python -m bench --quick`` (size S, one
run per state, no scaling series).  No test here asserts a duration: timings belong to ``make bench``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# every command the benchmark times, and the references it compares them with
COMMANDS = ("help", "validate", "status", "audit", "log", "diff", "diff-worktree", "compile-clean",
            "compile-compilation", "compile-changes", "compile-synoptic", "decide", "import-docx")
REFERENCES = ("floor", "pandoc", "python-redlines", "changes-few-decisions")
ISSUE_TARGETS = ("compile --kind changes --since zero ≤ 1 s", "diff zero HEAD ≤ 1 s", "log CLAUSE ≤ 1 s",
                 "status ≤ 1 s", "validate ≤ 1 s", "audit ≤ 3 s", "decide ≤ 0.4 s",
                 "compile --kind compilation ≤ 2 s", "clean draft ≤ 2× the command floor",
                 "peak memory ≤ 400 MB, every command, every size")


def git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(ws), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_quick_benchmark_reports_every_command_warm_and_cold(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--work", str(tmp_path / "work"),
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    results = json.loads(out.read_text(encoding="utf-8"))

    assert results["settings"]["quick"] is True
    assert {"cpu", "cores", "python", "drafting_commit"} <= set(results["machine"])
    size = results["sizes"]["S"]
    info = size["info"]
    assert info["clauses"] >= 70 and info["open_amendments"] == 35 and info["decisions"] == 20
    assert len(info["languages"]) == 4 and info["delegations"] == 25 and info["revisions"] == 2

    # a real history: one commit per proposal and per decision, an issue commit and a tag per revision
    ws = Path(size["workspace"])
    assert int(git(ws, "rev-list", "--count", "HEAD")) == info["commits"] == 1 + 20 + 20 + 2 + 35
    assert git(ws, "tag", "--list", "version/*").split() == ["version/rev1", "version/rev2", "version/zero"]
    authors = git(ws, "log", "--format=%ae").split()
    assert sum(a.endswith("@delegations.drafting.invalid") and not a.startswith("unhcr") for a in authors) == 55
    log = git(ws, "log", "--format=%s%x00%(trailers:key=Decision,valueonly,separator=)%x01")
    entries = [e.strip("\n").split("\0") for e in log.split("\x01") if e.strip()]
    assert sum(subject.startswith("Proposal ") for subject, _ in entries) == 20 + 35
    assert sum(bool(decision.strip()) for _, decision in entries) == 20
    assert git(ws, "status", "--porcelain") == ""

    for label in COMMANDS:
        states = size["commands"][label]
        assert set(states) == ({"warm"} if label == "help" else {"warm", "cold", "no-cache"}), label
        for state, r in states.items():
            assert r["status"] == "ok", (label, state, r)
            assert r["median_s"] > 0 and r["peak_mb"] > 0 and r["min_s"] <= r["median_s"] <= r["max_s"], (label, r)
    for label in REFERENCES:  # a reference that cannot run here is reported as missing, with the reason
        r = size["references"][label]
        assert r["status"] in ("ok", "missing"), (label, r)
        if r["status"] == "ok":
            assert r["median_s"] > 0 and r["peak_mb"] > 0, (label, r)
            assert size["paired_with"][label] in COMMANDS
        else:
            assert r["reason"], (label, r)
    assert size["references"]["floor"]["status"] == "ok"
    assert size["references"]["changes-few-decisions"]["status"] == "ok" and size["twin_decisions"] == 5

    targets = {t["target"]: t for t in results["targets"]}
    assert set(ISSUE_TARGETS) <= set(targets)
    for name, t in targets.items():
        if t["status"] == "MISSING":  # only what a quick run cannot measure, or a reference not installed
            assert name.startswith("growth") or t["reference"] in ("pandoc", "python-redlines"), t
        else:
            assert t["status"] in ("PASS", "MISS") and t["measured"] is not None, t
    cold = next(t for n, t in targets.items() if n.startswith("cold"))
    assert cold["ratio"] > 0 and cold["command"] in COMMANDS
    assert "## targets" in proc.stdout and "cold s [min–max]" in proc.stdout


def test_a_cold_clone_is_put_back_as_git_clone_left_it(tmp_path: Path) -> None:
    from bench.workspaces import ColdClone
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (origin / "amendments" / "zero").mkdir(parents=True)
    (origin / "amendments" / "zero" / "z.yaml").write_text("z: 1\n", encoding="utf-8")
    git(origin, "add", "a.yaml", "amendments")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "zero")
    cold = ColdClone(origin, tmp_path / "run" / "cold-clone")
    ws = cold.get()
    as_cloned = cold._listing()
    index = (ws / ".git" / "index").read_bytes()
    # what a command leaves: its parse cache, a refreshed index, a new file in .git
    (ws / ".git" / "drafting-cache").mkdir()
    (ws / ".git" / "drafting-cache" / "parsed-v1.pickle").write_bytes(b"x" * 100)
    (ws / ".git" / "index").write_bytes(index + b"refreshed")
    (ws / ".git" / "ORIG_HEAD").write_text("x\n", encoding="utf-8")
    (ws / ".git" / "objects" / "zz").mkdir()  # a new folder deep in .git
    again = cold.get()
    assert again == ws and not (ws / ".git" / "drafting-cache").exists() and not (ws / ".git" / "ORIG_HEAD").exists()
    assert not (ws / ".git" / "objects" / "zz").exists()
    assert (ws / ".git" / "index").read_bytes() == index and cold._listing() == as_cloned
    assert git(ws, "status", "--porcelain") == "" and git(ws, "log", "--format=%s") == "zero\n"
    # a work tree that changed, at any depth, is cloned again
    (ws / "b.yaml").write_text("b: 2\n", encoding="utf-8")
    assert not (cold.get() / "b.yaml").exists()
    (ws / "amendments" / "zero" / "z.yaml").write_text("z: 2\n", encoding="utf-8")
    (ws / "amendments" / "zero" / "stray.yaml").write_text("s: 1\n", encoding="utf-8")
    ws = cold.get()
    assert (ws / "amendments" / "zero" / "z.yaml").read_text(encoding="utf-8") == "z: 1\n"
    assert not (ws / "amendments" / "zero" / "stray.yaml").exists() and git(ws, "status", "--porcelain") == ""


def test_a_long_reference_run_is_reused_only_on_the_same_inputs_and_machine(tmp_path: Path) -> None:
    import time
    import zipfile

    from bench import reuse

    def docx(path: Path, text: str) -> Path:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", text)
        return path

    machine = {"hostname": "h", "cpu": "c", "cores": 2}
    a = docx(tmp_path / "a.docx", "<w:t>uno</w:t>")
    k = reuse.key("python-redlines", "2.0.0", machine, [a])
    assert reuse.lookup(tmp_path, k) is None
    reuse.record(tmp_path, k, {"status": "ok", "median_s": 1200.0}, "2026-12-01T20:00:00+00:00", "ws")
    assert reuse.lookup(tmp_path, k)["measured_on"] == "2026-12-01T20:00:00+00:00"
    time.sleep(2)  # the zip's timestamps change with every compile; its content does not
    assert reuse.key("python-redlines", "2.0.0", machine, [docx(tmp_path / "a.docx", "<w:t>uno</w:t>")]) == k
    assert reuse.key("python-redlines", "2.0.0", machine, [docx(tmp_path / "a.docx", "<w:t>dos</w:t>")]) != k
    assert reuse.key("python-redlines", "2.0.1", machine, [a]) != k
    assert reuse.key("python-redlines", "2.0.0", machine | {"cpu": "other"}, [a]) != k
    assert reuse.key("python-redlines", "2.0.0", machine | {"python": "3.12.1"}, [a]) != k
    # a reused run is judged on the less favourable of its wall and CPU ratios (.NET's threads can make
    # its CPU time exceed its wall time)
    from bench.targets import targets

    def result(wall: float, cpu: float) -> dict[str, object]:
        return {"status": "ok", "median_s": wall, "min_s": wall, "max_s": wall, "cpu_s": cpu, "runs": []}

    stored = result(90.0, 400.0) | {"reused": True, "measured_on": "2026-12-01T20:00:00+00:00"}
    results = {"sizes": {"XXL": {"commands": {"compile-changes": {"warm": result(2.0, 2.0)}},
                                 "references": {"python-redlines": stored}}}}
    row = next(t for t in targets(results) if "python-redlines" in t["target"])
    assert row["ratio"] == 45.0 and row["status"] == "PASS" and "reused" in row["note"]  # wall 45×, CPU 200×


def test_a_reference_stopped_at_its_limit_is_a_lower_bound_and_leaves_no_process(tmp_path: Path) -> None:
    import time

    from bench.measure import Plan, run_once, summary
    from bench.targets import targets

    pidfile = tmp_path / "child.pid"
    # a child of the timed command (as python-redlines starts .NET) that would outlive a plain kill
    script = f"sleep 60 & echo $! > {pidfile}; wait"
    r = run_once(Plan([["bash", "-c", script], ["true"]], limit_s=1.5), tmp_path / "logs", "ref")
    assert r["unfinished"] and r["rc"] == -9 and 1.4 < r["wall"] < 30
    time.sleep(0.2)
    child = int(pidfile.read_text())
    status = Path(f"/proc/{child}/status")
    # gone, or dead and waiting to be reaped (a container's first process may not reap orphans)
    assert not status.exists() or "\nState:\tZ" in status.read_text(), status.read_text()
    s = summary([r], "ref")
    assert s["status"] == "unfinished" and s["median_s"] is None and s["bound_s"] == pytest.approx(r["wall"], abs=0.1)
    # the comparison rests on the bound: it took longer than bound_s, so the ratio is at least bound / ours
    warm = summary([{"wall": 0.05, "cpu": 0.05, "peak_mb": 10.0, "rc": 0}], "changes")
    results = {"sizes": {"XXL": {"commands": {"compile-changes": {"warm": warm}},
                                 "references": {"python-redlines": s}}}}
    row = next(t for t in targets(results) if "python-redlines" in t["target"])
    assert row["status"] == "PASS" and row["ratio"] >= 28 and "stopped unfinished" in row["note"]
    r = run_once(Plan([["true"]]), tmp_path / "logs", "ok")
    assert r["rc"] == 0 and not r["unfinished"]
