"""The parse cache (drafting/store/cache.py): a load from the cache gives exactly what parsing gives --
model, line numbers and problems -- whatever state the cache file is in."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from conftest import git

from drafting.errors import Problem
from drafting.model import Workspace
from drafting.store import cache, load, lookup
from drafting.store.load import load_workspace
from drafting.store.repo import Repo
from drafting.store.session import Session
from drafting.store.source import DiskSource
from tests.support import amendment, clause, document, negotiation, section, write_files

REPO = Path(__file__).resolve().parents[2]

NEGOTIATION = negotiation(documents=["decl"], delegations=["ARG", "BRA", "CHL"])
DOCUMENT = document("decl", ["preamble", "operative"], {"es": "Declaración", "en": "Declaration"})
PREAMBLE = section("preamble", [
    clause("pp-one", {"es": "Reconociendo la cooperación regional,", "en": "Recognizing regional cooperation,"},
           status="agreed"),
], title={"es": "Preámbulo", "en": "Preamble"}, numbering="none")
OPERATIVE = section("operative", [
    clause("op-asylum", {"es": "Fortalecer los sistemas nacionales de asilo;",
                         "en": "Strengthen national asylum systems;"},
           children=[clause("op-asylum-a", {"es": "la integración local;", "en": "local integration;"})]),
], title={"es": "Parte dispositiva", "en": "Operative part"}, numbering=None)
BRA_001 = amendment("zero-BRA-001", "BRA", {"replace": {"old": "nacionales de asilo",
                                                         "new": "nacionales y regionales de asilo"}},
                    cosponsors=["ARG"], target="op-asylum", rationale="Coherencia.", submitted="2024-09-12")
CHL_001 = amendment("zero-CHL-001", "CHL", {"add": {"after": "op-asylum", "clause": {
                        "id": "op-new", "text": {"en": "A new clause.", "es": "Una cláusula nueva."}}}},
                    target="op-asylum", lang="en", channel="oral", status="accepted",
                    decision={"date": "2024-09-20", "note": "Agreed in informals"})
# problems of every kind: shape (unknown field, bad status, bad id), YAML syntax, not UTF-8, not .yaml
BAD_SHAPE = """\
id: zero-ARG-009
by: ARG
colour: blue
status: maybe
change:
  replace: {old: "a"}
"""
BAD_YAML = "id: zero-ARG-010\nby: [ARG\n"
BAD_SECTION = """\
id: not-operative
title: {es: Mal}
numbering: greek
clauses:
  - id: op-x
    text: {es: uno}
    wrong: field
