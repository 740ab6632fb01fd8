"""The modules of src/cardvalid import each other one way: no cycle, none hidden in a function.

The graph is read from the source with `ast` (top-level imports only, the ones
that run when a module loads); `if TYPE_CHECKING:` blocks never run and are skipped.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "cardvalid"

# Function-level imports of cardvalid modules that stay lazy, each for a reason that
# is not a cycle (the package face's `__getattr__` loads through importlib).
ALLOWED_LAZY = {
    ("cardvalid.batch", "cardvalid.batch.table"),  # pyarrow, the `batch` extra
    ("cardvalid.spark", "cardvalid.batch.table"),  # pyarrow, on the Spark executor
    ("cardvalid.batch.jobs", "cardvalid.batch.table"),  # pyarrow, the columnar engine
    # Not a cycle (rules_export imports nothing of the CLI); only `export-rules` needs it.
    ("cardvalid.cli", "cardvalid.rules_export"),
}
# The model may use these and nothing else of the package: none of them is a check.
MODEL_MAY_IMPORT = {"cardvalid._version", "cardvalid.digits", "cardvalid.panguard",
                    "cardvalid.text"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom, module: str) -> set[str]:
    """The cardvalid modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in MODULES}
    base = node.module or ""
    if node.level:  # relative: from the importing module's package
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    found = {base} if base in MODULES else set()
    found |= {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
    return found


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _top_level_imports(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            found += _top_level_imports(node.body) + _top_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody,
                          *(handler.body for handler in node.handlers)):
                found += _top_level_imports(block)
    return found


def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def import_graph() -> dict[str, set[str]]:
    """Each cardvalid module and the cardvalid modules it imports when it loads."""
    graph = {}
    for module in MODULES:
        edges: set[str] = set()
        for node in _top_level_imports(_tree(module).body):
            edges |= _targets(node, module)
        graph[module] = edges - {module}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)) is not None:
            return found
    return None


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert {"cardvalid.model", "cardvalid.number", "cardvalid.address.check"} <= graph.keys()
    assert "cardvalid.model" in graph["cardvalid.number"]
    assert "cardvalid.address.phone" in graph["cardvalid.address.check"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_imports_itself_back() -> None:
    assert _cycle(import_graph()) is None


def test_the_model_imports_no_check() -> None:
    graph = import_graph()
    loaded = _reachable(graph, "cardvalid.model")
    assert loaded <= MODEL_MAY_IMPORT
    assert "cardvalid.findings" not in loaded  # what every check collects into


def _function_imports(module: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.level:
                    found |= _targets(inner, module) or {"<relative>"}
                elif isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "cardvalid"
                ):
                    found.add(inner.module or "")
                elif isinstance(inner, ast.Import):
                    found |= {a.name for a in inner.names if a.name.startswith("cardvalid")}
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_function_level_import_of_cardvalid(module: str) -> None:
    lazy = {(module, target) for target in _function_imports(module)}
    assert lazy <= ALLOWED_LAZY


def test_the_face_is_the_one_lazy_loader_it_claims_to_be() -> None:
    # The face reaches its modules through importlib, not an import statement.
    assert _function_imports("cardvalid") == set()
    assert "import_module" in MODULES["cardvalid"].read_text(encoding="utf-8")
