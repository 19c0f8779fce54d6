"""An info note (ZX620) is said in the text and JSON reports, and changes no verdict."""

from __future__ import annotations

import json

from zxcli.report import reporter
from zxcli.results import Finding, Options, Report


def _report() -> Report:
    report = Report()
    report.files.append("2024/zx.yaml")
    report.add(
        [
            Finding(
                "ZX620",
                "2024/zx.yaml",
                5,
                3,
                {"city": "宁波市", "province": "浙江省", "counted": "浙江省-杭州市"},
            )
        ],
        {},
        Options(),
    )
    return report


def test_the_text_report_says_the_note_and_still_passes() -> None:
    report = _report()
    assert report.findings == [] and report.verdict() == "pass"
    text = reporter("text").render(report, "zh")
    assert "说明（ZX620）" in text and "宁波市" in text and "〔2021〕8号" in text
    assert text.strip().splitlines()[-1] == "全部通过，未发现问题。"
    assert "note (ZX620)" in reporter("text").render(report, "en")


def test_the_json_report_lists_the_note_apart_from_the_findings() -> None:
    doc = json.loads(reporter("json").render(_report(), "en"))
    assert doc["findings"] == [] and [n["code"] for n in doc["notes"]] == ["ZX620"]
