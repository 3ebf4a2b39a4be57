"""Paragraph identity by sequence alignment of the whole document (ingest.align)."""

from __future__ import annotations

from drafting.ingest.align import align, longest_increasing

CLAUSES = ["Recordando la Declaración,", "Se comprometen a fortalecer:", "el registro;", "la documentación;",
           "Se comprometen a mejorar en las fronteras:", "el registro;", "la documentación;",
           "Se comprometen a mejorar en las ciudades:", "el registro;", "la documentación;",
           "Deciden reunirse nuevamente en 2034."]


def test_repeated_texts_are_told_apart_by_position() -> None:
    # the first "el registro;" deleted, the second "la documentación;" edited, a title block before
    paragraphs = ["Declaración", "Borrador cero", *CLAUSES[:2], *CLAUSES[3:6], "la documentación gratuita;",
                  *CLAUSES[7:]]
    result = align(paragraphs, CLAUSES, {})
    assert result.clause == [None, None, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10]
    assert result.unmatched_clauses(len(CLAUSES)) == [2]
    assert result.how[7] == "similar" and not result.moved


def test_identical_documents_match_one_to_one() -> None:
    result = align(CLAUSES, CLAUSES, {})
    assert result.clause == list(range(len(CLAUSES))) and not result.moved


def test_a_bookmark_out_of_order_is_a_move() -> None:
    order = [0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 10]  # clause 9 moved after clause 0, bookmarks kept
    paragraphs = [CLAUSES[i] for i in order]
    result = align(paragraphs, CLAUSES, {n: c for n, c in enumerate(order)})
    assert result.clause == order and result.moved == {1}


def test_words_out_of_order_are_a_move_without_bookmarks() -> None:
    order = [0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    result = align([CLAUSES[i] for i in order], CLAUSES, {})
    assert result.clause == order and result.moved == {1} and result.how[1] == "moved"


def test_a_new_paragraph_matches_nothing() -> None:
    new = "Garantizan el acceso a la información sobre los procedimientos;"
    paragraphs = [*CLAUSES[:5], new, *CLAUSES[5:]]
    result = align(paragraphs, CLAUSES, {})
    assert result.clause[5] is None
    assert [c for c in result.clause if c is not None] == list(range(len(CLAUSES)))


def test_bookmarked_paragraphs_hold_the_others_in_place() -> None:
    # bookmarks on the operative paragraphs only: the sub-clauses between them are found by position
    fixed = {1: 1, 4: 4, 7: 7}
    result = align(CLAUSES, CLAUSES, fixed)
    assert result.clause == list(range(len(CLAUSES)))
    assert {result.how[n] for n in fixed} == {"bookmark"}


def test_longest_increasing_run() -> None:
    assert longest_increasing([(0, 0), (1, 9), (2, 1), (3, 2)]) == {0, 2, 3}
    assert longest_increasing([]) == set()


def test_two_thousand_paragraphs_whose_texts_repeat_every_two_hundred() -> None:
    clauses = [f"Párrafo {i % 40}: los Estados se comprometen a la medida {i % 50}." for i in range(2000)]
    paragraphs = clauses[:700] + ["Un párrafo nuevo."] + clauses[700:1500] + clauses[1501:]
    result = align(paragraphs, clauses, {})
    assert result.clause[700] is None
    assert result.unmatched_clauses(len(clauses)) == [1500]
