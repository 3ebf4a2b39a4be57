"""Word-level differences between two texts, and clause by clause between two workspaces.

Invisible differences are never shown.  Texts are compared token by token (words, whitespace runs,
punctuation) on the comparison key of ``ops.text``:

* NBSP (U+00A0), narrow NBSP (U+202F) and every other kind or length of whitespace compare as one
  space; a difference that is only whitespace (``asilo ;`` vs ``asilo;``) is no change at all;
* soft hyphen (U+00AD), zero-width space (U+200B), zero-width (non-)joiners, word joiner and BOM are
  ignored (``nacio\\u00adnales`` equals ``nacionales``);
* curly and straight quotes compare equal (``l'asile`` equals ``l’asile``): Word makes quotes curly
  whenever a delegate retypes a word, which is typography, not a negotiated change.

What is shown is always real text: equal and inserted chunks carry the text of ``b`` (so joining
them gives ``b`` exactly), deleted chunks the text of ``a`` (joining equal and deleted chunks gives
``a`` up to invisible differences).  A changed word is always the whole old word deleted and the
whole new word inserted; within a run of changes, deletions come before insertions.
"""

from __future__ import annotations

from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from ..model import Placement, Workspace
from .text import Memo, is_space_token, key, memoized, nfc, tokenize

DELETE, EQUAL, INSERT = -1, 0, 1
Chunk = tuple[int, str]


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    """How one clause differs between two workspaces, in one language.

    ``kind``: ``changed`` (its words), ``added``, ``removed``, ``moved`` (its place among the clauses
    changed, words not), ``status`` (only its status changed).  A clause both moved and changed is
    ``changed`` with ``moved`` set.  ``chunks`` is the word diff of ``old_text`` -> ``new_text``.
    ``amendments`` and ``proponents`` are filled in later by attribution.
    """

    clause_id: str
    kind: str
    old_text: str
    new_text: str
    chunks: tuple[Chunk, ...] = ()
    old_status: str | None = None
    new_status: str | None = None
    document: str = ""
    lang: str = ""
    moved: bool = False
    amendments: tuple[str, ...] = ()
    proponents: tuple[str, ...] = ()


class _Alphabet:
    """Maps each distinct token key to one character, so diff-match-patch diffs tokens.

    Whitespace becomes a real space and words become letters (CJK ideographs onwards), so that
    diff-match-patch's semantic cleanup still sees word boundaries; punctuation stands for itself.
    """

    def __init__(self) -> None:
        self.chars: dict[str, str] = {}
        self._next = 0x4E00

    def char(self, token_key: str) -> str:
        if token_key == " ":
            return " "
        if len(token_key) == 1 and not token_key.isalnum() and not token_key.isspace():
            return token_key
        c = self.chars.get(token_key)
        if c is None:
            while True:
                cp = self._next
                self._next += 1
                if 0xD800 <= cp <= 0xDFFF:
                    continue
                if cp > 0x10FFFF:
                    raise ValueError("too many distinct words to diff")
                if chr(cp).isalnum():
                    break
            c = self.chars[token_key] = chr(cp)
        return c


def _keyed(tokens: list[str]) -> list[str]:
    return [" " if is_space_token(t) else key(t) for t in tokens]


def word_diff(a: str, b: str, memo: Memo | None = None) -> list[Chunk]:
    """The word-level diff of ``a`` -> ``b`` as ``(op, text)`` with op -1 delete, 0 equal, 1 insert.

    See the module docstring for what counts as a difference.  Adjacent chunks of the same op are
    merged; an empty list means both texts are empty.  With ``memo``, the diff of the same two texts
    is computed once.
    """
    return memoized(memo, "word_diff", a, b, lambda: _word_diff(a, b))


