"""`zx ballots` and `zx tally`: parse the arguments, call zxcli.tally, print, exit.

Exit codes come from the errors raised (zxcli.errors): 1 when the review data are
refused, 2 for usage and I/O errors, 3 when a tie straddles the cut-off (第5条).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import Lang, LangOption, ReportFormat, date_option
from zxcli.errors import UsageError
from zxcli.results import Finding, Options, Report

if TYPE_CHECKING:
    from rich.console import Console

    from zxcli.tally.pipeline import Outcome


def _formats(value: str) -> list[str]:
    from zxcli.tally.sheets import FORMATS

    chosen = [f.strip() for f in value.split(",") if f.strip()]
    wrong = [f for f in chosen if f not in FORMATS]
    if wrong or not chosen:
        raise UsageError("ZX905", option="--format", value=value, reason="xlsx,yaml")
    return chosen


# Options, defined once so that each command's signature stays readable.
CampaignArg = Annotated[Path, typer.Argument()]
ForceOpt = Annotated[bool, typer.Option("--force")]
SheetsOpt = Annotated[str, typer.Option("--sheets")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o")]
StartOpt = Annotated[str | None, typer.Option("--publicity-start")]
FinalOpt = Annotated[bool, typer.Option("--final")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of")]
TrimOpt = Annotated[bool, typer.Option("--trim")]
ReportFormatOpt = Annotated[ReportFormat | None, typer.Option("--format", "-f", show_default=False)]


def register(app: typer.Typer) -> None:
    @app.command()
    def ballots(
        campaign: CampaignArg,
        out: Annotated[Path, typer.Option("--out", "-o")],
        force: ForceOpt = False,
        sheets: SheetsOpt = "xlsx",
        fmt: ReportFormatOpt = None,
        lang: LangOption = Lang.zh,
    ) -> None:
        """One ballot per committee member."""
        from zxcli.load.display import display_path
        from zxcli.tally.pipeline import make_ballots

        with _refusals(lang.value, _name(fmt), "ballots"):
            written, notes = make_ballots(campaign, out, _formats(sheets), force)
        _notes(notes, _name(fmt), lang.value, "ballots")
        for path in written:
            print(display_path(path), file=sys.stderr if _machine(_name(fmt)) else sys.stdout)

    @app.command()
    def tally(
        campaign: CampaignArg,
        out: OutOpt = None,
        force: ForceOpt = False,
        publicity_start: StartOpt = None,
        final: FinalOpt = False,
        as_of: AsOfOpt = None,
        trim: TrimOpt = False,
        lang: LangOption = Lang.zh,
        fmt: ReportFormatOpt = None,
    ) -> None:
        """Count the ballots; the shortlist, the publicity period and the final list."""
        from rich.console import Console

        from zxcli.commands.progress import TerminalProgress
        from zxcli.tally.pipeline import TallyOptions, run_tally

        options = TallyOptions(trim=trim, final=final,
                               publicity_start=date_option("--publicity-start", publicity_start),
                               as_of=date_option("--as-of", as_of))
        with _refusals(lang.value, _name(fmt), "tally"), TerminalProgress(lang.value) as progress:
            outcome = run_tally(campaign, options, progress)
        people = not _machine(_name(fmt))
        if people:
            # The results first: a re-count refused for an existing output (ZX903) has
            # still shown what it counted.
            from zxcli.tally import terminal

            console = Console(highlight=False)
            terminal.render(outcome, console, lang.value)
        if out is not None:
            from zxcli.tally.outputs import write_outputs

            before = len(outcome.notes)
            # The 公文 refuse on missing notice data (review/notice.yaml): listed as found.
            with _refusals(lang.value, _name(fmt), "tally"):
                outcome.written = write_outputs(outcome, out, force)
            if people and len(outcome.notes) > before:
                _notes(outcome.notes[before:], _name(fmt), lang.value, "tally")
        if people:
            _print_written(outcome.written, console)
        elif _name(fmt) == "json":
            print(_json(outcome, lang.value))
        elif _machine(_name(fmt)):
            from zxcli import report as reporters

            reporters.emit(problems_report(outcome.notes, "tally"), _name(fmt), lang.value)
        tie = outcome.tie_error()
        if tie is not None:
            raise tie  # exit 3: the committee must decide, zx never breaks the tie


def _name(fmt: ReportFormat | None) -> str | None:
    return fmt.value if fmt is not None else None


def _machine(fmt: str | None) -> bool:
    return fmt not in (None, "text")


def problems_report(problems: list[Finding], command: str) -> Report:
    """The tally's refusals or notes as a report, for the same reporters validate uses."""
    report = Report(command=command)
    report.add(problems, {}, Options())
    report.files.extend(sorted({p.path for p in problems}))
    return report


def _notes(notes: list[Finding], fmt: str | None, lang: str, command: str) -> None:
    """Notes (e.g. nominations left out because they fail validation) in the chosen format."""
    if _machine(fmt):
        from zxcli import report as reporters

        reporters.emit(problems_report(notes, command), fmt, lang)
    elif notes:
        from rich.console import Console

        from zxcli.tally.terminal import print_problems

        print_problems(notes, Console(stderr=True, highlight=False), lang)


@contextmanager
def _refusals(lang: str, fmt: str | None, command: str) -> Iterator[None]:
    """Show every refused problem, in the chosen format, before the error ends the command."""
    from zxcli.tally.problems import RefusedError

    try:
        yield
    except RefusedError as error:
        _notes(error.problems, fmt, lang, command)
        raise


def _json(outcome: Outcome, lang: str) -> str:
    from zxcli.load.display import display_path
    from zxcli.report.json_out import document
    from zxcli.tally.outputs import final_data, shortlist_data

    data = {**document(problems_report(outcome.notes, "tally"), lang),
            "shortlist": shortlist_data(outcome, lang),
            "final": final_data(outcome.final) if outcome.final else None,
            "written": [display_path(p) for p in outcome.written]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _print_written(paths: list[Path], console: Console) -> None:
    from zxcli.load.display import display_path

    for path in paths:
        console.print(f"→ {display_path(path)}", style="dim")
