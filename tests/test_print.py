"""The print check: every document zx writes, converted by LibreOffice, read back as PDF.

All document kinds are rendered for the sample campaign in-process (tools/render_pages.py,
the same code that makes the page images of docs/render.md) and converted in one
LibreOffice run. The PDFs must be A4, have the expected number of pages, carry every table
row's text unbroken, keep everything inside the page, name no software library, print at
a readable size and embed their (CJK) fonts.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO

from zxcli.render import pdf

# slow: the module's fixture prints every kind of document through LibreOffice.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        pdf.soffice() is None or shutil.which("pdftotext") is None,
        reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to print",
    ),
]

MM = 72 / 25.4
A4 = (595.3, 841.9)
LIBRARY_NAMES = ("chinesecalendar", "openpyxl", "python-docx", "docxtpl", "Calibri")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_pages", REPO / "tools" / "render_pages.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{kind: PDF} for every document kind, from one LibreOffice run."""
    tool = _tool()
    root = tmp_path_factory.mktemp("print")
    return tool.to_pdfs(tool.render_all(root / "files"), root / "pdf")


def text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or one page), line by line as printed, without the spaces
    pdftotext puts between Chinese and Latin characters."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(" ", "")


def words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) of every word, from pdftotext -bbox."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, page = [], 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">(.*)</word>',
            line,
        )
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append((page, x0, y0, x1, y1, match.group(5)))
    return found


