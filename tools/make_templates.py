"""Build the Word templates of `zx render-forms`: templates/申报书.docx and templates/推荐表.docx.

    python tools/make_templates.py [--out DIR]

The templates are generated, not drawn by hand, so that their layout is reviewable code
and the same script always yields the same bytes (a test rebuilds them and compares). An
office may then open its own copy in Word or WPS and restyle it (fonts, spacing, wording
around the placeholders) and pass it with `--template-dir`; see docs/render.md.

Layout is GB/T 9704-2012 (党政机关公文格式): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm; a text block of 22 lines × 28 characters of 3号 (16 pt) 仿宋_GB2312; title
2号 方正小标宋简体; headings 一、 in 黑体 and （一） in 楷体_GB2312; page numbers 4号 宋体
"— 1 —", right on odd pages and left on even ones, one character in from the edge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zxcli.load.atomic import write_atomic  # noqa: E402
from zxcli.render import fonts  # noqa: E402
from zxcli.render.determinism import normalize  # noqa: E402
from zxcli.render.ooxml import ppr_successors, rpr_successors  # noqa: E402
from zxcli.render.style import MARGINS_MM, PAGE_H_MM, PAGE_W_MM, SEAL_SPACE_MM  # noqa: E402
from zxcli.render.templates import APPLICATION, RECOMMENDATION  # noqa: E402

FINAL_LIST = "名单.docx"  # the tally's final list: styles and page only, filled by code

# The templates' own date in their document properties: fixed, so rebuilding changes nothing.
TEMPLATE_DATE = dt.date(2025, 1, 1)

# GB/T 9704-2012 page and text block.
PAGE_W, PAGE_H = PAGE_W_MM, PAGE_H_MM
MARGINS = MARGINS_MM
TEXT_WIDTH = PAGE_W - MARGINS["left"] - MARGINS["right"]  # 156 mm
LINE = 28.95  # pt: 225 mm of text block / 22 lines
LINE_PITCH_TWIPS = 579  # the same, in twentieths of a point, for the document grid
# 28 characters of 16 pt in 156 mm (442.2 pt) is a pitch of 15.79 pt: body text is
# condensed by 0.25 pt (in twentieths of a point), which Word, WPS and LibreOffice honour.
CONDENSE = -5
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NO_PT = 16, 22, 12, 14

# Paragraph styles the templates use; an office restyles these names in Word.
BODY_TEXT = "Body Text"
H1, H2 = "Heading 1", "Heading 2"
TITLE = "Title"
ATTACHMENT_MARK = "附件标识"
COVER_TITLE = "封面标题"
COVER_INFO = "封面信息"
CELL = "表格文字"
CELL_CENTER = "表格居中"
CELL_SMALL = "表格小字"
CELL_SMALL_CENTER = "表格小字居中"
SMALL_PT = 10.5
CELL_NUMBER = "表格数字"
CELL_HEAD = "表格标题"
CELL_SIGN = "表格落款"
NOTE = "表注"
SIGNATURE = "落款"
LEAD = "引导语"
DRAFT = "草稿标记"


# ---------------------------------------------------------------- styles


def setup_styles(doc: DocumentObject) -> None:
    _defaults(doc)
    _paragraph_style(
        doc, "Normal", font=fonts.BODY, size=BODY_PT, line=LINE, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    _paragraph_style(
        doc,
        BODY_TEXT,
        font=fonts.BODY,
        size=BODY_PT,
        line=LINE,
        indent_chars=2,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _paragraph_style(
        doc,
        TITLE,
        font=fonts.TITLE,
        size=TITLE_PT,
        line=LINE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        grid=False,
    )
    _paragraph_style(
        doc, H1, font=fonts.HEADING1, size=BODY_PT, line=LINE, indent_chars=2, keep_next=True
    )
    _paragraph_style(
        doc, H2, font=fonts.HEADING2, size=BODY_PT, line=LINE, indent_chars=2, keep_next=True
    )
    _paragraph_style(doc, ATTACHMENT_MARK, font=fonts.HEADING1, size=BODY_PT, line=LINE)
    _paragraph_style(
        doc,
        COVER_TITLE,
        font=fonts.TITLE,
        size=TITLE_PT,
        line=40,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        grid=False,
    )
    _paragraph_style(doc, COVER_INFO, font=fonts.BODY, size=BODY_PT, line=40, left_mm=30)
    _paragraph_style(
        doc,
        CELL,
        font=fonts.BODY,
        size=TABLE_PT,
        line=18,
        grid=False,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _no_autospace(doc.styles[CELL].element.get_or_add_pPr())
    _paragraph_style(doc, CELL_CENTER, base=CELL, align=WD_ALIGN_PARAGRAPH.CENTER)
    # 5号 for a long list that must leave room for the 落款 on its page (材料清单).
    _paragraph_style(doc, CELL_SMALL, base=CELL, size=SMALL_PT, line=15)
    _paragraph_style(doc, CELL_SMALL_CENTER, base=CELL_SMALL, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, CELL_NUMBER, base=CELL, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, CELL_SIGN, base=CELL, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(
        doc, CELL_HEAD, base=CELL, font=fonts.HEADING1, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _paragraph_style(doc, NOTE, font=fonts.BODY, size=TABLE_PT, line=20, grid=False)
    # A line introducing a table stays on the page of the table.
    _paragraph_style(doc, LEAD, base=BODY_TEXT, keep_next=True)
    # Sender and date of a 公文 (GB/T 9704 7.3.5): centred in a column at the right, so
    # that the name stands centred over the date, the date four characters in.
    _paragraph_style(
        doc,
        SIGNATURE,
        font=fonts.BODY,
        size=BODY_PT,
        line=LINE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        keep_next=True,
        grid=False,
    )
    _paragraph_style(
        doc,
        DRAFT,
        font=fonts.HEADING1,
        size=BODY_PT,
        line=LINE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        grid=False,
    )
    _paragraph_style(doc, "Header", font=fonts.PAGE_NUMBER, size=10.5, line=None, grid=False)
    _paragraph_style(doc, "Footer", font=fonts.PAGE_NUMBER, size=PAGE_NO_PT, line=None, grid=False)
    _untheme_all(doc)


def _defaults(doc: DocumentObject) -> None:
    spacing = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}"
    )
    if spacing is not None:  # python-docx's default: 10 pt after each paragraph, 1.15 lines
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts.set_rfonts(rpr, fonts.BODY)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    # Text with no size of its own is 3号, as everywhere in a 公文.
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = OxmlElement(tag)
            rpr.insert_element_before(size, *rpr_successors(tag))
        size.set(qn("w:val"), str(BODY_PT * 2))


def _paragraph_style(
    doc: DocumentObject,
    name: str,
    *,
    base: str | None = None,
    font: str | None = None,
    size: float | None = None,
    line: float | None = 0,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent_chars: int = 0,
    left_mm: float = 0,
    grid: bool = True,
    keep_next: bool = False,
) -> None:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    style.base_style = styles[base] if base else (None if name == "Normal" else styles["Normal"])
    _reset(style.element)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    elif line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        fmt.alignment = align
    if keep_next:
        fmt.keep_with_next = True
    if indent_chars:
        fmt.first_line_indent = Pt(BODY_PT * indent_chars)
        fmt._element.get_or_add_pPr().get_or_add_ind().set(
            qn("w:firstLineChars"), str(indent_chars * 100)
        )
    if left_mm:
        fmt.left_indent = Mm(left_mm)
    if not grid:
        _no_grid(style.element.get_or_add_pPr())
    if size:
        style.font.size = Pt(size)
    if font:
        fonts.set_rfonts(style.element.get_or_add_rPr(), font)
    if name == "Normal" or not grid:
        _character_spacing(style.element.get_or_add_rPr(), CONDENSE if grid else 0)


def _character_spacing(rpr: object, twentieths: int) -> None:
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *rpr_successors("w:spacing"))
    spacing.set(qn("w:val"), str(twentieths))


def _reset(style: object) -> None:
    """Drop the look python-docx's default template gives built-in styles (blue, bold…)."""
    for tag in ("w:pPr", "w:rPr"):
        element = style.find(qn(tag))
        if element is None:
            continue
        for child in list(element):
            if child.tag != qn("w:outlineLvl"):  # keep headings in the navigation pane
                element.remove(child)


