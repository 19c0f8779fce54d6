"""Follow-on findings folded into their cause, the same way in every format.

A file that cannot be read or does not match its schema stops every check that needs it;
each says so (ZX040, 未检查). On the broken samples that was 45 of 70 errors, all at line 1,
listed before the error that caused them, and GitHub spent its ten error annotations on
them. Here the ZX040 findings of one file become one note naming every check left out, and
the notes come after the causes: machine formats list every cause first, then the notes;
the text report puts a file's note after that file's findings (`sort_key`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from zxcli.catalog import Terms, localized
from zxcli.results import Finding, Report

FOLLOW_ON = "ZX040"
_SEPARATOR = {"zh": "、", "en": ", "}


@dataclass(frozen=True)
class Listed(Terms):
    """Several parameters (phrases or names) joined as the report's language joins a list."""

    items: tuple[Any, ...] = ()

    def render(self, lang: str) -> str:
        return _SEPARATOR.get(lang, ", ").join(str(localized(i, lang)) for i in self.items)


def is_follow_on(finding: Finding) -> bool:
    return finding.code == FOLLOW_ON


def fold(report: Report) -> Report:
    """The report with one ZX040 note per file, placed after every cause. Idempotent."""
    if not any(is_follow_on(f) for f in (*report.findings, *report.hidden)):
        return report
    return replace(report, findings=folded(report.findings), hidden=folded(report.hidden))


def folded(findings: list[Finding]) -> list[Finding]:
    causes = [f for f in findings if not is_follow_on(f)]
    notes: dict[tuple[str | None, str], list[Finding]] = {}
    for finding in findings:
        if is_follow_on(finding):
            notes.setdefault((finding.dossier, finding.path), []).append(finding)
    return causes + [_merge(group) for group in notes.values()]


def _merge(group: list[Finding]) -> Finding:
    families = _unique(item for f in group for item in _items(f.params.get("family")))
    files = _unique(item for f in group for item in _items(f.params.get("files"), "、"))
    params = {
        **group[0].params,
        "family": Listed(keys=(), items=families),
        "files": Listed(keys=(), items=files),
    }
    return replace(group[0], params=params)


def _items(value: Any, separator: str | None = None) -> tuple[Any, ...]:
    """The parts of a parameter: a list already folded, a string the runner joined, or one."""
    if isinstance(value, Listed):
        return value.items
    if separator and isinstance(value, str):
        return tuple(part for part in value.split(separator) if part)
    return () if value is None else (value,)


def _unique(items: Any) -> tuple[Any, ...]:
    # By equality: a phrase (Term) holds a dict and has no hash.
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return tuple(out)


def text_sort_key(finding: Finding) -> tuple[str, bool, int, int, str, str]:
    """File order, a file's note after its findings (the note says "listed above")."""
    path, line, column, cell, code = finding.sort_key()
    return (path, is_follow_on(finding), line, column, cell, code)
