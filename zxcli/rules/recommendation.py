"""第4条 and 第7条: the recommender and the provincial consent agree across the dossier.

The recommender is the province's (or the 兵团's) industry department; the 推荐表 names the
same recommender as dossier.yaml; the consent was given by the provincial government (or
the 兵团) and the 推荐表 cites the same consent document as the attachment.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from zxcli.catalog import Term
from zxcli.model.authorities import (
    code_region,
    consenting_bodies,
    expected_recommender,
    provincial_government,
)
from zxcli.model.names import normalise
from zxcli.model.policy import (
    FIGURE_TOLERANCE_PCT,
    agrees,
    decimal_of,
    growth_pct,
    round2,
    rounding_tolerance,
    share_pct,
)
from zxcli.model.vocabulary import KIND_CONSENT, KIND_LETTER, RECOMMENDER_BINGTUAN
from zxcli.results import Finding
from zxcli.rules.context import DossierContext
from zxcli.schema.store import schema


def check(ctx: DossierContext) -> Iterator[Finding]:
    dossier = ctx.data("dossier")
    if dossier is None:
        return
    yield from _recommender_matches_province(ctx, dossier)
    rec = ctx.data("recommendation")
    if rec is None:
        return
    if normalise(rec["recommender"]) != normalise(dossier["recommender"]["name"]):
        yield ctx.at(
            "recommendation",
            ("recommender",),
            "ZX604",
            found=rec["recommender"],
            expected=dossier["recommender"]["name"],
        )
    yield from _consent_authority(ctx, dossier, rec["provincial_consent"])
    yield from _consent_document(ctx, dossier, rec["provincial_consent"])
    app = ctx.data("application")
    if app is not None:
        yield from _summary_figures(ctx, rec["summary_indicators"], app)


def _recommender_matches_province(
    ctx: DossierContext, dossier: dict[str, Any]
) -> Iterator[Finding]:
    """第4条: the recommender is the region's department by its listed name (a city bureau
    whose name starts with the province's is not); the 兵团 recommends 兵团 师市 only."""
    recommender = dossier["recommender"]
    gaz, overrides = ctx.gazetteer, ctx.settings.authorities
    bingtuan = recommender["kind"] == RECOMMENDER_BINGTUAN
    region = (
        gaz.bingtuan.name
        if bingtuan and gaz.bingtuan
        else code_region(gaz, dossier["city"]["code"]) or gaz.region_key(dossier["province"])
    )
    expected = expected_recommender(gaz, overrides, region)
    if expected is not None and normalise(recommender["name"]) != normalise(expected):
        yield ctx.at(
            "dossier",
            ("recommender", "name"),
            "ZX603",
            recommender=recommender["name"],
            province=dossier["province"],
            expected=expected,
        )
    yield from _bingtuan_both_ways(ctx, dossier, bingtuan)


def _bingtuan_both_ways(
    ctx: DossierContext, dossier: dict[str, Any], bingtuan: bool
) -> Iterator[Finding]:
    division = ctx.gazetteer.by_code(dossier["city"]["code"])
    if division is None:
        return  # the eligibility family reports the unknown code
    in_bingtuan = ctx.gazetteer.in_bingtuan(division)
    if bingtuan != in_bingtuan:
        which = Term("bingtuan.not_division" if bingtuan else "bingtuan.is_division")
        yield ctx.at(
            "dossier",
            ("recommender", "kind"),
            "ZX612",
            recommender=dossier["recommender"]["name"],
            code=division.code,
            official=ctx.gazetteer.display_name(division),
            which=which,
        )


def _consent_authority(
    ctx: DossierContext, dossier: dict[str, Any], consent: dict[str, Any]
) -> Iterator[Finding]:
    """第7条 经省（区、市）政府（兵团）同意: the provincial government, or its 办公厅 on its
    behalf (工信厅规函〔2021〕8号: 报经省级人民政府同意), or the 兵团."""
    if dossier["recommender"]["kind"] == RECOMMENDER_BINGTUAN and ctx.gazetteer.bingtuan:
        allowed = consenting_bodies(ctx.gazetteer.bingtuan.name)
    else:
        try:
            allowed = consenting_bodies(provincial_government(ctx.gazetteer, dossier["province"]))
        except KeyError:
            return
    if normalise(consent["authority"]) not in {normalise(a) for a in allowed}:
        yield ctx.at(
            "recommendation",
            ("provincial_consent", "authority"),
            "ZX606",
            found=consent["authority"],
            expected="“" + "”或“".join(allowed) + "”",
        )
    yield from _consent_before_letter(ctx, dossier, consent)


def _consent_before_letter(
    ctx: DossierContext, dossier: dict[str, Any], consent: dict[str, Any]
) -> Iterator[Finding]:
    letters = [a["date"] for a in dossier["attachments"] if a["kind"] == KIND_LETTER]
    if letters and str(consent["date"]) > min(str(d) for d in letters):
        yield ctx.at(
            "recommendation",
            ("provincial_consent", "date"),
            "ZX613",
            consent=consent["date"],
            letter=min(str(d) for d in letters),
        )


def _consent_document(
    ctx: DossierContext, dossier: dict[str, Any], consent: dict[str, Any]
) -> Iterator[Finding]:
    declared = [a for a in dossier["attachments"] if a["kind"] == KIND_CONSENT]
    if not declared:
        return  # the attachments family reports the missing consent
    cited = (consent.get("doc_no", ""), consent["date"])
    if all(cited != (a.get("doc_no", ""), a["date"]) for a in declared):
        first = declared[0]
        yield ctx.at(
            "recommendation",
            ("provincial_consent", "doc_no"),
            "ZX605",
            found=" ".join(filter(None, cited)),
            expected=" ".join(filter(None, (first.get("doc_no", ""), first["date"]))),
        )


def _summary_figures(
    ctx: DossierContext, summary: dict[str, Any], app: dict[str, Any]
) -> Iterator[Finding]:
    """The 推荐表 repeats the 申报书's key figures; what is stamped twice must agree."""
    titles = schema("recommendation")["properties"]["summary_indicators"]["properties"]
    for key, expected, tolerance in _expected_figures(app):
        found = summary[key]
        if not agrees(found, expected, max(tolerance, rounding_tolerance(found))):
            yield ctx.at(
                "recommendation",
                ("summary_indicators", key),
                "ZX610",
                figure=titles[key].get("title", key),
                found=found,
                expected=expected,
            )


def _expected_figures(app: dict[str, Any]) -> list[tuple[str, Decimal | None, Decimal]]:
    c2, c3 = app["c2_industry"], app["c3_investment"]
    invest, tech = c3["industrial_investment_yi"], c3["tech_renovation_investment_yi"]
    return [
        (
            "industrial_value_added_yi",
            round2(decimal_of(c2["industrial_value_added_yi"])),
            Decimal(0),
        ),
        ("value_added_growth_pct", round2(decimal_of(c2["value_added_growth_pct"])), Decimal(0)),
        (
            "industrial_investment_growth_pct",
            growth_pct(invest["current"], invest["previous"]),
            FIGURE_TOLERANCE_PCT,
        ),
        (
            "tech_renovation_share_pct",
            share_pct(tech["current"], invest["current"]),
            FIGURE_TOLERANCE_PCT,
        ),
        (
            "tech_renovation_growth_pct",
            growth_pct(tech["current"], tech["previous"]),
            FIGURE_TOLERANCE_PCT,
        ),
    ]
