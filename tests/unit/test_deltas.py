"""What one commit did to a section's clauses (drafting/store/deltas.py), read from the changed list items
only, must say what reading the whole file says: checked on edits of every kind, one after the other,
against a whole-file reading of each version."""

from __future__ import annotations

import random

import pytest
import yaml

from drafting.store.deltas import Delta, delta, whole
from tests.support import clause, section

PATH = "drafts/decl/operative.yaml"
WORDS = ["asilo", "refugio", "[fronteras]", "protección", "integración", "niñez", "apatridia", "datos"]


def text(rng: random.Random) -> dict[str, str]:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))
    return {"es": f"Fortalecer {words};", "en": f"Strengthen {words};"}


def render(items: list[dict], *, title: str = "Parte dispositiva", comment: str = "") -> bytes:
    yaml = section("operative", items, title={"es": title, "en": "Operative part"}, numbering="arabic")
    if comment:  # a hand-kept file: a comment between two items
        head, sep, tail = yaml.partition("\n  - id: ")
        yaml = head + "\n# " + comment + sep + tail if sep else yaml
    return yaml.encode()


def applied(held: dict[str, tuple], d: Delta) -> dict[str, tuple]:
    """The clauses of a file after a delta, as ``clause_history`` folds it in: id -> (text, status, parent)."""
    now = {c.id: (dict(c.text), c.status, parent) for c, parent in d.now}
    if d.olds is None:
        return now
    out = {k: v for k, v in held.items() if k not in set(d.olds) - set(now)}
    out.update(now)
    return out


def flat(data: bytes) -> dict[str, tuple]:
    return {c.id: (dict(c.text), c.status, parent) for c, parent in whole(data, PATH).now}


@pytest.mark.parametrize("seed", range(6))
def test_a_run_of_edits_reads_as_the_whole_files_do(seed: int) -> None:
    rng = random.Random(seed)
    n = 0

    def new_clause() -> dict:
        nonlocal n
        n += 1
        kids = [clause(f"c{n}-{k}", text(rng)) for k in "ab"] if rng.random() < 0.2 else None
        return clause(f"c{n}", text(rng), children=kids, status=rng.choice([None, "agreed", "held"]))

    items = [new_clause() for _ in range(12)]
    data = render(items)
    held = flat(data)
    partial = 0
    for _ in range(40):
        op = rng.choice(["text", "text", "status", "add", "remove", "move", "child", "title", "comment", "two"])
        title, comment = "Parte dispositiva", ""
        i = rng.randrange(len(items))
        if op == "text":
            items[i]["text"] = text(rng)
        elif op == "status":
            items[i]["status"] = rng.choice(["agreed", "pending", "agreed-ad-ref"])
        elif op == "add":
            items.insert(rng.randrange(len(items) + 1), new_clause())
        elif op == "remove" and len(items) > 3:
            del items[i]
        elif op == "move":
            items.insert(rng.randrange(len(items)), items.pop(i))
        elif op == "child" and items[i].get("children"):
            items[i]["children"][0]["text"] = text(rng)
        elif op == "title":
            title = "Parte dispositiva revisada"
        elif op == "comment":
            comment = "a note kept by hand"
        elif op == "two":  # two clauses far apart in one commit
            items[0]["text"], items[-1]["text"] = text(rng), text(rng)
        new = render(items, title=title, comment=comment)
        d = delta(data, new, PATH)
        partial += d.olds is not None
        held = applied(held, d)
        assert held == flat(new), op
        data = new
    assert partial > 20  # most edits were read from the items they touched


def test_one_clause_changed_reads_that_clause_only() -> None:
    items = [clause(f"c{i}", {"es": f"Texto {i};", "en": f"Text {i};"}) for i in range(50)]
    old = render(items)
    items[30]["text"] = {"es": "Texto nuevo;", "en": "New text;"}
    d = delta(old, render(items), PATH)
    assert [c.id for c, _ in d.now] == ["c30"] and d.olds == ("c30",)
    assert d.now[0][0].text == {"es": "Texto nuevo;", "en": "New text;"} and d.now[0][1] == PATH


@pytest.mark.parametrize("case", ["crlf", "flow list", "header", "deleted", "created", "list ends in change"])
def test_what_is_not_a_change_of_items_is_read_whole(case: str) -> None:
    items = [clause(f"c{i}", {"es": f"Texto {i};", "en": f"Text {i};"}) for i in range(5)]
    old = render(items)
    items[2]["text"] = {"es": "Otro;", "en": "Other;"}
    new = render(items)
    if case == "crlf":
        old, new = old.replace(b"\n", b"\r\n"), new.replace(b"\n", b"\r\n")
    elif case == "flow list":  # clauses: [{id: ..., ...}, ...]
        new = yaml.dump(yaml.safe_load(new), allow_unicode=True, sort_keys=False, width=100_000,
                        default_flow_style=True).encode()
        assert b"clauses: [" in new
    elif case == "header":
        new = render(items, title="Otro título")
    elif case == "deleted":
        new = None  # type: ignore[assignment]
    elif case == "created":
        old = None  # type: ignore[assignment]
    elif case == "list ends in change":
        new = new + b"notes: kept by hand\n"
    try:
        expected = whole(new, PATH)
    except Exception as e:  # the whole file does not read: then neither may the delta
        with pytest.raises(type(e)):
            delta(old, new, PATH)
        return
    got = delta(old, new, PATH)
    assert got.olds is None and got == expected
