"""Hostile and broken Word files through the command line: exit status 1, one clear message naming the
file, no traceback, nothing written, fast.  Plus the two hostile inputs that must work: tracked changes
inside tables, and a forged ``w:author``."""

from __future__ import annotations

import base64
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from drafting import api
from tests.integration.test_import_docx import WordEdit, build_workspace, git

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    root = build_workspace(tmp_path_factory.mktemp("hostile") / "ws")
    out = tmp_path_factory.mktemp("drafts")
    return root, api.compile_drafts(str(root), kind="clean", lang="es", at="zero", out=str(out))[0].read_bytes()


@pytest.fixture()
def ws(template: tuple[Path, bytes], tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(template[0], root, symlinks=True)
    return root


@pytest.fixture()
def draft(template: tuple[Path, bytes]) -> bytes:
    return template[1]


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def zipped(parts: dict[str, bytes], stored: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_document(draft: bytes, xml: bytes) -> bytes:
    parts = parts_of(draft)
    parts["word/document.xml"] = xml
    return zipped(parts)


def run(ws: Path, file: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The import as a user runs it; the timeout only stops a hang (speed is measured by make bench)."""
    return subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "import-docx", str(file),
                           "--by", "BRA", *extra], check=False, capture_output=True, text=True, timeout=60)


def state(ws: Path) -> tuple[str, str]:
    return git(ws, "rev-parse", "HEAD"), git(ws, "status", "--porcelain", "--untracked-files=all")


def refused(ws: Path, file: Path, data: bytes, *words: str) -> str:
    """Run the import on ``data``; it must fail cleanly.  Returns stderr."""
    file.write_bytes(data)
    before = state(ws)
    proc = run(ws, file)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stderr.startswith(f"{file}: error: "), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert state(ws) == before
    return proc.stderr


# ------------------------------------------------------------------------------------ refused files


def test_not_a_zip(ws: Path, tmp_path: Path) -> None:
    refused(ws, tmp_path / "letter.docx", b"Dear secretariat, please find our proposals below.\n" * 20,
            "not a zip")


def test_empty_file(ws: Path, tmp_path: Path) -> None:
    refused(ws, tmp_path / "empty.docx", b"", "not a zip")


def test_truncated_zip(ws: Path, draft: bytes, tmp_path: Path) -> None:
    refused(ws, tmp_path / "truncated.docx", draft[: len(draft) // 2], "damaged")


def test_bad_crc(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    data = zipped(parts, stored=("word/document.xml",))
    marker = b"Buscar soluciones"
    at = data.index(marker)
    corrupt = data[:at] + b"X" + data[at + 1:]  # same length, stored member: only the CRC tells
    assert "CRC" in refused(ws, tmp_path / "crc.docx", corrupt, "damaged")


def test_ole_or_encrypted(ws: Path, tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096
    refused(ws, tmp_path / "protected.docx", ole, "encrypted or legacy .doc", "save it as .docx")


def test_macro_enabled_renamed(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "application/vnd.ms-word.document.macroEnabled.main+xml")
    assert "macroEnabled" in ct
    parts["[Content_Types].xml"] = ct.encode()
    refused(ws, tmp_path / "macros.docx", zipped(parts), "macro-enabled")


def test_vba_project_without_content_type(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 512
    refused(ws, tmp_path / "vba.docx", zipped(parts), "macro-enabled")


def test_missing_document_part(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    del parts["word/document.xml"]
    refused(ws, tmp_path / "hollow.docx", zipped(parts), "word/document.xml is missing")


def test_missing_content_types(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    del parts["[Content_Types].xml"]
    refused(ws, tmp_path / "noct.docx", zipped(parts), "[Content_Types].xml is missing")


def test_xxe_doctype_entity(ws: Path, draft: bytes, tmp_path: Path) -> None:
    xml = parts_of(draft)["word/document.xml"].decode()
    head, _, body = xml.partition("?>")
    evil = (head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + body.replace("Buscar soluciones", "Buscar &xxe; soluciones"))
    err = refused(ws, tmp_path / "xxe.docx", with_document(draft, evil.encode()), "DOCTYPE or ENTITY")
    assert "root:" not in err


def test_entity_in_another_part_utf16(ws: Path, draft: bytes, tmp_path: Path) -> None:
    parts = parts_of(draft)
    bomb = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>')
    parts["customXml/item9.xml"] = bomb.encode("utf-16")
    refused(ws, tmp_path / "laughs.docx", zipped(parts), "DOCTYPE or ENTITY")


def test_zip_bomb_high_ratio(ws: Path, draft: bytes, tmp_path: Path) -> None:
    xml = parts_of(draft)["word/document.xml"]
    padded = xml.replace(b"</w:body>", b"<!--" + b" " * 30_000_000 + b"--></w:body>")
    refused(ws, tmp_path / "bomb.docx", with_document(draft, padded), "zip bomb")


def test_zip_bomb_declared_size(ws: Path, draft: bytes, tmp_path: Path) -> None:
    data = bytearray(draft)
    # the central directory entry of word/document.xml: declare 4 GiB - 1 uncompressed
    name = b"word/document.xml"
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            break
        at += 4
    struct.pack_into("<I", data, at + 24, 0xFFFFFFFE)
    refused(ws, tmp_path / "declared.docx", bytes(data), "too large")


def test_huge_text_node(ws: Path, draft: bytes, tmp_path: Path) -> None:
    noise = base64.b64encode(os.urandom(15_000_000))  # 20 MB that does not compress: no ratio alarm
    xml = parts_of(draft)["word/document.xml"].replace(b"Buscar soluciones", b"Buscar " + noise)
    err = refused(ws, tmp_path / "huge.docx", with_document(draft, xml), "exceeds the XML parser's limits")
    assert len(err) < 500


def test_encrypted_member(ws: Path, draft: bytes, tmp_path: Path) -> None:
    data = bytearray(zipped(parts_of(draft)))
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:  # set the "encrypted" flag in the central directory
        struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
        at += 4
    refused(ws, tmp_path / "locked.docx", bytes(data), "encrypted")


def test_bidi_override_in_the_new_text(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    doc.replace("solutions", "duraderas", "dura\u202edera")
    refused(ws, tmp_path / "bidi.docx", doc.save(), "U+202E")


def test_missing_file(ws: Path, tmp_path: Path) -> None:
    before = state(ws)
    proc = run(ws, tmp_path / "nowhere.docx")
    assert proc.returncode == 1 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    assert state(ws) == before


# ------------------------------------------------------------------------------------ hostile but valid


def test_tracked_changes_inside_tables(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft)
    doc.wrap_in_table(doc.para("integration"))
    doc.wrap_in_table(doc.para("solutions"))
    doc.replace("integration", "local", "plena")
    doc.delete(doc.isolate(doc.para("solutions"), "duraderas "))
    f = tmp_path / "tables.docx"
    f.write_bytes(doc.save())
    proc = run(ws, f)
    assert proc.returncode == 0, proc.stderr
    assert "zero-BRA-002" in proc.stdout and "zero-BRA-003" in proc.stdout
    assert 'replace "local" -> "plena"' in proc.stdout and 'delete "duraderas"' in proc.stdout


def test_forged_author_is_recorded_not_trusted(ws: Path, draft: bytes, tmp_path: Path) -> None:
    doc = WordEdit(draft, author="Argentina")  # the Word author claims another delegation
    doc.replace("integration", "local", "plena")
    f = tmp_path / "forged.docx"
    f.write_bytes(doc.save())
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(ws), "import-docx", str(f),
                           "--by", "MEX"], check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    text = (ws / "amendments/zero/zero-MEX-001.yaml").read_text()
    assert "by: MEX" in text and "word_author: Argentina" in text and "ARG" not in text
    assert git(ws, "log", "-1", "--format=%an").strip() == "Mexico"
    assert "Proponent: MEX" in git(ws, "log", "-1", "--format=%B")
