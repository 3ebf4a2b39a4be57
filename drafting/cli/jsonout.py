"""``json.dumps(value, ensure_ascii=False, indent=2)``, character for character, in a fraction of the
time: with ``indent`` the standard library encodes in Python generators, which a status of 10,000
proposals (190,000 values) pays for in a fifth of a second."""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C one when available
from typing import Any


class _Unusual(Exception):
    """A value the fast path does not write (the standard encoder then does, or says why not)."""


def _float(f: float) -> str:
    if f != f or f in (float("inf"), float("-inf")):
        raise _Unusual  # NaN and Infinity: the standard encoder's spelling
    return float.__repr__(f)


def _key(k: Any) -> str:
    if type(k) is str:
        return encode_basestring(k)
    if k is True or k is False or k is None:
        return encode_basestring(json.dumps(k))
    if type(k) is int:
        return encode_basestring(int.__repr__(k))
    if type(k) is float:
        return encode_basestring(_float(k))
    raise _Unusual


def _write(value: Any, indent: str, out: list[str]) -> None:
    t = type(value)
    if t is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(value))
    elif t is float:
        out.append(_float(value))
    elif t is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        sep = "{\n" + inner
        for k, v in value.items():
            out.append(sep)
            out.append(_key(k))
            out.append(": ")
            _write(v, inner, out)
            sep = ",\n" + inner
        out.append("\n" + indent + "}")
    elif t is list or t is tuple:
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        sep = "[\n" + inner
        for v in value:
            out.append(sep)
            _write(v, inner, out)
            sep = ",\n" + inner
        out.append("\n" + indent + "]")
    else:
        raise _Unusual


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    try:
        _write(value, "", out)
    except (_Unusual, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)
