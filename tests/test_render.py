"""`zx render-forms`: the files open, look like 公文, show the dossier's own figures,
are written safely and the same every time."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SUZHOU, edit
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from zxcli.errors import DataError, OutputError, UsageError, ZxError
from zxcli.load.yamlsafe import load_yaml
from zxcli.model.campaign import list_dossiers, load_dossier
from zxcli.render import fonts, pdf
from zxcli.render.view import (
    NOT_A_NUMBER,
    amount,
    build_view,
    chinese_date,
    fixed2,
    growth_pct,
    percent,
    plain,
    share_pct,
)
from zxcli.render.writer import (
    MAX_STEM_BYTES,
    cap_bytes,
    render_forms,
    render_summary,
    unique_stems,
)

CAMPAIGN = SAMPLES / "2024"
DOSSIERS = list_dossiers(CAMPAIGN)
FORMS = ("申报书.docx", "推荐表.docx", "推荐表.xlsx")


def stem(root: Path) -> str:
    meta = load_yaml(root / "dossier.yaml").data
    return f"{meta['year']}-{meta['province']}-{meta['city']['name']}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample dossier and the 汇总表, rendered once for the whole module."""
    out = tmp_path_factory.mktemp("forms")
    render_forms(DOSSIERS, out)
    render_summary(CAMPAIGN, out)
    return out


def outputs(out: Path, suffix: str) -> Iterator[tuple[Path, Path]]:
    for root in DOSSIERS:
        yield root, out / f"{stem(root)}-{suffix}"


def texts(path: Path) -> str:
    """Every paragraph of a Word file (tables included), one per line."""
    doc = Document(str(path))
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))
    )


def sheet_texts(path: Path) -> str:
    ws = load_workbook(path).active
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


# ---------------------------------------------------------------- what is written


def test_every_sample_dossier_gets_both_forms_and_the_campaign_a_summary(rendered: Path) -> None:
    expected = {f"{stem(root)}-{form}" for root in DOSSIERS for form in FORMS}
    expected.add("2024-汇总表.xlsx")
    assert {p.name for p in rendered.iterdir()} == expected
    assert len(DOSSIERS) >= 1


def test_file_names_follow_year_province_city(rendered: Path) -> None:
    assert (rendered / f"2024-{SUZHOU}-申报书.docx").is_file()


# ---------------------------------------------------------------- layout (GB/T 9704)


@pytest.mark.parametrize("form", ["申报书.docx", "推荐表.docx"])
def test_docx_is_a4_with_official_margins(rendered: Path, form: str) -> None:
    for _, path in outputs(rendered, form):
        for section in Document(str(path)).sections:
            assert abs(section.page_width - Mm(210)) < Mm(0.5)
            assert abs(section.page_height - Mm(297)) < Mm(0.5)
            for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
                assert abs(getattr(section, f"{side}_margin") - Mm(mm)) < Mm(0.5), side


def test_styles_carry_east_asian_fonts_and_sizes(rendered: Path) -> None:
    doc = Document(str(rendered / f"2024-{SUZHOU}-申报书.docx"))
    resolved, default = fonts.style_east_asia(doc)
    assert default == fonts.BODY
    expected = {
        "Normal": (fonts.BODY, 16),
        "Title": (fonts.TITLE, 22),
        "Heading1": (fonts.HEADING1, 16),
        "Heading2": (fonts.HEADING2, 16),
        "Footer": (fonts.PAGE_NUMBER, 14),
    }
    for style_id, (font, size) in expected.items():
        assert resolved[style_id] == font, style_id
        style = next(s for s in doc.styles if s.style_id == style_id)
        assert style.font.size == Pt(size), style_id
    for style in doc.styles.element.findall(qn("w:style")):
        rfonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None:  # no theme font left to override the explicit one
            assert rfonts.get(qn("w:eastAsiaTheme")) is None
            assert rfonts.get(qn("w:eastAsia")), style.get(qn("w:styleId"))


