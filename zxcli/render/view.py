"""The view model: what the forms show, computed once from a dossier's data.

Every value a template may print is a field of a frozen dataclass below. Each field names
where it comes from (`src`: a path into dossier.yaml, application.yaml or
recommendation.yaml, relative to its parent; "=" for values zx computes) and how it is
written (`fmt`). The view is built by following those paths, so the field list is also the
documented list of template placeholders, and a test can check each one against the JSON
Schemas.

The view is built even from broken data (a `--draft` run): anything missing or of the wrong
type shows as an empty string rather than stopping the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zxcli.load.inert import xml_text
from zxcli.model.campaign import DossierFolder
from zxcli.model.policy import (
    decimal_of,
    growth_pct,
    integral,
    normalized,
    not_finite,
    product_meets_share,
    round2,
    share_pct,
)
from zxcli.model.vocabulary import KIND_APPLICATION

if TYPE_CHECKING:
    from zxcli.model.gazetteer import Gazetteer

COMPUTED = "="
NOT_A_NUMBER = "—"  # what a non-finite number shows as (validate reports it: ZX029)


def _meta(src: str, fmt: str = "text") -> dict[str, str]:
    return {"src": src, "fmt": fmt}


def _f(src: str, fmt: str = "text") -> Any:
    return field(metadata=_meta(src, fmt))


def _c() -> Any:
    return field(metadata={"src": COMPUTED, "fmt": COMPUTED})


# ---------------------------------------------------------------- numbers and dates


def plain(value: Any) -> str:
    """A number as written, without a trailing .0 (5600.0 → 5600, 9.6 → 9.6)."""
    if not_finite(value):
        return NOT_A_NUMBER
    number = decimal_of(value)
    if number is None:
        return ""
    if integral(number):
        return str(int(number))
    return f"{normalized(number):f}"


def fixed2(value: Any) -> str:
    if not_finite(value):
        return NOT_A_NUMBER
    number = value if isinstance(value, Decimal) else decimal_of(value)
    rounded = round2(number)
    if rounded is None:
        return ""
    return f"{rounded:f}" if rounded.is_finite() else NOT_A_NUMBER


def amount(value: Any) -> str:
    text = fixed2(value)
    return f"{text}亿元" if text else ""


def percent(value: Any) -> str:
    text = fixed2(value)
    return f"{text}%" if text else ""


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def chinese_date(value: Any) -> str:
    """GB/T 9704 dates: year in full, no padding (2025年3月20日)."""
    day = parse_date(value)
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


# ---------------------------------------------------------------- formats of fields


@dataclass(frozen=True, kw_only=True)
class Context:
    """What a field's format may need beyond its own value."""

    attachment_titles: Mapping[str, str]
    item: Mapping[str, Any]  # the mapping the field sits in (a product's unit, say)
    draft: bool = False  # a draft caps each text (see `capped`)
    where: str = ""  # the data path of the mapping being built, for a capped field's note
    capped: list[str] = field(default_factory=list)  # the fields capped so far (shared)


# The schema's caps on one text ($defs/text of application.schema.json: maxLength and the
# pattern's 200 lines). A valid dossier is within them; a draft is rendered from data that
# may not be, and shows no more than this of any one field: the documents stay small and
# their writers' time linear (600,000 line breaks took 107 s). tests/unit/render checks
# that these are the schema's numbers.
DRAFT_MAX_CHARS = 10_000
DRAFT_MAX_LINES = 200
CAPPED_MARK = "…"


def capped_text(text: str) -> str | None:
    """`text` cut to the draft's caps and marked, or None when it is within them. One
    pass over at most DRAFT_MAX_CHARS characters, whatever the text's length."""
    if len(text) <= DRAFT_MAX_CHARS and text.count("\n", 0, DRAFT_MAX_CHARS) < DRAFT_MAX_LINES:
        return None
    cut = text[:DRAFT_MAX_CHARS]
    at = -1
    for _ in range(DRAFT_MAX_LINES):
        at = cut.find("\n", at + 1)
        if at < 0:
            break
    else:
        cut = cut[:at]
    return cut + CAPPED_MARK


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# YAML folds a long line (`>-`) with a space where the line broke; between two Chinese
# characters that space is an artefact of the editor, not of the text.
_FOLD_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def _text(value: Any, ctx: Context) -> str:
    if value is None or isinstance(value, (Mapping, list)):
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return plain(value)
    return xml_text(_FOLD_SPACE.sub("", str(value).strip()))


