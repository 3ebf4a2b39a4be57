"""import-docx on files other editors wrote: LibreOffice's own edits, pandoc and python-docx re-saves, and
XML parts as Word writes them (tests/data/foreign/, made by the scripts in tests/foreign/; the cases and
what each must give are in tests/foreign/cases.py).

Every import is checked twice: the amendments created are exactly the expected ones (operation, target,
anchors and texts, rationale), and the invariant holds — applying them to the base version gives, clause
by clause and in order, exactly the text the file shows when all its changes are accepted.  Every warning
printed must be one the case expects.  LibreOffice is not needed: the files are committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foreign"))

import base  # noqa: E402
import cases  # noqa: E402

from drafting import api  # noqa: E402
from drafting.ingest.check import invariant  # noqa: E402
from drafting.ingest.docx import read_word_file  # noqa: E402
from drafting.ingest.plan import Planner  # noqa: E402
from drafting.ingest.safety import open_docx  # noqa: E402
from drafting.ingest.version import base_clauses  # noqa: E402
from drafting.model import Amendment, Change, Clause, Workspace  # noqa: E402
from drafting.ops.apply import apply_amendment  # noqa: E402
from drafting.store.session import Session  # noqa: E402

LANG = "es"


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("foreign")
    example = root / "example"
    api.init(str(example), example=True)
    return {"example": example, "repeated": base.repeated_workspace(root / "repeated")}


def normal(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def clauses_of(ws: Workspace, document: str) -> list[tuple[str, str]]:
    return [(p.clause.id, normal(p.clause.text.get(LANG, ""))) for p in ws.placements()
            if p.document.id == document]


def same(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    rationale = expected.get("rationale")
    if isinstance(rationale, str) and rationale.startswith("re:"):
        if not re.search(rationale[3:], actual.get("rationale") or "", re.S):
            return False
        expected = {**expected, "rationale": actual.get("rationale")}
    return expected == actual


def check_amendments(case: cases.Case, made: list[dict[str, Any]]) -> None:
    actual = [{"target": m["target"], "change": m["change"],
               **({"rationale": m["rationale"]} if "rationale" in m else {})} for m in made]
    unmatched = list(actual)
    missing = []
    for e in case.expect:
        hit = next((a for a in unmatched if same(e, a)), None)
        if hit is None:
            missing.append(e)
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (f"{case.file}: expected but not made: {missing}\n"
                                           f"made but not expected: {unmatched}")


def check_invariant(case: cases.Case, base_ws: Workspace, amendments: list[Any]) -> None:
    """The amendments, applied to the base text, give the file's accept-all reading."""
    ws = base_ws
    base_texts = {p.clause.id: p.clause.text for p in base_ws.placements()}
    for a in amendments:
        base_text = base_texts.get(a.target or "", {}).get(a.lang)
        ws = apply_amendment(ws, a, base_text=base_text).workspace
    expected = cases.accepted(clauses_of(base_ws, case.document), case.edits)
    actual = clauses_of(ws, case.document)
    diff = [(e, a) for e, a in zip(expected, actual) if e != a]
    assert actual == expected, (f"{case.file}: the amendments do not give the file's text: "
                                f"first differences {diff[:3]}; {len(expected)} clauses expected, "
                                f"{len(actual)} made")


def check_warnings(case: cases.Case, warnings: tuple[str, ...]) -> None:
    unexpected = [w for w in warnings if not any(re.search(p, w) for p in case.warnings)]
    missing = [p for p in case.warnings if not any(re.search(p, w) for w in warnings)]
    assert not unexpected and not missing, (f"{case.file}: unexpected warnings {unexpected}; "
                                            f"expected but not printed {missing}")


def as_amendment(made: dict[str, Any], lang: str) -> Amendment:
    op, body = next(iter(made["change"].items()))
    clause = body.get("clause")
    change = Change(op, old=body.get("old"), new=body.get("new"), text=body.get("text"),
                    after=body.get("after"), before=body.get("before"), at=body.get("at"),
                    occurrence=body.get("occurrence"),
                    clause=Clause(clause["id"], clause["text"]) if clause else None)
    return Amendment(id=made["id"], version="", by="BRA", change=change, target=made["target"], lang=lang)


def run_case(case: cases.Case, workspaces: dict[str, Path]) -> None:
    """A dry run (nothing written: the amendments are checked as the files would say them)."""
    ws = workspaces[case.workspace]
    result = api.import_docx(str(ws), str(base.DATA / case.file), by="BRA", base=case.base, dry_run=True)
    made = [{"id": c.id, "target": c.target, "change": c.change,
             **({"rationale": c.rationale} if c.rationale is not None else {})} for c in result.created]
    base_ws = Session.find(str(ws)).version_text(result.version)
    assert base_ws is not None
    check_invariant(case, base_ws, [as_amendment(m, result.lang) for m in made])
    check_amendments(case, made)
    check_warnings(case, result.warnings)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.file.removesuffix(".docx")) for c in cases.CASES])
def test_foreign_file(case: cases.Case, workspaces: dict[str, Path]) -> None:
    run_case(case, workspaces)


