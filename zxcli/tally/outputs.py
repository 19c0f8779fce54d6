"""The tally's files: 初选建议名单 (.xlsx/.json/.md) and the final 名单 (.docx/.xlsx/.json/.md).

All bytes depend on the inputs only — fixed zip timestamps and document properties — so
the same ballots give the same files, and a diff in git means a real change. Everything
is written through `write_atomic`, and nothing at all is written when one target exists
without --force.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.catalog import term
from zxcli.load.atomic import write_all
from zxcli.load.display import display_path
from zxcli.load.inert import md_text
from zxcli.tally.labels import label
from zxcli.tally.shared import FIXED_TIME, cn_date, deterministic_zip, save_workbook

if TYPE_CHECKING:
    from zxcli.tally.final import FinalList
    from zxcli.tally.pipeline import Outcome

SHORTLIST = "初选建议名单"
FINAL = "名单"


# --------------------------------------------------------------------------- plumbing


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
            "decision": _decision_of(outcome, row.city_code),
            "stage": _stage_value(outcome, row.city_code),
            "flags": list(candidate.flags),
        })
    return rows


def _stage_value(outcome: Outcome, code: str) -> str | None:
    stage = outcome.stage(code)
    return stage.value if stage is not None else None


def stage_text(row: dict[str, Any], lang: str = "zh") -> str:
    """The stage a shortlist row has reached, in words; "" off the shortlist."""
    from zxcli.tally.stage import Stage

    return Stage(row["stage"]).label(lang) if row.get("stage") else ""


def _decision_of(outcome: Outcome, code: str) -> str | None:
    """confirmed / not_confirmed for a shortlisted city once MIIT's decision is recorded."""
    confirmed = outcome.decision.confirmed
    if confirmed is None or code not in outcome.result.selected:
        return None
    return "confirmed" if code in confirmed else "not_confirmed"


def _decision_data(outcome: Outcome) -> dict[str, Any] | None:
    decision = outcome.decision
    if decision.confirmed is None:
        return None
    return {"date": decision.day.isoformat() if decision.day else None,
            "proposed": list(decision.confirmed), "note": decision.note,
            "site_checks": [{"city_code": s.city_code, "date": s.day.isoformat(),
                             "note": s.note} for s in decision.site_checks]}


def remark(row: dict[str, Any], lang: str = "zh") -> str:
    """The 备注 of a shortlist row: short of ballots, MIIT's decision, 原则上 flags."""
    from zxcli.rules.conditions import flag_text

    parts = [label("short", lang)] if row["short_of_ballots"] else []
    if row.get("stage"):
        parts.append(stage_text(row, lang))
    if row.get("flags"):
        parts.append(label("flags", lang, flags=flag_text(row["flags"], lang)))
    return term("punct.clauses", lang).join(parts)


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
        "decision": _decision_data(outcome),
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
    return [row["rank"], row["code"], row["province"], row["city"], row["entitled"],
            row["received"], row["approve"], row["reject"], row["abstain"],
            f"{row['approval_rate']}（{row['approval_percent']:.2f}%）", row["needed"],
            label("yes" if row["passed"] else "no", lang),
            "—" if row["mean_score"] is None else f"{row['mean_score']:.2f}",
            "—" if row["spread"] is None else f"{row['spread']:.2f}",
            label("status." + row["status"], lang), remark(row, lang)]


# --------------------------------------------------------------------------- shortlist files


def shortlist_markdown(outcome: Outcome) -> str:
    review = outcome.review
    lines = [f"# {review.campaign.label} {SHORTLIST}", "",
             f"- {rules_text(outcome)}", f"- {label('publicity')}：{printed_window(outcome)}"]
    if outcome.decision.recorded:
        lines.append(f"- {md_text(decision_text(outcome))}")
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
    from zxcli.render.style import new_workbook

    wb = new_workbook()
    _ranked_sheet(wb.active, outcome)
    _matrix_sheet(wb.create_sheet(label("matrix")), outcome)
    _notes_sheet(wb.create_sheet(label("notes")), outcome)
    return save_workbook(wb, f"{outcome.review.campaign.label} {SHORTLIST}")


