"""The result of a check run: findings with their final severity, and the totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from zxcli.errors import EXIT_FINDINGS, EXIT_OK
from zxcli.report.finding import Finding
from zxcli.rules.catalog import Severity


@dataclass(frozen=True)
class Options:
    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)
    overrides: dict[str, Severity] = field(default_factory=dict)
    strict: bool = False

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def exit_code(self) -> int:
        failing = self.errors or (self.strict and self.warnings)
        return EXIT_FINDINGS if failing else EXIT_OK

    def by_dossier(self) -> dict[str, list[Finding]]:
        groups: dict[str, list[Finding]] = {key: [] for key in self.dossiers}
        for finding in self.findings:
            groups.setdefault(finding.dossier or "", []).append(finding)
        return groups


def settle(findings: list[Finding], overrides: Mapping[str, Severity],
           options: Options) -> list[Finding]:
    """Give each finding its final severity; drop those switched off or not selected."""
    kept = []
    for finding in findings:
        if options.select and not _matches(finding.code, options.select):
            continue
        if _matches(finding.code, options.ignore):
            continue
        severity = overrides.get(finding.code, finding.rule.severity)
        if severity is not Severity.OFF:
            kept.append(replace(finding, severity=severity))
    return kept


def _matches(code: str, patterns: frozenset[str]) -> bool:
    # "ZX3" selects the whole ZX3xx family, as ruff's --select does with prefixes.
    return any(code.startswith(p) for p in patterns)
