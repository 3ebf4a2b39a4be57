"""Every cross-file check of ``validate`` on a model built in code, compared message for message and
line for line (the loading tests check the same rules through files)."""

from __future__ import annotations

from drafting.errors import Problem
from drafting.model import Amendment, Change, Clause, Decision, Delegation, Document, Loc, Section, Version, Workspace
from drafting.ops.validate import anchor_problem, invisible_change, validate

NEG = "negotiation.yaml"
SEC = "drafts/declaration/operative.yaml"


def loc(path: str, line: int, **fields: int) -> Loc:
    return Loc(path, line, {k.replace("__", "."): v for k, v in fields.items()})


def clause(cid: str, line: int, text: dict[str, str], **kw: object) -> Clause:
    return Clause(cid, text, loc=loc(SEC, line, text=line + 1, text__es=line + 2, text__en=line + 3,
                                     text__de=line + 4, pending_translation=line + 5), **kw)  # type: ignore[arg-type]


def amendment(aid: str, change: Change, line_base: int = 1, **kw: object) -> Amendment:
    path = f"amendments/zero/{aid}.yaml"
    fields = dict(by=2, cosponsors=3, supporters=4, objectors=5, on_behalf_of=6, lang=7, target=8, change=9,
                  change__old=10, change__after=11, change__before=12, change__text=13, change__new=14,
                  change__clause=15, status=16, decision=17, decision__into=18, decision__clause=19)
    lines = {k.replace("__", "."): v for k, v in fields.items()}
    kw.setdefault("by", "ARG")
    return Amendment(aid, "zero", change=change, loc=Loc(path, 1, lines), **kw)  # type: ignore[arg-type]


def good_workspace(*amendments: Amendment, clauses: tuple[Clause, ...] | None = None,
                   delegations: dict[str, Delegation] | None = None) -> Workspace:
    clauses = clauses if clauses is not None else (
        clause("op-asylum", 10, {"es": "Fortalecer los sistemas de asilo.", "en": "Strengthen asylum systems."}),
        clause("op-borders", 20, {"es": "Acceso en las fronteras.", "en": "Access at borders."}),
    )
    doc = Document("declaration", {"es": "Declaración", "en": "Declaration"},
                   (Section("operative", {"en": "O"}, "arabic", clauses, loc=loc(SEC, 1)),),
                   loc=loc("drafts/declaration/document.yaml", 1, title=2))
    dels = delegations if delegations is not None else {
        "ARG": Delegation("ARG", {"en": "Argentina"}),
        "BRA": Delegation("BRA", {"en": "Brazil"}),
        "MERCOSUR": Delegation("MERCOSUR", {"en": "MERCOSUR"}, "group", ("ARG",), loc=loc(NEG, 30, members=31)),
    }
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en"), ("declaration",), dels,
                     (Version("zero", {"en": "Zero draft"}),), documents=(doc,), amendments=amendments)


def messages(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in problems]


def test_a_good_workspace_has_no_problem() -> None:
    ws = good_workspace(amendment("zero-ARG-001", Change("replace", old="asilo", new="refugio"), target="op-asylum"),
                        amendment("zero-BRA-001", Change("insert", text="y marítimas", after="fronteras"),
                                  by="BRA", target="op-borders"))
    assert validate(ws) == []


def test_delegations_clauses_and_documents() -> None:
    dels = {
        "ARG": Delegation("ARG", {"en": "Argentina"}),
        "MERCOSUR": Delegation("MERCOSUR", {"en": "MERCOSUR"}, "group", ("ARG", "XXX", "MERCOSUR"),
                               loc=loc(NEG, 30, members=31)),
    }
    clauses = (
        clause("op-a", 10, {"es": "Uno [dos.", "en": "One ]two.", "de": "Eins."}, pending_translation=("it",)),
        clause("op-b", 20, {"es": "Solo en español."}),
        clause("op-c", 30, {"es": "Pendiente."}, pending_translation=("en",)),
        clause("op-a", 40, {"es": "Otra vez.", "en": "Again."}),
    )
    ws = good_workspace(clauses=clauses, delegations=dels)
    ws = Workspace(ws.title, ws.symbol, ws.original_language, ws.languages, ws.document_ids, ws.delegations,
                   ws.versions, documents=(Document("declaration", {"es": "Declaración"}, ws.documents[0].sections,
                                                    loc=loc("drafts/declaration/document.yaml", 1, title=2)),))
    assert messages(validate(ws)) == [
        (NEG, 31, "group MERCOSUR lists unknown member 'XXX'"),
        (NEG, 31, "group MERCOSUR lists itself as a member"),
        (SEC, 12, "clause op-a (es): unbalanced brackets: 1 '[' never closed"),
        (SEC, 13, "clause op-a (en): unbalanced brackets: a ']' at character 5 closes no '['"),
        (SEC, 14, "clause op-a: language 'de' is not one of the negotiation's languages"),
        (SEC, 15, "clause op-a: pending translation into unknown language 'it'"),
        (SEC, 21, "clause op-b: no text in 'en'"),
        (SEC, 40, "duplicate clause id 'op-a' (also at drafts/declaration/operative.yaml:10)"),
        ("drafts/declaration/document.yaml", 2, "document declaration: no title in 'en'"),
    ]


