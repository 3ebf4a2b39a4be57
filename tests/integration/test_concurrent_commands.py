"""Eight drafting processes writing to one workspace at once: every one lands in HEAD or says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, git, run


def test_eight_concurrent_propose_and_decide(workspace: Path) -> None:
    ws = str(workspace)
    pending = [run("-C", ws, "propose", "op-solutions", "--by", "CHL", "--comment", "--rationale", f"n{i}",
                   check=True).stdout.strip() for i in range(4)]
    start = git(workspace, "rev-parse", "HEAD").strip()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmds = [[sys.executable, "-m", "drafting.cli", "-C", ws, "propose", "op-borders", "--by", "BRA", "--comment",
             "--rationale", f"concurrent {i}"] for i in range(4)]
    cmds += [[sys.executable, "-m", "drafting.cli", "-C", ws, "decide", aid, "reject"] for aid in pending]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for c in cmds]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0 or (code == 1 and err.strip() and "Traceback" not in err), err
    landed = [out.strip() for code, out, _ in results[:4] if code == 0]
    # every proposal that reported success is in HEAD, each under its own id
    assert len(set(landed)) == len(landed)
    tree = git(workspace, "ls-tree", "-r", "--name-only", "HEAD", "amendments/zero").split()
    for aid in landed:
        assert f"amendments/zero/{aid}.yaml" in tree
    decided = sum(1 for code, _, _ in results[4:] if code == 0)
    from drafting.store.session import Session
    statuses = {a.id: a.status for a in Session(workspace).load().amendments}
    assert sum(1 for aid in pending if statuses[aid] == "rejected") == decided
    count = int(git(workspace, "rev-list", "--count", f"{start}..HEAD"))
    assert count == len(landed) + decided == 8
    assert git(workspace, "status", "--porcelain") == ""
    fsck = subprocess.run(["git", "fsck", "--no-reflogs", "--dangling"], cwd=workspace, capture_output=True, text=True)
    assert "dangling commit" not in fsck.stdout + fsck.stderr
