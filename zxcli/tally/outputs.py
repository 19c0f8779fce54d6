"""The tally's files: 初选建议名单 (.xlsx/.json/.md) and the final 名单 (.docx/.xlsx/.json/.md).

All bytes depend on the inputs only — fixed zip timestamps and document properties — so
the same ballots give the same files, and a diff in git means a real change. Everything
is written through `write_atomic`, and nothing at all is written when one target exists
without --force.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.load.atomic import write_all
from zxcli.load.display import display_path
from zxcli.load.inert import inert_workbook, md_text, row_text
from zxcli.tally.labels import label

if TYPE_CHECKING:
    from zxcli.tally.final import FinalList
    from zxcli.tally.pipeline import Outcome

# Any constant would do; this is the day the revised 实施办法 took effect (第15条).
FIXED_TIME = datetime(2019, 1, 1)

SHORTLIST = "初选建议名单"
FINAL = "名单"


# --------------------------------------------------------------------------- plumbing


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed entry times, order and properties (OOXML files are zips);
    the one normaliser render-forms uses too."""
    from zxcli.render.determinism import normalize

    return normalize(data, FIXED_TIME.date())


def save_workbook(wb: Any, title: str) -> bytes:
    """Workbook bytes that depend on the content only (fixed timestamps and properties)."""
    from openpyxl.writer.excel import ExcelWriter

    inert_workbook(wb)  # submitter text never becomes a formula (docs/security.md)
    wb.properties.creator = "zx"
    wb.properties.lastModifiedBy = "zx"
    wb.properties.title = title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = BytesIO()
    # openpyxl's save_workbook() stamps "now" into the properties; its writer does not.
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return deterministic_zip(buffer.getvalue())


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_outputs(outcome: Outcome, out: Path, force: bool) -> list[Path]:
    files = {
        out / f"{SHORTLIST}.xlsx": shortlist_xlsx(outcome),
        out / f"{SHORTLIST}.json": _json(shortlist_data(outcome)),
        out / f"{SHORTLIST}.md": shortlist_markdown(outcome).encode("utf-8"),
    }
    if outcome.final is not None:
        files[out / f"{FINAL}.docx"] = final_docx(outcome.final)
        files[out / f"{FINAL}.xlsx"] = final_xlsx(outcome.final)
        files[out / f"{FINAL}.json"] = _json(final_data(outcome.final))
        files[out / f"{FINAL}.md"] = final_markdown(outcome.final).encode("utf-8")
    return write_all(files, force)


# --------------------------------------------------------------------------- shortlist data