def _no_autospace(ppr: object) -> None:
    # No extra quarter-em between Chinese characters and digits inside a table: a date
    # such as 2025年12月31日 would otherwise need 4 mm more to stay on one line.
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "0")
        ppr.insert_element_before(flag, *ppr_successors(tag))


def _no_grid(ppr: object) -> None:
    # Text that is not 3号 body text keeps its own line height instead of snapping to
    # the 28.95 pt line grid.
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *ppr_successors("w:snapToGrid"))


def _untheme_all(doc: DocumentObject) -> None:
    """Every style still pointing at theme fonts gets the body font instead."""
    for style in doc.styles.element.findall(qn("w:style")):
        rfonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None and not rfonts.get(qn("w:eastAsia")):
            fonts.set_rfonts(style.find(qn("w:rPr")), fonts.BODY)


# ---------------------------------------------------------------- page


def setup_page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance = Mm(15)
    # The page number's top sits 7 mm below the text block (GB/T 9704 7.5).
    section.footer_distance = Mm(22)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # A line grid only: a character grid (linesAndChars) gives 28 characters in Word but
    # spreads every character over two cells in LibreOffice; see CONDENSE instead.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)


def page_numbers(doc: DocumentObject) -> None:
    """ "— 1 —" in 4号 宋体: odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[-1]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        start,
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
    )


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.style = "Footer"
    paragraph.alignment = align
    one_char = Pt(BODY_PT)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = one_char
    else:
        paragraph.paragraph_format.left_indent = one_char
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _field(paragraph: Paragraph, instruction: str) -> None:
    for kind, text in (
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "text":
            run.text = text
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# ---------------------------------------------------------------- paragraphs and tables


def para(doc: DocumentObject | _Cell, text: str = "", style: str = BODY_TEXT) -> Paragraph:
    return doc.add_paragraph(text, style)


def heading(doc: DocumentObject, text: str, level: int = 1) -> None:
    para(doc, text, H1 if level == 1 else H2)


def block(doc: DocumentObject, title: str, field: str) -> None:
    """A （一） heading and the text of one field under it."""
    heading(doc, title, 2)
    para(doc, "{{ " + field + " }}")


def evidence(doc: DocumentObject, field: str) -> None:
    para(doc, "{%p if " + field + " %}")
    para(doc, "佐证材料：{{ " + field + " }}")
    para(doc, "{%p endif %}")


def table(doc: DocumentObject, widths: Sequence[float]) -> Table:
    grid = doc.add_table(rows=0, cols=len(widths))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    tbl_w = grid._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        grid._tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(sum(widths) / 25.4 * 1440)))
    _cell_margins(grid, CELL_PADDING_TWIPS)
    return grid


CELL_PADDING_TWIPS = 85  # 1.5 mm left and right of a cell's text (Word's default is 1.9)


def _cell_margins(grid: Table, twips: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    grid._tbl.tblPr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def row(
    grid: Table,
    texts: Sequence[str],
    styles: Sequence[str] | str = CELL,
    height: float | None = None,
    header: bool = False,
    keep: bool = True,
) -> _Row:
    """A table row that never splits across pages; its header rows repeat on each page.

    Every row keeps with the next (`keep`) so that a short table stays on one page with
    the lines around it: a row alone at the foot of a page with the rest of its table on
    the next is what LibreOffice then lays out wrongly, printing a row under the page
    number and dropping the one after. `end_table` lets the last row go.
    """
    new = grid.add_row()
    if isinstance(styles, str):
        styles = [styles] * len(texts)
    widths = [c.width for c in grid.columns]
    for cell, width, text, style in zip(new.cells, widths, texts, styles, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = style
        cell.paragraphs[0].paragraph_format.keep_with_next = keep
    if height:
        new.height = Mm(height)
        new.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _tr_flag(new, "w:cantSplit")
    if header:
        _tr_flag(new, "w:tblHeader")  # repeated at the top of each page
    return new


# Children of w:trPr in schema order: Word rejects a row whose properties are out of order.
_TRPR_ORDER = (
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


def _tr_flag(new: _Row, tag: str) -> None:
    trpr = new._tr.get_or_add_trPr()
    successors = _TRPR_ORDER[_TRPR_ORDER.index(tag) + 1 :]
    trpr.insert_element_before(OxmlElement(tag), *successors)


def header_row(grid: Table, texts: Sequence[str]) -> None:
    row(grid, texts, CELL_HEAD, header=True)


def end_table(grid: Table) -> None:
    """The last row need not keep with what follows the table."""
    for cell in grid.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = False


def loop_rows(grid: Table, loop: str, texts: Sequence[str], styles: Sequence[str]) -> None:
    """docxtpl's row loop: a row holding `{%tr for %}`, the repeated row, `{%tr endfor %}`."""
    blank = [""] * (len(texts) - 1)
    row(grid, ["{%tr for " + loop + " %}", *blank])
    row(grid, texts, styles)
    row(grid, ["{%tr endfor %}", *blank])


