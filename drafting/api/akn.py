"""``import_akn``: documents exchanged as Akoma Ntoso (from this toolkit, or a system that speaks AKN
the same way) read into the workspace -- their sections and clauses, ids, numbering, statuses and text
in every language -- in one commit, or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Problem, UsageError, WorkspaceError
from ..model import AgreedLanguage, Clause, Document
from ..store.identity import secretariat_of
from ..store.session import Session
from ..store.staging import check_written, read_text
from ..store.write import emit_document, emit_section, scalar, set_values

DEFAULT_SYMBOL = "DRAFT/L.1"  # the symbol ``init`` gives an empty workspace


def import_akn(workspace: str | None, paths: list[str]) -> dict[str, Any]:
    """Import the documents of AKN files (one file per document and language).  A document the
    workspace already has is refused.  Into a workspace without documents, the files also set the
    languages, the original language, the symbol and (into one without delegations) the delegations
    the files name; otherwise their languages must be the workspace's.  Agreed language naming a
    precedent the workspace does not have is kept as a note ("brazil-2014, II.1").  Returns the
    documents, clauses and languages imported and the commit."""
    from ..interop.akn_import import read_akn

    if not paths:
        raise UsageError("name the Akoma Ntoso files to import")
    files = []
    for p in paths:
        try:
            files.append((p, Path(p).read_bytes()))
        except OSError as e:
            raise UsageError(f"cannot read {p}: {e.strerror or e}") from None
    imported = read_akn(files)
    s = Session.find(workspace)
    with s.writing() as ws:
        problems = [Problem(d.loc.path, d.loc.line, f"the workspace already has a document {d.id!r}")
                    for d in imported.documents if d.id in ws.document_ids]
        fresh = not ws.document_ids
        if not fresh:
            extra = [lang for lang in imported.languages if lang not in ws.languages]
            if extra:
                problems.append(Problem(files[0][0], 0, f"language(s) {', '.join(extra)} are not the negotiation's "
                                                        f"({', '.join(ws.languages)})"))
        if problems:
            raise WorkspaceError(problems)
        known = {p.id for p in ws.precedents}
        documents = [_agreed_as_notes(doc, known) for doc in imported.documents]
        noted = sorted({a.precedent for doc in imported.documents for a in _structured(doc)} - known)
        out: dict[str, bytes] = {}
        for doc in documents:
            out[f"drafts/{doc.id}/document.yaml"] = emit_document(
                doc.id, doc.title, [x.id for x in doc.sections]).encode("utf-8")
            for section in doc.sections:
                out[f"drafts/{doc.id}/{section.id}.yaml"] = emit_section(section).encode("utf-8")
        values = {"documents": _flow([*ws.document_ids, *(d.id for d in imported.documents)])}
        if fresh:
            values["languages"] = _flow(imported.languages)
            values["original_language"] = imported.original
            if ws.symbol == DEFAULT_SYMBOL and imported.symbol:
                values["symbol"] = scalar(imported.symbol, 0, fold=False)
            if not ws.delegations and imported.delegations:
                values["delegations"] = _delegations(imported.delegations, imported.languages)
        out["negotiation.yaml"] = set_values(read_text(s, "negotiation.yaml"), "negotiation.yaml",
                                             values).encode("utf-8")
        check_written(s, out, before=ws)
        names = ", ".join(d.id for d in imported.documents)
        message = (f"Import {names} from Akoma Ntoso\n\n"
                   + "\n".join(f"- {Path(p).name}" for p, _ in files))
        with s.repo.transaction(message, author=secretariat_of(ws),
                                trailers={"Imported": [d.id for d in imported.documents]}) as tx:
            for path, data in out.items():
                tx.write(path, data)
    return {
        "documents": [{"id": d.id, "sections": len(d.sections),
                       "clauses": sum(1 for x in d.sections for c in x.clauses for _ in c.walk())}
                      for d in imported.documents],
        "languages": imported.languages, "original_language": imported.original,
        "proposals_not_imported": imported.amendments, "commit": tx.commit_sha,
        "delegations": len(imported.delegations) if "delegations" in values else 0,
        # agreed language naming a precedent this workspace lacks is kept as a note
        "precedents_missing": noted,
    }


def _structured(doc: Document) -> Iterator[AgreedLanguage]:
    for s in doc.sections:
        for top in s.clauses:
            for c in top.walk():
                if isinstance(c.agreed_language, AgreedLanguage):
                    yield c.agreed_language


def _agreed_as_notes(doc: Document, known: set[str]) -> Document:
    def fix(c: Clause) -> Clause:
        a = c.agreed_language
        note = f"{a.precedent}, {a.ref}" if isinstance(a, AgreedLanguage) and a.precedent not in known else a
        return replace(c, agreed_language=note, children=tuple(fix(x) for x in c.children))
    return replace(doc, sections=tuple(replace(s, clauses=tuple(fix(c) for c in s.clauses)) for s in doc.sections))


def _delegations(delegations: dict[str, dict[str, Any]], languages: list[str]) -> str:
    """The delegations as negotiation.yaml lists them, one a line in flow style."""
    lines = []
    for code, info in delegations.items():
        names = {lang: info["name"][lang] for lang in languages if lang in info["name"]} or {"en": code}
        name = ", ".join(f"{lang}: {scalar(text, 0, fold=False)}" for lang, text in names.items())
        members = f", members: {_flow(list(info['members']))}" if info["members"] else ""
        lines.append(f"  {code}: {{name: {{{name}}}, kind: {info['kind']}{members}}}")
    return "\n" + "\n".join(lines)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, 0, fold=False) for i in items) + "]"