def pages(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


# ---------------------------------------------------------------- every kind


EXPECTED_PAGES = {
    "推荐表-docx": 1,
    "推荐表-xlsx": 1,
    "汇总表": 1,
    "评审表": 1,
    "初选建议名单": 4,
    "名单-xlsx": 1,
    "名单-docx": 1,
}


def test_every_kind_is_a4_with_the_expected_pages(printed: dict[str, Path]) -> None:
    for kind, path in printed.items():
        sizes = pages(path)
        assert sizes, kind
        for width, height in sizes:
            assert sorted((round(width), round(height))) == [595, 842], kind
        if kind in EXPECTED_PAGES:
            assert len(sizes) == EXPECTED_PAGES[kind], kind
    assert 5 <= len(pages(printed["申报书"])) <= 9
    # A draft is the document plus one page listing what is still wrong.
    assert len(pages(printed["申报书-草稿"])) >= len(pages(printed["申报书"]))
    assert len(pages(printed["通知"])) <= 4 and len(pages(printed["公示"])) <= 2


def test_nothing_is_wider_than_the_page(printed: dict[str, Path]) -> None:
    for kind, path in printed.items():
        sizes = pages(path)
        for page, x0, _y0, x1, _y1, word in words(path):
            width = sizes[page - 1][0]
            assert x0 >= 10 * MM and x1 <= width - 10 * MM, (kind, page, word)


def test_no_library_names_are_printed(printed: dict[str, Path]) -> None:
    for kind, path in printed.items():
        printed_text = text(path)
        for name in LIBRARY_NAMES:
            assert name.lower() not in printed_text.lower(), (kind, name)
    assert "日历：国务院办公厅节假日安排" in text(printed["初选建议名单"])


def test_no_figure_is_too_wide_for_its_column(printed: dict[str, Path]) -> None:
    """A spreadsheet prints ### for a number wider than its column: the figure is lost."""
    for kind, path in printed.items():
        assert "###" not in text(path), kind


def test_fonts_are_embedded_and_chinese_text_is_in_a_cjk_font(printed: dict[str, Path]) -> None:
    for kind, path in printed.items():
        table = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert table, kind
        assert all(" yes " in f" {line} " for line in table), (kind, table)
        assert any("CJK" in line for line in table), (kind, table)
        assert not any("Carlito" in line or "Calibri" in line for line in table), kind


# ---------------------------------------------------------------- 申报书


def test_application_keeps_every_table_row(printed: dict[str, Path]) -> None:
    """Each row of each table is printed: its title's start and end and its date (a title
    wrapped in its cell is interleaved with the next cells in the PDF's text)."""
    from zxcli.load.yamlsafe import load_yaml
    from zxcli.render.style import cn_date
    from zxcli.render.view import parse_date

    folder = REPO / "sample_dossiers" / "2024" / "dossiers" / "江苏省-苏州市"
    app = load_yaml(folder / "application.yaml").data
    meta = load_yaml(folder / "dossier.yaml").data
    flat = re.sub(r"\s+", "", text(printed["申报书"]))
    rows = [*app["c1_strategy"]["supporting_policies"], *meta["attachments"]]
    for row in rows:
        title = re.sub(r"\s+", "", row["title"])
        assert title[:8] in flat and title[-3:] in flat, title
        assert cn_date(parse_date(row["date"])) in flat, title
    for product in app["c2_industry"]["leading_products"]:
        assert product["name"] in flat
    assert flat.count("佐证材料") >= sum(a["kind"] == "佐证材料" for a in meta["attachments"])


def test_tokens_are_never_broken_across_lines(printed: dict[str, Path]) -> None:
    """Phone numbers, mail addresses, 文号, dates and quantities with units stay on one
    line (pdftotext ends a line where the PDF does)."""
    application = text(printed["申报书"])
    for token in (
        "0512-68610000",
        "13800000001",
        "wangxm@example.gov.cn",
        "苏府〔2023〕45号",
        "2023年6月15日",
        "2025年3月20日",
        "32800万芯千米",
        "10850.00亿元",
    ):
        assert token in application, token
    form = text(printed["推荐表-docx"])
    for token in ("025-83390000", "lihua@example.gov.cn", "2025年3月20日", "江苏省工业和信息化厅"):
        assert token in form, token
    # 文号 whole (never a lone 号), and a unit's name not broken inside a word.
    for token in (
        "苏财工〔2024〕12号",
        "苏工信函〔2025〕58号",
        "苏政函〔2025〕21号",
        "苏州市工业和信息化局",
        "运行监测协调处",
    ):
        assert token in application, token


def test_cover_seal_covers_no_other_line(printed: dict[str, Path]) -> None:
    """A 42 mm seal centred on 申报单位（盖章） reaches 21 mm up and down: nothing there."""
    cover = [line for line in lines(printed["申报书"]) if line[0] == 1]
    sealed = next(line for line in cover if line[5].startswith("申报单位（盖章）"))
    centre = (sealed[2] + sealed[4]) / 2
    for other in cover:
        if other is not sealed and other[5]:
            assert min(abs(other[2] - centre), abs(other[4] - centre)) >= 21 * MM - 3, other


def test_the_two_closings_of_the_recommendation_stand_level(printed: dict[str, Path]) -> None:
    for kind in ("推荐表-docx", "推荐表-xlsx"):
        found = words(printed[kind])
        left = next(w for w in found if w[5] == "推荐单位（盖章）")
        right = next(w for w in found if w[5] == "江苏省人民政府（盖章）")
        assert abs(left[2] - right[2]) <= 2, kind


def test_cover_and_closing_carry_the_seal_lines(printed: dict[str, Path]) -> None:
    path = printed["申报书"]
    cover = text(path, 1)
    assert "申报单位（盖章）：苏州市人民政府" in cover and "填报日期：2025年3月10日" in cover
    last = len(pages(path))
    closing = [w for w in words(path) if w[0] == last]
    # The 落款 is the last 苏州市人民政府 of the page (the 材料清单 above names it too).
    sender = max((w for w in closing if w[5] == "苏州市人民政府"), key=lambda w: w[2])
    date = next(w for w in closing if w[5].startswith("2025") and w[2] > sender[2])
    above = max(w[4] for w in closing if w[4] < sender[2])
    # Room above the sender for the seal's top half; the date under the sender.
    assert sender[2] - above >= 15 * MM and date[2] > sender[4]


def test_draft_lists_its_open_errors_first(printed: dict[str, Path]) -> None:
    first = text(printed["申报书-草稿"], 1)
    assert "草" in first and "仅供核对" in first
    assert "ZX211" in first and "99.0%" in first
    for page in range(2, len(pages(printed["申报书-草稿"])) + 1):
        assert "草稿" in text(printed["申报书-草稿"], page)


# ---------------------------------------------------------------- 推荐表


@pytest.mark.parametrize("kind", ["推荐表-docx", "推荐表-xlsx"])
def test_opinion_boxes_leave_45_mm_for_the_seal(printed: dict[str, Path], kind: str) -> None:
    found = words(printed[kind])
    for sealer, opinion in (
        ("推荐单位（盖章）", "同意推荐。"),
        ("江苏省人民政府（盖章）", "（苏政函"),
    ):
        seal = next(w for w in found if w[5] == sealer)
        text_bottom = max(w[4] for w in found if opinion in w[5] and w[4] < seal[2])
        assert seal[2] - text_bottom >= 45 * MM, (kind, sealer)


def test_recommendation_xlsx_prints_at_its_own_size(printed: dict[str, Path]) -> None:
    # 12 pt text, not shrunk: a Chinese character is as wide as the type is high.
    word = next(w for w in words(printed["推荐表-xlsx"]) if w[5] == "推荐单位（盖章）")
    assert (word[3] - word[1]) / 8 >= 11


# ---------------------------------------------------------------- workbooks


WORKBOOKS = ("推荐表-xlsx", "汇总表", "评审表", "初选建议名单", "名单-xlsx")
_DARK = bytes(1 if v < 110 else 0 for v in range(256))


def rule_rows(pdf: Path, page: int, tmp: Path) -> list[tuple[int, int, int]]:
    """(y, x from, x to) in pt of the horizontal rules of a page: 100+ dark pixels in a
    run."""
    prefix = tmp / f"{pdf.stem}-rules-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-gray",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )  # 1 px = 1 pt
    data = prefix.with_suffix(".pgm").read_bytes()
    head = data.split(b"\n", 3)
    width, height = (int(v) for v in head[1].split())
    pixels = head[3]
    found = []
    for y in range(height):
        row = pixels[y * width : (y + 1) * width].translate(_DARK)
        found += [(y, m.start(), m.end()) for m in re.finditer(rb"\x01{100,}", row)]
    return found


