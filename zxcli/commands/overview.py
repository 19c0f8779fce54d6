"""`zx overview`: parse the arguments, call zxcli.overview, print what was written.

Wiring (for zxcli/cli.py): add this module to `_register_command_modules`; `register(app)`
adds the command. Errors are ZxError with a catalog code (ZX821–ZX823: this package's
zxcli/catalog/codes/overview.yaml), so cli.main prints them and exits with their code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zxcli.commands.options import Lang, LangOption, date_option


def register(app: typer.Typer) -> None:
    app.command(name="overview")(overview_command)


def overview_command(
    campaign: Annotated[Path, typer.Argument()],
    out: Annotated[Path, typer.Option("--out", "-o")],
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf")] = True,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOption = Lang.zh,
    # Kept so that scripts passing it still run: the overview validates the campaign once,
    # in one process (pipeline.open_campaign), so the value changes nothing.
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, hidden=True)] = 0,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
) -> None:
    """Write the committee's overview (HTML and PDF)."""
    from zxcli.commands.tally import refusals
    from zxcli.model.campaign import display_path
    from zxcli.overview import overview

    today = date_option("--as-of", as_of)
    with refusals(lang.value, [("text", None)], "overview", force):
        written = overview(campaign, out, lang=lang.value, pdf=pdf, force=force, as_of=today)
    for path in written:
        typer.echo(display_path(path))
