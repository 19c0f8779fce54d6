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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# isort: split
import zxcli.load.xlsxlib  # noqa: F401  # first: openpyxl without numpy

# isort: split
from openpyxl import Workbook
from openpyxl.styles import Border
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zxcli.catalog import term
from zxcli.load.inert import xml_text
from zxcli.render import style
from zxcli.render.determinism import normalize
from zxcli.render.style import (
    BORDER,
    DRAFT_TEXT,
    FORMULA_STARTS,
    THIN,
    Column,
    put,
    xalign,
    xfont,
)
from zxcli.render.view import NOT_A_NUMBER, FormView, SummaryRow

__all__ = ["DRAFT_TEXT", "FORMULA_STARTS", "put", "recommendation_xlsx", "summary_xlsx"]

MAX_PROPERTY_CHARS = 255  # what Office accepts in a document property such as the title


# ---------------------------------------------------------------- 推荐表


@dataclass(frozen=True)
class _Cell:
    text: str
    horizontal: str = "left"
    span: int = 1  # columns covered, merged to the right


_LABEL = "center"
FORM_MM = (30, 50, 34, 42)  # as the Word form: 156 mm, the GB/T 9704 text block
_SIZE = style.SIZE_SMALL_4
_LINE_PT = style.line_height_pt(_SIZE)
_PAD_PT = 6  # above and below a row's text
SEAL_SPACE_PT = round(style.SEAL_SPACE_MM * style.PT_PER_MM, 1)


def recommendation_xlsx(view: FormView, when: dt.date) -> bytes:
    wb = style.new_workbook()
    ws = wb.active
    ws.title = "推荐表"
    style.set_widths(ws, FORM_MM)
    put(ws, 1, 1, "附件2").font = xfont(style.HEADING_FONT, style.SIZE_4)
    year = put(ws, 1, 4, f"{view.year}年度" if view.year else "")
    year.font = xfont()
    year.alignment = xalign("right")
    title = "工业稳增长和转型升级成效明显市（州）推荐表" + ("（草稿）" if view.draft else "")
    style.title_row(ws, 2, title, len(FORM_MM), 18)
    last = 2
    for cells in _form_rows(view):
        last += 1
        _form_row(ws, last, cells)
    last = _opinions(ws, last + 1, view)
    for cells in _contact_rows(view):
        last += 1
        _form_row(ws, last, cells)
    style.print_setup(ws, f"A1:D{last}", None, landscape=False, one_page=True)
    if view.draft:
        style.draft_header(ws)
        _findings_sheet(wb, view.findings)
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
        _pairs("技改投资占\n工业投资比重", rec.tech_share, "数据年度", view.data_year, "right"),
        [_Cell("主导产品及\n全国占比", _LABEL), _Cell(rec.leading_product, span=3)],
        [_Cell("主要成效\n与特色", _LABEL), _Cell(rec.highlights, span=3)],
    ]


def _contact_rows(view: FormView) -> list[list[_Cell]]:
    contact = view.rec.contact
    # Unit and address over three columns: a mail address broken in two is mistyped.
    return [
        _pairs("联系人", contact.name, "联系电话", contact.phone),
        [_Cell("工作单位", _LABEL), _Cell(contact.unit, span=3)],
        [_Cell("电子邮箱", _LABEL), _Cell(contact.email, span=3)],
    ]


def _pairs(label1: str, value1: str, label2: str, value2: str, align: str = "left") -> list[_Cell]:
    return [
        _Cell(label1, _LABEL),
        _Cell(value1, align),
        _Cell(label2, _LABEL),
        _Cell(value2, align),
    ]


# The form's figures as zx formats them (view.py): 10850.00亿元, 6.80%. Codes, ranks and
# telephone numbers have no unit and stay text.
_FIGURE = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)(亿元|%)")
_UNIT_FORMATS = {"亿元": '0.00"亿元"', "%": '0.00"%"'}


def _figure(text: str) -> tuple[float, str] | None:
    """(number, number format) for a figure printed with its unit, else None: stored as
    a number, the unit in the format, it prints as before and sums in a spreadsheet."""
    match = _FIGURE.fullmatch(text or "")
    if match is None:
        return None
    value = float(match.group(1))
    return (value, _UNIT_FORMATS[match.group(2)]) if math.isfinite(value) else None


def _form_row(ws: Worksheet, number: int, cells: Sequence[_Cell]) -> None:
    column = 1
    lines = 1
    for cell in cells:
        figure = _figure(cell.text)
        target = put(ws, number, column, cell.text if figure is None else figure[0])
        if figure is not None:  # a number, its unit in the format: the sheet can add it up
            target.number_format = figure[1]
        target.font = xfont(size=_SIZE)
        target.alignment = xalign(cell.horizontal)
        width = sum(FORM_MM[column - 1 : column - 1 + cell.span])
        lines = max(
            lines, style.text_lines(cell.text, width, _SIZE, indented=cell.horizontal != "center")
        )
        if cell.span > 1:
            ws.merge_cells(
                start_row=number,
                start_column=column,
                end_row=number,
                end_column=column + cell.span - 1,
            )
        column += cell.span
    for col in range(1, column):
        ws.cell(number, col).border = BORDER  # every cell, merged ones included
    ws.row_dimensions[number].height = lines * _LINE_PT + _PAD_PT


