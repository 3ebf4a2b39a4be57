"""The display number and the status label of a paragraph, recognised by what they say and where they
stand (pure: no I/O).

A draft prints a clause as ``<number><TAB><text><SPACE><label>``: the number the draft gave it (``6``,
``6 bis``, ``a)``, ``(iv)``), its text, then the label of its status (``[Acordado ad ref.]``).  Foreign
editors keep what these say but not how they were marked: a re-save renames the character styles or
drops them, pandoc turns the tab into a space, and text typed next to a number or a label takes its
style.  So neither is found by its style:

* the number is a number-shaped word at the very start of the paragraph followed by a tab or spaces:
  for a known clause, a number the draft may have given it (``Expect.numbers``), or any number-shaped
  word followed by a tab (a number the delegation changed: the caller reports it, never imports it);
  for another paragraph, one followed by a tab, a letter or roman number written ``a)``, ``(a)``,
  ``iv.``, or digits (``bis``, ``ter`` ... included) within one of the numbers around it
  (``Expect.neighbours``), so that "2030 Agenda ..." keeps its first word; ``Expect.loose`` takes any
  number-shaped word (for comparing texts only);
* the label is one of the status labels (any language) with whitespace before it: for a known clause,
  the last one wherever it stands (the delegation may have typed after it); for another paragraph, only
  at the very end or the very start.

``mark`` finds both in each view of a paragraph (reject all, accept all) and gives every piece its role
(``number``, ``label`` or ``text``), cutting pieces where a number or label ends; whatever was typed next
to them stays ``text``: it is the delegation's.  ``clean`` keeps the text pieces, tabs as spaces, with the
untouched whitespace at both edges trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..labels import LABELS
from ..vocab import LATIN_ORDINALS
from .docx import Piece, Revision

_ORD = "|".join(LATIN_ORDINALS)
_NUMBER = re.compile(
    rf"^\s*(?P<token>\(?(?:\d{{1,4}}|[a-z]{{1,2}}|[ivxlcdm]{{1,6}}|[IVXLCDM]{{1,6}})(?:\s(?:{_ORD}))?[.)]?)"
    rf"(?P<sep>\t[\t ]*|[ \u00a0\u202f]+)")
_DIGITS = re.compile(rf"^(\d{{1,4}})(?:\s(?:{_ORD}))?\.?$")
_LETTERED = re.compile(rf"^(?:\((?:[a-z]{{1,2}}|[ivxlcdm]{{1,6}})(?:\s(?:{_ORD}))?\)|"
                       rf"(?:[a-z]{{1,2}}|[ivxlcdm]{{1,6}}|[IVXLCDM]{{1,6}})(?:\s(?:{_ORD}))?[.)])$")
STATUS_LABELS = tuple(sorted({t for k, texts in LABELS.items()
                              if k.startswith("status.") or k == "awaiting_translation"
                              for t in texts.values() if t}, key=len, reverse=True))


# a piece of untouched text read in one view only (see ``mark``): no author, no date
_ONLY_ORIGINAL, _ONLY_ACCEPTED = Revision("del", "", "", ""), Revision("ins", "", "", "")


@dataclass(frozen=True, slots=True)
class Expect:
    """What is known of a paragraph: ``clause`` (it is a known clause, whose draft numbers are
    ``numbers``), else the integer numbers around it, or ``loose`` (any number-shaped word)."""

    clause: bool = False
    numbers: tuple[str, ...] = ()
    neighbours: tuple[int, ...] = ()
    loose: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """A number or a label: ``text[start:end]`` (with its separating whitespace) says ``what``."""

    start: int
    end: int
    what: str


@dataclass(frozen=True, slots=True)
class Marked:
    """A paragraph's pieces with their roles, and what its number and label say in each view."""

    pieces: list[Piece]
    number: tuple[str, str]  # (reject all, accept all); "" when there is none
    label: tuple[str, str]


