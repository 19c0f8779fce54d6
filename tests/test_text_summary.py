"""The piped summary table is drawn by zx itself (rich's table layout was the slowest part
of a cached run over a thousand dossiers): it must be exactly the table rich draws."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console

from zxcli.report import text as text_report
from zxcli.results import Finding, Options, Report

_LETTERS = "江苏省苏州市新疆生产建设兵团第八师石河子-ABCxyz·（）0123456789"


def _report(rng: random.Random) -> Report:
    report = Report()
    found = []
    for i in range(rng.randint(0, 30)):
        name = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 24))) + str(i)
        report.dossiers.append(name)
        path = f"c/dossiers/{name}/dossier.yaml"
        found += [
            Finding("ZX023", path, 17, 5, {"field": "x", "value": "y", "expected": "z"}, name)
            for _ in range(rng.choice([0, 0, 1, 3, 12, 150]))
        ]
        found += [
            Finding(
                "ZX358",
                path,
                40,
                5,
                {"id": "a", "path": "p", "declared": None, "actual": "b"},
                name,
            )
            for _ in range(rng.choice([0, 1, 2]))
        ]
    if rng.random() < 0.3:
        found.append(Finding("ZX003", "c/zx.yaml", 4, 9, {"problem": "x"}, None))
    report.add(found, {}, Options())
    return report


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("seed", range(25))
def test_the_plain_table_is_the_table_rich_draws(seed: int, lang: str) -> None:
    report = _report(random.Random(seed))
    console = Console(file=io.StringIO(), width=300, color_system=None, highlight=False)
    console.print(text_report._summary(report, lang))
    drawn = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert text_report.plain_summary(report, lang) == drawn


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("seed", range(20))
def test_summary_verdicts_are_each_groups_verdict(seed: int, strict: bool) -> None:
    """Report.summary groups the findings in one pass (10,000 dossiers used to cost a scan
    of every finding per dossier); each row must still say what verdict(group) says,
    hidden findings included."""
    rng = random.Random(seed)
    report = _report(rng)
    report.strict = strict
    hide = {f.code for f in report.findings if rng.random() < 0.5}
    report.hidden = [f for f in report.findings if f.code in hide]
    report.findings = [f for f in report.findings if f.code not in hide]
    for group, errors, warnings, verdict in report.summary():
        assert verdict == report.verdict(group)
        assert errors == sum(f.level.value == "error" for f in report.by_dossier()[group])
        assert warnings == sum(f.level.value == "warning" for f in report.by_dossier()[group])


@pytest.mark.parametrize("seed", range(30))
def test_the_plain_rule_is_the_rule_rich_draws(seed: int) -> None:
    """Piped output draws each dossier's rule itself (rich's own took half a millisecond a
    dossier); it must be the line rich draws, at any width, for any name."""
    rng = random.Random(seed)
    for _ in range(20):
        width = rng.randint(1, 140)
        title = "".join(rng.choice(_LETTERS + "\t") for _ in range(rng.randint(1, 90)))
        console = Console(width=width, record=True, file=io.StringIO(), highlight=False)
        console.rule(title)
        assert text_report.plain_rule(title, width) + "\n" == console.export_text(), (width, title)


@pytest.mark.parametrize("seed", range(10))
def test_piped_output_is_the_recorded_text(seed: int) -> None:
    """Piped, the findings are written straight to the file; recorded (the `render` other
    code uses), they go through rich: both must give the same text."""
    import contextlib

    report = _report(random.Random(seed))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        text_report.REPORTER.emit(report, "zh")
    assert out.getvalue() == text_report.REPORTER.render(report, "zh")