def merge_right(new: _Row, first: int, text: str, style: str = CELL) -> _Cell:
    cell = new.cells[first].merge(new.cells[-1])
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    cell.paragraphs[0].text = text
    cell.paragraphs[0].style = style
    return cell


def listing_table(
    doc: DocumentObject,
    loop: str,
    columns: Sequence[tuple[str, float, str, str]],
    number_mm: float = 12,
    number_style: str = CELL_CENTER,
) -> None:
    """A numbered table of a list field: (header, width mm, placeholder, cell style).

    An empty list prints "无" rather than a table with a header and no rows.
    """
    items = loop.split(" in ", 1)[1]
    para(doc, "{%p if " + items + " %}")
    grid = table(doc, [number_mm] + [c[1] for c in columns])
    header_row(grid, ["序号"] + [c[0] for c in columns])
    loop_rows(
        grid,
        loop,
        ["{{ loop.index }}"] + [c[2] for c in columns],
        [number_style] + [c[3] for c in columns],
    )
    para(doc, "{%p else %}")
    para(doc, "无")
    para(doc, "{%p endif %}")


def note(doc: DocumentObject, text: str) -> None:
    para(doc, text, NOTE)


# ---------------------------------------------------------------- 申报书 (附1)


def application(doc: DocumentObject) -> None:
    cover(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)
    page_numbers(doc)
    # Two balanced lines, broken where the meaning breaks (GB/T 9704 7.3.3).
    para(doc, "{{ city.name }}工业稳增长和转型升级\n成效明显市（州）申报书", TITLE)
    para(doc, "", "Normal")
    basics(doc)
    strategy(doc)
    industry(doc)
    investment(doc)
    quality(doc)
    internet(doc)
    operation(doc)
    declaration(doc)
    attachments(doc)
    signature(doc, "{{ government }}", "{{ date }}")


