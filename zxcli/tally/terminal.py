"""The tally for people at a terminal: a rich table, the notes, the 公示, the final list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zxcli.tally.labels import label
from zxcli.tally.outputs import (
    decision_text,
    rules_text,
    shortlist_rows,
    stage_text,
    window_text,
)
from zxcli.tally.pipeline import Outcome
from zxcli.tally.problems import Problem

_STATUS_STYLE = {"selected": "green", "tied": "bold yellow", "over_cap": "", "failed": "dim"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
# A narrow terminal (80 columns) wraps a cell onto more lines; rich's default cut a city's
# name or a heading short with "…", which hides what it is.
_OVERFLOW: Literal["fold"] = "fold"


def render(outcome: Outcome, console: Console, lang: str) -> None:
    console.print(_table(outcome, lang))
    console.print(rules_text(outcome, lang), style="dim")
    # MIIT's decision (第8条), or that none is recorded yet: the stage column follows it.
    console.print(decision_text(outcome, lang) or label("decision.none", lang))
    console.print(f"{label('publicity', lang)}: {window_text(outcome, lang)}")
    tie = outcome.tie_error()
    if tie is not None:
        from zxcli.catalog import rule

        console.print(
            Text(
                f"{label('tie', lang)}: {rule('ZX741').render(lang, tie.params)}",
                style="bold yellow",
            )
        )
    print_problems(outcome.notes, console, lang)
    if outcome.final is not None:
        console.print(_final_table(outcome, lang))
    step = next_step(outcome)
    if step is not None:
        key, params = step
        console.print(label(f"next.{key}", lang, **params), style="bold")


def next_step(outcome: Outcome) -> tuple[str, dict[str, str]] | None:
    """What the ministry does next, and the file it needs (issue 25): the decision, then
    the 公示, then the final list; nothing once that is made or while a tie is open."""
    from zxcli.load.display import display_path

    folder = {"folder": display_path(outcome.review.root)}
    if outcome.final is not None or outcome.tie_error() is not None:
        return None
    if not outcome.decision.recorded:
        return "decision", folder
    if outcome.window is None:
        return "publicity", folder
    return "final", {**folder, "end": outcome.window.end.isoformat()}


def _table(outcome: Outcome, lang: str) -> Table:
    review = outcome.review
    rows = shortlist_rows(outcome)
    keys = ["rank", "city", "approve", "mean", "spread", "status", "stage"]
    if any(r["short_of_ballots"] for r in rows):
        keys.append("remark")
    table = Table(title=f"{review.campaign.label} {label('shortlist', lang)}")
    # A city's name is never split: its column keeps the longest name's width; the other
    # columns wrap to fit 80 columns.
    longest = max((cell_len(_cells(row, lang)[1]) for row in rows), default=0)
    for key in keys:
        heading = label(
            "trimmed_mean" if key == "mean" and outcome.result.rules.trim else key, lang
        )
        table.add_column(
            heading,
            justify="right" if key in ("rank", "approve", "mean", "spread") else "left",
            overflow=_OVERFLOW,
            no_wrap=key == "city",
            min_width=longest if key == "city" else None,
        )
    for row in rows:
        table.add_row(*_cells(row, lang)[: len(keys)], style=_STATUS_STYLE[row["status"]])
    return table


def _cells(row: dict[str, Any], lang: str) -> list[str]:
    return [
        str(row["rank"]),
        f"{row['province']}{row['city']}",
        f"{row['approve']}/{row['entitled']} ({row['approval_percent']:.2f}%)",
        _num(row["mean_score"]),
        _num(row["spread"]),
        label("status." + row["status"], lang),
        stage_text(row, lang),
        label("short", lang) if row["short_of_ballots"] else "",
    ]


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _final_table(outcome: Outcome, lang: str) -> Table:
    from zxcli.tally.final import ORDER_NOTE

    final = outcome.final
    assert final is not None
    from zxcli.tally.outputs import final_title

    # The list itself is the ministry's Chinese document; in English its words are said in
    # English, the names stay as written.
    title = (
        label("final_heading", lang, year=final.campaign.year)
        if lang == "en"
        else f"{final_title(final)}（{ORDER_NOTE}）"
    )
    table = Table(title=title)
    for key in ("code", "province", "city", "period"):
        table.add_column(label(key, lang), overflow=_OVERFLOW)
    for entry in final.entries:
        c = entry.candidate
        period = label("period_one_year", lang) if lang == "en" else entry.period
        table.add_row(c.code, c.province, c.name, period)
    if final.removed:  # not on the list: said below it, never as one of its rows
        names = {c.code: c.label for c in outcome.review.candidates}
        table.caption = (
            label("removed", lang)
            + "："
            + "、".join(f"{names.get(o.city_code, o.city_code)}（{o.id}）" for o in final.removed)
        )
    return table


def print_problems(problems: Iterable[Problem], console: Console, lang: str) -> None:
    """One line per problem, as `zx validate` prints findings: where, code, article, text."""
    from zxcli.catalog import rule

    for problem in problems:
        entry = rule(problem.code)
        style = _SEVERITY_STYLE.get(entry.severity.value, "")
        text = Text()
        text.append(f"{problem.location()} ", style="cyan")
        text.append(f"{problem.code} ", style=style)
        if entry.article:
            text.append(f"{entry.article} ", style="magenta")
        text.append(problem.message(lang))
        text.append(f"\n    → {entry.render_hint(lang, problem.params)}", style="dim")
        console.print(text, soft_wrap=not console.is_terminal)  # piped: never hard-wrapped
