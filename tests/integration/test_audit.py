"""``drafting audit``: clean after a real round, and every way of losing or altering a proposal
behind the secretariat's back is found and named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import git, run


def audit(ws: Path) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    text = run("-C", str(ws), "audit")
    assert "Traceback" not in text.stderr and "internal error" not in text.stderr, text.stderr
    data = run("-C", str(ws), "audit", "--format", "json")
    assert data.returncode == text.returncode
    return text.returncode, json.loads(data.stdout), text.stdout


@pytest.fixture(scope="module")
def round_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The conftest workspace after a round: proposals of every kind, each kind of decision."""
    from conftest import write_workspace
    ws = tmp_path_factory.mktemp("audit") / "ws"
    run("init", str(ws), check=True)
    write_workspace(ws)
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Zero draft")
    run("-C", str(ws), "issue", "zero", "--label", "Zero draft", "--date", "2024-08-30", "--no-compile", check=True)
    s = str(ws)
    ids = [run("-C", s, "propose", *args, "--date", "2024-09-10", check=True).stdout.strip() for args in (
        ["op-asylum", "--by", "BRA", "--replace", "sistemas nacionales", "--with", "sistemas nacionales y regionales",
         "--cosponsors", "ARG"],
        ["op-borders", "--by", "ARG", "--insert", "y marítimas", "--after", "fronteras"],
        ["op-solutions", "--by", "MEX", "--delete", "[y complementarias] "],
        ["op-borders", "--by", "URY", "--comment", "--rationale", "Ver la Declaración de Brasil"],
        ["op-follow-up", "--by", "PRY", "--remove"],
        ["op-borders", "--by", "CHL", "--add", "op-children", "--text", "es=Proteger a la niñez.",
         "--text", "en=Protect children."],
        ["op-asylum", "--by", "CHL", "--bracket", "de asilo"],
    )]
    run("-C", s, "decide", ids[0], "accept", "--note", "Agreed", check=True)
    run("-C", s, "decide", ids[1], "modify", "--text", "y costeras", check=True)
    run("-C", s, "decide", ids[2], "reject", check=True)
    run("-C", s, "decide", ids[3], "accommodate", "--clause", "op-asylum", check=True)
    run("-C", s, "decide", ids[4], "accept", check=True)
    run("-C", s, "decide", ids[5], "accept", check=True)
    run("-C", s, "translate", "op-asylum", "en", "Strengthen national and regional asylum systems.", check=True)
    run("-C", s, "mark", "op-asylum", "agreed-ad-ref", check=True)
    run("-C", s, "issue", "rev1", "--label", "Rev.1", "--no-compile", check=True)
    run("-C", s, "propose", "op-borders", "--by", "BRA", "--comment", "--rationale", "Later", check=True)
    return ws


@pytest.fixture
def ws(round_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(round_template, tmp_path / "ws", symlinks=True))


def amendment_files(ws: Path) -> list[str]:
    return sorted(str(p.relative_to(ws)) for p in (ws / "amendments").rglob("*.yaml"))


def test_clean_after_a_round(ws: Path) -> None:
    code, data, text = audit(ws)
    assert code == 0, text
    assert data["problems"] == []
    assert data["amendments"] == len(amendment_files(ws)) == 8
    assert data["versions"] == 2
    assert data["commits"] == int(git(ws, "rev-list", "--count", "HEAD"))
    assert "ok: no proposal lost or altered" in text


def test_clean_on_the_example(tmp_path: Path) -> None:
    ws = tmp_path / "example"
    run("init", str(ws), "--example", check=True)
    code, data, text = audit(ws)
    assert code == 0, text
    assert data["amendments"] > 30 and data["versions"] >= 2


