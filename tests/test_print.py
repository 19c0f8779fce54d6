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
pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    pdf.soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to print")]

MM = 72 / 25.4
A4 = (595.3, 841.9)
LIBRARY_NAMES = ("chinesecalendar", "openpyxl", "python-docx", "docxtpl", "Calibri")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_pages",
                                                  REPO / "tools" / "render_pages.py")
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
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.replace(" ", "")


def words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) of every word, from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    found, page = [], 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                          r'yMax="([\d.]+)">(.*)</word>', line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append((page, x0, y0, x1, y1, match.group(5)))
    return found


def pages(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True,
                          text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


# ---------------------------------------------------------------- every kind


EXPECTED_PAGES = {"推荐表-docx": 1, "推荐表-xlsx": 1, "汇总表": 1, "评审表": 1,
                  "初选建议名单": 3, "名单-xlsx": 1}


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
    assert len(pages(printed["名单-docx"])) <= 3


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


def test_fonts_are_embedded_and_chinese_text_is_in_a_cjk_font(
        printed: dict[str, Path]) -> None:
    for kind, path in printed.items():
        table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
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
    for token in ("0512-68610000", "13800000001", "wangxm@example.gov.cn",
                  "苏府〔2023〕45号", "2023年6月15日", "2025年3月20日", "32800万芯千米",
                  "10850.00亿元"):
        assert token in application, token
    form = text(printed["推荐表-docx"])
    for token in ("025-83390000", "lihua@example.gov.cn", "2025年3月20日"):
        assert token in form, token


def test_cover_and_closing_carry_the_seal_lines(printed: dict[str, Path]) -> None:
    path = printed["申报书"]
    cover = text(path, 1)
    assert "申报单位（盖章）：苏州市人民政府" in cover and "填报日期：2025年3月10日" in cover
    last = len(pages(path))
    closing = [w for w in words(path) if w[0] == last]
    sender = next(w for w in closing if w[5] == "苏州市人民政府")
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
    for sealer, opinion in (("推荐单位（盖章）", "同意推荐。"),
                            ("江苏省人民政府（盖章）", "（苏政函")):
        seal = next(w for w in found if w[5] == sealer)
        text_bottom = max(w[4] for w in found if opinion in w[5] and w[4] < seal[2])
        assert seal[2] - text_bottom >= 45 * MM, (kind, sealer)


def test_recommendation_xlsx_prints_at_its_own_size(printed: dict[str, Path]) -> None:
    # 12 pt text, not shrunk: a Chinese character is as wide as the type is high.
    word = next(w for w in words(printed["推荐表-xlsx"]) if w[5] == "推荐单位（盖章）")
    assert (word[3] - word[1]) / 8 >= 11


# ---------------------------------------------------------------- workbooks


def test_summary_prints_at_ten_points_or_more(printed: dict[str, Path]) -> None:
    word = next(w for w in words(printed["汇总表"]) if w[5] == "苏州市")
    assert (word[3] - word[1]) / 3 >= 10
    flat = text(printed["汇总表"])
    assert "（亿元）" in flat and "（亿元/）" not in flat


def test_ballot_has_a_signature_line(printed: dict[str, Path]) -> None:
    ballot = text(printed["评审表"])
    assert "委员签字" in ballot and "日期" in ballot


def test_final_list_workbook_shows_every_incentive(printed: dict[str, Path]) -> None:
    flat = text(printed["名单-xlsx"])
    assert flat.count("第10条(4)") == 5 and flat.count("第10条(1)") == 5
    assert "2025年12月9日" in flat


# ---------------------------------------------------------------- 名单.docx


def test_final_list_is_a_gongwen(printed: dict[str, Path]) -> None:
    path = printed["名单-docx"]
    first = text(path, 1)
    assert "成效明显市（州）名单" in first  # the title breaks before, not inside, 市（州）
    total = len(pages(path))
    last = text(path, total)
    assert "工业和信息化部" in last and "2025年12月9日" in last
    for page in range(1, total + 1):
        assert f"—{page}—" in text(path, page)
    if total > 1:  # the header row repeats where the table goes on
        assert "激励措施（第10条）" in text(path, 2)
    # Page numbers sit outside: right on odd pages, left on even ones.
    sizes = pages(path)
    for page, x0, _y0, x1, _y1, word in words(path):
        if word == str(page) and _y0 > sizes[page - 1][1] - 35 * MM:
            middle = sizes[page - 1][0] / 2
            assert (x0 > middle) if page % 2 else (x1 < middle), page
