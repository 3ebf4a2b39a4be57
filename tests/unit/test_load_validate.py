"""Every validate rule, one failing example each: the problem names the right file and line and says
what is wrong, and every problem is reported at once.  Also ``drafting validate`` on the command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from drafting import api
from drafting.errors import Problem, WorkspaceError
from drafting.store.load import load_workspace
from drafting.store.source import DiskSource

REPO = Path(__file__).resolve().parents[2]

NEGOTIATION = """\
schema: 1
title: {es: Negociación de prueba, en: Test negotiation}
symbol: "T/L.1"
original_language: es
languages: [es, en]
documents: [decl]
delegations:
  ARG: {name: {es: Argentina, en: Argentina}, kind: state}
  BRA: {name: {es: Brasil, en: Brazil}, kind: state}
  URY: {name: {es: Uruguay, en: Uruguay}, kind: state}
  CHL: {name: {es: Chile, en: Chile}, kind: state}
  MERCOSUR:
    name: {es: MERCOSUR, en: MERCOSUR}
    kind: group
    members: [ARG, BRA, URY]
versions:
  - id: zero
    label: {es: Borrador cero, en: Zero draft}
    date: 2024-08-30
"""
DOCUMENT = """\
id: decl
title: {es: Declaración, en: Declaration}
sections: [preamble, operative]
"""
PREAMBLE = """\
id: preamble
title: {es: Preámbulo, en: Preamble}
numbering: none
clauses:
  - id: pp-one
    status: agreed
    text:
      es: "Reconociendo la cooperación regional,"
      en: "Recognizing regional cooperation,"
"""
OPERATIVE = """\
id: operative
title: {es: Parte dispositiva, en: Operative part}
numbering: arabic
clauses:
  - id: op-asylum
    text:
      es: "Fortalecer los sistemas nacionales de asilo y los sistemas regionales [de protección];"
      en: "Strengthen national asylum systems and regional systems [of protection];"
  - id: op-solutions
    status: agreed-ad-ref
    text:
      es: "Promover soluciones duraderas;"
      en: "Promote durable solutions;"
    children:
      - id: op-solutions-local
        text:
          es: "la integración local;"
          en: "local integration;"
"""
BRA_001 = """\
id: zero-BRA-001
by: BRA
on_behalf_of: MERCOSUR
cosponsors: [ARG, URY]
supporters: [CHL]
target: op-asylum
lang: es
change:
  replace:
    old: "nacionales de asilo"
    new: "nacionales y regionales de asilo"
rationale: "Coherencia."
channel: written
submitted: 2024-09-12
status: submitted
"""
CHL_001 = """\
id: zero-CHL-001
by: CHL
target: op-solutions
lang: en
change:
  insert:
    text: " and lasting"
    after: "durable"
channel: oral
submitted: 2024-09-13
status: accepted
decision:
  date: 2024-09-20
  note: "Agreed in informals"
"""

NEG = "negotiation.yaml"
DOC = "drafts/decl/document.yaml"
PRE = "drafts/decl/preamble.yaml"
OPS = "drafts/decl/operative.yaml"
BRA = "amendments/zero/zero-BRA-001.yaml"
CHL = "amendments/zero/zero-CHL-001.yaml"
FILES = {NEG: NEGOTIATION, DOC: DOCUMENT, PRE: PREAMBLE, OPS: OPERATIVE, BRA: BRA_001, CHL: CHL_001}


class WS:
    """A small valid workspace in a temporary folder, edited one rule at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for path, text in FILES.items():
            self.write(path, text)

    def write(self, path: str, text: str | bytes) -> None:
        p = self.root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        text = self.read(path)
        assert text.count(old) == 1, f"{old!r} must occur once in {path}"
        self.write(path, text.replace(old, new))

    def line(self, path: str, needle: str, nth: int = 1) -> int:
        """The 1-based line of the nth line of ``path`` holding ``needle``."""
        hits = [i for i, ln in enumerate(self.read(path).splitlines(), 1) if needle in ln]
        assert len(hits) >= nth, f"{needle!r} not in {path}"
        return hits[nth - 1]

    def validate(self) -> list[Problem]:
        return api.validate(str(self.root))


@pytest.fixture
def ws(tmp_path: Path) -> WS:
    return WS(tmp_path / "ws")


