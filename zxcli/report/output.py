"""Picks the formatter for `--format` and writes its output to stdout.

Formatters are imported only when chosen, so `zx validate` loads rich for text only.
Machine formats (json, junit, sarif, github) are written as UTF-8 whatever the console's
encoding, because their readers expect UTF-8 (the JUnit file declares it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from zxcli.errors import UsageError
from zxcli.results import Report

FORMATS = ("text", "json", "github", "junit", "sarif")


def default_format() -> str:
    """github under GitHub Actions (annotations appear on their own), else text."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(report: Report, fmt: str | None, lang: str) -> None:
    fmt = fmt or default_format()
    if fmt == "text":
        _text(report, lang)
    elif fmt == "github":
        _github(report, lang)
    else:
        _write(_render_machine(report, fmt, lang))


def _text(report: Report, lang: str) -> None:
    from rich.console import Console

    from zxcli.report import text

    text.render(report, Console(highlight=False), lang)


def _github(report: Report, lang: str) -> None:
    from zxcli.report import github

    _write(github.render(report, lang))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        github.write_summary(report, lang, Path(summary))


def _render_machine(report: Report, fmt: str, lang: str) -> str:
    if fmt == "json":
        from zxcli.report import json_out

        return json_out.render(report, lang) + "\n"
    if fmt == "junit":
        from zxcli.report import junit

        return junit.render(report, lang)
    if fmt == "sarif":
        from zxcli.report import sarif

        return sarif.render(report, lang) + "\n"
    raise UsageError("ZX905", option="--format", value=fmt, reason=" | ".join(FORMATS))


def _write(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    # A lone surrogate (a file name that is not UTF-8) becomes \\udcff, still valid JSON.
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()
