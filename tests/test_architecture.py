"""The modules of zxcli import only what docs/architecture.md allows, and form no circle.

The allow-list is the table "每个关注点在哪里 / Where each concern lives" in
docs/architecture.md: its "may import" column names, for each unit (a package or a
top-level module of zxcli), the units it may import; a unit may also import whatever those
may, and `zxcli` itself (the version). The doc is the one source: change the table, and
this test follows.

Every import counts: inside functions (zx imports heavy modules late), under
TYPE_CHECKING, relative (`from . import x`), and the targets of `importlib.import_module`
named by a string in the module (`"zxcli.report.text"`): a circle hidden in a function is
still a circle, and a registry of module names is still an import. Cycles are looked for
between modules, inside each package as well as across them. The test proves itself on a
package with planted violations (the end of this file).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "zxcli"
DOC = REPO / "docs" / "architecture.md"
EVERYTHING = "*"


# ---------------------------------------------------------------------- the allow-list


def allow_list(doc: str) -> dict[str, set[str]]:
    """unit -> the units its row's "may import" cell names (EVERYTHING for "everything")."""
    lines = doc.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.startswith("| unit |") and "may import" in line
    )
    allowed: dict[str, set[str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        unit_cell, _, may_cell = (cell.strip() for cell in line.strip("|").split("|")[:3])
        units = [re.sub(r"(/|\.py)$", "", u) for u in re.findall(r"`([^`]+)`", unit_cell)]
        names = {EVERYTHING} if "everything" in may_cell else set(re.findall(r"[a-z_]+", may_cell))
        for unit in units:
            allowed[unit] = names
    return allowed


def closure(allowed: dict[str, set[str]]) -> dict[str, set[str]]:
    """unit -> every unit it may import: those named, and what they may import in turn."""
    units = set(allowed)
    reach: dict[str, set[str]] = {}

    def visit(unit: str, seen: frozenset[str]) -> set[str]:
        if unit in reach:
            return reach[unit]
        named = (
            units if EVERYTHING in allowed.get(unit, set()) else (allowed.get(unit, set()) & units)
        )
        found = set(named)
        for other in named - seen - {unit}:
            found |= visit(other, seen | {unit})
        reach[unit] = found
        return found

    for unit in sorted(units):
        visit(unit, frozenset())
    return reach


# ---------------------------------------------------------------------- the imports


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def unit_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _resolve(name: str, known: Iterable[str]) -> str | None:
    """The longest prefix of `name` that is a module of the package."""
    known = set(known)
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return None


def _base(module: str, path: Path, level: int) -> str:
    """The package a relative import of `level` dots starts from."""
    parts = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    return ".".join(parts[: len(parts) - (level - 1)])


def targets(module: str, path: Path, known: set[str]) -> set[str]:
    """Every module of the package that `module` imports, however it does."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = _base(module, path, node.level)
                source = f"{base}.{source}" if source else base
            names = [
                f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source
                for alias in node.names
            ]
        elif isinstance(node, ast.Constant) and node.value in known:
            # importlib.import_module("zxcli.x.y"), or a registry of such names
            names = [str(node.value)]
        found |= {t for n in names if (t := _resolve(n, known)) is not None}
    return found - {module}


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {module: targets(module, path, set(known)) for module, path in known.items()}


def violations(edges: dict[str, set[str]], allowed: dict[str, set[str]]) -> list[str]:
    reach = closure(allowed)
    wrong = []
    for module, imported in sorted(edges.items()):
        here = unit_of(module)
        for target in sorted(imported):
            there = unit_of(target)
            if there not in (here, "__init__") and there not in reach.get(here, set()):
                wrong.append(f"{module} -> {target} ({here} may not import {there})")
    return wrong


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


# ---------------------------------------------------------------------- zxcli


def _allowed() -> dict[str, set[str]]:
    return allow_list(DOC.read_text(encoding="utf-8"))


def test_every_unit_has_a_row_in_the_doc_and_every_row_a_unit() -> None:
    units = {unit_of(m) for m in modules(PACKAGE)} - {"__init__"}
    rows = set(_allowed())
    assert units <= rows, f"add to docs/architecture.md's table: {sorted(units - rows)}"
    assert rows <= units, f"no such unit: {sorted(rows - units)}"


def test_the_doc_allows_no_circle_between_units() -> None:
    allowed = {u: (set() if EVERYTHING in names else names) for u, names in _allowed().items()}
    assert not cycles(allowed)


def test_imports_follow_the_docs_allow_list() -> None:
    wrong = violations(graph(PACKAGE), _allowed())
    assert not wrong, "imports the doc does not allow:\n" + "\n".join(wrong)


# Circles found while this test was written, now broken: the tally circle (tally/shared.py)
# and the report registry's (report/names.py). Keep the dict for a future known circle.
_KNOWN: dict[str, pytest.MarkDecorator] = {}
_UNITS = sorted({unit_of(m) for m in modules(PACKAGE)})


@pytest.mark.parametrize("unit", [pytest.param(u, marks=_KNOWN.get(u, ())) for u in _UNITS])
def test_no_circle_among_the_modules_of(unit: str) -> None:
    inside = [c for c in cycles(graph(PACKAGE)) if {unit_of(m) for m in c} == {unit}]
    assert not inside, "import circles: " + "; ".join(" <-> ".join(c) for c in inside)


def test_no_circle_across_units() -> None:
    across = [c for c in cycles(graph(PACKAGE)) if len({unit_of(m) for m in c}) > 1]
    assert not across, "import circles: " + "; ".join(" <-> ".join(c) for c in across)


# ---------------------------------------------------------------------- planted violations

_PLANTED = {
    "pkg/__init__.py": "",
    "pkg/low/__init__.py": "",
    "pkg/low/a.py": "def late():\n    from pkg.low import b\n",
    "pkg/low/b.py": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.low.a import late\n"
    ),
    "pkg/low/up.py": "from ..high import c\n",
    "pkg/low/registry.py": "import importlib\nM = importlib.import_module('pkg.high.d')\n",
    "pkg/high/__init__.py": "",
    "pkg/high/c.py": "from pkg.low import a\n",
    "pkg/high/d.py": "",
    "pkg/high/rel.py": "from . import c\nfrom .d import x\n",
}
_PLANTED_DOC = """
| unit | what | may import |
|---|---|---|
| `low/` | the bottom | — |
| `high/` | the top | low |
"""


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    for name, text in _PLANTED.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "pkg"


def test_the_checks_find_each_planted_violation(planted: Path) -> None:
    edges = graph(planted)
    assert edges["pkg.high.rel"] == {"pkg.high.c", "pkg.high.d"}  # relative imports read
    wrong = violations(edges, allow_list(_PLANTED_DOC))
    assert wrong == [
        "pkg.low.registry -> pkg.high.d (low may not import high)",  # importlib target
        "pkg.low.up -> pkg.high.c (low may not import high)",  # relative, upward
    ]
    # a function-level import and a TYPE_CHECKING one make a circle
    assert cycles(edges) == [["pkg.low.a", "pkg.low.b"]]


def test_the_allow_list_reads_the_doc_and_follows_what_each_unit_may_import() -> None:
    allowed = allow_list(_PLANTED_DOC)
    assert allowed == {"low": set(), "high": {"low"}}
    reach = closure({**allowed, "top": {"high"}, "cli": {EVERYTHING}})
    assert reach["top"] == {"high", "low"} and reach["cli"] == {"low", "high", "top", "cli"}


def test_tests_import_their_helpers_as_top_level_modules() -> None:
    """tests/ is no package: pytest puts the folder itself on sys.path, so a helper is
    `from conftest import …` or `from inproc import …`. `from tests.conftest import …`
    only works where the repository root happens to be on sys.path too (it failed in CI)."""
    here = Path(__file__).resolve().parent
    wrong = []
    for path in sorted(here.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            wrong += [
                f"{path.name}:{node.lineno}"
                for name in names
                if name == "tests" or name.startswith("tests.")
            ]
    assert not wrong, wrong
