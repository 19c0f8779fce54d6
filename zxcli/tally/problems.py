"""What the tally refuses or notes, each under a catalog code, at a file and line or cell.

Unlike `zx validate`'s findings, a ballot problem may sit in a spreadsheet cell, so the
place is a line *or* a `sheet!cell`. All refusals of one run are collected and raised
together, so the committee's secretary fixes them in one round instead of one per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from zxcli.errors import DataError
from zxcli.report.finding import Finding
from zxcli.rules.catalog import Severity, rule


@dataclass(frozen=True)
class Problem:
    code: str
    file: str  # as shown to the user (relative path)
    line: int | None = None
    column: int | None = None
    cell: str | None = None  # "评审表!E7" for a spreadsheet
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return rule(self.code).severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        if self.cell:
            return f"{self.file}:{self.cell}"
        if self.line:
            return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return self.file

    def message(self, lang: str) -> str:
        return rule(self.code).render(lang, self.params)

    def as_dict(self, lang: str) -> dict[str, Any]:
        entry = rule(self.code)
        return {
            "code": self.code,
            "severity": entry.severity.value,
            "article": entry.article,
            "where": self.where(),
            "message": self.message(lang),
            "hint": entry.render_hint(lang, self.params),
        }

    @classmethod
    def from_finding(cls, finding: Finding) -> Problem:
        return cls(finding.code, finding.path, finding.line, finding.column,
                   params=dict(finding.params))


class RefusedError(DataError):
    """The review data have problems; nothing was counted. `problems` lists each one."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        listed = sorted(problems, key=_order)
        super().__init__("ZX790", count=len(listed))
        self.problems = listed


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.cell or "", problem.code)


def refuse_if_any(problems: Iterable[Problem]) -> list[Problem]:
    """Raise on any error among `problems`; hand the warnings back as notes."""
    problems = list(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise RefusedError(errors)
    return problems
