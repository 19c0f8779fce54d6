"""The final list (第9条): the shortlist after its 公示, minus upheld objections.

It is published "按行政区划排列，排名不分先后" — in GB/T 2260 code order, no ranking — with
each city's 第10条 incentives and the one-year incentive period of 第5条.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from zxcli.errors import UsageError
from zxcli.tally.candidates import Candidate
from zxcli.tally.publicity import Objection, PublicityRecord, Window, settle_objections
from zxcli.tally.sheets import CampaignId


@dataclass(frozen=True)
class Incentive:
    item: str  # 第10条(1)…(4)
    text: str  # the article's wording
    short: str  # for a table cell


# 第10条, in the article's order and wording.
INCENTIVES = (
    Incentive("第10条(1)", "入选市（州）的产业集聚区申报国家新型工业化产业示范基地，"
              "在评选打分中加3分（百分制）",
              "示范基地评选加3分"),
    Incentive("第10条(2)", "入选市（州）在工业企业技术改造升级导向计划评选打分中加1分（百分制）",
              "技术改造导向计划加1分"),
    Incentive("第10条(3)", "入选市（州）在工业和信息化部组织的示范项目、示范企业、示范平台、"
              "制造业单项冠军等评选过程中，同等条件下优先支持",
              "示范项目等同等条件下优先支持"),
    Incentive("第10条(4)", "入选市（州）申报工业和信息化部组织的专项资金，"
              "在评选打分中加3分（百分制）",
              "专项资金评选加3分"),
)
INCENTIVE_PERIOD = "一年"  # 第5条：激励期一年
ORDER_NOTE = "按行政区划排列，排名不分先后"


@dataclass(frozen=True)
class FinalEntry:
    candidate: Candidate
    incentives: tuple[Incentive, ...] = INCENTIVES
    period: str = INCENTIVE_PERIOD


@dataclass(frozen=True)
class FinalList:
    campaign: CampaignId
    entries: tuple[FinalEntry, ...]  # GB/T 2260 code order
    removed: tuple[Objection, ...]  # upheld objections: these cities left the list
    window: Window
    as_of: date


def build_final(campaign: CampaignId, shortlist: Sequence[str],
                candidates: Mapping[str, Candidate], record: PublicityRecord, span: Window,
                as_of: date) -> tuple[FinalList, list]:
    """The final list and the objection problems; refused while the 公示 is running."""
    if as_of <= span.end:
        # The 公示 lasts to the end of its last day; the list is final the day after.
        raise UsageError("ZX753", start=span.start.isoformat(), end=span.end.isoformat(),
                         as_of=as_of.isoformat())
    names = {code: c.label for code, c in candidates.items()}
    kept, upheld, problems = settle_objections(shortlist, record, span, names)
    entries = tuple(FinalEntry(candidates[code]) for code in sorted(kept))
    return FinalList(campaign, entries, tuple(upheld), span, as_of), problems
