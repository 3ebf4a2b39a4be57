"""Agreed language: precedent files read strictly, a clause's agreed_language and follow-up fields
validated, precedents searched and recognised in proposals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from drafting import api
from drafting.errors import Problem
from drafting.interop.precedents import MIN_WORDS, Index, Remarks, fold
from drafting.model import AgreedLanguage
from drafting.store.load import load_workspace
from drafting.store.schema import Reader, read_clauses
from drafting.store.source import DiskSource
from drafting.store.write import emit_section
from drafting.store.yamlio import parse
from tests.support import amendment, clause, document, negotiation, section, write_files

PRECEDENT = """\
id: brazil-2014
title: {es: Declaración y Plan de Acción de Brasil, en: Brazil Declaration and Plan of Action}
forum: "Cartagena +30"
date: 2014-12-03
url: "https://example.org/brazil-2014"
paragraphs:
  - ref: "PP4"
    text:
      es: "Reafirmando la vigencia de la Convención sobre el Estatuto de los Refugiados de 1951 y su Protocolo de 1967,"
      en: "Reaffirming the continued relevance of the 1951 Convention relating to the Status of Refugees and its 1967 Protocol,"
  - ref: "III.3"
    text:
      es: "Reconocer el papel de los gobiernos locales y de las ciudades solidarias en la acogida y la integración de las personas refugiadas."
      en: "Recognize the role of local governments and cities of solidarity in the reception and integration of refugees."
  - ref: "IV.1"
    text:
      es: "Adoptar medidas para prevenir la apatridia, en particular garantizar la inscripción universal de los nacimientos."
"""

GCR = """\
id: gcr-2018
title: {en: Global Compact on Refugees, es: Pacto Mundial sobre los Refugiados}
forum: United Nations General Assembly
date: 2018-12-17
paragraphs:
  - ref: "§13"
    text:
      en: "Its implementation will be guided by an age, gender and diversity approach and by the meaningful participation of refugees."
      es: "Su aplicación se guiará por un enfoque de edad, género y diversidad y por la participación significativa de las personas refugiadas."
