"""Whose name a seal bears, decided in an open world: place + organ, both exact.

A seal's text is the name of one real authority: a place (province, prefecture, county, 直辖市
district, or the 兵团) followed by an organ (统计局, 人民政府, 人民政府办公厅, 行政公署,
工业和信息化厅, …), sometimes with a serial number on the lower arc and a 专用章-type suffix.
OCR's reading is parsed into those parts against the WHOLE bundled gazetteer and the organs of
zxcli/data/ocr/organs.csv; the result is one canonical name, or nothing.

Nothing here measures a distance. 无锡市统计局 parses as 无锡市 + 统计局, a real authority that
is not 苏州市统计局; 苏州市统计司 parses as nothing (统计司 is no organ) and so is unreadable.
The only tolerance is the table of OCR confusions measured on drawn seals
(zxcli/data/ocr/confusions.csv): a character the recogniser was seen to put for another, which
occurs in no real authority's name (so a mapping cannot turn one real name into another; tested).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from zxcli.model.authorities import bundled_departments
from zxcli.model.gazetteer import PLACEHOLDER_NAMES, Gazetteer, Level
from zxcli.resources import bundled_file

# Tiers of organs (organs.csv): a place has the organs of each of its tiers.
PROVINCIAL, LOCAL, GOVERNMENT, OFFICE, BINGTUAN = (
    "provincial",
    "local",
    "government",
    "office",
    "bingtuan",
)
# A prefecture-level 盟 or 地区 is governed by a 行政公署, not a 人民政府 (BRIEF, 第2条).
OFFICE_AREAS = ("盟", "地区")


@dataclass(frozen=True)
class Parsed:
    name: str  # canonical: the place's official name + the organ (苏州市统计局)
    place: str
    organ: str


@dataclass(frozen=True)
class World:
    """Every real place (official name -> its tiers) and every organ a tier has."""

    places: Mapping[str, tuple[str, ...]]
    organs: Mapping[str, frozenset[str]]
    extra: frozenset[str]  # whole names known only as such (a campaign's renamed bodies)
    max_place: int

    def parse(self, text: str, ocr: bool = False) -> Parsed | None:
        """The one authority `text` names exactly (after cleaning), or None.

        `ocr`: the text is a recogniser's reading, so the measured confusions are undone first.
        """
        cleaned = clean(text)
        cleaned = unconfuse(cleaned) if ocr else cleaned
        found = set(self._parses(strip_suffix(cleaned)))
        if not found and ocr:
            # A ring's text has no beginning but the gap: a strip cut elsewhere reads a
            # rotation of the name (局东莞市统计). Every rotation is tried; one must parse.
            for turn in range(1, len(cleaned)):
                found |= set(self._parses(strip_suffix(cleaned[turn:] + cleaned[:turn])))
        if not found and strip_suffix(cleaned) in self.extra:
            return Parsed(strip_suffix(cleaned), strip_suffix(cleaned), "")
        return found.pop() if len(found) == 1 else None

    def _parses(self, text: str) -> Iterable[Parsed]:
        for cut in range(min(len(text), self.max_place), 0, -1):
            place, organ = text[:cut], text[cut:]
            tiers = self.places.get(place, ())
            if any(organ in self.organs.get(tier, ()) for tier in tiers):
                yield Parsed(place + organ, place, organ)

    def alternatives(self, name: str) -> list[str]:
        """Names whose seal stands for `name`'s: a 盟/地区's 行政公署 for a "人民政府" the
        place does not have (兴安盟人民政府 -> 兴安盟行政公署)."""
        government = "人民政府"
        if self.parse(name) is None and clean(name).endswith(government):
            office = clean(name)[: -len(government)] + "行政公署"
            if self.parse(office) is not None:
                return [office]
        return []

    def canonical(self, name: str) -> str:
        """A declared authority's name as a reading of it would be parsed (or as written)."""
        parsed = self.parse(name)
        return parsed.name if parsed is not None else clean(name)

    def with_extra(self, names: Iterable[str]) -> World:
        """The same world with names a campaign declares real (zx.yaml `authorities:`)."""
        more = frozenset(clean(n) for n in names if n and self.parse(n) is None)
        if more <= self.extra:
            return self
        return World(self.places, self.organs, self.extra | more, self.max_place)


def clean(text: str) -> str:
    """Only Han characters count: serial digits, stray dots and spaces are dropped."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if _is_han(ch))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def strip_suffix(text: str) -> str:
    for suffix in suffixes():
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def unconfuse(text: str) -> str:
    """Undo the OCR confusions measured on drawn seals (confusions.csv)."""
    table = confusions()
    return "".join(table.get(ch, ch) for ch in text)


# ----------------------------------------------------------------------------- data


@cache
def suffixes() -> tuple[str, ...]:
    rows = _rows("suffixes.csv")
    return tuple(sorted((r["suffix"] for r in rows), key=len, reverse=True))


@cache
def confusions() -> dict[str, str]:
    """Character OCR read -> the character that was on the seal."""
    return {r["read"]: r["true"] for r in _rows("confusions.csv")}


def _rows(name: str) -> list[dict[str, str]]:
    path = bundled_file("data", f"ocr/{name}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if not row[next(iter(row))].startswith("#")]


def _organs() -> dict[str, frozenset[str]]:
    by_tier: dict[str, set[str]] = {}
    for row in _rows("organs.csv"):
        by_tier.setdefault(row["tier"], set()).add(row["organ"])
    return {tier: frozenset(names) for tier, names in by_tier.items()}


@cache
def bundled_world() -> World:
    return world_of(Gazetteer.bundled())


def world_of(gaz: Gazetteer, departments: Mapping[str, str] | None = None) -> World:
    """Every real place of `gaz`, the organs of each tier, and the provincial 工信 bodies."""
    places: dict[str, tuple[str, ...]] = {}
    for division in gaz.divisions():
        if division.name in PLACEHOLDER_NAMES or division.is_dev_zone:
            continue
        name = gaz.display_name(division)
        office = division.level is Level.PREFECTURE and name.endswith(OFFICE_AREAS)
        places.setdefault(name, (LOCAL, OFFICE if office else GOVERNMENT))
    for province in gaz.provinces():
        places[province.name] = (PROVINCIAL,)
    if gaz.bingtuan is not None:
        places[gaz.bingtuan.name] = (BINGTUAN,)
    named = departments if departments is not None else bundled_departments()
    world = World(places, _organs(), frozenset(), max(len(p) for p in places))
    return world.with_extra(named.values())
