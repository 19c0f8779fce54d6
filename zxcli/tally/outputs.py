"""The tally's files: 初选建议名单 (.xlsx/.json/.md) and the final 名单 (.docx/.xlsx/.json/.md).

All bytes depend on the inputs only — fixed zip timestamps and document properties — so
the same ballots give the same files, and a diff in git means a real change. Everything
is written through `write_atomic`, and nothing at all is written when one target exists
without --force.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.catalog import term
from zxcli.load.atomic import write_all
from zxcli.load.display import display_path
from zxcli.load.inert import md_text
from zxcli.tally.labels import label
from zxcli.tally.notice import DECISION, PUBLICITY, Notice, notice_problems
from zxcli.tally.problems import refuse_if_any
from zxcli.tally.shared import cn_date, save_workbook

if TYPE_CHECKING:
    from zxcli.tally.candidates import Candidate
    from zxcli.tally.final import FinalList
    from zxcli.tally.pipeline import Outcome

SHORTLIST = "初选建议名单"
FINAL = "名单"
PUBLICITY_FILE = "公示"
NOTICE_FILE = "通知"


# --------------------------------------------------------------------------- plumbing


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_outputs(outcome: Outcome, out: Path, force: bool) -> list[Path]:
    """The tally's files; with a recorded decision the 公示, with --final the notice, its
    附件 and the list's other forms. A 公文 lacking its notice data (review/notice.yaml)
    is refused with every missing field named, and then nothing at all is written."""
    from zxcli.tally.notice import read_notice
    from zxcli.tally.papers import list_docx, notice_docx, publicity_docx

    files = {
        out / f"{SHORTLIST}.xlsx": shortlist_xlsx(outcome),
        out / f"{SHORTLIST}.json": _json(shortlist_data(outcome)),
        out / f"{SHORTLIST}.md": shortlist_markdown(outcome).encode("utf-8"),
    }
    notice, problems = read_notice(outcome.review.root)
    documents = ministry_documents(outcome, notice)
    # Errors refuse every file; warnings (dates out of order, ZX769) join the run's notes.
    outcome.notes += refuse_if_any(
        [
            *problems,
            *notice_problems(notice, outcome.review.campaign.year, outcome.window, documents),
        ],
        "notice",
    )
    if PUBLICITY in documents:
        assert outcome.window is not None
        files[out / f"{PUBLICITY_FILE}.docx"] = publicity_docx(
            outcome.review.campaign.year, _proposed_cities(outcome), outcome.window, notice
        )
    if outcome.final is not None:
        files[out / f"{NOTICE_FILE}.docx"] = notice_docx(outcome.final, notice)
        files[out / f"{FINAL}.docx"] = list_docx(outcome.final)
        files[out / f"{FINAL}.xlsx"] = final_xlsx(outcome.final)
        files[out / f"{FINAL}.json"] = _json(final_data(outcome.final))
        files[out / f"{FINAL}.md"] = final_markdown(outcome.final).encode("utf-8")
    return write_all(files, force)


def ministry_documents(outcome: Outcome, notice: Notice) -> tuple[str, ...]:
    """Which 公文 this run writes: the notice with --final; the 公示 once MIIT's decision
    is recorded and the window known, when the ministry keeps a notice.yaml (without one,
    the tally stops at the committee's list, as before notice data existed)."""
    documents: list[str] = []
    publicity_due = outcome.decision.recorded and outcome.window is not None
    if publicity_due and (notice.data is not None or outcome.final is not None):
        documents.append(PUBLICITY)
    if outcome.final is not None:
        documents.append(DECISION)
    return tuple(documents)


def _proposed_cities(outcome: Outcome) -> list[Candidate]:
    """The 拟入选 cities of the 公示, in GB/T 2260 order (按行政区划排列)."""
    from zxcli.tally.decision import proposed

    codes = sorted(proposed(outcome.decision, outcome.result.selected))
    return [outcome.review.candidate(code) for code in codes]


# --------------------------------------------------------------------------- shortlist data


def _fmt(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def shortlist_rows(outcome: Outcome) -> list[dict[str, Any]]:
    review, result = outcome.review, outcome.result
    rows = []
    for row in result.rows:
        candidate = review.candidate(row.city_code)
        rows.append(
            {
                "rank": row.rank,
                "code": row.city_code,
                "province": candidate.province,
                "city": candidate.name,
                "dossier": candidate.key,
                "entitled": row.entitled,
                "received": row.received,
                "approve": row.approve,
                "reject": row.reject,
                "abstain": row.abstain,
                "approval_rate": f"{row.approve}/{row.entitled}",
                "approval_percent": round(float(row.rate) * 100, 2),
                "needed": result.rules.threshold.needed(row.entitled),
                "passed": row.passed,
                "mean_score": _fmt(row.mean),
                "mean_trimmed": row.trimmed,
                "spread": _fmt(row.spread),
                "status": row.status.value,
                "short_of_ballots": row.short,
                "decision": _decision_of(outcome, row.city_code),
                "stage": _stage_value(outcome, row.city_code),
                "flags": list(candidate.flags),
            }
        )
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
    return {
        "date": decision.day.isoformat() if decision.day else None,
        "proposed": list(decision.confirmed),
        "note": decision.note,
        "site_checks": [
            {"city_code": s.city_code, "date": s.day.isoformat(), "note": s.note}
            for s in decision.site_checks
        ],
    }


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
        "rules": {
            "threshold": result.rules.threshold.value,
            "cap": result.rules.cap,
            "trim": result.rules.trim,
            "order": [result.rules.ranking.value, "mean_score"],
        },
        "committee": {
            "size": len(review.committee.members),
            "chair": review.committee.chair,
            "ballots": len(outcome.ballots),
        },
        "candidates": shortlist_rows(outcome),
        "shortlist": list(result.selected),
        "decision": _decision_data(outcome),
        "tie": None
        if tie is None
        else {"rank": tie.rank, "cities": list(tie.cities), "slots": tie.slots},
        "recusals": [
            {"member": r.member, "city_code": r.city_code, "ground": r.ground, "detail": r.detail}
            for _, r in sorted(review.recused.items())
        ],
        "excluded_votes": [
            {
                "member": v.member,
                "city_code": v.city_code,
                "vote": v.choice.value,
                "where": in_campaign(outcome, str(v.where or "")),
            }
            for v in result.excluded
        ],
        "excluded_dossiers": [
            {"dossier": e.key, "code": e.code, "name": e.name, "errors": e.errors}
            for e in review.excluded
        ],
        "matrix": matrix(
            result, review.committee.ids, [c.code for c in review.candidates], review.recused.keys()
        ),
        "publicity": _window_data(outcome),
        "notes": [
            {**p.as_dict(lang), "where": in_campaign(outcome, p.location())} for p in outcome.notes
        ],
    }


def in_campaign(outcome: Outcome, where: str) -> str:
    """A place relative to the campaign folder, so files do not depend on the cwd of the run."""
    prefix = display_path(outcome.review.root) + "/"
    return where[len(prefix) :] if where.startswith(prefix) else where


def _window_data(outcome: Outcome) -> dict[str, Any] | None:
    span = outcome.window
    if span is None:
        return None
    return {
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "working_days": span.working_days,
        "calendar": span.calendar,
    }


def window_text(outcome: Outcome, lang: str = "zh") -> str:
    span = outcome.window
    if span is None:
        return label("publicity.none", lang)
    return label(
        "publicity.span",
        lang,
        start=span.start.isoformat(),
        end=span.end.isoformat(),
        days=span.working_days,
        calendar=span.calendar,
    )


def rules_text(outcome: Outcome, lang: str = "zh") -> str:
    rules = outcome.result.rules
    mean = label("trimmed_mean" if rules.trim else "mean", lang)
    colon, semi = (": ", "; ") if lang == "en" else ("：", "；")
    parts = [
        (label("threshold", lang), label("threshold." + rules.threshold.value, lang)),
        (label("cap", lang), label("cap_value", lang, cap=rules.cap)),
        (label("order", lang), f"{label(rules.ranking.value, lang)} → {mean}"),
    ]
    return semi.join(f"{key}{colon}{value}" for key, value in parts)


_COLUMNS = (
    "rank",
    "code",
    "province",
    "city",
    "entitled",
    "received",
    "approve",
    "reject",
    "abstain",
    "rate",
    "needed",
    "passed",
    "mean",
    "spread",
    "status",
    "remark",
)


def _cells(row: dict[str, Any], lang: str = "zh") -> list[Any]:
    return [
        row["rank"],
        row["code"],
        row["province"],
        row["city"],
        row["entitled"],
        row["received"],
        row["approve"],
        row["reject"],
        row["abstain"],
        f"{row['approval_rate']}（{row['approval_percent']:.2f}%）",
        row["needed"],
        label("yes" if row["passed"] else "no", lang),
        "—" if row["mean_score"] is None else f"{row['mean_score']:.2f}",
        "—" if row["spread"] is None else f"{row['spread']:.2f}",
        label("status." + row["status"], lang),
        remark(row, lang),
    ]


# --------------------------------------------------------------------------- shortlist files


def shortlist_markdown(outcome: Outcome) -> str:
    review = outcome.review
    lines = [
        f"# {review.campaign.label} {SHORTLIST}",
        "",
        f"- {rules_text(outcome)}",
        f"- {label('publicity')}：{printed_window(outcome)}",
    ]
    if outcome.decision.recorded:
        lines.append(f"- {md_text(decision_text(outcome))}")
    if outcome.result.tie is not None:
        tie = outcome.tie_error()
        assert tie is not None
        from zxcli.catalog import rule

        lines.append(f"- **{label('tie')}**：{md_text(rule('ZX741').render('zh', tie.params))}")
    lines += [
        "",
        _md_table([label(c) for c in _COLUMNS], [_cells(r) for r in shortlist_rows(outcome)]),
    ]
    lines += ["", f"## {label('matrix')}", "", _md_matrix(outcome)]
    if outcome.notes:
        lines += ["", f"## {label('notes')}", ""]
        lines += [
            f"- `{p.code}` {md_text(in_campaign(outcome, p.location()))}："
            f"{md_text(p.message('zh'))}"
            for p in outcome.notes
        ]
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
    cities = (
        term("punct.list", lang).join(names.get(code, code) for code in decision.confirmed) or "—"
    )
    day = decision.day
    when = (cn_date(day) if lang != "en" else day.isoformat()) if day else ""
    text = label("decision.by", lang, proposed=label("proposed", lang), date=when, cities=cities)
    checks = term("punct.clauses", lang).join(
        label(
            "decision.site_check",
            lang,
            note=f"{names.get(s.city_code, s.city_code)} {s.note}",
            date=cn_date(s.day) if lang != "en" else s.day.isoformat(),
        )
        for s in decision.site_checks
    )
    return text + (term("punct.then", lang) + checks if checks else "")


def printed_window(outcome: Outcome) -> str:
    """The 公示 window as a ministry paper prints it: Chinese dates, the calendar cited by
    its official source, never by the software package that carries it."""
    from zxcli.render.style import cn_date, printed_calendar

    span = outcome.window
    if span is None:
        return label("publicity.none")
    return (
        f"{cn_date(span.start)}至{cn_date(span.end)}（{span.working_days}个工作日，"
        f"日历：{printed_calendar(span.calendar)}）"
    )


def _ranked_columns() -> list[Any]:
    from zxcli.render.style import Column

    return [
        Column("排名", 12, "int"),
        Column("行政区\n划代码", 18, "center"),
        Column("省（区、市）", 22, "center"),
        Column("市（州）", 22, "center"),
        Column("有表决权\n委员", 16, "int"),
        Column("收到\n表决", 13, "int"),
        Column("同意", 12, "int"),
        Column("不同意", 14, "int"),
        Column("弃权", 12, "int"),
        Column("同意率\n（%）", 18, "pct"),
        Column("通过\n所需票数", 16, "int"),
        Column("是否\n通过", 13, "center"),
        Column("平均分", 19, "pct"),
        Column("分差", 17, "pct"),
        Column("结论", 19, "center"),
        Column("备注", 22),
    ]


def _ranked_values(row: dict[str, Any]) -> list[Any]:
    # Numbers stay numbers (a ministry official sorts and sums them); "—" when none.
    return [
        row["rank"],
        row["code"],
        row["province"],
        row["city"],
        row["entitled"],
        row["received"],
        row["approve"],
        row["reject"],
        row["abstain"],
        row["approval_percent"],
        row["needed"],
        label("yes" if row["passed"] else "no"),
        "—" if row["mean_score"] is None else row["mean_score"],
        "—" if row["spread"] is None else row["spread"],
        label("status." + row["status"]),
        remark(row),
    ]


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
    if not rows:
        last = _none_row(ws, 5, columns)
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
        style.note_row(
            ws, last, f"{label('tie')}：{rule('ZX741').render('zh', tie.params)}", columns
        )
    last = _decision_section(ws, last + 2, outcome, columns)
    last = _signature_block(ws, last + 2, outcome, columns)
    ws.freeze_panes = "A5"
    # The title on every printed page (the signature page too).
    _print(ws, len(columns), max(last, 4), "1:1", landscape=True)


def _none_row(ws: Any, row: int, columns: list[Any]) -> int:
    """An empty table says 无 (a blank table under a header reads as a page left unfilled)."""
    from zxcli.render import style

    style.note_row(ws, row, "无", columns, horizontal="center")
    for index in range(1, len(columns) + 1):
        ws.cell(row, index).border = style.BORDER
    return row


def _decision_section(ws: Any, row: int, outcome: Outcome, columns: list[Any]) -> int:
    """MIIT's decision (第8条) under a heading of its own; the last row used."""
    from zxcli.render import style

    style.note_row(ws, row, "工业和信息化部研究确定（第8条）", columns)
    ws.cell(row, 1).font = style.xfont(style.HEADING_FONT, 14)
    text = decision_text(outcome) if outcome.decision.recorded else label("decision.none")
    style.note_row(ws, row + 1, text, columns)
    return row + 1


def _signature_block(ws: Any, row: int, outcome: Outcome, columns: list[Any]) -> int:
    """The committee signs its list: the chair first, every member a field of four columns
    with room to sign under a line, and a date left blank for the hand (第8条)."""
    from openpyxl.styles import Border
    from openpyxl.worksheet.pagebreak import Break

    from zxcli.render import style

    # The signatures on a page of their own, under the title printed on every page.
    ws.row_breaks.append(Break(id=row - 1))
    style.note_row(ws, row, "评审委员会签字", columns)
    ws.cell(row, 1).font = style.xfont(style.HEADING_FONT, 14)
    committee = outcome.review.committee
    members = sorted(committee.members, key=lambda m: m.id != committee.chair)
    per_row, span = 3, len(columns) // 3
    for start in range(0, len(members), per_row):
        row += 1
        ws.row_dimensions[row].height = 42
        for slot, member in enumerate(members[start : start + per_row]):
            first = slot * span + 1
            role = "主任委员" if member.id == committee.chair else "委员"
            cell = style.put(ws, row, first, f"{role} {member.name}：")
            cell.font = style.xfont()
            cell.alignment = style.xalign("right", "bottom")
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=first + 2)
            for column in range(first + 3, first + span):  # the line to sign on
                ws.cell(row, column).border = Border(bottom=style.THIN)
    row += 2
    style.note_row(ws, row, "日期：　　　　年　　月　　日", columns)
    ws.row_dimensions[row].height = 30
    return row


