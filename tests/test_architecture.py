"""The packages of zxcli form a DAG, in the layers docs/architecture.md describes.

Every import counts, also those inside functions (zx imports heavy modules late) and
under TYPE_CHECKING: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "zxcli"

# Lowest first; a unit may import only from units of a lower layer or its own unit.
LAYERS: list[set[str]] = [
    {"errors", "__init__"},
    {"resources"},            # bundled files, in a wheel and a checkout alike
    {"load"},                 # safe reading and writing; knows no domain
    {"catalog"},              # codes, articles, texts
    {"results"},              # Finding, Report
    {"schema"},               # schema store, schema findings, export
    {"model"},                # campaign, gazetteer, calendar, policy arithmetic
    {"scan"},                 # evidence read from the scans (optional extra)
    {"rules"},                # the checks
    {"pipeline"},             # paths -> campaign loaded and validated once
    {"render", "freeze", "scaffold"},
    {"tally"},
    {"overview", "form"},     # the committee's view; the fill-in workbook
    {"report"},               # one reporter interface, a registry of formats
    {"commands"},
    {"cli"},
    {"__main__"},             # `python -m zxcli`: cli's main()
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "zxcli" and len(parts) > 1 else (
        "__init__" if module == "zxcli" else None)


def own_unit(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # `from zxcli import report` imports the unit `report`
            if node.module == "zxcli":
                found |= {f"zxcli.{alias.name}" for alias in node.names
                          if (PACKAGE / alias.name).is_dir()
                          or (PACKAGE / f"{alias.name}.py").is_file()}
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        here = own_unit(path)
        for module in imports(path):
            there = unit_of(module)
            if there is not None and there != here:
                edges.setdefault(here, set()).add(there)
    return edges


def test_every_unit_has_a_layer() -> None:
    units = {own_unit(p) for p in PACKAGE.rglob("*.py")}
    assert units <= set(RANK), f"put these in LAYERS: {sorted(units - set(RANK))}"


def test_imports_only_point_down() -> None:
    wrong = sorted(f"{a} -> {b}" for a, targets in graph().items() for b in targets
                   if RANK[b] >= RANK[a] and b != "__init__")
    assert not wrong, "imports against the layers: " + ", ".join(wrong)


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(unit: str, trail: list[str]) -> list[str] | None:
        state[unit] = 1
        for nxt in sorted(edges.get(unit, ())):
            if state.get(nxt) == 1:
                return [*trail, unit, nxt]
            if nxt not in state:
                found = visit(nxt, [*trail, unit])
                if found:
                    return found
        state[unit] = 2
        return None

    for unit in sorted(edges):
        if unit not in state:
            found = visit(unit, [])
            if found:
                return found
    return None


def test_the_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None


def test_no_cycle_between_units() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "cycle: " + " -> ".join(cycle or [])


def test_tests_import_their_helpers_as_top_level_modules() -> None:
    """tests/ is no package: pytest puts the folder itself on sys.path, so a helper is
    `from conftest import …` or `from inproc import …`. `from tests.conftest import …`
    only works where the repository root happens to be on sys.path too (it failed in CI)."""
    here = Path(__file__).resolve().parent
    wrong = []
    for path in sorted(here.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            wrong += [f"{path.name}:{node.lineno}" for name in names
                      if name == "tests" or name.startswith("tests.")]
    assert not wrong, wrong
