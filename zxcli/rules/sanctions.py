"""第13条: one act of 弄虚作假 by a 推荐单位 has two effects: the city is barred from 评选 for
three years, and its province from 申报 for three years (取消该市（州）三年评选资格，取消所在省
三年申报资格). One registry record therefore yields both bars; the three years are the
policy's (settings.SANCTION_YEARS), not a setting.

Identities are compared as normalised keys only: codes (fullmatched by the schema) and
region keys. The province bar follows the recommender and the code's region as well as the
stated province, so a 兵团 nominee filed under 新疆 (or the reverse) does not escape it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zxcli.model.authorities import code_region, nominee_regions
from zxcli.model.settings import SANCTION_YEARS
from zxcli.results import Finding
from zxcli.rules.context import CampaignContext, DossierContext


def check(ctx: DossierContext) -> Iterator[Finding]:
    dossier = ctx.data("dossier")
    year = ctx.settings.year
    if dossier is None or year is None:
        return
    regions = nominee_regions(ctx.gazetteer, ctx.settings.authorities, dossier)
    for record in barring_records(ctx.parent):
        if not in_force(record, year):
            continue
        if record.get("code") == dossier["city"]["code"]:
            yield ctx.at("dossier", ("city", "code"), "ZX501", **_params(ctx, record, year))
        elif barred_regions(ctx.parent, record) & regions:
            yield ctx.at("dossier", ("province",), "ZX502", **_params(ctx, record, year))


def barred_regions(ctx: CampaignContext, record: dict[str, Any]) -> set[str]:
    """The regions one record bars from 申报: the stated province and the code's region."""
    regions = {ctx.gazetteer.region_key(record["province"])}
    if record.get("code"):
        regions.add(code_region(ctx.gazetteer, record["code"]) or "")
    return regions - {""}


def barring_records(ctx: CampaignContext) -> list[dict[str, Any]]:
    data = ctx.data("sanctions")
    return list(data["records"]) if data else []


def in_force(record: dict[str, Any], year: int) -> bool:
    first = record["first_barred_year"]
    return bool(first <= year < first + SANCTION_YEARS)


def _params(ctx: DossierContext, record: dict[str, Any], year: int) -> dict[str, Any]:
    first = record["first_barred_year"]
    return {
        "record": record["id"],
        "city": record.get("city", "—"),
        "province": record["province"],
        "reason": record["reason"],
        "decision": record.get("decision", ""),
        "year": year,
        "first": first,
        "last": first + SANCTION_YEARS - 1,
    }
