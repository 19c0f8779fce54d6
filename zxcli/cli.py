"""The `zx` command line: parse arguments, call the library, print, exit.

No checking, rendering or counting happens here; each command is a few lines.
"""


import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from zxcli import __version__

if TYPE_CHECKING:
    import typer

EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE: a bug in zx itself


def main() -> None:
    # `zx --version` runs in pre-commit hooks and scripts: answer before importing anything.
    if sys.argv[1:] == ["--version"]:
        print(f"zx {__version__}")
        return
    from zxcli.errors import ZxError

    app = _build_app()
    try:
        # Without standalone mode click returns the code given to typer.Exit instead of
        # exiting, and leaves its own usage errors for us to show.
        sys.exit(app(standalone_mode=False) or 0)
    except ZxError as err:
        _print_error(err)
        sys.exit(err.exit_code)
    except _click_exceptions() as exc:
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # the last resort: a bug in zx, not a problem with the input
        _print_internal_error()
        sys.exit(EXIT_INTERNAL)


def _click_exceptions() -> tuple[type[Exception], ...]:
    import typer

    # Newer typer vendors click; find its ClickException whichever click it uses.
    return tuple(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _print_internal_error() -> None:
    import traceback

    if os.environ.get("ZX_DEBUG"):
        traceback.print_exc()
    last = traceback.format_exc().strip().splitlines()[-1]
    print(f"zx: internal error (a bug in zx, please report it; ZX_DEBUG=1 shows details): "
          f"{last}", file=sys.stderr)


def _lang_default() -> str:
    value = os.environ.get("ZX_LANG", "zh")
    return value if value in ("zh", "en") else "zh"


def _print_error(err: object) -> None:
    from rich.console import Console

    from zxcli.report.errors import describe

    Console(stderr=True, highlight=False).print(describe(err, _lang_default()))


def _build_app() -> "typer.Typer":
    import typer

    from zxcli.commands.options import Lang, LangOption, ReportFormat, RulesFormat

    app = typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        help="zx：工业稳增长和转型升级成效明显市（州）申报材料校验、表格生成与评审计票。",
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback(invoke_without_command=True)
    def _root(version: Annotated[bool, typer.Option("--version", help="显示版本")] = False):
        if version:
            print(f"zx {__version__}")
            raise typer.Exit()

    @app.command()
    def validate(
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
    ) -> None:
        """校验申报材料（第5、6、7、13条），输出问题清单。"""
        from zxcli.report import output
        from zxcli.report.report import Options
        from zxcli.rules.runner import default_jobs, validate_paths

        options = Options(lang=lang.value, select=frozenset(select or ()),
                          ignore=frozenset(ignore or ()), strict=strict)
        report = validate_paths(paths, options, jobs or default_jobs())
        output.emit(report, fmt.value if fmt else None, lang.value)
        raise typer.Exit(report.exit_code())

    @app.command()
    def init(
        folder: Annotated[Path, typer.Argument(help="新申报目录，如 dossiers/江苏省-苏州市")],
        province: Annotated[str, typer.Option(help="省份全称，或“新疆生产建设兵团”")],
        city: Annotated[str, typer.Option(help="申报市（州）名称，如 苏州市、浦东新区")],
        year: Annotated[int | None, typer.Option(help="年度（默认取 zx.yaml）")] = None,
        force: Annotated[bool, typer.Option(help="覆盖已有文件")] = False,
    ) -> None:
        """生成申报目录模板：代码、层级和印章单位按区划数据填好（第5、7条）。"""
        from zxcli.scaffold import scaffold_dossier

        for written in scaffold_dossier(folder, province, city, year, force):
            print(written)

    @app.command()
    def rules(
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

    @app.command()
    def schema(
        out: Annotated[Path | None, typer.Option("--out", "-o", help="导出到此目录")] = None,
        force: Annotated[bool, typer.Option(help="覆盖已有文件")] = False,
    ) -> None:
        """导出 JSON Schema（供编辑器自动补全和校验）。"""
        from zxcli.schemas import export_schemas, list_schemas

        if out is None:
            for name in list_schemas():
                print(name)
            return
        for written in export_schemas(out, force):
            print(written)

    _register_command_modules(app)
    return app


def _register_command_modules(app: "typer.Typer") -> None:
    # The larger commands live in zxcli/commands/<name>.py, each with `register(app)`.
    from zxcli.commands import freeze, render, tally

    for module in (freeze, render, tally):
        module.register(app)


if __name__ == "__main__":
    main()
