"""Ballot sheets for the committee (`zx ballots`): one .xlsx and/or .yaml per member.

The .xlsx lists the valid candidates in official (GB/T 2260 code) order with a dropdown
同意/不同意/弃权, a 0–100 score and a comment column. A hidden sheet carries the
member's and the campaign's identity and a SHA-256 over it and the row layout, so a
sheet filled in for someone else, for another campaign, or with rows moved is refused at
tally time. The hash is tamper-*evidence* against mistakes (copying a colleague's file,
sorting the rows), not a signature: anyone who reads this code can recompute it.

Rows a member must recuse from (回避, review rule under 第3条) are greyed out and locked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zxcli.catalog import Term
from zxcli.load.atomic import write_all
from zxcli.render.style import Column
from zxcli.rules.conditions import flag_text
from zxcli.schema.export import schema_comment
from zxcli.tally.candidates import Candidate
from zxcli.tally.committee import Committee, Member, Recusal
from zxcli.tally.count import Choice
from zxcli.tally.labels import label
from zxcli.tally.shared import CampaignId, save_workbook

FORMAT = "zx-ballot/1"
SHEET = "评审表"
META = "zx"
HEADER_ROW = 4
FIRST_ROW = 5
HEADERS = (
    "序号",
    "行政区划代码",
    "省（区、市）",
    "市（州）",
    "表决意见",
    "评分（0–100）",
    "评审意见",
    "回避（第3条）／提请注意（第6条）",
)
# 1-based columns of the visible sheet
COL_CODE, COL_VOTE, COL_SCORE, COL_COMMENT, COL_RECUSAL = 2, 5, 6, 7, 8
FORMATS = ("xlsx", "yaml")
_GREY = "D9D9D9"


@dataclass(frozen=True)
class SheetIdentity:
    year: int
    title: str
    member: str
    rows: tuple[tuple[str, bool], ...]  # (city code, recused) per data row from FIRST_ROW

    @property
    def campaign(self) -> CampaignId:
        return CampaignId(self.year, self.title)

    def digest(self) -> str:
        payload = {
            "format": FORMAT,
            "year": self.year,
            "title": self.title,
            "member": self.member,
            "first_row": FIRST_ROW,
            "rows": [[code, recused] for code, recused in self.rows],
        }
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def cells(self) -> list[tuple[str, str]]:
        rows = json.dumps([[c, r] for c, r in self.rows], ensure_ascii=False)
        return [
            ("format", FORMAT),
            ("year", str(self.year)),
            ("title", self.title),
            ("member", self.member),
            ("rows", rows),
            ("sha256", self.digest()),
        ]

    @classmethod
    def from_cells(cls, cells: Mapping[str, object]) -> SheetIdentity:
        """Parse the hidden sheet's key/value cells; ValueError names what is wrong."""
        if cells.get("format") != FORMAT:
            raise ValueError(f"format {cells.get('format')!r}")
        try:
            rows = tuple((str(c), bool(r)) for c, r in json.loads(str(cells["rows"])))
            identity = cls(int(str(cells["year"])), str(cells["title"]), str(cells["member"]), rows)
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"identity unreadable: {exc}") from None
        if identity.digest() != cells.get("sha256"):
            raise ValueError("sha256 mismatch")
        return identity


def write_ballots(
    out: Path,
    formats: Iterable[str],
    campaign: CampaignId,
    committee: Committee,
    candidates: list[Candidate],
    recused: Mapping[tuple[str, str], Recusal],
    force: bool,
    home: Path | None = None,
) -> list[Path]:
    """Write every member's ballot in each of `formats`; nothing is written if one exists.

    `home` is where filled ballots go (the campaign's review/ballots), for the YAML's
    schema line.
    """
    files: dict[Path, bytes] = {}
    for member in committee.members:
        mine = {code: r for (m, code), r in recused.items() if m == member.id}
        if "xlsx" in formats:
            files[out / f"{member.id}.xlsx"] = ballot_xlsx(campaign, member, candidates, mine)
        if "yaml" in formats:
            files[out / f"{member.id}.yaml"] = ballot_yaml(
                campaign, member, candidates, mine, home or out
            )
    return write_all(files, force)


def recusal_reason(recusal: Recusal) -> Term | str:
    """Why a member stands aside (回避, 第3条): the same province, or the tie they declared."""
    if recusal.ground == "province":
        return Term("tally.same_province", {"province": recusal.detail})
    return recusal.detail


def recusal_text(recusal: Recusal, lang: str = "zh") -> str:
    reason = recusal_reason(recusal)
    return reason.render(lang) if isinstance(reason, Term) else reason


# --------------------------------------------------------------------------- xlsx


def ballot_xlsx(
    campaign: CampaignId,
    member: Member,
    candidates: list[Candidate],
    recused: Mapping[str, Recusal],
) -> bytes:
    from openpyxl.workbook.protection import WorkbookProtection

    from zxcli.render.style import new_workbook

    wb = new_workbook()
    ws = wb.active
    ws.title = SHEET
    _head(ws, campaign, member)
    for i, candidate in enumerate(candidates):
        _candidate_row(ws, FIRST_ROW + i, i + 1, candidate, recused.get(candidate.code))
    _validations(ws, [FIRST_ROW + i for i, c in enumerate(candidates) if c.code not in recused])
    _layout(ws, len(candidates))
    rows = tuple((c.code, c.code in recused) for c in candidates)
    _meta(wb, SheetIdentity(campaign.year, campaign.title, member.id, rows))
    # Locking the structure keeps the identity sheet hidden and the sheet order fixed.
    wb.security = WorkbookProtection(lockStructure=True)
    return save_workbook(wb, f"{campaign.title} 评审表 {member.id}")