"""


def workspace(root: Path, clauses: list[dict[str, object]] | None = None) -> Path:
    ops = clauses or [
        clause("op-asylum", {"es": "Fortalecer los sistemas nacionales de asilo.", "en": "Strengthen asylum."},
               agreed_language={"precedent": "brazil-2014", "ref": "PP4"}),
        clause("op-cities", {"es": "Apoyar a las ciudades.", "en": "Support cities."},
               actors=["BRA", {"es": "gobiernos locales", "en": "local governments"}], deadline="2027-12-31",
               indicator={"es": "Ciudades con planes", "en": "Cities with plans"}),
    ]
    return write_files(root, {
        "negotiation.yaml": negotiation(documents=["declaration"], delegations=["ARG", "BRA", "UNHCR"]),
        "drafts/declaration/document.yaml": document("declaration", ["operative"],
                                                     {"es": "Declaración", "en": "Declaration"}),
        "drafts/declaration/operative.yaml": section("operative", ops, title={"es": "Parte", "en": "Part"}),
        "precedents/brazil-2014.yaml": PRECEDENT,
    })


def problems_of(root: Path) -> list[Problem]:
    return api.validate(str(root))


def at(problems: list[Problem], path: str, line: int, *words: str) -> Problem:
    found = [p for p in problems if p.path == path and p.line == line and all(w in p.message for w in words)]
    assert found, f"no problem at {path}:{line} with {words}: {problems}"
    return found[0]


# ------------------------------------------------------------------------------------ reading

def test_a_precedent_and_structured_agreed_language_load(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assert problems_of(root) == []
    ws, _ = load_workspace(DiskSource(root))
    [p] = ws.precedents
    assert (p.id, p.forum, p.date, p.url) == ("brazil-2014", "Cartagena +30", "2014-12-03",
                                               "https://example.org/brazil-2014")
    assert [x.ref for x in p.paragraphs] == ["PP4", "III.3", "IV.1"]
    assert p.paragraph("IV.1") is not None and "en" not in p.paragraph("IV.1").text  # type: ignore[union-attr]
    asylum = ws.clause("op-asylum")
    assert asylum is not None and asylum.agreed_language == AgreedLanguage("brazil-2014", "PP4")
    cities = ws.clause("op-cities")
    assert cities is not None
    assert cities.actors == ("BRA", {"es": "gobiernos locales", "en": "local governments"})
    assert (cities.deadline, dict(cities.indicator)) == ("2027-12-31", {"es": "Ciudades con planes",
                                                                        "en": "Cities with plans"})


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("id: brazil-2014", "id: brasil-2014", 1, ("does not match its file name",)),
    ('date: 2014-12-03', "date: 2014-02-30", 4, ("no such date",)),
    ('date: 2014-12-03', "date: 3 December 2014", 4, ("YYYY-MM-DD",)),
    ('url: "https://example.org/brazil-2014"', "url: example.org", 5, ("web address",)),
    ('forum: "Cartagena +30"\n', "", 1, ("missing field 'forum'",)),
    ('  - ref: "IV.1"', '  - ref: "PP4"', 15, ("listed twice", "line 7")),
    ('  - ref: "III.3"', '  - ref: "III.3"\n    page: 12', 12, ("unknown field 'page'",)),
    ("paragraphs:\n", "parrafos:\n", 6, ("unknown field 'parrafos'",)),
])
def test_bad_precedent_files_are_reported_at_their_line(tmp_path: Path, old: str, new: str, line: int,
                                                        words: tuple[str, ...]) -> None:
    assert old in PRECEDENT
    root = workspace(tmp_path)
    (root / "precedents/brazil-2014.yaml").write_text(PRECEDENT.replace(old, new), encoding="utf-8")
    at(problems_of(root), "precedents/brazil-2014.yaml", line, *words)


def test_a_precedent_file_with_a_duplicate_key_or_an_alias_is_refused(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "precedents/brazil-2014.yaml").write_text(PRECEDENT.replace("forum:", "date: 2014-12-04\nforum:"),
                                                      encoding="utf-8")
    at(problems_of(root), "precedents/brazil-2014.yaml", 5, "duplicate key 'date' (first at line 3)")
    (root / "precedents/brazil-2014.yaml").write_text("id: &x brazil-2014\ntitle: *x\n", encoding="utf-8")
    at(problems_of(root), "precedents/brazil-2014.yaml", 1, "aliases")
    (root / "precedents/notes.txt").write_text("x", encoding="utf-8")
    at(problems_of(root), "precedents/notes.txt", 0, "not a .yaml file")


# ------------------------------------------------------------------------------------ validate

@pytest.mark.parametrize(("agreed", "words"), [
    ({"precedent": "mexico-2004", "ref": "PP4"}, ("unknown precedent 'mexico-2004'", "brazil-2014")),
    ({"precedent": "brazil-2014", "ref": "PP9"}, ("has no paragraph 'PP9'", "PP4, III.3, IV.1")),
    ({"precedent": "brazil-2014"}, ("missing field 'ref'",)),
    ({"precedent": "brazil-2014", "ref": "PP4", "page": "3"}, ("unknown field 'page'",)),
    ({"precedent": "Brazil 2014", "ref": "PP4"}, ("not a valid precedent",)),
])
def test_agreed_language_must_name_a_precedent_and_one_of_its_paragraphs(
        tmp_path: Path, agreed: dict[str, str], words: tuple[str, ...]) -> None:
    root = workspace(tmp_path, [clause("op-asylum", {"es": "A.", "en": "A."}, agreed_language=agreed)])
    path = "drafts/declaration/operative.yaml"
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "agreed_language" in text)
    found = problems_of(root)
    assert len(found) == 1, found
    at(found, path, line, *words)


def test_a_free_note_as_agreed_language_is_still_fine(tmp_path: Path) -> None:
    root = workspace(tmp_path, [clause("op-asylum", {"es": "A.", "en": "A."},
                                       agreed_language="Declaración de Brasil 2014, preámbulo")])
    assert problems_of(root) == []


OPERATIVE = """\
id: operative
title: {es: Parte, en: Part}
numbering: arabic
clauses:
  - id: op-heading
    kind: heading
    text: {es: Programa, en: Programme}
    deadline: 2027-01-01
  - id: op-cities
    text: {es: Apoyar a las ciudades., en: Support cities.}
    actors: [BRA, OAS, {es: gobiernos locales, de: Kommunen}]
    deadline: 2026-02-30
    indicator: {es: Ciudades, xx: y}
  - id: op-other
    text: {es: Otro., en: Other.}
    actors: CHL
    deadline: ""
