"""`zx init` and `zx schema`: starting a campaign or a dossier, and the schemas for an editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import Lang, LangOption

if TYPE_CHECKING:
    from zxcli.scaffold import Scaffolded


def register(app: typer.Typer) -> None:
    app.command(name="init")(init_command)
    app.command(name="schema")(schema_command)


def init_command(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER")],
    campaign: Annotated[bool, typer.Option("--campaign")] = False,
    review: Annotated[bool, typer.Option("--review")] = False,
    province: Annotated[str | None, typer.Option(metavar="TEXT")] = None,
    city: Annotated[str | None, typer.Option(metavar="TEXT")] = None,
    year: Annotated[int | None, typer.Option(min=2018, max=2100, metavar="YEAR")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """Scaffold a campaign or a dossier, announcing the year used."""
    from zxcli.errors import UsageError
    from zxcli.scaffold import scaffold_campaign, scaffold_dossier, scaffold_review

    if review:
        done = scaffold_review(folder, force)
        _announce(done, folder, "review", lang.value)
        return
    if campaign:
        done = scaffold_campaign(folder, year, force)
    elif province and city:
        done = scaffold_dossier(folder, province, city, year, force)
    elif province or city:  # one of the two: name the one missing
        raise UsageError("ZX923", missing="--city" if province else "--province")
    else:
        raise UsageError("ZX924")
    _announce(done, folder, "campaign" if campaign else "dossier", lang.value)


def _announce(done: Scaffolded, folder: Path, what: str, lang: str) -> None:
    from zxcli.catalog import term
    from zxcli.load.display import display_path

    for written in done.written:
        typer.echo(display_path(written))
    choice = done.year
    settings = display_path(choice.settings) if choice.settings else ""
    typer.echo(
        term(f"init.year.{choice.source}", lang, year=choice.year, settings=settings), err=True
    )
    typer.echo(term(f"init.next.{what}", lang, folder=display_path(folder)), err=True)


def schema_command(
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FOLDER")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOption = Lang.zh,  # the language of its errors (read by cli.lang_of) and help
) -> None:
    """Export the JSON Schemas, or list them."""
    from zxcli.schema.export import export_schemas, list_schemas

    if out is None:
        for name in list_schemas():
            print(name)
        return
    for written in export_schemas(out, force):
        print(written)