def _quantity(value: Any, ctx: Context) -> str:
    text = plain(value)
    unit = ctx.item.get("unit")
    return f"{text}{unit}" if text and isinstance(unit, str) else text


def _occurred(value: Any, ctx: Context) -> str:
    # The YAML asks "no accident?", the form states what happened.
    return {True: "未发生", False: "发生"}.get(value, "") if isinstance(value, bool) else ""


def _titles(value: Any, ctx: Context) -> str:
    ids = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return "、".join(ctx.attachment_titles.get(i, i) for i in ids if isinstance(i, str))


def _joined(value: Any, ctx: Context) -> str:
    items = value if isinstance(value, list) else []
    return "、".join(str(v) for v in items if isinstance(v, (str, int, float)))


FORMATS: dict[str, Callable[[Any, Context], str]] = {
    "text": _text,
    "amount": lambda v, ctx: amount(v),
    "pct": lambda v, ctx: percent(v),
    "qty": _quantity,
    "count": lambda v, ctx: f"{plain(v)}个" if plain(v) else "",
    "year": lambda v, ctx: f"{plain(v)}年" if plain(v) else "",
    "date": lambda v, ctx: chinese_date(v),
    "occurred": _occurred,
    "titles": _titles,
    "joined": _joined,
}


# ---------------------------------------------------------------- the view


@dataclass(frozen=True, kw_only=True)
class City:
    name: str = _f("name")
    code: str = _f("code")
    level: str = _f("level")


@dataclass(frozen=True, kw_only=True)
class Recommender:
    name: str = _f("name")
    kind: str = _f("kind")


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str = _f("name")
    unit: str = _f("unit")
    title: str = _f("title")
    phone: str = _f("phone")
    mobile: str = _f("mobile")
    email: str = _f("email")


@dataclass(frozen=True, kw_only=True)
class Attachment:
    kind: str = _f("kind")
    title: str = _f("title")
    issuer: str = _f("issuer")
    doc_no: str = _f("doc_no")
    date: str = _f("date", "date")
    seals: str = _f("seals", "joined")
    path: str = _f("path")


@dataclass(frozen=True, kw_only=True)
class Policy:
    title: str = _f("title")
    doc_no: str = _f("doc_no")
    date: str = _f("date", "date")


@dataclass(frozen=True, kw_only=True)
class Strategy:
    """第6条(1)."""

    implementation_plan: str = _f("implementation_plan")
    annual_plan: str = _f("annual_plan")
    policies: list[Policy] = field(metadata=_meta("supporting_policies[]"))
    organization: str = _f("organization")
    results: str = _f("results")
    evidence: str = _f("evidence", "titles")


@dataclass(frozen=True, kw_only=True)
class LeadingIndustry:
    name: str = _f("name")
    description: str = _f("description")


@dataclass(frozen=True, kw_only=True)
class Product:
    name: str = _f("name")
    industry: str = _f("industry")
    unit: str = _f("unit")
    output: str = _f("output", "qty")
    national_output: str = _f("national_output", "qty")
    share: str = _c()  # output / national_output, as zx computes it
    declared_share: str = _f("national_share_pct", "pct")

    @staticmethod
    def compute(data: Mapping[str, Any], ctx: Context) -> dict[str, str]:
        return {"share": percent(share_pct(data.get("output"), data.get("national_output")))}


@dataclass(frozen=True, kw_only=True)
class Base:
    name: str = _f("name")
    level: str = _f("level")
    year: str = _f("year", "year")


@dataclass(frozen=True, kw_only=True)
class Industry:
    """第6条(2)."""

    industries: list[LeadingIndustry] = field(metadata=_meta("leading_industries[]"))
    products: list[Product] = field(metadata=_meta("leading_products[]"))
    value_added: str = _f("industrial_value_added_yi", "amount")
    value_added_growth: str = _f("value_added_growth_pct", "pct")
    provincial_share: str = _f("provincial_share_pct", "pct")
    bases: list[Base] = field(metadata=_meta("demonstration_bases[]"))
    summary: str = _f("summary")
    evidence: str = _f("evidence", "titles")