def test_amendment_deleted_in_a_plain_commit(ws: Path) -> None:
    git(ws, "rm", "-q", "amendments/zero/zero-MEX-001.yaml")
    git(ws, "commit", "-qm", "Tidy up")
    code, data, text = audit(ws)
    assert code == 1
    assert any("amendments/zero/zero-MEX-001.yaml" in p and "deleted" in p and "Tidy up" in p
               for p in data["problems"]), data
    assert "problem: amendments/zero/zero-MEX-001.yaml" in text


def test_amendment_deleted_and_written_back_with_other_words(ws: Path) -> None:
    path = ws / "amendments/zero/zero-ARG-001.yaml"
    original = path.read_text()
    git(ws, "rm", "-q", str(path.relative_to(ws)))
    git(ws, "commit", "-qm", "Remove")
    path.write_text(original.replace("y marítimas", "y fluviales"))
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Restore")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("zero-ARG-001.yaml" in p and "altered" in p and "change" in p for p in data["problems"]), data


def test_submitted_text_edited_in_a_plain_commit(ws: Path) -> None:
    path = ws / "amendments/zero/zero-BRA-001.yaml"
    path.write_text(path.read_text().replace("sistemas nacionales y regionales", "sistemas regionales"))
    git(ws, "commit", "-qam", "Fix a typo")
    code, data, _ = audit(ws)
    assert code == 1
    assert [p for p in data["problems"] if "zero-BRA-001.yaml" in p and "altered" in p and "Fix a typo" in p
            and "change" in p], data
    # a later, legitimate decide commit is not blamed for it
    assert len(data["problems"]) == 1


def test_layout_only_edits_are_not_alterations(ws: Path) -> None:
    path = ws / "amendments/rev1/rev1-BRA-001.yaml"
    path.write_text("# reformatted by hand\n" + path.read_text().replace("rationale: Later", "rationale: 'Later'"))
    git(ws, "commit", "-qam", "Comment")
    code, _, text = audit(ws)
    assert code == 0, text


def test_status_changed_by_hand(ws: Path) -> None:
    path = ws / "amendments/rev1/rev1-BRA-001.yaml"
    path.write_text(path.read_text().replace("status: submitted", "status: rejected\ndecision:\n  date: 2024-10-01"))
    git(ws, "commit", "-qam", "Reject it")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("rev1-BRA-001.yaml" in p and "not a decide commit" in p and "Reject it" in p
               for p in data["problems"]), data


def test_decision_reverted_by_hand(ws: Path) -> None:
    path = ws / "amendments/zero/zero-MEX-001.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("status:")] + "status: submitted\n")
    git(ws, "commit", "-qam", "Reopen")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("zero-MEX-001.yaml" in p and "now submitted" in p for p in data["problems"]), data


def test_accepted_without_any_change_to_the_text(ws: Path) -> None:
    """A forged decide commit: the trailers are right, but the clause never changed."""
    path = ws / "amendments/rev1/rev1-BRA-001.yaml"
    new = ws / "amendments/rev1/rev1-ARG-001.yaml"
    new.write_text(path.read_text().replace("rev1-BRA-001", "rev1-ARG-001").replace("by: BRA", "by: ARG")
                   .replace("comment: {}", "delete:\n    old: fronteras"))
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Proposal rev1-ARG-001", "--trailer", "Amendment: rev1-ARG-001")
    new.write_text(new.read_text().replace("status: submitted", "status: accepted\ndecision:\n  date: 2024-10-02"))
    git(ws, "commit", "-qam", "Accept rev1-ARG-001", "--trailer", "Amendment: rev1-ARG-001",
        "--trailer", "Decision: accepted")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("rev1-ARG-001.yaml" in p and "changed no clause" in p for p in data["problems"]), data


def test_decision_trailer_naming_another_status(ws: Path) -> None:
    path = ws / "amendments/rev1/rev1-BRA-001.yaml"
    path.write_text(path.read_text().replace("status: submitted", "status: rejected\ndecision:\n  date: 2024-10-01"))
    git(ws, "commit", "-qam", "Decide", "--trailer", "Amendment: rev1-BRA-001", "--trailer", "Decision: withdrawn")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("rev1-BRA-001.yaml" in p and "Decision: withdrawn" in p for p in data["problems"]), data