def has(problems: list[Problem], path: str, line: int, *words: str) -> Problem:
    """The problem at path:line whose message holds every word; fails showing all problems."""
    for p in problems:
        if p.path == path and p.line == line and all(w.lower() in p.message.lower() for w in words):
            assert p.severity == "error"
            return p
    shown = "\n".join(str(p) for p in problems) or "(no problems)"
    raise AssertionError(f"expected {path}:{line}: ... {' ... '.join(words)}\ngot:\n{shown}")


def only(problems: list[Problem], path: str, line: int, *words: str) -> Problem:
    """As ``has``, and it is the only problem."""
    p = has(problems, path, line, *words)
    assert problems == [p], "\n".join(map(str, problems))
    return p


# ------------------------------------------------------------------------------ the baseline

def test_the_small_workspace_is_valid(ws: WS) -> None:
    assert ws.validate() == []
    model, problems = load_workspace(DiskSource(ws.root))
    assert problems == []
    assert [c.id for c in (p.clause for p in model.placements())] == [
        "pp-one", "op-asylum", "op-solutions", "op-solutions-local"]
    assert {a.id for a in model.amendments} == {"zero-BRA-001", "zero-CHL-001"}
    assert model.amendment("zero-BRA-001").cosponsors == ("ARG", "URY")  # type: ignore[union-attr]


# ------------------------------------------------------------------------------ unknown things

def test_unknown_target_clause(ws: WS) -> None:
    ws.edit(BRA, "target: op-asylum", "target: op-nowhere")
    only(ws.validate(), BRA, ws.line(BRA, "target:"), "unknown clause", "op-nowhere")


@pytest.mark.parametrize("field, old, new", [
    ("by", "by: BRA", "by: XYZ"),
    ("cosponsors", "cosponsors: [ARG, URY]", "cosponsors: [ARG, XYZ]"),
    ("supporters", "supporters: [CHL]", "supporters: [XYZ]"),
    ("objectors", "supporters: [CHL]", "supporters: [CHL]\nobjectors: [XYZ]"),
    ("on_behalf_of", "on_behalf_of: MERCOSUR", "on_behalf_of: XYZ"),
])
def test_unknown_delegation(ws: WS, field: str, old: str, new: str) -> None:
    ws.edit(BRA, old, new)
    problems = ws.validate()
    has(problems, BRA, ws.line(BRA, f"{field}:"), "unknown delegation", "'XYZ'")
    assert all(p.path == BRA for p in problems)


def test_unknown_version_folder(ws: WS) -> None:
    ws.write("amendments/rev9/rev9-BRA-001.yaml", BRA_001.replace("zero-BRA-001", "rev9-BRA-001"))
    p = only(ws.validate(), "amendments/rev9", 0, "unknown version", "rev9")
    assert str(p) == "amendments/rev9: error: amendments written against unknown version 'rev9'"


def test_merged_into_unknown_amendment(ws: WS) -> None:
    ws.edit(CHL, "status: accepted\ndecision:\n", "status: merged\ndecision:\n  into: zero-XYZ-009\n")
    only(ws.validate(), CHL, ws.line(CHL, "into:"), "merged into unknown amendment", "zero-XYZ-009")


def test_merged_without_into(ws: WS) -> None:
    ws.edit(CHL, "status: accepted", "status: merged")
    only(ws.validate(), CHL, ws.line(CHL, "decision:"), "merged", "'into'")


def test_merged_into_itself(ws: WS) -> None:
    ws.edit(CHL, "status: accepted\ndecision:\n", "status: merged\ndecision:\n  into: zero-CHL-001\n")
    only(ws.validate(), CHL, ws.line(CHL, "into:"), "merged into itself")


def test_merged_into_known_amendment_is_fine(ws: WS) -> None:
    ws.edit(CHL, "status: accepted\ndecision:\n", "status: merged\ndecision:\n  into: zero-BRA-001\n")
    assert ws.validate() == []


def test_accommodated_in_unknown_clause(ws: WS) -> None:
    ws.edit(CHL, "status: accepted\ndecision:\n", "status: accommodated\ndecision:\n  clause: op-nowhere\n")
    only(ws.validate(), CHL, ws.line(CHL, "clause:"), "accommodated in unknown clause", "op-nowhere")


def test_modified_without_text(ws: WS) -> None:
    ws.edit(CHL, "status: accepted", "status: modified")
    only(ws.validate(), CHL, ws.line(CHL, "decision:"), "modif", "adopted wording")


def test_modified_with_text_is_fine(ws: WS) -> None:
    ws.edit(CHL, "status: accepted\ndecision:\n", "status: modified\ndecision:\n  text: \" and lasting\"\n")
    assert ws.validate() == []


