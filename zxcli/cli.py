"""The `zx` command line: parse arguments, call the library, print, exit.

No checking, rendering or counting happens here; each command is a few lines.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from zxcli import version as zx_version

if TYPE_CHECKING:
    import typer

    from zxcli.errors import ZxError

EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE: a bug in zx itself


def _version_text() -> str:
    """zx's version and the edition of the divisions it checks names and codes against
    (zxcli/data/gazetteer/meta.json, read alone: the gazetteer module is slow to import)."""
    import json

    from zxcli.resources import bundled_file

    meta = json.loads(bundled_file("data", "gazetteer/meta.json").read_text(encoding="utf-8"))
    return f"zx {zx_version()}\n区划数据 / gazetteer: {meta['edition']}"


def main() -> None:
    # `zx --version` runs in pre-commit hooks and scripts: answer before importing anything.
    if sys.argv[1:] == ["--version"]:
        print(_version_text())
        return
    from zxcli.commands import streams

    streams.prepare_streams()
    code = _run()
    notice = streams.escaped_notice()
    if notice is not None:  # ZX913: some characters had to be escaped, said once
        # In English when the console cannot show Chinese, or the notice is unreadable.
        streams.quietly(_print_error, notice, streams.readable_lang(_lang_default()))
    sys.exit(code)


def _run() -> int:
    """Run the command; the exit code. Whatever the user, the disk or a pipe can do is a
    coded error (exit 2); only a bug in zx itself is exit 70."""
    from zxcli.commands import streams
    from zxcli.errors import ZxError

    try:
        streams.check_working_folder()
        # Without standalone mode click returns the code given to typer.Exit instead of
        # exiting, and leaves its own usage errors for us to show.
        code = command(_build_app()).main(standalone_mode=False, prog_name="zx") or 0
        streams.flush_stdout()  # a full disk or a closed pipe is met here, not at exit
        return int(code)
    except ZxError as err:
        streams.quietly(_print_error, err)
        return err.exit_code
    except _click_exceptions() as exc:
        streams.quietly(_show_usage_error, exc, _lang_default())
        streams.quietly(_report_usage_error, exc)
        return 2
    except KeyboardInterrupt:
        return 130
    except SystemExit as stop:
        # rich meets a closed pipe by exiting 1 quietly, which reads as "findings": the
        # pipe is said as what it is (ZX912, exit 2).
        if not isinstance(stop.__context__, BrokenPipeError):
            raise
        return _os_failure(stop.__context__)
    except OSError as exc:  # the file system or an output stream, not a bug in zx
        return _os_failure(exc)
    except Exception:  # the last resort: a bug in zx, not a problem with the input
        streams.quietly(_print_internal_error)
        return EXIT_INTERNAL


def _os_failure(exc: OSError) -> int:
    from zxcli.commands import streams

    err = streams.os_error(exc)
    streams.quietly(_print_error, err)
    return err.exit_code


def command(app: "typer.Typer", lang: str | None = None) -> Any:
    """The click command behind `app` (typer's documented `typer.main.get_command`): help
    in the chosen language (zxcli/catalog/help.yaml), wrapped by display width, showing
    plain metavars (PATH, N, zh|en)."""
    import typer.main

    from zxcli.commands.helptext import localise

    built = typer.main.get_command(app)
    localise(built, lang or _lang_default())
    return built


def _click_exceptions() -> tuple[type[Exception], ...]:
    import typer

    # Newer typer vendors click; find its ClickException whichever click it uses.
    return tuple(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _print_internal_error() -> None:
    import traceback

    if os.environ.get("ZX_DEBUG"):
        traceback.print_exc()
    last = traceback.format_exc().strip().splitlines()[-1]
    print(
        f"zx: internal error (a bug in zx, please report it; ZX_DEBUG=1 shows details): {last}",
        file=sys.stderr,
    )


def _option_value(argv: list[str], names: tuple[str, ...]) -> str | None:
    """The last value given to an option (`--opt VALUE` or `--opt=VALUE`) before `--`,
    read before click parses anything."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg in names and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(tuple(f"{n}=" for n in names if n.startswith("--"))):
            value = arg.partition("=")[2]
    return value


def lang_of(argv: list[str]) -> str:
    """The language asked for: errors about paths and usage happen before (or instead of) a
    command receiving its --lang."""
    value = _option_value(argv, ("--lang",))
    value = os.environ.get("ZX_LANG", "zh") if value is None else value
    return value if value in ("zh", "en") else "zh"


def _lang_default() -> str:
    return lang_of(sys.argv[1:])


def format_of(argv: list[str]) -> str | None:
    """The output format asked for (as `lang_of`): a usage or I/O error must still reach a
    machine format's reader as a document of that format."""
    value = _option_value(argv, ("--format", "-f"))
    if value is None and os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return value


def _print_error(err: "ZxError", lang: str | None = None) -> None:
    from rich.console import Console

    from zxcli.catalog import rule
    from zxcli.report.errors import describe

    lang = lang or _lang_default()
    console = Console(stderr=True, highlight=False)
    # Piped (CI logs, `2> file`): one line as written, never wrapped at 80 columns.
    console.print(describe(err, lang), soft_wrap=not console.is_terminal)
    entry = rule(err.code)
    # Usage or I/O: the run could not be done (a warning such as ZX913 stops nothing).
    if err.exit_code == 2 and entry.severity == "error":
        _emit_run_error(
            err.code,
            entry.render(lang, err.params),
            entry.render_hint(lang, err.params),
            err.path,
            err.line,
            err.column,
        )


_TRANSLATED = (
    "NoSuchOption",
    "MissingParameter",
    "BadParameter",
    "BadOptionUsage",
    "BadArgumentUsage",
)


def _show_usage_error(exc: Exception, lang: str) -> None:
    """click's usage errors, in Chinese by default: click itself (vendored by typer, without
    gettext) speaks English only. `--lang en` keeps click's own words."""
    translated = type(exc).__name__ in _TRANSLATED or _click_own(exc, lang) is not None
    if lang != "zh" or not translated:
        exc.show()  # type: ignore[attr-defined]  # click's ClickException, found at run time
        return
    from zxcli.catalog import term

    ctx = getattr(exc, "ctx", None)
    lines = []
    if ctx is not None:
        # ctx.get_usage() is 用法：..., written by zx's help formatter (commands/helptext.py).
        lines += [ctx.get_usage(), term("usage.try", lang, help=f"{ctx.command_path} -h"), ""]
    lines.append(term("usage.error", lang, message=_usage_message(exc, lang)))
    print("\n".join(lines), file=sys.stderr)


def _usage_message(exc: Exception, lang: str) -> str:
    from zxcli.catalog import term

    own = _click_own(exc, lang)
    if own is not None:
        return own
    name = type(exc).__name__
    param = getattr(exc, "param", None)
    if getattr(param, "param_type_name", "") == "argument":
        shown = str(getattr(param, "name", "") or "").upper()
    else:
        shown = (
            getattr(exc, "param_hint", None)
            or (param.opts[0] if param is not None and getattr(param, "opts", None) else "")
        ) or ""
    if name == "NoSuchOption":
        text = term("usage.no_such_option", lang, option=getattr(exc, "option_name", ""))
        possible = sorted(getattr(exc, "possibilities", None) or ())
        return text + (
            term("usage.possible", lang, options=", ".join(possible)) if possible else ""
        )
    if name == "MissingParameter":
        return term("usage.missing", lang, param=shown)
    if name == "BadParameter":
        return term("usage.bad_value", lang, param=shown, detail=_bad_detail(exc, lang))
    return str(exc.format_message())  # type: ignore[attr-defined]


# click's own usage errors that carry no parameter to read, known by their (gettext) message
# ids: each shown with the words of a usage code (catalog/codes/usage.yaml).
_CLICK_OWN = (
    (r"No such command '(?P<name>.*?)'\.", "ZX925"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", "ZX926"),
    (r"Option '(?P<option>.*?)' requires (?:an argument|\d+ arguments)\.", "ZX927"),
    (r"Option '(?P<option>.*?)' does not take a value\.", "ZX928"),
)


def _click_own(exc: Exception, lang: str) -> str | None:
    """click's message in the chosen language, or None when it is not one of these."""
    import re

    from zxcli.catalog import rule

    message = str(getattr(exc, "message", ""))
    for pattern, code in _CLICK_OWN:
        found = re.match(pattern, message)
        if found:
            params = found.groupdict()
            if code == "ZX925":
                params["did_you_mean"] = _did_you_mean(exc, params["name"], lang)
            return rule(code).render(lang, params)
    return None


def _did_you_mean(exc: Exception, name: str, lang: str) -> str:
    """ "；是否指 validate？" from the group's command names (click's public list_commands)."""
    from difflib import get_close_matches

    ctx = getattr(exc, "ctx", None)
    names = ctx.command.list_commands(ctx) if ctx is not None else []
    matches = get_close_matches(name, names)
    if not matches:
        return ""
    shown = ("、" if lang == "zh" else ", ").join(matches)
    return f"；是否指 {shown}？" if lang == "zh" else f"; did you mean {shown}?"


def _bad_detail(exc: Exception, lang: str) -> str:
    """Why a value was refused: for a choice, the values allowed; for a number, its bounds
    (both read from the command's own annotations: typer's words are English, and differ
    between its versions)."""
    from zxcli.catalog import term
    from zxcli.commands.helptext import bounds, choices, hints_of

    ctx, param = getattr(exc, "ctx", None), getattr(exc, "param", None)
    hints = hints_of(ctx.command) if ctx is not None else {}
    annotation = hints.get(getattr(param, "name", None) or "")
    if choices(annotation):
        return term("usage.choices", lang, choices="、".join(choices(annotation)))
    low, high = bounds(annotation)
    if low is not None and high is not None:
        return term("usage.range", lang, low=low, high=high)
    if low is not None or high is not None:
        key = "usage.at_least" if low is not None else "usage.at_most"
        return term(key, lang, limit=low if low is not None else high)
    return str(getattr(exc, "message", "") or "")


def _report_usage_error(exc: Exception) -> None:
    from zxcli.catalog import rule

    lang = _lang_default()
    params = {
        "option": getattr(exc, "option_name", None) or "",
        "value": "",
        "reason": exc.format_message(),  # type: ignore[attr-defined]
    }
    _emit_run_error(
        "ZX905",
        exc.format_message(),  # type: ignore[attr-defined]
        rule("ZX905").render_hint(lang, params),
    )


def _emit_run_error(
    code: str,
    message: str,
    hint: str,
    path: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> None:
    from zxcli.report.failure import RunError, emit_error, write_error

    argv = sys.argv[1:]
    fmt = format_of(argv)
    if fmt is None:
        return
    command = next((a for a in argv if not a.startswith("-")), "zx")
    error = RunError(code, message, hint, 2, command, path, line, column)
    pairs = output_pairs(argv) or [(fmt, None)]
    for named, target in pairs:  # `-f sarif -o zx.sarif`: the document goes to its file
        each = named or fmt  # no --format: the default (github under GitHub Actions)
        if target is None:
            emit_error(error, each, _lang_default())
        else:
            write_error(error, each, _lang_default(), target, force="--force" in argv)


def output_pairs(argv: list[str]) -> list[tuple[str | None, Path | None]]:
    """The (format, file or None for stdout) pairs of `--format … --output …` on the command
    line; none when the pairing itself is wrong (that error's document goes to stdout)."""
    from zxcli.commands.options import destinations, written_order
    from zxcli.errors import ZxError

    order = written_order(argv)
    try:
        return destinations(
            argv, [v for k, v in order if k == "f"], [Path(v) for k, v in order if k == "o"]
        )
    except ZxError:
        return []


def _build_app() -> "typer.Typer":
    import typer

    from zxcli.commands.helptext import ZxTyper

    app = ZxTyper(
        add_completion=True,  # --install-completion, --show-completion (typer, public)
        # Plain click help: it wraps long lines at the terminal width instead of cutting them
        # with an ellipsis in boxed columns, and shows plain metavars.
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    from zxcli.commands.options import Lang, LangOption

    @app.callback(invoke_without_command=True)
    def _root(
        ctx: typer.Context,
        version: Annotated[bool, typer.Option("--version")] = False,
        lang: LangOption = Lang.zh,
    ):
        if version:
            print(_version_text())
            raise typer.Exit()
        # `zx --lang en validate ...`: the root's --lang is the command's default, and beats
        # ZX_LANG as the command's own --lang does (the command reads ZX_LANG after this).
        if str(ctx.get_parameter_source("lang")).endswith("COMMANDLINE"):
            os.environ["ZX_LANG"] = lang.value

    _register_command_modules(app)
    return app


# command name -> the module that registers it, so that a run of one command imports only
# its own module (render's and tally's pull in much more than validate needs). A name not
# here registers every module.
_COMMAND_MODULES = {
    "validate": "zxcli.commands.validate",
    "rules": "zxcli.commands.validate",
    "init": "zxcli.commands.scaffold",
    "schema": "zxcli.commands.scaffold",
    "freeze": "zxcli.commands.freeze",
    "render-forms": "zxcli.commands.render",
    "ballots": "zxcli.commands.tally",
    "tally": "zxcli.commands.tally",
    "overview": "zxcli.commands.overview",
    "form": "zxcli.commands.form",
}


def _register_command_modules(app: "typer.Typer") -> None:
    import importlib

    wanted = _command_named(sys.argv[1:])
    if wanted in _COMMAND_MODULES:  # tests/test_cli_public.py: each module registers these
        importlib.import_module(_COMMAND_MODULES[wanted]).register(app)
        return
    # `zx --help` and anything unexpected: every command. Each lives in
    # zxcli/commands/<name>.py, with `register(app)`; the order here is that of `zx --help`.
    from zxcli.commands import form, freeze, overview, render, scaffold, tally, validate

    for module in (validate, scaffold, form, freeze, render, tally, overview):
        module.register(app)


def _command_named(argv: list[str]) -> str | None:
    """The command word of the command line: its first argument, when it is not an option
    (the root takes only flags: --version, --help)."""
    return argv[0] if argv and not argv[0].startswith("-") else None


if __name__ == "__main__":
    main()