def decision_text(outcome: Outcome, lang: str = "zh") -> str:
    """拟入选名单（工业和信息化部研究确定，2025年11月20日）：苏州市、… — or '' before it."""
    decision = outcome.decision
    if decision.confirmed is None:
        return ""
    names = {c.code: c.label for c in outcome.review.candidates}
    cities = term("punct.list", lang).join(
        names.get(code, code) for code in decision.confirmed) or "—"
    day = decision.day
    when = (cn_date(day) if lang != "en" else day.isoformat()) if day else ""
    text = label("decision.by", lang, proposed=label("proposed", lang), date=when,
                 cities=cities)
    checks = term("punct.clauses", lang).join(
        label("decision.site_check", lang, note=f"{names.get(s.city_code, s.city_code)} {s.note}",
              date=cn_date(s.day) if lang != "en" else s.day.isoformat())
        for s in decision.site_checks)
    return text + (term("punct.then", lang) + checks if checks else "")


def printed_window(outcome: Outcome) -> str:
    """The 公示 window as a ministry paper prints it: Chinese dates, the calendar cited by
    its official source, never by the software package that carries it."""
    from zxcli.render.style import cn_date, printed_calendar

    span = outcome.window
    if span is None:
        return label("publicity.none")
    return (f"{cn_date(span.start)}至{cn_date(span.end)}（{span.working_days}个工作日，"
            f"日历：{printed_calendar(span.calendar)}）")


def _ranked_columns() -> list[Any]:
    from zxcli.render.style import Column

    return [Column("排名", 12, "int"), Column("行政区\n划代码", 18, "center"),
            Column("省（区、市）", 22, "center"), Column("市（州）", 22, "center"),
            Column("有表决权\n委员", 16, "int"), Column("收到\n表决", 13, "int"),
            Column("同意", 12, "int"), Column("不同意", 14, "int"), Column("弃权", 12, "int"),
            Column("同意率\n（%）", 18, "pct"), Column("通过\n所需票数", 16, "int"),
            Column("是否\n通过", 13, "center"), Column("平均分", 19, "pct"),
            Column("分差", 17, "pct"), Column("结论", 19, "center"), Column("备注", 22)]


def _ranked_values(row: dict[str, Any]) -> list[Any]:
    # Numbers stay numbers (a ministry official sorts and sums them); "—" when none.
    return [row["rank"], row["code"], row["province"], row["city"], row["entitled"],
            row["received"], row["approve"], row["reject"], row["abstain"],
            row["approval_percent"], row["needed"], label("yes" if row["passed"] else "no"),
            "—" if row["mean_score"] is None else row["mean_score"],
            "—" if row["spread"] is None else row["spread"],
            label("status." + row["status"]), remark(row)]


def _ranked_sheet(ws: Any, outcome: Outcome) -> None:
    from openpyxl.styles import PatternFill

    from zxcli.render import style

    columns = _ranked_columns()
    ws.title = SHORTLIST
    style.set_widths(ws, [c.width_mm for c in columns])
    style.title_row(ws, 1, f"{outcome.review.campaign.label} {SHORTLIST}", len(columns), 16)
    style.note_row(ws, 2, rules_text(outcome), columns)
    style.note_row(ws, 3, f"{label('publicity')}：{printed_window(outcome)}", columns)
    style.header_row(ws, 4, columns)
    rows = shortlist_rows(outcome)
    last = style.data_rows(ws, 5, columns, [_ranked_values(r) for r in rows])
    marks = {"selected": "E2EFDA", "tied": "FFE699"}
    for number, row in enumerate(rows, start=5):
        if row["status"] in marks:
            for cell in ws[number]:
                cell.fill = PatternFill("solid", fgColor=marks[row["status"]])
    if outcome.result.tie is not None:
        tie = outcome.tie_error()
        assert tie is not None
        from zxcli.catalog import rule

        last += 2
        style.note_row(ws, last, f"{label('tie')}：{rule('ZX741').render('zh', tie.params)}",
                       columns)
    ws.freeze_panes = "A5"
    _print(ws, len(columns), max(last, 4), "4:4", landscape=True)


