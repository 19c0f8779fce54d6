"""Findings as JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One testsuite "zx validate"; one testcase per dossier, plus one for the campaign's own files
when they have findings. A testcase fails when it has errors (or warnings under --strict);
its `<failure>` lists them. Warnings that do not fail go to `<system-out>`. Nothing is skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from zxcli.catalog import Severity, term
from zxcli.report.github import labelled
from zxcli.report.interface import Reporter
from zxcli.results import Finding, Report

SUITE = "zx validate"
_CAMPAIGN_CASE = {"zh": "（{name}）", "en": "({name})"}
# XML 1.0 has no way to write these characters, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, lang: str) -> str:
    cases = [_case(group, findings, report, lang)
             for group, findings in report.by_dossier().items()]
    failures = sum(case.find("failure") is not None for case in cases)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "zx", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def case_name(group: str, lang: str) -> str:
    """The testcase's name: the dossier's key, or the campaign's marker."""
    if group:
        return group
    return _CAMPAIGN_CASE.get(lang, "({name})").format(name=term("head.campaign", lang))


def _case(group: str, findings: list[Finding], report: Report, lang: str) -> ET.Element:
    case = ET.Element("testcase", {"name": _xml(case_name(group, lang)), "classname": SUITE})
    failing = [f for f in findings if _fails(f, report.strict)]
    if failing:
        errors = sum(_severity(f) is Severity.ERROR for f in failing)
        warnings = len(failing) - errors
        failure = ET.SubElement(case, "failure", {
            "message": _xml(_counts(errors, warnings, lang)),
            "type": " ".join(sorted({f.code for f in failing})),
        })
        failure.text = _xml(_listing(failing, lang))
    passing = [f for f in findings if not _fails(f, report.strict)]
    if passing:
        ET.SubElement(case, "system-out").text = _xml(_listing(passing, lang))
    return case


def _fails(finding: Finding, strict: bool) -> bool:
    severity = _severity(finding)
    return severity is Severity.ERROR or (strict and severity is Severity.WARNING)


def _counts(errors: int, warnings: int, lang: str) -> str:
    comma = "，" if lang == "zh" else ", "
    return labelled("head.errors", errors, lang) + comma + labelled("head.warnings", warnings, lang)


def _listing(findings: list[Finding], lang: str) -> str:
    return "\n" + "".join(_entry(f, lang) for f in findings)


def _entry(finding: Finding, lang: str) -> str:
    rule = finding.rule
    severity = term("severity." + _severity(finding).value, lang)
    head = " ".join(filter(None, (finding.location(), finding.code, f"[{severity}]",
                                  rule.article)))
    return f"{head} {finding.message(lang)}\n    → {finding.hint(lang)}\n"


def _severity(finding: Finding) -> Severity:
    return finding.level


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JunitReporter(Reporter):
    name = "junit"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang)


REPORTER = JunitReporter()
