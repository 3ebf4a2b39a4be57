"""Model -> YAML text.  New files are emitted in one canonical layout; existing section files are
patched in place (only the values, items and keys that changed), so a hand-kept file keeps its
comments and layout, and an unchanged file stays byte for byte the same; an issued version is appended
to negotiation.yaml the same way.  Clause texts are written as folded block scalars (``>-``), readable
and diff-friendly."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any


from ..model import AgreedLanguage, Amendment, Change, Clause, Section
from .yamlio import YMap, YSeq, parse

WIDTH = 96
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9À-ɏ][^:#\n\[\]{},&*!|>'\"%@`]*\Z")


def scalar(text: str, indent: int, *, fold: bool = True) -> str:
    """A string as a YAML value placed after ``key: `` at the given indentation of its key.

    Long texts become ``>-`` folded scalars wrapped at single spaces; short safe texts stay plain;
    anything else is double-quoted by PyYAML."""
    if (fold and len(text) > 60 and text == text.strip() and "  " not in text and "\n" not in text
            and "\t" not in text):
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + 1 + len(word) > WIDTH - indent - 2:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        pad = " " * (indent + 2)
        return ">-\n" + "".join(f"{pad}{ln}\n" for ln in lines)[:-1]
    if _PLAIN_SAFE.match(text) and text == text.strip() and not _looks_typed(text):
        return text
    import yaml  # only here: a command that writes no quoted scalar need not load PyYAML
    out = yaml.dump(text, allow_unicode=True, width=10_000, default_style='"').rstrip("\n")
    return out.removesuffix("\n...")


def _looks_typed(text: str) -> bool:
    # Words other YAML readers would turn into booleans, numbers or null; quote them for their sake.
    return bool(re.fullmatch(r"(?i)(y|yes|n|no|true|false|on|off|null|~|[-+]?[\d._:]+(e[-+]?\d+)?)", text))


def _key_values(pairs: Sequence[tuple[str, Any]], indent: int) -> str:
    pad = " " * indent
    out = []
    for key, value in pairs:
        if value is None or value == () or value == {} or value == []:
            continue
        if isinstance(value, _Flow):
            out.append(f"{pad}{key}: {value.yaml(indent)}\n")
        elif isinstance(value, Mapping):
            out.append(f"{pad}{key}:\n" + _key_values(list(value.items()), indent + 2))
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], Clause):
            out.append(f"{pad}{key}:\n" + "".join(emit_clause(c, indent + 2) for c in value))
        elif isinstance(value, (list, tuple)):
            out.append(f"{pad}{key}: [{', '.join(scalar(str(v), indent, fold=False) for v in value)}]\n")
        else:
            out.append(f"{pad}{key}: {scalar(str(value), indent)}\n")
    return "".join(out)


def _clause_pairs(c: Clause) -> list[tuple[str, Any]]:
    agreed = c.agreed_language
    return [("id", c.id), ("kind", None if c.kind == "paragraph" else c.kind),
            ("status", None if c.kind == "heading" else c.status), ("text", dict(c.text)),
            ("agreed_language", {"precedent": agreed.precedent, "ref": agreed.ref}
             if isinstance(agreed, AgreedLanguage) else agreed),
            ("pending_translation", list(c.pending_translation)),
            ("actors", _Flow(c.actors) if c.actors else None), ("deadline", c.deadline),
            ("indicator", dict(c.indicator)), ("children", list(c.children))]


class _Flow(tuple):  # type: ignore[type-arg]
    """A list written in flow style, its items codes or ``{lang: text}`` mappings: ``[CHL, {es: ...}]``."""

    def yaml(self, indent: int) -> str:
        def item(v: Any) -> str:
            if isinstance(v, Mapping):
                return "{" + ", ".join(f"{k}: {scalar(str(x), indent, fold=False)}" for k, x in v.items()) + "}"
            return scalar(str(v), indent, fold=False)
        return "[" + ", ".join(item(v) for v in self) + "]"


def emit_clause(c: Clause, indent: int) -> str:
    """A clause as a block-sequence item (``- id: ...``) at the given indentation."""
    body = _key_values(_clause_pairs(c), indent + 2)
    return " " * indent + "- " + body[indent + 2:]


def emit_section(s: Section) -> str:
    head = _key_values([("id", s.id), ("title", dict(s.title)), ("numbering", s.numbering)], 0)
    return head + "clauses:\n" + "".join(emit_clause(c, 2) for c in s.clauses)


def _change_pairs(ch: Change) -> list[tuple[str, Any]]:
    if ch.op == "add":
        return [("after", ch.after), ("before", ch.before), ("clause", ch.clause)]
    if ch.op == "substitute":
        return [("text", dict(ch.texts or {}))]
    return [("old", ch.old), ("new", ch.new), ("text", ch.text), ("after", ch.after),
            ("before", ch.before), ("at", ch.at),
            ("occurrence", str(ch.occurrence) if ch.occurrence else None),
            ("inside_word", "true" if ch.inside_word else None)]


def emit_amendment(a: Amendment, word_author: str | None = None) -> str:
    """An amendment file in the canonical layout of the SPEC."""
    pairs: list[tuple[str, Any]] = [
        ("id", a.id), ("by", a.by), ("cosponsors", list(a.cosponsors)), ("on_behalf_of", a.on_behalf_of),
        ("supporters", list(a.supporters)), ("objectors", list(a.objectors)), ("target", a.target),
        ("lang", a.lang)]
    out = _key_values(pairs, 0)
    body = _change_pairs(a.change)
    if a.change.op == "add" and a.change.clause is not None:
        inner = _key_values([(k, v) for k, v in body if k != "clause"], 4)
        inner += "    clause:\n" + _key_values(_clause_pairs(a.change.clause), 6)
    else:
        inner = _key_values(body, 4)
    out += f"change:\n  {a.change.op}:" + (" {}\n" if not inner else "\n" + inner)
    d = a.decision
    out += _key_values([("rationale", a.rationale), ("channel", a.channel), ("submitted", a.submitted),
                        ("word_author", word_author), ("entered_by", a.entered_by),
                        ("renumbered_from", a.renumbered_from), ("sponsored_from", a.sponsored_from),
                        ("status", a.status)], 0)
    if d is not None:
        out += "decision:\n" + _key_values([("date", d.date), ("note", d.note), ("text", d.text),
                                            ("into", d.into), ("clause", d.clause),
                                            ("texts", dict(d.texts) if d.texts else None)], 2)
    return out


# ---------------------------------------------------------------- patching an existing section file

def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Index just past the newline ending the line holding ``index - 1`` (the end of a value)."""
    nl = text.find("\n", max(index - 1, 0))
    return len(text) if nl < 0 else nl + 1


