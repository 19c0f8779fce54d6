"""zxcli.scan end to end on committed pages: seals, their authority, figures, hostile files."""

from __future__ import annotations

import shutil
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from scan_helpers import DATA, scanned_pdf, table_pdf

from zxcli.scan.check import ScanResult, scan_attachment, to_findings
from zxcli.scan.text import Expected

pytestmark = pytest.mark.usefixtures("extra")

STATS = "统计数据确认"
LAYER = [
    "苏州市统计局关于2025年度主要统计数据的确认",
    "规模以上工业增加值 2816.4 亿元，同比增长 7.2%；",
    "工业投资 1032.6 亿元，其中技术改造投资 512.8 亿元；",
]


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size and holds (almost) no data: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def scan(path: Path, declared: list[str], **kwargs: object) -> ScanResult:
    return scan_attachment(path, STATS, declared, **kwargs)  # type: ignore[arg-type]


def codes(result: ScanResult) -> list[tuple[str, int | None]]:
    return [(code, page) for code, _, page in to_findings(result)]


def test_declared_seal_found_and_read() -> None:
    result = scan(DATA / "stats-suzhou.jpg", ["苏州市统计局"])
    assert [s.authority for s in result.seals] == ["苏州市统计局"]
    assert result.seals[0].page == 1 and result.seals[0].mode == "red"
    assert codes(result) == []


def test_no_seal_on_the_page_is_reported_with_its_page() -> None:
    # The page has a red 红头 header and rule: red, but not a seal.
    result = scan(DATA / "stats-noseal.jpg", ["苏州市统计局"])
    assert result.seals == []
    assert codes(result) == [("ZX460", 1)]


def test_seal_of_the_provincial_bureau_on_city_statistics() -> None:
    result = scan(DATA / "stats-jiangsu.jpg", ["苏州市统计局"])
    [(code, params, page)] = to_findings(result)
    assert (code, page) == ("ZX462", 1)
    assert params["declared"] == "苏州市统计局" and params["found"] == "江苏省统计局"


def test_unreadable_seal_text_is_said_not_guessed() -> None:
    result = scan(DATA / "stats-smudged.jpg", ["苏州市统计局"])
    assert len(result.seals) == 1 and result.seals[0].authority is None
    assert codes(result) == [("ZX463", 1)]


def test_seal_found_on_a_document_that_declares_none() -> None:
    result = scan(DATA / "stats-suzhou.jpg", [])
    [(code, params, page)] = to_findings(result)
    assert (code, page, params["found"]) == ("ZX461", 1, "苏州市统计局")


def test_grayscale_copy_still_shows_its_seal() -> None:
    # The copy's body text hides 市 from every look (OCR: 苏州疏计局), so the seal is found
    # but not confirmed: a required seal nobody can read is an error, never a pass.
    result = scan(DATA / "stats-gray.jpg", ["苏州市统计局"])
    assert [s.mode for s in result.seals] == ["gray"]
    assert result.seals[0].authority in ("苏州市统计局", None)
    assert codes(result) in ([], [("ZX463", 1)])


def test_the_neighbouring_citys_bureau_is_itself_not_the_nearest() -> None:
    result = scan(DATA / "stats-wuxi.jpg", ["苏州市统计局"])
    [(code, params, _)] = to_findings(result)
    assert (code, params["found"]) == ("ZX462", "无锡市统计局")


def test_a_one_character_variant_is_nobody_and_does_not_pass() -> None:
    result = scan(DATA / "stats-variant.jpg", ["苏州市统计局"])
    assert [s.authority for s in result.seals] == [None]
    assert codes(result) == [("ZX463", 1)]
    from zxcli.catalog import rule

    assert rule("ZX463").severity.value == "error"


def test_a_ring_without_a_name_is_no_seal() -> None:
    result = scan(DATA / "stats-ring.jpg", ["苏州市统计局"])
    # Too empty to pass for a seal at all, or found and set aside for want of a name.
    assert result.seals == [] and len(result.not_seals) <= 1
    assert codes(result) == [("ZX460", 1)]


def test_unreadable_on_a_document_not_required_sealed_is_a_warning() -> None:
    result = scan_attachment(
        DATA / "stats-variant.jpg", "其他材料", ["苏州市统计局"], seal_required=False
    )
    assert codes(result) == [("ZX464", 1)]