def cover(doc: DocumentObject) -> None:
    para(doc, "附件1", ATTACHMENT_MARK)
    for _ in range(4):
        para(doc, "", "Normal")
    para(doc, "{{ year }}年度", COVER_TITLE)
    para(doc, "工业稳增长和转型升级成效明显市（州）", COVER_TITLE)
    para(doc, "申　报　书", COVER_TITLE)
    for _ in range(5):
        para(doc, "", "Normal")
    para(doc, "申报市（州）：{{ city.name }}", COVER_INFO)
    para(doc, "所在省份：{{ province }}", COVER_INFO)
    para(doc, "推荐单位：{{ recommender.name }}", COVER_INFO)
    para(doc, "填报日期：{{ date }}", COVER_INFO)
    # The 申报书 is the city government's: its seal goes on the cover and on the 落款. A
    # 42 mm seal centred on this line reaches 21 mm up and down: it is the last line, with
    # COVER_SEAL_GAP_MM more above it than between the others, so it covers no other line.
    sealed = para(doc, "申报单位（盖章）：{{ government }}", COVER_INFO)
    sealed.paragraph_format.space_before = Mm(COVER_SEAL_GAP_MM)


COVER_SEAL_GAP_MM = 16  # + one 40 pt line (14 mm) = 30 mm from the line above


def basics(doc: DocumentObject) -> None:
    heading(doc, "一、基本情况")
    heading(doc, "（一）申报主体", 2)
    grid = table(doc, [32, 46, 32, 46])
    pairs = (
        ("申报市（州）", "city.name", "行政区划代码", "city.code"),
        ("所在省份", "province", "行政区层级", "city.level"),
        ("推荐单位", "recommender.name", "数据年度", "data_year"),
        ("{{ government_label }}", "government", "同级统计机关", "statistics_bureau"),
    )
    for label1, field1, label2, field2 in pairs:
        row(
            grid,
            [label1, "{{ " + field1 + " }}", label2, "{{ " + field2 + " }}"],
            [CELL_CENTER, CELL, CELL_CENTER, CELL],
        )
    end_table(grid)
    heading(doc, "（二）联系人", 2)
    # Widths that hold a mobile number, a landline with its area code and a mail address
    # of ordinary length on one line each: a number broken over two lines gets misdialled.
    # Unit and title on lines of their own, eleven characters a line: a unit's name such
    # as 苏州市工业和信息化局 is not broken inside a word; numbers and address one a line.
    listing_table(
        doc,
        "c in contacts",
        [
            ("姓名", 16, "{{ c.name }}", CELL_CENTER),
            ("单位及职务", 50, "{{ c.unit }}\n{{ c.title }}", CELL),
            ("办公电话、手机、电子邮箱", 78, "{{ c.phone }}\n{{ c.mobile }}\n{{ c.email }}", CELL),
        ],
    )


