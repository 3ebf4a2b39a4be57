"""The bundled example negotiation, replayed as a real workspace history: the zero draft issued,
the first round's decisions and readings, Rev.1 issued, new proposals against Rev.1."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .errors import Problem, WorkspaceError
from .store.yamlio import YMap, load_file

HISTORY = Path(__file__).with_name("example_history.yaml")


def replay(path: Path, repo: Any, source_root: Path) -> None:
    from . import api

    # the zero draft as the chair circulated it, with the written proposals of the first round
    for part in ("negotiation.yaml", "drafts"):
        src = source_root / part
        if src.is_dir():
            shutil.copytree(src, path / part)
        else:
            shutil.copy2(src, path / part)
    files = {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
             and ".git" not in p.parts}
    with repo.transaction("Zero draft circulated by the Chair", author=api.SECRETARIAT,
                          trailers={"Version": "zero"}, date="2024-08-30T12:00:00") as tx:
        for name, data in files.items():
            tx.write(name, data)
    repo.tag_version("zero", "Zero draft")
    # the written proposals, each committed in its delegation's name on its submission date
    for f in sorted((source_root / "amendments").rglob("*.yaml")):
        rel = str(f.relative_to(source_root))
        data = f.read_bytes()
        doc = load_file(data, rel)
        api.commit_proposal(path, rel, data, doc)
    history = load_file(HISTORY.read_bytes(), "drafting/example_history.yaml")
    steps = history.get("steps") if isinstance(history, YMap) else None
    if not isinstance(steps, list):
        raise WorkspaceError([Problem("drafting/example_history.yaml", 1, "'steps' must be a list")])
    for step in steps:
        _step(path, step)


def _step(path: Path, step: Any) -> None:
    from . import api

    ws = str(path)
    if "decide" in step:
        texts = step.get("texts") or {}
        api.decide(ws, step["decide"], step["decision"], text=step.get("text"), into=step.get("into"),
                   clause=step.get("clause"), note=step.get("note"), date=step.get("date"), texts=dict(texts))
    elif "status" in step:
        st = step["status"]
        api.mark(ws, st["clause"], st["status"], note=st.get("note"), date=st.get("date"))
    elif "translate" in step:
        t = step["translate"]
        api.translate(ws, t["clause"], t["lang"], t["text"], date=t.get("date"))
    elif "issue" in step:
        label = step.get("label") or {}
        api.issue(ws, step["issue"], label=dict(label) if isinstance(label, dict) else label,
                  date=step.get("date"), compile_drafts=False)
    elif "propose" in step:
        api.propose_mapping(ws, dict(step["propose"]))
    else:
        raise WorkspaceError([Problem("drafting/example_history.yaml", getattr(step, "line", 0),
                                      f"unknown step {list(step)!r}")])