def _opinions(ws: Worksheet, top: int, view: FormView) -> int:
    """The two 意见 boxes side by side; the last row used.

    Each box is four rows, merged across its two columns and framed as one: the opinion
    (top left), SEAL_SPACE_MM of clear space for the seal, then who seals and the date,
    each in a right-aligned row of its own (a cell has one alignment: no padding spaces).
    """
    rec = view.rec
    consent = rec.consent_opinion + (f"（{rec.consent_doc_no}）" if rec.consent_doc_no else "")
    boxes = (
        (1, "推荐单位意见", rec.opinion, "推荐单位（盖章）", rec.opinion_date),
        (
            3,
            "省级人民政府（兵团）意见",
            consent,
            f"{rec.consent_authority}（盖章）",
            rec.consent_date,
        ),
    )
    width = FORM_MM[0] + FORM_MM[1]
    text_lines = max(style.text_lines(box[2], width, _SIZE, indented=True) for box in boxes)
    heights = (
        _LINE_PT + _PAD_PT,
        text_lines * _LINE_PT + _PAD_PT,
        SEAL_SPACE_PT,
        _LINE_PT + 2,
        _LINE_PT + _PAD_PT,
    )
    for offset, height in enumerate(heights):
        ws.row_dimensions[top + offset].height = height
    for first, head, text, sealer, date in boxes:
        rows = (
            (head, "center", style.HEADING_FONT),
            (text, "left", style.BODY_FONT),
            ("", "left", style.BODY_FONT),
            (sealer, "right", style.BODY_FONT),
            (date, "right", style.BODY_FONT),
        )
        for offset, (value, horizontal, font) in enumerate(rows):
            cell = put(ws, top + offset, first, value)
            cell.font = xfont(font, _SIZE)
            cell.alignment = xalign(horizontal, "top" if offset == 1 else "center")
            ws.merge_cells(
                start_row=top + offset,
                start_column=first,
                end_row=top + offset,
                end_column=first + 1,
            )
            _frame(ws, top + offset, first, head_or_first=offset <= 1, last=offset == len(rows) - 1)
    return top + len(heights) - 1


def _frame(ws: Worksheet, row: int, first: int, head_or_first: bool, last: bool) -> None:
    """Borders of one row of a box: sides always, a top line above the heading and the
    opinion, a bottom line under the date; none across the seal space."""
    for column in (first, first + 1):
        ws.cell(row, column).border = Border(
            left=THIN if column == first else None,
            right=THIN if column != first else None,
            top=THIN if head_or_first else None,
            bottom=THIN if last else None,
        )


def _findings_sheet(wb: Workbook, findings: Sequence[str]) -> None:
    """A draft's open errors on a sheet of their own, printed after the form."""
    ws = wb.create_sheet("草稿核对")
    style.set_widths(ws, (156,))
    columns = [Column("", 156)]
    put(ws, 1, 1, DRAFT_TEXT).font = xfont(style.HEADING_FONT, style.SIZE_3, color="C00000")
    heading = f"未解决的校验错误（{len(findings)}项）：" if findings else "未发现校验错误。"
    style.note_row(ws, 2, heading, columns)
    for number, text in enumerate(findings, start=1):
        style.note_row(ws, 2 + number, f"{number}. {text}", columns)
    style.print_setup(ws, f"A1:A{2 + len(findings)}", None, landscape=False)
    style.draft_header(ws)


# ---------------------------------------------------------------- 汇总表


@dataclass(frozen=True)
class _Field:
    column: Column
    attr: str


# Headers break where the words do and keep their unit whole on a line of its own; the
# widths (mm) hold the longest usual value at 五号 and add up to the 267 mm of a
# landscape A4 page inside 15 mm margins, so the sheet prints at 100 %, not shrunk.
SUMMARY_FIELDS = (
    _Field(Column("序号", 8, "int"), "#"),
    _Field(Column("行政区\n划代码", 16, "center"), "code"),
    _Field(Column("所在\n省份", 14, "center"), "province"),
    _Field(Column("申报\n市（州）", 18, "center"), "city"),
    _Field(Column("推荐\n排序", 10, "int"), "rank"),
    _Field(Column("行政区\n层级", 13, "center"), "level"),
    _Field(Column("工业\n增加值\n（亿元）", 22, "amount"), "value_added"),
    _Field(Column("工业增加\n值增速\n（%）", 14.5, "pct"), "value_added_growth"),
    _Field(Column("占全省\n（市）\n比重\n（%）", 15, "pct"), "provincial_share"),
    _Field(Column("工业\n投资\n（亿元）", 21, "amount"), "investment"),
    _Field(Column("工业投资\n增速\n（%）", 14.5, "pct"), "investment_growth"),
    _Field(Column("技改\n投资\n（亿元）", 19, "amount"), "tech_investment"),
    _Field(Column("技改投资\n占比\n（%）", 14.5, "pct"), "tech_share"),
    _Field(Column("技改投资\n增速\n（%）", 14.5, "pct"), "tech_growth"),
    _Field(Column("全国占比最高\n的主导产品", 16.5), "top_product"),
    _Field(Column("该产品\n全国占比\n（%）", 14.5, "pct"), "top_share"),
    _Field(Column("占比5%\n以上产\n品数", 11, "int"), "products_over_5"),
    _Field(Column("校验\n结果", 11, "center"), "status"),
)
SUMMARY_COLUMNS = tuple(f.column for f in SUMMARY_FIELDS)
SUMMARY_SIZE = style.SIZE_5
HEADER_ROW = 2


