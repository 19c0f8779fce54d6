"""click's own usage errors are shown in the chosen language (issue 13, item 9)."""

from __future__ import annotations

import pytest
from inproc import run_main


@pytest.mark.parametrize(
    ("argv", "zh"),
    [
        (["validate", "--bogus"], "没有选项 --bogus"),
        (["validate"], "缺少参数 PATHS"),
        (["tally", ".", "--lang", "fr"], "--lang 的值无效：只能是 zh、en 之一"),
        (
            ["validate", "-f", "xml", "."],
            "只能是 text、json、github、junit、sarif、codequality 之一",
        ),
        (["validate", "-j", "-3", "."], "--jobs 的值无效：须为不小于 0 的整数"),
        (["init", "x", "--year", "1999"], "须为 2018–2100 之间的整数"),
        # click's own errors that carry no parameter (issue 27): known by their message ids
        (["valdate", "."], "错误：没有命令“valdate”；是否指 validate？"),
        (["xyzzy"], "错误：没有命令“xyzzy”\n"),
        (["rules", "extra"], "错误：多余的参数：extra"),
    ],
)
def test_usage_errors_speak_chinese_by_default(argv: list[str], zh: str) -> None:
    code, _, err = run_main(argv, env={"ZX_LANG": "zh"})
    assert code == 2
    assert zh in err and "用法：zx" in err and "Error:" not in err, err


def test_english_keeps_clicks_words() -> None:
    code, _, err = run_main(["validate", "--bogus", "--lang", "en"])
    assert code == 2 and "No such option: --bogus" in err and "用法" not in err


@pytest.mark.parametrize(
    ("argv", "zh"),
    [
        (["validate", "-f"], "错误：选项 -f 后面要跟一个值"),
        (["validate", "--strict=yes", "."], "错误：选项 --strict 不带值"),
    ],
)
def test_option_usage_errors_speak_chinese(argv: list[str], zh: str) -> None:
    code, _, err = run_main(argv, env={"ZX_LANG": "zh"})
    assert code == 2 and zh in err and "Error" not in err and "Option" not in err, err