def _print(ws: Any, columns: int, last: int, titles: str | None, landscape: bool) -> None:
    from openpyxl.utils import get_column_letter

    from zxcli.render import style

    style.print_setup(ws, f"A1:{get_column_letter(columns)}{last}", titles, landscape=landscape)
    style.page_footer(ws)


def _matrix_sheet(ws: Any, outcome: Outcome) -> None:
    from openpyxl.styles import PatternFill

    from zxcli.render import style
    from zxcli.render.style import Column
    from zxcli.tally.count import matrix

    review = outcome.review
    # As wide as a landscape page allows, the two columns naming the member first.
    each = max(
        18.0, min(30.0, (style.printable_width_mm(True) - 40) / max(1, len(review.candidates)))
    )
    columns = [
        Column(label("member"), 16, "center"),
        Column(label("name"), 24, "center"),
        *(Column(c.label, each, "center") for c in review.candidates),
    ]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.title_row(
        ws, 1, f"{review.campaign.label} {SHORTLIST}：{label('matrix')}", len(columns), 16
    )
    style.header_row(ws, 2, columns)
    cells = matrix(
        outcome.result,
        review.committee.ids,
        [c.code for c in review.candidates],
        review.recused.keys(),
    )
    values = [
        [m.id, m.name, *(v or label("no_vote") for v in cells[m.id].values())]
        for m in review.committee.members
    ]
    last = style.data_rows(ws, 3, columns, values)
    grey = PatternFill("solid", fgColor="D9D9D9")
    for row in ws.iter_rows(min_row=3, max_row=last, min_col=3):
        for cell in row:
            if cell.value == "回避":
                cell.fill = grey
    ws.freeze_panes = "C3"
    _print(ws, len(columns), max(last, 2), "1:2", landscape=True)