def test_who_proposes() -> None:
    ws = good_workspace(
        amendment("zero-ZZZ-001", Change("comment"), by="ZZZ", target="op-asylum", cosponsors=("YYY",),
                  supporters=("SSS",), objectors=("OOO",), on_behalf_of="NOPE", lang="it"),
        amendment("zero-BRA-002", Change("comment"), by="BRA", target="op-asylum", on_behalf_of="MERCOSUR"),
        amendment("zero-ARG-003", Change("comment"), by="ARG", target="op-asylum", on_behalf_of="BRA"),
        amendment("zero-ARG-004", Change("comment"), by="ARG", target="op-asylum", on_behalf_of="MERCOSUR"),
        amendment("zero-MERCOSUR-005", Change("comment"), by="MERCOSUR", target="op-asylum",
                  on_behalf_of="MERCOSUR"),
    )
    assert messages(validate(ws)) == [
        ("amendments/zero/zero-ZZZ-001.yaml", 2, "unknown delegation 'ZZZ'"),
        ("amendments/zero/zero-ZZZ-001.yaml", 3, "unknown delegation 'YYY'"),
        ("amendments/zero/zero-ZZZ-001.yaml", 4, "unknown delegation 'SSS'"),
        ("amendments/zero/zero-ZZZ-001.yaml", 5, "unknown delegation 'OOO'"),
        ("amendments/zero/zero-ZZZ-001.yaml", 6, "unknown delegation 'NOPE'"),
        ("amendments/zero/zero-ZZZ-001.yaml", 7, "language 'it' is not one of the negotiation's languages"),
        ("amendments/zero/zero-BRA-002.yaml", 6, "BRA is not a member of MERCOSUR"),
        ("amendments/zero/zero-ARG-003.yaml", 6, "BRA is not a group"),
    ]


def test_what_an_amendment_changes() -> None:
    A = "amendments/zero/"
    ws = good_workspace(
        amendment("zero-ARG-001", Change("add", after="nowhere", clause=Clause("op-borders", {"es": "[x", "it": "y"}))),
        amendment("zero-ARG-002", Change("add", before="nowhere", clause=Clause("op-new", {"es": "x"}))),
        amendment("zero-ARG-003", Change("replace", old="asilo", new="refugio")),
        amendment("zero-ARG-004", Change("delete", old="asilo"), target="op-gone", status="accepted",
                  decision=Decision(date="2024-09-20")),
        amendment("zero-ARG-005", Change("remove"), target="op-gone", status="accepted",
                  decision=Decision(date="2024-09-20")),
        amendment("zero-ARG-006", Change("move", after="op-asylum"), target="op-asylum"),
        amendment("zero-ARG-007", Change("move", before="nowhere"), target="op-asylum"),
        amendment("zero-ARG-008", Change("substitute", texts={"it": "Nuovo.", "es": "Nuevo ]."}), target="op-asylum"),
        amendment("zero-ARG-009", Change("replace", old="asilo", new="asi\u00adlo"), target="op-asylum"),
        amendment("zero-ARG-010", Change("insert", text="\u200b", at="end"), target="op-asylum"),
        amendment("zero-ARG-011", Change("substitute", texts={"es": "Fortalecer los sistemas de asilo. "}),
                  target="op-asylum"),
        amendment("zero-ARG-012", Change("replace", old="refugio", new="asilo"), target="op-asylum"),
        amendment("zero-ARG-013", Change("insert", text="x", after="el", before="las"), target="op-borders",
                  lang="en"),
        amendment("zero-ARG-014", Change("insert", text="x", before="zzz"), target="op-borders"),
        amendment("zero-ARG-015", Change("replace", old="asilo", new="x"), target="op-asylum", lang="fr"),
    )
    assert messages(validate(ws)) == [
        (A + "zero-ARG-001.yaml", 15, "the new clause id 'op-borders' is already used"),
        (A + "zero-ARG-001.yaml", 15, "new clause (es): unbalanced brackets: 1 '[' never closed"),
        (A + "zero-ARG-001.yaml", 15, "new clause: language 'it' is not one of the negotiation's"),
        (A + "zero-ARG-001.yaml", 9, "'after' names unknown clause 'nowhere'"),
        (A + "zero-ARG-002.yaml", 9, "'before' names unknown clause 'nowhere'"),
        (A + "zero-ARG-003.yaml", 8, "a replace amendment needs a 'target' clause"),
        (A + "zero-ARG-004.yaml", 8, "unknown clause 'op-gone'"),
        (A + "zero-ARG-006.yaml", 9, "a clause cannot be moved next to itself"),
        (A + "zero-ARG-007.yaml", 9, "'before' names unknown clause 'nowhere'"),
        (A + "zero-ARG-008.yaml", 13, "language 'it' is not one of the negotiation's languages"),
        (A + "zero-ARG-008.yaml", 13, "substitute text (es): unbalanced brackets: a ']' at character 7 closes no '['"),
        (A + "zero-ARG-009.yaml", 14, "the replacement makes no visible change: only spaces, invisible characters "
                                      "(soft hyphen, zero-width space) or the style of quotes differ, which diffs "
                                      "and drafts do not show"),
        (A + "zero-ARG-010.yaml", 13, "the inserted text is empty or invisible: only spaces, invisible characters "
                                      "(soft hyphen, zero-width space) or the style of quotes differ, which diffs "
                                      "and drafts do not show"),
        (A + "zero-ARG-011.yaml", 13, "the new text is the clause's own text: only spaces, invisible characters "
                                      "(soft hyphen, zero-width space) or the style of quotes differ, which diffs "
                                      "and drafts do not show"),
        (A + "zero-ARG-012.yaml", 10, "anchor in clause op-asylum (es, version zero): the words 'refugio' are not "
                                      "in the clause"),
        (A + "zero-ARG-013.yaml", 11, "anchor in clause op-borders (en, version zero): the words 'el' are not in "
                                      "the clause"),
        (A + "zero-ARG-013.yaml", 12, "anchor in clause op-borders (en, version zero): the words 'las' are not in "
                                      "the clause"),
        (A + "zero-ARG-014.yaml", 12, "anchor in clause op-borders (es, version zero): the words 'zzz' are not in "
                                      "the clause"),
        (A + "zero-ARG-015.yaml", 7, "language 'fr' is not one of the negotiation's languages"),
        (A + "zero-ARG-015.yaml", 10, "clause op-asylum has no 'fr' text to anchor in"),
    ]


