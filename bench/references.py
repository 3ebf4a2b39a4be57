"""What the same work costs without drafting, and the inputs the benchmark prepares.

    python -m bench.references paragraphs DOCX... --out FILE.json     the paragraphs of drafts (untimed prep)
    python -m bench.references floor FILE.json OUTDIR                  the floor: lxml + zipfile, nothing else
    python -m bench.references redline ENGINE ORIGINAL MODIFIED OUT    python-redlines (docxodus | powertools)
    python -m bench.references inject DOCX OUT --changes N [--author A] [--seed S]
                                                                       N tracked changes (w:ins/w:del) into a draft

The floor writes the same paragraphs (number and text, as drafting's clean draft shows them) into the
smallest valid package: ``[Content_Types].xml``, ``_rels/.rels`` and ``word/document.xml``, no styles,
no header, no footer, no bookmarks.  It is what writing the bytes costs at least.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>').encode()
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>').encode()


# ------------------------------------------------------------------------------------------ prep

def paragraphs_of(docx: Path) -> list[str]:
    """The text of every body paragraph of a Word file (deleted text left out)."""
    from lxml import etree
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        out.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return out


# ------------------------------------------------------------------------------------------ floor

def write_floor(paragraphs: list[str], out: Path) -> None:
    from lxml import etree
    doc = etree.Element(f"{W}document", nsmap={"w": W_NS})
    body = etree.SubElement(doc, f"{W}body")
    sub = etree.SubElement
    for text in paragraphs:
        p = sub(body, f"{W}p")
        t = sub(sub(p, f"{W}r"), f"{W}t")
        t.text = text
        t.set(XML_SPACE, "preserve")
    sect = sub(body, f"{W}sectPr")
    size = sub(sect, f"{W}pgSz")
    size.set(f"{W}w", "11906")
    size.set(f"{W}h", "16838")
    xml = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml)


# ------------------------------------------------------------------------------------------ pandoc

def pandoc_version() -> tuple[str | None, str]:
    """(version, '') if pandoc runs here, else (None, why not)."""
    exe = shutil.which("pandoc")
    if exe is None:
        return None, "pandoc is not installed (Debian package `pandoc`: apt-get install -y pandoc)"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return None, f"pandoc does not run: {e}"
    if out.returncode != 0:
        return None, f"pandoc --version failed: {out.stderr.strip()[:200]}"
    return out.stdout.splitlines()[0].strip(), ""


# ------------------------------------------------------------------------------------------ python-redlines

ENGINES = {"docxodus": "DocxodusEngine", "powertools": "XmlPowerToolsEngine"}


def _engine(name: str):  # type: ignore[no-untyped-def]
    import warnings

    from python_redlines import engines  # type: ignore[import-not-found]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(engines, ENGINES[name])()


def redlines_status(name: str) -> tuple[str | None, str]:
    """(version, '') if python-redlines' engine ``name`` can run here, else (None, why not).

    Extracts the engine's binary on first use (not timed by the benchmark)."""
    try:
        import importlib.metadata as md
        version = md.version("python-redlines")
    except Exception:
        return None, ("python-redlines is not installed (pip install -e '.[bench]', which installs "
                      "python-redlines with its docxodus and powertools engines)")
    try:
        engine = _engine(name)
    except Exception as e:  # EngineNotInstalledError, unsupported platform ...
        return None, f"python-redlines {version}: engine {name} unavailable: {e}"
    try:
        subprocess.run([engine.extracted_binaries_path, "--help"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        return None, f"python-redlines {version}: the {name} binary does not run here: {e}"
    return f"python-redlines {version} ({name})", ""


def redline(name: str, original: Path, modified: Path, out: Path) -> None:
    engine = _engine(name)
    data, _stdout, _stderr = engine.run_redline("Secretariat", str(original), str(modified))
    out.write_bytes(data)


# ------------------------------------------------------------------------------------------ tracked changes

WORDS = ["progresivamente", "según corresponda", "nacionales", "en particular", "con carácter urgente",
         "y regionales", "sostenibles", "plenamente", "de manera coordinada", "efectivamente"]


def inject(docx: Path, out: Path, changes: int, author: str = "Brasil", seed: int = 1,
           date: str = "2024-12-02T10:00:00Z") -> dict[str, int]:
    """Copy ``docx`` to ``out`` with ``changes`` tracked-change elements (``w:ins`` + ``w:del``) in its
    clauses: replacements (a w:del and a w:ins), insertions and deletions of words, spread over the
    clause paragraphs (those carrying a clause bookmark), several per paragraph if there are few."""
    from lxml import etree
    rng = random.Random(seed)
    with zipfile.ZipFile(docx) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        infos = {i.filename: i for i in z.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    clause_runs = []
    for p in root.iter(f"{W}p"):
        if not any((b.get(f"{W}name") or "").startswith("c_") for b in p.iter(f"{W}bookmarkStart")):
            continue
        runs = [r for r in p.findall(f"{W}r") if r.find(f"{W}t") is not None
                and len((r.find(f"{W}t").text or "").split(" ")) > 8]
        if runs:
            clause_runs.append(max(runs, key=lambda r: len(r.find(f"{W}t").text or "")))
    if not clause_runs:
        raise SystemExit(f"{docx}: no clause paragraphs found (no c_* bookmarks)")
    ids = max([int(e.get(f"{W}id")) for e in root.iter() if e.get(f"{W}id", "").isdigit()] + [0]) + 1000
    made = {"ins": 0, "del": 0, "paragraphs": 0}
    # one edit per paragraph, round after round, until the count is reached
    order = list(range(len(clause_runs)))
    rng.shuffle(order)
    budget = changes
    touched: set[int] = set()
    rounds = 0
    while budget > 0:
        rounds += 1
        for idx in order:
            if budget <= 0:
                break
            run = clause_runs[idx]
            t = run.find(f"{W}t")
            words = (t.text or "").split(" ")
            if len(words) < 6:
                continue
            kind = rng.choice(["replace", "replace", "insert", "delete"] if budget >= 2 else ["insert", "delete"])
            k = rng.randrange(1, len(words) - 3)
            before, word, after = " ".join(words[:k]) + " ", words[k], " " + " ".join(words[k + 1:])
            new = []
            rpr = run.find(f"{W}rPr")

            def fresh_run(parent: etree._Element | None = None) -> etree._Element:
                r = etree.Element(f"{W}r") if parent is None else etree.SubElement(parent, f"{W}r")
                if rpr is not None:
                    r.append(copy.deepcopy(rpr))
                return r

            def plain(text: str) -> etree._Element:
                r = fresh_run()
                tt = etree.SubElement(r, f"{W}t")
                tt.text = text
                tt.set(XML_SPACE, "preserve")
                return r
            def tracked(tag: str, text: str) -> etree._Element:
                nonlocal ids
                ids += 1
                el = etree.Element(f"{W}{tag}")
                el.set(f"{W}id", str(ids))
                el.set(f"{W}author", author)
                el.set(f"{W}date", date)
                r = fresh_run(el)
                tt = etree.SubElement(r, f"{W}delText" if tag == "del" else f"{W}t")
                tt.text = text
                tt.set(XML_SPACE, "preserve")
                return el
            new.append(plain(before))
            if kind in ("replace", "delete"):
                new.append(tracked("del", word))
                made["del"] += 1
                budget -= 1
            if kind in ("replace", "insert"):
                ins = WORDS[rng.randrange(len(WORDS))]
                new.append(tracked("ins", ins if kind == "replace" else f"{ins} "))
                made["ins"] += 1
                budget -= 1
            if kind == "insert":
                new.append(plain(word))
            tail = plain(after)
            new.append(tail)
            parent = run.getparent()
            at = parent.index(run)
            parent.remove(run)
            for j, el in enumerate(new):
                parent.insert(at + j, el)
            clause_runs[idx] = tail  # the next round edits what follows
            touched.add(idx)
    made["paragraphs"] = len(touched)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(infos[name], data, compress_type=zipfile.ZIP_DEFLATED)
    return made


# ------------------------------------------------------------------------------------------ cli

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.references")
    sub = p.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("paragraphs")
    sp.add_argument("docx", nargs="+")
    sp.add_argument("--out", required=True)
    sp = sub.add_parser("floor")
    sp.add_argument("paragraphs")
    sp.add_argument("outdir")
    sp = sub.add_parser("redline")
    sp.add_argument("engine", choices=sorted(ENGINES))
    sp.add_argument("original")
    sp.add_argument("modified")
    sp.add_argument("out")
    sp = sub.add_parser("inject")
    sp.add_argument("docx")
    sp.add_argument("out")
    sp.add_argument("--changes", type=int, default=1000)
    sp.add_argument("--author", default="Brasil")
    sp.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.cmd == "paragraphs":
        data = {Path(d).stem: paragraphs_of(Path(d)) for d in args.docx}
        Path(args.out).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif args.cmd == "floor":
        data = json.loads(Path(args.paragraphs).read_text(encoding="utf-8"))
        outdir = Path(args.outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        for name, paragraphs in data.items():
            write_floor(paragraphs, outdir / f"{name}.docx")
    elif args.cmd == "redline":
        redline(args.engine, Path(args.original), Path(args.modified), Path(args.out))
    elif args.cmd == "inject":
        print(json.dumps(inject(Path(args.docx), Path(args.out), args.changes, args.author, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
