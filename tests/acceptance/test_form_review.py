"""`zx init --review`: a starting point for every file the ministry writes, and the
committee list filled in Excel (`zx form export --committee` / `zx form import`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from inproc import run_main

import zxcli.load.xlsxlib  # noqa: F401
from zxcli.model.campaign import load_file
from zxcli.resources import bundled_dir

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_dossiers" / "2024"


def zx(*args: object) -> tuple[int, str, str]:
    return run_main(map(str, args), env={"COLUMNS": "200"}, drop=("ZX_LANG",))


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    target = tmp_path / "2024"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("review"))
    return target


def test_init_review_writes_each_template_with_its_modeline(campaign: Path) -> None:
    code, _out, err = zx("init", campaign, "--review")
    assert code == 0, err
    templates = sorted(
        p.name for p in (bundled_dir("templates") / "init" / "review").glob("*.yaml")
    )
    assert {"committee.yaml", "decision.yaml", "publicity.yaml"} <= set(templates)
    written = [campaign / "review" / "committee.yaml"] + [
        campaign / "review" / "templates" / n for n in templates if n != "committee.yaml"
    ]
    for path in written:
        text = path.read_text(encoding="utf-8")
        kind = path.stem
        assert text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json")
        assert (campaign / "review" / f"../schemas/{kind}.schema.json").resolve().is_file()
        assert "{{" not in text and "year: 2024" in text
    assert "zx ballots" in err  # the next step, named
    # Filled-in files are never replaced by a template.
    again = zx("init", campaign, "--review")
    assert again[0] == 2 and "ZX903" in again[2]


def test_the_later_steps_templates_do_not_stop_the_first_tally(campaign: Path) -> None:
    assert zx("init", campaign, "--review")[0] == 0
    assert not (campaign / "review" / "decision.yaml").exists()
    assert not (campaign / "review" / "publicity.yaml").exists()


def test_a_committee_filled_in_excel_becomes_committee_yaml(campaign: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert zx("init", campaign, "--review")[0] == 0
    book = tmp_path / "评审委员会.xlsx"
    code, _, err = zx("form", "export", "--committee", campaign, "--out", book)
    assert code == 0, err
    sample = load_file(SAMPLE / "review" / "committee.yaml", "committee").data
    wb = load_workbook(book)
    ws = wb["评审委员会"]
    first = next(r for r in range(1, 40) if ws.cell(r, 1).value == "委员编号＊") + 1
    rows = ws.max_row
    assert rows - first + 1 >= 5
    ws["B5"] = sample["chair"]
    members = sample["members"][:5]
    for i, member in enumerate(members):
        for j, key in enumerate(("id", "name", "kind", "affiliation", "province"), start=1):
            ws.cell(first + i, j, member.get(key))
    wb.save(book)
    code, out, err = zx("form", "import", book, campaign)
    assert code == 0, out + err
    written = campaign / "review" / "committee.yaml"
    data = load_file(written, "committee").data
    assert data["chair"] == sample["chair"]
    assert [m["id"] for m in data["members"]] == [m["id"] for m in members]
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_check_holds_the_committee_list_to_article_8_at_its_cells(
    campaign: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    shutil.copytree(SAMPLE / "review", campaign / "review")
    book = tmp_path / "评审委员会.xlsx"
    assert zx("form", "export", "--committee", campaign, "--out", book)[0] == 0
    wb = load_workbook(book)
    ws = wb["评审委员会"]
    row = next(r for r in range(1, 60) if ws.cell(r, 1).value == "M02")
    ws.cell(row, 1).value = "M01"  # an id typed twice
    wb.save(book)
    code, out, _ = zx("form", "import", book, campaign, "--check")
    assert code == 1
    assert any(
        f"评审委员会!A{row}（committee.yaml:" in line and "ZX704" in line
        for line in out.splitlines()
    ), out
