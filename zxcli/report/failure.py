"""A run that could not be done (usage or I/O error, exit 2), in the chosen machine format.

A CI step that uploads `zx.sarif` or reads `zx-junit.xml` fails on an empty file and hides
the cause; so with a machine format the error is written to stdout as a valid document of
that format (as well as to stderr for people): JSON with an `error` object, SARIF with an
unsuccessful invocation and its notification, JUnit with one testcase in error, Code Quality
with one issue, GitHub with an `::error::` command. `text` writes nothing more.
"""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path

from zxcli.report.interface import write_utf8
from zxcli.report.run_error import RunError

__all__ = ["RunError", "emit_error", "error_document", "write_error"]


def error_document(error: RunError, fmt: str, lang: str) -> str | None:
    """The document for `fmt`, or None when the format has none (text, unknown)."""
    from zxcli.report.names import REPORTER_BY_NAME

    module = REPORTER_BY_NAME.get(fmt)
    if module is None:
        return None
    render_error = getattr(importlib.import_module(module), "render_error", None)
    return render_error(error, lang) if render_error else None


def write_error(error: RunError, fmt: str, lang: str, target: Path, force: bool) -> None:
    """The document into the file `--output` named for it; an existing file is left alone
    without --force (the error may be that very file), and a file that cannot be written
    adds nothing to the error already being shown."""
    from zxcli.errors import ZxError
    from zxcli.load.atomic import write_atomic

    document = error_document(error, fmt, lang)
    if document is None:
        return
    with contextlib.suppress(ZxError):
        write_atomic(target, document.encode("utf-8", "backslashreplace"), force)


def emit_error(error: RunError, fmt: str, lang: str) -> None:
    document = error_document(error, fmt, lang)
    if document is not None:
        write_utf8(document)
