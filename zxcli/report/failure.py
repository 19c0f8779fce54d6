"""A run that could not be done (usage or I/O error, exit 2), in the chosen machine format.

A CI step that uploads `zx.sarif` or reads `zx-junit.xml` fails on an empty file and hides
the cause; so with a machine format the error is written to stdout as a valid document of
that format (as well as to stderr for people): JSON with an `error` object, SARIF with an
unsuccessful invocation and its notification, JUnit with one testcase in error, Code Quality
with one issue, GitHub with an `::error::` command. `text` writes nothing more.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from zxcli.report.interface import write_utf8


@dataclass(frozen=True)
class RunError:
    code: str
    message: str
    hint: str
    exit_code: int
    command: str = "zx"
    path: str | None = None
    line: int | None = None
    column: int | None = None


def error_document(error: RunError, fmt: str, lang: str) -> str | None:
    """The document for `fmt`, or None when the format has none (text, unknown)."""
    from zxcli.report import REPORTER_BY_NAME

    module = REPORTER_BY_NAME.get(fmt)
    if module is None:
        return None
    render_error = getattr(importlib.import_module(module), "render_error", None)
    return render_error(error, lang) if render_error else None


def emit_error(error: RunError, fmt: str, lang: str) -> None:
    document = error_document(error, fmt, lang)
    if document is not None:
        write_utf8(document)