@pytest.mark.parametrize("status", ["accepted", "rejected", "withdrawn"])
def test_decided_status_without_decision_block(ws: WS, status: str) -> None:
    text = ws.read(CHL)
    ws.write(CHL, text[: text.index("status:")] + f"status: {status}\n")
    only(ws.validate(), CHL, ws.line(CHL, "status:"), f"'{status}'", "no 'decision' block")


def test_decision_on_a_submitted_amendment(ws: WS) -> None:
    ws.edit(BRA, "status: submitted\n", "status: submitted\ndecision:\n  date: 2024-09-20\n")
    only(ws.validate(), BRA, ws.line(BRA, "decision:"), "decision is recorded", "still 'submitted'")


# ------------------------------------------------------------------------------ duplicates and ids

def test_duplicate_clause_id_across_files(ws: WS) -> None:
    ws.edit(OPS, "  - id: op-solutions\n", "  - id: pp-one\n    text: {es: Otro., en: Other.}\n"
                                           "  - id: op-solutions\n")
    p = only(ws.validate(), OPS, ws.line(OPS, "id: pp-one"), "duplicate clause id", "'pp-one'")
    assert f"{PRE}:{ws.line(PRE, 'id: pp-one')}" in p.message  # the first one, by file and line


def test_duplicate_clause_id_as_a_sub_clause(ws: WS) -> None:
    ws.edit(OPS, "      - id: op-solutions-local", "      - id: op-asylum")
    p = only(ws.validate(), OPS, ws.line(OPS, "id: op-asylum", 2), "duplicate clause id", "'op-asylum'")
    assert f"{OPS}:{ws.line(OPS, 'id: op-asylum')}" in p.message


def test_added_clause_id_already_used(ws: WS) -> None:
    ws.write("amendments/zero/zero-ARG-001.yaml",
             "id: zero-ARG-001\nby: ARG\nchange:\n  add:\n    after: op-asylum\n    clause:\n"
             "      id: pp-one\n      text: {es: Nuevo., en: New.}\nstatus: submitted\n")
    only(ws.validate(), "amendments/zero/zero-ARG-001.yaml", 6, "'pp-one'", "already used")


def test_duplicate_amendment_ids(ws: WS) -> None:
    ws.edit(NEG, "    date: 2024-08-30\n", "    date: 2024-08-30\n  - id: rev1\n    label: {es: Rev.1, en: Rev.1}\n")
    ws.write("amendments/rev1/zero-BRA-001.yaml", BRA_001)
    problems = ws.validate()
    assert len(problems) == 1, problems
    (p,) = problems
    other = {BRA: "amendments/rev1/zero-BRA-001.yaml", "amendments/rev1/zero-BRA-001.yaml": BRA}[p.path]
    has(problems, p.path, 1, "duplicate amendment id", "'zero-BRA-001'", other)  # names the other file


def test_amendment_id_not_matching_file_name(ws: WS) -> None:
    ws.edit(BRA, "id: zero-BRA-001", "id: zero-BRA-002")
    only(ws.validate(), BRA, 1, "'zero-BRA-002'", "does not match its file name", "zero-BRA-001.yaml")


def test_section_id_not_matching_file_name(ws: WS) -> None:
    ws.edit(OPS, "id: operative\n", "id: operativo\n")
    only(ws.validate(), OPS, 1, "'operativo'", "does not match", "'operative'")


def test_document_id_not_matching_folder(ws: WS) -> None:
    ws.edit(DOC, "id: decl", "id: declaration")
    only(ws.validate(), DOC, 1, "'declaration'", "does not match its folder", "'decl'")


def test_section_listed_but_file_missing(ws: WS) -> None:
    ws.edit(DOC, "sections: [preamble, operative]", "sections: [preamble, operative, annex]")
    p = only(ws.validate(), DOC, ws.line(DOC, "sections:"), "annex", "missing")
    assert "drafts/decl/annex.yaml" in p.message


def test_document_listed_but_folder_missing(ws: WS) -> None:
    ws.edit(NEG, "documents: [decl]", "documents: [decl, plan]")
    p = only(ws.validate(), NEG, ws.line(NEG, "documents:"), "plan", "missing")
    assert "drafts/plan/document.yaml" in p.message


