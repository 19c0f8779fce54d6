"""What `zx form export` writes: the workbook a city fills in, cell by cell."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from inproc import run_main

import zxcli.load.xlsxlib  # noqa: F401
from zxcli.schema.store import schema

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_dossiers" / "2024"


def zx(*args: object) -> tuple[int, str, str]:
    return run_main(map(str, args), env={"COLUMNS": "200"}, drop=("ZX_LANG",))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("export") / "申报数据表.xlsx"
    code, _, err = zx("form", "export", SAMPLE / "dossiers" / "江苏省-苏州市", "--out", out)
    assert code == 0, err
    return load_workbook(out)


def _row(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_codes_and_phone_numbers_are_text(book) -> None:
    ws = book["申报主体"]
    cell = ws.cell(_row(ws, "行政区划代码＊"), 2)
    assert cell.value == "320500" and cell.data_type == "s" and cell.number_format == "@"
    contacts = book["联系人"]
    assert contacts["D6"].value == "0512-68610000" and contacts["E6"].value == "13800000001"
    assert contacts["D6"].number_format == "@"


def test_figures_carry_their_unit_and_dates_are_dates(book) -> None:
    ws = book["(2) 产业特色与行业引领"]
    cell = ws.cell(_row(ws, "工业增加值（亿元）＊"), 2)
    assert cell.value == 10850 and cell.number_format == '0.00"亿元"'
    share = ws.cell(_row(ws, "占全省比重（%）＊"), 2)
    assert share.value == 24.5 and share.number_format == '0.00"%"'
    attachments = book["附件清单"]
    assert attachments["G6"].value == dt.datetime(2025, 3, 10)
    assert attachments["G6"].number_format == "yyyy-mm-dd"


def test_input_messages_and_drop_downs_come_from_the_schema(book) -> None:
    ws = book["申报主体"]
    level_row = _row(ws, "行政区层级＊")
    found = [v for v in ws.data_validations.dataValidation if f"B{level_row}" in str(v.sqref)]
    assert len(found) == 1
    level = schema("dossier")["properties"]["city"]["properties"]["level"]
    assert found[0].type == "list"
    assert found[0].formula1 == '"' + ",".join(level["enum"]) + '"'
    assert found[0].prompt == level["description"][:250] + (
        "…" if len(level["description"]) > 250 else ""
    )


def test_labels_are_locked_inputs_are_not_and_every_sheet_prints_on_a4(book) -> None:
    for ws in book.worksheets:
        if ws.title == "zx":
            assert ws.sheet_state == "hidden"
            continue
        assert ws.protection.sheet, ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws["A1"].protection.locked
    ws = book["申报主体"]
    row = _row(ws, "所在省份＊")
    assert ws.cell(row, 1).protection.locked and not ws.cell(row, 2).protection.locked


def test_tables_have_spare_rows_and_long_texts_wrap(book) -> None:
    ws = book["(2) 产业特色与行业引领"]
    header = _row(ws, "产品名称＊")
    rows = [ws.cell(header + i, 1).value for i in range(1, 6)]
    assert rows[:2] == ["笔记本电脑", "光纤光缆"] and rows[2:] == [None, None, None]
    assert not ws.cell(header + 4, 1).protection.locked  # a spare row is an input row
    plan = book["(1) 制造强国建设落实情况"]
    cell = plan.cell(_row(plan, "具体实施方案＊"), 2)
    assert cell.alignment.wrap_text and len(cell.value) > 50


def test_sheets_follow_the_forms(book) -> None:
    assert book.sheetnames[:3] == ["申报主体", "联系人", "申报书"]
    assert book.sheetnames[-2:] == ["推荐表", "zx"]


def test_the_blank_workbook_is_prefilled_as_zx_init_prefills(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    campaign = tmp_path / "2024"
    assert zx("init", campaign, "--campaign", "--year", "2024")[0] == 0
    out = tmp_path / "blank.xlsx"
    code, _, err = zx(
        "form",
        "export",
        "--campaign",
        campaign,
        "--province",
        "广东省",
        "--city",
        "佛山市",
        "--out",
        out,
    )
    assert code == 0, err
    ws = load_workbook(out)["申报主体"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 20)}
    assert values["行政区划代码＊"] == "440600" and values["行政区层级＊"] == "地级"
    government = next(v for k, v in values.items() if str(k).startswith("申报市（州）人民政府"))
    assert government == "佛山市人民政府"
    assert values["同级统计机关＊"] == "佛山市统计局"
    attachments = load_workbook(out)["附件清单"]
    assert attachments["H11"].value == "广东省人民政府"  # the consent's seal
    shutil.rmtree(campaign)
