"""apply_amendment on the clause tree: every refusal word for word with the amendment's file and line,
every warning, and what an added, moved or substituted clause looks like afterwards."""

from __future__ import annotations

import pytest

from drafting.model import Amendment, Change, Clause, Document, Loc, Section, Workspace
from drafting.ops.apply import ApplyError, apply_amendment

PATH = "amendments/zero/zero-BRA-001.yaml"


def amendment(change: Change, target: str | None = "a", lang: str = "es") -> Amendment:
    return Amendment("zero-BRA-001", "zero", "BRA", change, target=target, lang=lang,
                     loc=Loc(PATH, 1, {"change": 7}))


def workspace() -> Workspace:
    a = Clause("a", {"es": "Fortalecer el asilo.", "en": "Strengthen asylum."},
               children=(Clause("a-1", {"es": "Registro.", "en": "Registration."}),
                         Clause("a-2", {"es": "Documentación.", "en": "Documentation."})))
    b = Clause("b", {"es": "Acceso.", "en": "Access."}, pending_translation=("en",))
    c = Clause("c", {"es": "Cooperar.", "en": "Cooperate."})
    decl = Document("declaration", {"en": "D"}, (Section("op", {"en": "O"}, "arabic", (a, b, c)),))
    plan = Document("plan", {"en": "P"}, (Section("ch", {"en": "I"}, "roman", (Clause("p", {"es": "Plan.",
                                                                                            "en": "Plan."}),)),))
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en", "fr"), ("declaration", "plan"), {}, (),
                     documents=(decl, plan))


def refused(change: Change, message: str, target: str | None = "a", lang: str = "es", **kw: object) -> None:
    with pytest.raises(ApplyError) as err:
        apply_amendment(workspace(), amendment(change, target, lang), **kw)  # type: ignore[arg-type]
    assert err.value.message == f"zero-BRA-001: {message}"
    assert (err.value.path, err.value.line) == (PATH, 7)


def order(ws: Workspace) -> list[str]:
    return [p.clause.id for p in ws.placements()]


def test_refusals_name_the_amendment_file_and_line() -> None:
    refused(Change("move", after="c"), "a new wording (--text) does not apply to a 'move'", text_override="x")
    refused(Change("remove"), "a new wording (--text) does not apply to a 'remove'", text_override="x")
    refused(Change("comment"), "a new wording (--text) does not apply to a 'comment'", text_override="x")
    refused(Change("frobnicate"), "unknown operation 'frobnicate'")
    refused(Change("delete", old="asilo"), "not a language of this negotiation: de, it (languages: es, en, fr)",
            texts={"it": "x", "de": "y"})
    refused(Change("delete", old="asilo"), "a 'delete' needs a target clause", target=None)
    refused(Change("delete", old="asilo"), "unknown clause 'zz'", target="zz")
    refused(Change("delete", old="asilo"), "clause 'a' has no text in 'fr'", lang="fr")
    refused(Change("delete", old="refugio"),
            "cannot apply to clause 'a': the words 'refugio' are not in the clause; the text reads "
            "'Fortalecer el asilo.'")
    refused(Change("substitute", texts={}), "the substitute gives no text")
    refused(Change("add", after="c"), "the 'add' gives no clause", target=None)
    refused(Change("add", clause=Clause("n", {"es": "N."})), "an 'add' needs after or before (a clause id)",
            target=None)
    refused(Change("add", after="zz", clause=Clause("n", {"es": "N."})),
            "unknown clause 'zz' (the new clause goes after it)", target=None)
    refused(Change("add", before="zz", clause=Clause("n", {"es": "N."})),
            "unknown clause 'zz' (the new clause goes before it)", target=None)
    refused(Change("add", after="c", clause=Clause("n", {"es": "N."}, children=(Clause("a-1", {}), Clause("b", {})))),
            "clause id already in use: a-1, b", target=None)
    refused(Change("move"), "a 'move' needs after or before (a clause id)")
    refused(Change("move", after="zz"), "unknown clause 'zz' (the clause is to move after it)")
    refused(Change("move", before="zz"), "unknown clause 'zz' (the clause is to move before it)")
    refused(Change("move", after="a-2"), "cannot move clause 'a' next to itself or its own sub-clause 'a-2'")
    refused(Change("move", before="a"), "cannot move clause 'a' next to itself or its own sub-clause 'a'")
    refused(Change("move", before="p"), "cannot move clause 'a' from document 'declaration' to 'plan'")


