"""Long reference runs kept between runs of the benchmark.

python-redlines takes about twenty minutes on the 10,000 paragraphs of XXL, and what it is given -- the
zero and current clean drafts of a generated workspace -- is the same from one run to the next as long
as drafting writes the same drafts.  A reference run longer than ``measure.LONG`` is stored in
``WORK/reference-runs.json`` under a key made of: the reference and its version, the machine (host, CPU
model, cores) and the content of its inputs (for a Word file, every part's name and bytes: the zip's
timestamps change at each compile, its content does not).  A later run whose key matches shows the
stored result, marked "reused, measured on DATE", instead of running it again; ``--remeasure`` runs it
anyway (and stores the new result).  Nothing else is reused: every drafting command is measured in
every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

STORE = "reference-runs.json"


def content_digest(paths: list[Path]) -> str:
    """sha256 over the content of ``paths``: a zip package part by part (name and bytes, in name order),
    any other file as its bytes."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + b"\0")
        if zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as z:
                for name in sorted(z.namelist()):
                    data = z.read(name)
                    h.update(f"{name}\0{len(data)}\0".encode())
                    h.update(data)
        else:
            data = p.read_bytes()
            h.update(f"{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


def key(reference: str, version: str | None, machine: dict[str, Any], inputs: list[Path]) -> str:
    """The run's inputs, the reference's version, the machine, Python (the wrapper that calls the reference
    runs on it) and how the bench calls it (``references.py``)."""
    where = f"{machine.get('hostname')}|{machine.get('cpu')}|{machine.get('cores')}|{machine.get('python')}"
    caller = hashlib.sha256((Path(__file__).parent / "references.py").read_bytes()).hexdigest()
    return hashlib.sha256(f"{reference}|{version}|{where}|{caller}|{content_digest(inputs)}".encode()).hexdigest()[:32]


def _load(work: Path) -> dict[str, Any]:
    try:
        data = json.loads((work / STORE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def lookup(work: Path, k: str) -> dict[str, Any] | None:
    """The stored summary of a run with key ``k`` (with its ``measured_on`` date), or None."""
    got = _load(work).get(k)
    if not isinstance(got, dict) or got.get("status") != "ok" or not got.get("measured_on"):
        return None
    return got


def record(work: Path, k: str, summary: dict[str, Any], measured_on: str, what: str) -> None:
    data = _load(work)
    data[k] = summary | {"measured_on": measured_on, "inputs": what}
    tmp = work / f"{STORE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(work / STORE)
