"""Applying amendments: text operations with tidy spacing, and workspace operations on the clause tree."""

from __future__ import annotations

import pytest

from drafting.model import Amendment, Change, Clause, Document, Loc, Section, Workspace
from drafting.ops.anchor import EXACT, STALE, Location, locate
from drafting.ops.apply import ApplyError, apply_amendment, apply_change
from drafting.ops.text import bracket_problems

ES = "Fortalecer los sistemas nacionales de asilo, en particular el registro."


def amendment(change: Change, target: str | None = "quality-asylum", lang: str = "es") -> Amendment:
    return Amendment("zero-BRA-001", "zero", "BRA", change, target=target, lang=lang,
                     loc=Loc("amendments/zero/zero-BRA-001.yaml", 1, {"change": 7}))


def applied(text: str, change: Change) -> str:
    a = amendment(change)
    return apply_change(text, a, locate(a, None, text))


def workspace() -> Workspace:
    quality = Clause("quality-asylum", {"es": ES, "en": "Strengthen national asylum systems.",
                                        "fr": "Renforcer les systèmes nationaux d'asile."},
                     children=(Clause("quality-registration", {"es": "Registro.", "en": "Registration.",
                                                               "fr": "Enregistrement."}),))
    access = Clause("access", {"es": "Acceso al territorio.", "en": "Access to territory.",
                               "fr": "Accès au territoire."})
    heading = Clause("solutions-heading", {"es": "Soluciones", "en": "Solutions", "fr": "Solutions"},
                     kind="heading")
    operative = Section("operative", {"en": "Operative"}, clauses=(quality, access, heading))
    preamble = Section("preamble", {"en": "Preamble"}, clauses=(
        Clause("recalling", {"es": "Recordando.", "en": "Recalling.", "fr": "Rappelant."}),))
    declaration = Document("declaration", {"en": "Declaration"}, (preamble, operative))
    plan = Document("plan-of-action", {"en": "Plan"}, (Section("chapter-1", {"en": "I"}, clauses=(
        Clause("plan-1", {"es": "Plan.", "en": "Plan.", "fr": "Plan."}),)),))
    return Workspace(title={"en": "T"}, symbol="C40/DPA", original_language="es",
                     languages=("es", "en", "fr"), document_ids=("declaration", "plan-of-action"),
                     delegations={}, versions=(), documents=(declaration, plan))


def ids(ws: Workspace) -> list[str]:
    return [p.clause.id for p in ws.placements()]


# --- apply_change ------------------------------------------------------------------------------------

def test_replace() -> None:
    assert applied(ES, Change("replace", old="sistemas nacionales", new="sistemas nacionales y regionales")) \
        == "Fortalecer los sistemas nacionales y regionales de asilo, en particular el registro."


def test_insert_punctuation_after_word() -> None:
    text = "Fortalecer los sistemas de asilo y el registro."
    assert applied(text, Change("insert", text=", en particular", after="asilo")) == \
        "Fortalecer los sistemas de asilo, en particular y el registro."


def test_insert_word_gets_spaces_but_never_doubles() -> None:
    assert applied(ES, Change("insert", text="regionales", after="nacionales")) == \
        "Fortalecer los sistemas nacionales regionales de asilo, en particular el registro."
    assert applied(ES, Change("insert", text=" regionales ", after="nacionales")) == \
        "Fortalecer los sistemas nacionales regionales de asilo, en particular el registro."
    assert applied(ES, Change("insert", text="y regionales", after="nacionales de asilo")) == \
        "Fortalecer los sistemas nacionales de asilo y regionales, en particular el registro."
    assert applied(ES, Change("insert", text="muy", before="el registro")) == \
        "Fortalecer los sistemas nacionales de asilo, en particular muy el registro."


def test_insert_at_start_and_end() -> None:
    assert applied("Texto.", Change("insert", text="Además,", at="start")) == "Además, Texto."
    assert applied("Texto", Change("insert", text="final ", at="end")) == "Texto final"
    assert applied("Texto", Change("insert", text=".", at="end")) == "Texto."


def test_insert_inside_brackets_and_parentheses() -> None:
    assert applied("los [derechos] humanos", Change("insert", text="todos los", after="[")) == \
        "los [todos los derechos] humanos"
    assert applied("ver (anexo)", Change("insert", text="I", before=")")) == "ver (anexo I)"


def test_insert_inside_a_word_adds_nothing() -> None:
    assert applied("nacionales", Change("insert", text="-", after="nacional", inside_word=True)) == "nacional-es"


def test_delete_collapses_spaces() -> None:
    assert applied(ES, Change("delete", old="nacionales")) == \
        "Fortalecer los sistemas de asilo, en particular el registro."


def test_delete_before_punctuation_leaves_no_space_before_comma() -> None:
    assert applied(ES, Change("delete", old="de asilo")) == \
        "Fortalecer los sistemas nacionales, en particular el registro."
    assert applied(ES, Change("delete", old=" el registro")) == \
        "Fortalecer los sistemas nacionales de asilo, en particular."
    assert applied(ES, Change("delete", old="el registro")) == \
        "Fortalecer los sistemas nacionales de asilo, en particular."


