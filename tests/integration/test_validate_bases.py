"""validate and the issued versions: a decided amendment whose clause is gone since is checked against
the clause ids of the version it was written against, kept in the parse cache under the tag's commit --
the same problems as reading that version's text, which a warm validate then does not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from drafting import api
from drafting.store import cache
from drafting.store.session import Session
from tests.support import amendment, clause, section
from tests.unit.test_cache import FILES, make

GONE = amendment("zero-ARG-002", "ARG", {"replace": {"old": "integración", "new": "inclusión"}},
                 target="op-asylum-a", status="accepted", decision={"date": "2024-09-20"})
GHOST = amendment("zero-ARG-003", "ARG", {"replace": {"old": "a", "new": "b"}},
                  target="op-ghost", status="accepted", decision={"date": "2024-09-20"})


def test_decided_amendment_on_a_clause_gone_since(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {k: v for k, v in FILES.items() if "BRA-001" not in k}  # no open amendment: no text is needed
    root = make(tmp_path / "ws", {**files, "amendments/zero/zero-ARG-002.yaml": GONE,
                                  "amendments/zero/zero-ARG-003.yaml": GHOST})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zero")
    git(root, "tag", "version/zero")
    # op-asylum-a is removed after the version was issued
    (root / "drafts/decl/operative.yaml").write_text(section("operative", [
        clause("op-asylum", {"es": "Fortalecer los sistemas nacionales de asilo;",
                             "en": "Strengthen national asylum systems;"})],
        title={"es": "Parte dispositiva", "en": "Operative part"}, numbering=None), encoding="utf-8")
    git(root, "commit", "-qam", "op-asylum-a removed")
    assert Session(root).load().clause("op-asylum-a") is None

    def messages() -> list[str]:
        cache.forget()
        return [f"{p.path}: {p.message}" for p in api.validate(str(root)) if "zero-ARG" in p.path]
    first = messages()
    assert len(first) == 1 and "zero-ARG-003" in first[0] and "op-ghost" in first[0]
    read: list[str] = []
    real = Session._cache_at
    monkeypatch.setattr(Session, "_cache_at", lambda self, vid: read.append(vid) or real(self, vid))
    assert messages() == first and read == []  # the ids from the cache: zero's text not read
    monkeypatch.setenv("DRAFTING_CACHE", "0")
    assert messages() == first and read == ["zero"]
