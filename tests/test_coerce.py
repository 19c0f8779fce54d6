"""Option values: typer converts them through its public API only; zx words the refusals.

zx once replaced typer's converters with its own (through typer's private runtime
parameters) to spare typer 0.29's pydantic import; that tied zx to one typer release.
These tests keep zx on typer's public API, and keep the refusals in zx's words.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from inproc import run_main

REPO = Path(__file__).resolve().parent.parent
CAMPAIGN = REPO / "sample_dossiers" / "2024"
PACKAGE = REPO / "zxcli"


@pytest.mark.parametrize(
    "argv, shown",
    [
        (["validate", "--jobs", "-1", str(CAMPAIGN)], "--jobs 的值无效：须为不小于 0 的整数"),
        (["validate", "--lang", "fr", str(CAMPAIGN)], "只能是 zh、en 之一"),
        (["init", "--year", "1900", "x"], "须为 2018–2100 之间的整数"),
        (["validate", "-f", "xml", str(CAMPAIGN)], "只能是 text、json、github"),
    ],
)
def test_refusals_are_usage_errors_in_zxs_words(argv: list[str], shown: str) -> None:
    code, _, err = run_main(argv, env={"ZX_LANG": "zh"})
    assert code == 2
    assert shown in err


def test_accepted_values_run() -> None:
    argv = [
        "validate",
        "--jobs",
        "1",
        "--lang",
        "en",
        "-f",
        "json",
        str(CAMPAIGN / "dossiers" / "江苏省-苏州市"),
    ]
    code, out, err = run_main(argv, drop=("ZX_LANG",))
    assert code == 0, err
    assert out.lstrip().startswith("{")


def _private_uses(tree: ast.AST) -> list[str]:
    """Imports of typer's or click's private modules, assignments to anything reached
    through the `typer` module, and typer's private names (`_runtime_param`, …)."""
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom | ast.Import):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
            )
            wrong += [
                f"import {n}"
                for n in names
                if n.split(".")[0] in ("typer", "click")
                and any(part.startswith("_") for part in n.split("."))
            ]
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("typer"):
                wrong += [
                    f"from {node.module} import {a.name}"
                    for a in node.names
                    if a.name.startswith("_")
                ]
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            wrong += [
                f"assignment to {ast.unparse(t)}"
                for t in targets
                if isinstance(t, ast.Attribute)
                and ast.unparse(t).split(".")[0] in ("typer", "click")
            ]
        elif isinstance(node, ast.Attribute) and node.attr in (
            "_runtime_param",
            "_usage_display_name",
            "type_descriptor",
            "_click",
            "registered_commands",
        ):
            wrong.append(f"use of {node.attr}")
    return wrong


def test_zx_uses_only_typers_public_api() -> None:
    wrong = {
        str(path.relative_to(REPO)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if (found := _private_uses(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not wrong, wrong


@pytest.mark.parametrize(
    "source",
    [
        "from typer._coercion import RuntimeParam",
        "import typer._click.core",
        "from typer.core import _split_opt",
        "import typer.core\ntyper.core._ = lambda m: m",
        "param._runtime_param = None",
        "desc = param.type_descriptor",
    ],
)
def test_the_public_api_check_sees_each_private_use(source: str) -> None:
    assert _private_uses(ast.parse(source))


@pytest.mark.parametrize(
    "name",
    [
        "validate",
        "rules",
        "init",
        "schema",
        "freeze",
        "render-forms",
        "ballots",
        "tally",
        "overview",
    ],
)
def test_each_command_word_registers_its_command(name: str) -> None:
    """cli._COMMAND_MODULES imports one module per run: it must be the one with the
    command, or the command would be unknown."""
    import typer.main

    from zxcli import cli

    saved = cli.sys.argv
    cli.sys.argv = ["zx", name]
    try:
        built = typer.main.get_command(cli._build_app())
    finally:
        cli.sys.argv = saved
    assert name in built.commands  # type: ignore[attr-defined]
    assert name in cli._COMMAND_MODULES