"""

FILES = {
    "negotiation.yaml": NEGOTIATION,
    "drafts/decl/document.yaml": DOCUMENT,
    "drafts/decl/preamble.yaml": PREAMBLE,
    "drafts/decl/operative.yaml": OPERATIVE,
    "amendments/zero/zero-BRA-001.yaml": BRA_001,
    "amendments/zero/zero-CHL-001.yaml": CHL_001,
}


def make(root: Path, files: Mapping[str, str | bytes] = FILES, *, init: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if init:
        git(root, "init", "-q")
    return write_files(root, files)


def cache_file(root: Path) -> Path:
    return root / ".git" / cache.CACHE_DIR / cache.CACHE_FILE


def full(value: object) -> object:
    """Everything a model object holds, the fields with compare=False (Loc.lines) included."""
    return dataclasses.astuple(value)  # type: ignore[call-overload]


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a new process would: nothing cached in memory, the cache switched on."""
    monkeypatch.delenv("DRAFTING_CACHE", raising=False)
    cache.forget()
    yield
    cache.forget()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files parsed (YAML) from now on."""
    seen: list[str] = []
    real = load.load_file  # type: ignore[attr-defined]

    def counting(data: bytes, path: str) -> object:
        seen.append(path)
        return real(data, path)

    monkeypatch.setattr(load, "load_file", counting)
    return seen


def assert_same(source_root: Path, *, with_amendments: bool = True) -> tuple[Workspace, list[Problem]]:
    """Loads with the cache (cold and warm) and without it give the same model and problems."""
    plain, plain_problems = load_workspace(DiskSource(source_root), cache=False, with_amendments=with_amendments)
    cold, cold_problems = load_workspace(DiskSource(source_root), with_amendments=with_amendments)
    cache.forget()
    warm, warm_problems = load_workspace(DiskSource(source_root), with_amendments=with_amendments)
    again, again_problems = load_workspace(DiskSource(source_root), with_amendments=with_amendments)
    for ws, problems in ((cold, cold_problems), (warm, warm_problems), (again, again_problems)):
        assert ws == plain
        assert full(ws) == full(plain)
        assert problems == plain_problems
    return warm, warm_problems


# ------------------------------------------------------------------------------------- same result

def test_same_result_small_workspace(tmp_path: Path, parses: list[str]) -> None:
    root = make(tmp_path / "ws")
    ws, problems = assert_same(root)
    assert problems == []
    assert [a.id for a in ws.amendments] == ["zero-BRA-001", "zero-CHL-001"]
    assert cache_file(root).is_file()
    # a warm load parses no file at all
    parses.clear()
    cache.forget()
    load_workspace(DiskSource(root))
    assert parses == []
    # nothing left behind but the cache file
    assert os.listdir(cache_file(root).parent) == [cache.CACHE_FILE]


def test_same_result_bundled_example(tmp_path: Path) -> None:
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "negotiation.yaml", root)
    shutil.copytree(REPO / "drafts", root / "drafts")
    shutil.copytree(REPO / "amendments", root / "amendments")
    shutil.copytree(REPO / "precedents", root / "precedents")
    git(root, "init", "-q")
    ws, problems = assert_same(root)
    assert len(ws.amendments) > 10
    assert problems == []
    # and from git objects (GitSource): cold, warm without reading a blob, equal to no cache
    git(root, "add", "-A")
    git(root, "commit", "-qm", "example")
    repo = Repo.open(root)
    sha = repo.resolve("HEAD")
    with repo.source_at(sha) as src:
        plain, plain_problems = load_workspace(src, cache=False)
    with repo.source_at(sha) as src:
        cold, cold_problems = load_workspace(src)
    cache.forget()
    with repo.source_at(sha) as src:
        read: list[str] = []
        real_read = src.read

        def reading(path: str) -> bytes | None:
            read.append(path)
            return real_read(path)

        def refuse(*args: object) -> None:
            raise AssertionError("blobs were read although their parse is cached")
        src.read = reading  # type: ignore[method-assign]
        src.read_many = refuse  # type: ignore[method-assign, assignment]
        warm, warm_problems = load_workspace(src)
    assert read == []
    assert cold == warm == plain == ws
    assert full(cold) == full(warm) == full(plain) == full(ws)
    assert cold_problems == warm_problems == plain_problems == []
    # the working tree's files and the commit's are the same bytes: stored once
    store = cache.store_for(root / ".git")
    assert store.amendment_entries() == len(ws.amendments)


def test_session_load_at_uses_the_cache(tmp_path: Path, parses: list[str]) -> None:
    root = make(tmp_path / "ws")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zero")
    s = Session(root)
    first = s.load_at("HEAD")
    cache.forget()
    parses.clear()
    second = Session(root).load_at("HEAD")
    assert full(first) == full(second) == full(Session(root).load())
    assert parses == []


# ---------------------------------------------------------------------------------------- changes

def test_changed_amendment_is_parsed_again(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    path = root / "amendments/zero/zero-BRA-001.yaml"
    before, _ = load_workspace(DiskSource(root))
    stat = path.stat()
    # same size, same modification time: only the bytes tell
    path.write_text(BRA_001.replace("Coherencia.", "Coherencie."), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after, problems = load_workspace(DiskSource(root))  # same process: the store in memory
    assert before.amendment("zero-BRA-001").rationale == "Coherencia."  # type: ignore[union-attr]
    assert after.amendment("zero-BRA-001").rationale == "Coherencie."  # type: ignore[union-attr]
    cache.forget()
    from_file, _ = load_workspace(DiskSource(root))  # a new process: the store from the file
    assert from_file.amendment("zero-BRA-001").rationale == "Coherencie."  # type: ignore[union-attr]
    # an edit that breaks it, then one that repairs it
    path.write_text(BRA_001.replace("by: BRA", "by: bra"), encoding="utf-8")
    broken, problems = load_workspace(DiskSource(root))
    assert broken.amendment("zero-BRA-001") is None
    assert any(p.path == "amendments/zero/zero-BRA-001.yaml" for p in problems)
    path.write_text(BRA_001, encoding="utf-8")
    repaired, problems = load_workspace(DiskSource(root))
    assert full(repaired) == full(before) and problems == []


def test_changed_section_and_moved_file(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    load_workspace(DiskSource(root))
    write_files(root, {"drafts/decl/operative.yaml": OPERATIVE.replace("local integration", "resettlement")})
    ws, problems = load_workspace(DiskSource(root))
    assert ws.clause("op-asylum-a").text["en"] == "resettlement;"  # type: ignore[union-attr]
    # the same bytes under another name are not the same file (ids and paths come from the name)
    (root / "amendments/zero/zero-BRA-001.yaml").rename(root / "amendments/zero/zero-BRA-002.yaml")
    ws, problems = load_workspace(DiskSource(root))
    plain, plain_problems = load_workspace(DiskSource(root), cache=False)
    assert full(ws) == full(plain) and problems == plain_problems
    assert any("does not match its file name" in p.message for p in problems)


def test_original_language_is_part_of_the_key(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    ws, _ = load_workspace(DiskSource(root))
    assert ws.amendment("zero-BRA-001").lang == "es"  # type: ignore[union-attr]
    write_files(root, {"negotiation.yaml": NEGOTIATION.replace("original_language: es", "original_language: en")})
    ws, _ = load_workspace(DiskSource(root))
    assert ws.amendment("zero-BRA-001").lang == "en"  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------- problems

def test_problems_are_reported_identically_from_the_cache(tmp_path: Path, parses: list[str]) -> None:
    root = make(tmp_path / "ws", {**FILES,
                                  "amendments/zero/zero-ARG-009.yaml": BAD_SHAPE,
                                  "amendments/zero/zero-ARG-010.yaml": BAD_YAML,
                                  "amendments/zero/zero-ARG-011.yaml": b"id: zero-ARG-011\nby: \xff\n",
                                  "amendments/zero/zero-ARG-012.yml": "id: x\n",
                                  "amendments/nonsense/zero-ARG-013.yaml": BRA_001,
                                  "drafts/decl/operative.yaml": BAD_SECTION})
    _, problems = assert_same(root)
    messages = "\n".join(str(p) for p in problems)
    for text in ("unknown field 'colour'", "'status' is 'maybe'", "YAML syntax", "not valid UTF-8",
                 "not a .yaml file", "unknown version 'nonsense'", "does not match its file name",
                 "'numbering' is 'greek'", "unknown field 'wrong'"):
        assert text in messages
    parses.clear()
    cache.forget()
    _, warm = load_workspace(DiskSource(root))
    assert warm == problems
    assert parses == []


def test_missing_files_are_not_cached(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    load_workspace(DiskSource(root))
    (root / "drafts/decl/preamble.yaml").unlink()
    ws, problems = load_workspace(DiskSource(root))
    assert [p.message for p in problems] == [
        "section 'preamble' is listed but its file drafts/decl/preamble.yaml is missing"]
    assert [s.id for s in ws.documents[0].sections] == ["operative"]


# ----------------------------------------------------------------------------------- cache file

def parts(data: bytes) -> dict[str, tuple[int, int]]:
    """Where each part of a cache file is: name -> (offset, length)."""
    _, n = cache._HEAD.unpack_from(data, len(cache.MAGIC))
    at = len(cache.MAGIC) + cache._HEAD.size
    index = []
    for _ in range(n):
        name_length, length, _ = cache._PART.unpack_from(data, at)
        at += cache._PART.size
        index.append((data[at:at + name_length].decode(), length))
        at += name_length
    out = {}
    for name, length in index:
        out[name] = (at, length)
        at += length
    return out


def corrupt_variants(good: bytes) -> dict[str, bytes]:
    where = parts(good)
    text_at, text_length = where[cache.TEXT]
    flipped = bytearray(good)
    flipped[text_at + text_length // 2] ^= 0xFF
    amendments_at, amendments_length = next(v for k, v in where.items() if k != cache.TEXT)
    flipped_last = bytearray(good)
    flipped_last[amendments_at + amendments_length // 2] ^= 0xFF
    return {
        "empty": b"",
        "garbage": b"\x80\x05garbage" * 100,
        "truncated": good[: len(good) // 2],
        "longer": good + b"x",
        "flipped byte in the sections": bytes(flipped),
        "flipped byte in the amendments": bytes(flipped_last),
        "other code": good[: len(cache.MAGIC)] + bytes(16) + good[len(cache.MAGIC) + 16:],
        "other format": b"drafting parse cache 0\n" + good[len(cache.MAGIC):],
    }


def sections(store: cache.Store) -> int:
    """The section entries of the text part (besides negotiation.yaml and each document.yaml)."""
    return sum(1 for path, *_ in store.text if path != "negotiation.yaml" and not path.endswith("/document.yaml"))


@pytest.mark.parametrize("variant", ["empty", "garbage", "truncated", "longer", "flipped byte in the sections",
                                     "flipped byte in the amendments", "other code", "other format"])
def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path, variant: str) -> None:
    root = make(tmp_path / "ws")
    plain, plain_problems = load_workspace(DiskSource(root), cache=False)
    load_workspace(DiskSource(root))
    good = cache_file(root).read_bytes()
    cache_file(root).write_bytes(corrupt_variants(good)[variant])
    cache.forget()
    ws, problems = load_workspace(DiskSource(root))
    assert full(ws) == full(plain) and problems == plain_problems
    # rebuilt: the next process finds everything in it
    cache.forget()
    store = cache.store_for(root / ".git")
    assert sections(store) == 2 and store.amendment_entries() == 2


def test_cache_that_is_a_folder_or_unwritable_is_only_slower(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    cache_file(root).mkdir(parents=True)
    plain, _ = load_workspace(DiskSource(root), cache=False)
    ws, _ = load_workspace(DiskSource(root))
    assert full(ws) == full(plain)
    assert os.listdir(cache_file(root).parent) == [cache.CACHE_FILE]  # no temporary file left


def test_a_pickle_naming_other_code_is_refused(tmp_path: Path) -> None:
    """A cache file with a valid header whose payload would call something: not unpickled."""
    root = make(tmp_path / "ws")
    load_workspace(DiskSource(root))
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.mkdir, (str(marker),))

    payload = pickle.dumps(({("drafts/decl/preamble.yaml", b"x", ""): (Evil(), ())}, {}))
    text_sum = hashlib.blake2b(payload, digest_size=16).digest()
    data = (cache.MAGIC + cache._HEAD.pack(cache.fingerprint(), 1) + cache._PART.pack(0, len(payload), text_sum)
            + payload)
    cache_file(root).write_bytes(data)
    cache.forget()
    ws, _ = load_workspace(DiskSource(root))
    assert not marker.exists()
    assert ws.documents[0].sections[0].id == "preamble"


def test_no_cache_without_a_git_folder(tmp_path: Path) -> None:
    root = make(tmp_path / "plain", init=False)
    assert_same(root)
    assert not any(p.name == cache.CACHE_DIR for p in tmp_path.rglob("*"))
    # a linked worktree's .git is a file: nothing written either
    (root / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")
    assert_same(root)
    assert not any(p.name == cache.CACHE_DIR for p in tmp_path.rglob("*"))


def test_switched_off_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path / "ws")
    monkeypatch.setenv("DRAFTING_CACHE", "0")
    load_workspace(DiskSource(root))
    assert not cache_file(root).exists()


def test_pruned_when_it_grows(tmp_path: Path) -> None:
    """Entries no longer used are dropped once a part holds more than about twice the files read."""
    root = make(tmp_path / "ws")
    path = root / "amendments/zero/zero-BRA-001.yaml"
    for i in range(100):
        path.write_text(BRA_001.replace("Coherencia.", f"Coherencia {i}."), encoding="utf-8")
        cache.forget()  # one process per edit
        load_workspace(DiskSource(root))
    cache.forget()
    store = cache.store_for(root / ".git")
    assert store.amendment_entries() <= 2 * 2 + 64 + 1
    assert sections(store) == 2
    ws, _ = load_workspace(DiskSource(root))
    assert ws.amendment("zero-BRA-001").rationale == "Coherencia 99."  # type: ignore[union-attr]


# ------------------------------------------------------------------------------- without amendments

def test_load_without_amendments(tmp_path: Path, parses: list[str]) -> None:
    root = make(tmp_path / "ws", {**FILES, "amendments/zero/zero-ARG-009.yaml": BAD_SHAPE})
    everything, all_problems = load_workspace(DiskSource(root))
    parses.clear()
    text_only, problems = load_workspace(DiskSource(root), with_amendments=False)
    assert text_only.amendments == () and problems == []
    assert not any(p.startswith("amendments/") for p in parses)
    assert full(dataclasses.replace(everything, amendments=())) == full(text_only)
    assert all_problems  # they were there
    assert Session(root).load(with_amendments=False) == text_only
    # a later load without amendments that writes the cache keeps the amendments' entries
    write_files(root, {"drafts/decl/preamble.yaml": PREAMBLE.replace("regional", "regionale")})
    for _ in range(3):
        cache.forget()
        load_workspace(DiskSource(root), with_amendments=False)
    cache.forget()
    parses.clear()
    load_workspace(DiskSource(root))
    assert not any(p.startswith("amendments/") for p in parses)


def test_without_amendments_does_not_unpickle_them(tmp_path: Path) -> None:
    root = make(tmp_path / "ws")
    load_workspace(DiskSource(root))
    cache.forget()
    load_workspace(DiskSource(root), with_amendments=False)
    store = cache.store_for(root / ".git")
    # the amendments' parts are still pickled; the text's parts read are those of the sections
    assert [name for name in store.parts if name[:1] not in (cache.SECTION, "")] == []
    assert sorted(name.rpartition(" ")[2] for name in store.parts if name[:1] == cache.SECTION) == [
        "drafts/decl/operative.yaml", "drafts/decl/preamble.yaml"]
    assert sections(store) == 2
    assert store.amendment_entries() == 2


# ------------------------------------------------------------------------------------- DiskSource

def test_disk_source_read(tmp_path: Path) -> None:
    root = make(tmp_path / "ws", init=False)
    big = "x" * 200_000
    write_files(root, {"big.txt": big})
    src = DiskSource(root)
    assert src.read("big.txt") == big.encode()
    assert src.read("negotiation.yaml") == NEGOTIATION.encode()
    assert src.read("missing.yaml") is None
    assert src.read("drafts") is None  # a folder
    assert src.read("negotiation.yaml/x") is None  # under a file
    assert src.read("drafts/decl/document.yaml") == DOCUMENT.encode()
    assert DiskSource(str(root) + "/").read("negotiation.yaml") == NEGOTIATION.encode()


def test_pickled_form_round_trips(tmp_path: Path) -> None:
    """The compact pickling (cls(*fields)) rebuilds equal objects, lines included."""
    root = make(tmp_path / "ws")
    ws, _ = load_workspace(DiskSource(root), cache=False)
    buf = io.BytesIO()
    cache._Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump((ws.amendments, ws.documents[0].sections))
    back = cache._Unpickler(io.BytesIO(buf.getvalue())).load()
    assert [full(a) for a in back[0]] == [full(a) for a in ws.amendments]
    assert [full(s) for s in back[1]] == [full(s) for s in ws.documents[0].sections]
    with pytest.raises(pickle.PicklingError):
        cache._Pickler(io.BytesIO()).dump(ws)  # a Workspace is never an entry


# ------------------------------------------------------------------------- git's index as the key

def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The working-tree files read from now on."""
    seen: list[str] = []
    real = DiskSource.read

    def reading(self: DiskSource, path: str) -> bytes | None:
        seen.append(path)
        return real(self, path)
    monkeypatch.setattr(DiskSource, "read", reading)
    return seen


