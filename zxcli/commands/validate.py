"""`zx validate` and `zx rules`: the checks, and the table of what they check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zxcli.commands.options import Lang, LangOption, ReportFormat, RulesFormat


def register(app: typer.Typer) -> None:
    app.command(name="validate")(validate_command)
    app.command(name="rules")(rules_command)


def validate_command(
    paths: Annotated[list[Path], typer.Argument(help="年度目录、申报目录或其中的文件")],
    fmt: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="输出格式 text|json|github|junit|sarif（GitHub Actions 中默认 github）")] = None,
    lang: LangOption = Lang.zh,
    select: Annotated[list[str] | None, typer.Option(help="只检查这些代码（可用前缀）")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="忽略这些代码")] = None,
    strict: Annotated[bool, typer.Option(help="有警告也视为未通过")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="并行进程数（0 = 按 CPU 核数；申报材料多时才启用）")] = 0,
    scan: Annotated[bool, typer.Option(
        "--scan", help="同时检查扫描件本身：印章、盖章单位、数据（需 pip install 'zxcli[scan]'）",
    )] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="不使用也不写入缓存（缓存见 docs/performance.md）")] = False,
) -> None:
    """校验申报材料（第5、6、7、13条），输出问题清单。"""
    from zxcli import report as output
    from zxcli.commands.progress import TerminalProgress
    from zxcli.pipeline import validate_paths
    from zxcli.results import Options
    from zxcli.rules.runner import default_jobs

    if scan:
        _require_scan_extra()
    options = Options(lang=lang.value, select=frozenset(select or ()),
                      ignore=frozenset(ignore or ()), strict=strict, scan=scan)
    progress = TerminalProgress(lang.value)
    try:
        report = validate_paths(paths, options, jobs or default_jobs(), cache=not no_cache,
                                progress=progress)
    finally:
        progress.stop()
    output.emit(report, fmt.value if fmt else None, lang.value)
    raise typer.Exit(report.exit_code())


def _require_scan_extra() -> None:
    """Before any work: without the extra, --scan is a usage error (ZX489, exit 2)."""
    from zxcli.scan.deps import EXTRA, require

    for module in EXTRA:
        require(module)  # raises ScanUnavailable naming the missing library


def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.table,
    lang: LangOption = Lang.zh,
) -> None:
    """列出全部规则：代码、级别、条款、名称、修改建议。"""
    from rich.console import Console

    from zxcli.report import rules_list

    if fmt is RulesFormat.markdown:
        sys.stdout.write(rules_list.as_markdown(lang.value))
    else:
        Console().print(rules_list.as_table(lang.value))