def test_warnings_are_located_at_the_change() -> None:
    result = apply_amendment(workspace(), amendment(Change("remove")))
    assert [(w.path, w.line, w.severity, w.message) for w in result.warnings] == [
        (PATH, 7, "warning", "zero-BRA-001: removing clause 'a' also removes its sub-clauses: a-1, a-2")]
    assert order(result.workspace) == ["b", "c", "p"]
    result = apply_amendment(workspace(), amendment(Change("remove"), target="b"))
    assert result.warnings == () and order(result.workspace) == ["a", "a-1", "a-2", "c", "p"]


def test_text_warnings() -> None:
    result = apply_amendment(workspace(), amendment(Change("replace", old="asilo", new="asilo")),
                             texts={"es": "ignored", "en": "Strengthen [asylum."})
    assert [w.message for w in result.warnings] == [
        "zero-BRA-001: the text given for 'es' is ignored: the amendment itself changes that language",
        "zero-BRA-001: the text of clause 'a' (es) is unchanged",
        "zero-BRA-001: clause 'a' (en): opening bracket '[' at character 12 is never closed (Strengthen [asylum.)",
    ]
    clause = result.workspace.clause("a")
    assert clause is not None and clause.text == {"es": "Fortalecer el asilo.", "en": "Strengthen [asylum."}
    assert clause.pending_translation == ("fr",)


def test_pending_languages_keep_the_workspace_order() -> None:
    ws = workspace()
    b = apply_amendment(ws, amendment(Change("replace", old="Acceso", new="Acceso seguro"), target="b"))
    clause = b.workspace.clause("b")
    assert clause is not None and clause.text["es"] == "Acceso seguro." and clause.pending_translation == ("en", "fr")
    # a language pending before stays pending unless supplied
    b = apply_amendment(ws, amendment(Change("replace", old="Acceso", new="Acceso seguro"), target="b"),
                        texts={"fr": "Accès sûr."})
    assert b.workspace.clause("b").pending_translation == ("en",)  # type: ignore[union-attr]


def test_substitute_checks_every_text_and_keeps_others() -> None:
    result = apply_amendment(workspace(), amendment(Change("substitute", texts={"es": "Nuevo [texto.",
                                                                               "fr": "Nouveau."})))
    clause = result.workspace.clause("a")
    assert clause is not None
    assert clause.text == {"es": "Nuevo [texto.", "en": "Strengthen asylum.", "fr": "Nouveau."}
    assert clause.pending_translation == ("en",)
    assert [w.message for w in result.warnings] == [
        "zero-BRA-001: clause 'a' (es): opening bracket '[' at character 7 is never closed (Nuevo [texto.)"]
    assert [c.id for c in clause.children] == ["a-1", "a-2"]
    # supplied texts complete it
    result = apply_amendment(workspace(), amendment(Change("substitute", texts={"es": "Nuevo."})),
                             texts={"en": "New.", "fr": "Nouveau."})
    assert result.workspace.clause("a").pending_translation == ()  # type: ignore[union-attr]


def test_an_added_clause_and_its_sub_clauses_are_nfc_and_pending_where_they_lack_text() -> None:
    nfd = "Proteccio\u0301n."
    new = Clause("n", {"es": nfd, "en": ""}, pending_translation=("en",),
                 children=(Clause("n-1", {"es": "Sub-proteccio\u0301n.", "fr": "[Sous."}),))
    result = apply_amendment(workspace(), amendment(Change("add", before="b", clause=new), target=None),
                             texts={"en": "Protection."})
    added = result.workspace.clause("n")
    assert added is not None
    assert added.text == {"es": "Protección.", "en": "Protection."}
    assert added.pending_translation == ("fr",)
    child = added.children[0]
    assert child.text == {"es": "Sub-protección.", "fr": "[Sous."}
    assert child.pending_translation == ("en",)
    assert order(result.workspace) == ["a", "a-1", "a-2", "n", "n-1", "b", "c", "p"]
    assert [w.message for w in result.warnings] == []  # the sub-clause's brackets are its own business
    # with an adopted wording the proponent's language counts as supplied
    result = apply_amendment(workspace(), amendment(Change("add", after="c", clause=Clause("m", {"es": "M."})),
                                                    target=None), text_override="Adoptado [.")
    m = result.workspace.clause("m")
    assert m is not None and m.text == {"es": "Adoptado [."} and m.pending_translation == ("en", "fr")
    assert [w.message for w in result.warnings] == [
        "zero-BRA-001: clause 'm' (es): opening bracket '[' at character 10 is never closed (Adoptado [.)"]


