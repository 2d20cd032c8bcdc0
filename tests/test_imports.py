"""The shape of the code: no import cycles, and the fetch layer and the store never meet.

Every import in ``src/`` counts: top-level, inside functions (lazy) and under
``TYPE_CHECKING``, since each is knowledge of the other module all the same.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


# A Python import statement in a .pyx file: "import a.b" or "from a.b import c, d" (with the
# names in parentheses over several lines, or on one).
_PYTHON_IMPORT = re.compile(
    r"^(?:import [\w.]+(?: as \w+)?|from [\w.]+ import (?:\([^)]*\)|[^\n(]+))$", re.M
)


def _modules(src: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package ``__init__``)."""
    out: dict[str, tuple[Path, bool]] = {}
    # A compiled module (.pyx) is imported as any other and imports others in its turn.
    for path in sorted([*src.rglob("*.py"), *src.rglob("*.pyx")]):
        parts = list(path.relative_to(src).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _targets(module: str, is_pkg: bool, node: ast.AST, known: set[str]) -> set[str]:
    """The modules of ``src`` an import statement names (a ``from`` of a submodule names it)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in known}
    if not isinstance(node, ast.ImportFrom):
        return set()
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_pkg else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    found = {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
    if len(found) < len(node.names) and base in known:
        found.add(base)
    return found


def import_graph(src: Path) -> dict[str, set[str]]:
    """Module → the modules of ``src`` it imports anywhere in its body."""
    modules = _modules(src)
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, (path, is_pkg) in modules.items():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".pyx":
            # Cython is no Python to ast, but its Python imports are Python statements, each
            # on lines of its own; a ``cimport`` reads declarations (.pxd) and runs nothing.
            text = "\n".join(_PYTHON_IMPORT.findall(text))
        tree = ast.parse(text, filename=str(path))
        deps: set[str] = set()
        for node in ast.walk(tree):
            deps |= _targets(name, is_pkg, node, known)
        graph[name] = deps - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
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


def _in(package: str, module: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_checker_sees_lazy_and_type_checking_imports_and_cycles(tmp_path):
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from p.sub import c\n")  # fmt: skip
    (pkg / "sub" / "c.py").write_text("def f():\n    from ..b import x\n")
    (pkg / "b.py").write_text("import p.a\nx = 1\n")
    graph = import_graph(tmp_path)
    assert graph["p.a"] == {"p.sub.c"} and graph["p.sub.c"] == {"p.b"}
    assert graph["p.b"] == {"p.a"}
    assert cycles(graph) == [["p.a", "p.b", "p.sub.c"]]
    (pkg / "b.py").write_text("x = 1\n")
    assert cycles(import_graph(tmp_path)) == []


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_no_import_cycle_between_modules(graph):
    assert cycles(graph) == []


def test_fetch_and_store_do_not_import_each_other(graph):
    crossing = sorted(
        (m, d)
        for m, deps in graph.items()
        for d in deps
        if (_in("mediespor.fetch", m) and _in("mediespor.store", d))
        or (_in("mediespor.store", m) and _in("mediespor.fetch", d))
    )
    assert crossing == []


def test_the_crawl_package_imports_nothing_itself():
    # discover.run imports crawl.frontier, which runs crawl/__init__ first; were that to
    # import crawl.stage (which imports discover.run), discovery would fail half-imported.
    tree = ast.parse((SRC / "mediespor" / "crawl" / "__init__.py").read_text(encoding="utf-8"))
    assert [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)] == []


def test_a_compiled_modules_python_imports_count_and_its_cimports_do_not():
    cython = (
        "from libc.stdint cimport uintptr_t\n"
        "from mediespor.extract.lexbor_abi cimport (\n    wrap,\n)\n"
        "import mediespor.extract.tags as tags\n"
        "from mediespor.extract.select import (\n    css,\n    find_tags,\n)\n"
        "cdef inline int f(): return 0\n"
    )
    assert _PYTHON_IMPORT.findall(cython) == [
        "import mediespor.extract.tags as tags",
        "from mediespor.extract.select import (\n    css,\n    find_tags,\n)",
    ]
