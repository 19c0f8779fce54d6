"""Codes that other tests exercised by their words only: each is raised here by name, in the
words the catalog gives it (tests/acceptance/test_every_code.py lists codes without one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, SUZHOU
from inproc import run_main

from zxcli.catalog import rule


@pytest.mark.parametrize(
    ("argv", "code", "params"),
    [
        (["valdate", "."], "ZX925", {"name": "valdate", "did_you_mean": "；是否指 validate？"}),
        (["rules", "extra"], "ZX926", {"args": "extra"}),
        (["validate", "--format"], "ZX927", {"option": "--format"}),
        (["validate", "--quiet=1", "."], "ZX928", {"option": "--quiet"}),
    ],
)
def test_clicks_own_usage_errors_speak_the_catalogs_words(
    argv: list[str], code: str, params: dict[str, str]
) -> None:
    status, _, err = run_main(argv, env={"ZX_LANG": "zh"})
    assert status == 2
    assert rule(code).render("zh", params) in err


def test_a_folder_outside_any_campaign_is_not_exported(tmp_path: Path) -> None:
    loose = tmp_path / "江苏省-苏州市"
    shutil.copytree(SAMPLES / "2024" / "dossiers" / SUZHOU, loose)
    status, _, err = run_main(["form", "export", str(loose), "--out", str(tmp_path / "a.xlsx")])
    assert status == 2 and "ZX075" in err
    assert not (tmp_path / "a.xlsx").exists()


def test_unreadable_settings_export_no_blank_workbook(tmp_path: Path) -> None:
    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", campaign)
    (campaign / "zx.yaml").write_text("year: [\n", encoding="utf-8")
    status, _, err = run_main(
        [
            "form",
            "export",
            "--campaign",
            str(campaign),
            "--province",
            "江苏省",
            "--city",
            "无锡市",
            "--out",
            str(tmp_path / "b.xlsx"),
        ]
    )
    assert status != 0 and "ZX074" in err
    assert not (tmp_path / "b.xlsx").exists()


def test_a_dossier_with_broken_yaml_is_not_exported(tmp_path: Path) -> None:
    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", campaign)
    dossier = campaign / "dossiers" / SUZHOU
    (dossier / "application.yaml").write_text("data_year: [\n", encoding="utf-8")
    status, _, err = run_main(["form", "export", str(dossier), "--out", str(tmp_path / "c.xlsx")])
    assert status != 0 and "ZX076" in err
    assert not (tmp_path / "c.xlsx").exists()


def test_a_pdf_that_needs_too_much_memory_is_not_checked(monkeypatch) -> None:
    """ZX335: parsing ran out of its memory limit; the PDF is not accepted (fail closed)."""
    import io

    from zxcli.load import files, pdfbudget
    from zxcli.rules.attachments import _PDF_CODES

    def out_of_memory(work, *, child: bool = False):
        raise pdfbudget.OverBudget("memory")

    monkeypatch.setattr(pdfbudget, "bounded", out_of_memory)
    data = b"%PDF-1.7\nnot a page tree the fast reader knows\n%%EOF\n"
    state, pages = files.check_pdf_stream(io.BytesIO(data), None, data)
    assert state is files.PdfState.TOO_COSTLY and pages is None
    assert _PDF_CODES[state] == "ZX335" and rule("ZX335").severity.value == "error"


def test_a_tie_of_a_member_not_on_the_list_is_named_at_its_cell(tmp_path: Path) -> None:
    """ZX077: a 回避 row whose member is not in the members' table above."""
    from openpyxl import load_workbook

    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", campaign)
    book = tmp_path / "k.xlsx"
    assert run_main(["form", "export", "--committee", str(campaign), "--out", str(book)])[0] == 0
    wb = load_workbook(book)
    ws = wb["评审委员会"]
    row = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 1).value == "M15" and ws.cell(r, 2).value == "420600"
    )
    ws.cell(row, 1).value = "M99"
    wb.save(book)
    status, out, _ = run_main(["form", "import", str(book), str(campaign), "--check"])
    assert status == 1 and "ZX077" in out and f"评审委员会!A{row}" in out


def test_a_list_item_holding_a_separator_is_not_exported(tmp_path: Path) -> None:
    """ZX073: one seal named "A、B" would come back from the workbook as two seals."""
    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", campaign)
    dossier = campaign / "dossiers" / SUZHOU
    yaml_file = dossier / "dossier.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert "seals: [苏州市统计局]" in text
    joined = "seals: [苏州市统计局、苏州市人民政府]"
    yaml_file.write_text(text.replace("seals: [苏州市统计局]", joined, 1), encoding="utf-8")
    status, _, err = run_main(["form", "export", str(dossier), "--out", str(tmp_path / "d.xlsx")])
    assert status != 0 and "ZX073" in err and not (tmp_path / "d.xlsx").exists()
