"""The package's shape: imports run one way (activations -> inits -> models -> capture ->
experiments -> theory, training, ... -> plots -> widgets), with no loop; every module
opens with a docstring whose first line says its job."""

import ast
from pathlib import Path

import pytest

import initlab_utils

ROOT = Path(initlab_utils.__file__).resolve().parent  # as imported: installed or checkout
# A module may import only from its own rank or below. CONTRIBUTING.md has the same map.
RANKS = {
    "checks": 0,
    "threads": 0,
    "_fast": 0,
    "i18n": 0,  # the run-time texts: anything may look one up
    "messages": 0,
    "activations": 1,
    "inits": 2,
    "numerics": 2,
    "models": 3,
    "data": 3,
    "capture": 4,
    "experiments": 5,
    "theory": 6,
    "chaos": 6,
    "measure": 6,
    "training": 6,
    "seeds": 6,
    "snapshots": 6,
    "training_plots": 7,
    "residual": 4,
    "residual_theory": 6,
    "residual_plots": 7,
    "analysis": 6,
    "plots": 7,
    "theory_plots": 7,
    "tables": 5,
    "bins": 6,
    "histograms": 7,
    "widgets": 8,
    "exercises": 9,
    "__init__": 10,
}
MODULES = sorted(ROOT.rglob("*.py"))


def name(path: Path) -> str:
    """A top-level module's name; a subpackage (exercises/, widgets/, _fast/) counts as one."""
    return path.relative_to(ROOT).with_suffix("").parts[0]


def imports(path: Path) -> set[str]:
    """The package's modules that `path` imports, anywhere in it (relative imports of any
    level resolved from the file's own folder)."""
    found = set()
    package = path.relative_to(ROOT).parent.parts  # what `from .` names
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.add((*base, *node.module.split("."))[0])
            else:  # from . import a, b
                found |= {(*base, a.name)[0] for a in node.names}
    return found - {name(path)}


def test_every_module_has_a_rank():
    unknown = {name(p) for p in MODULES} - set(RANKS)
    assert not unknown, f"place {sorted(unknown)} in RANKS here and in CONTRIBUTING.md's map"


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_imports_run_one_way(path):
    me = name(path)
    upward = {m for m in imports(path) if RANKS.get(m, 99) > RANKS[me]}
    assert not upward, f"{me} imports {sorted(upward)}, which sit above it"


def test_no_import_loop():
    graph = {name(p): set() for p in MODULES}
    for p in MODULES:
        graph[name(p)] |= imports(p) & set(graph)
    done, path = set(), []

    def visit(m):
        assert m not in path, f"import loop: {' -> '.join(path[path.index(m) :] + [m])}"
        if m in done:
            return
        path.append(m)
        for n in sorted(graph[m]):
            visit(n)
        path.pop()
        done.add(m)

    for m in sorted(graph):
        visit(m)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_every_module_opens_with_its_job(path):
    doc = ast.get_docstring(ast.parse(path.read_text()))
    assert doc, f"{path.name} has no docstring"
    first = doc.splitlines()[0]
    assert first.strip() and len(first) <= 100, f"{path.name}: {first!r}"
