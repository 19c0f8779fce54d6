"""The command line end to end: exit codes, output formats, languages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES, SUZHOU, edit
from inproc import run_main

ZX = [sys.executable, "-m", "zxcli.cli"]


def zx(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`zx args` through its real entry point, in this process (tests/inproc.py)."""
    code, out, err = run_main(args, cwd=cwd, env=env)
    return subprocess.CompletedProcess([*ZX, *args], code, out, err)


def test_version() -> None:
    result = zx("--version")
    assert result.returncode == 0 and result.stdout.startswith("zx ")


def test_sample_campaign_validates_clean(tmp_path: Path) -> None:
    result = zx("validate", str(SAMPLES / "2024"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = zx("validate", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "ZX901" in result.stderr and "Traceback" not in result.stderr


def test_folder_that_is_no_campaign(tmp_path: Path) -> None:
    result = zx("validate", str(tmp_path))
    assert result.returncode == 2 and "ZX902" in result.stderr


def test_findings_exit_1_in_json_and_english(campaign: Path) -> None:
    edit(campaign / "dossiers" / SUZHOU / "dossier.yaml", 'code: "320500"', 'code: "320599"')
    result = zx("validate", "--format", "json", str(campaign), env={"ZX_LANG": "en"})
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["format"] == "zx-validate" and doc["version"] == 1 and doc["lang"] == "en"
    hit = next(f for f in doc["findings"] if f["code"] == "ZX101")
    assert hit["article"] == "第5条" and hit["line"] == 7
    assert hit["message"].startswith("division code 320599")


def test_select_ignore_and_strict(campaign: Path) -> None:
    zx_yaml = campaign / "zx.yaml"
    edit(
        zx_yaml,
        "# tech_renovation_share_reference_pct: 30.0",
        "tech_renovation_share_reference_pct: 90.0",
    )
    assert zx("validate", str(campaign)).returncode == 0  # a warning only
    assert zx("validate", "--strict", str(campaign)).returncode == 1
    assert zx("validate", "--strict", "--ignore", "ZX213", str(campaign)).returncode == 0
    assert zx("validate", "--strict", "--select", "ZX1", str(campaign)).returncode == 0


def test_a_file_inside_a_dossier_selects_that_dossier(campaign: Path) -> None:
    one_file = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    result = zx("validate", "--format", "json", str(one_file))
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["dossiers"] == 1


def test_rules_markdown_lists_every_code() -> None:
    from zxcli.catalog import catalog

    result = zx("rules", "--format", "markdown")
    assert result.returncode == 0
    for code in catalog():
        assert f"| {code} |" in result.stdout


def test_schema_export_refuses_to_overwrite(tmp_path: Path) -> None:
    assert zx("schema", "--out", str(tmp_path)).returncode == 0
    assert (tmp_path / "dossier.schema.json").is_file()
    again = zx("schema", "--out", str(tmp_path))
    assert again.returncode == 2 and "ZX903" in again.stderr
    assert zx("schema", "--out", str(tmp_path), "--force").returncode == 0


def test_init_scaffolds_from_the_gazetteer(tmp_path: Path) -> None:
    folder = tmp_path / "dossiers" / "上海市-浦东新区"
    result = zx("init", str(folder), "--province", "上海市", "--city", "浦东新区", "--year", "2025")
    assert result.returncode == 0, result.stderr
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    assert 'code: "310115"' in text and "level: 直辖市辖区" in text
    assert "statistics_bureau: 上海市浦东新区统计局" in text
    assert "# yaml-language-server: $schema=" in text.splitlines()[0]
    again = zx("init", str(folder), "--province", "上海市", "--city", "浦东新区")
    assert again.returncode == 2 and "ZX903" in again.stderr


def test_init_refuses_an_ambiguous_name(tmp_path: Path) -> None:
    result = zx("init", str(tmp_path / "x"), "--province", "江苏省", "--city", "鼓楼区")
    assert result.returncode == 2 and "ZX908" in result.stderr
    assert not (tmp_path / "x").exists()