def _notes_sheet(ws: Any, outcome: Outcome) -> None:
    from zxcli.render import style
    from zxcli.render.style import Column

    columns = [
        Column("代码", 18, "center"),
        Column(label("where"), 60),
        Column(label("message"), 78),
    ]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.title_row(
        ws, 1, f"{outcome.review.campaign.year}年度{SHORTLIST}：{label('notes')}", len(columns), 14
    )
    style.header_row(ws, 2, columns)
    last = style.data_rows(
        ws,
        3,
        columns,
        [[p.code, in_campaign(outcome, p.location()), p.message("zh")] for p in outcome.notes],
    )
    if not outcome.notes:
        last = _none_row(ws, 3, columns)
    last += 2
    style.note_row(ws, last, label("excluded"), columns)
    ws.cell(last, 1).font = style.xfont(style.HEADING_FONT, 14)
    # Under the same column widths as the notes above: code, folder, error count.
    excluded = [
        Column(label("code"), 18, "center"),
        Column(label("dossier"), 60),
        Column(label("errors"), 78, "int"),
    ]
    style.header_row(ws, last + 1, excluded)
    rows = [[e.code or "", e.key, e.errors] for e in outcome.review.excluded]
    last = (
        style.data_rows(ws, last + 2, excluded, rows) if rows else _none_row(ws, last + 2, excluded)
    )
    _print(ws, len(columns), last, "1:2", landscape=False)


