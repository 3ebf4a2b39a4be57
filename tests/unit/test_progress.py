"""ops.progress: the figures of the chair's briefing, from model objects (no files, no git)."""

from __future__ import annotations

from drafting.model import Amendment, Change, Clause, Decision, Delegation, Document, Section, Version, Workspace
from drafting.ops.progress import FATES, NOW, progress, text_figures

ZERO = Version("zero", {"en": "Zero draft"}, "2024-08-30")
REV1 = Version("rev1", {"en": "Rev.1"}, "2024-10-04")
REV2 = Version("rev2", {"en": "Rev.2"}, "2024-11-20")  # listed, never tagged


def text(*clauses: Clause) -> Workspace:
    doc = Document("declaration", {"en": "Declaration"},
                   (Section("operative", {"en": "Operative part"}, "arabic", clauses),))
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en", "fr"), ("declaration",),
                     {c: Delegation(c, {"en": c}) for c in ("ARG", "BRA", "URY", "MEX")}, (ZERO, REV1, REV2), (doc,))


def amendment(aid: str, version: str, by: str, status: str = "submitted", decided: str | None = None,
              cosponsors: tuple[str, ...] = ()) -> Amendment:
    return Amendment(aid, version, by, Change("comment"), target="a", cosponsors=cosponsors, status=status,
                     decision=Decision(date=decided) if decided else None)


def test_a_text_in_figures() -> None:
    ws = text(
        Clause("h", {"es": "Título", "en": "Title"}, kind="heading", status="held"),  # a heading is no paragraph
        Clause("a", {"es": "Uno [dos] y [tres [cuatro]]", "en": "One"}, status="agreed-ad-ref",
               pending_translation=("fr",)),
        Clause("b", {"es": "Otro", "en": "Other", "fr": "Autre"}, status="held", children=(
            Clause("b-1", {"es": "[sub]", "en": "sub", "fr": "sous"}, pending_translation=("en", "fr")),)),
    )
    f = text_figures(ws)
    assert f["paragraphs"] == 3
    assert f["by_status"] == {"pending": 1, "agreed-in-informals": 0, "agreed-ad-ref": 1, "agreed": 0, "held": 1}
    assert f["brackets"] == 3  # outermost pairs, in the original language
    # the original language never awaits; a missing text awaits like a listed one
    assert f["awaiting_translation"] == {"en": 1, "fr": 2}


def test_progress_per_version_and_delegation() -> None:
    zero = text(Clause("a", {"es": "[uno]", "en": "one", "fr": "un"}))
    rev1 = text(Clause("a", {"es": "uno", "en": "one", "fr": "un"}, status="agreed-in-informals"))
    amendments = (
        amendment("zero-ARG-001", "zero", "ARG", "accepted", "2024-09-23", cosponsors=("URY",)),
        amendment("zero-BRA-001", "zero", "BRA", "rejected", "2024-10-04"),  # decided on the day of issue
        amendment("zero-BRA-002", "zero", "BRA", "withdrawn", "2024-10-10"),  # after Rev.1: open at Rev.1
        amendment("zero-MEX-001", "zero", "MEX"),  # still open
        amendment("rev1-ARG-001", "rev1", "ARG", cosponsors=("BRA", "ARG")),
    )
    now = text(Clause("a", {"es": "uno [dos]", "en": "one", "fr": "un"}, status="agreed-in-informals",
                        pending_translation=("en",)))
    import dataclasses
    now = dataclasses.replace(now, amendments=amendments)
    data = progress(now, [(ZERO, zero), (REV1, rev1), (REV2, None)])
    rows = {v["id"]: v for v in data["versions"]}
    assert list(rows) == ["zero", "rev1", "rev2", NOW]
    assert rows["zero"]["brackets"] == 1 and rows["rev1"]["brackets"] == 0 and rows[NOW]["brackets"] == 1
    assert rows["zero"]["open_proposals"] == 0  # nothing is written before the first version
    assert rows["rev1"]["open_proposals"] == 2  # BRA-002 (decided later) and MEX-001
    assert rows["rev2"]["open_proposals"] == 2 and rows["rev2"]["issued"] is False and "by_status" not in rows["rev2"]
    assert rows[NOW]["open_proposals"] == 2  # MEX-001 and rev1-ARG-001
    assert rows["rev1"]["by_status"]["agreed-in-informals"] == 1
    assert rows[NOW]["awaiting_translation"] == {"en": 1, "fr": 0}
    assert data["fates"] == list(FATES) and FATES[-1] == "open"
    assert data["delegations"]["ARG"] == {**dict.fromkeys(FATES, 0), "accepted": 1, "open": 1}
    assert data["delegations"]["BRA"]["rejected"] == 1 and data["delegations"]["BRA"]["withdrawn"] == 1
    # co-sponsoring counts apart, and a proponent listed among its own co-sponsors is counted once
    assert data["cosponsored"] == {"BRA": {**dict.fromkeys(FATES, 0), "open": 1},
                                   "URY": {**dict.fromkeys(FATES, 0), "accepted": 1}}
    assert sum(data["proposals"].values()) == len(amendments)
