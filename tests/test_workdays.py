"""Official working-day calendar for the 公示 period (第9条: 公示5个工作日).

Hard-coded holiday dates below are those of chinesecalendar 1.11 (checked with
`chinese_calendar.get_holiday_detail`), which follow the State Council notices:
2024 国庆 Oct 1–7 off, Sep 29 (Sun) and Oct 12 (Sat) worked;
2025 春节 Jan 28–Feb 4 off, Jan 26 (Sun) and Feb 8 (Sat) worked.
The 2027 data are a FICTIONAL fixture: they only exercise the override mechanism.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxcli.model.workdays import (
    CalendarError,
    CalendarProblem,
    OfficialCalendar,
    UnknownYearError,
    YearOverride,
)

BUNDLED = OfficialCalendar()

FICTIONAL_2027: dict[str, Any] = {
    "year": 2027,
    "source": "test fixture, not a real notice",
    "holidays": [
        {"date": "2027-01-01", "name": "元旦"},
        {"date": "2027-01-02", "name": "元旦"},
        {"date": "2027-01-03", "name": "元旦"},
    ],
    "workdays": [{"date": "2027-02-06", "name": "春节调休"}],
}


def d(text: str) -> date:
    return date.fromisoformat(text)


# --------------------------------------------------------------------------- real cases


def test_real_publicity_2022_02_21_ends_2022_02_28() -> None:
    assert BUNDLED.add_workdays(d("2022-02-21"), 5) == d("2022-02-28")
    assert BUNDLED.workdays_between(d("2022-02-21"), d("2022-02-28")) == 5


def test_sample_campaign_publicity_2025_12_01_ends_2025_12_08() -> None:
    assert BUNDLED.add_workdays(d("2025-12-01"), 5) == d("2025-12-08")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-09-27", "2024-10-10"),  # Sep 29 (Sun, 调休), Sep 30, Oct 8, 9, 10
        ("2024-09-30", "2024-10-12"),  # Oct 8, 9, 10, 11, 12 (Sat, 调休)
        ("2025-01-24", "2025-02-07"),  # Jan 26 (Sun, 调休), Jan 27, Feb 5, 6, 7
        ("2025-01-27", "2025-02-10"),  # Feb 5, 6, 7, 8 (Sat, 调休), 10
    ],
)
def test_publicity_across_national_day_and_spring_festival(start: str, end: str) -> None:
    assert BUNDLED.add_workdays(d(start), 5) == d(end)
    assert BUNDLED.workdays_between(d(start), d(end)) == 5


@pytest.mark.parametrize(
    ("day", "workday", "name"),
    [
        ("2024-09-29", True, "国庆节调休"),
        ("2024-10-01", False, "国庆节"),
        ("2024-10-07", False, "国庆节"),
        ("2024-10-12", True, "国庆节调休"),
        ("2025-01-26", True, "春节调休"),
        ("2025-01-28", False, "春节"),
        ("2025-02-04", False, "春节"),
        ("2025-02-08", True, "春节调休"),
        ("2025-12-06", False, None),  # ordinary Saturday
        ("2025-12-01", True, None),
    ],
)
def test_bundled_days(day: str, workday: bool, name: str | None) -> None:
    assert BUNDLED.is_workday(d(day)) is workday
    assert BUNDLED.holiday_name(d(day)) == name


def test_public_holiday_is_not_an_ordinary_weekend() -> None:
    assert BUNDLED.is_public_holiday(d("2024-10-05"))  # Saturday inside 国庆 block
    assert not BUNDLED.is_public_holiday(d("2025-12-06"))
    assert not BUNDLED.is_public_holiday(d("2024-10-12"))


def test_datetime_is_accepted_as_its_date() -> None:
    assert BUNDLED.add_workdays(datetime(2022, 2, 21, 9, 30), 5) == d("2022-02-28")


# --------------------------------------------------------------------------- coverage


def test_covered_years_match_chinesecalendar() -> None:
    years = BUNDLED.covered_years()
    assert {2004, 2022, 2025, 2026} <= years
    assert 2003 not in years and 2027 not in years
    assert BUNDLED.source_for(2025).startswith("chinesecalendar ")


@pytest.mark.parametrize("day", ["2027-01-04", "2003-12-31"])
def test_unknown_year_is_never_guessed(day: str) -> None:
    with pytest.raises(UnknownYearError) as info:
        BUNDLED.is_workday(d(day))
    assert info.value.problem is CalendarProblem.UNKNOWN_YEAR
    assert info.value.day == d(day)
    assert isinstance(info.value, ValueError)


def test_unknown_year_reached_while_counting() -> None:
    with pytest.raises(UnknownYearError) as info:
        BUNDLED.add_workdays(d("2026-12-28"), 5)
    assert info.value.year == 2027
    with pytest.raises(UnknownYearError):
        BUNDLED.holiday_name(d("2027-01-01"))
    with pytest.raises(UnknownYearError):
        BUNDLED.source_for(2027)


# --------------------------------------------------------------------------- overrides


def test_override_adds_an_unknown_year() -> None:
    cal = OfficialCalendar.with_overrides([YearOverride.from_mapping(FICTIONAL_2027)])
    # Dec 29, 30, 31 (2026, bundled), Jan 1–3 off (override), Jan 4, 5
    assert cal.add_workdays(d("2026-12-28"), 5) == d("2027-01-05")
    assert cal.add_workdays(d("2027-02-05"), 1) == d("2027-02-06")  # Saturday 调休
    assert not cal.is_workday(d("2027-01-01"))
    assert cal.is_workday(d("2027-01-08"))  # ordinary Friday
    assert not cal.is_workday(d("2027-01-09"))  # ordinary Saturday
    assert cal.holiday_name(d("2027-01-01")) == "元旦"
    assert cal.holiday_name(d("2027-02-06")) == "春节调休"
    assert cal.holiday_name(d("2027-01-08")) is None
    assert 2027 in cal.covered_years()
    assert cal.source_for(2027) == FICTIONAL_2027["source"]


def test_override_replaces_a_bundled_year() -> None:
    bare = {"year": 2025, "source": "test fixture: a year with no holidays"}
    cal = OfficialCalendar.with_overrides([YearOverride.from_mapping(bare)])
    assert cal.is_workday(d("2025-10-01"))  # Wednesday, no longer 国庆
    assert not cal.is_workday(d("2025-01-26"))  # Sunday, no longer 调休
    assert cal.holiday_name(d("2025-10-01")) is None
    assert cal.is_workday(d("2024-09-29"))  # other years still bundled


def test_override_from_date_objects_and_bare_dates() -> None:
    data = {**FICTIONAL_2027, "holidays": [date(2027, 1, 1), "2027-01-02"], "workdays": None}
    override = YearOverride.from_mapping(data)
    assert override.holidays == frozenset({d("2027-01-01"), d("2027-01-02")})
    assert override.workdays == frozenset()
    assert override.names[d("2027-01-01")] == "法定节假日"


def _with(**changes: Any) -> dict[str, Any]:
    data = {**FICTIONAL_2027, **changes}
    return {k: v for k, v in data.items() if v is not ...}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_with(workdays=[{"date": "2027-02-08"}]), CalendarProblem.WORKDAY_ON_WEEKDAY),
        (_with(workdays=["2027-01-02"]), CalendarProblem.HOLIDAY_AND_WORKDAY),
        (_with(holidays=["2026-12-31"]), CalendarProblem.DATE_OUTSIDE_YEAR),
        (_with(holidays=["2027-02-30"]), CalendarProblem.INVALID_DATE),
        (_with(holidays=["2027/01/01"]), CalendarProblem.INVALID_DATE),
        (_with(holidays=[datetime(2027, 1, 1)]), CalendarProblem.INVALID_DATE),
        (_with(holidays=["2027-01-01", "2027-01-01"]), CalendarProblem.DUPLICATE_DATE),
        (_with(holidays=[{"name": "元旦"}]), CalendarProblem.MISSING_FIELD),
        (_with(holidays=[{"date": "2027-01-01", "name": 1}]), CalendarProblem.INVALID_FIELD),
        (_with(holidays="2027-01-01"), CalendarProblem.INVALID_FIELD),
        (_with(year=...), CalendarProblem.MISSING_FIELD),
        (_with(year="2027"), CalendarProblem.INVALID_YEAR),
        (_with(year=True), CalendarProblem.INVALID_YEAR),
        (_with(source=...), CalendarProblem.MISSING_FIELD),
        (_with(source="  "), CalendarProblem.INVALID_FIELD),
    ],
)
def test_bad_override_data(data: dict[str, Any], problem: CalendarProblem) -> None:
    with pytest.raises(CalendarError) as info:
        YearOverride.from_mapping(data)
    assert info.value.problem is problem


def test_bad_override_error_names_the_day() -> None:
    with pytest.raises(CalendarError) as info:
        YearOverride.from_mapping(_with(workdays=["2027-02-08"]))
    assert info.value.day == d("2027-02-08")
    assert "2027-02-08" in str(info.value)


def test_direct_construction_is_validated_too() -> None:
    with pytest.raises(CalendarError) as info:
        YearOverride(2027, frozenset(), frozenset({d("2027-02-08")}), "x")
    assert info.value.problem is CalendarProblem.WORKDAY_ON_WEEKDAY


def test_two_overrides_for_one_year() -> None:
    override = YearOverride.from_mapping(FICTIONAL_2027)
    with pytest.raises(CalendarError) as info:
        OfficialCalendar.with_overrides([override, override])
    assert info.value.problem is CalendarProblem.DUPLICATE_YEAR


@pytest.mark.parametrize("n", [0, -1, True, 2.0])
def test_add_workdays_needs_a_positive_count(n: Any) -> None:
    with pytest.raises(CalendarError) as info:
        BUNDLED.add_workdays(d("2025-12-01"), n)
    assert info.value.problem is CalendarProblem.INVALID_ARGUMENT


def test_workdays_between_bounds() -> None:
    assert BUNDLED.workdays_between(d("2025-12-01"), d("2025-12-01")) == 0
    with pytest.raises(CalendarError) as info:
        BUNDLED.workdays_between(d("2025-12-08"), d("2025-12-01"))
    assert info.value.problem is CalendarProblem.INVALID_ARGUMENT


# --------------------------------------------------------------------------- properties

DAYS = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 20))
COUNTS = st.integers(min_value=1, max_value=30)
PROPS = settings(max_examples=300, derandomize=True, deadline=None)


@pytest.mark.slow
@PROPS
@given(start=DAYS, n=COUNTS)
def test_add_workdays_properties(start: date, n: int) -> None:
    end = BUNDLED.add_workdays(start, n)
    assert end > start
    assert BUNDLED.is_workday(end)
    assert not BUNDLED.is_public_holiday(end)
    assert BUNDLED.workdays_between(start, end) == n
    assert BUNDLED.workdays_between(start, end - timedelta(days=1)) == n - 1
    assert BUNDLED.add_workdays(start, n + 1) > end


@pytest.mark.slow
@PROPS
@given(start=DAYS, n=COUNTS)
def test_add_workdays_agrees_with_chinesecalendar(start: date, n: int) -> None:
    # find_workday(k, s) is the k-th workday after the first workday on or after s.
    k = n if chinese_calendar.is_workday(start) else n - 1
    expected = chinese_calendar.find_workday(k, start)
    assert BUNDLED.add_workdays(start, n) == expected


@pytest.mark.slow
@PROPS
@given(start=DAYS, span=st.integers(min_value=0, max_value=60))
def test_workdays_between_agrees_with_chinesecalendar(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = len(chinese_calendar.get_workdays(start + timedelta(days=1), end)) if span else 0
    assert BUNDLED.workdays_between(start, end) == expected


def test_the_declared_floor_covers_every_year_the_tests_use() -> None:
    """pyproject's chinesecalendar floor is a version whose tables reach 2026 (the last
    bundled year these tests and the sample use); the installed one is not below it."""
    import re
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(
        encoding="utf-8"
    )
    floor = re.search(r'"chinesecalendar>=([0-9.]+)"', pyproject)
    assert floor is not None

    def version(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".")[:2])

    assert version(floor.group(1)) >= (1, 11)  # 1.10 stops at 2025, 1.9 at 2024
    assert version(chinese_calendar.__version__) >= version(floor.group(1))
    assert set(range(2004, 2027)) <= BUNDLED.covered_years()
    assert OfficialCalendar.bundled_source() == f"chinesecalendar {chinese_calendar.__version__}"