def _print(ws: Any, columns: int, last: int, titles: str | None, landscape: bool) -> None:
    from openpyxl.utils import get_column_letter

    from zxcli.render import style

    style.print_setup(ws, f"A1:{get_column_letter(columns)}{last}", titles,
                      landscape=landscape)
    style.page_footer(ws)


def _matrix_sheet(ws: Any, outcome: Outcome) -> None:
    from openpyxl.styles import PatternFill

    from zxcli.render import style
    from zxcli.render.style import Column
    from zxcli.tally.count import matrix

    review = outcome.review
    # As wide as a landscape page allows, the two columns naming the member first.
    each = max(18.0, min(30.0, (style.printable_width_mm(True) - 40) / max(1, len(
        review.candidates))))
    columns = [Column(label("member"), 16, "center"), Column(label("name"), 24, "center"),
               *(Column(c.label, each, "center") for c in review.candidates)]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.header_row(ws, 1, columns)
    cells = matrix(outcome.result, review.committee.ids, [c.code for c in review.candidates],
                   review.recused.keys())
    values = [[m.id, m.name, *(v or label("no_vote") for v in cells[m.id].values())]
              for m in review.committee.members]
    last = style.data_rows(ws, 2, columns, values)
    grey = PatternFill("solid", fgColor="D9D9D9")
    for row in ws.iter_rows(min_row=2, max_row=last, min_col=3):
        for cell in row:
            if cell.value == "回避":
                cell.fill = grey
    ws.freeze_panes = "C2"
    _print(ws, len(columns), max(last, 1), "1:1", landscape=True)


def _notes_sheet(ws: Any, outcome: Outcome) -> None:
    from zxcli.render import style
    from zxcli.render.style import Column

    columns = [Column("代码", 18, "center"), Column(label("where"), 60),
               Column(label("message"), 78)]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.header_row(ws, 1, columns)
    last = style.data_rows(ws, 2, columns, [
        [p.code, in_campaign(outcome, p.location()), p.message("zh")] for p in outcome.notes])
    last = max(last, 1) + 2
    if outcome.decision.recorded:  # MIIT's decision (第8条) and its 现场核实 notes
        style.note_row(ws, last, decision_text(outcome), columns)
        last += 2
    style.note_row(ws, last, label("excluded"), columns)
    # Under the same column widths as the notes above: code, folder, error count.
    excluded = [Column(label("code"), 18, "center"), Column(label("dossier"), 60),
                Column(label("errors"), 78, "int")]
    style.header_row(ws, last + 1, excluded)
    last = max(last + 1, style.data_rows(ws, last + 2, excluded, [
        [e.code or "", e.key, e.errors] for e in outcome.review.excluded]))
    _print(ws, len(columns), last, "1:1", landscape=False)


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
        "approval": APPROVAL,
        "local_support": LOCAL_SUPPORT,
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
    lines += ["", LOCAL_SUPPORT]
    return "\n".join(lines) + "\n"


def final_xlsx(final: FinalList) -> bytes:
    from zxcli.render import style
    from zxcli.render.style import Column, new_workbook
    from zxcli.tally.final import ORDER_NOTE

    wb = new_workbook()
    ws = wb.active
    ws.title = FINAL
    columns = [Column("序号", 14, "int"), Column(label("code"), 26, "center"),
               Column(label("province"), 30, "center"), Column(label("city"), 30, "center"),
               Column(label("incentives"), 137), Column(label("period"), 30, "center")]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.title_row(ws, 1, final_title(final), len(columns), 18)
    # 第9条: the list goes to the State Council's General Office; one line, so the sheet
    # stays one page (the notice, .docx, carries 第11条 too).
    style.note_row(ws, 2, f"（{ORDER_NOTE}；{APPROVAL}）", columns, horizontal="center")
    style.header_row(ws, 3, columns)
    # Every incentive on a line of its own; data_rows makes the row high enough for all.
    values = [[n, e.candidate.code, e.candidate.province, e.candidate.name,
               "\n".join(f"{i.item} {i.short}" for i in e.incentives), e.period]
              for n, e in enumerate(final.entries, start=1)]
    last = max(3, style.data_rows(ws, 4, columns, values))
    if final.removed:
        last += 2
        style.note_row(ws, last, label("removed"), columns)
        for objection in final.removed:
            last += 1
            style.note_row(ws, last, f"{objection.id}　{objection.city_code}　"
                                     f"{objection.summary}", columns)
    last += 2
    style.note_row(ws, last, f"工业和信息化部　{style.cn_date(final.as_of)}", columns,
                   horizontal="right")
    ws.freeze_panes = "A4"
    _print(ws, len(columns), last, "3:3", landscape=True)
    return save_workbook(wb, f"{final.campaign.label} {label('final')}")


