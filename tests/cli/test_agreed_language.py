"""Precedents in the bundled example: searched from the command line, and cited in the comments of
compilation and changes drafts, in each draft's language."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from conftest import run, write_workspace
from tests.ooxml import validate_docx, w


def comments(docx: Path) -> list[str]:
    """The text of every Word comment of a draft."""
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/comments.xml"))
    return ["".join(c.itertext()) for c in root.iter(w("comment"))]


def test_search_finds_the_closest_paragraphs(example: Path) -> None:
    r = run("-C", str(example), "precedents", "search", "el papel de los gobiernos locales en la integración",
            "--lang", "es", check=True)
    first = r.stdout.splitlines()[0]
    assert "brazil-2014, III.3 (es)" in first, r.stdout
    assert "Reconocer el papel de los gobiernos locales" in r.stdout
    r = run("precedents", "search", "meaningful participation of refugees and host communities", "--limit", "3",
            "--format", "json", "-C", str(example), check=True)
    found = json.loads(r.stdout)
    assert len(found) == 3
    assert {"precedent", "ref", "text", "score"} <= set(found[0])
    assert (found[0]["precedent"], found[0]["ref"], found[0]["lang"]) == ("gcr-2018", "§13", "en")
    assert found[0]["score"] > 90 and found[0]["score"] >= found[1]["score"] >= found[2]["score"]
    assert all(0 <= m["score"] <= 100 for m in found)


def test_search_refuses_bad_requests(example: Path, tmp_path: Path) -> None:
    for args in (["   "], ["asilo", "--lang", "de"], ["asilo", "--limit", "0"]):
        r = run("-C", str(example), "precedents", "search", *args)
        assert r.returncode == 2 and r.stderr.strip(), (args, r.stderr)
    r = run("-C", str(write_workspace(tmp_path)), "precedents", "search", "asilo")
    assert r.returncode == 2 and "no precedents" in r.stderr


def test_compilation_drafts_cite_agreed_language_in_the_draft_s_language(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("-C", str(example), "compile", "--kind", "compilation", "--lang", "es", "--out", str(out), check=True)
    run("-C", str(example), "compile", "--kind", "compilation", "--lang", "en", "--format", "docx", "--out",
        str(out), check=True)
    es = comments(out / "declaration-compilation-es.docx")
    # rev1-CHL-001 adds a paragraph taking up Brazil 2014's wording on cities of solidarity
    [chl] = [c for c in es if c.startswith("rev1-CHL-001")]
    assert "Retoma lenguaje acordado de Declaración y Plan de Acción de Brasil, III.3." in chl
    # rev1-COL-001 changes the introduction's paragraph recorded as the Global Compact's language
    en = comments(out / "plan-of-action-compilation-en.docx")
    [col] = [c for c in en if c.startswith("rev1-COL-001")]
    assert "Alters agreed language of Global Compact on Refugees, §13." in col
    es_plan = comments(out / "plan-of-action-compilation-es.docx")
    assert any("Modifica lenguaje acordado de Pacto Mundial sobre los Refugiados, §13" in c for c in es_plan)
    # proposals that neither reuse nor alter agreed language get no such remark
    assert not any("agreed language" in c for c in en if c.startswith(("rev1-ARG-001", "rev1-MEX-001")))
    for name in ("declaration-compilation-es.docx", "plan-of-action-compilation-en.docx"):
        assert validate_docx(out / name) == []


def test_the_changes_draft_cites_it_once_accepted(example: Path, tmp_path: Path) -> None:
    ws = Path(shutil.copytree(example, tmp_path / "ws", symlinks=True))
    run("-C", str(ws), "decide", "rev1-COL-001", "accept", "--date", "2024-10-20", check=True)
    run("-C", str(ws), "compile", "--kind", "changes", "--lang", "es", "--document", "plan-of-action", "--out",
        str(tmp_path / "out"), check=True)
    notes = comments(tmp_path / "out" / "plan-of-action-changes-es.docx")
    [col] = [c for c in notes if c.startswith("rev1-COL-001")]
    assert "Modifica lenguaje acordado de Pacto Mundial sobre los Refugiados, §13." in col
