"""Display numbers: computed from order, per section style, sub-clauses per language, bis/ter for clauses
added after an issued version, and the concordance between two versions."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from drafting.model import Clause, Document, Section, Workspace
from drafting.ops.numbering import (
    ConcordanceRow,
    Number,
    concordance,
    letters,
    number_document,
    number_workspace,
    ordinal,
    roman,
)


def C(cid: str, *children: Clause, kind: str = "paragraph") -> Clause:
    return Clause(cid, {"es": cid, "en": cid, "fr": cid, "pt": cid}, kind=kind, children=children)


def H(cid: str) -> Clause:
    return C(cid, kind="heading")


def S(sid: str, numbering: str, *clauses: Clause) -> Section:
    return Section(sid, {"en": sid}, numbering, clauses)


def W(*docs: Document | Sequence[Section]) -> Workspace:
    documents = tuple(d if isinstance(d, Document) else Document(f"doc{i}", {"en": "D"}, tuple(d))
                      for i, d in enumerate(docs))
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en", "fr", "pt"), tuple(d.id for d in documents),
                     {}, (), documents=documents)


def refs(ws: Workspace, base: Workspace | None = None) -> dict[str, str]:
    return {cid: n.ref() for cid, n in number_workspace(ws, base).items()}


def own(ws: Workspace, lang: str, base: Workspace | None = None) -> dict[str, str]:
    return {cid: n.own(lang) for cid, n in number_workspace(ws, base).items()}


# ------------------------------------------------------------------------------ consecutive numbers

def test_arabic_runs_on_across_sections() -> None:
    ws = W([S("one", "arabic", C("a"), C("b")), S("two", "arabic", C("c"), C("d")), S("three", "arabic", C("e"))])
    assert refs(ws) == {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}


def test_each_document_starts_at_one() -> None:
    ws = W([S("s", "arabic", C("a"), C("b"))], [S("s2", "arabic", C("c"))])
    assert refs(ws) == {"a": "1", "b": "2", "c": "1"}


def test_roman_and_letter_restart_in_each_section() -> None:
    ws = W([S("r1", "roman", C("a"), C("b"), C("c"), C("d")), S("r2", "roman", C("e")),
            S("l1", "letter", C("f"), C("g")), S("l2", "letter", C("h"))])
    assert refs(ws) == {"a": "I", "b": "II", "c": "III", "d": "IV", "e": "I", "f": "A", "g": "B", "h": "A"}


def test_arabic_runs_on_past_a_roman_section() -> None:
    # the arabic count is not disturbed by the roman section between
    ws = W([S("a", "arabic", C("a1"), C("a2")), S("r", "roman", C("r1"), C("r2"), C("r3")),
            S("b", "arabic", C("b1"), C("b2"))])
    assert refs(ws) == {"a1": "1", "a2": "2", "r1": "I", "r2": "II", "r3": "III", "b1": "3", "b2": "4"}


def test_none_sections_are_unnumbered_and_take_no_number() -> None:
    ws = W([S("preamble", "none", C("pp1"), C("pp2")), S("operative", "arabic", C("op1"), C("op2")),
            S("annex", "none", C("x")), S("more", "arabic", C("op3"))])
    assert refs(ws) == {"op1": "1", "op2": "2", "op3": "3"}


def test_headings_are_unnumbered_and_take_no_number() -> None:
    ws = W([S("ch", "arabic", H("programme-a"), C("a"), C("b"), H("programme-b"), C("c")),
            S("r", "roman", H("h"), C("d"), C("e"))])
    assert refs(ws) == {"a": "1", "b": "2", "c": "3", "d": "I", "e": "II"}


def test_many_clauses() -> None:
    ws = W([S("r", "roman", *[C(f"r{i}") for i in range(1, 50)]),
            S("l", "letter", *[C(f"l{i}") for i in range(1, 30)])])
    r = refs(ws)
    assert [r[f"r{i}"] for i in (1, 4, 9, 14, 40, 49)] == ["I", "IV", "IX", "XIV", "XL", "XLIX"]
    assert [r[f"l{i}"] for i in (1, 26, 27, 28)] == ["A", "Z", "AA", "BB"]


def test_helpers() -> None:
    assert [roman(n) for n in (1, 3, 4, 9, 14, 1994)] == ["I", "III", "IV", "IX", "XIV", "MCMXCIV"]
    assert [letters(n) for n in (1, 2, 26, 27, 53)] == ["a", "b", "z", "aa", "aaa"]
    assert [ordinal(n) for n in (1, 2, 3, 4, 5)] == ["bis", "ter", "quater", "quinquies", "sexies"]


# ------------------------------------------------------------------------------ sub-clauses

def deep() -> Workspace:
    return W([S("op", "arabic", C("one"), C("two",
                                            C("two-a"),
                                            C("two-b", C("two-b-i"), C("two-b-ii", C("x-a", C("x-a-i"), C("x-a-ii")),
                                                                      C("x-b"))),
                                            C("two-c")))])


def test_sub_clause_refs() -> None:
    assert refs(deep()) == {"one": "1", "two": "2", "two-a": "2(a)", "two-b": "2(b)", "two-b-i": "2(b)(i)",
                            "two-b-ii": "2(b)(ii)", "x-a": "2(b)(ii)(a)", "x-a-i": "2(b)(ii)(a)(i)",
                            "x-a-ii": "2(b)(ii)(a)(ii)", "x-b": "2(b)(ii)(b)", "two-c": "2(c)"}


def test_sub_clauses_in_english() -> None:
    # (a) -> (i) -> a. -> i.
    got = own(deep(), "en")
    assert [got[k] for k in ("two", "two-a", "two-c", "two-b-i", "two-b-ii", "x-a", "x-b", "x-a-i", "x-a-ii")] == \
        ["2", "(a)", "(c)", "(i)", "(ii)", "a.", "b.", "i.", "ii."]


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_sub_clauses_in_spanish_french_portuguese(lang: str) -> None:
    # a) -> i) -> a. -> i.
    got = own(deep(), lang)
    assert [got[k] for k in ("two", "two-a", "two-c", "two-b-i", "two-b-ii", "x-a", "x-b", "x-a-i", "x-a-ii")] == \
        ["2", "a)", "c)", "i)", "ii)", "a.", "b.", "i.", "ii."]


def test_sub_clauses_restart_under_each_parent_and_skip_headings() -> None:
    ws = W([S("op", "arabic", C("p1", C("p1-a"), C("p1-b")), C("p2", H("p2-h"), C("p2-a")))])
    assert refs(ws) == {"p1": "1", "p1-a": "1(a)", "p1-b": "1(b)", "p2": "2", "p2-a": "2(a)"}


def test_sub_clauses_of_a_roman_section() -> None:
    ws = W([S("ch", "roman", C("i1"), C("i2", C("i2-a")))])
    assert refs(ws) == {"i1": "I", "i2": "II", "i2-a": "II(a)"}
    assert own(ws, "en")["i2-a"] == "(a)" and own(ws, "es")["i2-a"] == "a)"


def test_sub_clauses_of_an_unnumbered_section_are_unnumbered() -> None:
    ws = W([S("pre", "none", C("pp", C("pp-a")))])
    assert refs(ws) == {}


# ------------------------------------------------------------------------------ bis, ter after an issued version

BASE = W([S("pre", "none", C("pp1")),
          S("op", "arabic", C("a"), C("b"), C("c", C("c-a"), C("c-b"))),
          S("op2", "arabic", C("d"))])


def test_without_changes_the_base_numbers_stand() -> None:
    assert refs(BASE, BASE) == refs(BASE) == {"a": "1", "b": "2", "c": "3", "c-a": "3(a)", "c-b": "3(b)", "d": "4"}


def test_added_clauses_take_bis_ter_quater() -> None:
    now = W([S("pre", "none", C("pp1"), C("pp-new")),
             S("op", "arabic", C("a"), C("b"), C("n1"), C("n2"), C("n3"), C("c", C("c-a"), C("c-b"))),
             S("op2", "arabic", C("d"))])
    assert refs(now, BASE) == {"a": "1", "b": "2", "n1": "2 bis", "n2": "2 ter", "n3": "2 quater", "c": "3",
                               "c-a": "3(a)", "c-b": "3(b)", "d": "4"}
    assert own(now, "en", BASE)["n2"] == "2 ter"
    # a fresh numbering (the next issued version) renumbers consecutively
    assert refs(now) == {"a": "1", "b": "2", "n1": "3", "n2": "4", "n3": "5", "c": "6", "c-a": "6(a)",
                         "c-b": "6(b)", "d": "7"}


def test_clause_added_at_the_start_of_the_next_arabic_section_follows_the_previous_number() -> None:
    now = W([S("pre", "none", C("pp1")),
             S("op", "arabic", C("a"), C("b"), C("c", C("c-a"), C("c-b"))),
             S("op2", "arabic", C("new"), C("d"))])
    assert refs(now, BASE)["new"] == "3 bis"


def test_added_sub_clause() -> None:
    now = W([S("pre", "none", C("pp1")),
             S("op", "arabic", C("a"), C("b"), C("c", C("c-a"), C("c-new"), C("c-b"))),
             S("op2", "arabic", C("d"))])
    r = refs(now, BASE)
    assert (r["c-a"], r["c-new"], r["c-b"]) == ("3(a)", "3(a bis)", "3(b)")
    assert own(now, "en", BASE)["c-new"] == "(a bis)"
    assert own(now, "es", BASE)["c-new"] == "a bis)"


def test_children_of_an_added_clause() -> None:
    now = W([S("op", "arabic", C("a"), C("new", C("new-a"), C("new-b")), C("b"), C("c"), C("d"))])
    base = W([S("op", "arabic", C("a"), C("b"), C("c"), C("d"))])
    r = refs(now, base)
    assert (r["new"], r["new-a"], r["new-b"], r["b"]) == ("1 bis", "1 bis(a)", "1 bis(b)", "2")


def test_deleted_clause_leaves_its_number_unused_until_renumbering() -> None:
    now = W([S("pre", "none", C("pp1")),
             S("op", "arabic", C("a"), C("c", C("c-a"), C("c-b"))),
             S("op2", "arabic", C("d"))])
    assert refs(now, BASE) == {"a": "1", "c": "3", "c-a": "3(a)", "c-b": "3(b)", "d": "4"}
    assert refs(now) == {"a": "1", "c": "2", "c-a": "2(a)", "c-b": "2(b)", "d": "3"}


def test_deleted_sub_clause_leaves_its_letter_unused() -> None:
    now = W([S("pre", "none", C("pp1")),
             S("op", "arabic", C("a"), C("b"), C("c", C("c-b"))),
             S("op2", "arabic", C("d"))])
    assert refs(now, BASE)["c-b"] == "3(b)"


def test_added_after_a_deleted_clause() -> None:
    now = W([S("op", "arabic", C("a"), C("new"), C("c"))])
    base = W([S("op", "arabic", C("a"), C("b"), C("c"))])
    assert refs(now, base) == {"a": "1", "new": "1 bis", "c": "3"}


def test_added_heading_takes_no_number() -> None:
    now = W([S("op", "arabic", C("a"), H("h"), C("b"))])
    base = W([S("op", "arabic", C("a"), C("b"))])
    assert refs(now, base) == {"a": "1", "b": "2"}


def test_roman_section_bis() -> None:
    base = W([S("ch", "roman", C("a"), C("b"))])
    now = W([S("ch", "roman", C("a"), C("new"), C("b"))])
    assert refs(now, base) == {"a": "I", "new": "I bis", "b": "II"}


def test_new_document_is_numbered_afresh() -> None:
    base = W([S("op", "arabic", C("a"))])
    now = W([S("op", "arabic", C("a"))], [S("plan", "arabic", C("p1"), C("p2"))])
    assert refs(now, base) == {"a": "1", "p1": "1", "p2": "2"}


def test_number_document_directly() -> None:
    doc = BASE.documents[0]
    assert {k: v.ref() for k, v in number_document(doc).items()}["c-b"] == "3(b)"
    n = number_document(doc)["c-b"]
    assert isinstance(n, Number) and n.parts == (("3", 0), ("b", 0))


# ------------------------------------------------------------------------------ concordance

def test_concordance_rows() -> None:
    old = W([S("pre", "none", C("pp1")), S("op", "arabic", C("a"), C("b"), C("c", C("c-a")), C("d"))])
    new = W([S("pre", "none", C("pp1")), S("op", "arabic", C("a"), C("n1"), C("c", C("c-a"), C("n-b")), C("d"))])
    rows = concordance(old, new)
    assert rows == [
        ConcordanceRow("a", "doc0", "1", "1"),
        ConcordanceRow("n1", "doc0", "1 bis", "2"),  # added since A: known by its bis number
        ConcordanceRow("c", "doc0", "3", "3"),
        ConcordanceRow("c-a", "doc0", "3(a)", "3(a)"),
        ConcordanceRow("n-b", "doc0", "3(a bis)", "3(b)"),
        ConcordanceRow("d", "doc0", "4", "4"),
        ConcordanceRow("b", "doc0", "2", ""),  # deleted: listed after B's clauses
    ]


def test_concordance_of_a_moved_clause_and_a_heading() -> None:
    old = W([S("op", "arabic", H("h"), C("a"), C("b"), C("c"))])
    new = W([S("op", "arabic", C("c"), H("h"), C("a"), C("b"))])
    assert [(r.clause_id, r.old, r.new) for r in concordance(old, new)] == [
        ("c", "3", "1"), ("a", "1", "2"), ("b", "2", "3")]


def test_concordance_across_documents() -> None:
    old = W([S("op", "arabic", C("a"), C("b"))], [S("plan", "roman", C("p"), C("q"))])
    new = W([S("op", "arabic", C("b"))], [S("plan", "roman", C("q"), C("p"))])
    assert concordance(old, new) == [
        ConcordanceRow("b", "doc0", "2", "1"),
        ConcordanceRow("q", "doc1", "II", "I"),
        ConcordanceRow("p", "doc1", "I", "II"),
        ConcordanceRow("a", "doc0", "1", ""),
    ]


def test_example_numbers() -> None:
    # the bundled example: preamble unnumbered, operative 1-11; the plan's chapters run on, programmes
    # are headings, actions lettered
    from pathlib import Path

    from drafting.store.load import load_workspace
    from drafting.store.source import DiskSource
    ws, problems = load_workspace(DiskSource(Path(__file__).resolve().parents[2]))
    assert problems == []
    r = refs(ws)
    assert "pp-chapeau" not in r and "poa-1-quality-asylum" not in r
    assert r["op-reaffirm-cartagena"] == "1" and r["op-thanks-chile"] == "11"
    assert r["poa-1-quality-asylum-systems"] == "1"
    assert r["poa-1-quality-asylum-registration"] == "1(a)"
    assert r["poa-1-quality-asylum-cooperation"] == "2"
    # chapter 2 continues chapter 1's numbers
    plan = ws.document("plan-of-action")
    assert plan is not None
    ch1 = [c for c in plan.sections[1].clauses if c.kind != "heading"]
    ch2 = [c for c in plan.sections[2].clauses if c.kind != "heading"]
    assert r[ch2[0].id] == str(len(ch1) + 1)
