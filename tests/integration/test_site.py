"""The static site and the progress report, built from real workspaces with their git history."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from docx import Document

from drafting import api
from drafting.site.output import MANIFEST, Output
from tests.conftest import ROOT, run
from tests.site_support import example_site, read_page

__all__ = ["example_site"]


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_site_has_a_page_for_everything(example_site: dict[str, Any]) -> None:
    site, ws = example_site["site"], api.status(str(example_site["ws"]))
    model = api.progress(str(example_site["ws"]))
    assert (site / "index.html").is_file() and example_site["result"]["index"] == str(site / "index.html")
    for clause in ws["clauses"]:
        assert (site / "clauses" / f"{clause['id']}.html").is_file(), clause["id"]
    for code in model["delegations"]:
        assert (site / "delegations" / f"{code}.html").is_file()
    for doc in ("declaration", "plan-of-action"):
        for lang in model["languages"]:
            assert (site / "text" / doc / f"{lang}.html").is_file()
            for version in ("zero", "rev1"):
                assert (site / "text" / doc / version / f"{lang}.html").is_file()
                for fmt in ("docx", "html", "md"):
                    assert (site / "drafts" / version / f"{doc}-clean-{lang}.{fmt}").stat().st_size > 0
    with zipfile.ZipFile(site / "drafts" / "rev1" / "declaration-clean-fr.docx") as z:
        assert b"Rev.1" in z.read("word/header1.xml") or b"Rev.1" in z.read("word/document.xml")
    for chart in ("status", "brackets", "delegations", "translation"):
        svg = (site / "charts" / f"{chart}.svg").read_bytes()
        assert svg.lstrip().startswith((b"<?xml", b"<svg")) and b"<script" not in svg and b"http://www.w3.org" in svg
    assert json.loads((site / "data" / "progress.json").read_bytes()) == model


def test_every_page_has_a_language_and_every_link_resolves(example_site: dict[str, Any]) -> None:
    site = example_site["site"]
    pages = html_files(site)
    assert len(pages) > 100
    parsed = {p: read_page(p) for p in pages}
    languages = set(api.progress(str(example_site["ws"]))["languages"])
    broken = []
    for path, page in parsed.items():
        assert page.html_lang, path
        assert set(page.langs) <= languages | {"en"}, (path, set(page.langs) - languages)
        for script in page.scripts:  # scripts are the site's own files, never inline
            assert script.get("src") and not urlsplit(str(script["src"])).scheme, (path, script)
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path}: link outside the site: {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{path.relative_to(site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)} -> {link} (no such id)")
    assert broken == []


def test_a_clause_page_tells_its_history(example_site: dict[str, Any]) -> None:
    page = (example_site["site"] / "clauses" / "op-quality-asylum.html").read_text(encoding="utf-8")
    # the word diff zero -> Rev.1, attributed to the amendment and its proponents
    assert '<ins class="chg by-0">, con enfoque de edad, género y diversidad,</ins>' in page
    assert "Argentina, Chile</span> — <a href=\"../clauses/op-quality-asylum.html#zero-ARG-001\">zero-ARG-001</a>, " \
           "accepted" in page
    assert 'id="zero-ARG-001"' in page and "Decision of <time" in page
    # its number in every version, and its text in every language with awaiting translations marked
    assert page.count("<th scope=\"row\">") >= 3 and "Rev.1" in page
    for lang in ("es", "en", "pt", "fr"):
        assert f'<blockquote lang="{lang}">' in page
    assert "awaiting translation" in page


def test_the_compilation_page_prints_what_the_compilation_draft_prints(example_site: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    """The site's compilation text is the render layer's: proponents printed on the page next to their
    change (once: no second name of our own), competing proposals as alternatives, references PP1/OP1,
    the working draft's date line; the issued text carries its version's date."""
    ws, site = example_site["ws"], example_site["site"]
    run("-C", str(ws), "compile", "--kind", "compilation", "--lang", "en", "--format", "html",
        "--out", str(tmp_path), check=True)
    tag = re.compile(r'<span class="tag">(.*?)</span>')
    for doc in ("declaration", "plan-of-action"):
        page = (site / "text" / doc / "en.html").read_text(encoding="utf-8")
        draft = (tmp_path / f"{doc}-compilation-en.html").read_text(encoding="utf-8")
        assert tag.findall(page) == tag.findall(draft) and tag.findall(page), doc
        assert page.count('class="alternative') == draft.count('class="alternative'), doc
        assert 'class="who' not in page
    page = (site / "text" / "declaration" / "en.html").read_text(encoding="utf-8")
    assert '<span class="tag">\u00a0– Chile; support: Costa Rica, Panama]</span>' in page
    assert '<span class="num">PP1</span>' in page and '<span class="num">OP1</span>' in page
    assert '<span class="dateline">Working draft — compiled ' in page
    issued = (site / "text" / "declaration" / "rev1" / "en.html").read_text(encoding="utf-8")
    assert '<span class="dateline">4 October 2024</span>' in issued and 'class="tag"' not in issued
    clause = (site / "clauses" / "op-quality-asylum.html").read_text(encoding="utf-8")
    assert clause.count("<td>OP2</td>") == 3  # as issued in zero and Rev.1, and now


def test_a_delegation_page_lists_every_proposal_by_fate(example_site: dict[str, Any]) -> None:
    ws = example_site["ws"]
    from drafting.store.session import Session
    amendments = Session.find(str(ws)).load().amendments
    for code in ("BRA", "MERCOSUR", "ARG", "COL"):
        text = (example_site["site"] / "delegations" / f"{code}.html").read_text(encoding="utf-8")
        mine = [a for a in amendments if code in (a.by, *a.cosponsors, a.on_behalf_of)]
        assert mine, code
        for a in mine:
            fate = "open" if a.is_open else a.status
            section = text.split(f'<h2 id="{fate}">', 1)[1].split("<h2 ", 1)[0]
            assert f'<span class="aid">{a.id}</span>' in section, (code, a.id, fate)


def test_a_rebuild_writes_only_what_changed(example_site: dict[str, Any], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(example_site["ws"], ws, symlinks=True)
    site = tmp_path / "site"
    first = api.site(str(ws), out=str(site))
    stray = site / "notes.txt"
    stray.write_text("mine", encoding="utf-8")
    again = api.site(str(ws), out=str(site))
    assert again["files"] == first["files"] and again["written"] <= 1  # the home page says when it was built
    decided = api.decide(str(ws), "rev1-URY-001", "reject", note="Not retained.", date="2025-01-20")
    assert decided.status == "rejected"
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    result = api.site(str(ws), out=str(site))
    written = {p for p in site.rglob("*.html") if p.stat().st_mtime_ns != before.get(p)}
    names = {str(p.relative_to(site)) for p in written}
    assert "delegations/URY.html" in names and "progress.html" in names
    assert any(n.startswith("clauses/") for n in names)
    assert "delegations/BRA.html" not in names and "clauses/pp-chapeau.html" not in names
    assert not any(n.startswith("text/declaration/zero/") for n in names)  # issued texts never change
    assert result["written"] < first["files"] / 4
    assert stray.read_text(encoding="utf-8") == "mine"  # what the site did not write is left alone


def test_files_the_site_no_longer_holds_are_removed(tmp_path: Path) -> None:
    out = Output(tmp_path)
    out.file("clauses/a.html", "k1", lambda: b"a")
    out.file("clauses/b.html", "k1", lambda: b"b")
    out.finish()
    (tmp_path / "mine.html").write_text("kept", encoding="utf-8")
    out = Output(tmp_path)
    assert out.file("clauses/a.html", "k1", lambda: b"changed") is False
    assert out.finish() == ["clauses/b.html"]
    assert not (tmp_path / "clauses" / "b.html").exists() and (tmp_path / "clauses" / "a.html").read_bytes() == b"a"
    assert (tmp_path / "mine.html").is_file() and (tmp_path / MANIFEST).is_file()
    with pytest.raises(ValueError):
        Output(tmp_path).file("../escape.html", "k", lambda: b"x")


def test_the_report_in_every_format(example_site: dict[str, Any], tmp_path: Path) -> None:
    ws = str(example_site["ws"])
    figures = api.progress(ws)
    [docx] = api.report(ws, fmt="docx", out=str(tmp_path))
    doc = Document(str(docx))
    assert len(doc.inline_shapes) == 4 and len(doc.tables) == 2
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells][:3] == ["Version", "Date", "Paragraphs"]
    assert [r.cells[0].text for r in first.rows[1:]] == [v["label"] for v in figures["versions"]]
    assert first.rows[-1].cells[2].text == str(figures["versions"][-1]["paragraphs"])
    [html] = api.report(ws, fmt="html", out=str(tmp_path))
    page = html.read_text(encoding="utf-8")
    assert page.count('src="data:image/svg+xml;base64,') == 4 and "<script" not in page
    pngs = api.report(ws, fmt="png", out=str(tmp_path))
    assert len(pngs) == 4 and all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
    [data] = api.report(ws, fmt="json", out=str(tmp_path))
    assert json.loads(data.read_bytes()) == figures
    printed = run("-C", ws, "report", "--format", "json", check=True)
    assert json.loads(printed.stdout) == figures


def test_other_commands_do_not_import_the_plotting_library() -> None:
    code = ("import sys, drafting.api, drafting.cli.commands, drafting.site, drafting.site.report; "
            "print('matplotlib' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.strip() == "False"


def test_one_process_or_several_make_the_same_site(example_site: dict[str, Any], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ws = str(example_site["ws"])
    monkeypatch.setenv("DRAFTING_JOBS", "1")
    api.site(ws, out=str(tmp_path / "one"))
    monkeypatch.setenv("DRAFTING_JOBS", "3")
    api.site(ws, out=str(tmp_path / "three"))
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    three = {p.relative_to(tmp_path / "three"): p.read_bytes() for p in (tmp_path / "three").rglob("*") if p.is_file()}
    assert one.keys() == three.keys() and len(one) > 150
    differ = [str(k) for k in one if one[k] != three[k] and (k.suffix != ".docx" or parts(one[k]) != parts(three[k]))]
    assert differ == []


def parts(docx: bytes) -> dict[str, bytes]:
    """A Word file's parts (the zip's own entry times aside)."""
    import io
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_a_workspace_without_versions_or_git_still_has_a_site(tmp_path: Path) -> None:
    run("init", str(tmp_path / "empty"), check=True)  # a negotiation.yaml and nothing else
    proc = run("-C", str(tmp_path / "empty"), "site", "--out", str(tmp_path / "site"), check=True)
    assert proc.stdout.startswith("Site written to ") and "index.html (" in proc.stdout
    assert "No version has been issued yet." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_site_is_never_written_into_the_workspace_s_own_folders(example_site: dict[str, Any]) -> None:
    ws = example_site["ws"]
    before = sorted(str(p) for p in ws.rglob("*") if ".git" not in p.parts)
    for out in (".", "drafts", "amendments/zero/x", str(ws)):
        proc = run("-C", str(ws), "site", "--out", out)
        assert proc.returncode == 2 and "workspace's own folder" in proc.stderr, (out, proc.stderr)
    assert sorted(str(p) for p in ws.rglob("*") if ".git" not in p.parts) == before


def test_charts_take_labels_as_written(tmp_path: Path) -> None:
    """A dollar sign would start matplotlib's mathematics (and a lone one fails); markup stays text."""
    from drafting.site.charts import draw
    versions = [{"id": v, "label": label, "by_status": {"pending": 2}, "brackets": 1, "open_proposals": 0,
                 "awaiting_translation": {"en": 1}}
                for v, label in (("zero", "Rev $1 <script>alert(1)</script>"), ("now", "Rev $1 <script>alert(1)</script>"))]
    figures = {"versions": versions, "statuses": ["pending"], "fates": ["open"], "delegations": {"BRA": {"open": 2}}}
    charts = draw(figures, "svg")
    for svg in charts.values():
        assert b"<script" not in svg
    assert b"Rev $1 &lt;script&gt;" in charts["status"]  # the label, as the SVG's comment on the drawn text