def test_every_case_has_its_file_and_every_file_its_case() -> None:
    files = {p.name for p in base.DATA.glob("*.docx")}
    assert files == {c.file for c in cases.CASES}
    assert all(p.stat().st_size < 64_000 for p in base.DATA.glob("*.docx"))


# ------------------------------------------------------------------------------ the invariant, --strict

def plan_of(ws: Path, file: str) -> tuple[Any, list[Any]]:
    """The planner run on ``file`` against the example's Rev.1 (what import-docx does before writing)."""
    s = Session.find(str(ws))
    word = read_word_file(open_docx(str(base.DATA / file)))
    clauses = base_clauses(s.version_text("rev1"), s.load(), "es", word.map_attributes.get("document"))
    planner = Planner(word, clauses, set())
    proposals, warnings = planner.plan("es")
    assert not warnings
    return planner, proposals


def test_the_invariant_names_what_the_amendments_do_not_give(workspaces: dict[str, Path]) -> None:
    planner, proposals = plan_of(workspaces["example"], "lo-tracked-edits.docx")
    kept = [p for p in proposals if p.op != "replace"]  # as if the replacement had been lost
    assert invariant(kept, planner.clauses, planner.r, set()) == [
        "clause op-international-cooperation (paragraph 22): the amendments made do not give the text the "
        "file shows; not taken: 'predecibles' where the amendments give 'previsibles'"]
    assert invariant(proposals, planner.clauses, planner.r, set()) == []


def test_the_invariant_checks_the_order_of_the_clauses(workspaces: dict[str, Path]) -> None:
    planner, proposals = plan_of(workspaces["example"], "lo-tracked-move.docx")
    assert [p.op for p in proposals] == ["move"]
    [warning] = invariant([], planner.clauses, planner.r, set())
    assert warning.startswith("the clauses stand in the file in another order than the amendments give: "
                              "from clause 12 of the file on, the file has op-follow-up, op-quality-asylum")


def _cli(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), *args], capture_output=True,
                          text=True)


def test_strict_turns_a_warning_into_an_error_and_writes_nothing(workspaces: dict[str, Path],
                                                                  tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(workspaces["example"], ws, symlinks=True)
    head = subprocess.run(["git", "-C", str(ws), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    # Brazil's one amendment on Rev.1 is the contribution it sponsored (rev1-BRA-001)
    before = sorted((ws / "amendments" / "rev1").glob("rev1-BRA-*.yaml"))
    proc = _cli(ws, "import-docx", str(base.DATA / "lo-silent-paste.docx"), "--by", "BRA", "--strict")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("paragraph 21 was added without Track Changes: proposed as new clause op-solutions-bis"
            in proc.stderr)
    assert "--strict: 1 warning(s), so nothing is imported" in proc.stderr
    assert subprocess.run(["git", "-C", str(ws), "rev-parse", "HEAD"], capture_output=True,
                          text=True).stdout == head
    assert sorted((ws / "amendments" / "rev1").glob("rev1-BRA-*.yaml")) == before
    # without --strict the same file imports, warning included
    proc = _cli(ws, "import-docx", str(base.DATA / "lo-silent-paste.docx"), "--by", "BRA")
    assert proc.returncode == 0 and "warning: paragraph 21 was added" in proc.stdout
    assert (ws / "amendments" / "rev1" / "rev1-BRA-002.yaml").is_file()


def test_strict_imports_a_file_without_warnings(workspaces: dict[str, Path], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(workspaces["example"], ws, symlinks=True)
    proc = _cli(ws, "import-docx", str(base.DATA / "lo-tracked-start.docx"), "--by", "BRA", "--strict")
    assert proc.returncode == 0, proc.stderr
    # (rev1-BRA-001 is the contribution Brazil sponsored in the example)
    assert 'rev1-BRA-002  insert    op-statelessness             insert "Además," at start' in proc.stdout
    assert (ws / "amendments" / "rev1" / "rev1-BRA-002.yaml").is_file()


def test_the_benchmarks_file_without_bookmarks_imports_as_nothing(workspaces: dict[str, Path],
                                                                   tmp_path: Path) -> None:
    """bench.import_foreign times this form of a draft at 2,000 paragraphs: here, at the example's size,
    it is what it claims to be and imports as no change."""
    from bench.import_foreign import without_bookmarks

    [draft] = api.compile_drafts(str(workspaces["example"]), lang="es", out=str(tmp_path),
                                 document="plan-of-action")
    bare = tmp_path / "bare.docx"
    bare.write_bytes(without_bookmarks(draft.read_bytes()))
    with zipfile.ZipFile(bare) as z:
        body = z.read("word/document.xml").decode()
        assert not [n for n in z.namelist() if n.startswith("customXml/")]
    assert "bookmarkStart" not in body and "DraftNumber" not in body and "<w:tab/>" not in body
    result = api.import_docx(str(workspaces["example"]), str(bare), by="BRA", dry_run=True)
    assert (result.created, result.warnings, result.version) == ((), (), "rev1")
    base_ws = Session.find(str(workspaces["example"])).version_text("rev1")
    assert base_ws is not None
    clauses = len(clauses_of(base_ws, "plan-of-action"))
    assert dict(result.found) == {"text": clauses}  # every clause, none by a bookmark