def strategy(doc: DocumentObject) -> None:
    heading(doc, "二、制造强国建设落实情况")
    block(doc, "（一）具体实施方案", "c1.implementation_plan")
    block(doc, "（二）年度工作计划", "c1.annual_plan")
    heading(doc, "（三）配套政策", 2)
    listing_table(
        doc,
        "p in c1.policies",
        [
            # A 文号 of ten characters (襄经信发〔2024〕11号) on one line: never a lone 号.
            ("政策文件名称", 50, "{{ p.title }}", CELL),
            ("文号", 54, "{{ p.doc_no }}", CELL_CENTER),
            ("印发日期", 40, "{{ p.date }}", CELL_CENTER),
        ],
    )
    block(doc, "（四）组织实施机制", "c1.organization")
    block(doc, "（五）取得成效", "c1.results")
    evidence(doc, "c1.evidence")


def industry(doc: DocumentObject) -> None:
    heading(doc, "三、产业特色与行业引领")
    heading(doc, "（一）工业主导产业", 2)
    para(doc, "{%p for i in c2.industries %}")
    para(doc, "{{ i.name }}：{{ i.description }}")
    para(doc, "{%p else %}")
    para(doc, "无")
    para(doc, "{%p endfor %}")
    heading(doc, "（二）主导产品产量及占全国比重", 2)
    listing_table(
        doc,
        "p in c2.products",
        [
            ("产品名称", 26, "{{ p.name }}", CELL),
            ("所属产业", 20, "{{ p.industry }}", CELL_CENTER),
            ("本市产量", 34, "{{ p.output }}", CELL_NUMBER),
            ("全国产量", 38, "{{ p.national_output }}", CELL_NUMBER),
            ("占全国比重", 26, "{{ p.share }}", CELL_NUMBER),
        ],
    )
    note(doc, "注：占全国比重＝本市产量÷全国产量×100%，四舍五入保留两位小数。")
    heading(doc, "（三）工业总量", 2)
    grid = table(doc, [96, 60])
    header_row(grid, ["指标", "数值"])
    for label, field in (
        ("工业增加值", "c2.value_added"),
        ("工业增加值同比增速", "c2.value_added_growth"),
        ("占{{ share_scope }}工业增加值比重", "c2.provincial_share"),
    ):
        row(grid, [label, "{{ " + field + " }}"], [CELL, CELL_NUMBER])
    end_table(grid)
    heading(doc, "（四）新型工业化产业示范基地", 2)
    listing_table(
        doc,
        "b in c2.bases",
        [
            ("基地名称", 100, "{{ b.name }}", CELL),
            ("级别", 22, "{{ b.level }}", CELL_CENTER),
            ("命名年度", 22, "{{ b.year }}", CELL_CENTER),
        ],
    )
    block(doc, "（五）总体情况", "c2.summary")
    evidence(doc, "c2.evidence")


def investment(doc: DocumentObject) -> None:
    heading(doc, "四、工业投资和企业技术改造")
    heading(doc, "（一）投资情况", 2)
    grid = table(doc, [54, 34, 34, 34])
    header_row(grid, ["指标", "上年度", "本年度", "同比增速"])
    numbers = [CELL, CELL_NUMBER, CELL_NUMBER, CELL_NUMBER]
    row(
        grid,
        [
            "工业投资",
            "{{ c3.industrial_previous }}",
            "{{ c3.industrial_current }}",
            "{{ c3.industrial_growth }}",
        ],
        numbers,
    )
    row(
        grid,
        ["技术改造投资", "{{ c3.tech_previous }}", "{{ c3.tech_current }}", "{{ c3.tech_growth }}"],
        numbers,
    )
    row(
        grid,
        ["技改投资占工业投资比重", "{{ c3.tech_share_previous }}", "{{ c3.tech_share }}", "—"],
        numbers,
    )  # every row keeps with the note below it
    note(
        doc,
        "注：增速和比重按上表金额计算，四舍五入保留两位小数。申报值：技改投资占工业投资比重"
        "{{ c3.declared_share }}，技改投资同比增长{{ c3.declared_growth }}。",
    )
    block(doc, "（二）总体情况", "c3.summary")
    evidence(doc, "c3.evidence")


