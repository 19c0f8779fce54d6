"""GB/T 2260 gazetteer: which places 第5条 admits as nominees, and what they are officially called.

第5条 nominates 地级及以上行政区（含计划单列市）、直辖市辖区（县）. The bundled data are the
National Bureau of Statistics' 统计用区划代码 (see data/gazetteer/SOURCE.md). Divisions change
over time (mergers, renames), so a campaign can bring its own copy in the same layout
(`Gazetteer.from_dir`):

- provinces.csv    code(2),name
- cities.csv       code(4),name,provinceCode           prefecture level and placeholder groupings
- areas.csv        code(6),name,cityCode,provinceCode  county level and development zones
- plan_cities.csv  code(6),name                        the 计划单列市 (optional in an override)
- meta.json        {"edition": …, "bingtuan": {…},     (optional in an override)
                    "retired": {code: {"last_year": 年度, "change": …}}}

This module answers with structured results (levels, problem keys); every text shown to a user
lives in the message catalog.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NoReturn

from zxcli.errors import DataError
from zxcli.load.files import read_regular
from zxcli.resources import bundled_dir

__all__ = [
    "GAZETTEER_ERROR_CODE",
    "PLACEHOLDER_NAMES",
    "Bingtuan",
    "Division",
    "Gazetteer",
    "GazetteerDataProblem",
    "GazetteerError",
    "Level",
    "NomineeCheck",
    "NomineeProblem",
    "Province",
]

GAZETTEER_ERROR_CODE = "ZX907"

# GB/T 2260 groups some county-level units under a 4-digit code that is no division itself.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Digits 5–6 in 71–79 mark statistical areas (development zones), not administrative divisions.
_DEV_ZONE_RANGE = range(71, 80)
# Longest first, so that 广西壮族自治区 loses its whole suffix and becomes 广西.
_PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")

_PROVINCES_HEADER = ("code", "name")
_CITIES_HEADER = ("code", "name", "provinceCode")
_AREAS_HEADER = ("code", "name", "cityCode", "provinceCode")
_PLAN_HEADER = ("code", "name")


class Level(str, Enum):
    """A division's level as 第5条 distinguishes them."""

    PREFECTURE = "地级"
    PLAN_CITY = "计划单列市"
    MUNICIPAL_DISTRICT = "直辖市辖区"
    MUNICIPAL_COUNTY = "直辖市辖县"
    COUNTY = "县级"

    @property
    def eligible(self) -> bool:
        """第5条 admits county-level units only when a 直辖市 governs them directly."""
        return self is not Level.COUNTY


class NomineeProblem(str, Enum):
    """Why a nominee's province, name and code do not identify one real division."""

    UNKNOWN_PROVINCE = "unknown_province"
    UNKNOWN_CODE = "unknown_code"
    NOT_A_DIVISION = "not_a_division"
    PROVINCE_MISMATCH = "province_mismatch"
    NAME_MISMATCH = "name_mismatch"
    DEV_ZONE = "dev_zone"


class GazetteerDataProblem(str, Enum):
    """Why a gazetteer folder cannot be loaded."""

    MISSING_FILE = "missing_file"
    MALFORMED_FILE = "malformed_file"
    BAD_HEADER = "bad_header"
    WRONG_COLUMN_COUNT = "wrong_column_count"
    BAD_CODE = "bad_code"
    EMPTY_NAME = "empty_name"
    DUPLICATE_CODE = "duplicate_code"
    UNKNOWN_PARENT = "unknown_parent"
    INCONSISTENT = "inconsistent"


class GazetteerError(DataError, ValueError):
    """A gazetteer file is missing or malformed; `path` and `line` say where."""

    def __init__(
        self, problem: GazetteerDataProblem, path: Path, line: int | None = None, detail: str = ""
    ) -> None:
        super().__init__(
            GAZETTEER_ERROR_CODE, path=str(path), line=line, problem=problem.value, detail=detail
        )
        self.problem = problem
        self.detail = detail

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.problem.value}: {self.detail}"


@dataclass(frozen=True, order=True)
class Province:
    code: str
    name: str

    @property
    def is_municipality(self) -> bool:
        # The 直辖市 are the only provincial units whose name ends in 市.
        return self.name.endswith("市")

    @property
    def short_name(self) -> str:
        """江苏省 → 江苏, 广西壮族自治区 → 广西, 上海市 → 上海."""
        for suffix in _PROVINCE_SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                return self.name[: -len(suffix)]
        return self.name


