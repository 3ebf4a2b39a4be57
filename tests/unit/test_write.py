"""Writing section and amendment files: emitted files read back to the same model; patched files
change only the lines of what changed and keep comments and layout elsewhere."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.errors import WorkspaceError
from drafting.model import Amendment, Change, Clause, Decision, Section
from drafting.store.load import load_workspace
from drafting.store.schema import Reader, parse_amendment
from drafting.store.source import MemorySource
from drafting.store.write import (
    emit_amendment,
    emit_clause,
    emit_section,
    patch_decision,
    patch_section,
    scalar,
)
from drafting.store.yamlio import YMap, clean_text, parse

PATH = "drafts/d/s.yaml"
NEG = (b"schema: 1\ntitle: {es: T, en: T}\nsymbol: S\noriginal_language: es\nlanguages: [es, en]\n"
       b"documents: [d]\ndelegations:\n  BRA: {name: {en: Brazil}, kind: state}\nversions:\n  - id: zero\n")
DOC = b"id: d\ntitle: {es: D, en: D}\nsections: [s]\n"


def load_section(text: str) -> Section:
    """A section file's text through the real loader; it must read without problems."""
    ws, problems = load_workspace(MemorySource({"negotiation.yaml": NEG, "drafts/d/document.yaml": DOC,
                                                PATH: text.encode("utf-8")}))
    assert problems == [], "\n".join(map(str, problems)) + "\n" + text
    return ws.documents[0].sections[0]