# --------------------------------------------------------------------------- final list


def final_data(final: FinalList) -> dict[str, Any]:
    from zxcli.tally.final import ORDER_NOTE
    from zxcli.tally.papers import APPROVAL, LOCAL_SUPPORT

    span = final.window
    return {
        "format": "zx-final/1",
        "year": final.campaign.year,
        "title": final.campaign.title,
        "order": ORDER_NOTE,
        "publicity": {
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
            "working_days": span.working_days,
            "calendar": span.calendar,
        },
        "cities": [
            {
                "code": e.candidate.code,
                "province": e.candidate.province,
                "name": e.candidate.name,
                "level": e.candidate.level,
                "incentives": [{"article": i.item, "text": i.text} for i in e.incentives],
                "incentive_period": e.period,
            }
            for e in final.entries
        ],
        "removed": [
            {"objection": o.id, "city_code": o.city_code, "summary": o.summary, "note": o.note}
            for o in final.removed
        ],
        "approval": APPROVAL,
        "local_support": LOCAL_SUPPORT,
    }


def final_markdown(final: FinalList) -> str:
    """The final list as plain text for a web page or a message: same words as the notice."""
    from zxcli.tally.final import INCENTIVE_PERIOD, ORDER_NOTE
    from zxcli.tally.papers import LOCAL_SUPPORT, preamble

    lines = [
        f"# {final_title(final)}",
        "",
        f"（{ORDER_NOTE}）",
        "",
        preamble(final),
        "",
        _md_table(
            [label("code"), label("province"), label("city")],
            [[e.candidate.code, e.candidate.province, e.candidate.name] for e in final.entries],
        ),
        "",
        f"## {label('incentives')}",
        "",
        f"{label('period')}：{INCENTIVE_PERIOD}",
        "",
    ]
    incentives = final.entries[0].incentives if final.entries else ()
    lines += [f"- {i.text}（{i.item}）" for i in incentives]
    lines += ["", LOCAL_SUPPORT]
    return "\n".join(lines) + "\n"