def summary_xlsx(title: str, rows: Sequence[SummaryRow], when: dt.date) -> bytes:
    wb = style.new_workbook()
    ws = wb.active
    ws.title = "汇总表"
    style.set_widths(ws, [c.width_mm for c in SUMMARY_COLUMNS])
    style.title_row(ws, 1, title, len(SUMMARY_COLUMNS), 16)
    style.header_row(ws, HEADER_ROW, SUMMARY_COLUMNS, SUMMARY_SIZE)
    values = [
        [_value(item, f, number) for f in SUMMARY_FIELDS]
        for number, item in enumerate(rows, start=1)
    ]
    last_row = max(
        HEADER_ROW, style.data_rows(ws, HEADER_ROW + 1, SUMMARY_COLUMNS, values, SUMMARY_SIZE)
    )
    last_col = get_column_letter(len(SUMMARY_COLUMNS))
    ws.freeze_panes = f"E{HEADER_ROW + 1}"  # header rows and the columns naming the city
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"
    end = _sign_block(ws, last_row + 2, rows)
    style.print_setup(ws, f"A1:{last_col}{end}", f"1:{HEADER_ROW}", landscape=True)
    style.page_footer(ws)
    _recommender_header(ws, rows)
    _properties(wb, "zx", title)
    return _save(wb, when)


def _sign_block(ws: Worksheet, row: int, rows: Sequence[SummaryRow]) -> int:
    """Who answers for the sheet, in one row under the table: 填报人 and telephone to
    write by hand on the left; on the right the 推荐单位 and the date, which its seal
    covers as a 公文's 印章 covers 署名 and 日期 (SEAL_ROW_MM of room above them)."""
    half = len(SUMMARY_COLUMNS) // 2
    names = sorted({r.recommender for r in rows if r.recommender})
    sealer = names[0] if len(names) == 1 else "推荐单位"
    # ZX620: a plan city its province's quota does not count, said where the sheet is signed
    note = (
        term("summary.outside_quota", "zh") + "\n\n" if any(r.outside_quota for r in rows) else ""
    )
    parts = (
        (1, half, note + "填报人：\n联系电话：", "left"),
        (
            half + 1,
            len(SUMMARY_COLUMNS),
            f"{sealer}（盖章）\n填报日期：　　　　年　　月　　日",
            "right",
        ),
    )
    for first, last, text, horizontal in parts:
        cell = put(ws, row, first, text)
        cell.font = xfont(size=style.SIZE_SMALL_4)
        cell.alignment = style.xalign(horizontal, "bottom")
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = SEAL_ROW_MM * style.PT_PER_MM
    return row


SEAL_ROW_MM = 32  # the seal's lower part overlaps the name and the date


def _recommender_header(ws: Worksheet, rows: Sequence[SummaryRow]) -> None:
    """A province's 汇总表 has one 推荐单位: it heads every page instead of taking a column
    (the 18 figures need the width: a figure too wide for its column prints as ###)."""
    names = sorted({r.recommender for r in rows if r.recommender})
    if len(names) == 1:
        ws.oddHeader.left.text = f"推荐单位：{names[0]}"
        ws.oddHeader.left.size = 10


def _value(item: SummaryRow, spec: _Field, number: int) -> object:
    if spec.attr == "#":
        return number
    if spec.attr == "status":
        # The verdict validate gives, never a bare 通过 for what is unfrozen or unchecked.
        status = term(f"status.{item.verdict}", "zh")
        if item.errors:
            status += f"（{item.errors}个错误）"
        if item.flags:  # 第6条 原则上: shown to the committee, not an exclusion
            from zxcli.rules.conditions import flag_text

            status += f"；提请注意：{flag_text(item.flags)}"
        return status
    value = getattr(item, spec.attr)
    if isinstance(value, Decimal):
        # A finite figure too large for a double (a growth over a near-zero base, say)
        # cannot be a spreadsheet number.
        figure = float(value) if value.is_finite() else math.nan
        return figure if math.isfinite(figure) else NOT_A_NUMBER
    return value


# ---------------------------------------------------------------- shared


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
