"""Who recommends (第4条): the provincial 工业和信息化主管部门 and the 兵团's, by name.

The names come from zxcli/data/authorities/provincial_miit.csv (see its SOURCE.md): they
differ by province (北京市经济和信息化局, 上海市经济和信息化委员会, 浙江省经济和信息化厅…), so
"starts with the province's name" would also admit a city bureau. A campaign may rename a
body in zx.yaml's `authorities:` after a reform.

Every other authority whose name zx builds (the nominee's governing body and same-level
statistics bureau, the provincial government whose consent 第7条 requires) is named here,
in one place, so a seal check, `zx init` and the forms cannot spell it two ways.

The recommending region also decides the quota and the 第13条 province bar (issue 12,
family 3): it is read from the recommender and the code, never only the free `province`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from zxcli.model.gazetteer import Division, Gazetteer, Level, Province
from zxcli.model.names import normalise
from zxcli.model.vocabulary import LEVEL_PLAN_CITY
from zxcli.resources import bundled_file


@cache
def bundled_departments() -> dict[str, str]:
    """Province (or 兵团) full name -> its department's official name."""
    path = bundled_file("data", "authorities/provincial_miit.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["province"]: row["department"] for row in csv.DictReader(handle)}


def departments(gaz: Gazetteer, overrides: Mapping[str, str]) -> dict[str, str]:
    """Region key -> the department's name, with the campaign's renamings applied."""
    return dict(_tables(gaz, frozenset(overrides.items()))[0])


@lru_cache(maxsize=8)
def _tables(
    gaz: Gazetteer, overrides: frozenset[tuple[str, str]]
) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """`departments`, and its normalised names -> region (the first region of each name),
    computed once per gazetteer and renamings: every dossier asks several times."""
    names = {**bundled_departments(), **dict(overrides)}
    by_region = {gaz.region_key(province): name for province, name in names.items()}
    by_name: dict[str, str] = {}
    for region, department in by_region.items():
        by_name.setdefault(normalise(department), region)
    return MappingProxyType(by_region), MappingProxyType(by_name)


def expected_recommender(gaz: Gazetteer, overrides: Mapping[str, str], region: str) -> str | None:
    return _tables(gaz, frozenset(overrides.items()))[0].get(region)


def recommender_region(gaz: Gazetteer, overrides: Mapping[str, str], name: str) -> str | None:
    """The region whose department is called `name`, or None for any other body."""
    return _tables(gaz, frozenset(overrides.items()))[1].get(normalise(name))


def code_region(gaz: Gazetteer, code: str) -> str | None:
    """The region a division belongs to: the 兵团 for its 师市 (6590xx), else its province."""
    division = gaz.by_code(code)
    if division is None:
        return None
    if gaz.in_bingtuan(division) and gaz.bingtuan is not None:
        return gaz.bingtuan.name
    return gaz.region_key(division.province_code)


def nominee_regions(
    gaz: Gazetteer, overrides: Mapping[str, str], dossier: Mapping[str, Any]
) -> set[str]:
    """Every region a nomination may belong to: its recommender's, its code's, its stated
    province's. A 第13条 province bar on any of them applies, so a 兵团 nominee filed under
    新疆 (or the reverse) cannot slip out of a bar."""
    found = {
        recommender_region(gaz, overrides, dossier["recommender"]["name"]),
        code_region(gaz, dossier["city"]["code"]),
        gaz.region_key(dossier["province"]),
    }
    return {region for region in found if region is not None}


@dataclass(frozen=True)
class QuotaSplit:
    """Who uses a region's quota and who does not: the nominations (by dossier key) that
    count, and the 计划单列市 that the yearly notices put outside it."""

    counted: Mapping[str, tuple[str, ...]]
    exempt: Mapping[str, tuple[str, ...]]  # region -> plan cities outside its quota

    def explained(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(region, plan city, the region's counted nominations) for every plan city outside
        a quota: what the summary, the 汇总表 and the overview say (ZX620)."""
        return [
            (region, key, self.counted.get(region, ()))
            for region, keys in sorted(self.exempt.items())
            for key in keys
        ]


def quota_split(
    gaz: Gazetteer,
    overrides: Mapping[str, str],
    plan_city_outside_quota: bool,
    nominees: Iterable[tuple[str, Mapping[str, Any]]],
) -> QuotaSplit:
    """Each (dossier key, dossier.yaml) by the region whose quota it uses (`quota_region`).
    A 计划单列市 is recommended by its province's department and "不占用所在省名额"
    (工信厅规函〔2020〕8号, 〔2021〕8号) while the campaign keeps that default."""
    counted: dict[str, list[str]] = {}
    exempt: dict[str, list[str]] = {}
    for key, data in nominees:
        region = quota_region(gaz, overrides, data)
        is_plan_city = data["city"]["level"] == LEVEL_PLAN_CITY
        (exempt if plan_city_outside_quota and is_plan_city else counted).setdefault(
            region, []
        ).append(key)
    return QuotaSplit(
        MappingProxyType({r: tuple(k) for r, k in counted.items()}),
        MappingProxyType({r: tuple(k) for r, k in exempt.items()}),
    )


def quota_region(gaz: Gazetteer, overrides: Mapping[str, str], dossier: Mapping[str, Any]) -> str:
    """The one region whose quota a nomination uses: the recommender's when it is a known
    department, else the code's, else the stated province's. Counting once per nomination
    and by who recommends means a nominee cannot be counted twice or in nobody's quota."""
    return (
        recommender_region(gaz, overrides, dossier["recommender"]["name"])
        or code_region(gaz, dossier["city"]["code"])
        or gaz.region_key(dossier["province"])
    )


# ------------------------------------------------------------- governing bodies

# 第2条 "市（地、州、盟）": a 盟 or 地区 of prefecture level is governed by a 行政公署 (the
# province's agency), not by a 人民政府 of its own: 兴安盟行政公署, 阿克苏地区行政公署.
_ADMINISTRATIVE_OFFICE_AREAS = ("盟", "地区")
ADMINISTRATIVE_OFFICE = "行政公署"
PEOPLES_GOVERNMENT = "人民政府"
GENERAL_OFFICE = "办公厅"


def governing_body(gaz: Gazetteer, division: Division) -> str:
    """The body that governs the nominee and seals its 负责声明: 苏州市人民政府,
    上海市浦东新区人民政府, but 兴安盟行政公署 and 和田地区行政公署."""
    name = gaz.display_name(division)
    if division.level is Level.PREFECTURE and name.endswith(_ADMINISTRATIVE_OFFICE_AREAS):
        return name + ADMINISTRATIVE_OFFICE
    return name + PEOPLES_GOVERNMENT


def statistics_bureau(gaz: Gazetteer, division: Division) -> str:
    """The same-level 统计机关 whose seal 第7条(3) requires: 苏州市 → 苏州市统计局."""
    return gaz.display_name(division) + "统计局"


def provincial_government(gaz: Gazetteer, province: Province | str) -> str:
    """江苏省人民政府, 上海市人民政府, 广西壮族自治区人民政府; the 兵团 consents for itself
    (第7条: 省政府（兵团）同意). KeyError for a province the gazetteer does not know."""
    if isinstance(province, str) and gaz.bingtuan and gaz.is_bingtuan(province):
        return gaz.bingtuan.name
    found = province if isinstance(province, Province) else gaz.province(province)
    if found is None:
        raise KeyError(province)
    return found.name + PEOPLES_GOVERNMENT


def consenting_bodies(provincial: str) -> tuple[str, str]:
    """Who may issue the 第7条 consent, each under its own seal: the provincial government
    (or the 兵团) and its 办公厅, which issues such letters on its behalf."""
    return provincial, provincial + GENERAL_OFFICE
