"""The generated workspaces (cached under ``bench/work/``, keyed by their shape, the seed and the generator
version), fresh clones and scratch copies of them, and the untimed inputs of the references."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fastimport import git_env
from .generate import GENERATOR_VERSION
from .measure import env, log

REPO = Path(__file__).resolve().parent.parent
REFS = Path(__file__).resolve().parent / "references.py"
IMPORT_CHANGES_XL = 1000  # tracked changes in the Word file import-docx reads, at 2,000 clauses


@dataclass(frozen=True)
class Shape:
    """What a generated negotiation holds."""

    clauses: int
    amendments: int       # open proposals on the last version
    decisions: int        # decided proposals, spread over the revisions
    revisions: int = 5
    delegations: int = 25

    def key(self, seed: int) -> str:
        return (f"ws-c{self.clauses}-a{self.amendments}-d{self.decisions}-r{self.revisions}-p{self.delegations}"
                f"-s{seed}-g{GENERATOR_VERSION}")

    def describe(self) -> str:
        return (f"{self.clauses:,} clauses × 4 languages, {self.amendments:,} open amendments, {self.decisions:,} "
                f"decisions over {self.revisions} revisions, {self.delegations} delegations")


def drafting_exe() -> list[str]:
    exe = Path(sys.executable).with_name("drafting")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafting.cli"]


def _generate(work: Path, shape: Shape, seed: int) -> tuple[Path, dict[str, Any]]:
    key = shape.key(seed)
    root, meta_path = work / key, work / f"{key}.json"
    shutil.rmtree(root, ignore_errors=True)
    meta_path.unlink(missing_ok=True)
    log(f"generating {shape.describe()} (seed {seed}) in {root}")
    proc = subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--clauses", str(shape.clauses),
                           "--amendments", str(shape.amendments), "--decisions", str(shape.decisions),
                           "--revisions", str(shape.revisions), "--delegations", str(shape.delegations),
                           "--seed", str(seed), "--quiet"], cwd=REPO, env=env(), capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise SystemExit(f"generating {root} failed:\n{proc.stderr[-3000:]}")
    meta = json.loads(proc.stdout)
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    log(f"generated {root.name}: {meta['commits']} commits in {meta['seconds']} s")
    return root, meta


def workspaces(work: Path, shapes: list[Shape], seed: int, regenerate: bool) -> dict[Shape, tuple[Path, dict[str, Any]]]:
    """The cached workspace of each shape, the missing ones generated two at a time (a generator is a
    Python process feeding a git process: two keep two cores busy)."""
    work.mkdir(parents=True, exist_ok=True)
    out: dict[Shape, tuple[Path, dict[str, Any]]] = {}
    todo: list[Shape] = []
    for shape in dict.fromkeys(shapes):
        root, meta_path = work / shape.key(seed), work / f"{shape.key(seed)}.json"
        if not regenerate and root.is_dir() and meta_path.is_file():
            out[shape] = (root, json.loads(meta_path.read_text(encoding="utf-8")))
        else:
            todo.append(shape)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for shape, got in zip(todo, pool.map(lambda s: _generate(work, s, seed), todo)):
            out[shape] = got
    return out


def git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=git_env(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)


def fresh_clone(ws: Path, dest: Path) -> Path:
    """A clone of ``ws`` as a delegation makes one: the same history, no parse cache."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    git("clone", "--quiet", str(ws), str(dest))
    return dest


def scratch_copy(ws: Path, dest: Path) -> Path:
    """A copy of ``ws`` with everything in ``.git`` (its parse cache too), for a command that commits."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", str(ws), str(dest)], check=True)
    # a working copy in use has a fresh index stat cache; a copied one must be refreshed
    subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=dest, env=git_env(), check=False)
    return dest


def warm_up(ws: Path) -> None:
    """Fill the parse cache as a workspace in use has it: the current text, its amendments, the versions."""
    d = drafting_exe()
    for args in (["validate"], ["status"]):
        subprocess.run([*d, "-C", str(ws), *args], env=env(), capture_output=True)


def prepare(ws: Path, meta: dict[str, Any], scratch: Path) -> dict[str, Any]:
    """Untimed inputs of the references and of import-docx, made with drafting from the same text: the
    clean drafts (docx and Markdown) of the current text and of the zero draft, their paragraphs, and a
    Word file with tracked changes."""
    d = drafting_exe()
    prep = scratch / "prep"
    shutil.rmtree(prep, ignore_errors=True)
    steps = {
        "clean": ["compile", "--kind", "clean", "--lang", "es", "--out", str(prep / "clean")],
        "md": ["compile", "--kind", "clean", "--lang", "es", "--format", "md", "--out", str(prep / "md")],
        "zero": ["compile", "--kind", "clean", "--lang", "es", "--at", "zero", "--out", str(prep / "zero")],
    }
    out: dict[str, Any] = {"problems": {}}
    for name, args in steps.items():
        proc = subprocess.run([*d, "-C", str(ws), *args], capture_output=True, text=True, env=env())
        if proc.returncode != 0:
            out["problems"][name] = f"drafting {' '.join(args)} failed: {proc.stderr.strip()[-500:]}"
    docs = meta["documents"]
    out["clean"] = [prep / "clean" / f"{doc}-clean-es.docx" for doc in docs]
    out["md"] = [prep / "md" / f"{doc}-clean-es.md" for doc in docs]
    out["zero"] = [prep / "zero" / f"{doc}-clean-es.docx" for doc in docs]
    out["paragraphs"] = prep / "paragraphs.json"
    if all(p.exists() for p in out["clean"]):
        subprocess.run([sys.executable, str(REFS), "paragraphs", *map(str, out["clean"]), "--out",
                        str(out["paragraphs"])], check=True, env=env())
        out["paragraph_count"] = sum(len(v) for v in json.loads(out["paragraphs"].read_text("utf-8")).values())
        changes = max(10, round(IMPORT_CHANGES_XL * meta["clauses"] / 2000))
        biggest = max(out["clean"], key=lambda p: p.stat().st_size)
        out["import_file"] = prep / f"tracked-{changes}.docx"
        made = subprocess.run([sys.executable, str(REFS), "inject", str(biggest), str(out["import_file"]),
                               "--changes", str(changes), "--author", "Brasil"],
                              check=True, capture_output=True, text=True, env=env())
        out["import_changes"] = json.loads(made.stdout)
    return out
