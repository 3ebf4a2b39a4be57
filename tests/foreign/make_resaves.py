"""Regenerate the pandoc and python-docx re-saves of tests/data/foreign/ (``pandoc-*``, ``pydocx-*``).

    .venv/bin/python tests/foreign/make_resaves.py

* pandoc (the Debian package, 2.17 here): ``pandoc in.docx -o out.docx`` reads the draft into its own
  model and writes a new file: every number's tab becomes a space, bookmarks, paragraph and character
  styles, the header and the clause map part are gone.  With ``--track-changes=all`` tracked changes
  are kept (as ``w:ins``/``w:del``); by default they are accepted.
* python-docx: ``Document(f)`` then ``save``, with edits made through its API.

Which edit each file holds and what import must make of it is in cases.py.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import base  # noqa: E402
import cases  # noqa: E402
from make_word import WordEdit, w  # noqa: E402


def pandoc(source: Path, out: Path, *extra: str) -> None:
    subprocess.run(["pandoc", *extra, str(source), "-o", str(out)], check=True)
    print(out)


def silent_edits(data: bytes) -> bytes:
    doc = WordEdit(data)
    r = doc.isolate(doc.clause("op-mixed-movements"), "la protección temporal y ")
    r.getparent().remove(r)
    r = doc.isolate(doc.clause("op-international-cooperation"), "previsibles")
    r.find(w("t")).text = "predecibles"
    return doc.save()


def tracked_edits(data: bytes) -> bytes:
    doc = WordEdit(data)
    p = doc.clause("op-statelessness")
    number = next(r for r in p.iter(w("r")) if r.find(f"{w('rPr')}/{w('rStyle')}") is not None)
    number.addnext(doc.inserted(doc.run(cases.START)))
    doc.delete(doc.isolate(doc.clause("op-quality-asylum"), "oportunos "))
    return doc.save()


def pydocx_edited(source: Path, out: Path) -> None:
    d = docx.Document(str(source))
    for p in d.paragraphs:
        for r in p.runs:
            if "previsibles" in r.text:
                r.text = r.text.replace("previsibles", "predecibles")
        if p.text.startswith("5\tPromueven"):
            p.insert_paragraph_before(cases.NEW_PYDOCX, style=p.style)
    d.save(str(out))
    print(out)


def main() -> int:
    data = base.DATA
    data.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        drafts = base.clean_drafts(base.example_workspace(t / "example"), t / "drafts")
        pandoc(drafts["declaration"], data / "pandoc-resave-declaration.docx")
        pandoc(drafts["plan-of-action"], data / "pandoc-resave-plan.docx")
        (t / "silent.docx").write_bytes(silent_edits(drafts["declaration"].read_bytes()))
        pandoc(t / "silent.docx", data / "pandoc-silent-edits.docx")
        (t / "tracked.docx").write_bytes(tracked_edits(drafts["declaration"].read_bytes()))
        pandoc(t / "tracked.docx", data / "pandoc-tracked.docx", "--track-changes=all")
        docx.Document(str(drafts["declaration"])).save(str(data / "pydocx-resave-declaration.docx"))
        print(data / "pydocx-resave-declaration.docx")
        pydocx_edited(drafts["declaration"], data / "pydocx-edited.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