def quality(doc: DocumentObject) -> None:
    heading(doc, "五、质量品牌建设")
    block(doc, "（一）总体情况", "c4.summary")
    heading(doc, "（二）知名工业品牌", 2)
    listing_table(
        doc,
        "b in c4.brands",
        [
            ("品牌名称", 28, "{{ b.name }}", CELL),
            ("所属企业", 56, "{{ b.owner }}", CELL),
            ("自主知识产权", 60, "{{ b.ip }}", CELL),
        ],
    )
    evidence(doc, "c4.evidence")


def internet(doc: DocumentObject) -> None:
    heading(doc, "六、信息化基础与工业互联网")
    block(doc, "（一）网络体系", "c5.network")
    block(doc, "（二）平台体系", "c5.platform")
    block(doc, "（三）安全体系", "c5.security")
    heading(doc, "（四）试点示范", 2)
    listing_table(
        doc,
        "p in c5.pilots",
        [
            ("试点示范名称", 92, "{{ p.name }}", CELL),
            ("入选年度", 26, "{{ p.year }}", CELL_CENTER),
            ("数量", 26, "{{ p.count }}", CELL_NUMBER),
        ],
    )
    heading(doc, "（五）工业互联网产业示范基地", 2)
    listing_table(
        doc,
        "b in c5.bases",
        [("基地名称", 118, "{{ b.name }}", CELL), ("命名年度", 26, "{{ b.year }}", CELL_CENTER)],
    )
    block(doc, "（六）总体情况", "c5.summary")
    evidence(doc, "c5.evidence")


def operation(doc: DocumentObject) -> None:
    heading(doc, "七、组织领导与运行监测")
    block(doc, "（一）组织领导", "c6.leadership")
    block(doc, "（二）运行监测协调", "c6.monitoring")
    block(doc, "（三）总体情况", "c6.summary")
    evidence(doc, "c6.evidence")


def declaration(doc: DocumentObject) -> None:
    heading(doc, "八、近三年安全生产、生态环境和社会稳定情况")
    para(doc, "{{ c7.period_start }}至{{ c7.period_end }}期间：", LEAD)
    grid = table(doc, [110, 46])
    header_row(grid, ["事项", "情况"])
    for label, field in (
        ("重大安全生产事故", "c7.safety"),
        ("重大环境事故", "c7.environment"),
        ("造成恶劣影响的社会稳定事件", "c7.stability"),
    ):
        row(grid, [label, "{{ " + field + " }}"], [CELL, CELL_CENTER])
    end_table(grid)
    para(doc, "{%p if c7.incidents %}")
    para(doc, "发生的事故和事件：", LEAD)
    grid = table(doc, [42, 32, 82])
    header_row(grid, ["发生日期", "类别", "情况说明"])
    loop_rows(
        grid,
        "e in c7.incidents",
        ["{{ e.date }}", "{{ e.kind }}", "{{ e.description }}"],
        [CELL_CENTER, CELL_CENTER, CELL],
    )
    para(doc, "{%p endif %}")
    para(doc, "负责声明：{{ c7.declaration }}")


def attachments(doc: DocumentObject) -> None:
    heading(doc, "九、申报材料清单")
    # Each document with its 文号 and date under its name (each on a line of its own, so
    # neither is broken), who issued it and the seals it bears (第7条).
    # In 5号: the list of a dossier's eight or so documents and the 落款 after it share
    # the last page (a 落款 alone on a page is what GB/T 9704 7.3.5.4 rules out).
    listing_table(
        doc,
        "a in attachments",
        [
            ("材料类别", 20, "{{ a.kind }}", CELL_SMALL_CENTER),
            (
                "文件名称、文号、成文日期",
                62,
                "{{ a.title }}{% if a.doc_no %}\n{{ a.doc_no }}{% endif %}\n{{ a.date }}",
                CELL_SMALL,
            ),
            ("出具单位", 32, "{{ a.issuer }}", CELL_SMALL),
            ("公章", 30, "{{ a.seals }}", CELL_SMALL),
        ],
        number_style=CELL_SMALL_CENTER,
    )


