"""Realistic official seals (公章) drawn on page images, for samples, tests and the evaluation set.

A seal here is what a Chinese authority stamps: a red ring, a five-pointed star in the middle and
the authority's name along the upper ~240° of the arc, characters upright towards the rim. The
impression is slightly rotated, unevenly inked (fading), and multiplied onto the page so that
black text under it stays black, as ink on paper does.

Needs Pillow and numpy (the `scan` extra) and a CJK font: $ZX_CJK_FONT, or a system font such as
Debian's fonts-noto-cjk. Everything is deterministic given the `random.Random` passed in.
"""

from __future__ import annotations

import io
import math
import os
import random
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEAL_RED = (205, 32, 40)
MM_PER_INCH = 25.4
# Where a CJK font is usually found; the first that exists wins ($ZX_CJK_FONT first of all).
_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)


class FontNotFound(RuntimeError):
    """No CJK font: set $ZX_CJK_FONT or install one (Debian: apt-get install fonts-noto-cjk)."""


@cache
def cjk_font_path() -> Path:
    candidates = [os.environ.get("ZX_CJK_FONT", ""), *_FONT_PATHS, _fc_match()]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontNotFound(
        "需要中文字体：设置 ZX_CJK_FONT 或安装 fonts-noto-cjk / a CJK font is needed: "
        "set ZX_CJK_FONT or install fonts-noto-cjk"
    )