@dataclass(frozen=True, kw_only=True)
class Investment:
    """第6条(3): amounts as declared, share and growth as computed from them."""

    industrial_current: str = _f("industrial_investment_yi.current", "amount")
    industrial_previous: str = _f("industrial_investment_yi.previous", "amount")
    industrial_growth: str = _c()
    tech_current: str = _f("tech_renovation_investment_yi.current", "amount")
    tech_previous: str = _f("tech_renovation_investment_yi.previous", "amount")
    tech_growth: str = _c()
    tech_share: str = _c()
    tech_share_previous: str = _c()
    declared_share: str = _f("declared_tech_share_pct", "pct")
    declared_growth: str = _f("declared_tech_growth_pct", "pct")
    summary: str = _f("summary")
    evidence: str = _f("evidence", "titles")

    @staticmethod
    def compute(data: Mapping[str, Any], ctx: Context) -> dict[str, str]:
        figures = investment_figures(data)
        return {name: percent(value) for name, value in figures.items()}


@dataclass(frozen=True, kw_only=True)
class Brand:
    name: str = _f("name")
    owner: str = _f("owner")
    ip: str = _f("ip")


@dataclass(frozen=True, kw_only=True)
class QualityBrand:
    """第6条(4)."""

    summary: str = _f("summary")
    brands: list[Brand] = field(metadata=_meta("brands[]"))
    evidence: str = _f("evidence", "titles")


@dataclass(frozen=True, kw_only=True)
class Pilot:
    name: str = _f("name")
    year: str = _f("year", "year")
    count: str = _f("count", "count")


@dataclass(frozen=True, kw_only=True)
class InternetBase:
    name: str = _f("name")
    year: str = _f("year", "year")


@dataclass(frozen=True, kw_only=True)
class Internet:
    """第6条(5)."""

    network: str = _f("network")
    platform: str = _f("platform")
    security: str = _f("security")
    pilots: list[Pilot] = field(metadata=_meta("pilots[]"))
    bases: list[InternetBase] = field(metadata=_meta("demonstration_bases[]"))
    summary: str = _f("summary")
    evidence: str = _f("evidence", "titles")


@dataclass(frozen=True, kw_only=True)
class Operation:
    """第6条(6)."""

    leadership: str = _f("leadership")
    monitoring: str = _f("monitoring")
    summary: str = _f("summary")
    evidence: str = _f("evidence", "titles")


@dataclass(frozen=True, kw_only=True)
class Incident:
    date: str = _f("date", "date")
    kind: str = _f("kind")
    description: str = _f("description")


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """第6条(7)."""

    period_start: str = _f("period_start", "date")
    period_end: str = _f("period_end", "date")
    safety: str = _f("no_major_safety_accident", "occurred")
    environment: str = _f("no_major_environmental_accident", "occurred")
    stability: str = _f("no_social_stability_incident", "occurred")
    incidents: list[Incident] = field(metadata=_meta("incidents[]"))
    declaration: str = _f("declaration", "titles")


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    """附2 推荐表 (recommendation.yaml)."""

    rank: str = _f("rank_in_province")
    value_added: str = _f("summary_indicators.industrial_value_added_yi", "amount")
    value_added_growth: str = _f("summary_indicators.value_added_growth_pct", "pct")
    investment_growth: str = _f("summary_indicators.industrial_investment_growth_pct", "pct")
    tech_share: str = _f("summary_indicators.tech_renovation_share_pct", "pct")
    tech_growth: str = _f("summary_indicators.tech_renovation_growth_pct", "pct")
    leading_product: str = _f("summary_indicators.leading_product")
    highlights: str = _f("highlights")
    opinion: str = _f("recommender_opinion.text")
    opinion_date: str = _f("recommender_opinion.date", "date")
    consent_authority: str = _f("provincial_consent.authority")
    consent_doc_no: str = _f("provincial_consent.doc_no")
    consent_date: str = _f("provincial_consent.date", "date")
    consent_opinion: str = _f("provincial_consent.opinion")
    contact: Contact = field(metadata=_meta("contact"))


