"""import-docx on real files: a workspace in a real git repository, a clean draft compiled from it, and
that draft edited with lxml the way Word writes tracked changes, comments, tables and silent edits."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import git
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting import api
from drafting.errors import UsageError, WorkspaceError
from drafting.ingest import import_docx
from drafting.ingest.edits import (
    position_map,
    silent_edits,
    to_changes,
)
from drafting.ops.anchor import locate
from drafting.ops.apply import apply_change
from drafting.ops.text import key
from drafting.render.docx import bookmark_name
from drafting.store.repo import Repo
from drafting.store.session import Session
from tests.support import amendment, clause, delegation, document, negotiation, section

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SECRETARIAT = ("Secretariat", "secretariat@drafting.invalid")
DATE = "2024-09-12"

NEGOTIATION = negotiation(
    documents=["declaration"], title={"es": "Declaración de prueba", "en": "Test Declaration"}, symbol="TST/L.1",
    delegations={**{code: delegation(code) for code in ("BRA", "ARG", "MEX")},
                 "UNHCR": delegation("UNHCR", "secretariat", name={"en": "UNHCR"})})
DOCUMENT = document("declaration", ["preamble", "operative"], {"es": "Declaración", "en": "Declaration"})
CLAUSES = {
    "preamble": [
        ("pp-recalling", "Recordando la Declaración de Cartagena sobre Refugiados de 1984,",
         "Recalling the Cartagena Declaration on Refugees of 1984,"),
        ("pp-reaffirming", "Reafirmando el compromiso con el derecho internacional de los refugiados,",
         "Reaffirming the commitment to international refugee law,"),
    ],
    "operative": [
        ("quality-asylum", "Fortalecer los sistemas nacionales de asilo y la protección de las personas refugiadas.",
         "Strengthen national asylum systems and the protection of refugees."),
        ("regional", "Promover la cooperación regional de los Estados de la región.",
         "Promote regional cooperation of the States of the region."),
        ("solutions", "Buscar soluciones duraderas para las personas desplazadas.",
         "Seek durable solutions for displaced persons."),
        ("statelessness", "Erradicar la apatridia en la región antes de 2030.",
         "Eradicate statelessness in the region by 2030."),
        ("integration", "Facilitar la integración local de las personas refugiadas.",
         "Facilitate the local integration of refugees."),
        ("cooperation", "Fortalecer la cooperación internacional y la responsabilidad compartida.",
         "Strengthen international cooperation and responsibility sharing."),
        ("final", "Decidir reunirse nuevamente en 2034 para evaluar los avances.",
         "Decide to meet again in 2034 to review progress."),
    ],
}
TEXT = {cid: es for clauses in CLAUSES.values() for cid, es, _ in clauses}
EXISTING = amendment(
    "zero-BRA-001", "BRA", {"replace": {"old": "personas desplazadas", "new": "personas refugiadas y desplazadas"}},
    target="solutions", lang="es", channel="written", submitted="2024-09-01", status="submitted")


def section_yaml(sid: str) -> str:
    clauses = []
    for cid, es, en in CLAUSES[sid]:
        children = [clause("quality-asylum-registration", {"es": "el registro de todas las personas solicitantes;",
                                                           "en": "the registration of all applicants;"})]
        clauses.append(clause(cid, {"es": es, "en": en}, status="agreed-ad-ref" if cid == "regional" else None,
                              children=children if cid == "quality-asylum" else ()))
    return section(sid, clauses, title={"es": sid.capitalize(), "en": sid.capitalize()},
                   numbering="none" if sid == "preamble" else "arabic")


def build_workspace(root: Path) -> Path:
    """negotiation.yaml, one document, version ``zero`` issued (tagged), one earlier BRA proposal."""
    repo = Repo.init(root)
    with repo.transaction("Zero draft", SECRETARIAT, {"Version": "zero"}, date="2024-08-30T12:00:00") as tx:
        tx.write("negotiation.yaml", NEGOTIATION.encode())
        tx.write("drafts/declaration/document.yaml", DOCUMENT.encode())
        for sid in CLAUSES:
            tx.write(f"drafts/declaration/{sid}.yaml", section_yaml(sid).encode())
    repo.tag_version("zero", "Zero draft")
    with repo.transaction("Proposal zero-BRA-001", ("Brazil", "bra@delegations.drafting.invalid"),
                          {"Amendment": "zero-BRA-001", "Proponent": "BRA"}) as tx:
        tx.write("amendments/zero/zero-BRA-001.yaml", EXISTING.encode())
    return root


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The workspace and its clean Spanish draft of version zero, built once (tests copy them)."""
    root = build_workspace(tmp_path_factory.mktemp("template") / "ws")
    out = tmp_path_factory.mktemp("drafts")
    paths = api.compile_drafts(str(root), kind="clean", lang="es", at="zero", out=str(out))
    return root, paths[0].read_bytes()