@dataclass(frozen=True, order=True)
class Division:
    """A prefecture- or county-level division (or development zone), ordered by code."""

    code: str
    name: str
    province_code: str
    province: str
    level: Level
    parent: str | None  # the prefecture's name for a county-level unit that has one
    is_dev_zone: bool

    @property
    def eligible(self) -> bool:
        return self.level.eligible and not self.is_dev_zone


@dataclass(frozen=True)
class Bingtuan:
    """新疆生产建设兵团: a recommending unit without a GB/T 2260 code of its own.

    Its cities (师市合一) are the units grouped under `city_code` in `province_code`.
    """

    name: str
    province_code: str
    city_code: str


@dataclass(frozen=True)
class NomineeCheck:
    """What the gazetteer says about a nominee's declared province, name and code."""

    division: Division | None  # found by code
    province: Province | None  # the declared province (for the 兵团: Xinjiang)
    province_matches: bool
    name_matches: bool
    eligible_level: bool
    problem: NomineeProblem | None
    suggestion: Division | None  # the declared name's division in the province, if unique

    @property
    def ok(self) -> bool:
        return self.problem is None and self.eligible_level


@dataclass(frozen=True)
class _Scope:
    """Where a recommending unit's divisions are: their codes start with `prefix`."""

    province: Province
    prefix: str


@dataclass(frozen=True)
class Retirement:
    """A division abolished after the edition's date: still known (a round of an earlier
    年度 may name it), nominable up to the 年度 `last_year` only."""

    last_year: int
    change: str


@dataclass(frozen=True)
class _Tables:
    edition: str
    provinces: tuple[Province, ...]
    divisions: tuple[Division, ...]
    non_division_codes: frozenset[str]
    bingtuan: Bingtuan | None
    retired: Mapping[str, Retirement] = field(default_factory=dict)


_SUGGEST_FOR = frozenset(
    {
        NomineeProblem.UNKNOWN_CODE,
        NomineeProblem.NOT_A_DIVISION,
        NomineeProblem.PROVINCE_MISMATCH,
        NomineeProblem.NAME_MISMATCH,
    }
)


