"""docs/form.md runs: every `zx` command of its console blocks, in order, in an empty folder,
and its YAML example is a valid committee list."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from inproc import run_main

from zxcli.load.yamlsafe import parse_text
from zxcli.schema.check import check_document

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "form.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}[^\n]*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_commands_of_docs_form_md_run_in_order(tmp_path: Path) -> None:
    commands = [
        line
        for block in _blocks("console")
        for line in block.splitlines()
        if line.startswith("zx ")
    ]
    assert len(commands) >= 8
    for command in commands:
        code, out, err = run_main(
            shlex.split(command)[1:], cwd=tmp_path, env={"COLUMNS": "120"}, drop=("ZX_LANG",)
        )
        # --check of the blank workbook reports what is still to fill in (exit 1).
        allowed = {0, 1} if "--check" in command else {0}
        assert code in allowed, (command, out, err)
    assert (tmp_path / "2024" / "dossiers" / "江苏省-无锡市" / "dossier.yaml").is_file()
    assert (tmp_path / "2024" / "review" / "committee.yaml").is_file()


def test_the_yaml_example_is_a_valid_committee_list() -> None:
    (block,) = _blocks("yaml")
    doc = parse_text(block, Path("committee.yaml"), "docs/form.md")
    assert check_document(doc, "committee") == []


def test_every_code_in_the_refusal_table_is_in_the_catalog() -> None:
    from zxcli.catalog import catalog

    listed = set(re.findall(r"^\| (ZX\d{3}) \|", DOC.read_text(encoding="utf-8"), re.M))
    assert listed and listed <= set(catalog())
    assert {c for c in catalog() if "ZX060" <= c <= "ZX072"} <= listed
