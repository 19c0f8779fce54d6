"""Writing the overview: the HTML page and its PDF, both or neither.

Chromium is looked for before anything is written; the PDF is printed from a copy of the
page in a temporary folder; then both files are written atomically, and an existing one
is replaced only with `force` (zxcli.load.atomic).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import zxcli.overview.pdf as chromium
from zxcli.load.atomic import write_all
from zxcli.overview.html import render_html
from zxcli.overview.model import OverviewData
from zxcli.overview.safe import base_href


def file_stem(data: OverviewData) -> str:
    """2025-概览 (the overview of the 2025年度 campaign); "overview" in English."""
    word = "overview" if data.lang == "en" else "概览"
    return f"{data.title_year}-{word}" if data.title_year else word


def link_base(campaign_root: Path | None, out_dir: Path) -> str | None:
    """The relative URL from `out_dir` to the campaign folder, or None when there is none
    (another drive on Windows): then the page shows attachment paths without links."""
    if campaign_root is None:
        return None
    try:
        relative = os.path.relpath(campaign_root.resolve(), out_dir.resolve())
    except ValueError:
        return None
    return base_href(list(Path(relative).parts))


def write_overview(
    data: OverviewData,
    out_dir: Path,
    campaign_root: Path | None,
    *,
    pdf: bool = True,
    force: bool = False,
    today: dt.date | None = None,
    timeout: float = chromium.TIMEOUT_SECONDS,
) -> list[Path]:
    """Write <stem>.html (and <stem>.pdf) into `out_dir`; the paths written."""
    if pdf:
        chromium.require_chromium()
    stem = out_dir / file_stem(data)
    page = render_html(data, link_base(campaign_root, out_dir), today)
    files = {stem.with_suffix(".html"): page.encode("utf-8")}
    if pdf:
        files[stem.with_suffix(".pdf")] = print_pdf(render_html(data, None, today), timeout)
    return write_all(files, force)


def print_pdf(page: str, timeout: float = chromium.TIMEOUT_SECONDS) -> bytes:
    """The PDF of a page, printed by Chromium from a temporary copy."""
    with tempfile.TemporaryDirectory(prefix="zx-overview-") as tmp:
        html, out = Path(tmp) / "overview.html", Path(tmp) / "overview.pdf"
        html.write_text(page, encoding="utf-8")
        chromium.html_to_pdf(html, out, timeout)
        return out.read_bytes()
