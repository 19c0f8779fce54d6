"""第6条: the seven conditions of the application (申报书, 附1).

Figures the application both states and lets us compute (national shares of leading
products, the renovation share of industrial investment and its growth) must agree;
each descriptive condition needs text and evidence; (7) admits no major incident.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from zxcli.model.policy import (
    FIGURE_TOLERANCE_PCT,
    agrees,
    decimal_of,
    exact_share_pct,
    growth_pct,
    meets_product_share,
    rounding_tolerance,
    share_pct,
    shown_share,
)
from zxcli.model.vocabulary import KIND_DECLARATION
from zxcli.results import Finding
from zxcli.rules.context import DossierContext
from zxcli.schema.store import schema

THIN_SECTION_CHARS = 30  # a section with less text than this says next to nothing

DESCRIBED_SECTIONS = (
    "c1_strategy",
    "c2_industry",
    "c3_investment",
    "c4_quality_brand",
    "c5_industrial_internet",
    "c6_operation",
)
# declaration flag -> the incident kind it denies (the schema's enum of incidents[].kind)
INCIDENTS = {
    "no_major_safety_accident": "重大安全生产事故",
    "no_major_environmental_accident": "重大环境事故",
    # 第6条(7) as written: only a social-stability event 造成恶劣影响 excludes (see _counts)
    "no_social_stability_incident": "造成恶劣影响的社会稳定事件",
}


def check(ctx: DossierContext) -> Iterator[Finding]:
    app = ctx.data("application")
    if app is None:
        return
    yield from _data_year(ctx, app)
    yield from _empty_sections(ctx, app)
    yield from _leading_products(ctx, app["c2_industry"])
    if app["c2_industry"]["industrial_value_added_yi"] == 0:
        yield ctx.at("application", ("c2_industry", "industrial_value_added_yi"), "ZX204")
    yield from _investment(ctx, app["c3_investment"])
    yield from _sections(ctx, app)
    yield from _declaration(ctx, app["c7_declaration"])


def _data_year(ctx: DossierContext, app: dict[str, Any]) -> Iterator[Finding]:
    """第6条(2)(3) "本年度": the figures are the 年度 assessed, which names the round."""
    year = ctx.settings.year
    if year is not None and app["data_year"] != year:
        yield ctx.at("application", ("data_year",), "ZX114", data_year=app["data_year"], year=year)


# (section, field) -> the 第6条 item that asks for it, and what to write (附1)
REQUIRED_LISTS = {
    ("c1_strategy", "supporting_policies"): ("第6条(1)", "supporting_policies"),
    ("c2_industry", "leading_industries"): ("第6条(2)", "leading_industries"),
    ("c4_quality_brand", "brands"): ("第6条(4)", "brands"),
}


def _empty_sections(ctx: DossierContext, app: dict[str, Any]) -> Iterator[Finding]:
    for (section, key), (article, what) in REQUIRED_LISTS.items():
        if not app[section].get(key):
            yield ctx.at(
                "application",
                (section, key),
                "ZX206",
                field=f"{section}.{key}",
                article=article,
                what=what,
            )


def _leading_products(ctx: DossierContext, c2: dict[str, Any]) -> Iterator[Finding]:
    best: tuple[Decimal, str] = (Decimal(-1), "")  # the exact share, never the printed one
    industries = {_industry_name(i) for i in c2.get("leading_industries") or []}
    for i, product in enumerate(c2["leading_products"]):
        where = ("c2_industry", "leading_products", i)
        if industries and product.get("industry") and product["industry"] not in industries:
            yield ctx.at(
                "application",
                (*where, "industry"),
                "ZX207",
                product=product["name"],
                industry=product["industry"],
                industries="、".join(sorted(industries)),
            )
        output, national = product["output"], product["national_output"]
        if output > national:
            yield ctx.at(
                "application",
                (*where, "output"),
                "ZX203",
                product=product["name"],
                output=output,
                national=national,
                unit=product["unit"],
            )
            continue
        computed, exact = share_pct(output, national), exact_share_pct(output, national)
        if computed is None or exact is None:
            continue
        best = max(best, (exact, product["name"]))
        declared = product["national_share_pct"]
        if not agrees(declared, computed, rounding_tolerance(declared)):
            yield ctx.at(
                "application",
                (*where, "national_share_pct"),
                "ZX202",
                product=product["name"],
                declared=declared,
                output=output,
                national=national,
                computed=f"{computed:.2f}",
            )
    if not c2["leading_products"]:
        yield ctx.at("application", ("c2_industry", "leading_products"), "ZX205")
    elif not meets_product_share(best[0]):
        yield ctx.at(
            "application",
            ("c2_industry", "leading_products"),
            "ZX201",
            product=best[1] or "—",
            share=shown_share(max(best[0], Decimal(0))),
        )


def _industry_name(item: Any) -> str:
    return str(item.get("name", "")) if isinstance(item, dict) else str(item)


def _investment(ctx: DossierContext, c3: dict[str, Any]) -> Iterator[Finding]:
    invest = c3["industrial_investment_yi"]
    tech = c3["tech_renovation_investment_yi"]
    for year in ("current", "previous"):
        if tech[year] > invest[year]:
            yield ctx.at(
                "application",
                ("c3_investment", "tech_renovation_investment_yi", year),
                "ZX215",
                tech=tech[year],
                invest=invest[year],
                year=year,
            )
            return
    share = share_pct(tech["current"], invest["current"])
    growth = growth_pct(tech["current"], tech["previous"])
    yield from _compare(
        ctx,
        "declared_tech_share_pct",
        c3,
        share,
        "ZX211",
        tech=tech["current"],
        invest=invest["current"],
    )
    yield from _compare(
        ctx,
        "declared_tech_growth_pct",
        c3,
        growth,
        "ZX212",
        current=tech["current"],
        previous=tech["previous"],
    )
    if share is None or growth is None:
        return  # a zero denominator: the schema refuses it (exclusiveMinimum)
    # No default: the policy says only 比重较大 (ZX213 runs when a campaign sets a reference).
    reference = decimal_of(ctx.settings.tech_renovation_share_reference_pct)
    if reference is not None and share < reference:
        yield ctx.at(
            "application",
            ("c3_investment", "declared_tech_share_pct"),
            "ZX213",
            share=f"{share:.2f}",
            reference=reference,
        )
    if growth <= 0:
        yield ctx.at(
            "application",
            ("c3_investment", "declared_tech_growth_pct"),
            "ZX214",
            growth=f"{growth:.2f}",
        )


def _compare(
    ctx: DossierContext,
    key: str,
    c3: dict[str, Any],
    computed: Decimal | None,
    code: str,
    **params: Any,
) -> Iterator[Finding]:
    declared = c3[key]
    if not agrees(declared, computed, FIGURE_TOLERANCE_PCT):
        yield ctx.at(
            "application",
            ("c3_investment", key),
            code,
            declared=declared,
            computed=f"{computed:.2f}",
            tolerance=FIGURE_TOLERANCE_PCT,
            **params,
        )


@cache
def section_labels() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Section key -> (its title from the schema, its free-text fields)."""
    props = schema("application")["properties"]
    return {
        key: (
            "第6条" + props[key]["title"],
            tuple(
                f for f, p in props[key]["properties"].items() if p.get("$ref") == "#/$defs/text"
            ),
        )
        for key in DESCRIBED_SECTIONS
    }


