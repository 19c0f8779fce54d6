"""China's official working-day calendar, for the 公示 period (第9条: 公示5个工作日).

A working day is a Monday–Friday that is not a statutory holiday (法定节假日, including the
days of a 连休 block), or a weekend day declared a 调休 working day. Data come from the
`chinesecalendar` package (import name `chinese_calendar`) and, for years it does not know
yet or where the campaign holds a newer State Council notice, from per-year overrides.

A date that neither source covers raises `UnknownYearError`: the calendar never falls back
to "weekends only", because a wrong 公示 end date is worse than no date.

Counting convention: the end of a 公示 that starts on day S and lasts N working days is the
N-th working day after S; S itself is not counted (2022-02-21 + 5 → 2022-02-28).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any, TypeVar

import chinese_calendar

__all__ = [
    "CalendarError",
    "CalendarProblem",
    "OfficialCalendar",
    "UnknownYearError",
    "YearOverride",
]

_T = TypeVar("_T")
_ONE_DAY = timedelta(days=1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PROBE_YEARS = range(1900, 2101)  # chinesecalendar's own outer limit (solar terms)
_DEFAULT_HOLIDAY_NAME = "法定节假日"
_DEFAULT_WORKDAY_NAME = "调休上班"


class CalendarProblem(str, enum.Enum):
    """Why a calendar operation or an override was refused."""

    UNKNOWN_YEAR = "unknown_year"
    INVALID_ARGUMENT = "invalid_argument"
    INVALID_YEAR = "invalid_year"
    MISSING_FIELD = "missing_field"
    INVALID_FIELD = "invalid_field"
    INVALID_DATE = "invalid_date"
    DATE_OUTSIDE_YEAR = "date_outside_year"
    DUPLICATE_DATE = "duplicate_date"
    HOLIDAY_AND_WORKDAY = "holiday_and_workday"
    WORKDAY_ON_WEEKDAY = "workday_on_weekday"
    DUPLICATE_YEAR = "duplicate_year"


class CalendarError(ValueError):
    """A calendar question cannot be answered, or override data are inconsistent."""

    def __init__(
        self,
        problem: CalendarProblem,
        message: str,
        *,
        day: date | None = None,
        year: int | None = None,
    ) -> None:
        super().__init__(f"{problem.value}: {message}")
        self.problem = problem
        self.message = message
        self.day = day
        self.year = year if year is not None or day is None else day.year


class UnknownYearError(CalendarError):
    """A date in a year that neither chinesecalendar nor an override covers."""

    def __init__(self, day: date) -> None:
        super().__init__(
            CalendarProblem.UNKNOWN_YEAR,
            f"no official calendar for year {day.year} (date {day.isoformat()}); "
            "add a calendar override with the State Council holiday notice for that year",
            day=day,
        )


# --------------------------------------------------------------------------- overrides


@dataclass(frozen=True)
class YearOverride:
    """One year's official schedule, from a State Council notice (国办发明电).

    `holidays` are the days off of the statutory holidays, including weekend days inside a
    连休 block; `workdays` are the weekend days declared working days (调休). `names` maps
    any of those dates to a label (元旦, 春节调休 …); it does not take part in equality.
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str
    names: Mapping[date, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))
        _check_year(self.year)
        _check_source(self.source)
        listed = self.holidays | self.workdays
        for day in listed:
            _check_is_date(self.year, day)
        for day in sorted(listed):
            _check_day(self.year, day, self.holidays, self.workdays)
        _check_names(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> YearOverride:
        """Build an override from parsed YAML (dates as ISO strings or `date` objects)."""
        if not isinstance(data, Mapping):
            raise CalendarError(CalendarProblem.INVALID_FIELD, "override must be a mapping")
        year = _required(data, "year")
        _check_year(year)
        source = _required(data, "source")
        holidays, holiday_names = _parse_entries(data, "holidays", _DEFAULT_HOLIDAY_NAME)
        workdays, workday_names = _parse_entries(data, "workdays", _DEFAULT_WORKDAY_NAME)
        names = {**holiday_names, **workday_names}
        return cls(year, frozenset(holidays), frozenset(workdays), source, names)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def _required(data: Mapping[str, Any], key: str) -> Any:
    if data.get(key) is None:
        raise CalendarError(CalendarProblem.MISSING_FIELD, f"override has no {key!r}")
    return data[key]


def _check_year(year: object) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise CalendarError(CalendarProblem.INVALID_YEAR, f"year must be an integer, got {year!r}")


def _check_source(source: object) -> None:
    if not isinstance(source, str) or not source.strip():
        raise CalendarError(
            CalendarProblem.INVALID_FIELD, "source must name the State Council notice"
        )


def _check_is_date(year: int, day: object) -> None:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise CalendarError(CalendarProblem.INVALID_DATE, f"not a date: {day!r}", year=year)


def _check_day(year: int, day: date, holidays: frozenset[date], workdays: frozenset[date]) -> None:
    if day.year != year:
        raise CalendarError(
            CalendarProblem.DATE_OUTSIDE_YEAR,
            f"{day.isoformat()} is not in year {year}",
            day=day,
            year=year,
        )
    if day in holidays and day in workdays:
        raise CalendarError(
            CalendarProblem.HOLIDAY_AND_WORKDAY,
            f"{day.isoformat()} is listed both as a holiday and as a 调休 workday",
            day=day,
        )
    if day in workdays and day.weekday() < 5:
        raise CalendarError(
            CalendarProblem.WORKDAY_ON_WEEKDAY,
            f"{day.isoformat()} ({day:%A}) is a weekday; only a Saturday or Sunday "
            "can be a 调休 workday",
            day=day,
        )


def _check_names(override: YearOverride) -> None:
    listed = override.holidays | override.workdays
    for day, name in override.names.items():
        if day not in listed or not isinstance(name, str) or not name.strip():
            raise CalendarError(
                CalendarProblem.INVALID_FIELD,
                f"bad name {name!r} for {day!r}: names must be non-empty strings for listed dates",
                day=day if isinstance(day, date) else None,
                year=override.year,
            )


def _parse_entries(
    data: Mapping[str, Any], key: str, default_name: str
) -> tuple[list[date], dict[date, str]]:
    raw = data.get(key)
    if raw is None:
        return [], {}
    if isinstance(raw, (str, bytes, Mapping)) or not isinstance(raw, Iterable):
        raise CalendarError(CalendarProblem.INVALID_FIELD, f"{key!r} must be a list of dates")
    days: list[date] = []
    names: dict[date, str] = {}
    for entry in raw:
        day, name = _parse_entry(entry, key)
        if day in names:
            raise CalendarError(
                CalendarProblem.DUPLICATE_DATE,
                f"{day.isoformat()} is listed twice in {key!r}",
                day=day,
            )
        days.append(day)
        names[day] = default_name if name is None else name
    return days, names


def _parse_entry(entry: object, key: str) -> tuple[date, Any]:
    if isinstance(entry, Mapping):
        if entry.get("date") is None:
            raise CalendarError(CalendarProblem.MISSING_FIELD, f"an entry of {key!r} has no 'date'")
        return _parse_date(entry["date"]), entry.get("name")
    return _parse_date(entry), None


def _parse_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CalendarError(CalendarProblem.INVALID_DATE, f"not a date in YYYY-MM-DD form: {value!r}")


# --------------------------------------------------------------------------- bundled data


def _bundled(func: Callable[[date], _T], day: date) -> _T:
    """Ask chinesecalendar; its NotImplementedError means 'year not covered'."""
    try:
        return func(day)
    except NotImplementedError:
        raise UnknownYearError(day) from None


@lru_cache(maxsize=1)
def _bundled_years() -> frozenset[int]:
    years = set()
    for year in _PROBE_YEARS:
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            continue
        years.add(year)
    return frozenset(years)


def _chinese_holiday_name(english: str) -> str:
    try:
        return chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english


def _bundled_name(day: date) -> str | None:
    off, english = _bundled(chinese_calendar.get_holiday_detail, day)
    if english is None:
        return None
    name = _chinese_holiday_name(english)
    return name if off else f"{name}调休"


# --------------------------------------------------------------------------- calendar


class OfficialCalendar:
    """Working days per China's official calendar: chinesecalendar plus year overrides."""

    def __init__(self, overrides: Iterable[YearOverride] = ()) -> None:
        self._overrides: dict[int, YearOverride] = {}
        for override in overrides:
            if override.year in self._overrides:
                raise CalendarError(
                    CalendarProblem.DUPLICATE_YEAR,
                    f"two calendar overrides for year {override.year}",
                    year=override.year,
                )
            self._overrides[override.year] = override

    @classmethod
    def with_overrides(cls, overrides: Iterable[YearOverride]) -> OfficialCalendar:
        """Calendar where each override replaces (or adds) its whole year."""
        return cls(overrides)

    def is_workday(self, d: date) -> bool:
        day = _as_date(d)
        override = self._overrides.get(day.year)
        if override is not None:
            return override.is_workday(day)
        return _bundled(chinese_calendar.is_workday, day)

    def is_public_holiday(self, d: date) -> bool:
        """True on a statutory holiday day off (法定节假日 or its 连休), not on plain weekends."""
        day = _as_date(d)
        override = self._overrides.get(day.year)
        if override is not None:
            return day in override.holidays
        off, name = _bundled(chinese_calendar.get_holiday_detail, day)
        return bool(off and name is not None)

    def holiday_name(self, d: date) -> str | None:
        """Name of a holiday or 调休 workday (e.g. 国庆节, 春节调休); None on ordinary days."""
        day = _as_date(d)
        override = self._overrides.get(day.year)
        if override is not None:
            return override.names.get(day)
        return _bundled_name(day)

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself not counted), n >= 1."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise CalendarError(
                CalendarProblem.INVALID_ARGUMENT, f"n must be an integer >= 1, got {n!r}"
            )
        day = _as_date(start)
        while n:
            if day == date.max:  # 9999-12-31: no calendar goes past it
                raise UnknownYearError(day)
            day += _ONE_DAY
            n -= self.is_workday(day)
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Number of working days in (start, end]; 0 when end == start."""
        first, last = _as_date(start), _as_date(end)
        if last < first:
            raise CalendarError(
                CalendarProblem.INVALID_ARGUMENT,
                f"end {last.isoformat()} is before start {first.isoformat()}",
            )
        count, day = 0, first
        while day < last:
            day += _ONE_DAY
            count += self.is_workday(day)
        return count

    def covered_years(self) -> frozenset[int]:
        """Years the calendar can answer for: chinesecalendar's data plus overrides."""
        return _bundled_years() | frozenset(self._overrides)

    @staticmethod
    def bundled_source() -> str:
        """The installed calendar library and its version, for a message that says which
        tables zx read (ZX751: a year they lack)."""
        return f"chinesecalendar {chinese_calendar.__version__}"

    def source_for(self, year: int) -> str:
        """Where the data for `year` come from (override notice or chinesecalendar version)."""
        override = self._overrides.get(year)
        if override is not None:
            return override.source
        if year in _bundled_years():
            return self.bundled_source()
        raise UnknownYearError(date(year, 1, 1))


def _as_date(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise CalendarError(CalendarProblem.INVALID_ARGUMENT, f"not a date: {value!r}")
    return value