@dataclass(frozen=True, kw_only=True)
class FormView:
    """Everything the 申报书 and 推荐表 templates may print (the template context)."""

    year: str = _f("dossier:year")
    data_year: str = _f("application:data_year", "year")
    province: str = _f("dossier:province")
    city: City = field(metadata=_meta("dossier:city"))
    recommender: Recommender = field(metadata=_meta("dossier:recommender"))
    government: str = _f("dossier:government")
    statistics_bureau: str = _f("dossier:statistics_bureau")
    contacts: list[Contact] = field(metadata=_meta("dossier:contacts[]"))
    attachments: list[Attachment] = field(metadata=_meta("dossier:attachments[]"))
    date: str = _c()  # the cover date: the 申报书's own date, else the 推荐单位意见's
    c1: Strategy = field(metadata=_meta("application:c1_strategy"))
    c2: Industry = field(metadata=_meta("application:c2_industry"))
    c3: Investment = field(metadata=_meta("application:c3_investment"))
    c4: QualityBrand = field(metadata=_meta("application:c4_quality_brand"))
    c5: Internet = field(metadata=_meta("application:c5_industrial_internet"))
    c6: Operation = field(metadata=_meta("application:c6_operation"))
    c7: Declaration = field(metadata=_meta("application:c7_declaration"))
    rec: Recommendation = field(metadata=_meta("recommendation:"))
    draft: bool = _c()
    # "占全省" for most cities; a 直辖市's district or county is a share of the 直辖市.
    share_scope: str = _c()
    # The label of the city's governing body: a 盟 or 地区 has a 行政公署 (第2条), not a 人民政府.
    government_label: str = _c()
    # A draft's open validation errors, one line each.
    findings: tuple[str, ...] = field(metadata={"src": COMPUTED, "fmt": COMPUTED})


# ---------------------------------------------------------------- building


