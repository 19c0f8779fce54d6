"""Small but real attachment files for the sample dossiers, written byte by byte.

Standard library only and fully deterministic: no timestamps, no compression library whose
output could change between zlib builds (PNG data go in stored deflate blocks, the PDF
content stream is not compressed, the JPEG carries only DC coefficients).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterable, Sequence
from functools import cache

Point = tuple[float, float]

# --------------------------------------------------------------------------------------
# PDF: one A4 page, Helvetica text, grey "text" bars and a red seal drawn with vector ops.
# --------------------------------------------------------------------------------------

_KAPPA = 0.5523  # Bezier control-point factor for a quarter circle


def pdf_document(title: str, lines: Sequence[str], seal: bool) -> bytes:
    """A one-page PDF with a title line, some text lines and optionally a red seal."""
    content = _pdf_content(title, lines, seal)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (zx tools/make_samples.py) >>",
    ]
    return _pdf_file(objects, root=1, info=6)


def _pdf_file(objects: list[bytes], root: int, info: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\n" % (len(objects) + 1, root, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _pdf_content(title: str, lines: Sequence[str], seal: bool) -> bytes:
    ops = [
        b"BT /F1 18 Tf 72 770 Td (" + _pdf_text(title) + b") Tj ET",
        b"BT /F1 11 Tf 15 TL 72 736 Td",
    ]
    ops += [b"(" + _pdf_text(line) + b") Tj T*" for line in lines]
    ops.append(b"ET")
    ops.append(b"0.82 g")
    top = 720 - 15 * len(lines)
    ops += [b"72 %d %d 5 re f" % (top - 22 * i, 451 - 37 * (i % 4)) for i in range(12)]
    if seal:
        ops.append(_pdf_seal(440.0, 190.0, 62.0))
    return b"\n".join(ops)


def _pdf_seal(cx: float, cy: float, r: float) -> bytes:
    k = _KAPPA * r
    arcs = [
        ((cx + r, cy + k), (cx + k, cy + r), (cx, cy + r)),
        ((cx - k, cy + r), (cx - r, cy + k), (cx - r, cy)),
        ((cx - r, cy - k), (cx - k, cy - r), (cx, cy - r)),
        ((cx + k, cy - r), (cx + r, cy - k), (cx + r, cy)),
    ]
    path = [f"{cx + r:.2f} {cy:.2f} m"]
    path += [" ".join(f"{x:.2f} {y:.2f}" for x, y in arc) + " c" for arc in arcs]
    star = star_points(cx, cy, r * 0.45, r * 0.18)
    star_path = [f"{star[0][0]:.2f} {star[0][1]:.2f} m"]
    star_path += [f"{x:.2f} {y:.2f} l" for x, y in star[1:]]
    text = "q 0.8 0 0 RG 0.8 0 0 rg 5 w\n" + "\n".join(path) + " S\n"
    text += "\n".join(star_path) + " h f Q"
    return text.encode("ascii")


def _pdf_text(text: str) -> bytes:
    raw = text.encode("ascii")  # Helvetica with WinAnsi: keep sample text ASCII/pinyin
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def star_points(cx: float, cy: float, outer: float, inner: float) -> list[Point]:
    """The ten corners of a five-pointed star, rounded so every platform agrees."""
    points = []
    for i in range(10):
        angle = math.radians(90 + 36 * i)
        radius = outer if i % 2 == 0 else inner
        points.append(
            (round(cx + radius * math.cos(angle), 2), round(cy + radius * math.sin(angle), 2))
        )
    return points


# --------------------------------------------------------------------------------------
# PNG: a 1-bit palette image (white paper, red seal ring and star), stored deflate.
# --------------------------------------------------------------------------------------

PNG_SIZE = 200


def png_seal(comment: str, size: int = PNG_SIZE) -> bytes:
    """A red seal on white; `comment` (ASCII) goes into a tEXt chunk."""
    raw = _png_pixels(size)
    header = struct.pack(">IIBBBBB", size, size, 1, 3, 0, 0, 0)
    palette = bytes((255, 255, 255, 204, 0, 0))
    text = b"Comment\x00" + comment.encode("ascii")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"PLTE", palette)
        + _png_chunk(b"tEXt", text)
        + _png_chunk(b"IDAT", zlib_stored(raw))
        + _png_chunk(b"IEND", b"")
    )


@cache
def _png_pixels(size: int) -> bytes:
    star = star_points(size / 2, size / 2, size * 0.25, size * 0.1)
    return b"".join(b"\x00" + _png_row(y, size, star) for y in range(size))  # filter 0


def _png_row(y: int, size: int, star: Sequence[Point]) -> bytes:
    bits = [_seal_pixel(x, y, size, star) for x in range(size)]
    bits += [0] * (-len(bits) % 8)
    return bytes(int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits), 8))


def _seal_pixel(x: int, y: int, size: int, star: Sequence[Point]) -> int:
    dx, dy = 2 * x + 1 - size, 2 * y + 1 - size  # doubled offsets from the centre
    d2 = dx * dx + dy * dy
    outer, inner = int(size * 0.92), int(size * 0.82)
    if inner * inner <= d2 <= outer * outer:
        return 1
    return 1 if inside_polygon(x + 0.5, size - (y + 0.5), star) else 0


def inside_polygon(px: float, py: float, polygon: Sequence[Point]) -> bool:
    """Even-odd rule."""
    inside = False
    n = len(polygon)
    for i in range(n):
        (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % n]
        if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def zlib_stored(data: bytes) -> bytes:
    """A zlib stream made of stored (uncompressed) deflate blocks: same bytes everywhere."""
    out = bytearray(b"\x78\x01")
    chunks = [data[i : i + 65535] for i in range(0, len(data), 65535)] or [b""]
    for index, chunk in enumerate(chunks):
        final = 1 if index == len(chunks) - 1 else 0
        out += struct.pack("<BHH", final, len(chunk), len(chunk) ^ 0xFFFF) + chunk
    return bytes(out + struct.pack(">I", zlib.adler32(data)))


# --------------------------------------------------------------------------------------
# JPEG: baseline (SOF0), 4:4:4 YCbCr, every 8x8 block a flat colour (DC only).
# A flat block's DC coefficient is 8*(v-128); quantised by 8 it is exactly v-128.
# --------------------------------------------------------------------------------------

YCbCr = tuple[int, int, int]
PAPER: YCbCr = (255, 128, 128)
INK: YCbCr = (150, 128, 128)  # grey "text" lines
RED: YCbCr = (61, 94, 230)  # RGB (204, 0, 0)

# ITU-T T.81 Annex K.3 table K.3: luminance DC differences, categories 0-11.
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_VALS = tuple(range(12))
# Every block ends right after its DC term, so the AC table needs only EOB (0x00).
_AC_BITS = (1,) + (0,) * 15
_AC_VALS = (0,)


def jpeg_scan_page(comment: str, width_blocks: int = 20, height_blocks: int = 28) -> bytes:
    """A 'scanned page': grey text lines above a red seal, 160x224 pixels; ASCII comment."""
    blocks = [
        [_page_block(bx, by, width_blocks, height_blocks) for bx in range(width_blocks)]
        for by in range(height_blocks)
    ]
    return jpeg_from_blocks(blocks, comment)


def _page_block(bx: int, by: int, w: int, h: int) -> YCbCr:
    if by in (3, 5, 7, 9, 11) and 2 <= bx < w - 2 - (by % 3):
        return INK
    cx, cy, r = w - 7, h - 8, 5  # seal centre and radius, in blocks
    d2 = (2 * bx + 1 - 2 * cx) ** 2 + (2 * by + 1 - 2 * cy) ** 2
    if (2 * r - 2) ** 2 <= d2 <= (2 * r + 1) ** 2 or d2 <= 4:
        return RED
    return PAPER


def jpeg_from_blocks(blocks: Sequence[Sequence[YCbCr]], comment: str = "") -> bytes:
    height, width = 8 * len(blocks), 8 * len(blocks[0])
    return b"".join(
        (
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"),
            _segment(0xFE, comment.encode("ascii")) if comment else b"",
            _segment(0xDB, b"\x00" + bytes([8] * 64)),
            _segment(
                0xC0,
                struct.pack(">BHHB", 8, height, width, 3)
                + b"".join(bytes((cid, 0x11, 0)) for cid in (1, 2, 3)),
            ),
            _segment(
                0xC4,
                b"\x00"
                + bytes(_DC_BITS)
                + bytes(_DC_VALS)
                + b"\x10"
                + bytes(_AC_BITS)
                + bytes(_AC_VALS),
            ),
            _segment(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00"),
            _entropy_data(blocks),
            b"\xff\xd9",
        )
    )


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _huffman_codes(bits: Sequence[int], vals: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes (T.81 Annex C): symbol -> (code, length)."""
    codes: dict[int, tuple[int, int]] = {}
    code, index = 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[vals[index]] = (code, length)
            code, index = code + 1, index + 1
        code <<= 1
    return codes


