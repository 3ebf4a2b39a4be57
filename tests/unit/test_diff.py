"""Word-level diffs: whole words, invisible characters ignored, and clause-level workspace diffs."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drafting.model import Amendment, Change, Clause, Document, Section, Workspace
from drafting.ops.anchor import locate
from drafting.ops.apply import apply_change
from drafting.ops.diff import DELETE, EQUAL, INSERT, ClauseDiff, diff_workspaces, word_diff
from drafting.ops.text import key, words


def side(chunks: list[tuple[int, str]], keep: int) -> str:
    return "".join(text for op, text in chunks if op in (EQUAL, keep))


# --- word_diff ---------------------------------------------------------------------------------------

def test_insertion_of_words() -> None:
    assert word_diff("Fortalecer los sistemas nacionales de asilo.",
                     "Fortalecer los sistemas nacionales y regionales de asilo.") == [
        (EQUAL, "Fortalecer los sistemas nacionales "), (INSERT, "y regionales "), (EQUAL, "de asilo.")]


def test_changed_word_is_whole_word_out_whole_word_in() -> None:
    assert word_diff("sistemas nacionales", "sistemas nacional") == [
        (EQUAL, "sistemas "), (DELETE, "nacionales"), (INSERT, "nacional")]
    assert word_diff("la protección", "la proteccion") == [
        (EQUAL, "la "), (DELETE, "protección"), (INSERT, "proteccion")]


def test_run_of_changed_words_is_one_deletion_and_one_insertion() -> None:
    assert word_diff("a b c d", "a x y d") == [(EQUAL, "a "), (DELETE, "b c"), (INSERT, "x y"), (EQUAL, " d")]
    assert word_diff("uno dos tres", "cuatro cinco seis") == [(DELETE, "uno dos tres"),
                                                             (INSERT, "cuatro cinco seis")]


def test_separate_changes_stay_separate() -> None:
    assert word_diff("the old red cat", "the new red dog") == [
        (EQUAL, "the "), (DELETE, "old"), (INSERT, "new"), (EQUAL, " red "), (DELETE, "cat"), (INSERT, "dog")]


def test_empty_sides() -> None:
    assert word_diff("", "") == []
    assert word_diff("", "nuevo texto") == [(INSERT, "nuevo texto")]
    assert word_diff("viejo texto", "") == [(DELETE, "viejo texto")]


def test_nfd_and_nfc_are_the_same_text() -> None:
    import unicodedata
    text = "protección de los refugiados"
    assert word_diff(unicodedata.normalize("NFD", text), text) == [(EQUAL, text)]


def test_invisible_differences_are_not_changes() -> None:
    a = "l'asile et la protection ; nacionales y \"asilo\""
    b = "l’asile  et la\u00a0protection\u202f; nacio\u00adnales y “asilo”"
    chunks = word_diff(a, b)
    assert chunks == [(EQUAL, b)]
    assert word_diff("asilo ;", "asilo;") == [(EQUAL, "asilo;")]
    assert word_diff("asilo\u200b y", "asilo y") == [(EQUAL, "asilo y")]


def test_real_changes_next_to_invisible_ones_show_real_text() -> None:
    a = "la\u00a0protección internacional"
    b = "la protección internacional y regional"
    chunks = word_diff(a, b)
    assert side(chunks, INSERT) == b
    assert chunks[-1] == (INSERT, " y regional")
    chunks = word_diff("la protecci\u00adón y el asilo", "la protección")
    assert chunks == [(EQUAL, "la protección"), (DELETE, " y el asilo")]


def test_guillemets_are_not_quotes() -> None:
    assert word_diff("«asilo»", "\"asilo\"") != [(EQUAL, "\"asilo\"")]


# --- property: a change comes back from the diff -----------------------------------------------------

OLD_LETTERS = "aábcçdeéiíñoóõ"
NEW_LETTERS = "rstuüvxyz"
old_word = st.text(OLD_LETTERS, min_size=1, max_size=6)
new_word = st.text(NEW_LETTERS, min_size=1, max_size=6)
separator = st.sampled_from([" ", " ", " ", ", ", "; ", " (", ") "])


@st.composite
def clause_text(draw: st.DrawFn) -> list[str]:
    """Alternating words and separators, as tokens, starting and ending with a word."""
    ws = draw(st.lists(old_word, min_size=2, max_size=12))
    out: list[str] = [ws[0]]
    for w in ws[1:]:
        out += [draw(separator), w]
    return out


@settings(max_examples=200, deadline=None)
@given(clause_text(), st.data())
def test_word_diff_gives_back_the_change(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    n_words = (len(parts) + 1) // 2
    op = data.draw(st.sampled_from(["replace", "insert", "delete"]))
    i = data.draw(st.integers(0, n_words - 1))
    j = data.draw(st.integers(i, n_words - 1))
    start = len("".join(parts[:2 * i]))
    end = len("".join(parts[:2 * j + 1]))
    old = text[start:end]
    new_words = data.draw(st.lists(new_word, min_size=1, max_size=4))
    new = " ".join(new_words)
    if op == "replace":
        change = Change("replace", old=old, new=new, occurrence=_occurrence(text, old, start))
    elif op == "delete":
        change = Change("delete", old=old, occurrence=_occurrence(text, old, start))
    else:
        change = Change("insert", text=new, after=old, occurrence=_occurrence(text, old, start))
    a = Amendment("zero-BRA-001", "zero", "BRA", change, target="c")
    location = locate(a, None, text)
    assert location.state == "exact", location.reason
    result = apply_change(text, a, location)
    chunks = word_diff(text, result)
    deleted = [w for op_, t in chunks if op_ == DELETE for w in words(t)]
    inserted = [w for op_, t in chunks if op_ == INSERT for w in words(t)]
    assert side(chunks, INSERT) == result
    assert key(side(chunks, DELETE)).replace(" ", "") == key(text).replace(" ", "")
    if op == "replace":
        assert sorted(deleted) == sorted(words(old)) and inserted == new_words
    elif op == "delete":
        assert sorted(deleted) == sorted(words(old)) and inserted == []
    else:
        assert deleted == [] and inserted == new_words


def _occurrence(text: str, old: str, start: int) -> int | None:
    from drafting.ops.anchor import find_all, on_word_boundaries
    # anchors count whole-word matches only, as ops.anchor.find does
    spans = [x for x in find_all(text, old) if on_word_boundaries(text, *x)]
    # a match can still overlap another: "a, a" occurs in "a, a, a" twice, one starting inside the other
    assume(any(s == start for s, _ in spans))
    if len(spans) == 1:
        return None
    found = [n for n, (s, _) in enumerate(spans, 1) if s == start]
    assume(found)  # a self-overlapping span (``a, a`` in ``a, a, a``) is not an occurrence of its own
    return found[0]


# --- diff_workspaces ---------------------------------------------------------------------------------

def ws_of(*clauses: Clause, doc: str = "declaration") -> Workspace:
    section = Section("operative", {"en": "Operative"}, clauses=clauses)
    return Workspace(title={"en": "T"}, symbol="S", original_language="es", languages=("es", "en"),
                     document_ids=(doc,), delegations={}, versions=(),
                     documents=(Document(doc, {"en": "D"}, (section,)),))


def c(cid: str, es: str, status: str = "pending", children: tuple[Clause, ...] = ()) -> Clause:
    return Clause(cid, {"es": es, "en": es.upper()}, status=status, children=children)


def kinds(diffs: list[ClauseDiff]) -> list[tuple[str, str]]:
    return [(d.clause_id, d.kind) for d in diffs]


def test_workspace_diff_changed_added_removed_status() -> None:
    a = ws_of(c("one", "Uno."), c("two", "Dos."), c("three", "Tres."), c("four", "Cuatro."))
    b = ws_of(c("one", "Uno y medio."), c("three", "Tres.", status="agreed"), c("new", "Nuevo."),
              c("four", "Cuatro."))
    diffs = diff_workspaces(a, b, "es")
    assert kinds(diffs) == [("one", "changed"), ("two", "removed"), ("three", "status"), ("new", "added")]
    one = diffs[0]
    assert one.chunks == ((EQUAL, "Uno"), (INSERT, " y medio"), (EQUAL, "."))
    assert (one.old_text, one.new_text, one.lang, one.document) == ("Uno.", "Uno y medio.", "es", "declaration")
    assert diffs[1].old_text == "Dos." and diffs[1].chunks == ((DELETE, "Dos."),)
    assert (diffs[2].old_status, diffs[2].new_status) == ("pending", "agreed")
    assert diffs[3].chunks == ((INSERT, "Nuevo."),) and diffs[3].old_status is None
    assert all(d.amendments == () and d.proponents == () for d in diffs)


def test_workspace_diff_moves() -> None:
    a = ws_of(c("one", "Uno."), c("two", "Dos."), c("three", "Tres."), c("four", "Cuatro."))
    b = ws_of(c("two", "Dos."), c("three", "Tres."), c("one", "Uno cambiado."), c("four", "Cuatro."))
    diffs = diff_workspaces(a, b, "es")
    assert kinds(diffs) == [("one", "changed")]
    assert diffs[0].moved
    b2 = ws_of(c("two", "Dos."), c("three", "Tres."), c("four", "Cuatro.", children=(c("one", "Uno."),)))
    assert kinds(diff_workspaces(a, b2, "es")) == [("one", "moved")]


def test_workspace_diff_removed_first_clause_and_other_language() -> None:
    a = ws_of(c("one", "Uno."), c("two", "Dos."))
    b = ws_of(c("two", "Dos."))
    assert kinds(diff_workspaces(a, b, "es")) == [("one", "removed")]
    b2 = ws_of(replace(c("one", "Uno."), text={"es": "Uno.", "en": "ONE, CHANGED."}), c("two", "Dos."))
    assert kinds(diff_workspaces(a, b2, "es")) == []
    assert kinds(diff_workspaces(a, b2, "en")) == [("one", "changed")]


def test_workspace_diff_ignores_invisible_changes() -> None:
    a = ws_of(c("one", "l'asile et la protection"))
    b = ws_of(c("one", "l’asile et la\u00a0protection"))
    assert diff_workspaces(a, b, "es") == []


def test_word_splices_keep_shared_words_and_do_not_split_on_chance_ones() -> None:
    from drafting.ops.diff import word_splices

    a = "Fortalecer los sistemas nacionales de asilo en la región."
    assert word_splices(a, "Fortalecer los sistemas nacionales y regionales de asilo en la región.") == [
        (35, 35, "y regionales ")
    ]
    # a clause replaced by another that shares only "de" and "la": one change, not three
    a = "apoyar a las comunidades de acogida con financiamiento previsible durante el decenio;"
    b = "reconocer los títulos académicos obtenidos en el extranjero de conformidad con la ley;"
    splices = word_splices(a, b)
    assert len(splices) == 1
    start, end, new = splices[0]
    assert a[:start] + new + a[end:] == b
    # whatever the texts, applying the splices from the right gives the new text exactly
    c = "promover la integración local y la inclusión de las personas refugiadas, con recursos"
    d = "promover la inclusión socioeconómica y la integración local de las personas, con recursos nuevos"
    out = c
    for s, e, t in reversed(word_splices(c, d)):
        out = out[:s] + t + out[e:]
    assert out == d
