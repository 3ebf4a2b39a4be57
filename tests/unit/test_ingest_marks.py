"""Numbers and status labels recognised by what they say and where they stand (ingest.marks)."""

from __future__ import annotations

import pytest

from drafting.ingest.docx import Piece, Revision
from drafting.ingest.marks import Expect, clean, find_label, find_number, mark

INS = Revision("ins", "Brasil", "2025-01-20", "1")
DEL = Revision("del", "Brasil", "2025-01-20", "2")
CLAUSE_6 = Expect(clause=True, numbers=("6",))


@pytest.mark.parametrize("text, expect, found", [
    ("6\tSe comprometen", CLAUSE_6, "6"),
    ("6 bis\tSe comprometen", CLAUSE_6, "6 bis"),  # a changed number: still the number (a tab follows)
    ("6 Se comprometen", CLAUSE_6, "6"),  # pandoc: the tab became a space
    ("7 Se comprometen", CLAUSE_6, None),  # not this clause's number, no tab: its words
    ("a)\tla integración local;", Expect(clause=True, numbers=("a)",)), "a)"),
    ("(iv) local integration;", Expect(neighbours=(3,)), "(iv)"),
    ("3 bis Garantizan que", Expect(neighbours=(3, 4)), "3 bis"),
    ("2030 Agenda for Sustainable Development", Expect(neighbours=(12, 13)), None),
    ("a la vez que", Expect(neighbours=(3,)), None),
    ("12.\tDecide", Expect(), "12."),
    ("Los Gobiernos de", Expect(clause=True), None),
    ("2030 Agenda", Expect(loose=True), "2030"),
])
def test_numbers(text: str, expect: Expect, found: str | None) -> None:
    number = find_number(text, expect)
    assert (number.what if number else None) == found
    if number:  # the number and the whitespace after it, no more
        assert " ".join(text[:number.end].split()) == number.what and not text[number.end].isspace()


@pytest.mark.parametrize("text, anywhere, found, rest", [
    ("práctica; [Acordado ad ref.]", False, "[Acordado ad ref.]", "práctica;"),
    ("práctica; [Acordado ad ref.] Instan a los Estados", True, "[Acordado ad ref.]",
     "práctica; Instan a los Estados"),
    ("práctica; [Acordado ad ref.] Instan a los Estados", False, None, None),
    ("recurso; [Acordado] [Pendiente de traducción]", False, "[Acordado] [Pendiente de traducción]",
     "recurso;"),
    ("Recalling [Agreed]", False, "[Agreed]", "Recalling"),
    ("la palabra[Acordado]", False, None, None),  # a label stands apart
])
def test_labels(text: str, anywhere: bool, found: str | None, rest: str | None) -> None:
    label = find_label(text, anywhere)
    assert (label.what if label else None) == found
    if label:
        assert " ".join((text[:label.start] + text[label.end:]).split()) == rest


def texts(pieces: list[Piece]) -> tuple[str, str]:
    return ("".join(p.text for p in pieces if p.in_original),
            "".join(p.text for p in pieces if p.in_accepted))


def test_text_typed_in_the_numbers_style_is_the_delegations() -> None:
    # LibreOffice and Word give "Además, " the style of the number before it: it is still text
    pieces = [Piece("4\t", None), Piece("Además, ", INS), Piece("Renuevan su compromiso", None)]
    marked = mark(pieces, Expect(clause=True, numbers=("4",)))
    assert texts(clean(marked.pieces)) == ("Renuevan su compromiso", "Además, Renuevan su compromiso")
    assert marked.number == ("4", "4")


def test_text_typed_after_the_label_is_the_delegations() -> None:
    pieces = [Piece("1\tReafirman la vigencia;", None), Piece(" [Acordado ad ref.]", None),
              Piece(" Instan a los Estados.", INS)]
    marked = mark(pieces, Expect(clause=True, numbers=("1",)))
    assert texts(clean(marked.pieces)) == ("Reafirman la vigencia;",
                                           "Reafirman la vigencia; Instan a los Estados.")
    assert marked.label == ("[Acordado ad ref.]", "[Acordado ad ref.]")


def test_a_tracked_change_of_number_is_seen_in_both_views() -> None:
    pieces = [Piece("6", None), Piece(" bis", INS), Piece("\tSe comprometen", None)]
    marked = mark(pieces, CLAUSE_6)
    assert marked.number == ("6", "6 bis")
    assert texts(clean(marked.pieces)) == ("Se comprometen", "Se comprometen")


def test_a_space_that_is_the_numbers_in_one_view_and_text_in_the_other() -> None:
    # pandoc: "4" + space, "Además," inserted, space: the second space is text only once "Además," stands
    pieces = [Piece("4 ", None), Piece("Además,", INS), Piece(" Renuevan", None)]
    original, accepted = texts(clean(mark(pieces, Expect(clause=True, numbers=("4",))).pieces))
    assert original.strip() == "Renuevan" and accepted == "Además, Renuevan"


def test_a_deleted_label_is_a_label() -> None:
    pieces = [Piece("Recordando la Declaración,", None), Piece(" [Acordado]", DEL)]
    marked = mark(pieces, Expect(clause=True))
    assert marked.label == ("[Acordado]", "")
    assert texts(clean(marked.pieces)) == ("Recordando la Declaración,", "Recordando la Declaración,")
