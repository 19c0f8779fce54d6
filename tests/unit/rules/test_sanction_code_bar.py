"""第13条's province bar follows the sanction record's code, not only its stated province.

A planted bug that ignored the record's code survived the rules' own tests, because their
helper deleted the code before barring a province. Here the stated province names none of
the nominee's regions, so only the code can bar it.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Check, edit

SUZHOU = "江苏省-苏州市"


def _record(campaign: Path, province: str, city: str, code: str) -> None:
    registry = campaign / "registry" / "sanctions.yaml"
    edit(registry, "province: 某某省", f"province: {province}")
    edit(registry, "city: 某某市", f"city: {city}")
    edit(registry, 'code: "990100"', f'code: "{code}"')


def test_a_record_whose_code_lies_in_the_province_bars_it(campaign: Path, findings: Check) -> None:
    _record(campaign, "某某省", "南京市", "320100")  # 南京: 江苏, as 苏州
    hits = [(f.code, f.dossier) for f in findings(campaign, "ZX5")]
    assert hits == [("ZX502", SUZHOU)]


def test_a_record_whose_code_lies_elsewhere_bars_nothing_here(
    campaign: Path, findings: Check
) -> None:
    _record(campaign, "某某省", "广州市", "440100")
    assert [f.code for f in findings(campaign, "ZX5")] == []


def test_the_stated_province_bars_it_whatever_the_code(campaign: Path, findings: Check) -> None:
    _record(campaign, "江苏省", "广州市", "440100")
    assert [(f.code, f.dossier) for f in findings(campaign, "ZX5")] == [("ZX502", SUZHOU)]
