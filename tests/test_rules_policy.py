"""Policy rules 第4、5、6、13条: each one passes on the sample and fails on a mutated copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SUZHOU, Check, edit, line_of

POLICY_PREFIXES = ("ZX1", "ZX2", "ZX5", "ZX6")


def codes(found: list) -> list[str]:
    return [f.code for f in found]


def only(found: list, code: str):
    hits = [f for f in found if f.code == code]
    assert hits, f"{code} not in {codes(found)}"
    return hits[0]


def test_sample_campaign_is_clean_under_policy_rules(campaign: Path, findings: Check) -> None:
    assert findings(campaign, *POLICY_PREFIXES) == []


@pytest.fixture
def suzhou(campaign: Path) -> Path:
    return campaign / "dossiers" / SUZHOU


# ---------------------------------------------------------------- 第5条 eligibility


@pytest.mark.parametrize(
    ("old", "new", "code", "key"),
    [
        ('code: "320500"', 'code: "320599"', "ZX101", "code:"),
        ('code: "320500"', 'code: "320200"', "ZX102", "code:"),  # 无锡市's code
        ('code: "320500"', 'code: "330200"', "ZX103", "code:"),  # 宁波市 is in 浙江省
        ("province: 江苏省", "province: 江南省", "ZX106", "province:"),
        ("level: 地级", "level: 计划单列市", "ZX109", "level:"),
    ],
)
def test_nominee_against_gazetteer(
    suzhou: Path, campaign: Path, findings: Check, old: str, new: str, code: str, key: str
) -> None:
    edit(suzhou / "dossier.yaml", old, new)
    hit = only(findings(campaign, "ZX1"), code)
    assert hit.path.endswith("dossier.yaml")
    assert hit.line == line_of(suzhou / "dossier.yaml", key)
    assert hit.rule.article in ("第5条", "第4条")


def test_development_zone_is_no_division(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "dossier.yaml", 'code: "320500"', 'code: "320576"')
    edit(suzhou / "dossier.yaml", "name: 苏州市", "name: 苏州工业园区")
    hit = only(findings(campaign, "ZX1"), "ZX104")
    assert hit.params["official"] == "苏州工业园区"


def test_name_mismatch_suggests_the_right_code(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(suzhou / "dossier.yaml", 'code: "320500"', 'code: "320200"')
    hit = only(findings(campaign, "ZX102"), "ZX102")
    assert hit.params["official"] == "无锡市"
    assert "320500" in hit.hint("zh")


def test_county_level_city_follows_the_notice(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    """By default (the notices since the 2019年度) 常熟市 is an error citing the notice; a
    campaign listing 县级 (第5条 为主) makes it a warning; one not listing it refuses it."""
    dossier = suzhou / "dossier.yaml"
    edit(dossier, "name: 苏州市", "name: 常熟市")
    edit(dossier, 'code: "320500"', 'code: "320581"')
    edit(dossier, "level: 地级", "level: 县级")
    found = findings(campaign, "ZX1")
    hit = only(found, "ZX117")
    assert hit.severity.value == "error" and hit.rule.article is None
    assert "工信厅规函〔2020〕8号" in hit.message("zh") and "ZX107" not in codes(found)
    zx = campaign / "zx.yaml"
    edit(
        zx,
        "# eligible_levels: [地级, 计划单列市, 直辖市辖区, 直辖市辖县]",
        "eligible_levels: [地级, 计划单列市, 直辖市辖区, 直辖市辖县, 县级]",
    )
    found = findings(campaign, "ZX1")
    assert only(found, "ZX107").severity.value == "warning" and "ZX117" not in codes(found)
    edit(zx, "直辖市辖县, 县级]", "直辖市辖县]")
    hit = only(findings(campaign, "ZX108"), "ZX108")
    assert hit.severity.value == "error" and "地级" in hit.params["allowed"]


def test_a_prefecture_is_no_county_level_finding(campaign: Path, findings: Check) -> None:
    assert not {"ZX107", "ZX108", "ZX117"} & set(codes(findings(campaign, "ZX1")))


def test_year_must_be_the_campaigns(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "recommendation.yaml", "year: 2024", "year: 2023")
    hit = only(findings(campaign, "ZX110"), "ZX110")
    assert hit.path.endswith("recommendation.yaml") and hit.line == 3


def test_city_named_alike_in_every_file(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "city: 苏州市", "city: 无锡市")
    hit = only(findings(campaign, "ZX112"), "ZX112")
    assert hit.path.endswith("application.yaml")


def test_folder_name_warns(campaign: Path, findings: Check) -> None:
    (campaign / "dossiers" / SUZHOU).rename(campaign / "dossiers" / "苏州")
    hit = only(findings(campaign, "ZX113"), "ZX113")
    assert hit.params["expected"] == SUZHOU


# ---------------------------------------------------------------- 第6条 conditions


def test_leading_product_share_recomputed(suzhou: Path, campaign: Path, findings: Check) -> None:
    app = suzhou / "application.yaml"
    edit(app, "national_share_pct: 22.86", "national_share_pct: 25.0")
    hit = only(findings(campaign, "ZX2"), "ZX202")
    assert hit.line == line_of(app, "national_share_pct: 25.0")
    assert hit.params["computed"] == "22.86"


def test_rounding_of_the_declared_share_is_tolerated(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    # 3150 / 32800 = 9.604 %: "9.6" is right to its one decimal
    assert "ZX202" not in codes(findings(campaign, "ZX2"))


def test_no_product_above_five_percent(suzhou: Path, campaign: Path, findings: Check) -> None:
    app = suzhou / "application.yaml"
    edit(app, "national_output: 24500", "national_output: 245000")
    edit(app, "national_share_pct: 22.86", "national_share_pct: 2.29")
    edit(app, "national_output: 32800", "national_output: 328000")
    edit(app, "national_share_pct: 9.6", "national_share_pct: 0.96")
    hit = only(findings(campaign, "ZX2"), "ZX201")
    assert hit.params["product"] == "笔记本电脑" and hit.params["share"] == "2.29"


def test_output_above_national(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "output: 5600", "output: 56000")
    assert "ZX203" in codes(findings(campaign, "ZX2"))


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("declared_tech_share_pct: 58.14", "declared_tech_share_pct: 60.0", "ZX211"),
        ("declared_tech_growth_pct: 10.62", "declared_tech_growth_pct: 12.5", "ZX212"),
    ],
)
def test_investment_figures_recomputed(
    suzhou: Path, campaign: Path, findings: Check, old: str, new: str, code: str
) -> None:
    app = suzhou / "application.yaml"
    edit(app, old, new)
    hit = only(findings(campaign, "ZX2"), code)
    assert hit.line == line_of(app, new)


def test_declared_share_within_a_tenth_of_a_point(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(
        suzhou / "application.yaml",
        "declared_tech_share_pct: 58.14",
        "declared_tech_share_pct: 58.2",
    )
    assert "ZX211" not in codes(findings(campaign, "ZX2"))


def test_low_share_against_configured_reference(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    assert "ZX213" not in codes(findings(campaign, "ZX2"))  # no default reference
    edit(
        campaign / "zx.yaml",
        "# tech_renovation_share_reference_pct: 30.0",
        "tech_renovation_share_reference_pct: 60.0",
    )
    hit = only(findings(campaign, "ZX2"), "ZX213")
    assert hit.severity.value == "warning" and hit.params["reference"] == 60.0


def test_renovation_above_investment_and_no_growth(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    app = suzhou / "application.yaml"
    edit(app, "current: 1250.0", "current: 2250.0")
    assert "ZX215" in codes(findings(campaign, "ZX2"))
    edit(app, "current: 2250.0", "current: 1100.0")
    edit(app, "declared_tech_share_pct: 58.14", "declared_tech_share_pct: 51.16")
    edit(app, "declared_tech_growth_pct: 10.62", "declared_tech_growth_pct: -2.65")
    found = codes(findings(campaign, "ZX2"))
    assert "ZX214" in found and "ZX211" not in found and "ZX212" not in found


def test_thin_section_and_missing_evidence(suzhou: Path, campaign: Path, findings: Check) -> None:
    app = suzhou / "application.yaml"
    edit(
        app,
        "  summary: 深入实施“增品种、提品质、创品牌”行动，新增中国质量奖提名奖2项。",
        "  summary: 有品牌。",
    )
    edit(
        app,
        "  evidence: [ev-plan]\nc5_industrial_internet",
        "  evidence: []\nc5_industrial_internet",
    )
    found = findings(campaign, "ZX2")
    thin = only(found, "ZX221")
    assert "第6条(4)" in thin.params["section"]
    assert only(found, "ZX222").line == line_of(app, "  evidence: []")


def test_evidence_must_be_declared(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "evidence: [ev-base]", "evidence: [ev-basis]")
    assert only(findings(campaign, "ZX2"), "ZX223").params["ref"] == "ev-basis"


@pytest.mark.parametrize(
    "flag",
    ["no_major_safety_accident", "no_major_environmental_accident", "no_social_stability_incident"],
)
def test_any_incident_makes_the_city_ineligible(
    suzhou: Path, campaign: Path, findings: Check, flag: str
) -> None:
    app = suzhou / "application.yaml"
    edit(app, f"{flag}: true", f"{flag}: false")
    hit = only(findings(campaign, "ZX2"), "ZX231")
    assert hit.line == line_of(app, f"{flag}: false") and hit.severity.value == "error"


def test_listed_incident_contradicts_declaration(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(
        suzhou / "application.yaml",
        "  incidents: []",
        "  incidents:\n    - {date: 2023-05-01, kind: 重大环境事故, description: 某化工厂泄漏}",
    )
    assert only(findings(campaign, "ZX2"), "ZX234").params["incident"] == "重大环境事故"


def test_declaration_covers_three_years(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "period_start: 2022-01-01", "period_start: 2023-01-01")
    hit = only(findings(campaign, "ZX2"), "ZX232")
    assert str(hit.params["need_start"]) == "2022-01-01"


def test_declaration_points_at_the_statement(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "application.yaml", "declaration: declaration", "declaration: letter")
    assert only(findings(campaign, "ZX2"), "ZX233").params["kind"] == "推荐函"


# ---------------------------------------------------------------- 第13条 sanctions


def test_barred_city(campaign: Path, suzhou: Path, findings: Check) -> None:
    sanctions = campaign / "registry" / "sanctions.yaml"
    edit(sanctions, 'code: "990100"', 'code: "320500"')
    hit = only(findings(campaign, "ZX5"), "ZX501")
    assert hit.path.endswith("dossier.yaml") and hit.params["record"] == "CF-2023-01"
    assert (hit.params["first"], hit.params["last"]) == (2024, 2026)


def test_sanction_expires_after_three_years(campaign: Path, findings: Check) -> None:
    sanctions = campaign / "registry" / "sanctions.yaml"
    edit(sanctions, 'code: "990100"', 'code: "320500"')
    edit(sanctions, "first_barred_year: 2024", "first_barred_year: 2021")
    assert findings(campaign, "ZX5") == []


def test_barred_province(campaign: Path, findings: Check) -> None:
    sanctions = campaign / "registry" / "sanctions.yaml"
    edit(sanctions, "province: 某某省", "province: 江苏省")
    edit(sanctions, "    city: 某某市\n", "")
    edit(sanctions, '    code: "990100"\n', "")
    hit = only(findings(campaign, "ZX5"), "ZX502")
    assert hit.params["province"] == "江苏省"


def test_sanction_ids_unique(campaign: Path, findings: Check) -> None:
    sanctions = campaign / "registry" / "sanctions.yaml"
    text = sanctions.read_text(encoding="utf-8")
    record = text[text.index("  - id:") :]
    sanctions.write_text(text + record, encoding="utf-8")
    assert only(findings(campaign, "ZX5"), "ZX503").params["first_line"] == line_of(
        sanctions, "- id:"
    )


# ---------------------------------------------------------------- 第4、7条 recommender


def test_recommender_of_another_province(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "dossier.yaml", "name: 江苏省工业和信息化厅", "name: 浙江省经济和信息化厅")
    assert "ZX603" in codes(findings(campaign, "ZX6"))


def test_recommendation_names_the_same_recommender(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(
        suzhou / "recommendation.yaml",
        "recommender: 江苏省工业和信息化厅",
        "recommender: 江苏省发展和改革委员会",
    )
    assert only(findings(campaign, "ZX6"), "ZX604").path.endswith("recommendation.yaml")


def test_consent_from_the_provincial_government(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(suzhou / "recommendation.yaml", "authority: 江苏省人民政府", "authority: 苏州市人民政府")
    assert "“江苏省人民政府”" in only(findings(campaign, "ZX6"), "ZX606").params["expected"]
    edit(
        suzhou / "recommendation.yaml",
        "authority: 苏州市人民政府",
        "authority: 江苏省人民政府办公厅",
    )
    assert "ZX606" not in codes(findings(campaign, "ZX6"))


def test_consent_document_matches_attachment(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "recommendation.yaml", "doc_no: 苏政函〔2025〕21号", "doc_no: 苏政函〔2025〕22号")
    assert "ZX605" in codes(findings(campaign, "ZX6"))


# ---------------------------------------------------------------- campaign-wide


def _clone(campaign: Path, name: str) -> Path:
    import shutil

    target = campaign / "dossiers" / name
    shutil.copytree(campaign / "dossiers" / SUZHOU, target)
    return target


def test_same_city_twice_and_quota(campaign: Path, findings: Check) -> None:
    _clone(campaign, "江苏省-苏州市-2")
    found = findings(campaign, "ZX6")
    assert {"ZX601", "ZX602"} <= set(codes(found))


def test_plan_city_outside_quota_setting(campaign: Path, findings: Check) -> None:
    other = _clone(campaign, "江苏省-南京市")
    edit(other / "dossier.yaml", 'code: "320500"', 'code: "320100"')
    edit(other / "dossier.yaml", "name: 苏州市", "name: 南京市")
    assert "ZX601" in codes(findings(campaign, "ZX601"))
    edit(campaign / "zx.yaml", "province_quota: 1 ", "province_quota: 2 ")
    assert findings(campaign, "ZX601") == []


# ---------------------------------------------------------------- severity overrides


def test_campaign_may_switch_a_rule_off_or_down(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(
        suzhou / "application.yaml",
        "no_social_stability_incident: true",
        "no_social_stability_incident: false",
    )
    zx = campaign / "zx.yaml"
    text = zx.read_text(encoding="utf-8")
    zx.write_text(text + "rules:\n  ZX231: warning\n", encoding="utf-8")
    assert only(findings(campaign, "ZX231"), "ZX231").severity.value == "warning"
    zx.write_text(text + "rules:\n  ZX231: off\n", encoding="utf-8")
    assert findings(campaign, "ZX231") == []


def test_broken_files_cannot_be_switched_off(campaign: Path, findings: Check) -> None:
    zx = campaign / "zx.yaml"
    zx.write_text(
        zx.read_text(encoding="utf-8") + "rules:\n  ZX003: off\n  ZX999: off\n", encoding="utf-8"
    )
    found = findings(campaign, "ZX6")
    assert only(found, "ZX608").params["rule"] == "ZX003"
    assert only(found, "ZX609").line == line_of(zx, "ZX999: off")


def test_a_grouping_code_is_no_division(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(suzhou / "dossier.yaml", 'code: "320500"', 'code: "320000"')  # the province itself
    assert only(findings(campaign, "ZX1"), "ZX105").line == line_of(
        suzhou / "dossier.yaml", 'code: "320000"'
    )


@pytest.mark.parametrize(("year", "refused"), [(2017, True), (2018, False), (2019, False)])
def test_years_before_the_measures(
    suzhou: Path, campaign: Path, findings: Check, year: int, refused: bool
) -> None:
    # 第15条: the revised measures apply from 2019-01-01, and the round held in 2019 is the
    # 2018年度's (a round is named by the 年度 assessed): the schemas' floor is 2018.
    edit(suzhou / "recommendation.yaml", "year: 2024", f"year: {year}")
    edit(campaign / "zx.yaml", "year: 2024", f"year: {year}")
    found = findings(campaign, "ZX0")
    assert ("ZX025" in codes(found)) is refused
    if refused:
        assert only(found, "ZX025").params["bound"] == "≥ 2018"


def test_value_added_must_be_stated(suzhou: Path, campaign: Path, findings: Check) -> None:
    edit(
        suzhou / "application.yaml",
        "industrial_value_added_yi: 10850.0",
        "industrial_value_added_yi: 0",
    )
    assert "ZX204" in codes(findings(campaign, "ZX2"))


def test_unusable_settings_leave_every_dossier_unchecked(campaign: Path, findings: Check) -> None:
    edit(campaign / "zx.yaml", "year: 2024", "year: 二〇二四")
    found = findings(campaign)
    dossiers = {p.name for p in (campaign / "dossiers").iterdir()}
    assert {f.dossier for f in found if f.code == "ZX041"} == dossiers
    # Nothing was judged on default settings in place of the broken file.
    assert set(codes(found)) == {"ZX021", "ZX041"}


@pytest.mark.parametrize("line", ["sanction_years: 3", "scope: city"])
def test_one_unknown_key_in_a_campaign_file_blocks_it(
    campaign: Path, findings: Check, line: str
) -> None:
    """The guide's old examples: an unknown key in zx.yaml or the registry is no longer
    dropped with the whole file while every dossier passes on defaults."""
    target = campaign / ("zx.yaml" if "sanction" in line else "registry/sanctions.yaml")
    target.write_text(target.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    found = findings(campaign)
    assert "ZX026" in codes(found)
    assert len([f for f in found if f.code == "ZX041"]) == len(
        list((campaign / "dossiers").iterdir())
    )


def test_an_incident_before_the_three_years_is_history(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    app = suzhou / "application.yaml"
    edit(
        app,
        "  incidents: []",
        "  incidents:\n    - {date: 2019-05-01, kind: 重大环境事故, description: 已处置}",
    )
    assert findings(campaign, "ZX23") == []
    edit(app, "date: 2019-05-01", "date: 2025-02-01")  # this year counts too
    assert "ZX234" in codes(findings(campaign, "ZX23"))


def test_a_whole_number_share_is_rounded_to_units(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    edit(suzhou / "application.yaml", "national_share_pct: 9.6", "national_share_pct: 10")
    assert "ZX202" not in codes(findings(campaign, "ZX2"))


def test_no_leading_product_listed(suzhou: Path, campaign: Path, findings: Check) -> None:
    app = suzhou / "application.yaml"
    text = app.read_text(encoding="utf-8")
    start = text.index("  leading_products:")
    end = text.index("  industrial_value_added_yi:")
    app.write_text(text[:start] + "  leading_products: []\n" + text[end:], encoding="utf-8")
    found = codes(findings(campaign, "ZX2"))
    assert "ZX205" in found and "ZX201" not in found


def test_a_short_province_name_does_not_dodge_the_quota_or_a_bar(
    campaign: Path, findings: Check
) -> None:
    other = _clone(campaign, "江苏-南京市")
    edit(other / "dossier.yaml", 'code: "320500"', 'code: "320100"')
    edit(other / "dossier.yaml", "name: 苏州市", "name: 南京市")
    edit(other / "dossier.yaml", "province: 江苏省", "province: 江苏")
    assert len([f for f in findings(campaign, "ZX601")]) == 2
    sanctions = campaign / "registry" / "sanctions.yaml"
    edit(sanctions, "province: 某某省", "province: 江苏省")
    edit(sanctions, "    city: 某某市\n", "")
    edit(sanctions, '    code: "990100"\n', "")
    barred = {f.dossier for f in findings(campaign, "ZX502")}
    assert barred == {SUZHOU, "江苏-南京市"}


def test_a_bingtuan_city_is_what_the_bingtuan_recommends(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    dossier = suzhou / "dossier.yaml"
    edit(dossier, "province: 江苏省", "province: 新疆生产建设兵团")
    edit(dossier, "name: 苏州市", "name: 石河子市")
    edit(dossier, 'code: "320500"', 'code: "659001"')
    edit(dossier, "level: 地级", "level: 县级")
    found = codes(findings(campaign, "ZX1"))
    assert "ZX107" not in found and not {"ZX101", "ZX102", "ZX103", "ZX106"} & set(found)


def test_a_ministry_campaign_without_the_sanctions_file_is_unchecked(
    campaign: Path, findings: Check
) -> None:
    (campaign / "registry" / "sanctions.yaml").unlink()
    found = findings(campaign)
    assert only(found, "ZX504").severity.value == "error"
    assert set(codes(found)) == {"ZX504", "ZX041"}


def test_an_empty_registry_is_fine(campaign: Path, findings: Check) -> None:
    (campaign / "registry" / "sanctions.yaml").write_text("records: []\n", encoding="utf-8")
    assert "ZX504" not in codes(findings(campaign)) and "ZX041" not in codes(findings(campaign))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  tech_renovation_share_pct: 58.14", "  tech_renovation_share_pct: 99.0"),
        ("  industrial_value_added_yi: 10850.0", "  industrial_value_added_yi: 1.0"),
    ],
)
def test_recommendation_figures_match_the_application(
    suzhou: Path, campaign: Path, findings: Check, old: str, new: str
) -> None:
    rec = suzhou / "recommendation.yaml"
    edit(rec, old, new)
    hit = only(findings(campaign, "ZX6"), "ZX610")
    assert hit.line == line_of(rec, new.strip()) and hit.path.endswith("recommendation.yaml")


# ---------------------------------------------------------------- round three (issue 23)


def test_consent_sealed_by_the_general_office(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    """A 办公厅 letter bears the 办公厅's seal: ZX406 accepts it, and nobody else's."""
    dossier = suzhou / "dossier.yaml"
    edit(dossier, "seals: [江苏省人民政府]", "seals: [江苏省人民政府办公厅]")
    edit(
        suzhou / "recommendation.yaml",
        "authority: 江苏省人民政府",
        "authority: 江苏省人民政府办公厅",
    )
    assert not {"ZX406", "ZX606"} & set(codes(findings(campaign, "ZX4", "ZX6")))
    edit(dossier, "seals: [江苏省人民政府办公厅]", "seals: [江苏省发展和改革委员会]")
    hit = only(findings(campaign, "ZX4"), "ZX406")
    assert hit.params["required"] == "“江苏省人民政府”或“江苏省人民政府办公厅”"
    assert "“江苏省人民政府办公厅”" in hit.message("zh")


def _xing_an_meng(suzhou: Path) -> Path:
    """The Suzhou sample moved to 兴安盟 (a 盟: governed by its 行政公署)."""
    dossier = suzhou / "dossier.yaml"
    text = dossier.read_text(encoding="utf-8")
    for old, new in (
        ("江苏省", "内蒙古自治区"),
        ("苏州市人民政府", "兴安盟行政公署"),
        ("苏州市统计局", "兴安盟统计局"),
        ("苏州市", "兴安盟"),
        ('"320500"', '"152200"'),
    ):
        text = text.replace(old, new)
    dossier.write_text(text, encoding="utf-8")
    for name in ("application.yaml", "recommendation.yaml"):
        edit(suzhou / name, "city: 苏州市", "city: 兴安盟")
    return dossier


def test_a_league_is_governed_by_its_administrative_office(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    dossier = _xing_an_meng(suzhou)
    assert not {"ZX405", "ZX407", "ZX411"} & set(codes(findings(campaign, "ZX4")))
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text.replace("兴安盟行政公署", "兴安盟人民政府"), encoding="utf-8")
    found = findings(campaign, "ZX4")
    assert only(found, "ZX411").params["required"] == "兴安盟行政公署"
    assert only(found, "ZX405").params["required"] == "兴安盟行政公署"


def test_social_stability_counts_only_with_severe_impact(
    suzhou: Path, campaign: Path, findings: Check
) -> None:
    """第6条(7): 未发生造成恶劣影响的社会稳定事件 — an event without 恶劣影响 is no exclusion."""
    from zxcli.schema.store import schema

    c7 = schema("application")["properties"]["c7_declaration"]["properties"]
    assert "造成恶劣影响" in c7["no_social_stability_incident"]["title"]
    app = suzhou / "application.yaml"
    edit(
        app,
        "  incidents: []",
        "  incidents:\n    - {date: 2023-05-01, kind: 社会稳定事件,"
        " description: 群体上访，已平息, severe_impact: false}",
    )
    assert findings(campaign, "ZX23") == []
    edit(app, "severe_impact: false", "severe_impact: true")
    hit = only(findings(campaign, "ZX23"), "ZX234")
    assert hit.params["incident"] == "造成恶劣影响的社会稳定事件"
    edit(app, "no_social_stability_incident: true", "no_social_stability_incident: false")
    hit = only(findings(campaign, "ZX23"), "ZX231")
    assert "发生了造成恶劣影响的社会稳定事件" in hit.message("zh")
    # the hint no longer ascribes to 〔2021〕8号 a rule about social-stability events
    assert "重大、特大安全生产事故或环境事故" in hit.hint("zh")


@pytest.mark.parametrize(
    ("code", "article"),
    [
        ("ZX221", None),
        ("ZX251", None),
        ("ZX602", None),
        ("ZX743", None),
        ("ZX733", None),
        ("ZX742", None),
        ("ZX201", "第6条(2)"),
        ("ZX231", "第6条(7)"),
        ("ZX501", "第13条"),
        ("ZX107", "第5条"),
    ],
)
def test_zx_conventions_carry_no_article(code: str, article: str | None) -> None:
    """A convention of zx's own cites nothing; a rule of the policy cites its article."""
    from zxcli.catalog import rule

    assert rule(code).article == article


