"""`zx freeze`: record the SHA-256 of every attachment in dossier.yaml (in place)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import Force, Lang, LangOption, Outputs, Quiet, TextOrJson
from zxcli.results import Report

if TYPE_CHECKING:
    from zxcli.freeze import FreezePlan
    from zxcli.results import Finding


def register(app: typer.Typer) -> None:
    app.command(name="freeze")(freeze_command)


def freeze_command(
    paths: Annotated[list[Path], typer.Argument()],
    check: Annotated[bool, typer.Option("--check")] = False,
    fmt: Annotated[
        list[TextOrJson] | None, typer.Option("--format", "-f", show_default=False)
    ] = None,
    output: Outputs = None,
    lang: LangOption = Lang.zh,
    quiet: Quiet = False,
    force: Force = False,
) -> None:
    """Record each attachment's hash and the date in dossier.yaml (help text: catalog/help.yaml)."""
    from zxcli.commands.options import destinations
    from zxcli.freeze import check_findings, freeze

    chosen = [
        (each or "text", target)
        for each, target in destinations(sys.argv[1:], [f.value for f in fmt or ()], output or [])
    ]
    plans = freeze(paths, check=check)
    if check:
        _report(plans, check_findings(plans), chosen, lang.value, force=force, quiet=quiet)
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
    return term(
        "freeze.summary",
        lang,
        file=frozen.display,
        recorded=len(frozen.recorded),
        updated=len(frozen.replaced),
        which=updated,
        left=frozen.left,
    )


def _shown(path: Path) -> str:
    from zxcli.load.display import display_path

    return display_path(path)


class CheckReport(Report):
    """`freeze --check`: any hash freeze would write fails the run (exit 1), while each
    dossier's row still says what it holds: a hash not yet recorded is a warning (有警告),
    not 未通过 on a row with no error."""

    def failing(self) -> bool:
        return bool(self.findings or self.hidden)


def _report(
    plans: list[FreezePlan],
    findings: list[Finding],
    chosen: list[tuple[str, Path | None]],
    lang: str,
    *,
    force: bool,
    quiet: bool,
) -> None:
    from zxcli import report as output
    from zxcli.results import Options

    report = CheckReport()
    report.dossiers.extend(p.key for p in plans)
    report.files.extend([*_settings_files(plans), *(p.display for p in plans)])
    report.add(findings, {}, Options(lang=lang))
    output.emit_all(report, chosen, lang, force=force, quiet=quiet)
    raise typer.Exit(report.exit_code())


def _settings_files(plans: list[FreezePlan]) -> list[str]:
    """The campaign's zx.yaml above the dossiers, found as validate finds it (the folder
    named or any above it), so that the report names the settings it belongs to."""
    from zxcli.load.display import display_path
    from zxcli.model.campaign import CAMPAIGN_FILE

    found: list[str] = []
    for plan in plans:
        folder = Path(plan.root).absolute()
        home = next((p for p in (folder, *folder.parents) if (p / CAMPAIGN_FILE).is_file()), None)
        shown = display_path(home / CAMPAIGN_FILE) if home else None
        if shown and shown not in found:
            found.append(shown)
    return found
