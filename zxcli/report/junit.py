"""Findings as JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One testsuite "zx validate". Each finding is a testcase, named by code and place, with the
file (relative to the repository root) and line as attributes and the dossier as classname:
an error fails its testcase (a warning too under --strict); a warning that does not fail
passes, says so in its name and `<system-out>`, and is counted in the suite's `warnings`
property. A dossier without findings is one passing testcase, so a clean run still shows
what was checked. Errors hidden by --select/--ignore, which still fail the run, are one
failing testcase. Nothing is skipped; `errors` counts only a run that could not be done
(a usage or I/O error, see `render_error`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from zxcli.catalog import Severity, term
from zxcli.report.failure import RunError
from zxcli.report.fold import fold
from zxcli.report.github import labelled
from zxcli.report.interface import Reporter
from zxcli.report.paths import rebase, rooted
from zxcli.results import Finding, Report

SUITE = "zx validate"
# XML 1.0 has no way to write these characters, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, lang: str) -> str:
    to_root = rebase()
    report = rooted(fold(report), to_root)
    cases = [_case(f, report.strict, lang, to_root) for f in report.findings]
    cases += [_clean_case(group, lang) for group, found in report.by_dossier().items()
              if not found]
    if report.hidden_errors:
        cases.append(_hidden_case(report, lang))
    warnings = sum(f.level is Severity.WARNING for f in report.findings)
    return document(cases, lang, warnings=warnings)


def document(cases: list[ET.Element], lang: str, *, warnings: int = 0) -> str:
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(c.find("failure") is not None for c in cases)),
        "errors": str(sum(c.find("error") is not None for c in cases)),
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": "zx", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "warnings", "value": str(warnings)})
    ET.SubElement(properties, "property", {"name": "lang", "value": lang})
    suite.extend(cases)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def case_name(group: str, lang: str) -> str:
    """A dossier's key, or the campaign's marker."""
    if group:
        return group
    return term("junit.campaign_case", lang, name=term("head.campaign", lang))


def _case(finding: Finding, strict: bool, lang: str,
          to_root: Callable[[str], str]) -> ET.Element:
    severity = term("severity." + finding.level.value, lang)
    place = finding.cell or f"{finding.line}:{finding.column}"
    case = ET.Element("testcase", {
        "name": _xml(f"{finding.code} [{severity}] {to_root(finding.path)}:{place}"),
        "classname": _xml(case_name(finding.dossier or "", lang)),
        "file": _xml(to_root(finding.path)),
        "line": str(max(finding.line, 1)),
    })
    text = _xml(_entry(finding, lang))
    if _fails(finding, strict):
        failure = ET.SubElement(case, "failure", {
            "message": _xml(finding.message(lang)), "type": finding.code})
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case


def _clean_case(group: str, lang: str) -> ET.Element:
    name = term("junit.clean", lang, name=case_name(group, lang))
    return ET.Element("testcase", {"name": _xml(name), "classname": _xml(case_name(group, lang))})


def _hidden_case(report: Report, lang: str) -> ET.Element:
    count = len(report.hidden_errors)
    name = term("junit.hidden", lang, n=count)
    case = ET.Element("testcase", {"name": name, "classname": SUITE})
    codes = " ".join(sorted({f.code for f in report.hidden_errors}))
    ET.SubElement(case, "failure", {"message": name, "type": codes}).text = codes
    return case


def render_error(error: RunError, lang: str) -> str:
    """A run that could not be done: one testcase in error, carrying the cause."""
    case = ET.Element("testcase", {"name": _xml(error.code), "classname": SUITE})
    if error.path:
        case.set("file", _xml(rebase()(error.path)))
    element = ET.SubElement(case, "error", {"message": _xml(error.message), "type": error.code})
    element.text = _xml(f"{error.message}\n{labelled('head.hint', error.hint, lang)}\n")
    return document([case], lang)


def _fails(finding: Finding, strict: bool) -> bool:
    severity = finding.level
    return severity is Severity.ERROR or (strict and severity is Severity.WARNING)


def _entry(finding: Finding, lang: str) -> str:
    rule = finding.rule
    severity = term("severity." + finding.level.value, lang)
    head = " ".join(filter(None, (finding.location(), finding.code, f"[{severity}]",
                                  rule.article)))
    return f"{head} {finding.message(lang)}\n{labelled('head.hint', finding.hint(lang), lang)}\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JunitReporter(Reporter):
    name = "junit"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang)


REPORTER = JunitReporter()