def _content_end(text: str, value: Any, span: Any) -> int:
    """Index just past the last character of a value's own content.  The parser's end marks of block
    mappings and sequences run on over trailing comments and the next line's indentation, and those of
    block scalars (``>-``, ``|``) over trailing blank lines: neither belongs to the value."""
    if isinstance(value, YMap) and value and text[span.start:span.start + 1] != "{":
        last = next(reversed(value))
        return _content_end(text, value[last], value.spans[last])
    if isinstance(value, YSeq) and value and text[span.start:span.start + 1] != "[":
        return _content_end(text, value[-1], value.spans[-1])
    end: int = span.end
    while end > span.start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


class _Patcher:
    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def result(self) -> str:
        out, pos = [], 0
        for start, end, new in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise ValueError("overlapping edits")
            out.append(self.text[pos:start])
            out.append(new)
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def patch_section(text: str, path: str, old: Section, new: Section) -> str:
    """The section file's text changed only where ``new`` differs from ``old``."""
    if old.id != new.id or old.numbering != new.numbering or dict(old.title) != dict(new.title):
        return emit_section(new)
    tree = parse(text, path)
    if not isinstance(tree, YMap) or not isinstance(tree.get("clauses"), YSeq):
        return emit_section(new)
    p = _Patcher(text)
    try:
        _patch_list(p, tree["clauses"], old.clauses, new.clauses)
        return p.result()
    except _Fallback:
        return emit_section(new)


class _Fallback(Exception):
    """The file is laid out in a way the patcher does not handle: write the section anew."""


