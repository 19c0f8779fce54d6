"""Issue 27: zx as an official meets it at a terminal (80 columns, piped, either language)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from inproc import run_main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_dossiers" / "2024"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "2024")
    return tmp_path / "2024"


# --- zx freeze --check ---------------------------------------------------------------------


def test_freeze_check_finds_the_settings_validate_finds(campaign: Path) -> None:
    for cwd, target in ((campaign.parent, "2024"), (campaign / "dossiers", ".")):
        code, out, _ = run_main(["freeze", "--check", target], cwd=cwd, env={"ZX_LANG": "zh"})
        assert code == 1
        assert "未找到 zx.yaml" not in out and "zx.yaml" in out.splitlines()[0], out[:200]


def test_freeze_check_rows_without_errors_do_not_say_failed(campaign: Path) -> None:
    code, out, _ = run_main(["freeze", "--check", "2024"], cwd=campaign.parent,
                            env={"ZX_LANG": "zh"})
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert code == 1 and rows
    assert all("未通过" not in row for row in rows if "│    0 │" in row), rows


def test_freeze_check_writes_its_output_file(campaign: Path) -> None:
    code, out, _ = run_main(["freeze", "--check", "-f", "json", "-o", "check.json", "2024"],
                            cwd=campaign.parent, env={"ZX_LANG": "en"})
    doc = json.loads((campaign.parent / "check.json").read_text("utf-8"))
    assert code == 1 and out == "" and doc["summary"]["warnings"] > 0
