"""The import graph of src/: no cycles, and the store never imports the fetch layer.

Read with ``ast`` from the source, so imports inside functions (lazy) and under
``TYPE_CHECKING`` count as much as those at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mediespor

SRC = Path(mediespor.__file__).resolve().parent


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph(root: Path) -> dict[str, set[str]]:
    """Module → the project modules it imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # from .x import y: relative to this module's package
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    edges[name].add(sub if sub in modules else base)
            elif isinstance(node, ast.Import):
                edges[name].update(a.name for a in node.names)
    return {m: {t for t in targets if t in modules and t != m} for m, targets in edges.items()}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
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

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles():
    assert _cycles(_graph(SRC)) == []


def test_the_store_never_imports_the_fetch_layer():
    edges = _graph(SRC)
    wrong = {
        (m, t)
        for m, targets in edges.items()
        if m.startswith("mediespor.store")
        for t in targets
        if t.startswith("mediespor.fetch")
    }
    assert wrong == set()


def test_the_checks_see_lazy_and_type_checking_imports(tmp_path):
    pkg = tmp_path / "mediespor"
    (pkg / "store").mkdir(parents=True)
    (pkg / "fetch").mkdir()
    for name in ("__init__.py", "store/__init__.py", "fetch/__init__.py"):
        (pkg / name).write_text("", encoding="utf-8")
    (pkg / "store" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from mediespor.fetch import b\n",
        encoding="utf-8",
    )
    (pkg / "fetch" / "b.py").write_text("def f():\n    from ..store import a\n", encoding="utf-8")
    edges = _graph(pkg)
    assert edges["mediespor.store.a"] == {"mediespor.fetch.b"}
    assert edges["mediespor.fetch.b"] == {"mediespor.store.a"}  # a relative, lazy import
    assert _cycles(edges) == [["mediespor.fetch.b", "mediespor.store.a"]]
