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
    folder: Annotated[Path, typer.Argument(
        metavar="FOLDER",
        help="新年度目录（加 --campaign），或新申报目录，如 2024/dossiers/广东省-佛山市")],
    campaign: Annotated[bool, typer.Option(
        "--campaign", help="建立年度目录：zx.yaml、schemas/（供编辑器使用）和 dossiers/")] = False,
    province: Annotated[str | None, typer.Option(
        metavar="TEXT", help="省份全称，或“新疆生产建设兵团”")] = None,
    city: Annotated[str | None, typer.Option(
        metavar="TEXT", help="申报市（州）名称，如 苏州市、浦东新区")] = None,
    year: Annotated[int | None, typer.Option(
        min=2019, max=2100, metavar="YEAR", help="所评年度（默认取 zx.yaml，没有时取上一年）")]
    = None,
    force: Annotated[bool, typer.Option(help="覆盖已有文件")] = False,
    lang: LangOption = Lang.zh,
) -> None:
    """建立年度目录（--campaign），或申报目录模板：代码、层级和印章单位按区划数据填好（第5、7条）。

    所用年度总会在屏幕上注明。每个 YAML 文件第一行指向年度目录下 schemas/ 中的
    JSON Schema（相对路径，离线可用）。
    """
    from zxcli.errors import UsageError
    from zxcli.scaffold import scaffold_campaign, scaffold_dossier

    if campaign:
        done = scaffold_campaign(folder, year, force)
    elif province and city:
        done = scaffold_dossier(folder, province, city, year, force)
    else:
        raise UsageError("ZX905", option="--province/--city", value="",
                         reason="--campaign, or --province and --city")
    _announce(done, folder, campaign, lang.value)


def _announce(done: Scaffolded, folder: Path, campaign: bool, lang: str) -> None:
    from zxcli.catalog import term
    from zxcli.load.display import display_path

    for written in done.written:
        typer.echo(display_path(written))
    choice = done.year
    settings = display_path(choice.settings) if choice.settings else ""
    typer.echo(term(f"init.year.{choice.source}", lang, year=choice.year, settings=settings),
               err=True)
    step = "init.next.campaign" if campaign else "init.next.dossier"
    typer.echo(term(step, lang, folder=display_path(folder)), err=True)


def schema_command(
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FOLDER",
                                             help="导出到此目录")] = None,
    force: Annotated[bool, typer.Option(help="覆盖已有文件")] = False,
) -> None:
    """导出 JSON Schema（供编辑器自动补全和校验）。"""
    from zxcli.schema.export import export_schemas, list_schemas

    if out is None:
        for name in list_schemas():
            print(name)
        return
    for written in export_schemas(out, force):
        print(written)
