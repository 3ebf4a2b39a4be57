"""What the command line takes in for drafts: calendar dates only (arguments and files), labels per
language, anchors on whole words."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git, run


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30", "2023-02-29", "2024-9-1"])
def test_impossible_dates_are_refused_as_arguments(workspace: Path, date: str) -> None:
    ws = str(workspace)
    head = git(workspace, "rev-parse", "HEAD")
    for args in (["issue", "rev1", "--date", date],
                 ["propose", "op-asylum", "--by", "BRA", "--delete", "nacionales ", "--date", date]):
        proc = run("-C", ws, *args)
        assert proc.returncode == 2, proc.stderr
        assert f"argument --date: '{date}' is not a date" in proc.stderr
    assert git(workspace, "rev-parse", "HEAD") == head


def test_impossible_dates_are_refused_in_files_with_file_and_line(workspace: Path) -> None:
    ws = str(workspace)
    neg = workspace / "negotiation.yaml"
    text = neg.read_text(encoding="utf-8")
    assert "date: 2024-08-30" in text
    neg.write_text(text.replace("date: 2024-08-30", "date: 2024-02-30"), encoding="utf-8")
    line = next(i for i, x in enumerate(neg.read_text(encoding="utf-8").splitlines(), 1) if "2024-02-30" in x)
    proc = run("-C", ws, "validate")
    assert proc.returncode == 1
    assert f"negotiation.yaml:{line}: error: 'date' is '2024-02-30': no such date" in proc.stderr
    neg.write_text(text, encoding="utf-8")
    amendment = workspace / "amendments" / "zero" / "zero-BRA-001.yaml"
    amendment.parent.mkdir(parents=True)
    amendment.write_text("id: zero-BRA-001\nby: BRA\ntarget: op-asylum\nchange:\n  delete: {old: nacionales}\n"
                         "submitted: 2024-13-45\n", encoding="utf-8")
    proc = run("-C", ws, "validate")
    assert proc.returncode == 1
    assert "amendments/zero/zero-BRA-001.yaml:6: error: 'submitted' is '2024-13-45': no such date" in proc.stderr


def test_propose_refuses_an_anchor_inside_a_word_unless_asked(workspace: Path) -> None:
    ws = str(workspace)
    proc = run("-C", ws, "propose", "op-borders", "--by", "ARG", "--replace", "frontera",
               "--with", "frontera terrestre")
    assert proc.returncode == 1
    assert "the words 'frontera' occur only inside a word: at character 42" in proc.stderr
    assert "«frontera»s." in proc.stderr
    assert not (workspace / "amendments").exists()
    aid = run("-C", ws, "propose", "op-borders", "--by", "ARG", "--replace", "frontera",
              "--with", "frontera terrestre", "--inside-word", check=True).stdout.strip()
    text = (workspace / "amendments" / "zero" / f"{aid}.yaml").read_text(encoding="utf-8")
    assert 'inside_word: "true"' in text
    assert run("-C", ws, "validate").returncode == 0
    # a whole word is what an anchor means by default
    run("-C", ws, "propose", "op-borders", "--by", "CHL", "--replace", "fronteras",
        "--with", "fronteras terrestres", check=True)


def test_labels_per_language(workspace: Path) -> None:
    ws = str(workspace)
    proc = run("-C", ws, "issue", "rev1", "--label", "es=Rev.1", "--no-compile")
    assert proc.returncode == 2 and "--label: no label in en; give one per language" in proc.stderr
    proc = run("-C", ws, "issue", "rev1", "--label", "es=Rev.1", "--label", "Rev.1", "--no-compile")
    assert proc.returncode == 2 and "not both" in proc.stderr
    proc = run("-C", ws, "issue", "rev1", "--label", "es=Rev.1", "--label", "fr=Rév.1", "--no-compile")
    assert proc.returncode == 2 and "unknown language fr" in proc.stderr
    run("-C", ws, "issue", "rev1", "--label", "es=Revisión 1", "--label", "en=Revision 1",
        "--date", "2024-10-04", "--no-compile", check=True)
    text = (workspace / "negotiation.yaml").read_text(encoding="utf-8")
    assert "label: {es: Revisión 1, en: Revision 1}" in text and "date: 2024-10-04" in text


def test_a_label_missing_in_a_language_falls_back_to_the_id_not_to_english() -> None:
    from drafting.model import Version
    v = Version("zero", {"es": "Borrador cero", "en": "Zero draft"})
    assert (v.display("es"), v.display("en"), v.display("fr")) == ("Borrador cero", "Zero draft", "zero")
    assert Version("rev1", {"es": "Rev.1", "en": "Rev.1"}).display("pt") == "Rev.1"
