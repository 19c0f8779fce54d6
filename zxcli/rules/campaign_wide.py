"""Checks across a campaign's dossiers: quota per province (第4条 and the yearly notice),
the same city twice (第5条), and the registry's own consistency (第13条)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from zxcli.catalog import catalog
from zxcli.model.vocabulary import LEVEL_PLAN_CITY
from zxcli.results import Finding
from zxcli.rules.context import CampaignContext, Nominee


def check(ctx: CampaignContext) -> Iterator[Finding]:
    if ctx.campaign.root is not None and ctx.data("campaign") is None:
        yield ctx.at("campaign", (), "ZX607")
    sanctions = ctx.campaign.files.get("sanctions")
    if sanctions is not None and not sanctions.exists:
        yield Finding("ZX504", sanctions.display, params={"file": sanctions.display})
    yield from _quota(ctx, ctx.nominees)
    yield from _duplicates(ctx.nominees)
    yield from _sanction_ids(ctx)
    yield from _overrides(ctx)


def _quota(ctx: CampaignContext, nominees: list[Nominee]) -> Iterator[Finding]:
    settings = ctx.settings
    by_region: dict[str, list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        data = nominee.data
        if settings.plan_city_outside_quota and data["city"]["level"] == LEVEL_PLAN_CITY:
            continue
        by_region[ctx.gazetteer.region_key(data["province"])].append(nominee)
    for members in by_region.values():
        if len(members) > settings.province_quota:
            names = "、".join(m.key for m in members)
            for member in members:
                yield member.at(("province",), "ZX601", province=member.data["province"],
                                count=len(members), quota=settings.province_quota,
                                dossiers=names)


def _duplicates(nominees: list[Nominee]) -> Iterator[Finding]:
    by_code: dict[str, list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        by_code[nominee.data["city"]["code"]].append(nominee)
    for code, members in by_code.items():
        if len(members) > 1:
            names = "、".join(m.key for m in members)
            for member in members:
                yield member.at(("city", "code"), "ZX602", city=member.data["city"]["name"],
                                code=code, dossiers=names)


def _sanction_ids(ctx: CampaignContext) -> Iterator[Finding]:
    data = ctx.data("sanctions")
    first_line: dict[str, int] = {}
    for i, record in enumerate(data["records"] if data else []):
        found = ctx.at("sanctions", ("records", i, "id"), "ZX503", record=record["id"])
        if record["id"] in first_line:
            yield Finding(found.code, found.path, found.line, found.column,
                          {**found.params, "first_line": first_line[record["id"]]})
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
            yield ctx.at("campaign", ("rules", code), "ZX608", rule=code,
                         title=rules[code].title["zh"])
