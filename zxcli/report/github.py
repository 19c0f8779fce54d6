"""Findings for GitHub Actions: one workflow command per finding, and a job summary.

`::error file=…,line=…,col=…,title=ZX301 第7条(3)::message` puts an annotation on the line in
the pull request; the markdown summary (appended to `$GITHUB_STEP_SUMMARY`) lists every finding,
also those beyond GitHub's per-step cap on annotations.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from zxcli.catalog import Severity, term
from zxcli.errors import OutputError
from zxcli.report.fold import fold, is_follow_on
from zxcli.report.interface import Reporter
from zxcli.report.paths import rebase, rooted
from zxcli.report.run_error import RunError
from zxcli.results import Finding, Report

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}
SUMMARY_BUDGET = 1_000_000  # bytes: GitHub refuses a step summary over 1 MiB
_RESERVE = 400  # room for the note that the rest was cut
_COLON = {"zh": "：", "en": ": "}
_ICON = {
    "fail": "❌",
    "unchecked": "❔",
    "warn": "⚠️",
    "warn_unfrozen": "⚠️",
    "pass_unfrozen": "☑️",
    "pass": "✅",
}
# Characters with a meaning in markdown (or inline HTML) are shown literally, so a value
# taken from a dossier cannot turn into a link, an image or a table cell of its own.
_MD_SPECIAL = "\\`*_[]<>|!~#&"
# GitHub also links bare URLs (http://, www.), e-mail addresses and @mentions: a zero-width
# space after the scheme's colon, after "www" and after "@" keeps them plain text.
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto|xmpp):|\bwww(?=\.)|@)")
_ZWSP = "\u200b"


# --- workflow commands ---------------------------------------------------------------


def escape_data(text: str) -> str:
    """The message part of a workflow command (after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property of a workflow command: also `:` and `,` are encoded."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, lang: str) -> str:
    """Annotations, one line per finding: every cause first, the follow-on notes (ZX040)
    last and as notices, which do not count against GitHub's ten error annotations."""
    to_root = rebase()
    report = rooted(fold(report), to_root)
    return "".join(annotation(finding, report, lang, to_root) + "\n" for finding in report.findings)


def annotation(
    finding: Finding, report: Report, lang: str, to_root: Callable[[str], str] | None = None
) -> str:
    """One workflow command; `file` relative to GITHUB_WORKSPACE (the checkout), as GitHub
    resolves it, also when the step runs in a sub-folder (`working-directory`)."""
    severity = finding.level
    props = {
        "file": (to_root or rebase())(finding.path),  # POSIX: Windows runners too
        "line": str(max(finding.line, 1)),
        "col": str(max(finding.column, 1)),
        "title": " ".join(filter(None, (finding.code, finding.rule.article))),
    }
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    command = "notice" if is_follow_on(finding) else _COMMAND.get(severity, "warning")
    return f"::{command} {head}::{escape_data(_text(finding, report, lang))}"


def _text(finding: Finding, report: Report, lang: str) -> str:
    message = finding.message(lang) + _changed(finding, report, lang)
    hint = finding.hint(lang)
    return f"{message}\n{labelled('head.hint', hint, lang)}"


def labelled(key: str, value: object, lang: str) -> str:
    """ "修改建议：…" in Chinese, "How to fix: …" in English."""
    return term(key, lang) + _COLON.get(lang, ": ") + str(value)


def _changed(finding: Finding, report: Report, lang: str) -> str:
    if finding.code not in report.overrides:
        return ""
    return term(
        "text.severity_changed", lang, severity=term("severity." + finding.level.value, lang)
    )


# --- job summary -----------------------------------------------------------------------


def write_summary(report: Report, lang: str, path: Path) -> None:
    """Append the summary to `path` (GitHub hands each step its own file to append to)."""
    try:
        with path.open("a", encoding="utf-8", newline="\n") as handle:
            handle.write(summary(report, lang))
    except OSError as exc:
        raise OutputError("ZX904", target=str(path), reason=exc.strerror or str(exc)) from None


def summary(report: Report, lang: str, budget: int = SUMMARY_BUDGET) -> str:
    """The markdown summary; dossier sections stop before the text would exceed `budget` bytes."""
    report = fold(report)
    colon = _COLON.get(lang, ": ")
    lines = [f"## zx validate{colon}{term('head.summary', lang)}", "", _totals(report, lang), ""]
    lines += _overview(report, lang)
    off = sorted(code for code, sev in report.overrides.items() if sev is Severity.OFF)
    if off:
        lines += ["", md(term("text.rules_off", lang, codes=", ".join(off)))]
    text = "\n".join(lines) + "\n"
    shown = 0
    for section, count in _sections(report, lang):
        if len((text + section).encode("utf-8")) > budget - _RESERVE:
            text += "\n" + term("github.cut", lang, n=len(report.findings) - shown) + "\n"
            break
        text += section
        shown += count
    return text + "\n"


def _sections(report: Report, lang: str) -> list[tuple[str, int]]:
    sections = []
    for group, findings in report.by_dossier().items():
        if findings:
            heading = f"### {md(_group_name(group, lang))}"
            lines = ["", heading, "", *_details(findings, report, lang)]
            sections.append(("\n".join(lines) + "\n", len(findings)))
    return sections


def _totals(report: Report, lang: str) -> str:
    if not report.findings:
        return term("text.clean", lang)
    return term(
        "text.totals",
        lang,
        files=len(report.files),
        errors=len(report.errors),
        warnings=len(report.warnings),
    )


def _overview(report: Report, lang: str) -> list[str]:
    keys = ("dossier", "errors", "warnings", "status")
    rows = [_row([term(f"head.{key}", lang) for key in keys]), "| --- | ---: | ---: | --- |"]
    for group, errors, warnings, status in report.summary():
        label = f"{_ICON[status]} {term(f'status.{status}', lang)}"
        rows.append(_row([md(_group_name(group, lang)), str(errors), str(warnings), label]))
    return rows


def _details(findings: list[Finding], report: Report, lang: str) -> list[str]:
    keys = ("location", "code", "severity", "article", "message", "hint")
    rows = [_row([term(f"head.{key}", lang) for key in keys]), _row(["---"] * len(keys))]
    for finding in findings:
        rule = finding.rule
        rows.append(
            _row(
                [
                    md(finding.location()),
                    finding.code,
                    term("severity." + finding.level.value, lang),
                    md(rule.article or "—"),
                    md(finding.message(lang) + _changed(finding, report, lang)),
                    md(finding.hint(lang)),
                ]
            )
        )
    return rows


def _group_name(group: str, lang: str) -> str:
    return group or term("head.campaign", lang)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def md(text: str) -> str:
    """Text for a markdown table cell: special characters escaped, no link, one line."""
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    out = _AUTOLINK.sub(lambda m: m.group() + _ZWSP, out)
    return out.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def render_error(error: RunError, lang: str) -> str:
    """`::error::` with the code as title (and the file, when the error has one)."""
    props = {"title": error.code}
    if error.path:
        props = {
            "file": rebase()(error.path),
            **({"line": str(error.line)} if error.line else {}),
            **props,
        }
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    text = f"{error.message}\n{labelled('head.hint', error.hint, lang)}"
    return f"::error {head}::{escape_data(text)}\n"


class GithubReporter(Reporter):
    """Annotations on stdout, and the job summary when GitHub gives a file for it."""

    name = "github"

    def render(self, report: Report, lang: str) -> str:
        return render(report, lang)

    def emit(self, report: Report, lang: str) -> None:
        super().emit(report, lang)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            write_summary(report, lang, Path(summary_file))


REPORTER = GithubReporter()