def test_move_takes_the_clause_out_of_its_old_place() -> None:
    result = apply_amendment(workspace(), amendment(Change("move", after="c")))
    assert order(result.workspace) == ["b", "c", "a", "a-1", "a-2", "p"]
    result = apply_amendment(workspace(), amendment(Change("move", before="a-1"), target="c"))
    assert order(result.workspace) == ["a", "c", "a-1", "a-2", "b", "p"]
    assert result.warnings == ()


def test_the_original_workspace_is_never_changed() -> None:
    ws = workspace()
    before = list(ws.placements())
    for change, target in ((Change("move", after="c"), "a"), (Change("remove"), "a"),
                           (Change("replace", old="asilo", new="refugio"), "a"),
                           (Change("substitute", texts={"es": "X."}), "b")):
        apply_amendment(ws, amendment(change, target))
    assert list(ws.placements()) == before


def test_only_the_target_changes_and_one_document_workspaces_change_too() -> None:
    ws = workspace()
    result = apply_amendment(ws, amendment(Change("replace", old="Acceso", new="Acceso seguro"), target="b"))
    new = result.workspace
    assert [new.clause(x) for x in ("a", "a-1", "a-2", "c", "p")] == [ws.clause(x) for x in ("a", "a-1", "a-2", "c", "p")]
    assert new.clause("b").text["es"] == "Acceso seguro."  # type: ignore[union-attr]
    single = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, ("declaration",), {}, (),
                       documents=ws.documents[:1])
    changed = apply_amendment(single, amendment(Change("replace", old="Acceso", new="Acceso seguro"), target="b"))
    assert changed.workspace.clause("b").text["es"] == "Acceso seguro."  # type: ignore[union-attr]
    assert changed.workspace is not single


def test_removing_an_only_sub_clause() -> None:
    ws = apply_amendment(workspace(), amendment(Change("remove"), target="a-1")).workspace
    ws = apply_amendment(ws, amendment(Change("remove"), target="a-2")).workspace
    assert order(ws) == ["a", "b", "c", "p"] and ws.clause("a").children == ()  # type: ignore[union-attr]


def test_location_is_given_for_text_operations_only() -> None:
    assert apply_amendment(workspace(), amendment(Change("comment"))).location is None
    assert apply_amendment(workspace(), amendment(Change("remove"), target="c")).location is None
    loc = apply_amendment(workspace(), amendment(Change("delete", old=" el asilo"))).location
    assert loc is not None and (loc.start, loc.end) == (10, 19)


def test_the_base_text_decides_which_words_are_meant() -> None:
    ws = apply_amendment(workspace(), amendment(Change("substitute", texts={"es": "El asilo, siempre. Y el asilo."}),
                                                target="b")).workspace
    # written against "El asilo, siempre.", the anchor is unique there; now the text has it twice
    a = amendment(Change("replace", old="asilo", new="refugio"), target="b")
    result = apply_amendment(ws, a, base_text="El asilo, siempre.")
    assert result.workspace.clause("b").text["es"] == "El refugio, siempre. Y el asilo."  # type: ignore[union-attr]
    assert result.location is not None and result.location.occurrence == 1
    with pytest.raises(ApplyError, match="occur 2 times"):
        apply_amendment(ws, a)


@pytest.mark.parametrize("op", ["delete", "bracket"])
def test_an_adopted_wording_replaces_the_words_of_a_delete_or_bracket(op: str) -> None:
    result = apply_amendment(workspace(), amendment(Change(op, old="el asilo")), text_override="la [protección]")
    assert result.workspace.clause("a").text["es"] == "Fortalecer la [protección]."  # type: ignore[union-attr]


def test_bracket_warning_after_a_text_change_names_the_clause_and_language() -> None:
    result = apply_amendment(workspace(), amendment(Change("replace", old="asilo", new="[asilo"), target="a"))
    assert [w.message for w in result.warnings] == [
        "zero-BRA-001: clause 'a' (es): opening bracket '[' at character 15 is never closed (Fortalecer el [asilo.)"]


def test_an_adopted_wording_clears_the_added_clause_s_own_pending_language() -> None:
    new = Clause("n", {"es": "Borrador."}, pending_translation=("es",))
    result = apply_amendment(workspace(), amendment(Change("add", after="c", clause=new), target=None),
                             text_override="Adoptado.")
    added = result.workspace.clause("n")
    assert added is not None and added.text == {"es": "Adoptado."} and added.pending_translation == ("en", "fr")
