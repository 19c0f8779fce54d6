"""`zx ballots` and `zx tally`: parse the arguments, call zxcli.tally, print, exit.

Exit codes come from the errors raised (zxcli.errors): 1 when the review data are
refused, 2 for usage and I/O errors, 3 when a tie straddles the cut-off (第5条).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import (
    Lang,
    LangOption,
    LongOutputs,
    Quiet,
    ReportFormat,
    date_option,
    destinations,
)
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
ReportFormatOpt = Annotated[
    list[ReportFormat] | None, typer.Option("--format", "-f", show_default=False)
]
# (format, file or None for standard output), as --format/--output were paired
Chosen = list[tuple[str | None, Path | None]]


def register(app: typer.Typer) -> None:
    @app.command()
    def ballots(
        campaign: CampaignArg,
        out: Annotated[Path, typer.Option("--out", "-o")],
        force: ForceOpt = False,
        sheets: SheetsOpt = "xlsx",
        fmt: ReportFormatOpt = None,
        output: LongOutputs = None,
        lang: LangOption = Lang.zh,
        quiet: Quiet = False,
    ) -> None:
        """One ballot per committee member."""
        from zxcli.load.display import display_path
        from zxcli.tally.pipeline import make_ballots

        chosen = _chosen(fmt, output, quiet)
        with refusals(lang.value, chosen, "ballots", force):
            written, notes = make_ballots(campaign, out, _formats(sheets), force)
        _notes(notes, chosen, lang.value, "ballots", force)
        for path in [] if quiet else written:
            print(display_path(path), file=sys.stderr if _machine(_stdout(chosen)) else sys.stdout)
        if not quiet:  # the next step, and where the returned ballots go
            from zxcli.catalog import term

            print(
                term("tally.next.ballots", lang.value, folder=display_path(campaign)),
                file=sys.stderr,
            )

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
        output: LongOutputs = None,
        quiet: Quiet = False,
    ) -> None:
        """Count the ballots; the shortlist, the publicity period and the final list."""
        from rich.console import Console

        from zxcli.commands.progress import TerminalProgress
        from zxcli.tally.pipeline import TallyOptions, run_tally

        options = TallyOptions(
            trim=trim,
            final=final,
            publicity_start=date_option("--publicity-start", publicity_start),
            as_of=date_option("--as-of", as_of),
        )
        chosen = _chosen(fmt, output, quiet)
        with refusals(lang.value, chosen, "tally", force), TerminalProgress(lang.value) as progress:
            outcome = run_tally(campaign, options, progress)
        _write_files(chosen, lambda each: _tally_document(outcome, each, lang.value), force)
        shown = _stdout(chosen)
        people = shown is not None and not _machine(shown)
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
            with refusals(lang.value, chosen, "tally", force):
                outcome.written = write_outputs(outcome, out, force)
            if people and len(outcome.notes) > before:
                _notes(outcome.notes[before:], chosen, lang.value, "tally", force)
        if people:
            _print_written(outcome.written, console)
        elif shown == "json":
            print(_json(outcome, lang.value))
        elif _machine(shown):
            from zxcli import report as reporters

            reporters.emit(problems_report(outcome.notes, "tally"), shown, lang.value)
        tie = outcome.tie_error()
        if tie is not None:
            raise tie  # exit 3: the committee must decide, zx never breaks the tie


def _chosen(
    fmt: list[ReportFormat] | None, output: list[Path] | None, quiet: bool = False
) -> Chosen:
    """--format and --output paired (commands/options.py); `text` when no format is named;
    under --quiet only the files (nothing on standard output)."""
    pairs = destinations(sys.argv[1:], [f.value for f in fmt or ()], output or [])
    return [(each or "text", path) for each, path in pairs if path is not None or not quiet]


def _stdout(chosen: Chosen) -> str | None:
    """The format shown on standard output; None when every format went to a file."""
    return next((each for each, path in chosen if path is None), None)


def _machine(fmt: str | None) -> bool:
    return fmt not in (None, "text")


def _write_files(chosen: Chosen, render: Callable[[str], str], force: bool) -> None:
    """The formats that have an --output, each rendered and written atomically."""
    from zxcli.load.atomic import write_all

    files = {
        path: render(each or "text").encode("utf-8", "backslashreplace")
        for each, path in chosen
        if path is not None
    }
    if files:
        write_all(files, force)


def _tally_document(outcome: Outcome, fmt: str, lang: str) -> str:
    if fmt == "json":
        return _json(outcome, lang) + "\n"
    if fmt == "text":
        from zxcli.tally import terminal

        return _recorded(lambda console: terminal.render(outcome, console, lang))
    from zxcli import report as reporters

    return reporters.reporter(fmt).render(problems_report(outcome.notes, "tally"), lang)


def _recorded(draw: Callable[[Console], None]) -> str:
    """What `draw` prints, as text for a file (no colour, 100 columns)."""
    import io

    from rich.console import Console

    console = Console(record=True, file=io.StringIO(), width=100, highlight=False)
    draw(console)
    return console.export_text()


def problems_report(problems: list[Finding], command: str) -> Report:
    """The tally's refusals or notes as a report, for the same reporters validate uses."""
    report = Report(command=command)
    report.add(problems, {}, Options())
    report.files.extend(sorted({p.path for p in problems}))
    return report


def _notes(notes: list[Finding], chosen: Chosen, lang: str, command: str, force: bool) -> None:
    """Notes (e.g. nominations left out because they fail validation) in the chosen formats:
    to their --output files, and the one without a file to standard output."""
    _write_files(chosen, lambda each: _notes_document(notes, each, lang, command), force)
    fmt = _stdout(chosen)
    if fmt is None:
        return
    if _machine(fmt):
        from zxcli import report as reporters

        reporters.emit(problems_report(notes, command), fmt, lang)
    elif notes:
        from rich.console import Console

        from zxcli.tally.terminal import print_problems

        print_problems(notes, Console(stderr=True, highlight=False), lang)


def _notes_document(notes: list[Finding], fmt: str, lang: str, command: str) -> str:
    if fmt == "text":
        from zxcli.tally.terminal import print_problems

        return _recorded(lambda console: print_problems(notes, console, lang))
    from zxcli import report as reporters

    return reporters.reporter(fmt).render(problems_report(notes, command), lang)


@contextmanager
def refusals(lang: str, chosen: Chosen, command: str, force: bool) -> Iterator[None]:
    """Show every refused problem, in the chosen formats, before the error ends the command."""
    from zxcli.tally.problems import RefusedError

    try:
        yield
    except RefusedError as error:
        _notes(error.problems, chosen, lang, command, force)
        if command == "ballots":  # nothing was being counted: say what was not done
            raise RefusedError(error.problems, "ballots") from None
        raise


def _json(outcome: Outcome, lang: str) -> str:
    from zxcli.load.display import display_path
    from zxcli.report.json_out import document
    from zxcli.tally.outputs import final_data, shortlist_data

    data = {
        **document(problems_report(outcome.notes, "tally"), lang),
        "shortlist": shortlist_data(outcome, lang),
        "final": final_data(outcome.final) if outcome.final else None,
        "written": [display_path(p) for p in outcome.written],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _print_written(paths: list[Path], console: Console) -> None:
    from zxcli.load.display import display_path

    for path in paths:
        console.print(f"→ {display_path(path)}", style="dim")
