"""Builders of small workspaces, for tests that do not care on which line a value falls.

``negotiation``, ``document``, ``section`` and ``amendment`` give the YAML text of a workspace file from
a few arguments (keys in the order of the examples in the README; nested values in flow style);
``clause`` is one entry of a section; ``write_files`` writes a set of files under a folder.  A test whose
assertions name a line keeps its files as literal text instead, so that the line is visible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

# es and en names of the delegations the tests use
NAMES = {
    "ARG": {"es": "Argentina", "en": "Argentina"},
    "BRA": {"es": "Brasil", "en": "Brazil"},
    "CHL": {"es": "Chile", "en": "Chile"},
    "MEX": {"es": "México", "en": "Mexico"},
    "PRY": {"es": "Paraguay", "en": "Paraguay"},
    "URY": {"es": "Uruguay", "en": "Uruguay"},
    "UNHCR": {"es": "ACNUR", "en": "UNHCR"},
}
ZERO = {"id": "zero", "label": {"es": "Borrador cero", "en": "Zero draft"}, "date": "2024-08-30"}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # the workspace reader refuses anchors and aliases


def dump(value: Mapping[str, Any]) -> str:
    """``value`` as YAML: mappings in the order given, the innermost ones in flow style."""
    return yaml.dump(dict(value), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=None)


def delegation(code: str, kind: str = "state", *, name: Mapping[str, str] | None = None,
               members: Sequence[str] = ()) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": dict(name or NAMES.get(code, {"en": code})), "kind": kind}
    if members:
        entry["members"] = list(members)
    return entry


def negotiation(*, documents: Sequence[str], delegations: Iterable[str] | Mapping[str, Any],
                versions: Sequence[Mapping[str, Any]] = (ZERO,),
                title: Mapping[str, str] | None = None, symbol: str = "T/L.1", original: str = "es",
                languages: Sequence[str] = ("es", "en")) -> str:
    """negotiation.yaml.  ``delegations``: codes (states named from ``NAMES``) or code -> entry (see
    ``delegation``)."""
    if not isinstance(delegations, Mapping):
        delegations = {code: delegation(code) for code in delegations}
    return dump({"schema": "1", "title": dict(title or {"es": "Negociación de prueba", "en": "Test negotiation"}),
                 "symbol": symbol, "original_language": original, "languages": list(languages),
                 "documents": list(documents), "delegations": dict(delegations),
                 "versions": [dict(v) for v in versions]})


def document(doc_id: str, sections: Sequence[str], title: Mapping[str, str]) -> str:
    return dump({"id": doc_id, "title": dict(title), "sections": list(sections)})


def clause(clause_id: str, text: Mapping[str, str], *, children: Sequence[Mapping[str, Any]] = (),
           **fields: Any) -> dict[str, Any]:
    """One clause of a section: ``fields`` are status, kind, pending_translation, ... as in the file
    (None: left out)."""
    fields = {k: v for k, v in fields.items() if v is not None}
    entry: dict[str, Any] = {"id": clause_id, **{k: v for k, v in fields.items() if k in ("kind", "status")},
                             "text": dict(text)}
    entry.update({k: v for k, v in fields.items() if k not in ("kind", "status")})
    if children:
        entry["children"] = [dict(c) for c in children]
    return entry


def section(section_id: str, clauses: Sequence[Mapping[str, Any]], *, title: Mapping[str, str],
            numbering: str | None = "arabic") -> str:
    head: dict[str, Any] = {"id": section_id, "title": dict(title)}
    if numbering is not None:
        head["numbering"] = numbering
    return dump({**head, "clauses": [dict(c) for c in clauses]})


def amendment(amendment_id: str, by: str, change: Mapping[str, Any], **fields: Any) -> str:
    """An amendment file: id, by, then ``fields`` (target, lang, rationale, status, decision, ...) with
    ``change`` placed after ``target`` and ``lang``, as drafting writes it (None: left out)."""
    fields = {k: v for k, v in fields.items() if v is not None}
    head = {k: fields.pop(k) for k in ("cosponsors", "on_behalf_of", "supporters", "target", "lang")
            if k in fields}
    return dump({"id": amendment_id, "by": by, **head, "change": dict(change), **fields})


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (workspace-relative path -> text or bytes) under ``root``, folders included."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root
