"""Every way a party with push access could forge, drop or alter what others did: refused by the gate
(the remote's pre-receive hook), and -- made anyway, in the party's own clone -- found by ``audit``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .parties import Shared, drafting, git, write_workspace

ARG_001 = "amendments/zero/zero-ARG-001.yaml"
OPERATIVE = "drafts/declaration/operative.yaml"


def signed_commit(clone: Path, message: str, *paths: str) -> str:
    git(clone, "add", "--", *paths) if paths else git(clone, "add", "-A")
    git(clone, "-c", "commit.gpgsign=true", "commit", "-q", "-m", message)
    return git(clone, "rev-parse", "HEAD").stdout.strip()


def refused(clone: Path, *refspecs: str, force: bool = False, expect: str = "") -> str:
    """Push; assert the remote refused it (naming ``expect``); the remote's lines as the pusher saw them."""
    before = git(clone, "ls-remote", "origin").stdout
    proc = git(
        clone, "push", *(["--force"] if force else []), "origin", *(refspecs or ("main",)), check=False
    )
    assert proc.returncode != 0, proc.stderr
    assert "remote: " in proc.stderr and "pre-receive hook declined" in proc.stderr, proc.stderr
    assert expect in proc.stderr, proc.stderr
    assert git(clone, "ls-remote", "origin").stdout == before  # nothing of the push was taken
    return proc.stderr


def audited(clone: Path, *expect: str) -> str:
    proc = drafting("-C", str(clone), "audit")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for e in expect:
        assert e in proc.stdout, proc.stdout
    return proc.stdout


def test_delegation_commands_outside_its_role_refuse_before_writing(shared: Shared) -> None:
    bra = shared.clone("BRA")
    head = git(bra, "rev-parse", "HEAD").stdout
    for args in (
        ("decide", "zero-ARG-001", "accept"),
        ("decide", "zero-ARG-001", "withdraw"),
        ("propose", "op-borders", "--by", "ARG", "--delete", "en las fronteras"),
        ("propose", "op-borders", "--by", "BRA", "--on-behalf-of", "NOPE", "--comment"),
        ("mark", "op-asylum", "agreed"),
        ("translate", "op-asylum", "en", "x"),
        ("issue", "rev1", "--no-compile"),
        ("keys", "add", "BRA", str(shared.keys["STRANGER"]) + ".pub"),
        ("restore", "zero-ARG-001"),
    ):
        proc = drafting("-C", str(bra), *args)
        assert proc.returncode in (1, 2), (args, proc.stderr)
        assert proc.returncode == 1 or "NOPE" in " ".join(args), (args, proc.stderr)
        assert git(bra, "rev-parse", "HEAD").stdout == head and not git(bra, "status", "--porcelain").stdout
    # what a delegation may do: propose as itself, for its group, and withdraw its own
    drafting(
        "-C",
        str(bra),
        "propose",
        "op-borders",
        "--by",
        "MERCOSUR",
        "--on-behalf-of",
        "MERCOSUR",
        "--cosponsors",
        "CHL",
        "--comment",
        "--rationale",
        "Group view",
        check=True,
    )
    drafting("-C", str(bra), "decide", "zero-BRA-001", "withdraw", check=True)
    log = git(bra, "log", "-2", "--format=%an|%cn|%ce|%G?").stdout.splitlines()
    assert log[1].startswith("MERCOSUR|Bruno Brasil|bra@example.org|"), (
        log
    )  # author: the party; committer: the person
    drafting("-C", str(bra), "sync", check=True)
    assert "zero/zero-MERCOSUR-001.yaml" in " ".join(shared.remote_files())


