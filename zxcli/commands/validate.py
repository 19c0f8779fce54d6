"""`zx validate` and `zx rules`: the checks, and the table of what they check."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import (
    Force,
    Lang,
    LangOption,
    Outputs,
    Quiet,
    ReportFormats,
    RulesFormat,
    destinations,
)

if TYPE_CHECKING:
    from zxcli.errors import ZxError


def register(app: typer.Typer) -> None:
    app.command(name="validate")(validate_command)
    app.command(name="rules")(rules_command)


def validate_command(
    paths: Annotated[list[Path], typer.Argument()],
    fmt: ReportFormats = None,
    output: Outputs = None,
    lang: LangOption = Lang.zh,
    select: Annotated[list[str] | None, typer.Option()] = None,
    ignore: Annotated[list[str] | None, typer.Option()] = None,
    strict: Annotated[bool, typer.Option()] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0)] = 0,
    scan: Annotated[bool, typer.Option("--scan")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    quiet: Quiet = False,
    force: Force = False,
) -> None:
    """Check the dossiers and report every finding (help text: catalog/help.yaml)."""
    from zxcli import report as reporters
    from zxcli.commands.progress import TerminalProgress
    from zxcli.pipeline import validate_paths
    from zxcli.results import SILENT, Options
    from zxcli.rules.runner import default_jobs

    # Before any work: a wrong pairing of --format and --output is a usage error (exit 2).
    chosen = destinations(sys.argv[1:], [f.value for f in fmt or ()], output or [])
    if scan:
        _require_scan_extra()
    options = Options(
        lang=lang.value,
        select=frozenset(select or ()),
        ignore=frozenset(ignore or ()),
        strict=strict,
        scan=scan,
    )
    bar = nullcontext(SILENT) if quiet else TerminalProgress(lang.value)
    with bar as progress:
        report = validate_paths(
            paths, options, jobs or default_jobs(), cache=not no_cache, progress=progress
        )
    _say_notices(report.notices, lang.value)
    reporters.emit_all(report, chosen, lang.value, force=force, quiet=quiet)
    raise typer.Exit(report.exit_code())


def _say_notices(notices: list[ZxError], lang: str) -> None:
    """What the run could not use (the cache), on stderr: no finding, no verdict."""
    if notices:
        from rich.console import Console

        from zxcli.report.errors import describe

        console = Console(stderr=True, highlight=False)
        for notice in notices:
            console.print(describe(notice, lang), soft_wrap=not console.is_terminal)


def _require_scan_extra() -> None:
    """Before any work: without the extra, --scan is a usage error (ZX489, exit 2)."""
    from zxcli.scan.deps import EXTRA, require

    for module in EXTRA:
        require(module)  # raises ScanUnavailable naming the missing library


def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.table,
    lang: LangOption = Lang.zh,
) -> None:
    """The rule catalog as a table or as Markdown."""
    from rich.console import Console

    from zxcli.report import rules_list

    if fmt is RulesFormat.markdown:
        sys.stdout.write(rules_list.as_markdown(lang.value))
    else:
        Console().print(rules_list.as_table(lang.value))
