"""`zx form export` and `zx form import`: the fill-in workbook of a dossier or the committee.

One command with an action word, so that its help and options live in catalog/help.yaml
like every other command's.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zxcli.commands.options import Lang, LangOption, ReportFormat

if TYPE_CHECKING:
    from zxcli.form.importer import Imported


# The few lines the command prints besides a report.
_WORDS = {
    "next.import": {
        "zh": "填好后导入：zx form import {out} <申报目录>（先加 --check 检查）",
        "en": "when filled in: zx form import {out} <dossier> (try --check first)",
    },
    "next.validate": {
        "zh": "已写入。下一步：zx validate {folder}",
        "en": "written. Next: zx validate {folder}",
    },
    "unchanged": {"zh": "与现有 YAML 相比没有变化", "en": "no change against the YAML"},
}


def _word(key: str, lang: str, **params: object) -> str:
    return _WORDS[key][lang].format(**params)


class Action(str, Enum):
    export = "export"
    import_ = "import"


def register(app: typer.Typer) -> None:
    app.command(name="form")(form_command)


def form_command(
    action: Annotated[Action, typer.Argument(metavar="ACTION")],
    paths: Annotated[list[Path] | None, typer.Argument(metavar="PATHS")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE")] = None,
    campaign: Annotated[Path | None, typer.Option(metavar="FOLDER")] = None,
    province: Annotated[str | None, typer.Option(metavar="TEXT")] = None,
    city: Annotated[str | None, typer.Option(metavar="TEXT")] = None,
    committee: Annotated[Path | None, typer.Option(metavar="FOLDER")] = None,
    check: Annotated[bool, typer.Option("--check")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
    fmt: Annotated[ReportFormat | None, typer.Option("--format", "-f", show_default=False)] = None,
    lang: LangOption = Lang.zh,
) -> None:
    """Export a dossier as a fill-in workbook, or import one (help: catalog/help.yaml)."""
    if action is Action.export:
        _export(paths or [], out, campaign, province, city, committee, force, lang.value)
    else:
        _import(paths or [], check, dry_run, force, fmt.value if fmt else None, lang.value)


def _usage(option: str, reason: str) -> typer.Exit:
    from zxcli.errors import UsageError

    raise UsageError("ZX905", option=option, value="", reason=reason)


def _export(
    paths: list[Path],
    out: Path | None,
    campaign: Path | None,
    province: str | None,
    city: str | None,
    committee: Path | None,
    force: bool,
    lang: str,
) -> None:
    from zxcli.form import export_blank, export_committee, export_dossier
    from zxcli.load.display import display_path

    if out is None:
        raise _usage("--out", "zx form export … --out 申报数据表.xlsx")
    if committee is not None:
        written = export_committee(committee, out, force)
    elif campaign is not None and province and city and not paths:
        written = export_blank(campaign, province, city, out, force)
    elif len(paths) == 1 and campaign is None:
        written = export_dossier(paths[0], out, force)
    else:
        raise _usage("DOSSIER", "DOSSIER, or --campaign C --province P --city C, or --committee C")
    typer.echo(display_path(written))
    typer.echo(_word("next.import", lang, out=display_path(written)), err=True)


def _import(
    paths: list[Path], check: bool, dry_run: bool, force: bool, fmt: str | None, lang: str
) -> None:
    from zxcli import report as output
    from zxcli.form.importer import check as check_imported
    from zxcli.form.importer import form_findings, import_workbook, write
    from zxcli.results import Options, Report

    if len(paths) != 2:
        raise _usage("PATHS", "zx form import WORKBOOK.xlsx DOSSIER")
    if not paths[0].exists():
        from zxcli.errors import UsageError
        from zxcli.load.display import display_path

        raise UsageError("ZX901", target=display_path(paths[0]))
    done = import_workbook(paths[0], paths[1], force=force)
    options = Options(lang=lang)
    if done.problems or done.target is None or check:
        report = Report() if done.blocked or not check else check_imported(done, options)
        if done.target is not None and not report.files:  # the settings line names them
            from zxcli.load.display import display_path
            from zxcli.model.campaign import CAMPAIGN_FILE

            report.files.append(display_path(done.target.campaign / CAMPAIGN_FILE))
        report.command = "form"
        report.add(form_findings(done), {}, options)
        if done.conflict:
            _show_changes(done, lang)
        output.emit(report, fmt, lang)
        raise typer.Exit(max(report.exit_code(), 1 if done.problems else 0))
    if done.conflict or dry_run:
        _show_changes(done, lang)
    if dry_run:
        return
    from zxcli.load.display import display_path

    for path in write(done):
        typer.echo(display_path(path))
    typer.echo(_word("next.validate", lang, folder=display_path(paths[1])), err=True)


def _show_changes(done: Imported, lang: str) -> None:
    from zxcli.load.inert import terminal_text

    changes = done.changes()
    if not changes:
        typer.echo(_word("unchanged", lang))
    for change in changes:
        cell = f"  [{change.cell}]" if change.cell else ""
        typer.echo(
            terminal_text(
                f"{change.file}: {change.field}: {_shown(change.old)} → {_shown(change.new)}{cell}"
            )
        )


def _shown(value: object) -> str:
    import json

    if value is None:
        return "∅"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:80] + "…"
