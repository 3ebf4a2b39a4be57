"""Every kind of Word draft against the OOXML schemas (ISO/IEC 29500, shipped in tests/ooxml-schemas).

The schema check lives here, one test per draft kind, so that if the schemas were ever missing only
these tests skip (with the reason) and no other test loses an assertion.  The drafts are those of the
bundled example negotiation, compiled by the command line in every language."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run
from tests.ooxml import schema_problems, schemas_dir

KINDS = ("clean", "compilation", "changes", "synoptic")
LANGS = ("es", "en", "fr", "pt")
DOCUMENTS = ("declaration", "plan-of-action")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("schema")
    ws, out = root / "ws", root / "out"
    run("init", str(ws), "--example", check=True)
    run("-C", str(ws), "compile", "--kind", "all", "--lang", "all", "--format", "docx", "--out", str(out),
        check=True)
    return out


def test_the_schemas_ship_with_the_tests() -> None:
    shipped = Path(__file__).resolve().parents[1] / "ooxml-schemas"
    assert (shipped / "wml.xsd").is_file() and (shipped / "opc-xsd" / "opc-relationships.xsd").is_file()
    assert "MIT" in (shipped / "README.md").read_text(encoding="utf-8")
    assert schemas_dir() is not None


@pytest.mark.parametrize("kind", KINDS)
def test_every_draft_of_the_kind_matches_the_schema(drafts: Path, kind: str) -> None:
    files = sorted(drafts.glob(f"*-{kind}-*.docx"))
    assert [f.name for f in files] == sorted(f"{doc}-{kind}-{lang}.docx" for doc in DOCUMENTS for lang in LANGS)
    problems = {f.name: schema_problems(f) for f in files}
    assert problems == {f.name: [] for f in files}


def test_the_schema_check_rejects_an_unknown_element(drafts: Path) -> None:
    data = (drafts / "declaration-clean-en.docx").read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            blob = src.read(name)
            if name == "word/document.xml":
                blob = blob.replace(b"<w:body>", b"<w:body><w:bogus/>", 1)
            dst.writestr(name, blob)
    problems = schema_problems(buf.getvalue())
    assert any(p.startswith("word/document.xml") and "bogus" in p for p in problems), problems