"""


def test_follow_up_fields_are_validated_at_their_lines(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "drafts/declaration/operative.yaml").write_text(OPERATIVE, encoding="utf-8")
    found = problems_of(root)
    path = "drafts/declaration/operative.yaml"
    at(found, path, 8, "a heading is not a commitment")
    at(found, path, 11, "'OAS' looks like a delegation code")
    at(found, path, 11, "language 'de'")
    at(found, path, 12, "2026-02-30", "not a day of the calendar")
    at(found, path, 13, "indicator in language 'xx'")
    at(found, path, 16, "'actors' must be a list")
    at(found, path, 17, "'deadline' is empty")
    assert not any("BRA" in p.message for p in found)  # a known delegation is a fine actor
    assert len(found) == 7, found


def test_emitted_sections_keep_the_new_fields(tmp_path: Path) -> None:
    """A section written anew (a decision's fallback, import-akn) says what the clause says."""
    ws, problems = load_workspace(DiskSource(workspace(tmp_path)))
    assert problems == []
    sec = ws.documents[0].sections[0]
    text = emit_section(sec)
    back = read_clauses(Reader("x.yaml", problems), parse(text, "x.yaml"), "clauses", 0)
    assert problems == []
    strip = [replace(c, loc=sec.clauses[0].loc) for c in back]
    assert [(c.agreed_language, c.actors, c.deadline, dict(c.indicator)) for c in strip] == \
        [(c.agreed_language, c.actors, c.deadline, dict(c.indicator)) for c in sec.clauses]
    assert "    agreed_language:\n      precedent: brazil-2014\n      ref: PP4\n" in text
    assert "actors: [BRA, {es: gobiernos locales, en: local governments}]" in text


def test_a_decision_keeps_the_clause_s_follow_up_fields(workspace_git: Path) -> None:
    root = workspace_git
    api.propose(str(root), clause="op-cities", by="ARG", change={"replace": {"old": "ciudades", "new": "urbes"}})
    api.decide(str(root), "zero-ARG-001", "accept")
    text = (root / "drafts/declaration/operative.yaml").read_text(encoding="utf-8")
    assert "Apoyar a las urbes." in text
    assert "actors: [BRA, {es: gobiernos locales, en: local governments}]" in text
    assert "deadline: 2027-12-31" in text and "Ciudades con planes" in text
    assert "agreed_language: {precedent: brazil-2014, ref: PP4}" in text
    assert problems_of(root) == []


@pytest.fixture
def workspace_git(tmp_path: Path) -> Path:
    from tests.conftest import git, run
    root = tmp_path / "ws"
    run("init", str(root), check=True)
    workspace(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Zero draft")
    run("-C", str(root), "issue", "zero", "--label", "Zero draft", "--no-compile", check=True)
    return root


# ------------------------------------------------------------------------------------ matching

def test_fold_lowers_case_and_drops_accents_and_punctuation() -> None:
    assert fold("Política, «Niñez» y  PARTICIPACIÓN.") == "politica ninez y participacion"


def test_search_ranks_the_paragraph_holding_the_phrase_first(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "precedents/gcr-2018.yaml").write_text(GCR, encoding="utf-8")
    ws, _ = load_workspace(DiskSource(root))
    idx = Index(ws.precedents)
    found = idx.search("el papel de los gobiernos locales", lang="es")
    assert (found[0].precedent.id, found[0].paragraph.ref, found[0].lang, found[0].score) == \
        ("brazil-2014", "III.3", "es", 100.0)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    # accents and case do not matter
    assert idx.search("PARTICIPACION SIGNIFICATIVA", lang="es")[0].paragraph.ref == "§13"
    # every language by default, each paragraph once, in its best language
    found = idx.search("meaningful participation of refugees")
    assert (found[0].precedent.id, found[0].lang) == ("gcr-2018", "en")
    assert len({(m.precedent.id, m.paragraph.ref) for m in found}) == len(found)
    assert len(idx.search("refugiados", limit=2)) == 2
    assert idx.search("x", lang="fr") == []  # no precedent has French


def test_reuse_needs_eight_words_at_ninety_percent(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    ws, _ = load_workspace(DiskSource(root))
    idx = Index(ws.precedents)
    eight = "el papel de los gobiernos locales y de"
    assert len(eight.split()) == MIN_WORDS
    [m] = idx.reused(f"Destacan {eight} las regiones fronterizas", "es")
    assert (m.precedent.id, m.paragraph.ref) == ("brazil-2014", "III.3")
    assert m.words == MIN_WORDS + 1  # "... y de las": the ninth word is the paragraph's too
    assert idx.reused("el papel de los gobiernos locales y", "es") == []  # seven words
    # one word in nine changed is still the same wording; three are not
    assert idx.reused("Reconocer el papel de los gobiernos municipales y de las ciudades solidarias", "es")
    assert idx.reused("Reconocer la función de los entes municipales y de las urbes solidarias", "es") == []
    assert idx.reused(f"Destacan {eight} las regiones", "en") == []  # compared in the text's language


def test_remarks_name_the_precedent_in_each_language(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    write_files(root, {
        "amendments/zero/zero-ARG-001.yaml": amendment(
            "zero-ARG-001", "ARG", {"replace": {"old": "nacionales", "new": "nacionales y regionales"}},
            target="op-asylum", lang="es"),
        "amendments/zero/zero-BRA-001.yaml": amendment(
            "zero-BRA-001", "BRA", {"insert": {"text": " y reconocer el papel de los gobiernos locales y de las "
                                               "ciudades solidarias", "at": "end"}},
            target="op-cities", lang="es"),
        "amendments/zero/zero-BRA-002.yaml": amendment("zero-BRA-002", "BRA", {"comment": {}}, target="op-asylum",
                                                       lang="es"),
    })
    ws, problems = load_workspace(DiskSource(root))
    assert problems == []
    r = Remarks(ws)
    assert r.for_lang("es") == {
        "zero-ARG-001": ("Modifica lenguaje acordado de Declaración y Plan de Acción de Brasil, PP4",),
        "zero-BRA-001": ("Retoma lenguaje acordado de Declaración y Plan de Acción de Brasil, III.3",),
    }
    assert r.for_lang("en")["zero-ARG-001"] == ("Alters agreed language of Brazil Declaration and Plan of Action, PP4",)
    assert r.for_lang("fr")["zero-BRA-001"] == (
        "Reprend un libellé agréé de Brazil Declaration and Plan of Action, III.3",)  # no French title: English
