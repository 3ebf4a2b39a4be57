"""A negotiation shared by several parties, for real: ssh-keygen keys, a bare repository with the gate
as its pre-receive hook, one clone per party with its own git identity and signing key, and a
``git daemon`` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRETARIAT = "UNHCR"
DELEGATIONS = ("ARG", "BRA", "MEX", "CHL", "URY", "PRY", "COL", "ECU")
NAMES = {
    "UNHCR": "Ana Secretaria",
    "ARG": "Ana Argentina",
    "BRA": "Bruno Brasil",
    "MEX": "Mara México",
    "CHL": "Carla Chile",
    "URY": "Ulises Uruguay",
    "PRY": "Pedro Paraguay",
    "COL": "Camilo Colombia",
    "ECU": "Elena Ecuador",
    "STRANGER": "Someone Else",
}

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
  COL: {name: {es: Colombia, en: Colombia}, kind: state}
  ECU: {name: {es: Ecuador, en: Ecuador}, kind: state}
  PER: {name: {es: Perú, en: Peru}, kind: state}
  BOL: {name: {es: Bolivia, en: Bolivia}, kind: state}
  MERCOSUR: {name: {en: MERCOSUR}, kind: group, members: [ARG, BRA, PRY, URY]}
  UNHCR: {name: {es: ACNUR, en: UNHCR}, kind: secretariat}
versions: []
"""

DOCUMENT = """\
id: declaration
title: {es: Declaración de prueba, en: Test Declaration}
sections: [operative]
"""

OPERATIVE = """\
id: operative
title: {es: Parte dispositiva, en: Operative part}
numbering: arabic
clauses:
  - id: op-asylum
    text:
      es: Fortalecer los sistemas nacionales de asilo en la región.
      en: Strengthen national asylum systems in the region.
  - id: op-borders
    text:
      es: Garantizar el acceso al territorio en las fronteras.
      en: Guarantee access to territory at borders.
  - id: op-follow-up
    text:
      es: Dar seguimiento a este plan cada tres años.
      en: Follow up this plan every three years.
"""


def env() -> dict[str, str]:
    """The environment of a party's commands: no global git config of the machine's user."""
    # bytecode is cached: every party command is a new Python process
    e = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PYTHONDONTWRITEBYTECODE"}
    e.update(PYTHONPATH=str(ROOT), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    return e


def drafting(
    *args: str, cwd: Path | None = None, check: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "drafting.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env(),
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"drafting {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def git(
    cwd: Path, *args: str, check: bool = True, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env(), input=input)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def make_keys(folder: Path) -> dict[str, Path]:
    """An ed25519 key pair per party (private key path; the .pub beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = {}
    for code in (SECRETARIAT, *DELEGATIONS, "STRANGER"):
        path = folder / code.lower()
        subprocess.run(
            [
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                f"{code.lower()}@example.org",
                "-f",
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        keys[code] = path
    return keys


def configure(clone: Path, code: str, key: Path | None) -> Path:
    git(clone, "config", "user.name", NAMES[code])
    git(clone, "config", "user.email", f"{code.lower()}@example.org")
    if key is not None:
        git(clone, "config", "user.signingkey", str(key))
        git(clone, "config", "gpg.format", "ssh")
    return clone


def write_workspace(ws: Path) -> None:
    (ws / "drafts" / "declaration").mkdir(parents=True, exist_ok=True)
    (ws / "negotiation.yaml").write_text(NEGOTIATION, encoding="utf-8")
    (ws / "drafts" / "declaration" / "document.yaml").write_text(DOCUMENT, encoding="utf-8")
    (ws / "drafts" / "declaration" / "operative.yaml").write_text(OPERATIVE, encoding="utf-8")


def build_origin(base: Path, keys: dict[str, Path]) -> Path:
    """The secretariat's set-up, once: a workspace with the zero draft issued and every party's key,
    pushed to a new bare repository with the gate installed.  Returns the bare repository."""
    ws = base / "secretariat-setup"
    drafting("init", str(ws), check=True)
    configure(ws, SECRETARIAT, keys[SECRETARIAT])
    write_workspace(ws)
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Zero draft")
    drafting("-C", str(ws), "keys", "add", SECRETARIAT, f"{keys[SECRETARIAT]}.pub", check=True)
    drafting("-C", str(ws), "keys", "add", DELEGATIONS[0], f"{keys[DELEGATIONS[0]]}.pub", check=True)
    # the other keys in one commit of the secretariat's (as `keys add` would make them, one by one)
    with (ws / "keys" / "allowed_signers").open("a", encoding="utf-8") as f:
        for code in DELEGATIONS[1:]:
            f.write(f"{code} {Path(f'{keys[code]}.pub').read_text().strip()}\n")
    git(ws, "add", "keys")
    git(ws, "-c", "commit.gpgsign=true", "commit", "-qm", "Keys of the delegations")
    drafting(
        "-C",
        str(ws),
        "issue",
        "zero",
        "--label",
        "Zero draft",
        "--date",
        "2024-08-30",
        "--no-compile",
        check=True,
    )
    origin = base / "origin.git"
    drafting("remote", "init", str(origin), check=True)
    git(ws, "remote", "add", "origin", str(origin))
    drafting("-C", str(ws), "sync", check=True)
    # two proposals already shared: Argentina's and Brazil's, on the same clause
    shared = Shared(origin, keys, base)
    arg = shared.clone("ARG", "setup-arg")
    drafting(
        "-C",
        str(arg),
        "propose",
        "op-asylum",
        "--by",
        "ARG",
        "--replace",
        "sistemas nacionales",
        "--with",
        "sistemas nacionales y regionales",
        "--date",
        "2024-09-10",
        check=True,
    )
    drafting("-C", str(arg), "sync", check=True)
    bra = shared.clone("BRA", "setup-bra")
    drafting(
        "-C",
        str(bra),
        "propose",
        "op-asylum",
        "--by",
        "BRA",
        "--replace",
        "en la región",
        "--with",
        "en la región y el Caribe",
        "--date",
        "2024-09-11",
        check=True,
    )
    drafting("-C", str(bra), "sync", check=True)
    return origin


@dataclass
class Shared:
    """One negotiation's remote and the parties' clones of it."""

    origin: Path
    keys: dict[str, Path]
    base: Path

    @property
    def url(self) -> str:
        return f"file://{self.origin}"

    def clone(
        self, code: str, name: str | None = None, *, key: str | None = "own", url: str | None = None
    ) -> Path:
        dest = self.base / (name or code.lower())
        git(self.base, "clone", "-q", url or self.url, str(dest))
        return configure(dest, code, self.keys[code if key == "own" else key] if key else None)

    def remote_head(self) -> str:
        return git(self.origin, "rev-parse", "refs/heads/main").stdout.strip()

    def remote_files(self, folder: str = "amendments") -> list[str]:
        return git(self.origin, "ls-tree", "-r", "--name-only", "main", "--", folder).stdout.split()


def copy_origin(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest, symlinks=True)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Daemon:
    """``git daemon`` serving every repository under ``base`` on 127.0.0.1, pushes enabled."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                "git",
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                f"--base-path={base}",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                str(base),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env(),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("git daemon did not start")

    def url(self, repo: Path) -> str:
        return f"git://127.0.0.1:{self.port}/{repo.relative_to(self.base)}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
