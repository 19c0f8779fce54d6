"""The one house style of every document zx writes: Word templates and Excel sheets alike.

GB/T 9704-2012 (党政机关公文格式) sets the fonts by role, the A4 page and its margins; the
same fonts, borders, alignment, number formats and print setup are used for the forms
(申报书, 推荐表, 汇总表), the committee's 评审表 and the tally's lists, so that what the
ministry receives and publishes looks like one set of papers.

Word documents get their look from the styles of zx's own templates (tools/make_templates.py
builds them from the constants here); Excel has no templates, so the helpers below style
each cell explicitly (a cell without a font would print in Calibri).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# isort: split
import zxcli.load.xlsxlib  # noqa: F401  # first: openpyxl without numpy

# isort: split
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zxcli.load.inert import xml_text
from zxcli.render import typefaces as fonts

# ---------------------------------------------------------------- GB/T 9704-2012

TITLE_FONT = fonts.TITLE  # 方正小标宋简体
BODY_FONT = fonts.BODY  # 仿宋_GB2312
HEADING_FONT = fonts.HEADING1  # 黑体
# Chinese type sizes, in points.
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4, SIZE_5 = 22.0, 16.0, 14.0, 12.0, 10.5

PAGE_W_MM, PAGE_H_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # text block 156 × 225 mm
LANDSCAPE_MARGIN_MM = 15  # wide tables: every side
MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH

DRAFT_TEXT = "草稿（仅供核对，不作正式报送）"
# Where the working-day calendar comes from, as a ministry document cites it; the name of
# the Python package that carries the data is no business of the reader's.
PRINTED_CALENDAR = "国务院办公厅节假日安排"
SEAL_SPACE_MM = 45  # clear space for a 42 mm official seal


def cn_date(day: dt.date | None) -> str:
    """A date as 公文 write it: 2025年12月1日 (year in full, no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def printed_calendar(source: str) -> str:
    """A calendar's source as printed: the bundled data are the State Council's notices."""
    parts = [
        PRINTED_CALENDAR if part.strip().startswith("chinesecalendar") else part.strip()
        for part in source.split(";")
    ]
    return "；".join(dict.fromkeys(p for p in parts if p))


# ---------------------------------------------------------------- measuring text


def text_width_pt(text: str, size: float) -> float:
    """Roughly how wide `text` prints: a Chinese character is one em, a digit or Latin
    letter up to 0.64 em (DejaVu Sans, which LibreOffice falls back to, is that wide)."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.64 for ch in text)


def text_lines(text: str, width_mm: float, size: float, indented: bool = False) -> int:
    """Lines `text` takes in a cell `width_mm` wide at `size` pt: the one measure every
    workbook sizes its rows by (汇总表, 初选建议名单, 名单, 评审表, 推荐表).

    Set as a spreadsheet sets it: Chinese characters break anywhere, a run of digits or
    Latin letters (a figure, a code, a mail address) only as a whole, and a closing mark
    (）、，。：；) never starts a line, so it takes the character before it along. The
    cell's padding (2 mm) and, for text set flush left or right, its one-step indent
    (2.5 mm, `xalign`) are deducted from the width.
    """
    usable = max(1.0, (width_mm - CELL_PADDING_MM - (INDENT_MM if indented else 0)) * PT_PER_MM)
    return sum(_lines_of(part, usable, size) for part in str(text).split("\n"))


CELL_PADDING_MM = 2.0
INDENT_MM = 2.5
_NO_LINE_START = set("）)、，,。.：:；;！!？?》」』】%％")
_LATIN = "._-@%/+"


def _lines_of(line: str, usable: float, size: float) -> int:
    lines, used = 1, 0.0
    previous: str | None = None
    for token in _tokens(line):
        width = text_width_pt(token, size)
        if used and used + width > usable:
            lines += 1
            # A closing mark may not open a line: the token before it moves down too.
            carried = text_width_pt(previous or "", size) if token[0] in _NO_LINE_START else 0
            used = carried
        used += width
        while used > usable:  # a token longer than the line breaks where it must
            lines += 1
            used -= usable
        previous = token
    return lines


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in _LATIN)


def _tokens(line: str) -> list[str]:
    """Characters, with runs of digits and Latin letters kept whole."""
    tokens: list[str] = []
    for ch in line:
        if _is_latin(ch) and tokens and _is_latin(tokens[-1][-1]):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


# ---------------------------------------------------------------- Excel

GB_CHARSET = 134  # GB2312: tells Excel the font is a Chinese one
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
NUMBER_FORMATS = {"amount": "0.00", "pct": "0.00", "int": "0"}
# Column widths are stored in "characters" of the workbook's default font (Calibri 11,
# 7 px a digit at 96 dpi): about 1.9 mm each, plus 5 px of padding.
_MM_PER_UNIT = 7 / 96 * MM_PER_INCH


# Starts of a text that a spreadsheet may read as a formula (also when a user re-enters it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(ws: Worksheet, row: int, column: int, value: Any = None) -> Any:
    """The cell at (row, column) holding `value`; a text is always stored as text.

    openpyxl stores any text starting with "=" as a formula: the cell's type is set back to
    a string after the assignment, so nothing is ever a formula. A text starting with a
    character a spreadsheet may take for one is also given Excel's quote prefix (the
    invisible leading apostrophe), so that editing the cell does not turn it into a
    formula either. Characters XML cannot carry are dropped rather than failing the run.
    """
    cell = ws.cell(row, column)
    if isinstance(value, str):
        text = xml_text(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
    return cell


def new_workbook() -> Any:
    """An empty workbook whose default font is Arial 10.

    Column widths are counted in digits of the default font. openpyxl's default, Calibri,
    is missing wherever Office is not installed, and LibreOffice then measures with a
    much wider substitute: the same sheet comes out a third wider and is shrunk to fit.
    Arial (Liberation Sans, metrically the same, where it is missing) gives 7 px a digit
    everywhere, so a width means the same millimetres in Excel, WPS and LibreOffice.
    Every cell zx writes names its own (Chinese) font; this one only sets the measure.
    """
    from openpyxl import Workbook
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook()
    wb._fonts = IndexedList([Font(name="Arial", size=10, family=2)])
    return wb


def width_units(mm: float) -> float:
    return round(max(1.0, mm / _MM_PER_UNIT - 5 / 7), 2)


def xfont(
    name: str = BODY_FONT, size: float = SIZE_SMALL_4, bold: bool = False, color: str | None = None
) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB_CHARSET, color=color)


def xalign(horizontal: str = "left", vertical: str = "center", wrap: bool = True) -> Alignment:
    # Never shrink to fit: a cell that does not fit grows in height instead. Text set
    # flush against a border is indented one step, so that a number right-aligned in one
    # cell does not run into the text of the next.
    indent = 1 if horizontal in ("left", "right") else 0
    return Alignment(
        horizontal=horizontal, vertical=vertical, wrap_text=wrap, shrink_to_fit=False, indent=indent
    )


def line_height_pt(size: float) -> float:
    return round(size * 1.5, 1)


@dataclass(frozen=True)
class Column:
    """One column of a bordered table: header (\\n where it may break), width, kind."""

    header: str
    width_mm: float
    kind: str = "text"  # text, center, amount, pct, int

    @property
    def numeric(self) -> bool:
        return self.kind in NUMBER_FORMATS


def set_widths(ws: Worksheet, widths_mm: Sequence[float]) -> None:
    for index, mm in enumerate(widths_mm, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width_units(mm)


def style_cell(cell: Any, column: Column, size: float = SIZE_SMALL_4) -> None:
    cell.font = xfont(size=size)
    cell.border = BORDER
    if column.numeric:
        cell.number_format = NUMBER_FORMATS[column.kind]
        cell.alignment = xalign("right")  # numbers right-aligned, the unit in the header
    else:
        cell.alignment = xalign("center" if column.kind == "center" else "left")


def header_row(
    ws: Worksheet, row: int, columns: Sequence[Column], size: float = SIZE_SMALL_4
) -> None:
    """黑体 headers, centred, shaded; high enough for the longest one (never cut)."""
    lines = 1
    for index, column in enumerate(columns, start=1):
        cell = put(ws, row, index, column.header)
        cell.font = xfont(HEADING_FONT, size)
        cell.alignment = xalign("center")
        cell.fill = HEAD_FILL
        cell.border = BORDER
        lines = max(lines, text_lines(column.header, column.width_mm, size))
    ws.row_dimensions[row].height = lines * line_height_pt(size) + 6


def data_rows(
    ws: Worksheet,
    first: int,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    size: float = SIZE_SMALL_4,
) -> int:
    """Bordered rows from `first`, each as high as its tallest cell; the last row used."""
    row = first - 1
    for row, values in enumerate(rows, start=first):
        lines = 1
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            style_cell(put(ws, row, index, None if value == "" else value), column, size)
            if isinstance(value, str):
                lines = max(
                    lines,
                    text_lines(value, column.width_mm, size, indented=column.kind != "center"),
                )
        ws.row_dimensions[row].height = lines * line_height_pt(size) + 6
    return row


def title_row(
    ws: Worksheet, row: int, text: str, columns: int, size: float = 18, font: str = TITLE_FONT
) -> None:
    """A title centred across the table ("centre across selection", not a merge, so that
    sorting and filtering stay possible)."""
    for column in range(1, columns + 1):
        cell = put(ws, row, column, text if column == 1 else None)
        cell.alignment = Alignment(horizontal="centerContinuous", vertical="center")
        cell.font = xfont(font, size)
    ws.row_dimensions[row].height = size * 2


def note_row(
    ws: Worksheet,
    row: int,
    text: str,
    columns: Sequence[Column],
    size: float = SIZE_SMALL_4,
    horizontal: str = "left",
) -> None:
    """A line of text over the table's whole width (merged, wrapped, as high as needed)."""
    cell = put(ws, row, 1, text)
    cell.font = xfont(size=size)
    cell.alignment = xalign(horizontal)
    if len(columns) > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
    width = sum(c.width_mm for c in columns)
    lines = text_lines(text, width, size, indented=horizontal != "center")
    ws.row_dimensions[row].height = lines * line_height_pt(size) + 4


