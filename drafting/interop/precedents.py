"""Agreed language: the paragraphs of earlier instruments (``precedents/<id>.yaml``), searched by
similarity, and recognised in proposals.

Matching is rapidfuzz's (C code): texts are compared folded -- lower case, without accents or
punctuation -- so that "Política" finds "politica".  ``search`` ranks every paragraph by how well the
query appears in it (``partial_ratio``: the best-matching stretch of the paragraph; a query longer than
the paragraph is compared whole).  ``reused`` says where a proposal's new text takes up a precedent:
some ``MIN_WORDS`` consecutive words of it found in one paragraph at ``MIN_SCORE`` or more -- long
and close enough that a negotiator would call it agreed language.  ``Remarks`` turns both findings,
and a change to a clause recorded as agreed language, into the sentences drafts print as comments."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz, process, utils

from ..labels import LABELS
from ..model import AgreedLanguage, Amendment, Precedent, PrecedentParagraph, Workspace

MIN_WORDS = 8
MIN_SCORE = 90.0
# the operations that change the words of their target clause
ALTERING = ("replace", "insert", "delete", "bracket", "substitute", "remove")


def fold(text: str) -> str:
    """What matching compares: lower case, accents and punctuation away, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(utils.default_process("".join(ch for ch in decomposed if not unicodedata.combining(ch))).split())


@dataclass(frozen=True, slots=True)
class Match:
    precedent: Precedent
    paragraph: PrecedentParagraph
    lang: str
    score: float
    words: int = 0  # reused: how many consecutive words of the text were found

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {"precedent": self.precedent.id, "title": self.precedent.display(lang),
                "forum": self.precedent.forum, "date": self.precedent.date, "url": self.precedent.url,
                "ref": self.paragraph.ref, "lang": self.lang, "text": self.paragraph.text[self.lang],
                "score": round(self.score, 1)}


@dataclass(frozen=True, slots=True)
class _Entry:
    precedent: Precedent
    paragraph: PrecedentParagraph
    lang: str
    folded: str


def _score(query: str, choice: str, **_: Any) -> float:
    if len(query) <= len(choice):
        return float(fuzz.partial_ratio(query, choice))
    return float(fuzz.ratio(query, choice))


class Index:
    """Every paragraph of every precedent, in every language it has, folded once."""

    def __init__(self, precedents: Iterable[Precedent]) -> None:
        self.entries = [_Entry(p, par, lang, fold(text)) for p in precedents for par in p.paragraphs
                        for lang, text in par.text.items()]
        self._by_lang: dict[str, list[_Entry]] = {}
        for e in self.entries:
            if len(e.folded.split()) >= MIN_WORDS:
                self._by_lang.setdefault(e.lang, []).append(e)

    def search(self, query: str, lang: str | None = None, limit: int = 5) -> list[Match]:
        """The paragraphs closest to ``query``, best first; one per paragraph (its best language when
        ``lang`` is not given)."""
        q = fold(query)
        entries = [e for e in self.entries if lang is None or e.lang == lang]
        if not q or not entries:
            return []
        found = process.extract(q, [e.folded for e in entries], scorer=_score, processor=None, limit=None)
        best: dict[tuple[str, str], tuple[float, float, Match]] = {}
        for _, score, i in found:
            e = entries[i]
            key = (e.precedent.id, e.paragraph.ref)
            tie = fuzz.token_set_ratio(q, e.folded)  # among equal scores: more of the query's words
            if key not in best or (score, tie) > best[key][:2]:
                best[key] = (score, tie, Match(e.precedent, e.paragraph, e.lang, score))
        ranked = sorted(best.values(), key=lambda x: (-x[0], -x[1], x[2].precedent.id, x[2].paragraph.ref))
        return [m for _, _, m in ranked[:limit]]

    def reused(self, text: str, lang: str) -> list[Match]:
        """The precedent paragraphs (in ``lang``) of which ``text`` takes up ``MIN_WORDS`` consecutive
        words or more at ``MIN_SCORE`` or more, the longest reuse first."""
        words = fold(text).split()
        entries = self._by_lang.get(lang, [])
        if len(words) < MIN_WORDS or not entries:
            return []
        choices = [e.folded for e in entries]
        hits: dict[int, list[tuple[int, float]]] = {}  # entry -> (window start, score)
        for start in range(len(words) - MIN_WORDS + 1):
            window = " ".join(words[start:start + MIN_WORDS])
            for _, score, i in process.extract_iter(window, choices, scorer=fuzz.partial_ratio,
                                                    processor=None, score_cutoff=MIN_SCORE):
                hits.setdefault(i, []).append((start, float(score)))
        out = []
        for i, windows in hits.items():
            e = entries[i]
            out.append(Match(e.precedent, e.paragraph, lang, min(s for _, s in windows), _run(windows)))
        return sorted(out, key=lambda m: (-m.words, -m.score, m.precedent.id, m.paragraph.ref))


