"""`zx form import` refuses what it cannot take for certain, naming the cell; `--check`,
`--dry-run`, `--force`; the YAML it writes keeps the modeline, key order and freeze records."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import unfreeze
from inproc import run_main

import zxcli.load.xlsxlib  # noqa: F401
from zxcli.model.campaign import load_file

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_dossiers" / "2024"
SUZHOU = "江苏省-苏州市"


def zx(*args: object) -> tuple[int, str, str]:
    return run_main(map(str, args), env={"COLUMNS": "200"}, drop=("ZX_LANG",))


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    target = tmp_path / "2024"
    shutil.copytree(SAMPLE, target)
    unfreeze(target / "dossiers" / SUZHOU / "dossier.yaml")  # a test freezes it itself
    return target


@pytest.fixture
def book(campaign: Path, tmp_path: Path) -> Path:
    out = tmp_path / "申报数据表.xlsx"
    code, _, err = zx("form", "export", campaign / "dossiers" / SUZHOU, "--out", out)
    assert code == 0, err
    return out


def _edit(book: Path, change) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(book)
    change(wb)
    wb.save(book)


def _set(sheet: str, cell: str, value: object):
    def change(wb) -> None:
        wb[sheet][cell] = value

    return change


def _typed_as_percent(sheet: str, cell: str):
    """What Excel keeps when 6.8% is typed where 6.8 belongs: 0.068 in a % format."""

    def change(wb) -> None:
        wb[sheet][cell] = 0.068
        wb[sheet][cell].number_format = "0.00%"

    return change


def _import(book: Path, folder: Path, *extra: str) -> tuple[int, str]:
    code, out, err = zx("form", "import", book, folder, *extra)
    return code, out + err


def test_import_unchanged_writes_nothing_new(book: Path, campaign: Path) -> None:
    folder = campaign / "dossiers" / SUZHOU
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    code, out = _import(book, folder, "--dry-run")
    assert code == 0 and "没有变化" in out
    code, out = _import(book, folder)
    assert code == 0, out
    # Same data: every file left as it was, comments and all.
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_a_change_rewrites_only_its_file_keeping_the_modeline(book: Path, campaign: Path) -> None:
    folder = campaign / "dossiers" / SUZHOU
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    _edit(book, _set("(1) 制造强国建设落实情况", "B6", "新的年度工作计划"))
    code, out = _import(book, folder)
    assert code == 0, out
    after = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    assert after["dossier.yaml"] == before["dossier.yaml"]
    assert after["recommendation.yaml"] == before["recommendation.yaml"]
    assert after["application.yaml"].splitlines()[:2] == before["application.yaml"].splitlines()[:2]
    data = load_file(folder / "application.yaml", "application").data
    assert data["c1_strategy"]["annual_plan"] == "新的年度工作计划"


def test_dry_run_lists_each_change_with_its_cell_and_writes_nothing(
    book: Path, campaign: Path
) -> None:
    folder = campaign / "dossiers" / SUZHOU
    _edit(book, _set("(3) 工业投资和技术改造", "B6", 2200))
    before = (folder / "application.yaml").read_bytes()
    code, out = _import(book, folder, "--dry-run")
    assert code == 0, out
    assert "c3_investment.industrial_investment_yi.current: 2150.0 → 2200" in out
    assert "[(3) 工业投资和技术改造!B6]" in out
    assert (folder / "application.yaml").read_bytes() == before


def test_check_points_at_the_cell_and_the_yaml_line(book: Path, campaign: Path) -> None:
    _edit(book, _set("申报主体", "B8", "32050"))  # the code, one digit short
    code, out = _import(book, campaign / "dossiers" / SUZHOU, "--check")
    assert code == 1
    line = next(x for x in out.splitlines() if "申报主体!B8" in x)
    assert "（dossier.yaml:" in line and "ZX0" in line


def test_frozen_records_and_key_order_survive(book: Path, campaign: Path, tmp_path: Path) -> None:
    folder = campaign / "dossiers" / SUZHOU
    assert zx("freeze", folder)[0] == 0
    fresh = tmp_path / "frozen.xlsx"
    assert zx("form", "export", folder, "--out", fresh)[0] == 0
    frozen = (folder / "dossier.yaml").read_text(encoding="utf-8")
    _edit(fresh, _set("附件清单", "C6", "新的标题"))
    code, out = _import(fresh, folder)
    assert code == 0, out
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    assert text.count("sha256:") == frozen.count("sha256:") == 8
    keys = [re.match(r"^(\w+):", x).group(1) for x in text.splitlines() if re.match(r"^\w", x)]
    assert keys == [
        re.match(r"^(\w+):", x).group(1) for x in frozen.splitlines() if re.match(r"^\w", x)
    ]
    assert zx("validate", folder)[0] == 0
    # A path changed: that attachment's record is dropped, the file must be frozen anew.
    again = tmp_path / "again.xlsx"
    assert zx("form", "export", folder, "--out", again)[0] == 0
    _edit(again, _set("附件清单", "D6", "attachments/推荐表.pdf"))
    assert _import(again, folder)[0] == 0
    assert (folder / "dossier.yaml").read_text(encoding="utf-8").count("sha256:") == 7


def test_a_dossier_frozen_after_the_export_keeps_its_records_when_forced(
    book: Path, campaign: Path
) -> None:
    folder = campaign / "dossiers" / SUZHOU
    assert zx("freeze", folder)[0] == 0
    code, out = _import(book, folder)
    assert code == 1 and "ZX065" in out  # dossier.yaml changed since the export
    _edit(book, _set("附件清单", "C7", "新的标题"))
    code, out = _import(book, folder, "--force")
    assert code == 0, out
    assert (folder / "dossier.yaml").read_text(encoding="utf-8").count("sha256:") == 8
    assert zx("validate", folder)[0] == 0


def test_another_dossier_is_refused(book: Path, campaign: Path) -> None:
    code, out = _import(book, campaign / "dossiers" / "浙江省-宁波市")
    assert code == 1 and "ZX063" in out and "zx!B5" in out


def test_another_campaign_is_refused(book: Path, campaign: Path) -> None:
    settings = campaign / "zx.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("year: 2024", "year: 2025", 1),
        encoding="utf-8",
    )
    code, out = _import(book, campaign / "dossiers" / SUZHOU)
    assert code == 1 and "ZX064" in out


def test_yaml_changed_since_export_is_refused_unless_forced(book: Path, campaign: Path) -> None:
    folder = campaign / "dossiers" / SUZHOU
    path = folder / "recommendation.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("rank_in_province: 1", "rank_in_province: 2"),
        encoding="utf-8",
    )
    code, out = _import(book, folder)
    assert code == 1 and "ZX065" in out and "recommendation.yaml" in out
    assert "rank_in_province: 2 → 1" in out  # the conflict is shown
    assert "rank_in_province: 2" in path.read_text(encoding="utf-8")
    code, out = _import(book, folder, "--force")
    assert code == 0, out
    assert "rank_in_province: 2 → 1" in out
    assert "rank_in_province: 1" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "code", "cell"),
    [
        (_set("申报主体", "B5", '=A1&"x"'), "ZX066", "申报主体!B5"),  # a formula
        (_set("申报主体", "D20", "备注"), "ZX067", "申报主体!D20"),  # outside the form
        (_set("申报主体", "XFD1048576", "远处"), "ZX067", "申报主体!XFD1048576"),
        (lambda wb: wb["申报主体"].delete_rows(6), "ZX068", "申报主体!A6"),  # a label row deleted
        (lambda wb: wb["申报主体"].merge_cells("B8:C9"), "ZX069", "申报主体!B8"),
        (_set("(2) 产业特色与行业引领", "B21", "10850亿元"), "ZX070", "(2) 产业特色与行业引领!B21"),
        (_set("申报主体", "B4", "二〇二四"), "ZX070", "申报主体!B4"),
        (_typed_as_percent("(2) 产业特色与行业引领", "B22"), "ZX070", "(2) 产业特色与行业引领!B22"),
        (lambda wb: wb.create_sheet("我的备注"), "ZX072", "我的备注!A1"),
        # A control character the YAML loader refuses, with the loader's own code, at its cell.
        (
            _set("(1) 制造强国建设落实情况", "B5", "方案\u0085全文"),
            "ZX009",
            "(1) 制造强国建设落实情况!B5",
        ),
        (_set("zx", "B4", "2025"), "ZX062", "zx!A1"),  # the identity edited: hash mismatch
    ],
)
def test_a_workbook_zx_cannot_read_for_certain_is_refused_at_its_cell(
    book: Path, campaign: Path, change, code: str, cell: str
) -> None:
    folder = campaign / "dossiers" / SUZHOU
    before = (folder / "dossier.yaml").read_bytes()
    _edit(book, change)
    status, out = _import(book, folder)
    assert status == 1, out
    found = [x for x in out.splitlines() if code in x]
    assert found and cell in found[0], out
    assert (folder / "dossier.yaml").read_bytes() == before


def test_a_chart_sheet_in_place_of_a_form_sheet_is_refused(book: Path, campaign: Path) -> None:
    def swap(wb) -> None:
        from openpyxl.chart import BarChart

        index = wb.sheetnames.index("联系人")
        wb.remove(wb["联系人"])
        wb.create_chartsheet("联系人", index).add_chart(BarChart())

    _edit(book, swap)
    code, out = _import(book, campaign / "dossiers" / SUZHOU)
    assert code == 1 and "ZX061" in out


def test_hostile_files_are_refused_before_openpyxl_reads_them(
    book: Path, campaign: Path, tmp_path: Path
) -> None:
    folder = campaign / "dossiers" / SUZHOU
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (11 << 20))
    assert "ZX060" in _import(big, folder)[1]
    macro = tmp_path / "macro.xlsx"
    buffer = io.BytesIO(book.read_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0")
    macro.write_bytes(buffer.getvalue())
    assert "ZX071" in _import(macro, folder)[1]
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (8 << 20))
    assert "ZX060" in _import(bomb, folder)[1]


def test_a_nested_payload_is_refused_without_recursing(book: Path, campaign: Path) -> None:
    def nest(wb) -> None:
        meta = wb["zx"]
        meta["B7"] = "[" * 5000 + "]" * 5000

    _edit(book, nest)
    code, out = _import(book, campaign / "dossiers" / SUZHOU)
    assert code == 1 and "ZX062" in out and "sizes malformed" in out


def test_export_refuses_a_value_the_workbook_has_no_cell_for(
    campaign: Path, tmp_path: Path
) -> None:
    path = campaign / "dossiers" / SUZHOU / "recommendation.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "highlights:", "hilights: 拼错的字段\nhighlights:"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    code, _, err = zx("form", "export", path.parent, "--out", out)
    assert code == 2 and "ZX078" in err and "hilights" in err
    assert not out.exists()


def test_a_workbook_of_another_zx_version_is_refused(book: Path, campaign: Path) -> None:
    """Its identity intact, but made with other labels or fields (another zx)."""
    from dataclasses import replace

    from zxcli.form.identity import parse

    def older(wb) -> None:
        meta = wb["zx"]
        identity = parse({str(r[0].value): r[1].value for r in meta.iter_rows()})
        for row, (key, value) in enumerate(replace(identity, layout="0" * 64).cells(), 1):
            assert meta.cell(row, 1).value == key
            meta.cell(row, 2).value = value

    _edit(book, older)
    code, out = _import(book, campaign / "dossiers" / SUZHOU)
    assert code == 1 and "ZX079" in out and "zx!B9" in out


def test_check_copies_nothing_it_would_block_on(book: Path, campaign: Path) -> None:
    """A FIFO where an attachment should be, a link to /dev/zero in the campaign: --check
    finishes and reports what zx validate reports."""
    import os

    folder = campaign / "dossiers" / SUZHOU
    letter = folder / "attachments" / "推荐函.pdf"
    letter.unlink()
    os.mkfifo(letter)
    (campaign / "review" / "zero.bin").symlink_to("/dev/zero")
    _, checked = _import(book, folder, "--check")
    validated = zx("validate", folder)[1]
    codes = set(re.findall(r"ZX\d{3}", validated))
    assert codes and codes == set(re.findall(r"ZX\d{3}", checked)) - {"ZX065"}


def test_committee_list_round_trips(campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "评审委员会.xlsx"
    assert zx("form", "export", "--committee", campaign, "--out", out)[0] == 0
    committee = campaign / "review" / "committee.yaml"
    original = load_file(committee, "committee").data
    committee.unlink()
    code, text = _import(out, campaign)
    assert code == 0, text
    assert load_file(committee, "committee").data == original
    assert json.dumps(original, ensure_ascii=False).count("ties") >= 1
