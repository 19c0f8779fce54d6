"""Page images of an attachment: each PDF page rasterised by PDFium, or a JPEG/PNG as it is.

Everything is bounded, because attachments come from outside: file size, page count, pixels per
page (a page of absurd size is rendered smaller, not refused), and the decoding itself runs in
a child process with an address-space limit (RLIMIT_AS) and a wall-clock limit, since PDFium
cannot be interrupted inside a page (a page of millions of tiny vector shapes renders for
minutes). Whatever goes wrong comes back as a `PageError` with a reason, never as a crash:
exceeding the memory or the time limit is ZX481.
"""

from __future__ import annotations

import atexit
import io
import itertools
import math
import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
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
    time_budget: float = 120.0  # seconds for one file, rendering included
    max_memory: int = 2 * 2**30  # bytes of address space for the process that decodes it
    isolate: bool = True  # decode in a bounded child process (False: in this process)


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
    """The file's pages, decoded in a child process bounded in memory and time."""
    limits = limits or Limits()
    if not limits.isolate:
        return load_here(path, limits)
    kind, value = _WORKER.ask((str(path), replace(limits, isolate=False)), limits)
    if kind == "error":
        reason, detail, page = value
        raise PageError(reason, str(path), detail, page=page)
    return list(value)


class _Worker:
    """One long-lived decoding child (starting Python and PDFium costs ~0.3 s, so it is reused
    across files), restarted after it is killed for time or dies of its memory limit."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._memory = 0
        self._lock = threading.Lock()

    def ask(self, request: tuple[str, Limits], limits: Limits) -> tuple[str, Any]:
        with self._lock:
            process = self._ready(limits.max_memory)
            answer: list[bytes | None] = []
            reader = threading.Thread(target=lambda: answer.append(_receive(process)), daemon=True)
            try:
                _send(process, pickle.dumps(request))
                reader.start()
                reader.join(limits.time_budget)
            except OSError:  # the child died before it could read: of its memory limit
                pass
            if reader.is_alive():
                self._stop()
                return "error", ("timeout", f"> {limits.time_budget:.0f} s", None)
            body = answer[0] if answer else None
            if body is None:
                self._stop()
                return "error", ("memory", f"> {limits.max_memory // 2**20} MiB", None)
            kind, value = pickle.loads(body)  # our own child's answer, not the file's bytes
            if kind == "error" and value[0] == "memory":
                self._stop()  # a child that ran out of memory is not trusted further
            return kind, value

    def _ready(self, memory: int) -> subprocess.Popen[bytes]:
        if self._process is not None and (
            self._process.poll() is not None or self._memory != memory
        ):
            self._stop()
        if self._process is None:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from zxcli.scan.pages import child_main; child_main()",
                    str(memory),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_child_env(),
            )
            self._memory = memory
        return self._process

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
        self._process = None

    def close(self) -> None:
        """At exit: closing its stdin ends the child's loop; kill it if it does not finish."""
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


_WORKER = _Worker()
atexit.register(_WORKER.close)
_HEADER = 8  # bytes of a message's length, big-endian


def _send(process: subprocess.Popen[bytes], body: bytes) -> None:
    assert process.stdin is not None
    process.stdin.write(len(body).to_bytes(_HEADER, "big") + body)
    process.stdin.flush()


def _receive(process: subprocess.Popen[bytes]) -> bytes | None:
    assert process.stdout is not None
    return _read_message(process.stdout)


def _read_message(stream: Any) -> bytes | None:
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "big")
    body = stream.read(size)
    return body if len(body) == size else None


def _child_env() -> dict[str, str]:
    """The parent's environment, with this zxcli first on the path and one BLAS thread (each
    BLAS thread reserves address space that RLIMIT_AS counts)."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return {**os.environ, "PYTHONPATH": path, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def child_main() -> None:
    """In the child: limit the address space first, then answer requests until stdin closes."""
    memory = int(sys.argv[1])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX: time limit only
        pass
    while (body := _read_message(sys.stdin.buffer)) is not None:
        path, limits = pickle.loads(body)
        try:
            answer: tuple[str, Any] = ("pages", load_here(Path(path), limits))
        except PageError as error:
            answer = ("error", (error.reason, error.detail, error.page))
        except MemoryError:
            answer = ("error", ("memory", f"> {memory // 2**20} MiB", None))
        out = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.buffer.write(len(out).to_bytes(_HEADER, "big") + out)
        sys.stdout.buffer.flush()


def load_here(path: Path, limits: Limits) -> list[Page]:
    """Decode in this process (what the child runs)."""
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
    except MemoryError as exc:
        raise PageError("memory", where, "out of memory decoding the image", page=1) from exc
    except (OSError, SyntaxError, ValueError) as exc:
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
    except MemoryError as exc:
        raise PageError("memory", where, "out of memory rendering", page=index + 1) from exc
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        raise PageError("unreadable", where, detail, page=index + 1) from exc
    return Page(index + 1, rgb, pixel_scale * 72, text)


def _cap_only(limits: Limits) -> Limits:
    # _scale at 72 "dpi" with the working dpi folded in: only the pixel cap may shrink a page.
    return Limits(dpi=72.0, max_pixels=int(limits.max_pixels / (limits.dpi / 72) ** 2))


MAX_LAYOUT_CHARS = 20_000  # a page with more characters keeps the PDF's own reading order


def _text_layer(page: Any) -> str:
    """The page's text as it is laid out: one line per row of characters, left to right.

    A PDF's own order follows its content stream, which for a table may run down the label
    column and then down the values; read that way, a label is followed by another row's
    value. Rows of character boxes pair each label with the value beside it.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if 0 < count <= MAX_LAYOUT_CHARS:
            chars = [
                (textpage.get_text_range(i, 1), *textpage.get_charbox(i)) for i in range(count)
            ]
            laid_out = layout_rows(chars)
            if laid_out:
                return laid_out
        return str(textpage.get_text_range()).replace("\r\n", "\n").strip()
    finally:
        textpage.close()


def layout_rows(chars: list[tuple[str, float, float, float, float]]) -> str:
    """Characters (text, left, bottom, right, top; PDF units, y up) as lines of rows.

    A character joins a row when its vertical middle lies within the row's first character's
    height; a gap wider than a character's height between two in a row is written as a tab.
    """
    boxes = [c for c in chars if c[0].strip() and c[4] > c[2]]
    boxes.sort(key=lambda c: -(c[2] + c[4]) / 2)
    rows: list[list[tuple[str, float, float, float, float]]] = []
    for char in boxes:
        middle = (char[2] + char[4]) / 2
        if rows and rows[-1][0][2] <= middle <= rows[-1][0][4]:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        height = row[0][4] - row[0][2]
        line = row[0][0]
        for before, char in itertools.pairwise(row):
            line += ("\t" if char[1] - before[3] > height else "") + char[0]
        lines.append(line)
    return "\n".join(lines)
