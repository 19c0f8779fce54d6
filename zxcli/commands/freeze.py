"""`zx freeze`: record the SHA-256 of every attachment in dossier.yaml (in place)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import Lang, LangOption, TextOrJson

if TYPE_CHECKING:
    from zxcli.freeze import FreezePlan
    from zxcli.results import Finding


def register(app: typer.Typer) -> None:
    app.command(name="freeze")(freeze_command)


def freeze_command(
    paths: Annotated[list[Path], typer.Argument()],
    check: Annotated[bool, typer.Option("--check")] = False,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    lang: LangOption = Lang.zh,
) -> None:
    """Record each attachment's hash and the date in dossier.yaml (help text: catalog/help.yaml)."""
    from zxcli.freeze import check_findings, freeze

    plans = freeze(paths, check=check)
    if check:
        _report(plans, check_findings(plans), fmt.value, lang.value)
        return
    for frozen in plans:
        for change in frozen.changes:
            # Like sha256sum's output: what was recorded, for which file.
            typer.echo(f"{change.new}  {_shown(frozen.root / change.path)}")
        typer.echo(_summary(frozen, lang.value), err=True)


def _summary(frozen: FreezePlan, lang: str) -> str:
    """One line a person reads: how many hashes were recorded, updated (which) and left."""
    from zxcli.catalog import term

    updated = "、".join(c.path for c in frozen.replaced) or "-"
    return term("freeze.summary", lang, file=frozen.display, recorded=len(frozen.recorded),
                updated=len(frozen.replaced), which=updated, left=frozen.left)


def _shown(path: Path) -> str:
    from zxcli.load.display import display_path

    return display_path(path)


def _report(plans: list[FreezePlan], findings: list[Finding], fmt: str, lang: str) -> None:
    from zxcli import report as output
    from zxcli.results import Options, Report

    # strict: in --check mode anything freeze would write fails, not-yet-frozen included.
    report = Report(strict=True)
    report.dossiers.extend(p.key for p in plans)
    report.files.extend(p.display for p in plans)
    report.add(findings, {}, Options(lang=lang))
    output.emit(report, fmt, lang)
    raise typer.Exit(report.exit_code())