def test_delete_at_start_and_end() -> None:
    assert applied(ES, Change("delete", old="Fortalecer los")) == \
        "sistemas nacionales de asilo, en particular el registro."
    assert applied("uno dos tres", Change("delete", old="tres")) == "uno dos"


def test_delete_keeps_french_narrow_space_before_semicolon() -> None:
    text = "l'asile et la protection\u202f; ensuite"
    assert applied(text, Change("delete", old="et la protection")) == "l'asile\u202f; ensuite"


def test_replace_with_empty_text_deletes() -> None:
    assert applied(ES, Change("replace", old="de asilo", new="")) == \
        "Fortalecer los sistemas nacionales, en particular el registro."


def test_replace_keeps_separation_from_neighbours() -> None:
    assert applied("de asilo y", Change("replace", old="asilo ", new="refugio")) == "de refugio y"
    assert applied("nacionales", Change("replace", old="nacional", new="regional", inside_word=True)) == "regionales"


def test_bracket_span_and_whole() -> None:
    assert applied(ES, Change("bracket", old="de asilo")) == \
        "Fortalecer los sistemas nacionales [de asilo], en particular el registro."
    assert applied(ES, Change("bracket", old=" de asilo")) == \
        "Fortalecer los sistemas nacionales [de asilo], en particular el registro."
    assert applied("Texto.", Change("bracket")) == "[Texto.]"


def test_apply_change_refuses_stale_location() -> None:
    a = amendment(Change("replace", old="x", new="y"))
    with pytest.raises(ApplyError, match="words 'x'"):
        apply_change(ES, a, Location(STALE, 0, 0, "the words 'x' are not in the clause"))
    with pytest.raises(ApplyError):
        apply_change(ES, amendment(Change("remove")), Location(EXACT, 0, 0))


def test_bracket_problems() -> None:
    assert bracket_problems("a [b [c] d] e") == []
    problems = bracket_problems("a [b c] d] [e")
    assert len(problems) == 2
    assert "']' at character 10" in problems[0]
    assert "'[' at character 12" in problems[1]


# --- apply_amendment: text operations ----------------------------------------------------------------

def test_text_change_marks_other_languages_pending() -> None:
    ws = workspace()
    result = apply_amendment(ws, amendment(Change("replace", old="de asilo", new="de protección")))
    clause = result.workspace.clause("quality-asylum")
    assert clause is not None
    assert clause.text["es"].startswith("Fortalecer los sistemas nacionales de protección,")
    assert clause.text["en"] == "Strengthen national asylum systems."
    assert clause.pending_translation == ("en", "fr")
    assert result.warnings == ()
    assert result.location is not None and result.location.state == EXACT
    # the original model is untouched; unrelated objects are shared
    assert ws.clause("quality-asylum").text["es"] == ES  # type: ignore[union-attr]
    assert result.workspace.documents[1] is ws.documents[1]
    assert result.workspace.documents[0].sections[0] is ws.documents[0].sections[0]


def test_supplied_texts_are_set_and_not_pending() -> None:
    result = apply_amendment(workspace(), amendment(Change("replace", old="de asilo", new="de protección")),
                             texts={"en": "Strengthen national protection systems."})
    clause = result.workspace.clause("quality-asylum")
    assert clause is not None
    assert clause.text["en"] == "Strengthen national protection systems."
    assert clause.pending_translation == ("fr",)


def test_unknown_language_in_texts_is_refused() -> None:
    with pytest.raises(ApplyError, match="not a language"):
        apply_amendment(workspace(), amendment(Change("replace", old="de asilo", new="x")), texts={"de": "x"})


def test_text_override_for_replace_and_insert() -> None:
    ws = workspace()
    r = apply_amendment(ws, amendment(Change("replace", old="de asilo", new="de protección")),
                        text_override="de protección internacional")
    assert "nacionales de protección internacional," in r.workspace.clause("quality-asylum").text["es"]  # type: ignore[union-attr]
    r = apply_amendment(ws, amendment(Change("insert", text="y regionales", after="nacionales")),
                        text_override="y subregionales")
    assert "nacionales y subregionales de asilo" in r.workspace.clause("quality-asylum").text["es"]  # type: ignore[union-attr]


def test_stale_anchor_raises_with_location_of_the_amendment() -> None:
    with pytest.raises(ApplyError) as err:
        apply_amendment(workspace(), amendment(Change("delete", old="refugiados apátridas")))
    assert "refugiados apátridas" in err.value.message
    assert err.value.path == "amendments/zero/zero-BRA-001.yaml" and err.value.line == 7


def test_reanchored_is_applied_with_a_warning() -> None:
    base = "Fortalecer los sistemas de asilo, en particular el registro."
    a = amendment(Change("replace", old="asilo", new="refugio"))
    ws = workspace()
    result = apply_amendment(ws, a, base_text=base)
    assert result.location is not None and result.location.state == EXACT
    a2 = amendment(Change("replace", old="sistemas nacional de asilo", new="sistemas de refugio"))
    result = apply_amendment(ws, a2)
    assert result.location is not None and result.location.state == "re-anchored"
    assert result.warnings and result.warnings[0].severity == "warning"
    assert "re-anchored" in result.warnings[0].message
    assert result.workspace.clause("quality-asylum").text["es"].startswith(  # type: ignore[union-attr]
        "Fortalecer los sistemas de refugio,")


