"""Run zx's real entry point (`zxcli.cli.main`) inside the test process.

Spawning an interpreter per command cost most of the suite's time (imports, not checks).
`main` is the same code path as the `zx` script: argument parsing, error mapping, exit
codes, the last-resort handler. A few tests keep a real subprocess (tests/test_lang.py,
the cache and data-loss tests) for what only a fresh process shows.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path


def run_main(
    argv: Iterable[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    drop: Iterable[str] = (),
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `zx argv`, environment and folder restored after."""
    from zxcli import cli

    saved_env, saved_cwd, saved_argv = os.environ.copy(), os.getcwd(), sys.argv
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        for key in drop:
            os.environ.pop(key, None)
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        sys.argv = ["zx", *argv]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.argv = saved_argv
    return code, out.getvalue(), err.getvalue()
