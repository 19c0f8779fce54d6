"""The pure parts of zxcli.scan: names, figures, import hygiene (no extra needed)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from zxcli.scan import INSTALL_HINT, ScanUnavailable
from zxcli.scan.deps import require
from zxcli.scan.reading import decide
from zxcli.scan.text import Expected, agrees, figures, figures_after, find_name, missing_phrases


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("苏州市统计局", "苏州市统计局"),
        ("·苏州市人民政府。", "苏州市人民政府"),  # stray marks at the ends
        ("620苏州市统计局79", "苏州市统计局"),  # a serial number on the lower arc
        ("苏州市统计局统计专用章", "苏州市统计局"),  # a 专用章 suffix
        ("兴安盟行政公署", "兴安盟行政公署"),
        ("新疆生产建设兵团办公厅", "新疆生产建设兵团办公厅"),
    ],
)
def test_a_reading_names_the_authority_it_spells(read: str, expected: str) -> None:
    assert decide(read, 0.9).authority == expected


@pytest.mark.parametrize(
    ("read", "whose"),
    [
        # Other real authorities are themselves, never "the nearest" of a short list.
        ("无锡市统计局", "无锡市统计局"),  # the neighbouring city's bureau
        ("浙江省经济和信息化厅", "浙江省经济和信息化厅"),  # another province's 工信 body
        ("苏州市财政局", "苏州市财政局"),  # the city's other bureau
        ("江苏省统计局", "江苏省统计局"),
        # Not an authority at all: unreadable.
        ("苏州市统计司", None),  # one character off
        ("苏州州市统计局", None),  # a doubled character is not 苏州市
        ("兴安盟人民政府", None),  # a 盟 has no 人民政府
        ("某某某某印章专用", None),
        ("统计局", None),
        ("", None),
    ],
)
def test_open_world_no_nearest_guess(read: str, whose: str | None) -> None:
    assert decide(read, 0.9).authority == whose


def test_measured_confusions_cannot_turn_one_real_name_into_another() -> None:
    from zxcli.scan.authority_names import bundled_world, confusions

    world = bundled_world()
    alphabet = set("".join(world.places)) | set("".join(world.extra))
    alphabet |= {ch for organs in world.organs.values() for organ in organs for ch in organ}
    table = confusions()
    assert table, "the table is read"
    assert not set(table) & alphabet
    assert decide("湘西士家族苗族自治州人民政府", 0.9).authority == "湘西土家族苗族自治州人民政府"


def test_a_rotated_reading_is_the_same_ring() -> None:
    assert decide("局东莞市统计", 0.9).authority == "东莞市统计局"


def test_low_confidence_claims_nothing() -> None:
    assert decide("苏州市统计局", 0.2).authority is None


def test_figures_with_units_and_rounding() -> None:
    text = "规模以上工业增加值 2,816.4 亿元，同比增长 7.2％；技改投资 5128000 万元"
    found = list(figures(text))
    assert [(str(f.value), f.unit) for f in found] == [
        ("2816.4", "亿元"),
        ("7.2", "%"),
        ("5128000", "万元"),
    ]
    [added] = figures_after(text, "工业增加值")
    assert agrees(Expected(Decimal("2816.43"), "亿元"), added)  # rounded as printed
    assert not agrees(Expected(Decimal("2816.5"), "亿元"), added)
    [tech] = figures_after(text, "技改投资")
    assert agrees(Expected(Decimal("512.8"), "亿元"), tech)  # 万元 converts to 亿元
    assert not agrees(Expected(Decimal("7.2"), "亿元"), found[1])  # % is never 亿元


def test_ocr_boxes_of_one_table_row_make_one_line() -> None:
    from zxcli.scan.text import ocr_rows

    def box(x: float, top: float, text: str) -> list[object]:
        return [[[x, top], [x + 80, top], [x + 80, top + 20], [x, top + 20]], text, 0.9]

    # The value's box is 5 px lower than its label's: rounding tops to 12 px split them.
    boxes = [
        box(300, 125, "1032.6亿元"),
        box(40, 95, "工业增加值"),
        box(40, 120, "工业投资"),
        box(300, 100, "2816.4亿元"),
    ]
    assert ocr_rows(boxes) == ["工业增加值\t2816.4亿元", "工业投资\t1032.6亿元"]
    [value] = figures_after("\n".join(ocr_rows(boxes)), "工业投资")
    assert str(value.value) == "1032.6"


def test_a_label_without_a_figure_on_its_line_reads_on_as_prose() -> None:
    [value] = figures_after("全年规模以上工业增加值\n达到 2816.4 亿元", "工业增加值")
    assert str(value.value) == "2816.4"


def test_names_and_phrases_tolerate_spacing_and_one_ocr_slip() -> None:
    text = "江 苏 省 工业和信息化厅\n推荐苏州市参加评选。对真实性、有效性负责"
    assert find_name(text, "江苏省工业和信息化厅")
    assert find_name("江苏省工业和信患化厅", "江苏省工业和信息化厅")  # one wrong character
    assert not find_name(text, "无锡市")
    assert missing_phrases(text, ["真实性", "有效性", "合规性"]) == ["合规性"]


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = (
        "import sys, zxcli.scan.check, zxcli.scan.reading, zxcli.scan.seals, zxcli.scan.pages;"
        "heavy = {'numpy', 'cv2', 'PIL', 'pypdfium2', 'onnxruntime'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
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
