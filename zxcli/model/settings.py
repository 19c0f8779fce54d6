"""Campaign settings (zx.yaml) with their defaults.

The defaults are the policy's numbers and live in one place: the `default` of each
property in schemas/campaign.schema.json, which is also what an editor shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zxcli.load.yamlsafe import load_yaml
from zxcli.resources import bundled_file
from zxcli.schema.store import schema

SANCTION_YEARS = 3  # 第13条: 取消该市（州）三年评选资格，取消所在省三年申报资格


@dataclass(frozen=True)
class FixedLimit:
    """A number of the 实施办法 that zx.yaml may tighten but not loosen."""

    name: str
    article: str
    rule: Mapping[str, str]
    maximum: int | None = None
    minimum: int | None = None
    equals: Any = None

    @property
    def policy_value(self) -> Any:
        return next(v for v in (self.equals, self.maximum, self.minimum) if v is not None)

    def loosened_by(self, value: Any) -> bool:
        if value is None or isinstance(value, bool) != isinstance(self.policy_value, bool):
            return False  # absent, or a wrong type the schema reports
        if self.equals is not None:
            return bool(value != self.equals)
        if self.maximum is not None and value > self.maximum:
            return True
        return self.minimum is not None and value < self.minimum


@cache
def fixed_limits() -> dict[str, FixedLimit]:
    """zxcli/data/policy/fixed_limits.yaml: the limits zx.yaml may not loosen."""
    data = load_yaml(bundled_file("data", "policy/fixed_limits.yaml")).data
    return {
        name: FixedLimit(name, e["article"], e["rule"], e.get("max"), e.get("min"), e.get("equals"))
        for name, e in data.items()
    }


@dataclass(frozen=True)
class Settings:
    year: int | None
    max_selected: int
    committee_min_size: int
    committee_size_odd: bool
    publicity_working_days: int
    province_quota: int
    plan_city_outside_quota: bool
    eligible_levels: frozenset[str] | None
    tech_renovation_share_reference_pct: float | None
    approval: str
    ranking: str
    calendar_override: str | None
    gazetteer_override: str | None
    authorities: Mapping[str, str] = field(default_factory=dict)

    @property
    def sanction_years(self) -> int:
        """第13条's three years: the policy's, not a setting."""
        return SANCTION_YEARS

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Settings:
        data = data or {}
        limits = _with_defaults(data.get("limits"), "limits")
        limits.update(
            {
                name: fixed.policy_value
                for name, fixed in fixed_limits().items()
                if fixed.loosened_by(limits.get(name))
            }
        )
        thresholds = _with_defaults(data.get("thresholds"), "thresholds")
        levels = data.get("eligible_levels")
        return cls(
            year=data.get("year"),
            eligible_levels=frozenset(levels) if levels else None,
            calendar_override=data.get("calendar_override"),
            gazetteer_override=data.get("gazetteer_override"),
            authorities=dict(data.get("authorities") or {}),
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
