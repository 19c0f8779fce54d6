"""The overview in a real browser: headless Chromium renders it, runs its script, prints it.

Skipped only where Chromium is not installed; CI installs Debian's `chromium`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hostile_data import hostile_data

from zxcli.overview import overview
from zxcli.overview.pdf import (
    ChromiumMissingError,
    chromium,
    dump_dom,
    require_chromium,
    screenshot,
)
from zxcli.overview.write import write_overview

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_dossiers" / "2024"
CHARTS = ("chart-provinces", "chart-scatter", "chart-products", "chart-scores", "chart-timeline")
CITIES = ("310115", "320500", "330200", "420600", "511500", "610800")

needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("overview")
    return overview(SAMPLE, out, as_of=dt.date(2025, 12, 10))


@needs_chromium
def test_every_nominee_and_chart_is_in_the_rendered_page(written: list[Path]) -> None:
    dom = dump_dom(written[0])
    rows = re.findall(r'<tr data-key="([^"]+)"', dom)
    assert sorted(rows) == sorted(p.name for p in (SAMPLE / "dossiers").iterdir())
    for chart in CHARTS:
        assert f'id="{chart}"' in dom, chart
    for code in CITIES:
        assert code in dom
    # The sorting script ran (under the page's own CSP): it marks the headings sortable.
    assert re.search(r'<th [^>]*class="num sort"', dom) or 'class="sort"' in dom


@needs_chromium
def test_screenshot(written: list[Path], tmp_path: Path) -> None:
    png = tmp_path / "overview.png"
    screenshot(written[0], png, 1280, 2000)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)


@needs_chromium
def test_pdf_has_pages_with_the_nominees(written: list[Path]) -> None:
    from pypdf import PdfReader

    pdf = written[1]
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) >= 3
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape table page
    text = "".join(page.extract_text() for page in reader.pages)
    assert "苏州市" in text.replace(" ", "") and "320500" in text


@needs_chromium
def test_hostile_text_does_not_run(tmp_path: Path) -> None:
    html = write_overview(hostile_data(), tmp_path, None, pdf=False)[0]
    dom = dump_dom(html)
    opening = re.search(r"<html[^>]*>", dom)
    assert opening is not None and "data-pwned" not in opening.group(0)
    assert 'data-pwned="1"' not in dom and "<img" not in dom
    assert "&lt;script&gt;" in dom  # shown as text


@needs_chromium
def test_clicking_a_heading_sorts_the_table(written: list[Path], tmp_path: Path) -> None:
    page = written[0].read_text(encoding="utf-8")
    # A test driver after the page's script: click 工业增加值 twice (ascending, descending)
    # and record the order. The page's policy would block it, so it is taken out here.
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    driver = """<script>
      var th = document.querySelectorAll('#nominee-table thead th')[4];
      function order() { return Array.prototype.map.call(
          document.querySelectorAll('#nominee-table tbody tr'),
          function (r) { return r.cells[0].textContent; }).join(','); }
      th.click(); var up = order(); th.click(); var down = order();
      document.body.setAttribute('data-up', up); document.body.setAttribute('data-down', down);
      </script></body>"""
    test_page = tmp_path / "sorted.html"
    test_page.write_text(page.replace("</body>", driver), encoding="utf-8")
    dom = dump_dom(test_page)
    up = re.search(r'data-up="([^"]+)"', dom)
    down = re.search(r'data-down="([^"]+)"', dom)
    assert up and down
    # 工业增加值: 宜宾 1720 < 襄阳 2150 < 浦东 2870 < 榆林 4180 < 宁波 6930 < 苏州 10850
    assert up.group(1) == "511500,420600,310115,610800,330200,320500"
    assert down.group(1) == ",".join(reversed(up.group(1).split(",")))


def test_a_missing_chromium_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZX_CHROMIUM", "no-such-chromium-zx")
    with pytest.raises(ChromiumMissingError) as caught:
        require_chromium()
    assert caught.value.exit_code == 2
    assert "apt-get install chromium" in str(caught.value)
    with pytest.raises(ChromiumMissingError):
        overview(SAMPLE, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing written, the campaign not even read
