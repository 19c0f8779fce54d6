"""The Excel forms: 推荐表 (附2) on one printable A4 page, and the 汇总表 of a campaign.

openpyxl draws a merged range's border only on its top-left cell, so every cell of every
merged range is given the border itself; otherwise Excel and WPS print half-framed boxes.
Both sheets carry their print setup (A4, margins, print area, print titles, fit to one
page wide), since they are made to be printed and stamped.

Every text goes into its cell through `put`, which keeps it text: a dossier's
`=HYPERLINK(…)` or `+cmd|…` is shown as written, never stored as a formula that Excel or
WPS would evaluate on opening.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zxcli.render import fonts
from zxcli.render.determinism import normalize
from zxcli.render.view import NOT_A_NUMBER, FormView, SummaryRow, xml_text

DRAFT_TEXT = "草稿（仅供核对，不作正式报送）"
GB_CHARSET = 134  # GB2312: tells Excel the font is a Chinese one
MM_PER_INCH = 25.4

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Starts of a text that a spreadsheet may read as a formula (also when a user re-enters it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_PROPERTY_CHARS = 255  # what Office accepts in a document property such as the title


def put(ws: Worksheet, row: int, column: int, value: object = None) -> Cell:
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


def _font(name: str = fonts.BODY, size: float = 12, bold: bool = False,
          color: str | None = None) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB_CHARSET, color=color)


def _align(horizontal: str = "left", vertical: str = "center") -> Alignment:
    return Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)


# ---------------------------------------------------------------- 推荐表


@dataclass(frozen=True)
class _Cell:
    text: str
    horizontal: str = "left"
    span: int = 1  # columns covered, merged to the right


_LABEL = "center"
FORM_WIDTHS = (18, 24, 18, 24)  # Excel character units: about 156 mm in all
_CHARS_PER_UNIT = 0.45  # CJK characters of 12 pt per unit of column width, roughly
_LINE_PT = 18


def recommendation_xlsx(view: FormView, when: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐表"
    for index, width in enumerate(FORM_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    put(ws, 1, 1, "附件2").font = _font(fonts.HEADING1, 14)
    title = "工业稳增长和转型升级成效明显市（州）推荐表" + ("（草稿）" if view.draft else "")
    _title(ws, 2, title, len(FORM_WIDTHS), 20)
    year = put(ws, 3, 4, f"{view.year}年度" if view.year else "")
    year.font = _font()
    year.alignment = _align("right")
    last = 3
    for cells in _form_rows(view):
        last += 1
        _form_row(ws, last, cells)
    _print_setup(ws, f"A1:D{last}", "1:2", landscape=False, one_page=True)
    if view.draft:
        _draft_header(ws)
    _properties(wb, view.recommender.name, f"{view.year}年度{view.city.name}推荐表")
    return _save(wb, when)


def _form_rows(view: FormView) -> list[list[_Cell]]:
    rec = view.rec
    return [
        _pairs("申报市（州）", view.city.name, "行政区划代码", view.city.code),
        _pairs("所在省份", view.province, "行政区层级", view.city.level),
        _pairs("推荐单位", view.recommender.name, "省内推荐排序", rec.rank),
        _pairs("工业增加值", rec.value_added, "工业增加值增速", rec.value_added_growth, "right"),
        _pairs("工业投资增速", rec.investment_growth, "技改投资增速", rec.tech_growth, "right"),
        _pairs("技改投资占工业投资比重", rec.tech_share, "数据年度", view.data_year, "right"),
        [_Cell("主导产品及全国占比", _LABEL), _Cell(rec.leading_product, span=3)],
        [_Cell("主要成效与特色", _LABEL), _Cell(rec.highlights, span=3)],
        [_Cell("推荐单位意见", _LABEL),
         _Cell(_opinion(rec.opinion, ["推荐单位（盖章）", rec.opinion_date]), span=3)],
        [_Cell("省级人民政府（兵团）意见", _LABEL),
         _Cell(_opinion(rec.consent_opinion + (f"（{rec.consent_doc_no}）"
                                               if rec.consent_doc_no else ""),
                        [f"{rec.consent_authority}（盖章）", rec.consent_date]), span=3)],
        _pairs("联系人", rec.contact.name, "联系电话", rec.contact.phone),
        _pairs("工作单位", rec.contact.unit, "电子邮箱", rec.contact.email),
    ]


def _pairs(label1: str, value1: str, label2: str, value2: str,
           align: str = "left") -> list[_Cell]:
    return [_Cell(label1, _LABEL), _Cell(value1, align), _Cell(label2, _LABEL),
            _Cell(value2, align)]


def _opinion(text: str, signature: Sequence[str]) -> str:
    """The opinion, blank lines for the seal, then the signature pushed to the right.

    A cell has one alignment, so the signature lines are right-aligned by padding them
    with full-width spaces to the width of the merged cell.
    """
    width = int(sum(FORM_WIDTHS[1:]) * _CHARS_PER_UNIT) - 2
    lines = [text, "", "", ""]
    lines += ["\u3000" * max(0, width - len(line)) + line for line in signature]
    return "\n".join(lines)


def _form_row(ws: Worksheet, number: int, cells: Sequence[_Cell]) -> None:
    column = 1
    lines = 1
    for cell in cells:
        target = put(ws, number, column, cell.text)
        target.font = _font()
        target.alignment = _align(cell.horizontal, "top" if "\n" in cell.text else "center")
        width = sum(FORM_WIDTHS[column - 1:column - 1 + cell.span])
        lines = max(lines, _lines(cell.text, width))
        if cell.span > 1:
            ws.merge_cells(start_row=number, start_column=column, end_row=number,
                           end_column=column + cell.span - 1)
        column += cell.span
    for col in range(1, column):
        ws.cell(number, col).border = BORDER  # every cell, merged ones included
    ws.row_dimensions[number].height = max(24, lines * _LINE_PT + 8)


def _lines(text: str, width_units: float) -> int:
    per_line = max(1, int(width_units * _CHARS_PER_UNIT))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


# ---------------------------------------------------------------- 汇总表


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    attr: str
    number_format: str | None = None  # None: text


SUMMARY_COLUMNS = (
    _Column("序号", 6, "#", "0"),
    _Column("行政区划代码", 10, "code"),
    _Column("所在省份", 10, "province"),
    _Column("申报市（州）", 12, "city"),
    _Column("行政区层级", 9, "level"),
    _Column("推荐单位", 20, "recommender"),
    _Column("工业增加值（亿元）", 12, "value_added", "0.00"),
    _Column("工业增加值增速（%）", 10, "value_added_growth", "0.00"),
    _Column("占全省比重（%）", 10, "provincial_share", "0.00"),
    _Column("工业投资（亿元）", 12, "investment", "0.00"),
    _Column("工业投资增速（%）", 10, "investment_growth", "0.00"),
    _Column("技改投资（亿元）", 12, "tech_investment", "0.00"),
    _Column("技改投资占比（%）", 10, "tech_share", "0.00"),
    _Column("技改投资增速（%）", 10, "tech_growth", "0.00"),
    _Column("全国占比最高的主导产品", 16, "top_product"),
    _Column("该产品全国占比（%）", 10, "top_share", "0.00"),
    _Column("占比5%以上产品数", 9, "products_over_5", "0"),
    _Column("校验结果", 12, "status"),
)
HEADER_ROW = 2


def summary_xlsx(title: str, rows: Sequence[SummaryRow], when: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    _title(ws, 1, title, len(SUMMARY_COLUMNS), 18)
    for index, column in enumerate(SUMMARY_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        _header_cell(ws, index, column.header)
    ws.row_dimensions[HEADER_ROW].height = 45
    for number, item in enumerate(rows, start=1):
        for index, column in enumerate(SUMMARY_COLUMNS, start=1):
            _summary_cell(ws, HEADER_ROW + number, index, column, _value(item, column, number))
    last_row = HEADER_ROW + len(rows)
    last_col = get_column_letter(len(SUMMARY_COLUMNS))
    ws.freeze_panes = f"E{HEADER_ROW + 1}"  # header rows and the columns naming the city
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    _print_setup(ws, f"A1:{last_col}{last_row}", f"1:{HEADER_ROW}", landscape=True,
                 one_page=False)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    _properties(wb, "zx", title)
    return _save(wb, when)


def _header_cell(ws: Worksheet, column: int, text: str) -> None:
    cell = put(ws, HEADER_ROW, column, text)
    cell.font = _font(fonts.HEADING1, 11)
    cell.alignment = _align("center")
    cell.fill = PatternFill("solid", fgColor="D9D9D9")
    cell.border = BORDER


def _value(item: SummaryRow, column: _Column, number: int) -> object:
    if column.attr == "#":
        return number
    if column.attr == "status":
        return "通过" if item.errors == 0 else f"有{item.errors}个错误"
    value = getattr(item, column.attr)
    if isinstance(value, Decimal):
        # A finite figure too large for a double (a growth over a near-zero base, say)
        # cannot be a spreadsheet number.
        number = float(value) if value.is_finite() else math.nan
        return number if math.isfinite(number) else NOT_A_NUMBER
    return value


def _summary_cell(ws: Worksheet, row: int, column: int, spec: _Column, value: object) -> None:
    cell = put(ws, row, column, value if value != "" else None)
    cell.font = _font(size=11)
    cell.border = BORDER
    if spec.number_format:
        cell.number_format = spec.number_format
        cell.alignment = _align("right")  # numbers right-aligned, units in the header
    else:
        cell.alignment = _align("center" if spec.width <= 12 else "left")


# ---------------------------------------------------------------- shared


def _title(ws: Worksheet, row: int, text: str, columns: int, size: float) -> None:
    # "Centre across selection" rather than a merge: sorting and filtering stay possible.
    for column in range(1, columns + 1):
        cell = put(ws, row, column, text if column == 1 else None)
        cell.alignment = Alignment(horizontal="centerContinuous", vertical="center")
        cell.font = _font(fonts.TITLE, size)
    ws.row_dimensions[row].height = size * 2


def _print_setup(ws: Worksheet, area: str, titles: str, landscape: bool,
                 one_page: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0  # 0: as many pages tall as needed
    ws.print_area = area
    ws.print_title_rows = titles
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    if landscape:
        margins.left = margins.right = margins.top = margins.bottom = 15 / MM_PER_INCH
    else:  # GB/T 9704 margins, as on the Word forms
        margins.top, margins.bottom = 37 / MM_PER_INCH, 35 / MM_PER_INCH
        margins.left, margins.right = 28 / MM_PER_INCH, 26 / MM_PER_INCH
    margins.header = margins.footer = 10 / MM_PER_INCH


def _draft_header(ws: Worksheet) -> None:
    header = ws.oddHeader.center
    header.text = DRAFT_TEXT
    header.font = f"{fonts.HEADING1},Bold"
    header.size = 16
    header.color = "C00000"


def _properties(wb: Workbook, creator: str, title: str) -> None:
    wb.properties.creator = _property(creator) or "zx"
    wb.properties.title = _property(title)
    wb.properties.language = "zh-CN"


def _property(text: str) -> str:
    return xml_text(text)[:MAX_PROPERTY_CHARS]


def _save(wb: Workbook, when: dt.date) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalize(buffer.getvalue(), when)