HOSTILE = ["../../x", "--output=x", "x\n[core]", "X", "a b", "-x", ".git"]


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_clause_id(ws: WS, bad: str) -> None:
    quoted = '"' + bad.replace("\n", "\\n") + '"'
    ws.edit(OPS, "  - id: op-asylum", f"  - id: {quoted}")
    problems = ws.validate()
    has(problems, OPS, 5, "'id'", "not a valid id")


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_ids_in_lists_are_never_followed(ws: WS, bad: str) -> None:
    quoted = '"' + bad.replace("\n", "\\n") + '"'
    ws.edit(NEG, "documents: [decl]", f"documents: [decl, {quoted}]")
    ws.edit(DOC, "sections: [preamble, operative]", f"sections: [preamble, operative, {quoted}]")
    problems = ws.validate()
    has(problems, NEG, ws.line(NEG, "documents:"), "'documents' has an invalid entry")
    has(problems, DOC, ws.line(DOC, "sections:"), "'sections' has an invalid entry")
    assert len(problems) == 2, problems  # nothing read from the hostile paths


@pytest.mark.parametrize("bad", ["../../x", "--output=x", "x\n[core]", "Zero"])
def test_hostile_version_id(ws: WS, bad: str) -> None:
    quoted = '"' + bad.replace("\n", "\\n") + '"'
    ws.edit(NEG, "  - id: zero", f"  - id: {quoted}")
    problems = ws.validate()
    has(problems, NEG, ws.line(NEG, "  - id:"), "'id'", "not a valid id")


@pytest.mark.parametrize("field, old", [("target", "target: op-asylum"), ("by", "by: BRA"),
                                        ("on_behalf_of", "on_behalf_of: MERCOSUR")])
@pytest.mark.parametrize("bad", ["../../x", "--output=x", "x\n[core]"])
def test_hostile_references_in_an_amendment(ws: WS, field: str, old: str, bad: str) -> None:
    quoted = '"' + bad.replace("\n", "\\n") + '"'
    ws.edit(BRA, old, f"{field}: {quoted}")
    problems = ws.validate()
    has(problems, BRA, ws.line(BRA, f"{field}:"), f"'{field}'", "not a valid")


def test_hostile_amendment_file_name(ws: WS) -> None:
    ws.write("amendments/zero/--output=x.yaml", BRA_001.replace("zero-BRA-001", "--output=x"))
    problems = ws.validate()
    path = "amendments/zero/--output=x.yaml"
    has(problems, path, 1, "file name", "'--output=x'", "not a valid amendment id")
    has(problems, path, 1, "'id'", "not a valid")
    assert {p.path for p in problems} == {path}


def test_hostile_amendment_folder_name(ws: WS) -> None:
    ws.write("amendments/--output=x/a.yaml", BRA_001)
    only(ws.validate(), "amendments/--output=x", 0, "not a version id")


def test_non_yaml_file_among_amendments(ws: WS) -> None:
    ws.write("amendments/zero/notes.txt", "hello")
    only(ws.validate(), "amendments/zero/notes.txt", 0, "not a .yaml file")


# ------------------------------------------------------------------------------ brackets, languages

def test_unbalanced_brackets_in_a_clause(ws: WS) -> None:
    ws.edit(OPS, "regionales [de protección];", "regionales [de protección;")
    only(ws.validate(), OPS, ws.line(OPS, "regionales [de protección;"), "op-asylum", "(es)",
         "unbalanced brackets", "never closed")


def test_closing_bracket_without_opening(ws: WS) -> None:
    ws.edit(OPS, "      en: \"Promote durable solutions;\"", "      en: \"Promote] durable [solutions;\"")
    only(ws.validate(), OPS, ws.line(OPS, "Promote]"), "op-solutions", "(en)", "']' at character 8")


def test_unbalanced_brackets_in_an_added_clause(ws: WS) -> None:
    path = "amendments/zero/zero-ARG-001.yaml"
    ws.write(path, "id: zero-ARG-001\nby: ARG\nchange:\n  add:\n    after: op-asylum\n    clause:\n"
                   "      id: op-new\n      text: {es: \"Nuevo [texto.\", en: New text.}\nstatus: submitted\n")
    only(ws.validate(), path, 6, "new clause", "(es)", "unbalanced brackets")


def test_added_clause_after_unknown_clause(ws: WS) -> None:
    path = "amendments/zero/zero-ARG-001.yaml"
    ws.write(path, "id: zero-ARG-001\nby: ARG\nchange:\n  add:\n    after: op-nowhere\n    clause:\n"
                   "      id: op-new\n      text: {es: Nuevo., en: New.}\nstatus: submitted\n")
    only(ws.validate(), path, 4, "'after'", "unknown clause", "op-nowhere")


