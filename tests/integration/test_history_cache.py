"""The caches are an optimisation only: on a negotiation with a history of decisions over several revisions
(and hand edits of every kind), every command says the same with the cache warm, cold, corrupt, written
by other code, or off (``DRAFTING_CACHE=0``); and the clause history read from the changed parts of the
section files is the one reading every file whole gives."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import git

from drafting.store import cache, deltas, history
from drafting.store.session import Session

REPO = Path(__file__).resolve().parents[2]
ENV = {"DRAFTING_NOW": "2024-12-01T10:00:00", "DRAFTING_DATE": "2024-12-01"}
CACHE = Path(".git") / cache.CACHE_DIR / cache.CACHE_FILE


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """60 decisions over three revisions, then hand edits: a clause changed with a comment added, a
    clause moved to another section, a section rewritten with CRLF line ends, a clause removed."""
    root = tmp_path_factory.mktemp("history") / "ws"
    made = subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--clauses", "90", "--amendments",
                           "20", "--decisions", "60", "--revisions", "3", "--delegations", "25", "--quiet"],
                          cwd=REPO, check=True, capture_output=True)
    plan = root / "drafts/plan-of-action"
    chapter = plan / "chapter-1.yaml"
    text = chapter.read_text(encoding="utf-8")
    first = text.index("\n  - id: ")
    second = text.index("\n  - id: ", first + 1)
    moved = text[first + 1:second + 1]
    chapter.write_text(text[:first + 1] + "  # kept by hand\n" + text[second + 1:].replace("Los países", "Los Estados", 1),
                       encoding="utf-8")
    intro = plan / "introduction.yaml"
    intro.write_text(intro.read_text(encoding="utf-8") + moved, encoding="utf-8")
    git(root, "commit", "-qam", "Secretariat: a clause moved to the introduction, wording adjusted")
    operative = root / "drafts/declaration/operative.yaml"
    operative.write_bytes(operative.read_bytes().replace(b"\n", b"\r\n"))
    git(root, "commit", "-qam", "Secretariat: line ends")
    pre = root / "drafts/declaration/preamble.yaml"
    lines = pre.read_text(encoding="utf-8").split("\n  - id: ")
    pre.write_text("\n  - id: ".join(lines[:1] + lines[2:]), encoding="utf-8")
    git(root, "commit", "-qam", "Secretariat: a preambular paragraph removed")
    return root, json.loads(made.stdout)


@pytest.fixture(scope="module")
def negotiation(generated: tuple[Path, dict[str, object]]) -> tuple[Path, str]:
    return generated[0], str(generated[1]["log_clause"])


def drafting(root: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    import os
    proc = subprocess.run([sys.executable, "-m", "drafting.cli", "-C", str(root), *args], capture_output=True,
                          env={**os.environ, **ENV, **(env or {})}, cwd=REPO)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def outputs(root: Path, clause: str, env: dict[str, str] | None = None) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, args in (("status", ["status", "--format", "json"]), ("diff", ["diff", "zero", "HEAD", "--format", "json"]),
                       ("diff-worktree", ["diff", "--format", "json"]), ("audit", ["audit", "--format", "json"]),
                       ("validate", ["validate"]), ("log", ["log", clause])):
        out[name] = drafting(root, *args, env=env)
    drafts = root.parent / "drafts-out"
    for kind, extra in (("changes", ["--since", "zero"]), ("compilation", [])):
        drafting(root, "compile", "--kind", kind, "--lang", "es", "--out", str(drafts), *extra, env=env)
        for docx in sorted(drafts.glob(f"*-{kind}-es.docx")):
            with zipfile.ZipFile(docx) as z:
                out[docx.name] = z.read("word/document.xml")
    return out


def test_every_command_says_the_same_with_the_cache_in_any_state(negotiation: tuple[Path, str]) -> None:
    root, clause = negotiation
    (root / CACHE).unlink(missing_ok=True)
    off = outputs(root, clause, {"DRAFTING_CACHE": "0"})
    assert not (root / CACHE).exists()
    assert json.loads(off["audit"])["problems"] == []  # type: ignore[arg-type]
    assert json.loads(off["diff"])["clauses"]  # type: ignore[arg-type]
    cold = outputs(root, clause)
    assert (root / CACHE).is_file()
    warm = outputs(root, clause)
    assert cold == off and warm == off
    good = (root / CACHE).read_bytes()
    body = len(cache.MAGIC) + 64
    for name, bad in (("corrupt", good[:body] + bytes(b ^ 0x5A for b in good[body:body + 4096]) + good[body + 4096:]),
                      ("cut short", good[: len(good) * 2 // 3]),
                      ("other code", good[: len(cache.MAGIC)] + bytes(16) + good[len(cache.MAGIC) + 16:])):
        (root / CACHE).write_bytes(bad)
        assert outputs(root, clause) == off, name
        assert (root / CACHE).read_bytes() != bad, name  # rebuilt


def test_clause_history_from_the_changed_items_is_the_whole_files_history(
        negotiation: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    s = Session(negotiation[0])
    base = s.load_at("zero", with_amendments=False)
    final = s.load(with_amendments=False)
    sha = s.resolve("zero")
    monkeypatch.setenv("DRAFTING_CACHE", "0")
    got = history.clause_history(s.repo, base, sha, None, "es", final=final, today="2024-12-01")
    monkeypatch.setattr(history, "delta", lambda old, new, path: deltas.whole(new, path))
    expected = history.clause_history(s.repo, base, sha, None, "es", final=final, today="2024-12-01")
    assert got == expected
    assert len(got.steps) > 10 and got.placed_by and got.removed_by


def test_a_compilations_word_splices_are_kept_and_change_nothing(tmp_path: Path) -> None:
    from drafting.store.derived import Derived

    root = tmp_path / "ex"
    subprocess.run([sys.executable, "-m", "drafting.cli", "init", str(root), "--example"], check=True,
                   capture_output=True, cwd=REPO)

    def compiled(env: dict[str, str] | None = None) -> bytes:
        out = tmp_path / "out"
        drafting(root, "compile", "--kind", "compilation", "--lang", "es", "--format", "docx", "--out", str(out),
                 env=env)
        with zipfile.ZipFile(out / "declaration-compilation-es.docx") as z:
            return z.read("word/document.xml")

    off = compiled({"DRAFTING_CACHE": "0"})
    cold = compiled()
    kept = Derived(root, "splices").entries  # the replaced clauses' word splices, for the next command
    assert kept and all(isinstance(v, tuple) for v in kept.values())
    assert compiled() == cold == off


def test_a_kept_history_extended_by_new_commits_says_what_a_full_walk_says(
        generated: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    """The history kept for HEAD is extended by a decision, not walked again; after a rewind or a merge
    (where extending is not exact) it is walked again: every time as without the cache."""
    from drafting.store.kept import Kept

    root = tmp_path / "ws"
    git(tmp_path, "clone", "-q", str(generated[0]), str(root))
    clause = str(generated[1]["log_clause"])

    def said(env: dict[str, str] | None = None) -> dict[str, object]:
        out: dict[str, object] = {"diff": drafting(root, "diff", "zero", "HEAD", "--format", "json", env=env),
                                  "diff-worktree": drafting(root, "diff", "--format", "json", env=env),
                                  "log": drafting(root, "log", clause, env=env)}
        drafts = tmp_path / "drafts-out"
        drafting(root, "compile", "--kind", "changes", "--lang", "es", "--since", "zero", "--out", str(drafts), env=env)
        for docx in sorted(drafts.glob("*-changes-es.docx")):
            with zipfile.ZipFile(docx) as z:
                out[docx.name] = z.read("word/document.xml")
        return out

    def ends(kind: str, *scope: str) -> list[str]:
        cache.forget()  # the file as the commands left it
        return Kept(root, kind, *scope).ends()

    zero = git(root, "rev-parse", "version/zero^{commit}").strip()
    first = said()
    before = git(root, "rev-parse", "HEAD").strip()
    assert ends("history", zero, "es") == [before] and ends("named") == [before]
    drafting(root, "decide", str(generated[1]["decide_id"]), "accept")
    after = git(root, "rev-parse", "HEAD").strip()
    warm = said()
    assert ends("history", zero, "es") == [after] and ends("named") == [after]  # extended, the older one replaced
    assert warm == said({"DRAFTING_CACHE": "0"})
    decided = str(generated[1]["decide_id"]).encode()
    assert decided not in first["diff"] and decided in warm["diff"]  # type: ignore[operator]

    git(root, "reset", "-q", "--hard", "HEAD~2")  # a rewind: no kept end is an ancestor
    assert said() == said({"DRAFTING_CACHE": "0"})
    git(root, "checkout", "-q", "-b", "side", "HEAD~1")
    intro = root / "drafts/plan-of-action/introduction.yaml"
    intro.write_text(intro.read_text(encoding="utf-8").replace('      es: "', '      es: "Gobiernos ', 1), encoding="utf-8")
    git(root, "commit", "-qam", "Secretariat: a word on a branch")
    git(root, "checkout", "-q", "-")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge the branch", "side")
    merged = said()
    assert merged == said({"DRAFTING_CACHE": "0"})
    assert b"Gobiernos" in merged["diff"]  # type: ignore[operator]
