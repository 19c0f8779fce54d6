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

from zxcli import version
from zxcli.catalog import Rule, Severity, catalog, term
from zxcli.report import links
from zxcli.report.codequality import fingerprints
from zxcli.report.fold import fold
from zxcli.report.github import md
from zxcli.report.interface import Reporter
from zxcli.report.paths import rebase, rooted
from zxcli.report.run_error import RunError
from zxcli.results import Finding, Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "zx/v1"  # partialFingerprints: our own hash, independent of line numbers
SRCROOT = "%SRCROOT%"
_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.OFF: "none",
}


def render(report: Report, lang: str, rules: Mapping[str, Rule] | None = None) -> str:
    """The SARIF log; `rules` defaults to the whole catalog (tests pass a few)."""
    to_root = rebase()
    report = rooted(fold(report), to_root)
    table = _rule_table(report, rules if rules is not None else catalog())
    index = {code: i for i, code in enumerate(table)}
    prints = fingerprints(report.findings, to_root)
    run: dict[str, Any] = {
        "tool": {"driver": _driver(table, lang)},
        "invocations": [_invocation(report, index)],
        "language": _LANGUAGE.get(lang, lang),
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(f, index, lang, to_root(f.path), fp)
            for f, fp in zip(report.findings, prints, strict=True)
        ],
    }
    doc = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _rule_table(report: Report, rules: Mapping[str, Rule]) -> dict[str, Rule]:
    table = dict(rules)
    for finding in report.findings:
        table.setdefault(finding.code, finding.rule)
    return dict(sorted(table.items()))


def _driver(table: Mapping[str, Rule], lang: str) -> dict[str, Any]:
    driver: dict[str, Any] = {
        "name": "zx",
        "version": version(),
        "semanticVersion": version(),
    }
    # Only where zx was installed from a repository we can name (see links.py).
    uri = links.information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["language"] = _LANGUAGE.get(lang, lang)
    driver["rules"] = [_descriptor(rule, lang) for rule in table.values()]
    return driver


def _descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"article": rule.article} if rule.article else {}
    properties.update(family=rule.family, tags=[rule.family])
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule_name(rule),
        "shortDescription": {"text": rule.title[lang]},
        "fullDescription": {"text": describe(rule, lang)},
        "help": {"text": _elided(rule.hint[lang]), "markdown": help_markdown(rule, lang)},
    }
    uri = links.rule_uri(rule.code)
    if uri:
        descriptor["helpUri"] = uri
    descriptor.update(defaultConfiguration=_configuration(rule.severity), properties=properties)
    return descriptor


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _elided(template: str) -> str:
    """A catalog text without a finding: its {placeholders} shown as an ellipsis."""
    return _PLACEHOLDER.sub("…", template)


def describe(rule: Rule, lang: str) -> str:
    """What the rule checks: its title, the message it gives (values elided), the article."""
    message = _elided(rule.message[lang]).rstrip("。.")
    parts = [
        rule.title[lang] + ("。" if lang == "zh" else "."),
        term("sarif.detects", lang, message=message),
    ]
    if rule.article:
        parts.append(term("sarif.basis", lang, article=rule.article))
    return ("" if lang == "zh" else " ").join(parts)


def help_markdown(rule: Rule, lang: str) -> str:
    """The fix, the article and, when there is one, a link to the guide's entry."""
    colon = "：" if lang == "zh" else ": "
    lines = [f"**{term('head.hint', lang)}**{colon}{md(_elided(rule.hint[lang]))}"]
    if rule.article:
        lines.append(md(term("sarif.basis", lang, article=rule.article)))
    uri = links.rule_uri(rule.code)
    if uri:
        lines.append(f"[{term('sarif.guide', lang)}]({uri})")
    return "\n\n".join(lines)


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


def _result(
    finding: Finding, index: Mapping[str, int], lang: str, path: str, fingerprint: str
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.level],
        "message": {"text": finding.message(lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(path),
                    "region": {
                        "startLine": max(finding.line, 1),
                        "startColumn": max(finding.column, 1),
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
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


def render_error(error: RunError, lang: str) -> str:
    """No results; an unsuccessful invocation whose notification carries the error."""
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": f"{error.message} — {error.hint}"},
        "descriptor": {"id": error.code},
    }
    if error.path:
        notification["locations"] = [
            {"physicalLocation": {"artifactLocation": artifact_location(rebase()(error.path))}}
        ]
    run = {
        "tool": {"driver": _driver({}, lang)},
        "invocations": [
            {
                "executionSuccessful": False,
                "exitCode": error.exit_code,
                "toolExecutionNotifications": [notification],
            }
        ],
        "language": _LANGUAGE.get(lang, lang),
        "results": [],
    }
    doc = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class SarifReporter(Reporter):
    name = "sarif"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang) + "\n"


REPORTER = SarifReporter()
