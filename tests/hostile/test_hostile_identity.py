"""Issue 12, family 2: one identity per city. A code or name that only *looks* right (a
trailing newline from a YAML block scalar, a zero-width space, surrounding blanks) must be
refused at load, so it can never dodge the 第13条 registry, duplicates, recusal or objections.
Runs in-process (validate_paths) for speed; the CLI path is the same code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zxcli.pipeline import validate_paths
from zxcli.results import Options
from zxcli.schema.check import LINES_PATTERN
from zxcli.schema.patterns import compiled, is_identity, strict_pattern

REPO = Path(__file__).resolve().parents[2]
SUZHOU = "江苏省-苏州市"


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


# The line-count cap of free text is the one pattern about text that may end in a newline
# (a YAML block scalar does); it names no identity.
ALL_PATTERNS = sorted(
    {
        p
        for f in (REPO / "schemas").glob("*.schema.json")
        for p in _patterns(json.loads(f.read_text(encoding="utf-8")))
    }
    - {LINES_PATTERN}
)


@pytest.mark.parametrize("pattern", ALL_PATTERNS)
def test_no_schema_pattern_accepts_a_trailing_newline(pattern: str) -> None:
    """The `$` trap: Python's `$` matches before a final newline; zx's compiled one must not."""
    assert pattern.endswith("$"), "every schema pattern is anchored at its end"
    for sample in ("320500", "2025-03-20", "ZX231", "ev-plan", "0512-68610000", "a@b.cn", "0" * 64):
        if re.search(pattern, sample):
            assert compiled(pattern).search(sample)  # still matches the clean value
            assert not compiled(pattern).search(sample + "\n")  # never with a newline after


def test_strict_pattern_leaves_escaped_and_class_dollars() -> None:
    assert strict_pattern(r"^a\$[$]$") == r"^a\$[$]\Z"


@pytest.mark.parametrize(
    "value", [" 苏州市", "苏州市 ", "苏州市\n", "苏\u200b州市", "苏州\x07市", ""]
)
def test_identity_refuses_padding_and_invisible_characters(value: str) -> None:
    assert not is_identity(value)


@pytest.mark.parametrize("value", ["苏州市", "新疆生产建设兵团", "上海市浦东新区"])
def test_identity_accepts_official_names(value: str) -> None:
    assert is_identity(value)


def _codes(path: Path) -> list[str]:
    return [f.code for f in validate_paths([path], Options()).findings]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_block_scalar_code_is_refused(campaign: Path) -> None:
    dossier = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    _edit(dossier, 'code: "320500"', "code: |\n    320500")
    assert "ZX023" in _codes(campaign)


def test_padded_province_is_refused(campaign: Path) -> None:
    dossier = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    _edit(dossier, "province: 江苏省", 'province: "江苏省\u200b"')
    assert "ZX032" in _codes(campaign)


def test_block_scalar_code_in_the_registry_is_refused(campaign: Path) -> None:
    registry = campaign / "registry" / "sanctions.yaml"
    text = registry.read_text(encoding="utf-8")
    code = re.search(r'code: "(\d{6})"', text)
    assert code is not None
    _edit(registry, code.group(0), f"code: |\n      {code.group(1)}")
    assert "ZX023" in _codes(campaign)