def test_unbalanced_brackets_in_a_substitute(ws: WS) -> None:
    path = "amendments/zero/zero-URY-001.yaml"
    ws.write(path, "id: zero-URY-001\nby: URY\ntarget: op-solutions\nchange:\n  substitute:\n    text:\n"
                   "      es: \"Promover [soluciones] duraderas];\"\n      en: Promote solutions.\n"
                   "status: submitted\n")
    only(ws.validate(), path, 6, "substitute", "(es)", "unbalanced brackets")


def test_missing_language(ws: WS) -> None:
    ws.edit(OPS, "      en: \"Strengthen national asylum systems and regional systems [of protection];\"\n", "")
    only(ws.validate(), OPS, ws.line(OPS, "id: op-asylum") + 1, "op-asylum", "no text in 'en'")


def test_missing_language_of_a_sub_clause(ws: WS) -> None:
    ws.edit(OPS, "          en: \"local integration;\"\n", "")
    only(ws.validate(), OPS, ws.line(OPS, "id: op-solutions-local") + 1, "op-solutions-local", "no text in 'en'")


def test_missing_language_pending_translation_is_fine(ws: WS) -> None:
    ws.edit(OPS, "      en: \"Strengthen national asylum systems and regional systems [of protection];\"\n",
            "    pending_translation: [en]\n")
    assert ws.validate() == []


def test_text_in_a_language_the_negotiation_does_not_have(ws: WS) -> None:
    ws.edit(OPS, "      en: \"Promote durable solutions;\"", "      en: \"Promote durable solutions;\"\n"
                                                           "      de: \"Dauerhafte Lösungen;\"")
    only(ws.validate(), OPS, ws.line(OPS, "de:"), "op-solutions", "'de'", "not one of the negotiation's languages")


def test_missing_document_title_language(ws: WS) -> None:
    ws.edit(DOC, "title: {es: Declaración, en: Declaration}", "title: {es: Declaración}")
    only(ws.validate(), DOC, 2, "no title in 'en'")


def test_amendment_in_unknown_language(ws: WS) -> None:
    ws.edit(BRA, "lang: es", "lang: pt")
    has(ws.validate(), BRA, ws.line(BRA, "lang:"), "'pt'", "not one of the negotiation's languages")


# ------------------------------------------------------------------------------ delegations

def test_group_with_unknown_member(ws: WS) -> None:
    ws.edit(NEG, "members: [ARG, BRA, URY]", "members: [ARG, BRA, PRY]")
    only(ws.validate(), NEG, ws.line(NEG, "members:"), "MERCOSUR", "unknown member", "'PRY'")


def test_group_lists_itself(ws: WS) -> None:
    ws.edit(NEG, "members: [ARG, BRA, URY]", "members: [ARG, MERCOSUR]")
    has(ws.validate(), NEG, ws.line(NEG, "members:"), "lists itself")


def test_members_of_a_state(ws: WS) -> None:
    ws.edit(NEG, "CHL: {name: {es: Chile, en: Chile}, kind: state}",
            "CHL: {name: {es: Chile, en: Chile}, kind: state, members: [ARG]}")
    only(ws.validate(), NEG, ws.line(NEG, "CHL:"), "CHL has members but is not a group")


def test_on_behalf_of_a_non_group(ws: WS) -> None:
    ws.edit(BRA, "on_behalf_of: MERCOSUR", "on_behalf_of: CHL")
    only(ws.validate(), BRA, ws.line(BRA, "on_behalf_of:"), "CHL is not a group")


def test_on_behalf_of_a_group_one_is_not_member_of(ws: WS) -> None:
    ws.edit(BRA, "by: BRA", "by: CHL")
    only(ws.validate(), BRA, ws.line(BRA, "on_behalf_of:"), "CHL is not a member of MERCOSUR")


def test_non_ascii_delegation_code(ws: WS) -> None:
    ws.edit(NEG, "  ARG: {name", "  АRG: {name")  # Cyrillic А
    problems = ws.validate()
    has(problems, NEG, ws.line(NEG, "RG: {name"), "delegation code", "ASCII")
    # and ARG is then unknown where it is used
    has(problems, NEG, ws.line(NEG, "members:"), "unknown member", "'ARG'")
    has(problems, BRA, ws.line(BRA, "cosponsors:"), "unknown delegation", "'ARG'")


