"""Finding seal impressions on a page image.

Colour pages: a seal is red ink. The red mask (R well above G and B, which also keeps faded pink
ink and drops black text printed under the seal) is closed to join a broken ring, grown to bring
the ring, the star and the arc text of one seal into one cluster (the star and the text lie inside
the ring, so containment and proximity are the same thing here), and each cluster of seal size is
accepted when its outer pixels form a ring: most angles around the fitted centre have ink near the
fitted radius.

Grayscale pages (a copier's output): the ring is a dark circle among dark text. Hough circles
propose centres; a proposal is kept when a thin band at its radius is dark nearly all the way
round while the bands just inside and outside are not, which text lines never achieve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zxcli.scan.deps import require

if TYPE_CHECKING:
    import numpy as np

    from zxcli.scan.pages import Page

MM_PER_INCH = 25.4
SEAL_MM = (24.0, 62.0)  # diameters of real 公章 (38–45 mm) with a wide margin either way
ANGLE_BINS = 120
HOUGH_DPI = 60.0
MIN_ON_PAGE = 0.7  # a ring more than ~30 % off the page is not judged at all
GRAY_RING = 0.8  # share of a copy's ring that must be inked (ink gaps leave the rest)


@dataclass(frozen=True)
class Seal:
    page: int
    x: float  # centre, in pixels of the page image
    y: float
    radius: float  # outer radius of the ring, pixels
    confidence: float  # 0..1, from how complete and how thin the ring is
    mode: str  # "red" or "gray": how it was found, and so how to read its text
    aspect: float = 1.0  # minor over major axis: < 1 for an oval seal (radius = semi-major)
    angle: float = 0.0  # radians: direction of the major axis in the image

    def to_image(self, rho: Any, theta: Any) -> tuple[Any, Any]:
        """Image coordinates of polar (rho, theta) in the seal's own frame, where an oval
        is a circle of `radius` (rho and theta may be numpy arrays)."""
        np_ = require("numpy")
        u, v = rho * np_.cos(theta), rho * np_.sin(theta) * self.aspect
        cos_a, sin_a = math.cos(self.angle), math.sin(self.angle)
        return self.x + u * cos_a - v * sin_a, self.y + u * sin_a + v * cos_a


def find_seals(page: Page) -> list[Seal]:
    """The seal impressions on one page, largest confidence first."""
    seals = _gray_seals(page) if is_grayscale(page.rgb) else _red_seals(page)
    return sorted(seals, key=lambda s: -s.confidence)


def is_grayscale(rgb: np.ndarray) -> bool:
    """True for a page without colour: no pixel has a clear difference between channels.

    Uses a subsample and a high percentile so that JPEG colour noise does not count as colour.
    """
    np_ = require("numpy")
    sample = rgb[::4, ::4].astype(np_.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return bool((spread > 45).mean() < 2e-4)


def _radius_range(dpi: float) -> tuple[float, float]:
    px_per_mm = dpi / MM_PER_INCH
    return SEAL_MM[0] / 2 * px_per_mm, SEAL_MM[1] / 2 * px_per_mm


# ------------------------------------------------------------------------------ red seals


def red_mask(rgb: np.ndarray) -> np.ndarray:
    """uint8 0/255: pixels whose red clearly exceeds green and blue (seal ink, even faded)."""
    np_ = require("numpy")
    channels = rgb.astype(np_.int16)
    red = channels[..., 0]
    other = np_.maximum(channels[..., 1], channels[..., 2])
    mask = (red - other > 38) & (red > 110)
    return (mask * 255).astype(np_.uint8)


def _red_seals(page: Page) -> list[Seal]:
    cv2 = require("cv2")
    mask = red_mask(page.rgb)
    px_per_mm = page.dpi / MM_PER_INCH
    mask = _drop_specks(mask, min_area=max(4, round(0.15 * px_per_mm**2)))
    close = _kernel(max(3, round(1.2 * px_per_mm)))
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, close)
    grown = cv2.dilate(joined, _kernel(max(3, round(4.0 * px_per_mm))))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    rmin, rmax = _radius_range(page.dpi)
    seals = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        if max(w, h) < 2 * rmin or min(w, h) > 2 * rmax + 8 * px_per_mm:
            continue
        seal = _ring_in_cluster(
            page,
            joined[y : y + h, x : x + w],
            labels[y : y + h, x : x + w] == label,
            (x, y),
            (rmin, rmax),
        )
        if seal is not None:
            seals.append(seal)
    return seals


def _drop_specks(mask: np.ndarray, min_area: int) -> np.ndarray:
    cv2 = require("cv2")
    np_ = require("numpy")
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np_.zeros(count, dtype=np_.uint8)
    keep[1:] = (stats[1:, cv2.CC_STAT_AREA] >= min_area) * 255
    return keep[labels]


def _kernel(size: int) -> Any:
    cv2 = require("cv2")
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))


def _ring_in_cluster(
    page: Page,
    mask: np.ndarray,
    inside: np.ndarray,
    origin: tuple[int, int],
    radii: tuple[float, float],
) -> Seal | None:
    """Fit the cluster's outer circle and keep it when ink runs round most of it."""
    cv2 = require("cv2")
    np_ = require("numpy")
    ys, xs = np_.nonzero((mask > 0) & inside)
    if len(xs) < 50:
        return None
    points = np_.column_stack([xs, ys]).astype(np_.float32)
    (cx, cy), radius = cv2.minEnclosingCircle(points)
    cx, cy, radius = _refine_circle(xs, ys, cx, cy, radius)
    if not radii[0] <= radius <= radii[1] or _aspect(xs, ys, cx, cy, radius) < 0.85:
        return _oval_in_cluster(page, xs, ys, origin, radii)  # not a circle: an oval seal?
    coverage = _coverage(xs, ys, cx, cy, radius * 0.86, radius * 1.04)
    if coverage < 0.45 or _inner_ink_faint(page, mask.shape, origin, cx, cy, radius) < 0.02:
        return None  # not a ring, or an empty ring (a red-pen loop round a figure)
    confidence = min(1.0, coverage / 0.9)
    return Seal(page.number, cx + origin[0], cy + origin[1], radius, round(confidence, 3), "red")


