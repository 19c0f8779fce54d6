"""Findings as a GitLab Code Quality report (`artifacts: reports: codequality:`).

GitLab's format is a JSON array of issues, each with `description`, `check_name`,
`fingerprint`, `severity` and `location.path` (relative to the repository root) with
`location.lines.begin`. GitLab compares the fingerprints of the merge request's report with
the target branch's to tell new findings from old ones, so a fingerprint must not change
when unrelated lines are inserted above a finding: it is a hash of the rule, the file, the
dossier and the finding's parameters, leaving out every line, column and cell.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from zxcli.catalog import Severity
from zxcli.report.fold import fold
from zxcli.report.interface import Reporter
from zxcli.report.paths import rebase, rooted
from zxcli.report.run_error import RunError
from zxcli.results import Finding, Report

_SEVERITY = {
    Severity.ERROR: "major",
    Severity.WARNING: "minor",
    Severity.INFO: "info",
    Severity.OFF: "info",
}
# Parameters that only say where (they move with the lines) stay out of the fingerprint.
_PLACE_PARAM = re.compile(r"(^|_)(line|lines|column|col|row|cell)$")


def render(report: Report, lang: str) -> str:
    to_root = rebase()
    report = rooted(fold(report), to_root)
    prints = fingerprints(report.findings, to_root)
    issues = [_issue(f, fp, to_root, lang) for f, fp in zip(report.findings, prints, strict=True)]
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _issue(
    finding: Finding, fingerprint: str, to_root: Callable[[str], str], lang: str
) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{finding.code} {finding.message(lang)}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[finding.level],
        "location": {"path": to_root(finding.path), "lines": {"begin": max(finding.line, 1)}},
    }


def fingerprints(findings: Iterable[Finding], to_root: Callable[[str], str]) -> list[str]:
    """One stable hash per finding; the n-th identical finding gets its own."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        key = _identity(finding, to_root)
        seen[key] = seen.get(key, 0) + 1
        out.append(hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest())
    return out


def _identity(finding: Finding, to_root: Callable[[str], str]) -> str:
    params = {k: str(v) for k, v in finding.params.items() if not _PLACE_PARAM.search(k)}
    parts = [finding.code, to_root(finding.path), finding.dossier or "", params]
    # ASCII escapes: a file name that is not UTF-8 (surrogates) still hashes.
    return json.dumps(parts, ensure_ascii=True, sort_keys=True)


def render_error(error: RunError, lang: str) -> str:
    """One blocker issue carrying the error (GitLab shows it in the merge request)."""
    path = rebase()(error.path) if error.path else "."
    digest = hashlib.sha256(json.dumps([error.code, path, error.message]).encode()).hexdigest()
    issue = {
        "type": "issue",
        "description": f"{error.code} {error.message}",
        "check_name": error.code,
        "fingerprint": digest,
        "severity": "blocker",
        "location": {"path": path, "lines": {"begin": error.line or 1}},
    }
    return json.dumps([issue], ensure_ascii=False, indent=2) + "\n"


class CodeQualityReporter(Reporter):
    name = "codequality"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang) + "\n"


REPORTER = CodeQualityReporter()