def _fc_match() -> str:
    if not shutil.which("fc-match"):
        return ""
    done = subprocess.run(
        ["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


@cache
def font(size: int, path: str = "") -> ImageFont.FreeTypeFont:
    """The CJK font at `size` px; `path` picks another font file than the default."""
    return ImageFont.truetype(path or str(cjk_font_path()), size)


def cjk_fonts() -> list[str]:
    """Every distinct CJK font file fontconfig knows (`fc-list :lang=zh`), sorted."""
    if not shutil.which("fc-list"):
        return [str(cjk_font_path())]
    done = subprocess.run(
        ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
    )
    files = sorted({line.split(":")[0].strip() for line in done.stdout.splitlines() if line})
    return [f for f in files if _covers(f, SIMPLIFIED_PROBE)] or [str(cjk_font_path())]


# Simplified characters of authority names: a font that lacks any (a traditional-only font
# such as cwTeX draws them as empty boxes) would draw seals nobody could read.
SIMPLIFIED_PROBE = "苏统计兴经济厅东枣团区县盟乌鲁齐"


def _covers(path: str, chars: str) -> bool:
    face = ImageFont.truetype(path, 32)
    missing = bytes(face.getmask("\U000f0000"))  # a private-use code point: the .notdef box
    return all(bytes(face.getmask(ch)) != missing for ch in chars)


@dataclass(frozen=True)
class SealStyle:
    """How one impression looks. Sizes are relative to the seal's diameter."""

    rotation: float = 0.0  # degrees, clockwise, of the whole impression
    fade: float = 0.0  # 0 = full ink, 1 = hardly visible
    ring_width: float = 0.035
    star_radius: float = 0.17
    text_size: float = 0.17
    ink: tuple[int, int, int] = SEAL_RED
    font_path: str = ""  # "" = the default CJK font
    span: float = 0.0  # degrees of arc the name covers; 0 = by its length, as before
    oval: float = 1.0  # height over width: < 1 for an oval seal
    serial: str = ""  # digits along the lower arc (a seal's 编码)
    star: bool = True
    gaps: float = 0.0  # share of the ring's angles where ink is missing altogether
    fit: bool = False  # condense characters to their share of the arc, as a seal maker does


def draw_seal(authority: str, diameter: int, style: SealStyle, rng: random.Random) -> Image.Image:
    """The seal alone as an 'L' image: 255 where ink lands fully, 0 where there is none."""
    size = diameter + 4
    canvas = Image.new("L", (size, size), 0)
    _ring(canvas, diameter, style)
    if style.star:
        _star(canvas, diameter, style)
    _arc_text(canvas, authority, diameter, style)
    if style.serial:
        _serial(canvas, style.serial, diameter, style)
    if style.gaps > 0:
        _ink_gaps(canvas, style.gaps, rng)
    if style.oval != 1.0:
        squeezed = canvas.resize((size, max(8, round(size * style.oval))), Image.Resampling.BICUBIC)
        canvas = Image.new("L", (size, size), 0)
        canvas.paste(squeezed, (0, (size - squeezed.height) // 2))
    canvas = canvas.rotate(-style.rotation, resample=Image.Resampling.BICUBIC)
    return _ink_unevenly(canvas, style.fade, rng)


def _serial(canvas: Image.Image, digits: str, diameter: int, style: SealStyle) -> None:
    """The serial number along the lower arc, read left to right, feet towards the rim."""
    c = canvas.width / 2
    size = max(6, round(0.075 * diameter))
    radius = diameter / 2 - style.ring_width * diameter - size * 0.9
    span = min(110.0, 9.0 * len(digits))
    step = span / max(1, len(digits) - 1)
    for i, char in enumerate(digits):
        angle = span / 2 - i * step  # degrees from 6 o'clock, counter-clockwise seen from above
        box = size * 2
        glyph = Image.new("L", (box, box), 0)
        ImageDraw.Draw(glyph).text(
            (box / 2, box / 2), char, font=font(size, style.font_path), fill=255, anchor="mm"
        )
        rotated = glyph.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        theta = math.radians(angle)
        x = c - radius * math.sin(theta) - rotated.width / 2
        y = c + radius * math.cos(theta) - rotated.height / 2
        canvas.paste(255, (round(x), round(y)), rotated)


def _ink_gaps(canvas: Image.Image, share: float, rng: random.Random) -> None:
    """Wedges where the stamp did not touch the paper: a few sectors, `share` of the angles."""
    c = canvas.width / 2
    draw = ImageDraw.Draw(canvas)
    pieces = rng.randint(1, 3)
    for _ in range(pieces):
        width = 360 * share / pieces
        start = rng.uniform(0, 360)
        draw.pieslice((0, 0, 2 * c, 2 * c), start, start + width, fill=0)


def _ring(canvas: Image.Image, diameter: int, style: SealStyle) -> None:
    c = canvas.width / 2
    r = diameter / 2
    width = max(2, round(style.ring_width * diameter))
    ImageDraw.Draw(canvas).ellipse((c - r, c - r, c + r, c + r), outline=255, width=width)


def star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.382  # the regular pentagram's ratio
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = outer if i % 2 == 0 else inner
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _star(canvas: Image.Image, diameter: int, style: SealStyle) -> None:
    c = canvas.width / 2
    ImageDraw.Draw(canvas).polygon(star_points(c, c, style.star_radius * diameter), fill=255)


def _arc_text(canvas: Image.Image, text: str, diameter: int, style: SealStyle) -> None:
    """Characters along the upper arc, centred on 12 o'clock, each rotated to face outwards."""
    c = canvas.width / 2
    size = max(8, round(style.text_size * diameter))
    radius = diameter / 2 - style.ring_width * diameter - size * 0.62
    # Long names use more of the arc, as real ones do.
    span = style.span or min(250.0, 28.0 * len(text) + 50.0)
    step = span / max(1, len(text) - 1) if len(text) > 1 else 0.0
    # A seal maker never lets characters overlap: a long name on a short arc is condensed.
    room = 2 * math.pi * radius * step / 360 * 0.92
    squeeze = min(0.8, room / (2 * size)) if style.fit and step else 0.8
    for i, char in enumerate(text):
        angle = -span / 2 + i * step  # degrees from 12 o'clock, clockwise
        glyph = _glyph(char, size, style.font_path, squeeze)
        rotated = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True)
        theta = math.radians(angle)
        x = c + radius * math.sin(theta) - rotated.width / 2
        y = c - radius * math.cos(theta) - rotated.height / 2
        canvas.paste(255, (round(x), round(y)), rotated)


def _glyph(char: str, size: int, font_path: str = "", squeeze: float = 0.8) -> Image.Image:
    # Seal characters are condensed (taller than wide), so draw wide and squeeze.
    box = size * 2
    image = Image.new("L", (box, box), 0)
    ImageDraw.Draw(image).text(
        (box / 2, box / 2), char, font=font(size, font_path), fill=255, anchor="mm"
    )
    return image.resize((max(1, round(box * squeeze)), box), Image.Resampling.BICUBIC)


def _ink_unevenly(mask: Image.Image, fade: float, rng: random.Random) -> Image.Image:
    """Low-frequency blotches of missing ink, and a little speckle, scaled by `fade`."""
    if fade <= 0:
        return mask
    side = mask.width
    coarse = np.array([[rng.random() for _ in range(8)] for _ in range(8)], dtype=np.float32)
    field = Image.fromarray((coarse * 255).astype(np.uint8)).resize(
        (side, side), Image.Resampling.BICUBIC
    )
    blotch = np.asarray(field, dtype=np.float32) / 255.0
    seed = rng.randrange(2**31)
    speckle = np.random.default_rng(seed).random((side, side), dtype=np.float32)
    keep = 1.0 - fade * (0.55 * blotch + 0.45 * speckle)
    keep = np.clip(keep * (1.0 - 0.35 * fade), 0.0, 1.0)
    ink = np.asarray(mask, dtype=np.float32) * keep
    return Image.fromarray(ink.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def stamp(
    page: Image.Image,
    authority: str,
    centre: tuple[int, int],
    diameter: int,
    style: SealStyle = SealStyle(),
    rng: random.Random | None = None,
) -> Image.Image:
    """Return `page` (RGB) with a seal of `authority` pressed at `centre`: ink multiplies paper."""
    rng = rng or random.Random(0)
    mask = draw_seal(authority, diameter, style, rng)
    alpha = np.zeros((page.height, page.width), dtype=np.float32)
    x0, y0 = centre[0] - mask.width // 2, centre[1] - mask.height // 2
    _paste_clipped(alpha, np.asarray(mask, dtype=np.float32) / 255.0, x0, y0)
    paper = np.asarray(page.convert("RGB"), dtype=np.float32)
    ink = np.array(style.ink, dtype=np.float32) / 255.0
    tint = 1.0 - alpha[..., None] * (1.0 - ink[None, None, :])
    return Image.fromarray(np.clip(paper * tint, 0, 255).astype(np.uint8), "RGB")


def _paste_clipped(target: np.ndarray, patch: np.ndarray, x0: int, y0: int) -> None:
    h, w = target.shape
    ys, xs = max(0, y0), max(0, x0)
    ye, xe = min(h, y0 + patch.shape[0]), min(w, x0 + patch.shape[1])
    if ye > ys and xe > xs:
        target[ys:ye, xs:xe] = np.maximum(
            target[ys:ye, xs:xe], patch[ys - y0 : ye - y0, xs - x0 : xe - x0]
        )


def stamp_seal_on_page(
    page: Image.Image,
    authority: str,
    dpi: float,
    seed: int = 0,
    where: tuple[float, float] = (0.68, 0.78),
    fade: float = 0.2,
) -> Image.Image:
    """What tools/make_samples.py calls: a 42 mm seal near the signature block, slightly turned.

    `where` is the centre as a fraction of the page's width and height.
    """
    rng = random.Random(seed)
    diameter = round(42 / MM_PER_INCH * dpi)
    style = SealStyle(rotation=rng.uniform(-12, 12), fade=fade)
    centre = (round(where[0] * page.width), round(where[1] * page.height))
    return stamp(page, authority, centre, diameter, style, rng)


# ------------------------------------------------------------------ pages and scanning damage


def text_page(
    lines: Sequence[str], dpi: float = 150, title: str = "", size_pt: float = 14
) -> Image.Image:
    """An A4 page of black 仿宋-like text on white paper, as an office prints it."""
    width, height = round(210 / MM_PER_INCH * dpi), round(297 / MM_PER_INCH * dpi)
    page = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    px = round(size_pt / 72 * dpi)
    margin_x, y = round(28 / MM_PER_INCH * dpi), round(37 / MM_PER_INCH * dpi)
    if title:
        draw.text((width / 2, y), title, font=font(round(px * 1.4)), fill=(0, 0, 0), anchor="mt")
        y += round(px * 3)
    for line in lines:
        draw.text((margin_x, y), line, font=font(px), fill=(20, 20, 20))
        y += round(px * 1.9)
    return page


def to_grayscale(page: Image.Image) -> Image.Image:
    """A black-and-white copier's output, still stored as RGB as most scans are."""
    return page.convert("L").convert("RGB")


def jpeg_noise(
    page: Image.Image, quality: int, rng: random.Random, sigma: float = 6.0
) -> Image.Image:
    """Sensor noise plus a lossy JPEG round trip, as a cheap scanner produces."""
    pixels = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**31)).normal(0.0, sigma, pixels.shape)
    noisy = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), "RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")
