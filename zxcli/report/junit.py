"""Findings as JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One testsuite "zx validate". Each finding is a testcase named by its code and file (relative
to the repository root), with the dossier as classname: CI keeps a test's history by its name,
so the name holds nothing that moves with the lines or changes with --lang; the place, the
severity and the message are in the body. The n-th identical name gets " #n". An error fails
its testcase (a warning too under --strict); a warning that does not fail passes and is said
in `<system-out>`, and counted in the suite's `warnings` property. A dossier without findings
is one passing testcase, so a clean run still shows what was checked. Errors hidden by
--select/--ignore, which still fail the run, are one failing testcase. Nothing is skipped;
`errors` counts only a run that could not be done (a usage or I/O error, `render_error`).
Only what Jenkins' JUnit schemas allow is written (tests/golden/*.xsd): no `file` or `line`
on a testcase, no `skipped` on testsuites.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from zxcli.catalog import Severity, term
from zxcli.report.fold import fold
from zxcli.report.github import labelled
from zxcli.report.interface import Reporter
from zxcli.report.paths import rebase, rooted
from zxcli.report.run_error import RunError
from zxcli.results import Finding, Report

SUITE = "zx validate"
# XML 1.0 has no way to write these characters, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, lang: str) -> str:
    to_root = rebase()
    report = rooted(fold(report), to_root)
    names = _names(report.findings, to_root)
    cases = [
        _case(f, name, report.strict, lang) for f, name in zip(report.findings, names, strict=True)
    ]
    cases += [_clean_case(group, lang) for group, found in report.by_dossier().items() if not found]
    if report.hidden_errors:
        cases.append(_hidden_case(report, lang))
    warnings = sum(f.level is Severity.WARNING for f in report.findings)
    return document(cases, lang, warnings=warnings)


def document(cases: list[ET.Element], lang: str, *, warnings: int = 0) -> str:
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(c.find("failure") is not None for c in cases)),
        "errors": str(sum(c.find("error") is not None for c in cases)),
    }
    root = ET.Element("testsuites", {"name": "zx", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "warnings", "value": str(warnings)})
    ET.SubElement(properties, "property", {"name": "lang", "value": lang})
    suite.extend(cases)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def case_name(group: str) -> str:
    """A dossier's key; the campaign's own files are the suite's (in no language)."""
    return group or SUITE


def _names(findings: list[Finding], to_root: Callable[[str], str]) -> list[str]:
    """ "ZX310 2025/dossiers/…/dossier.yaml", and " #2" on for the second of that name."""
    seen: dict[str, int] = {}
    names = []
    for finding in findings:
        name = f"{finding.code} {to_root(finding.path)}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return names


def _case(finding: Finding, name: str, strict: bool, lang: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "name": _xml(name),
            "classname": _xml(case_name(finding.dossier or "")),
        },
    )
    text = _xml(_entry(finding, lang))
    if _fails(finding, strict):
        failure = ET.SubElement(
            case, "failure", {"message": _xml(finding.message(lang)), "type": finding.code}
        )
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case


def _clean_case(group: str, lang: str) -> ET.Element:
    case = ET.Element(
        "testcase", {"name": _xml(case_name(group)), "classname": _xml(case_name(group))}
    )
    ET.SubElement(case, "system-out").text = _xml(term("junit.clean", lang, name=case_name(group)))
    return case


def _hidden_case(report: Report, lang: str) -> ET.Element:
    message = term("junit.hidden", lang, n=len(report.hidden_errors))
    case = ET.Element("testcase", {"name": "--select/--ignore", "classname": SUITE})
    codes = " ".join(sorted({f.code for f in report.hidden_errors}))
    ET.SubElement(case, "failure", {"message": message, "type": codes}).text = codes
    return case


def render_error(error: RunError, lang: str) -> str:
    """A run that could not be done: one testcase in error, carrying the cause."""
    case = ET.Element("testcase", {"name": _xml(error.code), "classname": SUITE})
    where = f"{rebase()(error.path)}: " if error.path else ""
    element = ET.SubElement(case, "error", {"message": _xml(error.message), "type": error.code})
    element.text = _xml(f"{where}{error.message}\n{labelled('head.hint', error.hint, lang)}\n")
    return document([case], lang)


def _fails(finding: Finding, strict: bool) -> bool:
    severity = finding.level
    return severity is Severity.ERROR or (strict and severity is Severity.WARNING)


def _entry(finding: Finding, lang: str) -> str:
    rule = finding.rule
    severity = term("severity." + finding.level.value, lang)
    head = " ".join(filter(None, (finding.location(), finding.code, f"[{severity}]", rule.article)))
    return f"{head} {finding.message(lang)}\n{labelled('head.hint', finding.hint(lang), lang)}\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JunitReporter(Reporter):
    name = "junit"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang)


REPORTER = JunitReporter()
