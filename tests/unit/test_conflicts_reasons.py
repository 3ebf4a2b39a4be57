"""Conflicts as a negotiator reads them: every field of every pair, in input order, each pair once,
whichever of the two comes first."""

from __future__ import annotations

import pytest

from drafting.model import Amendment, Change, Clause, Document, Section, Workspace
from drafting.ops.anchor import STALE, Location, locate
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


def am(aid: str, change: Change, target: str | None = "quality", lang: str = "es") -> Amendment:
    return Amendment(aid, "zero", aid.split("-")[1], change, target=target, lang=lang)


def run(*amendments: Amendment, ws: Workspace | None = None) -> list[Conflict]:
    ws = ws or workspace()
    locations: dict[str, Location] = {}
    for a in amendments:
        clause = ws.clause(a.target) if a.target else None
        if clause is not None:
            locations[a.id] = locate(a, None, clause.text.get(a.lang, ""))
    return conflicts(ws, amendments, locations)


BRA = "zero-BRA-001"
ARG = "zero-ARG-001"


def test_overlap_names_the_shared_words() -> None:
    x = am(BRA, Change("replace", old="sistemas nacionales", new="sistemas regionales"))
    y = am(ARG, Change("replace", old="nacionales de asilo", new="de protección"))
    expected = Conflict(BRA, ARG, "quality", "overlap",
                        "zero-BRA-001 and zero-ARG-001 both change the words 'nacionales' in clause 'quality' (es)")
    assert run(x, y) == [expected]
    # the other input order: the pair is named in that order
    assert run(y, x) == [Conflict(ARG, BRA, "quality", "overlap",
                                  "zero-ARG-001 and zero-BRA-001 both change the words 'nacionales' in clause "
                                  "'quality' (es)")]


def test_spans_that_touch_do_not_overlap_either_way() -> None:
    assert run(am(BRA, Change("delete", old="sistemas")), am(ARG, Change("delete", old=" nacionales"))) == []
    assert run(am(BRA, Change("delete", old=" nacionales")), am(ARG, Change("delete", old="sistemas"))) == []
    # one character in common is an overlap
    found = run(am(BRA, Change("delete", old="sistemas ")), am(ARG, Change("delete", old=" nacionales")))
    assert [(c.kind, c.reason) for c in found] == [
        ("overlap", "zero-BRA-001 and zero-ARG-001 both change the words ' ' in clause 'quality' (es)")]


@pytest.mark.parametrize("first_is_insert", [True, False])
def test_insertion_inside_a_span(first_is_insert: bool) -> None:
    ins = am("zero-CHL-001", Change("insert", text="y regionales", after="nacionales"))
    rep = am(BRA, Change("replace", old="sistemas nacionales de asilo", new="x"))
    pair = (ins, rep) if first_is_insert else (rep, ins)
    found = run(*pair)
    assert found == [Conflict(pair[0].id, pair[1].id, "quality", "overlap",
                              "zero-CHL-001 inserts text inside the words 'sistemas nacionales de asilo' that "
                              "zero-BRA-001 changes in clause 'quality' (es)")]


def test_insertion_at_either_edge_of_a_span_is_no_conflict() -> None:
    rep = am(BRA, Change("replace", old="sistemas nacionales", new="x"))
    assert run(rep, am(ARG, Change("insert", text="y", after="sistemas nacionales"))) == []
    assert run(am(ARG, Change("insert", text="y", before="sistemas nacionales")), rep) == []


def test_same_place_reason_names_the_word_before() -> None:
    found = run(am(BRA, Change("insert", text=", en particular", after="asilo")),
                am(ARG, Change("insert", text="y refugio", before="y el acceso")))
    assert found == [Conflict(BRA, ARG, "quality", "same-place",
                              "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause "
                              "'quality' (es): after 'asilo'")]
    # at the very start of the clause there is no word before
    found = run(am(BRA, Change("insert", text="Además,", at="start")),
                am(ARG, Change("insert", text="Asimismo,", before="Fortalecer")))
    assert [c.reason for c in found] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (es): after ''"]
    # two insertions at the end
    found = run(am(BRA, Change("insert", text="x", at="end")), am(ARG, Change("insert", text="y", after="territorio.")))
    assert [c.reason for c in found] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (es): "
        "after 'territorio.'"]
    # different points: no conflict
    assert run(am(BRA, Change("insert", text="x", after="asilo")),
               am(ARG, Change("insert", text="y", after="acceso"))) == []