# The house style's columns (mm) of the visible sheet: 267 mm, a landscape A4 page.
COLUMNS = (
    Column("序号", 12, "int"),
    Column("行政区划代码", 26, "center"),
    Column("省（区、市）", 30, "center"),
    Column("市（州）", 30, "center"),
    Column("表决意见", 24, "center"),
    Column("评分\n（0–100）", 26, "center"),
    Column("评审意见", 70),
    Column("回避（第3条）／\n提请注意（第6条）", 49),
)
# Printed at the foot of every page: the member signs each sheet of a paper ballot.
SIGNATURE = "委员签字：＿＿＿＿＿＿＿＿　　日期：　　　　年　　月　　日"


def _head(ws: Any, campaign: CampaignId, member: Member) -> None:
    from zxcli.render import style

    style.title_row(ws, 1, f"{campaign.label} 评审表", len(HEADERS), 16)
    style.note_row(
        ws, 2, f"委员：{member.name}（{member.id}）　{member.kind}　{member.affiliation}", COLUMNS
    )
    style.note_row(
        ws,
        3,
        "填写说明：表决意见从下拉列表选择 同意 / 不同意 / 弃权；评分为 0–100 分"
        "（可不填）；灰色行为须回避的市（州）（评审回避规则，第3条），不参与表决。"
        "请勿增删行、排序或改动其他单元格。",
        COLUMNS,
    )
    style.header_row(ws, HEADER_ROW, COLUMNS)


def _candidate_row(
    ws: Any, row: int, number: int, candidate: Candidate, recusal: Recusal | None
) -> None:
    from openpyxl.styles import PatternFill, Protection

    from zxcli.render import style

    values = (number, candidate.code, candidate.province, candidate.name)
    ws.row_dimensions[row].height = 30  # room to write by hand on a printout
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row, col, values[col - 1] if col <= len(values) else None)
        style.style_cell(cell, column)
    if recusal is not None:
        ws.cell(row, COL_RECUSAL, f"回避：{recusal_text(recusal)}")
        grey = PatternFill("solid", fgColor=_GREY)
        for col in range(1, len(HEADERS) + 1):
            ws.cell(row, col).fill = grey
            ws.cell(row, col).font = style.xfont(color="808080")
        return  # cells stay locked (the default) once the sheet is protected
    if candidate.flags:
        # 第6条 says 原则上: a miss is shown to the member, not hidden from the vote.
        ws.cell(row, COL_RECUSAL, label("flags", flags=flag_text(candidate.flags)))
    for col in (COL_VOTE, COL_SCORE, COL_COMMENT):
        ws.cell(row, col).protection = Protection(locked=False)


def _validations(ws: Any, rows: list[int]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if not rows:
        return
    choices = ",".join(c.value for c in Choice)
    vote = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="表决意见",
        error="请选择 同意、不同意 或 弃权",
    )
    score = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="评分",
        error="评分为 0–100 之间的数",
    )
    for validation, col in ((vote, COL_VOTE), (score, COL_SCORE)):
        letter = get_column_letter(col)
        for row in rows:
            validation.add(f"{letter}{row}")
        ws.add_data_validation(validation)


def _layout(ws: Any, count: int) -> None:
    from openpyxl.utils import get_column_letter

    from zxcli.render import style

    style.set_widths(ws, [c.width_mm for c in COLUMNS])
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    last = get_column_letter(len(HEADERS))
    style.print_setup(
        ws,
        f"A1:{last}{max(HEADER_ROW, FIRST_ROW + count - 1)}",
        f"{HEADER_ROW}:{HEADER_ROW}",
        landscape=True,
    )
    style.page_footer(ws, left=SIGNATURE)
    ws.protection.sheet = True


def _meta(wb: Any, identity: SheetIdentity) -> None:
    meta = wb.create_sheet(META)
    for row, (key, value) in enumerate(identity.cells(), start=1):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


# --------------------------------------------------------------------------- yaml


def ballot_yaml(
    campaign: CampaignId,
    member: Member,
    candidates: list[Candidate],
    recused: Mapping[str, Recusal],
    home: Path,
) -> bytes:
    lines = [
        *_schema_line(home),
        f"# {campaign.label} 评审表（第8条）",
        f"# 委员：{member.name}（{member.id}），{member.kind}，{member.affiliation}",
        "# 填写：每个市（州）的 vote 写 同意 / 不同意 / 弃权；评分和评审意见可选，",
        "#       去掉 score / comment 行首的 # 后填写（评分 0–100）。",
        f"# 填好后保存为 review/ballots/{member.id}.yaml（文件名即委员编号）。",
    ]
    if recused:
        lines.append("# 须回避、不参与表决的市（州）（评审回避规则，第3条）：")
        lines += [
            f"#   {c.label}（{c.code}）：{recusal_text(recused[c.code])}"
            for c in candidates
            if c.code in recused
        ]
    voting = [c for c in candidates if c.code not in recused]
    lines += [
        f"year: {campaign.year}",
        f"member: {_quoted(member.id)}",
        "votes:" if voting else "votes: []  # 全部回避，无需提交",
    ]
    for candidate in voting:
        if candidate.flags:
            lines.append(f"  # {label('flags', flags=flag_text(candidate.flags))}")
        lines += [
            f'  - city_code: "{candidate.code}"  # {candidate.label}',
            "    vote:              # 同意 / 不同意 / 弃权",
            "    # score: 0–100",
            "    # comment: 评审意见",
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _schema_line(home: Path) -> list[str]:
    # An editor that knows the schema completes and underlines the ballot as it is typed.
    line = schema_comment(home, "ballot.schema.json")  # "" without a schemas/ folder
    return [line] if line else []


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
