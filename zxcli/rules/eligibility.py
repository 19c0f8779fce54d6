"""第5条: who may be nominated, and for which year (the schema refuses rounds before 2018年度).

The nominee's province, name, code and level must denote one real division in the
gazetteer; development zones are not divisions. Levels: 第5条 names 地级及以上行政区（含计划单列市）
and 直辖市辖区（县） "为主" (mainly); since the 2019年度 round the yearly notices ask each province
for one 地市级行政区 (a 直辖市 for a 区 or 县), so by default a county-level city is an error
citing the notice (ZX117). A campaign whose notice admits more lists them in
`eligible_levels`, as 第5条's "为主" allows: a county-level nominee then warns (ZX107), and a
level it does not list is refused (ZX108). Every file of the dossier speaks of the same city
and the campaign's year.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zxcli.catalog import Term
from zxcli.model.gazetteer import Division, Level, NomineeCheck, NomineeProblem
from zxcli.model.names import normalise
from zxcli.results import Finding
from zxcli.rules.context import DossierContext

_PROBLEM_CODES = {
    NomineeProblem.UNKNOWN_PROVINCE: "ZX106",
    NomineeProblem.UNKNOWN_CODE: "ZX101",
    NomineeProblem.NOT_A_DIVISION: "ZX105",
    NomineeProblem.PROVINCE_MISMATCH: "ZX103",
    NomineeProblem.NAME_MISMATCH: "ZX102",
    NomineeProblem.DEV_ZONE: "ZX104",
}


def check(ctx: DossierContext) -> Iterator[Finding]:
    dossier = ctx.data("dossier")
    if dossier is None:
        return
    yield from _years(ctx)
    yield from _same_city(ctx, dossier["city"]["name"])
    result = ctx.gazetteer.check_nominee(
        dossier["province"], dossier["city"]["name"], dossier["city"]["code"]
    )
    if result.problem is not None:
        yield _problem(ctx, dossier, result)
        return
    if result.division is not None:
        yield from _retired(ctx, dossier, result.division)
        yield from _level(ctx, dossier, result.division)
        yield from _folder_name(ctx, dossier, result.division)


def _retired(ctx: DossierContext, dossier: dict[str, Any], division: Division) -> Iterator[Finding]:
    """A division abolished after the gazetteer's edition: nominable for the 年度 it still
    existed in (an earlier round's campaign), not after."""
    retired = ctx.gazetteer.retirement(division.code)
    year = ctx.settings.year if ctx.settings.year is not None else dossier["year"]
    if retired is not None and year > retired.last_year:
        yield ctx.at(
            "dossier",
            ("city", "code"),
            "ZX118",
            code=division.code,
            name=ctx.gazetteer.display_name(division),
            change=retired.change,
            last_year=retired.last_year,
            year=year,
        )


def _problem(ctx: DossierContext, dossier: dict[str, Any], result: NomineeCheck) -> Finding:
    code = _PROBLEM_CODES[result.problem] if result.problem else "ZX101"
    found = result.division
    where = ("province",) if code == "ZX106" else ("city", "code")
    return ctx.at(
        "dossier",
        where,
        code,
        code=dossier["city"]["code"],
        name=dossier["city"]["name"],
        province=dossier["province"],
        official=ctx.gazetteer.display_name(found) if found else "",
        actual_province=found.province if found else "",
        edition=ctx.gazetteer.edition,
        did_you_mean=_did_you_mean(ctx, dossier, result, code),
    )


def _did_you_mean(
    ctx: DossierContext, dossier: dict[str, Any], result: NomineeCheck, code: str
) -> Term:
    """是否指 佛山市（440600）? — the division the declared name most likely meant."""
    if code == "ZX106":
        near = ctx.gazetteer.near_province(dossier["province"])
        return Term("gazetteer.did_you_mean_province", {"name": near}) if near else _NOTHING
    division = result.suggestion
    if division is None:
        return _NOTHING
    return Term(
        "gazetteer.did_you_mean",
        {"name": ctx.gazetteer.display_name(division), "code": division.code},
    )


_NOTHING = Term("common.nothing")

# The yearly notices from the 2019年度 round on (工信厅规函〔2020〕8号, 〔2021〕8号): one
# 地市级行政区 per province, a 区 or 县 for a 直辖市. Earlier rounds admitted county-level units.
NOTICE_PREFECTURES_ONLY_FROM = 2019


def _level(ctx: DossierContext, dossier: dict[str, Any], division: Division) -> Iterator[Finding]:
    declared = dossier["city"]["level"]
    name = ctx.gazetteer.display_name(division)
    if declared != division.level.value:
        yield ctx.at(
            "dossier",
            ("city", "level"),
            "ZX109",
            name=name,
            official=division.level.value,
            declared=declared,
        )
    if ctx.gazetteer.in_bingtuan(division):
        return  # the 兵团's 师市 are what it recommends, whatever their GB/T 2260 level
    allowed = ctx.settings.eligible_levels
    if allowed is not None and division.level.value not in allowed:
        yield ctx.at(
            "dossier",
            ("city", "level"),
            "ZX108",
            name=name,
            level=division.level.value,
            allowed="、".join(sorted(allowed)),
        )
    elif division.level is not Level.COUNTY:
        return
    elif allowed is None and _notice_prefectures_only(ctx.settings.year):
        yield ctx.at("dossier", ("city", "level"), "ZX117", name=name, level=division.level.value)
    else:  # widened by the campaign (第5条 为主), or a round before the 2019年度
        yield ctx.at("dossier", ("city", "level"), "ZX107", name=name, level=division.level.value)


def _notice_prefectures_only(year: int | None) -> bool:
    """Whether the round's notice asks for 地市级 units only; an unknown year is treated
    as a current round (fail closed: the error, not the warning)."""
    return year is None or year >= NOTICE_PREFECTURES_ONLY_FROM


def _years(ctx: DossierContext) -> Iterator[Finding]:
    campaign_year = ctx.settings.year
    for kind in ("dossier", "application", "recommendation"):
        data = ctx.data(kind)
        if data is None:
            continue
        year = data["year"]  # the schema refuses years before 2018 (第15条, 年度)
        if campaign_year is not None and year != campaign_year:
            yield ctx.at(kind, ("year",), "ZX110", year=year, campaign_year=campaign_year)


def _same_city(ctx: DossierContext, expected: str) -> Iterator[Finding]:
    for kind in ("application", "recommendation"):
        data = ctx.data(kind)
        if data is not None and normalise(data["city"]) != normalise(expected):
            yield ctx.at(kind, ("city",), "ZX112", found=data["city"], expected=expected)


def _folder_name(
    ctx: DossierContext, dossier: dict[str, Any], division: Division
) -> Iterator[Finding]:
    expected = f"{dossier['province']}-{division.name}"
    if normalise(ctx.key) != normalise(expected):
        yield ctx.at("dossier", ("city", "name"), "ZX113", folder=ctx.key, expected=expected)
