"""`zx init` and `zx schema`: starting a dossier, and the schemas for an editor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(name="init")(init_command)
    app.command(name="schema")(schema_command)


def init_command(
    folder: Annotated[Path, typer.Argument(help="新申报目录，如 dossiers/江苏省-苏州市")],
    province: Annotated[str, typer.Option(help="省份全称，或“新疆生产建设兵团”")],
    city: Annotated[str, typer.Option(help="申报市（州）名称，如 苏州市、浦东新区")],
    year: Annotated[int | None, typer.Option(min=2019, max=2100,
                                             help="年度（默认取 zx.yaml）")] = None,
    force: Annotated[bool, typer.Option(help="覆盖已有文件")] = False,
) -> None:
    """生成申报目录模板：代码、层级和印章单位按区划数据填好（第5、7条）。"""
    from zxcli.scaffold import scaffold_dossier

    for written in scaffold_dossier(folder, province, city, year, force):
        print(written)


def schema_command(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="导出到此目录")] = None,
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