class Gazetteer:
    """Province, prefecture and county-level divisions of one edition of GB/T 2260."""

    def __init__(
        self,
        *,
        edition: str,
        provinces: Iterable[Province],
        divisions: Iterable[Division],
        non_division_codes: Iterable[str] = (),
        bingtuan: Bingtuan | None = None,
        retired: Mapping[str, Retirement] | None = None,
    ) -> None:
        self.edition = edition
        self.bingtuan = bingtuan
        self._retired = dict(retired or {})
        self._provinces = {p.code: p for p in sorted(provinces)}
        self._province_keys = _province_keys(self._provinces.values())
        self._by_code = {d.code: d for d in sorted(divisions)}
        # Codes that exist but name no nominable unit: provinces and placeholder groupings.
        self._non_divisions = frozenset(non_division_codes)

    # Built on first use: a dossier whose name and code agree never looks a name up, and
    # the index of some ten thousand spellings was a tenth of a one-dossier run.
    @cached_property
    def _by_alias(self) -> dict[tuple[str, str], list[Division]]:
        return _alias_index(self._by_code.values())

    @cached_property
    def _names(self) -> frozenset[str]:
        return frozenset(alias for _, alias in self._by_alias)

    @classmethod
    def bundled(cls) -> Gazetteer:
        """The edition shipped with zx, loaded once."""
        return _bundled()

    @classmethod
    def from_dir(cls, path: Path | str) -> Gazetteer:
        """A campaign's own gazetteer; plan cities and the 兵团 default to the bundled ones."""
        return cls._from_tables(_read_tables(Path(path), fallback=_bundled_path()))

    @classmethod
    def _from_tables(cls, t: _Tables) -> Gazetteer:
        return cls(
            edition=t.edition,
            provinces=t.provinces,
            divisions=t.divisions,
            non_division_codes=t.non_division_codes,
            bingtuan=t.bingtuan,
            retired=t.retired,
        )

    def retirement(self, code: str) -> Retirement | None:
        """When the division of `code` was abolished (meta.json's `retired`), if it was."""
        return self._retired.get(code)

    # ------------------------------------------------------------------ lookups

    def provinces(self) -> list[Province]:
        return list(self._provinces.values())

    def divisions(self) -> list[Division]:
        return list(self._by_code.values())

    def province(self, name_or_code: str) -> Province | None:
        """By code (32), full name (江苏省) or short name (江苏)."""
        return self._province_keys.get(_clean(name_or_code))

    def is_bingtuan(self, name: str) -> bool:
        return self.bingtuan is not None and _clean(name) == self.bingtuan.name

    def region_key(self, name: str) -> str:
        """One key per recommending region however it is written (江苏, 江苏省, 32), so
        quotas and 第13条 bars cannot be dodged by spelling; the 兵团 is a region of its own."""
        if self.is_bingtuan(name) and self.bingtuan is not None:
            return self.bingtuan.name
        found = self.province(name)
        return found.code if found else _clean(name)

    def in_bingtuan(self, division: Division) -> bool:
        """A 师市 of the 兵团 (codes under 6590): county-level in GB/T 2260, but the units the
        兵团 recommends in place of prefectures (第4条)."""
        return self.bingtuan is not None and division.code.startswith(self.bingtuan.city_code)

    def by_code(self, code6: str) -> Division | None:
        return self._by_code.get(_clean(code6))

    def find(self, province: str, name: str) -> list[Division]:
        """Divisions called `name` in `province` (a province, or the 兵团), by code.

        `name` may carry its province and prefecture in front: 浦东新区, 上海市浦东新区,
        江苏省苏州市常熟市. A list, because a name can repeat (南京 and 徐州 both have 鼓楼区).
        """
        scope = self._scope(province)
        if scope is None:
            return []
        hits = self._by_alias.get((scope.province.code, _clean(name)), [])
        return [d for d in hits if d.code.startswith(scope.prefix)]

    # ------------------------------------------------------------------ 第5条

    def check_nominee(self, province: str, name: str, code: str) -> NomineeCheck:
        scope = self._scope(province)
        division = self.by_code(code)
        province_matches = bool(scope and division and division.code.startswith(scope.prefix))
        name_matches = bool(division and _clean(name) in _aliases(division))
        problem = self._problem(scope, division, code, province_matches, name_matches)
        suggestion = self._suggest(province, name, division) if problem in _SUGGEST_FOR else None
        return NomineeCheck(
            division=division,
            province=scope.province if scope else None,
            province_matches=province_matches,
            name_matches=name_matches,
            eligible_level=bool(division and division.eligible),
            problem=problem,
            suggestion=suggestion,
        )

    def _problem(
        self,
        scope: _Scope | None,
        division: Division | None,
        code: str,
        province_matches: bool,
        name_matches: bool,
    ) -> NomineeProblem | None:
        # Most fundamental first: a wrong code makes the name comparison meaningless.
        if scope is None:
            return NomineeProblem.UNKNOWN_PROVINCE
        if division is None:
            if _clean(code) in self._non_divisions:
                return NomineeProblem.NOT_A_DIVISION
            return NomineeProblem.UNKNOWN_CODE
        if not province_matches:
            return NomineeProblem.PROVINCE_MISMATCH
        if not name_matches:
            return NomineeProblem.NAME_MISMATCH
        return NomineeProblem.DEV_ZONE if division.is_dev_zone else None

    def _suggest(self, province: str, name: str, found: Division | None) -> Division | None:
        others = [d for d in self.find(province, name) if d != found]
        # Prefer what could be nominated; only a unique candidate is a suggestion.
        pool = [d for d in others if d.eligible] or others
        if len(pool) == 1:
            return pool[0]
        # A misspelt name (苏洲市): the closest name, even the code's own division.
        return self.near_miss(province, name) if not others else None

    def near_miss(self, province: str, name: str) -> Division | None:
        """The one nominable division of `province` a mistyped `name` most likely means
        (佛山 → 佛山市, 佛三市 → 佛山市): a suggestion, never a silent correction.

        Only a slip counts: the name without its suffix, or one character wrong, missing or
        extra (for names of three characters or more). A name that is some division's real
        name (苏州市 declared under 浙江省) is no slip, and two equally close names
        (衢州市, 温州市 for 州市) suggest neither.
        """
        scope = self._scope(province)
        cleaned = _clean(name)
        if scope is None or len(cleaned) < 2 or cleaned in self._names:
            return None
        pool = [d for d in self._by_code.values() if d.eligible and d.code.startswith(scope.prefix)]
        hits = [d for d in pool if _slip(cleaned, d.name)]
        return hits[0] if len(hits) == 1 else None

    def near_province(self, name: str) -> str | None:
        """The full name of the province (or the 兵团) a mistyped `name` most likely means."""
        names = [p.name for p in self.provinces()]
        names += [self.bingtuan.name] if self.bingtuan else []
        hits = [n for n in names if _slip(_clean(name), n)]
        return hits[0] if len(hits) == 1 else None

    def _scope(self, province: str) -> _Scope | None:
        if self.bingtuan is not None and self.is_bingtuan(province):
            home = self._provinces.get(self.bingtuan.province_code)
            return _Scope(home, self.bingtuan.city_code) if home else None
        found = self.province(province)
        return _Scope(found, found.code) if found else None

    # ------------------------------------------------------------------ 第7条 names

    def official_names(self, province: str, name: str, code: str) -> tuple[str, str]:
        """(province, city) as the gazetteer spells them, for printed and final documents:
        never the dossier's own spelling (full-width letters, 江苏 for 江苏省, stray spaces).
        A name the gazetteer does not know is returned as given."""
        if self.bingtuan and self.is_bingtuan(province):
            official_province = self.bingtuan.name
        else:
            found = self.province(province)
            official_province = found.name if found else province
        division = self.by_code(code)
        return official_province, division.name if division else name

    def display_name(self, division: Division) -> str:
        """The official name: 苏州市, 上海市浦东新区, 苏州市姑苏区, 常熟市."""
        if division.level in (Level.MUNICIPAL_DISTRICT, Level.MUNICIPAL_COUNTY):
            return division.province + division.name
        # A prefecture's districts are named with their city in front (苏州市姑苏区人民政府);
        # counties and county-level cities stand alone (常熟市人民政府).
        parent = division.parent
        if (
            parent
            and not division.is_dev_zone
            and division.name.endswith("区")
            and not division.name.startswith(parent)
        ):
            return parent + division.name
        return division.name