def test_duplicate_delegation_code(ws: WS) -> None:
    ws.edit(NEG, "  CHL: {name: {es: Chile, en: Chile}, kind: state}\n",
            "  CHL: {name: {es: Chile, en: Chile}, kind: state}\n  CHL: {name: {en: Chile}, kind: observer}\n")
    with pytest.raises(WorkspaceError) as info:  # negotiation.yaml unreadable: nothing else can be checked
        ws.validate()
    (p,) = info.value.problems()
    assert (p.path, p.line) == (NEG, ws.line(NEG, "CHL:", 2))
    assert "duplicate key 'CHL'" in p.message and f"line {ws.line(NEG, 'CHL:')}" in p.message


# ------------------------------------------------------------------------------ anchors

def test_anchor_not_found(ws: WS) -> None:
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "sistemas federales"')
    only(ws.validate(), BRA, ws.line(BRA, "old:"), "op-asylum", "'sistemas federales'", "not in the clause")


def test_ambiguous_anchor_names_both_positions(ws: WS) -> None:
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "sistemas"')
    p = only(ws.validate(), BRA, ws.line(BRA, "old:"), "'sistemas'", "2 times", "occurrence")
    text = "Fortalecer los sistemas nacionales de asilo y los sistemas regionales [de protección];"
    first = text.index("sistemas")
    second = text.index("sistemas", first + 1)
    assert "occurrence 1 at character" in p.message and "occurrence 2 at character" in p.message
    at = [int(w.strip("():;,")) for w in p.message.split("at character ")[1:] for w in [w.split()[0]]]
    assert at in ([first, second], [first + 1, second + 1])


def test_ambiguous_anchor_with_occurrence_is_fine(ws: WS) -> None:
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "sistemas"\n    occurrence: 2')
    assert ws.validate() == []


def test_occurrence_beyond_the_count(ws: WS) -> None:
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "sistemas"\n    occurrence: 3')
    only(ws.validate(), BRA, ws.line(BRA, "old:"), "occurrence 3", "'sistemas'", "2 times")


@pytest.mark.parametrize("value", ["0", "-1", "two", "10001", "9" * 5000, "²", "١٢", "1.0", "[1]"])
def test_bad_occurrence(ws: WS, value: str) -> None:
    ws.edit(BRA, 'old: "nacionales de asilo"', f'old: "sistemas"\n    occurrence: {value}')
    has(ws.validate(), BRA, ws.line(BRA, "occurrence:"), "'occurrence'", "whole number")


def test_insert_anchor_not_found(ws: WS) -> None:
    path = "amendments/zero/zero-URY-001.yaml"
    ws.write(path, "id: zero-URY-001\nby: URY\ntarget: op-solutions\nlang: en\nchange:\n  insert:\n"
                   "    text: \" and safe\"\n    before: \"lasting\"\nstatus: submitted\n")
    only(ws.validate(), path, 8, "'lasting'", "not in the clause")


def test_nfd_anchor_matches_nfc_text(ws: WS) -> None:
    nfd = unicodedata.normalize("NFD", "de protección")
    assert nfd != "de protección"
    ws.write(BRA, BRA_001.replace('"nacionales de asilo"', f'"{nfd}"').encode("utf-8"))
    assert ws.validate() == []


def test_nfc_anchor_matches_nfd_text(ws: WS) -> None:
    ws.write(OPS, unicodedata.normalize("NFD", OPERATIVE).encode("utf-8"))
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "de protección"')
    assert ws.validate() == []


# ------------------------------------------------------------------------------ schema

@pytest.mark.parametrize("path, old, new", [
    (NEG, "symbol: \"T/L.1\"", "symbol: \"T/L.1\"\ncolour: blue"),
    (DOC, "id: decl", "id: decl\ncolour: blue"),
    (OPS, "numbering: arabic", "numbering: arabic\ncolour: blue"),
    (OPS, "    status: agreed-ad-ref", "    status: agreed-ad-ref\n    colour: blue"),
    (BRA, "channel: written", "channel: written\ncolour: blue"),
    (BRA, "    old: \"nacionales de asilo\"", "    old: \"nacionales de asilo\"\n    colour: blue"),
    (CHL, "  note: \"Agreed in informals\"", "  note: \"Agreed in informals\"\n  colour: blue"),
    (NEG, "kind: group", "kind: group\n    colour: blue"),
    (NEG, "    date: 2024-08-30", "    date: 2024-08-30\n    colour: blue"),
])
def test_unknown_field(ws: WS, path: str, old: str, new: str) -> None:
    ws.edit(path, old, new)
    only(ws.validate(), path, ws.line(path, "colour:"), "unknown field 'colour'")


