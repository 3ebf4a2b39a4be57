"""Strict YAML reading: every scalar a string, duplicate keys and aliases refused, positions kept.

PyYAML's ``BaseLoader`` resolves no implicit types (``no`` stays ``"no"``, ``1.10`` stays ``"1.10"``);
we add what it lacks: duplicate keys reported with both lines, aliases and non-standard tags refused,
every non-YAML exception caught at this boundary, text NFC-normalised and forbidden characters refused.
Mappings and sequences come back as ``YMap``/``YSeq`` that remember the line and character span of
each value, so errors point at lines and writers can replace one value in place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from ..errors import Problem, WorkspaceError
from ..vocab import TEXT_LIMIT_BYTES
from .ytree import Span, YMap, YSeq  # noqa: F401 - read from here by the rest of the code


_STD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

# C0 controls but tab and newline, DEL, C1 controls, non-characters, lone surrogates, bidi controls
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\x80-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
# the same, anywhere in a file's text (comments included), but CR, which ends lines in CRLF files
FORBIDDEN_IN_FILE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def clean_text(value: str) -> str | None:
    """NFC text, or None if it holds a forbidden character."""
    if FORBIDDEN.search(value):
        return None
    return unicodedata.normalize("NFC", value)


def describe_forbidden(value: str) -> str:
    m = FORBIDDEN.search(value)
    return f"U+{ord(m.group()):04X}" if m else "?"


_loader: list[type] = []


def _strict_loader() -> type:
    """The strict loader class, made on first use: a command that finds every file in the parse cache
    never imports PyYAML."""
    if _loader:
        return _loader[0]
    import yaml
    base: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

    class _StrictLoader(base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str, path: str, depth: int = 0) -> None:
            super().__init__(stream)
            self._path = path
            self._depth = depth
            self._seen: set[int] = set()

        def construct_document(self, node: Any) -> Any:
            return self._build(node, self._depth)

        def _fail(self, node: Any, message: str) -> None:
            raise WorkspaceError([Problem(self._path, node.start_mark.line + 1, message)])

        def _build(self, node: Any, depth: int) -> Any:
            if id(node) in self._seen:
                self._fail(node, "anchors and aliases (&, *) are not allowed")
            self._seen.add(id(node))
            if depth > 50:
                self._fail(node, "nested too deeply")
            if node.tag not in _STD_TAGS:
                self._fail(node, f"tag {node.tag!r} is not allowed; write plain values")
            if isinstance(node, yaml.ScalarNode):
                text = clean_text(node.value)
                if text is None:
                    self._fail(node, f"forbidden character {describe_forbidden(node.value)} in text")
                return text
            if isinstance(node, yaml.SequenceNode):
                seq = YSeq()
                seq.line = node.start_mark.line + 1
                seq.spans = []
                for item in node.value:
                    seq.append(self._build(item, depth + 1))
                    seq.spans.append(_span(item))
                return seq
            if isinstance(node, yaml.MappingNode):
                m = YMap()
                m.line = node.start_mark.line + 1
                m.spans, m.key_lines = {}, {}
                for knode, vnode in node.value:
                    if not isinstance(knode, yaml.ScalarNode):
                        self._fail(knode, "a key must be plain text")
                    key = self._build(knode, depth + 1)
                    if key in m:
                        raise WorkspaceError([Problem(
                            self._path, knode.start_mark.line + 1,
                            f"duplicate key {key!r} (first at line {m.key_lines[key]})")])
                    m[key] = self._build(vnode, depth + 1)
                    m.key_lines[key] = knode.start_mark.line + 1
                    m.spans[key] = _span(vnode)
                return m
            self._fail(node, "unsupported YAML node")  # pragma: no cover
            return None

    _loader.append(_StrictLoader)
    return _StrictLoader


def loader_name() -> str:
    """The PyYAML loader strict reading builds on (CBaseLoader with libyaml, else BaseLoader)."""
    return _strict_loader().__mro__[1].__name__


def _span(node: Any) -> Span:
    return Span(node.start_mark.line + 1, node.start_mark.index, node.end_mark.index, node.start_mark.column)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file, or a clear error (UTF-16, bad UTF-8, NUL, too large)."""
    if len(data) > TEXT_LIMIT_BYTES:
        raise WorkspaceError([Problem(path, 0, f"file too large ({len(data)} bytes; limit {TEXT_LIMIT_BYTES})")])
    head = data[:200]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and head.count(0) * 3 >= len(head)):
        # with a byte-order mark, or without one: ASCII text in UTF-16 is every other byte NUL
        raise WorkspaceError([Problem(path, 1, "file is UTF-16; save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise WorkspaceError([Problem(path, line, "file is not valid UTF-8")]) from None
    if "\x00" in text:
        raise WorkspaceError([Problem(path, text[: text.index("\x00")].count("\n") + 1, "NUL character in file")])
    bad = FORBIDDEN_IN_FILE.search(text)
    if bad is not None:
        raise WorkspaceError([Problem(path, text[: bad.start()].count("\n") + 1,
                                      f"forbidden character U+{ord(bad.group()):04X} in file")])
    return text


def parse(text: str, path: str) -> Any:
    """Parse one YAML document strictly.  Raises WorkspaceError naming the file and line.  A large
    section file is read clause by clause (:mod:`.clauseparse`), to the same tree."""
    from .clauseparse import parse as by_clause

    return by_clause(text, path, parse_whole)


def parse_whole(text: str, path: str, depth: int = 0) -> Any:
    """Parse one YAML document strictly, in one reading; ``depth``: how deep its root stands (a part
    of a file read alone is as deep as in the file)."""
    import yaml
    loader = _strict_loader()(text, path, depth)
    try:
        if not loader.check_node():
            raise WorkspaceError([Problem(path, 1, "file is empty")])
        node = loader.get_node()
        if loader.check_node():
            nxt = loader.get_node()
            raise WorkspaceError([Problem(path, nxt.start_mark.line + 1,
                                          "more than one YAML document in the file")])
        if node is None or isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style:
            raise WorkspaceError([Problem(path, 1, "file is empty")])  # nothing, or a lone "---"
        return loader.construct_document(node)
    except WorkspaceError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        what = e.problem or str(e)
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
            what += " (tabs cannot indent YAML; use spaces)"
        raise WorkspaceError([Problem(path, line, f"YAML syntax: {what}")]) from None
    except yaml.reader.ReaderError as e:
        # a character YAML refuses: name it and its line (decode() catches most of them first)
        char = chr(e.character) if isinstance(e.character, int) else str(e.character)[:1] or "?"
        at = text.find(char)
        line = text[:at].count("\n") + 1 if at >= 0 else 1
        raise WorkspaceError([Problem(path, line, f"forbidden character U+{ord(char):04X} in file")]) from None
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError, TypeError) as e:
        raise WorkspaceError([Problem(path, 0, f"cannot read YAML: {type(e).__name__}")]) from None
    finally:
        loader.dispose()


def load_file(data: bytes, path: str) -> Any:
    return parse(decode(data, path), path)


def from_plain(value: Any, on_forbidden: Callable[[str], str]) -> Any:
    """Plain dicts, lists and strings as the strict reader would have given them (positions unknown),
    so that values built in code go through the same checks as files.  ``on_forbidden`` receives a
    text holding a forbidden character and returns what to use instead (or raises)."""
    if isinstance(value, dict):
        m = YMap()
        m.line, m.spans, m.key_lines = 0, {}, {}
        for k, v in value.items():
            if v is None:
                continue
            m[str(k)] = from_plain(v, on_forbidden)
            m.spans[str(k)] = Span(0, 0, 0, 0)  # no position: the reader asks for one
            m.key_lines[str(k)] = 0
        return m
    if isinstance(value, (list, tuple)):
        seq = YSeq(from_plain(v, on_forbidden) for v in value)
        seq.line, seq.spans = 0, [Span(0, 0, 0, 0) for _ in seq]
        return seq
    text = clean_text(str(value))
    return on_forbidden(str(value)) if text is None else text