# --------------------------------------------------------------------------- final docx

ISSUER = "工业和信息化部"  # 发文机关署名 of the final list


def final_title(final: FinalList) -> str:
    return f"{final.campaign.year}年度工业稳增长和转型升级成效明显市（州）名单"


def _title_lines(final: FinalList) -> str:
    # Two lines broken where the meaning breaks (GB/T 9704 7.3.3), never inside 市（州）.
    return f"{final.campaign.year}年度工业稳增长和转型升级\n成效明显市（州）名单"


def final_docx(final: FinalList) -> bytes:
    """The final list as a 公文 on zx's own template (templates/名单.docx): GB/T 9704
    page, styles with Chinese fonts and zh-CN, page numbers "— 1 —" outside."""
    from docx import Document

    from zxcli.render import fonts
    from zxcli.render.style import SIZE_2, SIZE_3, TITLE_FONT, cn_date
    from zxcli.resources import bundled_file
    from zxcli.tally.final import INCENTIVE_PERIOD, ORDER_NOTE

    doc = Document(str(bundled_file("templates", f"{FINAL}.docx")))
    _styled(doc, _title_lines(final), "Title", TITLE_FONT, SIZE_2)
    _styled(doc, f"（{ORDER_NOTE}）", "Title", fonts.HEADING2, SIZE_3)
    _styled(doc, _preamble(final), "Body Text", fonts.BODY, SIZE_3)
    _styled(doc, "一、入选市（州）名单", "Heading 1", fonts.HEADING1, SIZE_3).paragraph_format \
        .keep_with_next = True
    _city_table(doc, final)
    _styled(doc, "二、激励措施", "Heading 1", fonts.HEADING1, SIZE_3)
    _styled(doc, "对入选市（州）给予如下激励支持（第10条），"
            f"激励期{INCENTIVE_PERIOD}（第5条）：", "Body Text", fonts.BODY, SIZE_3)
    numbers = "一二三四五六七八九十"
    for n, incentive in zip(numbers, final.entries[0].incentives if final.entries else (),
                            strict=False):
        _styled(doc, f"（{n}）{incentive.text}。", "Body Text", fonts.BODY, SIZE_3)
    _styled(doc, "三、地方支持", "Heading 1", fonts.HEADING1, SIZE_3)
    _styled(doc, LOCAL_SUPPORT, "Body Text", fonts.BODY, SIZE_3)
    _signature(doc, ISSUER, cn_date(final.as_of))
    fonts.fill_run_fonts(doc)
    _core(doc, final)
    buffer = BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _preamble(final: FinalList) -> str:
    span = final.window
    text = ("根据《工业稳增长和转型升级成效明显市（州）激励措施实施办法（修订版）》，"
            "经评审委员会评审、工业和信息化部研究确定（第8条），"
            f"拟入选市（州）名单于{cn_date(span.start)}至{cn_date(span.end)}公示"
            f"{span.working_days}个工作日（第9条）")
    if final.removed:
        text += f"，公示期间异议成立的{len(final.removed)}个市（州）不纳入名单"
    return (text + f"。以下{len(final.entries)}个市（州）纳入"
            f"{final.campaign.year}年度工业稳增长和转型升级成效明显市（州）名单，"
            f"{APPROVAL}。")


