"""Installed the way a secretariat installs it: ``python -m build`` makes an sdist and a wheel (the wheel
from the sdist), each goes into a fresh venv that cannot see this checkout, and the installed
``drafting`` replays its bundled example and compiles it.

No network: the dependencies come from a wheelhouse made of the distributions already installed in the
running interpreter (repacked into wheels), so pip installs with ``--no-index``.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ("negotiation.yaml", "drafts", "amendments")


def closure(names: list[str]) -> list[metadata.Distribution]:
    """The installed distributions ``names`` need, their own requirements included (no extras)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        req = Requirement(todo.pop())
        key = canonicalize_name(req.name)
        if key in seen:
            continue
        dist = metadata.distribution(req.name)
        seen[key] = dist
        for r in dist.requires or []:
            sub = Requirement(r)
            if sub.marker is None or sub.marker.evaluate({"extra": ""}):
                todo.append(str(sub))
    return list(seen.values())


def repack(dist: metadata.Distribution, folder: Path) -> Path:
    """An installed distribution as a wheel again: its files (RECORD), a new RECORD, its WHEEL tags."""
    info = Path(str(dist._path))  # type: ignore[attr-defined]
    site = info.parent
    tags = [
        ln.split(":", 1)[1].strip()
        for ln in (info / "WHEEL").read_text().splitlines()
        if ln.startswith("Tag:")
    ]
    name = canonicalize_name(dist.metadata["Name"]).replace("-", "_")
    wheel = folder / f"{name}-{dist.version}-{tags[0]}.whl"
    record: list[tuple[str, str, str]] = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as z:
        for f in dist.files or []:
            rel = f.as_posix()
            if (
                rel.startswith("..")
                or "__pycache__" in rel
                or rel.endswith((".pyc", "/RECORD", "INSTALLER", "direct_url.json"))
            ):
                continue
            data = (site / rel).read_bytes()
            z.writestr(rel, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append((rel, f"sha256={digest}", str(len(data))))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([*record, (f"{info.name}/RECORD", "", "")])
        z.writestr(f"{info.name}/RECORD", out.getvalue())
    return wheel


def wheelhouse(folder: Path) -> Path:
    folder.mkdir()
    requires = [r for r in metadata.requires("drafting") or [] if "extra ==" not in r]
    for dist in closure([*requires, "setuptools"]):  # setuptools: pip builds the sdist in isolation
        repack(dist, folder)
    return folder


def fresh_venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    return path / ("Scripts" if os.name == "nt" else "bin")


def clean_env() -> dict[str, str]:
    """The environment without anything that would let Python find this checkout."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PIP_")}


def pip_install(bin_dir: Path, target: Path, house: Path) -> subprocess.Popen[str]:
    """pip installing ``target`` into the venv of ``bin_dir``, started (the caller waits)."""
    args = ["--python", str(bin_dir / "python"), "install", "--no-index", "--find-links", str(house)]
    return subprocess.Popen(
        [sys.executable, "-m", "pip", *args, "--no-cache-dir", "--quiet", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=clean_env(),
    )


def installed(proc: subprocess.Popen[str]) -> None:
    output, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, output


def drafting(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(bin_dir / "drafting"), *args], cwd=cwd, capture_output=True, text=True, env=clean_env()
    )
    assert proc.returncode == 0, f"drafting {' '.join(args)}: {proc.stdout}{proc.stderr}"
    return proc


@pytest.mark.slow
def test_wheel_and_sdist_install_and_run_the_example(tmp_path: Path) -> None:
    started = time.monotonic()
    # the working tree as it is (committed or not), away from the checkout's build/ and egg-info
    src = tmp_path / "src"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    dist = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)],
        capture_output=True,
        text=True,
        env={**clean_env(), "PYTHONDONTWRITEBYTECODE": ""},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # packaging metadata that setuptools accepts without a word of warning
    assert "warning" not in proc.stderr.lower() and "deprecat" not in (proc.stdout + proc.stderr).lower(), (
        proc.stderr
    )
    (wheel,) = dist.glob("drafting-*.whl")
    (sdist,) = dist.glob("drafting-*.tar.gz")

    # the wheel carries the example, byte for byte the files at the repository's root
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for rel in [
            "negotiation.yaml",
            *(str(p.relative_to(ROOT)) for d in EXAMPLE[1:] for p in (ROOT / d).rglob("*.yaml")),
        ]:
            assert z.read(f"drafting/example/{rel}") == (ROOT / rel).read_bytes(), rel
        assert "drafting/example_history.yaml" in names and "drafting/render/templates/draft.html.j2" in names
        meta = z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        assert (
            "License-Expression: MIT" in meta
            and "Classifier: Operating System :: Microsoft :: Windows" in meta
        )
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)

    house = wheelhouse(tmp_path / "wheelhouse")
    work = tmp_path / "work"  # not the checkout: nothing here but what was installed
    work.mkdir()
    venv_w, venv_s = fresh_venv(tmp_path / "venv-wheel"), fresh_venv(tmp_path / "venv-sdist")
    # both at once: pip builds the sdist into a wheel itself, in an isolated environment
    installing = [pip_install(venv_w, wheel, house), pip_install(venv_s, sdist, house)]
    for proc in installing:
        installed(proc)

    for bin_dir in (venv_w, venv_s):
        where = subprocess.run(
            [str(bin_dir / "python"), "-c", "import drafting; print(drafting.__file__)"],
            cwd=work,
            capture_output=True,
            text=True,
            env=clean_env(),
        ).stdout
        package = Path(where).resolve().parent
        assert package.is_relative_to(bin_dir.parent.resolve()), where
        assert drafting(bin_dir, "--version", cwd=work).stdout.strip() == "drafting 0.1.0"
        for rel in [
            "negotiation.yaml",
            *(str(f.relative_to(ROOT)) for f in (ROOT / "drafts").rglob("*.yaml")),
        ]:
            assert (package / "example" / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    # the wheel's drafting replays the example and compiles every draft; the sdist's reads and compiles it
    out = drafting(venv_w, "init", "ex", "--example", cwd=work).stdout
    assert "Initialised the example negotiation" in out
    drafting(venv_w, "-C", "ex", "validate", cwd=work)
    drafts = drafting(
        venv_w, "-C", "ex", "compile", "--kind", "all", "--lang", "all", cwd=work
    ).stdout.split()
    assert len(drafts) == 2 * 5 * 4  # two documents, five kinds (the follow-up checklist too), four languages
    assert all((work / "ex" / d).is_file() for d in drafts), drafts
    drafting(venv_s, "-C", "ex", "validate", cwd=work)
    out = drafting(
        venv_s, "-C", "ex", "compile", "--kind", "compilation", "--lang", "es", "--out", "s", cwd=work
    )
    assert out.stdout.split() == ["s/declaration-compilation-es.docx", "s/plan-of-action-compilation-es.docx"]
    print(f"build, two installs and the smoke runs: {time.monotonic() - started:.1f} s")