def test_hand_made_decision_withdrawal_and_proposal_as_another(shared: Shared) -> None:
    bra = shared.clone("BRA")
    path = bra / ARG_001
    original = path.read_text(encoding="utf-8")
    # a forged decision with the right trailers, signed with Brazil's own key
    path.write_text(original.replace("status: submitted", "status: accepted"), encoding="utf-8")
    signed_commit(
        bra, "Accept zero-ARG-001\n\nAmendment: zero-ARG-001\nProponent: ARG\nDecision: accepted", ARG_001
    )
    lines = refused(bra, expect="only the secretariat")
    assert re.search(r"remote: .*zero-ARG-001", lines)
    audited(bra, "signed by BRA", "records a decision")
    git(bra, "reset", "-q", "--keep", "HEAD~1")
    # withdrawing Argentina's amendment by hand
    path.write_text(original.replace("status: submitted", "status: withdrawn"), encoding="utf-8")
    signed_commit(bra, "Withdraw zero-ARG-001\n\nAmendment: zero-ARG-001\nDecision: withdrawn", ARG_001)
    refused(bra, expect="changes an amendment by ARG")
    git(bra, "reset", "-q", "--keep", "HEAD~1")
    # a proposal in Argentina's name
    forged = bra / "amendments/zero/zero-ARG-002.yaml"
    forged.write_text(original.replace("zero-ARG-001", "zero-ARG-002"), encoding="utf-8")
    signed_commit(bra, "Proposal zero-ARG-002 by Argentina\n\nAmendment: zero-ARG-002\nProponent: ARG")
    refused(bra, expect="proposes as ARG")
    audited(bra, "proposes as ARG")
    # the same check for a forge's CI, where no server hook runs
    ci = drafting("-C", str(bra), "gate", "--range", "origin/main..HEAD")
    assert ci.returncode == 1 and "proposes as ARG" in ci.stderr and "zero-ARG-002" in ci.stderr
    assert drafting("-C", str(bra), "gate", "--range", "origin/main~1..origin/main").returncode == 0


def test_unsigned_and_unknown_keys(shared: Shared) -> None:
    mex = shared.clone("MEX", key=None)
    proc = drafting("-C", str(mex), "propose", "op-borders", "--by", "MEX", "--comment")
    assert proc.returncode == 1 and "signing key" in proc.stderr
    stranger = shared.clone("MEX", "stranger", key="STRANGER")
    proc = drafting("-C", str(stranger), "propose", "op-borders", "--by", "MEX", "--comment")
    assert proc.returncode == 1 and "not in keys/allowed_signers" in proc.stderr
    (mex / "amendments/zero/zero-MEX-001.yaml").write_text(
        "id: zero-MEX-001\nby: MEX\ntarget: op-borders\nlang: es\nchange:\n  comment: {}\n"
        "status: submitted\n",
        encoding="utf-8",
    )
    git(mex, "add", "-A")
    git(mex, "commit", "-qm", "Proposal zero-MEX-001 by Mexico")
    refused(mex, expect="is not signed")
    audited(mex, "is not signed")


def test_direct_edits_of_text_status_negotiation(shared: Shared) -> None:
    bra = shared.clone("BRA")
    text = (bra / OPERATIVE).read_text(encoding="utf-8")
    (bra / OPERATIVE).write_text(text.replace("Garantizar", "Considerar"), encoding="utf-8")
    signed_commit(bra, "Small fix", OPERATIVE)
    refused(bra, expect="only the secretariat may change drafts/")
    audited(bra, "only the secretariat may change drafts/")
    git(bra, "reset", "-q", "--keep", "HEAD~1")
    # the same edit by the secretariat, by hand: the text changes only through recorded decisions
    sec = shared.clone("UNHCR")
    (sec / OPERATIVE).write_text(
        text.replace(
            "    text:\n      es: Garantizar", "    status: agreed\n    text:\n      es: Garantizar"
        ),
        encoding="utf-8",
    )
    signed_commit(sec, "Mark by hand", OPERATIVE)
    refused(sec, expect="outside a decide, mark or translate commit")
    audited(sec, "outside a decide, mark or translate commit")
    # a new delegation copying Brazil's name: not Brazil's to add, and invalid even from the secretariat
    neg = (bra / "negotiation.yaml").read_text(encoding="utf-8")
    copied = neg.replace("  CHL:", "  BRX: {name: {es: Brasil, en: Brazil}, kind: state}\n  CHL:")
    (bra / "negotiation.yaml").write_text(copied, encoding="utf-8")
    signed_commit(bra, "Add BRX", "negotiation.yaml")
    refused(bra, expect="only the secretariat may change negotiation.yaml")
    git(sec, "reset", "-q", "--keep", "HEAD~1")
    (sec / "negotiation.yaml").write_text(copied, encoding="utf-8")
    signed_commit(sec, "Add BRX", "negotiation.yaml")
    refused(sec, expect="Brasil")


