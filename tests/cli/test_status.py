"""``drafting status``: a readable table and a JSON report of clauses, delegations and totals."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafting.cli import main
from tests.support import amendment, clause, delegation, document, negotiation, section, write_files

REPO = Path(__file__).resolve().parents[2]

DECL = {"es": "Declaración", "en": "Declaration"}
FILES = {
    "negotiation.yaml": negotiation(
        documents=["decl", "plan"], title={"es": "Prueba", "en": "Test"},
        delegations={**{code: delegation(code) for code in ("ARG", "BRA", "CHL")},
                     "MERCOSUR": delegation("MERCOSUR", "group", name={"en": "MERCOSUR"}, members=["ARG", "BRA"])}),
    "drafts/decl/document.yaml": document("decl", ["preamble", "operative"], DECL),
    "drafts/decl/preamble.yaml": section("preamble", [
        clause("pp-one", {"es": "Reconociendo [la] cooperación [regional],",
                          "en": "Recognizing [the] [regional] cooperation,"}, status="agreed"),
    ], title={"es": "Preámbulo", "en": "Preamble"}, numbering="none"),
    "drafts/decl/operative.yaml": section("operative", [
        clause("op-asylum", {"es": "Fortalecer los sistemas [nacionales] de asilo;",
                             "en": "Strengthen [national] asylum systems;"}),
        clause("op-solutions", {"es": "Promover soluciones [duraderas [y complementarias]];",
                                "en": "Promote [durable] solutions;"}, status="agreed-ad-ref",
               children=[clause("op-solutions-local", {"es": "la integración local;"}, status="held",
                                pending_translation=["en"])]),
        clause("op-follow-up", {"es": "Dar seguimiento.", "en": "Follow up."}, status="agreed"),
    ], title={"es": "Parte dispositiva", "en": "Operative part"}),
    "drafts/plan/document.yaml": document("plan", ["chapter"], {"es": "Plan", "en": "Plan"}),
    "drafts/plan/chapter.yaml": section("chapter", [
        clause("plan-heading", {"es": "Programa", "en": "Programme"}, kind="heading"),
        clause("plan-one", {"es": "Uno [o dos].", "en": "One [or two]."}),
        clause("plan-two", {"es": "Dos.", "en": "Two."}, status="agreed-in-informals"),
    ], title={"es": "Capítulo", "en": "Chapter"}, numbering="roman"),
    "amendments/zero/zero-BRA-001.yaml": amendment(
        "zero-BRA-001", "BRA", {"replace": {"old": "sistemas", "new": "sistemas nacionales"}},
        on_behalf_of="MERCOSUR", target="op-asylum", status="submitted"),
    "amendments/zero/zero-BRA-002.yaml": amendment(
        "zero-BRA-002", "BRA", {"delete": {"old": "de asilo"}}, target="op-asylum", status="rejected",
        decision={"date": "2024-09-20"}),
    "amendments/zero/zero-ARG-001.yaml": amendment(
        "zero-ARG-001", "ARG", {"insert": {"text": " regionales", "after": "asilo"}}, target="op-asylum",
        status="submitted"),
    "amendments/zero/zero-CHL-001.yaml": amendment(
        "zero-CHL-001", "CHL", {"add": {"after": "plan-one", "clause": {"id": "plan-new",
                                                                          "text": {"es": "Nuevo.", "en": "New."}}}},
        status="submitted"),
    "amendments/zero/zero-CHL-002.yaml": amendment(
        "zero-CHL-002", "CHL", {"comment": {}}, target="plan-two", status="withdrawn",
        decision={"date": "2024-09-21", "note": "withdrawn orally"}),
}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return write_files(tmp_path / "ws", FILES)


def status(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> str:
    code = main(["-C", str(root), "status", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    return captured.out


def row(table: str, clause_id: str) -> list[str]:
    """The cells of the table row of a clause (cells are separated by two spaces or more)."""
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if clause_id in cells:
            return cells
    raise AssertionError(f"no row for {clause_id}:\n{table}")


def test_validates_first(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(ws), "validate"]) == 0
    assert capsys.readouterr().err == ""


def test_table(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = status(capsys, ws)
    assert row(out, "pp-one") == ["-", "pp-one", "agreed", "2"]
    assert row(out, "op-asylum") == ["1", "op-asylum", "pending", "1", "zero-ARG-001, zero-BRA-001"]
    assert row(out, "op-solutions") == ["2", "op-solutions", "agreed-ad-ref", "1"]
    assert row(out, "op-solutions-local") == ["2(a)", "op-solutions-local", "held", "en"]
    assert row(out, "op-follow-up") == ["3", "op-follow-up", "agreed"]
    assert row(out, "plan-heading") == ["plan-heading", "(heading)"]
    assert row(out, "plan-one") == ["I", "plan-one", "pending", "1", "zero-CHL-001"]
    assert row(out, "plan-two") == ["II", "plan-two", "agreed-in-informals"]
    # documents in order, each with its own table
    assert out.index("decl") < out.index("pp-one") < out.index("\nplan\n") < out.index("plan-one")
    # amendments by delegation and totals
    assert row(out, "BRA") == ["BRA", "submitted 1, rejected 1"]
    assert row(out, "CHL") == ["CHL", "submitted 1, withdrawn 1"]
    assert row(out, "ARG") == ["ARG", "submitted 1"]
    assert "clauses: 7 — pending 2, agreed-in-informals 1, agreed-ad-ref 1, agreed 2, held 1" in out
    assert "bracketed passages, per document: decl 4, plan 1" in out
    assert "amendments: 5 — submitted 3, rejected 1, withdrawn 1" in out
    assert "clauses awaiting translation: 1" in out


def test_many_open_amendments_are_shortened(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(2, 7):
        (ws / f"amendments/zero/zero-ARG-00{n}.yaml").write_text(
            f"id: zero-ARG-00{n}\nby: ARG\ntarget: op-follow-up\nchange:\n  comment: {{}}\nstatus: submitted\n")
    cells = row(status(capsys, ws), "op-follow-up")
    assert cells == ["3", "op-follow-up", "agreed", "zero-ARG-002, zero-ARG-003, zero-ARG-004 +2"]


def test_json(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads(status(capsys, ws, "--format", "json"))
    assert set(report) == {"clauses", "delegations", "contributors", "sponsored", "totals"}
    assert report["contributors"] == {} and report["sponsored"] == {}  # no observer or civil society here
    clauses = {c["id"]: c for c in report["clauses"]}
    assert [c["id"] for c in report["clauses"]] == [
        "pp-one", "op-asylum", "op-solutions", "op-solutions-local", "op-follow-up",
        "plan-heading", "plan-one", "plan-two"]
    assert clauses["op-asylum"] == {
        "id": "op-asylum", "document": "decl", "section": "operative", "number": "1", "kind": "paragraph",
        "status": "pending", "open_amendments": ["zero-ARG-001", "zero-BRA-001"], "contributions": [],
        "competing": [],
        "brackets": 1, "pending_translation": []}
    assert clauses["pp-one"]["number"] == "" and clauses["pp-one"]["brackets"] == 2
    assert clauses["op-solutions"]["brackets"] == 1  # nested brackets are one bracketed span
    assert clauses["op-solutions-local"]["number"] == "2(a)"
    assert clauses["op-solutions-local"]["pending_translation"] == ["en"]
    assert clauses["plan-heading"]["kind"] == "heading" and clauses["plan-heading"]["status"] == ""
    assert clauses["plan-heading"]["number"] == ""
    assert clauses["plan-one"]["number"] == "I" and clauses["plan-two"]["number"] == "II"
    assert clauses["plan-one"]["open_amendments"] == ["zero-CHL-001"]  # the clause added after it
    assert report["delegations"] == {"ARG": {"submitted": 1}, "BRA": {"submitted": 1, "rejected": 1},
                                     "CHL": {"submitted": 1, "withdrawn": 1}}
    totals = report["totals"]
    assert totals["clauses"] == 7  # headings are not counted
    assert totals["by_status"] == {"pending": 2, "agreed-in-informals": 1, "agreed-ad-ref": 1, "agreed": 2,
                                   "held": 1}
    assert totals["brackets"] == {"decl": 4, "plan": 1}
    assert totals["amendments"] == {"submitted": 3, "accepted": 0, "modified": 0, "merged": 0,
                                    "accommodated": 0, "rejected": 1, "withdrawn": 1}
    assert totals["open_amendments"] == 3
    assert totals["pending_translation"] == 1


def test_json_of_the_bundled_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "negotiation.yaml", root)
    shutil.copytree(REPO / "drafts", root / "drafts")
    shutil.copytree(REPO / "amendments", root / "amendments")
    shutil.copytree(REPO / "precedents", root / "precedents")
    report = json.loads(status(capsys, root, "--format", "json"))
    clauses = {c["id"]: c for c in report["clauses"]}
    assert clauses["op-access-territory"]["status"] == "agreed-ad-ref"
    assert clauses["op-access-territory"]["number"] == "OP3"  # the example's sections declare references
    assert clauses["pp-chapeau"]["number"] == "PP1"
    assert "zero-BRA-001" in clauses["op-international-cooperation"]["open_amendments"]
    assert set(report["totals"]["brackets"]) == {"declaration", "plan-of-action"}
    amendment_files = list((root / "amendments").rglob("*.yaml"))
    # the contributions of observers, organizations and civil society are counted apart
    totals = report["totals"]
    assert sum(totals["amendments"].values()) + sum(totals["contributions"].values()) == len(amendment_files)
    assert sum(totals["contributions"].values()) == 3 == totals["open_contributions"]  # IACHR, IOM, LAC-RMD
    assert set(report["contributors"]) == {"IACHR", "IOM", "LAC-RMD"}
    assert sum(sum(d.values()) for d in [*report["delegations"].values(), *report["contributors"].values()]) \
        == len(amendment_files)
    assert report["totals"]["clauses"] == sum(report["totals"]["by_status"].values())
    assert sum(len(c["open_amendments"]) for c in report["clauses"]) == report["totals"]["open_amendments"]


def test_status_of_an_invalid_workspace_fails_clearly(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ws / "amendments/zero/zero-ARG-001.yaml"
    path.write_text(path.read_text().replace("by: ARG", "by: ARG\nby: BRA"))
    code = main(["-C", str(ws), "status"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "amendments/zero/zero-ARG-001.yaml:3: error: duplicate key 'by' (first at line 2)" in captured.err


def test_subprocess(ws: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "status", "--format", "json"],
                       capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["totals"]["open_amendments"] == 3
    r = subprocess.run([sys.executable, "-m", "drafting.cli", "status", "-C", str(ws)],
                       capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0 and "op-asylum" in r.stdout


def test_outside_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(tmp_path), "status"]) == 2
    assert "not a drafting workspace" in capsys.readouterr().err


def test_bad_format_is_a_usage_error(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["-C", str(ws), "status", "--format", "xml"])
    assert info.value.code == 2
