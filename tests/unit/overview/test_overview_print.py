"""The overview's charts say what their lines and marks are, keep names whole and print
their text at 8 pt or more; the printed page is numbered (issue 26)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import zxcli.overview
from zxcli.overview import svg
from zxcli.overview.model import NomineeRow, TallyRow, TallySection, TallyStatus


def _row(rank: int, status: TallyStatus) -> TallyRow:
    return TallyRow(
        code=f"{320500 + rank}",
        city=f"城市{rank}",
        rank=rank,
        approvals=10,
        entitled=15,
        received=15,
        approval_rate_pct=Decimal("66.67"),
        mean_score=Decimal(80),
        min_score=Decimal(70),
        max_score=Decimal(90),
        recusals=0,
        status=status,
    )


def _tally(statuses: list[TallyStatus], cap: int) -> TallySection:
    return TallySection(
        rows=tuple(_row(i + 1, s) for i, s in enumerate(statuses)),
        committee_size=15,
        ballots_received=15,
        cap=cap,
        threshold="majority",
        ranking="approvals",
    )


def test_pass_line_and_quota_line_are_named_for_what_they_are() -> None:
    s, o, f = TallyStatus.SELECTED, TallyStatus.OVER_CAP, TallyStatus.FAILED
    # Five passed, one failed, quota 10: the line under rank 5 is the pass line only.
    chart = svg.score_ranges(_tally([s] * 5 + [f], 10), "zh")
    assert "通过线" in chart and "名额线" not in chart
    # Twelve passed, quota 10: the quota line under rank 10, no pass line.
    chart = svg.score_ranges(_tally([s] * 10 + [o] * 2, 10), "zh")
    assert "名额线：第5条每年不超过10个" in chart and "通过线" not in chart
    # Both at once under rank 10.
    chart = svg.score_ranges(_tally([s] * 10 + [f] * 2, 10), "zh")
    assert "通过线、名额线" in chart


def test_charts_have_legends_for_their_marks() -> None:
    scores = svg.score_ranges(_tally([TallyStatus.SELECTED] * 3, 10), "zh")
    for words in ("最低分—最高分", "平均分", "初选建议", "并列待定"):
        assert words in scores
    assert "pass line" in svg.score_ranges(
        _tally([TallyStatus.SELECTED, TallyStatus.FAILED], 10), "en"
    )


def test_no_chart_text_is_smaller_than_twelve_pixels() -> None:
    chart = svg.score_ranges(_tally([TallyStatus.SELECTED] * 3, 10), "zh")
    sizes = [int(v) for v in re.findall(r'font-size="(\d+)"', chart)]
    assert sizes and min(sizes) >= svg.SMALL == 12


def _nominee(code: str, city: str) -> NomineeRow:
    member = NomineeRow.__new__(NomineeRow)
    object.__setattr__(member, "code", code)
    object.__setattr__(member, "city", city)
    return member


def test_tile_names_are_never_cut() -> None:
    long_name = "克孜勒苏柯尔克孜自治州"
    two = [_nominee("653000", long_name), _nominee("650100", "乌鲁木齐市")]
    lines = svg._tile_lines(two, frozenset({"653000"}), 76)
    assert lines == ["克孜勒苏柯尔", "克孜自治州★", "乌鲁木齐市"]
    # A third nominee does not fit: counted, not cut.
    lines = svg._tile_lines([*two, _nominee("650200", "克拉玛依市")], frozenset(), 76)
    assert lines == ["克孜勒苏柯尔", "克孜自治州", "+2"]


def test_printed_pages_are_numbered() -> None:
    css = (Path(zxcli.overview.__file__).parent / "page.css").read_text(encoding="utf-8")
    assert css.count("@bottom-center") == 2 and "counter(page)" in css


def test_english_pages_are_numbered_in_english() -> None:
    from zxcli.overview import html

    assert 'content: "Page " counter(page)' in html._page_numbers("en")
    assert html._page_numbers("zh") == ""
