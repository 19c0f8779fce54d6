"""Reading the authority's name on a seal: polar unwrap, one OCR pass, an open-world decision.

The name runs clockwise along the upper arc with the tops of the characters towards the rim.
Unwrapping the band between ~0.5 and ~0.93 of the radius into a strip (angle along x, outward up)
turns it into one ordinary line of text. The strip starts in the middle of the empty part of the
ring, whatever the seal's rotation, so the text sits whole in the middle of the strip and one
OCR pass suffices (the feasibility check needed 8 rotations).

The reading is then parsed into place + organ against every real authority
(`authority_names.World`): it names authority A only when it *is* A's name, after dropping
serial digits and 专用章-type suffixes and undoing measured OCR confusions. A reading that names
no real authority is unreadable, never "the nearest" of a short list: 无锡市统计局 is 无锡市统计局,
苏州市统计司 is nobody.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from zxcli.scan.authority_names import World, bundled_world
from zxcli.scan.deps import require
from zxcli.scan.seals import Seal

if TYPE_CHECKING:
    import numpy as np

    from zxcli.scan.pages import Page

BAND = (0.50, 0.93)  # the text band, as fractions of the ring's outer radius
STRIP_HEIGHT = 64  # pixels: the recogniser works on 48 px high lines; a little more is kept
MIN_SCORE = 0.5  # the recogniser's own confidence below which nothing is claimed
BLACK_TYPE = 60  # gray level below which a copy's pixel is black type, not a seal's red


@dataclass(frozen=True)
class SealReading:
    text: str  # what the recogniser read, "" when nothing
    score: float  # the recogniser's confidence, 0..1
    authority: str | None  # the real authority the text names exactly; None = unreadable

    @property
    def readable(self) -> bool:
        return self.authority is not None


# Further looks when the first reading names nobody: the strip started on the far side (a
# serial number on the lower arc can hide the gap, and the seam then cuts the name), another
# text band, a wider strip. Each costs a recognition pass (~0.1 s), so only seals that failed
# the first look pay them. (band, horizontal stretch, turn of the start in radians)
RETRIES: tuple[tuple[tuple[float, float], float, float], ...] = (
    (BAND, 1.0, math.pi),
    ((0.55, 0.95), 1.0, 0.0),
    (BAND, 1.25, 0.0),
)


def read_seal(page: Page, seal: Seal, world: World | None = None) -> SealReading:
    """The first look that names a real authority, if every such look names the same one."""
    first = _look(page, seal, BAND, 1.0, 0.0, world)
    if first.readable:
        return first
    named = []
    for band, stretch, turn in RETRIES:
        reading = _look(page, seal, band, stretch, turn, world)
        if reading.readable:
            named.append(reading)
    if named and len({r.authority for r in named}) == 1:
        return named[0]
    return first  # nothing named, or two looks disagree: unreadable, with the first text


def _look(
    page: Page,
    seal: Seal,
    band: tuple[float, float],
    stretch: float,
    turn: float,
    world: World | None,
) -> SealReading:
    strip = unwrap(page, seal, band, turn)
    if strip is not None and stretch != 1.0:
        cv2 = require("cv2")
        strip = cv2.resize(strip, None, fx=stretch, fy=1.0, interpolation=cv2.INTER_LINEAR)
    text, score = recognise(strip) if strip is not None else ("", 0.0)
    return decide(text, score, world)


def decide(text: str, score: float, world: World | None = None) -> SealReading:
    """The real authority `text` names exactly, or None (印章文字无法识别)."""
    world = world or bundled_world()
    parsed = world.parse(text, ocr=True) if score >= MIN_SCORE else None
    return SealReading(text, score, parsed.name if parsed is not None else None)


# ------------------------------------------------------------------------------- unwrapping


def ink_image(page: Page, seal: Seal) -> np.ndarray:
    """float32 0..1 ink density around the seal; red ink only on colour pages.

    Taking only red ink removes the black text printed under the seal, the commonest reason a
    seal is hard to read by eye.
    """
    np_ = require("numpy")
    cv2 = require("cv2")
    x0, y0, x1, y1 = _box(page, seal)
    crop = page.rgb[y0:y1, x0:x1]
    if seal.mode == "red":
        channels = crop.astype(np_.float32)
        redness = channels[..., 0] - np_.maximum(channels[..., 1], channels[..., 2])
        ink = np_.clip((redness - 15.0) / 110.0, 0.0, 1.0)
        return np_.asarray(ink, dtype=np_.float32)
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY).astype(np_.float32)
    # On a copy, red ink turns mid-gray and black type stays black: dropping the blackest
    # pixels removes most body text printed under the seal, as the red mask does in colour.
    ink = np_.clip((235.0 - gray) / 170.0, 0.0, 1.0)
    ink[gray < BLACK_TYPE] = 0.0
    return np_.asarray(ink, dtype=np_.float32)


def _box(page: Page, seal: Seal) -> tuple[int, int, int, int]:
    height, width = page.rgb.shape[:2]
    r = seal.radius * 1.02
    return (
        max(0, int(seal.x - r)),
        max(0, int(seal.y - r)),
        min(width, math.ceil(seal.x + r)),
        min(height, math.ceil(seal.y + r)),
    )


def unwrap(
    page: Page, seal: Seal, band: tuple[float, float] = BAND, turn: float = 0.0
) -> np.ndarray | None:
    """The text band as a dark-on-white uint8 strip, starting in the ring's empty part."""
    np_ = require("numpy")
    cv2 = require("cv2")
    ink = ink_image(page, seal)
    x0, y0, *_ = _box(page, seal)
    cx, cy = seal.x - x0, seal.y - y0
    local = replace(seal, x=cx, y=cy)  # the seal in the crop's coordinates
    start = gap_centre(ink, local) + turn
    r0, r1 = band[0] * seal.radius, band[1] * seal.radius
    scale = STRIP_HEIGHT / (r1 - r0)
    width = max(32, round(2 * math.pi * (r0 + r1) / 2 * scale))
    angles = start + np_.arange(width, dtype=np_.float32) * (2 * math.pi / width)
    radii = r1 - np_.arange(STRIP_HEIGHT, dtype=np_.float32) / scale  # row 0 = outer edge
    map_x, map_y = local.to_image(radii[:, None], angles[None, :])
    map_x, map_y = map_x.astype(np_.float32), map_y.astype(np_.float32)
    strip = cv2.remap(ink, map_x, map_y, cv2.INTER_LINEAR, borderValue=0.0)
    strip = _drop_ring_rows(strip)
    cropped = _crop_columns(strip)
    if cropped is None:
        return None
    return (255.0 * (1.0 - cropped)).astype(np_.uint8)