def test_a_thin_section_is_no_principle_flag(suzhou: Path, campaign: Path, findings: Check) -> None:
    """ZX221 (zx's 30 characters) is not shown as 第6条 "原则上"; ZX201 (第6条(2)) is."""
    from zxcli.rules.conditions import principle_flags

    app = suzhou / "application.yaml"
    edit(
        app,
        "  summary: 深入实施“增品种、提品质、创品牌”行动，新增中国质量奖提名奖2项。",
        "  summary: 有品牌。",
    )
    edit(app, "national_output: 24500", "national_output: 245000")
    edit(app, "national_share_pct: 22.86", "national_share_pct: 2.29")
    edit(app, "national_output: 32800", "national_output: 328000")
    edit(app, "national_share_pct: 9.6", "national_share_pct: 0.96")
    found = findings(campaign, "ZX2")
    assert "ZX221" in codes(found)
    assert principle_flags(found)[SUZHOU] == ("ZX201",)


@pytest.mark.parametrize(
    ("output", "share", "meets"),
    [
        (4994, "4.99", False),
        (4995, "4.995", False),
        (4999, "4.999", False),
        (5000, None, True),
    ],
)
def test_five_percent_compares_the_exact_quotient(
    suzhou: Path, campaign: Path, findings: Check, output: int, share: str | None, meets: bool
) -> None:
    """第6条(2) 5%以上: 4.995 % prints as 5.00 % but is below 5 %; 5.000 % meets it."""
    from zxcli.model.policy import product_meets_share

    assert product_meets_share(output, 100000) is meets
    app = suzhou / "application.yaml"
    edit(
        app,
        "output: 5600\n      national_output: 24500\n      national_share_pct: 22.86",
        f"output: {output}\n      national_output: 100000\n      national_share_pct: "
        f"{output / 1000}",
    )
    edit(app, "national_output: 32800", "national_output: 328000")
    edit(app, "national_share_pct: 9.6", "national_share_pct: 0.96")
    found = findings(campaign, "ZX2")
    assert "ZX202" not in codes(found)
    assert ("ZX201" in codes(found)) is not meets
    if not meets:
        assert only(found, "ZX201").params["share"] == share


