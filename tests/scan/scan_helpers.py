"""Helpers of the scan tests: the committed test pages and PDFs built from them.

The pages under data/ were drawn by `python tools/make_scan_eval.py --fixtures tests/scan/data`
and are committed, so the tests need no CJK font. PDFs are written byte by byte here: a JPEG
page image under an invisible text layer in the predefined STSong-Light font (no font file), as
a scanner with OCR produces.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def extra_or_skip() -> None:
    for module in ("numpy", "cv2", "PIL", "pypdfium2", "rapidocr_onnxruntime"):
        pytest.importorskip(
            module, reason="scan extra not installed: pip install '/path/to/zx[scan]'"
        )


def scanned_pdf(
    jpeg: bytes | None, lines: Sequence[str], size: tuple[int, int] = (595, 842)
) -> bytes:
    """One A4 page: the JPEG drawn over the whole page, `lines` as invisible text on top."""
    text = [b"BT 3 Tr /F1 14 Tf 60 780 Td 20 TL"]
    text += [b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*" for line in lines]
    text.append(b"ET")
    content = (b"q %d 0 0 %d 0 0 cm /Im1 Do Q\n" % size if jpeg else b"") + b"\n".join(text)
    image = (
        (
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
            % (*_jpeg_size(jpeg), len(jpeg))
            + jpeg
            + b"\nendstream"
        )
        if jpeg
        else b"<< >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 4 0 R >>"
        b" /XObject << /Im1 7 0 R >> >> /Contents 5 0 R >>" % size,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
        image,
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_file(objects)


def table_pdf(cells: Sequence[tuple[float, float, str]]) -> bytes:
    """One A4 page whose text layer holds `cells` (x, y in points, text) in the order given:
    a producer that writes a table column by column, labels first, then the values."""
    ops = [b"BT 3 Tr /F1 12 Tf"]
    ops += [
        b"1 0 0 1 %.1f %.1f Tm <%s> Tj" % (x, y, text.encode("utf-16-be").hex().encode())
        for x, y, text in cells
    ]
    ops.append(b"ET")
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_file(objects)


def _jpeg_size(jpeg: bytes) -> tuple[int, int]:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        return image.size


def pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
