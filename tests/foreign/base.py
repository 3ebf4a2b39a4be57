"""The clean drafts the foreign files start from, compiled by drafting itself (standard library only:
``make_libreoffice.py`` runs under the system Python, which has ``uno`` but not the project).

* the bundled example (``drafting init --example``): the Declaration and the Plan of Action, clean,
  Spanish, as issued in Rev.1;
* ``repeated``: a small Declaration whose sub-clauses repeat the same words under different clauses
  ("el registro;" three times), for files whose paragraphs can only be told apart by position.

The drafting command is this Python's drafting, else the worktree's ``.venv/bin/drafting``; ``DRAFTING``
names another one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATA = REPO / "tests" / "data" / "foreign"
# drafts print when they were generated: a fixed clock keeps regenerated files comparable
ENV = {**os.environ, "DRAFTING_NOW": "2025-01-15T10:30:00", "DRAFTING_DATE": "2025-01-15",
       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@t"}

REPEATED_NEGOTIATION = """\
schema: 1
title: {es: Declaración de prueba, en: Test Declaration}
symbol: "T/REP/L.1"
original_language: es
languages: [es, en]
documents: [declaration]
delegations:
  BRA: {name: {es: Brasil, en: Brazil}, kind: state}
  MEX: {name: {es: México, en: Mexico}, kind: state}
versions: []
"""
REPEATED_DOCUMENT = """\
id: declaration
title: {es: Declaración de prueba, en: Test Declaration}
sections: [preamble, operative]
"""
REPEATED_PREAMBLE = """\
id: preamble
title: {es: Preámbulo, en: Preamble}
numbering: none
clauses:
  - id: pp-recalling
    text:
      es: Recordando la Declaración de Cartagena sobre Refugiados de 1984,
      en: Recalling the Cartagena Declaration on Refugees of 1984,
"""
# three clauses whose two sub-clauses say the same words: only their position tells them apart
_PLACES = [("asylum", "fortalecer en los sistemas de asilo", "strengthen in asylum systems"),
           ("borders", "mejorar en las fronteras", "improve at borders"),
           ("cities", "mejorar en las ciudades", "improve in cities")]


def repeated_operative() -> str:
    lines = ["id: operative", "title: {es: Parte dispositiva, en: Operative part}", "numbering: arabic",
             "clauses:"]
    for cid, es, en in _PLACES:
        lines += [f"  - id: op-{cid}", "    text:", f"      es: 'Se comprometen a {es}:'",
                  f"      en: 'Undertake to {en}:'", "    children:",
                  f"      - id: op-{cid}-registration", "        text: {es: el registro;, en: registration;}",
                  f"      - id: op-{cid}-documentation",
                  "        text: {es: la documentación;, en: documentation;}"]
    lines += ["  - id: op-follow-up", "    text:", "      es: Deciden reunirse nuevamente en 2034.",
              "      en: Decide to meet again in 2034."]
    return "\n".join(lines) + "\n"


def drafting() -> list[str]:
    """How to run drafting: ``DRAFTING``, else this Python when it has drafting, else the worktree's venv."""
    if os.environ.get("DRAFTING"):
        return [os.environ["DRAFTING"]]
    if importlib.util.find_spec("drafting") is not None:
        return [sys.executable, "-m", "drafting.cli"]
    return [str(REPO / ".venv" / "bin" / "drafting")]


def run(*args: str, cwd: Path | None = None) -> str:
    proc = subprocess.run([*drafting(), *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"drafting {' '.join(args)} failed:\n{proc.stderr}")
    return proc.stdout


def example_workspace(path: Path) -> Path:
    """The bundled example, replayed (Rev.1 issued, with the first round's proposals)."""
    if path.exists():
        shutil.rmtree(path)
    run("init", str(path), "--example")
    return path


def repeated_workspace(path: Path) -> Path:
    """The ``repeated`` negotiation, committed, with version ``zero`` issued."""
    if path.exists():
        shutil.rmtree(path)
    run("init", str(path))
    (path / "drafts" / "declaration").mkdir(parents=True, exist_ok=True)
    (path / "negotiation.yaml").write_text(REPEATED_NEGOTIATION, encoding="utf-8")
    files = {"document.yaml": REPEATED_DOCUMENT, "preamble.yaml": REPEATED_PREAMBLE,
             "operative.yaml": repeated_operative()}
    for name, text in files.items():
        (path / "drafts" / "declaration" / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=path, env=ENV, check=True, capture_output=True)
    subprocess.run(["git", "commit", "-qm", "Zero draft"], cwd=path, env=ENV, check=True, capture_output=True)
    run("-C", str(path), "issue", "zero", "--label", "Borrador cero", "--date", "2024-08-30", "--no-compile")
    return path


def clean_drafts(workspace: Path, out: Path) -> dict[str, Path]:
    """The clean Spanish Word drafts of ``workspace``: document id -> file."""
    out.mkdir(parents=True, exist_ok=True)
    printed = run("-C", str(workspace), "compile", "--kind", "clean", "--lang", "es", "--format", "docx",
                  "--out", str(out))
    paths = [Path(line.strip()) for line in printed.splitlines() if line.strip().endswith(".docx")]
    return {p.name.removesuffix("-clean-es.docx"): p for p in paths}