def _hangzhou_beside_ningbo(campaign: Path) -> Path:
    import shutil

    target = campaign / "dossiers" / "浙江省-杭州市"
    shutil.copytree(campaign / "dossiers" / "浙江省-宁波市", target)
    dossier = target / "dossier.yaml"
    edit(dossier, 'code: "330200"', 'code: "330100"')
    edit(dossier, "level: 计划单列市", "level: 地级")
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text.replace("宁波市", "杭州市"), encoding="utf-8")
    return target


def test_a_plan_city_outside_the_quota_is_explained(campaign: Path) -> None:
    """宁波 (计划单列市) and 杭州 both pass by default; an info finding on the campaign says
    why, citing the notices. Counted in the quota, there is no such note but ZX601."""
    from zxcli.pipeline import validate_paths
    from zxcli.results import Options

    _hangzhou_beside_ningbo(campaign)
    report = validate_paths([campaign], Options(select=frozenset({"ZX6"})))
    assert "ZX601" not in codes(report.findings)
    note = only(report.notes, "ZX620")
    assert note.level.value == "info" and note.path.endswith("zx.yaml")
    assert note.params["city"] == "宁波市" and note.params["counted"] == "浙江省-杭州市"
    assert "工信厅规函〔2020〕8号、〔2021〕8号" in note.message("zh")
    edit(campaign / "zx.yaml", "plan_city_outside_quota: true", "plan_city_outside_quota: false")
    report = validate_paths([campaign], Options(select=frozenset({"ZX6"})))
    assert report.notes == [] and "ZX601" in codes(report.findings)


