"""`zx overview`: parse the arguments, call zxcli.overview, print what was written.

Wiring (for zxcli/cli.py): add this module to `_register_command_modules`; `register(app)`
adds the command. Errors are ZxError with a catalog code (ZX821–ZX823: this package's
zxcli/catalog/codes/overview.yaml), so cli.main prints them and exits with their code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zxcli.commands.options import Lang, LangOption


def register(app: typer.Typer) -> None:
    app.command(name="overview")(overview_command)


def overview_command(
    campaign: Annotated[Path, typer.Argument(help="年度目录（含 zx.yaml）")],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")],
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf",
                                      help="同时生成 PDF（需要 Chromium）")] = True,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
    lang: LangOption = Lang.zh,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="校验的并行进程数（0 = 按 CPU 核数）")] = 0,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="以此日期为“今天”判断公示是否结束 YYYY-MM-DD")] = None,
) -> None:
    """生成年度遴选概览：一个可离线打开的 HTML 页面和同样内容的 PDF（评审委员会用）。

    各申报城市主要指标并列可排序，图表（技改投资比重—增速、主导产品全国占比、各省推荐情况），
    每个申报的校验问题和附件链接；有评审表时加计票结果，有公示时加公示时间线和最终名单。
    """
    import datetime as dt

    from zxcli.errors import UsageError
    from zxcli.model.campaign import display_path
    from zxcli.overview import overview
    from zxcli.rules.runner import default_jobs

    try:
        today = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise UsageError("ZX905", option="--as-of", value=as_of, reason="YYYY-MM-DD") from None
    written = overview(campaign, out, lang=lang.value, jobs=jobs or default_jobs(), pdf=pdf,
                       force=force, as_of=today)
    for path in written:
        typer.echo(display_path(path))
