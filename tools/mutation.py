"""A small mutation run over zx's policy arithmetic, counting and rules (issue 28).

    python tools/mutation.py                        # every target, every mutant
    python tools/mutation.py --max 40 --seed 1      # at most 40 mutants a file, sampled
    python tools/mutation.py zxcli/tally/count.py   # one file

Each mutant changes one operator or constant of one target file (a comparison, `and`/`or`,
`+`/`-`, `not`, an integer, True/False), in a copy of the repository; the file's tests
(TESTS_FOR) then run against the copy with `-x`. A mutant is killed when they fail (or
time out). The score is killed ÷ mutants; the survivors are printed with file and line,
each a change no test notices.

Not part of the test suite (it runs pytest once per mutant): docs/architecture.md gives
the last score. mutmut would do the same with more operators, but copies and re-runs the
whole suite per mutant, which a shared 2-core machine cannot afford.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RULE_TESTS = [
    "tests/test_rules_policy.py",
    "tests/test_rules_issue11.py",
    "tests/test_rules_issue11b.py",
    "tests/unit/rules",
]
TESTS_FOR = {
    "zxcli/tally/count.py": ["tests/test_tally_count.py", "tests/unit/tally"],
    "zxcli/model/policy.py": [
        "tests/test_policy_math.py",
        "tests/unit/model",
        "tests/test_rules_policy.py",
    ],
    # the most specific prefix first: tests_for takes the first that matches
    "zxcli/rules/attachments.py": [*RULE_TESTS, "tests/test_attachments.py"],
    "zxcli/rules/seals.py": [*RULE_TESTS, "tests/test_seals.py"],
    "zxcli/rules/scan_evidence.py": [*RULE_TESTS, "tests/scan"],
    "zxcli/rules/context.py": [*RULE_TESTS, "tests/test_pipeline.py", "tests/test_attachments.py"],
    "zxcli/rules/readiness.py": [*RULE_TESTS, "tests/test_path_items.py"],
    "zxcli/rules/runner.py": [
        *RULE_TESTS,
        "tests/test_pipeline.py",
        "tests/test_path_items.py",
        "tests/test_parallel.py",
    ],
    "zxcli/rules/": RULE_TESTS,
}
TARGETS = [
    "zxcli/tally/count.py",
    "zxcli/model/policy.py",
    *sorted(
        str(p.relative_to(REPO))
        for p in (REPO / "zxcli" / "rules").glob("*.py")
        if p.name != "__init__.py"
    ),
]
SWAPS: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}


@dataclass(frozen=True)
class Mutant:
    file: str
    line: int
    what: str
    source: str


def _skipped(tree: ast.AST) -> set[int]:
    """ids of the constants never mutated: docstrings, and the dataclass machinery
    (decorators, `field(...)`), whose flags change no behaviour a test could see."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            found.add(id(body[0].value))
        inert = [*getattr(node, "decorator_list", [])]
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "field":
            inert.append(node)
        found |= {id(n) for expr in inert for n in ast.walk(expr)}
    return found


# A site: (node, slot) where slot is "op" (a BinOp's or BoolOp's operator), an index into
# a Compare's ops, or None (the node itself: a constant or a `not`). CPython shares one
# operator object between all its uses, so a site is named by its parent, never by the op.
Site = tuple[ast.AST, "str | int | None", str]


def _sites(tree: ast.AST) -> Iterator[Site]:
    """Each place one mutation can be made, with what it changes."""
    skip = _skipped(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAPS:
                    yield node, i, f"{type(op).__name__} -> {SWAPS[type(op)].__name__}"
        elif isinstance(node, ast.BoolOp | ast.BinOp) and type(node.op) in SWAPS:
            yield node, "op", f"{type(node.op).__name__} -> {SWAPS[type(node.op)].__name__}"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, None, "drop `not`"
        elif isinstance(node, ast.Constant) and id(node) not in skip:
            if isinstance(node.value, bool):
                yield node, None, f"{node.value} -> {not node.value}"
            elif isinstance(node.value, int):
                yield node, None, f"{node.value} -> {node.value + 1}"


def mutants(file: str) -> list[Mutant]:
    text = (REPO / file).read_text(encoding="utf-8")
    count = sum(1 for _ in _sites(ast.parse(text)))
    found = []
    for index in range(count):
        tree = ast.parse(text)
        node, slot, what = list(_sites(tree))[index]
        _mutate(node, slot)
        found.append(Mutant(file, int(getattr(node, "lineno", 0)), what, ast.unparse(tree)))
    return found


def _mutate(node: ast.AST, slot: str | int | None) -> None:
    if isinstance(slot, int):
        ops = node.ops  # type: ignore[attr-defined]
        ops[slot] = SWAPS[type(ops[slot])]()
    elif slot == "op":
        node.op = SWAPS[type(node.op)]()  # type: ignore[attr-defined]
    elif isinstance(node, ast.Constant):
        node.value = (not node.value) if isinstance(node.value, bool) else node.value + 1
    elif isinstance(node, ast.UnaryOp):  # `not x` -> `+x`: an int of the same truth
        node.op = ast.UAdd()


def tests_for(file: str) -> list[str]:
    return next(tests for prefix, tests in TESTS_FOR.items() if file.startswith(prefix))


def run_tests(copy: Path, tests: list[str], timeout: float) -> bool:
    """True when the tests pass on the copy."""
    env = dict(os.environ, PYTHONPATH=str(copy), ZX_CACHE_DIR=str(copy / ".cache"))
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-n",
        "0",
        *tests,
    ]
    try:
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", default=TARGETS)
    parser.add_argument("--max", type=int, default=0, help="at most this many mutants a file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zx-mutation-") as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".git", "__pycache__"))
        return _run(copy, args)


def _run(copy: Path, args: argparse.Namespace) -> int:
    killed = total = 0
    survivors: list[Mutant] = []
    started = time.perf_counter()
    for file in args.files:
        tests = tests_for(file)
        if not run_tests(copy, tests, args.timeout):
            print(f"{file}: its tests fail without a mutant; skipped", file=sys.stderr)
            continue
        found = mutants(file)
        if args.max and len(found) > args.max:
            found = sorted(random.Random(args.seed).sample(found, args.max), key=lambda m: m.line)
        original = (copy / file).read_text(encoding="utf-8")
        file_killed = 0
        for mutant in found:
            (copy / file).write_text(mutant.source, encoding="utf-8")
            if run_tests(copy, tests, args.timeout):
                survivors.append(mutant)
            else:
                file_killed += 1
        (copy / file).write_text(original, encoding="utf-8")
        killed, total = killed + file_killed, total + len(found)
        print(f"{file}: {file_killed}/{len(found)} killed", flush=True)
    for mutant in survivors:
        print(f"survived: {mutant.file}:{mutant.line}: {mutant.what}")
    score = killed / total if total else 1.0
    print(
        f"mutation score: {killed}/{total} killed = {score:.0%} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