def test_a_note_is_no_finding(campaign: Path) -> None:
    from zxcli.pipeline import validate_paths
    from zxcli.results import Options

    report = validate_paths([campaign], Options())
    assert codes(report.notes) == ["ZX620"]  # 宁波市 in the sample
    assert report.findings == [] and report.verdict() == "pass" and report.exit_code() == 0


def test_a_barred_city_is_barred_from_selection_its_province_from_nominating() -> None:
    """第13条: 取消该市（州）三年评选资格，取消所在省三年申报资格."""
    from zxcli.catalog import rule

    zh = rule("ZX501").message["zh"]
    assert "不得参加评选" in zh and "不得申报" not in zh and "申报资格" in zh
    assert "不得推荐" in rule("ZX502").message["zh"]


@pytest.mark.parametrize(
    ("province", "city", "governed_by", "not_by"),
    [
        ("内蒙古自治区", "兴安盟", "兴安盟行政公署", "兴安盟人民政府"),
        ("新疆维吾尔自治区", "和田地区", "和田地区行政公署", "和田地区人民政府"),
        ("江苏省", "苏州市", "苏州市人民政府", "苏州市行政公署"),
    ],
)
def test_zx_init_names_the_governing_body(
    tmp_path: Path, province: str, city: str, governed_by: str, not_by: str
) -> None:
    """zx init fills in the 负责声明's sealer: a 盟 or 地区's 行政公署, a city's 人民政府."""
    from inproc import run_main

    folder = tmp_path / f"{province}-{city}"
    code, _, err = run_main(
        ["init", str(folder), "--province", province, "--city", city, "--year", "2024"]
    )
    assert code == 0, err
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    assert f"government: {governed_by}" in text and not_by not in text


