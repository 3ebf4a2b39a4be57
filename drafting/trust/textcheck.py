"""The text rules: every change to ``drafts/`` is one the history records, and is exactly that change.

* a decide commit accepting or modifying an amendment changes the text exactly as applying that
  amendment (with its ``modify`` wording and supplied languages) to its parent's text does; any other
  decision changes no text;
* once ``keys/allowed_signers`` exists, ``drafts/`` changes only in such decide commits, in mark commits
  (``Clause:``/``Status:``: that clause's status, nothing else) and in translate commits
  (``Clause:``/``Language:``: that clause's text in that language, nothing else);
* a merge's text is what the recorded changes of both sides give: a section only one side changed is
  that side's; a section both changed is the first parent's with the other side's recorded decisions,
  marks and translations applied again -- so a merge resolved with ``-X ours`` that drops an accepted
  change is caught here, naming the decision it lost.

Texts are compared as the model reads them (clause ids, texts, status, order), not byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import DraftingError
from ..model import Workspace
from ..ops.edit import set_status, supply_translation
from .history import Commit, walk
from .roles import AMENDMENT_PATH
from .texts import CHECKED_FILE, RULES_VERSION, Sections, TextHistory, _drafts, sections_of

__all__ = ["APPLYING", "CHECKED_FILE", "RULES_VERSION", "Sections", "TextRules", "sections_of"]

APPLYING = ("accepted", "modified")


class TextRules(TextHistory):
    """The text rules over a run of commits (see the module's docstring); the text at each commit comes
    from :class:`TextHistory`."""

    def _drafts_tree(self, sha: str) -> str:
        proc = self.git("rev-parse", "--verify", "--quiet", f"{sha}:drafts", check=False)
        return proc.stdout.decode().strip()

    def merged_paths(self, c: Commit) -> list[str]:
        return self._merged_ok.get(c.sha, [])

    def check(self, c: Commit, own: list[Any], *, keys_active: bool) -> list[tuple[str, str, str]]:
        # whether keys apply, and what was decided before, follow from the commit's history: its sha
        # says it all
        if c.sha in self._load_checked():
            self._remember_decided(c)
            if c.is_merge:
                self._merged_ok[c.sha] = _drafts(own) or ["drafts"]
            return []
        self.keep_touched(False)
        found = self._check(c, own, keys_active=keys_active)
        self.keep_touched(bool(found))
        if not found and len(c.sha) in (40, 64):
            self._load_checked().add(c.sha)
            self._newly.append(c.sha)
        return found

    def _remember_decided(self, c: Commit) -> None:
        decision, aid = c.trailer("Decision"), c.trailer("Amendment")
        if decision and aid and decision[0] in APPLYING and not c.is_merge:
            a, _ = self._amendment_at(c.sha, aid[0], c, lang="en")  # only its clauses are needed
            if a is not None:
                for clause in (a.target, a.change.clause.id if a.change.clause is not None else None):
                    if clause:
                        self._decided[clause] = f"{aid[0]} ({decision[0]})"

    def _check(self, c: Commit, own: list[Any], *, keys_active: bool) -> list[tuple[str, str, str]]:
        drafts = _drafts(own)
        if c.is_merge:
            # a merge that keeps its first parent's text (-X ours) changes nothing against it: what
            # counts is whether the text is what both sides give
            trees = {self._drafts_tree(x) for x in (*c.parents, c.sha)}
            return self._merge(c, drafts or ["drafts"]) if len(trees) > 1 else []
        decision = c.trailer("Decision")
        amendment_ids = c.trailer("Amendment")
        if decision and amendment_ids:
            status = decision[0]
            if status in APPLYING:
                return self._decide(c, amendment_ids[0], status, drafts)
            return [
                (p, "decision-text", f"a {status} decision changes no text, but this commit changes it")
                for p in drafts
            ]
        if not drafts:
            return []
        clause, status, lang = c.trailer("Clause"), c.trailer("Status"), c.trailer("Language")
        if clause and status and not amendment_ids:
            return self._expect(
                c, drafts, lambda ws: set_status(ws, clause[0], status[0]), f"mark {clause[0]} {status[0]}"
            )
        # a translation names the accepted amendments whose words it carries in Translates: trailers, never
        # Amendment: (which says the commit is a proposal's or a decision's)
        if clause and lang and not amendment_ids:

            def translated(ws: Workspace) -> Workspace:
                after, _ = self.workspace(c.sha)
                found = after.clause(clause[0]) if after is not None else None
                text = found.text.get(lang[0], "") if found is not None else ""
                return supply_translation(ws, clause[0], lang[0], text)

            return self._expect(c, drafts, translated, f"translate {clause[0]} into {lang[0]}")
        if not keys_active:
            return self._unrecorded(c, drafts)
        return [
            (
                p,
                "recorded-text",
                "changes the text outside a decide, mark or translate commit "
                "(the text changes only through recorded decisions)",
            )
            for p in drafts
        ]

    def _expect(
        self, c: Commit, drafts: list[str], make: Callable[[Workspace], Workspace], what: str
    ) -> list[tuple[str, str, str]]:
        before, why = self.workspace(c.parents[0]) if c.parents else (None, "no parent")
        after, why_after = self.workspace(c.sha)
        if before is None or after is None:
            return [(drafts[0], "recorded-text", f"cannot check the text change: {why or why_after}")]
        try:
            expected = make(before)
        except DraftingError as e:
            return [
                (drafts[0], "recorded-text", f"{what} cannot be applied to the parent's text: {e.message}")
            ]
        return self._compare(expected, after, what)

    def _compare(self, expected: Workspace, actual: Workspace, what: str) -> list[tuple[str, str, str]]:
        want, got = sections_of(expected, actual), sections_of(actual, expected)
        out = []
        for key in sorted(set(want) | set(got)):
            if want.get(key) != got.get(key):
                path = f"drafts/{key[0]}/{key[1]}.yaml"
                clauses = _differing(want.get(key, ()), got.get(key, ()))
                out.append(
                    (
                        path,
                        "recorded-text",
                        f"the text is not what {what} gives"
                        f"{' (clause ' + ', '.join(clauses) + ')' if clauses else ''}",
                    )
                )
        return out

    def _amendment_at(self, sha: str, aid: str, c: Commit, lang: str | None = None) -> Any:
        from functools import partial

        from ..store.load import amendment_entry

        change = next(
            (ch for ch in c.changes if (m := AMENDMENT_PATH.match(ch.path)) and m.group(2) == aid), None
        )
        if change is None:
            return None, None
        path = change.path
        if lang is None:
            ws, _ = self.workspace(c.parents[0]) if c.parents else (None, None)
            lang = ws.original_language if ws is not None else "en"
        build = partial(amendment_entry, path, path.split("/")[1], lang)
        entry = self.parse("amendment-at", path, change.new, lang, build)
        if entry is None:
            return None, path
        return entry[0], path

    def apply(self, ws: Workspace, a: Any) -> Workspace:
        from ..ops.apply import apply_amendment

        base_text = None
        vsha = self.version_commit(a.version)
        if vsha is not None and a.target:
            base, _ = self.workspace(vsha)
            clause = base.clause(a.target) if base is not None else None
            base_text = clause.text.get(a.lang) if clause is not None else None
        d = a.decision
        return apply_amendment(
            ws,
            a,
            text_override=d.text if (a.status == "modified" and d) else None,
            texts=dict(d.texts) if (d and d.texts) else None,
            base_text=base_text,
        ).workspace

    def _decide(self, c: Commit, aid: str, status: str, drafts: list[str]) -> list[tuple[str, str, str]]:
        a, path = self._amendment_at(c.sha, aid, c)
        if a is None:
            return [
                (
                    path or "amendments",
                    "decision-text",
                    f"records {status} for {aid}, but does not change that amendment's file",
                )
            ]
        if a.op == "comment":
            return [(p, "decision-text", "accepting a comment changes no text") for p in drafts]
        for clause in (a.target, a.change.clause.id if a.change.clause is not None else None):
            if clause:
                self._decided[clause] = f"{aid} ({status})"
        return self._expect(
            c, drafts or [path or ""], lambda ws: self.apply(ws, a), f"applying {aid} ({status})"
        )

    def _unrecorded(self, c: Commit, drafts: list[str]) -> list[tuple[str, str, str]]:
        """Before keys exist the text may be edited by hand (the chair's zero draft); not, though, a clause
        whose text an accepted decision set: that effect would be lost without a trace."""
        if not self._decided or not c.parents:
            return []
        before, _ = self.workspace(c.parents[0])
        after, _ = self.workspace(c.sha)
        if before is None or after is None:
            return []
        old, new = sections_of(before), sections_of(after)
        out = []
        for key in sorted(set(old) | set(new)):
            if old.get(key) == new.get(key):
                continue
            for clause in _differing(old.get(key, ()), new.get(key, ())):
                if clause in self._decided:
                    out.append(
                        (
                            f"drafts/{key[0]}/{key[1]}.yaml",
                            "decided-text-kept",
                            f"changes clause {clause}, whose text {self._decided[clause]} set, outside a "
                            f"decide, mark or translate commit: the decision's effect may be lost",
                        )
                    )
        return out

    # ---- merges

    def _merge(self, c: Commit, drafts: list[str]) -> list[tuple[str, str, str]]:
        first, other = c.parents[0], c.parents[1]
        base_sha = (
            self.git("merge-base", "--end-of-options", first, other, check=False).stdout.decode().strip()
        )
        states = [self.workspace(s)[0] for s in (first, other, c.sha)]
        base_ws = self.workspace(base_sha)[0] if base_sha else None
        if any(s is None for s in states):
            return [(drafts[0], "merge-text", "cannot check the merged text: a side cannot be read")]
        s1, s2, sm = (sections_of(s) for s in states)  # type: ignore[arg-type]
        sb = sections_of(base_ws) if base_ws is not None else {}
        out: list[tuple[str, str, str]] = []
        replayed: tuple[Workspace | None, list[str], str | None] | None = None
        for key in sorted(set(s1) | set(s2) | set(sm)):
            a, b, m, o = s1.get(key), s2.get(key), sm.get(key), sb.get(key)
            path = f"drafts/{key[0]}/{key[1]}.yaml"
            if a == b or b == o:
                want = a
            elif a == o:
                want = b
            else:
                if replayed is None:
                    replayed = self._replay(states[0], first, other)  # type: ignore[arg-type]
                ws, decisions, why = replayed
                if ws is None:
                    out.append(
                        (
                            path,
                            "merge-text",
                            f"both sides changed this section and the other side's "
                            f"changes cannot be applied again: {why}",
                        )
                    )
                    continue
                want = sections_of(ws).get(key)
                if want != m:
                    clauses = _differing(want or (), m or ())
                    lost = ", ".join(decisions) or "the other side's changes"
                    out.append(
                        (
                            path,
                            "merge-text",
                            f"the merged text is not what the recorded changes of both "
                            f"sides give{' (clause ' + ', '.join(clauses) + ')' if clauses else ''}: "
                            f"an accepted change may have been dropped ({lost})",
                        )
                    )
                continue
            if want != m:
                out.append(
                    (
                        path,
                        "merge-text",
                        "the merged text is in neither parent and is not what their recorded changes give",
                    )
                )
        if not out:
            self._merged_ok[c.sha] = drafts
        return out

    def _replay(
        self, ws: Workspace, first: str, other: str
    ) -> tuple[Workspace | None, list[str], str | None]:
        """The first parent's text with the other side's recorded text changes applied again."""
        done: list[str] = []
        for c in walk(self.git, [other, "--not", first]):
            if c.is_merge:
                continue
            drafts = [ch for ch in c.changes if ch.path.startswith("drafts/")]
            if not drafts:
                continue
            decision, aid = c.trailer("Decision"), c.trailer("Amendment")
            clause, status, lang = c.trailer("Clause"), c.trailer("Status"), c.trailer("Language")
            try:
                if decision and aid and decision[0] in APPLYING:
                    a, _ = self._amendment_at(c.sha, aid[0], c)
                    if a is None:
                        return None, done, f"{c.short()} records no amendment file"
                    ws = self.apply(ws, a)
                    done.append(f"{aid[0]} {decision[0]} in commit {c.sha[:10]}")
                elif clause and status:
                    ws = set_status(ws, clause[0], status[0])
                elif clause and lang:
                    after, _ = self.workspace(c.sha)
                    found = after.clause(clause[0]) if after is not None else None
                    ws = supply_translation(
                        ws, clause[0], lang[0], found.text.get(lang[0], "") if found else ""
                    )
                else:
                    return None, done, f"{c.short()} changes the text without recording why"
            except DraftingError as e:
                return None, done, f"{c.short()}: {e.message}"
        return ws, done, None


def _differing(a: tuple[Any, ...], b: tuple[Any, ...]) -> list[str]:
    ka = {k[0]: k for k in a}
    kb = {k[0]: k for k in b}
    ids = [i for i in dict.fromkeys([*ka, *kb]) if ka.get(i) != kb.get(i)]
    if not ids and [k[0] for k in a] != [k[0] for k in b]:
        return ["order"]
    return ids[:5]
