"""Paragraph references (PP1, OP2) where negotiators refer to paragraphs, and translations credited to
the amendment they translate."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git, run


def with_references(ws: Path) -> None:
    for name, ref in (("preamble", "PP"), ("operative", "OP")):
        path = ws / "drafts" / "declaration" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(f"id: {name}\n", f"id: {name}\nreference: {ref}\n"),
                        encoding="utf-8")
    git(ws, "commit", "-qam", "References")


def test_references_in_status_diff_log_and_concordance(workspace: Path) -> None:
    ws = str(workspace)
    with_references(workspace)
    report = json.loads(run("-C", ws, "status", "--format", "json", check=True).stdout)
    numbers = {c["id"]: c["number"] for c in report["clauses"]}
    assert numbers["pp-recalling"] == "PP1" and numbers["op-asylum"] == "OP1"
    assert numbers["op-solutions-integration"] == "OP3(a)"
    # a preambular paragraph added and one moved: in the concordance, with their references
    run("-C", ws, "propose", "pp-recalling", "--by", "CHL", "--add", "pp-new",
        "--text", "es=Reconociendo la labor de la región,", "--text", "en=Recognizing the region,", check=True)
    run("-C", ws, "decide", "zero-CHL-001", "accept", check=True)
    assert json.loads(run("-C", ws, "status", "--format", "json", check=True).stdout)["clauses"][1]["number"] \
        == "PP1 bis"
    run("-C", ws, "propose", "op-borders", "--by", "MEX", "--move-before", "op-asylum", check=True)
    run("-C", ws, "decide", "zero-MEX-001", "accept", check=True)
    run("-C", ws, "issue", "rev1", "--no-compile", check=True)
    rows = json.loads(run("-C", ws, "concordance", "zero", "rev1", "--format", "json", check=True).stdout)
    by_clause = {r["clause"]: (r["old"], r["new"]) for r in rows}
    assert by_clause["pp-recalling"] == ("PP1", "PP1")
    assert by_clause["pp-new"] == ("PP1 bis", "PP2")
    assert by_clause["op-borders"] == ("OP2", "OP1") and by_clause["op-asylum"] == ("OP1", "OP2")
    text = run("-C", ws, "concordance", "zero", "rev1", check=True).stdout
    assert "PP1 bis" in text and "pp-new" in text
    diff = run("-C", ws, "diff", "zero", "rev1", check=True).stdout
    # the clause Mexico moved is the one moved, credited to Mexico (not the one it passed, to the secretariat)
    assert "op-borders  no. OP2 -> OP1  moved after PP2 (pp-new) — zero-MEX-001 (México)" in diff
    assert "op-asylum" not in diff and "pp-new  no. PP1 bis -> PP2  added" in diff
    log = run("-C", ws, "log", "op-borders", check=True).stdout
    assert "no. OP2," in log and "no. OP1," in log
    # the clean text keeps its unnumbered preamble
    run("-C", ws, "compile", "--kind", "clean", "--lang", "es", "--format", "md", "--out", "out", check=True)
    clean = (workspace / "out" / "declaration-clean-es.md").read_text(encoding="utf-8")
    assert "PP" not in clean and "OP1" not in clean and "2 Fortalecer" in clean
    run("-C", ws, "compile", "--kind", "compilation", "--lang", "es", "--format", "md", "--out", "out", check=True)
    comp = (workspace / "out" / "declaration-compilation-es.md").read_text(encoding="utf-8")
    assert "PP1 Recordando" in comp and "PP2 Reconociendo" in comp and "OP2 Fortalecer" in comp


def test_a_translation_is_credited_to_the_amendment_it_translates(workspace: Path) -> None:
    ws = str(workspace)
    run("-C", ws, "propose", "op-asylum", "--by", "BRA", "--on-behalf-of", "MERCOSUR", "--cosponsors", "ARG,URY",
        "--replace", "sistemas nacionales", "--with", "sistemas nacionales y regionales", check=True)
    run("-C", ws, "decide", "zero-BRA-001", "accept", "--date", "2024-09-25", check=True)
    run("-C", ws, "translate", "op-asylum", "en", "Strengthen national and regional asylum systems in the region.",
        check=True)
    message = git(workspace, "log", "-1", "--format=%B")
    assert "Translates: zero-BRA-001" in message and "On-behalf-of: MERCOSUR" in message
    assert "Amendment:" not in message  # the audit knows a translation: it names no amendment it decides
    assert "Decision:" not in message  # a translation is no decision
    audit = run("-C", ws, "audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr  # the audit knows it for a translation
    diff = json.loads(run("-C", ws, "diff", "--lang", "en", "--format", "json", check=True).stdout)
    inserted = [c for c in diff["clauses"][0]["changes"] if c["op"] == "insert"]
    assert [c["text"] for c in inserted] == [" and regional"]
    assert inserted[0]["who"]["amendment"] == "zero-BRA-001"
    assert inserted[0]["who"]["names"] == ["Brazil", "Argentina", "Uruguay"]
    text = run("-C", ws, "diff", "--lang", "en", check=True).stdout
    assert "zero-BRA-001 (Brazil, Argentina, Uruguay (MERCOSUR))" in text and "Secretariat" not in text
    # names follow --lang
    assert "zero-BRA-001 (Brasil, Argentina, Uruguay (MERCOSUR))" in run("-C", ws, "diff", "--lang", "es",
                                                                        check=True).stdout
    log = run("-C", ws, "log", "op-asylum", "--lang", "en", check=True).stdout
    assert "Translate op-asylum into en (zero-BRA-001)" in log
    # the credit is no decision: the audit reads the commit as a translation of the accepted text
    audit = run("-C", ws, "audit")
    assert audit.returncode == 0 and "decided-text-kept" not in audit.stdout + audit.stderr, audit.stdout
    assert "Brazil, Argentina, Uruguay (MERCOSUR)" in log
    assert "Brasil, Argentina, Uruguay (MERCOSUR)" in run("-C", ws, "log", "op-asylum", check=True).stdout
    # the changes draft credits the English words to MERCOSUR, on the page and in the tracked change
    run("-C", ws, "compile", "--kind", "changes", "--since", "zero", "--lang", "en", "--format", "all",
        "--out", "out", check=True)
    md = (workspace / "out" / "declaration-changes-en.md").read_text(encoding="utf-8")
    assert "and regional" in md and "**– Brazil, Argentina, Uruguay (MERCOSUR)\\]**" in md
    assert "UNHCR" not in md
    from tests.ooxml import document_root
    root = document_root(workspace / "out" / "declaration-changes-en.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    authors = {el.get(w + "author") for el in root.iter(w + "ins") if "regional" in "".join(el.itertext())}
    assert authors == {"Brazil, Argentina, Uruguay (MERCOSUR)"}


def test_a_translation_with_no_amendment_awaiting_it_is_the_secretariats(workspace: Path) -> None:
    ws = str(workspace)
    run("-C", ws, "translate", "op-borders", "en", "Guarantee access to the territory at borders.", check=True)
    message = git(workspace, "log", "-1", "--format=%B")
    assert "Amendment:" not in message
    diff = run("-C", ws, "diff", "--lang", "en", check=True).stdout
    assert "op-borders  no. 2  changed — UNHCR" in diff
