"""Issue 11: the yearly process as the policy and the notices have it; each item is tested
on both sides of its boundary (passes on the sample, fails on the nearest mutation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SUZHOU, Check, edit

from zxcli.catalog import catalog
from zxcli.model.settings import Settings


def codes(found: list) -> list[str]:
    return [f.code for f in found]


@pytest.fixture
def suzhou(campaign: Path) -> Path:
    return campaign / "dossiers" / SUZHOU


@pytest.mark.parametrize(
    ("old", "new", "refused"),
    [
        ("max_selected: 10 ", "max_selected: 11 ", True),
        ("max_selected: 10 ", "max_selected: 8  ", False),  # stricter stays allowed
        ("committee_size_odd: true ", "committee_size_odd: false", True),
        ("publicity_working_days: 5 ", "publicity_working_days: 7 ", True),
        ("committee_min_size: 15 ", "committee_min_size: 14 ", True),
        ("committee_min_size: 15 ", "committee_min_size: 21 ", False),
    ],
)
def test_limits_may_tighten_not_loosen(
    campaign: Path, findings: Check, old: str, new: str, refused: bool
) -> None:
    edit(campaign / "zx.yaml", old, new)
    found = [f for f in findings(campaign) if f.code == "ZX611"]
    assert bool(found) is refused
    if refused:
        assert found[0].params["article"] in ("第5条", "第8条", "第9条")


def test_a_loosened_limit_keeps_the_policy_value() -> None:
    settings = Settings.from_mapping(
        {
            "year": 2024,
            "limits": {
                "max_selected": 12,
                "committee_size_odd": False,
                "publicity_working_days": 7,
            },
        }
    )
    assert (
        settings.max_selected,
        settings.committee_size_odd,
        settings.publicity_working_days,
        settings.sanction_years,
    ) == (10, True, 5, 3)
    assert Settings.from_mapping({"year": 2024}).tech_renovation_share_reference_pct is None
    assert Settings.from_mapping({"year": 2024}).plan_city_outside_quota is True


@pytest.mark.parametrize(
    ("code", "refused"), [("ZX501", True), ("ZX301", True), ("ZX231", False), ("ZX201", False)]
)
def test_only_open_rules_are_adjustable(
    campaign: Path, findings: Check, code: str, refused: bool
) -> None:
    text = (campaign / "zx.yaml").read_text(encoding="utf-8")
    (campaign / "zx.yaml").write_text(text + f"rules:\n  {code}: off\n", encoding="utf-8")
    hits = [f for f in findings(campaign) if f.code == "ZX608"]
    assert bool(hits) is refused
    if refused:
        assert hits[0].params["rule_article"] == catalog()[code].article


def test_data_year_is_the_year_assessed(suzhou: Path, campaign: Path, findings: Check) -> None:
    assert "ZX114" not in codes(findings(campaign, "ZX1"))
    edit(suzhou / "application.yaml", "data_year: 2024", "data_year: 2023")
    assert "ZX114" in codes(findings(campaign, "ZX1"))


def test_three_years_end_with_the_year_assessed(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    app = suzhou / "application.yaml"
    edit(app, "period_start: 2022-01-01", "period_start: 2022-01-02")
    assert "ZX232" in codes(findings(campaign, "ZX23"))
    edit(app, "period_start: 2022-01-02", "period_start: 2022-01-01")
    edit(
        app,
        "  incidents: []",
        "  incidents:\n    - {date: 2021-12-31, kind: 重大环境事故, description: 已处置}",
    )
    assert findings(campaign, "ZX23") == []  # before the window: history
    edit(app, "date: 2021-12-31", "date: 2022-01-01")
    assert "ZX234" in codes(findings(campaign, "ZX23"))


def test_social_stability_counts_only_with_severe_impact(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    app = suzhou / "application.yaml"
    edit(
        app,
        "  incidents: []",
        "  incidents:\n    - {date: 2023-05-01, kind: 社会稳定事件, description: 已平息}",
    )
    assert findings(campaign, "ZX23") == []
    edit(app, "description: 已平息}", "description: 已平息, severe_impact: true}")
    assert "ZX234" in codes(findings(campaign, "ZX23"))


def test_principle_misses_are_warnings(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "national_share_pct: 9.6", "national_share_pct: 4.0")
    edit(suzhou / "application.yaml", "output: ", "output: ", 0)
    for found in findings(campaign, "ZX20"):
        if found.code in ("ZX201", "ZX205", "ZX206"):
            assert found.severity.value == "warning"


def test_consent_dated_after_the_letter(suzhou: Path, campaign: Path, findings: Check) -> None:
    rec = suzhou / "recommendation.yaml"
    text = rec.read_text(encoding="utf-8")
    assert "ZX613" not in codes(findings(campaign, "ZX6"))
    rec.write_text(text.replace("  date: 2025-03-18", "  date: 2025-03-21"), encoding="utf-8")
    assert "ZX613" in codes(findings(campaign, "ZX6"))


def test_a_city_bureau_is_not_the_recommender(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(suzhou / "dossier.yaml", "name: 江苏省工业和信息化厅", "name: 江苏省苏州市工业和信息化局")
    assert "ZX603" in codes(findings(campaign, "ZX6"))


def test_a_renamed_department_via_zx_yaml(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "dossier.yaml", "name: 江苏省工业和信息化厅", "name: 江苏省经济和信息化厅")
    assert "ZX603" in codes(findings(campaign, "ZX6"))
    text = (campaign / "zx.yaml").read_text(encoding="utf-8")
    (campaign / "zx.yaml").write_text(
        text + "authorities:\n  江苏省: 江苏省经济和信息化厅\n", encoding="utf-8"
    )
    assert "ZX603" not in codes(findings(campaign, "ZX6"))
