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
    paths: Annotated[list[Path], typer.Argument(help="申报目录或年度目录（即其下全部申报）")],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")],
    formats: Annotated[str, typer.Option("--format", "-f",
                                         help="输出格式，逗号分隔：docx,xlsx,pdf")]
    = "docx,xlsx",
    summary: Annotated[bool, typer.Option(
        "--summary", help="只生成年度目录的汇总表（.xlsx），每个申报一行")] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
    draft: Annotated[bool, typer.Option(
        "--draft", help="未通过校验也生成，每页标“草稿”（仅供核对）")] = False,
    template_dir: Annotated[Path | None, typer.Option(
        "--template-dir", help="使用本单位修改过的模板目录（默认用 zx 自带模板）")] = None,
    lang: LangOption
    = Lang.zh,
) -> None:
    """生成申报书（附1）、推荐表（附2）和汇总表：Word/Excel，公文格式（GB/T 9704）。

    每个申报生成 年度-省份-市（州）-申报书.docx、-推荐表.docx 和 -推荐表.xlsx。

    --format pdf 另生成 PDF（需安装 LibreOffice）。

    有校验错误的申报拒绝生成，除非加 --draft（每页标“草稿”）。

    已有文件不覆盖，除非加 --force；被拒绝时不写入任何文件。

    同样的输入总是生成逐字节相同的文件。
    """
    from zxcli.load.display import display_path
    from zxcli.model.targets import dossier_roots
    from zxcli.render.writer import (
        campaigns_of,
        parse_formats,
        render_forms,
        render_summary,
    )

    if summary:
        written = [render_summary(root, out, force, named)
                   for root, named in campaigns_of(paths)]
    else:
        written = render_forms(dossier_roots(list(paths)), out, parse_formats(formats), force,
                               draft, template_dir, lang.value)
    for path in written:
        typer.echo(display_path(path))
    typer.echo(term("render.wrote", lang.value, count=len(written)), err=True)
    if draft and not summary:
        typer.echo(term("render.draft", lang.value), err=True)
