"""Competing open amendments: overlapping spans, same insertion point, removed or moved clauses."""

from __future__ import annotations

from drafting.model import Amendment, Change, Clause, Document, Section, Workspace
from drafting.ops.anchor import Location, locate
from drafting.ops.conflicts import Conflict, conflicts

ES = "Fortalecer los sistemas nacionales de asilo y el acceso al territorio."


def workspace() -> Workspace:
    quality = Clause("quality", {"es": ES, "en": "Strengthen national asylum systems."},
                     children=(Clause("quality-a", {"es": "Registro.", "en": "Registration."}),))
    access = Clause("access", {"es": "Acceso.", "en": "Access."})
    section = Section("operative", {"en": "Operative"}, clauses=(quality, access))
    return Workspace(title={"en": "T"}, symbol="S", original_language="es", languages=("es", "en"),
                     document_ids=("declaration",), delegations={}, versions=(),
                     documents=(Document("declaration", {"en": "D"}, (section,)),))


def am(aid: str, change: Change, target: str | None = "quality", lang: str = "es",
       status: str = "submitted") -> Amendment:
    return Amendment(aid, "zero", aid.split("-")[1], change, target=target, lang=lang, status=status)


def run(*amendments: Amendment) -> list[Conflict]:
    ws = workspace()
    locations: dict[str, Location] = {}
    for a in amendments:
        clause = ws.clause(a.target) if a.target else None
        if clause is not None:
            locations[a.id] = locate(a, None, clause.text.get(a.lang, ""))
    return conflicts(ws, amendments, locations)


def pairs(found: list[Conflict]) -> list[tuple[str, str, str]]:
    return [(c.first, c.second, c.kind) for c in found]


def test_two_delegations_replacing_the_same_words() -> None:
    found = run(am("zero-BRA-001", Change("replace", old="sistemas nacionales", new="sistemas regionales")),
                am("zero-ARG-001", Change("replace", old="nacionales de asilo", new="de protección")))
    assert pairs(found) == [("zero-BRA-001", "zero-ARG-001", "overlap")]
    assert found[0].clause == "quality"
    assert "'nacionales'" in found[0].reason and "zero-ARG-001" in found[0].reason


def test_disjoint_spans_and_other_language_do_not_conflict() -> None:
    assert run(am("zero-BRA-001", Change("replace", old="sistemas nacionales", new="x")),
               am("zero-ARG-001", Change("delete", old="al territorio"))) == []
    assert run(am("zero-BRA-001", Change("replace", old="sistemas nacionales", new="x")),
               am("zero-ARG-001", Change("replace", old="national asylum", new="y"), lang="en")) == []
    # adjacent spans touch but do not overlap
    assert run(am("zero-BRA-001", Change("delete", old="sistemas")),
               am("zero-ARG-001", Change("delete", old=" nacionales"))) == []


def test_insert_inside_a_replaced_span() -> None:
    found = run(am("zero-BRA-001", Change("replace", old="sistemas nacionales de asilo", new="x")),
                am("zero-CHL-001", Change("insert", text="y regionales", after="nacionales")))
    assert pairs(found) == [("zero-BRA-001", "zero-CHL-001", "overlap")]
    assert "inserts text inside" in found[0].reason


def test_insert_at_the_edge_of_a_span_is_fine() -> None:
    assert run(am("zero-BRA-001", Change("replace", old="sistemas nacionales", new="x")),
               am("zero-CHL-001", Change("insert", text="y regionales", after="sistemas nacionales"))) == []


def test_two_inserts_at_the_same_place() -> None:
    found = run(am("zero-BRA-001", Change("insert", text=", en particular", after="asilo")),
                am("zero-MEX-001", Change("insert", text="y refugio", before="y el acceso")))
    assert pairs(found) == [("zero-BRA-001", "zero-MEX-001", "same-place")]
    assert "after 'asilo'" in found[0].reason


def test_removed_clause_conflicts_with_amendments_to_it_and_its_children() -> None:
    found = run(am("zero-BRA-001", Change("remove")),
                am("zero-ARG-001", Change("delete", old="sistemas")),
                am("zero-URY-001", Change("replace", old="Registro", new="x"), target="quality-a"),
                am("zero-CHL-001", Change("add", after="quality", clause=Clause("new", {})), target=None),
                am("zero-PER-001", Change("remove")))
    # the two removes of one clause do not conflict with each other, each does with the rest
    assert pairs(found) == [("zero-BRA-001", "zero-ARG-001", "removed"),
                            ("zero-BRA-001", "zero-URY-001", "removed"),
                            ("zero-BRA-001", "zero-CHL-001", "removed"),
                            ("zero-ARG-001", "zero-PER-001", "removed"),
                            ("zero-URY-001", "zero-PER-001", "removed"),
                            ("zero-CHL-001", "zero-PER-001", "removed")]
    assert "sub-clause 'quality-a'" in found[1].reason


def test_moved_clause() -> None:
    found = run(am("zero-BRA-001", Change("move", after="access")),
                am("zero-ARG-001", Change("delete", old="sistemas")),
                am("zero-CHL-001", Change("move", before="access")))
    assert pairs(found) == [("zero-BRA-001", "zero-ARG-001", "moved"), ("zero-BRA-001", "zero-CHL-001", "moved"),
                            ("zero-ARG-001", "zero-CHL-001", "moved")]
    assert "also moves it" in found[1].reason
    assert found[2].reason == "zero-CHL-001 moves clause 'quality'; zero-ARG-001 amends it"


def test_substitute_against_a_change_of_words() -> None:
    found = run(am("zero-BRA-001", Change("substitute", texts={"es": "Nuevo."})),
                am("zero-ARG-001", Change("delete", old="sistemas")),
                am("zero-CHL-001", Change("comment")))
    assert pairs(found) == [("zero-BRA-001", "zero-ARG-001", "overlap")]


def test_not_conflicts() -> None:
    new_a, new_b = Clause("new-a", {}), Clause("new-b", {})
    assert run(am("zero-BRA-001", Change("add", after="access", clause=new_a), target=None),
               am("zero-ARG-001", Change("add", after="access", clause=new_b), target=None)) == []
    assert run(am("zero-BRA-001", Change("replace", old="sistemas", new="x")),
               am("zero-ARG-001", Change("replace", old="sistemas", new="y"), status="rejected")) == []
    assert run(am("zero-BRA-001", Change("bracket")),
               am("zero-ARG-001", Change("replace", old="sistemas", new="y"))) == []
    # a stale amendment has no span to compare
    assert run(am("zero-BRA-001", Change("replace", old="no está", new="x")),
               am("zero-ARG-001", Change("replace", old="sistemas", new="y"))) == []