def test_unchanged_files_are_found_by_their_blob_id_without_being_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lookup, "_is_large", lambda git_dir: True)  # as in a workspace of 10,000 files
    root = make(tmp_path / "ws")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zero")
    plain, _ = load_workspace(DiskSource(root), cache=False)
    load_workspace(DiskSource(root))
    cache.forget()
    read = reads(monkeypatch)
    ws, _ = load_workspace(DiskSource(root))
    assert read == [] and full(ws) == full(plain)
    # a file changed (not committed): git says so, it is read, and what it says is what counts
    path = root / "amendments/zero/zero-BRA-001.yaml"
    path.write_text(BRA_001.replace("Coherencia.", "Otra razón."), encoding="utf-8")
    cache.forget()
    ws, _ = load_workspace(DiskSource(root))
    assert read == ["amendments/zero/zero-BRA-001.yaml"]
    assert ws.amendment("zero-BRA-001").rationale == "Otra razón."  # type: ignore[union-attr]


def test_bytes_that_are_not_the_blob_git_names_are_never_taken_for_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed between git's look and the read (or an index that lies): its bytes are parsed,
    and never recorded as the parse of the blob the index names."""
    monkeypatch.setattr(lookup, "_is_large", lambda git_dir: True)
    root = make(tmp_path / "ws")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zero")
    blobs = DiskSource(root).index_blobs()
    assert blobs is not None
    wrong = blobs["amendments/zero/zero-CHL-001.yaml"]  # the id of another file's bytes
    monkeypatch.setattr(DiskSource, "index_blobs", lambda self: {**blobs, "amendments/zero/zero-BRA-001.yaml": wrong})
    ws, _ = load_workspace(DiskSource(root))
    assert ws.amendment("zero-BRA-001").rationale == "Coherencia."  # type: ignore[union-attr]
    store = cache.store_for(root / ".git")
    bra = next(k for k in store.part(cache.part_of("amendments/zero/zero-BRA-001.yaml")) if k[0].endswith("BRA-001.yaml"))
    assert store.aliases.get(wrong) != bra[1]
    cache.forget()
    monkeypatch.undo()
    monkeypatch.setattr(lookup, "_is_large", lambda git_dir: True)
    again, _ = load_workspace(DiskSource(root))
    assert full(again) == full(ws)


def test_a_process_that_reads_no_file_keeps_every_entry(tmp_path: Path) -> None:
    """An audit (facts about commits and blobs only) writes the cache back: the parses of the files it
    did not read, and the blob ids that find them, are kept."""
    from drafting.store.derived import Derived

    root = make(tmp_path / "ws", {**FILES, **{f"amendments/zero/zero-ARG-{i:03d}.yaml": BRA_001.replace(
        "zero-BRA-001", f"zero-ARG-{i:03d}").replace("by: BRA", "by: ARG") for i in range(1, 120)}})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zero")
    with Repo.open(root).source_at("HEAD") as src:
        load_workspace(src)
    cache.forget()
    before = cache.store_for(root / ".git")
    text, amendments, aliases = dict(before.text), before.amendment_entries(), dict(before.aliases)
    cache.forget()
    facts = Derived(root, "test")
    facts.put("key", ("value",))
    facts.save()
    cache.forget()
    after = cache.store_for(root / ".git")
    assert after.text == text and after.amendment_entries() == amendments > 100 and after.aliases == aliases
    assert Derived(root, "test").get("key") == ("value",)


# ---------------------------------------------------------------------------------- two cores

def test_parsed_on_two_cores_as_on_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh clone's many amendment files, half parsed by a forked process: the same workspace and the
    same problems as parsing them all here, with or without the cache; a child that fails changes nothing."""
    from drafting.store import parallel

    files = {**FILES, "amendments/zero/zero-ARG-009.yaml": BAD_SHAPE, **{
        f"amendments/zero/zero-ARG-{i:03d}.yaml": BRA_001.replace("zero-BRA-001", f"zero-ARG-{i:03d}").replace(
            "by: BRA", "by: ARG") for i in range(10, 40)}}
    root = make(tmp_path / "ws", files)
    monkeypatch.setattr(parallel, "MIN_JOBS", 8)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # a test runner's own threads aside
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("DRAFTING_PARALLEL", "0")
    one, one_problems = load_workspace(DiskSource(root), cache=False)
    monkeypatch.setenv("DRAFTING_PARALLEL", "1")
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    two, two_problems = load_workspace(DiskSource(root), cache=False)
    cache.forget()
    cold, cold_problems = load_workspace(DiskSource(root))  # into an empty cache
    assert len(forks) == 2
    assert full(one) == full(two) == full(cold) and len(one.amendments) == 33
    assert one_problems == two_problems == cold_problems != []
    parent = os.getpid()

    def fails_in_the_child(data: bytes) -> tuple[None, tuple[()]]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return None, ()
    assert parallel.build_all([(fails_in_the_child, b"")] * 20) == [(None, ())] * 20
    monkeypatch.delattr(os, "fork")  # a system without fork (Windows): all parsed here
    assert parallel.build_all([(fails_in_the_child, b"")] * 20) == [(None, ())] * 20
