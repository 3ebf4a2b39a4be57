"""The command line's JSON (drafting/cli/jsonout.py) is json.dumps(value, ensure_ascii=False, indent=2),
character for character, whatever the value holds."""

from __future__ import annotations

import json
from typing import Any

import pytest

from drafting.cli.jsonout import dumps

VALUES: list[Any] = [
    {}, [], (), "", "é \"quoted\" \\ \n\t\u2028\x00 \U0001f600", 0, -7, 10**30, 2.5, -0.0, 1e300, True, False, None,
    {"clauses": [{"id": "pp-1", "open": 3, "who": ["BRA", "ARG"], "empty": {}, "none": []}], "totals": {"open": 3}},
    {3: "int key", None: "null key", True: "bool key", 1.5: "float key"},
    [[[]], [{}], [{"a": [1, [2, [3]]]}]],
    {"nan": float("nan")}, {"inf": [float("inf")]},  # the standard spelling (NaN, Infinity)
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_same_text_as_the_standard_encoder(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_the_standard_encoder_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})
