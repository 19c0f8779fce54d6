"""Progress goes to a terminal's stderr only, and only for big campaigns (issue 13, item 12)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from zxcli.commands import progress as progress_module
from zxcli.commands.progress import SHOW_FROM, TerminalProgress
from zxcli.pipeline import validate_paths
from zxcli.results import Options


class Counting:
    def __init__(self) -> None:
        self.total = -1
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, count: int = 1) -> None:
        self.done += count


def test_the_pipeline_reports_every_dossier(campaign: Path) -> None:
    seen = Counting()
    validate_paths([campaign], Options(), progress=seen)
    dossiers = len(list((campaign / "dossiers").iterdir()))
    assert seen.total == dossiers and seen.done == dossiers


class FakeTty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "total", "shown"), [
    (True, SHOW_FROM, True), (True, SHOW_FROM - 1, False), (False, 10_000, False)])
def test_a_bar_only_on_a_terminal_and_for_big_runs(
        monkeypatch: pytest.MonkeyPatch, tty: bool, total: int, shown: bool) -> None:
    monkeypatch.setattr(progress_module.sys, "stderr", FakeTty(tty))
    bar = TerminalProgress("zh")
    bar.start(total)
    assert (bar._bar is not None) is shown
    bar.advance(total)
    bar.stop()
