"""A dossier whose only errors say a check could not run is 未检查, never 通过 (issue 22)."""

from __future__ import annotations

import pytest

from zxcli.results import NOT_CHECKED, Finding, Options, Report


@pytest.mark.parametrize("code", sorted(NOT_CHECKED))
def test_only_not_checked_errors_give_unchecked(code: str) -> None:
    report = Report()
    report.dossiers.append("江苏省-苏州市")
    report.add(
        [
            Finding(
                code,
                "d/dossier.yaml",
                1,
                1,
                {
                    "family": "x",
                    "files": "zx.yaml",
                    "kind": "统计数据确认",
                    "file": "a.pdf",
                    "reason": "memory",
                    "detail": "2 GiB",
                },
                "江苏省-苏州市",
            )
        ],
        {},
        Options(),
    )
    assert report.verdict("江苏省-苏州市") == "unchecked" and report.exit_code() == 1


def test_a_real_error_beside_them_is_a_fail() -> None:
    report = Report()
    report.add(
        [
            Finding("ZX041", "d/dossier.yaml", params={"files": "zx.yaml"}, dossier="d"),
            Finding("ZX301", "d/dossier.yaml", params={"kind": "申报书"}, dossier="d"),
        ],
        {},
        Options(),
    )
    assert report.verdict("d") == "fail"
