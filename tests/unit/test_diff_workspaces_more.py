"""diff_workspaces field by field: added, removed, changed, moved (by order or to another parent),
texts missing in a language; and the word alphabet's edges."""

from __future__ import annotations

import pytest

from drafting.model import Clause, Document, Section, Workspace
from drafting.ops.diff import DELETE, EQUAL, INSERT, ClauseDiff, _Alphabet, diff_workspaces, has_changes, word_diff


def ws_of(*sections: tuple[Clause, ...], doc: str = "declaration") -> Workspace:
    secs = tuple(Section(f"s{i}", {"en": "S"}, "arabic", clauses) for i, clauses in enumerate(sections))
    return Workspace(title={"en": "T"}, symbol="S", original_language="es", languages=("es", "en"),
                     document_ids=(doc,), delegations={}, versions=(), documents=(Document(doc, {"en": "D"}, secs),))


def c(cid: str, es: str = "", status: str = "pending", children: tuple[Clause, ...] = ()) -> Clause:
    return Clause(cid, {"es": es or f"Texto {cid}."}, status=status, children=children)


def test_added_and_removed_in_full() -> None:
    a = ws_of((c("one", "Uno."), c("two", "Dos.", "agreed")))
    b = ws_of((c("one", "Uno."), c("new", "Nuevo.", "held")))
    assert diff_workspaces(a, b, "es") == [
        ClauseDiff("two", "removed", "Dos.", "", ((DELETE, "Dos."),), "agreed", None, "declaration", "es"),
        ClauseDiff("new", "added", "", "Nuevo.", ((INSERT, "Nuevo."),), None, "held", "declaration", "es"),
    ]


def test_a_language_the_clause_lacks_reads_as_empty() -> None:
    a = ws_of((c("one", "Uno."), c("two", "Dos.")))
    b = ws_of((c("one", "Uno."), c("new", "Nuevo.")))
    assert diff_workspaces(a, b, "en") == [
        ClauseDiff("two", "removed", "", "", (), "pending", None, "declaration", "en"),
        ClauseDiff("new", "added", "", "", (), None, "pending", "declaration", "en"),
    ]
    grown = ws_of((Clause("one", {"es": "Uno.", "en": "One."}), c("two", "Dos.")))
    assert diff_workspaces(a, grown, "en") == [
        ClauseDiff("one", "changed", "", "One.", ((INSERT, "One."),), "pending", "pending", "declaration", "en")]
    assert diff_workspaces(grown, a, "en") == [
        ClauseDiff("one", "changed", "One.", "", ((DELETE, "One."),), "pending", "pending", "declaration", "en")]


def test_changed_status_and_unchanged_in_full() -> None:
    a = ws_of((c("one", "Uno."), c("two", "Dos."), c("three", "Tres.")))
    b = ws_of((c("one", "Uno."), c("two", "Dos.", "agreed"), c("three", "Tres y más.")))
    assert diff_workspaces(a, b, "es") == [
        ClauseDiff("two", "status", "Dos.", "Dos.", ((EQUAL, "Dos."),), "pending", "agreed", "declaration", "es"),
        ClauseDiff("three", "changed", "Tres.", "Tres y más.",
                   ((EQUAL, "Tres"), (INSERT, " y más"), (EQUAL, ".")), "pending", "pending", "declaration", "es"),
    ]
    # an empty text that stays empty but changes status has no chunks
    e = ws_of((Clause("x", {"es": ""}),))
    f = ws_of((Clause("x", {"es": ""}, status="agreed"),))
    assert diff_workspaces(e, f, "es") == [ClauseDiff("x", "status", "", "", (), "pending", "agreed", "declaration",
                                                      "es")]


def test_moves_by_order_among_many() -> None:
    ids = ["a", "b", "c", "d", "e", "f"]
    a = ws_of(tuple(c(x) for x in ids))
    b = ws_of(tuple(c(x) for x in ["a", "b", "e", "c", "d", "f"]))
    diffs = diff_workspaces(a, b, "es")
    assert [(d.clause_id, d.kind, d.moved) for d in diffs] == [("e", "moved", True)]
    assert diffs[0] == ClauseDiff("e", "moved", "Texto e.", "Texto e.", ((EQUAL, "Texto e."),), "pending", "pending",
                                  "declaration", "es", moved=True)
    # a clause added between them does not make the others move
    b2 = ws_of(tuple(c(x) for x in ["a", "n", "b", "c", "d", "e", "f"]))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b2, "es")] == [("n", "added")]
    # two clauses swapped at the end: one of them (the first, as the diff aligns them) moved
    b3 = ws_of(tuple(c(x) for x in ["a", "b", "c", "d", "f", "e"]))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b3, "es")] == [("e", "moved")]


