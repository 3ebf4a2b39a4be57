"""The changes draft: the text now, with what changed since an earlier version as tracked changes.

``changes(frame, base, clause_changes, since_label) -> Draft``: ``base`` is the workspace as issued in
the earlier version; ``clause_changes`` (by clause id, in ``frame.lang``, from ``ops.blame``) says who
changed what.  Each change is attributed to the amendment's proponents (``authors.author``; the
secretariat for edits no amendment explains) and dated with the decision:

* changed words: the ``DELETE`` pieces as ``w:del``, the ``INSERT`` pieces as ``w:ins``; a comment on
  the first change of each amendment names it ("zero-BRA-001 — Aceptada (2024-09-25)");
* added clauses: inserted paragraphs (with their sub-clauses); removed clauses: deleted paragraphs
  (paragraph marks too) where they stood — after their former preceding sibling, else first under
  their former parent, else at the top of their section;
* moved clauses: deleted (as they read then) at the old place, inserted (as they read now) at the new;
* a status change (pending → agreed ad ref, ...): the new status label followed by the old one,
  "[Acordado ad ref.] (antes: pendiente)" -- a status is not text, so it is not a tracked change.

On the page (``frame.attribution == "page"``) every change is bracketed and followed by who caused it,
as in the compilation text (``render.attribution``): "[y regionales – Brasil, Argentina, Uruguay
(MERCOSUR)]"; the secretariat's own edits by the secretariat's name.

"Reject all" in Word gives the base version's text (clean draft of the base, numbers included);
"Accept all" gives the current clean text -- status labels and tags, in their own styles, set aside.
Clause changes that do not add up to the two texts (or are missing) are recomputed as a word diff
attributed to the secretariat, so that both views stay exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..model import Amendment, Clause, Document, Workspace
from ..ops.blame import DELETE, INSERT, ClauseChange, Piece, Who, blame
from ..ops.numbering import adopt_references, number_document
from . import attribution, authors, contributions, i18n
from .draft import Block, Draft, Mark, Note, Paragraph, Run
from .layout import Frame, section_heading

SECRETARIAT = Who(None)


def _subtree_ids(clause: Clause) -> list[str]:
    return [c.id for c in clause.walk()]


class _Changes:
    def __init__(self, frame: Frame, base: Workspace, clause_changes: Mapping[str, ClauseChange]) -> None:
        self.f = frame
        self.ws = frame.ws
        self.lang = frame.lang
        self.cc = clause_changes
        self.today = dt.date.today().isoformat()
        self.base_doc: Document | None = base.document(frame.doc.id)
        self.base_numbers = number_document(adopt_references(self.base_doc, frame.doc), references=frame.references) \
            if self.base_doc else {}
        self.page = frame.attribution == "page"
        self.whos: dict[str, Who] = {}  # the key of a change's author -> who
        self.amendments: dict[str, Amendment] | None = None  # by id, indexed when first needed
        # base: id -> (clause, parent id, section id); previous siblings, in order
        self.base: dict[str, tuple[Clause, str | None, str]] = {}
        self.siblings: dict[str, list[str]] = {}
        if self.base_doc is not None:
            for section in self.base_doc.sections:
                self._index_base(section.clauses, None, section.id)
        self.current: set[str] = set()
        for section in frame.doc.sections:
            for clause in section.clauses:
                self.current.update(_subtree_ids(clause))
        self.blocks: list[Block] = []
        self._place_gone()

    def _index_base(self, clauses: tuple[Clause, ...], parent: str | None, section: str) -> None:
        ids = [c.id for c in clauses]
        for i, c in enumerate(clauses):
            self.base.setdefault(c.id, (c, parent, section))
            self.siblings[c.id] = ids[:i]
            if c.children:
                self._index_base(c.children, c.id, section)

    def _place_gone(self) -> None:
        """Where each clause no longer at its base place is shown deleted (with its base subtree)."""
        moved = {
            cid
            for cid, ch in self.cc.items()
            if (ch.kind == "moved" or ch.moved) and cid in self.current and cid in self.base
        }
        gone = {cid for cid in self.base if cid not in self.current} | moved
        roots = [cid for cid in self.base if cid in gone and self.base[cid][1] not in gone]
        self.deleted: set[str] = set()
        for cid in roots:
            self.deleted.update(_subtree_ids(self.base[cid][0]))
        self.after_subtree: dict[str, list[str]] = {}
        self.first_child: dict[str, list[str]] = {}
        self.section_start: dict[str, list[str]] = {}
        self.tail: list[str] = []
        sections = {s.id for s in self.f.doc.sections}
        for cid in roots:  # base order
            _, parent, section = self.base[cid]
            here = [s for s in self.siblings[cid] if s in self.current and s not in self.deleted]
            if here:
                self.after_subtree.setdefault(here[-1], []).append(cid)
            elif parent is not None and parent in self.current and parent not in self.deleted:
                self.first_child.setdefault(parent, []).append(cid)
            elif parent is None and section in sections:
                self.section_start.setdefault(section, []).append(cid)
            else:
                self.tail.append(cid)

    # -- attribution ---------------------------------------------------------------------------

    def mark(self, who: Who | None) -> Mark:
        who = who or SECRETARIAT
        return Mark(authors.author(self.ws, who, self.lang), who.date or self.today)

    def key(self, who: Who | None) -> str:
        """Whose change: the amendment (its changes are one group), or the secretariat."""
        who = who or SECRETARIAT
        k = who.amendment or ""
        self.whos.setdefault(k, who)
        return k

    def names(self, key: str) -> str:
        return authors.author(self.ws, self.whos[key], self.lang)

    def tagged(self, runs: list[Run], who: Who | None) -> list[Run]:
        """A whole paragraph added or removed, with its author on the page."""
        return attribution.wrap(runs, authors.author(self.ws, who or SECRETARIAT, self.lang)) if self.page else runs

    def note(self, who: Who | None) -> tuple[Note, ...]:
        if who is None or who.amendment is None:
            return ()
        decision = who.decision or self.decision_of(who.amendment)
        key = f"amendment.{decision}"
        status = i18n.label(key, self.lang) if key in i18n.LABELS else decision
        # the day it was decided, as its file says, not the day the commit was made
        a = self.amendment(who.amendment)
        day = (a.decision.date if a is not None and a.decision is not None else None) or who.date
        text = who.amendment + (f" — {status}" if status else "") + (f" ({day})" if day else "")
        text += "".join(f" {r}." for r in self.f.remarks.get(who.amendment, ()))
        link = contributions.sponsoring(self.ws, a, self.lang) if a is not None else ""
        text += f" {link}." if link else ""
        return (
            Note(
                authors.author(self.ws, who, self.lang),
                who.date or self.today,
                text,
                authors.initials(self.ws, who),
            ),
        )

    def decision_of(self, amendment: str) -> str:
        """The status of an amendment named by a commit that says no decision (a translation of it)."""
        a = self.amendment(amendment)
        return a.status if a is not None else ""

    def amendment(self, named: str) -> Amendment | None:
        """The (first) amendment a commit names: looked up by id, not by a scan of 10,000 at each change."""
        if self.amendments is None:
            self.amendments = {}
            for a in self.ws.amendments:
                self.amendments.setdefault(a.id, a)  # the first of a duplicated id, as Workspace.amendment
        return self.amendments.get(named.split(",")[0].strip())

    def who_of(self, cid: str) -> Who | None:
        ch = self.cc.get(cid)
        return ch.who if ch is not None else None

    # -- paragraphs ----------------------------------------------------------------------------

    def build(self) -> tuple[Block, ...]:
        for si, section in enumerate(self.f.doc.sections):
            head = section_heading(self.f, si)
            if head is not None:
                self.blocks.append(head)
            for cid in self.section_start.get(section.id, ()):
                self.emit_deleted(cid, 0, None)
            for clause in section.clauses:
                self.emit(clause, 0, None)
        for cid in self.tail:
            self.emit_deleted(cid, 0, None)
        return tuple(self.blocks)

    def emit(self, c: Clause, depth: int, inserted: Who | None) -> None:
        f = self.f
        text, awaiting = f.text(c)
        italic = awaiting and self.lang not in c.text
        label = f.labels(c, awaiting)
        if c.id in self.deleted or c.id not in self.base:
            who = self.who_of(c.id) or inserted or SECRETARIAT
            runs = [f.text_run(c)]
            self.blocks.append(
                Paragraph(
                    tuple(self.tagged(runs, who) if who is not inserted else runs),
                    style="heading" if c.kind == "heading" else "clause",
                    number=f.number(c),
                    level=depth,
                    anchor=c.id,
                    label=label,
                    mark_change="ins",
                    mark=self.mark(who),
                    notes=self.note(who) if who is not inserted else (),
                )
            )
            inserted = who
        else:
            base_clause = self.base[c.id][0]
            old_text, _ = f.text(base_clause)
            words = self.word_runs(c.id, old_text, text, italic, f.text_run(c).lang)
            if base_clause.status != c.status and c.kind != "heading":
                was = i18n.status_label(base_clause.status, self.lang) or i18n.label("status.pending.word", self.lang)
                label = " ".join(x for x in (label, i18n.label("status.previous", self.lang, status=was)) if x)
            self.blocks.append(
                Paragraph(
                    words,
                    style="heading" if c.kind == "heading" else "clause",
                    number=f.number(c),
                    level=depth,
                    anchor=c.id,
                    label=label,
                )
            )
            inserted = None
        for cid in self.first_child.get(c.id, ()):
            self.emit_deleted(cid, depth + 1, None)
        for child in c.children:
            self.emit(child, depth + 1, inserted)
        for cid in self.after_subtree.get(c.id, ()):
            self.emit_deleted(cid, depth, None)

    def emit_deleted(self, cid: str, depth: int, removed: Who | None) -> None:
        """A clause as it read in the base version, with its base sub-clauses, as deleted paragraphs."""
        c = self.base[cid][0]
        who = self.who_of(cid) or removed or SECRETARIAT
        text, awaiting = self.f.text(c)
        n = self.base_numbers.get(cid)
        runs = [self.f.text_run(c)]
        self.blocks.append(
            Paragraph(
                tuple(self.tagged(runs, who) if who is not removed else runs),
                style="heading" if c.kind == "heading" else "clause",
                number=n.own(self.lang) if n else "",
                level=depth,
                anchor=cid,
                label=self.f.labels(c, awaiting),
                mark_change="del",
                mark=self.mark(who),
                notes=self.note(who) if who is not removed else (),
            )
        )
        for child in c.children:
            self.emit_deleted(child.id, depth + 1, who)

    def word_runs(self, cid: str, old: str, new: str, italic: bool, lang: str = "") -> tuple[Run, ...]:
        ch = self.cc.get(cid)
        pieces: list[Piece] = list(ch.pieces) if ch is not None else []
        if pieces and (
            "".join(p.text for p in pieces if p.op != INSERT) != old
            or "".join(p.text for p in pieces if p.op != DELETE) != new
        ):
            pieces = []  # they do not add up to the two texts: recompute, attributed to the secretariat
        if not pieces:
            if old == new:
                return (Run(new, italic=italic, lang=lang),)
            pieces = blame(old, [(SECRETARIAT, new)], SECRETARIAT)
        out: list[Run] = []
        keys: list[str | None] = []
        noted: set[str] = set()
        for p in pieces:
            if p.op == INSERT or p.op == DELETE:
                who = p.who or SECRETARIAT
                notes = () if who.amendment in noted else self.note(who)
                if who.amendment:
                    noted.add(who.amendment)
                out.append(
                    Run(
                        p.text, "ins" if p.op == INSERT else "del", self.mark(who), italic=italic, notes=notes,
                        lang=lang,
                    )
                )
                keys.append(self.key(who))
            else:
                out.append(Run(p.text, italic=italic, lang=lang))
                keys.append(None)
        if self.page:
            return tuple(attribution.tag_groups(out, keys, self.names))
        return tuple(out)


def changes(
    frame: Frame, base: Workspace, clause_changes: Mapping[str, ClauseChange], since_label: str
) -> Draft:
    """``frame.doc`` as it stands, with every change since ``base`` as an attributed tracked change
    (see the module docstring); the status label reads "Changes since <since_label>"."""
    blocks = _Changes(frame, base, clause_changes).build()
    return frame.draft(
        "changes",
        blocks,
        status_label=i18n.kind_label("changes", frame.lang, version=since_label),
        meta={"since": since_label},
    )
