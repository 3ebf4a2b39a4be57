"""The command line's switches for drafts, end to end: the synoptic table's rows (--all-paragraphs) and
the proponents printed or left to Word's tracked changes (--attribution)."""

from __future__ import annotations

from pathlib import Path

from conftest import run


def test_synoptic_rows_and_attribution_switches(workspace: Path) -> None:
    ws = str(workspace)
    run("-C", ws, "propose", "op-asylum", "--by", "BRA", "--on-behalf-of", "MERCOSUR", "--cosponsors", "ARG,URY",
        "--replace", "sistemas nacionales", "--with", "sistemas nacionales y regionales", check=True)
    out = workspace / "out"

    def compile_md(kind: str, *args: str) -> str:
        run("-C", ws, "compile", "--kind", kind, "--lang", "es", "--format", "md", "--out", str(out), *args,
            check=True)
        return (out / f"declaration-{kind}-es.md").read_text(encoding="utf-8")

    rows = [line for line in compile_md("synoptic").splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| N.º |") and "| Proponentes |" in rows[0]
    body = [r for r in rows[2:] if "**" not in r.split("|")[2]]  # section headings aside
    assert len(body) == 1 and "Brasil, Argentina, Uruguay (MERCOSUR)" in body[0]
    every = [line for line in compile_md("synoptic", "--all-paragraphs").splitlines() if line.startswith("| ")]
    assert len(every) > len(rows) and any("Garantizar el acceso" in r for r in every)
    page = compile_md("compilation")
    assert "**– Brasil, Argentina, Uruguay (MERCOSUR)\\]**" in page
    tracked = compile_md("compilation", "--attribution", "tracked")
    assert "– Brasil" not in tracked and 'title="Brasil, Argentina, Uruguay (MERCOSUR)' in tracked
    proc = run("-C", ws, "compile", "--kind", "compilation", "--attribution", "margin")
    assert proc.returncode == 2 and "--attribution" in proc.stderr