@pytest.mark.parametrize("kind", WORKBOOKS)
def test_no_cell_text_is_clipped(printed: dict[str, Path], kind: str, tmp_path: Path) -> None:
    """A row too low for its text prints the text over the cell's borders, cut off: no
    printed word may cross a rule of the table (the rows were sized by text_lines)."""
    path = printed[kind]
    found = words(path)
    for page in range(1, len(pages(path)) + 1):
        rules = rule_rows(path, page, tmp_path)
        for _p, x0, y0, x1, y1, word in (w for w in found if w[0] == page):
            crossed = [
                y for y, left, right in rules if y0 + 2 < y < y1 - 2 and left < x1 and right > x0
            ]
            assert not crossed, (kind, page, word, y0, y1, crossed)


def test_summary_prints_at_ten_points_or_more(printed: dict[str, Path]) -> None:
    word = next(w for w in words(printed["汇总表"]) if w[5] == "苏州市")
    assert (word[3] - word[1]) / 3 >= 10
    flat = text(printed["汇总表"])
    assert "（亿元）" in flat and "（亿元/）" not in flat


def test_shortlist_is_a_record_the_committee_signs(printed: dict[str, Path]) -> None:
    path = printed["初选建议名单"]
    total = len(pages(path))
    for page in range(1, total + 1):  # the title on every page
        assert "初选建议名单" in text(path, page), page
    flat = text(path)
    assert "工业和信息化部研究确定（第8条）" in flat  # the decision, a section of its own
    signing = next(p for p in range(1, total + 1) if "评审委员会签字" in text(path, p))
    page = text(path, signing)
    assert "主任委员张建国" in page and page.count("委员") >= 15 and "日期：" in page
    # An empty table says 无: the sample has no notes and no excluded dossier.
    assert text(path, total).count("无") >= 2


def test_ballot_has_a_signature_line(printed: dict[str, Path]) -> None:
    ballot = text(printed["评审表"])
    assert "委员签字" in ballot and "日期" in ballot
    assert "（0–100）" in ballot  # the header breaks before the range, not inside it


def test_final_list_workbook_shows_every_incentive(printed: dict[str, Path]) -> None:
    flat = text(printed["名单-xlsx"])
    assert flat.count("第10条(4)") == 5 and flat.count("第10条(1)") == 5
    # No date from the clock, nor from --as-of (the day the final run was made on).
    assert "2025年12月9日" not in flat


# ---------------------------------------------------------------- the ministry's 公文


def lines(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """The printed lines: words of one page sharing a baseline, joined left to right."""
    rows: dict[tuple[int, int], list[tuple[float, float, float, float, str]]] = {}
    for page, x0, y0, x1, y1, word in words(path):
        rows.setdefault((page, round(y1)), []).append((x0, y0, x1, y1, word))
    found = []
    for (page, _), parts in sorted(rows.items()):
        parts.sort()
        found.append(
            (
                page,
                parts[0][0],
                min(p[1] for p in parts),
                parts[-1][2],
                max(p[3] for p in parts),
                "".join(p[4] for p in parts),
            )
        )
    return found


def line_with(path: Path, piece: str, page: int | None = None) -> tuple:
    return next(
        line for line in lines(path) if piece in line[5] and (page is None or line[0] == page)
    )


def red_rows(pdf: Path, page: int, tmp: Path) -> list[int]:
    """y (pt) of the pixel rows of a page that are mostly red: the 版头's 分隔线."""
    prefix = tmp / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "36",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )  # PPM: 36 dpi = 1 px per 2 pt
    data = prefix.with_suffix(".ppm").read_bytes()
    head = data.split(b"\n", 3)
    width, height = (int(v) for v in head[1].split())
    pixels = head[3]
    found = []
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        red = sum(
            1
            for x in range(width)
            if row[3 * x] > 180 and row[3 * x + 1] < 90 and row[3 * x + 2] < 90
        )
        if red > width * 0.6:
            found.append(y * 2)
    return found


