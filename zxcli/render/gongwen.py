"""The elements of a 公文 (GB/T 9704-2012), written into a document on zx's 名单 template.

Each function adds one element where the standard puts it: the 版头 (发文机关标志 in red,
发文字号 two lines under it, the red 分隔线 4 mm under the 字号), the title two lines under
the red line, the 主送机关, the body, the 附件说明, the 署名 centred over the 成文日期 that
ends four characters from the right edge, the 附件 on a page of its own headed "附件", and
the 版记 at the foot of the last page. The callers (zxcli/tally/outputs.py) give the words;
every date and number comes from their data, never from the clock.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zxcli.render import fonts
from zxcli.render.ooxml import ppr_successors
from zxcli.render.style import (
    MARGINS_MM,
    PAGE_W_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_SMALL_4,
)

RED = RGBColor(0xFF, 0x00, 0x00)
TEXT_WIDTH_PT = (PAGE_W_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) * 72 / 25.4  # 442.2
LINE_PT = 28.95  # the body's fixed line: 22 lines in the 225 mm text block
MARK_TOP_MM = 35  # 发文机关标志: its top 35 mm under the top of the text block (7.2.3)
MARK_MAX_PT = 42
DATE_INDENT_CHARS = 4  # 成文日期 右空四字 (7.3.5.1)
RULE_GAP_PT = 11.3  # the red line 4 mm under the 发文字号 (7.2.5)


def run(
    paragraph: Any,
    text: str,
    font: str,
    size: float,
    color: RGBColor | None = None,
    bold: bool = False,
) -> Any:
    """A run naming its font for every script (WPS and LibreOffice then agree with Word)."""
    added = paragraph.add_run(text)
    added.font.size = Pt(size)
    added.bold = bold
    if color is not None:
        added.font.color.rgb = color
    fonts.set_rfonts(added._element.get_or_add_rPr(), font)
    return added


def para(
    doc: Any, text: str = "", style: str = "Body Text", font: str = fonts.BODY, size: float = SIZE_3
) -> Any:
    paragraph = doc.add_paragraph(style=style)
    if text:
        run(paragraph, text, font, size)
    return paragraph


def blank(doc: Any, lines: int = 1) -> None:
    for _ in range(lines):
        para(doc, style="Normal")


def width_chars(text: str) -> float:
    """Width in 3号 characters: a Chinese character is one, a digit or Latin letter half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


# ---------------------------------------------------------------- 版头


def letterhead(doc: Any, mark: str, doc_no: str) -> None:
    """发文机关标志 (red 小标宋, centred, 35 mm down), 字号 two lines under it, red line."""
    size = min(MARK_MAX_PT, TEXT_WIDTH_PT / max(1.0, width_chars(mark)) - 1)
    head = para(doc, style="Title")
    head.paragraph_format.space_before = Mm(MARK_TOP_MM)
    head.paragraph_format.line_spacing = Pt(size * 1.25)
    run(head, mark, fonts.TITLE, size, RED)
    blank(doc, 2)
    number = para(doc, style="Normal")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(number, doc_no, fonts.BODY, SIZE_3)
    red_rule(number)


def red_rule(paragraph: Any) -> None:
    """The 版头's 分隔线: red, as wide as the text block, under this paragraph."""
    border(paragraph, "bottom", "FF0000", 8, RULE_GAP_PT)


def border(paragraph: Any, side: str, color: str, eighths: int, space_pt: float = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *ppr_successors("w:pBdr"))
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), str(round(space_pt)))
    line.set(qn("w:color"), color)
    borders.append(line)


# ---------------------------------------------------------------- 主体


def title(doc: Any, lines: Sequence[str], after_rule: bool) -> None:
    """2号小标宋, centred, broken where the meaning breaks; two lines under the red line."""
    if after_rule:
        blank(doc, 2)
    para(doc, "\n".join(lines), "Title", fonts.TITLE, SIZE_2)
    blank(doc)


def addressee(doc: Any, recipients: str) -> None:
    """主送机关: flush left under the title, ending in a full-width colon (7.3.2)."""
    para(doc, f"{recipients}：", "Normal")


def attachment_note(doc: Any, names: Sequence[str]) -> None:
    """附件说明: one line under the body, two characters in, 附件：名称 (7.3.4)."""
    blank(doc)
    for number, name in enumerate(names, start=1):
        label = (
            "附件：" if len(names) == 1 else ("附件：" if number == 1 else "　　　") + f"{number}．"
        )
        note = para(doc, f"{label}{name}", "Normal")
        # A name running on to a second line starts under its first character.
        note.paragraph_format.left_indent = Pt(SIZE_3 * (2 + width_chars(label)))
        note.paragraph_format.first_line_indent = Pt(-SIZE_3 * width_chars(label))


