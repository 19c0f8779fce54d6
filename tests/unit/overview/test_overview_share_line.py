"""The overview compares 第6条(2)'s 5% with the exact quotient, as validate does (issue 23)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zxcli.overview.collect import _products


@pytest.mark.parametrize(
    ("output", "meets", "shown"),
    [
        (4994, False, Decimal("4.99")),
        (4995, False, Decimal("4.995")),
        (4999, False, Decimal("4.999")),
        (5000, True, Decimal("5.00")),
    ],
)
def test_the_line_is_drawn_on_the_exact_share(output: int, meets: bool, shown: Decimal) -> None:
    (product,) = _products(
        {
            "leading_products": [
                {"name": "车用柴油发动机", "output": output, "national_output": 100000}
            ]
        }
    )
    assert product.meets_line is meets and product.share_pct == shown


def test_the_plan_city_note_is_on_the_page(tmp_path) -> None:
    """Issue 23: the overview says why 宁波 (计划单列市) does not use 浙江's quota."""
    import shutil
    from pathlib import Path

    from zxcli.overview.collect import collect

    sample = Path(__file__).resolve().parents[3] / "sample_dossiers" / "2024"
    shutil.copytree(sample, tmp_path / "2024")
    data = collect(tmp_path / "2024", lang="zh")
    assert any(n.startswith("ZX620 ") and "工信厅规函〔2020〕8号" in n for n in data.notes)