def _signature_is_in_place(path: Path, sender: str, day: str) -> None:
    """署名 centred over the 成文日期, which ends four characters (4 × 16 pt) from the right
    edge of the text block (GB/T 9704 7.3.5.1)."""
    width = pages(path)[0][0]
    date_line = line_with(path, day)
    sender_line = next(
        line
        for line in lines(path)
        if line[5] == sender and line[0] == date_line[0] and line[4] <= date_line[2] + 1
    )
    right_edge = width - 26 * MM
    assert abs(date_line[3] - (right_edge - 4 * 16)) <= 8, date_line
    centre = (date_line[1] + date_line[3]) / 2
    assert abs((sender_line[1] + sender_line[3]) / 2 - centre) <= 8, sender_line
    assert 0 < date_line[2] - sender_line[4] <= 20  # the next line


def test_notice_has_every_gongwen_element_in_place(
    printed: dict[str, Path], tmp_path: Path
) -> None:
    path = printed["通知"]
    height = pages(path)[0][1]
    mark = line_with(path, "工业和信息化部文件", 1)
    number = line_with(path, "工信部运行〔2025〕300号", 1)
    title = line_with(path, "关于公布2024年度", 1)
    recipients = line_with(path, "各省、自治区、直辖市", 1)
    # 版头: the mark's top 35 mm under the top of the text block (37 mm), then the 字号
    # two lines lower, the red line 4 mm under it, the title two lines under the line.
    assert abs(mark[2] - (37 + 35) * MM) <= 4 * MM
    assert number[2] - mark[4] >= 2 * 28
    rule = [y for y in red_rows(path, 1, tmp_path) if number[4] < y < title[2]]
    assert rule and 2 * MM <= rule[0] - number[4] <= 7 * MM, rule
    assert title[2] - rule[0] >= 2 * 28
    assert recipients[1] <= 28 * MM + 2 and recipients[2] > title[4]  # flush left, under
    body = text(path)
    for article in ("第8条", "第9条", "第10条", "第11条"):
        assert article in body
    note = line_with(path, "附件：2024年度")
    _signature_is_in_place(path, "工业和信息化部", "2025年12月15日")
    assert line_with(path, "2025年12月15日")[2] > note[4]
    # The 附件 on the last page, headed 附件 at the top left; the 版记 at its foot.
    last = len(pages(path))
    attachment = line_with(path, "附件", last)
    assert attachment[5] == "附件" and attachment[1] <= 28 * MM + 2
    assert attachment[2] < 60 * MM
    printed_by = line_with(path, "印发", last)
    assert "工业和信息化部办公厅" in printed_by[5] and "2025年12月16日印发" in printed_by[5]
    assert printed_by[4] > height - 35 * MM - 15 * MM  # the last lines of the page
    assert line_with(path, "抄送：国务院办公厅", last)[4] <= printed_by[2]


def test_publicity_says_when_and_how_to_object(printed: dict[str, Path]) -> None:
    path = printed["公示"]
    flat = text(path).replace("\n", "")
    assert "拟入选名单的公示" in flat and "公示时间：2025年12月1日至2025年12月8日" in flat
    assert "请于2025年12月8日前向工业和信息化部运行监测协调局反映" in flat
    assert "联系电话：010-68205000" in flat and "100804" in flat
    for city in ("浦东新区", "苏州市", "宁波市", "襄阳市", "宜宾市"):
        assert city in flat
    # The 公示 is of the 拟入选 cities: "入选" never stands alone in it.
    assert not re.search(r"(?<!拟)入选", flat)
    _signature_is_in_place(path, "工业和信息化部", "2025年11月28日")


def test_no_document_carries_the_date_of_the_run(printed: dict[str, Path]) -> None:
    import datetime as dt

    from zxcli.render.style import cn_date

    for kind, path in printed.items():
        for day in (dt.date.today(), dt.date(2025, 12, 9)):  # the clock; --as-of
            assert cn_date(day) not in text(path), (kind, day)


def test_list_is_the_attachment_in_two_faces_or_more(printed: dict[str, Path]) -> None:
    path = printed["名单-docx"]
    first = text(path, 1)
    assert first.lstrip().startswith("附件") and "成效明显市（州）名单" in first
    table = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    faces = {
        line.split()[0].split("+")[-1]
        for line in table
        if any(k in line for k in ("CJK", "UMing", "UKai", "Kai", "Song", "Hei"))
    }
    assert len(faces) >= 2, table


def test_notice_pages_are_numbered_outside(printed: dict[str, Path]) -> None:
    path = printed["通知"]
    total = len(pages(path))
    for page in range(1, total + 1):
        assert f"—{page}—" in text(path, page)
    sizes = pages(path)
    for page, x0, _y0, x1, _y1, word in words(path):
        if word == str(page) and _y0 > sizes[page - 1][1] - 35 * MM:
            middle = sizes[page - 1][0] / 2
            assert (x0 > middle) if page % 2 else (x1 < middle), page
