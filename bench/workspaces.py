"""The generated workspaces (cached under ``bench/work/``, keyed by their shape, the seed and the generator
version), fresh clones and scratch copies of them, and the untimed inputs of the references."""

from __future__ import annotations

import json
import os
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


class ColdClone:
    """A fresh clone of ``ws`` for the cold runs of commands that write nothing, made once and put back
    to the state ``git clone`` left before each run: its ``.git`` as cloned (index included, with its
    timestamps: git sees the same racily-clean entries a first command sees), without the parse cache or
    anything a command added.  A clone whose objects or work tree changed is made again.  Cloning and
    removing 10,000 files before every cold run took longer than most of the commands it prepared."""

    SAVED_MAX = 64 << 20  # files of .git kept aside to be put back (the index, refs, config; not the packs)

    def __init__(self, ws: Path, dest: Path) -> None:
        self.ws, self.dest, self.saved = ws, dest, dest.parent / (dest.name + ".git-as-cloned")
        self.files: dict[str, tuple[int, int]] = {}
        self.tree: dict[str, tuple[int, int] | None] = {}
        self.git_dirs: set[str] = set()

    def _listing(self) -> dict[str, tuple[int, int]]:
        git_dir = self.dest / ".git"
        return {str(f.relative_to(git_dir)): (st.st_size, st.st_mtime_ns)
                for f in git_dir.rglob("*") if f.is_file() and not f.is_symlink() for st in [f.stat()]}

    def _tree(self) -> dict[str, tuple[int, int] | None]:
        """Every file (size, modification time) and folder (None) of the work tree, at any depth."""
        out: dict[str, tuple[int, int] | None] = {}
        for top, dirs, files in os.walk(self.dest):
            if top == str(self.dest):
                dirs[:] = [d for d in dirs if d != ".git"]
            rel = os.path.relpath(top, self.dest)
            for d in dirs:
                out[os.path.join(rel, d)] = None
            for f in files:
                st = os.lstat(os.path.join(top, f))
                out[os.path.join(rel, f)] = (st.st_size, st.st_mtime_ns)
        return out

    def _clone(self) -> Path:
        fresh_clone(self.ws, self.dest)
        shutil.rmtree(self.saved, ignore_errors=True)
        self.files = self._listing()
        for rel, (size, _) in self.files.items():
            if size <= self.SAVED_MAX:
                (self.saved / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.dest / ".git" / rel, self.saved / rel)
        self.tree = self._tree()
        self.git_dirs = {str(d.relative_to(self.dest / ".git")) for d in (self.dest / ".git").rglob("*") if d.is_dir()}
        return self.dest

    def get(self) -> Path:
        """The clone as ``git clone`` made it."""
        git_dir = self.dest / ".git"
        if not self.files or not git_dir.is_dir() or self._tree() != self.tree:
            return self._clone()  # a file of the work tree added, removed or changed, at any depth
        new_dirs = [d for d in git_dir.rglob("*") if d.is_dir() and str(d.relative_to(git_dir)) not in self.git_dirs]
        for d in sorted(new_dirs, key=lambda p: len(p.parts)):
            shutil.rmtree(d, ignore_errors=True)  # drafting-cache and any other new folder, at any depth
        now = self._listing()
        for rel, stamp in now.items():
            if rel not in self.files:
                (git_dir / rel).unlink()
            elif stamp != self.files[rel]:
                if not (self.saved / rel).is_file():
                    return self._clone()
                shutil.copy2(self.saved / rel, git_dir / rel)
        if set(self.files) - set(now) or self._listing() != self.files:
            return self._clone()
        return self.dest


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
