"""A progress bar on stderr for work that takes more than a moment, for people only.

Off when stderr is not a terminal (CI logs, pre-commit, `2> file`), so piped and machine
output never carry it; shown only for stages big enough to take about two seconds or more.
"""

from __future__ import annotations

import sys
from typing import Any

from zxcli.catalog import term

# The smallest amount of work per stage that takes about two seconds on a 2-core machine
# (docs/performance.md): below it a bar would only flicker.
SHOW_FROM = {
    "validate": 50,  # dossiers (about 25 ms each, one process)
    "ballots": 40,  # ballot files (an .xlsx takes about 50 ms to read)
    "render": 20,  # forms built (a .docx takes about 0.1 s)
    "pdf": 1,  # files converted: starting LibreOffice alone takes two to three seconds
}


class TerminalProgress:
    """zxcli.results.Progress, drawn with rich on stderr, one bar per stage."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int, stage: str = "validate") -> None:
        self.stop()  # the stage before is over
        if total < SHOW_FROM.get(stage, 1) or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(term(f"progress.{stage}", self.lang), total=total)

    def advance(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, count)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    # `with TerminalProgress(lang) as progress:` - the bar is gone before anything is
    # printed after the work, and also when the work fails.
    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
