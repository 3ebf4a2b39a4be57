"""A Windows checkout: a real clone with ``core.autocrlf=true``, so every file has CRLF line ends in the
work tree.  Decisions patch a section file line by line without flipping its line ends, its comments
survive as with LF, and what drafting writes reads back the same."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import git, issued_workspace, run

SECTION = "drafts/declaration/operative.yaml"


def clone_and_decide(origin: Path, clone: Path, autocrlf: str) -> str:
    subprocess.run(
        ["git", "clone", "-q", "-c", f"core.autocrlf={autocrlf}", str(origin), str(clone)], check=True
    )
    git(clone, "fetch", "-q", "origin", "refs/tags/*:refs/tags/*")
    ws = str(clone)
    aid = run(
        "-C",
        ws,
        "propose",
        "op-borders",
        "--by",
        "BRA",
        "--replace",
        "fronteras",
        "--with",
        "fronteras terrestres",
        check=True,
    ).stdout.strip()
    run("-C", ws, "decide", aid, "accept", "--note", "Agreed", check=True)
    run("-C", ws, "mark", "op-asylum", "agreed-ad-ref", check=True)
    return aid


def test_a_crlf_checkout_is_patched_in_its_own_line_ends(tmp_path: Path) -> None:
    origin = issued_workspace(tmp_path / "origin")
    before = (origin / SECTION).read_bytes()
    aid = clone_and_decide(origin, tmp_path / "lf", "false")
    clone = tmp_path / "crlf"
    assert clone_and_decide(origin, clone, "true") == aid
    amendment = f"amendments/zero/{aid}.yaml"

    for path in (SECTION, amendment, "negotiation.yaml"):
        crlf, lf = (clone / path).read_bytes(), (tmp_path / "lf" / path).read_bytes()
        assert crlf.count(b"\r\n") == crlf.count(b"\n") > 5, path  # no line flipped to LF
        assert crlf == lf.replace(b"\n", b"\r\n"), path  # the same lines as in an LF checkout
    after = (clone / SECTION).read_bytes().replace(b"\r\n", b"\n")
    assert b"  # the first operative paragraph\n" in after
    assert before.split(b"\n")[:6] == after.split(b"\n")[:6]  # lines before the changes untouched
    assert b"status: accepted\r\n" in (clone / amendment).read_bytes()
    # git sees a clean tree, the commits hold LF (autocrlf converts on the way in), and all reads back
    assert git(clone, "status", "--porcelain") == ""
    assert (
        b"\r"
        not in subprocess.run(
            ["git", "show", f"HEAD:{SECTION}"], cwd=clone, capture_output=True, check=True
        ).stdout
    )
    assert run("-C", str(clone), "validate").returncode == 0
    assert "fronteras{+ terrestres+}" in run("-C", str(clone), "diff", check=True).stdout