@pytest.mark.parametrize("path, old, new, field", [
    (OPS, "    status: agreed-ad-ref", "    status: agreed-ad-referendum", "status"),
    (BRA, "status: submitted", "status: approved", "status"),
    (OPS, "  - id: op-solutions\n", "  - id: op-solutions\n    kind: footnote\n", "kind"),
    (NEG, "kind: group", "kind: bloc", "kind"),
    (OPS, "numbering: arabic", "numbering: greek", "numbering"),
    (BRA, "channel: written", "channel: email", "channel"),
])
def test_wrong_enum_value(ws: WS, path: str, old: str, new: str, field: str) -> None:
    ws.edit(path, old, new)
    bad = new.split(":")[-1].strip()
    p = has(ws.validate(), path, ws.line(path, f"{field}: {bad}"), f"'{field}'", f"'{bad}'", "expected one of")
    # the message lists the allowed values
    from drafting import vocab
    allowed = {"status": vocab.CLAUSE_STATUSES if path == OPS else vocab.AMENDMENT_STATUSES,
               "kind": vocab.CLAUSE_KINDS if path == OPS else vocab.DELEGATION_KINDS,
               "numbering": vocab.NUMBERING_STYLES, "channel": vocab.CHANNELS}[field]
    assert all(v in p.message for v in allowed)


def test_unknown_operation(ws: WS) -> None:
    ws.edit(BRA, "  replace:", "  rephrase:")
    only(ws.validate(), BRA, ws.line(BRA, "rephrase:"), "unknown operation 'rephrase'")


def test_two_operations(ws: WS) -> None:
    ws.edit(BRA, "change:\n", "change:\n  comment: {}\n")
    only(ws.validate(), BRA, ws.line(BRA, "comment:"), "exactly one operation", "found 2")


def test_missing_required_fields(ws: WS) -> None:
    ws.edit(BRA, "by: BRA\n", "")
    only(ws.validate(), BRA, 1, "missing field 'by'")


def test_bad_date(ws: WS) -> None:
    ws.edit(BRA, "submitted: 2024-09-12", "submitted: 12/09/2024")
    only(ws.validate(), BRA, ws.line(BRA, "submitted:"), "'submitted'", "YYYY-MM-DD")


def test_text_given_as_plain_string(ws: WS) -> None:
    ws.edit(PRE, '    text:\n      es: "Reconociendo la cooperación regional,"\n'
                 '      en: "Recognizing regional cooperation,"\n', "    text: Reconociendo,\n")
    problems = ws.validate()
    has(problems, PRE, ws.line(PRE, "text:"), "'text' must give the text per language")


def test_amendment_file_holding_a_list(ws: WS) -> None:
    ws.write(BRA, "- id: zero-BRA-001\n- by: BRA\n")
    only(ws.validate(), BRA, 1, "an amendment must be a mapping")


def test_unreadable_amendment_does_not_hide_other_problems(ws: WS) -> None:
    ws.write(BRA, "id: zero-BRA-001\nby: BRA\nby: ARG\n")
    ws.edit(CHL, "by: CHL", "by: XYZ")
    ws.edit(OPS, "numbering: arabic", "numbering: greek")
    problems = ws.validate()
    has(problems, BRA, 3, "duplicate key 'by'", "line 2")
    has(problems, CHL, ws.line(CHL, "by:"), "unknown delegation 'XYZ'")
    has(problems, OPS, 3, "'numbering'")
    assert len(problems) == 3


def test_unreadable_negotiation_yaml_raises(ws: WS) -> None:
    ws.write(NEG, "schema: 1\ntitle: [unclosed\n")
    with pytest.raises(WorkspaceError) as info:
        ws.validate()
    assert info.value.problems()[0].path == NEG
    assert info.value.problems()[0].line >= 2


def test_three_problems_in_one_file_give_three(ws: WS) -> None:
    ws.edit(BRA, "cosponsors: [ARG, URY]", "cosponsors: [ARG, XYZ]")
    ws.edit(BRA, "supporters: [CHL]", "supporters: [QQQ]")
    ws.edit(BRA, "channel: written", "channel: email")
    problems = ws.validate()
    assert len(problems) == 3, problems
    has(problems, BRA, ws.line(BRA, "cosponsors:"), "'XYZ'")
    has(problems, BRA, ws.line(BRA, "supporters:"), "'QQQ'")
    has(problems, BRA, ws.line(BRA, "channel:"), "'email'")
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.message))


