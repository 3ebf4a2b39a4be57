"""The shape of drafting/: no import cycle, and dependencies that point one way.

Every import of every module counts -- at the top, inside functions (lazy imports), under
``TYPE_CHECKING``; relative and absolute -- read from the source with ``ast``, nothing imported.  The
layers (../shared/ARCHITECTURE.md):

    model (errors, vocab, model, wordml, labels)  <-  ops  <-  store  <-  {render, ingest}  <-  api  <-  cli

``render`` and ``ingest`` may read the store but never import each other; the wings ``trust``, ``site``
and ``interop`` may import model, ops, store and render, and only ``api`` and ``cli`` import them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import write_files

ROOT = Path(__file__).resolve().parents[2]

WINGS = ("trust", "site", "interop")
# what each layer may import, besides itself
MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "ops": {"model"},
    "store": {"model", "ops"},
    "render": {"model", "ops", "store"},
    "ingest": {"model", "ops", "store"},
    **{wing: {"model", "ops", "store", "render"} for wing in WINGS},
    "api": {"model", "ops", "store", "render", "ingest", *WINGS},
    "cli": {"model", "ops", "store", "render", "ingest", *WINGS, "api"},
}


def modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file of every module of ``package`` (a folder under ``root``)."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(root: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports, wherever the import statement stands."""
    known = modules(root, package)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:  # `from pkg import mod` imports the module pkg.mod
                    sub = f"{target}.{alias.name}"
                    deps.add(sub if sub in known else target)
        graph[name] = {d for d in deps if d in known and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (each one is, or holds, a cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graph of a few hundred modules fits the recursion limit
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def layer(module: str) -> str:
    """The layer of a module: its first folder under the package, or ``model`` for the modules at
    the top (errors, vocab, model, wordml, labels -- and any new one, which starts at the bottom)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in MAY_IMPORT else "model"


def breaches(graph: dict[str, set[str]]) -> Iterator[str]:
    for module, deps in sorted(graph.items()):
        for dep in sorted(deps):
            mine, theirs = layer(module), layer(dep)
            if theirs != mine and theirs not in MAY_IMPORT[mine]:
                yield f"{module} ({mine}) imports {dep} ({theirs})"


# ------------------------------------------------------------------------------------------ drafting/

def test_drafting_has_no_import_cycle() -> None:
    graph = imports(ROOT, "drafting")
    assert len(graph) > 50 and graph["drafting.api"]  # the walk found the package and its imports
    found = cycles(graph)
    assert found == [], "modules that import each other, directly or in a ring:\n" + "\n".join(map(str, found))


def test_drafting_imports_point_down_the_layers() -> None:
    found = list(breaches(imports(ROOT, "drafting")))
    assert found == [], "imports against the layers:\n" + "\n".join(found)


# ------------------------------------------------------------------------- the checks themselves

def test_a_lazy_cycle_is_found(tmp_path: Path) -> None:
    """a -> b at the top, b -> a inside a function: a cycle all the same."""
    root = write_files(tmp_path, {
        "drafting/__init__.py": "",
        "drafting/store/__init__.py": "",
        "drafting/store/a.py": "from . import b\n",
        "drafting/store/b.py": "def f():\n    from .a import g\n    return g\n",
        "drafting/store/c.py": "import drafting.store.a\n",
    })
    graph = imports(root, "drafting")
    assert graph["drafting.store.a"] == {"drafting.store.b"}
    assert graph["drafting.store.b"] == {"drafting.store.a"}
    assert graph["drafting.store.c"] == {"drafting.store.a"}
    assert cycles(graph) == [["drafting.store.a", "drafting.store.b"]]


def test_a_cycle_through_packages_and_type_checking_is_found(tmp_path: Path) -> None:
    """render/__init__ -> render.kinds (in a function); kinds -> render (``from . import name``,
    under TYPE_CHECKING): the package and its module import each other."""
    root = write_files(tmp_path, {
        "drafting/__init__.py": "",
        "drafting/render/__init__.py": "def build():\n    from . import kinds\n    return kinds\n",
        "drafting/render/kinds.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                    "    from . import build\n",
    })
    assert cycles(imports(root, "drafting")) == [["drafting.render", "drafting.render.kinds"]]


def test_imports_against_the_layers_are_found(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "drafting/__init__.py": "",
        "drafting/model.py": "",
        "drafting/ops/__init__.py": "",
        "drafting/ops/apply.py": "from ..model import x\n\ndef f():\n    from ..api import decide\n",
        "drafting/api/__init__.py": "from ..ops import apply\nfrom ..trust import gate\n",
        "drafting/render/__init__.py": "from ..ingest import docx\nfrom drafting.trust.gate import g\n",
        "drafting/ingest/__init__.py": "",
        "drafting/ingest/docx.py": "",
        "drafting/trust/__init__.py": "",
        "drafting/trust/gate.py": "from ..render import draft\nfrom ..api import issue\n",
    })
    assert list(breaches(imports(root, "drafting"))) == [
        "drafting.ops.apply (ops) imports drafting.api (api)",
        "drafting.render (render) imports drafting.ingest.docx (ingest)",
        "drafting.render (render) imports drafting.trust.gate (trust)",
        "drafting.trust.gate (trust) imports drafting.api (api)",
    ]


@pytest.mark.parametrize(("module", "expected"), [
    ("drafting", "model"), ("drafting.model", "model"), ("drafting.wordml", "model"),
    ("drafting.ops.anchor", "ops"), ("drafting.store.session", "store"), ("drafting.render.docx.body", "render"),
    ("drafting.api", "api"), ("drafting.cli.commands", "cli"), ("drafting.site.pages", "site"),
])
def test_layer_of_a_module(module: str, expected: str) -> None:
    assert layer(module) == expected
