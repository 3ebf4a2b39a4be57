"""Numbers read back: every label the numbering gives parses to the place of its clause, at any depth,
with or without a base version; the edges of roman numerals, letters and Latin ordinals."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.model import Clause, Document, Section, Workspace
from drafting.ops.numbering import Number, concordance, letters, number_document, number_workspace, ordinal, roman
from drafting.vocab import LATIN_ORDINALS

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CANONICAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\Z")


def from_roman(text: str) -> int:
    """The value of a canonical roman numeral (the reader's side, independent of ``roman``)."""
    assert _CANONICAL.match(text) and text, f"not a canonical roman numeral: {text!r}"
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def from_letters(text: str) -> int:
    assert re.fullmatch(r"([a-z])\1*", text), f"not a letter label: {text!r}"
    return (len(text) - 1) * 26 + ord(text[0]) - ord("a") + 1


def read_label(label: str, style: str) -> tuple[int, int]:
    """``"12 ter"`` -> (12, 2); the suffix count is 0 without a Latin ordinal."""
    base, _, suffix = label.partition(" ")
    extra = 0
    if suffix:
        extra = LATIN_ORDINALS.index(suffix) + 1 if suffix in LATIN_ORDINALS else int(suffix.removesuffix("-ies"))
    if base == "0":
        return 0, extra
    value = {
        "arabic": lambda t: int(t),
        "roman": from_roman,
        "lroman": lambda t: from_roman(t.upper()) if t == t.lower() else -1,
        "letter": lambda t: from_letters(t.lower()) if t == t.upper() else -1,
        "alpha": from_letters,
    }[style](base)
    return value, extra


def read_ref(ref: str, styles: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """A reference such as ``IV bis(b)(ii)`` read back level by level."""
    m = re.fullmatch(r"([^()]+)((?:\([^()]+\))*)", ref)
    assert m, ref
    labels = [m.group(1), *re.findall(r"\(([^()]+)\)", m.group(2))]
    assert len(labels) == len(styles)
    return tuple(read_label(label, style) for label, style in zip(labels, styles))


def C(cid: str, *children: Clause, kind: str = "paragraph") -> Clause:
    return Clause(cid, {"es": cid, "en": cid}, kind=kind, children=children)


def W(*sections: Section) -> Workspace:
    doc = Document("doc", {"en": "D"}, sections)
    return Workspace({"en": "T"}, "T/L.1", "es", ("es", "en"), ("doc",), {}, (), documents=(doc,))


def refs(ws: Workspace, base: Workspace | None = None) -> dict[str, str]:
    return {cid: n.ref() for cid, n in number_workspace(ws, base).items()}


# --- the labels themselves ----------------------------------------------------------------------------

def test_roman_numerals_every_symbol_and_pair() -> None:
    expected = {5: "V", 6: "VI", 7: "VII", 8: "VIII", 10: "X", 40: "XL", 50: "L", 90: "XC", 100: "C",
                400: "CD", 500: "D", 900: "CM", 1000: "M", 3888: "MMMDCCCLXXXVIII", 3999: "MMMCMXCIX"}
    assert {n: roman(n) for n in expected} == expected


def test_every_roman_numeral_up_to_3999_reads_back() -> None:
    for n in range(1, 4000):
        assert from_roman(roman(n)) == n


def test_letters_wrap_to_doubled_letters() -> None:
    assert [letters(n) for n in (1, 25, 26, 27, 28, 52, 53, 78, 79)] == \
        ["a", "y", "z", "aa", "bb", "zz", "aaa", "zzz", "aaaa"]
    assert all(from_letters(letters(n)) == n for n in range(1, 200))


def test_latin_ordinals_up_to_vicies_then_numbered() -> None:
    assert [ordinal(n) for n in range(1, 20)] == list(LATIN_ORDINALS)
    assert ordinal(19) == "vicies"
    assert ordinal(20) == "20-ies" and ordinal(21) == "21-ies"


# --- styles at every depth ----------------------------------------------------------------------------

def chain(prefix: str, depth: int) -> Clause:
    """A clause with one sub-clause per level down to ``depth`` levels below it (ids prefix-0 ...)."""
    clause = C(f"{prefix}-{depth}")
    for level in range(depth - 1, -1, -1):
        clause = C(f"{prefix}-{level}", C(f"{prefix}-{level}-sibling"), clause)
    return clause


def test_sub_clause_styles_down_to_depth_five() -> None:
    ws = W(Section("op", {"en": "O"}, "arabic", (C("first"), chain("x", 5))))
    numbers = number_workspace(ws)
    # each level's second sub-clause: (b) -> (ii) -> b. -> ii. -> ii. (the last style carries on)
    assert [numbers[f"x-{d}"].ref() for d in range(6)] == \
        ["2", "2(b)", "2(b)(ii)", "2(b)(ii)(b)", "2(b)(ii)(b)(ii)", "2(b)(ii)(b)(ii)(ii)"]
    assert [numbers[f"x-{d}"].own("en") for d in range(6)] == ["2", "(b)", "(ii)", "b.", "ii.", "ii."]
    assert [numbers[f"x-{d}"].own("fr") for d in range(6)] == ["2", "b)", "ii)", "b.", "ii.", "ii."]
    assert numbers["x-5"].styles == ("arabic", "alpha", "lroman", "alpha", "lroman", "lroman")
    # against a base that has them all, nothing moves, at every depth
    assert refs(ws, ws) == refs(ws)
    assert number_workspace(ws, ws)["x-5"].styles == numbers["x-5"].styles


def test_sub_clause_added_at_depth_four_and_five_against_a_base() -> None:
    base = W(Section("op", {"en": "O"}, "arabic", (chain("x", 5),)))
    deep = base.clause("x-3")
    assert deep is not None
    grown = C("x-3", *deep.children[:1], C("x-3-new", C("x-3-new-kid")), *deep.children[1:])
    now = W(Section("op", {"en": "O"}, "arabic", (_replace_clause(chain("x", 5), "x-3", grown),)))
    numbers = number_workspace(now, base)
    assert numbers["x-3-new"].ref() == "1(b)(ii)(b)(i bis)"
    assert numbers["x-3-new"].own("en") == "i bis."
    # the new clause's own sub-clause is a list the base never had: numbered from the start
    assert numbers["x-3-new-kid"].ref() == "1(b)(ii)(b)(i bis)(i)"
    assert numbers["x-3-new-kid"].styles[-1] == "lroman"


def _replace_clause(clause: Clause, cid: str, new: Clause) -> Clause:
    if clause.id == cid:
        return new
    return C(clause.id, *(_replace_clause(c, cid, new) for c in clause.children))


# --- bis numbers before the first clause ----------------------------------------------------------------

def test_clauses_added_before_every_clause_are_0_bis_0_ter() -> None:
    base = W(Section("op", {"en": "O"}, "arabic", (C("a"), C("b"))))
    now = W(Section("op", {"en": "O"}, "arabic", (C("n1"), C("n2"), C("a"), C("b"))))
    assert refs(now, base) == {"n1": "0 bis", "n2": "0 ter", "a": "1", "b": "2"}
    assert number_workspace(now, base)["n1"].own("en") == "0 bis"


def test_sub_clause_added_before_every_sub_clause() -> None:
    base = W(Section("op", {"en": "O"}, "arabic", (C("a", C("a-a"), C("a-b")),)))
    now = W(Section("op", {"en": "O"}, "arabic", (C("a", C("new"), C("a-a"), C("a-b")),)))
    assert refs(now, base) == {"a": "1", "new": "1(0 bis)", "a-a": "1(a)", "a-b": "1(b)"}


def test_roman_section_added_before_its_first_clause() -> None:
    base = W(Section("ch", {"en": "I"}, "roman", (C("a"), C("b"))))
    now = W(Section("ch", {"en": "I"}, "roman", (C("new"), C("a"), C("b"))))
    assert refs(now, base) == {"new": "0 bis", "a": "I", "b": "II"}


def test_a_whole_new_section_is_numbered_consecutively() -> None:
    base = W(Section("ch", {"en": "I"}, "letter", (C("a"),)))
    now = W(Section("ch", {"en": "I"}, "letter", (C("a"),)), Section("new", {"en": "N"}, "letter", (C("x"), C("y"))))
    assert refs(now, base) == {"a": "A", "x": "A", "y": "B"}


def test_more_newcomers_than_latin_ordinals() -> None:
    base = W(Section("op", {"en": "O"}, "arabic", (C("a"),)))
    now = W(Section("op", {"en": "O"}, "arabic", (C("a"), *(C(f"n{i}") for i in range(1, 22)))))
    r = refs(now, base)
    assert (r["n18"], r["n19"], r["n20"], r["n21"]) == ("1 novodecies", "1 vicies", "1 20-ies", "1 21-ies")


# --- every number reads back ----------------------------------------------------------------------------

STYLES = ("arabic", "roman", "letter", "none")


@st.composite
def trees(draw: st.DrawFn, depth: int = 0, prefix: str = "c") -> tuple[Clause, ...]:
    """Sibling lists with headings sprinkled in, up to five levels deep."""
    n = draw(st.integers(0, 4 if depth else 6))
    out = []
    for i in range(n):
        cid = f"{prefix}{i}"
        if draw(st.integers(0, 5)) == 0:
            out.append(C(cid, kind="heading"))
            continue
        kids = draw(trees(depth + 1, cid + "-")) if depth < 5 and draw(st.booleans()) else ()
        out.append(C(cid, *kids))
    return tuple(out)


@st.composite
def documents(draw: st.DrawFn) -> Workspace:
    sections = []
    for s in range(draw(st.integers(1, 4))):
        style = draw(st.sampled_from(STYLES))
        sections.append(Section(f"s{s}", {"en": "S"}, style, draw(trees(0, f"s{s}c"))))
    return W(*sections)


def expected_places(ws: Workspace) -> dict[str, tuple[int, ...]]:
    """Each numbered clause's place: its 1-based rank among the numbered siblings at each level
    (arabic running on across sections, roman and letter restarting)."""
    out: dict[str, tuple[int, ...]] = {}
    arabic = 0

    def walk(clauses: tuple[Clause, ...], prefix: tuple[int, ...], start: int) -> int:
        n = start
        for c in clauses:
            if c.kind == "heading":
                continue
            n += 1
            out[c.id] = (*prefix, n)
            walk(c.children, (*prefix, n), 0)
        return n

    for section in ws.documents[0].sections:
        if section.numbering == "none":
            continue
        last = walk(section.clauses, (), arabic if section.numbering == "arabic" else 0)
        if section.numbering == "arabic":
            arabic = last
    return out


@settings(max_examples=60, deadline=None)
@given(documents())
def test_every_number_reads_back_to_its_place(ws: Workspace) -> None:
    numbers = number_workspace(ws)
    places = expected_places(ws)
    assert set(numbers) == set(places)
    for cid, number in numbers.items():
        read = read_ref(number.ref(), number.styles)
        assert tuple(value for value, _ in read) == places[cid], (cid, number.ref())
        assert all(extra == 0 for _, extra in read)
        for lang in ("en", "es"):
            own = number.own(lang)
            level = len(number.parts) - 1
            bare = {0: own, 1: own.strip("()") if lang == "en" else own.removesuffix(")"),
                    2: own.strip("()") if lang == "en" else own.removesuffix(")")}.get(level, own.removesuffix("."))
            assert read_label(bare, number.styles[-1]) == read[-1], (cid, lang, own)
    # against itself as the base nothing changes
    assert {k: v.ref() for k, v in number_workspace(ws, ws).items()} == {k: v.ref() for k, v in numbers.items()}


@settings(max_examples=60, deadline=None)
@given(documents(), st.data())
def test_against_a_base_kept_numbers_stand_and_newcomers_follow_with_bis(ws: Workspace, data: st.DataObject) -> None:
    base_numbers = number_workspace(ws)
    # add newcomers after random clauses of the first numbered sibling lists, delete some others
    doc = ws.documents[0]
    sections = []
    added: dict[str, str] = {}
    removed: set[str] = set()
    for section in doc.sections:
        clauses: list[Clause] = []
        for c in section.clauses:
            if c.kind != "heading" and data.draw(st.integers(0, 4)) == 0:
                removed.update(x.id for x in c.walk())
                continue
            clauses.append(c)
            for k in range(data.draw(st.integers(0, 2))):
                new_id = f"new-{c.id}-{k}"
                clauses.append(C(new_id))
                added[new_id] = c.id
        sections.append(Section(section.id, section.title, section.numbering, tuple(clauses)))
    now = W(*sections)
    numbers = number_workspace(now, ws)
    for cid, number in base_numbers.items():
        if cid not in removed:
            assert numbers[cid] == number
    assert not set(numbers) & removed
    for new_id, after in added.items():
        if new_id not in numbers:  # in a section numbered "none"
            continue
        ref = numbers[new_id].ref()
        k = int(new_id.rsplit("-", 1)[1])
        anchor = numbers.get(after)
        if anchor is not None:  # after a numbered clause: its number, then bis, ter ...
            assert numbers[new_id].parts[-1] == (anchor.parts[-1][0], anchor.parts[-1][1] + k + 1), ref
        else:  # after a heading: numbered on from the clause before it, or afresh in a list the base lacked
            assert read_ref(ref, numbers[new_id].styles), ref


def test_concordance_names_bis_numbers_and_dropped_clauses() -> None:
    a = W(Section("op", {"en": "O"}, "arabic", (C("x"), C("y", C("y-a")), C("z"))))
    b = W(Section("op", {"en": "O"}, "arabic", (C("x"), C("n"), C("y", C("y-a")))))
    rows = [(r.clause_id, r.document, r.old, r.new) for r in concordance(a, b)]
    assert rows == [("x", "doc", "1", "1"), ("n", "doc", "1 bis", "2"), ("y", "doc", "2", "3"),
                    ("y-a", "doc", "2(a)", "3(a)"), ("z", "doc", "3", "")]


def test_number_without_parts_prints_nothing() -> None:
    assert Number((), ()).own("en") == "" and Number((), ()).ref() == ""


@pytest.mark.parametrize("style,expected", [("arabic", ["1", "2"]), ("roman", ["I", "II"]),
                                            ("letter", ["A", "B"])])
def test_number_document_styles(style: str, expected: list[str]) -> None:
    doc = Document("d", {"en": "D"}, (Section("s", {"en": "S"}, style, (C("a"), C("b"))),))
    assert [n.ref() for n in number_document(doc).values()] == expected


def test_a_roman_section_does_not_run_on_from_the_arabic_one() -> None:
    base = W(Section("op", {"en": "O"}, "arabic", (C("a"),)), Section("ch", {"en": "I"}, "roman", (C("r1"),)))
    now = W(Section("op", {"en": "O"}, "arabic", (C("a"),)),
            Section("ch", {"en": "I"}, "roman", (C("new"), C("r1"))))
    assert refs(now, base) == {"a": "1", "new": "0 bis", "r1": "I"}


def test_documents_after_a_new_one_keep_their_numbers() -> None:
    one = Document("one", {"en": "1"}, (Section("s", {"en": "S"}, "arabic", (C("a"), C("b"))),))
    new = Document("new", {"en": "N"}, (Section("s", {"en": "S"}, "arabic", (C("x"),)),))
    grown = Document("one", {"en": "1"}, (Section("s", {"en": "S"}, "arabic", (C("a"), C("n"), C("b"))),))
    base = Workspace({"en": "T"}, "T/L.1", "es", ("es", "en"), ("one",), {}, (), documents=(one,))
    now = Workspace({"en": "T"}, "T/L.1", "es", ("es", "en"), ("new", "one"), {}, (), documents=(new, grown))
    assert refs(now, base) == {"x": "1", "a": "1", "n": "1 bis", "b": "2"}