def _fmt(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def shortlist_rows(outcome: Outcome) -> list[dict[str, Any]]:
    review, result = outcome.review, outcome.result
    rows = []
    for row in result.rows:
        candidate = review.candidate(row.city_code)
        rows.append({
            "rank": row.rank, "code": row.city_code, "province": candidate.province,
            "city": candidate.name, "dossier": candidate.key,
            "entitled": row.entitled, "received": row.received, "approve": row.approve,
            "reject": row.reject, "abstain": row.abstain,
            "approval_rate": f"{row.approve}/{row.entitled}",
            "approval_percent": round(float(row.rate) * 100, 2),
            "needed": result.rules.threshold.needed(row.entitled), "passed": row.passed,
            "mean_score": _fmt(row.mean), "mean_trimmed": row.trimmed,
            "spread": _fmt(row.spread), "status": row.status.value,
            "short_of_ballots": row.short,
        })
    return rows


def shortlist_data(outcome: Outcome, lang: str = "zh") -> dict[str, Any]:
    from zxcli.tally.count import matrix

    review, result = outcome.review, outcome.result
    tie = result.tie
    return {
        "format": "zx-shortlist/1",
        "year": review.campaign.year,
        "title": review.campaign.title,
        "rules": {"threshold": result.rules.threshold.value, "cap": result.rules.cap,
                  "trim": result.rules.trim, "order": [result.rules.ranking.value, "mean_score"]},
        "committee": {"size": len(review.committee.members), "chair": review.committee.chair,
                      "ballots": len(outcome.ballots)},
        "candidates": shortlist_rows(outcome),
        "shortlist": list(result.selected),
        "tie": None if tie is None else {"rank": tie.rank, "cities": list(tie.cities),
                                         "slots": tie.slots},
        "recusals": [{"member": r.member, "city_code": r.city_code, "ground": r.ground,
                      "detail": r.detail} for _, r in sorted(review.recused.items())],
        "excluded_votes": [{"member": v.member, "city_code": v.city_code,
                            "vote": v.choice.value,
                            "where": in_campaign(outcome, str(v.where or ""))}
                           for v in result.excluded],
        "excluded_dossiers": [{"dossier": e.key, "code": e.code, "name": e.name,
                               "errors": e.errors} for e in review.excluded],
        "matrix": matrix(result, review.committee.ids, [c.code for c in review.candidates],
                         review.recused.keys()),
        "publicity": _window_data(outcome),
        "notes": [{**p.as_dict(lang), "where": in_campaign(outcome, p.location())}
                  for p in outcome.notes],
    }


def in_campaign(outcome: Outcome, where: str) -> str:
    """A place relative to the campaign folder, so files do not depend on the cwd of the run."""
    prefix = display_path(outcome.review.root) + "/"
    return where[len(prefix):] if where.startswith(prefix) else where


def _window_data(outcome: Outcome) -> dict[str, Any] | None:
    span = outcome.window
    if span is None:
        return None
    return {"start": span.start.isoformat(), "end": span.end.isoformat(),
            "working_days": span.working_days, "calendar": span.calendar}


def window_text(outcome: Outcome, lang: str = "zh") -> str:
    span = outcome.window
    if span is None:
        return label("publicity.none", lang)
    return label("publicity.span", lang, start=span.start.isoformat(), end=span.end.isoformat(),
                 days=span.working_days, calendar=span.calendar)


def rules_text(outcome: Outcome, lang: str = "zh") -> str:
    rules = outcome.result.rules
    mean = label("trimmed_mean" if rules.trim else "mean", lang)
    colon, semi = (": ", "; ") if lang == "en" else ("：", "；")
    parts = [(label("threshold", lang), label("threshold." + rules.threshold.value, lang)),
             (label("cap", lang), label("cap_value", lang, cap=rules.cap)),
             (label("order", lang), f"{label(rules.ranking.value, lang)} → {mean}")]
    return semi.join(f"{key}{colon}{value}" for key, value in parts)


_COLUMNS = ("rank", "code", "province", "city", "entitled", "received", "approve", "reject",
            "abstain", "rate", "needed", "passed", "mean", "spread", "status", "remark")


def _cells(row: dict[str, Any], lang: str = "zh") -> list[Any]:
    remark = label("short", lang) if row["short_of_ballots"] else ""
    return [row["rank"], row["code"], row["province"], row["city"], row["entitled"],
            row["received"], row["approve"], row["reject"], row["abstain"],
            f"{row['approval_rate']}（{row['approval_percent']:.2f}%）", row["needed"],
            label("yes" if row["passed"] else "no", lang),
            "—" if row["mean_score"] is None else f"{row['mean_score']:.2f}",
            "—" if row["spread"] is None else f"{row['spread']:.2f}",
            label("status." + row["status"], lang), remark]


# --------------------------------------------------------------------------- shortlist files


def shortlist_markdown(outcome: Outcome) -> str:
    review = outcome.review
    lines = [f"# {review.campaign.label} {SHORTLIST}", "",
             f"- {rules_text(outcome)}", f"- {label('publicity')}：{window_text(outcome)}"]
    if outcome.result.tie is not None:
        tie = outcome.tie_error()
        assert tie is not None
        from zxcli.catalog import rule

        lines.append(f"- **{label('tie')}**：{md_text(rule('ZX741').render('zh', tie.params))}")
    lines += ["", _md_table([label(c) for c in _COLUMNS],
                            [_cells(r) for r in shortlist_rows(outcome)])]
    lines += ["", f"## {label('matrix')}", "", _md_matrix(outcome)]
    if outcome.notes:
        lines += ["", f"## {label('notes')}", ""]
        lines += [f"- `{p.code}` {md_text(in_campaign(outcome, p.location()))}："
                  f"{md_text(p.message('zh'))}" for p in outcome.notes]
    return "\n".join(lines) + "\n"


def _md_table(head: list[str], rows: list[list[Any]]) -> str:
    # Cells hold submitter text (names, members, comments): escaped, so that no cell can
    # open a heading, a link or a new column.
    out = ["| " + " | ".join(md_text(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _md_matrix(outcome: Outcome) -> str:
    data = shortlist_data(outcome)["matrix"]
    review = outcome.review
    head = [label("member"), *(c.label for c in review.candidates)]
    rows = [[m, *(v or label("no_vote") for v in cells.values())] for m, cells in data.items()]
    return _md_table(head, rows)


def shortlist_xlsx(outcome: Outcome) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    _ranked_sheet(wb.active, outcome)
    _matrix_sheet(wb.create_sheet(label("matrix")), outcome)
    _notes_sheet(wb.create_sheet(label("notes")), outcome)
    return save_workbook(wb, f"{outcome.review.campaign.label} {SHORTLIST}")


def _ranked_sheet(ws: Any, outcome: Outcome) -> None:
    from openpyxl.styles import Font, PatternFill

    ws.title = SHORTLIST
    ws.append([f"{outcome.review.campaign.label} {SHORTLIST}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([rules_text(outcome)])
    ws.append([f"{label('publicity')}：{window_text(outcome)}"])
    ws.append([label(c) for c in _COLUMNS])
    for cell in ws[4]:
        cell.font = Font(bold=True)
    marks = {"selected": "E2EFDA", "tied": "FFE699"}
    for row in shortlist_rows(outcome):
        ws.append(row_text(_cells(row)))
        if row["status"] in marks:
            for cell in ws[ws.max_row]:
                cell.fill = PatternFill("solid", fgColor=marks[row["status"]])
    if outcome.result.tie is not None:
        tie = outcome.tie_error()
        assert tie is not None
        from zxcli.catalog import rule

        ws.append([])
        ws.append([f"{label('tie')}：{rule('ZX741').render('zh', tie.params)}"])
    _widths(ws, [6, 12, 14, 12, 10, 8, 6, 6, 6, 16, 10, 8, 8, 10, 10, 12])
    ws.freeze_panes = "A5"


def _matrix_sheet(ws: Any, outcome: Outcome) -> None:
    from openpyxl.styles import Font, PatternFill

    from zxcli.tally.count import matrix

    review = outcome.review
    ws.append([label("member"), label("name"), *(c.label for c in review.candidates)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    cells = matrix(outcome.result, review.committee.ids, [c.code for c in review.candidates],
                   review.recused.keys())
    grey = PatternFill("solid", fgColor="D9D9D9")
    for member in review.committee.members:
        ws.append(row_text([member.id, member.name,
                   *(v or label("no_vote") for v in cells[member.id].values())]))
        for cell in ws[ws.max_row][2:]:
            if cell.value == "回避":
                cell.fill = grey
    _widths(ws, [10, 10] + [14] * len(review.candidates))
    ws.freeze_panes = "C2"


def _notes_sheet(ws: Any, outcome: Outcome) -> None:
    ws.append(["代码", label("where"), label("message")])
    for problem in outcome.notes:
        ws.append(row_text([problem.code, in_campaign(outcome, problem.location()),
                            problem.message("zh")]))
    ws.append([])
    ws.append([label("excluded")])
    ws.append([label("dossier"), label("code"), label("errors")])
    for excluded in outcome.review.excluded:
        ws.append(row_text([excluded.key, excluded.code or "", excluded.errors]))
    _widths(ws, [10, 40, 80])


def _widths(ws: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


# --------------------------------------------------------------------------- final list


def final_data(final: FinalList) -> dict[str, Any]:
    from zxcli.tally.final import ORDER_NOTE

    span = final.window
    return {
        "format": "zx-final/1",
        "year": final.campaign.year,
        "title": final.campaign.title,
        "order": ORDER_NOTE,
        "publicity": {"start": span.start.isoformat(), "end": span.end.isoformat(),
                      "working_days": span.working_days, "calendar": span.calendar},
        "cities": [{
            "code": e.candidate.code, "province": e.candidate.province,
            "name": e.candidate.name, "level": e.candidate.level,
            "incentives": [{"article": i.item, "text": i.text} for i in e.incentives],
            "incentive_period": e.period,
        } for e in final.entries],
        "removed": [{"objection": o.id, "city_code": o.city_code, "summary": o.summary,
                     "note": o.note} for o in final.removed],
    }


def final_markdown(final: FinalList) -> str:
    """The final list as plain text for a web page or a message: same words as the notice."""
    from zxcli.tally.final import INCENTIVE_PERIOD, ORDER_NOTE

    lines = [f"# {final_title(final)}", "", f"（{ORDER_NOTE}）", "", _preamble(final), "",
             _md_table([label("code"), label("province"), label("city")],
                       [[e.candidate.code, e.candidate.province, e.candidate.name]
                        for e in final.entries]),
             "", f"## {label('incentives')}", "",
             f"{label('period')}：{INCENTIVE_PERIOD}", ""]
    incentives = final.entries[0].incentives if final.entries else ()
    lines += [f"- {i.text}（{i.item}）" for i in incentives]
    return "\n".join(lines) + "\n"


def final_xlsx(final: FinalList) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zxcli.tally.final import ORDER_NOTE

    wb = Workbook()
    ws = wb.active
    ws.title = FINAL
    ws.append([f"{final.campaign.label} {label('final')}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"（{ORDER_NOTE}）"])
    ws.append(["序号", label("code"), label("province"), label("city"), label("incentives"),
               label("period")])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(final.entries, start=1):
        c = entry.candidate
        ws.append(row_text([number, c.code, c.province, c.name,
                   "\n".join(f"{i.item} {i.short}" for i in entry.incentives), entry.period]))
        ws.cell(ws.max_row, 5).alignment = Alignment(wrap_text=True, vertical="top")
    if final.removed:
        ws.append([])
        ws.append([label("removed")])
        for objection in final.removed:
            ws.append(row_text([objection.id, objection.city_code, objection.summary]))
    _widths(ws, [6, 12, 14, 12, 60, 14])
    return save_workbook(wb, f"{final.campaign.label} {label('final')}")


# --------------------------------------------------------------------------- final docx

# GB/T 9704-2012 党政机关公文格式: A4; margins top 37, bottom 35, left 28, right 26 mm
# (版心 156 × 225 mm); title 2号 方正小标宋简体; body 3号 仿宋_GB2312, 22 lines a page.
_TITLE_FONT, _BODY_FONT, _HEAD_FONT, _KAI_FONT = ("方正小标宋简体", "仿宋_GB2312", "黑体",
                                                   "楷体_GB2312")
_TITLE_PT, _BODY_PT, _TABLE_PT, _PAGE_NO_PT = 22, 16, 12, 14
_LINE_PT = 28.95  # 225 mm / 22 lines


def final_title(final: FinalList) -> str:
    return f"{final.campaign.year}年度工业稳增长和转型升级成效明显市（州）名单"


def final_docx(final: FinalList) -> bytes:
    from docx import Document

    from zxcli.tally.final import INCENTIVE_PERIOD, ORDER_NOTE

    doc = Document()
    _page(doc)
    _paragraph(doc, final_title(final), _TITLE_FONT, _TITLE_PT, center=True,
               line=_TITLE_PT * 1.5)

    _paragraph(doc, f"（{ORDER_NOTE}）", _KAI_FONT, _BODY_PT, center=True)
    _paragraph(doc, _preamble(final), _BODY_FONT, _BODY_PT, indent=True)
    _paragraph(doc, "一、入选市（州）名单", _HEAD_FONT, _BODY_PT, indent=True)
    _city_table(doc, final)
    _paragraph(doc, "二、激励措施", _HEAD_FONT, _BODY_PT, indent=True)
    _paragraph(doc, "对入选市（州）给予如下激励支持（第10条），"
               f"激励期{INCENTIVE_PERIOD}（第5条）：", _BODY_FONT, _BODY_PT, indent=True)
    numbers = "一二三四"
    for n, incentive in zip(numbers, final.entries[0].incentives if final.entries else (),
                            strict=False):
        _paragraph(doc, f"（{n}）{incentive.text}。", _BODY_FONT, _BODY_PT, indent=True)
    _core(doc, final)
    buffer = BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _preamble(final: FinalList) -> str:
    span = final.window
    text = ("根据《工业稳增长和转型升级成效明显市（州）激励措施实施办法（修订版）》，"
            f"经评审委员会评审，拟入选市（州）名单于{cn_date(span.start)}至{cn_date(span.end)}公示"
            f"{span.working_days}个工作日（第9条）")
    if final.removed:
        text += f"，公示期间异议成立的{len(final.removed)}个市（州）不纳入名单"
    return (text + f"。以下{len(final.entries)}个市（州）纳入"
            f"{final.campaign.year}年度工业稳增长和转型升级成效明显市（州）名单。")


def _page(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)  # page number 7 mm below the text block
    normal = doc.styles["Normal"]
    normal.font.name = _BODY_FONT
    normal.font.size = Pt(_BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _BODY_FONT)
    _page_number(section.footer.paragraphs[0])


def _page_number(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", "宋体", _PAGE_NO_PT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = _run(paragraph, "1", "宋体", _PAGE_NO_PT)
    field.append(run._element)  # the run moves inside the field as its placeholder text
    paragraph._p.append(field)
    _run(paragraph, " —", "宋体", _PAGE_NO_PT)


def _run(paragraph: Any, text: str, font: str, size: float, bold: bool = False) -> Any:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word picks the font of Chinese characters from w:eastAsia, not from w:ascii.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _paragraph(doc: Any, text: str, font: str, size: float, *, center: bool = False,
               indent: bool = False, line: float = _LINE_PT) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = fmt.space_after = Pt(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        fmt.first_line_indent = Pt(size * 2)  # 首行缩进两字
    _run(paragraph, text, font, size)
    return paragraph


def _city_table(doc: Any, final: FinalList) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    head = ("序号", "省（区、市）", "市（州）", "行政区划代码", "激励措施（第10条）",
            "激励期（第5条）")
    widths = (10, 22, 22, 20, 64, 18)  # mm, 156 in all: the width of the text block
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _cell(cell, [text], _HEAD_FONT)
    for number, entry in enumerate(final.entries, start=1):
        c = entry.candidate
        texts = ([str(number)], [c.province], [c.name], [c.code],
                 [f"{n}. {i.short}" for n, i in enumerate(entry.incentives, start=1)],
                 [entry.period])
        for cell, lines in zip(table.add_row().cells, texts, strict=True):
            _cell(cell, lines, _BODY_FONT)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _cell(cell: Any, lines: list[str], font: str) -> None:
    from docx.enum.text import WD_LINE_SPACING

    first = cell.paragraphs[0]
    for i, text in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _run(paragraph, text, font, _TABLE_PT)


def _core(doc: Any, final: FinalList) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "zx"
    props.title = final_title(final)
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
