"""Decoding runs in a bounded child process: a hostile page costs a ZX481, not the machine."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from scan_helpers import pdf_file

from zxcli.scan.check import scan_attachment, to_findings
from zxcli.scan.pages import Limits, load_pages

pytestmark = pytest.mark.usefixtures("extra")


def vector_bomb(shapes: int, size: tuple[int, int] = (595, 842)) -> bytes:
    """One page of `shapes` tiny filled squares: a few KB compressed, minutes to render."""
    ops = b"100 100 0.3 0.3 re f\n" * shapes
    content = zlib.compress(ops, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % size,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    return pdf_file(objects)


def test_a_page_of_millions_of_shapes_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(vector_bomb(3_000_000))
    result = scan_attachment(path, "统计数据确认", ["苏州市统计局"], limits=Limits(time_budget=1.5))
    [(code, params, _)] = to_findings(result)
    assert (code, params["reason"]) == ("ZX481", "timeout")
    # The worker was killed and is started afresh: the next file is read normally.
    assert len(load_pages(Path(__file__).parent / "data" / "stats-suzhou.jpg")) == 1


def test_decoding_beyond_the_memory_limit_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(vector_bomb(10, size=(5000, 5000)))
    # A pixel cap raised to 100 M: the page's bitmap alone (400 MB) exceeds 300 MiB.
    result = scan_attachment(
        path,
        "统计数据确认",
        ["苏州市统计局"],
        limits=Limits(max_memory=300 * 2**20, max_pixels=100_000_000),
    )
    [(code, params, _)] = to_findings(result)
    assert (code, params["reason"]) == ("ZX481", "memory")


def test_the_same_pages_in_the_child_as_in_process() -> None:
    path = Path(__file__).parent / "data" / "stats-suzhou.jpg"
    [child] = load_pages(path)
    [here] = load_pages(path, Limits(isolate=False))
    assert child.dpi == here.dpi and (child.rgb == here.rgb).all()
