"""Files a repository may hold that must never be followed or swallowed: symbolic links (to a file
outside, to /dev/zero, a ``build`` link out of the workspace) and oversized files."""

from __future__ import annotations

import os
from pathlib import Path

from .parties import Shared, drafting, git
from .test_attacks import audited, refused, signed_commit

LINK = "amendments/zero/zero-BRA-009.yaml"


def test_symlinked_amendments_are_refused_reported_and_never_read(shared: Shared, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(
        "id: zero-BRA-009\nby: BRA\ntarget: op-asylum\nlang: es\nchange:\n  comment: {}\n"
        "rationale: SECRET-CONTENT\nstatus: submitted\n",
        encoding="utf-8",
    )
    bra = shared.clone("BRA")
    os.symlink(secret, bra / LINK)
    proc = drafting("-C", str(bra), "validate")
    assert proc.returncode == 1 and LINK in proc.stderr and "symbolic link" in proc.stderr, proc.stderr
    proc = drafting("-C", str(bra), "compile", "--kind", "compilation", "--format", "md", "--lang", "es")
    assert proc.returncode == 1 and "SECRET-CONTENT" not in proc.stdout + proc.stderr
    signed_commit(bra, "Link", LINK)
    refused(bra, expect="symbolic link")
    out = audited(bra, LINK, "symbolic link")
    assert "Traceback" not in out
    (bra / LINK).unlink()
    os.symlink("/dev/zero", bra / "amendments/zero/zero-BRA-010.yaml")
    proc = drafting("-C", str(bra), "status", timeout=30)
    assert proc.returncode == 1 and "zero-BRA-010.yaml" in proc.stderr and "symbolic link" in proc.stderr


def test_a_build_link_out_of_the_workspace_is_not_written_through(shared: Shared, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    sec = shared.clone("UNHCR")
    os.symlink(outside, sec / "build")
    proc = drafting("-C", str(sec), "compile", "--kind", "clean", "--lang", "es", "--format", "md")
    assert proc.returncode != 0 and "build" in proc.stderr and "symbolic link" in proc.stderr
    assert list(outside.iterdir()) == []
    assert ".gitignore" in git(sec, "ls-files").stdout.split()  # written by init: build/ is never committed
    assert "build/" in (sec / ".gitignore").read_text()


def test_a_ten_megabyte_amendment(shared: Shared) -> None:
    bra = shared.clone("BRA")
    big = bra / "amendments/zero/zero-BRA-011.yaml"
    big.write_text(
        "id: zero-BRA-011\nby: BRA\ntarget: op-asylum\nlang: es\nchange:\n  comment: {}\n"
        "rationale: " + "x" * 10_000_000 + "\nstatus: submitted\n",
        encoding="utf-8",
    )
    proc = drafting("-C", str(bra), "validate")
    assert proc.returncode == 1 and "zero-BRA-011.yaml" in proc.stderr and "limit" in proc.stderr
    signed_commit(bra, "Big", "amendments/zero/zero-BRA-011.yaml")
    refused(bra, expect="the limit is")
