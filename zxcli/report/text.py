"""Findings for people: grouped by dossier, then a summary table (rich)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zxcli.catalog import Severity, term
from zxcli.load.inert import terminal_text
from zxcli.report.interface import Reporter
from zxcli.results import Finding, Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render(report: Report, console: Console, lang: str) -> None:
    for group, findings in report.by_dossier().items():
        if findings:
            console.rule(Text(terminal_text(group or term("head.campaign", lang)), style="bold"))
            for finding in findings:
                console.print(_line(finding, report, lang))
    _off_note(report, console, lang)
    _hidden_note(report, console, lang)
    console.print(_summary(report, lang))
    totals = term("text.totals", lang, files=len(report.files), errors=len(report.errors),
                  warnings=len(report.warnings))
    console.print(term("text.clean", lang) if not report.findings else totals)


def _line(finding: Finding, report: Report, lang: str) -> Text:
    rule = finding.rule
    severity = finding.level
    text = Text()
    text.append(f"{finding.location()} ", style="cyan")
    text.append(f"{finding.code} ", style=_STYLE.get(severity, ""))
    text.append(f"[{term('severity.' + severity.value, lang)}] ", style=_STYLE.get(severity, ""))
    if rule.article:
        text.append(f"{rule.article} ", style="magenta")
    text.append(finding.message(lang))
    if finding.code in report.overrides:
        text.append(term("text.severity_changed", lang,
                         severity=term("severity." + severity.value, lang)), style="dim")
    text.append(f"\n    → {finding.hint(lang)}", style="dim")
    return text


def _off_note(report: Report, console: Console, lang: str) -> None:
    off = sorted(code for code, sev in report.overrides.items() if sev is Severity.OFF)
    if off:
        console.print(term("text.rules_off", lang, codes=", ".join(off)), style="dim")


def _hidden_note(report: Report, console: Console, lang: str) -> None:
    # Filters change what is shown, never the verdict: say what they hid.
    if report.hidden:
        console.print(term("text.hidden", lang, count=len(report.hidden),
                           errors=len(report.hidden_errors)), style="bold yellow")


def _summary(report: Report, lang: str) -> Table:
    table = Table(title=term("head.summary", lang))
    for key in ("dossier", "errors", "warnings", "status"):
        table.add_column(term(f"head.{key}", lang), justify="right" if key in (
            "errors", "warnings") else "left")
    for group, findings in report.by_dossier().items():
        errors = sum(f.severity is Severity.ERROR for f in findings)
        warnings = sum(f.severity is Severity.WARNING for f in findings)
        status = report.verdict(group)
        style = {"fail": "red", "warn": "yellow", "pass": "green"}[status]
        table.add_row(Text(terminal_text(group or term("head.campaign", lang))), str(errors),
                      str(warnings),
                      Text(term(f"status.{status}", lang), style=style))
    return table


class TextReporter(Reporter):
    """For people: rich on the terminal (colour only when it is one)."""

    name = "text"

    def render(self, report: Report, lang: str) -> str:
        console = Console(highlight=False, record=True, file=io.StringIO())
        render(report, console, lang)
        return console.export_text()

    def emit(self, report: Report, lang: str) -> None:
        render(report, Console(highlight=False), lang)


REPORTER = TextReporter()