def test_moves_to_another_parent_section_or_document() -> None:
    a = ws_of((c("p", children=(c("k"),)), c("q")), (c("r"),))
    # to another parent
    b = ws_of((c("p"), c("q", children=(c("k"),))), (c("r"),))
    assert [(d.clause_id, d.kind, d.moved) for d in diff_workspaces(a, b, "es")] == [("k", "moved", True)]
    # out of its parent to the top level, same place in reading order
    b = ws_of((c("p"), c("k"), c("q")), (c("r"),))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b, "es")] == [("k", "moved")]
    # to the next section, same reading order
    b = ws_of((c("p", children=(c("k"),)),), (c("q"), c("r")))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b, "es")] == [("q", "moved")]


def test_removed_clauses_come_where_they_stood() -> None:
    a = ws_of((c("a"), c("b"), c("c"), c("d"), c("e")))
    b = ws_of((c("b"), c("d")))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b, "es")] == [
        ("a", "removed"), ("c", "removed"), ("e", "removed")]
    b = ws_of((c("x"), c("b"), c("d")))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b, "es")] == [
        ("a", "removed"), ("x", "added"), ("c", "removed"), ("e", "removed")]


def test_word_diff_edges() -> None:
    assert word_diff("", "") == []
    assert word_diff("a", "a") == [(EQUAL, "a")]
    assert word_diff("uno  dos", "uno dos") == [(EQUAL, "uno dos")]
    assert word_diff("uno dos", "uno, dos") == [(EQUAL, "uno"), (INSERT, ","), (EQUAL, " dos")]
    assert word_diff("uno, dos", "uno dos") == [(EQUAL, "uno"), (DELETE, ","), (EQUAL, " dos")]
    # punctuation stands for itself: a comma is not confused with a word
    assert word_diff("a, b", "a; b") == [(EQUAL, "a"), (DELETE, ","), (INSERT, ";"), (EQUAL, " b")]
    assert has_changes([(EQUAL, "x")]) is False and has_changes([(EQUAL, "x"), (INSERT, "y")]) is True
    assert has_changes(()) is False


def test_alphabet_gives_one_character_per_word() -> None:
    alphabet = _Alphabet()
    assert alphabet.char(" ") == " " and alphabet.char(",") == "," and alphabet.char("«") == "«"
    first = alphabet.char("asilo")
    assert first == "\u4e00" and first.isalnum()
    assert alphabet.char("asilo") == first and alphabet.char("refugio") == "\u4e01"
    assert alphabet.char("1") != "1" and alphabet.char("x") not in (" ", ",")
    # letters only, never a surrogate; the supply runs out past the last code point
    alphabet._next = 0xD7FF
    got = alphabet.char("otro")
    assert got.isalnum() and not 0xD800 <= ord(got) <= 0xDFFF
    alphabet._next = 0x110000
    with pytest.raises(ValueError, match=r"^too many distinct words to diff$"):
        alphabet.char("más")


def test_an_added_clause_does_not_end_the_comparison() -> None:
    a = ws_of((c("one", "Uno."), c("two", "Dos.")))
    b = ws_of((c("new", "Nuevo."), c("one", "Uno y más."), c("two", "Dos.", "agreed")))
    assert [(d.clause_id, d.kind) for d in diff_workspaces(a, b, "es")] == [
        ("new", "added"), ("one", "changed"), ("two", "status")]


def test_unchanged_words_are_shown_as_written() -> None:
    nfd = "Proteccio\u0301n."
    a = ws_of((Clause("x", {"es": "Protección."}),))
    b = ws_of((Clause("x", {"es": nfd}, status="agreed"),))
    (d,) = diff_workspaces(a, b, "es")
    assert d.kind == "status" and d.chunks == ((EQUAL, nfd),) and d.new_text == nfd


def test_a_space_that_appears_is_no_change() -> None:
    assert word_diff("uno,dos", "uno, dos") == [(EQUAL, "uno, dos")]
    assert word_diff("uno, dos", "uno,dos") == [(EQUAL, "uno,dos")]


def test_merge_joins_runs_and_skips_empty_chunks() -> None:
    from drafting.ops.diff import _merge
    assert _merge([(EQUAL, "x"), (DELETE, "a"), (INSERT, "b"), (DELETE, "c"), (EQUAL, ""), (INSERT, "d"),
                   (EQUAL, "y"), (EQUAL, "z")]) == [(EQUAL, "x"), (DELETE, "ac"), (INSERT, "bd"), (EQUAL, "yz")]
