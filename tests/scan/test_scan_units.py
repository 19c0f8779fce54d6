"""The pure parts of zxcli.scan: names, figures, import hygiene (no extra needed)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from zxcli.scan import INSTALL_HINT, ScanUnavailable
from zxcli.scan.deps import require
from zxcli.scan.reading import decide, distance
from zxcli.scan.text import Expected, agrees, figures, figures_after, find_name, missing_phrases

CANDIDATES = ["苏州市统计局", "江苏省统计局", "苏州市人民政府"]


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("苏州州市统计局", "苏州市统计局"),  # a doubled character (seen in the feasibility check)
        ("江苏苏省统充计局", "江苏省统计局"),  # doubled and wrong
        ("苏州疏计局", "苏州市统计局"),
        ("·苏州市人民政府。", "苏州市人民政府"),  # stray marks at the ends
    ],
)
def test_nearest_candidate_despite_ocr_slips(read: str, expected: str) -> None:
    assert decide(read, 0.9, CANDIDATES).authority == expected


@pytest.mark.parametrize(
    ("read", "score"),
    [("某某某某印章专用", 0.9), ("苏州市统计局", 0.2), ("", 0.0), ("统计局", 0.9)],
)
def test_unreadable_rather_than_a_guess(read: str, score: float) -> None:
    # Far from every candidate, low OCR confidence, nothing, or equally near two candidates.
    assert decide(read, score, CANDIDATES).authority is None


def test_edit_distance_is_normalised() -> None:
    assert distance("苏州市统计局", "苏州市统计局") == 0.0
    assert distance("苏州州市统计局", "苏州市统计局") == pytest.approx(1 / 7)
    assert distance("", "abc") == 1.0


def test_figures_with_units_and_rounding() -> None:
    text = "规模以上工业增加值 2,816.4 亿元，同比增长 7.2％；技改投资 5128000 万元"
    found = list(figures(text))
    assert [(str(f.value), f.unit) for f in found] == [
        ("2816.4", "亿元"), ("7.2", "%"), ("5128000", "万元")]
    [added] = figures_after(text, "工业增加值")
    assert agrees(Expected(Decimal("2816.43"), "亿元"), added)  # rounded as printed
    assert not agrees(Expected(Decimal("2816.5"), "亿元"), added)
    [tech] = figures_after(text, "技改投资")
    assert agrees(Expected(Decimal("512.8"), "亿元"), tech)  # 万元 converts to 亿元
    assert not agrees(Expected(Decimal("7.2"), "亿元"), found[1])  # % is never 亿元


def test_names_and_phrases_tolerate_spacing_and_one_ocr_slip() -> None:
    text = "江 苏 省 工业和信息化厅\n推荐苏州市参加评选。对真实性、有效性负责"
    assert find_name(text, "江苏省工业和信息化厅")
    assert find_name("江苏省工业和信患化厅", "江苏省工业和信息化厅")  # one wrong character
    assert not find_name(text, "无锡市")
    assert missing_phrases(text, ["真实性", "有效性", "合规性"]) == ["合规性"]


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = ("import sys, zxcli.scan.check, zxcli.scan.reading, zxcli.scan.seals, zxcli.scan.pages;"
            "heavy = {'numpy', 'cv2', 'PIL', 'pypdfium2', 'onnxruntime'} & set(sys.modules);"
            "print(sorted(heavy))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_missing_extra_is_a_typed_error_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import now raises ImportError
    with pytest.raises(ScanUnavailable) as caught:
        require("pypdfium2")
    assert caught.value.code == "ZX489"
    assert INSTALL_HINT in str(caught.value) and "pypdfium2" in str(caught.value)
