"""Fail closed (issue 22): zx never states a verdict, a stage or a list that is not true.

Each test names a seam where zx used to fall back to a default, an empty list or a skipped
check and then report success.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import edit, unfreeze
from inproc import run_main

AS_OF = "2026-06-30"  # well after the sample's 公示


def _block(campaign: Path, which: str) -> None:
    if which == "settings":
        edit(campaign / "zx.yaml", "year: 2024", "year: 2024\nsanction_years: 3")
    elif which == "registry_key":
        edit(campaign / "registry" / "sanctions.yaml", "records:", "scope: city\nrecords:")
    else:
        (campaign / "registry" / "sanctions.yaml").unlink()


@pytest.mark.parametrize("which", ["settings", "registry_key", "registry_missing"])
def test_a_broken_campaign_file_passes_no_dossier(campaign: Path, which: str) -> None:
    _block(campaign, which)
    code, out, _ = run_main(["validate", str(campaign)])
    assert code == 1
    rows = {
        line.split("│")[1].strip(): line.split("│")[4].strip()
        for line in out.splitlines()
        if line.startswith("│ ")
    }
    dossiers = {p.name for p in (campaign / "dossiers").iterdir()}
    assert {name: rows[name] for name in dossiers} == dict.fromkeys(dossiers, "未检查")
    assert "通过" not in out.strip().splitlines()[-1].replace("未通过", "")


@pytest.mark.parametrize("which", ["settings", "registry_key", "registry_missing"])
@pytest.mark.parametrize(
    "command", [["tally", "--final", "--as-of", AS_OF], ["ballots"], ["overview", "--no-pdf"]]
)
def test_the_ministry_commands_refuse_a_broken_campaign(
    campaign: Path, tmp_path: Path, which: str, command: list[str]
) -> None:
    _block(campaign, which)
    out_dir = tmp_path / "out"
    argv = [command[0], str(campaign), *command[1:]]
    if command[0] != "tally":
        argv += ["--out", str(out_dir)]
    code, out, err = run_main(argv)
    assert code == 1, (out, err)
    assert "ZX790" in err
    assert not out_dir.exists() or not any(out_dir.rglob("*.*"))


def test_the_bundled_sample_is_frozen_and_passes(campaign: Path) -> None:
    code, out, _ = run_main(["validate", str(campaign)])
    assert code == 0 and out.strip().splitlines()[-1] == "全部通过，未发现问题。"


def test_the_text_summary_tells_unfrozen_from_passed(campaign: Path) -> None:
    dossier = campaign / "dossiers" / "江苏省-苏州市" / "dossier.yaml"
    count = dossier.read_text(encoding="utf-8").count("sha256:")
    unfreeze(dossier)
    assert count > 0
    code, out, _ = run_main(["validate", str(campaign)])
    last = out.strip().splitlines()[-1]
    assert code == 0
    assert "全部通过" not in out
    row = next(r for r in out.splitlines() if r.startswith("│ 江苏省-苏州市"))
    assert "通过（未冻结）" in row
    assert f"{count} 个附件尚未冻结" in last and "zx freeze" in last
    code, out, _ = run_main(["validate", str(campaign), "--lang", "en"])
    assert "pass (not frozen)" in out and "All clear" not in out


def test_a_hidden_error_is_never_called_a_pass(campaign: Path) -> None:
    edit(
        campaign / "dossiers" / "江苏省-苏州市" / "dossier.yaml", 'code: "320500"', 'code: "320599"'
    )
    code, out, _ = run_main(["validate", str(campaign), "--select", "ZX9"])
    last = out.strip().splitlines()[-1]
    assert code == 1
    assert "通过" not in last.replace("未通过", "") and "未通过" in last


def test_a_dossier_folder_linked_from_outside_is_an_error(campaign: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (campaign / "dossiers" / "江苏省-苏州市").rename(outside)
    os.symlink(outside, campaign / "dossiers" / "江苏省-苏州市")
    code, out, _ = run_main(["validate", str(campaign)])
    assert code == 1 and "ZX042" in out
    line = next(r for r in out.splitlines() if r.startswith("│ 江苏省-苏州市"))
    assert "未通过" in line


def test_one_file_as_every_required_document_is_an_error(campaign: Path) -> None:
    import yaml

    dossier = campaign / "dossiers" / "江苏省-苏州市" / "dossier.yaml"
    data = yaml.safe_load(dossier.read_text(encoding="utf-8"))
    letter = next(a["path"] for a in data["attachments"] if a["kind"] == "推荐函")
    text = dossier.read_text(encoding="utf-8")
    for att in data["attachments"]:
        if att["kind"] in ("申报书", "推荐表", "统计数据确认", "省政府同意文件"):
            text = text.replace(f"path: {att['path']}", f"path: {letter}", 1)
    dossier.write_text(text, encoding="utf-8")
    code, out, _ = run_main(["validate", str(campaign)])
    assert code == 1
    assert out.count("ZX362") >= 4