def test_the_forms_name_the_office_that_consented(suzhou: Path, tmp_path: Path) -> None:
    """推荐表's second seal box names whoever issued the consent: the 办公厅 when it did
    (and validate lets it render: ZX406/ZX606 accept the 办公厅's seal)."""
    from inproc import run_main
    from openpyxl import load_workbook

    edit(suzhou / "dossier.yaml", "seals: [江苏省人民政府]", "seals: [江苏省人民政府办公厅]")
    edit(
        suzhou / "recommendation.yaml",
        "authority: 江苏省人民政府",
        "authority: 江苏省人民政府办公厅",
    )
    code, _, err = run_main(
        ["render-forms", str(suzhou), "-o", str(tmp_path / "out"), "--format", "xlsx"]
    )
    assert code == 0, err
    (form,) = (tmp_path / "out").rglob("*推荐表.xlsx")
    cells = [str(c.value) for row in load_workbook(form).active.iter_rows() for c in row if c.value]
    assert any(c.startswith("江苏省人民政府办公厅") and "（盖章）" in c for c in cells)


@pytest.mark.parametrize(("year", "refused"), [(2024, False), (2025, True)])
def test_an_abolished_district_only_for_the_years_it_existed(
    suzhou: Path, campaign: Path, findings: Check, year: int, refused: bool
) -> None:
    """重庆市江北区 (500105) was abolished in 2025-12: a 2024年度 campaign (held in 2025) may
    name it, the 2025年度 (held in 2026) may not (ZX118)."""
    dossier = suzhou / "dossier.yaml"
    edit(dossier, "province: 江苏省", "province: 重庆市")
    edit(dossier, "name: 苏州市", "name: 江北区")
    edit(dossier, 'code: "320500"', 'code: "500105"')
    edit(dossier, "level: 地级", "level: 直辖市辖区")
    for kind in ("dossier.yaml", "application.yaml", "recommendation.yaml"):
        edit(suzhou / kind, "year: 2024", f"year: {year}")
    edit(campaign / "zx.yaml", "year: 2024", f"year: {year}")
    found = findings(campaign, "ZX1")
    assert ("ZX118" in codes(found)) is refused
    assert not {"ZX101", "ZX102", "ZX103"} & set(codes(found))


@pytest.mark.parametrize(("severe", "code"), [("false", "ZX253"), ("true", "ZX231")])
def test_a_false_flag_excludes_only_with_a_severe_event(
    suzhou: Path, campaign: Path, findings: Check, severe: str, code: str
) -> None:
    """no_social_stability_incident: false with only events without 恶劣影响 listed is no
    exclusion (ZX253 asks to correct the flag); with an event 造成恶劣影响, ZX231."""
    app = suzhou / "application.yaml"
    edit(app, "no_social_stability_incident: true", "no_social_stability_incident: false")
    edit(
        app,
        "  incidents: []",
        "  incidents:\n    - {date: 2023-05-01, kind: 社会稳定事件,"
        f" description: 群体上访，已平息, severe_impact: {severe}}}",
    )
    found = codes(findings(campaign, "ZX2"))
    assert code in found and len({"ZX231", "ZX253"} & set(found)) == 1
