"""The 申报书 labels a 盟's or 地区's governing body as a 行政公署 (issue 23, 第2条)."""

from __future__ import annotations

import zipfile

import pytest

from zxcli.render.view import government_label
from zxcli.resources import bundled_file


@pytest.mark.parametrize(
    ("government", "label"),
    [
        ("兴安盟行政公署", "行政公署"),
        ("和田地区行政公署", "行政公署"),
        ("苏州市人民政府", "人民政府"),
        (None, "人民政府"),
    ],
)
def test_the_label_follows_the_governing_body(government: object, label: str) -> None:
    assert government_label(government) == label


def test_the_template_prints_the_label_from_the_view() -> None:
    with zipfile.ZipFile(bundled_file("templates", "申报书.docx")) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "government_label" in body and ">市（州）人民政府<" not in body


def test_the_summary_says_the_verdict_never_a_bare_pass(tmp_path) -> None:
    """Issue 22: an unfrozen dossier is 通过（未冻结） in the 汇总表 too; issue 23: the plan
    city's note, where the sheet is signed, says why it does not use the quota."""
    import shutil
    from pathlib import Path

    from openpyxl import load_workbook

    from zxcli.render.writer import render_summary

    sample = Path(__file__).resolve().parents[3] / "sample_dossiers" / "2024"
    campaign = tmp_path / "2024"
    shutil.copytree(sample, campaign)
    dossier = campaign / "dossiers" / "江苏省-苏州市" / "dossier.yaml"
    rows = dossier.read_text(encoding="utf-8").splitlines(keepends=True)
    dossier.write_text(
        "".join(r for r in rows if not r.strip().startswith("sha256:")), encoding="utf-8"
    )
    ws = load_workbook(render_summary(campaign, tmp_path / "out")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "通过（未冻结）" in cells and "通过" in cells
    assert any(c.startswith("注：计划单列市由所在省推荐，不占用所在省名额") for c in cells)
