"""No import circle inside elections: every module of forums.elections, read with `ast`, and
the graph of its module-level imports of other elections modules has no cycle.

Imports inside functions are not edges (they run later, when everything is loaded); imports
under `if TYPE_CHECKING:` are not either. A module importing a package's name
(`from . import services`) is an edge to that module; `from .models import X` is an edge to
`models`, and `from .views import manage` to `views.manage` when that is a module.
"""

import ast
from pathlib import Path

import forums.elections

PACKAGE = "forums.elections"
ROOT = Path(forums.elections.__file__).resolve().parent


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.relative_to(ROOT).parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([PACKAGE, *parts])] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module):
    """Import statements that run when the module is imported."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            stack.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                stack.extend(handler.body)
        elif isinstance(node, ast.With):
            stack.extend(node.body)


def _resolve(name: str, path: Path, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    base = package.split(".")
    if node.level > 1:
        base = base[: -(node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in _module_level_imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(name, path, node)
                # `from . import services` names a module; `from .models import X` a name in one.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            for target in targets:
                if target in known and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = GREY
        path.append(node)
        for nxt in sorted(graph[node]):
            if colour[nxt] == GREY:
                return [*path[path.index(nxt) :], nxt]
            if colour[nxt] == WHITE and (cycle := visit(nxt)):
                return cycle
        path.pop()
        colour[node] = BLACK
        return None

    for node in sorted(graph):
        if colour[node] == WHITE and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_every_module_and_the_imports_between_them():
    graph = import_graph()
    assert f"{PACKAGE}.ballot" in graph and f"{PACKAGE}.views.voting" in graph
    assert f"{PACKAGE}.models" in graph[f"{PACKAGE}.services"]
    assert (
        f"{PACKAGE}.fast_vote".replace(PACKAGE, f"{PACKAGE}.views")
        in graph[f"{PACKAGE}.views.voting"]
    )


def test_the_checker_finds_a_cycle_when_there_is_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_inside_elections():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_the_ballot_keeps_its_secrecy_design_at_the_top():
    doc = ast.get_docstring(ast.parse((ROOT / "ballot.py").read_text()))
    assert "How the ballot stays secret" in doc
    assert "mixer" in doc


def test_sql_names_no_other_apps_table_literally():
    for path in modules().values():
        text = path.read_text()
        for table in ("participation_", "forums_", "elections_"):
            for line in text.splitlines():
                if f" {table}" in line and ("FROM" in line or "JOIN" in line or "INTO" in line):
                    raise AssertionError(f"{path.name}: a literal table name: {line.strip()}")