def _sections(ctx: DossierContext, app: dict[str, Any]) -> Iterator[Finding]:
    declared = _attachment_kinds(ctx)
    for key, (label, fields) in section_labels().items():
        section = app[key]
        chars = sum(len("".join(str(section.get(f) or "").split())) for f in fields)
        if chars < THIN_SECTION_CHARS:
            yield ctx.at(
                "application",
                (key,),
                "ZX221",
                section=label,
                chars=chars,
                minimum=THIN_SECTION_CHARS,
            )
        evidence = section.get("evidence") or []
        if not evidence:
            yield ctx.at("application", (key, "evidence"), "ZX222", section=label)
        for i, ref in enumerate(evidence):
            if declared is not None and ref not in declared:
                yield ctx.at("application", (key, "evidence", i), "ZX223", ref=ref)


def _attachment_kinds(ctx: DossierContext) -> dict[str, str] | None:
    """Declared attachment id -> kind; None when dossier.yaml is unusable."""
    dossier = ctx.data("dossier")
    if dossier is None:
        return None
    return {a["id"]: a["kind"] for a in dossier["attachments"]}


def _declaration(ctx: DossierContext, c7: dict[str, Any]) -> Iterator[Finding]:
    since, until = _three_years(ctx)
    # 近三年: an incident before the window is history, one since (to submission) counts;
    # a social-stability event counts only when it had 恶劣影响 (第6条(7) as written).
    recent = [item for item in c7["incidents"] if date.fromisoformat(item["date"]) >= since]
    incidents_listed = {_incident_term(item) for item in recent if _counts(item)}
    for flag, incident in INCIDENTS.items():
        if c7[flag] is not True and _only_mild_social_events(flag, recent, incidents_listed):
            # 第6条(7) as written: events without 恶劣影响 are listed, none with it, so the
            # false flag misstates them; it is no exclusion (ZX253 asks to correct it).
            yield ctx.at("application", ("c7_declaration", flag), "ZX253")
        elif c7[flag] is not True:
            yield ctx.at(
                "application",
                ("c7_declaration", flag),
                "ZX231",
                incident=incident,
                need_start=since,
                need_end=until,
            )
        elif incident in incidents_listed:
            yield ctx.at("application", ("c7_declaration", "incidents"), "ZX234", incident=incident)
    yield from _declaration_period(ctx, c7)
    kinds = _attachment_kinds(ctx)
    ref = c7["declaration"]
    if kinds is not None and ref not in kinds:
        yield ctx.at("application", ("c7_declaration", "declaration"), "ZX223", ref=ref)
    elif kinds is not None and kinds[ref] != KIND_DECLARATION:
        yield ctx.at(
            "application", ("c7_declaration", "declaration"), "ZX233", ref=ref, kind=kinds[ref]
        )


