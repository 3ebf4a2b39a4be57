"""The trees strict YAML reading makes: mappings and sequences that remember where each value stands
in the file (its line and character span), so that errors point at lines and writers can replace one
value in place."""

from __future__ import annotations


class Span:
    __slots__ = ("line", "start", "end", "column")

    def __init__(self, line: int, start: int, end: int, column: int) -> None:
        self.line, self.start, self.end, self.column = line, start, end, column


class YMap(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it and each of its values stand in the file."""

    line: int = 0
    spans: dict[str, Span]
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YSeq(list):  # type: ignore[type-arg]
    line: int = 0
    spans: list[Span]

    def line_of(self, i: int) -> int:
        return self.spans[i].line if 0 <= i < len(self.spans) else self.line
