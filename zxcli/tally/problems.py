"""What the tally refuses or notes: findings under catalog codes, like validate's.

A ballot problem may sit in a spreadsheet cell, so its place is a line *or* a `sheet!cell`
(`Finding.cell`). All refusals of one run are collected and raised together, so the
committee's secretary fixes them in one round instead of one per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from zxcli.catalog import Term
from zxcli.errors import DataError
from zxcli.results import Finding, at

# The tally's problems are findings; the name says what they are to the tally.
Problem = Finding


def problem(
    code: str,
    file: str,
    line: int | None = None,
    column: int | None = None,
    *,
    cell: str | None = None,
    params: Mapping[str, Any] | None = None,
) -> Finding:
    return at(code, file, line, column, cell=cell, params=params)


class RefusedError(DataError):
    """The review data have problems; nothing was counted. `problems` lists each one."""

    def __init__(self, problems: Iterable[Finding], stage: str = "count") -> None:
        listed = sorted(problems, key=Finding.sort_key)
        # What did not happen, said exactly: "未计票" only when nothing was counted.
        super().__init__("ZX790", count=len(listed), outcome=Term(f"tally.refused.{stage}"))
        self.problems = listed


def refuse_if_any(problems: Iterable[Finding], stage: str = "count") -> list[Finding]:
    """Raise on any error among `problems`; hand the warnings back as notes."""
    problems = list(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise RefusedError(errors, stage)
    return problems
