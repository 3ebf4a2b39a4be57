"""On a negotiation with a history of decisions: every version of every section file reads clause by clause
to the tree of the whole reading, and the text the audit builds at each commit from its parent's is the
text read whole at that commit, with the same clauses where the same clauses are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drafting.store import clauseparse
from drafting.store.repo import Repo
from drafting.store.load import load_workspace
from drafting.store.source import GitSource
from drafting.store.yamlio import YMap, parse, parse_whole
from drafting.trust.history import walk
from drafting.trust.texts import TextHistory

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def negotiation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cold") / "ws"
    subprocess.run([sys.executable, "-m", "bench.generate", str(root), "--clauses", "60", "--amendments", "15",
                    "--decisions", "40", "--revisions", "2", "--delegations", "10", "--quiet"],
                   cwd=REPO, check=True, capture_output=True)
    return root


def outline(v: Any) -> Any:
    if type(v) is str:
        return v
    spans = v.spans.items() if type(v) is YMap else enumerate(v.spans)
    where = [(k, s.line, s.start, s.end, s.column) for k, s in spans]
    extra = dict(v.key_lines) if type(v) is YMap else None
    items = [(k, outline(x)) for k, x in v.items()] if type(v) is YMap else [outline(x) for x in v]
    return (type(v).__name__, v.line, where, extra, items)


def test_every_section_version_reads_clause_by_clause_as_whole(negotiation: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clauseparse, "MIN_SIZE", 0)  # the generated files are small
    clauseparse._known.clear()
    log = subprocess.run(["git", "-C", str(negotiation), "log", "--reverse", "--format=", "--raw", "--no-abbrev",
                          "--", "drafts/"], check=True, capture_output=True, text=True).stdout
    blobs = [(f[3], f[5]) for f in (ln.split() for ln in log.splitlines()) if len(f) >= 6 and set(f[3]) != {"0"}]
    assert len({path for _, path in blobs}) >= 5 and len(blobs) > 20
    read_alone = 0
    for blob, path in blobs:
        text = subprocess.run(["git", "-C", str(negotiation), "cat-file", "blob", blob], check=True,
                              capture_output=True).stdout.decode("utf-8")
        known = len(clauseparse._known)
        assert outline(parse(text, path)) == outline(parse_whole(text, path)), (path, blob)
        read_alone += 0 < len(clauseparse._known) - known < 3
    assert read_alone > 10  # most versions differ from the one before in a clause or two


def test_the_text_at_each_commit_is_the_text_read_whole(negotiation: Path) -> None:
    git = Repo.open(negotiation).git
    commits = walk(git, ["HEAD"])
    texts = TextHistory(git, lambda _: None)
    texts.know(commits)
    built = 0
    for c in commits[-60:]:
        ws, why = texts.workspace(c.sha)
        with GitSource(git, c.sha) as src:
            whole, _ = load_workspace(src, with_amendments=False, cache=False)
        assert why is None and ws is not None
        assert ws.documents == whole.documents
        got, want = ws.clause_index(), whole.clause_index()
        assert list(got) == list(want)
        for key, p in want.items():
            q = got[key]
            assert (q.document.id, q.section.id, q.parents, q.clause, q.index) == (
                p.document.id, p.section.id, p.parents, p.clause, p.index)
            assert q.document in ws.documents and q.section in q.document.sections
        built += 1
    assert built == 60