# ---------------------------------------------------------------------- indexes


def _clean(text: str) -> str:
    # Hand-typed names carry stray (also full-width) spaces; no name or code contains one.
    return "".join(text.split())


def _province_keys(provinces: Iterable[Province]) -> dict[str, Province]:
    keys: dict[str, Province] = {}
    for p in provinces:
        keys.update({p.short_name: p, p.name: p, p.code: p})
    return keys


def _aliases(d: Division) -> set[str]:
    """How a division may be written: 浦东新区, 上海市浦东新区, 苏州市常熟市, 江苏省苏州市常熟市."""
    names = {d.name, d.province + d.name}
    if d.parent:
        names |= {d.parent + d.name, d.province + d.parent + d.name}
    return names


def _alias_index(divisions: Iterable[Division]) -> dict[tuple[str, str], list[Division]]:
    index: dict[tuple[str, str], list[Division]] = defaultdict(list)
    for d in divisions:
        for alias in _aliases(d):
            index[d.province_code, alias].append(d)
    return dict(index)


# ---------------------------------------------------------------------- loading


def _bundled_path() -> Path:
    return bundled_dir("data") / "gazetteer"


@cache
def _bundled() -> Gazetteer:
    return Gazetteer._from_tables(_read_tables(_bundled_path(), fallback=None))


def _read_tables(src: Path, fallback: Path | None) -> _Tables:
    if not src.is_dir():
        raise GazetteerError(GazetteerDataProblem.MISSING_FILE, src, detail="not a folder")
    provinces = _read_provinces(src / "provinces.csv")
    cities = _read_cities(src / "cities.csv", provinces)
    plan = _read_plan_cities(_pick(src, fallback, "plan_cities.csv"), cities)
    meta_path = _pick(src, fallback, "meta.json")
    meta = _read_meta(meta_path)
    own_meta = fallback is None or (src / "meta.json").is_file()
    edition = str(meta["edition"]) if own_meta else f"custom:{src}"
    return _Tables(
        edition=edition,
        provinces=tuple(provinces.values()),
        divisions=tuple(_divisions(src / "areas.csv", provinces, cities, plan)),
        non_division_codes=_non_division_codes(provinces, cities),
        bingtuan=_bingtuan(meta.get("bingtuan")),
        retired=_retired(meta.get("retired"), meta_path),
    )


def _pick(src: Path, fallback: Path | None, name: str) -> Path:
    """An override folder may omit the optional files; the bundled ones stand in."""
    own = src / name
    return fallback / name if fallback is not None and not own.is_file() else own


