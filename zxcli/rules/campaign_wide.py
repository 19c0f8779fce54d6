"""Checks across a campaign's dossiers: quota per province (第4条 and the yearly notice),
the same city twice (第5条), and the registry's own consistency (第13条)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from zxcli.catalog import RuleTitle, Term, catalog
from zxcli.model.authorities import QuotaSplit, quota_split
from zxcli.model.settings import fixed_limits
from zxcli.results import Finding
from zxcli.rules.context import CampaignContext, Nominee


def check(ctx: CampaignContext) -> Iterator[Finding]:
    sanctions = ctx.campaign.files.get("sanctions")
    if sanctions is not None and not sanctions.exists and _ministry(ctx):
        yield Finding("ZX504", sanctions.display, params={"file": sanctions.display})
    yield from _quota(ctx, ctx.nominees)
    yield from _duplicates(ctx.nominees)
    yield from _sanction_ids(ctx)
    yield from _overrides(ctx)
    yield from _loosened_limits(ctx)


def _ministry(ctx: CampaignContext) -> bool:
    """The ministry's campaign, where 第13条 records must be checked: it has a committee or
    review folder, or nominations of more than one province. A province checking its own
    dossier has no registry of its own to keep (issue 13), so no ZX504 there."""
    root = ctx.campaign.root
    if root is not None and (root / "review").is_dir():
        return True
    provinces = {n.data.get("province") for n in ctx.nominees}
    return len(provinces) > 1


def _quota(ctx: CampaignContext, nominees: list[Nominee]) -> Iterator[Finding]:
    """Quota per recommending region (the yearly notices: one city each; 计划单列市 outside
    it by default). The region is the recommender's and the code's, not the free `province`
    field, so no spelling of it doubles a quota; the finding lists who counted and why not."""
    settings = ctx.settings
    by_key = {nominee.key: nominee for nominee in nominees}
    split = quota_split(
        ctx.gazetteer,
        settings.authorities,
        settings.plan_city_outside_quota,
        ((n.key, n.data) for n in nominees),
    )
    for region, keys in split.counted.items():
        if len(keys) <= settings.province_quota:
            continue
        others = (
            "、".join(f"{key}（{_plan_city_note()}）" for key in split.exempt.get(region, ()))
            or "—"
        )
        for key in keys:
            member = by_key[key]
            yield member.at(
                ("province",),
                "ZX601",
                province=member.data["province"],
                count=len(keys),
                quota=settings.province_quota,
                counted="、".join(keys),
                not_counted=others,
            )
    yield from _plan_cities_explained(ctx, split, by_key)


def _plan_cities_explained(
    ctx: CampaignContext, split: QuotaSplit, by_key: dict[str, Nominee]
) -> Iterator[Finding]:
    """ZX620 (info): say why a 计划单列市 and another city of its province both pass."""
    for region, key, counted in split.explained():
        where = ("limits", "plan_city_outside_quota")
        data = by_key[key].data
        params = {
            "city": data["city"]["name"],
            "dossier": key,
            "province": data["province"],
            "region": region,
            "counted": "、".join(counted) or "—",
        }
        if ctx.campaign.root is not None and ctx.data("campaign") is not None:
            yield ctx.at("campaign", where, "ZX620", **params)
        else:
            yield by_key[key].at(("city", "level"), "ZX620", **params)


def _plan_city_note() -> Term:
    return Term("quota.plan_city_exempt")


def _duplicates(nominees: list[Nominee]) -> Iterator[Finding]:
    by_code: dict[str, list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        by_code[nominee.data["city"]["code"]].append(nominee)
    for code, members in by_code.items():
        if len(members) > 1:
            names = "、".join(m.key for m in members)
            for member in members:
                yield member.at(
                    ("city", "code"),
                    "ZX602",
                    city=member.data["city"]["name"],
                    code=code,
                    dossiers=names,
                )


def _sanction_ids(ctx: CampaignContext) -> Iterator[Finding]:
    data = ctx.data("sanctions")
    first_line: dict[str, int] = {}
    for i, record in enumerate(data["records"] if data else []):
        found = ctx.at("sanctions", ("records", i, "id"), "ZX503", record=record["id"])
        if record["id"] in first_line:
            yield Finding(
                found.code,
                found.path,
                found.line,
                found.column,
                {**found.params, "first_line": first_line[record["id"]]},
            )
        else:
            first_line[record["id"]] = found.line


def _overrides(ctx: CampaignContext) -> Iterator[Finding]:
    """Each `rules:` entry of zx.yaml must name a rule a campaign may adjust."""
    settings = ctx.data("campaign") or {}
    rules = catalog()
    for code in settings.get("rules") or {}:
        if code not in rules:
            yield ctx.at("campaign", ("rules", code), "ZX609", rule=code)
        elif not rules[code].overridable:
            yield ctx.at(
                "campaign",
                ("rules", code),
                "ZX608",
                rule=code,
                title=RuleTitle(code),
                rule_article=rules[code].article or "zx",
            )


def _loosened_limits(ctx: CampaignContext) -> Iterator[Finding]:
    """A limit of the 实施办法 set looser in zx.yaml is refused with its article (ZX611);
    Settings has already put the policy's value in its place."""
    limits = (ctx.data("campaign") or {}).get("limits") or {}
    for name, fixed in fixed_limits().items():
        if fixed.loosened_by(limits.get(name)):
            yield ctx.at(
                "campaign",
                ("limits", name),
                "ZX611",
                setting=name,
                value=_shown(limits[name]),
                article=fixed.article,
                rule=Term("policy.rule", {"zh": fixed.rule["zh"], "en": fixed.rule["en"]}),
                policy_value=_shown(fixed.policy_value),
            )


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