def _at(data: Any, path: str) -> Any:
    for key in filter(None, path.split(".")):
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _build(cls: type, data: Mapping[str, Any], ctx: Context, computed: Mapping[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    own = dict(computed)
    if hasattr(cls, "compute"):
        own.update(cls.compute(data, ctx))
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):
        if spec.metadata["src"] == COMPUTED:
            values[spec.name] = own[spec.name]
            continue
        src = spec.metadata["src"]
        raw = _at(data, src.replace(":", ".").removesuffix("[]"))
        here = dataclasses.replace(ctx, where=_joined_path(ctx.where, src.removesuffix("[]")))
        values[spec.name] = _value(hints[spec.name], spec.metadata["fmt"], raw, data, here)
    return cls(**values)


def _joined_path(where: str, src: str) -> str:
    return f"{where}.{src}" if where and not where.endswith(":") else f"{where}{src}"


def _value(hint: Any, fmt: str, raw: Any, parent: Mapping[str, Any], ctx: Context) -> Any:
    if typing.get_origin(hint) is list:
        (item_type,) = typing.get_args(hint)
        items = raw if isinstance(raw, list) else []
        return [
            _nested(item_type, item, dataclasses.replace(ctx, where=f"{ctx.where}[{i}]"))
            for i, item in enumerate(items)
        ]
    if dataclasses.is_dataclass(hint):
        return _nested(hint, raw, ctx)
    text = xml_text(FORMATS[fmt](raw, dataclasses.replace(ctx, item=parent)))
    cut = capped_text(text) if ctx.draft else None
    if cut is None:
        return text
    ctx.capped.append(ctx.where)
    return cut


def _nested(cls: Any, raw: Any, ctx: Context) -> Any:
    data = raw if isinstance(raw, Mapping) else {}
    return _build(cls, data, dataclasses.replace(ctx, item=data), {})


def build_view(
    dossier: DossierFolder,
    draft: bool = False,
    findings: Sequence[str] = (),
    gazetteer: Gazetteer | None = None,
    lang: str = "zh",
) -> FormView:
    sources: dict[str, Mapping[str, Any]] = {
        kind: dossier.data(kind) or {} for kind in ("dossier", "application", "recommendation")
    }
    sources["dossier"] = official_identity(sources["dossier"], gazetteer)
    ctx = Context(
        attachment_titles=_attachment_titles(sources["dossier"]), item=sources, draft=draft
    )
    computed = {
        "date": chinese_date(cover_date(sources)),
        "draft": draft,
        "share_scope": share_scope(_at(sources, "dossier.city.level")),
        "government_label": government_label(_at(sources, "dossier.government")),
        "findings": tuple(xml_text(f) for f in findings) if draft else (),
    }
    view = _build(FormView, sources, ctx, computed)
    if not ctx.capped:
        return view
    # A draft says, among its open errors, which fields it shows only in part (ZX915).
    notes = tuple(xml_text(capped_note(where, lang)) for where in ctx.capped)
    return dataclasses.replace(view, findings=view.findings + notes)


def capped_note(where: str, lang: str) -> str:
    """One capped field as a draft lists it: code, file and field, message."""
    from zxcli.catalog import rule

    kind, _, path = where.partition(":")
    params = {"field": path, "chars": DRAFT_MAX_CHARS, "lines": DRAFT_MAX_LINES}
    return f"ZX915 {kind}.yaml {rule('ZX915').render(lang, params)}"


MUNICIPALITY_LEVELS = ("直辖市辖区", "直辖市辖县")


def official_identity(
    meta: Mapping[str, Any], gazetteer: Gazetteer | None = None
) -> Mapping[str, Any]:
    """dossier.yaml's data with the province and city printed as the gazetteer spells them
    (issue 12: rendered documents never carry the dossier's own spelling): the campaign's
    gazetteer, the one validation used, else the bundled one."""
    city = meta.get("city")
    province = meta.get("province")
    if not isinstance(city, Mapping) or not isinstance(province, str):
        return meta
    code, name = city.get("code"), city.get("name")
    if not isinstance(code, str) or not isinstance(name, str):
        return meta
    from zxcli.model.gazetteer import Gazetteer

    names = (gazetteer or Gazetteer.bundled()).official_names(province, name, code)
    official_province, official_name = names
    return {**meta, "province": official_province, "city": {**city, "name": official_name}}


def government_label(government: Any) -> str:
    """人民政府, or 行政公署 for a 盟 or 地区 whose governing body is one (four characters
    each: the label cell holds them on one line, where 市（州）人民政府 broke 人民/政府)."""
    from zxcli.model.authorities import ADMINISTRATIVE_OFFICE

    office = isinstance(government, str) and government.endswith(ADMINISTRATIVE_OFFICE)
    return "行政公署" if office else "人民政府"


def share_scope(level: Any) -> str:
    """What a city's 工业增加值 is a share of: its province, or its 直辖市."""
    return "全市" if level in MUNICIPALITY_LEVELS else "全省"


def _attachment_titles(dossier: Mapping[str, Any]) -> dict[str, str]:
    titles = {}
    for entry in _list(dossier.get("attachments")):
        if isinstance(entry.get("id"), str) and isinstance(entry.get("title"), str):
            titles[entry["id"]] = entry["title"]
    return titles


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def cover_date(sources: Mapping[str, Any]) -> dt.date | None:
    """The date a form carries: the declared 申报书 date, else the 推荐单位意见 date."""
    for entry in _list(_at(sources, "dossier.attachments")):
        if entry.get("kind") == KIND_APPLICATION and parse_date(entry.get("date")):
            return parse_date(entry.get("date"))
    return parse_date(_at(sources, "recommendation.recommender_opinion.date"))


def form_date(dossier: DossierFolder) -> dt.date:
    """The date stamped into a form's file properties: from the data, never the clock."""
    sources = {kind: dossier.data(kind) or {} for kind in ("dossier", "recommendation")}
    found = cover_date(sources)
    if found:
        return found
    year = sources["dossier"].get("year")
    return (
        dt.date(year, 1, 1)
        if isinstance(year, int) and 1980 <= year <= 9999
        else dt.date(2000, 1, 1)
    )


def investment_figures(c3: Mapping[str, Any]) -> dict[str, Decimal | None]:
    """第6条(3)'s computed figures: growth of both investments and the 技改 share."""
    industrial = c3.get("industrial_investment_yi") or {}
    tech = c3.get("tech_renovation_investment_yi") or {}
    if not isinstance(industrial, Mapping) or not isinstance(tech, Mapping):
        industrial, tech = {}, {}
    return {
        "industrial_growth": growth_pct(industrial.get("current"), industrial.get("previous")),
        "tech_growth": growth_pct(tech.get("current"), tech.get("previous")),
        "tech_share": share_pct(tech.get("current"), industrial.get("current")),
        "tech_share_previous": share_pct(tech.get("previous"), industrial.get("previous")),
    }


# ---------------------------------------------------------------- the 汇总表


@dataclass(frozen=True, kw_only=True)
class SummaryRow:
    """One nomination in the 汇总表: numbers stay numbers so the sheet can sort them."""

    code: str
    province: str
    city: str
    level: str
    recommender: str
    value_added: Decimal | None
    value_added_growth: Decimal | None
    provincial_share: Decimal | None
    investment: Decimal | None
    investment_growth: Decimal | None
    tech_investment: Decimal | None
    tech_share: Decimal | None
    tech_growth: Decimal | None
    top_product: str
    top_share: Decimal | None
    products_over_5: int
    errors: int
    flags: tuple[str, ...] = ()  # 第6条 "原则上" misses (warning codes) for the committee
    rank: int | None = None  # 推荐排序: the province's order of its nominations (附2)
    verdict: str = "fail"  # the validate verdict (results.VERDICTS): 通过 only when it is one
    outside_quota: bool = False  # a 计划单列市 not counted in its province's quota (ZX620)


def summary_row(
    dossier: DossierFolder,
    errors: int,
    flags: Sequence[str] = (),
    gazetteer: Gazetteer | None = None,
    verdict: str = "fail",
    outside_quota: bool = False,
) -> SummaryRow:
    meta = official_identity(dossier.data("dossier") or {}, gazetteer)
    app = dossier.data("application") or {}
    c2 = _mapping(app.get("c2_industry"))
    c3 = _mapping(app.get("c3_investment"))
    shares = _product_shares(c2)
    top_name, top_share = max(shares, key=lambda s: s[1], default=("", None))
    figures = investment_figures(c3)
    return SummaryRow(
        code=_text(_at(meta, "city.code"), _NO_CTX),
        province=_text(meta.get("province"), _NO_CTX),
        city=_text(_at(meta, "city.name"), _NO_CTX) or dossier.key,
        level=_text(_at(meta, "city.level"), _NO_CTX),
        recommender=_text(_at(meta, "recommender.name"), _NO_CTX),
        value_added=decimal_of(c2.get("industrial_value_added_yi")),
        value_added_growth=decimal_of(c2.get("value_added_growth_pct")),
        provincial_share=decimal_of(c2.get("provincial_share_pct")),
        investment=decimal_of(_at(c3, "industrial_investment_yi.current")),
        investment_growth=figures["industrial_growth"],
        tech_investment=decimal_of(_at(c3, "tech_renovation_investment_yi.current")),
        tech_share=figures["tech_share"],
        tech_growth=figures["tech_growth"],
        top_product=top_name,
        top_share=top_share,
        products_over_5=sum(
            1
            for p in _list(c2.get("leading_products"))
            if isinstance(p, Mapping)
            and product_meets_share(p.get("output"), p.get("national_output"))
        ),
        errors=errors,
        flags=tuple(flags),
        rank=_rank(dossier.data("recommendation") or {}),
        verdict=verdict,
        outside_quota=outside_quota,
    )


def _rank(rec: Mapping[str, Any]) -> int | None:
    value = rec.get("rank_in_province")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_NO_CTX = Context(attachment_titles={}, item={})


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _product_shares(c2: Mapping[str, Any]) -> list[tuple[str, Decimal]]:
    shares = []
    for product in _list(c2.get("leading_products")):
        share = share_pct(product.get("output"), product.get("national_output"))
        if share is not None:
            shares.append((_text(product.get("name"), _NO_CTX), share))
    return shares