def _divisions(
    areas: Path,
    provinces: Mapping[str, Province],
    cities: Mapping[str, tuple[str, str]],
    plan: frozenset[str],
) -> Iterator[Division]:
    for code4, (name, prov_code) in cities.items():
        if name not in PLACEHOLDER_NAMES:
            level = Level.PLAN_CITY if code4 + "00" in plan else Level.PREFECTURE
            prov = provinces[prov_code]
            yield Division(code4 + "00", name, prov.code, prov.name, level, None, False)
    for code, name, city_code in _read_areas(areas, cities):
        yield _area(code, name, cities[city_code][0], provinces[code[:2]])


def _area(code: str, name: str, city_name: str, prov: Province) -> Division:
    dev_zone = int(code[4:]) in _DEV_ZONE_RANGE
    grouped = city_name in PLACEHOLDER_NAMES
    if dev_zone or not (grouped and prov.is_municipality):
        level = Level.COUNTY
    # Chongqing groups its 县 and 自治县 under 5002; the suffix says it also without the grouping.
    elif name.endswith("县"):
        level = Level.MUNICIPAL_COUNTY
    else:
        level = Level.MUNICIPAL_DISTRICT
    parent = None if grouped else city_name
    return Division(code, name, prov.code, prov.name, level, parent, dev_zone)


def _non_division_codes(
    provinces: Mapping[str, Province], cities: Mapping[str, tuple[str, str]]
) -> frozenset[str]:
    placeholders = {c + "00" for c, (name, _) in cities.items() if name in PLACEHOLDER_NAMES}
    return frozenset(placeholders | {c + "0000" for c in provinces})


def _retired(raw: Any, path: Path) -> dict[str, Retirement]:
    """meta.json's `retired`: code -> the last 年度 it may be nominated for, and why."""
    if raw is None:
        return {}
    found: dict[str, Retirement] = {}
    entries = list(raw.items()) if isinstance(raw, Mapping) else [(None, None)]
    for code, entry in entries:
        fields = entry if isinstance(entry, Mapping) else {}
        year = fields.get("last_year")
        if not isinstance(year, int) or isinstance(year, bool) or not str(code).isdigit():
            _fail(
                GazetteerDataProblem.MALFORMED_FILE,
                path,
                None,
                'retired: {"<6-digit code>": {"last_year": <年度>, "change": "…"}}',
            )
        found[str(code)] = Retirement(year, str(fields.get("change", "")))
    return found


def _bingtuan(raw: Any) -> Bingtuan | None:
    if not isinstance(raw, Mapping):
        return None
    return Bingtuan(str(raw["name"]), str(raw["province_code"]), str(raw["city_code"]))


# ---------------------------------------------------------------------- files


def _read_provinces(path: Path) -> dict[str, Province]:
    provinces: dict[str, Province] = {}
    for line, (code, name) in _rows(path, _PROVINCES_HEADER):
        _check_code(path, line, code, 2, provinces)
        provinces[code] = Province(code, _check_name(path, line, name))
    return provinces


def _read_cities(path: Path, provinces: Mapping[str, Province]) -> dict[str, tuple[str, str]]:
    cities: dict[str, tuple[str, str]] = {}
    for line, (code, name, prov_code) in _rows(path, _CITIES_HEADER):
        _check_code(path, line, code, 4, cities)
        _check_parent(path, line, code, prov_code, provinces)
        cities[code] = (_check_name(path, line, name), prov_code)
    return cities


def _read_areas(
    path: Path, cities: Mapping[str, tuple[str, str]]
) -> Iterator[tuple[str, str, str]]:
    seen: set[str] = set()
    for line, (code, name, city_code, prov_code) in _rows(path, _AREAS_HEADER):
        _check_code(path, line, code, 6, seen)
        _check_parent(path, line, code, city_code, cities)
        if prov_code != code[:2]:
            _fail(
                GazetteerDataProblem.INCONSISTENT,
                path,
                line,
                f"provinceCode {prov_code} but code {code}",
            )
        seen.add(code)
        if not _repeats_city(path, line, code, name, cities):
            yield code, _check_name(path, line, name), city_code


def _repeats_city(
    path: Path, line: int, code: str, name: str, cities: Mapping[str, tuple[str, str]]
) -> bool:
    """A 不设区的地级市 (东莞市 441900) is listed again as its own county-level row."""
    if not code.endswith("00"):
        return False
    if cities[code[:4]][0] != name:
        _fail(
            GazetteerDataProblem.INCONSISTENT,
            path,
            line,
            f"{code} {name} differs from the prefecture {cities[code[:4]][0]}",
        )
    return True


