"""`zx render-forms`: parse the arguments, call zxcli.render, print what was written.

Errors are raised by zxcli.render as ZxError with a catalog code; cli.main prints them
and exits with their code (1: a dossier with validation errors, 2: usage and I/O).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zxcli.catalog import term
from zxcli.commands.options import Lang, LangOption


def register(app: typer.Typer) -> None:
    app.command(name="render-forms")(render_forms_command)


def render_forms_command(
    paths: Annotated[list[Path], typer.Argument()],
    out: Annotated[Path, typer.Option("--out", "-o")],
    formats: Annotated[str, typer.Option("--format", "-f")] = "docx,xlsx",
    summary: Annotated[bool, typer.Option("--summary")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
    draft: Annotated[bool, typer.Option("--draft")] = False,
    template_dir: Annotated[Path | None, typer.Option("--template-dir")] = None,
    lang: LangOption = Lang.zh,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0)] = 0,
) -> None:
    """Render the forms, or the campaign's summary sheet (help text: catalog/help.yaml)."""
    from zxcli.load.display import display_path
    from zxcli.model.targets import dossier_roots
    from zxcli.render.writer import (
        campaigns_of,
        parse_formats,
        render_forms,
        render_summary,
    )

    if summary:
        written = [render_summary(root, out, force, named) for root, named in campaigns_of(paths)]
    else:
        from zxcli.commands.progress import TerminalProgress
        from zxcli.rules.runner import default_jobs

        with TerminalProgress(lang.value) as progress:
            written = render_forms(
                dossier_roots(list(paths)),
                out,
                parse_formats(formats),
                force,
                draft,
                template_dir,
                lang.value,
                progress,
                jobs or default_jobs(),
            )
    for path in written:
        typer.echo(display_path(path))
    typer.echo(term("render.wrote", lang.value, count=len(written)), err=True)
    if draft and not summary:
        typer.echo(term("render.draft", lang.value), err=True)