def test_figures_from_the_text_layer_within_the_documents_rounding(tmp_path: Path) -> None:
    pdf = tmp_path / "stats.pdf"
    pdf.write_bytes(scanned_pdf((DATA / "stats-suzhou.jpg").read_bytes(), LAYER))
    result = scan(
        pdf,
        ["苏州市统计局"],
        expected_figures={
            "工业增加值": Expected(Decimal("2816.43"), "亿元"),  # printed 2816.4
            "技术改造投资": Expected(Decimal("520.0"), "亿元"),
        },  # printed 512.8
        expected_names={"city": "苏州市"},
    )
    assert [s.authority for s in result.seals] == ["苏州市统计局"]  # the PDF's image is scanned
    [(code, params, page)] = to_findings(result)
    assert (code, page, params["label"], params["found"]) == (
        "ZX470",
        1,
        "技术改造投资",
        "512.8亿元",
    )


def test_a_table_written_column_by_column_pairs_each_label_with_its_row(tmp_path: Path) -> None:
    labels = ["工业增加值", "工业投资", "技术改造投资"]
    values = ["2816.4亿元", "1032.6亿元", "512.8亿元"]
    # The values sit a point lower than their labels, as cells of a row often do.
    cells = [(60.0, 700.0 - 24 * i, label) for i, label in enumerate(labels)]
    cells += [(320.0, 699.0 - 24 * i, value) for i, value in enumerate(values)]
    pdf = tmp_path / "table.pdf"
    pdf.write_bytes(table_pdf(cells))
    expected = {
        label: Expected(Decimal(v[:-2]), "亿元") for label, v in zip(labels, values, strict=True)
    }
    result = scan_attachment(pdf, STATS, [], expected_figures=expected)
    assert result.figure_mismatches == [] and result.figures_not_found == []


def test_missing_name_and_phrases_of_a_statement(tmp_path: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(scanned_pdf(None, ["负责声明", "我市对申报材料的真实性、有效性负责。"]))
    names = {"government": "苏州市人民政府"}
    result = scan_attachment(pdf, "负责声明", [], [], expected_names=names)
    found = {(code, params["text"]) for code, params, _ in to_findings(result)}
    assert found == {("ZX472", "苏州市人民政府"), ("ZX473", "合规性")}


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"", "empty.pdf", "unsupported"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "truncated.pdf", "unreadable"),
        (b"PK\x03\x04 a zip renamed", "letter.pdf", "unsupported"),
        (b"\xff\xd8\xff\xe0 not really a JPEG", "scan.jpg", "unreadable"),
        # A PNG header claiming 100000 x 100000 pixels: refused before decoding.
        (png_header(100_000, 100_000), "bomb.png", "too_large"),
        (png_header(20_000, 9_000), "big.png", "too_large"),  # under Pillow's guard, over ours
    ],
)
def test_hostile_files_give_a_typed_error_not_a_crash(
    tmp_path: Path, content: bytes, name: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = scan(path, ["苏州市统计局"])
    assert result.error is not None and result.error.reason == reason
    [(code, params, _)] = to_findings(result)
    assert code == ("ZX481" if reason == "too_large" else "ZX480")
    assert params["reason"] == reason


def test_page_cap_and_huge_page(tmp_path: Path) -> None:
    import pypdfium2

    from zxcli.scan.pages import Limits, load_pages

    document = pypdfium2.PdfDocument.new()
    for _ in range(5):
        document.new_page(595, 842)
    document.new_page(200000, 200000)  # a page 70 m wide: rendered small, not refused
    path = tmp_path / "many.pdf"
    document.save(path)
    with pytest.raises(Exception) as caught:
        load_pages(path, Limits(max_pages=3))
    assert getattr(caught.value, "reason", None) == "too_many_pages"
    pages = load_pages(path)
    assert len(pages) == 6
    assert pages[-1].rgb.shape[0] * pages[-1].rgb.shape[1] <= 1.01 * Limits().max_pixels


def test_a_copy_with_another_extension_is_judged_by_its_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "stats.png"  # a JPEG named .png
    shutil.copy(DATA / "stats-suzhou.jpg", copy)
    assert [s.authority for s in scan(copy, ["苏州市统计局"]).seals] == ["苏州市统计局"]