def test_substitute_against_any_change_of_the_text() -> None:
    sub = am(BRA, Change("substitute", texts={"es": "Nuevo."}))
    for other in (am(ARG, Change("delete", old="sistemas")), am(ARG, Change("bracket")),
                  am(ARG, Change("insert", text="x", at="end"), lang="en")):
        assert run(sub, other) == [Conflict(BRA, ARG, "quality", "overlap",
                                            "zero-BRA-001 replaces the whole text of clause 'quality', which "
                                            "zero-ARG-001 also changes")]
        assert run(other, sub) == [Conflict(ARG, BRA, "quality", "overlap",
                                            "zero-BRA-001 replaces the whole text of clause 'quality', which "
                                            "zero-ARG-001 also changes")]
    # two substitutes: the first one named replaces what the second also changes
    assert run(sub, am(ARG, Change("substitute", texts={"en": "New."}))) == [
        Conflict(BRA, ARG, "quality", "overlap",
                 "zero-BRA-001 replaces the whole text of clause 'quality', which zero-ARG-001 also changes")]
    assert run(sub, am(ARG, Change("comment"))) == []
    assert run(sub, am(ARG, Change("move", after="access"))) == [
        Conflict(BRA, ARG, "quality", "moved", "zero-ARG-001 moves clause 'quality'; zero-BRA-001 amends it")]


def test_stale_or_missing_locations_have_no_span() -> None:
    x = am(BRA, Change("replace", old="sistemas", new="x"))
    y = am(ARG, Change("replace", old="sistemas", new="y"))
    ws = workspace()
    here = locate(x, None, ES)
    assert conflicts(ws, [x, y], {BRA: here, ARG: here})[0].kind == "overlap"
    assert conflicts(ws, [x, y], {BRA: here}) == []
    assert conflicts(ws, [x, y], {BRA: here, ARG: Location(STALE, here.start, here.end, "gone")}) == []


def test_removed_reasons() -> None:
    found = run(am(BRA, Change("remove")),
                am(ARG, Change("replace", old="Registro", new="x"), target="quality-a"),
                am("zero-CHL-001", Change("add", after="quality", clause=Clause("new", {})), target=None),
                am("zero-URY-001", Change("move", before="quality-a"), target="access"),
                am("zero-PER-001", Change("delete", old="sistemas")))
    assert found == [
        Conflict(BRA, ARG, "quality", "removed",
                 "zero-BRA-001 removes clause 'quality', which zero-ARG-001 amends (sub-clause 'quality-a')"),
        Conflict(BRA, "zero-CHL-001", "quality", "removed",
                 "zero-BRA-001 removes clause 'quality', next to which zero-CHL-001 adds a clause"),
        Conflict(BRA, "zero-URY-001", "quality", "removed",
                 "zero-BRA-001 removes clause 'quality-a', next to which zero-URY-001 moves a clause"),
        Conflict(BRA, "zero-PER-001", "quality", "removed",
                 "zero-BRA-001 removes clause 'quality', which zero-PER-001 amends"),
    ]


def test_removing_an_unknown_clause_still_meets_its_amendments() -> None:
    found = run(am(BRA, Change("remove"), target="gone"), am(ARG, Change("comment"), target="gone"),
                am("zero-CHL-001", Change("substitute", texts={"es": "X."}), target="gone"))
    assert found == [Conflict(BRA, "zero-CHL-001", "gone", "removed",
                              "zero-BRA-001 removes clause 'gone', which zero-CHL-001 amends")]


