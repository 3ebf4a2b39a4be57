"""The small edits that are not amendments (a clause's status, a translation, which sections changed)
and the progress report, on models built in code."""

from __future__ import annotations

from dataclasses import replace

from drafting.model import Amendment, Change, Clause, Decision, Document, Section, Workspace
from drafting.ops.edit import changed_sections, clause_key, map_clause, set_status, supply_translation
from drafting.ops.status import status_report
from drafting.vocab import AMENDMENT_STATUSES, CLAUSE_STATUSES


def C(cid: str, *children: Clause, status: str = "pending", kind: str = "paragraph", es: str = "",
      pending: tuple[str, ...] = ()) -> Clause:
    return Clause(cid, {"es": es or f"texto {cid}", "en": f"text {cid}"}, kind=kind, status=status,
                  pending_translation=pending, children=children)


def workspace(*amendments: Amendment) -> Workspace:
    decl = Document("declaration", {"en": "D"}, (
        Section("preamble", {"en": "P"}, "none", (C("pp", es="Recordando [la] Declaración [de 1984]"),)),
        Section("operative", {"en": "O"}, "arabic", (
            C("h", kind="heading"),
            C("a", C("a-1"), C("a-2", C("a-2-x")), status="agreed", es="Fortalecer [el asilo]"),
            C("b", pending=("en",)),
        )),
    ))
    plan = Document("plan", {"en": "Plan"}, (Section("chapter", {"en": "I"}, "roman", (C("p1", es="[uno] [dos]"),)),))
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en"), ("declaration", "plan"), {}, (),
                     documents=(decl, plan), amendments=amendments)


def amendment(aid: str, by: str, status: str = "submitted", target: str | None = "a",
              change: Change | None = None) -> Amendment:
    decision = Decision(date="2024-09-20") if status != "submitted" else None
    return Amendment(aid, "zero", by, change or Change("delete", old="asilo"), target=target, status=status,
                     decision=decision)


# --- edit -------------------------------------------------------------------------------------------

def test_map_clause_changes_one_clause_at_any_depth_and_nothing_else() -> None:
    ws = workspace()
    new = map_clause(ws, "a-2-x", lambda c: Clause(c.id, {"es": "nuevo", "en": "new"}))
    assert new.clause("a-2-x").text == {"es": "nuevo", "en": "new"}  # type: ignore[union-attr]
    before = {p.clause.id: clause_key(p.clause) for p in ws.placements() if p.clause.id != "a-2-x"}
    after = {p.clause.id: clause_key(p.clause) for p in new.placements() if p.clause.id != "a-2-x"}
    assert set(before) == set(after)
    # the parents hold the new sub-clause; every other clause is unchanged
    changed = {cid for cid in before if before[cid] != after[cid]}
    assert changed == {"a", "a-2"}
    assert [p.clause.id for p in new.placements()] == [p.clause.id for p in ws.placements()]
    assert new.documents[1] == ws.documents[1] and new.documents[0].sections[0] is ws.documents[0].sections[0]


def test_map_clause_top_level_and_unknown_id() -> None:
    ws = workspace()
    calls: list[str] = []

    def touch(c: Clause) -> Clause:
        calls.append(c.id)
        return C(c.id, es="otro")

    new = map_clause(ws, "b", touch)
    assert calls == ["b"] and new.clause("b").text["es"] == "otro"  # type: ignore[union-attr]
    assert new.clause("a") == ws.clause("a")
    same = map_clause(ws, "nowhere", touch)
    assert calls == ["b"] and list(same.placements()) == list(ws.placements())


def test_map_clause_reaches_a_clause_after_a_parent_with_children() -> None:
    ws = workspace()
    # "b" comes after "a", whose sub-clauses are searched first and do not hold it
    assert set_status(ws, "b", "held").clause("b").status == "held"  # type: ignore[union-attr]
    assert set_status(ws, "p1", "agreed").clause("p1").status == "agreed"  # type: ignore[union-attr]
    assert set_status(ws, "a-1", "agreed-ad-ref").clause("a-1").status == "agreed-ad-ref"  # type: ignore[union-attr]
    assert set_status(ws, "a-1", "agreed-ad-ref").clause("a-2").status == "pending"  # type: ignore[union-attr]


def test_supply_translation_sets_the_text_and_clears_only_that_language() -> None:
    ws = workspace()
    ws = map_clause(ws, "b", lambda c: C("b", pending=("en", "fr")))
    new = supply_translation(ws, "b", "en", "The text.")
    b = new.clause("b")
    assert b is not None and b.text["en"] == "The text." and b.text["es"] == "texto b"
    assert b.pending_translation == ("fr",)


def test_changed_sections_names_only_sections_whose_clauses_changed() -> None:
    ws = workspace()
    assert list(changed_sections(ws, ws)) == []
    new = set_status(ws, "a-2-x", "agreed")
    got = [(d.id, s.id, old.id if old else None) for d, s, old in changed_sections(ws, new)]
    assert got == [("declaration", "operative", "operative")]
    # a section or document the old workspace lacks comes with no old section
    extra = Document("annex", {"en": "A"}, (Section("annex-1", {"en": "A"}, "arabic", (C("z"),)),))
    grown = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, (*ws.document_ids, "annex"),
                      {}, (), documents=(*ws.documents, extra))
    assert [(d.id, s.id, old) for d, s, old in changed_sections(ws, grown)] == [("annex", "annex-1", None)]