OVAL_ASPECT = 0.5  # 45 x 30 mm 专用章 are ~0.67; flatter shapes are not seals
OVAL_COVERAGE = 0.6  # stricter than a circle's: a red-pen loop is an oval too (but empty)


def _oval_in_cluster(
    page: Page, xs: np.ndarray, ys: np.ndarray, origin: tuple[int, int], radii: tuple[float, float]
) -> Seal | None:
    """An oval seal: fit the ellipse of the outer pixels, map it to a circle, test as a ring."""
    cv2 = require("cv2")
    np_ = require("numpy")
    hull = cv2.convexHull(np_.column_stack([xs, ys]).astype(np_.float32))
    if len(hull) < 5:
        return None
    (ex, ey), (w, h), degrees = cv2.fitEllipse(hull)
    major, minor = max(w, h) / 2, min(w, h) / 2
    if major <= 0 or not OVAL_ASPECT <= minor / major < 0.9 or not radii[0] <= major <= radii[1]:
        return None
    angle = math.radians(degrees if w >= h else degrees + 90)
    # Into the oval's frame: major axis along x, minor stretched to the major's length.
    dx, dy = xs - ex, ys - ey
    u = dx * math.cos(angle) + dy * math.sin(angle)
    v = (-dx * math.sin(angle) + dy * math.cos(angle)) * (major / minor)
    coverage = _coverage(u, v, 0.0, 0.0, major * 0.86, major * 1.04)
    inner = _inner_ink(u, v, 0.0, 0.0, major) * minor / major  # stretching thinned the ink
    if coverage < OVAL_COVERAGE or inner < 0.01:  # thin type fills less of an oval's disc
        return None
    return Seal(
        page.number,
        ex + origin[0],
        ey + origin[1],
        major,
        round(min(1.0, coverage / 0.9), 3),
        "red",
        round(minor / major, 3),
        angle,
    )


