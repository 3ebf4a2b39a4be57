"""Crash safety: ``decide`` and ``propose`` killed with SIGKILL at random points of their run.

After each kill the user does what a user does: runs the same command again.  That next command
takes the workspace lock, which finishes or undoes the killed transaction (``Repo.recover``), so:

* if the killed command had not committed, the retry finds the workspace exactly as before (clean,
  HEAD unchanged) and does the work: one commit;
* if it had, the retry finds it complete (decide: "already decided"; propose: the next id);

and in both cases every commit holds all of one operation (decide: the clause change and the
amendment file together), the tree is clean, nothing is left in .git, ``validate`` and ``audit`` pass,
and no amendment file is lost.  Half the kills take only the drafting process (its git children run on
and finish, holding the lock); the other half kill the whole process group, git included -- which can
leave a stale ``.git/index.lock``: acceptable only if the next command says so clearly.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, git
from hostile_support import SECTION, build_template, drafting

SEED = 20241128
KILLS = 10
MAX_DELAY = 0.400


def start(ws: Path, *args: str, path: str | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if path is not None:
        env["PATH"] = path
    return subprocess.Popen([sys.executable, "-m", "drafting.cli", "-C", str(ws), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_after(proc: subprocess.Popen[bytes], delay: float, whole_group: bool) -> bool:
    """SIGKILL after ``delay`` seconds; True if the process was still running."""
    time.sleep(delay)
    alive = proc.poll() is None
    try:
        if whole_group:
            os.killpg(proc.pid, signal.SIGKILL)  # drafting and the git it runs
        else:
            proc.kill()  # drafting only: its git children finish on their own
    except ProcessLookupError:
        pass
    proc.wait()
    return alive


def timed(ws: Path, *args: str, path: str | None = None) -> float:
    begin = time.monotonic()
    proc = start(ws, *args, path=path)
    assert proc.wait() == 0
    return time.monotonic() - begin


def delays(rng: random.Random, duration: float) -> list[float]:
    """KILLS delays (within 0-400 ms), each at a random point of its own slot of the command's run.  The
    slots skip most of the interpreter's start-up, where a kill can only ever find the workspace
    untouched, and reach a little past the end of a run (the run may be slower under load)."""
    low, high = min(MAX_DELAY, duration * 0.3), min(MAX_DELAY, duration * 1.15)
    out = [low + (high - low) * (i + rng.random()) / KILLS for i in range(KILLS)]
    rng.shuffle(out)
    return out


def state_after_kill(ws: Path, base: str) -> str:
    """What the kill left, before any recovery: for the record of what the test exercised."""
    time.sleep(0.05)  # let orphaned git children finish
    if git(ws, "rev-parse", "HEAD").strip() != base:
        return "committed"
    if (ws / ".git/drafting-transaction.json").exists():
        return "mid-write"
    return "untouched"


def retry(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The user's next command.  A stale lock file left by a killed git must be reported clearly; the user
    then removes it (as the message says) and runs the command again."""
    for _ in range(3):
        proc = drafting(ws, *args)
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
        stale = [p for p in (ws / ".git/index.lock", ws / ".git/refs/heads/main.lock", ws / ".git/HEAD.lock")
                 if p.exists()]
        if proc.returncode == 0 or not stale:
            return proc
        # the lock is named, unless the command refused before it needed to write (a decision the killed
        # run had already committed is refused as decided: no lock is taken for that)
        assert proc.returncode == 1 and (".lock" in proc.stderr or "was already decided" in proc.stderr), proc.stderr
        for p in stale:
            p.unlink()
    return proc


def assert_sound(ws: Path, amendments_before: set[str]) -> None:
    assert git(ws, "status", "--porcelain", "--untracked-files=all") == ""
    leftovers = [p for p in ws.rglob("*.drafting-tmp")] + [p for p in (ws / ".git").glob("drafting-transaction*")]
    assert leftovers == []
    assert not (ws / ".git/index.lock").exists()
    tracked = set(git(ws, "ls-tree", "-r", "--name-only", "HEAD", "amendments").split())
    assert amendments_before <= tracked, f"amendment files lost: {amendments_before - tracked}"
    proc = drafting(ws, "validate")
    assert proc.returncode == 0, proc.stderr
    fsck = subprocess.run(["git", "fsck", "--no-dangling", "--no-progress"], cwd=ws, capture_output=True, text=True,
                          check=False)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return build_template(tmp_path / "ws")


