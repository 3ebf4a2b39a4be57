"""Apply one amendment to a workspace model: a new model out, warnings as data, nothing printed.

``apply_change`` edits one text; ``apply_amendment`` edits the workspace (the clause tree is rebuilt
with ``dataclasses.replace`` up to the ``Workspace``; untouched objects are shared).  Neither changes
the amendment's status: recording the decision is the caller's business.

Languages are never guessed.  A change written in one language marks the clause's other languages as
``pending_translation`` unless their texts are supplied (``texts``), which then clears them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from ..errors import DraftingError, Problem
from ..model import Amendment, Clause, Workspace
from .anchor import REANCHORED, STALE, Location, locate
from .text import CLOSING, OPENING, bracket_problems, is_word_char, nfc
from ..suggest import unknown

TEXT_OPERATIONS = ("replace", "insert", "delete", "bracket")


class ApplyError(DraftingError):
    """The amendment cannot be applied (missing clause, stale anchor, bad arguments); nothing changed."""


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """The workspace after the amendment, warnings (severity ``warning``) and where it applied."""

    workspace: Workspace
    warnings: tuple[Problem, ...] = ()
    location: Location | None = None


# --- one text ---------------------------------------------------------------------------------------

def apply_change(text: str, amendment: Amendment, location: Location) -> str:
    """The text after the amendment's text operation (replace, insert, delete, bracket) at ``location``.

    Spacing is tidied at the seams only: an insertion gets a space where words would run together
    (none before , . ; : ) ] and none after ( [), new words keep no space of their own after ( [ or
    before , . ) ], a deletion leaves no double space and no space before , . ) ], and nothing is added
    inside a word.  Raises ``ApplyError`` for a stale location or another
    operation.
    """
    change = amendment.change
    if location.state == STALE:
        raise ApplyError(f"{amendment.id}: cannot apply: {location.reason}")
    text = nfc(text)
    start, end = location.start, location.end
    if change.op == "replace":
        return _splice(text, start, end, nfc(change.new or ""))
    if change.op == "delete":
        return _splice(text, start, end, "")
    if change.op == "insert":
        return _insert(text, start, nfc(change.text or ""))
    if change.op == "bracket":
        if change.old is None:
            start, end = 0, len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return text[:start] + "[" + text[start:end] + "]" + text[end:]
    raise ApplyError(f"{amendment.id}: '{change.op}' is not an operation on the words of a clause")


def _needs_space(left: str, right: str) -> bool:
    """Whether a space belongs between two characters that meet when text is joined."""
    return not (right in CLOSING or right in ";:!?-/" or left in OPENING or left in "-/")


def _insert(text: str, point: int, ins: str) -> str:
    left, right = text[:point], text[point:]
    if not ins.strip():
        return text
    if left and right and is_word_char(left[-1]) and is_word_char(right[0]):
        return left + ins + right  # inside a word: the anchor cut it, so do exactly that
    if not left or ((left[-1].isspace() or left[-1] in OPENING) and ins[0].isspace()):
        ins = ins.lstrip()
    elif not left[-1].isspace() and not ins[0].isspace() and _needs_space(left[-1], ins[0]):
        ins = " " + ins
    if not right or (ins[-1].isspace() and (right[0].isspace() or right[0] in CLOSING)):
        ins = ins.rstrip()
    elif not ins[-1].isspace() and not right[0].isspace() and _needs_space(ins[-1], right[0]):
        ins = ins + " "
    return left + ins + right


def _splice(text: str, start: int, end: int, new: str) -> str:
    left, old, right = text[:start], text[start:end], text[end:]
    if not new.strip():
        return _close_gap(left, right, _spaced(left, old, right))
    # a replacement keeps the separation the old words had from their neighbours
    if left and (left[-1].isspace() or (old and old[0].isspace())):
        if left[-1].isspace() and new[0].isspace():
            new = new.lstrip()
        elif not left[-1].isspace() and not new[0].isspace() and _needs_space(left[-1], new[0]):
            new = " " + new
    elif not left:
        new = new.lstrip()
    if right and (right[0].isspace() or (old and old[-1].isspace())):
        if right[0].isspace() and new[-1].isspace():
            new = new.rstrip()
        elif not right[0].isspace() and not new[-1].isspace() and _needs_space(new[-1], right[0]):
            new = new + " "
    elif not right:
        new = new.rstrip()
    if right and right[0] in CLOSING and new[-1].isspace():
        new = new.rstrip()
    if left and left[-1] in OPENING and new[0].isspace():  # "[ del]" is as wrong as "del ]"
        new = new.lstrip()
    return left + new + right


def _spaced(left: str, old: str, right: str) -> bool:
    """Whether the deleted words were separated from a neighbour by whitespace."""
    return bool((left and left[-1].isspace()) or (right and right[0].isspace())
                or (old and (old[0].isspace() or old[-1].isspace())))


def _close_gap(left: str, right: str, spaced: bool) -> str:
    if left and right and left[-1].isspace() and right[0].isspace():
        left = left.rstrip()
    if right and right[0] in CLOSING:
        left = left.rstrip()
    if right and right[0].isspace() and (not left or left[-1] in OPENING):
        right = right.lstrip()
    if not right:
        left = left.rstrip()
    if not left:
        right = right.lstrip()
    if (spaced and left and right and not left[-1].isspace() and not right[0].isspace()
            and _needs_space(left[-1], right[0])):
        left += " "
    return left + right


# --- the workspace ----------------------------------------------------------------------------------

def apply_amendment(ws: Workspace, amendment: Amendment, *, text_override: str | None = None,
                    texts: Mapping[str, str] | None = None, base_text: str | None = None) -> ApplyResult:
    """The workspace with ``amendment`` applied (for ``decide accept`` and ``decide modify``).

    * replace / insert / delete / bracket: on the ``amendment.lang`` text of ``target``; the clause's
      other languages become ``pending_translation`` unless ``texts`` supplies them.
    * substitute: the given texts (missing languages become pending); add: the new clause after/before
      a clause, in the same list; remove: the clause and its sub-clauses; move: next to another clause
      of the same document; comment: nothing.
    * ``text_override`` (``decide modify --text``): the new span for replace, the inserted text for
      insert, the adopted wording of the span for delete and bracket, the whole clause text in
      ``lang`` for add and substitute.  Refused for remove, move and comment.
    * ``base_text``: the target's ``lang`` text in the version the amendment was written against, so
      that anchors are followed to the current text (see ``anchor.locate``).

    Raises ``ApplyError`` (with the amendment file's path and line) when it cannot be applied.
    """
    change = amendment.change
    warnings: list[str] = []
    override = nfc(text_override) if text_override is not None else None
    supplied = _supplied(ws, amendment, texts)
    if override is not None and change.op in ("remove", "move", "comment"):
        raise _error(amendment, f"a new wording (--text) does not apply to a '{change.op}'")
    location: Location | None = None
    if change.op == "comment":
        new_ws = ws
    elif change.op in TEXT_OPERATIONS:
        new_ws, location = _apply_text(ws, amendment, override, supplied, base_text, warnings)
    elif change.op == "substitute":
        new_ws = _apply_substitute(ws, amendment, override, supplied, warnings)
    elif change.op == "add":
        new_ws = _apply_add(ws, amendment, override, supplied, warnings)
    elif change.op == "remove":
        clause = _target(ws, amendment)
        if clause.children:
            ids = ", ".join(c.id for c in clause.walk() if c is not clause)
            warnings.append(f"removing clause '{clause.id}' also removes its sub-clauses: {ids}")
        new_ws = _edit_lists(ws, _drop(clause.id))
    elif change.op == "move":
        new_ws = _apply_move(ws, amendment)
    else:
        raise _error(amendment, f"unknown operation '{change.op}'")
    line = amendment.loc.at("change")
    problems = tuple(Problem(amendment.loc.path, line, f"{amendment.id}: {w}", "warning") for w in warnings)
    return ApplyResult(new_ws, problems, location)


def _error(amendment: Amendment, message: str) -> ApplyError:
    return ApplyError(f"{amendment.id}: {message}", amendment.loc.path or None, amendment.loc.at("change"))


def _supplied(ws: Workspace, amendment: Amendment, texts: Mapping[str, str] | None) -> dict[str, str]:
    supplied = {lang: nfc(t) for lang, t in (texts or {}).items()}
    unknown = sorted(set(supplied) - set(ws.languages))
    if unknown:
        raise _error(amendment, f"not a language of this negotiation: {', '.join(unknown)} "
                                f"(languages: {', '.join(ws.languages)})")
    return supplied


def _target(ws: Workspace, amendment: Amendment) -> Clause:
    if not amendment.target:
        raise _error(amendment, f"a '{amendment.op}' needs a target clause")
    clause = ws.clause(amendment.target)
    if clause is None:
        raise _error(amendment, unknown("clause", amendment.target, ws.clause_index()))
    return clause


def _ordered(ws: Workspace, langs: Iterable[str]) -> tuple[str, ...]:
    wanted = set(langs)
    known = [lang for lang in ws.languages if lang in wanted]
    return (*known, *sorted(wanted - set(known)))


def _check_text(clause_id: str, lang: str, text: str, warnings: list[str]) -> None:
    for problem in bracket_problems(text):
        warnings.append(f"clause '{clause_id}' ({lang}): {problem}")


def _apply_text(ws: Workspace, amendment: Amendment, override: str | None, supplied: dict[str, str],
                base_text: str | None, warnings: list[str]) -> tuple[Workspace, Location]:
    clause = _target(ws, amendment)
    lang = amendment.lang
    if lang not in clause.text:
        raise _error(amendment, f"clause '{clause.id}' has no text in '{lang}'")
    if lang in supplied:
        warnings.append(f"the text given for '{lang}' is ignored: the amendment itself changes that language")
        del supplied[lang]
    current = clause.text[lang]
    location = locate(amendment, base_text, current)
    if location.state == STALE:
        raise _error(amendment, f"cannot apply to clause '{clause.id}': {location.reason}")
    if location.state == REANCHORED:
        warnings.append(f"re-anchored in clause '{clause.id}': {location.reason}")
    effective = amendment
    if override is not None:
        change = amendment.change
        if change.op == "insert":
            effective = replace(amendment, change=replace(change, text=override))
        else:  # replace, delete, bracket: the adopted wording replaces the span
            effective = replace(amendment, change=replace(change, op="replace", new=override,
                                                          old=change.old))
    new_text = apply_change(current, effective, location)
    if new_text == nfc(current):
        warnings.append(f"the text of clause '{clause.id}' ({lang}) is unchanged")
    _check_text(clause.id, lang, new_text, warnings)
    for other, text in supplied.items():
        _check_text(clause.id, other, text, warnings)
    lagging = set(ws.languages) - {lang} - set(supplied)
    pending = _ordered(ws, (set(clause.pending_translation) | lagging) - set(supplied))
    new_clause = replace(clause, text={**clause.text, lang: new_text, **supplied}, pending_translation=pending)
    return _edit_lists(ws, _swap(new_clause)), location


def _apply_substitute(ws: Workspace, amendment: Amendment, override: str | None,
                      supplied: dict[str, str], warnings: list[str]) -> Workspace:
    clause = _target(ws, amendment)
    new_texts = {lang: nfc(t) for lang, t in (amendment.change.texts or {}).items()}
    new_texts.update(supplied)
    if override is not None:
        new_texts[amendment.lang] = override
    if not new_texts:
        raise _error(amendment, "the substitute gives no text")
    for lang, text in new_texts.items():
        _check_text(clause.id, lang, text, warnings)
    lagging = set(ws.languages) - set(new_texts)
    pending = _ordered(ws, (set(clause.pending_translation) | lagging) - set(new_texts))
    new_clause = replace(clause, text={**clause.text, **new_texts}, pending_translation=pending)
    return _edit_lists(ws, _swap(new_clause))


def _with_pending(ws: Workspace, clause: Clause, fresh: set[str]) -> Clause:
    """A new clause (and sub-clauses) with NFC texts, languages it lacks marked pending."""
    text = {lang: nfc(t) for lang, t in clause.text.items()}
    missing = {lang for lang in ws.languages if not text.get(lang)}
    pending = _ordered(ws, (set(clause.pending_translation) - fresh) | missing)
    children = tuple(_with_pending(ws, c, set()) for c in clause.children)
    return replace(clause, text=text, pending_translation=pending, children=children)


def _apply_add(ws: Workspace, amendment: Amendment, override: str | None,
               supplied: dict[str, str], warnings: list[str]) -> Workspace:
    change = amendment.change
    new = change.clause
    if new is None:
        raise _error(amendment, "the 'add' gives no clause")
    after = change.after is not None
    ref = change.after if after else change.before
    if ref is None:
        raise _error(amendment, "an 'add' needs after or before (a clause id)")
    index = ws.clause_index()
    if ref not in index:
        raise _error(amendment, unknown("clause", ref, index) + f" (the new clause goes {'after' if after else 'before'} it)")
    taken = [c.id for c in new.walk() if c.id in index]
    if taken:
        raise _error(amendment, f"clause id already in use: {', '.join(taken)}")
    text = dict(new.text)
    text.update(supplied)
    fresh = set(supplied)
    if override is not None:
        text[amendment.lang] = override
        fresh.add(amendment.lang)
    clause = _with_pending(ws, replace(new, text=text), fresh)
    for lang, t in clause.text.items():
        _check_text(clause.id, lang, t, warnings)
    return _edit_lists(ws, _next_to(ref, clause, after))


def _apply_move(ws: Workspace, amendment: Amendment) -> Workspace:
    change = amendment.change
    clause = _target(ws, amendment)
    after = change.after is not None
    ref = change.after if after else change.before
    if ref is None:
        raise _error(amendment, "a 'move' needs after or before (a clause id)")
    index = ws.clause_index()
    if ref not in index:
        raise _error(amendment, unknown("clause", ref, index) + f" (the clause is to move {'after' if after else 'before'} it)")
    if ref in {c.id for c in clause.walk()}:
        raise _error(amendment, f"cannot move clause '{clause.id}' next to itself or its own sub-clause '{ref}'")
    here, there = index[clause.id].document.id, index[ref].document.id
    if here != there:
        raise _error(amendment, f"cannot move clause '{clause.id}' from document '{here}' to '{there}'")
    moved = _edit_lists(ws, _drop(clause.id))
    return _edit_lists(moved, _next_to(ref, clause, after))


# --- rebuilding the clause tree ---------------------------------------------------------------------

ListEdit = Callable[[tuple[Clause, ...]], tuple[Clause, ...]]


def _swap(new: Clause) -> ListEdit:
    def edit(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        if not any(c.id == new.id for c in clauses):
            return clauses
        return tuple(new if c.id == new.id else c for c in clauses)
    return edit


def _drop(clause_id: str) -> ListEdit:
    def edit(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        if not any(c.id == clause_id for c in clauses):
            return clauses
        return tuple(c for c in clauses if c.id != clause_id)
    return edit


def _next_to(ref: str, clause: Clause, after: bool) -> ListEdit:
    def edit(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        for i, c in enumerate(clauses):
            if c.id == ref:
                at = i + 1 if after else i
                return (*clauses[:at], clause, *clauses[at:])
        return clauses
    return edit


def _edit_list(clauses: tuple[Clause, ...], edit: ListEdit) -> tuple[Clause, ...]:
    out: list[Clause] = []
    changed = False
    for c in clauses:
        if c.children:
            kids = _edit_list(c.children, edit)
            if kids is not c.children:
                c = replace(c, children=kids)
                changed = True
        out.append(c)
    return edit(tuple(out) if changed else clauses)


def _edit_lists(ws: Workspace, edit: ListEdit) -> Workspace:
    """Apply ``edit`` to every sibling list of the workspace (section clauses and sub-clauses)."""
    documents = []
    for doc in ws.documents:
        sections = []
        for section in doc.sections:
            clauses = _edit_list(section.clauses, edit)
            sections.append(section if clauses is section.clauses else replace(section, clauses=clauses))
        same = all(a is b for a, b in zip(sections, doc.sections))
        documents.append(doc if same else replace(doc, sections=tuple(sections)))
    if all(a is b for a, b in zip(documents, ws.documents)):
        return ws
    return replace(ws, documents=tuple(documents))
