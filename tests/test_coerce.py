"""zx's own option converters (zxcli/commands/coerce.py) instead of typer's pydantic ones.

They must give the same values typer would and refuse what it refuses (a refusal is
click's BadParameter, worded by cli.py), and no command may import pydantic to run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from inproc import run_main

from zxcli.commands.coerce import converter
from zxcli.commands.options import Lang, ReportFormat

REPO = Path(__file__).resolve().parent.parent
CAMPAIGN = REPO / "sample_dossiers" / "2024"


class _Bounds:
    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.min, self.max = low, high


@pytest.mark.parametrize("annotation, given, expected", [
    (str, "abc", "abc"),
    (Path, "a/b", Path("a/b")),
    (list[Path], ("a", "b"), [Path("a"), Path("b")]),
    (list[str] | None, ("ZX1",), ["ZX1"]),
    (int, "3", 3),
    (int, " 7 ", 7),
    (int | None, "2025", 2025),
    (Lang, "en", Lang.en),
    (ReportFormat | None, "sarif", ReportFormat.sarif),
    (bool, True, True),
])
def test_values_convert(annotation: object, given: object, expected: object) -> None:
    convert = converter(annotation, _Bounds())
    assert convert is not None
    assert convert(given) == expected


@pytest.mark.parametrize("annotation, bounds, given", [
    (int, _Bounds(0), "-1"),
    (int, _Bounds(2018, 2100), "1900"),
    (int, _Bounds(2018, 2100), "2101"),
    (int, _Bounds(), "3.5"),
    (int, _Bounds(), "abc"),
    (int, _Bounds(), ""),
    (Lang, _Bounds(), "fr"),
    (bool, _Bounds(), "yes"),
])
def test_values_refused(annotation: object, bounds: _Bounds, given: object) -> None:
    convert = converter(annotation, bounds)
    assert convert is not None
    with pytest.raises(ValueError):
        convert(given)


def test_unknown_types_keep_typers_way() -> None:
    assert converter(float, _Bounds()) is None
    assert converter(dict[str, int], _Bounds()) is None


@pytest.mark.parametrize("argv, shown", [
    (["validate", "--jobs", "-1", str(CAMPAIGN)], "--jobs 的值无效：须为不小于 0 的整数"),
    (["validate", "--lang", "fr", str(CAMPAIGN)], "只能是 zh、en 之一"),
    (["init", "--year", "1900", "x"], "须为 2018–2100 之间的整数"),
])
def test_refusals_are_usage_errors(argv: list[str], shown: str) -> None:
    code, _, err = run_main(argv, env={"ZX_LANG": "zh"})
    assert code == 2
    assert shown in err


@pytest.mark.parametrize("argv", [
    ["validate", "-f", "json", str(CAMPAIGN / "dossiers" / "江苏省-苏州市")],
    ["--help"], ["validate", "-h"], ["rules"],
])
def test_no_command_imports_pydantic(argv: list[str]) -> None:
    code = ("import sys; from zxcli import cli; sys.argv = ['zx', *sys.argv[1:]]\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "print('PYDANTIC' if 'pydantic' in sys.modules else 'none', file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                            text=True, cwd=REPO)
    assert result.stderr.strip().endswith("none"), result.stderr[-300:]
