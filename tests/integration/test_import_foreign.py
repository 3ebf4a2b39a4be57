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
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foreign"))

import base  # noqa: E402
import cases  # noqa: E402

from drafting import api  # noqa: E402
from drafting.model import Workspace  # noqa: E402
from drafting.ops.apply import apply_amendment  # noqa: E402
from drafting.session import Session  # noqa: E402

LANG = "es"

# Cases that fail before issue 12's fixes; none may stay here once they are made.
PENDING: dict[str, str] = {
    "lo-tracked-after-label.docx": "the label's renamed style: text typed after it keeps the label in the insertion",
    "lo-tracked-move.docx": "the moved number leaks: insert \"10\" at start beside the move",
    "lo-tracked-number.docx": "\"6\" -> \"6 bis\" becomes an insertion in the clause text",
    "lo-tracked-paste.docx": "the copy keeps its typed number \"6 bis\" in the new clause's text",
    "lo-silent-after-label.docx": "the label's renamed style: text typed after it keeps the label in the insertion",
    "lo-silent-move.docx": "a move without Track Changes (the bookmark travels) is lost",
    "lo-silent-number.docx": "a changed number is dropped without a warning",
    "lo-silent-edits.docx": "a silent deletion is placed on the right-hand repeat of its words",
    "pandoc-resave-declaration.docx": "the version is not found without the subtitle's style; numbers become insertions",
    "pandoc-resave-plan.docx": "the version is not found without the subtitle's style; numbers become insertions",
    "pandoc-silent-edits.docx": "the version is not found without the subtitle's style; numbers become insertions",
    "pandoc-tracked.docx": "the version is not found without the subtitle's style; numbers become insertions",
    "word-inherited-styles.docx": "typed text in the number's or label's style is dropped",
    "word-footnote.docx": "a tracked footnote is lost without a warning",
    "word-endnote.docx": "an endnote is lost without a warning",
    "word-textbox.docx": "a text box is lost without a warning",
    "word-move-untracked.docx": "a move without Track Changes (the bookmark travels) is lost",
    "word-sym-insert.docx": "w:sym is not read: the symbol is missing from the insertion",
    "word-sym-hyphen.docx": "w:sym is not read: an invented replacement of 2024-2034",
    "word-alternate-content.docx": "mc:AlternateContent is not read: an invented deletion",
    "word-comments-table.docx": "a comments table after the last clause becomes new clauses",
    "word-tracked-3bis.docx": "the typed \"3 bis \" stays in the new clause's text",
    "word-comment-two-clauses.docx": "one comment over two clauses becomes two amendments",
    "word-template-untouched.docx": "the version is not found without the subtitle's style; repeated texts",
    "word-template-paste.docx": "the version is not found without the subtitle's style; repeated texts",
}


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
    actual = [{"target": m.get("target"), "change": m["change"],
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
                                f"first differences {diff[:3]}; {len(expected)} clauses expected, {len(actual)} made")


def check_warnings(case: cases.Case, warnings: tuple[str, ...]) -> None:
    unexpected = [w for w in warnings if not any(re.search(p, w) for p in case.warnings)]
    missing = [p for p in case.warnings if not any(re.search(p, w) for w in warnings)]
    assert not unexpected and not missing, (f"{case.file}: unexpected warnings {unexpected}; "
                                            f"expected but not printed {missing}")


def run_case(case: cases.Case, workspaces: dict[str, Path], tmp_path: Path) -> None:
    ws_dir = tmp_path / "ws"
    shutil.copytree(workspaces[case.workspace], ws_dir, symlinks=True)
    result = api.import_docx(str(ws_dir), str(base.DATA / case.file), by="BRA", base=case.base)
    s = Session.find(str(ws_dir))
    made = [yaml.safe_load((ws_dir / c.path).read_text(encoding="utf-8")) for c in result.created]
    now = s.load()
    amendments = [a for a in now.amendments if a.id in set(result.ids)]
    base_ws = s.version_text(result.version)
    assert base_ws is not None
    check_invariant(case, base_ws, amendments)
    check_amendments(case, made)
    check_warnings(case, result.warnings)


def _params() -> list[Any]:
    out = []
    for case in cases.CASES:
        marks = [pytest.mark.xfail(strict=True, reason=PENDING[case.file])] if case.file in PENDING else []
        out.append(pytest.param(case, id=case.file.removesuffix(".docx"), marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_foreign_file(case: cases.Case, workspaces: dict[str, Path], tmp_path: Path) -> None:
    run_case(case, workspaces, tmp_path)


def test_every_case_has_its_file_and_every_file_its_case() -> None:
    files = {p.name for p in base.DATA.glob("*.docx")}
    assert files == {c.file for c in cases.CASES}
    assert all(p.stat().st_size < 64_000 for p in base.DATA.glob("*.docx"))