def _patch_list(p: _Patcher, seq: YSeq, old: tuple[Clause, ...], new: tuple[Clause, ...]) -> None:
    text = p.text
    old_ids = [c.id for c in old]
    new_ids = [c.id for c in new]
    if not seq or len(seq) != len(old) or text[seq.spans[0].start - 2:seq.spans[0].start] != "- ":
        raise _Fallback
    starts = [_line_start(text, s.start) for s in seq.spans]
    # an item ends with the line of its last value; blank lines and comments after it stay in place
    ends = [_line_end(text, _content_end(text, item, span)) for item, span in zip(seq, seq.spans)]
    item_indent = seq.spans[0].column - 2
    sm = difflib.SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
    where = {c.id: i for i, c in enumerate(old)}

    def piece(c: Clause) -> str:
        """A clause to write here: a clause moved within this list unchanged keeps its own lines."""
        i = where.get(c.id)
        if i is not None and _clause_key(old[i]) == _clause_key(c):
            own = text[starts[i]:ends[i]]
            return own if own.endswith("\n") else own + "\n"
        return emit_clause(c, item_indent)

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if old[i] != new[j]:
                    _patch_clause(p, seq[i], seq.spans[i], starts[i], ends[i], old[i], new[j], item_indent)
            continue
        chunk = "".join(piece(c) for c in new[j1:j2])
        if tag == "insert":
            # right after the clause it follows (comments before the next one stay with that one)
            at = ends[i1 - 1] if i1 > 0 else starts[0]
            p.replace(at, at, chunk if text[at - 1:at] in ("\n", "") else "\n" + chunk)  # no final newline
        elif tag == "replace":
            p.replace(starts[i1], ends[i2 - 1], chunk)
        else:  # delete: the clauses' lines and the blank lines after them
            end = ends[i2 - 1]
            while end < len(text):
                nl = text.find("\n", end)
                line_end = len(text) if nl < 0 else nl + 1
                if text[end:line_end].strip():
                    break
                end = line_end
            p.replace(starts[i1], end, "")


def _clause_key(c: Clause) -> tuple[Any, ...]:
    """What a clause says, without where it was read."""
    return (c.id, dict(c.text), c.kind, c.status, c.agreed_language, tuple(c.pending_translation),
            tuple(_clause_key(x) for x in c.children), _follow_up(c))


def _follow_up(c: Clause) -> tuple[Any, ...]:
    return (tuple(tuple(sorted(a.items())) if isinstance(a, Mapping) else a for a in c.actors), c.deadline,
            tuple(sorted(c.indicator.items())))


def _indent_of(text: str, m: YMap, key: str) -> int:
    ks = _line_start(text, m.spans[key].start)
    line = text[ks:]
    return len(line) - len(line.lstrip(" "))


def _patch_clause(p: _Patcher, m: Any, span: Any, start: int, end: int, old: Clause, new: Clause,
                  item_indent: int) -> None:
    structured = isinstance(old.agreed_language, AgreedLanguage) or isinstance(new.agreed_language, AgreedLanguage)
    if (not isinstance(m, YMap) or old.kind != new.kind or old.id != new.id or _follow_up(old) != _follow_up(new)
            or structured and old.agreed_language != new.agreed_language):
        # the follow-up fields and a structured agreed_language are edited by hand, rarely by a
        # command: the clause is written anew
        p.replace(start, end, emit_clause(new, item_indent))
        return
    text = p.text
    key_indent = item_indent + 2
    # texts: patch each language's value, add missing ones
    if dict(old.text) != dict(new.text):
        tm = m.get("text")
        if not isinstance(tm, YMap) or not tm or set(old.text) - set(new.text) or text[m.spans["text"].start] == "{":
            p.replace(start, end, emit_clause(new, item_indent))
            return
        lang_indent = _indent_of(text, tm, next(iter(tm)))
        last = next(reversed(tm))
        last_end = _content_end(text, tm[last], tm.spans[last])
        for lang, value in new.text.items():
            if lang in tm:
                if old.text.get(lang) != value:
                    s = tm.spans[lang]
                    gap = " " if s.start == s.end else ""  # an empty value ("es:") ends at the colon
                    p.replace(s.start, _content_end(text, tm[lang], s), gap + scalar(value, lang_indent))
            else:
                at = _line_end(text, last_end)
                p.replace(at, at, f"{' ' * lang_indent}{lang}: {scalar(value, lang_indent)}\n")
    for key, old_v, new_v in (("status", old.status, new.status),
                              ("agreed_language", old.agreed_language, new.agreed_language),
                              ("pending_translation", old.pending_translation, new.pending_translation)):
        if old_v == new_v:
            continue
        if key == "status" and new_v == "pending" and key not in m:
            continue
        if isinstance(new_v, tuple):
            value = f"[{', '.join(new_v)}]" if new_v else None
        else:
            value = scalar(str(new_v), key_indent) if new_v else None  # a structured one is rewritten above
        if key in m:
            ks = _line_start(text, m.spans[key].start)
            key_start = text.rfind(key + ":", ks, m.spans[key].start + 1)
            key_line_start = _line_start(text, key_start)
            value_end = _content_end(text, m[key], m.spans[key])
            if value is None:
                p.replace(key_line_start, _line_end(text, value_end), "")
            elif m.spans[key].start == m.spans[key].end:  # an empty value ("key:") ends at the colon
                p.replace(m.spans[key].start, value_end, " " + value)
            else:
                p.replace(m.spans[key].start, value_end, value)
        elif value is not None:
            # a new key goes on the line after the id
            at = _line_end(text, m.spans["id"].end)
            p.replace(at, at, f"{' ' * key_indent}{key}: {value}\n")
    if old.children != new.children:
        if isinstance(m.get("children"), YSeq) and m["children"]:
            _patch_list(p, m["children"], old.children, new.children)
        else:
            p.replace(start, end, emit_clause(new, item_indent))


