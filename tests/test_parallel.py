"""Checking dossiers in worker processes gives exactly the serial report."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

from zxcli import pipeline
from zxcli.report import json_out
from zxcli.results import Options
from zxcli.rules import runner

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="fork start method")


@pytest.mark.parametrize("campaign", ["2024", "broken"])
def test_parallel_report_equals_serial(campaign: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = [SAMPLES / campaign]
    serial = json_out.render(pipeline.validate_paths(path, Options()), "zh")
    monkeypatch.setattr(runner, "DOSSIERS_PER_WORKER", 2)
    parallel = json_out.render(pipeline.validate_paths(path, Options(), jobs=2), "zh")
    assert parallel == serial


def test_slices_keep_order_and_cover_everything() -> None:
    items = [Path(str(i)) for i in range(23)]
    slices = runner._slices(items, 8)
    assert [p for s in slices for p in s] == items
    assert all(slices)