def final_xlsx(final: FinalList) -> bytes:
    from zxcli.render import style
    from zxcli.render.style import Column, new_workbook
    from zxcli.tally.final import ORDER_NOTE
    from zxcli.tally.papers import APPROVAL

    wb = new_workbook()
    ws = wb.active
    ws.title = FINAL
    columns = [
        Column("序号", 14, "int"),
        Column(label("code"), 26, "center"),
        Column(label("province"), 30, "center"),
        Column(label("city"), 30, "center"),
        Column(label("incentives"), 137),
        # broken before its article: never a lone "）" on a line of its own
        Column(label("period").replace("（", "\n（"), 30, "center"),
    ]
    style.set_widths(ws, [c.width_mm for c in columns])
    style.title_row(ws, 1, final_title(final), len(columns), 18)
    # 第9条: the list goes to the State Council's General Office; one line, so the sheet
    # stays one page (the notice, .docx, carries 第11条 too).
    style.note_row(ws, 2, f"（{ORDER_NOTE}；{APPROVAL}）", columns, horizontal="center")
    style.header_row(ws, 3, columns)
    # Every incentive on a line of its own; data_rows makes the row high enough for all.
    values = [
        [
            n,
            e.candidate.code,
            e.candidate.province,
            e.candidate.name,
            "\n".join(f"{i.item} {i.short}" for i in e.incentives),
            e.period,
        ]
        for n, e in enumerate(final.entries, start=1)
    ]
    last = max(3, style.data_rows(ws, 4, columns, values))
    if final.removed:
        last += 2
        style.note_row(ws, last, label("removed"), columns)
        for objection in final.removed:
            last += 1
            style.note_row(
                ws, last, f"{objection.id}　{objection.city_code}　{objection.summary}", columns
            )
    ws.freeze_panes = "A4"
    _print(ws, len(columns), last, "3:3", landscape=True)
    return save_workbook(wb, f"{final.campaign.label} {label('final')}")


# --------------------------------------------------------------------------- final docx


def final_title(final: FinalList) -> str:
    from zxcli.tally.papers import list_title

    return "".join(list_title(final.campaign.year))
