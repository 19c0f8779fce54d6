"""Issue 22, family 5: bounded, deterministic work.

A 46 MB PDF whose `startxref` is wrong makes pypdf rebuild its table by scanning the
whole file: zx gives ZX334 for it on any machine, idle or loaded, because the budget is
counted in work, not in seconds (zxcli/load/pdfbudget.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hostile import EXIT_FINDINGS, SUZHOU, copy_campaign, zx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "load"))
from pdfmaker import classic_pdf

LIMIT = 120  # seconds: the PDF alone costs about 4 s of one idle core


def _swap_attachment(campaign: Path, data: bytes) -> str:
    """Put `data` where the Suzhou dossier's 推荐函 is (its declared hash left stale)."""
    dossier = campaign / "dossiers" / SUZHOU
    target = next(p for p in (dossier / "attachments").glob("*.pdf") if "推荐函" in p.name)
    target.write_bytes(data)
    return target.name


@pytest.fixture(scope="module")
def wrong_startxref() -> bytes:
    # 30,000 pages: pypdf's recovery costs about 3.4 million calls, over twice the budget.
    data = classic_pdf(30_000, b"0 0 m 1 1 l S\n" * 95, startxref_shift=5)
    assert 44e6 < len(data) < 50 * 1024 * 1024
    return data


def test_a_big_pdf_with_a_wrong_startxref_is_zx334(
    tmp_path: Path, wrong_startxref: bytes, monkeypatch
) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    name = _swap_attachment(campaign, wrong_startxref)
    started = time.monotonic()
    run = zx("validate", campaign / "dossiers" / SUZHOU, "--no-cache", "-f", "json", timeout=LIMIT)
    assert time.monotonic() - started < LIMIT
    assert run.code == EXIT_FINDINGS, run.both
    hits = [f for f in run.json()["findings"] if f["code"] == "ZX334"]
    assert len(hits) == 1 and name in hits[0]["message"], run.json()["findings"]


# ---------------------------------------------------------------------- --draft caps


RESULTS = "  results: 2024年规模以上工业增加值增长6.8%，高技术制造业产值占比达52.1%。"


def test_a_draft_keeps_the_schemas_caps(tmp_path: Path) -> None:
    """100,000 line breaks in one field: the draft shows 200 lines of it, says ZX915, and
    takes no longer than an ordinary draft (it took minutes, quadratic in line breaks)."""
    import zipfile

    campaign = copy_campaign(tmp_path / "2025")
    path = campaign / "dossiers" / SUZHOU / "application.yaml"
    text = path.read_text("utf-8")
    assert RESULTS in text
    path.write_text(text.replace(RESULTS, "  results: |\n" + "    行\n    x\n" * 50_000), "utf-8")
    run = zx(
        "render-forms",
        campaign / "dossiers" / SUZHOU,
        "--draft",
        "--out",
        tmp_path / "out",
        timeout=30,
    )
    assert run.code == 0, run.both
    docx = next((tmp_path / "out").glob("*申报书.docx"))
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count("<w:br/>") < 1000
    assert "ZX915" in body and "c1_strategy.results" in body
