"""A progress bar on stderr for work that takes more than a moment, for people only.

Off when stderr is not a terminal (CI logs, pre-commit, `2> file`), so piped and machine
output never carry it; shown only for campaigns big enough to take a few seconds.
"""

from __future__ import annotations

import sys
from typing import Any

from zxcli.catalog import term

SHOW_FROM = 50  # dossiers: below this a run takes about two seconds or less


class TerminalProgress:
    """zxcli.rules.runner.Progress, drawn with rich on stderr."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        if total < SHOW_FROM or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(),
                             TimeRemainingColumn(), console=Console(stderr=True),
                             transient=True)
        self._bar.start()
        self._task = self._bar.add_task(term("progress.validate", self.lang), total=total)

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, count)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
