"""The PDF budget (zxcli/load/pdfbudget.py): counted outside the parser, so a parser that
swallows every exception still stops, and the same file gets the same verdict on an idle
and on a loaded machine."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from pdfmaker import classic_pdf, xref_stream_pdf

from zxcli.load import files, pdfbudget

FORKS = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork()")


class SwallowingReader:
    """A parser that catches every Exception around its work, as pypdf does: a timeout
    raised inside it as an Exception would be swallowed."""

    is_encrypted = True

    def __init__(self, stream: object, strict: bool = False) -> None:
        for _ in range(200_000):
            try:  # noqa: SIM105 - written as pypdf writes it
                _step()
            except Exception:
                pass

    def decrypt(self, password: str) -> int:
        return 0


def _step() -> None:
    return None


def test_a_parser_that_swallows_exceptions_still_stops(monkeypatch) -> None:
    import pypdf

    monkeypatch.setattr(pypdf, "PdfReader", SwallowingReader)
    monkeypatch.setattr(pdfbudget, "CALLS", 50_000)
    state, _ = files.check_pdf_stream(io.BytesIO(b"%PDF-1.4\n"))
    assert state is files.PdfState.TIMEOUT
    monkeypatch.setattr(pdfbudget, "CALLS", 10_000_000)  # room enough: it finishes
    assert files.check_pdf_stream(io.BytesIO(b"%PDF-1.4\n"))[0] is files.PdfState.ENCRYPTED


def test_the_verdict_does_not_depend_on_the_clock(monkeypatch) -> None:
    """A loaded machine is a clock that runs fast against the work done: the verdict on a
    PDF that pypdf reads (a cross-reference stream) stays the same."""
    data = xref_stream_pdf(3)
    idle = files.check_pdf_stream(io.BytesIO(data), len(data), data)
    ticks = iter(range(0, 10**9, 1000))
    for name in ("monotonic", "perf_counter", "time"):
        monkeypatch.setattr(time, name, lambda: float(next(ticks)))
    assert files.check_pdf_stream(io.BytesIO(data), len(data), data) == idle
    assert idle == (files.PdfState.OK, 3)


def test_the_count_is_the_same_each_time(monkeypatch) -> None:
    """Counted, not timed: the same file costs the same number of calls every time."""
    data = xref_stream_pdf(50)
    # Once first: pypdf imports some of its modules on first use, which a fresh process pays
    # once (a few hundred calls against a budget of 1.5 million), never per file.
    files._pypdf_state(io.BytesIO(data))
    costs = {_calls_of(lambda: files._pypdf_state(io.BytesIO(data)), monkeypatch) for _ in range(3)}
    # A garbage collection may run a finaliser inside the count (seen: 2356 vs 2357 in a
    # loaded full run): a call or two, against a budget of 1.5 million, never the load.
    assert max(costs) - min(costs) <= 3, costs


def _calls_of(work, monkeypatch) -> int:
    """How many calls `work` costs: the smallest budget it completes within."""
    low, high = 1, 200_000
    while low < high:
        middle = (low + high) // 2
        monkeypatch.setattr(pdfbudget, "CALLS", middle)
        try:
            pdfbudget.bounded(work)
        except pdfbudget.OverBudget:
            low = middle + 1
        else:
            high = middle
    return low


def test_a_plain_pdf_never_reaches_pypdf(monkeypatch) -> None:
    monkeypatch.setattr(pdfbudget, "bounded", lambda *a, **k: pytest.fail("pypdf used"))
    data = classic_pdf(2)
    assert files.check_pdf_stream(io.BytesIO(data), len(data), data) == (files.PdfState.OK, 2)


@FORKS
def test_a_large_file_is_read_in_a_child_under_the_same_budget(monkeypatch, tmp_path: Path) -> None:
    data = xref_stream_pdf(20)
    path = tmp_path / "big.pdf"
    path.write_bytes(data)
    monkeypatch.setattr(files, "_IN_MEMORY", 100)  # "large": over the in-memory size
    children = []
    real = pdfbudget._in_child
    monkeypatch.setattr(pdfbudget, "_in_child", lambda work: children.append(1) or real(work))
    with path.open("rb") as handle:
        assert files.check_pdf_stream(handle, len(data)) == (files.PdfState.OK, 20)
    monkeypatch.setattr(pdfbudget, "CALLS", 100)
    with path.open("rb") as handle:
        assert files.check_pdf_stream(handle, len(data))[0] is files.PdfState.TIMEOUT
    assert len(children) == 2


@FORKS
def test_a_child_stuck_in_c_is_killed_at_the_deadline(monkeypatch) -> None:
    monkeypatch.setattr(pdfbudget, "WALL_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(pdfbudget.OverBudget) as over:
        pdfbudget.bounded(lambda: time.sleep(30), child=True)  # one call, no Python work
    assert over.value.kind == "time"
    assert time.monotonic() - started < 10


@FORKS
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_a_child_that_needs_too_much_memory_is_over_budget(monkeypatch) -> None:
    monkeypatch.setattr(pdfbudget, "CHILD_MEMORY", 256 << 20)
    with pytest.raises(pdfbudget.OverBudget) as over:
        pdfbudget.bounded(lambda: bytearray(2 << 30), child=True)
    assert over.value.kind == "memory"


@FORKS
def test_a_child_returns_its_value() -> None:
    assert pdfbudget.bounded(lambda: ("ok", 3), child=True) == ("ok", 3)
