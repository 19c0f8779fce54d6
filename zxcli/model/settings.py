"""Campaign settings (zx.yaml) with their defaults.

The defaults are the policy's numbers and live in one place: the `default` of each
property in schemas/campaign.schema.json, which is also what an editor shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from zxcli.schema.store import schema


@dataclass(frozen=True)
class Settings:
    year: int | None
    max_selected: int
    committee_min_size: int
    committee_size_odd: bool
    publicity_working_days: int
    province_quota: int
    plan_city_outside_quota: bool
    sanction_years: int
    eligible_levels: frozenset[str] | None
    tech_renovation_share_reference_pct: float
    approval: str
    ranking: str
    calendar_override: str | None
    gazetteer_override: str | None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Settings:
        data = data or {}
        limits = _with_defaults(data.get("limits"), "limits")
        thresholds = _with_defaults(data.get("thresholds"), "thresholds")
        levels = data.get("eligible_levels")
        return cls(
            year=data.get("year"),
            eligible_levels=frozenset(levels) if levels else None,
            calendar_override=data.get("calendar_override"),
            gazetteer_override=data.get("gazetteer_override"),
            **{name: limits[name] for name in _names("limits")},
            **{name: thresholds[name] for name in _names("thresholds")},
        )


def _section(name: str) -> Mapping[str, Any]:
    return schema("campaign")["properties"][name]["properties"]


def _names(section: str) -> list[str]:
    return list(_section(section))


def _with_defaults(given: Mapping[str, Any] | None, section: str) -> dict[str, Any]:
    values = {name: prop.get("default") for name, prop in _section(section).items()}
    values.update(given or {})
    return values
