"""A whole negotiation round through the command line, in a real git repository."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git, run


def head(ws: Path) -> str:
    return git(ws, "rev-parse", "HEAD").strip()


def clause_text(ws: Path, clause: str, lang: str = "es") -> str:
    from drafting.store.session import Session
    c = Session(ws).load().clause(clause)
    assert c is not None
    return c.text[lang]


def test_round_from_zero_draft_to_rev1(workspace: Path) -> None:
    ws = str(workspace)
    # proposals, each committed in its delegation's name
    ids = {}
    for key, args in {
        "replace": ["op-asylum", "--by", "BRA", "--replace", "sistemas nacionales",
                    "--with", "sistemas nacionales y regionales", "--on-behalf-of", "MERCOSUR",
                    "--cosponsors", "ARG,URY", "--rationale", "Coherencia regional"],
        "insert": ["op-borders", "--by", "ARG", "--insert", "y marítimas", "--after", "fronteras"],
        "delete": ["op-solutions", "--by", "MEX", "--delete", "[y complementarias] "],
        "add": ["op-borders", "--by", "CHL", "--add", "op-borders-children",
                "--text", "es=Proteger a los niños no acompañados.", "--text", "en=Protect unaccompanied children."],
        "remove": ["op-follow-up", "--by", "PRY", "--remove"],
        "competing": ["op-asylum", "--by", "MEX", "--replace", "sistemas nacionales", "--with", "sistemas"],
        "comment": ["op-borders", "--by", "URY", "--comment", "--rationale", "Ver la Declaración de Brasil"],
        "withdrawn": ["op-solutions-resettlement", "--by", "PRY", "--bracket"],
    }.items():
        proc = run("-C", ws, "propose", *args, "--date", "2024-09-10", check=True)
        ids[key] = proc.stdout.strip()
    assert ids["replace"] == "zero-BRA-001"
    assert ids["remove"] == "zero-PRY-001" and ids["withdrawn"] == "zero-PRY-002"
    assert git(workspace, "log", "-1", "--format=%an").strip() == "Paraguay"
    assert run("-C", ws, "validate").returncode == 0

    # decisions: one commit each, by the secretariat, with trailers
    before = head(workspace)
    run("-C", ws, "decide", ids["replace"], "accept", "--note", "Agreed in informals", "--date", "2024-09-25",
        check=True)
    assert clause_text(workspace, "op-asylum") == "Fortalecer los sistemas nacionales y regionales de asilo en la región."
    from drafting.store.session import Session
    assert "en" in Session(workspace).load().clause("op-asylum").pending_translation  # type: ignore[union-attr]
    message = git(workspace, "log", "-1", "--format=%B")
    assert "Amendment: zero-BRA-001" in message and "Proponent: BRA" in message and "Decision: accepted" in message
    assert git(workspace, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    changed = git(workspace, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == ["amendments/zero/zero-BRA-001.yaml", "drafts/declaration/operative.yaml"]

    run("-C", ws, "decide", ids["insert"], "modify", "--text", "y costeras", check=True)
    assert clause_text(workspace, "op-borders") == "Garantizar el acceso al territorio en las fronteras y costeras."
    run("-C", ws, "decide", ids["competing"], "merge", "--into", ids["replace"], check=True)
    run("-C", ws, "decide", ids["comment"], "accommodate", "--clause", "op-asylum", check=True)
    run("-C", ws, "decide", ids["delete"], "reject", "--note", "No consensus", check=True)
    run("-C", ws, "decide", ids["withdrawn"], "withdraw", check=True)
    run("-C", ws, "decide", ids["add"], "accept", check=True)
    run("-C", ws, "decide", ids["remove"], "accept", check=True)
    before = head(workspace)
    bad = run("-C", ws, "decide", "op-asylum", "translate")  # a clause id and no decision: bad usage
    assert bad.returncode == 2, bad.stderr
    assert "usage:" in bad.stderr and "Traceback" not in bad.stderr
    assert head(workspace) == before and git(workspace, "status", "--porcelain") == ""
    run("-C", ws, "translate", "op-asylum", "en", "Strengthen national and regional asylum systems in the region.",
        check=True)
    run("-C", ws, "mark", "op-asylum", "agreed-ad-ref", check=True)

    # deciding again, or an unknown amendment: exit 1, nothing written
    before = head(workspace)
    again = run("-C", ws, "decide", ids["replace"], "reject")
    assert again.returncode == 1 and "already decided" in again.stderr and "Traceback" not in again.stderr
    unknown = run("-C", ws, "decide", "zero-XXX-009", "accept")
    assert unknown.returncode == 1 and "unknown amendment" in unknown.stderr
    assert head(workspace) == before and git(workspace, "status", "--porcelain") == ""

    # numbers before the next revision: the added clause is 2 bis, the removed one leaves 4 unused
    status = json.loads(run("-C", ws, "status", "--format", "json", check=True).stdout)
    numbers = {c["id"]: c["number"] for c in status["clauses"]}
    assert numbers["op-borders-children"] == "2 bis"
    assert "op-follow-up" not in numbers
    assert status["totals"]["amendments"]["accepted"] == 3

    # issue Rev.1: tag, renumbering, concordance
    out = run("-C", ws, "issue", "rev1", "--label", "Rev.1", "--out", "drafts-rev1", check=True).stdout
    assert "rev1" in git(workspace, "tag")
    assert "2 bis" in out or "(new)" in out
    assert (workspace / "drafts-rev1" / "declaration-clean-es.docx").exists()
    assert "op-borders-children" in (workspace / "drafts-rev1" / "concordance-zero-rev1.txt").read_text()
    rows = json.loads(run("-C", ws, "concordance", "zero", "rev1", "--format", "json", check=True).stdout)
    by_id = {r["clause"]: (r["old"], r["new"]) for r in rows}
    assert by_id["op-borders-children"] == ("2 bis", "3")
    assert by_id["op-solutions"] == ("3", "4")
    assert by_id["op-follow-up"] == ("4", "")

    # diff: word-level, attributed
    diff = json.loads(run("-C", ws, "diff", "zero", "rev1", "--format", "json", check=True).stdout)
    asylum = next(c for c in diff["clauses"] if c["clause"] == "op-asylum")
    inserted = [c for c in asylum["changes"] if c["op"] == "insert"]
    assert [c["text"].strip() for c in inserted] == ["y regionales"]
    assert inserted[0]["who"]["amendment"] == "zero-BRA-001"
    assert inserted[0]["who"]["proponents"] == ["BRA", "ARG", "URY"]
    borders = next(c for c in diff["clauses"] if c["clause"] == "op-borders")
    assert any(c["op"] == "insert" and "costeras" in c["text"] and c["who"]["amendment"] == "zero-ARG-001"
               for c in borders["changes"])
    text = run("-C", ws, "diff", "zero", "rev1", "--clause", "op-asylum", check=True).stdout
    assert "{+ y regionales+}" in text and "Brasil" in text and "Brazil" not in text  # names in --lang (es)

    # log: versions, amendments, commits
    log = run("-C", ws, "log", "op-asylum", check=True).stdout
    assert "zero-BRA-001" in log and "zero-MEX-002" in log and "Accept zero-BRA-001" in log

    # the journal
    subjects = git(workspace, "log", "--format=%s").splitlines()
    assert subjects[0].startswith("Issue Rev.1")
    assert any(s.startswith("Merge zero-MEX-002") for s in subjects)
    assert any(s.startswith("Proposal zero-ARG-001 by Argentina") for s in subjects)


def test_nfd_anchor_matches_and_ambiguous_anchor_is_refused(workspace: Path) -> None:
    import unicodedata
    ws = str(workspace)
    nfd = unicodedata.normalize("NFD", "región")
    assert nfd != "región"
    proc = run("-C", ws, "propose", "op-asylum", "--by", "BRA", "--replace", nfd, "--with", "Américas", check=True)
    run("-C", ws, "decide", proc.stdout.strip(), "accept", check=True)
    assert clause_text(workspace, "op-asylum").endswith("en la Américas.")
    before = head(workspace)
    amb = run("-C", ws, "propose", "op-solutions", "--by", "MEX", "--replace", "as", "--with", "x",
              "--inside-word")  # "as" occurs only inside words
    assert amb.returncode == 1
    assert "occur 5 times" in amb.stderr and "occurrence 2 at character" in amb.stderr
    assert head(workspace) == before and git(workspace, "status", "--porcelain") == ""


def test_propose_refuses_bad_input_and_writes_nothing(workspace: Path) -> None:
    ws = str(workspace)
    before = head(workspace)
    for args, code in (
        (["op-asylum", "--by", "XXX", "--delete", "asilo"], 2),
        (["op-nowhere", "--by", "BRA", "--delete", "asilo"], 1),
        (["op-asylum", "--by", "BRA", "--delete", "no está"], 1),
        (["op-asylum", "--by", "BRA", "--replace", "asilo"], 2),
        (["op-asylum", "--by", "BRA", "--insert", "x"], 2),
    ):
        proc = run("-C", ws, "propose", *args)
        assert proc.returncode == code, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.strip()
    assert head(workspace) == before and git(workspace, "status", "--porcelain") == ""
    assert not list((workspace / "amendments").glob("*/*.yaml")) if (workspace / "amendments").exists() else True


def test_outside_a_workspace_exits_2(tmp_path: Path) -> None:
    proc = run("-C", str(tmp_path), "status")
    assert proc.returncode == 2 and "not a drafting workspace" in proc.stderr
