"""The one result type of every command: a finding at a place, and a report of findings.

validate, freeze, ballots and tally all speak `Finding`; the reporters in zxcli/report/
turn a `Report` into text, JSON, GitHub annotations, JUnit or SARIF whatever command made
it. A place is a file with a line and column, or a spreadsheet cell (`评审表!E7`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from zxcli.catalog import Rule, Severity, rule
from zxcli.errors import EXIT_FINDINGS, EXIT_OK, ZxError
from zxcli.load import plain
from zxcli.load.inert import terminal_text


@dataclass(frozen=True)
class Place:
    """Where something sits: a file with line and column, or a spreadsheet cell."""

    path: str
    line: int = 1
    column: int = 1
    cell: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.cell}" if self.cell else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Finding:
    code: str
    path: str  # as shown to the user (relative to the working folder when inside it)
    line: int = 1
    column: int = 1
    params: Mapping[str, Any] = field(default_factory=dict)
    dossier: str | None = None
    severity: Severity | None = None  # set by the report from catalog and campaign overrides
    cell: str | None = None  # "评审表!E7" when the place is a spreadsheet cell

    @property
    def rule(self) -> Rule:
        return rule(self.code)

    def message(self, lang: str) -> str:
        # Params carry submitter text (folder names, cell values): no escape sequence of
        # theirs reaches a terminal, a log or a report.
        return terminal_text(self.rule.render(lang, self.params))

    @property
    def level(self) -> Severity:
        """The severity in force: settled by the report, else the catalog's."""
        return self.severity or self.rule.severity

    @property
    def is_error(self) -> bool:
        return self.level is Severity.ERROR

    def hint(self, lang: str) -> str:
        return terminal_text(self.rule.render_hint(lang, self.params))

    def location(self) -> str:
        if self.cell:
            return f"{self.path}:{self.cell}"
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self, lang: str) -> dict[str, Any]:
        entry = self.rule
        return {
            "code": self.code,
            "severity": self.level.value,
            "article": entry.article,
            "where": self.location(),
            "message": self.message(lang),
            "hint": self.hint(lang),
        }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.cell or "", self.code)


plain.register(Place)  # what the validate cache keeps of a dossier's findings
plain.register(Finding)


def found_at(code: str, place: Place, **params: Any) -> Finding:
    return Finding(code, place.path, place.line, place.column, params, cell=place.cell)


def at(
    code: str,
    path: str,
    line: int | None = None,
    column: int | None = None,
    *,
    cell: str | None = None,
    params: Mapping[str, Any] | None = None,
    dossier: str | None = None,
) -> Finding:
    """A finding where the line may be unknown (a whole file, a spreadsheet cell)."""
    return Finding(code, path, line or 1, column or 1, dict(params or {}), dossier, cell=cell)


@dataclass(frozen=True)
class Options:
    """What the user asked to see. Filters change what is shown, never the verdict."""

    lang: str = "zh"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False
    scan: bool = False  # `--scan`: also look at the scans themselves (docs/scan.md)


# Codes that say a check could not run (its inputs were broken): a dossier whose only
# errors are these is 未检查, never 通过 and not proven 未通过 either.
NOT_CHECKED = frozenset({"ZX040", "ZX041", "ZX481"})
# Every verdict a report gives a dossier or a run; "_unfrozen": the checks pass but the
# attachments' hashes are not recorded yet (zx freeze), so the dossier is not final.
VERDICTS = ("pass", "pass_unfrozen", "warn", "warn_unfrozen", "unchecked", "fail")