def _entropy_data(blocks: Sequence[Sequence[YCbCr]]) -> bytes:
    dc = _huffman_codes(_DC_BITS, _DC_VALS)
    eob = _huffman_codes(_AC_BITS, _AC_VALS)[0]
    bits: list[tuple[int, int]] = []
    previous = [0, 0, 0]
    for row in blocks:
        for colour in row:
            for comp, value in enumerate(colour):
                coefficient = value - 128
                bits += _dc_bits(coefficient - previous[comp], dc)
                bits.append(eob)
                previous[comp] = coefficient
    return _stuff(_pack_bits(bits))


def _dc_bits(diff: int, dc: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    size = abs(diff).bit_length()
    out = [dc[size]]
    if size:
        out.append((diff if diff > 0 else diff + (1 << size) - 1, size))
    return out


def _pack_bits(codes: Iterable[tuple[int, int]]) -> bytes:
    acc, count = 0, 0
    for code, length in codes:
        acc, count = (acc << length) | code, count + length
    pad = -count % 8
    acc, count = (acc << pad) | ((1 << pad) - 1), count + pad  # pad with 1-bits
    return acc.to_bytes(count // 8, "big")


def _stuff(data: bytes) -> bytes:
    return data.replace(b"\xff", b"\xff\x00")


# --------------------------------------------------------------------------------------
# Sealed scans: a page drawn with a CJK font, realistic seals pressed on it (seal_art), as a
# JPEG, or as a "searchable" PDF (the JPEG under an invisible text layer, as a scanner with
# OCR writes it). Needs Pillow, numpy and a CJK font; see scans_available().
# --------------------------------------------------------------------------------------

SCAN_DPI = 150  # the scan check's working resolution: a 42 mm seal is ~250 px across
SCAN_MARK = "zx sample scan"  # in every scan, so tests can tell scans from the rest
# Where seals land, as fractions of the page: one near the signature block; two side by side.
_SEAL_SPOTS = {1: ((0.66, 0.72),), 2: ((0.34, 0.74), (0.70, 0.74))}


def scans_available() -> str:
    """'' when sealed scans can be drawn here, else why not (for a skip message)."""
    try:
        import seal_art

        seal_art.cjk_font_path()
    except ImportError as exc:
        return f"Pillow/numpy missing ({exc.name}): pip install 'zxcli[scan]'"
    except RuntimeError as exc:  # seal_art.FontNotFound
        return str(exc)
    return ""


def scan_page_jpeg(
    title: str, lines: Sequence[str], seals: Sequence[str], seed: int, grayscale: bool = False
) -> bytes:
    """An A4 page at SCAN_DPI with `seals` pressed on it, as JPEG bytes."""
    import io

    import seal_art

    page = seal_art.text_page(lines, dpi=SCAN_DPI, title=title, size_pt=14)
    for i, (authority, where) in enumerate(
        zip(seals, _SEAL_SPOTS[max(1, len(seals))], strict=False)
    ):
        page = seal_art.stamp_seal_on_page(page, authority, SCAN_DPI, seed + i, where, fade=0.2)
    if grayscale:
        page = seal_art.to_grayscale(page).convert("L")
    out = io.BytesIO()
    # Fixed encoder settings and no metadata but the marker: the same bytes on every run.
    page.save(
        out,
        "JPEG",
        quality=55,
        dpi=(SCAN_DPI, SCAN_DPI),
        optimize=False,
        comment=SCAN_MARK.encode("ascii"),
    )
    return out.getvalue()


def scan_pdf(
    title: str, lines: Sequence[str], seals: Sequence[str], seed: int, grayscale: bool = False
) -> bytes:
    """One A4 page: the scan's JPEG over the whole page, the text invisible on top."""
    jpeg = scan_page_jpeg(title, lines, seals, seed, grayscale)
    size = _jpeg_size(jpeg)
    text = [b"BT 3 Tr /F1 12 Tf 80 760 Td 18 TL"]  # 3 Tr: searchable, not drawn
    text += [b"<" + row.encode("utf-16-be").hex().encode() + b"> Tj T*" for row in (title, *lines)]
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" + b"\n".join([*text, b"ET"])
    space = b"/DeviceGray" if grayscale else b"/DeviceRGB"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> /XObject << /Im1 7 0 R >> >> /Contents 5 0 R >>",
        # STSong-Light is one of PDF's predefined CJK fonts: no font file in the sample.
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % (*size, space, len(jpeg))
        + jpeg
        + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        b"<< /Producer (zx tools/make_samples.py - " + SCAN_MARK.encode("ascii") + b") >>",
    ]
    return _pdf_file(objects, root=1, info=9)


def _jpeg_size(jpeg: bytes) -> tuple[int, int]:
    """(width, height) from the JPEG's SOF0 segment."""
    at = jpeg.index(b"\xff\xc0")
    height, width = struct.unpack(">HH", jpeg[at + 5 : at + 9])
    return width, height
