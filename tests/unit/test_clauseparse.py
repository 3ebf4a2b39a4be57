"""A section file read clause by clause gives exactly the tree of the whole reading (values, lines,
spans, key lines), or the same error; clauses known from another version are reused, never shared."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.errors import WorkspaceError
from drafting.store import clauseparse
from drafting.store.yamlio import YMap, YSeq, parse, parse_whole


def outline(v: Any) -> Any:
    """Everything a reader can see of a tree: values, types, lines, spans, key lines."""
    if type(v) is str:
        return v
    spans = v.spans.items() if type(v) is YMap else enumerate(v.spans)
    where = [(k, s.line, s.start, s.end, s.column) for k, s in spans]
    if type(v) is YMap:
        return ("map", v.line, where, dict(v.key_lines), [(k, outline(x)) for k, x in v.items()])
    assert type(v) is YSeq
    return ("seq", v.line, where, [outline(x) for x in v])


def reading(text: str, whole: bool) -> Any:
    try:
        return outline(parse_whole(text, "drafts/d/s.yaml") if whole else parse(text, "drafts/d/s.yaml"))
    except WorkspaceError as e:
        return ("error", [(p.path, p.line, p.message) for p in e.problems()])


# pieces of an item, at the item's own indentation plus 2 ("{i}" stands for it)
FIELDS = [
    '{i}text{n}:\n{i}  es: "uno dos"\n{i}  en: three four\n',
    '{i}status{n}: held\n',
    '{i}note{n}: "a quoted value\n{i}  over two lines"\n',
    '{i}note{n}: "a quoted value that runs\n- id: across\n  an item line"\n',
    "{i}note{n}: 'single ''quoted''\n\n{i}  on lines'\n",
    '{i}note{n}: |\n{i}  - not an item\n{i}    kept as text\n',
    '{i}note{n}: >-\n{i}  folded\n\n{i}  text\n',
    '{i}tags{n}: [a, b, "c d"]\n',
    '{i}tags{n}: [a,\n{i}  b]\n',
    '{i}tags{n}: {{x: y}}\n',
    '{i}# a comment inside an item\n',
    '# a comment at the margin\n',
    '{i}plain{n}: words that\n{i}  continue here\n',
    '{i}list{n}:\n{i}- one\n{i}- two\n',
    '{i}list{n}:\n{i}  - one\n{i}  -\n{i}    nested: x\n',
    '\n',
]
# pieces that make the file unreadable (the whole reading says why), or read oddly
BAD = [
    '{i}tags{n}: [a,\n- b]\n',
    '{i}dup: a\n{i}dup: b\n',
    '{i}anchor{n}: &a x\n{i}alias{n}: *a\n',
    '{i}bad{n}: "\u202e"\n',
    '{i}tab{n}:\tvalue\n',
    '\t{i}tab{n}: indented\n',
    '{i}   odd: indentation\n',
    '{i}cr{n}: x\r\n',
    '{i}unclosed{n}: "x\n',
]
HEADS = ["id: s\ntitle: T\nclauses:\n", "id: s\nclauses:\n", "id: s\nclauses:\n", "# top\nid: s\nclauses:  \n\n# before\n", "clauses:\n", "id: s\nclauses: []\n"]
TAILS = ["", "", "numbering: arabic\n", "# end\n", "\n\nnote: x\n", "---\nid: other\n", "  stray: x\n", "...\n",
         "clauses:\n  - again\n"]


def item(draw: Any, pad: str, n: int) -> str:
    shape = draw(st.sampled_from(["map", "map", "map", "bare", "plain", "dash-alone"]))
    inner = pad + "  "
    pieces = st.sampled_from(FIELDS * 12 + BAD)
    body = "".join(p.format(i=inner, n=k) for k, p in enumerate(draw(st.lists(pieces, max_size=3))))
    if shape == "map":
        return f"{pad}- id: c{n}\n{body}"
    if shape == "bare":
        return f"{pad}-   id: c{n}\n{body}".replace(f"\n{inner}", f"\n{inner}  ")
    if shape == "plain":
        return f"{pad}- plain item {n}\n"
    return f"{pad}-\n{inner}id: c{n}\n{body}"


@st.composite
def versions(draw: Any) -> tuple[str, str]:
    """A section file, and another version of it where one item is different."""
    pad = " " * draw(st.sampled_from([0, 2, 4]))
    items = [item(draw, pad, n) for n in range(draw(st.integers(1, 8)))]
    head, tail = draw(st.sampled_from(HEADS)), draw(st.sampled_from(TAILS))
    at = draw(st.integers(0, len(items) - 1))
    other = items[:at] + [item(draw, pad, at)] + items[at + 1:]
    return head + "".join(items) + tail, head + "".join(other) + tail


@pytest.fixture(autouse=True)
def every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clauseparse, "MIN_SIZE", 0)
    clauseparse._known.clear()


EDITS = ['  note: "changed"\n', "  - id: inserted\n", "#\n", "x", "    - id: x\n", "      more: y\n", '"\n']


@settings(max_examples=300)
@given(versions())
def test_another_version_reads_as_a_whole_reading(texts: tuple[str, str]) -> None:
    clauseparse._known.clear()
    first, second = texts
    assert reading(first, False) == reading(first, True)
    assert reading(second, False) == reading(second, True)


@settings(max_examples=400)
@given(versions(), st.integers(0, 12), st.sampled_from(EDITS))
def test_same_as_the_whole_reading(texts: tuple[str, str], at: int, edit: str) -> None:
    clauseparse._known.clear()
    text = texts[0]
    whole = reading(text, True)
    assert reading(text, False) == whole  # unknown clauses: read whole, remembered
    assert reading(text, False) == whole  # known clauses: read from what was remembered
    lines = text.splitlines(keepends=True)
    other = "".join(lines[:at] + [edit] + lines[at:])  # another version: one clause changed, or more
    assert reading(other, False) == reading(other, True)


SECTION = "id: s\nclauses:\n" + "".join(
    f'  - id: c{n}\n    text:\n      es: "cláusula {n}"\n      en: "clause {n}"\n' for n in range(40)
) + "numbering: arabic\n"


def test_one_changed_clause_is_read_alone_and_trees_are_never_shared() -> None:
    first = parse(SECTION, "s.yaml")
    changed = SECTION.replace('"clause 7"', '"clause seven,\n        now on two lines"')
    calls: list[str] = []

    def whole(text: str, path: str, depth: int = 0) -> Any:
        calls.append(text)
        return parse_whole(text, path, depth)

    second = clauseparse.parse(changed, "s.yaml", whole)
    assert outline(second) == outline(parse_whole(changed, "s.yaml"))
    # the changed clause, then the file with its clauses blanked out: no other clause read again
    assert len(calls) == 2 and calls[0].startswith("  - id: c7\n") and "c8" not in calls[1]
    assert second["clauses"][20].line == first["clauses"][20].line + 1
    second["clauses"][3]["text"]["en"] = "changed in place"
    second["clauses"][3].spans["text"].line = 999
    third = parse(SECTION, "s.yaml")
    assert outline(third) == outline(first) and third["clauses"][3]["text"]["en"] == "clause 3"


def test_an_error_names_the_file_and_line_as_the_whole_reading_does() -> None:
    parse(SECTION, "s.yaml")
    broken = SECTION.replace('"clause 30"', '"clause 30" extra: "x"')
    with pytest.raises(WorkspaceError) as e:
        parse(broken, "drafts/d/s.yaml")
    with pytest.raises(WorkspaceError) as w:
        parse_whole(broken, "drafts/d/s.yaml")
    assert [(p.path, p.line, p.message) for p in e.value.problems()] == [
        (p.path, p.line, p.message) for p in w.value.problems()]
    assert e.value.problems()[0].line == SECTION[:SECTION.index('"clause 30"')].count("\n") + 1


@pytest.mark.parametrize("odd", ["\u2028", "\u2029"])
def test_a_line_break_of_unicode_keeps_the_lines_of_the_whole_reading(odd: str) -> None:
    # libyaml breaks lines at U+2028 and U+2029 too: every later line number depends on them
    text = SECTION.replace('"clause 5"', f'"clause{odd}5"')
    parse(SECTION, "s.yaml")  # the other clauses known from another version
    assert reading(text, False) == reading(text, True)


def test_a_directive_is_read_with_the_whole_file() -> None:
    parse(SECTION.replace('"clause ', '!!str "clause '), "s.yaml")  # clauses with tags, known
    text = "%TAG !! tag:example.com,2000:\n---\n" + SECTION.replace('"clause ', '!!str "clause ')
    whole = reading(text, True)
    assert whole[0] == "error" and reading(text, False) == whole
