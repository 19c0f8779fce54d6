"""Issue 12, family 1: a filter or an early stop never produces a pass.

A schema error no longer stops the checks that do not read the broken field; a check
that cannot run says so (ZX040); --select/--ignore hide findings but never the verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import unfreeze
from hostile import SAMPLES, SUZHOU, replace_text

from zxcli.pipeline import validate_paths
from zxcli.results import Options

DECLARATION = """  - id: declaration
    kind: 负责声明
    title: 苏州市人民政府关于申报材料真实性、有效性、合规性的负责声明
    path: attachments/负责声明.jpg
    issuer: 苏州市人民政府
    date: 2025-03-08
    seals: [苏州市人民政府]
    original: true            # 负责声明须为原件（第7条(4)）
"""


@pytest.fixture
def two_faults(campaign: Path) -> Path:
    """A bad city.level (schema) and no 负责声明 (第7条(4)) in one dossier."""
    dossier = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    unfreeze(dossier)  # the declaration's block as written, without its recorded hash
    replace_text(dossier, "  level: 地级", "  level: 地级市")
    replace_text(dossier, DECLARATION, "")
    return campaign / "dossiers" / SUZHOU


def codes(path: Path, **options: frozenset[str]) -> tuple[set[str], int, str]:
    report = validate_paths([path], Options(**options))
    return {f.code for f in report.findings}, report.exit_code(), report.verdict()


def test_a_schema_error_does_not_stop_the_attachment_checks(two_faults: Path) -> None:
    found, exit_code, verdict = codes(two_faults)
    assert "ZX022" in found  # the level, from the schema
    assert "ZX305" in found  # the missing 负责声明: the attachment family still ran
    assert "ZX040" in found  # eligibility reads city.level: said to be unchecked
    assert exit_code == 1 and verdict == "fail"


@pytest.mark.parametrize(
    "option",
    [
        {"ignore": frozenset({"ZX02"})},
        {"ignore": frozenset({"ZX0", "ZX3"})},
        {"select": frozenset({"ZX1"})},
        {"select": frozenset({"ZX6"})},
    ],
)
def test_a_filter_hides_but_never_passes(
    two_faults: Path, option: dict[str, frozenset[str]]
) -> None:
    report = validate_paths([two_faults], Options(**option))
    assert report.hidden_errors, "the filter hid something"
    assert report.exit_code() == 1 and report.verdict() == "fail"


@pytest.mark.parametrize("prefix", ["ZX0", "ZX1", "ZX2", "ZX3", "ZX4", "ZX5", "ZX6", "ZX9"])
def test_the_broken_corpus_never_exits_0_under_any_filter(prefix: str) -> None:
    broken = SAMPLES / "broken"
    for option in ({"select": frozenset({prefix})}, {"ignore": frozenset({prefix})}):
        report = validate_paths([broken], Options(**option))  # type: ignore[arg-type]
        assert report.exit_code() == 1, option