def print_setup(
    ws: Any, area: str, title_rows: str | None, *, landscape: bool, one_page: bool = False
) -> None:
    """A4, margins, print area, repeated header rows, one page wide (never shrunk below
    what the column widths were chosen for: they fit the page at 100%)."""
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    setup.fitToHeight = 1 if one_page else 0  # 0: as many pages tall as needed
    ws.print_area = area
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    if landscape:
        side = LANDSCAPE_MARGIN_MM / MM_PER_INCH
        margins.left = margins.right = margins.top = margins.bottom = side
    else:  # GB/T 9704 margins, as on the Word documents
        margins.top = MARGINS_MM["top"] / MM_PER_INCH
        margins.bottom = MARGINS_MM["bottom"] / MM_PER_INCH
        margins.left = MARGINS_MM["left"] / MM_PER_INCH
        margins.right = MARGINS_MM["right"] / MM_PER_INCH
    margins.header = margins.footer = 8 / MM_PER_INCH


def page_footer(ws: Any, left: str = "") -> None:
    """Page numbers on every printed page (and, say, a signature line on the left)."""
    footer = ws.oddFooter
    numbers = footer.right if left else footer.center  # out of the signature's way
    numbers.text = "第 &P 页，共 &N 页"
    numbers.font = BODY_FONT
    numbers.size = SIZE_5
    if left:
        footer.left.text = left
        footer.left.font = BODY_FONT
        footer.left.size = SIZE_SMALL_4


def draft_header(ws: Any) -> None:
    header = ws.oddHeader.center
    header.text = DRAFT_TEXT
    header.font = f"{HEADING_FONT},Bold"
    header.size = SIZE_3
    header.color = "C00000"


def printable_width_mm(landscape: bool) -> float:
    if landscape:
        return PAGE_H_MM - 2 * LANDSCAPE_MARGIN_MM
    return PAGE_W_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