def test_problems_in_every_file_at_once(ws: WS) -> None:
    ws.edit(NEG, "members: [ARG, BRA, URY]", "members: [ARG, BRA, PRY]")
    ws.edit(DOC, "id: decl", "id: declaration")
    ws.edit(PRE, "    status: agreed", "    status: done")
    ws.edit(OPS, "regionales [de protección];", "regionales [de protección;")
    ws.edit(BRA, 'old: "nacionales de asilo"', 'old: "sistemas"')
    ws.edit(CHL, "status: accepted", "status: modified")
    problems = ws.validate()
    assert {p.path for p in problems} == {NEG, DOC, PRE, OPS, BRA, CHL}
    assert len(problems) == 6, problems


# ------------------------------------------------------------------------------ the command line

def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafting.cli", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd or REPO, check=False)


def test_cli_validate_prints_every_problem(ws: WS) -> None:
    ws.edit(BRA, "cosponsors: [ARG, URY]", "cosponsors: [ARG, XYZ]")
    ws.edit(BRA, "channel: written", "channel: email")
    ws.edit(OPS, "regionales [de protección];", "regionales [de protección;")
    r = run_cli("-C", str(ws.root), "validate")
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    assert lines == [
        f"{BRA}:{ws.line(BRA, 'cosponsors:')}: error: unknown delegation 'XYZ'",
        f"{BRA}:{ws.line(BRA, 'channel:')}: error: 'channel' is 'email'; expected one of: written, oral, screen",
        (f"{OPS}:{ws.line(OPS, 'regionales [de')}: error: clause op-asylum (es): unbalanced brackets: "
         "1 '[' never closed"),
    ]
    assert r.stdout == ""


def test_cli_validate_option_after_the_command(ws: WS) -> None:
    ws.edit(BRA, "by: BRA", "by: XYZ")
    r = run_cli("validate", "-C", str(ws.root))
    assert r.returncode == 1
    assert f"{BRA}:2: error: unknown delegation 'XYZ'" in r.stderr.splitlines()


def test_cli_validate_a_valid_workspace(ws: WS) -> None:
    r = run_cli("-C", str(ws.root), "validate")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_cli_validate_finds_the_workspace_upward(ws: WS) -> None:
    ws.edit(BRA, "by: BRA", "by: XYZ")
    r = run_cli("validate", cwd=ws.root / "drafts" / "decl")
    assert r.returncode == 1
    assert f"{BRA}:2: error: unknown delegation 'XYZ'" in r.stderr


def test_cli_validate_outside_a_workspace(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli("-C", str(empty), "validate")
    assert r.returncode == 2
    assert "not a drafting workspace" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_validate_no_such_folder(tmp_path: Path) -> None:
    r = run_cli("-C", str(tmp_path / "nowhere"), "validate")
    assert r.returncode == 2
    assert "no such folder" in r.stderr


def test_cli_validate_unreadable_negotiation(ws: WS) -> None:
    ws.write(NEG, b"\xff\xfes\x00c\x00")
    r = run_cli("-C", str(ws.root), "validate")
    assert r.returncode == 1
    assert r.stderr.strip() == f"{NEG}:1: error: file is UTF-16; save it as UTF-8"


def test_cli_validate_bundled_example() -> None:
    r = run_cli("-C", str(REPO), "validate")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_cli_validate_copy_of_the_example_with_a_broken_amendment(tmp_path: Path) -> None:
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "negotiation.yaml", root)
    shutil.copytree(REPO / "drafts", root / "drafts")
    shutil.copytree(REPO / "amendments", root / "amendments")
    shutil.copytree(REPO / "precedents", root / "precedents")
    path = root / "amendments/zero/zero-BRA-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("by: BRA", "by: BRAZIL"), encoding="utf-8")
    r = run_cli("-C", str(root), "validate")
    assert r.returncode == 1
    assert r.stderr.splitlines() == ["amendments/zero/zero-BRA-001.yaml:2: error: unknown delegation 'BRAZIL'; "
                                     "did you mean 'BRA'?",
                                     "amendments/zero/zero-BRA-001.yaml:3: error: BRAZIL is not a member of MERCOSUR"]