def test_decisions() -> None:
    A = "amendments/zero/"
    c = Change("comment")
    ws = good_workspace(
        amendment("zero-ARG-001", c, target="op-asylum", status="merged", decision=Decision(date="2024-09-20")),
        amendment("zero-ARG-002", c, target="op-asylum", status="merged", decision=Decision(into="zero-XXX-009")),
        amendment("zero-ARG-003", c, target="op-asylum", status="merged", decision=Decision(into="zero-ARG-003")),
        amendment("zero-ARG-004", c, target="op-asylum", status="merged", decision=Decision(into="zero-ARG-001")),
        amendment("zero-ARG-005", c, target="op-asylum", status="accommodated", decision=Decision()),
        amendment("zero-ARG-006", c, target="op-asylum", status="accommodated", decision=Decision(clause="op-x")),
        amendment("zero-ARG-007", c, target="op-asylum", status="accommodated",
                  decision=Decision(clause="op-borders")),
        amendment("zero-ARG-008", Change("delete", old="asilo"), target="op-asylum", status="modified",
                  decision=Decision(note="n")),
        amendment("zero-ARG-009", Change("delete", old="asilo"), target="op-asylum", status="modified",
                  decision=Decision(texts={"en": "x"})),
        amendment("zero-ARG-010", c, target="op-asylum", status="rejected"),
        amendment("zero-ARG-011", c, target="op-asylum", decision=Decision(note="too early")),
        amendment("zero-ARG-011", c, target="op-asylum"),
    )
    assert messages(validate(ws)) == [
        (A + "zero-ARG-011.yaml", 1, "duplicate amendment id 'zero-ARG-011' (also amendments/zero/zero-ARG-011.yaml)"),
        (A + "zero-ARG-001.yaml", 17, "merged: 'into' must name the amendment it was merged into"),
        (A + "zero-ARG-002.yaml", 18, "merged into unknown amendment 'zero-XXX-009'; "
                                          "did you mean 'zero-ARG-009' or 'zero-ARG-010'?"),
        (A + "zero-ARG-003.yaml", 18, "an amendment cannot be merged into itself"),
        (A + "zero-ARG-005.yaml", 17, "accommodated: 'clause' must name where"),
        (A + "zero-ARG-006.yaml", 19, "accommodated in unknown clause 'op-x'"),
        (A + "zero-ARG-008.yaml", 17, "modify: the adopted wording ('text') is missing"),
        (A + "zero-ARG-010.yaml", 16, "status 'rejected' but no 'decision' block"),
        (A + "zero-ARG-011.yaml", 17, "a decision is recorded but the status is still 'submitted'"),
    ]