_SOCIAL = "社会稳定事件"


def _counts(incident: dict[str, Any]) -> bool:
    return incident["kind"] != _SOCIAL or incident.get("severe_impact") is True


def _only_mild_social_events(flag: str, recent: list[dict[str, Any]], counted: set[str]) -> bool:
    """The social-stability flag is false, and the events listed are all without 恶劣影响."""
    return (
        flag == "no_social_stability_incident"
        and INCIDENTS[flag] not in counted
        and any(item["kind"] == _SOCIAL for item in recent)
    )


def _incident_term(incident: dict[str, Any]) -> str:
    """The listed incident in the declaration's words (a counted social event had 恶劣影响)."""
    kind = str(incident["kind"])
    return INCIDENTS["no_social_stability_incident"] if kind == _SOCIAL else kind


def _three_years(ctx: DossierContext) -> tuple[date, date]:
    """第6条(7) 近三年: the three years ending with the 年度 assessed (the round's `year`)."""
    year = ctx.settings.year or ctx.data("application")["year"]  # type: ignore[index]
    return date(year - 2, 1, 1), date(year, 12, 31)


def _declaration_period(ctx: DossierContext, c7: dict[str, Any]) -> Iterator[Finding]:
    need_start, need_end = _three_years(ctx)
    start, end = date.fromisoformat(c7["period_start"]), date.fromisoformat(c7["period_end"])
    if start > need_start or end < need_end:
        yield ctx.at(
            "application",
            ("c7_declaration", "period_start"),
            "ZX232",
            start=start,
            end=end,
            need_start=need_start,
            need_end=need_end,
            year=need_end.year,
        )


def principle_flags(findings: Iterable[Finding]) -> dict[str, tuple[str, ...]]:
    """dossier key → the codes of its 第6条 "原则上" misses that are warnings, in order.

    第6条 says 原则上应具备: a miss is shown to the committee (ballot row, 汇总表,
    初选建议名单), not an exclusion. A miss a campaign raised to an error is not a flag:
    the dossier is then no candidate at all.
    """
    flags: dict[str, list[str]] = {}
    for finding in findings:
        if not finding.dossier or finding.is_error:
            continue
        if (finding.rule.article or "").startswith("第6条") and finding.rule.adjustable:
            codes = flags.setdefault(finding.dossier, [])
            if finding.code not in codes:
                codes.append(finding.code)
    return {key: tuple(codes) for key, codes in flags.items()}


def flag_text(codes: Iterable[str], lang: str = "zh") -> str:
    """ZX201 无产量占全国5%以上的产品、ZX214 技改投资未增长 — for a cell or a note."""
    from zxcli.catalog import rule, term

    title = "en" if lang == "en" else "zh"
    return term("punct.list", lang).join(f"{code} {rule(code).title[title]}" for code in codes)
