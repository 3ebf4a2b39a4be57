"""Who changed which words: the word diff between a clause's text in two versions, each inserted or
deleted piece attributed to the step (commit) that made it.  Pure: the steps come from git history
(``store.history``), the result goes to the ``changes`` draft and to ``drafting diff``.

Texts are compared token by token (words, spaces, punctuation) on the comparison key of
``ops.text`` (invisible differences are no change).  A piece inserted by one amendment and another
piece by a second one come out as two pieces with their own authors, never merged."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import astuple, dataclass

from diff_match_patch import diff_match_patch

from .text import Memo, is_space_token, key, memo_key, memoized, tokenize

DELETE, EQUAL, INSERT = -1, 0, 1


@dataclass(frozen=True, slots=True)
class Who:
    """The cause of a change: an amendment and its proponents, or the secretariat (amendment None)."""

    amendment: str | None
    proponents: tuple[str, ...] = ()  # delegation codes: the proponent, then co-sponsors
    on_behalf_of: str | None = None
    date: str = ""  # ISO date of the decision (commit)
    decision: str = ""  # accepted | modified | ... ("" for the secretariat's own edits)


@dataclass(frozen=True, slots=True)
class Piece:
    op: int  # DELETE, EQUAL or INSERT
    text: str
    who: Who | None = None  # None for EQUAL


def aligned(a_tokens: Sequence[str], b_tokens: Sequence[str],
            memo: Memo | None = None) -> list[tuple[int, int, int, int, int]]:
    """A token diff: (op, a_start, a_end, b_start, b_end) in token indices, word-aligned.  With ``memo``,
    a diff of the same two texts is computed once."""
    return memoized(memo, "aligned", "".join(a_tokens), "".join(b_tokens), lambda: _aligned(a_tokens, b_tokens))


def _aligned(a_tokens: Sequence[str], b_tokens: Sequence[str]) -> list[tuple[int, int, int, int, int]]:
    alphabet: dict[str, str] = {}

    def chars(tokens: Sequence[str]) -> str:
        out = []
        for t in tokens:
            k = " " if is_space_token(t) else key(t)
            c = alphabet.get(k)
            if c is None:
                c = alphabet[k] = chr(0xF0000 + len(alphabet)) if k != " " else " "
            out.append(c)
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(chars(a_tokens), chars(b_tokens), False)
    dmp.diff_cleanupSemantic(diffs)
    out, i, j = [], 0, 0
    for op, s in diffs:
        n = len(s)
        if op == EQUAL:
            out.append((EQUAL, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op == DELETE:
            out.append((DELETE, i, i + n, j, j))
            i += n
        else:
            out.append((INSERT, i, i, j, j + n))
            j += n
    return out


def blame(base: str, steps: Sequence[tuple[Hashable, str]], fallback: Who, memo: Memo | None = None) -> list[Piece]:
    """The word diff ``base`` -> final text (the last step's), each change attributed.

    ``steps`` are (who, text after that step) in order; a step whose text did not change is ignored.
    Changes no step explains (should not happen) are attributed to ``fallback``.  With ``memo``, the
    blame of the same steps is computed once (when every step's author is a ``Who``)."""
    if memo is None or not all(isinstance(who, Who) for who, _ in steps):
        return _blame(base, steps, fallback, memo)
    mkey = memo_key("blame", base, repr((fallback, list(steps))))
    got = memo.get(mkey)
    if got is not None:
        return [Piece(op, text, None if who is None else Who(*who)) for op, text, who in got]
    pieces = _blame(base, steps, fallback, memo)
    memo[mkey] = tuple((p.op, p.text, None if p.who is None else astuple(p.who)) for p in pieces)
    return pieces


def _blame(base: str, steps: Sequence[tuple[Hashable, str]], fallback: Who, memo: Memo | None) -> list[Piece]:
    base_tokens = tokenize(base)
    cur = list(base_tokens)
    cur_who: list[Hashable | None] = [None] * len(cur)  # None: the token is from the base text
    cur_base: list[int] = list(range(len(cur)))  # index into base_tokens, -1 for inserted tokens
    deleted_by: dict[int, Hashable] = {}
    text = base
    for who, nxt in steps:
        if nxt == text:
            continue
        text = nxt
        new_tokens = tokenize(nxt)
        new_who: list[Hashable | None] = []
        new_base: list[int] = []
        for op, a0, a1, b0, b1 in aligned(cur, new_tokens, memo):
            if op == EQUAL:
                new_who.extend(cur_who[a0:a1])
                new_base.extend(cur_base[a0:a1])
            elif op == INSERT:
                new_who.extend([who] * (b1 - b0))
                new_base.extend([-1] * (b1 - b0))
            else:
                for k in range(a0, a1):
                    if cur_base[k] >= 0:
                        deleted_by[cur_base[k]] = who
        cur, cur_who, cur_base = new_tokens, new_who, new_base
    pieces = _by_final_diff(base_tokens, cur, cur_who, deleted_by, memo)
    if pieces is None:
        pieces = _by_steps(base_tokens, cur, cur_who, cur_base, deleted_by)
    for i, piece in enumerate(pieces):
        if piece.op != EQUAL and piece.who is None:
            pieces[i] = Piece(piece.op, piece.text, fallback)
    return _merge(pieces)


def _by_final_diff(base_tokens: list[str], cur: list[str], cur_who: list[Hashable | None],
                   deleted_by: dict[int, Hashable], memo: Memo | None = None) -> list[Piece] | None:
    """The pieces of the word diff base -> final, or None when that diff pairs words differently from
    the steps (it may call a word that no step touched deleted and inserted again: "uno dos tres" ->
    "uno cuatro dos" is cleaner as one run of changes), which would leave them to nobody."""
    pieces: list[Piece] = []
    for op, a0, a1, b0, b1 in aligned(base_tokens, cur, memo):
        if op == EQUAL:
            pieces.append(Piece(EQUAL, "".join(cur[b0:b1])))
            continue
        tokens = base_tokens[a0:a1] if op == DELETE else cur[b0:b1]
        whos = [deleted_by.get(k) for k in range(a0, a1)] if op == DELETE else cur_who[b0:b1]
        if any(who is None and not is_space_token(tok) for tok, who in zip(tokens, whos)):
            return None
        _split(pieces, op, tokens, whos)
    return pieces


def _by_steps(base_tokens: list[str], cur: list[str], cur_who: list[Hashable | None], cur_base: list[int],
              deleted_by: dict[int, Hashable]) -> list[Piece]:
    """The pieces as the steps made them: every final token knows its base token or its author, every
    base token that is gone knows who deleted it; between two kept tokens, deletions come first."""
    pieces: list[Piece] = []
    inserted: tuple[list[str], list[Hashable | None]] = ([], [])
    nxt = 0  # the next base token not yet accounted for

    def flush(upto: int) -> None:
        nonlocal nxt
        if upto > nxt:
            _split(pieces, DELETE, base_tokens[nxt:upto], [deleted_by.get(k) for k in range(nxt, upto)])
        if inserted[0]:
            _split(pieces, INSERT, inserted[0], inserted[1])
            inserted[0].clear()
            inserted[1].clear()
        nxt = max(nxt, upto)

    for tok, who, k in zip(cur, cur_who, cur_base):
        if k < 0:
            inserted[0].append(tok)
            inserted[1].append(who)
            continue
        flush(k)
        pieces.append(Piece(EQUAL, tok))
        nxt = k + 1
    flush(len(base_tokens))
    return pieces


def _split(out: list[Piece], op: int, tokens: Sequence[str], whos: Sequence[Hashable | None]) -> None:
    """Cut a run of changed tokens where its author changes (spaces go with the word before them)."""
    run: list[str] = []
    run_who: Hashable | None = None
    for tok, who in zip(tokens, whos):
        if is_space_token(tok) and run:
            run.append(tok)
            continue
        if run and who != run_who:
            out.append(Piece(op, "".join(run), run_who))  # type: ignore[arg-type]
            run = []
        run_who = who
        run.append(tok)
    if run:
        out.append(Piece(op, "".join(run), run_who))  # type: ignore[arg-type]


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for p in pieces:
        if not p.text:
            continue
        if out and out[-1].op == p.op and out[-1].who == p.who:
            out[-1] = Piece(p.op, out[-1].text + p.text, p.who)
        else:
            out.append(p)
    return out


@dataclass(frozen=True, slots=True)
class ClauseChange:
    """How one clause changed between a base version and now, in one language, with who did it.

    ``kind``: ``changed`` (words; ``pieces`` attributed), ``added`` (one INSERT piece, ``who`` added it),
    ``removed`` (one DELETE piece, ``who`` removed it), ``moved`` (place changed, ``who`` moved it; it may
    also have changed words, then ``pieces`` has them), ``unchanged``.  ``status`` is the (old, new)
    status when the clause's status changed (e.g. agreed ad ref at a reading), else None."""

    clause_id: str
    kind: str
    pieces: tuple[Piece, ...] = ()
    who: Who | None = None
    status: tuple[str, str] | None = None
    moved: bool = False