def _word_diff(a: str, b: str) -> list[Chunk]:
    a, b = nfc(a), nfc(b)
    ta, tb = tokenize(a), tokenize(b)
    alphabet = _Alphabet()
    ca = "".join(alphabet.char(k) for k in _keyed(ta))
    cb = "".join(alphabet.char(k) for k in _keyed(tb))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact (minimal) diffs; clause texts are short
    diffs = dmp.diff_main(ca, cb, False)
    dmp.diff_cleanupSemantic(diffs)
    chunks: list[Chunk] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if op == EQUAL:
            chunks.append((EQUAL, "".join(tb[ib:ib + n])))
            ia += n
            ib += n
        elif op == DELETE:
            text = "".join(ta[ia:ia + n])
            if not is_space_token(text):  # a vanished space is no change
                chunks.append((DELETE, text))
            ia += n
        else:
            text = "".join(tb[ib:ib + n])
            chunks.append((EQUAL if is_space_token(text) else INSERT, text))
            ib += n
    return _merge(chunks)


def _merge(chunks: list[Chunk]) -> list[Chunk]:
    """Join same-op neighbours; between two equal chunks, all deletions first, then insertions."""
    out: list[Chunk] = []
    run: dict[int, list[str]] = {DELETE: [], INSERT: []}

    def flush() -> None:
        for op in (DELETE, INSERT):
            if run[op]:
                out.append((op, "".join(run[op])))
                run[op] = []

    for op, text in chunks:
        if not text:
            continue
        if op == EQUAL:
            flush()
            if out and out[-1][0] == EQUAL:
                out[-1] = (EQUAL, out[-1][1] + text)
            else:
                out.append((EQUAL, text))
        else:
            run[op].append(text)
    flush()
    return out


def has_changes(chunks: list[Chunk] | tuple[Chunk, ...]) -> bool:
    """Whether a word diff shows anything changed."""
    return any(op != EQUAL for op, _ in chunks)


# --- workspaces -------------------------------------------------------------------------------------

def diff_workspaces(a: Workspace, b: Workspace, lang: str, movers: frozenset[str] = frozenset(),
                    memo: Memo | None = None) -> list[ClauseDiff]:
    """Every clause that differs between ``a`` (older) and ``b`` (newer), in ``lang``, in ``b``'s
    reading order (a removed clause comes where it stood, after its former predecessor).

    Unchanged clauses are omitted; a text that differs only invisibly (see the module docstring) is
    unchanged.  A clause has moved when its document, section or parent changed, or when it is out of
    order relative to the longest run of clauses that kept their order.  ``movers`` are clauses known to
    have been moved (by an accepted proposal): of two clauses that swapped places, they are the ones
    that moved, not the other.
    """
    pa = {p.clause.id: p for p in a.placements()}
    pb = {p.clause.id: p for p in b.placements()}
    order_a = list(pa)
    order_b = list(pb)
    moved = _moved(order_a, order_b, pa, pb, movers)
    result_for: dict[str, ClauseDiff] = {}
    for cid, p in pb.items():
        new = p.clause
        old_p = pa.get(cid)
        new_text = new.text.get(lang, "")
        if old_p is None:
            result_for[cid] = ClauseDiff(cid, "added", "", new_text, tuple(word_diff("", new_text, memo)),
                                         None, new.status, p.document.id, lang)
            continue
        old = old_p.clause
        old_text = old.text.get(lang, "")
        chunks = tuple(word_diff(old_text, new_text, memo)) if nfc(old_text) != nfc(new_text) else \
            (((EQUAL, new_text),) if new_text else ())
        if has_changes(chunks):
            kind = "changed"
        elif cid in moved:
            kind = "moved"
        elif old.status != new.status:
            kind = "status"
        else:
            continue
        result_for[cid] = ClauseDiff(cid, kind, old_text, new_text, chunks, old.status, new.status,
                                     p.document.id, lang, moved=cid in moved)
    removed_after: dict[str | None, list[ClauseDiff]] = {}
    last_kept: str | None = None
    for cid, p in pa.items():
        if cid in pb:
            last_kept = cid
            continue
        old_text = p.clause.text.get(lang, "")
        removed_after.setdefault(last_kept, []).append(
            ClauseDiff(cid, "removed", old_text, "", tuple(word_diff(old_text, "", memo)), p.clause.status,
                       None, p.document.id, lang))
    out: list[ClauseDiff] = list(removed_after.get(None, []))
    for cid in order_b:
        if cid in result_for:
            out.append(result_for[cid])
        out.extend(removed_after.get(cid, []))
    return out


def _parent(p: Placement) -> tuple[str, str, str]:
    return p.document.id, p.section.id, p.parents[-1].id if p.parents else ""