def test_moved_reasons_and_moves_of_other_clauses() -> None:
    found = run(am(BRA, Change("move", after="access")), am(ARG, Change("move", before="access")),
                am("zero-CHL-001", Change("delete", old="Registro"), target="quality-a"),
                am("zero-URY-001", Change("move", after="quality"), target="access"))
    # an amendment to a sub-clause of a moved clause moves with it: no conflict; moving next to a clause
    # that moves is an order, not a conflict
    assert found == [Conflict(BRA, ARG, "quality", "moved",
                              "zero-BRA-001 moves clause 'quality'; zero-ARG-001 also moves it")]


def test_amendments_in_other_languages_or_without_targets() -> None:
    assert run(am(BRA, Change("replace", old="sistemas nacionales", new="x")),
               am(ARG, Change("replace", old="national asylum", new="y"), lang="en")) == []
    en = run(am(BRA, Change("replace", old="national asylum", new="x"), lang="en"),
             am(ARG, Change("delete", old="asylum systems"), lang="en"))
    assert en == [Conflict(BRA, ARG, "quality", "overlap",
                           "zero-BRA-001 and zero-ARG-001 both change the words 'asylum' in clause 'quality' (en)")]
    # an amendment whose text is missing in its language compares against an empty text
    ws = workspace()
    x = am(BRA, Change("insert", text="x", at="start"), lang="fr")
    y = am(ARG, Change("insert", text="y", at="start"), lang="fr")
    assert conflicts(ws, [x, y], {BRA: Location("exact", 0, 0), ARG: Location("exact", 0, 0)}) == [
        Conflict(BRA, ARG, "quality", "same-place",
                 "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (fr): "
                 "after ''")]
    ghost = am("zero-CHL-001", Change("insert", text="x", at="start"), target="ghost")
    ghost2 = am("zero-URY-001", Change("insert", text="x", at="start"), target="ghost")
    assert [c.reason for c in conflicts(ws, [ghost, ghost2], {ghost.id: Location("exact", 0, 0),
                                                               ghost2.id: Location("exact", 0, 0)})] == [
        "zero-CHL-001 and zero-URY-001 both insert text at the same place in clause 'ghost' (es): after ''"]


def test_the_word_before_an_insertion_point() -> None:
    # the first insertion's point decides the word named; a point after a space names the word before it
    found = run(am(BRA, Change("insert", text="y refugio", before="y el acceso")),
                am(ARG, Change("insert", text=", en particular", after="asilo")))
    assert [c.reason for c in found] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (es): after 'asilo'"]
    # a one-letter word
    found = run(am(BRA, Change("insert", text="x", after="asilo y")), am(ARG, Change("insert", text="z", before="el acceso")))
    assert [c.reason for c in found] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (es): after 'y'"]


def test_points_in_texts_a_clause_lacks_or_that_begin_with_a_space() -> None:
    ws = workspace()
    at = Location("exact", 2, 2)
    x = am(BRA, Change("insert", text="x", at="start"), lang="fr")
    y = am(ARG, Change("insert", text="y", at="start"), lang="fr")
    assert [c.reason for c in conflicts(ws, [x, y], {BRA: at, ARG: at})] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (fr): after ''"]
    gx = am(BRA, Change("insert", text="x", at="start"), target="ghost")
    gy = am(ARG, Change("insert", text="y", at="start"), target="ghost")
    assert [c.reason for c in conflicts(ws, [gx, gy], {BRA: at, ARG: at})] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'ghost' (es): after ''"]
    spaced = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, ws.document_ids, {}, (),
                       documents=(Document("declaration", {"en": "D"}, (Section("operative", {"en": "O"}, clauses=(
                           Clause("quality", {"es": " asilo y refugio"}),)),)),))
    end = Location("exact", 6, 6)
    assert [c.reason for c in conflicts(spaced, [am(BRA, Change("insert", text="x", at="end")),
                                                 am(ARG, Change("insert", text="y", at="end"))],
                                        {BRA: end, ARG: end})] == [
        "zero-BRA-001 and zero-ARG-001 both insert text at the same place in clause 'quality' (es): after 'asilo'"]
