"""Picks the formatter for `--format` and writes its output to stdout."""

from __future__ import annotations

import sys

from zxcli.report.report import Report


def emit(report: Report, fmt: str, lang: str) -> None:
    if fmt == "json":
        from zxcli.report import json_out

        sys.stdout.write(json_out.render(report, lang) + "\n")
        return
    from rich.console import Console

    from zxcli.report import text

    text.render(report, Console(highlight=False), lang)
