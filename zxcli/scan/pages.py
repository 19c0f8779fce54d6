"""Page images of an attachment: each PDF page rasterised by PDFium, or a JPEG/PNG as it is.

Everything is bounded, because attachments come from outside: file size, page count, pixels per
page (a page of absurd size is rendered smaller, not refused) and a time budget for the file.
Whatever goes wrong comes back as a `PageError` with a reason, never as a crash.
"""

from __future__ import annotations

import io
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.scan.deps import require
from zxcli.scan.errors import PageError

if TYPE_CHECKING:
    import numpy as np

A4_LONG_SIDE_INCH = 297 / 25.4


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 2**20
    max_pages: int = 40
    dpi: float = 150.0  # working resolution: a 42 mm seal is ~250 px across, enough to read it
    max_pixels: int = 6_000_000  # per page, after scaling (A4 at 150 dpi is 2.2 M)
    max_source_pixels: int = 120_000_000  # an image larger than this is not even decoded
    time_budget: float = 120.0  # seconds for one file


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, as people count pages
    rgb: np.ndarray  # H x W x 3, uint8
    dpi: float  # pixels per inch of this image, to size seals in millimetres
    text_layer: str  # the PDF's own text of the page; "" for images and scanned PDFs


def sniff(head: bytes) -> str | None:
    """The file type by its first bytes; the extension is not trusted."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def load_pages(path: Path, limits: Limits | None = None) -> list[Page]:
    limits = limits or Limits()
    data = _read_bounded(path, limits)
    kind = sniff(data[:16])
    if kind is None:
        raise PageError("unsupported", str(path), "not a PDF, JPEG or PNG file")
    deadline = time.monotonic() + limits.time_budget
    if kind == "pdf":
        return _pdf_pages(data, str(path), limits, deadline)
    return [_image_page(data, str(path), limits)]


def _read_bounded(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise PageError("too_large", str(path), f"{size} bytes > {limits.max_bytes}")
        return path.read_bytes()
    except OSError as exc:
        raise PageError("unreadable", str(path), exc.strerror or type(exc).__name__) from exc


# ---------------------------------------------------------------------------------- images


def _image_page(data: bytes, where: str, limits: Limits) -> Page:
    image_mod = require("PIL.Image", "Pillow")
    np = require("numpy")
    try:
        image = image_mod.open(io.BytesIO(data))
        width, height = image.size
        if width < 1 or height < 1 or width * height > limits.max_source_pixels:
            raise PageError("too_large", where, f"{width}x{height} pixels", page=1)
        dpi = _image_dpi(image, width, height)
        scale = _scale(width, height, dpi, limits)
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        image.draft("RGB", target)  # JPEG decodes straight at a reduced size: fast and small
        image = image.convert("RGB")
        if image.size != target:
            image = image.resize(target, image_mod.Resampling.LANCZOS)
    except PageError:
        raise
    except image_mod.DecompressionBombError as exc:  # Pillow's own guard, before decoding
        raise PageError("too_large", where, str(exc), page=1) from exc
    except (OSError, SyntaxError, ValueError, MemoryError) as exc:
        raise PageError("unreadable", where, f"{type(exc).__name__}: {exc}", page=1) from exc
    return Page(1, np.asarray(image, dtype=np.uint8), dpi * scale, "")


def _image_dpi(image: Any, width: int, height: int) -> float:
    """The density a scanner wrote, if plausible; else assume the image is an A4 page."""
    declared = image.info.get("dpi")
    try:
        value = float(declared[0]) if declared else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 50 <= value <= 1200 and not math.isnan(value):
        return value
    return max(width, height) / A4_LONG_SIDE_INCH


def _scale(width: float, height: float, dpi: float, limits: Limits) -> float:
    """Down to the working resolution and the pixel cap; never up."""
    scale = min(1.0, limits.dpi / dpi) if dpi > 0 else 1.0
    pixels = width * height * scale * scale
    if pixels > limits.max_pixels:
        scale *= math.sqrt(limits.max_pixels / pixels)
    return scale


# ---------------------------------------------------------------------------------- PDF


def _pdf_pages(data: bytes, where: str, limits: Limits, deadline: float) -> list[Page]:
    pdfium = require("pypdfium2")
    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise PageError("unreadable", where, f"PDF: {exc}") from exc
    try:
        count = len(document)
        if count < 1:
            raise PageError("unreadable", where, "PDF has no page")
        if count > limits.max_pages:
            raise PageError("too_many_pages", where, f"{count} pages > {limits.max_pages}")
        pages = []
        for index in range(count):
            if time.monotonic() > deadline:
                raise PageError("timeout", where, f"> {limits.time_budget:.0f} s", page=index + 1)
            pages.append(_pdf_page(document, index, where, limits))
        return pages
    finally:
        document.close()


def _pdf_page(document: Any, index: int, where: str, limits: Limits) -> Page:
    pdfium = require("pypdfium2")
    np = require("numpy")
    try:
        page = document[index]
        width, height = page.get_size()  # points, 1/72 inch
        if not (width > 0 and height > 0) or math.isinf(width * height):
            raise PageError("unreadable", where, f"page size {width}x{height}", page=index + 1)
        pixel_scale = limits.dpi / 72 * _scale(width, height, 72.0, _cap_only(limits))
        bitmap = page.render(scale=pixel_scale, rev_byteorder=True)
        rgb = np.ascontiguousarray(bitmap.to_numpy()[..., :3])
        text = _text_layer(page)
    except PageError:
        raise
    except (pdfium.PdfiumError, ValueError, OSError, MemoryError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        raise PageError("unreadable", where, detail, page=index + 1) from exc
    return Page(index + 1, rgb, pixel_scale * 72, text)


def _cap_only(limits: Limits) -> Limits:
    # _scale at 72 "dpi" with the working dpi folded in: only the pixel cap may shrink a page.
    return Limits(dpi=72.0, max_pixels=int(limits.max_pixels / (limits.dpi / 72) ** 2))


def _text_layer(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range()).replace("\r\n", "\n").strip()
    finally:
        textpage.close()