def _refine_circle(
    xs: np.ndarray, ys: np.ndarray, cx: float, cy: float, radius: float
) -> tuple[float, float, float]:
    """Least-squares circle through the outermost pixels, so a stray speck cannot inflate it.

    The minimum enclosing circle is pulled by any outlier; the algebraic (Kåsa) fit of the pixels
    in the outer band, repeated twice, settles on the ring itself.
    """
    np_ = require("numpy")
    for _ in range(2):
        dist = np_.hypot(xs - cx, ys - cy)
        band = (dist > 0.8 * radius) & (dist < 1.1 * radius)
        if band.sum() < 30:
            break
        bx, by = xs[band].astype(np_.float64), ys[band].astype(np_.float64)
        design = np_.column_stack([bx, by, np_.ones_like(bx)])
        solution, *_ = np_.linalg.lstsq(design, bx * bx + by * by, rcond=None)
        cx, cy = solution[0] / 2, solution[1] / 2
        fitted = float(np_.sqrt(max(solution[2] + cx * cx + cy * cy, 0.0)))
        # The fit runs through the ring's middle; the outer edge is a little further out.
        radius = float(np_.percentile(np_.hypot(bx - cx, by - cy), 95)) if fitted > 0 else radius
    return float(cx), float(cy), float(radius)


def _aspect(xs: np.ndarray, ys: np.ndarray, cx: float, cy: float, radius: float) -> float:
    """Minor over major axis of the ellipse through the outer band's pixels (1 = circle)."""
    cv2 = require("cv2")
    np_ = require("numpy")
    outer = np_.hypot(xs - cx, ys - cy) > 0.8 * radius
    if outer.sum() < 5:
        return 0.0
    points = np_.column_stack([xs[outer], ys[outer]]).astype(np_.float32)
    (_, _), (a, b), _ = cv2.fitEllipse(points)
    return float(min(a, b) / max(a, b)) if max(a, b) > 0 else 0.0


def _inner_ink(xs: np.ndarray, ys: np.ndarray, cx: float, cy: float, radius: float) -> float:
    """Share of the disc inside the ring that is inked: a seal's star and name fill some."""
    np_ = require("numpy")
    inner = np_.hypot(xs - cx, ys - cy) < 0.85 * radius
    return float(inner.sum() / (math.pi * (0.85 * radius) ** 2))


def _inner_ink_faint(
    page: Page, shape: tuple[int, ...], origin: tuple[int, int], cx: float, cy: float, radius: float
) -> float:
    """Share of the disc inside the ring with any red tint at all.

    A faded seal's ring survives the seal mask while its name, printed thinner, fades to pink
    below it; a red-pen loop has nothing red inside, faint or not.
    """
    np_ = require("numpy")
    x0, y0 = origin
    crop = page.rgb[y0 : y0 + shape[0], x0 : x0 + shape[1]].astype(np_.int16)
    tint = (crop[..., 0] - np_.maximum(crop[..., 1], crop[..., 2]) > 18) & (crop[..., 0] > 90)
    ys, xs = np_.nonzero(tint)
    return _inner_ink(xs, ys, cx, cy, radius)


def _coverage(xs: np.ndarray, ys: np.ndarray, cx: float, cy: float, r0: float, r1: float) -> float:
    """Share of angle bins that hold at least one ink pixel between radius r0 and r1."""
    np_ = require("numpy")
    dist = np_.hypot(xs - cx, ys - cy)
    band = (dist >= r0) & (dist <= r1)
    if not band.any():
        return 0.0
    angles = np_.arctan2(ys[band] - cy, xs[band] - cx)
    bins = ((angles + math.pi) / (2 * math.pi) * ANGLE_BINS).astype(int) % ANGLE_BINS
    return float(len(np_.unique(bins)) / ANGLE_BINS)