def test_anchors_are_checked_in_the_version_they_were_written_against() -> None:
    a = amendment("zero-ARG-001", Change("replace", old="viejo", new="nuevo"), target="op-asylum")
    base = good_workspace(clauses=(clause("op-asylum", 10, {"es": "El texto viejo.", "en": "Old."}),))
    now = good_workspace(a)
    assert validate(now, {"zero": base}) == []
    assert messages(validate(now)) == [("amendments/zero/zero-ARG-001.yaml", 10,
                                        "anchor in clause op-asylum (es, version zero): the words 'viejo' are not "
                                        "in the clause")]
    # only the amendments asked for are checked
    assert validate(now, only=lambda x: x.id != "zero-ARG-001") == []
    # a decided amendment's anchors are history: not checked
    decided = good_workspace(amendment("zero-ARG-001", Change("replace", old="viejo", new="nuevo"),
                                       target="op-asylum", status="rejected", decision=Decision(date="2024-09-20")))
    assert validate(decided) == []


def test_anchor_problem_and_invisible_change_helpers() -> None:
    assert anchor_problem("el asilo y el asilo", "asilo", None) is not None
    assert "occur 2 times" in anchor_problem("el asilo y el asilo", "asilo", None)  # type: ignore[operator]
    assert anchor_problem("el asilo y el asilo", "asilo", 2) is None
    assert anchor_problem("el asilo", "asilo", None) is None
    assert invisible_change(Change("replace", old="a", new="b"), None) is None
    assert invisible_change(Change("replace", old="l'asile", new="l’asile"), None) is not None
    assert invisible_change(Change("insert", text=" x ", at="end"), None) is None
    assert invisible_change(Change("substitute", texts={"es": "Texto."}), None) is None
    assert invisible_change(Change("substitute", texts={"es": "Texto."}), {"es": "Texto.", "en": "Text."}) == (
        "change.text", "the new text is the clause's own text: only spaces, invisible characters (soft hyphen, "
        "zero-width space) or the style of quotes differ, which diffs and drafts do not show")
    # one language that really changes is a change
    assert invisible_change(Change("substitute", texts={"es": "Texto.", "en": "Other."}),
                            {"es": "Texto.", "en": "Text."}) is None
    assert invisible_change(Change("substitute", texts={"fr": "Texte."}), {"es": "Texto."}) is None


def test_references_known_in_the_base_or_the_current_text() -> None:
    A = "amendments/zero/"
    base = good_workspace(clauses=(clause("op-old", 10, {"es": "Viejo.", "en": "Old."}),
                                   clause("op-asylum", 20, {"es": "Asilo.", "en": "Asylum."})))
    ws = good_workspace(
        # after a clause the base had and the current text no longer has: fine while open
        amendment("zero-ARG-001", Change("add", after="op-old", clause=Clause("n1", {"es": "N."}))),
        # targets a clause added since the base: known in the current text
        amendment("zero-ARG-002", Change("comment"), target="op-borders"),
        # an add without a place: the reader reports it, not this check
        amendment("zero-ARG-003", Change("add", clause=Clause("n3", {"es": "N."}))),
        # decided ones: a modified amendment to a clause nobody knows is an error, a rejected one is history
        amendment("zero-ARG-004", Change("delete", old="x"), target="op-gone", status="modified",
                  decision=Decision(text="y")),
        amendment("zero-ARG-005", Change("delete", old="x"), target="op-gone", status="rejected",
                  decision=Decision(date="2024-09-20")),
    )
    assert messages(validate(ws, {"zero": base})) == [(A + "zero-ARG-004.yaml", 8, "unknown clause 'op-gone'")]
    more = good_workspace(
        # a clause added since the base: its anchors are checked in the current text
        amendment("zero-ARG-006", Change("replace", old="zzz", new="x"), target="op-borders"),
        amendment("zero-ARG-007", Change("move", after="nowhere"), target="op-asylum"),
        # both anchors of an insertion in a language the clause lacks
        amendment("zero-ARG-008", Change("insert", text="x", after="a", before="b"), target="op-asylum",
                  lang="fr"),
    )
    assert messages(validate(more, {"zero": base})) == [
        (A + "zero-ARG-006.yaml", 10, "anchor in clause op-borders (es, version zero): the words 'zzz' are not in "
                                      "the clause"),
        (A + "zero-ARG-007.yaml", 9, "'after' names unknown clause 'nowhere'"),
        (A + "zero-ARG-008.yaml", 7, "language 'fr' is not one of the negotiation's languages"),
        (A + "zero-ARG-008.yaml", 11, "clause op-asylum has no 'fr' text to anchor in"),
        (A + "zero-ARG-008.yaml", 12, "clause op-asylum has no 'fr' text to anchor in"),
    ]
