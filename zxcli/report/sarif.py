"""Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The driver lists every rule of the catalog (`tool.driver.rules`), so a viewer can show a
rule's title, article and fix hint; each result points at its rule by id and index.
Campaign overrides of a rule's severity are recorded as the invocation's
`ruleConfigurationOverrides`. The output depends only on the report: no time, no host, no
absolute paths.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from zxcli import __version__
from zxcli.catalog import Rule, Severity, catalog
from zxcli.report.interface import Reporter
from zxcli.results import Finding, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/zxcli/"
SRCROOT = "%SRCROOT%"
_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.OFF: "none"}


def render(report: Report, lang: str, rules: Mapping[str, Rule] | None = None) -> str:
    """The SARIF log; `rules` defaults to the whole catalog (tests pass a few)."""
    table = _rule_table(report, rules if rules is not None else catalog())
    index = {code: i for i, code in enumerate(table)}
    run: dict[str, Any] = {
        "tool": {"driver": _driver(table, lang)},
        "invocations": [_invocation(report, index)],
        "language": _LANGUAGE.get(lang, lang),
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, lang) for f in report.findings],
    }
    doc = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _rule_table(report: Report, rules: Mapping[str, Rule]) -> dict[str, Rule]:
    table = dict(rules)
    for finding in report.findings:
        table.setdefault(finding.code, finding.rule)
    return dict(sorted(table.items()))


def _driver(table: Mapping[str, Rule], lang: str) -> dict[str, Any]:
    return {
        "name": "zx",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "language": _LANGUAGE.get(lang, lang),
        "rules": [_descriptor(rule, lang) for rule in table.values()],
    }


def _descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"article": rule.article} if rule.article else {}
    properties.update(family=rule.family, tags=[rule.family])
    return {
        "id": rule.code,
        "name": rule_name(rule),
        "shortDescription": {"text": rule.title[lang]},
        "fullDescription": {"text": rule.hint[lang]},
        "help": {"text": rule.hint[lang]},
        "defaultConfiguration": _configuration(rule.severity),
        "properties": properties,
    }


def rule_name(rule: Rule) -> str:
    """A readable identifier from the English title: "YAML syntax error" -> YAMLSyntaxError."""
    words = re.findall(r"[A-Za-z0-9]+", rule.title["en"])
    return "".join(word[:1].upper() + word[1:] for word in words) or rule.code


def _configuration(severity: Severity) -> dict[str, Any]:
    if severity is Severity.OFF:
        return {"enabled": False, "level": "none"}
    return {"level": _LEVEL[severity]}


def _invocation(report: Report, index: Mapping[str, int]) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "exitCode": report.exit_code(),
    }
    overrides = [_override(code, sev, index) for code, sev in sorted(report.overrides.items())]
    if overrides:
        invocation["ruleConfigurationOverrides"] = overrides
    return invocation


def _override(code: str, severity: Severity, index: Mapping[str, int]) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": code}
    if code in index:
        descriptor["index"] = index[code]
    return {"descriptor": descriptor, "configuration": _configuration(severity)}


def _result(finding: Finding, index: Mapping[str, int], lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.level],
        "message": {"text": finding.message(lang)},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(finding.path),
            "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
        }}],
    }
    if finding.dossier:
        result["properties"] = {"dossier": finding.dossier}
    return result


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a percent-encoded POSIX URI under %SRCROOT%; absolute as file://."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": _file_uri(pure)}
    return {"uri": _quote(pure.as_posix(), "/"), "uriBaseId": SRCROOT}


def _file_uri(path: PurePath) -> str:
    posix = path.as_posix()
    return "file://" + ("" if posix.startswith("/") else "/") + _quote(posix, "/:")


def _quote(text: str, safe: str) -> str:
    # Non-ASCII must be percent-encoded (GitHub rejects a uri that is not a uri-reference);
    # a file name that is not UTF-8 arrives with surrogate escapes and keeps its bytes.
    try:
        return quote(text, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(text, safe=safe, errors="backslashreplace")


class SarifReporter(Reporter):
    name = "sarif"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang) + "\n"


REPORTER = SarifReporter()