def gap_centre(ink: np.ndarray, seal: Seal) -> float:
    """Angle (radians, the seal's frame) of the middle of the longest run without text."""
    np_ = require("numpy")
    bins = 180
    angles = np_.linspace(0, 2 * math.pi, bins, endpoint=False)
    profile = np_.zeros(bins, dtype=np_.float32)
    for fraction in np_.linspace(BAND[0] + 0.04, BAND[1] - 0.08, 8):
        x, y = seal.to_image(fraction * seal.radius, angles)
        xs = np_.clip(np_.round(x), 0, ink.shape[1] - 1)
        ys = np_.clip(np_.round(y), 0, ink.shape[0] - 1)
        profile += ink[ys.astype(int), xs.astype(int)]
    # Smooth over ~10 degrees so that the space between two characters is not taken for the gap.
    kernel = np_.ones(5, dtype=np_.float32) / 5
    smooth = np_.convolve(np_.concatenate([profile[-2:], profile, profile[:2]]), kernel, "valid")
    empty = smooth < max(0.15, 0.15 * float(smooth.max()))
    return _longest_circular_run_centre(empty, bins)


def _longest_circular_run_centre(empty: Any, bins: int) -> float:
    best_len, best_mid = 0, 0.0
    doubled = list(empty) * 2  # a run may wrap round 0
    run_start = None
    for i, flag in enumerate(doubled):
        if flag and run_start is None:
            run_start = i
        if (not flag or i == len(doubled) - 1) and run_start is not None:
            end = i if not flag else i + 1
            length = min(end - run_start, bins)
            if length > best_len:
                best_len, best_mid = length, (run_start + length / 2) % bins
            run_start = None
    if best_len == 0:
        return math.pi / 2  # no gap seen: assume the usual one, at 6 o'clock
    return best_mid / bins * 2 * math.pi


def _drop_ring_rows(strip: np.ndarray) -> np.ndarray:
    """Blank the rows where the ring itself shows as a line all along the strip."""
    np_ = require("numpy")
    occupancy = (strip > 0.35).mean(axis=1)
    strip = strip.copy()
    strip[occupancy > 0.55] = 0.0
    return np_.asarray(strip)


def _crop_columns(strip: np.ndarray) -> np.ndarray | None:
    np_ = require("numpy")
    columns = np_.nonzero((strip > 0.35).sum(axis=0) >= 2)[0]
    if len(columns) < 8:
        return None
    margin = STRIP_HEIGHT // 4
    left, right = max(0, columns[0] - margin), min(strip.shape[1], columns[-1] + margin + 1)
    return np_.asarray(strip[:, left:right])


# ------------------------------------------------------------------------------------- OCR

_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()


def engine() -> Any:
    """The recogniser, loaded once (the models ship inside the rapidocr-onnxruntime wheel)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            rapidocr = require("rapidocr_onnxruntime")
            _ENGINE = rapidocr.RapidOCR(intra_op_num_threads=2, inter_op_num_threads=1)
    return _ENGINE


def recognise(strip: np.ndarray) -> tuple[str, float]:
    """Text and confidence of a one-line image; recognition only, no detection pass."""
    cv2 = require("cv2")
    image = cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR)
    result, _ = engine()(image, use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text), float(score)
