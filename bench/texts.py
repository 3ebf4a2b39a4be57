"""The negotiation as plain data (documents, sections, clauses, amendments as dicts), the YAML files drafting
reads, and the operations the history is made of: proposing an amendment and applying a decision."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from .applying import apply_through_drafting
from .corpus import (
    AGREED_LANGUAGE,
    AND,
    CHAPEAU_END,
    CHAPTER,
    COLON,
    LANGS,
    OPERATIVE_OPENINGS,
    PHRASES,
    PREAMBLE_OPENINGS,
    PROGRAMME,
    QUALIFIERS,
    RATIONALES,
    SEGMENTS,
    TOPICS,
    Roster,
    T,
    _t,
    roman,
)

# ------------------------------------------------------------------------------------------ texts

def clause_text(rng: random.Random, style: str, bracket: bool) -> T:
    """About 60 words per language (``child``: about 30); the same choices in every language."""
    segs = rng.sample(range(len(SEGMENTS)), 2)
    quals = rng.sample(range(len(QUALIFIERS)), 3)
    openings = PREAMBLE_OPENINGS if style == "preamble" else OPERATIVE_OPENINGS
    opening = openings[rng.randrange(len(openings))]
    br = rng.randrange(3) if bracket else -1
    out: T = {}
    for lang in LANGS:
        q = [QUALIFIERS[i][lang] for i in quals]
        if br >= 0:
            q[br] = f"[{q[br]}]"
        s = [SEGMENTS[i][lang] for i in segs]
        if style == "child":
            text = f"{s[0]} {q[0]}, {q[1]};"
        elif style == "chapeau":
            text = f"{opening[lang]} {s[0]} {q[0]}, {CHAPEAU_END[lang]}"
        else:
            end = "," if style == "preamble" else "."
            text = f"{opening[lang]} {s[0]} {q[0]}, {AND[lang]} {s[1]} {q[1]}, {q[2]}{end}"
        out[lang] = unicodedata.normalize("NFC", text)
    return out


def heading_text(n: int, topic: int) -> T:
    return {lang: f"{PROGRAMME[lang]} {n}{COLON[lang]} {TOPICS[topic][lang]}" for lang in LANGS}


def _clause(cid: str, text: T, *, kind: str = "paragraph", status: str = "pending",
            agreed: str | None = None, children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"id": cid, "kind": kind, "status": status, "text": text, "agreed_language": agreed,
            "pending": [], "children": children or []}


def _status(rng: random.Random) -> str:
    x = rng.random()
    return ("agreed" if x < 0.10 else "agreed-ad-ref" if x < 0.20 else "agreed-in-informals" if x < 0.28
            else "held" if x < 0.30 else "pending")


def build_documents(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Two documents holding ``n`` clauses in all (sub-clauses and headings counted)."""
    chapters = max(2, min(40, round(n / 250)))  # 8 at 2,000 clauses, 40 at 10,000
    quota = {"preamble": max(2, round(n * 0.06)), "operative": max(2, round(n * 0.12)),
             "introduction": max(2, round(n * 0.04))}
    rest = n - sum(quota.values())
    per = [rest // chapters + (1 if i < rest % chapters else 0) for i in range(chapters)]
    heading_no = 0

    def fill(prefix: str, count: int, style: str, headings: bool) -> list[dict[str, Any]]:
        nonlocal heading_no
        out: list[dict[str, Any]] = []
        made = 0
        i = 0
        while made < count:
            i += 1
            left = count - made
            if headings and left >= 2 and (made == 0 or rng.random() < 0.045):
                heading_no += 1
                c = _clause(f"{prefix}-h{i}", heading_text(heading_no, rng.randrange(len(TOPICS))), kind="heading",
                            status="agreed")
                out.append(c)
                made += 1
                continue
            cid = f"{prefix}-{i}"
            agreed = AGREED_LANGUAGE[rng.randrange(len(AGREED_LANGUAGE))] if rng.random() < 0.05 else None
            if style != "preamble" and left >= 3 and rng.random() < 0.15:
                k = min(left - 1, rng.randint(2, 4))
                kids = [_clause(f"{cid}-{'abcdefgh'[j]}", clause_text(rng, "child", rng.random() < 0.15))
                        for j in range(k)]
                last = kids[-1]["text"]
                for lang in LANGS:  # the last sub-clause ends the sentence
                    last[lang] = last[lang][:-1] + "."
                out.append(_clause(cid, clause_text(rng, "chapeau", False), status=_status(rng), agreed=agreed,
                                   children=kids))
                made += 1 + k
            else:
                out.append(_clause(cid, clause_text(rng, style, rng.random() < 0.2), status=_status(rng),
                                   agreed=agreed))
                made += 1
        return out

    declaration = {
        "id": "declaration",
        "title": _t("Declaración de Santiago", "Santiago Declaration", "Declaração de Santiago",
                    "Déclaration de Santiago"),
        "sections": [
            {"id": "preamble", "title": _t("Preámbulo", "Preamble", "Preâmbulo", "Préambule"), "numbering": "none",
             "clauses": fill("pp", quota["preamble"], "preamble", False)},
            {"id": "operative", "title": _t("Parte dispositiva", "Operative part", "Parte dispositiva", "Dispositif"),
             "numbering": "arabic", "clauses": fill("op", quota["operative"], "operative", False)},
        ],
    }
    sections = [{"id": "introduction", "title": _t("Introducción", "Introduction", "Introdução", "Introduction"),
                 "numbering": "none", "clauses": fill("poa-intro", quota["introduction"], "operative", False)}]
    for k in range(chapters):
        topic = TOPICS[k % len(TOPICS)]
        sections.append({
            "id": f"chapter-{k + 1}",
            "title": {lang: f"{CHAPTER[lang]} {roman(k + 1)}{COLON[lang]} {topic[lang]}" for lang in LANGS},
            "numbering": "arabic", "clauses": fill(f"poa-{k + 1}", per[k], "operative", True)})
    plan = {"id": "plan-of-action",
            "title": _t("Plan de Acción de Santiago 2025-2034", "Santiago Plan of Action 2025-2034",
                        "Plano de Ação de Santiago 2025-2034", "Plan d'action de Santiago 2025-2034"),
            "sections": sections}
    return [declaration, plan]


# ------------------------------------------------------------------------------------------ model

def walk(clauses: list[dict[str, Any]]) -> Any:
    for c in clauses:
        yield c
        yield from walk(c["children"])


def all_clauses(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for d in docs for s in d["sections"] for c in walk(s["clauses"])]


def locate(docs: list[dict[str, Any]], cid: str) -> tuple[list[dict[str, Any]], int, dict[str, Any], dict[str, Any]]:
    """(the list holding the clause, its index, its section, its document)."""
    def find(lst: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int] | None:
        for i, c in enumerate(lst):
            if c["id"] == cid:
                return lst, i
            got = find(c["children"])
            if got:
                return got
        return None
    for d in docs:
        for s in d["sections"]:
            got = find(s["clauses"])
            if got:
                return got[0], got[1], s, d
    raise KeyError(cid)


def anchor(rng: random.Random, text: str, lo: int = 2, hi: int = 4, tries: int = 40) -> str | None:
    """A run of ``lo``..``hi`` whole words that occurs exactly once in ``text`` and holds no bracket."""
    words = text.split(" ")
    for _ in range(tries):
        k = rng.randint(lo, hi)
        if len(words) <= k:
            k = len(words) - 1
        if k < 1:
            return None
        i = rng.randrange(0, len(words) - k + 1)
        w = " ".join(words[i:i + k])
        if len(w) < 6 or "[" in w or "]" in w or text.count(w) != 1:
            continue
        return w
    return None


# ------------------------------------------------------------------------------------ amendments

def _proponent(rng: random.Random, roster: Roster, decidable: bool) -> dict[str, Any]:
    """Who proposes: a state (sometimes with co-sponsors), a group, a member on behalf of its group, or
    (unless the proposal is to be decided: contributions are not) an observer, organization or coalition."""
    x = rng.random()
    a: dict[str, Any] = {}
    states = roster.state_codes
    groups = roster.groups
    if x < 0.06 and groups:
        code, _, members = groups[rng.randrange(len(groups))]
        a["by"] = code
    elif x < 0.12 and groups:
        code, _, members = groups[rng.randrange(len(groups))]
        a["by"] = members[rng.randrange(len(members))]
        a["on_behalf_of"] = code
        a["cosponsors"] = [m for m in members if m != a["by"]][:3]
    elif x < 0.20:
        pool = ["CUW"] if decidable else ["CUW", "CAN", "IOM", "LAC-RMD"]
        a["by"] = pool[rng.randrange(len(pool))]
    else:
        a["by"] = states[rng.randrange(len(states))]
        if rng.random() < 0.2 and len(states) > 4:
            others = [c for c in states if c != a["by"]]
            a["cosponsors"] = rng.sample(others, rng.randint(1, 3))
    if rng.random() < 0.1:
        taken = {a["by"], *a.get("cosponsors", [])}
        pool = [c for c in states if c not in taken]
        if len(pool) < 2:
            return a
        a["supporters"] = sorted(rng.sample(pool, 2))
        if rng.random() < 0.5:
            a["objectors"] = [c for c in rng.sample(pool, 2) if c not in a["supporters"]][:1]
    return a


def _lang(rng: random.Random) -> str:
    x = rng.random()
    return "es" if x < 0.8 else "en" if x < 0.9 else "pt" if x < 0.95 else "fr"


def _new_clause(rng: random.Random, cid: str, style: str) -> dict[str, Any]:
    return {"id": cid, "text": clause_text(rng, style, rng.random() < 0.3)}


def _style_of(section: dict[str, Any]) -> str:
    return "preamble" if section["id"] == "preamble" else "operative"


def make_amendment(rng: random.Random, docs: list[dict[str, Any]], roster: Roster, op: str,
                   target: dict[str, Any], new_id: str, competing: dict[str, Any] | None = None,
                   decidable: bool = False) -> dict[str, Any] | None:
    """One amendment of ``op`` on ``target`` (a clause of ``docs``); None if no anchor fits."""
    a = _proponent(rng, roster, decidable)
    lang = competing["lang"] if competing else _lang(rng)
    a["lang"] = lang
    text = target["text"][lang]
    phrase = PHRASES[lang][rng.randrange(len(PHRASES[lang]))]
    body: dict[str, Any]
    if op in ("replace", "delete", "bracket", "insert") and competing is not None:
        old = competing["change"][1].get("old") or competing["change"][1].get("after")
    else:
        old = None
    if op == "replace":
        old = old or anchor(rng, text, 2, 4)
        if old is None:
            return None
        new = f"{old} {phrase}" if rng.random() < 0.5 else phrase
        body = {"old": old, "new": new if new != old else f"{old} {phrase}"}  # never a replace by the same words
    elif op == "delete":
        old = old or anchor(rng, text, 2, 6)
        if old is None:
            return None
        body = {"old": old}
    elif op == "bracket":
        if old is None and rng.random() < 0.1:
            body = {}
        else:
            old = old or anchor(rng, text, 3, 8)
            if old is None:
                return None
            body = {"old": old}
    elif op == "insert":
        x = rng.random()
        if old is None and x < 0.1:
            body = {"text": phrase, "at": "end" if x < 0.05 else "start"}
        else:
            old = old or anchor(rng, text, 1, 3)
            if old is None:
                return None
            body = {"text": phrase, ("after" if rng.random() < 0.7 else "before"): old}
    elif op == "substitute":
        lst, i, section, _ = locate(docs, target["id"])
        style = _style_of(section) if lst is section["clauses"] else "child"
        fresh = clause_text(rng, style, rng.random() < 0.3)
        body = {"text": fresh if rng.random() < 0.7 else {lang: fresh[lang]}}
    elif op == "add":
        lst, i, section, _ = locate(docs, target["id"])
        body = {("after" if rng.random() < 0.8 else "before"): target["id"],
                "clause": _new_clause(rng, new_id, _style_of(section))}
    elif op == "move":
        lst, i, _, _ = locate(docs, target["id"])
        where = "after" if rng.random() < 0.5 else "before"
        # not next to where it already stands: that move would change nothing
        beside = i - 1 if where == "after" else i + 1
        others = [c for j, c in enumerate(lst) if j not in (i, beside)]
        if not others:
            return None
        body = {where: others[rng.randrange(len(others))]["id"]}
    else:  # remove, comment
        body = {}
    a["change"] = (op, body)
    if op != "add":
        a["target"] = target["id"]
    if op == "comment" or rng.random() < 0.7:
        pool = RATIONALES.get(lang) or RATIONALES["es"]
        a["rationale"] = pool[rng.randrange(len(pool))]
    x = rng.random()
    a["channel"] = "written" if x < 0.8 else "oral" if x < 0.95 else "screen"
    return a


OPS = ["replace", "insert", "delete", "bracket", "add", "remove", "move", "substitute", "comment"]
OPEN_WEIGHTS = [30, 18, 12, 10, 8, 4, 4, 6, 8]
ZERO_WEIGHTS = [30, 15, 10, 10, 10, 5, 5, 5, 10]


def number_ids(amendments: list[dict[str, Any]], version: str) -> None:
    """Ids as ``drafting propose`` gives them: ``<version>-<proponent>-<n>``, in submission order."""
    counters: dict[str, int] = {}
    for a in amendments:
        counters[a["by"]] = counters.get(a["by"], 0) + 1
        a["id"] = f"{version}-{a['by']}-{counters[a['by']]:03d}"


# ------------------------------------------------------------------------------------------ decisions

def apply_decision(docs: list[dict[str, Any]], a: dict[str, Any], override: str | None) -> list[str]:
    """Apply an accepted (or modified) amendment to ``docs``; the paths of the section files it changed.
    Texts and pending translations come from drafting's own apply (:mod:`.applying`)."""
    op, body = a["change"]
    touched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if op in ("replace", "insert", "delete", "bracket", "substitute"):
        lst, i, s, d = locate(docs, a["target"])
        lst[i]["text"], lst[i]["pending"] = apply_through_drafting(d, s, a, override)
        touched.append((d, s))
    elif op == "add":
        ref = body.get("after") or body.get("before")
        lst, i, s, d = locate(docs, ref)
        text, pending = apply_through_drafting(d, s, a, override)
        new = _clause(body["clause"]["id"], text)
        new["pending"] = pending
        lst.insert(i + 1 if "after" in body else i, new)
        touched.append((d, s))
    elif op == "remove":
        lst, i, s, d = locate(docs, a["target"])
        del lst[i]
        touched.append((d, s))
    elif op == "move":
        lst, i, s, d = locate(docs, a["target"])
        c = lst.pop(i)
        ref = body.get("after") or body.get("before")
        lst2, j, s2, d2 = locate(docs, ref)
        lst2.insert(j + 1 if "after" in body else j, c)
        touched += [(d, s), (d2, s2)]
    return sorted({section_path(d, s) for d, s in touched})


def section_path(d: dict[str, Any], s: dict[str, Any]) -> str:
    return f"drafts/{d['id']}/{s['id']}.yaml"


