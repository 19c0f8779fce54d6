"""What the campaign overview shows: plain frozen data, built by `collect` (or by a test).

The HTML and PDF are rendered from these classes alone, so the page does not depend on
how zx loads, validates or tallies a campaign. Figures are `Decimal` (as declared or as
zx computed them, already rounded); a figure that is missing or cannot be computed is
None and shows as "—". Every string here may come from a submitter and is escaped when
rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

PRODUCT_SHARE_LINE = Decimal(5)  # 第6条(2): a leading product with ≥5% of national output


@dataclass(frozen=True)
class Product:
    """A leading product (第6条(2)) and its share of national output, in %."""

    name: str
    share_pct: Decimal | None  # as printed (model/policy.shown_share): 4.995 stays 4.995
    # 第6条(2) "5%以上" on the exact quotient (model/policy.meets_product_share), never on the
    # printed figure: 4.995 prints below 5.00 and is below the line.
    meets_line: bool = False


@dataclass(frozen=True)
class AttachmentLink:
    """A declared attachment; `path` is relative to its dossier folder, as declared."""

    kind: str
    title: str
    path: str
    present: bool = True  # the file exists inside the dossier folder


@dataclass(frozen=True)
class FindingRow:
    """One validation finding, with its message already in the page's language."""

    code: str
    severity: str  # "error" or "warning"
    article: str  # e.g. 第6条(3); empty when no article applies
    message: str
    file: str  # relative to the campaign folder where possible
    line: int


@dataclass(frozen=True)
class NomineeRow:
    """One nomination, as the committee compares it."""

    key: str  # dossier folder name, e.g. 江苏省-苏州市
    city: str  # official name from the gazetteer, else as declared
    code: str  # GB/T 2260
    province: str
    level: str  # 地级 / 计划单列市 / 直辖市辖区 …
    value_added_yi: Decimal | None = None  # 工业增加值, 亿元
    value_added_national_pct: Decimal | None = None  # its weight in the national total, %
    value_added_provincial_pct: Decimal | None = None  # its weight in the province, %
    tech_share_pct: Decimal | None = None  # 技改投资占工业投资比重, %
    tech_growth_pct: Decimal | None = None  # 技改投资增速, %
    products: tuple[Product, ...] = ()
    errors: int = 0
    warnings: int = 0
    flagged: tuple[str, ...] = ()  # 第6条 finding codes, for the committee's attention
    attachments: tuple[AttachmentLink, ...] = ()
    folder: str = ""  # the dossier folder relative to the campaign folder (dossiers/<key>)

    @property
    def top_product(self) -> Product | None:
        known = [p for p in self.products if p.share_pct is not None]
        return max(known, key=lambda p: p.share_pct or 0, default=None)


class TallyStatus(str, Enum):
    SELECTED = "selected"  # on the 初选建议名单
    TIED = "tied"  # in a tie straddling the cut-off: the committee decides
    OVER_CAP = "over_cap"  # passed the threshold, ranked below the cap
    FAILED = "failed"  # below the threshold


@dataclass(frozen=True)
class TallyRow:
    code: str
    city: str  # label: province + city
    rank: int
    approvals: int
    entitled: int  # members not recused
    received: int  # votes counted
    approval_rate_pct: Decimal
    mean_score: Decimal | None
    min_score: Decimal | None
    max_score: Decimal | None
    recusals: int
    status: TallyStatus
    stage: str | None = None  # tally/stage.Stage value: how far past the count it got

    @property
    def above_cutoff(self) -> bool:
        return self.status is TallyStatus.SELECTED


@dataclass(frozen=True)
class TallySection:
    rows: tuple[TallyRow, ...]  # best first
    committee_size: int
    ballots_received: int
    cap: int  # 第5条: at most this many on the list
    threshold: str  # "majority" or "two_thirds"
    ranking: str  # "approvals" or "approval_rate"
    tie_cities: tuple[str, ...] = ()  # labels of the cities tied at the cut-off
    tie_slots: int = 0  # places left for them
    excluded: tuple[str, ...] = ()  # nominations not voted on (validation errors)


@dataclass(frozen=True)
class ObjectionRow:
    id: str
    received_on: dt.date
    source: str
    city: str
    summary: str
    outcome: str  # upheld / rejected / pending
    note: str = ""


@dataclass(frozen=True)
class FinalEntry:
    code: str
    city: str


@dataclass(frozen=True)
class PublicitySection:
    start: dt.date
    end: dt.date  # on the official calendar, computed by the tally
    working_days: int
    calendar: str = ""  # where the calendar data come from
    channel: str = ""
    objections: tuple[ObjectionRow, ...] = ()
    final: tuple[FinalEntry, ...] | None = None  # None while the list is not final
    final_note: str = ""  # why there is no final list yet, if there is none


@dataclass(frozen=True)
class OverviewData:
    title: str
    title_year: int | None
    lang: str  # "zh" or "en": the labels; names stay as written
    nominees: tuple[NomineeRow, ...]
    findings_by_dossier: Mapping[str, tuple[FindingRow, ...]] = field(default_factory=dict)
    campaign_findings: tuple[FindingRow, ...] = ()  # about the campaign's own files
    tally: TallySection | None = None
    publicity: PublicitySection | None = None
    tech_share_reference_pct: Decimal | None = None  # zx.yaml's 第6条(3) reference line
    notes: tuple[str, ...] = ()  # why a section is missing, in the page's language
    generated_note: str = ""  # e.g. "zx 0.1.0, 2026-11-29"
