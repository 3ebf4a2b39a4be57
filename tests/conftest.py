"""Shared fixtures: small real workspaces in temporary git repositories."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples (a green run stays green); on a
# developer's machine they explore new examples each run, and a failure found there is kept in
# .hypothesis/ to be replayed.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Drafts print when they were generated; fix the clock so that their text is the same on every run
# (a test looking for "49" in a draft must not fail at 07:49).
os.environ.setdefault("DRAFTING_NOW", "2025-01-15T10:30:00")

ROOT = Path(__file__).resolve().parent.parent

NEGOTIATION = """\
schema: 1
title: {es: Declaración de prueba, en: Test Declaration}
symbol: "T/DEC/L.1"
original_language: es
languages: [es, en]
documents: [declaration]
delegations:
  ARG: {name: {es: Argentina, en: Argentina}, kind: state}
  BRA: {name: {es: Brasil, en: Brazil}, kind: state}
  CHL: {name: {es: Chile, en: Chile}, kind: state}
  MEX: {name: {es: México, en: Mexico}, kind: state}
  PRY: {name: {es: Paraguay, en: Paraguay}, kind: state}
  URY: {name: {es: Uruguay, en: Uruguay}, kind: state}
  MERCOSUR: {name: {en: MERCOSUR}, kind: group, members: [ARG, BRA, PRY, URY]}
  UNHCR: {name: {es: ACNUR, en: UNHCR}, kind: secretariat}
versions: []
"""

DOCUMENT = """\
id: declaration
title: {es: Declaración de prueba, en: Test Declaration}
sections: [preamble, operative]
"""

PREAMBLE = """\
id: preamble
title: {es: Preámbulo, en: Preamble}
numbering: none
clauses:
  - id: pp-recalling
    status: agreed
    text:
      es: Recordando la Declaración de Cartagena sobre Refugiados de 1984,
      en: Recalling the Cartagena Declaration on Refugees of 1984,
"""

OPERATIVE = """\
id: operative
title: {es: Parte dispositiva, en: Operative part}
numbering: arabic
clauses:
  # the first operative paragraph
  - id: op-asylum
    text:
      es: Fortalecer los sistemas nacionales de asilo en la región.
      en: Strengthen national asylum systems in the region.
  - id: op-borders
    text:
      es: Garantizar el acceso al territorio en las fronteras.
      en: Guarantee access to territory at borders.
  - id: op-solutions
    text:
      es: Promover soluciones duraderas [y complementarias] para las personas refugiadas.
      en: Promote durable [and complementary] solutions for refugees.
    children:
      - id: op-solutions-integration
        text:
          es: la integración local;
          en: local integration;
      - id: op-solutions-resettlement
        text:
          es: el reasentamiento;
          en: resettlement;
  - id: op-follow-up
    text:
      es: Dar seguimiento a este plan cada tres años.
      en: Follow up this plan every three years.
"""


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def run(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """The command line, as a user runs it (a separate process)."""
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if check and proc.returncode != 0:
        raise AssertionError(f"drafting {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc


def write_workspace(path: Path) -> Path:
    (path / "drafts" / "declaration").mkdir(parents=True, exist_ok=True)
    (path / "negotiation.yaml").write_text(NEGOTIATION, encoding="utf-8")
    (path / "drafts" / "declaration" / "document.yaml").write_text(DOCUMENT, encoding="utf-8")
    (path / "drafts" / "declaration" / "preamble.yaml").write_text(PREAMBLE, encoding="utf-8")
    (path / "drafts" / "declaration" / "operative.yaml").write_text(OPERATIVE, encoding="utf-8")
    return path


def issued_workspace(ws: Path) -> Path:
    """The small negotiation in a new git repository at ``ws``, committed, with the zero draft issued
    (through the command line)."""
    run("init", str(ws), check=True)
    write_workspace(ws)
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Zero draft")
    run("-C", str(ws), "issue", "zero", "--label", "Zero draft", "--date", "2024-08-30", "--no-compile",
        check=True)
    return ws


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A small negotiation in a git repository, committed, with the zero draft issued."""
    return issued_workspace(tmp_path / "ws")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example negotiation, replayed once per run (``drafting init --example``).  Read
    it only; a test that writes copies it first (``shutil.copytree(example, dest, symlinks=True)``)."""
    ws = tmp_path_factory.mktemp("example") / "c40"
    run("init", str(ws), "--example", check=True)
    return ws
