"""The bundled example negotiation, replayed as a real workspace history: the zero draft issued,
the first round's decisions and readings, Rev.1 issued, new proposals against Rev.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem, WorkspaceError
from ..store.git import GITIGNORE
from ..store.identity import SECRETARIAT
from ..store.yamlio import YMap, load_file
from .decide import decide, mark, translate
from .issue import issue
from .propose import commit_proposal, propose_mapping, sponsor

HISTORY = Path(__file__).resolve().parent.parent / "example_history.yaml"


def replay(path: Path, repo: Any, source_root: Path) -> None:
    # the zero draft as the chair circulated it, then the written proposals of the first round
    files = {"negotiation.yaml": (source_root / "negotiation.yaml").read_bytes()}
    for folder in ("drafts", "precedents"):  # the text, and the earlier instruments it draws on
        for f in sorted((source_root / folder).rglob("*.yaml")):
            files[str(f.relative_to(source_root))] = f.read_bytes()
    with repo.transaction("Zero draft circulated by the Chair", author=SECRETARIAT,
                          trailers={"Version": "zero"}, date="2024-08-30T12:00:00") as tx:
        for name, data in files.items():
            tx.write(name, data)
        tx.write(".gitignore", GITIGNORE.encode())
    repo.tag_version("zero", "Zero draft")
    # the written proposals, each committed in its delegation's name on its submission date
    for f in sorted((source_root / "amendments").rglob("*.yaml")):
        rel = str(f.relative_to(source_root))
        data = f.read_bytes()
        doc = load_file(data, rel)
        commit_proposal(path, rel, data, doc)
    history = load_file(HISTORY.read_bytes(), "drafting/example_history.yaml")
    steps = history.get("steps") if isinstance(history, YMap) else None
    if not isinstance(steps, list):
        raise WorkspaceError([Problem("drafting/example_history.yaml", 1, "'steps' must be a list")])
    for step in steps:
        _step(path, step)


def _step(path: Path, step: Any) -> None:
    ws = str(path)
    if "decide" in step:
        texts = step.get("texts") or {}
        decide(ws, step["decide"], step["decision"], text=step.get("text"), into=step.get("into"),
                   clause=step.get("clause"), note=step.get("note"), date=step.get("date"), texts=dict(texts),
                   commit_date=_at(step.get("date"), "12:00"))
    elif "status" in step:
        st = step["status"]
        mark(ws, st["clause"], st["status"], note=st.get("note"), commit_date=_at(st.get("date"), "17:00"))
    elif "translate" in step:
        t = step["translate"]
        translate(ws, t["clause"], t["lang"], t["text"], commit_date=_at(t.get("date"), "15:00"))
    elif "issue" in step:
        label = step.get("label") or {}
        issue(ws, step["issue"], label=dict(label) if isinstance(label, dict) else label,
                  date=step.get("date"), compile_drafts=False, commit_date=_at(step.get("date"), "18:00"))
    elif "propose" in step:
        mapping = dict(step["propose"])
        propose_mapping(ws, mapping, commit_date=_at(mapping.get("submitted"), "10:00"))
    elif "sponsor" in step:
        sponsor(ws, step["sponsor"], by=step["by"], rationale=step.get("rationale"), date=step.get("date"),
                commit_date=_at(step.get("date"), "11:00"))
    else:
        raise WorkspaceError([Problem("drafting/example_history.yaml", getattr(step, "line", 0),
                                      f"unknown step {list(step)!r}")])


def _at(date: Any, time: str) -> str | None:
    return f"{date}T{time}:00" if isinstance(date, str) and len(date) == 10 else None
