"""MIIT's decision (第8条): from the committee's 初选建议名单 to the 拟入选名单.

第8条: the committee "提出评审意见和初选建议名单"; the ministry "依据专家评审意见研究确定拟入选
市（州）名单. 根据需要，可进行现场调查核实". zx records that decision in `review/decision.yaml`
(who is confirmed, when, optional 现场核实 notes). The 公示 (第9条) is of the confirmed list,
and only a recorded decision can become the final 入选 list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zxcli.catalog import Term
from zxcli.model.campaign import LoadedFile
from zxcli.results import Place
from zxcli.schema.check import check_document
from zxcli.tally.problems import Problem, problem

DECISION_FILE = "review/decision.yaml"


@dataclass(frozen=True)
class SiteCheck:
    city_code: str
    day: date
    note: str
    where: Place


@dataclass(frozen=True)
class Decision:
    """The decision as recorded; `confirmed` is None while there is no decision file."""

    day: date | None
    confirmed: tuple[str, ...] | None
    site_checks: tuple[SiteCheck, ...]
    note: str | None
    file: str

    @property
    def recorded(self) -> bool:
        return self.confirmed is not None


def no_decision(file: str = DECISION_FILE) -> Decision:
    return Decision(None, None, (), None, file)


def read_decision(
    loaded: LoadedFile | None, year: int, shortlist: Sequence[str]
) -> tuple[Decision, list[Problem]]:
    """review/decision.yaml checked against the year and the committee's shortlist."""
    if loaded is None or not loaded.exists:
        return no_decision(loaded.display if loaded else DECISION_FILE), []
    if loaded.error is not None:
        err = loaded.error
        return no_decision(loaded.display), [
            problem(err.code, err.path or loaded.display, err.line, err.column, params=err.params)
        ]
    doc = loaded.doc
    assert doc is not None
    shape = list(check_document(doc, "decision"))
    if shape:
        return no_decision(loaded.display), shape
    data = doc.data
    problems: list[Problem] = []

    def at(path: tuple[str | int, ...], code: str, **params: object) -> Problem:
        loc = doc.locate(path)
        return problem(code, loaded.display, loc.line, loc.column, params=params)

    if data["year"] != year:
        problems.append(at(("year",), "ZX760", found=data["year"], expected=year))
    seen: set[str] = set()
    for i, code in enumerate(data["confirmed"]):
        if code in seen:
            problems.append(at(("confirmed", i), "ZX764", city_code=code))
        seen.add(code)
        if code not in shortlist:
            problems.append(at(("confirmed", i), "ZX761", city_code=code, where="confirmed"))
    checks = []
    for i, entry in enumerate(data.get("site_checks") or ()):
        if entry["city_code"] not in shortlist:
            problems.append(
                at(
                    ("site_checks", i, "city_code"),
                    "ZX761",
                    city_code=entry["city_code"],
                    where="site_checks",
                )
            )
        checks.append(
            SiteCheck(
                entry["city_code"],
                date.fromisoformat(entry["date"]),
                entry["note"],
                Place(loaded.display, doc.locate(("site_checks", i)).line),
            )
        )
    day = date.fromisoformat(data["date"])
    if day <= date(year, 12, 31):
        problems.append(
            at(("date",), "ZX115", what=Term("dates.decision"), date=day.isoformat(), year=year)
        )
    decision = Decision(
        day,
        tuple(dict.fromkeys(data["confirmed"])),
        tuple(checks),
        data.get("note"),
        loaded.display,
    )
    return decision, problems


def proposed(decision: Decision, shortlist: Sequence[str]) -> list[str]:
    """The 拟入选名单: the confirmed cities, or the shortlist while none is recorded."""
    if decision.confirmed is None:
        return list(shortlist)
    return [c for c in decision.confirmed if c in shortlist]