# ----------------------------------------------------------------------------- gray seals


def _gray_seals(page: Page) -> list[Seal]:
    cv2 = require("cv2")
    gray = cv2.cvtColor(page.rgb, cv2.COLOR_RGB2GRAY)
    ink = gray < 200
    seals: list[Seal] = []
    for cx, cy, radius in _circle_proposals(gray, page.dpi):
        seal = _verify_gray_ring(page, ink, cx, cy, radius)
        if seal is not None and not any(_overlaps(seal, other) for other in seals):
            seals.append(seal)
    return seals


def _circle_proposals(gray: np.ndarray, dpi: float) -> list[tuple[float, float, float]]:
    """Hough circles on a 60 dpi copy: ample for a 40 mm ring and ~10 times faster."""
    cv2 = require("cv2")
    factor = min(1.0, HOUGH_DPI / dpi)
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), 1.0)
    rmin, rmax = _radius_range(dpi * factor)
    found = cv2.HoughCircles(
        small,
        cv2.HOUGH_GRADIENT,
        dp=1,
        minDist=rmin * 1.5,
        param1=80,
        param2=22,
        minRadius=round(rmin),
        maxRadius=round(rmax),
    )
    if found is None:
        return []
    return [(float(x) / factor, float(y) / factor, float(r) / factor) for x, y, r in found[0][:40]]


def _overlaps(a: Seal, b: Seal) -> bool:
    return math.hypot(a.x - b.x, a.y - b.y) < 0.6 * max(a.radius, b.radius)


def _verify_gray_ring(
    page: Page, ink: np.ndarray, cx: float, cy: float, radius: float
) -> Seal | None:
    """Search a thin band near the proposed radius that is inked nearly all round."""
    np_ = require("numpy")
    px_per_mm = page.dpi / MM_PER_INCH
    half = max(1.5, 0.6 * px_per_mm)
    # The ring is the outermost inked circle: maximise ink on the band minus ink just outside,
    # not ink alone, which the text band inside the ring would also satisfy.
    best, best_r, outside = -1.0, radius, 1.0
    for r in np_.arange(radius * 0.85, radius * 1.12, max(1.0, half)):
        score = _ring_score(ink, cx, cy, float(r), half)
        beyond = _ring_score(ink, cx, cy, float(r) + 4 * half, half)
        if score - beyond > best - outside:
            best, best_r, outside = score, float(r), beyond
    if best < GRAY_RING or best - outside < 0.3:
        return None
    confidence = min(1.0, (best - outside) / 0.7)
    return Seal(page.number, cx, cy, best_r + half, round(confidence, 3), "gray")


def _ring_score(ink: np.ndarray, cx: float, cy: float, radius: float, half: float) -> float:
    """Share of ANGLE_BINS directions with ink within `half` pixels of `radius`, among the
    directions that fall on the page (a seal pressed over the page's edge lost the rest)."""
    np_ = require("numpy")
    angles = np_.linspace(0, 2 * math.pi, ANGLE_BINS * 3, endpoint=False)
    hits = np_.zeros(ANGLE_BINS * 3, dtype=bool)
    seen = np_.zeros(ANGLE_BINS * 3, dtype=bool)
    for offset in np_.linspace(-half, half, 5):
        xs = np_.round(cx + (radius + offset) * np_.cos(angles)).astype(int)
        ys = np_.round(cy + (radius + offset) * np_.sin(angles)).astype(int)
        valid = (xs >= 0) & (ys >= 0) & (xs < ink.shape[1]) & (ys < ink.shape[0])
        seen |= valid
        hits[valid] |= ink[ys[valid], xs[valid]]
    on_page = seen.reshape(ANGLE_BINS, 3).any(axis=1)
    if on_page.mean() < MIN_ON_PAGE:
        return 0.0
    per_bin = hits.reshape(ANGLE_BINS, 3).any(axis=1)
    return float(per_bin[on_page].mean())
