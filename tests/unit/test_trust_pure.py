"""keys/allowed_signers parsing and the role rules: pure functions, no git."""

from __future__ import annotations

import base64
import struct

from drafting.trust.roles import CommitChanges, FileChange, Parties, role_problems
from drafting.trust.signers import AllowedSigners, PublicKey, add_line, parse_public_key


def key(seed: int) -> str:
    raw = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + bytes([seed]) * 32
    return "ssh-ed25519 " + base64.b64encode(raw).decode()


def test_allowed_signers_parse_several_keys_per_party() -> None:
    data = f"# comment\n\nUNHCR {key(1)} ana@unhcr\nBRA {key(2)}\nBRA {key(3)} second laptop\n".encode()
    s = AllowedSigners.parse(data)
    assert s.problems == []
    assert s.codes() == ["BRA", "UNHCR"]
    assert len(s.keys_of("BRA")) == 2
    fp = PublicKey(*key(3).split()).fingerprint
    assert fp.startswith("SHA256:") and s.principal(fp) == "BRA"


def test_allowed_signers_errors_name_the_line() -> None:
    data = (f"UNHCR {key(1)}\n"
            f"\u0410RG {key(2)}\n"          # a Cyrillic А: not ARG
            f"ARG ssh-ed25519 !!notbase64\n"
            f"BRA {key(1)}\n"               # UNHCR's key under another code
            f"MEX ssh-dss AAAA\n"
            f"URY,CHL {key(5)}\n"
            f"PRY namespaces=\"git\" {key(6)}\n").encode()
    problems = AllowedSigners.parse(data).problems
    lines = {p.line: p.message for p in problems}
    assert set(lines) == {2, 3, 4, 5, 6, 7}, problems
    assert "not a delegation code" in lines[2] and "\\u0410RG" in lines[2]
    assert "base64" in lines[3]
    assert "already belongs to UNHCR" in lines[4]
    assert "unknown key type" in lines[5]
    assert all(p.path == "keys/allowed_signers" for p in problems)


def test_mislabelled_key_and_add_line() -> None:
    ed = key(7).split()[1]
    try:
        parse_public_key(f"ssh-rsa {ed}")
    except ValueError as e:
        assert "does not say ssh-rsa" in str(e)
    else:
        raise AssertionError("a mislabelled key was accepted")
    text = add_line(None, "ARG", parse_public_key(key(8) + " ana@arg"))
    assert text.decode().splitlines()[-1] == f"ARG {key(8)} ana@arg"
    assert AllowedSigners.parse(add_line(text, "BRA", parse_public_key(key(9)))).codes() == ["ARG", "BRA"]


PARTIES = Parties({"ARG": "state", "BRA": "state", "URY": "state", "MERCOSUR": "group", "UNHCR": "secretariat"},
                  {"MERCOSUR": ("ARG", "BRA", "URY")})


def proposal(**fields: object) -> dict[str, object]:
    return {"id": "rev1-BRA-001", "by": "BRA", "target": "op-1", "change": {"comment": {}}, "status": "submitted",
            **fields}


def changes(*files: FileChange, **trailers: list[str]) -> CommitChanges:
    return CommitChanges(files, trailers)


def test_delegation_may_propose_as_itself_or_its_group() -> None:
    path = "amendments/rev1/rev1-BRA-001.yaml"
    assert role_problems("BRA", PARTIES, changes(FileChange(path, "A", None, proposal()))) == []
    ok = proposal(by="MERCOSUR", cosponsors=["CHL", "MEX"], on_behalf_of="MERCOSUR")
    assert role_problems("BRA", PARTIES, changes(FileChange(path, "A", None, ok))) == []
    bad = role_problems("BRA", PARTIES, changes(FileChange(path, "A", None, proposal(by="ARG"))))
    assert bad and "proposes as ARG" in bad[0][1]
    entered = role_problems("BRA", PARTIES, changes(FileChange(path, "A", None, proposal(entered_by="UNHCR"))))
    assert entered and "entered_by" in entered[0][1]


def test_delegation_may_only_withdraw_its_own() -> None:
    path = "amendments/rev1/rev1-ARG-001.yaml"
    before = proposal(by="ARG")
    withdrawn = {**before, "status": "withdrawn", "decision": {"date": "2024-09-01"}}
    accepted = {**before, "status": "accepted", "decision": {"date": "2024-09-01"}}
    assert role_problems("ARG", PARTIES, changes(FileChange(path, "M", before, withdrawn),
                                                 Decision=["withdrawn"])) == []
    assert "only withdraw" in role_problems("ARG", PARTIES, changes(FileChange(path, "M", before, accepted)))[0][1]
    assert "amendment by ARG" in role_problems("BRA", PARTIES, changes(FileChange(path, "M", before, withdrawn)))[0][1]
    forged = role_problems("BRA", PARTIES, changes(Decision=["accepted"], Amendment=["rev1-ARG-001"]))
    assert forged and "only the secretariat" in forged[0][1]


def test_delegation_may_not_touch_text_negotiation_keys_or_delete() -> None:
    for path in ("drafts/declaration/operative.yaml", "negotiation.yaml", "keys/allowed_signers", "README"):
        assert "only the secretariat" in role_problems("BRA", PARTIES, changes(FileChange(path, "M")))[0][1]
    gone = role_problems("BRA", PARTIES, changes(FileChange("amendments/rev1/rev1-BRA-001.yaml", "D")))
    assert "never deleted" in gone[0][1]


def test_secretariat_enters_proposals_with_entered_by() -> None:
    path = "amendments/rev1/rev1-BRA-002.yaml"
    assert role_problems("UNHCR", PARTIES, changes(FileChange(path, "A", None, proposal(entered_by="UNHCR")))) == []
    missing = role_problems("UNHCR", PARTIES, changes(FileChange(path, "A", None, proposal())))
    assert "entered_by: UNHCR" in missing[0][1]
    assert role_problems("UNHCR", PARTIES, changes(FileChange("drafts/d/s.yaml", "M"),
                                                   FileChange("negotiation.yaml", "M"),
                                                   Decision=["accepted"])) == []