def test_tag_moved(ws: Path) -> None:
    git(ws, "tag", "-f", "version/zero", "HEAD")
    code, data, _ = audit(ws)
    assert code == 1
    assert any(p.startswith("tag version/zero") and "annotated" in p for p in data["problems"]), data
    assert any(p.startswith("tag version/zero") and "moved" in p for p in data["problems"]), data


def test_tag_moved_as_an_annotated_tag(ws: Path) -> None:
    message = git(ws, "tag", "-l", "--format=%(contents)", "version/rev1")
    git(ws, "tag", "-f", "-a", "-m", message, "version/rev1", "HEAD")
    code, data, _ = audit(ws)
    assert code == 1
    assert any(p.startswith("tag version/rev1") and "moved" in p for p in data["problems"]), data


def test_tag_deleted(ws: Path) -> None:
    git(ws, "tag", "-d", "version/rev1")
    code, data, _ = audit(ws)
    assert code == 1
    assert any("version rev1" in p and "tag version/rev1 is missing" in p for p in data["problems"]), data


def test_tag_on_a_commit_outside_the_history(ws: Path) -> None:
    git(ws, "checkout", "-q", "-b", "side", "HEAD~2")
    git(ws, "commit", "-q", "--allow-empty", "-m", "Elsewhere")
    git(ws, "tag", "-a", "-m", "Issue Rev.2 (rev2)", "version/rev2")
    git(ws, "checkout", "-q", "main")
    code, data, _ = audit(ws)
    assert code == 1
    assert any(p.startswith("tag version/rev2") and "ancestor of HEAD" in p for p in data["problems"]), data


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "negotiation.yaml").write_text("schema: 1\n")
    proc = run("-C", str(tmp_path), "audit")
    assert proc.returncode == 2 and "not a git repository" in proc.stderr and "Traceback" not in proc.stderr


def test_same_findings_with_the_parse_cache_cold_warm_off_or_corrupt(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts at each commit and the amendments decided there are read through the parse cache by
    blob id: a forged decision (the text changed otherwise than the amendment says) is found from an
    empty cache, from a full one, with the cache off and with the cache file corrupt."""
    new = ws / "amendments/rev1/rev1-ARG-001.yaml"
    new.write_text((ws / "amendments/rev1/rev1-BRA-001.yaml").read_text().replace("rev1-BRA-001", "rev1-ARG-001")
                   .replace("by: BRA", "by: ARG").replace("comment: {}", "delete:\n    old: fronteras"))
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "Proposal rev1-ARG-001", "--trailer", "Amendment: rev1-ARG-001")
    new.write_text(new.read_text().replace("status: submitted", "status: accepted\ndecision:\n  date: 2024-10-02"))
    section = next(p for p in (ws / "drafts").rglob("*.yaml") if "en las fronteras" in p.read_text())
    section.write_text(section.read_text().replace("en las fronteras", "en las costas"))
    git(ws, "commit", "-qam", "Accept rev1-ARG-001", "--trailer", "Amendment: rev1-ARG-001",
        "--trailer", "Decision: accepted")
    cache = ws / ".git" / "drafting-cache"
    shutil.rmtree(cache, ignore_errors=True)
    runs = [audit(ws)]  # from an empty cache, then (the JSON run) from the cache the first run filled
    assert any(f.name.startswith("parsed") for f in cache.iterdir())
    runs.append(audit(ws))
    for f in cache.iterdir():
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    runs.append(audit(ws))
    monkeypatch.setenv("DRAFTING_CACHE", "0")
    runs.append(audit(ws))
    for code, data, _ in runs:
        assert code == 1
        assert any("rev1-ARG-001" in p and "is not what applying" in p for p in data["problems"]), data
    assert all(r[1]["problems"] == runs[0][1]["problems"] for r in runs)
