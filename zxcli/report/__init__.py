"""Reporters: one per output format, behind one interface, found by name.

As check-jsonschema's REPORTER_BY_NAME (report/names.py, the only place a format name is
spelt): the CLI's `--format` choices, the docs and the tests read it from here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zxcli.errors import UsageError
from zxcli.report.names import REPORTER_BY_NAME

if TYPE_CHECKING:
    from zxcli.report.interface import Reporter
    from zxcli.results import Report

FORMATS = tuple(REPORTER_BY_NAME)


def reporter(name: str) -> Reporter:
    module = REPORTER_BY_NAME.get(name)
    if module is None:
        raise UsageError("ZX905", option="--format", value=name, reason=" | ".join(FORMATS))
    found: Reporter = importlib.import_module(module).REPORTER
    return found


def default_format() -> str:
    """github under GitHub Actions (annotations appear on their own), else text."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(report: Report, fmt: str | None, lang: str) -> None:
    reporter(fmt or default_format()).emit(report, lang)


def emit_all(
    report: Report,
    destinations: Sequence[tuple[str | None, Path | None]],
    lang: str,
    *,
    force: bool = False,
    quiet: bool = False,
) -> None:
    """One run, several formats: each to its file (written atomically, never over an
    existing file without `force`), at most one to standard output (none when `quiet`).
    Every file is rendered before any is written, so a format that fails leaves none."""
    from zxcli.load.atomic import write_all

    files = {
        path: reporter(fmt or default_format())
        .render(report, lang)
        .encode("utf-8", "backslashreplace")
        for fmt, path in destinations
        if path is not None
    }
    write_all(files, force)
    for fmt, path in destinations:
        if path is None and not quiet:
            emit(report, fmt, lang)
