"""第13条: a city found to have falsified materials is barred for three campaign years,
and so is its province (取消该市（州）三年评选资格，取消所在省三年申报资格)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zxcli.results import Finding
from zxcli.rules.context import CampaignContext, DossierContext


def check(ctx: DossierContext) -> Iterator[Finding]:
    dossier = ctx.data("dossier")
    records = barring_records(ctx.parent)
    year = ctx.settings.year
    if dossier is None or year is None:
        return
    for record in records:
        if not _in_force(record, year, ctx.settings.sanction_years):
            continue
        if record["scope"] == "city" and record.get("code") == dossier["city"]["code"]:
            yield ctx.at("dossier", ("city", "code"), "ZX501", **_params(ctx, record, year))
        elif record["scope"] == "province" and _same_region(ctx, record["province"],
                                                            dossier["province"]):
            yield ctx.at("dossier", ("province",), "ZX502", **_params(ctx, record, year))


def _same_region(ctx: DossierContext, a: str, b: str) -> bool:
    return ctx.gazetteer.region_key(a) == ctx.gazetteer.region_key(b)


def barring_records(ctx: CampaignContext) -> list[dict[str, Any]]:
    data = ctx.data("sanctions")
    return list(data["records"]) if data else []


def _in_force(record: dict[str, Any], year: int, years: int) -> bool:
    first = record["first_barred_year"]
    return first <= year < first + years


def _params(ctx: DossierContext, record: dict[str, Any], year: int) -> dict[str, Any]:
    first = record["first_barred_year"]
    return {
        "record": record["id"], "city": record.get("city", ""), "province": record["province"],
        "reason": record["reason"], "decision": record.get("decision", ""), "year": year,
        "first": first, "last": first + ctx.settings.sanction_years - 1,
    }