def test_clause_key_sees_content_not_position() -> None:
    a = workspace().clause("a")
    assert a is not None
    assert clause_key(a) == ("a", (("en", "text a"), ("es", "Fortalecer [el asilo]")), "paragraph", "agreed", None,
                             (), (clause_key(a.children[0]), clause_key(a.children[1])), (), None, ())
    # the follow-up fields are content too
    assert clause_key(C("x")) != clause_key(replace(C("x"), deadline="2030"))
    assert clause_key(C("x")) != clause_key(replace(C("x"), actors=("BRA",)))
    assert clause_key(C("x")) != clause_key(replace(C("x"), indicator={"en": "n"}))
    assert clause_key(C("x", pending=("fr", "en"))) == clause_key(C("x", pending=("en", "fr")))
    assert clause_key(C("x")) != clause_key(C("x", status="held"))
    assert clause_key(C("x")) != clause_key(C("x", C("y")))


# --- status -----------------------------------------------------------------------------------------

def test_status_report_per_clause() -> None:
    ws = workspace(amendment("zero-BRA-001", "BRA"), amendment("zero-ARG-001", "ARG", "rejected"),
                   amendment("zero-MEX-001", "MEX", target=None, change=Change("add", after="b")),
                   amendment("zero-CHL-001", "CHL", target="a-2"))
    report = status_report(ws)
    rows = {r["id"]: r for r in report["clauses"]}
    assert list(rows) == ["pp", "h", "a", "a-1", "a-2", "a-2-x", "b", "p1"]
    assert rows["a"] == {"id": "a", "document": "declaration", "section": "operative", "number": "1",
                         "kind": "paragraph", "status": "agreed", "open_amendments": ["zero-BRA-001"],
                         "contributions": [], "competing": [], "brackets": 1, "pending_translation": []}
    assert rows["h"]["status"] == "" and rows["h"]["number"] == "" and rows["h"]["kind"] == "heading"
    assert rows["pp"]["number"] == "" and rows["pp"]["brackets"] == 2
    assert rows["a-2-x"]["number"] == "1(b)(i)" and rows["p1"]["number"] == "I"
    assert rows["b"]["open_amendments"] == ["zero-MEX-001"]  # an add is counted at its reference clause
    assert rows["a-2"]["open_amendments"] == ["zero-CHL-001"]
    assert rows["b"]["pending_translation"] == ["en"]


def test_status_report_per_delegation_and_totals() -> None:
    ws = workspace(amendment("zero-BRA-001", "BRA"), amendment("zero-BRA-002", "BRA", "accepted"),
                   amendment("zero-ARG-001", "ARG", "rejected"), amendment("zero-ARG-002", "ARG", "rejected"),
                   amendment("zero-ARG-003", "ARG", "withdrawn"))
    report = status_report(ws)
    # delegations in code order, statuses in the vocabulary's order, zero counts left out
    assert report["delegations"] == {"ARG": {"rejected": 2, "withdrawn": 1}, "BRA": {"submitted": 1, "accepted": 1}}
    assert list(report["delegations"]["ARG"]) == ["rejected", "withdrawn"]
    totals = report["totals"]
    assert totals["clauses"] == 7  # the heading is not a clause to agree
    assert totals["by_status"] == {s: {"pending": 6, "agreed": 1}.get(s, 0) for s in CLAUSE_STATUSES}
    assert list(totals["by_status"]) == list(CLAUSE_STATUSES)
    assert totals["brackets"] == {"declaration": 3, "plan": 2}
    assert totals["amendments"] == {s: {"submitted": 1, "accepted": 1, "rejected": 2, "withdrawn": 1}.get(s, 0)
                                    for s in AMENDMENT_STATUSES}
    assert totals["open_amendments"] == 1
    assert totals["pending_translation"] == 1


def test_status_report_numbers_against_a_base() -> None:
    ws = workspace()
    base = map_clause(ws, "a", lambda c: c)  # the same text as issued
    grown_section = Section("operative", {"en": "O"}, "arabic", (
        *ws.documents[0].sections[1].clauses[:2], C("new"), *ws.documents[0].sections[1].clauses[2:]))
    decl = Document("declaration", {"en": "D"}, (ws.documents[0].sections[0], grown_section))
    now = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, ws.document_ids, {}, (),
                    documents=(decl, ws.documents[1]))
    rows = {r["id"]: r["number"] for r in status_report(now, base)["clauses"]}
    assert rows["new"] == "1 bis" and rows["b"] == "2"
    assert {r["id"]: r["number"] for r in status_report(now)["clauses"]}["b"] == "3"
    assert status_report(now)["totals"]["clauses"] == 8


def test_changed_sections_names_a_new_section_of_an_existing_document() -> None:
    ws = workspace()
    decl = ws.documents[0]
    grown_doc = Document(decl.id, decl.title, (*decl.sections, Section("annex", {"en": "A"}, "arabic", (C("z"),))))
    grown = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, ws.document_ids, {}, (),
                      documents=(grown_doc, ws.documents[1]))
    assert [(d.id, s.id, old) for d, s, old in changed_sections(ws, grown)] == [("declaration", "annex", None)]


def test_status_report_edges() -> None:
    # no open amendment anywhere: empty lists and zero counts, not missing values
    report = status_report(workspace(amendment("zero-BRA-001", "BRA", "rejected")))
    assert all(r["open_amendments"] == [] for r in report["clauses"])
    assert report["totals"]["open_amendments"] == 0
    assert report["totals"]["amendments"]["submitted"] == 0
    # an add placed before a clause counts at that clause
    add = amendment("zero-MEX-001", "MEX", target=None, change=Change("add", before="b"))
    rows = {r["id"]: r for r in status_report(workspace(add))["clauses"]}
    assert rows["b"]["open_amendments"] == ["zero-MEX-001"]
    # a clause without text in the original language has no brackets
    ws = map_clause(workspace(), "b", lambda c: Clause("b", {"en": "[Only] [English]"}))
    rows = {r["id"]: r for r in status_report(ws)["clauses"]}
    assert rows["b"]["brackets"] == 0
