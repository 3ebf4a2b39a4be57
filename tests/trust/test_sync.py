"""``drafting sync`` between real clones: colliding ids renumbered, concurrent parties, kills, and pushes
over file:// and git daemon; and the merge that keeps one accepted change and drops another."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .parties import Daemon, Shared, drafting, env, git
from .test_attacks import audited, refused, signed_commit


def propose(clone: Path, by: str, clause: str = "op-follow-up", *extra: str) -> str:
    args = extra or ("--comment", "--rationale", f"{by} {clause} {time.monotonic_ns()}")
    return drafting("-C", str(clone), "propose", clause, "--by", by, *args, check=True).stdout.strip()


def test_two_clones_of_one_delegation_create_the_same_id_offline(shared: Shared) -> None:
    laptop, office = shared.clone("MEX", "mex-laptop"), shared.clone("MEX", "mex-office")
    assert propose(laptop, "MEX") == propose(office, "MEX") == "zero-MEX-001"
    assert "1 local proposal not yet shared" in drafting("-C", str(office), "status", check=True).stdout
    drafting("-C", str(laptop), "sync", check=True)
    out = drafting("-C", str(office), "sync", check=True).stdout
    assert "zero-MEX-001 -> zero-MEX-002" in out
    files = shared.remote_files()
    assert "amendments/zero/zero-MEX-001.yaml" in files and "amendments/zero/zero-MEX-002.yaml" in files
    text = (office / "amendments/zero/zero-MEX-002.yaml").read_text(encoding="utf-8")
    assert "id: zero-MEX-002" in text and "renumbered_from: zero-MEX-001" in text
    subject = git(office, "log", "-1", "--format=%s%n%(trailers:key=Amendment)").stdout
    assert "zero-MEX-002" in subject and "zero-MEX-001" not in subject
    signed = git(
        office, "-c", "gpg.ssh.allowedSignersFile=keys/allowed_signers", "log", "-1", "--format=%G?%GS"
    )
    assert signed.stdout.strip() == "GMEX"  # signed again, by the person syncing
    drafting("-C", str(laptop), "sync", check=True)
    for clone in (laptop, office):
        proc = drafting("-C", str(clone), "audit")
        assert proc.returncode == 0, proc.stdout
    assert "0 local proposals" in drafting("-C", str(office), "status", check=True).stdout


def test_eight_delegations_sync_at_once(shared: Shared) -> None:
    codes = ["ARG", "BRA", "MEX", "CHL", "URY", "PRY", "COL", "ECU"]
    clones = [shared.clone(c) for c in codes]
    proposing = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "drafting.cli",
                "-C",
                str(c),
                "propose",
                "op-follow-up",
                "--by",
                code,
                "--comment",
            ],
            env=env(),
            stdout=subprocess.DEVNULL,
        )
        for c, code in zip(clones, codes)
    ]
    assert all(p.wait(timeout=120) == 0 for p in proposing)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "drafting.cli", "-C", str(c), "sync"],
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in clones
    ]
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    assert len(shared.remote_files()) == 8 + 2  # every proposal once, and the two shared before
    for code in codes:
        assert sum(f"-{code}-" in f for f in shared.remote_files()) == 1 + (code in ("ARG", "BRA"))
    fresh = shared.clone("UNHCR", "check")
    assert drafting("-C", str(fresh), "audit").returncode == 0


def test_a_kill_during_sync_loses_nothing(shared: Shared) -> None:
    mex = shared.clone("MEX")
    ids = [propose(mex, "MEX") for _ in range(3)]
    other = shared.clone("MEX", "mex-other")
    propose(other, "MEX")
    drafting("-C", str(other), "sync", check=True)  # the remote moved: sync must recreate mex's commits
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen(
            [sys.executable, "-m", "drafting.cli", "-C", str(mex), "sync"],
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        # drafting itself is killed; a git it started runs on to its end (as after a crash or a closed
        # terminal), holding the workspace lock until then
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    drafting("-C", str(mex), "sync", check=True)
    assert not git(mex, "status", "--porcelain").stdout
    mine = [f for f in shared.remote_files() if "-MEX-" in f]
    assert len(mine) == 4, mine  # three from mex and one from the other clone, each once
    assert git(mex, "rev-parse", "HEAD").stdout == git(shared.origin, "rev-parse", "main").stdout
    assert drafting("-C", str(mex), "audit").returncode == 0
    assert ids == ["zero-MEX-001", "zero-MEX-002", "zero-MEX-003"]


def test_pushes_over_git_daemon(shared: Shared, daemon: Daemon, daemon_base: Path) -> None:
    served = daemon_base / f"n{os.getpid()}-{time.monotonic_ns()}.git"
    shutil.copytree(shared.origin, served, symlinks=True)
    chl = shared.clone("CHL", url=daemon.url(served))
    propose(chl, "CHL")
    drafting("-C", str(chl), "sync", check=True)
    assert any("-CHL-001" in f for f in git(served, "ls-tree", "-r", "--name-only", "main").stdout.split())
    (chl / "drafts/declaration/operative.yaml").write_text("id: operative\n", encoding="utf-8")
    signed_commit(chl, "Rewrite")
    proc = git(chl, "push", "origin", "main", check=False)
    assert proc.returncode != 0 and "remote: " in proc.stderr and "only the secretariat" in proc.stderr


def test_merge_with_ours_dropping_an_accepted_change(shared: Shared) -> None:
    first, second = shared.clone("UNHCR", "sec-1"), shared.clone("UNHCR", "sec-2")
    drafting("-C", str(first), "decide", "zero-ARG-001", "accept", check=True)
    drafting("-C", str(second), "decide", "zero-BRA-001", "accept", check=True)
    drafting("-C", str(first), "sync", check=True)
    git(
        second,
        "-c",
        "commit.gpgsign=true",
        "pull",
        "-q",
        "--no-rebase",
        "-X",
        "ours",
        "--no-edit",
        "origin",
        "main",
    )
    text = (second / "drafts/declaration/operative.yaml").read_text(encoding="utf-8")
    assert "y el Caribe" in text and "y regionales" not in text  # one accepted change silently dropped
    assert drafting("-C", str(second), "validate").returncode == 0
    refused(second, expect="zero-ARG-001")
    audited(second, "merge", "zero-ARG-001 accepted")
    # the same two decisions through sync: both effects land
    third = shared.clone("UNHCR", "sec-3")
    drafting("-C", str(third), "decide", "zero-BRA-001", "accept", check=True)
    drafting("-C", str(third), "sync", check=True)
    text = (third / "drafts/declaration/operative.yaml").read_text(encoding="utf-8")
    assert "y el Caribe" in text and "y regionales" in text
    assert drafting("-C", str(third), "audit").returncode == 0


def test_git_pull_between_a_killed_command_and_its_recovery(shared: Shared, tmp_path: Path) -> None:
    mex = shared.clone("MEX")
    stall = tmp_path / "stall"
    stall.mkdir()
    real_git = shutil.which("git")
    (stall / "git").write_text(
        f'#!/bin/sh\nfor a in "$@"; do [ "$a" = commit ] && exec sleep 60; done\nexec {real_git} "$@"\n'
    )
    (stall / "git").chmod(0o755)
    e = {**env(), "PATH": f"{stall}:{os.environ['PATH']}"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drafting.cli",
            "-C",
            str(mex),
            "propose",
            "op-borders",
            "--by",
            "MEX",
            "--comment",
        ],
        env=e,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not (mex / ".git/drafting-transaction.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (mex / "amendments/zero/zero-MEX-001.yaml").exists()  # written, never committed
    other = shared.clone("BRA", "bra-pull")
    propose(other, "BRA")
    drafting("-C", str(other), "sync", check=True)
    git(mex, "pull", "-q", "--ff-only", "origin", "main")
    assert (
        drafting(
            "-C", str(mex), "propose", "op-borders", "--by", "MEX", "--comment", check=True
        ).stdout.strip()
        == "zero-MEX-001"
    )
    assert not git(mex, "status", "--porcelain").stdout
    assert not (mex / ".git/drafting-transaction.json").exists()
    assert drafting("-C", str(mex), "audit").returncode == 0
