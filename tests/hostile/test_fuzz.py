"""Fuzzing (hypothesis, bounded): random mutations of valid workspace files through the loader and
validate, and of a compiled draft's document.xml through the Word importer (dry run).  Never an
uncaught exception: a clear error (WorkspaceError, UsageError) or a valid result."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import DOCUMENT, NEGOTIATION, OPERATIVE, PREAMBLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.errors import DraftingError, Problem, UsageError, WorkspaceError
from drafting.ops.status import status_report
from drafting.ops.validate import validate
from drafting.store.load import load_workspace
from drafting.store.source import MemorySource

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

AMENDMENT = """\
id: zero-BRA-001
by: BRA
cosponsors: [ARG, URY]
on_behalf_of: MERCOSUR
target: op-asylum
lang: es
change:
  replace:
    old: sistemas nacionales
    new: "sistemas nacionales y regionales"
    occurrence: 1
rationale: >-
  Coherencia regional con el Plan de Acción de Brasil.
channel: written
submitted: 2024-09-10
status: accepted
decision:
  date: 2024-09-25
  note: Agreed in informals
"""

FILES = {
    "negotiation.yaml": NEGOTIATION.replace("versions: []\n", "versions:\n  - id: zero\n    label: {en: Zero draft}\n"
                                                              "    date: 2024-08-30\n"),
    "drafts/declaration/document.yaml": DOCUMENT,
    "drafts/declaration/preamble.yaml": PREAMBLE,
    "drafts/declaration/operative.yaml": OPERATIVE,
    "amendments/zero/zero-BRA-001.yaml": AMENDMENT,
}
ORIGINAL = {path: text.encode("utf-8") for path, text in FILES.items()}

YAML_BITS = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "!!str ",
             "! ", "|", ">-", "#", "'", '"', "\t", "\n", "  ", "? ", "---\n", "...\n", "%YAML 1.1\n", "@", "`",
             "\\", "\x00", "\ufeff", "\u202e", "\u00a0", "\u200b", "~", "null", "no", "1e400", "9" * 400,
             "<<: *a", "\r", "\r\n", "é", "\U0001F600"]


def _base() -> tuple:  # type: ignore[type-arg]
    ws, problems = load_workspace(MemorySource(dict(ORIGINAL)))
    assert problems == [], problems
    assert validate(ws, {"zero": ws}) == []
    return ws


BASE = _base()


def position(draw: st.DrawFn, size: int) -> int:
    """An index in 0..size-1 spread over the whole file (hypothesis' integers lean towards 0: the very
    first bytes, the XML declaration or the first key, would take most of the mutations)."""
    return min(int(draw(st.floats(0, 1, exclude_max=True)) * size), max(size - 1, 0))


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete-line", "duplicate-line", "swap-lines",
                                   "indent"]))
        lines = data.split(b"\n")
        if op == "flip" and data:
            i = position(draw, len(data))
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        elif op == "truncate":
            data = data[: position(draw, len(data) + 1)]
        elif op == "insert":
            i = position(draw, len(data) + 1)
            data = data[:i] + draw(st.sampled_from(YAML_BITS)).encode("utf-8") + data[i:]
        elif op in ("delete-line", "duplicate-line", "indent") and lines:
            i = position(draw, len(lines))
            if op == "delete-line":
                del lines[i]
            elif op == "duplicate-line":
                lines.insert(i, lines[i])
            else:
                lines[i] = draw(st.sampled_from([b" ", b"  ", b"\t", b"- "])) + lines[i]
            data = b"\n".join(lines)
        elif op == "swap-lines" and len(lines) > 1:
            i, j = position(draw, len(lines)), position(draw, len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


def check_workspace(files: dict[str, bytes]) -> None:
    """Load and validate: problems are fine, an exception other than a clear error is not."""
    try:
        ws, problems = load_workspace(MemorySource(files))
    except (WorkspaceError, UsageError) as e:
        assert e.problems(), "an error without a message"
        for p in e.problems():
            assert isinstance(p, Problem) and p.path and p.message
        return
    found = validate(ws, {"zero": BASE})
    for p in problems + found:
        assert isinstance(p, Problem) and p.path and p.message
        assert isinstance(p.line, int) and p.line >= 0
        str(p)
    if not problems:
        status_report(ws, BASE)  # a workspace that reads without problems is usable


@pytest.mark.parametrize("path", sorted(FILES))
def test_mutated_workspace_file(path: str) -> None:
    @FUZZ
    @given(mutated(ORIGINAL[path]))
    def run(data: bytes) -> None:
        check_workspace({**ORIGINAL, path: data})

    run()


@FUZZ
@given(st.data())
def test_two_files_mutated_at_once(data: st.DataObject) -> None:
    paths = data.draw(st.lists(st.sampled_from(sorted(FILES)), min_size=2, max_size=2, unique=True))
    files = dict(ORIGINAL)
    for path in paths:
        files[path] = data.draw(mutated(ORIGINAL[path]))
    check_workspace(files)


@FUZZ
@given(st.text(max_size=200), st.sampled_from(["old", "new", "by", "target", "lang", "submitted", "status",
                                               "occurrence", "note", "id"]))
def test_random_values_in_an_amendment(value: str, field: str) -> None:
    import json
    text = AMENDMENT
    pattern = re.compile(rf"(?m)^(\s*){field}: .*$")
    text = pattern.sub(lambda m: f"{m.group(1)}{field}: {json.dumps(value)}", text, count=1)
    check_workspace({**ORIGINAL, "amendments/zero/zero-BRA-001.yaml": text.encode("utf-8")})


# ------------------------------------------------------------------------------------- Word importer

XML_BITS = ["<", ">", "&", "&amp;", "&#0;", "&#xD800;", "&bogus;", "]]>", "<![CDATA[x]]>", '"', "'",
            "<w:t>", "</w:t>", "<w:r><w:t>añadido</w:t></w:r>", '<w:ins w:id="9" w:author="ARG"><w:r><w:t>x</w:t></w:r></w:ins>',
            '<w:del w:id="8" w:author="MEX"><w:r><w:delText>y</w:delText></w:r></w:del>', "</w:p>", "<w:p>",
            '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", "\x00", "\u202e", "\ufeff",
            '<w:bookmarkStart w:id="1" w:name="c-op-asylum"/>', '<w:bookmarkEnd w:id="1"/>']


@pytest.fixture(scope="module")
def docx_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    pytest.importorskip("drafting.ingest.importer")
    from hostile_support import build_template

    from drafting import api
    ws = build_template(tmp_path_factory.mktemp("fuzz") / "ws")
    out = tmp_path_factory.mktemp("drafts")
    draft = api.compile_drafts(str(ws), kind="clean", lang="es", at="zero", out=str(out), fmt="docx")[0]
    with zipfile.ZipFile(draft) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    return ws, parts


@st.composite
def mutated_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    texts = [m.span(1) for m in re.finditer(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)]
    for _ in range(draw(st.integers(1, 3))):
        # mostly edits that keep the XML well-formed (they reach the planner), some that break it
        op = draw(st.sampled_from(["edit-text"] * 5 + ["drop-element"] * 2 + ["insert", "flip", "truncate"]))
        if op == "edit-text" and texts:
            s, e = draw(st.sampled_from(texts))
            new = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
            new_b = new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
            xml = xml[:s] + new_b + xml[e:]
            texts = [m.span(1) for m in re.finditer(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)]
        elif op == "insert":
            i = position(draw, len(xml) + 1)
            xml = xml[:i] + draw(st.sampled_from(XML_BITS)).encode("utf-8") + xml[i:]
        elif op == "flip" and xml:
            i = position(draw, len(xml))
            xml = xml[:i] + bytes([xml[i] ^ draw(st.integers(1, 255))]) + xml[i + 1:]
        elif op == "truncate":
            xml = xml[: position(draw, len(xml) + 1)]
        elif op == "drop-element":
            spans = [m.span() for m in re.finditer(rb"<w:(r|p|bookmarkStart|bookmarkEnd)\b[^>]*?(/>|>.*?</w:\1>)",
                                                   xml, re.DOTALL)]
            if spans:
                s, e = draw(st.sampled_from(spans))
                xml = xml[:s] + xml[e:]
    return xml


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_draft_through_the_importer(docx_case: tuple[Path, dict[str, bytes]], tmp_path: Path,
                                             data: st.DataObject) -> None:
    from drafting.ingest.importer import import_docx
    ws, parts = docx_case
    xml = data.draw(mutated_xml(parts["word/document.xml"]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, xml if name == "word/document.xml" else content)
    file = tmp_path / "returned.docx"
    file.write_bytes(buf.getvalue())
    try:
        result = import_docx(str(ws), str(file), by="BRA", dry_run=True)
    except DraftingError as e:
        assert e.problems() and all(p.message for p in e.problems())
        return
    assert result is not None
