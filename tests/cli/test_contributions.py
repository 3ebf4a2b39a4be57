"""Contributions of observers, organizations and civil society: counted apart, never decided, taken up
by a state with ``sponsor``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import git, issued_workspace, run

CSO = "  REDCLAMOR: {name: {es: Red Clamor, en: Red Clamor}, kind: civil-society}\n" \
      "  CAN: {name: {es: Canadá, en: Canada}, kind: observer}\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """The small negotiation with a civil-society coalition and an observer, and a contribution."""
    root = issued_workspace(tmp_path / "ws")
    path = root / "negotiation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  UNHCR:", CSO + "  UNHCR:"), encoding="utf-8")
    git(root, "commit", "-qam", "Civil society joins")
    r = run("-C", str(root), "propose", "op-asylum", "--by", "REDCLAMOR", "--replace", "sistemas nacionales",
            "--with", "sistemas nacionales y comunitarios", "--rationale", "Las comunidades acogen.",
            "--date", "2024-09-10", check=True)
    assert r.stdout.strip() == "zero-REDCLAMOR-001"
    return root


def test_a_contribution_cannot_be_decided_but_can_be_sponsored(ws: Path) -> None:
    head = git(ws, "rev-parse", "HEAD").strip()
    for verb in ("accept", "reject"):
        r = run("-C", str(ws), "decide", "zero-REDCLAMOR-001", verb)
        assert r.returncode == 1
        assert "zero-REDCLAMOR-001 is a contribution of Red Clamor (civil-society)" in r.stderr
        assert "Sponsor it first: drafting sponsor zero-REDCLAMOR-001 --by CODE" in r.stderr
    assert git(ws, "rev-parse", "HEAD").strip() == head
    r = run("-C", str(ws), "sponsor", "zero-REDCLAMOR-001", "--by", "BRA", "--date", "2024-09-12", check=True)
    assert r.stdout.strip() == "zero-BRA-001 (sponsoring zero-REDCLAMOR-001)"
    text = (ws / "amendments/zero/zero-BRA-001.yaml").read_text(encoding="utf-8")
    assert "by: BRA" in text and "sponsored_from: zero-REDCLAMOR-001" in text
    assert "old: sistemas nacionales" in text and "new: sistemas nacionales y comunitarios" in text
    assert "Las comunidades acogen." in text and "submitted: 2024-09-12" in text
    log = git(ws, "log", "-1", "--format=%an%n%B")
    assert log.startswith("Brazil\n") and "Sponsored-from: zero-REDCLAMOR-001" in log
    # the contribution's own file is untouched, and the state's amendment is decided like any other
    assert git(ws, "diff", head, "HEAD", "--name-only").split() == ["amendments/zero/zero-BRA-001.yaml"]
    run("-C", str(ws), "decide", "zero-BRA-001", "accept", check=True)
    assert "sistemas nacionales y comunitarios" in (ws / "drafts/declaration/operative.yaml").read_text(encoding="utf-8")
    # the contributor may still withdraw its own contribution
    run("-C", str(ws), "decide", "zero-REDCLAMOR-001", "withdraw", check=True)
    assert run("-C", str(ws), "validate").returncode == 0
    assert run("-C", str(ws), "audit").returncode == 0


def test_sponsor_refuses_what_is_not_a_sponsorship(ws: Path) -> None:
    run("-C", str(ws), "propose", "op-borders", "--by", "MEX", "--delete", "en las fronteras", check=True)
    cases = [
        (["zero-MEX-001", "--by", "BRA"], "not a contribution"),
        (["zero-REDCLAMOR-001", "--by", "CAN"], "only a state, a territory or a group"),
        (["zero-REDCLAMOR-001", "--by", "UNHCR"], "only a state, a territory or a group"),
        (["zero-REDCLAMOR-001", "--by", "XYZ"], "unknown delegation"),
        (["zero-NOPE-001", "--by", "BRA"], "unknown amendment"),
    ]
    head = git(ws, "rev-parse", "HEAD").strip()
    for args, message in cases:
        r = run("-C", str(ws), "sponsor", *args)
        assert r.returncode == 2 and message in r.stderr, (args, r.stderr)
    assert git(ws, "rev-parse", "HEAD").strip() == head
    run("-C", str(ws), "sponsor", "zero-REDCLAMOR-001", "--by", "BRA", check=True)
    r = run("-C", str(ws), "sponsor", "zero-REDCLAMOR-001", "--by", "BRA")
    assert r.returncode == 2 and "already sponsors zero-REDCLAMOR-001 (as zero-BRA-001)" in r.stderr


def test_validate_checks_sponsorship_and_undecided_contributions(ws: Path) -> None:
    run("-C", str(ws), "propose", "op-borders", "--by", "MEX", "--delete", "en las fronteras", check=True)
    path = ws / "amendments/zero/zero-MEX-001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sponsored_from: zero-NOPE-001\n", encoding="utf-8")
    contribution = ws / "amendments/zero/zero-REDCLAMOR-001.yaml"
    contribution.write_text(contribution.read_text(encoding="utf-8").replace(
        "status: submitted", "status: accepted\ndecision:\n  date: 2024-09-20"), encoding="utf-8")
    r = run("-C", str(ws), "validate")
    assert r.returncode == 1
    assert "zero-MEX-001.yaml:" in r.stderr and "sponsored from unknown amendment 'zero-NOPE-001'" in r.stderr
    assert "zero-REDCLAMOR-001.yaml:" in r.stderr and "is a contribution of REDCLAMOR, which is never decided" \
        in r.stderr


def test_status_counts_contributions_apart(ws: Path) -> None:
    run("-C", str(ws), "propose", "op-borders", "--by", "MEX", "--delete", "en las fronteras", check=True)
    run("-C", str(ws), "sponsor", "zero-REDCLAMOR-001", "--by", "BRA", check=True)
    report = json.loads(run("-C", str(ws), "status", "--format", "json", check=True).stdout)
    totals = report["totals"]
    assert totals["open_amendments"] == 2 and sum(totals["amendments"].values()) == 2  # MEX and BRA
    assert totals["open_contributions"] == 1 and totals["sponsored_contributions"] == 1
    assert "REDCLAMOR" not in report["delegations"] and report["contributors"] == {"REDCLAMOR": {"submitted": 1}}
    assert report["sponsored"] == {"zero-REDCLAMOR-001": ["zero-BRA-001"]}
    asylum = next(c for c in report["clauses"] if c["id"] == "op-asylum")
    assert (asylum["open_amendments"], asylum["contributions"]) == (["zero-BRA-001"], ["zero-REDCLAMOR-001"])
    text = run("-C", str(ws), "status", check=True).stdout
    assert "Contributions of observers and civil society" in text
    assert "zero-REDCLAMOR-001 sponsored as zero-BRA-001" in text
    assert "contributions: 1 — submitted 1; sponsored 1" in text


def test_the_example_has_civil_society_contributions_one_sponsored(example: Path) -> None:
    report = json.loads(run("-C", str(example), "status", "--format", "json", check=True).stdout)
    assert set(report["contributors"]) >= {"RED-CLAMOR", "RJM-LAC", "GARPAB", "LAC-RMD"}
    assert report["sponsored"] == {"rev1-GARPAB-001": ["rev1-BRA-001"]}
    assert report["totals"]["open_contributions"] == 7  # three of the zero draft, four on Rev.1


def test_sponsoring_a_contribution_of_an_earlier_version_keeps_its_version(example: Path, tmp_path: Path) -> None:
    ws = Path(shutil.copytree(example, tmp_path / "ws", symlinks=True))
    r = run("-C", str(ws), "sponsor", "zero-IACHR-001", "--by", "CRI", "--date", "2024-10-20", check=True)
    assert r.stdout.startswith("zero-CRI-")
    aid = r.stdout.split()[0]
    assert (ws / "amendments" / "zero" / f"{aid}.yaml").exists()