def same_number(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def find_number(text: str, expect: Expect) -> Found | None:
    """The number at the start of ``text`` (see the module docstring), or None."""
    m = _NUMBER.match(text)
    if m is None:
        return None
    token, sep = m.group("token"), m.group("sep")
    ok = "\t" in sep or expect.loose or any(same_number(token, e) for e in expect.numbers if e)
    if not ok and not expect.clause:
        digits = _DIGITS.match(token)
        ok = bool(_LETTERED.match(token)) or (
            digits is not None and any(abs(int(digits.group(1)) - n) <= 1 for n in expect.neighbours))
    return Found(0, m.end(), " ".join(token.split())) if ok else None


def find_label(text: str, anywhere: bool, start: int = 0,
               labels: Sequence[str] = STATUS_LABELS) -> Found | None:
    """The last status label in ``text[start:]`` (with the labels right before it: ``[Acordado]
    [Pendiente de traducción]``), with the whitespace before it: anywhere, or only at the very end or
    the very start of the text."""
    best: Found | None = None
    for label in labels:
        i = text.rfind(label, start)
        while i >= start:
            end = i + len(label)
            alone = (i == start or text[i - 1].isspace()) and (end == len(text) or text[end].isspace())
            if alone and (anywhere or not text[end:].strip() or not text[start:i].strip()):
                if best is None or i > best.start:
                    best = Found(i, end, label)
                break
            i = text.rfind(label, start, i)
    if best is None:
        return None
    s = best.start
    while True:  # labels printed together, and the whitespace before them
        while s > start and text[s - 1].isspace():
            s -= 1
        before = next((lb for lb in labels if text.endswith(lb, start, s)
                       and (s - len(lb) == start or text[s - len(lb) - 1].isspace())), None)
        if before is None:
            break
        s -= len(before)
    return Found(s, best.end, " ".join(text[s:best.end].split()))


def mark(pieces: Sequence[Piece], expect: Expect) -> Marked:
    """``pieces`` with the number's and the label's roles set, cut where they end."""
    original = "".join(p.text for p in pieces if p.in_original)
    accepted = "".join(p.text for p in pieces if p.in_accepted)
    spans = []
    for text in (original, accepted):
        number = find_number(text, expect)
        label = find_label(text, expect.clause, number.end if number else 0)
        spans.append((number, label))
    out: list[Piece] = []
    o = a = 0
    for p in pieces:
        text = p.text
        while text:
            cuts = [len(text)]
            if p.in_original:
                cuts += [b - o for b in _bounds(spans[0]) if o < b < o + len(text)]
            if p.in_accepted:
                cuts += [b - a for b in _bounds(spans[1]) if a < b < a + len(text)]
            k = min(cuts)
            chunk = text[:k]
            ro = _role(spans[0], o) if p.in_original else None
            ra = _role(spans[1], a) if p.in_accepted else None
            if ro is not None and ra is not None and ro != ra:
                # untouched text that is the number (or label) in one view and text in the other ("4  X"
                # where "Además," was typed between the two spaces): one side each
                _add(out, Piece(chunk, _ONLY_ORIGINAL, ro, p.comments))
                _add(out, Piece(chunk, _ONLY_ACCEPTED, ra, p.comments))
            else:
                _add(out, Piece(chunk, p.revision, ro or ra or "text", p.comments))
            o += k if p.in_original else 0
            a += k if p.in_accepted else 0
            text = text[k:]
    return Marked(out, tuple(n.what if n else "" for n, _ in spans),  # type: ignore[arg-type]
                  tuple(lb.what if lb else "" for _, lb in spans))  # type: ignore[arg-type]


def _add(out: list[Piece], piece: Piece) -> None:
    last = out[-1] if out else None
    if last is not None and (last.revision, last.role, last.comments) == (piece.revision, piece.role,
                                                                          piece.comments):
        out[-1] = Piece(last.text + piece.text, piece.revision, piece.role, piece.comments)
    else:
        out.append(piece)


def _bounds(span: tuple[Found | None, Found | None]) -> list[int]:
    return [b for f in span if f is not None for b in (f.start, f.end)]


def _role(span: tuple[Found | None, Found | None], at: int) -> str:
    number, label = span
    if number is not None and at < number.end:
        return "number"
    if label is not None and label.start <= at < label.end:
        return "label"
    return "text"


def clean(pieces: Sequence[Piece]) -> list[Piece]:
    """The clause text: the ``text`` pieces, tabs as spaces, untouched whitespace at the edges trimmed."""
    out = [Piece(x.text.replace("\t", " "), x.revision, x.role, x.comments)
           for x in pieces if x.role == "text"]
    head = _equal_edge(out, start=True)
    out = _drop(out, len(head) - len(head.lstrip()), start=True)
    tail = _equal_edge(out, start=False)
    return _drop(out, len(tail) - len(tail.rstrip()), start=False)


def numbers_in(texts: Collection[str]) -> tuple[int, ...]:
    """The integers the numbers ``texts`` start with (``12 bis`` -> 12)."""
    out = []
    for t in texts:
        m = re.match(r"\d+", t)
        if m:
            out.append(int(m.group()))
    return tuple(out)


def _equal_edge(pieces: list[Piece], start: bool) -> str:
    """The untouched text at the start (or end) of ``pieces``, up to the first tracked change."""
    out = []
    for x in pieces if start else reversed(pieces):
        if x.revision is not None:
            break
        out.append(x.text)
    return "".join(out if start else reversed(out))


def _drop(pieces: list[Piece], n: int, start: bool) -> list[Piece]:
    """``pieces`` without ``n`` characters at the start (or end); they lie in untouched pieces."""
    out = list(pieces if start else reversed(pieces))
    while n > 0 and out:
        x = out[0]
        if len(x.text) <= n:
            n -= len(x.text)
            out.pop(0)
        else:
            text = x.text[n:] if start else x.text[:-n]
            out[0] = Piece(text, x.revision, x.role, x.comments)
            n = 0
    return out if start else out[::-1]
