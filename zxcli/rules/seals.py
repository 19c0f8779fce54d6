"""第7条 seals: each required document bears the seal of the authority the policy names.

第7条 asks that "推荐函、数据、公章…符合要求". Who must seal what:

- 推荐函, 推荐表 (第7条(2)): the 推荐单位 (dossier `recommender.name`);
- 统计数据确认 (第7条(3)): the **same-level** 统计机关 of the nominee, from the gazetteer
  (苏州市 → 苏州市统计局, 上海市浦东新区 → 上海市浦东新区统计局). The provincial bureau
  is the usual mistake, and gets its own code (ZX404) naming what was found;
- 负责声明 (第7条(4)): the nominee's governing body, its 人民政府 (a 盟 or 地区: its 行政公署);
- 省政府同意文件 (第7条 lead-in): the 省级人民政府 or its 办公厅, which issues such a letter
  under its own seal; the 兵团 or its 办公厅 when the 兵团 recommends;
- 申报书 (第7条(1)): normally the nominee's governing body (a warning: the article names no
  sealer).

Every name comes from zxcli/model/authorities.py.

The authorities come from the gazetteer by the nominee's code. When the code is unknown the
declared names stand in (the eligibility family reports the code), so nothing here fails
on a bad code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from zxcli.model.authorities import (
    consenting_bodies,
    governing_body,
    provincial_government,
    statistics_bureau,
)
from zxcli.model.gazetteer import Division, Gazetteer
from zxcli.model.names import normalise, same_name
from zxcli.model.vocabulary import (
    KIND_APPLICATION,
    KIND_CONSENT,
    KIND_DECLARATION,
    KIND_FORM,
    KIND_LETTER,
    KIND_STATISTICS,
    RECOMMENDER_BINGTUAN,
)
from zxcli.results import Finding
from zxcli.rules.context import DossierContext

_BINGTUAN = "新疆生产建设兵团"


@dataclass(frozen=True)
class Authorities:
    """The names whose seals 第7条 requires for one nominee (None: cannot be known)."""

    city: str
    recommender: str
    statistics_bureau: str
    government: str
    provincial: str | None
    from_gazetteer: bool  # False when the gazetteer does not confirm the nominee

    @property
    def consent(self) -> tuple[str, ...] | None:
        """Whose seal a 省政府同意文件 may bear: the provincial government or its 办公厅."""
        return consenting_bodies(self.provincial) if self.provincial else None


# kind -> (code, which Authorities field must have sealed it)
_REQUIRED = {
    KIND_LETTER: ("ZX401", "recommender"),
    KIND_FORM: ("ZX402", "recommender"),
    KIND_STATISTICS: ("ZX403", "statistics_bureau"),
    KIND_DECLARATION: ("ZX405", "government"),
    KIND_CONSENT: ("ZX406", "consent"),
    KIND_APPLICATION: ("ZX407", "government"),
}


def check(ctx: DossierContext) -> Iterator[Finding]:
    data = ctx.data("dossier")
    if data is None:  # not loaded or not schema-clean: the schema findings come first
        return
    required = authorities(ctx.gazetteer, data)
    yield from _declared_names(ctx, data, required)
    for i, att in enumerate(data.get("attachments") or []):
        finding = _seal_finding(ctx, i, att, required)
        if finding is not None:
            yield finding


def authorities(gazetteer: Gazetteer, data: Mapping[str, Any]) -> Authorities:
    city = data["city"]
    nominee = gazetteer.check_nominee(data["province"], city["name"], str(city.get("code", "")))
    # Only a nominee the gazetteer confirms names the authorities; after a wrong code the
    # eligibility finding says what to mend, and the declared names stand in meanwhile.
    division = nominee.division if nominee.problem is None else None
    return Authorities(
        city=gazetteer.display_name(division) if division else city["name"],
        recommender=data["recommender"]["name"],
        statistics_bureau=(
            statistics_bureau(gazetteer, division) if division else data["statistics_bureau"]
        ),
        government=governing_body(gazetteer, division) if division else data["government"],
        provincial=_provincial(gazetteer, data, division),
        from_gazetteer=division is not None,
    )


def _provincial(
    gazetteer: Gazetteer, data: Mapping[str, Any], division: Division | None
) -> str | None:
    """The 省级人民政府, or the 兵团 when it recommends (第7条: 省政府（兵团）同意)."""
    province = data["province"]
    if data["recommender"].get("kind") == RECOMMENDER_BINGTUAN or gazetteer.is_bingtuan(province):
        return gazetteer.bingtuan.name if gazetteer.bingtuan else _BINGTUAN
    try:
        return provincial_government(gazetteer, province)
    except KeyError:
        pass
    # An unknown province name: the nominee's code still tells which province it is in.
    if division is not None:
        return provincial_government(gazetteer, division.province)
    return None


# ---------------------------------------------------------------------- checks


def _declared_names(
    ctx: DossierContext, data: Mapping[str, Any], required: Authorities
) -> Iterator[Finding]:
    """dossier.yaml's own statistics_bureau and government must be the gazetteer's."""
    if not required.from_gazetteer:
        return
    for key, code, expected in (
        ("statistics_bureau", "ZX410", required.statistics_bureau),
        ("government", "ZX411", required.government),
    ):
        if not same_name(data[key], expected):
            yield ctx.at(
                "dossier", (key,), code, found=data[key], required=expected, city=required.city
            )


def _seal_finding(
    ctx: DossierContext, i: int, att: Mapping[str, Any], required: Authorities
) -> Finding | None:
    rule = _REQUIRED.get(att.get("kind", ""))
    if rule is None:
        return None
    code, field_name = rule
    wanted: str | tuple[str, ...] | None = getattr(required, field_name)
    if wanted is None:  # the province is unknown: the eligibility family says so
        return None
    accepted = (wanted,) if isinstance(wanted, str) else wanted
    seals = [str(s) for s in att.get("seals") or []]
    if any(same_name(seal, name) for seal in seals for name in accepted):
        return None
    # ZX406 names both bodies that may have sealed the consent; the others name one.
    expected = accepted[0] if len(accepted) == 1 else "“" + "”或“".join(accepted) + "”"
    found = "、".join(seals) if seals else "—"
    if att.get("kind") == KIND_STATISTICS:
        other = _other_bureau(seals)
        if other is not None:
            code, found = "ZX404", other
    key = "seals" if "seals" in att else "path"
    return ctx.at(
        "dossier",
        ("attachments", i, key),
        code,
        id=att.get("id"),
        kind=att.get("kind"),
        path=att.get("path"),
        required=expected,
        found=found,
        city=required.city,
    )


def _other_bureau(seals: list[str]) -> str | None:
    """A statistics authority other than the required one: usually the provincial bureau."""
    for seal in seals:
        if "统计" in normalise(seal):
            return seal
    return None


__all__ = ["Authorities", "authorities", "check", "normalise", "same_name"]
