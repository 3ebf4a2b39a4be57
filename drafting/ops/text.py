"""Text helpers shared by the amendment operations: NFC, the comparison key, words, brackets.

The comparison key ("fold") is the one rule, used by anchor matching and by word diffs alike, for
characters a reader cannot see or tell apart on the page:

* every run of whitespace (space, tab, newline, NBSP U+00A0, narrow NBSP U+202F, thin and other
  Unicode spaces) compares as one ordinary space;
* invisible characters are ignored: soft hyphen U+00AD, zero-width space U+200B, zero-width
  (non-)joiners U+200C/U+200D, word joiner U+2060 and the BOM U+FEFF;
* curly and straight quotes compare equal: ' ' ‚ ‛ and the modifier apostrophe U+02BC fold to ',
  " " „ ‟ fold to ".  Word turns straight quotes into curly ones whenever a delegate retypes a word;
  that is typography, not a negotiated change.  Guillemets « » and primes stay distinct.

Nothing else is folded: case, accents and punctuation are significant.  Never NFKC (it turns 1.º into
1.o); texts are NFC-normalised instead.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
}
# punctuation that takes no space before it when text is joined (French ; : ! ? keep theirs)
CLOSING = frozenset(",.)]}»”’…")
# characters after which no space is added
OPENING = frozenset("([{«“‘¿¡")

_INV = "".join(sorted(INVISIBLE))
_WORD_CHARS = rf"\w\u0300-\u036f{_INV}"
_TOKEN = re.compile(
    rf"\s+|[{_WORD_CHARS}]+(?:['’\u02bc\-\u2010\u2011][{_WORD_CHARS}]+)*|.", re.DOTALL)


def nfc(text: str) -> str:
    """The NFC form of a text (the form every text of the model is kept in)."""
    return unicodedata.normalize("NFC", text)


def is_word_char(char: str) -> bool:
    """A letter, digit, combining mark or invisible character: part of a word."""
    return char.isalnum() or char == "_" or char in INVISIBLE or unicodedata.category(char).startswith("M")


@dataclass(frozen=True, slots=True)
class Folded:
    """A text's comparison key, with where each key character came from in the text.

    ``starts[k]``/``ends[k]`` is the span of the original text that key character ``k`` stands for
    (a whole whitespace run for a folded space).
    """

    key: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, key_start: int, key_end: int) -> tuple[int, int]:
        """The span of the original text covered by ``key[key_start:key_end]`` (non-empty)."""
        return self.starts[key_start], self.ends[key_end - 1]

    def key_index(self, pos: int) -> int:
        """The first key character at or after original position ``pos``."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo


# Characters (or pairs) that the comparison key changes; a text without any is its own key.
# One class of characters (every space but " ", listed: none is above U+3000), searched much faster than
# an alternation; double spaces are found by ``in``.
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")
_NOT_PLAIN = re.compile("[" + re.escape("".join(sorted(INVISIBLE)) + "".join(sorted(QUOTES)) + _SPACES) + "]")


def is_plain(text: str) -> bool:
    """Whether ``fold(text).key == text`` (no invisible character, curly quote, or other spacing than
    single spaces): such texts can be searched directly, without folding."""
    return "  " not in text and _NOT_PLAIN.search(text) is None


@lru_cache(maxsize=512)
def fold(text: str) -> Folded:
    """The comparison key of ``text`` (see the module docstring for the rule); cached."""
    key: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, c in enumerate(text):
        if c in INVISIBLE:
            if key and key[-1] == " ":
                ends[-1] = i + 1
            continue
        if c.isspace():
            if key and key[-1] == " ":
                ends[-1] = i + 1
                continue
            c = " "
        else:
            c = QUOTES.get(c, c)
        key.append(c)
        starts.append(i)
        ends.append(i + 1)
    return Folded("".join(key), tuple(starts), tuple(ends))


