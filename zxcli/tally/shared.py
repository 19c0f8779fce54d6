"""What the tally's modules share, importing nothing else of zxcli.tally.

The campaign a ballot belongs to, and the plumbing of deterministic files (fixed zip
times and document properties, so the same inputs give the same bytes). Kept apart so
that sheets (ballots), final (the list) and outputs (the files) need not import each
other: tests/test_architecture.py forbids any import cycle, inside a package too.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

from zxcli.load.inert import inert_workbook

# Any constant would do; this is the day the revised 实施办法 took effect (第15条).
FIXED_TIME = datetime(2019, 1, 1)


@dataclass(frozen=True)
class CampaignId:
    """What a ballot must belong to: the campaign's year and its title (zx.yaml)."""

    year: int
    title: str

    @property
    def label(self) -> str:
        return self.title if str(self.year) in self.title else f"{self.year}年度 {self.title}"


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed entry times, order and properties (OOXML files are zips);
    the one normaliser render-forms uses too."""
    from zxcli.render.determinism import normalize

    return normalize(data, FIXED_TIME.date())


def save_workbook(wb: Any, title: str) -> bytes:
    """Workbook bytes that depend on the content only (fixed timestamps and properties)."""
    from openpyxl.writer.excel import ExcelWriter

    inert_workbook(wb)  # submitter text never becomes a formula (docs/security.md)
    wb.properties.creator = "zx"
    wb.properties.lastModifiedBy = "zx"
    wb.properties.title = title
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buffer = BytesIO()
    # openpyxl's save_workbook() stamps "now" into the properties; its writer does not.
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return deterministic_zip(buffer.getvalue())


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