def patch_decision(text: str, path: str, status: str, decision_pairs: Sequence[tuple[str, Any]]) -> str:
    """An amendment file with its status set and a decision block appended; every other line kept."""
    tree = parse(text, path)
    if not isinstance(tree, YMap) or "decision" in tree:
        raise ValueError(f"{path}: already carries a decision")
    p = _Patcher(text)
    if "status" in tree:
        s = tree.spans["status"]
        p.replace(s.start, s.end, scalar(status, 0))
    out = p.result()
    if not out.endswith("\n"):
        out += "\n"
    if "status" not in tree:
        out += f"status: {status}\n"
    return out + "decision:\n" + _key_values(decision_pairs, 2)


def append_version(text: str, vid: str, label: dict[str, str], date: str) -> str:
    """negotiation.yaml with one more entry at the end of its ``versions`` list, all else kept."""
    tree = parse(text, "negotiation.yaml")
    entry = (f"  - id: {vid}\n    label: {{{', '.join(f'{k}: {scalar(v, 6, fold=False)}' for k, v in label.items())}}}\n"
             f"    date: {date}\n")
    if not isinstance(tree, YMap) or "versions" not in tree:
        return text.rstrip("\n") + "\nversions:\n" + entry
    seq = tree["versions"]
    span = tree.spans["versions"]
    if not isinstance(seq, YSeq) or not seq or text[span.start] == "[":
        # an empty or flow-style list: rewrite just that value
        items = "".join(entry for _ in (0,))
        before = text[:span.start].rstrip(" ")
        existing = ""
        if isinstance(seq, YSeq):
            for v in seq:
                if isinstance(v, YMap):
                    lab = v.get("label") or {}
                    existing += (f"  - id: {v.get('id')}\n" + (f"    label: {{{', '.join(f'{k}: {scalar(x, 6, fold=False)}' for k, x in lab.items())}}}\n" if isinstance(lab, dict) and lab else "")
                                 + (f"    date: {v['date']}\n" if v.get("date") else ""))
        after = text[span.end:]
        return before + "\n" + existing + items + after.lstrip("\n")
    last = seq.spans[-1].end
    at = last if text[last - 1:last] == "\n" else text.find("\n", last) + 1 or len(text)
    return text[:at] + entry + text[at:]


def emit_document(doc_id: str, title: Mapping[str, str], sections: Sequence[str]) -> str:
    """A ``document.yaml`` in the canonical layout."""
    return _key_values([("id", doc_id), ("title", dict(title)), ("sections", list(sections))], 0)


def set_values(text: str, path: str, values: Mapping[str, str]) -> str:
    """A top-level YAML file (negotiation.yaml) with the values of some keys replaced by the YAML
    given (``{"languages": "[es, en]"}``), or added at the end; every other line kept."""
    tree = parse(text, path)
    if not isinstance(tree, YMap):
        raise TypeError(f"{path}: not a mapping")
    p = _Patcher(text)
    tail = ""
    for key, value in values.items():
        if key in tree:
            span = tree.spans[key]
            start = span.start
            if value.startswith("\n"):  # a block value: no space left after the colon
                while start > 0 and text[start - 1] == " ":
                    start -= 1
            p.replace(start, _content_end(text, tree[key], span), value)
        else:
            tail += f"{key}: {value}\n"
    out = p.result()
    return out + ("" if out.endswith("\n") or not tail else "\n") + tail