def key(text: str) -> str:
    """Just the comparison key of ``text``."""
    if is_plain(text):
        return text
    return fold(text).key


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation characters, in order; ``"".join`` gives ``text``.

    A word keeps inner apostrophes and hyphens (``d'asile``, ``socio-económico``) and any invisible
    characters inside it; a token made only of invisible characters is glued to its neighbour.
    """
    tokens: list[str] = []
    pending = ""
    for tok in _TOKEN.findall(text):
        if not tok.isspace() and all(c in INVISIBLE for c in tok):
            if tokens:
                tokens[-1] += tok
            else:
                pending += tok
            continue
        tokens.append(pending + tok)
        pending = ""
    if pending:
        tokens.append(pending)
    return tokens


def is_space_token(token: str) -> bool:
    """Whitespace (and invisible characters) only."""
    return all(c.isspace() or c in INVISIBLE for c in token)


def words(text: str) -> list[str]:
    """The non-whitespace tokens of ``text`` (words and punctuation)."""
    return [t for t in tokenize(text) if not is_space_token(t)]


def context(text: str, start: int, end: int, words_around: int = 3, mark: bool = True) -> str:
    """A few words either side of ``text[start:end]`` for messages: ``…de «asilo», en…``."""
    left = text[:start]
    right = text[end:]
    lt = tokenize(left)
    rt = tokenize(right)
    n_left = _take_words(lt[::-1], words_around)
    n_right = _take_words(rt, words_around)
    before = "".join(lt[len(lt) - n_left:]) if n_left else ""
    after = "".join(rt[:n_right])
    middle = text[start:end]
    if mark:
        middle = f"«{middle}»"
    return ("…" if n_left < len(lt) else "") + before + middle + after + ("…" if n_right < len(rt) else "")


def _take_words(tokens: list[str], n: int) -> int:
    count = 0
    taken = 0
    for tok in tokens:
        if not is_space_token(tok):
            if count == n:
                break
            count += 1
        taken += 1
    return taken


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


def bracket_problems(text: str) -> list[str]:
    """Unbalanced square brackets in ``text``, one message each (character positions are 1-based).

    Nested brackets (``[[...]]``) are allowed; a ``]`` with no ``[`` before it, and a ``[`` that is
    never closed, are problems.
    """
    problems: list[str] = []
    open_at: list[int] = []
    for i, c in enumerate(text):
        if c == "[":
            open_at.append(i)
        elif c == "]":
            if open_at:
                open_at.pop()
            else:
                problems.append(f"closing bracket ']' at character {i + 1} has no opening '[' "
                                f"({context(text, i, i + 1, 3, mark=False)})")
    for i in open_at:
        problems.append(f"opening bracket '[' at character {i + 1} is never closed "
                        f"({context(text, i, i + 1, 3, mark=False)})")
    return problems


@lru_cache(maxsize=1)
def _code_tag() -> bytes:
    """The code that computes what a memo holds (this module, the word diff, the attribution, how an
    anchor is followed through an older text, and the diff library itself): a diff remembered by other
    code is never found."""
    from importlib.util import find_spec
    from pathlib import Path
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    spec = find_spec("diff_match_patch")  # found, not imported
    library = Path(spec.origin).parent if spec and spec.origin else None
    files = [here / n for n in ("text.py", "diff.py", "blame.py", "alignment.py")]
    files += sorted(library.glob("*.py")) if library else []
    for path in files:
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(path.name.encode())
    return h.digest()


def memo_key(kind: str, a: str, b: str) -> bytes:
    """The key under which a diff of ``a`` -> ``b`` is remembered (see ``Memo``)."""
    h = hashlib.blake2b(kind.encode(), digest_size=16)
    h.update(_code_tag())
    h.update(a.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(b.encode("utf-8", "surrogatepass"))
    return h.digest()


def memoized(memo: Memo | None, kind: str, a: str, b: str, compute: Callable[[], list[Any]]) -> list[Any]:
    """``compute()``, remembered in ``memo`` (when given) under ``kind`` and the two texts it compares."""
    if memo is None:
        return compute()
    mkey = memo_key(kind, a, b)
    got = memo.get(mkey)
    if got is None:
        got = memo[mkey] = tuple(compute())
    return list(got)


class Memo(Protocol):
    """Where diffs already computed are remembered (a dict, or the store's cache of them)."""

    def get(self, key: bytes) -> Any: ...

    def __setitem__(self, key: bytes, value: Any) -> None: ...