@dataclass
class Report:
    """Findings with their final severity, and the totals every reporter shows."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)
    overrides: dict[str, Severity] = field(default_factory=dict)
    strict: bool = False
    command: str = "validate"
    # Findings that --select/--ignore took out of view; they still decide the exit code.
    hidden: list[Finding] = field(default_factory=list)
    # Dossier key -> attachments declared without a recorded SHA-256 (not yet `zx freeze`d):
    # such a dossier may pass its checks, but it is not finished (通过（未冻结）).
    unfrozen: dict[str, int] = field(default_factory=dict)
    # Said on stderr, not findings (a cache folder not used: ZX050-ZX054); no verdict
    # depends on them.
    notices: list[ZxError] = field(default_factory=list)
    # Info-level findings: explanations of why a rule let something pass (ZX620: a 计划单列市
    # outside its province's quota). Never a problem, so kept apart from `findings`: no
    # count, verdict or exit code, and no reporter, sees them unless it asks for them.
    notes: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def hidden_errors(self) -> list[Finding]:
        return [f for f in self.hidden if f.severity is Severity.ERROR]

    def failing(self) -> bool:
        # A hidden error still fails; a warning the user chose to ignore does not, even
        # with --strict (ignoring a warning is a decision, hiding an error is not).
        return bool(self.errors or self.hidden_errors or (self.strict and self.warnings))

    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.failing() else EXIT_OK

    def summary(self) -> list[tuple[str, int, int, str]]:
        """(group, errors, warnings, verdict) of each dossier, then of the campaign's own
        files (group ""): the summary table of every reporter. One pass over the findings:
        a campaign of 10,000 dossiers has tens of thousands."""
        hidden: dict[str, list[Finding]] = {}
        for finding in self.hidden:
            hidden.setdefault(finding.dossier or "", []).append(finding)
        return [
            (
                group,
                sum(f.level is Severity.ERROR for f in found),
                sum(f.level is Severity.WARNING for f in found),
                self._verdict(found, hidden.get(group, []), self.unfrozen.get(group, 0)),
            )
            for group, found in self.by_dossier().items()
        ]

    def verdict(self, dossier: str | None = None) -> str:
        """The verdict (see VERDICTS) of the whole report or of one dossier, hidden findings
        included."""
        # by_dossier() groups the campaign's own files under "", findings carry None.
        shown = [f for f in self.findings if dossier is None or (f.dossier or "") == dossier]
        hidden = [f for f in self.hidden if dossier is None or (f.dossier or "") == dossier]
        unfrozen = sum(self.unfrozen.values()) if dossier is None else self.unfrozen.get(dossier, 0)
        return self._verdict(shown, hidden, unfrozen)

    def _verdict(self, shown: list[Finding], hidden: list[Finding], unfrozen: int = 0) -> str:
        errors = [f for f in shown + hidden if f.severity is Severity.ERROR]
        if errors:
            # Only "could not check" errors: nothing was found wrong, nothing was proven.
            return "unchecked" if all(f.code in NOT_CHECKED for f in errors) else "fail"
        if any(f.severity is Severity.WARNING for f in shown):
            if self.strict:
                return "fail"
            return "warn_unfrozen" if unfrozen else "warn"
        return "pass_unfrozen" if unfrozen else "pass"

    @property
    def unfrozen_total(self) -> int:
        return sum(self.unfrozen.values())

    def by_dossier(self) -> dict[str, list[Finding]]:
        """Findings by dossier key; the campaign's own files ("") first, as the causes of
        what follows (a broken zx.yaml leaves every dossier unchecked)."""
        groups: dict[str, list[Finding]] = {"": []}
        groups.update({key: [] for key in self.dossiers})
        for finding in self.findings:
            groups.setdefault(finding.dossier or "", []).append(finding)
        if not groups[""]:
            del groups[""]
        return groups

    def add(
        self, findings: Iterable[Finding], overrides: Mapping[str, Severity], options: Options
    ) -> None:
        shown, hidden = settle(list(findings), overrides, options)
        self.notes.extend(f for f in shown if f.severity is Severity.INFO)
        self.findings.extend(f for f in shown if f.severity is not Severity.INFO)
        self.hidden.extend(f for f in hidden if f.severity is not Severity.INFO)


def settle(
    findings: list[Finding], overrides: Mapping[str, Severity], options: Options
) -> tuple[list[Finding], list[Finding]]:
    """Each finding with its final severity, split into shown and filtered out.

    A code switched off by the campaign is dropped (where the policy allows it, the
    campaign decides); a code the user filtered with --select/--ignore is only hidden.
    """
    shown: list[Finding] = []
    hidden: list[Finding] = []
    for finding in findings:
        severity = overrides.get(finding.code, finding.rule.severity)
        if severity is Severity.OFF:
            continue
        settled = replace(finding, severity=severity)
        if _filtered(finding.code, options):
            hidden.append(settled)
        else:
            shown.append(settled)
    return shown, hidden


def _filtered(code: str, options: Options) -> bool:
    if options.select and not _matches(code, options.select):
        return True
    return _matches(code, options.ignore)


def _matches(code: str, patterns: frozenset[str]) -> bool:
    # "ZX3" selects the whole ZX3xx family, as ruff's --select does with prefixes.
    return any(code.startswith(p) for p in patterns)


class Progress(Protocol):
    """Told how much work a stage has and each time some is done: the CLI draws a bar on a
    terminal, the library itself prints nothing. `stage` names the work (validate,
    ballots, render, pdf), so that the CLI can label it and decide when it is worth a bar."""

    def start(self, total: int, stage: str = "validate") -> None: ...

    def advance(self, count: int = 1) -> None: ...


class _Silent:
    def start(self, total: int, stage: str = "validate") -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass


SILENT: Progress = _Silent()