# 第9条: the list 报国务院办公厅批复; 第11条: what local departments do for the selected cities.
APPROVAL = "报国务院办公厅批复（第9条）"
LOCAL_SUPPORT = ("各地工业和信息化主管部门对入选市（州）在政策资金安排等方面，"
                 "同等条件下优先考虑（第11条）。")


def _styled(doc: Any, text: str, style_name: str, font: str, size: float) -> Any:
    """A paragraph in one of the template's styles. The run names its font and size too:
    readers that resolve styles differently (WPS, LibreOffice) then agree with Word."""
    from docx.shared import Pt

    from zxcli.render import fonts

    paragraph = doc.add_paragraph(style=style_name)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    fonts.set_rfonts(run._element.get_or_add_rPr(), font)
    return paragraph


# GB/T 9704 7.3.5.1: the 成文日期 ends four characters from the right margin and the
# 发文机关署名 is centred over it. With 三号 (16 pt ≈ 5.64 mm a character) on the 156 mm
# text block, a date such as 2025年12月9日 (about 8.5 characters) is centred at ≈ 109 mm.
_SIGNATURE_CENTRE_MM = 109


def _signature(doc: Any, sender: str, date_text: str) -> None:
    """发文机关署名 and 成文日期 with room for the ministry's seal: two blank lines under the
    text, then sender and date centred on one tab stop. Paragraphs, not a table: a table
    kept with nothing after it was pushed alone onto a page of its own by LibreOffice."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    for _ in range(2):
        doc.add_paragraph(style="引导语")
    for text, keep in ((sender, True), (date_text, False)):
        paragraph = doc.add_paragraph(style="落款")
        paragraph.alignment = None
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(_SIGNATURE_CENTRE_MM),
                                                          WD_TAB_ALIGNMENT.CENTER)
        paragraph.paragraph_format.keep_with_next = keep
        _run(paragraph, "\t" + text)


def _run(paragraph: Any, text: str) -> None:
    from docx.shared import Pt

    from zxcli.render import fonts
    from zxcli.render.style import BODY_FONT, SIZE_3

    run = paragraph.add_run(text)
    run.font.size = Pt(SIZE_3)
    fonts.set_rfonts(run._element.get_or_add_rPr(), BODY_FONT)


_FINAL_HEAD = ("序号", "省（区、市）", "市（州）", "行政区划代码", "激励措施（第10条）",
               "激励期（第5条）")
_FINAL_WIDTHS = (12, 22, 22, 20, 60, 20)  # mm, 156 in all: the width of the text block


def _city_table(doc: Any, final: FinalList) -> None:
    """One row per city: never split over two pages, the header repeated on each."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(_FINAL_HEAD))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, _FINAL_HEAD, strict=True):
        _cell(cell, [text], "表格标题")
    _row_flags(table.rows[0], header=True)
    for number, entry in enumerate(final.entries, start=1):
        c = entry.candidate
        texts = ([str(number)], [c.province], [c.name], [c.code],
                 [f"{n}. {i.short}" for n, i in enumerate(entry.incentives, start=1)],
                 [entry.period])
        styles = ("表格居中", "表格居中", "表格居中", "表格居中", "表格文字", "表格居中")
        new = table.add_row()
        for cell, lines, style_name in zip(new.cells, texts, styles, strict=True):
            _cell(cell, lines, style_name)
        _row_flags(new, header=False)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, _FINAL_WIDTHS, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, _FINAL_WIDTHS, strict=True):
            cell.width = Mm(width)


def _row_flags(row: Any, header: bool) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell(cell: Any, lines: list[str], style_name: str) -> None:
    from docx.shared import Pt

    from zxcli.render import fonts
    from zxcli.render.style import BODY_FONT, HEADING_FONT, SIZE_3, SIZE_SMALL_4

    size = SIZE_3 if style_name == "落款" else SIZE_SMALL_4
    first = cell.paragraphs[0]
    for i, text in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.style = style_name
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        fonts.set_rfonts(run._element.get_or_add_rPr(),
                         HEADING_FONT if style_name == "表格标题" else BODY_FONT)


def _core(doc: Any, final: FinalList) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "zx"
    props.title = final_title(final)
    props.language = "zh-CN"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
