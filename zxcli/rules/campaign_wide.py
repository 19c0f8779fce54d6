"""Checks across a campaign's dossiers: quota per province (第4条 and the yearly notice),
the same city twice (第5条), and the registry's own consistency (第13条)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from zxcli.model.vocabulary import LEVEL_PLAN_CITY
from zxcli.report.finding import Finding
from zxcli.rules.catalog import catalog
from zxcli.rules.context import CampaignContext, DossierContext


def check(ctx: CampaignContext) -> Iterator[Finding]:
    if ctx.campaign.root is not None and ctx.data("campaign") is None:
        yield ctx.at("campaign", (), "ZX607")
    dossiers = [(d, data) for d in map(ctx.dossier, ctx.campaign.dossiers)
                if (data := d.data("dossier")) is not None]
    yield from _quota(ctx, dossiers)
    yield from _duplicates(dossiers)
    yield from _sanction_ids(ctx)
    yield from _overrides(ctx)


def _quota(ctx: CampaignContext,
           dossiers: list[tuple[DossierContext, dict[str, Any]]]) -> Iterator[Finding]:
    settings = ctx.settings
    by_province: dict[str, list[DossierContext]] = defaultdict(list)
    for dossier, data in dossiers:
        if settings.plan_city_outside_quota and data["city"]["level"] == LEVEL_PLAN_CITY:
            continue
        by_province[data["province"]].append(dossier)
    for province, members in by_province.items():
        if len(members) > settings.province_quota:
            names = "、".join(m.key for m in members)
            for member in members:
                yield member.at("dossier", ("province",), "ZX601", province=province,
                                count=len(members), quota=settings.province_quota,
                                dossiers=names)


def _duplicates(dossiers: list[tuple[DossierContext, dict[str, Any]]]) -> Iterator[Finding]:
    by_code: dict[str, list[tuple[DossierContext, dict[str, Any]]]] = defaultdict(list)
    for dossier, data in dossiers:
        by_code[data["city"]["code"]].append((dossier, data))
    for code, members in by_code.items():
        if len(members) > 1:
            names = "、".join(m.key for m, _ in members)
            for member, data in members:
                yield member.at("dossier", ("city", "code"), "ZX602", city=data["city"]["name"],
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