def _read_plan_cities(path: Path, cities: Mapping[str, tuple[str, str]]) -> frozenset[str]:
    plan: set[str] = set()
    for line, (code, name) in _rows(path, _PLAN_HEADER):
        _check_code(path, line, code, 6, plan)
        city = cities.get(code[:4]) if code.endswith("00") else None
        if city is None or city[0] != name:
            _fail(
                GazetteerDataProblem.INCONSISTENT,
                path,
                line,
                f"{code} {name} is not a prefecture in cities.csv",
            )
        plan.add(code)
    return frozenset(plan)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        _fail(GazetteerDataProblem.MALFORMED_FILE, path, exc.lineno, exc.msg)
    if not isinstance(meta, dict) or not str(meta.get("edition") or "").strip():
        _fail(GazetteerDataProblem.MALFORMED_FILE, path, None, 'needs a non-empty "edition"')
    return meta


MAX_GAZETTEER_BYTES = 16 * 2**20  # the national tables are under 100 KB


def _read_text(path: Path) -> str:
    if not path.is_file():
        _fail(GazetteerDataProblem.MISSING_FILE, path, None, "no such file")
    try:
        raw = read_regular(path, MAX_GAZETTEER_BYTES)
    except OSError as exc:  # missing, a FIFO or device (never opened), unreadable
        _fail(GazetteerDataProblem.MALFORMED_FILE, path, None, f"not a readable file: {exc}")
    if len(raw) > MAX_GAZETTEER_BYTES:
        _fail(
            GazetteerDataProblem.MALFORMED_FILE,
            path,
            None,
            f"larger than {MAX_GAZETTEER_BYTES // 2**20} MiB",
        )
    try:
        # utf-8-sig: spreadsheet programs put a BOM in front of the CSVs they save.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(GazetteerDataProblem.MALFORMED_FILE, path, None, f"not UTF-8: {exc.reason}")


def _rows(path: Path, header: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Data rows with the line each ends on; blank lines are skipped."""
    reader = csv.reader(io.StringIO(_read_text(path)))
    first = next(reader, None)
    if first is None or tuple(cell.strip() for cell in first) != header:
        _fail(GazetteerDataProblem.BAD_HEADER, path, 1, f"expected {','.join(header)}")
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            _fail(
                GazetteerDataProblem.WRONG_COLUMN_COUNT,
                path,
                reader.line_num,
                f"expected {len(header)} columns, found {len(row)}",
            )
        yield reader.line_num, [cell.strip() for cell in row]


def _check_code(path: Path, line: int, code: str, digits: int, seen: Container[str]) -> None:
    if len(code) != digits or not (code.isascii() and code.isdigit()):
        _fail(GazetteerDataProblem.BAD_CODE, path, line, f"{code!r} is not {digits} digits")
    if code in seen:
        _fail(GazetteerDataProblem.DUPLICATE_CODE, path, line, code)


def _check_parent(path: Path, line: int, code: str, parent: str, known: Container[str]) -> None:
    if parent not in known:
        _fail(GazetteerDataProblem.UNKNOWN_PARENT, path, line, f"{parent} of {code}")
    if not code.startswith(parent):
        _fail(GazetteerDataProblem.INCONSISTENT, path, line, f"{code} is not under {parent}")


def _check_name(path: Path, line: int, name: str) -> str:
    if not name:
        _fail(GazetteerDataProblem.EMPTY_NAME, path, line, "")
    return name


def _fail(problem: GazetteerDataProblem, path: Path, line: int | None, detail: str) -> NoReturn:
    raise GazetteerError(problem, path, line, detail)


def _slip(typed: str, name: str) -> bool:
    """`typed` is `name` with its suffix left off (佛山 for 佛山市), or, for three characters
    or more, with one character wrong, missing or extra (佛三市, 佛山山市)."""
    if typed == name:
        return False
    if len(typed) >= 2 and name.startswith(typed) and len(name) - len(typed) <= 3:
        return True
    if len(typed) < 3 or abs(len(typed) - len(name)) > 1:
        return False
    if len(typed) == len(name):
        return sum(a != b for a, b in zip(typed, name, strict=True)) == 1
    short, long = sorted((typed, name), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
