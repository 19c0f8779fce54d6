"""The final list (第9条): the shortlist after its 公示, minus upheld objections.

It is published "按行政区划排列，排名不分先后" — in GB/T 2260 code order, no ranking — with
each city's 第10条 incentives and the one-year incentive period of 第5条.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from zxcli.errors import UsageError
from zxcli.load.yamlsafe import load_yaml
from zxcli.resources import bundled_file
from zxcli.tally.candidates import Candidate
from zxcli.tally.publicity import Objection, PublicityRecord, Window, settle_objections
from zxcli.tally.shared import CampaignId


@dataclass(frozen=True)
class Incentive:
    item: str  # 第10条(1)…(4)
    text: str  # the article's wording
    short: str  # for a table cell


@cache
def _policy() -> dict[str, Any]:
    """第10条's incentives and 第5条's period, in the article's wording (a data file)."""
    return load_yaml(bundled_file("data", "policy/incentives.yaml")).data


INCENTIVES = tuple(Incentive(i["item"], i["text"], i["short"]) for i in _policy()["incentives"])
INCENTIVE_PERIOD: str = _policy()["period"]
ORDER_NOTE: str = _policy()["order_note"]


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


def require_ended(span: Window, as_of: date) -> None:
    """The 公示 lasts to the end of its last day; the list is final the day after."""
    if as_of <= span.end:
        raise UsageError(
            "ZX753", start=span.start.isoformat(), end=span.end.isoformat(), as_of=as_of.isoformat()
        )


def build_final(
    campaign: CampaignId,
    shortlist: Sequence[str],
    candidates: Mapping[str, Candidate],
    record: PublicityRecord,
    span: Window,
    as_of: date,
) -> tuple[FinalList, list]:
    """The final list and the objection problems; refused while the 公示 is running."""
    require_ended(span, as_of)
    names = {code: c.label for code, c in candidates.items()}
    kept, upheld, problems = settle_objections(shortlist, record, span, names)
    entries = tuple(FinalEntry(candidates[code]) for code in sorted(kept))
    return FinalList(campaign, entries, tuple(upheld), span, as_of), problems
