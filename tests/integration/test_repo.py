"""The git layer against real git repositories in temporary folders (no mocks)."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from drafting.errors import RepositoryError, UsageError
from drafting.store import atomic
from drafting.store.git import DRAFTING_IDENTITY, INDEX_LOCK_MESSAGE
from drafting.store.repo import CommitInfo, Repo
from drafting.store.transaction import JOURNAL_FILE

HERE = Path(__file__).resolve().parent
WRITER = HERE / "concurrent_writer.py"
BRAZIL = ("Brasil", "BRA@delegations.invalid")


@pytest.fixture(autouse=True)
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git configuration, no identity in the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE", "EMAIL", "GIT_DIR", "GIT_WORK_TREE",
                "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)


def git(ws: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(ws), *args], check=False, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {args} failed: {proc.stderr}")
    return proc.stdout


def files_at(ws: Path, ref: str) -> dict[str, bytes]:
    names = git(ws, "ls-tree", "-r", "-z", "--name-only", ref).split("\0")
    return {n: subprocess.run(["git", "-C", str(ws), "cat-file", "blob", f"{ref}:{n}"],
                              capture_output=True, check=True).stdout for n in names if n}


def disk_files(ws: Path) -> dict[str, bytes]:
    out = {}
    for p in ws.rglob("*"):
        rel = p.relative_to(ws).as_posix()
        if p.is_file() and not rel.startswith(".git/"):
            out[rel] = p.read_bytes()
    return out


def new_workspace(tmp_path: Path) -> Repo:
    """A workspace with one commit: negotiation.yaml, a section, two amendments."""
    repo = Repo.init(tmp_path / "ws")
    # Prove that commits do not depend on any configured identity: git may not even guess one.
    git(repo.root, "config", "user.useConfigOnly", "true")
    with repo.transaction("Zero draft", ("UNHCR", "secretariat@unhcr.invalid")) as tx:
        tx.write("negotiation.yaml", b"schema: 1\ntitle: {en: Test}\n")
        tx.write("drafts/declaration/operative.yaml", b"id: operative\nclauses: []\n")
        tx.write("amendments/zero/zero-BRA-001.yaml", b"id: zero-BRA-001\nby: BRA\n")
        tx.write("amendments/zero/zero-ARG-001.yaml", b"id: zero-ARG-001\nby: ARG\n")
    return repo


# ------------------------------------------------------------------------------------ init and open

def test_init_and_open(tmp_path: Path) -> None:
    repo = Repo.init(tmp_path / "ws")
    assert repo.head() is None
    assert git(repo.root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    again = Repo.open(tmp_path / "ws")
    assert again.root == repo.root and again.git_dir == repo.root / ".git"
    assert again.log() == [] and again.version_tags() == {} and not again.is_dirty()


def test_open_refuses_what_is_not_a_work_tree_root(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(UsageError, match="not a git repository"):
        Repo.open(tmp_path / "plain")
    with pytest.raises(UsageError, match="not a git repository"):
        Repo.open(tmp_path / "missing")
    repo = Repo.init(tmp_path / "ws")
    (repo.root / "drafts").mkdir()
    with pytest.raises(UsageError, match="not its root"):
        Repo.open(repo.root / "drafts")


def test_git_missing_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo.init(tmp_path / "ws")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(UsageError, match="git is not installed"):
        Repo.open(repo.root)


def test_inherited_git_dir_does_not_redirect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Repo.init(tmp_path / "other")
    monkeypatch.setenv("GIT_DIR", str(other.git_dir))
    repo = new_workspace(tmp_path)
    assert repo.git_dir == tmp_path / "ws" / ".git"
    assert other.head() is None


# ------------------------------------------------------------------------------------- transactions

def test_transaction_commits_with_author_trailers_and_no_git_identity(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    # Without drafting's own identity variables git refuses to commit here.
    assert subprocess.run(["git", "-C", str(repo.root), "commit", "--allow-empty", "-m", "x"],
                          check=False, capture_output=True).returncode != 0
    base = repo.head()
    with repo.transaction("Decide rev1-BRA-003: accepted", BRAZIL,
                          {"Amendment": "rev1-BRA-003", "Proponent": "BRA", "Decision": "accepted",
                           "Co-sponsor": ["ARG", "URY"]}) as tx:
        tx.write("drafts/declaration/operative.yaml", b"id: operative\nclauses: [x]\n")
        tx.write("amendments/rev1/rev1-BRA-003.yaml", "id: rev1-BRA-003\ntext: ação\n".encode())
        tx.delete("amendments/zero/zero-ARG-001.yaml")
        assert tx.read("amendments/rev1/rev1-BRA-003.yaml") == "id: rev1-BRA-003\ntext: ação\n".encode()
        assert tx.read("amendments/zero/zero-ARG-001.yaml") is None
    sha = tx.commit_sha
    assert sha is not None and sha == repo.head() == git(repo.root, "rev-parse", "HEAD").strip()
    assert git(repo.root, "rev-parse", "HEAD^").strip() == base
    ident = git(repo.root, "log", "-1", "--format=%an|%ae|%cn|%ce").strip()
    assert ident == f"{BRAZIL[0]}|{BRAZIL[1]}|{DRAFTING_IDENTITY[0]}|{DRAFTING_IDENTITY[1]}"
    message = git(repo.root, "log", "-1", "--format=%B")
    assert message.startswith("Decide rev1-BRA-003: accepted\n\nAmendment: rev1-BRA-003\n")
    parsed = subprocess.run(["git", "interpret-trailers", "--parse"], input=message, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    assert parsed == ["Amendment: rev1-BRA-003", "Proponent: BRA", "Decision: accepted",
                      "Co-sponsor: ARG", "Co-sponsor: URY"]
    # Verified content: HEAD's blobs are exactly the bytes written, the deleted file is gone.
    for path in ("drafts/declaration/operative.yaml", "amendments/rev1/rev1-BRA-003.yaml"):
        blob = git(repo.root, "rev-parse", f"HEAD:{path}").strip()
        assert blob == git(repo.root, "hash-object", "--", path).strip()
    assert git(repo.root, "ls-tree", "HEAD", "--", "amendments/zero/zero-ARG-001.yaml") == ""
    assert not (repo.root / "amendments/zero/zero-ARG-001.yaml").exists()
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    with repo.transaction("Withdraw the last one", BRAZIL) as tx:
        tx.delete("amendments/zero/zero-BRA-001.yaml")
    assert not (repo.root / "amendments/zero").exists()  # emptied by deletion, removed as git rm does
    assert not (repo.git_dir / JOURNAL_FILE).exists()
    assert not list(repo.root.rglob(f"*{atomic.TMP_SUFFIX}"))


def test_committer_and_date_can_be_given(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    with repo.transaction("Replay", BRAZIL, committer=("Secretariat", "sec@x.invalid"),
                          date="2024-09-12T10:00:00+02:00") as tx:
        tx.write("amendments/zero/zero-BRA-002.yaml", b"id: zero-BRA-002\n")
    [info] = repo.log(max_count=1)
    assert (info.committer_name, info.committer_email) == ("Secretariat", "sec@x.invalid")
    assert info.date == "2024-09-12T10:00:00+02:00"


def test_staged_changes_elsewhere_stay_out_of_the_commit(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    (repo.root / "README.md").write_text("notes\n")
    git(repo.root, "add", "README.md")
    with repo.transaction("Propose", BRAZIL) as tx:
        tx.write("amendments/zero/zero-BRA-002.yaml", b"id: zero-BRA-002\n")
    assert repo.log(max_count=1)[0].paths == ("amendments/zero/zero-BRA-002.yaml",)
    assert git(repo.root, "diff", "--cached", "--name-only").split() == ["README.md"]


def test_nothing_to_commit(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head = repo.head()
    with pytest.raises(RepositoryError, match="nothing to commit"), repo.transaction("Empty", BRAZIL):
        pass
    with pytest.raises(RepositoryError, match="nothing to commit"), repo.transaction("Same", BRAZIL) as tx:
        tx.write("negotiation.yaml", (repo.root / "negotiation.yaml").read_bytes())
        tx.delete("amendments/zero/does-not-exist.yaml")
    assert repo.head() == head


def test_exception_in_the_block_writes_nothing(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head, before = repo.head(), disk_files(repo.root)
    with pytest.raises(KeyError), repo.transaction("Broken", BRAZIL) as tx:
        tx.write("negotiation.yaml", b"half\n")
        raise KeyError("boom")
    assert repo.head() == head and disk_files(repo.root) == before


def test_failing_pre_commit_hook_restores_everything(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    script = repo.root / "drafts/declaration/tool.sh"
    with repo.transaction("Add a script", BRAZIL) as tx:
        tx.write("drafts/declaration/tool.sh", b"#!/bin/sh\n")
    script.chmod(0o755)
    git(repo.root, "-c", "user.name=Someone", "-c", "user.email=someone@x.invalid", "commit", "-qam", "mode")
    head, before = repo.head(), disk_files(repo.root)
    index_before = git(repo.root, "ls-files", "-s")
    hook = repo.git_dir / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'validation failed: clause x' >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(RepositoryError, match="nothing was committed.*validation failed"), repo.transaction("Decide", BRAZIL, {"Decision": "accepted"}) as tx:
        tx.write("negotiation.yaml", b"schema: 1\ntitle: {en: Changed}\n")
        tx.write("drafts/declaration/tool.sh", b"#!/bin/sh\nexit 0\n")
        tx.write("amendments/rev1/rev1-BRA-001.yaml", b"id: rev1-BRA-001\n")
        tx.delete("amendments/zero/zero-ARG-001.yaml")
    assert repo.head() == head
    assert disk_files(repo.root) == before
    assert stat.S_IMODE(script.stat().st_mode) == 0o755
    assert git(repo.root, "ls-files", "-s") == index_before
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (repo.git_dir / JOURNAL_FILE).exists()
    assert not (repo.root / "amendments/rev1").exists()  # the folder the transaction created is gone
    hook.unlink()
    with repo.transaction("Decide", BRAZIL) as tx:  # and the workspace is usable again
        tx.write("negotiation.yaml", b"schema: 1\n")
    assert repo.head() != head


def test_stale_index_lock_is_refused_and_nothing_written(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head, before = repo.head(), disk_files(repo.root)
    (repo.git_dir / "index.lock").write_bytes(b"")
    with pytest.raises(RepositoryError) as info, repo.transaction("Propose", BRAZIL) as tx:
        tx.write("amendments/zero/zero-BRA-002.yaml", b"id: zero-BRA-002\n")
        tx.write("negotiation.yaml", b"changed\n")
    assert info.value.message == INDEX_LOCK_MESSAGE
    assert repo.head() == head and disk_files(repo.root) == before
    assert (repo.git_dir / "index.lock").exists()  # never removed by drafting


def test_dirty_tree_is_refused_and_left_alone(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head = repo.head()
    (repo.root / "drafts/declaration/operative.yaml").write_bytes(b"hand edit\n")
    (repo.root / "amendments/zero/zero-MEX-001.yaml").write_bytes(b"id: zero-MEX-001\n")
    assert repo.is_dirty()
    expected = r"drafts/declaration/operative.yaml \(modified\).*amendments/zero/zero-MEX-001.yaml \(untracked\)"
    with pytest.raises(RepositoryError, match=expected), repo.transaction("Propose", BRAZIL) as tx:
        tx.write("amendments/zero/zero-BRA-002.yaml", b"id: zero-BRA-002\n")
    assert repo.head() == head
    assert (repo.root / "drafts/declaration/operative.yaml").read_bytes() == b"hand edit\n"
    assert (repo.root / "amendments/zero/zero-MEX-001.yaml").exists()
    assert not (repo.root / "amendments/zero/zero-BRA-002.yaml").exists()
    with pytest.raises(RepositoryError, match="uncommitted changes"):
        repo.check_clean()
    # Changes outside the workspace files do not block.
    git(repo.root, "checkout", "--", "drafts")
    (repo.root / "amendments/zero/zero-MEX-001.yaml").unlink()
    (repo.root / "notes.txt").write_text("my notes\n")
    repo.check_clean()


def test_merge_in_progress_is_refused(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    (repo.git_dir / "MERGE_HEAD").write_text(repo.head() or "")
    with pytest.raises(RepositoryError, match="a merge is in progress"):
        repo.check_clean()


@pytest.mark.parametrize("bad", ["../outside.yaml", "/etc/passwd", ".git/config", "drafts/.GIT/x", "a//b",
                                 "./a", "a/", "", "a\nb", "a\\b"])
def test_bad_paths_are_refused(tmp_path: Path, bad: str) -> None:
    repo = new_workspace(tmp_path)
    with pytest.raises(UsageError, match="invalid workspace path"), repo.transaction("Bad", BRAZIL) as tx:
        tx.write(bad, b"x")


def test_option_like_names_are_plain_files(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    with repo.transaction("Odd names", BRAZIL) as tx:
        tx.write("amendments/--output=evil.yaml", b"a\n")
        tx.write("-n", b"b\n")
        tx.write("amendments/*.yaml", b"c\n")
    assert sorted(repo.log(max_count=1)[0].paths) == ["-n", "amendments/*.yaml", "amendments/--output=evil.yaml"]
    assert not (repo.root / "evil.yaml").exists()
    with repo.transaction("Delete the glob-named file only", BRAZIL) as tx:
        tx.delete("amendments/*.yaml")
    assert (repo.root / "amendments/--output=evil.yaml").exists()
    assert repo.log(max_count=1)[0].paths == ("amendments/*.yaml",)


def test_writing_through_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo.root / "amendments/rev1").symlink_to(outside)
    with pytest.raises(RepositoryError, match="amendments/rev1 .untracked"), repo.transaction("Escape", BRAZIL) as tx:
        tx.write("amendments/rev1/x.yaml", b"x")
    with open(repo.git_dir / "info" / "exclude", "a") as f:  # even when git is told to ignore the link
        f.write("/amendments/rev1\n")
    with pytest.raises(RepositoryError, match="symbolic link"), repo.transaction("Escape", BRAZIL) as tx:
        tx.write("amendments/rev1/x.yaml", b"x")
    assert list(outside.iterdir()) == []


def test_bad_identity_message_and_trailers_are_refused(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    cases: list[tuple[str, tuple[str, str], dict[str, Any]]] = [
        ("m", ("Evil <x@y>", "e@x"), {}), ("m", ("", "e@x"), {}), ("m", ("A", "a\n@x"), {}), ("   ", BRAZIL, {}),
        ("m", BRAZIL, {"Bad Key": "x"}), ("m", BRAZIL, {"Decision": "a\nb"}), ("m", BRAZIL, {"Proponent": [""]})]
    for message, author, trailers in cases:
        with pytest.raises(UsageError), repo.transaction(message, author, trailers) as tx:
            tx.write("negotiation.yaml", b"x\n")
    assert git(repo.root, "status", "--porcelain") == ""


def test_gitattributes_conversion_is_verified(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    with repo.transaction("Attributes", BRAZIL) as tx:
        tx.write(".gitattributes", b"*.yaml text\n")
    with repo.transaction("CRLF text", BRAZIL) as tx:
        tx.write("amendments/zero/zero-BRA-009.yaml", b"id: zero-BRA-009\r\ntext: x\r\n")
    assert repo.source_at("HEAD").read("amendments/zero/zero-BRA-009.yaml") == b"id: zero-BRA-009\ntext: x\n"


def test_many_files_in_one_transaction(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    n = 1500
    with repo.transaction("Carry forward", DRAFTING_IDENTITY) as tx:
        for i in range(n):
            tx.write(f"amendments/rev1/rev1-BRA-{i:04d}.yaml", f"id: rev1-BRA-{i:04d}\n".encode())
    src = repo.source_at("HEAD")
    names = src.listdir("amendments/rev1")
    assert len(names) == n
    contents = src.read_many([f"amendments/rev1/{name}" for name in names])
    assert len(contents) == n
    assert contents["amendments/rev1/rev1-BRA-0042.yaml"] == b"id: rev1-BRA-0042\n"
    src.close()


# ------------------------------------------------------------------------------- tags, refs, reading

def test_tags_and_resolve(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    zero = repo.head()
    assert zero is not None
    assert repo.tag_version("zero", "Zero draft", tagger=("UNHCR", "sec@x.invalid")) == zero
    assert git(repo.root, "cat-file", "-t", "refs/tags/version/zero").strip() == "tag"  # annotated
    assert "tagger UNHCR <sec@x.invalid>" in git(repo.root, "cat-file", "-p", "refs/tags/version/zero")
    with repo.transaction("Next", BRAZIL) as tx:
        tx.write("negotiation.yaml", b"schema: 1\nversions: [zero, rev1]\n")
    rev1 = repo.head()
    assert repo.tag_version("rev1", "Rev.1") == rev1
    assert repo.version_tags() == {"zero": zero, "rev1": rev1}
    assert repo.resolve("version/zero") == repo.resolve("zero") == zero
    assert repo.resolve(zero) == repo.resolve(zero[:10]) == zero
    assert repo.resolve("main") == repo.resolve("HEAD") == rev1
    assert repo.resolve("HEAD~1") == zero
    with pytest.raises(RepositoryError, match="already exists"):
        repo.tag_version("zero", "again")
    for bad in ("Rev1", "../x", "-x", "x\n[core]", "version/zero", ""):
        with pytest.raises(UsageError):
            repo.tag_version(bad, "bad")
    target = tmp_path / "written-by-git"
    for bad in (f"--output={target}", "-h", "", "version/../x", "HEAD\n", "version/nope", "nope"):
        with pytest.raises(UsageError):
            repo.resolve(bad)
    assert not target.exists()
    assert repo.version_tags() == {"zero": zero, "rev1": rev1}


def test_tag_needs_a_commit(tmp_path: Path) -> None:
    repo = Repo.init(tmp_path / "ws")
    with pytest.raises(RepositoryError, match="no commits"):
        repo.tag_version("zero", "Zero draft")


def test_source_at_reads_an_old_version_without_checkout(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    repo.tag_version("zero", "Zero draft")
    old = {p: (repo.root / p).read_bytes() for p in ("negotiation.yaml", "amendments/zero/zero-ARG-001.yaml")}
    with repo.transaction("Change", BRAZIL) as tx:
        tx.write("negotiation.yaml", b"schema: 1\ntitle: {en: New}\n")
        tx.delete("amendments/zero/zero-ARG-001.yaml")
        tx.write("amendments/rev1/rev1-BRA-001.yaml", b"id: rev1-BRA-001\n")
    with repo.source_at("zero") as src:
        assert src.read("negotiation.yaml") == old["negotiation.yaml"]
        assert src.read("./negotiation.yaml") == old["negotiation.yaml"]
        assert src.read("amendments/zero/zero-ARG-001.yaml") == old["amendments/zero/zero-ARG-001.yaml"]
        assert src.read("amendments/rev1/rev1-BRA-001.yaml") is None
        assert src.read("amendments") is None and src.read("../ws/negotiation.yaml") is None
        assert src.listdir("") == ["amendments", "drafts", "negotiation.yaml"]
        assert src.listdir("amendments") == ["zero"]
        assert src.listdir("amendments/zero/") == ["zero-ARG-001.yaml", "zero-BRA-001.yaml"]
        assert src.listdir("nope") == [] and src.listdir("negotiation.yaml") == []
        assert src.read_many(["negotiation.yaml", "nope"]) == {"negotiation.yaml": old["negotiation.yaml"],
                                                               "nope": None}
    now = repo.source_at("HEAD")
    assert now.listdir("amendments") == ["rev1", "zero"]
    assert now.read("amendments/zero/zero-ARG-001.yaml") is None
    # The working tree was never touched by reading.
    assert (repo.root / "negotiation.yaml").read_bytes() == b"schema: 1\ntitle: {en: New}\n"


def test_log_history_and_trailers(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    repo.tag_version("zero", "Zero draft")
    with repo.transaction("Propose rev1-BRA-001", BRAZIL, {"Amendment": "rev1-BRA-001", "Proponent": "BRA"}) as tx:
        tx.write("amendments/rev1/rev1-BRA-001.yaml", b"id: rev1-BRA-001\n")
    with repo.transaction("Decide rev1-BRA-001: accepted\n\nAgreed in informals.", DRAFTING_IDENTITY,
                          {"Amendment": "rev1-BRA-001", "Proponent": "BRA", "Decision": "accepted"}) as tx:
        tx.write("amendments/rev1/rev1-BRA-001.yaml", b"id: rev1-BRA-001\nstatus: accepted\n")
        tx.write("drafts/declaration/operative.yaml", b"id: operative\nclauses: [changed]\n")
    log = repo.log()
    assert [c.subject for c in log] == ["Decide rev1-BRA-001: accepted", "Propose rev1-BRA-001", "Zero draft"]
    decide = log[0]
    assert isinstance(decide, CommitInfo)
    assert decide.trailers == {"Amendment": ["rev1-BRA-001"], "Proponent": ["BRA"], "Decision": ["accepted"]}
    assert decide.body.startswith("Agreed in informals.")
    assert decide.paths == ("amendments/rev1/rev1-BRA-001.yaml", "drafts/declaration/operative.yaml")
    assert decide.parents == (log[1].sha,)
    assert (log[1].author_name, log[1].author_email) == BRAZIL
    assert log[2].parents == () and len(log[2].paths) == 4
    assert [c.subject for c in repo.log(["drafts/declaration/operative.yaml"])] == [
        "Decide rev1-BRA-001: accepted", "Zero draft"]
    assert len(repo.log(max_count=1)) == 1
    assert [c.sha for c in repo.file_history("amendments/rev1/rev1-BRA-001.yaml")] == [log[0].sha, log[1].sha]
    assert [c.sha for c in repo.commits_between("zero", "HEAD")] == [log[1].sha, log[0].sha]  # oldest first
    assert len(repo.commits_between(None)) == 3
    assert repo.log(rev="zero") == [log[2]]
    target = tmp_path / "log-output"
    assert repo.log([f"--output={target}"]) == []
    assert not target.exists()


# ------------------------------------------------------------------------ processes, locks, crashes

def _changes_file(tmp_path: Path, name: str, spec: Mapping[str, object]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(spec))
    return path


def _writer_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE.parents[1]) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_eight_processes_commit_at_once(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    base = repo.head()
    go = tmp_path / "go"
    procs = []
    for i in range(8):
        spec = {"message": f"Propose rev1-W{i}-001", "author": [f"Delegation {i}", f"d{i}@x.invalid"],
                "trailers": {"Amendment": f"rev1-W{i}-001"},
                "write": {f"amendments/rev1/rev1-W{i}-001.yaml": f"id: rev1-W{i}-001\n"}}
        procs.append(subprocess.Popen([sys.executable, str(WRITER), str(repo.root),
                                       str(_changes_file(tmp_path, f"w{i}", spec)), "--go-file", str(go)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=_writer_env()))
    time.sleep(0.3)  # let them all start and wait at the line
    go.touch()
    shas = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        shas.append(out.split()[-1])
    assert len(set(shas)) == 8
    head_files = files_at(repo.root, "HEAD")
    for i in range(8):
        assert head_files[f"amendments/rev1/rev1-W{i}-001.yaml"] == f"id: rev1-W{i}-001\n".encode()
    new = git(repo.root, "rev-list", f"{base}..HEAD").split()
    assert sorted(new) == sorted(shas)
    fsck = subprocess.run(["git", "-C", str(repo.root), "fsck", "--no-reflogs", "--dangling"],
                          check=False, capture_output=True, text=True)
    assert fsck.returncode == 0 and "dangling commit" not in fsck.stdout + fsck.stderr
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""


def test_lock_timeout_reports_a_busy_workspace(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head, before = repo.head(), disk_files(repo.root)
    spec = {"message": "Slow", "author": list(BRAZIL), "write": {"negotiation.yaml": "slow\n"}}
    holder = subprocess.Popen([sys.executable, str(WRITER), str(repo.root),
                               str(_changes_file(tmp_path, "slow", spec)), "--hold", "30"],
                              stdout=subprocess.PIPE, text=True, env=_writer_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(RepositoryError, match="workspace busy: another drafting command is writing"), repo.transaction("Mine", BRAZIL, timeout=0.3) as tx:
            tx.write("amendments/zero/zero-BRA-002.yaml", b"x\n")
    finally:
        holder.kill()  # killed inside its block: it had written nothing yet
        holder.wait()
    assert repo.head() == head and disk_files(repo.root) == before
    with repo.transaction("Mine", BRAZIL, timeout=5) as tx:
        tx.write("amendments/zero/zero-BRA-002.yaml", b"x\n")


def test_recovery_undoes_an_interrupted_transaction(tmp_path: Path) -> None:
    """The state a process killed between writing files and committing leaves behind, rebuilt by hand."""
    repo = new_workspace(tmp_path)
    head, before = repo.head(), disk_files(repo.root)
    changes: dict[str, bytes | None] = {"negotiation.yaml": b"new\n", "amendments/rev1/rev1-X-001.yaml": b"x\n",
                                        "amendments/zero/zero-ARG-001.yaml": None}
    repo.journal.write(head, {p: (None if d is None else repo.git.blob_id(d)) for p, d in changes.items()},
                       ["amendments/rev1"])
    atomic.write_bytes(repo.root / "negotiation.yaml", b"new\n")
    atomic.write_bytes(repo.root / "amendments/rev1/rev1-X-001.yaml", b"x\n")
    (repo.root / "amendments/rev1/.rev1-X-001.yaml.0123456789ab.drafting-tmp").write_bytes(b"half")
    git(repo.root, "add", "negotiation.yaml", "amendments/rev1/rev1-X-001.yaml")
    repo.recover()
    assert repo.head() == head and disk_files(repo.root) == before
    assert not (repo.root / "amendments/rev1").exists()
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (repo.git_dir / JOURNAL_FILE).exists()


def test_recovery_never_overwrites_later_edits(tmp_path: Path) -> None:
    repo = new_workspace(tmp_path)
    head = repo.head()
    repo.journal.write(head, {"negotiation.yaml": repo.git.blob_id(b"new\n")})
    (repo.root / "negotiation.yaml").write_bytes(b"edited by hand after the crash\n")
    with pytest.raises(RepositoryError, match="since been edited: negotiation.yaml"):
        repo.recover()
    assert (repo.root / "negotiation.yaml").read_bytes() == b"edited by hand after the crash\n"


def _kill_spec(generation: int) -> dict[str, Any]:
    write = {"negotiation.yaml": f"schema: 1\ngeneration: {generation}\n",
             f"amendments/rev1/rev1-K-{generation:03d}.yaml": f"id: rev1-K-{generation:03d}\n"}
    write.update({f"amendments/bulk/b-{j:02d}.yaml": f"generation {generation} file {j}\n" for j in range(40)})
    delete = [f"amendments/rev1/rev1-K-{generation - 1:03d}.yaml"] if generation > 0 else []
    return {"message": f"Generation {generation}", "author": list(BRAZIL),
            "trailers": {"Generation": str(generation)}, "write": write, "delete": delete}


def _start_killable(tmp_path: Path, repo: Repo, generation: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, str(WRITER), str(repo.root),
                             str(_changes_file(tmp_path, f"k{generation}", _kill_spec(generation))),
                             "--handshake"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=_writer_env(), start_new_session=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _recover_after_kill(repo: Repo) -> bool:
    """Recover; True if a stale index.lock had to be removed (as a user would, after reading the error)."""
    try:
        repo.recover()
        return False
    except RepositoryError as exc:
        assert exc.message == INDEX_LOCK_MESSAGE
        (repo.git_dir / "index.lock").unlink()
        repo.recover()
        return True


def _assert_before_or_after(repo: Repo, base: str, before: dict[str, bytes], generation: int) -> str:
    head = repo.head()
    assert head is not None
    assert not (repo.git_dir / JOURNAL_FILE).exists()
    assert not list(repo.root.rglob(f"*{atomic.TMP_SUFFIX}"))
    assert git(repo.root, "status", "--porcelain", "--untracked-files=all") == ""
    now = files_at(repo.root, "HEAD")
    assert disk_files(repo.root) == now
    if head == base:
        assert now == before
        return "before"
    assert git(repo.root, "rev-parse", "HEAD^").strip() == base
    spec = _kill_spec(generation)
    after = dict(before)
    after.update({p: t.encode() for p, t in spec["write"].items()})
    for p in spec["delete"]:
        after.pop(p, None)
    assert now == after
    return "after"


def test_killed_in_the_middle_of_a_transaction(tmp_path: Path) -> None:
    """SIGKILL at random moments, to the drafting process alone or to its whole process group (then git
    may die holding .git/index.lock, which is reported and, once removed, recovered from)."""
    repo = new_workspace(tmp_path)
    rng = random.Random(20240912)
    # How long a whole run takes, from "go" to exit.
    proc = _start_killable(tmp_path, repo, 0)
    t = time.perf_counter()
    proc.communicate("go\n", timeout=60)
    span = time.perf_counter() - t
    assert proc.returncode == 0
    outcomes = []
    for generation in range(1, 15):
        base, before = repo.head(), files_at(repo.root, "HEAD")
        assert base is not None
        proc = _start_killable(tmp_path, repo, generation)
        whole_group = generation % 2 == 0
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
        time.sleep(rng.uniform(0.0, span))
        if whole_group:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stale_lock = _recover_after_kill(repo)
        outcomes.append((_assert_before_or_after(repo, base, before, generation), whole_group, stale_lock))
    print("kill outcomes:", outcomes)
    fsck = subprocess.run(["git", "-C", str(repo.root), "fsck", "--no-dangling"], check=False, capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stderr


@pytest.mark.parametrize("whole_group", [False, True])
def test_killed_during_git_commit(tmp_path: Path, whole_group: bool) -> None:
    """A pre-commit hook that sleeps makes sure the kill lands while git commit runs.  Killing drafting
    alone: the orphaned git commit keeps the inherited lock and finishes, so the result is "after".
    Killing the whole group: git dies before making the commit and the transaction is undone ("before").
    (A plain `git commit` does not hold .git/index.lock while its hooks run.)"""
    repo = new_workspace(tmp_path)
    hook = repo.git_dir / "hooks" / "pre-commit"
    marker = tmp_path / "hook-running"
    # the hook says when it runs, so the kill lands inside git commit however loaded the machine is
    hook.write_text(f"#!/bin/sh\ntouch '{marker}'\nsleep 1\n")
    hook.chmod(0o755)
    base, before = repo.head(), files_at(repo.root, "HEAD")
    assert base is not None
    proc = _start_killable(tmp_path, repo, 1)
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "git commit's hook never ran"
        time.sleep(0.01)
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stale_lock = _recover_after_kill(repo)
    outcome = _assert_before_or_after(repo, base, before, 1)
    assert (outcome, stale_lock) == (("before", False) if whole_group else ("after", False))


def test_a_commit_message_longer_than_the_argument_limit(tmp_path: Path) -> None:
    """A message of 300 KiB (a big concordance) commits whole: it does not go on the command line."""
    from drafting.store.repo import Repo
    repo = Repo.init(tmp_path / "big")
    body = "\n".join(f"  {n} -> {n + 1}  clause-{n}" for n in range(12_000))
    assert len(body) > 256 * 1024
    with repo.transaction("Issue Rev.9\n\n" + body, author=("Secretariat", "s@example.org")) as tx:
        tx.write("negotiation.yaml", b"schema: 1\n")
    import subprocess
    logged = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=repo.root, capture_output=True,
                            text=True, check=True).stdout
    assert "clause-11999" in logged and logged.startswith("Issue Rev.9")
    assert not (repo.git_dir / "DRAFTING_COMMIT_MSG").exists()


def test_the_acting_persons_config_is_read_as_git_config_get_reads_it(tmp_path: Path) -> None:
    from drafting.trust.identity import git_config

    repo = tmp_path / "r"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)

    def config(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), "config", *args], check=True)

    config("user.name", "Ana Pérez")
    config("user.email", "first@example.org")
    config("--add", "user.email", "second@example.org")  # several values: the last one counts
    config("gpg.format", "ssh")
    config("user.signingKey", "key::ssh-ed25519 AAAA x")  # names in any case
    config("remote.Sub.url", "https://example.org/x")  # a subsection keeps its case
    read = git_config(repo)
    keys = ("user.name", "user.email", "gpg.format", "user.signingkey", "user.signingKey", "remote.Sub.url",
            "remote.sub.url", "core.bare", "no.such")
    for key in keys:
        got = subprocess.run(["git", "config", "--get", "--", key], cwd=repo, capture_output=True, check=False)
        assert read(key) == (got.stdout.decode().strip() or None), key
    assert read("user.email") == "second@example.org" and read("no.such") is None