def signature(doc: DocumentObject, sender: str, date: str) -> None:
    """落款 (GB/T 9704 7.3.5.1): room for the seal, the sender centred over the date.

    The seal (42 mm) presses down on sender and date, which sit a little below its centre,
    and its top is within one line of the text above: two blank lines, sender and date
    make 4 lines (41 mm) with the seal reaching a line below the date. Every line keeps
    with the next, so the block never splits over two pages. A borderless one-column
    table at the right centres the sender over the date, the date about four characters
    in from the right edge.
    """
    blank_lines = 2
    for _ in range(blank_lines):
        para(doc, "", LEAD)
    grid = table(doc, [88])
    grid.style = doc.styles["Normal Table"]
    grid.alignment = WD_TABLE_ALIGNMENT.RIGHT
    row(grid, [sender], SIGNATURE)
    row(grid, [date], SIGNATURE)
    end_table(grid)


# ---------------------------------------------------------------- 推荐表 (附2)


def recommendation(doc: DocumentObject) -> None:
    para(doc, "附件2", ATTACHMENT_MARK)
    title = para(doc, "{{ year }}年度工业稳增长和转型升级\n成效明显市（州）推荐表", TITLE)
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_after = Pt(6)
    # The second column holds a 推荐单位's name (江苏省工业和信息化厅) on one line.
    grid = table(doc, [30, 50, 34, 42])
    labels = [CELL_CENTER, CELL, CELL_CENTER, CELL]
    numbers = [CELL_CENTER, CELL_NUMBER, CELL_CENTER, CELL_NUMBER]
    row(grid, ["申报市（州）", "{{ city.name }}", "行政区划代码", "{{ city.code }}"], labels)
    row(grid, ["所在省份", "{{ province }}", "行政区层级", "{{ city.level }}"], labels)
    row(grid, ["推荐单位", "{{ recommender.name }}", "省内推荐排序", "{{ rec.rank }}"], labels)
    row(
        grid,
        ["工业增加值", "{{ rec.value_added }}", "工业增加值增速", "{{ rec.value_added_growth }}"],
        numbers,
    )
    row(
        grid,
        ["工业投资增速", "{{ rec.investment_growth }}", "技改投资增速", "{{ rec.tech_growth }}"],
        numbers,
    )
    # Labels broken where the words break, not where the 30 mm column runs out.
    row(
        grid,
        ["技改投资占\n工业投资比重", "{{ rec.tech_share }}", "数据年度", "{{ data_year }}"],
        numbers,
    )
    merge_right(
        row(grid, ["主导产品及\n全国占比", "", "", ""], labels), 1, "{{ rec.leading_product }}"
    )
    merge_right(
        row(grid, ["主要成效\n与特色", "", "", ""], labels, height=14), 1, "{{ rec.highlights }}"
    )
    # The two 意见 side by side, each 78 mm wide: room for a 42 mm seal in each, and the
    # whole form still on one A4 page.
    heads = row(grid, ["", "", "", ""], CELL_HEAD)
    merge(heads, 0, 1, "推荐单位意见", CELL_HEAD)
    merge(heads, 2, 3, "省级人民政府（兵团）意见", CELL_HEAD)
    # The opinions in one row, seal space and 落款 in the next: however long either
    # opinion, the two 落款 stand level.
    texts = row(grid, ["", "", "", ""], CELL)
    merge(texts, 0, 1, "{{ rec.opinion }}").vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    merge(
        texts,
        2,
        3,
        "{{ rec.consent_opinion }}{% if rec.consent_doc_no %}"
        "（{{ rec.consent_doc_no }}）{% endif %}",
    ).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    seals = row(grid, ["", "", "", ""], CELL)
    _seal_box(merge(seals, 0, 1, ""), ["推荐单位（盖章）", "{{ rec.opinion_date }}"])
    _seal_box(
        merge(seals, 2, 3, ""), ["{{ rec.consent_authority }}（盖章）", "{{ rec.consent_date }}"]
    )
    for upper, lower in zip(texts.cells, seals.cells, strict=True):
        _no_edge(upper, "bottom")
        _no_edge(lower, "top")
    row(grid, ["联系人", "{{ rec.contact.name }}", "联系电话", "{{ rec.contact.phone }}"], labels)
    # Unit and address over three columns: a mail address broken in two is mistyped.
    merge_right(row(grid, ["工作单位", "", "", ""], labels), 1, "{{ rec.contact.unit }}")
    merge_right(row(grid, ["电子邮箱", "", "", ""], labels), 1, "{{ rec.contact.email }}")
    # One page: should a long opinion make the form overflow, rows run on to a second
    # page rather than the whole table leaving the title alone on the first.
    for each in grid.rows:
        for cell in each.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = False


