"""Findings for people: grouped by dossier, then a summary table (rich).

On a terminal a finding takes two lines (the hint indented below). Piped into a file, a CI
log or pre-commit, it is one line that is never hard-wrapped, so `file:line:col` stays
whole for editors and grep; the terminal's width never decides where a line breaks.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from zxcli.catalog import Severity, term
from zxcli.load.inert import terminal_text
from zxcli.report.fold import fold, text_sort_key
from zxcli.report.interface import Reporter
from zxcli.results import Finding, Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render(report: Report, console: Console, lang: str) -> None:
    report = fold(report)  # a file's follow-on note after the errors it refers to
    oneline = not console.is_terminal
    _settings_note(report, console, lang)
    if oneline:
        # Piped: the groups' rules and lines drawn here. rich lays out each print on its
        # own (about half a millisecond, more for Chinese text), which for tens of
        # thousands of findings took longer than finding them. No colour is lost: piped
        # output has none.
        _print_plain(console, _plain_groups(report, lang, console.width))
    else:
        for group, findings in _groups(report):
            console.rule(Text(_group_title(group, lang), style="bold"))
            for finding in findings:
                console.print(_line(finding, report, lang))
    _off_note(report, console, lang)
    _hidden_note(report, console, lang)
    _info_notes(report, console, lang)
    if oneline:
        # The same table as plain text, drawn here too, and never cut to the width rich
        # assumes.
        console.print(
            "\n".join(plain_summary(report, lang)),
            soft_wrap=True,
            markup=False,
            highlight=False,
            emoji=False,
        )
    else:
        console.print(_summary(report, lang))
    console.print(last_line(report, lang), soft_wrap=True)


def last_line(report: Report, lang: str) -> str:
    """The run's verdict in words: "全部通过" only for a pass with every attachment frozen;
    otherwise the verdict, the totals, and what is unfinished."""
    verdict = report.verdict()
    if verdict == "pass":
        return term("text.clean", lang)
    unfrozen = report.unfrozen_total
    line = term(
        "text.verdict",
        lang,
        status=term(f"status.{verdict}", lang),
        files=len(report.files),
        errors=len(report.errors) + len(report.hidden_errors),
        warnings=len(report.warnings),
    )
    if unfrozen:
        line += term("text.unfrozen", lang, count=unfrozen)
    return line


_LINES_PER_PRINT = 200


def _print_plain(console: Console, lines: Iterator[str]) -> None:
    """Lines as they are: written straight to the console's file, or, for a recording
    console (TextReporter.render), printed by rich a few hundred at a time (one print of
    them all held hundreds of MB of segments)."""
    if not console.record:
        write = console.file.write
        for line in lines:
            write(line + "\n")
        return
    while chunk := list(itertools.islice(lines, _LINES_PER_PRINT)):
        console.print("\n".join(chunk), soft_wrap=True, markup=False, highlight=False, emoji=False)


def _groups(report: Report) -> Iterator[tuple[str, list[Finding]]]:
    """Each group that has findings, with them in file order."""
    for group, findings in report.by_dossier().items():
        if findings:
            yield group, sorted(findings, key=text_sort_key)


def _group_title(group: str, lang: str) -> str:
    """A dossier's key, or the campaign's own files; never a terminal escape."""
    return terminal_text(group or term("head.campaign", lang))


def _plain_groups(report: Report, lang: str, width: int) -> Iterator[str]:
    """Each group with findings: its rule, then one line per finding."""
    for group, findings in _groups(report):
        yield plain_rule(_group_title(group, lang), width)
        yield from (_plain_line(f, report, lang) for f in findings)


def plain_rule(title: str, width: int) -> str:
    """`console.rule(title)` as rich draws it `width` cells wide, without colour."""
    from rich.cells import cell_len, set_cell_size

    if "\t" in title:  # rich expands tabs by cells: let it (names never hold one)
        console = Console(width=width, file=io.StringIO(), record=True, highlight=False)
        console.rule(title)
        return console.export_text().rstrip("\n")
    title = title.replace("\n", " ")
    if width - 4 <= 0:
        return "─" * max(width, 0)
    if cell_len(title) > width - 4:  # rich's ellipsis truncation
        title = set_cell_size(title, width - 5) + "…"
    side = (width - cell_len(title)) // 2
    left = "─" * max(side - 1, 0)
    right = "─" * min(side + 1, max(width - len(left) - cell_len(title), 0))
    return set_cell_size(f"{left} {title} {right}", width)


def _settings_note(report: Report, console: Console, lang: str) -> None:
    # Which zx.yaml decided the year and the limits: a person checking a dossier from
    # another folder should see at once whether it was read with their campaign's settings.
    used = next(
        (f for f in report.files if f.replace("\\", "/").rsplit("/", 1)[-1] == "zx.yaml"), None
    )
    key = "text.settings" if used else "text.no_settings"
    console.print(term(key, lang, file=terminal_text(used or "")), soft_wrap=True)


def _line(finding: Finding, report: Report, lang: str) -> Text:
    """A finding on a terminal: styled, its hint indented on the next line."""
    return Text.assemble(*_parts(finding, report, lang, oneline=False))


def _plain_line(finding: Finding, report: Report, lang: str) -> str:
    """The piped line: its pieces joined, without building a rich Text, which strips control
    codes from each piece appended (a third of a long report's time); once per line is the
    same."""
    from rich.control import strip_control_codes

    return strip_control_codes(
        "".join(text for text, _ in _parts(finding, report, lang, oneline=True))
    )


def _parts(finding: Finding, report: Report, lang: str, oneline: bool) -> list[tuple[str, str]]:
    """The pieces of a finding's line, each with its style on a terminal; piped (`oneline`),
    the hint follows on the same line."""
    rule = finding.rule
    severity = finding.level
    style = _STYLE.get(severity, "")
    label = term("severity." + severity.value, lang)
    parts = [
        (f"{finding.location()} ", "cyan"),
        (f"{finding.code} ", style),
        (f"[{label}] ", style),
    ]
    if rule.article:
        parts.append((f"{rule.article} ", "magenta"))
    parts.append((finding.message(lang), ""))
    if finding.code in report.overrides:
        parts.append((term("text.severity_changed", lang, severity=label), "dim"))
    # The hint is what to do: normal weight, not dimmed into the background.
    parts += [(" → " if oneline else "\n    → ", ""), (finding.hint(lang), "")]
    return parts


def _off_note(report: Report, console: Console, lang: str) -> None:
    off = sorted(code for code, sev in report.overrides.items() if sev is Severity.OFF)
    if off:
        console.print(term("text.rules_off", lang, codes=", ".join(off)), style="dim")


def _info_notes(report: Report, console: Console, lang: str) -> None:
    """Why a rule let something pass (ZX620: a plan city outside its province's quota):
    said once each, never counted as a problem."""
    for note in report.notes:
        console.print(
            term("text.info", lang, code=note.code, message=note.message(lang)),
            soft_wrap=True,
            markup=False,
            highlight=False,
        )


def _hidden_note(report: Report, console: Console, lang: str) -> None:
    # Filters change what is shown, never the verdict: say what they hid.
    if report.hidden:
        console.print(
            term("text.hidden", lang, count=len(report.hidden), errors=len(report.hidden_errors)),
            style="bold yellow",
        )


_STATUS_STYLE = {
    "fail": "red",
    "unchecked": "red",
    "warn": "yellow",
    "warn_unfrozen": "yellow",
    "pass_unfrozen": "yellow",
    "pass": "green",
}


def _rows(report: Report, lang: str) -> list[tuple[str, str, str, str]]:
    """(name, errors, warnings, verdict) of each dossier, then of the campaign's files."""
    return [
        (_group_title(group, lang), str(errors), str(warnings), verdict)
        for group, errors, warnings, verdict in report.summary()
    ]


def _summary(report: Report, lang: str) -> Table:
    from rich.cells import cell_len

    rows = _rows(report, lang)
    table = Table(title=term("head.summary", lang))
    for key in ("dossier", "errors", "warnings", "status"):
        # A city's name is never cut: its column does not wrap or shrink below the name.
        table.add_column(
            term(f"head.{key}", lang),
            justify="right" if key in ("errors", "warnings") else "left",
            no_wrap=True,
            min_width=max((cell_len(r[0]) for r in rows), default=0) if key == "dossier" else None,
        )
    for name, errors, warnings, status in rows:
        table.add_row(
            Text(name),
            errors,
            warnings,
            Text(term(f"status.{status}", lang), style=_STATUS_STYLE[status]),
        )
    return table


def plain_summary(report: Report, lang: str) -> list[str]:
    """The summary table as rich draws it (title, heavy head, light body), without colour."""
    from rich.cells import cell_len

    head = tuple(term(f"head.{key}", lang) for key in ("dossier", "errors", "warnings", "status"))
    rows = [
        (name, errors, warnings, term(f"status.{status}", lang))
        for name, errors, warnings, status in _rows(report, lang)
    ]
    widths = [max(cell_len(row[i]) for row in (head, *rows)) for i in range(4)]
    right = (False, True, True, False)

    def line(cells: tuple[str, ...], bar: str) -> str:
        padded = [
            (" " * (w - cell_len(c)) + c) if r else (c + " " * (w - cell_len(c)))
            for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return bar + bar.join(f" {p} " for p in padded) + bar

    def rule(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + end

    title = term("head.summary", lang)
    total = sum(widths) + 2 * len(widths) + len(widths) + 1
    before = (total - cell_len(title)) // 2
    return [
        " " * before + title + " " * (total - before - cell_len(title)),
        rule("┏", "━", "┳", "┓"),
        line(head, "┃"),
        rule("┡", "━", "╇", "┩"),
        *(line(row, "│") for row in rows),
        rule("└", "─", "┴", "┘"),
    ]


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
