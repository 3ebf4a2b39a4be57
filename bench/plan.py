"""What is timed: every drafting command on a generated workspace in up to three states -- warm (the
workspace in use, its parse cache filled), cold (a fresh clone: the same history, no cache) and no-cache
(``DRAFTING_CACHE=0`` on the workspace in use) -- and the references doing the same work another way."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .measure import Plan, Variant
from .workspaces import REFS, ColdClone, drafting_exe, fresh_clone, scratch_copy

# label -> (argv after `drafting -C WS`, what it is); "{clause}", "{id}", "{file}" and "{out}" are filled in
COMMANDS: dict[str, tuple[list[str], str]] = {
    "help": (["--help"], "drafting --help (start-up)"),
    "validate": (["validate"], "drafting validate"),
    "status": (["status", "--format", "json"], "drafting status --format json"),
    "audit": (["audit"], "drafting audit (the whole history)"),
    "log": (["log", "{clause}"], "drafting log CLAUSE (the clause changed most often)"),
    "diff": (["diff", "zero", "HEAD"], "drafting diff zero HEAD (every decision since the zero draft)"),
    "diff-worktree": (["diff"], "drafting diff (last version -> working tree)"),
    "compile-clean": (["compile", "--kind", "clean", "--lang", "es", "--out", "{out}"],
                      "compile --kind clean --lang es (docx, both documents)"),
    "compile-compilation": (["compile", "--kind", "compilation", "--lang", "es", "--out", "{out}"],
                            "compile --kind compilation --lang es (every open amendment)"),
    "compile-changes": (["compile", "--kind", "changes", "--lang", "es", "--since", "zero", "--out", "{out}"],
                        "compile --kind changes --lang es --since zero (every decision, attributed)"),
    "compile-synoptic": (["compile", "--kind", "synoptic", "--lang", "es", "--out", "{out}"],
                         "compile --kind synoptic --lang es"),
    "decide": (["decide", "{id}", "accept", "--date", "2024-12-01", "--note", "Agreed at the second reading."],
               "drafting decide ID accept (one commit, on a scratch copy)"),
    "import-docx": (["import-docx", "{file}", "--by", "BRA", "--dry-run"],
                    "import-docx FILE --by BRA --dry-run (tracked changes)"),
}
_COLD: dict[tuple[Path, Path], ColdClone] = {}
# python-redlines on the 10,000 paragraphs of XXL runs for tens of minutes: a run is stopped after this
# long, and the comparison then rests on what that proves (it takes longer: the ratio is at least ...)
REDLINES_LIMIT_S = 600.0
WRITES = {"decide"}         # runs on a scratch copy: the workspace itself never changes
NO_WORKSPACE = {"help"}     # cold and no-cache mean nothing for it
STATES = ("warm", "cold", "no-cache")
REFERENCES = {
    "floor": "the floor: a Python process importing lxml, writing the same paragraphs with lxml + zipfile",
    "pandoc": "pandoc: the same clean text, Markdown -> .docx (one process per document)",
    "python-redlines": "python-redlines (docxodus engine): redline of the zero and current clean drafts",
    "changes-few-decisions": "compile --kind changes --since zero on the same text with few decisions",
}


def argv_of(label: str, ws: Path, meta: dict[str, Any], prep: dict[str, Any], out: Path) -> list[str] | str:
    """The full argv of ``label`` on ``ws``, or why it cannot run."""
    args, _ = COMMANDS[label]
    fill = {"{clause}": meta.get("log_clause"), "{id}": meta.get("decide_id"), "{out}": str(out),
            "{file}": str(prep["import_file"]) if prep.get("import_file") else None}
    filled = []
    for a in args:
        if a in fill:
            if fill[a] is None:
                return {"{clause}": "the workspace has no clause to show the log of",
                        "{id}": "the workspace has no open replace amendment in Spanish to accept",
                        "{file}": "no draft to import (the clean draft did not compile)"}.get(a, a)
            a = str(fill[a])
        filled.append(a)
    return [*drafting_exe(), *filled] if label in NO_WORKSPACE else [*drafting_exe(), "-C", str(ws), *filled]


def command_variants(label: str, ws: Path, meta: dict[str, Any], prep: dict[str, Any], scratch: Path,
                     states: tuple[str, ...]) -> list[Variant] | str:
    """The variants of one command (its states), or why it cannot be measured."""
    probe = argv_of(label, ws, meta, prep, scratch / "out")
    if isinstance(probe, str):
        return probe
    variants = []
    cold = None
    if label not in WRITES:  # one clone per workspace, put back as cloned before each cold run
        cold = _COLD.setdefault((ws, scratch), ColdClone(ws, scratch / "cold-clone"))
    for state in states:
        if label in NO_WORKSPACE and state != "warm":
            continue
        where = scratch / f"{label}-{state}"

        def prepare(state: str = state, where: Path = where) -> Plan:
            target = ws
            if state == "cold":
                target = cold.get() if cold is not None else fresh_clone(ws, where / "ws")
            elif label in WRITES:
                target = scratch_copy(ws, where / "ws")
            argv = argv_of(label, target, meta, prep, where / "out")
            assert not isinstance(argv, str)
            return Plan([argv], {"DRAFTING_CACHE": "0"} if state == "no-cache" else {})

        def cleanup(where: Path = where) -> None:
            shutil.rmtree(where / "ws", ignore_errors=True)

        shown = " ".join(["drafting", *probe[probe.index("-C") + 2:]] if "-C" in probe else ["drafting", *probe[1:]])
        if label in WRITES:
            shown += " (on a scratch copy)"
        variants.append(Variant(state, prepare, shown + {"warm": "", "cold": " (fresh clone)",
                                                         "no-cache": " (DRAFTING_CACHE=0)"}[state], cleanup))
    return variants


def reference_variant(name: str, scratch: Path, prep: dict[str, Any], availability: dict[str, tuple[str | None, str]],
                      twin: tuple[Path, dict[str, Any]] | None = None) -> Variant | str:
    """One reference as a variant, or why it cannot run."""
    out = scratch / "out" / name
    fixed: Callable[[list[list[str]]], Callable[[], Plan]] = lambda cmds: (lambda: Plan(cmds))  # noqa: E731
    if name == "floor":
        if not (prep.get("paragraphs") and Path(prep["paragraphs"]).exists()):
            return "no paragraphs (the clean draft did not compile)"
        cmds = [[sys.executable, str(REFS), "floor", str(prep["paragraphs"]), str(out)]]
        return Variant(name, fixed(cmds), f"python {REFS.name} floor PARAGRAPHS OUT")
    if name == "pandoc":
        version, why = availability["pandoc"]
        if version is None:
            return why
        if not all(p.exists() for p in prep["md"]):
            return f"no Markdown draft to convert: {prep['problems'].get('md', '')}"
        out.mkdir(parents=True, exist_ok=True)
        cmds = [["pandoc", "-f", "markdown", "-t", "docx", "-o", str(out / (p.stem + ".docx")), str(p)]
                for p in prep["md"]]
        return Variant(name, fixed(cmds), "pandoc -f markdown -t docx (each document)")
    if name == "python-redlines":
        version, why = availability["python-redlines"]
        if version is None:
            return why
        if not all(p.exists() for p in prep["zero"] + prep["clean"]):
            return "no zero/current clean drafts to compare: " + "; ".join(
                prep["problems"].get(k, "") for k in ("zero", "clean"))
        out.mkdir(parents=True, exist_ok=True)
        cmds = [[sys.executable, str(REFS), "redline", "docxodus", str(a), str(b), str(out / a.name)]
                for a, b in zip(prep["zero"], prep["clean"])]
        return Variant(name, lambda: Plan(cmds, limit_s=REDLINES_LIMIT_S),
                       "python-redlines docxodus: zero vs current (each document)")
    if name == "changes-few-decisions":
        if twin is None:
            return "no workspace with few decisions"
        argv = argv_of("compile-changes", twin[0], twin[1], {}, out)
        assert not isinstance(argv, str)
        return Variant(name, fixed([argv]), f"compile --kind changes --since zero ({twin[1]['decisions']} decisions)")
    return f"unknown reference {name}"