@pytest.mark.parametrize("form", ["申报书.docx", "推荐表.docx"])
def test_every_run_has_an_east_asian_font(rendered: Path, form: str) -> None:
    for _, path in outputs(rendered, form):
        assert fonts.runs_without_east_asia(Document(str(path))) == []


def test_body_is_22_lines_of_28_characters(rendered: Path) -> None:
    doc = Document(str(rendered / f"2024-{SUZHOU}-申报书.docx"))
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95)
    assert 22 * 28.95 <= (297 - 37 - 35) / 25.4 * 72
    grid = doc.sections[-1]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    # 28 characters of 16 pt, condensed by 0.25 pt, fill the 156 mm line.
    spacing = doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    pitch = 16 + int(spacing.get(qn("w:val"))) / 20
    assert int((210 - 28 - 26) / 25.4 * 72 / pitch) == 28


def test_page_numbers_are_a_page_field_between_dashes(rendered: Path) -> None:
    doc = Document(str(rendered / f"2024-{SUZHOU}-申报书.docx"))
    body = doc.sections[-1]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (body.footer, body.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert footer.paragraphs[0].text.startswith("— ")
        assert footer.paragraphs[0].text.endswith(" —")
    assert "w:pgNumType" in body._sectPr.xml  # numbering starts after the cover


def test_cover_shows_year_city_recommender_and_date(rendered: Path) -> None:
    text = texts(rendered / f"2024-{SUZHOU}-申报书.docx")
    cover = text[: text.index("申　报　书") + 200]
    for expected in ("2024年度", "苏州市", "江苏省工业和信息化厅", "2025年3月10日", "附件1"):
        assert expected in cover


# ---------------------------------------------------------------- the dossier's own figures


def test_application_shows_each_dossiers_figures(rendered: Path) -> None:
    for root, path in outputs(rendered, "申报书.docx"):
        app = load_yaml(root / "application.yaml").data
        text = texts(path)
        assert app["city"] in text
        for product in app["c2_industry"]["leading_products"]:
            assert product["name"] in text
            assert f"{plain(product['output'])}{product['unit']}" in text
            assert f"{plain(product['national_output'])}{product['unit']}" in text
            assert percent(share_pct(product["output"], product["national_output"])) in text
        c3 = app["c3_investment"]
        industrial, tech = c3["industrial_investment_yi"], c3["tech_renovation_investment_yi"]
        assert f"{industrial['current']:.2f}亿元" in text
        assert f"{tech['previous']:.2f}亿元" in text
        assert percent(share_pct(tech["current"], industrial["current"])) in text
        assert percent(growth_pct(tech["current"], tech["previous"])) in text
        meta = load_yaml(root / "dossier.yaml").data
        for attachment in meta["attachments"]:
            assert attachment["title"] in text


def test_suzhou_figures_as_printed(rendered: Path) -> None:
    text = texts(rendered / f"2024-{SUZHOU}-申报书.docx")
    for expected in (
        "5600万台",
        "24500万台",
        "22.86%",
        "9.60%",
        "10850.00亿元",
        "2150.00亿元",
        "1250.00亿元",
        "58.14%",
        "10.62%",
        "6.97%",
        "一、基本情况",
        "（二）主导产品产量及占全国比重",
        "九、申报材料清单",
        "未发生",
    ):
        assert expected in text, expected


def test_numbers_are_right_aligned(rendered: Path) -> None:
    doc = Document(str(rendered / f"2024-{SUZHOU}-申报书.docx"))
    for table in doc.tables:
        for cell in (c for row in table.rows for c in row.cells):
            if cell.text.endswith(("亿元", "%")) and cell.text[0].isdigit():
                style = cell.paragraphs[0].style
                assert style.paragraph_format.alignment == 2, cell.text  # RIGHT


def test_recommendation_docx_is_one_bordered_table(rendered: Path) -> None:
    for root, path in outputs(rendered, "推荐表.docx"):
        doc = Document(str(path))
        assert len(doc.tables) == 1
        table = doc.tables[0]
        assert len(table.columns) == 4 and len(table.rows) == 14
        assert table.style.name == "Table Grid"
        rec = load_yaml(root / "recommendation.yaml").data
        text = texts(path)
        for value in (
            rec["city"],
            rec["recommender"],
            rec["recommender_opinion"]["text"],
            rec["provincial_consent"]["opinion"],
            rec["contact"]["name"],
            chinese_date(rec["recommender_opinion"]["date"]),
            "（盖章）",
            percent(rec["summary_indicators"]["tech_renovation_share_pct"]),
        ):
            assert value in text, value
        heads = [i for i, r in enumerate(table.rows) if r.cells[0].text == "推荐单位意见"]
        assert len(heads) == 1
        assert table.rows[heads[0]].cells[2].text == "省级人民政府（兵团）意见"
        # Opinions in one row, seal room and 落款 in the next: the two 落款 stand level.
        boxes = table.rows[heads[0] + 2]
        for cell in (boxes.cells[0], boxes.cells[2]):  # side by side, each with its seal room
            spaces = [
                p
                for p in cell.paragraphs
                if not p.text and (p.paragraph_format.line_spacing or 0) >= Mm(44.9)
            ]
            assert len(spaces) == 1 and "（盖章）" in cell.text
        assert table.rows[heads[0] + 1].cells[0].text == rec["recommender_opinion"]["text"]


def test_recommendation_xlsx_stores_figures_as_numbers(rendered: Path) -> None:
    """10850.00亿元 is the number 10850 shown with its unit, not a text (issue 26)."""
    for root, path in outputs(rendered, "推荐表.xlsx"):
        ws = load_workbook(path).active
        rec = load_yaml(root / "recommendation.yaml").data["summary_indicators"]
        cells = [
            c
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
        ]
        value = next(c for c in cells if c.value == pytest.approx(rec["industrial_value_added_yi"]))
        assert value.number_format == '0.00"亿元"'
        assert any(c.number_format == '0.00"%"' for c in cells)
        assert not any(
            isinstance(c.value, str) and c.value.endswith("亿元")
            for row in ws.iter_rows()
            for c in row
        ), root.name


def test_word_files_say_zh_cn_only(rendered: Path) -> None:
    """No ja-JP (python-docx's default template) in settings, theme or font table."""
    for _root, path in [*outputs(rendered, "申报书.docx"), *outputs(rendered, "推荐表.docx")]:
        with zipfile.ZipFile(path) as package:
            for name in ("word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml"):
                text = package.read(name).decode("utf-8")
                assert "ja-JP" not in text and "Jpan" not in text, (path.name, name)
                assert "ＭＳ" not in text, (path.name, name)


def test_share_of_a_municipality_district_is_of_the_city(rendered: Path) -> None:
    """A 直辖市辖区 reports its share of the 直辖市 (占全市), others of the province."""
    for root, path in outputs(rendered, "申报书.docx"):
        level = load_yaml(root / "dossier.yaml").data["city"]["level"]
        expected = "占全市工业增加值比重" if level.startswith("直辖市") else "占全省工业增加值比重"
        assert expected in texts(path), root.name


def test_empty_lists_print_none(tmp_path: Path) -> None:
    import dataclasses
    import datetime as dt

    from zxcli.render.docx_forms import render_docx
    from zxcli.render.templates import APPLICATION, load_template

    view = build_view(load_dossier(CAMPAIGN / "dossiers" / SUZHOU))
    empty = dataclasses.replace(view, c1=dataclasses.replace(view.c1, policies=[]), contacts=[])
    path = tmp_path / "a.docx"
    path.write_bytes(render_docx(load_template(APPLICATION), empty, dt.date(2025, 3, 10)))
    text = texts(path)
    assert "（三）配套政策\n无\n" in text and "（二）联系人\n无\n" in text
    assert "政策文件名称" not in text


def test_application_cover_and_closing_carry_the_city_government(rendered: Path) -> None:
    for root, path in outputs(rendered, "申报书.docx"):
        government = load_yaml(root / "dossier.yaml").data["government"]
        text = texts(path)
        assert f"申报单位（盖章）：{government}" in text
        assert text.rstrip().splitlines()[-2] == government  # 落款: sender, then the date


def test_tables_keep_their_rows_together(rendered: Path) -> None:
    doc = Document(str(rendered / f"2024-{SUZHOU}-申报书.docx"))
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for row in table.rows[:-1]:  # all but the last keep with the next
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_recommendation_xlsx_prints_on_one_bordered_a4_page(rendered: Path) -> None:
    for root, path in outputs(rendered, "推荐表.xlsx"):
        ws = load_workbook(path).active
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == "portrait"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
        assert ws.print_area
        assert ws.merged_cells.ranges
        for merged in ws.merged_cells.ranges:
            for row in ws.iter_rows(
                min_row=merged.min_row,
                max_row=merged.max_row,
                min_col=merged.min_col,
                max_col=merged.max_col,
            ):
                for cell in row:  # every cell on the range's sides carries its edge
                    edges = [
                        cell.border.left if cell.column == merged.min_col else None,
                        cell.border.right if cell.column == merged.max_col else None,
                    ]
                    assert all(e.style == "thin" for e in edges if e is not None), cell
        _check_seal_boxes(ws)
        rec = load_yaml(root / "recommendation.yaml").data
        text = sheet_texts(path)
        for value in (
            rec["city"],
            rec["recommender"],
            rec["summary_indicators"]["leading_product"],
            rec["recommender_opinion"]["text"],
            "（盖章）",
        ):
            assert value in text


def _check_seal_boxes(ws: object) -> None:
    """Each 意见 box: heading, opinion, ≥ 45 mm of clear space, who seals, the date — the
    last two in right-aligned rows of their own (no padding spaces), no shrink-to-fit."""
    head = next(c for c in ws["A"] if c.value == "推荐单位意见")
    for column in ("A", "C"):
        sealer = ws[f"{column}{head.row + 3}"]
        date = ws[f"{column}{head.row + 4}"]
        assert "（盖章）" in sealer.value and sealer.value == sealer.value.strip()
        assert sealer.alignment.horizontal == date.alignment.horizontal == "right"
        assert ws[f"{column}{head.row + 2}"].value is None
    assert ws.row_dimensions[head.row + 2].height >= 45 * 72 / 25.4
    for row in ws.iter_rows():
        for cell in row:
            assert not cell.alignment.shrink_to_fit
            if cell.value is not None:
                assert cell.font.name in (fonts.BODY, fonts.HEADING1, fonts.TITLE), cell


def test_summary_has_one_row_per_nomination_in_code_order(rendered: Path) -> None:
    ws = load_workbook(rendered / "2024-汇总表.xlsx").active
    header = [c.value.replace("\n", "") for c in ws[2]]
    assert header[:4] == ["序号", "行政区划代码", "所在省份", "申报市（州）"]
    rows = [
        [c.value for c in row] for row in ws.iter_rows(min_row=3) if isinstance(row[0].value, int)
    ]  # not the 填报人/盖章 row under the table
    assert len(rows) == len(DOSSIERS)
    assert "推荐排序" in header and all(r[header.index("推荐排序")] == 1 for r in rows)
    *_, sign = ws.iter_rows()
    assert "填报人" in sign[0].value and "（盖章）" in sign[len(header) // 2].value
    codes = [r[1] for r in rows]
    assert codes == sorted(codes)
    by_city = {r[3]: dict(zip(header, r, strict=True)) for r in rows}
    for root in DOSSIERS:
        app = load_yaml(root / "application.yaml").data
        row = by_city[app["city"]]
        value_added = app["c2_industry"]["industrial_value_added_yi"]
        assert row["工业增加值（亿元）"] == pytest.approx(value_added)
        c3 = app["c3_investment"]
        share = share_pct(
            c3["tech_renovation_investment_yi"]["current"],
            c3["industrial_investment_yi"]["current"],
        )
        assert row["技改投资占比（%）"] == pytest.approx(float(share))
        assert row["校验结果"] == "通过"


def test_summary_print_setup(rendered: Path) -> None:
    ws = load_workbook(rendered / "2024-汇总表.xlsx").active
    assert ws.freeze_panes == "E3"
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2"
    assert ws.print_area
    numeric = ws.cell(3, 7)
    assert isinstance(numeric.value, (int, float)) and numeric.alignment.horizontal == "right"


# ---------------------------------------------------------------- writing safely


def test_existing_output_is_not_overwritten_and_nothing_is_written(tmp_path: Path) -> None:
    suzhou = CAMPAIGN / "dossiers" / SUZHOU
    # Only the last target exists: the refusal must come before the first write.
    last = tmp_path / f"2024-{SUZHOU}-推荐表.xlsx"
    last.write_bytes(b"office's own edits")
    with pytest.raises(OutputError) as caught:
        render_forms([suzhou], tmp_path)
    assert caught.value.code == "ZX903" and caught.value.exit_code == 2
    assert [p.name for p in tmp_path.iterdir()] == [last.name]
    assert last.read_bytes() == b"office's own edits"
    written = render_forms([suzhou], tmp_path, force=True)
    assert last in written and last.read_bytes().startswith(b"PK")


def test_same_input_gives_same_bytes(rendered: Path, tmp_path: Path) -> None:
    again = render_forms([CAMPAIGN / "dossiers" / SUZHOU], tmp_path)
    again.append(render_summary(CAMPAIGN, tmp_path))
    for path in again:
        assert path.read_bytes() == (rendered / path.name).read_bytes(), path.name
    with zipfile.ZipFile(again[0]) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"
        core = package.read("docProps/core.xml").decode()
    assert "2025-03-10T00:00:00Z" in core and "<cp:revision>1</cp:revision>" in core


def test_dossier_with_errors_is_refused_unless_draft(campaign: Path, tmp_path: Path) -> None:
    dossier = campaign / "dossiers" / SUZHOU
    edit(dossier / "dossier.yaml", 'code: "320500"', 'code: "32050"')
    out = tmp_path / "out"
    with pytest.raises(DataError) as caught:
        render_forms([dossier], out)
    assert caught.value.code == "ZX801" and caught.value.exit_code == 1
    assert not out.exists()
    written = render_forms([dossier], out, draft=True)
    assert len(written) == 3


def test_draft_marks_every_page(tmp_path: Path) -> None:
    written = render_forms([CAMPAIGN / "dossiers" / SUZHOU], tmp_path, draft=True)
    for path in written:
        if path.suffix == ".docx":
            doc = Document(str(path))
            for section in doc.sections:
                for header in (section.header, section.even_page_header, section.first_page_header):
                    assert not header.is_linked_to_previous
                    assert "草稿" in "".join(p.text for p in header.paragraphs)
        else:
            ws = load_workbook(path).active
            assert "草稿" in ws.oddHeader.center.text


def test_inputs_are_never_modified(campaign: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in campaign.rglob("*") if p.is_file()}
    render_forms([campaign / "dossiers" / SUZHOU], tmp_path, draft=True)
    render_summary(campaign, tmp_path)
    assert {p: p.read_bytes() for p in campaign.rglob("*") if p.is_file()} == before


def test_clashing_names_get_the_folder_name(campaign: Path, tmp_path: Path) -> None:
    copy = campaign / "dossiers" / "江苏省-苏州市-副本"
    shutil.copytree(campaign / "dossiers" / SUZHOU, copy)
    # A copy is a duplicate nomination (ZX601, ZX602, ZX113); this test is about file names.
    with (campaign / "zx.yaml").open("a", encoding="utf-8") as zx_yaml:
        zx_yaml.write("rules: {ZX601: off, ZX602: off, ZX113: off}\n")
    written = render_forms([campaign / "dossiers" / SUZHOU, copy], tmp_path)
    assert len({p.name for p in written}) == 6
    assert tmp_path / "2024-江苏省-苏州市-江苏省-苏州市-副本-申报书.docx" in written


# ---------------------------------------------------------------- view model


def test_view_numbers_and_dates() -> None:
    assert share_pct(1, 8) == share_pct(12.5, 100)
    assert percent(share_pct(1, 8)) == "12.50%"
    assert percent(share_pct(5, 1000 / 0.125)) == "0.06%"  # 0.0625 → 0.06 (half up on 2 dp)
    assert str(share_pct(1, 400)) == "0.25"
    assert percent(growth_pct(1250, 1130)) == "10.62%"
    assert growth_pct(5, 0) is None and share_pct("x", 5) is None
    assert chinese_date("2025-03-05") == "2025年3月5日"
    assert plain(5600.0) == "5600" and plain(9.6) == "9.6"


def test_numbers_of_any_size_format() -> None:
    assert amount(1e300) == "1" + "0" * 300 + ".00亿元"
    assert fixed2(10**29) == "1" + "0" * 29 + ".00"
    assert plain(1.7976931348623157e308) == "17976931348623157" + "0" * 292
    assert fixed2(5e-324) == "0.00" and fixed2(0.005) == "0.01" and fixed2(2.675) == "2.68"
    huge = growth_pct(1.7976931348623157e308, 5e-324)  # the largest a double can give
    assert huge is not None and percent(huge).endswith(".00%") and len(percent(huge)) > 630
    assert fixed2(share_pct(-1e308, 5e-324)).startswith("-2")
    for bad in (float("inf"), float("-inf"), float("nan")):
        assert fixed2(bad) == plain(bad) == amount(bad).removesuffix("亿元") == NOT_A_NUMBER


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(allow_nan=False, allow_infinity=False),
)
def test_every_finite_float_formats(a: float, b: float) -> None:
    for text in (
        plain(a),
        fixed2(a),
        amount(a),
        percent(b),
        percent(growth_pct(a, b)),
        percent(share_pct(a, b)),
    ):
        assert NOT_A_NUMBER not in text
    assert fixed2(a).replace("-", "", 1).replace(".", "", 1).isdigit()


def test_file_stems_are_cut_at_a_character_and_stay_unique() -> None:
    assert cap_bytes("苏州市", 7) == "苏州" and cap_bytes("苏州市", 9) == "苏州市"
    long = "2025-江苏省" + "很长" * 200
    stems = unique_stems([long + "甲", long + "乙", long + "甲"], ["a", "a", "b"])
    assert len(set(stems)) == 3
    assert all(len(s.encode("utf-8")) <= MAX_STEM_BYTES for s in stems)
    assert unique_stems(["2024-江苏省-苏州市"] * 2, ["x", "y"]) == [
        "2024-江苏省-苏州市-x",
        "2024-江苏省-苏州市-y",
    ]


def test_view_survives_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("year: [", encoding="utf-8")
    view = build_view(load_dossier(tmp_path), draft=True)
    assert view.city.name == "" and view.c2.products == [] and view.draft


def test_folded_yaml_lines_do_not_leave_spaces_in_chinese(rendered: Path) -> None:
    view = build_view(load_dossier(CAMPAIGN / "dossiers" / SUZHOU))
    assert "、 " not in view.c1.implementation_plan


# ---------------------------------------------------------------- PDF and LibreOffice


def test_pdf_without_libreoffice_is_a_coded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZX_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(UsageError) as caught:
        render_forms([CAMPAIGN / "dossiers" / SUZHOU], tmp_path / "out", ["docx", "pdf"])
    assert caught.value.code == "ZX807"
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(pdf.soffice() is None, reason="LibreOffice is not installed")
def test_outputs_open_in_libreoffice_and_the_form_fits_one_page(rendered: Path) -> None:
    import datetime as dt
    from io import BytesIO

    from pypdf import PdfReader

    names = [f"2024-{SUZHOU}-{form}" for form in ("申报书.docx", "推荐表.docx")]
    files = {name: (rendered / name).read_bytes() for name in names}
    files["推荐表.xlsx"] = (rendered / f"2024-{SUZHOU}-推荐表.xlsx").read_bytes()
    files["汇总表.xlsx"] = (rendered / "2024-汇总表.xlsx").read_bytes()
    pdfs = pdf.to_pdf(files, {names[1]: dt.date(2025, 3, 10)})
    readers = {name: PdfReader(BytesIO(data)) for name, data in pdfs.items()}
    pages = {name: len(reader.pages) for name, reader in readers.items()}
    assert pages[names[0]] > 2  # cover and body
    assert pages[names[1]] == 1 and pages["推荐表.xlsx"] == 1 and pages["汇总表.xlsx"] == 1
    assert readers[names[1]].metadata["/CreationDate"] == "D:20250310000000Z"
    assert "苏州市" in readers[names[1]].pages[0].extract_text()


def test_pdfs_are_made_in_one_libreoffice_run_and_are_reproducible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    def blank_pdf(stamp: str) -> bytes:
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        writer.add_metadata({"/CreationDate": stamp})
        out = BytesIO()
        writer.write(out)
        return out.getvalue()

    calls = []

    def fake_to_pdf(files, dates=None, **_):  # stands in for LibreOffice
        calls.append(sorted(files))
        return {
            name: pdf.reproducible(blank_pdf("D:20991231"), data, (dates or {}).get(name))
            for name, data in files.items()
        }

    monkeypatch.setattr(pdf, "require_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf, "to_pdf", fake_to_pdf)
    roots = [CAMPAIGN / "dossiers" / SUZHOU, DOSSIERS[0]]
    written = render_forms(roots, tmp_path, ["pdf"])
    assert len(calls) == 1 and len(calls[0]) == 2 * len(roots)
    assert sorted(p.name for p in written) == sorted(
        f"{stem(root)}-{form}.pdf" for root in roots for form in ("申报书", "推荐表")
    )
    suzhou = tmp_path / f"2024-{SUZHOU}-推荐表.pdf"
    assert PdfReader(suzhou).metadata["/CreationDate"] == "D:20250310000000Z"
    same = pdf.reproducible(blank_pdf("D:20000101"), b"form", dt.date(2025, 3, 10))
    assert same == pdf.reproducible(blank_pdf("D:20991231"), b"form", dt.date(2025, 3, 10))


# ---------------------------------------------------------------- command line


def test_cli_writes_forms_and_refuses_to_overwrite(tmp_path: Path) -> None:
    from zxcli.cli import _build_app

    app = _build_app()
    runner = CliRunner()
    suzhou = str(CAMPAIGN / "dossiers" / SUZHOU)
    result = runner.invoke(app, ["render-forms", suzhou, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "申报书.docx" in result.stdout
    again = runner.invoke(app, ["render-forms", suzhou, "-o", str(tmp_path)])
    assert isinstance(again.exception, ZxError) and again.exception.code == "ZX903"
    summary = runner.invoke(app, ["render-forms", str(CAMPAIGN), "-o", str(tmp_path), "--summary"])
    assert summary.exit_code == 0 and "汇总表.xlsx" in summary.stdout
    bad = runner.invoke(app, ["render-forms", suzhou, "-o", str(tmp_path), "--format", "odt"])
    assert isinstance(bad.exception, ZxError) and bad.exception.code == "ZX905"


def test_summary_needs_a_campaign(tmp_path: Path) -> None:
    from zxcli.render.writer import campaigns_of

    loose = tmp_path / SUZHOU
    shutil.copytree(CAMPAIGN / "dossiers" / SUZHOU, loose)
    with pytest.raises(UsageError) as caught:
        campaigns_of([loose])
    assert caught.value.code == "ZX810"


def test_render_modules_are_not_imported_at_start_up() -> None:
    import subprocess
    import sys

    code = (
        "import sys, zxcli.cli as c; c._build_app(); "
        "print(any(m.startswith(('docx', 'openpyxl', 'docxtpl')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "False"


def test_final_list_template_is_what_the_script_builds() -> None:
    """templates/名单.docx (the tally's 公文) is generated like the forms' templates."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_templates", REPO / "tools" / "make_templates.py"
    )
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.build(tool.FINAL_LIST) == (REPO / "templates" / tool.FINAL_LIST).read_bytes()
    doc = Document(str(REPO / "templates" / tool.FINAL_LIST))
    lang = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert {"落款", "引导语", "表格文字", "表格标题"} <= {s.name for s in doc.styles}


def _recompressed(data: bytes, when: object) -> bytes:
    """What normalising did before deflated entries were copied: every entry inflated and
    deflated again (the reference the copying path must equal byte for byte)."""
    import io
    import zipfile

    from zxcli.render import determinism

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    if determinism.CORE in entries:
        entries[determinism.CORE] = determinism.fixed_core_properties(
            entries[determinism.CORE], when
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=lambda n: (n != determinism.CONTENT_TYPES, n)):
            target.writestr(determinism._entry(name), entries[name])
    return out.getvalue()


def test_copying_deflated_entries_gives_the_bytes_recompressing_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zxcli.render import determinism, docx_forms, xlsx_forms

    seen: list[tuple[bytes, object]] = []
    original = determinism.normalize

    def spy(data: bytes, when):  # what python-docx and openpyxl wrote, before normalising
        seen.append((data, when))
        return original(data, when)

    monkeypatch.setattr(docx_forms, "normalize", spy)
    monkeypatch.setattr(xlsx_forms, "normalize", spy)
    render_forms([CAMPAIGN / "dossiers" / SUZHOU], tmp_path / "out")
    assert len(seen) == 3
    for data, when in seen:
        assert original(data, when) == _recompressed(data, when)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_forms_built_in_workers_are_the_same_bytes_and_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zxcli.render import writer

    class Counting:
        def __init__(self) -> None:
            self.seen: list[tuple[str, int]] = []
            self.done = 0

        def start(self, total: int, stage: str = "validate") -> None:
            self.seen.append((stage, total))

        def advance(self, count: int = 1) -> None:
            self.done += count

    one = render_forms(DOSSIERS, tmp_path / "one", jobs=1)
    monkeypatch.setattr(writer, "FORMS_PER_WORKER", 2)  # the sample is small: force workers
    counted = Counting()
    two = render_forms(DOSSIERS, tmp_path / "two", jobs=2, progress=counted)
    assert [p.name for p in one] == [p.name for p in two]
    assert _listing(tmp_path / "one") == _listing(tmp_path / "two")
    assert ("validate", len(DOSSIERS)) in counted.seen  # the dossiers, checked first
    assert ("render", len(two)) in counted.seen and counted.done == len(DOSSIERS) + len(two)


def test_an_error_in_a_worker_reaches_the_command_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zxcli.render import docx_forms, writer

    def broken(*_: object) -> bytes:
        raise DataError("ZX801", path="模板.docx", reason="坏模板")

    monkeypatch.setattr(writer, "FORMS_PER_WORKER", 2)
    monkeypatch.setattr(docx_forms, "render_docx", broken)
    with pytest.raises(DataError) as caught:
        render_forms(DOSSIERS, tmp_path / "out", jobs=2)
    assert caught.value.code == "ZX801" and caught.value.params == {"reason": "坏模板"}
    assert not (tmp_path / "out").exists()
