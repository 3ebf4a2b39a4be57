"""The follow-up checklist: the commitments of the adopted text with actors, deadline and indicator,
as docx, html, md and CSV, in each language."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from lxml import etree

from conftest import git, issued_workspace, run
from tests.ooxml import validate_docx, w


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheets read the accents right
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_lists_every_commitment_with_actors_deadline_and_indicator(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run("-C", str(example), "compile", "--kind", "follow-up", "--format", "csv", "--out", str(out), check=True)
    assert sorted(Path(p).name for p in r.stdout.split()) == sorted(
        f"{doc}-follow-up-{lang}.csv" for doc in ("declaration", "plan-of-action") for lang in ("es", "en", "pt", "fr"))
    rows = read_csv(out / "plan-of-action-follow-up-es.csv")
    assert rows[0] == ["N.º", "id", "Sección", "Programa", "Compromiso", "Actores", "Plazo", "Indicador", "Estado"]
    by_id = {row[1]: row for row in rows[1:]}
    systems = by_id["poa-1-quality-asylum-systems"]
    assert systems[0] == "1"
    assert systems[2].startswith("Capítulo I:") and systems[3] == "Programa Asilo de Calidad"
    assert systems[4].startswith("Los países se comprometen a fortalecer")
    assert systems[5:] == ["ACNUR; comisiones nacionales para los refugiados", "2027-12-31",
                           "Número de países cuyos sistemas de asilo cumplen los estándares de calidad acordados "
                           "con el ACNUR", ""]
    # an action takes its paragraph's actors and deadline, never its indicator
    registration = by_id["poa-1-quality-asylum-registration"]
    assert registration[0] == "1(a)" and registration[5:] == [systems[5], "2027-12-31", "", ""]
    birth = by_id["poa-1-statelessness-birth-registration"]
    assert birth[5:] == ["ACNUR; Comisión Interamericana de Derechos Humanos", "2030-12-31",
                         "Tasa de registro de nacimientos en las zonas fronterizas y remotas", ""]
    # the introduction and the programme headings are not commitments
    assert not any(i.startswith("poa-intro") for i in by_id) and "poa-1-quality-asylum" not in by_id
    assert all(row[8] == "" for row in rows[1:])  # the status column is for the monitors
    numbers = [row[0] for row in rows[1:]]
    assert len(numbers) == len(set(numbers))
    en = {row[1]: row for row in read_csv(out / "plan-of-action-follow-up-en.csv")[1:]}
    assert en["poa-1-borders-identification"][5:7] == [
        "UNHCR; International Organization for Migration; migration and border authorities", "2028"]
    assert en.keys() == by_id.keys()  # the same commitments in every language
    decl = read_csv(out / "declaration-follow-up-fr.csv")
    assert decl[0][0] == "N°" and [row[0] for row in decl[1:3]] == ["1", "2"]
    assert not any(row[1].startswith("pp-") for row in decl)  # the preamble commits to nothing


def test_docx_html_and_md_carry_the_same_checklist(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("-C", str(example), "compile", "--kind", "follow-up", "--format", "all", "--lang", "en", "--document",
        "plan-of-action", "--out", str(out), check=True)
    assert sorted(p.name for p in out.iterdir()) == [f"plan-of-action-follow-up-en.{f}"
                                                     for f in ("csv", "docx", "html", "md")]
    docx = out / "plan-of-action-follow-up-en.docx"
    assert validate_docx(docx) == []
    with zipfile.ZipFile(docx) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    [table] = list(body.iter(w("tbl")))
    rows = [["".join(t.text or "" for t in tc.iter(w("t"))) for tc in tr.iter(w("tc"))] for tr in table.iter(w("tr"))]
    assert rows[0] == ["No.", "Commitment", "Actors", "Deadline", "Indicator", "Status"]
    systems = next(r for r in rows if r[0] == "1")
    assert systems[2:] == ["UNHCR; national refugee commissions", "31 December 2027",
                           "Number of countries whose asylum systems meet the quality standards agreed with UNHCR", ""]
    assert ["", "Quality Asylum Programme", "", "", "", ""] in rows
    html = (out / "plan-of-action-follow-up-en.html").read_text(encoding="utf-8")
    md = (out / "plan-of-action-follow-up-en.md").read_text(encoding="utf-8")
    commitments = [r for r in rows[1:] if r[0]]
    for r in commitments:
        text = r[1].removesuffix(" [Awaiting translation]")  # a label after the text, styled apart
        assert text.replace("[", "\\[").replace("]", "\\]") in md and text.replace("'", "&#39;") in html
        assert r[2] in md and r[4] in md
    assert "Follow-up checklist" in html and "Follow-up checklist" in md


def test_csv_is_the_checklist_s_only_and_formulas_never_run(tmp_path: Path) -> None:
    ws = issued_workspace(tmp_path / "ws")
    path = ws / "drafts" / "declaration" / "operative.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      es: Fortalecer los sistemas nacionales de asilo en la región.", '      es: "=HYPERLINK(\\"http://x\\")"')
    text = text.replace("      en: Strengthen national asylum systems in the region.",
                        '      en: Strengthen national asylum systems in the region.\n    actors: [BRA]\n    deadline: "@once"')
    path.write_text(text, encoding="utf-8")
    git(ws, "commit", "-qam", "a text that looks like a formula")
    r = run("-C", str(ws), "compile", "--kind", "clean", "--format", "csv")
    assert r.returncode == 2 and "--kind follow-up" in r.stderr
    r = run("-C", str(ws), "compile", "--kind", "follow-up", "--format", "csv", "--lang", "es", check=True)
    rows = read_csv(ws / "build" / "declaration-follow-up-es.csv")
    first = rows[1]
    assert first[1] == "op-asylum" and first[4] == "'=HYPERLINK(\"http://x\")" and first[6] == "'@once"
    assert first[5] == "Brasil"
    assert [row[1] for row in rows[1:]] == ["op-asylum", "op-borders", "op-solutions", "op-solutions-integration",
                                            "op-solutions-resettlement", "op-follow-up"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "3(a)", "3(b)", "4"]
