"""Contributions of observers, organizations and civil society: counted apart, never decided, taken up
by a state with ``sponsor``."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import git, issued_workspace, run
from tests.ooxml import accept_all_text, reject_all_text, validate_docx, w

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


# ------------------------------------------------------------------------------------ drafts

def _body(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _comments(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as zf:
        if "word/comments.xml" not in zf.namelist():
            return []
        return ["".join(c.itertext()) for c in etree.fromstring(zf.read("word/comments.xml")).iter(w("comment"))]


def _paragraphs(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(w("t"), w("delText"))) for p in root.iter(w("p"))]


def test_compilation_lists_contributions_apart_never_as_tracked_changes(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("-C", str(ws), "compile", "--kind", "compilation", "--lang", "all", "--out", str(out), check=True)
    es = out / "declaration-compilation-es.docx"
    assert validate_docx(es) == []
    body = _body(es)
    tracked = "".join(t.text or "" for t in body.iter(w("t"), w("delText")) if any(
        a.tag in (w("ins"), w("del")) for a in t.iterancestors()))
    assert "comunitarios" not in tracked and "Red Clamor" not in {x.get(w("author")) for x in body.iter(w("ins"))}
    paragraphs = _paragraphs(body)
    title = paragraphs.index("Contribuciones de observadores y de la sociedad civil")
    assert paragraphs[title + 1].startswith("Las propuestas de observadores")
    assert paragraphs[title + 2] == "zero-REDCLAMOR-001 — Red Clamor (1)"
    assert "«sistemas nacionales y comunitarios»" in paragraphs[title + 3]
    assert paragraphs[title + 4] == "Justificación: «Las comunidades acogen.»"
    # accepting (or rejecting) every tracked change in Word gives the text without the part: its
    # paragraphs are in styles that are not the text
    for view in (accept_all_text(es), reject_all_text(es)):
        assert not any("comunitarios" in p or "Red Clamor" in p or "Contribuciones" in p for p in view), view
    styles = {p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) for p in body.iter(w("p"))
              if "Red Clamor" in "".join(t.text or "" for t in p.iter(w("t")))}
    assert styles and all(s.startswith("DraftContribution") for s in styles), styles
    en = _paragraphs(_body(out / "declaration-compilation-en.docx"))
    assert "Contributions of observers and civil society" in en


def test_a_sponsored_contribution_enters_as_the_state_s_tracked_change(ws: Path, tmp_path: Path) -> None:
    run("-C", str(ws), "sponsor", "zero-REDCLAMOR-001", "--by", "BRA", "--date", "2024-09-12", check=True)
    out = tmp_path / "out"
    run("-C", str(ws), "compile", "--kind", "compilation", "--lang", "es", "--out", str(out), check=True)
    run("-C", str(ws), "compile", "--kind", "synoptic", "--lang", "es", "--out", str(out), check=True)
    es = out / "declaration-compilation-es.docx"
    body = _body(es)
    inserted = [(x.get(w("author")), "".join(t.text or "" for t in x.iter(w("t")))) for x in body.iter(w("ins"))]
    assert any(author == "Brasil" and "comunitarios" in text for author, text in inserted), inserted
    assert any(c.startswith("zero-BRA-001") and "Patrocina zero-REDCLAMOR-001 de Red Clamor." in c
               for c in _comments(es))
    paragraphs = _paragraphs(body)
    assert "Patrocinada por Brasil (zero-BRA-001)." in paragraphs
    synoptic = _paragraphs(_body(out / "declaration-synoptic-es.docx"))
    assert "Patrocina zero-REDCLAMOR-001 de Red Clamor." in synoptic
    assert "Patrocinada por Brasil (zero-BRA-001)." in synoptic
    # in the synoptic table the contribution is in the table of contributions, not among the proposals
    tables = list(_body(out / "declaration-synoptic-es.docx").iter(w("tbl")))
    assert len(tables) == 2
    assert not any(p.startswith("zero-REDCLAMOR-001") or "Patrocinada por" in p
                   for p in accept_all_text(out / "declaration-synoptic-es.docx"))
    assert not any(p.startswith("zero-REDCLAMOR-001") for p in _paragraphs(tables[0]))
    assert any(p.startswith("zero-REDCLAMOR-001 — Red Clamor") for p in _paragraphs(tables[1]))
    assert validate_docx(out / "declaration-synoptic-es.docx") == []


def test_the_example_s_drafts_show_civil_society_apart(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("-C", str(example), "compile", "--kind", "compilation", "--lang", "fr", "--format", "md", "--out", str(out),
        check=True)
    text = (out / "declaration-compilation-fr.md").read_text(encoding="utf-8")
    part = text.split("## Contributions des observateurs et de la société civile", 1)
    assert len(part) == 2
    # in the text, only as what Brazil's amendment takes up; its entry is in the part
    assert "rev1-GARPAB-001 —" not in part[0] and "**rev1-GARPAB-001 —" in part[1]
    assert "(parraine rev1-GARPAB-001 de Groupe régional d’articulation du Plan d’action du Brésil (GARPAB))" \
        in part[0].split("**Notes**")[0]
    assert "Parrainée par Brésil (rev1-BRA-001)." in part[1]
    plan = (out / "plan-of-action-compilation-fr.md").read_text(encoding="utf-8")
    for cid in ("rev1-RED-CLAMOR-001", "rev1-RJM-LAC-001", "rev1-LAC-RMD-001"):
        head, _, tail = plan.partition("## Contributions des observateurs")
        assert cid in tail and cid not in head.split("**Notes**")[0], cid