def merge(new: _Row, first: int, last: int, text: str, style: str = CELL) -> _Cell:
    cell = new.cells[first].merge(new.cells[last])
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    cell.paragraphs[0].text = text
    cell.paragraphs[0].style = style
    return cell


def _seal_box(cell: _Cell, signature: Sequence[str]) -> None:
    """Under an 意见: SEAL_SPACE_MM of clear space, then who seals and when.

    The clear space is one empty paragraph of that exact height: it cannot shrink to the
    height of the text around it.
    """
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    space = cell.paragraphs[0]
    space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    space.paragraph_format.line_spacing = Mm(SEAL_SPACE_MM)
    for line in signature:
        sign = cell.add_paragraph(line, CELL_SIGN)
        sign.paragraph_format.right_indent = Pt(TABLE_PT * 2)


def _no_edge(cell: _Cell, side: str) -> None:
    """No border on one side of a cell (the opinion and its seal read as one box)."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tcpr.insert_element_before(
            borders,
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        )
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "nil")
    borders.append(edge)


# ---------------------------------------------------------------- building


def new_document(title: str) -> DocumentObject:
    doc = Document()
    _drop_thumbnail(doc)
    for paragraph in list(doc.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    setup_styles(doc)
    setup_page(doc)
    props = doc.core_properties
    props.title, props.author, props.language = title, "zx", "zh-CN"
    props.comments = props.keywords = props.subject = props.category = ""
    return doc


def _drop_thumbnail(doc: DocumentObject) -> None:
    # python-docx's default template carries a picture of an English blank page.
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def final_list(doc: DocumentObject) -> None:
    """The final list's 公文: page, styles and page numbers; zx writes the text into it."""
    page_numbers(doc)


# The GB/T 9704 faces, as Word's font table lists them: charset 86 is GB2312.
_FONT_TABLE = (fonts.BODY, fonts.TITLE, fonts.HEADING1, fonts.HEADING2, fonts.PAGE_NUMBER)


def chinese_only(doc: DocumentObject) -> None:
    """Settings, font table and theme say zh-CN: python-docx's default template is a
    Japanese-localised Word's, with ja-JP as its East Asian language and ＭＳ 明朝 in its
    tables (Word then proofs and substitutes as for Japanese)."""
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for part in doc.part.package.parts:
        name = str(part.partname)
        if name == "/word/fontTable.xml":
            part._blob = _font_table(part.blob)
        elif name.startswith("/word/theme/"):
            part._blob = _zh_theme(part.blob)


def _font_table(blob: bytes) -> bytes:
    head, _, _ = blob.partition(b"<w:font ")
    fonts_xml = "".join(
        f'<w:font w:name="{name}"><w:charset w:val="86"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for name in _FONT_TABLE
    )
    return head + fonts_xml.encode("utf-8") + b"</w:fonts>"


def _zh_theme(blob: bytes) -> bytes:
    import re

    text = blob.decode("utf-8")
    text = re.sub(
        r'<a:font script="Jpan" typeface="[^"]*"/>', '<a:font script="Hans" typeface="宋体"/>', text
    )
    text = text.replace('<a:ea typeface=""/>', '<a:ea typeface="宋体"/>')
    return text.encode("utf-8")


def build(name: str) -> bytes:
    builders = {
        APPLICATION: (application, "工业稳增长和转型升级成效明显市（州）申报书"),
        RECOMMENDATION: (recommendation, "工业稳增长和转型升级成效明显市（州）推荐表"),
        FINAL_LIST: (final_list, "工业稳增长和转型升级成效明显市（州）名单"),
    }
    fill, title = builders[name]
    doc = new_document(title)
    fill(doc)
    fonts.fill_run_fonts(doc)
    chinese_only(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize(buffer.getvalue(), TEMPLATE_DATE)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "templates", help="目录（默认 templates/）"
    )
    args = parser.parse_args(argv)
    for name in (APPLICATION, RECOMMENDATION, FINAL_LIST):
        target = args.out / name
        write_atomic(target, build(name), force=True)
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