def test_unbalanced_brackets_are_a_warning() -> None:
    result = apply_amendment(workspace(), amendment(Change("replace", old="de asilo", new="[de asilo")))
    assert any("never closed" in w.message for w in result.warnings)


def test_missing_target_and_language() -> None:
    with pytest.raises(ApplyError, match="unknown clause 'nope'"):
        apply_amendment(workspace(), amendment(Change("delete", old="x"), target="nope"))
    with pytest.raises(ApplyError, match="no text in 'pt'"):
        apply_amendment(workspace(), amendment(Change("delete", old="x"), lang="pt"))


def test_sub_clause_text_change() -> None:
    result = apply_amendment(workspace(), amendment(Change("replace", old="Registro", new="Registro civil"),
                                                    target="quality-registration"))
    child = result.workspace.clause("quality-registration")
    assert child is not None and child.text["es"] == "Registro civil."
    assert child.pending_translation == ("en", "fr")


# --- apply_amendment: clause operations --------------------------------------------------------------

def test_substitute_sets_texts_and_marks_missing_languages() -> None:
    a = amendment(Change("substitute", texts={"es": "Nuevo texto.", "en": "New text."}))
    clause = apply_amendment(workspace(), a).workspace.clause("quality-asylum")
    assert clause is not None
    assert clause.text["es"] == "Nuevo texto." and clause.text["en"] == "New text."
    assert clause.pending_translation == ("fr",)
    override = apply_amendment(workspace(), a, text_override="Texto adoptado.").workspace
    assert override.clause("quality-asylum").text["es"] == "Texto adoptado."  # type: ignore[union-attr]


def test_add_after_and_before() -> None:
    new = Clause("access-bis", {"es": "Nuevo párrafo."})
    after = apply_amendment(workspace(), amendment(Change("add", after="access", clause=new), target=None))
    assert ids(after.workspace)[:6] == ["recalling", "quality-asylum", "quality-registration", "access",
                                        "access-bis", "solutions-heading"]
    added = after.workspace.clause("access-bis")
    assert added is not None and added.pending_translation == ("en", "fr")
    before = apply_amendment(workspace(), amendment(Change("add", before="quality-registration", clause=new)))
    parent = before.workspace.clause("quality-asylum")
    assert parent is not None and [c.id for c in parent.children] == ["access-bis", "quality-registration"]


def test_add_with_override_and_texts() -> None:
    new = Clause("access-bis", {"es": "Nuevo párrafo."})
    result = apply_amendment(workspace(), amendment(Change("add", after="access", clause=new)),
                             text_override="Párrafo adoptado.", texts={"en": "Adopted paragraph."})
    added = result.workspace.clause("access-bis")
    assert added is not None
    assert added.text == {"es": "Párrafo adoptado.", "en": "Adopted paragraph."}
    assert added.pending_translation == ("fr",)


def test_add_refuses_taken_id_and_unknown_reference() -> None:
    with pytest.raises(ApplyError, match="already in use: access"):
        apply_amendment(workspace(), amendment(Change("add", after="recalling", clause=Clause("access", {}))))
    with pytest.raises(ApplyError, match="unknown clause 'nope'"):
        apply_amendment(workspace(), amendment(Change("add", after="nope", clause=Clause("x", {}))))


def test_remove_with_children_warns() -> None:
    result = apply_amendment(workspace(), amendment(Change("remove")))
    assert "quality-asylum" not in ids(result.workspace)
    assert "quality-registration" not in ids(result.workspace)
    assert "quality-registration" in result.warnings[0].message


def test_move_within_document() -> None:
    result = apply_amendment(workspace(), amendment(Change("move", after="recalling"), target="access"))
    assert ids(result.workspace)[:3] == ["recalling", "access", "quality-asylum"]
    result = apply_amendment(workspace(), amendment(Change("move", before="quality-registration"),
                                                    target="access"))
    parent = result.workspace.clause("quality-asylum")
    assert parent is not None and [c.id for c in parent.children] == ["access", "quality-registration"]


def test_move_refusals() -> None:
    with pytest.raises(ApplyError, match="from document 'declaration' to 'plan-of-action'"):
        apply_amendment(workspace(), amendment(Change("move", after="plan-1"), target="access"))
    with pytest.raises(ApplyError, match="own sub-clause"):
        apply_amendment(workspace(), amendment(Change("move", after="quality-registration")))
    with pytest.raises(ApplyError, match="does not apply"):
        apply_amendment(workspace(), amendment(Change("move", after="access")), text_override="x")


def test_comment_changes_nothing() -> None:
    ws = workspace()
    result = apply_amendment(ws, amendment(Change("comment")))
    assert result.workspace is ws and result.warnings == ()
