"""`zx overview`: one self-contained HTML page (and its PDF) of a campaign for the committee.

Entry points:

- `overview(campaign, out_dir, ...)`: collect, render and write; what the command calls.
- `collect(campaign, lang, as_of) -> OverviewData`: the adapter to zx's data.
- `render_html(data, link_base, today) -> str`: the page, from `OverviewData` alone.
- `write_overview(data, out_dir, campaign_root, pdf=, force=) -> list[Path]`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zxcli.overview.model import OverviewData


def overview(
    campaign: Path,
    out_dir: Path,
    *,
    lang: str = "zh",
    pdf: bool = True,
    force: bool = False,
    as_of: dt.date | None = None,
) -> list[Path]:
    """`zx overview CAMPAIGN --out DIR`: the files written (HTML, then PDF)."""
    from zxcli.overview.collect import collect
    from zxcli.overview.pdf import require_chromium
    from zxcli.overview.write import write_overview

    if pdf:
        require_chromium()  # before the campaign is read: fail fast
    today = as_of or dt.date.today()
    data = collect(campaign, lang=lang, as_of=today)
    return write_overview(data, out_dir, campaign, pdf=pdf, force=force, today=today)


def render_html(
    data: OverviewData, link_base: str | None = "", today: dt.date | None = None
) -> str:
    from zxcli.overview.html import render_html as render

    return render(data, link_base, today)


__all__ = ["OverviewData", "overview", "render_html"]