def signature(doc: Any, sender: str, date_text: str) -> None:
    """署名 centred over the 成文日期, which ends four characters from the right edge.

    Two blank lines above leave room for the seal, which covers both (7.3.5.1). Tab stops,
    not centring: the date's right end is where the standard puts it whatever its width.
    """
    # The last line of text goes with the signature: never a page of its own.
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for _ in range(2):
        para(doc, style="Normal").paragraph_format.keep_with_next = True
    right = TEXT_WIDTH_PT - DATE_INDENT_CHARS * SIZE_3
    centre = right - width_chars(date_text) * SIZE_3 / 2
    for text, stop, keep in (
        (sender, (centre, WD_TAB_ALIGNMENT.CENTER), True),
        (date_text, (right, WD_TAB_ALIGNMENT.RIGHT), False),
    ):
        paragraph = para(doc, style="落款")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(stop[0]), stop[1])
        paragraph.paragraph_format.keep_with_next = keep
        run(paragraph, "\t" + text, fonts.BODY, SIZE_3)


def attachment_page(doc: Any, title_lines: Sequence[str], new_page: bool = True) -> None:
    """附件: on a page of its own, "附件" in 黑体 at the top left, its title centred on
    the third line (GB/T 9704 8)."""
    mark = para(doc, style="附件标识")
    if new_page:
        mark.add_run().add_break(WD_BREAK.PAGE)
    run(mark, "附件", fonts.HEADING1, SIZE_3)
    blank(doc)
    para(doc, "\n".join(title_lines), "Title", fonts.TITLE, SIZE_2)
    blank(doc)


# ---------------------------------------------------------------- 版记


def last_section(doc: Any) -> Any:
    """A new section on a new page for the 附件, page numbers running on: its footer is
    where the 版记 goes, on the last page only (第5条 caps the list at ten cities, so the
    附件 is one page)."""
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    restart = section._sectPr.find(qn("w:pgNumType"))
    if restart is not None:
        section._sectPr.remove(restart)
    return section


def imprint(section: Any, printer: str, printed: str, cc: str | None = None) -> None:
    """版记 at the foot of the last page: 抄送 and 印发机关/印发日期 in 4号仿宋 between
    a thick first and last line and a thin line between (GB/T 9704 7.4), above the page
    number, in the footers of the 附件's section (odd and even pages alike)."""
    rows = ([("抄送：" + cc, None)] if cc else []) + [(printer, printed + "印发")]
    for footer, previous in (
        (section.footer, section.footer),
        (section.even_page_footer, section.even_page_footer),
    ):
        number = copy.deepcopy(previous.paragraphs[0]._p)  # "— n —" as the template has it
        footer.is_linked_to_previous = False
        body = footer._element
        for child in list(body):
            body.remove(child)
        table = footer.add_table(rows=len(rows), cols=1, width=Pt(TEXT_WIDTH_PT))
        _imprint_rows(table, rows)
        body.append(number)


def _imprint_rows(table: Any, rows: Sequence[tuple[str, str | None]]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _imprint_borders(table)
    for row, (left, right) in zip(table.rows, rows, strict=True):
        row.height = Pt(LINE_PT)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        cell = row.cells[0]
        cell.width = Pt(TEXT_WIDTH_PT)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.style = "表格文字"
        paragraph.paragraph_format.left_indent = Pt(SIZE_4)
        run(paragraph, left, fonts.BODY, SIZE_4)
        if right:
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Pt(TEXT_WIDTH_PT - 2 * SIZE_4), WD_TAB_ALIGNMENT.RIGHT
            )
            run(paragraph, "\t" + right, fonts.BODY, SIZE_4)
    table.columns[0].width = Pt(TEXT_WIDTH_PT)


def _imprint_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, eighths in (
        ("top", 8),
        ("left", 0),
        ("bottom", 8),
        ("right", 0),
        ("insideH", 6),
        ("insideV", 0),
    ):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single" if eighths else "nil")
        if eighths:
            line.set(qn("w:sz"), str(eighths))
            line.set(qn("w:color"), "000000")
            line.set(qn("w:space"), "0")
        borders.append(line)
    layout = tblpr.find(qn("w:tblLayout"))  # schema order: tblBorders before tblLayout
    if layout is not None:
        layout.addprevious(borders)
    else:
        tblpr.append(borders)


# ---------------------------------------------------------------- tables


def grid_table(
    doc: Any,
    head: Sequence[str],
    rows: Sequence[Sequence[Sequence[str]]],
    widths_mm: Sequence[float],
    styles: Sequence[str],
) -> Any:
    """A bordered table, rows never split over two pages, the header repeated on each."""
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _cell(cell, [text], "表格标题")
    _row_flags(table.rows[0], header=True)
    for texts in rows:
        new = table.add_row()
        for cell, lines, style_name in zip(new.cells, texts, styles, strict=True):
            _cell(cell, list(lines), style_name)
        _row_flags(new, header=False)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _row_flags(row: Any, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell(cell: Any, lines: list[str], style_name: str) -> None:
    first = cell.paragraphs[0]
    for i, text in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.style = style_name
        run(
            paragraph,
            text,
            fonts.HEADING1 if style_name == "表格标题" else fonts.BODY,
            SIZE_SMALL_4,
        )