def test_decide_killed_at_random_points(ws: Path) -> None:
    rng = random.Random(SEED)
    # eleven open amendments, each adding a word at the end of a clause
    for i in range(KILLS + 1):
        (ws / f"amendments/zero/zero-ARG-{i + 1:03d}.yaml").write_text(
            f"id: zero-ARG-{i + 1:03d}\nby: ARG\ntarget: op-follow-up\nlang: es\nchange:\n  insert:\n"
            f"    text: palabra{i + 1}\n    at: end\nchannel: written\nsubmitted: 2024-09-10\nstatus: submitted\n")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Proposals received by e-mail")
    duration = timed(ws, "decide", "zero-ARG-001", "accept")
    outcomes = []
    for n, delay in enumerate(delays(rng, duration), start=2):
        aid = f"zero-ARG-{n:03d}"
        path = f"amendments/zero/{aid}.yaml"
        base = git(ws, "rev-parse", "HEAD").strip()
        amendments = set(git(ws, "ls-tree", "-r", "--name-only", "HEAD", "amendments").split())
        kill_after(start(ws, "decide", aid, "accept"), delay, whole_group=n % 2 == 0)
        outcomes.append(state_after_kill(ws, base))
        proc = retry(ws, "decide", aid, "accept")
        if outcomes[-1] == "committed":
            assert proc.returncode == 1 and f"{aid} was already decided (accepted)" in proc.stderr, proc.stderr
        else:  # undone by the retry's recovery, then done by the retry
            assert proc.returncode == 0, proc.stderr
        # exactly one commit, holding the clause change and the amendment file together
        assert git(ws, "rev-list", "--count", f"{base}..HEAD").strip() == "1"
        assert sorted(git(ws, "show", "--name-only", "--format=", "HEAD").split()) == [path, SECTION]
        assert "status: accepted" in git(ws, "show", f"HEAD:{path}")
        assert f"palabra{n}" in git(ws, "show", f"HEAD:{SECTION}")
        assert f"Amendment: {aid}" in git(ws, "log", "-1", "--format=%B")
        assert_sound(ws, amendments)
    print("decide: what the kills left:", outcomes)
    audit = drafting(ws, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_propose_killed_at_random_points(ws: Path) -> None:
    rng = random.Random(SEED + 1)
    duration = timed(ws, "propose", "op-borders", "--by", "CHL", "--comment", "--rationale", "warm-up")
    outcomes = []
    for i, delay in enumerate(delays(rng, duration)):
        args = ("propose", "op-borders", "--by", "CHL", "--comment", "--rationale", f"crash {i}")
        base = git(ws, "rev-parse", "HEAD").strip()
        amendments = set(git(ws, "ls-tree", "-r", "--name-only", "HEAD", "amendments").split())
        kill_after(start(ws, *args), delay, whole_group=i % 2 == 1)
        outcomes.append(state_after_kill(ws, base))
        proc = retry(ws, *args)
        assert proc.returncode == 0, proc.stderr
        new = git(ws, "rev-list", "--reverse", f"{base}..HEAD").split()
        assert len(new) == (2 if outcomes[-1] == "committed" else 1), (outcomes[-1], new)
        for sha in new:  # each commit: one whole new amendment file, nothing else
            lines = git(ws, "show", "--name-status", "--format=", sha).split("\n")
            changed = [ln.split("\t") for ln in lines if ln.strip()]
            assert len(changed) == 1 and changed[0][0] == "A" and changed[0][1].startswith("amendments/zero/zero-CHL-")
            assert f"rationale: crash {i}" in git(ws, "show", f"{sha}:{changed[0][1]}")
        assert proc.stdout.strip() in git(ws, "show", "--name-only", "--format=", "HEAD")
        assert_sound(ws, amendments)
    print("propose: what the kills left:", outcomes)
    audit = drafting(ws, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr


def slow_git(folder: Path) -> str:
    """A PATH on which ``git`` takes 150 ms longer to index and to commit: the window in which a
    transaction has written its journal and files but not yet committed grows from milliseconds to
    most of the run, so that the kills below land in it."""
    real = shutil.which("git")
    assert real is not None
    folder.mkdir()
    shim = folder / "git"
    shim.write_text(f"""#!/bin/sh
case " $* " in *" update-index "*|*" commit "*) sleep 0.15 ;; esac
exec {real} "$@"
""")
    shim.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def test_decide_killed_inside_its_transaction(ws: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED + 2)
    path = slow_git(tmp_path / "bin")
    kills = 6
    for i in range(kills + 1):
        (ws / f"amendments/zero/zero-MEX-{i + 1:03d}.yaml").write_text(
            f"id: zero-MEX-{i + 1:03d}\nby: MEX\ntarget: op-borders\nlang: es\nchange:\n  insert:\n"
            f"    text: vocablo{i + 1}\n    at: start\nchannel: written\nsubmitted: 2024-09-10\nstatus: submitted\n")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Proposals received by e-mail")
    duration = timed(ws, "decide", "zero-MEX-001", "accept", path=path)
    low, high = max(0.0, duration - 0.40), min(MAX_DELAY, duration)
    outcomes = []
    for n in range(2, kills + 2):
        aid = f"zero-MEX-{n:03d}"
        base = git(ws, "rev-parse", "HEAD").strip()
        amendments = set(git(ws, "ls-tree", "-r", "--name-only", "HEAD", "amendments").split())
        delay = low + (high - low) * (n - 2 + rng.random()) / kills
        kill_after(start(ws, "decide", aid, "accept", path=path), delay, whole_group=True)
        outcomes.append(state_after_kill(ws, base))
        proc = retry(ws, "decide", aid, "accept")
        assert proc.returncode == (1 if outcomes[-1] == "committed" else 0), proc.stderr
        assert git(ws, "rev-list", "--count", f"{base}..HEAD").strip() == "1"
        assert sorted(git(ws, "show", "--name-only", "--format=", "HEAD").split()) == \
            [f"amendments/zero/{aid}.yaml", SECTION]
        assert_sound(ws, amendments)
    print("decide with a slow git: what the kills left:", outcomes)
    assert "mid-write" in outcomes, outcomes
