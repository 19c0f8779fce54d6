"""The 公示 (第9条): five working days on China's official calendar, and its objections.

The end of the 公示 is the N-th working day after the start day (the start day is not
counted: a 公示 from 2022-02-21 ended on 2022-02-28), with statutory holidays and 调休
working weekends. Years the bundled calendar does not know come from the campaign's
override file (zx.yaml `calendar_override`); a year neither knows is an error, never a
weekends-only guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zxcli.catalog import Term
from zxcli.errors import DataError
from zxcli.load.display import display_path
from zxcli.load.yamlsafe import load_yaml
from zxcli.model.campaign import LoadedFile
from zxcli.model.workdays import CalendarError, OfficialCalendar, UnknownYearError, YearOverride
from zxcli.results import Place
from zxcli.schema.check import check_document
from zxcli.tally.problems import Problem, RefusedError, problem

UPHELD, REJECTED, PENDING = "upheld", "rejected", "pending"


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    working_days: int
    calendar: str  # where the calendar data come from, for the record


@dataclass(frozen=True)
class Objection:
    id: str
    received_on: date
    source: str
    city_code: str
    summary: str
    outcome: str  # upheld / rejected / pending
    note: str | None
    where: Place


@dataclass(frozen=True)
class PublicityRecord:
    start: date | None
    channel: str | None
    objections: tuple[Objection, ...]
    file: str | None


def load_calendar(root: Path, override: str | None) -> OfficialCalendar:
    """The official calendar, plus the campaign's override year when zx.yaml names one."""
    if not override:
        return OfficialCalendar()
    path = root / override
    doc = load_yaml(path, display_path(path))
    shape = [f for f in check_document(doc, "calendar")]
    if shape:
        raise RefusedError(shape)
    # The schema lets `source` be omitted; the calendar wants to cite something.
    data = {"source": doc.display, **doc.data}
    try:
        return OfficialCalendar([YearOverride.from_mapping(data)])
    except CalendarError as exc:
        # The problem's words come from terms.yaml; the module's own text is English only.
        detail = Term(f"calendar.{exc.problem.value}", {"day": exc.day or ""})
        raise DataError("ZX752", path=doc.display, detail=detail) from None


def window(
    calendar: OfficialCalendar, start: date, days: int, origin: str = "--publicity-start"
) -> tuple[Window, list[Problem]]:
    """The 公示 window from `start`, and a note (at `origin`) when it starts on a day off."""
    try:
        end = calendar.add_workdays(start, days)
        notes = (
            []
            if calendar.is_workday(start)
            else [problem("ZX757", origin, params={"start": start.isoformat()})]
        )
        sources = sorted({calendar.source_for(y) for y in range(start.year, end.year + 1)})
    except UnknownYearError as exc:
        assert exc.day is not None
        raise DataError(
            "ZX751",
            date=exc.day.isoformat(),
            year=exc.day.year,
            covered=_ranges(calendar.covered_years()),
            library=calendar.bundled_source(),
        ) from None
    return Window(start, end, days, "; ".join(sources)), notes


def _ranges(years: frozenset[int]) -> str:
    spans: list[list[int]] = []
    for year in sorted(years):
        if spans and spans[-1][1] == year - 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return "、".join(f"{a}–{b}" if a != b else str(a) for a, b in spans)


def read_publicity(loaded: LoadedFile | None, year: int) -> tuple[PublicityRecord, list[Problem]]:
    """review/publicity.yaml, or an empty record when there is none yet."""
    if loaded is None or not loaded.exists:
        return PublicityRecord(None, None, (), None), []
    if loaded.error is not None:
        err = loaded.error
        return PublicityRecord(None, None, (), loaded.display), [
            problem(err.code, err.path or loaded.display, err.line, err.column, params=err.params)
        ]
    doc = loaded.doc
    assert doc is not None
    shape = [f for f in check_document(doc, "publicity")]
    if shape:
        return PublicityRecord(None, None, (), loaded.display), shape
    data = doc.data
    problems = []
    if data["year"] != year:
        loc = doc.locate(("year",))
        problems.append(
            problem(
                "ZX758",
                loaded.display,
                loc.line,
                loc.column,
                params={"found": data["year"], "expected": year},
            )
        )
    objections = tuple(
        _objection(entry, Place(loaded.display, doc.locate(("objections", i)).line))
        for i, entry in enumerate(data.get("objections") or ())
    )
    problems += _duplicate_ids(objections, loaded.display)
    record = PublicityRecord(
        date.fromisoformat(data["start"]), data["channel"], objections, loaded.display
    )
    return record, problems


def _objection(entry: Mapping[str, str], where: Place) -> Objection:
    return Objection(
        entry["id"],
        date.fromisoformat(entry["received_on"]),
        entry["from"],
        entry["city_code"],
        entry["summary"],
        entry["outcome"],
        entry.get("note"),
        where,
    )


def _duplicate_ids(objections: Sequence[Objection], file: str) -> list[Problem]:
    first: dict[str, Place] = {}
    problems = []
    for objection in objections:
        if objection.id in first:
            problems.append(
                problem(
                    "ZX759",
                    file,
                    objection.where.line,
                    params={"objection": objection.id, "first_line": first[objection.id].line},
                )
            )
        first.setdefault(objection.id, objection.where)
    return problems


def settle_objections(
    shortlist: Sequence[str], record: PublicityRecord, span: Window, names: Mapping[str, str]
) -> tuple[list[str], list[Objection], list[Problem]]:
    """Cities kept, objections upheld (their city leaves the list), problems.

    第9条: only a city whose 公示 ends without an upheld objection enters the list; a
    pending objection means the list cannot be final yet.
    """
    problems: list[Problem] = []
    for objection in record.objections:
        at: dict[str, Any] = {"file": objection.where.path, "line": objection.where.line}
        label = names.get(objection.city_code, objection.city_code)
        if objection.city_code not in shortlist:
            problems.append(
                problem(
                    "ZX755",
                    **at,
                    params={"objection": objection.id, "city_code": objection.city_code},
                )
            )
        if objection.outcome == PENDING:
            problems.append(
                problem("ZX754", **at, params={"objection": objection.id, "city": label})
            )
        if not span.start <= objection.received_on <= span.end:
            problems.append(
                problem(
                    "ZX756",
                    **at,
                    params={
                        "objection": objection.id,
                        "received": objection.received_on.isoformat(),
                        "start": span.start.isoformat(),
                        "end": span.end.isoformat(),
                    },
                )
            )
    upheld = [o for o in record.objections if o.outcome == UPHELD]
    removed = {o.city_code for o in upheld}
    return [c for c in shortlist if c not in removed], upheld, problems