def same(a: Section, b: Section) -> bool:
    """Equal as the model sees them (locations aside)."""
    def key(c: Clause) -> tuple[object, ...]:
        return (c.id, dict(c.text), c.kind, c.status, c.agreed_language, c.pending_translation,
                tuple(key(x) for x in c.children))
    return (a.id, dict(a.title), a.numbering, [key(c) for c in a.clauses]) == \
        (b.id, dict(b.title), b.numbering, [key(c) for c in b.clauses])


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def C(cid: str, es: str, en: str, **kw: object) -> Clause:
    return Clause(cid, {"es": es, "en": en}, **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ emit -> load

AWKWARD = [
    "Reafirmando: la vigencia # de la Convención",
    "[y a aplicarla en la práctica]",
    "{{ 7*7 }} y {% raw %}",
    "'comillas simples' y \"dobles\" y “tipográficas” y « guillemets »",
    "no", "on", "yes", "null", "~", "1.10", "012", "1:20", "2024-09-12", "0x1F",
    "- como una lista", "? pregunta", ": dos puntos", "a:", "a: b", "#hash", "&ancla", "*alias", "!tag", "%dir",
    "@arroba", "`tilde`", "|literal", ">plegado", ",coma", "...", "---",
    "Niñas, niños y adolescentes; protección; apátridas — «Carthagène» ; 1.º",
    "Réaffirment la validité\u202f; coopération\u00a0internationale",
    "soft\u00adhyphen and zero\u200bwidth",
    ("Texto largo con: dos puntos, # almohadilla, [corchetes], {{ llaves }}, 'comillas' y acentos "
     "(protección, apátrida, niñas) que el emisor debe plegar en varias líneas sin perder ni un carácter."),
    ("Un texte très long où la ponctuation française exige des espaces insécables\u202f: avant les deux-points\u202f; "
     "avant le point-virgule\u202f! et avant le point d'exclamation\u202f? Rien ne doit se perdre au pliage."),
    "word " * 40 + "end.",
    "a  double  space inside a long text that is longer than sixty characters and would be folded",
    "[" * 3 + "nested" + "]" * 3,
]


def test_awkward_texts_survive_emit_and_load() -> None:
    clauses = tuple(C(f"c{i}", t, t) for i, t in enumerate(AWKWARD))
    section = Section("s", {"es": "Sección: uno", "en": "Section #1"}, "roman", clauses)
    text = emit_section(section)
    back = load_section(text)
    assert same(back, section)
    assert [c.text["es"] for c in back.clauses] == AWKWARD


def test_long_texts_are_folded_and_readable() -> None:
    long = "Fortalecer los sistemas nacionales de asilo " * 6 + "en la región."
    text = emit_section(Section("s", {"es": "S", "en": "S"}, "arabic", (C("c", long.strip(), "x"),)))
    assert "es: >-\n" in text
    assert max(len(line) for line in text.splitlines()) <= 96
    assert load_section(text).clauses[0].text["es"] == long.strip()


def test_typed_words_are_quoted() -> None:
    for word in ("no", "NO", "on", "Off", "yes", "true", "null", "~", "1.10", "012", "1:20", "1e3"):
        assert scalar(word, 0) == f'"{word}"'
    assert scalar("Brasil", 0) == "Brasil"
    assert scalar("Perú", 0) == "Perú"


def test_every_field_survives() -> None:
    clause = Clause("op-1", {"es": "Uno: [a]", "en": "One: [a]"}, status="agreed-ad-ref",
                    agreed_language="Plan de Acción de Brasil 2014, cap. II", pending_translation=("en",),
                    children=(C("op-1-a", "a;", "a;"),
                              Clause("op-1-b", {"es": "b", "en": "b"}, status="held",
                                     children=(C("op-1-b-i", "i", "i"),))))
    heading = Clause("h", {"es": "Programa", "en": "Programme"}, kind="heading")
    section = Section("s", {"es": "Capítulo I: protección", "en": "Chapter I"}, "letter", (heading, clause))
    text = emit_section(section)
    assert same(load_section(text), section)
    # a heading carries no status, a pending clause writes its status
    assert "status" not in text.split("- id: h\n")[1].split("- id:")[0]


def test_emit_clause_is_a_sequence_item() -> None:
    text = emit_clause(C("x", "a: b", "c"), 4)
    assert text.startswith("    - id: x\n      status: pending\n      text:\n")
    assert parse(text, "x.yaml")[0]["text"] == {"es": "a: b", "en": "c"}


# random texts: printable Unicode (accents, brackets, quotes, colons, punctuation at both ends)
_ALPHABET = st.one_of(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
    st.sampled_from(list("[]{}:#'\"-?,&*!|>%@`.;()«»“”’áéíóúñçãõÀÉ ")),
)
_RAW = st.text(_ALPHABET, min_size=1, max_size=200)
# long sentences of words, so that the folded (>-) layout is exercised too
_WORD = st.text(_ALPHABET.filter(lambda ch: not ch.isspace()), min_size=1, max_size=12)
_SENTENCES = st.lists(_WORD, min_size=8, max_size=40).map(" ".join)
TEXTS = st.one_of(_RAW, _SENTENCES).map(lambda t: unicodedata.normalize("NFC", t).strip()).filter(
    lambda t: bool(t) and clean_text(t) == t and t == t.strip())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(es=TEXTS, en=TEXTS, title=TEXTS)
def test_random_texts_survive_emit_and_load(es: str, en: str, title: str) -> None:
    section = Section("s", {"es": title, "en": "T"}, "arabic",
                      (C("c", es, en, children=(C("c-a", en, es),)),))
    back = load_section(emit_section(section))
    assert back.clauses[0].text == {"es": es, "en": en}
    assert back.clauses[0].children[0].text == {"es": en, "en": es}
    assert back.title["es"] == title


@settings(max_examples=100, deadline=None)
@given(old=TEXTS, new=TEXTS)
def test_random_texts_survive_patching(old: str, new: str) -> None:
    before = Section("s", {"es": "S", "en": "S"}, "arabic", (C("a", "uno", "one"), C("b", old, "two")))
    text = emit_section(before)
    loaded = load_section(text)
    after = replace(loaded, clauses=(loaded.clauses[0], loaded.clauses[1].with_text("es", new)))
    patched = patch_section(text, PATH, loaded, after)
    assert load_section(patched).clauses[1].text == {"es": new, "en": "two"}
    assert load_section(patched).clauses[0].text == {"es": "uno", "en": "one"}


# ------------------------------------------------------------------------------ patching in place

HAND_KEPT = """\
# Operative paragraphs: kept by hand, with comments.
id: s
title: {es: Parte dispositiva, en: Operative part}
numbering: arabic
clauses:
  # the first operative paragraph
  - id: op-asylum
    text:
      es: "Fortalecer los sistemas nacionales de asilo;"   # trailing comment
      en: "Strengthen national asylum systems;"

  - id: op-borders
    status: agreed-ad-ref
    text:
      es: "Garantizar el acceso al territorio;"
      en: "Guarantee access to territory;"
    # a comment inside a clause
    agreed_language: "Brasil 2014"

  - id: op-solutions
    text:
      es: Promover soluciones duraderas [y complementarias].
      en: Promote durable [and complementary] solutions.
    children:
      - id: op-solutions-integration
        text:
          es: la integración local;
          en: local integration;
      - id: op-solutions-resettlement
        text:
          es: el reasentamiento;
          en: resettlement;

  # the last one
  - id: op-follow-up
    text:
      es: Dar seguimiento.
      en: Follow up.
# end of file
"""


def loaded() -> Section:
    return load_section(HAND_KEPT)


def with_clause(section: Section, clause_id: str, fn) -> Section:  # type: ignore[no-untyped-def]
    def walk(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        return tuple(fn(c) if c.id == clause_id else replace(c, children=walk(c.children)) for c in clauses)
    return replace(section, clauses=walk(section.clauses))


def patched(new: Section) -> str:
    text = patch_section(HAND_KEPT, PATH, loaded(), new)
    assert same(load_section(text), new)
    return text


def test_unchanged_section_is_kept_byte_for_byte() -> None:
    assert patch_section(HAND_KEPT, PATH, loaded(), loaded()) == HAND_KEPT


def test_changed_text_changes_only_its_line() -> None:
    new = with_clause(loaded(), "op-borders", lambda c: c.with_text("es", "Garantizar: el acceso [al territorio];"))
    text = patched(new)
    assert changed_lines(HAND_KEPT, text) == (['      es: "Garantizar el acceso al territorio;"'],
                                              ['      es: "Garantizar: el acceso [al territorio];"'])


def test_changed_text_keeps_a_trailing_comment() -> None:
    new = with_clause(loaded(), "op-asylum", lambda c: c.with_text("es", "Fortalecer los sistemas de asilo;"))
    text = patched(new)
    removed, added = changed_lines(HAND_KEPT, text)
    assert removed == ['      es: "Fortalecer los sistemas nacionales de asilo;"   # trailing comment']
    assert added == ['      es: Fortalecer los sistemas de asilo;   # trailing comment']


def test_changed_text_of_a_sub_clause() -> None:
    new = with_clause(loaded(), "op-solutions-resettlement", lambda c: c.with_text("en", "resettlement: no"))
    text = patched(new)
    assert changed_lines(HAND_KEPT, text) == (["          en: resettlement;"], ['          en: "resettlement: no"'])


def test_long_new_text_is_folded_in_place() -> None:
    long = "Promover soluciones duraderas " * 5 + "[y complementarias]."
    new = with_clause(loaded(), "op-solutions", lambda c: c.with_text("es", long))
    text = patched(new)
    removed, added = changed_lines(HAND_KEPT, text)
    assert removed == ["      es: Promover soluciones duraderas [y complementarias]."]
    assert added[0] == "      es: >-" and len(added) >= 3
    assert all(line.startswith("        ") for line in added[1:])


def test_added_language() -> None:
    section = load_section(HAND_KEPT.replace('      en: "Strengthen national asylum systems;"\n', "")
                           .replace("  - id: op-asylum\n", "  - id: op-asylum\n    pending_translation: [en]\n"))
    source = HAND_KEPT.replace('      en: "Strengthen national asylum systems;"\n', "").replace(
        "  - id: op-asylum\n", "  - id: op-asylum\n    pending_translation: [en]\n")
    new = with_clause(section, "op-asylum",
                      lambda c: replace(c.with_text("en", "Strengthen asylum;"), pending_translation=()))
    text = patch_section(source, PATH, section, new)
    assert same(load_section(text), new)
    removed, added = changed_lines(source, text)
    assert removed == ["    pending_translation: [en]"]
    assert added == ["      en: Strengthen asylum;"]


def test_changed_status_changes_only_its_line() -> None:
    new = with_clause(loaded(), "op-borders", lambda c: replace(c, status="agreed"))
    assert changed_lines(HAND_KEPT, patched(new)) == (["    status: agreed-ad-ref"], ["    status: agreed"])


def test_new_status_goes_after_the_id() -> None:
    new = with_clause(loaded(), "op-asylum", lambda c: replace(c, status="held"))
    text = patched(new)
    assert changed_lines(HAND_KEPT, text) == ([], ["    status: held"])
    assert "  - id: op-asylum\n    status: held\n    text:\n" in text


def test_status_of_a_sub_clause() -> None:
    new = with_clause(loaded(), "op-solutions-integration", lambda c: replace(c, status="agreed-in-informals"))
    text = patched(new)
    assert changed_lines(HAND_KEPT, text) == ([], ["        status: agreed-in-informals"])


def test_removed_agreed_language_removes_its_line_only() -> None:
    new = with_clause(loaded(), "op-borders", lambda c: replace(c, agreed_language=None))
    assert changed_lines(HAND_KEPT, patched(new)) == (['    agreed_language: "Brasil 2014"'], [])


def test_added_clause_adds_only_its_lines() -> None:
    s = loaded()
    newcomer = C("op-new", "Nuevo: [texto]", "New: [text]")
    new = replace(s, clauses=(*s.clauses[:2], newcomer, *s.clauses[2:]))
    text = patched(new)
    removed, added = changed_lines(HAND_KEPT, text)
    assert removed == []
    assert added == emit_clause(newcomer, 2).splitlines()
    assert text.index("id: op-borders") < text.index("id: op-new") < text.index("id: op-solutions")


def test_added_clause_at_the_end() -> None:
    s = loaded()
    new = replace(s, clauses=(*s.clauses, C("op-last", "Último.", "Last.")))
    text = patched(new)
    removed, added = changed_lines(HAND_KEPT, text)
    assert removed == [] and added == emit_clause(C("op-last", "Último.", "Last."), 2).splitlines()


def test_added_sub_clause() -> None:
    new_child = C("op-solutions-pathways", "las vías complementarias;", "complementary pathways;")
    new = with_clause(loaded(), "op-solutions", lambda c: replace(c, children=(*c.children, new_child)))
    removed, added = changed_lines(HAND_KEPT, patched(new))
    assert removed == [] and added == emit_clause(new_child, 6).splitlines()


def test_removed_clause_removes_only_its_lines() -> None:
    s = loaded()
    new = replace(s, clauses=tuple(c for c in s.clauses if c.id != "op-borders"))
    text = patched(new)
    block = ('  - id: op-borders\n    status: agreed-ad-ref\n    text:\n'
             '      es: "Garantizar el acceso al territorio;"\n      en: "Guarantee access to territory;"\n'
             '    # a comment inside a clause\n    agreed_language: "Brasil 2014"\n\n')
    assert block in HAND_KEPT
    assert text == HAND_KEPT.replace(block, "")


def test_removed_last_clause_keeps_the_comments_around_it() -> None:
    s = loaded()
    new = replace(s, clauses=s.clauses[:-1])
    text = patched(new)
    assert text == HAND_KEPT.replace("  - id: op-follow-up\n    text:\n      es: Dar seguimiento.\n"
                                     "      en: Follow up.\n", "")


def test_removed_first_clause() -> None:
    s = loaded()
    new = replace(s, clauses=s.clauses[1:])
    text = patched(new)
    assert text == HAND_KEPT.replace('  - id: op-asylum\n    text:\n'
                                     '      es: "Fortalecer los sistemas nacionales de asilo;"   # trailing comment\n'
                                     '      en: "Strengthen national asylum systems;"\n\n', "")


def test_removed_sub_clause() -> None:
    new = with_clause(loaded(), "op-solutions", lambda c: replace(c, children=c.children[:1]))
    removed, added = changed_lines(HAND_KEPT, patched(new))
    assert added == []
    assert removed == ["      - id: op-solutions-resettlement", "        text:", "          es: el reasentamiento;",
                       "          en: resettlement;", ""] or removed == [
        "      - id: op-solutions-resettlement", "        text:", "          es: el reasentamiento;",
        "          en: resettlement;"]


def test_moved_clause_moves_its_lines() -> None:
    s = loaded()
    a, b, c, d = s.clauses
    for order in ((a, c, b, d), (b, a, c, d), (a, b, d, c), (d, a, b, c)):
        new = replace(s, clauses=order)
        text = patched(new)
        assert [text.index(f"id: {x.id}\n") for x in order] == sorted(text.index(f"id: {x.id}\n") for x in order)
        # the moved clause keeps its own lines, comments and quoting: the same lines, elsewhere
        assert sorted(filter(None, text.splitlines())) == sorted(filter(None, HAND_KEPT.splitlines()))
        for comment in ("# Operative paragraphs", "# the first operative", "# trailing comment", "# the last one",
                        "# a comment inside a clause", "# end of file"):
            assert comment in text


def test_moved_and_changed_clause() -> None:
    s = loaded()
    a, b, c, d = s.clauses
    new = replace(s, clauses=(a, c, replace(b, status="held"), d))
    text = patched(new)
    assert text.index("id: op-solutions") < text.index("id: op-borders") < text.index("id: op-follow-up")


def test_long_text_replaced_by_a_short_one() -> None:
    long = "Promover soluciones duraderas " * 5 + "[y complementarias]."
    source = HAND_KEPT.replace("      es: Promover soluciones duraderas [y complementarias].\n",
                               "      es: >-\n" + "".join(f"        {w}\n" for w in long.split(" ")) + "\n")
    s = load_section(source)
    assert s.clauses[2].text["es"] == long
    for target in ("es", "en"):
        new = with_clause(s, "op-solutions",
                          lambda c, lang=target: replace(c.with_text(lang, "Corto."), status="held"))
        text = patch_section(source, PATH, s, new)
        assert same(load_section(text), new), text
        assert "# the last one" in text and "# end of file" in text


def test_several_changes_at_once() -> None:
    s = loaded()
    s2 = with_clause(s, "op-asylum", lambda c: replace(c.with_text("en", "Strengthen asylum;"), status="agreed"))
    s3 = with_clause(s2, "op-follow-up", lambda c: c.with_text("es", "Dar seguimiento: [anual]."))
    text = patched(s3)
    removed, added = changed_lines(HAND_KEPT, text)
    assert sorted(removed) == sorted(['      en: "Strengthen national asylum systems;"', "      es: Dar seguimiento."])
    assert sorted(added) == sorted(["    status: agreed", "      en: Strengthen asylum;",
                                    '      es: "Dar seguimiento: [anual]."'])


def test_flow_style_texts_are_rewritten_correctly() -> None:
    source = ("id: s\ntitle: {es: S, en: S}\nnumbering: arabic\nclauses:\n"
              "  - id: a\n    text: {es: Uno., en: One.}\n  # keep me\n  - id: b\n    text: {es: Dos., en: Two.}\n")
    s = load_section(source)
    new = with_clause(s, "a", lambda c: c.with_text("es", "Uno: [1]."))
    text = patch_section(source, PATH, s, new)
    assert same(load_section(text), new)
    assert "  # keep me\n  - id: b\n    text: {es: Dos., en: Two.}\n" in text


def test_changed_title_rewrites_the_file() -> None:
    s = loaded()
    new = replace(s, title={"es": "Dispositivo", "en": "Operative"})
    text = patch_section(HAND_KEPT, PATH, s, new)
    assert same(load_section(text), new)


# ------------------------------------------------------------------------------ amendments and decisions

AMENDMENT = """\
# submitted by e-mail, typed by the secretariat
id: zero-BRA-001
by: BRA
target: op-asylum
lang: es
change:
  replace:
    old: "sistemas nacionales"   # as in the zero draft
    new: "sistemas nacionales y regionales"
rationale: "Coherencia: con el Pacto."
channel: written
submitted: 2024-09-12
status: submitted
"""


def read_amendment(text: str) -> Amendment:
    problems: list = []
    tree = parse(text, "amendments/zero/zero-BRA-001.yaml")
    a = parse_amendment(Reader("amendments/zero/zero-BRA-001.yaml", problems), tree, "zero", "zero-BRA-001", "es")
    assert problems == [] and a is not None, problems
    return a


def test_patch_decision_keeps_every_other_line() -> None:
    text = patch_decision(AMENDMENT, "amendments/zero/zero-BRA-001.yaml", "modified",
                          [("date", "2024-09-25"), ("note", "Agreed: in informals"),
                           ("text", "sistemas nacionales [y regionales]"), ("into", None), ("clause", None),
                           ("texts", {"en": "national [and regional] systems"})])
    assert text.startswith(AMENDMENT.replace("status: submitted", "status: modified"))
    removed, added = changed_lines(AMENDMENT, text)
    assert removed == ["status: submitted"]
    assert added[0] == "status: modified" and added[1] == "decision:"
    a = read_amendment(text)
    assert a.status == "modified"
    assert a.decision == Decision("2024-09-25", "Agreed: in informals", "sistemas nacionales [y regionales]",
                                  None, None, {"en": "national [and regional] systems"})
    assert a.change.old == "sistemas nacionales" and a.rationale == "Coherencia: con el Pacto."


def test_patch_decision_without_a_status_line_and_final_newline() -> None:
    source = AMENDMENT.replace("status: submitted\n", "").rstrip("\n")
    text = patch_decision(source, "a.yaml", "rejected", [("date", "2024-09-25"), ("note", "no")])
    a = read_amendment(text)
    assert (a.status, a.decision.date, a.decision.note) == ("rejected", "2024-09-25", "no")  # type: ignore[union-attr]
    assert text.startswith(source + "\n")


def test_patch_decision_typed_words_stay_text() -> None:
    text = patch_decision(AMENDMENT, "a.yaml", "merged", [("date", "2024-09-25"), ("note", "no"),
                                                          ("into", "zero-ARG-001")])
    a = read_amendment(text)
    assert a.decision.note == "no" and a.decision.into == "zero-ARG-001"  # type: ignore[union-attr]


def test_patch_decision_refuses_a_second_decision() -> None:
    once = patch_decision(AMENDMENT, "a.yaml", "rejected", [("date", "2024-09-25")])
    with pytest.raises(ValueError, match="already carries a decision"):
        patch_decision(once, "a.yaml", "accepted", [("date", "2024-09-26")])


def test_patch_decision_of_an_unreadable_file() -> None:
    with pytest.raises(WorkspaceError):
        patch_decision("id: x\nid: y\n", "a.yaml", "rejected", [("date", "2024-09-25")])


@pytest.mark.parametrize("change", [
    Change("replace", old="sistemas: nacionales", new="no", occurrence=2),
    Change("insert", text=", en particular", after="asilo"),
    Change("insert", text="Además, ", at="start"),
    Change("delete", old="[y regionales]"),
    Change("bracket"),
    Change("remove"),
    Change("move", before="op-first"),
    Change("substitute", texts={"es": "Nuevo: texto", "en": "New: text"}),
    Change("comment"),
    Change("add", after="op-asylum", clause=Clause("op-new", {"es": "Nuevo #1", "en": "New #1"},
                                                   children=(Clause("op-new-a", {"es": "a", "en": "a"}),))),
])
def test_emit_amendment_round_trip(change: Change) -> None:
    a = Amendment("zero-BRA-001", "zero", "BRA", change, target=None if change.op == "add" else "op-asylum",
                  lang="es", cosponsors=("ARG", "URY"), on_behalf_of="MERCOSUR", supporters=("CHL",),
                  objectors=("MEX",), rationale="Por: coherencia # y claridad", channel="oral",
                  submitted="2024-09-12", status="accommodated",
                  decision=Decision("2024-09-20", "no", None, None, "op-other"))
    back = read_amendment(emit_amendment(a))
    assert replace(back, loc=a.loc, change=replace(back.change, clause=None)) == \
        replace(a, change=replace(a.change, clause=None))
    if change.clause is not None:
        assert back.change.clause is not None
        assert back.change.clause.id == "op-new" and dict(back.change.clause.text) == {"es": "Nuevo #1", "en": "New #1"}
        assert [c.id for c in back.change.clause.children] == ["op-new-a"]


def test_patch_section_of_a_non_mapping_rewrites() -> None:
    s = loaded()
    text = patch_section("- just a list\n", PATH, s, s)
    assert isinstance(parse(text, PATH), YMap) and same(load_section(text), s)


def test_empty_value_is_filled_in_place() -> None:
    source = HAND_KEPT.replace('    agreed_language: "Brasil 2014"\n', "    agreed_language:\n")
    s = load_section(source)
    assert s.clauses[1].agreed_language == ""
    new = with_clause(s, "op-borders", lambda c: replace(c, agreed_language="Cartagena 1984: conclusión III"))
    text = patch_section(source, PATH, s, new)
    assert same(load_section(text), new)
    assert changed_lines(source, text) == (["    agreed_language:"],
                                           ['    agreed_language: "Cartagena 1984: conclusión III"'])


def test_empty_text_is_filled_in_place() -> None:
    source = HAND_KEPT.replace("      en: Follow up.\n", "      en:\n")
    s = load_section(source)
    assert s.clauses[3].text["en"] == ""
    new = with_clause(s, "op-follow-up", lambda c: c.with_text("en", "Follow up: yearly."))
    text = patch_section(source, PATH, s, new)
    assert same(load_section(text), new)
    assert changed_lines(source, text) == (["      en:"], ['      en: "Follow up: yearly."'])


def test_file_without_a_final_newline() -> None:
    source = HAND_KEPT.removesuffix("# end of file\n").rstrip("\n")
    s = load_section(source)
    a, b, c, d = s.clauses
    for clauses in ((a, b, c, d, C("op-new", "Nuevo.", "New.")), (d, a, b, c), (a, b, d, c)):
        new = replace(s, clauses=clauses)
        text = patch_section(source, PATH, s, new)
        assert same(load_section(text), new), text