def test_deleting_or_editing_another_amendment_and_the_recorded_repair(shared: Shared) -> None:
    bra = shared.clone("BRA")
    git(bra, "rm", "-q", ARG_001)
    signed_commit(bra, "Remove")
    refused(bra, expect="deletes an amendment file")
    git(bra, "reset", "-q", "--keep", "HEAD~1")
    text = (bra / ARG_001).read_text(encoding="utf-8")
    (bra / ARG_001).write_text(text.replace("sistemas nacionales y regionales", "sistemas"), encoding="utf-8")
    signed_commit(bra, "Edit", ARG_001)
    refused(bra, expect="changes an amendment by ARG")
    # forced past the gate (a remote without it): audit finds it; the secretariat's restore repairs it
    bare = shared.base / "hookless.git"
    git(shared.base, "clone", "-q", "--bare", str(shared.origin), str(bare))
    git(bra, "push", "-q", str(bare), "main")
    sec = shared.clone("UNHCR", url=f"file://{bare}")
    audited(sec, "submitted content altered", "zero-ARG-001")
    drafting("-C", str(sec), "restore", "zero-ARG-001", check=True)
    assert (sec / ARG_001).read_text(encoding="utf-8") == text
    proc = drafting("-C", str(sec), "audit")
    assert proc.returncode == 0 and "repaired" in proc.stdout, proc.stdout + proc.stderr


def test_version_tags_and_forced_pushes(shared: Shared) -> None:
    bra = shared.clone("BRA")
    git(bra, "tag", "-a", "-m", "Rev.1", "version/rev1")
    refused(bra, "version/rev1", expect="does not list version rev1")
    git(bra, "tag", "-d", "version/rev1")
    drafting("-C", str(bra), "propose", "op-borders", "--by", "BRA", "--comment", check=True)
    git(bra, "reset", "-q", "--keep", "HEAD~2")  # rewrite history: drop a shared commit
    drafting("-C", str(bra), "propose", "op-borders", "--by", "BRA", "--comment", check=True)
    refused(bra, force=True, expect="not a fast-forward")
    refused(bra, ":refs/tags/version/zero", expect="refused")
    # the secretariat issues and pushes with git, forgetting the tag; sync sends it
    sec = shared.clone("UNHCR")
    drafting("-C", str(sec), "issue", "rev1", "--no-compile", check=True)
    git(sec, "push", "-q", "origin", "main")
    assert "version/rev1" not in git(sec, "ls-remote", "origin").stdout
    drafting("-C", str(sec), "sync", check=True)
    assert "refs/tags/version/rev1" in git(sec, "ls-remote", "origin").stdout


def test_the_secretariat_enters_a_proposal_received_by_email(shared: Shared) -> None:
    sec = shared.clone("UNHCR")
    aid = drafting(
        "-C",
        str(sec),
        "propose",
        "op-borders",
        "--by",
        "MEX",
        "--delete",
        "en las fronteras",
        "--channel",
        "written",
        check=True,
    ).stdout.strip()
    text = (sec / f"amendments/zero/{aid}.yaml").read_text(encoding="utf-8")
    assert "by: MEX" in text and "entered_by: UNHCR" in text
    assert git(sec, "log", "-1", "--format=%an|%cn").stdout.strip() == "Mexico|Ana Secretaria"
    drafting("-C", str(sec), "sync", check=True)
    keys = json.loads(drafting("-C", str(sec), "keys", "list", "--format", "json", check=True).stdout)
    assert {k["code"]: k["role"] for k in keys}["UNHCR"] == "secretariat"
    assert all(k["fingerprint"].startswith("SHA256:") for k in keys) and len(keys) == 9


def test_a_one_operator_workspace_says_once_that_it_is_unsigned(tmp_path: Path) -> None:
    ws = tmp_path / "solo"
    first = drafting("init", str(ws), check=True)
    assert "not signed" in first.stderr
    write_workspace(ws)
    git(ws, "add", "-A")
    git(ws, "-c", "user.name=Solo", "-c", "user.email=solo@example.org", "commit", "-qm", "Zero draft")
    second = drafting("-C", str(ws), "issue", "zero", "--no-compile", check=True)
    assert "not signed" not in second.stderr  # said once for the workspace
    assert git(ws, "log", "-1", "--format=%G?").stdout.strip() == "N"


def test_without_keys_a_hand_edit_may_not_undo_an_accepted_change(workspace: Path) -> None:
    drafting(
        "-C",
        str(workspace),
        "propose",
        "op-asylum",
        "--by",
        "BRA",
        "--replace",
        "sistemas nacionales",
        "--with",
        "sistemas regionales",
        check=True,
    )
    drafting("-C", str(workspace), "decide", "zero-BRA-001", "accept", check=True)
    path = workspace / OPERATIVE
    path.write_text(
        path.read_text(encoding="utf-8").replace("sistemas regionales", "sistemas nacionales"),
        encoding="utf-8",
    )
    git(workspace, "-c", "user.name=Someone", "-c", "user.email=s@example.org", "commit", "-qam", "Tidy")
    audited(workspace, "op-asylum", "zero-BRA-001 (accepted)", "[decided-text-kept]")
