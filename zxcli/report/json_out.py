"""Findings for machines: a versioned JSON document (documented in docs/output.md)."""

from __future__ import annotations

import json
import math
from typing import Any

from zxcli import version
from zxcli.catalog import localized
from zxcli.report.fold import fold
from zxcli.report.interface import Reporter
from zxcli.report.run_error import RunError
from zxcli.results import Finding, Report

FORMAT_VERSION = 1


def render(report: Report, lang: str) -> str:
    return json.dumps(document(report, lang), ensure_ascii=False, indent=2, allow_nan=False)


def document(report: Report, lang: str) -> dict[str, Any]:
    report = fold(report)
    doc = {
        "format": f"zx-{report.command}",
        "version": FORMAT_VERSION,
        "zx_version": version(),
        "lang": lang,
        "summary": {
            "files": len(report.files),
            "dossiers": len(report.dossiers),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "hidden": len(report.hidden),
            "hidden_errors": len(report.hidden_errors),
            "verdict": report.verdict(),
            "exit_code": report.exit_code(),
        },
        "overrides": {code: sev.value for code, sev in sorted(report.overrides.items())},
        "findings": [_finding(f, lang) for f in report.findings],
        # Explanations, not problems (severity info, e.g. ZX620): no count, no verdict.
        "notes": [_finding(f, lang) for f in report.notes],
    }
    return doc


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    rule = finding.rule
    return {
        "code": finding.code,
        "severity": finding.level.value,
        "article": rule.article,
        "dossier": finding.dossier,
        "file": finding.path,
        "cell": finding.cell,
        "line": finding.line,
        "column": finding.column,
        "title": rule.title[lang],
        "message": finding.message(lang),
        "hint": finding.hint(lang),
        "params": {k: _plain(localized(v, lang)) for k, v in finding.params.items()},
    }


def _plain(value: Any) -> Any:
    # JSON has no NaN or infinity; a hostile dossier may well contain them.
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def render_error(error: RunError, lang: str) -> str:
    """The same document with no findings, the exit code, and an `error` object."""
    doc = document(Report(command=error.command), lang)
    doc["summary"].update(verdict="error", exit_code=error.exit_code)
    doc["error"] = {
        "code": error.code,
        "message": error.message,
        "hint": error.hint,
        "file": error.path,
        "line": error.line,
        "column": error.column,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class JsonReporter(Reporter):
    name = "json"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang) + "\n"


REPORTER = JsonReporter()