@pytest.fixture()
def ws(template: tuple[Path, bytes], tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(template[0], root, symlinks=True)
    return root


@pytest.fixture()
def draft(template: tuple[Path, bytes]) -> bytes:
    return template[1]


def state(root: Path) -> tuple[str, str]:
    return git(root, "rev-parse", "HEAD").strip(), git(root, "status", "--porcelain", "--untracked-files=all")


# ------------------------------------------------------------------------------ editing like Word


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class WordEdit:
    """A .docx opened for editing its XML the way Word saves tracked changes and comments."""

    def __init__(self, data: bytes, author: str = "Argentina", date: str = "2024-09-10T09:30:00Z") -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.parts = {name: zf.read(name) for name in zf.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.author, self.date = author, date
        self.next_id = 9000
        self.comments: list[etree._Element] = []

    def id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def revision(self, kind: str) -> etree._Element:
        el = etree.Element(w(kind))
        el.set(w("id"), self.id())
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el

    def para(self, clause_id: str) -> etree._Element:
        name = bookmark_name(clause_id)
        for p in self.root.iter(w("p")):
            if any(b.get(w("name")) == name for b in p.iter(w("bookmarkStart"))):
                return p
        raise KeyError(clause_id)

    def isolate(self, p: etree._Element, needle: str) -> etree._Element:
        """The run holding exactly ``needle``, split out of the text run that contains it."""
        for r in p.iter(w("r")):
            t = r.find(w("t"))
            if t is None or t.text is None or needle not in t.text:
                continue
            text = t.text
            i = text.index(needle)
            pieces = [text[:i], needle, text[i + len(needle):]]
            made: list[etree._Element | None] = []
            for piece in pieces:
                if not piece:
                    made.append(None)
                    continue
                nr = etree.Element(w("r"))
                rpr = r.find(w("rPr"))
                if rpr is not None:
                    nr.append(etree.fromstring(etree.tostring(rpr)))
                nt = etree.SubElement(nr, w("t"))
                nt.set(XML_SPACE, "preserve")
                nt.text = piece
                made.append(nr)
            for nr in made:
                if nr is not None:
                    r.addprevious(nr)
            r.getparent().remove(r)
            return made[1]
        raise KeyError(needle)

    def run(self, text: str) -> etree._Element:
        r = etree.Element(w("r"))
        t = etree.SubElement(r, w("t"))
        t.set(XML_SPACE, "preserve")
        t.text = text
        return r

    def delete(self, r: etree._Element) -> etree._Element:
        d = self.revision("del")
        r.addprevious(d)
        d.append(r)
        for t in r.iter(w("t")):
            t.tag = w("delText")
        return d

    def insert(self, anchor: etree._Element, text: str, before: bool = False) -> etree._Element:
        ins = self.revision("ins")
        ins.append(self.run(text))
        (anchor.addprevious if before else anchor.addnext)(ins)
        return ins

    def replace(self, clause_id: str, old: str, new: str) -> tuple[etree._Element, etree._Element]:
        d = self.delete(self.isolate(self.para(clause_id), old))
        return d, self.insert(d, new)

    def mark(self, p: etree._Element, kind: str) -> None:
        ppr = p.find(w("pPr"))
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self.revision(kind))

    def comment(self, first: etree._Element, last: etree._Element, text: str, author: str = "Delegación") -> None:
        cid = self.id()
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        first.addprevious(start)
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), cid)
        last.addnext(end)
        ref = etree.Element(w("r"))
        etree.SubElement(etree.SubElement(ref, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
        etree.SubElement(ref, w("commentReference")).set(w("id"), cid)
        end.addnext(ref)
        c = etree.Element(w("comment"))
        c.set(w("id"), cid)
        c.set(w("author"), author)
        c.set(w("date"), self.date)
        c.set(w("initials"), "D")
        cp = etree.SubElement(c, w("p"))
        ar = etree.SubElement(cp, w("r"))
        etree.SubElement(ar, w("annotationRef"))
        cp.append(self.run(text))
        self.comments.append(c)

    def wrap_in_table(self, p: etree._Element) -> None:
        tbl = etree.Element(w("tbl"))
        tblpr = etree.SubElement(tbl, w("tblPr"))
        etree.SubElement(tblpr, w("tblW")).attrib.update({w("w"): "0", w("type"): "auto"})
        etree.SubElement(etree.SubElement(tbl, w("tblGrid")), w("gridCol")).set(w("w"), "9000")
        tc = etree.SubElement(etree.SubElement(tbl, w("tr")), w("tc"))
        etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW")).attrib.update({w("w"): "9000", w("type"): "dxa"})
        p.addprevious(tbl)
        tc.append(p)
        after = etree.Element(w("p"))
        tbl.addnext(after)  # Word keeps a paragraph between a table and what follows

    def save(self) -> bytes:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
        if self.comments:
            root = etree.Element(w("comments"), nsmap={"w": W})
            root.extend(self.comments)
            parts["word/comments.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                        standalone=True)
            ct = parts["[Content_Types].xml"].decode()
            if "/word/comments.xml" not in ct:
                ct = ct.replace("</Types>", '<Override PartName="/word/comments.xml" ContentType="application/'
                                "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>")
                parts["[Content_Types].xml"] = ct.encode()
                rels = parts["word/_rels/document.xml.rels"].decode()
                rels = rels.replace("</Relationships>", '<Relationship Id="rIdC1" Type="http://schemas.openxml'
                                    'formats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                                    "</Relationships>")
                parts["word/_rels/document.xml.rels"] = rels.encode()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
        return out.getvalue()


def delegation_edits(draft: bytes, author: str = "Argentina") -> bytes:
    """Brazil's (typed by someone whose Word calls itself "Argentina") edits of the clean draft."""
    doc = WordEdit(draft, author=author)
    # a tracked replace, with a comment on it
    d, i = doc.replace("quality-asylum", "sistemas nacionales", "mecanismos nacionales")
    doc.comment(d, i, "Coherencia con el Plan de Brasil")
    # a tracked insertion in a clause that carries a status label
    doc.insert(doc.isolate(doc.para("regional"), "los Estados"), "todos ", before=True)
    # a tracked deletion
    doc.delete(doc.isolate(doc.para("solutions"), "duraderas "))
    # a silent edit (Track Changes off)
    t = next(t for t in doc.para("statelessness").iter(w("t")) if "2030" in (t.text or ""))
    t.text = t.text.replace("2030", "2034")
    # a tracked change inside a table cell
    doc.wrap_in_table(doc.para("integration"))
    doc.replace("integration", "local", "socioeconómica")
    # a new paragraph after "cooperation": Enter at its end (its mark becomes inserted), then typing
    coop = doc.para("cooperation")
    doc.mark(coop, "ins")
    new = etree.Element(w("p"))
    etree.SubElement(etree.SubElement(new, w("pPr")), w("pStyle")).set(w("val"), "DraftClause0")
    ins = doc.revision("ins")
    ins.append(doc.run("Promover la cooperación Sur-Sur entre los países de la región."))
    new.append(ins)
    coop.addnext(new)
    # a whole clause deleted: its runs (number included) and its paragraph mark
    final = doc.para("final")
    for r in [r for r in final if r.tag == w("r")]:
        doc.delete(r)
    doc.mark(final, "del")
    # a comment on untouched text
    r = doc.isolate(doc.para("pp-reaffirming"), "derecho internacional")
    doc.comment(r, r, "Preferimos mantener esta redacción.")
    return doc.save()


EXPECTED = {
    ("replace", "quality-asylum", (("new", "mecanismos"), ("old", "sistemas"))),
    ("insert", "regional", (("after", "regional de"), ("text", "todos"))),
    ("delete", "solutions", (("old", "duraderas"),)),
    ("replace", "statelessness", (("new", "2034"), ("old", "2030"))),
    ("replace", "integration", (("new", "socioeconómica"), ("old", "local"))),
    ("add", None, (("after", "cooperation"), ("clause", (("id", "cooperation-bis"), ("status", "pending"), ("text", (
        ("es", "Promover la cooperación Sur-Sur entre los países de la región."),)))))),
    ("remove", "final", ()),
    ("comment", "pp-reaffirming", ()),
}
ACCEPTED = {
    "quality-asylum": "Fortalecer los mecanismos nacionales de asilo y la protección de las personas refugiadas.",
    "regional": "Promover la cooperación regional de todos los Estados de la región.",
    "solutions": "Buscar soluciones para las personas desplazadas.",
    "statelessness": "Erradicar la apatridia en la región antes de 2034.",
    "integration": "Facilitar la integración socioeconómica de las personas refugiadas.",
}


def frozen(value: object) -> object:
    if isinstance(value, dict):
        return tuple(sorted((k, frozen(v)) for k, v in value.items()))
    return value


def summary_of(ws: Path, ids: list[str]) -> set[tuple[object, ...]]:
    """(op, target, change body) of the amendments ``ids`` as read back from the workspace."""
    from drafting.store.yamlio import load_file
    out: set[tuple[object, ...]] = set()
    for aid in ids:
        data = load_file((ws / f"amendments/zero/{aid}.yaml").read_bytes(), aid)
        op, body = next(iter(data["change"].items()))
        out.add((op, data.get("target"), frozen(dict(body or {}))))
    return out


# ------------------------------------------------------------------------------ the tests


def test_untouched_draft_imports_nothing(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "untouched.docx"
    f.write_bytes(draft)
    before = state(ws)
    result = import_docx(str(ws), str(f), by="BRA")
    assert result.created == () and result.duplicates == () and result.commit is None
    assert result.version == "zero" and result.lang == "es"
    assert "nothing to import" in result.report()
    assert state(ws) == before


def test_known_edits_become_exactly_those_amendments(ws: Path, draft: bytes, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTING_DATE", DATE)
    f = tmp_path / "propuestas de Brasil.docx"
    f.write_bytes(delegation_edits(draft))
    head_before = state(ws)[0]
    result = import_docx(str(ws), str(f), by="BRA")
    assert result.version == "zero" and result.lang == "es"
    ids = result.ids
    assert ids == [f"zero-BRA-{n:03d}" for n in range(2, 2 + len(EXPECTED))]  # numbering continues
    assert summary_of(ws, ids) == EXPECTED
    # validation: the workspace as committed has no problems
    assert [p for p in api.validate(str(ws)) if p.severity == "error"] == []
    # rationale from the comments; proponent is --by; the Word author is only recorded
    texts = {aid: (ws / f"amendments/zero/{aid}.yaml").read_text() for aid in ids}
    by_target = {c.target: texts[c.id] for c in result.created}
    assert "Coherencia con el Plan de Brasil" in by_target["quality-asylum"]
    assert "Preferimos mantener esta redacción." in by_target["pp-reaffirming"]
    assert all("by: BRA" in t for t in texts.values())
    assert "word_author: Argentina" in by_target["solutions"]
    assert "word_author" not in by_target["statelessness"]  # a silent edit has no Word author
    assert all(f"submitted: {DATE}" in t or f'submitted: "{DATE}"' in t for t in texts.values())
    # each text change applied to the base text gives the delegation's text
    s = Session.find(str(ws))
    now = s.load()
    for a in now.amendments:
        if a.id in ids and a.op in ("replace", "insert", "delete") and a.target is not None:
            text = TEXT[a.target]
            assert key(apply_change(text, a, locate(a, text, text))) == key(ACCEPTED[a.target]), a.id
    # one commit, authored by the delegation, with the trailers
    assert git(ws, "rev-parse", "HEAD~1").strip() == head_before
    assert git(ws, "log", "-1", "--format=%an").strip() == "Brazil"
    message = git(ws, "log", "-1", "--format=%B")
    assert "Proponent: BRA" in message and "Source: propuestas de Brasil.docx" in message
    assert all(f"Amendment: {aid}" in message for aid in ids)
    assert set(git(ws, "show", "--name-only", "--format=", "HEAD").split()) == {
        f"amendments/zero/{aid}.yaml" for aid in ids}
    assert state(ws)[1] == ""


def test_second_import_creates_nothing(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "edited.docx"
    f.write_bytes(delegation_edits(draft))
    first = import_docx(str(ws), str(f), by="BRA")
    assert len(first.created) == len(EXPECTED)
    before = state(ws)
    second = import_docx(str(ws), str(f), by="BRA")
    assert second.created == () and second.commit is None
    assert sorted(d.existing for d in second.duplicates) == sorted(first.ids)
    assert state(ws) == before


def test_dry_run_writes_nothing(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "edited.docx"
    f.write_bytes(delegation_edits(draft))
    before = state(ws)
    result = import_docx(str(ws), str(f), by="BRA", dry_run=True)
    assert result.dry_run and len(result.created) == len(EXPECTED) and result.commit is None
    assert "would create" in result.report()
    assert state(ws) == before
    assert not any((ws / c.path).exists() for c in result.created)


def test_unknown_delegation_is_refused(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "edited.docx"
    f.write_bytes(delegation_edits(draft))
    before = state(ws)
    with pytest.raises(UsageError, match="unknown delegation"):
        import_docx(str(ws), str(f), by="XYZ")
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "import-docx", str(f),
                           "--by", "АRG"], check=False, capture_output=True, text=True)  # a Cyrillic А
    assert proc.returncode == 2 and "unknown delegation" in proc.stderr and "Traceback" not in proc.stderr
    assert state(ws) == before


def test_unknown_base_version_is_refused(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "d.docx"
    f.write_bytes(draft)
    with pytest.raises(UsageError, match="unknown version"):
        import_docx(str(ws), str(f), by="BRA", base="rev9")


def test_cli_prints_ids_and_commits(ws: Path, draft: bytes, tmp_path: Path) -> None:
    f = tmp_path / "edited.docx"
    f.write_bytes(delegation_edits(draft))
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "import-docx", str(f),
                           "--by", "BRA", "--dry-run"], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "zero-BRA-002" in proc.stdout
    assert state(ws)[1] == ""
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "import-docx", str(f),
                           "--by", "BRA"], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "zero-BRA-009" in proc.stdout
    assert (ws / "amendments/zero/zero-BRA-009.yaml").is_file()


def test_paragraph_pasted_without_bookmark_is_found_by_its_text(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    p = doc.para("solutions")
    doc.replace("solutions", "duraderas", "sostenibles")
    for b in list(p.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        b.getparent().remove(b)
    f = tmp_path / "pasted.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [(c.op, c.target) for c in result.created] == [("replace", "solutions")]
    assert 'replace "duraderas" -> "sostenibles"' in result.created[0].summary


def test_moved_paragraph_is_a_move(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    source = doc.para("statelessness")
    copy = etree.fromstring(etree.tostring(source))
    for b in list(copy.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        b.getparent().remove(b)
    for r in [r for r in source if r.tag == w("r")]:
        mf = doc.revision("moveFrom")
        r.addprevious(mf)
        mf.append(r)
    doc.mark(source, "moveFrom")
    start = etree.Element(w("moveFromRangeStart"))
    start.attrib.update({w("id"): doc.id(), w("name"): "move1", w("author"): "Argentina"})
    source.insert(1, start)
    for r in [r for r in copy if r.tag == w("r")]:
        mt = doc.revision("moveTo")
        r.addprevious(mt)
        mt.append(r)
    doc.mark(copy, "moveTo")
    start = etree.Element(w("moveToRangeStart"))
    start.attrib.update({w("id"): doc.id(), w("name"): "move1", w("author"): "Argentina"})
    copy.insert(1, start)
    doc.para("cooperation").addnext(copy)
    f = tmp_path / "moved.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [(c.op, c.target, c.summary) for c in result.created] == [
        ("move", "statelessness", "move after cooperation")]


def test_brackets_become_a_bracket_amendment(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    r = doc.isolate(doc.para("quality-asylum"), "y la protección")
    doc.insert(r, "[", before=True)
    doc.insert(r, "]")
    doc.delete(doc.isolate(doc.para("solutions"), "para"))
    f = tmp_path / "brackets.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [(c.op, c.target, c.summary) for c in result.created] == [
        ("bracket", "quality-asylum", 'bracket "y la protección"'),
        ("delete", "solutions", 'delete "para"')]


# ------------------------------------------------------------------------------ the text rules, directly


@pytest.mark.parametrize("base, accepted, expected", [
    ("los sistemas nacionales de asilo", "los sistemas nacionales y regionales de asilo",
     [{"insert": {"text": "y regionales", "after": "nacionales"}}]),
    ("de la región y de la región andina", "de la región y de toda la región andina",
     [{"insert": {"text": "toda", "after": "y de"}}]),
    ("los Estados", "todos los Estados", [{"insert": {"text": "todos", "at": "start"}}]),
    ("los Estados", "los Estados miembros", [{"insert": {"text": "miembros", "at": "end"}}]),
    ("la protección nacional", "la protección internacional",
     [{"replace": {"old": "nacional", "new": "internacional"}}]),
    ("de asilo y de refugio", "de asilo y refugio", [{"delete": {"old": "de", "occurrence": 2}}]),
    ("de asilo y de refugio", "[de asilo] y de refugio", [{"bracket": {"old": "de asilo"}}]),
    ("de asilo y de refugio", "[de asilo y de refugio]", [{"bracket": {}}]),
    ("[de asilo] y de refugio", "de asilo y de refugio",
     [{"delete": {"old": "["}}, {"delete": {"old": "]"}}]),
    ("l'asile et la protection", "l’asile et la protection", []),  # curly quote: typography only
    ("la protección  nacional", "la protección nacional", []),  # whitespace only
])
def test_silent_edit_rules(base: str, accepted: str, expected: list[dict[str, object]]) -> None:
    changes, lost = to_changes(base, accepted, silent_edits(base, accepted), position_map(base, base))
    assert [c.change for c in changes] == expected and lost == []


def test_character_level_tracked_change_is_widened_to_the_word(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    r = doc.isolate(doc.para("integration"), "local")  # Word tracks "local" -> "locales" as an insertion of "es"
    doc.insert(r, "es")
    f = tmp_path / "chars.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [c.summary for c in result.created] == ['replace "local" -> "locales"']


def test_error_names_the_file(ws: Path, tmp_path: Path) -> None:
    f = tmp_path / "notes.docx"
    f.write_text("hello")
    with pytest.raises(WorkspaceError) as info:
        import_docx(str(ws), str(f), by="BRA")
    assert str(info.value).startswith(f"{f}: error: ")


# ------------------------------------------------------------------------------ structure and fallbacks


def new_paragraph(doc: WordEdit, text: str, mark: bool) -> etree._Element:
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("pStyle")).set(w("val"), "DraftClause0")
    if mark:
        etree.SubElement(ppr, w("rPr")).append(doc.revision("ins"))
    ins = doc.revision("ins")
    ins.append(doc.run(text))
    p.append(ins)
    return p


def test_new_paragraphs_with_their_own_marks(ws: Path, draft: bytes, tmp_path: Path) -> None:
    """As LibreOffice writes them: the new paragraph's own mark is inserted.  One goes after a clause,
    one at the top of the operative part (after its heading: placed before its first clause)."""
    doc = WordEdit(draft)
    doc.para("solutions").addnext(new_paragraph(doc, "Garantizar el acceso a la justicia.", mark=True))
    doc.para("quality-asylum").addprevious(new_paragraph(doc, "Reconocer la labor de las comunidades.", mark=True))
    f = tmp_path / "lo.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [c.summary for c in result.created] == [
        'add quality-asylum-bis before quality-asylum: "Reconocer la labor de las comunidades."',
        'add solutions-bis after solutions: "Garantizar el acceso a la justicia."']


def test_paragraph_removed_without_tracking(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    p = doc.para("integration")
    p.getparent().remove(p)
    f = tmp_path / "gone.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [(c.op, c.target) for c in result.created] == [("remove", "integration")]
    assert any("integration is not in the file" in x for x in result.warnings)


def test_retyped_paragraph_is_matched_fuzzily(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    p = doc.para("cooperation")
    for b in list(p.iter(w("bookmarkStart"), w("bookmarkEnd"))):
        b.getparent().remove(b)
    t = next(t for t in p.iter(w("t")) if "internacional" in (t.text or ""))
    t.text = t.text.replace("internacional", "regional")
    f = tmp_path / "retyped.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [c.summary for c in result.created] == ['replace "internacional" -> "regional"']


def test_without_clause_map_or_version_label(ws: Path, draft: bytes, tmp_path: Path) -> None:
    """A file whose custom XML part, header and subtitle were lost: clauses by bookmark name, language
    by text; the version must then be given."""
    doc = WordEdit(delegation_edits(draft))
    for name in [n for n in doc.parts if n.startswith("customXml/")]:
        del doc.parts[name]
    for name in [n for n in doc.parts if n.startswith("word/header")]:
        for label in ("Zero draft", "Borrador cero"):
            doc.parts[name] = doc.parts[name].replace(label.encode(), b"")
    for p in doc.root.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) == "DraftSubtitle":
            p.getparent().remove(p)
            break
    f = tmp_path / "stripped.docx"
    f.write_bytes(doc.save())
    with pytest.raises(UsageError, match="--base"):
        import_docx(str(ws), str(f), by="BRA", dry_run=True)
    result = import_docx(str(ws), str(f), by="BRA", base="zero", dry_run=True)
    assert result.lang == "es"
    assert {(c.op, c.target) for c in result.created} == {(op, target) for op, target, _ in EXPECTED}


def test_draft_of_the_text_as_amended(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean draft of the current text (a change accepted since version zero): untouched it imports
    nothing; a change in words that are as issued is anchored in version zero; a change in words
    added since is reported, not imported."""
    monkeypatch.setenv("DRAFTING_DATE", DATE)
    aid = api.propose(str(ws), clause="quality-asylum", by="ARG",
                      change={"replace": {"old": "sistemas nacionales", "new": "sistemas nacionales y regionales"}})
    api.decide(str(ws), aid, "accept")
    current = api.compile_drafts(str(ws), kind="clean", lang="es", out=str(tmp_path / "out"))[0].read_bytes()
    f = tmp_path / "current.docx"
    f.write_bytes(current)
    assert import_docx(str(ws), str(f), by="BRA", dry_run=True).created == ()
    doc = WordEdit(current)
    doc.replace("quality-asylum", "protección", "atención")
    doc.replace("quality-asylum", "regionales", "subregionales")
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="BRA", dry_run=True)
    assert [c.summary for c in result.created] == ['replace "protección" -> "atención"']
    assert any("'regionales'" in x and "not imported" in x for x in result.warnings)


def test_compilation_draft_is_refused(ws: Path, tmp_path: Path) -> None:
    path = api.compile_drafts(str(ws), kind="compilation", lang="es", out=str(tmp_path / "out"))[0]
    before = state(ws)
    with pytest.raises(WorkspaceError, match="compilation draft"):
        import_docx(str(ws), str(path), by="BRA")
    assert state(ws) == before


def test_deleting_a_clause_with_the_mark_before_it(ws: Path, draft: bytes, tmp_path: Path) -> None:
    """Selecting from the end of one clause to the end of the next and deleting: the first clause's mark
    and the second clause's words are deleted; that is the second clause removed, nothing else."""
    doc = WordEdit(draft)
    doc.mark(doc.para("solutions"), "del")
    victim = doc.para("statelessness")
    for r in [r for r in victim if r.tag == w("r")]:
        doc.delete(r)
    f = tmp_path / "sel.docx"
    f.write_bytes(doc.save())
    result = import_docx(str(ws), str(f), by="MEX", dry_run=True)
    assert [(c.op, c.target) for c in result.created] == [("remove", "statelessness")]
    assert result.warnings == ()
