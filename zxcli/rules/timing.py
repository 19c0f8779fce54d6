"""The round follows its 年度 (the yearly notices' naming; zx convention, no article).

MIIT names a round by the 年度 assessed and runs it after that 年度 ends (工信厅规函〔2021〕8号,
issued 2021-01-15, organised the "2020年" round). So the 第7条 materials (申报书, 推荐函,
推荐表, 统计数据确认, 负责声明, 省政府同意文件) are dated after the 年度: ZX115 otherwise.
Evidence (佐证材料) is exempt: a 实施方案 or a certificate is naturally dated earlier.

A campaign whose `year` is the calendar year of its own materials was named the old way
(by the year the round runs): one ZX116 at zx.yaml says so, instead of leaving every
"本年度" figure and the three years of 第6条(7) silently a year late.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from zxcli.catalog import Term
from zxcli.model.vocabulary import KIND_EVIDENCE
from zxcli.results import Finding
from zxcli.rules.context import CampaignContext, DossierContext


def _year(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _materials(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], date]]:
    for i, att in enumerate(data.get("attachments") or ()):
        if att.get("kind") == KIND_EVIDENCE:
            continue
        try:
            day = date.fromisoformat(str(att.get("date")))
        except ValueError:
            continue  # the schema reports it
        yield i, att, day


def check(ctx: DossierContext) -> Iterator[Finding]:
    """ZX115 per 第7条 material dated on or before the end of the 年度 (when it falls in
    `year` itself, `check_campaign` also says once that the year looks old-style)."""
    campaign = ctx.parent.data("campaign") or {}
    year = _year(campaign.get("year"))
    data = ctx.data("dossier")
    if year is None or data is None:
        return
    for i, att, day in _materials(data):
        if day <= date(year, 12, 31):
            yield ctx.at(
                "dossier",
                ("attachments", i, "date"),
                "ZX115",
                what=Term("dates.attachment", {"kind": att["kind"], "id": att["id"]}),
                date=day.isoformat(),
                year=year,
            )


def check_campaign(ctx: CampaignContext) -> Iterator[Finding]:
    """ZX116 once, at zx.yaml's year, when materials are dated within `year` itself."""
    campaign = ctx.data("campaign") or {}
    year = _year(campaign.get("year"))
    if year is None:
        return
    for nominee in ctx.nominees:
        for _, att, day in _materials(nominee.data):
            if day.year == year:
                yield ctx.at(
                    "campaign",
                    ("year",),
                    "ZX116",
                    year=year,
                    previous=year - 1,
                    what=Term(
                        "dates.attachment",
                        {"kind": att["kind"], "id": f"{nominee.key}/{att['id']}"},
                    ),
                    date=day.isoformat(),
                )
                return