def _run(windows: list[tuple[int, float]]) -> int:
    """The words covered by the longest run of consecutive matching windows."""
    starts = sorted(s for s, _ in windows)
    longest = run = 1
    for a, b in pairwise(starts):
        run = run + 1 if b == a + 1 else 1
        longest = max(longest, run)
    return longest + MIN_WORDS - 1


def new_texts(a: Amendment) -> list[tuple[str, str]]:
    """(language, text) of the words a proposal brings: the new span, the added clause (with its
    sub-clauses), the substituted text, or the wording a decision adopted instead."""
    c, d = a.change, a.decision
    out: list[tuple[str, str]] = []
    if a.status == "modified" and d is not None and (d.text or d.texts):
        if d.text:
            out.append((a.lang, d.text))
        out.extend((lang, t) for lang, t in (d.texts or {}).items() if lang != a.lang or not d.text)
        return out
    if a.op == "replace" and c.new:
        out.append((a.lang, c.new))
    elif a.op == "insert" and c.text:
        out.append((a.lang, c.text))
    elif a.op == "substitute":
        out.extend((c.texts or {}).items())
    elif a.op == "add" and c.clause is not None:
        for node in c.clause.walk():
            out.extend(node.text.items())
    return out


def source_of(ws: Workspace, agreed: str | AgreedLanguage, lang: str) -> str:
    """How a draft names agreed language: the precedent's title in its language and the reference,
    or the free note as written."""
    if isinstance(agreed, str):
        return agreed
    p = ws.precedent(agreed.precedent)
    return f"{p.display(lang) if p else agreed.precedent}, {agreed.ref}"


def _label(key: str, lang: str, **kw: str) -> str:
    texts = LABELS[key]
    return texts.get(lang, texts["en"]).format(**kw)


class Remarks:
    """What the secretariat notes on each proposal about agreed language, per draft language:
    ``for_lang(lang)`` maps an amendment id to its sentences.  Findings are computed once and
    worded in each language asked for."""

    def __init__(self, ws: Workspace, amendments: Iterable[Amendment] | None = None) -> None:
        self.ws = ws
        index = Index(ws.precedents) if ws.precedents else None
        self.findings: dict[str, list[tuple[str, Any]]] = {}
        for a in ws.amendments if amendments is None else amendments:
            found: list[tuple[str, Any]] = []
            clause = ws.clause(a.target) if a.target and a.op in ALTERING else None
            if clause is not None and clause.agreed_language:
                found.append(("alters", clause.agreed_language))
            if index is not None:
                seen: set[tuple[str, str]] = set()
                for lang, text in new_texts(a):
                    for m in index.reused(text, lang):
                        key = (m.precedent.id, m.paragraph.ref)
                        if key not in seen:
                            seen.add(key)
                            found.append(("reuses", AgreedLanguage(*key)))
            if found:
                self.findings[a.id] = found

    def for_lang(self, lang: str) -> Mapping[str, tuple[str, ...]]:
        return {aid: tuple(_label(f"remark.{kind}", lang, source=source_of(self.ws, what, lang))
                           for kind, what in found)
                for aid, found in self.findings.items()}