def _moved(order_a: list[str], order_b: list[str], pa: dict[str, Placement],
           pb: dict[str, Placement], movers: frozenset[str] = frozenset()) -> set[str]:
    common_a = [c for c in order_a if c in pb and c not in movers]
    common_b = [c for c in order_b if c in pa and c not in movers]
    moved = {c for c in order_b if c in pa and _parent(pa[c]) != _parent(pb[c])}
    alphabet = _Alphabet()
    sa = "".join(alphabet.char("\x00" + c) for c in common_a)
    sb = "".join(alphabet.char("\x00" + c) for c in common_b)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    i = 0
    for op, chars in dmp.diff_main(sa, sb, False):
        if op == DELETE:
            continue
        if op == INSERT:
            moved.update(common_b[i:i + len(chars)])
        i += len(chars)
    # a known mover moved when the clause before it, among those that kept their order, is another one
    kept = [c for c in common_b if c not in moved]
    kept_set = set(kept)
    for c in movers & pa.keys() & pb.keys():
        if c not in moved and _before(order_a, c, kept_set) != _before(order_b, c, kept_set):
            moved.add(c)
    return moved


def _before(order: list[str], cid: str, kept: set[str]) -> str | None:
    i = order.index(cid)
    return next((x for x in reversed(order[:i]) if x in kept), None)



def word_splices(a: str, b: str, memo: Memo | None = None) -> list[tuple[int, int, str]]:
    """The word-level changes that turn ``a`` into ``b`` exactly, as splices of ``a``: ``(start, end,
    new)``, left to right, ``a[start:end]`` becoming ``new`` (a word changed is the whole word; words
    both texts share are kept, even where only their spacing or quotes differ around them).

    ``"sistemas nacionales"`` -> ``"sistemas nacionales y regionales"`` is one splice inserting
    ``" y regionales"``: what a reader needs to see of a replacement.  With ``memo``, the splices of the
    same two texts are computed once."""
    return memoized(memo, "word_splices", a, b, lambda: _word_splices(a, b))


def _word_splices(a: str, b: str) -> list[tuple[int, int, str]]:
    ta, tb = tokenize(a), tokenize(b)
    # the words both keep at either end, then the rest: most replacements add or drop words at one end
    p = 0
    while p < len(ta) and p < len(tb) and ta[p] == tb[p]:
        p += 1
    q = 0
    while q < len(ta) - p and q < len(tb) - p and ta[-1 - q] == tb[-1 - q]:
        q += 1
    start = sum(len(t) for t in ta[:p])
    mid_a, mid_b = ta[p:len(ta) - q], tb[p:len(tb) - q]
    if not mid_a or not mid_b or not {t for t in mid_a if t != " "} & set(mid_b):
        # only an insertion or a deletion is left, or two spans with no word in common: one splice
        end = start + sum(len(t) for t in mid_a)
        new = "".join(mid_b)
        return [(start, end, new)] if end > start or new else []
    return [(s + start, e + start, n) for s, e, n in _splices(ta[p:len(ta) - q], tb[p:len(tb) - q])]


def _splices(ta: list[str], tb: list[str]) -> list[tuple[int, int, str]]:
    alphabet = _Alphabet()
    # exact tokens: joining the splices must give b character for character
    ca = "".join(alphabet.char(" " if t == " " else "\x00" + t) for t in ta)
    cb = "".join(alphabet.char(" " if t == " " else "\x00" + t) for t in tb)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(ca, cb, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[tuple[int, int, str]] = []
    ia = ib = pa = 0  # token indices in a and b, character offset in a
    start: int | None = None
    new: list[str] = []
    for op, chars in diffs:
        n = len(chars)
        if op == EQUAL:
            if start is not None:
                out.append((start, pa, "".join(new)))
                start, new = None, []
            pa += sum(len(t) for t in ta[ia:ia + n])
            ia += n
            ib += n
            continue
        if start is None:
            start = pa
        if op == DELETE:
            pa += sum(len(t) for t in ta[ia:ia + n])
            ia += n
        else:
            new.extend(tb[ib:ib + n])
            ib += n
    if start is not None:
        out.append((start, pa, "".join(new)))
    return out
