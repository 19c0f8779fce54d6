"""The overview's charts as inline SVG: no script, no external reference, print-friendly.

Every chart is a string of SVG markup with a <title> (its caption) and Chinese (or
English) axis labels. Coordinates are computed from the figures; every text that comes
from a dossier is escaped (safe.esc). Colours are chosen to stay distinct in greyscale
print: filled versus hollow marks, solid versus dashed lines.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from zxcli.overview.labels import labeller
from zxcli.overview.model import (
    PRODUCT_SHARE_LINE,
    NomineeRow,
    PublicitySection,
    TallyRow,
    TallySection,
    TallyStatus,
)
from zxcli.overview.safe import esc

FONT = 13
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#d5dbe1"
BLUE = "#1f5fa8"
RED = "#b42318"
GREEN = "#2b7a3d"
ORANGE = "#c05621"
SMALL = 12  # the smallest text: at the print scale of page.css still ≥ 8 pt
PRODUCT_ROWS_MAX = 60  # more nominees than this: a histogram instead of one row each
SCORE_ROWS_MAX = 60  # the score chart shows the best this many (the cut-off is within)
SCATTER_LABELS_MAX = 40  # more points than this: no city labels (they would pile up)


# Words of the charts' lines and legends (overview/labels.py holds the page's words).
_WORDS = {
    "pass_line": ("通过线：以上市（州）同意票达到通过线", "pass line: the cities above it passed"),
    "quota_line": ("名额线：第5条每年不超过{cap}个", "quota: at most {cap} a year (第5条)"),
    "both_lines": ("通过线、名额线（第5条：不超过{cap}个）", "pass line and quota ({cap}, 第5条)"),
    "range": ("最低分—最高分", "lowest–highest score"),
    "mean": ("平均分", "mean score"),
    "selected": ("初选建议", "shortlisted"),
    "tied": ("并列待定", "tied"),
    "other": ("未列入", "not shortlisted"),
    "top_bar": (
        "占比最高的主导产品（蓝：≥5%，橙：<5%）",
        "leading product with the highest share (blue ≥5%, orange <5%)",
    ),
    "other_dot": ("其他主导产品", "other leading products"),
}


def word(key: str, lang: str, **params: object) -> str:
    zh, en = _WORDS[key]
    return (en if lang == "en" else zh).format(**params)


# ---------------------------------------------------------------- scales and pieces


@dataclass(frozen=True)
class Scale:
    """A linear map from data values to pixels."""

    lo: float
    hi: float
    start: float
    stop: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.start + (value - self.lo) / span * (self.stop - self.start)


def nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    value = first
    while value < hi + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def fmt_tick(value: float) -> str:
    return f"{value:g}"


def text(
    x: float,
    y: float,
    body: str,
    *,
    anchor: str = "start",
    size: int = FONT,
    fill: str = INK,
    weight: str = "normal",
    extra: str = "",
) -> str:
    """A <text> element; `body` must already be escaped."""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}"{extra}>{body}</text>'
    )


def line(
    x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, width: float = 1, dash: str = ""
) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{stroke}" stroke-width="{width}"{dashed}/>'
    )


def frame(chart_id: str, title: str, width: int, height: int, body: Iterable[str]) -> str:
    """The <svg> element around a chart's pieces, with its caption as <title>."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="chart" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" '
        f'font-family="inherit"><title id="{chart_id}-title">{esc(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def short(name: str, limit: int = 8) -> str:
    """A name cut to `limit` characters for a chart label (the table has it in full)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def as_float(value: Decimal | None) -> float | None:
    if value is None or not value.is_finite():
        return None
    return float(value)


# ---------------------------------------------------------------- 技改 scatter


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    w: float
    h: float

    def hits(self, other: _Box) -> bool:
        return not (
            self.x + self.w < other.x
            or other.x + other.w < self.x
            or self.y + self.h < other.y
            or other.y + other.h < self.y
        )


def scatter(nominees: Sequence[NomineeRow], reference: Decimal | None, lang: str) -> str:
    """技改投资占工业投资比重 (x) against its growth (y), one point per nominee."""
    label = labeller(lang)
    points = [(n, as_float(n.tech_share_pct), as_float(n.tech_growth_pct)) for n in nominees]
    plotted = [(n, x, y) for n, x, y in points if x is not None and y is not None]
    width, height, left, right, top, bottom = 760, 460, 64, 24, 24, 56
    ref = as_float(reference)
    xs = [x for _, x, _ in plotted] + ([ref] if ref is not None else []) + [0.0]
    ys = [y for _, _, y in plotted] + [0.0]
    xt, yt = nice_ticks(min(xs), max(xs)), nice_ticks(min(ys), max(ys))
    sx = Scale(xt[0], xt[-1], left, width - right)
    sy = Scale(yt[0], yt[-1], height - bottom, top)
    body = _axes(sx, sy, xt, yt, label("axis_share"), label("axis_growth"), width, height)
    body.append(line(sx.start, sy(0), sx.stop, sy(0), MUTED, 1))
    if ref is not None:
        body.append(line(sx(ref), sy.start, sx(ref), sy.stop, ORANGE, 1.5, "6 4"))
        body.append(text(sx(ref) + 4, top + 12, esc(f"{label('reference')} {ref:g}%"), fill=ORANGE))
    body += _points(plotted, sx, sy, lang, len(plotted) <= SCATTER_LABELS_MAX)
    body.append(_legend_errors(left, height - 12, lang))
    return frame("chart-scatter", label("fig_scatter"), width, height, body)


def _axes(
    sx: Scale,
    sy: Scale,
    xt: list[float],
    yt: list[float],
    x_title: str,
    y_title: str,
    width: int,
    height: int,
) -> list[str]:
    parts = []
    for value in xt:
        parts.append(line(sx(value), sy.start, sx(value), sy.stop))
        parts.append(text(sx(value), sy.start + 16, fmt_tick(value), anchor="middle", fill=MUTED))
    for value in yt:
        parts.append(line(sx.start, sy(value), sx.stop, sy(value)))
        parts.append(text(sx.start - 6, sy(value) + 4, fmt_tick(value), anchor="end", fill=MUTED))
    parts.append(text((sx.start + sx.stop) / 2, sy.start + 34, esc(x_title), anchor="middle"))
    mid = (sy.start + sy.stop) / 2
    parts.append(
        text(14, mid, esc(y_title), anchor="middle", extra=f' transform="rotate(-90 14 {mid:.1f})"')
    )
    return parts


def _points(
    plotted: Sequence[tuple[NomineeRow, float, float]],
    sx: Scale,
    sy: Scale,
    lang: str,
    labelled: bool,
) -> list[str]:
    parts: list[str] = []
    taken: list[_Box] = []
    radius = 5 if labelled else 3  # many points: smaller, so clusters stay readable
    for nominee, x, y in plotted:
        px, py = sx(x), sy(y)
        bad = nominee.errors > 0
        fill, stroke = ("#ffffff", RED) if bad else (BLUE, BLUE)
        tip = esc(f"{nominee.province}{nominee.city}：{x:g}%，{y:g}%")
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{radius}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{radius / 2.5:.1f}" class="point">'
            f"<title>{tip}</title></circle>"
        )
        if labelled:
            parts.append(_point_label(nominee.city, px, py, taken, sx.stop))
    return parts


def _point_label(name: str, px: float, py: float, taken: list[_Box], right: float) -> str:
    body = short(name)
    width = FONT * len(body)
    x = px + 8 if px + 8 + width < right else px - 8 - width
    for dy in (4, 18, -10, 32, -24, 46):
        box = _Box(x, py + dy - FONT, width, FONT + 2)
        if not any(box.hits(other) for other in taken):
            break
    taken.append(box)
    return text(box.x, box.y + FONT, esc(body))


def _legend_errors(x: float, y: float, lang: str) -> str:
    label = labeller(lang)
    return (
        f'<circle cx="{x:.1f}" cy="{y - 4:.1f}" r="5" fill="{BLUE}" stroke="{BLUE}" '
        f'stroke-width="2"/>'
        + text(x + 10, y, esc(label("no_errors")), fill=MUTED)
        + f'<circle cx="{x + 130:.1f}" cy="{y - 4:.1f}" r="5" fill="#ffffff" '
        f'stroke="{RED}" stroke-width="2"/>'
        + text(x + 140, y, esc(label("has_errors")), fill=MUTED)
    )


# ---------------------------------------------------------------- product shares


def product_shares(nominees: Sequence[NomineeRow], lang: str) -> str:
    """Each nominee's leading products against the 5% line (a histogram when many)."""
    if len(nominees) > PRODUCT_ROWS_MAX:
        return _share_histogram(nominees, lang)
    label = labeller(lang)
    rows = sorted(nominees, key=_best_share, reverse=True)
    shares = [s for n in rows for p in n.products if (s := as_float(p.share_pct)) is not None]
    ticks = nice_ticks(0.0, max([*shares, 10.0]))
    width, left, right, top, row_h = 760, 150, 170, 30, 24
    height = top + row_h * max(len(rows), 1) + 46
    sx = Scale(ticks[0], ticks[-1], left, width - right)
    bottom = top + row_h * max(len(rows), 1)
    body = _x_grid(sx, ticks, top, bottom)
    for index, nominee in enumerate(rows):
        body += _product_row(nominee, sx, top + index * row_h, row_h)
    body += _five_line(sx, top, bottom, lang)
    body.append(
        text((sx.start + sx.stop) / 2, bottom + 36, esc(label("axis_product")), anchor="middle")
    )
    body.append(_product_legend(left, bottom + 60, lang))
    return frame("chart-products", label("fig_products"), width, height + 24, body)


def _product_legend(x: float, y: float, lang: str) -> str:
    """What the bars and the dots are."""
    return (
        f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="22" height="10" fill="{BLUE}"/>'
        + text(x + 28, y, esc(word("top_bar", lang)), size=SMALL, fill=MUTED)
        + f'<circle cx="{x + 420:.1f}" cy="{y - 5:.1f}" r="4" fill="#ffffff" '
        f'stroke="{INK}" stroke-width="1.5"/>'
        + text(x + 430, y, esc(word("other_dot", lang)), size=SMALL, fill=MUTED)
    )


def _best_share(nominee: NomineeRow) -> Decimal:
    top = nominee.top_product
    return top.share_pct if top and top.share_pct is not None else Decimal(-1)


def _x_grid(sx: Scale, ticks: list[float], top: float, bottom: float) -> list[str]:
    parts = []
    for value in ticks:
        parts.append(line(sx(value), top, sx(value), bottom))
        parts.append(text(sx(value), bottom + 16, fmt_tick(value), anchor="middle", fill=MUTED))
    return parts


def _five_line(sx: Scale, top: float, bottom: float, lang: str) -> list[str]:
    x = sx(float(PRODUCT_SHARE_LINE))
    return [
        line(x, top - 6, x, bottom, RED, 1.5, "6 4"),
        text(x, top - 10, esc(labeller(lang)("line_5")), anchor="middle", fill=RED),
    ]


def _product_row(nominee: NomineeRow, sx: Scale, y: float, row_h: float) -> list[str]:
    mid = y + row_h / 2
    parts = [text(sx.start - 8, mid + 4, esc(short(nominee.city, 10)), anchor="end")]
    top = nominee.top_product
    best = as_float(top.share_pct) if top else None
    if top is None or best is None:
        return [*parts, text(sx.start + 4, mid + 4, "—", fill=MUTED)]
    colour = BLUE if top.meets_line else ORANGE
    bar = max(sx(best) - sx.start, 1.0)
    parts.append(
        f'<rect x="{sx.start:.1f}" y="{y + 5:.1f}" width="{bar:.1f}" '
        f'height="{row_h - 10:.1f}" fill="{colour}"><title>'
        f"{esc(top.name)} {best:.2f}%</title></rect>"
    )
    for product in nominee.products:
        share = as_float(product.share_pct)
        if product is not top and share is not None:
            parts.append(
                f'<circle cx="{sx(share):.1f}" cy="{mid:.1f}" r="4" fill="#ffffff" '
                f'stroke="{INK}" stroke-width="1.5"><title>{esc(product.name)} '
                f"{share:.2f}%</title></circle>"
            )
    parts.append(text(sx(best) + 8, mid + 4, esc(f"{short(top.name, 8)} {best:.2f}%"), size=SMALL))
    return parts


def _share_histogram(nominees: Sequence[NomineeRow], lang: str) -> str:
    label = labeller(lang)
    bins = [0] * 21  # [0,1), [1,2), … [19,20), ≥20
    for nominee in nominees:
        best = _best_share(nominee)
        if best >= 0:
            bins[min(int(best), 20)] += 1
    width, height, left, right, top, bottom = 760, 360, 64, 24, 30, 56
    yt = nice_ticks(0, max([*bins, 1]))
    sx = Scale(0, 21, left, width - right)
    sy = Scale(yt[0], yt[-1], height - bottom, top)
    body = [line(sx.start, sy(v), sx.stop, sy(v)) for v in yt]
    body += [text(sx.start - 6, sy(v) + 4, fmt_tick(v), anchor="end", fill=MUTED) for v in yt]
    for index, count in enumerate(bins):
        colour = BLUE if index >= 5 else ORANGE
        body.append(
            f'<rect x="{sx(index) + 1:.1f}" y="{sy(count):.1f}" '
            f'width="{sx(1) - sx(0) - 2:.1f}" height="{sy.start - sy(count):.1f}" '
            f'fill="{colour}"><title>{count}</title></rect>'
        )
        tick = "≥20" if index == 20 else str(index)
        body.append(text(sx(index), sy.start + 16, tick, anchor="middle", fill=MUTED))
    body += _five_line(sx, top + 6, sy.start, lang)
    body.append(
        text((sx.start + sx.stop) / 2, height - 18, esc(label("axis_product")), anchor="middle")
    )
    body.append(
        text(
            14,
            (sy.start + sy.stop) / 2,
            esc(label("axis_count")),
            anchor="middle",
            extra=f' transform="rotate(-90 14 {(sy.start + sy.stop) / 2:.1f})"',
        )
    )
    return frame("chart-products", label("fig_products_hist"), width, height, body)


# ---------------------------------------------------------------- the 32 provincial units

# A tile map: each provincial unit at a (column, row) that keeps its neighbours near.
# Full name, short label, column, row. The 兵团 sits beside 新疆.
UNITS: tuple[tuple[str, str, int, int], ...] = (
    ("黑龙江省", "黑龙江", 6, 0),
    ("新疆维吾尔自治区", "新疆", 0, 1),
    ("新疆生产建设兵团", "兵团", 1, 1),
    ("内蒙古自治区", "内蒙古", 3, 1),
    ("北京市", "北京", 4, 1),
    ("辽宁省", "辽宁", 5, 1),
    ("吉林省", "吉林", 6, 1),
    ("甘肃省", "甘肃", 1, 2),
    ("宁夏回族自治区", "宁夏", 2, 2),
    ("山西省", "山西", 3, 2),
    ("河北省", "河北", 4, 2),
    ("天津市", "天津", 5, 2),
    ("西藏自治区", "西藏", 0, 3),
    ("青海省", "青海", 1, 3),
    ("陕西省", "陕西", 2, 3),
    ("河南省", "河南", 3, 3),
    ("山东省", "山东", 4, 3),
    ("四川省", "四川", 1, 4),
    ("重庆市", "重庆", 2, 4),
    ("湖北省", "湖北", 3, 4),
    ("安徽省", "安徽", 4, 4),
    ("江苏省", "江苏", 5, 4),
    ("云南省", "云南", 1, 5),
    ("贵州省", "贵州", 2, 5),
    ("湖南省", "湖南", 3, 5),
    ("江西省", "江西", 4, 5),
    ("浙江省", "浙江", 5, 5),
    ("上海市", "上海", 6, 5),
    ("广西壮族自治区", "广西", 2, 6),
    ("广东省", "广东", 3, 6),
    ("福建省", "福建", 4, 6),
    ("海南省", "海南", 3, 7),
)


COLUMNS, ROWS = 7, 8


def unit_of(province: str) -> str | None:
    """The tile a nominee's province belongs to (full or short name), else None."""
    name = "".join(province.split())
    for full, label_, _, _ in UNITS:
        if name in (full, label_):
            return full
    return None


def province_grid(nominees: Sequence[NomineeRow], selected: frozenset[str], lang: str) -> str:
    """Who nominated: the 32 provincial units, each with its nominees (★: selected)."""
    label = labeller(lang)
    by_unit: dict[str, list[NomineeRow]] = {}
    for nominee in nominees:
        by_unit.setdefault(unit_of(nominee.province) or "", []).append(nominee)
    tile_w, tile_h, gap, pad = 92, 78, 6, 8
    width = pad * 2 + COLUMNS * (tile_w + gap)
    height = pad * 2 + ROWS * (tile_h + gap) + 24
    body = [
        _tile(
            full, short_name, col, row, by_unit.get(full, []), selected, (tile_w, tile_h, gap, pad)
        )
        for full, short_name, col, row in UNITS
    ]
    body.append(_grid_legend(pad, height - 10, lang))
    return frame("chart-provinces", label("fig_grid"), width, height, body)


def _tile(
    full: str,
    name: str,
    col: int,
    row: int,
    members: list[NomineeRow],
    selected: frozenset[str],
    geometry: tuple[int, int, int, int],
) -> str:
    tile_w, tile_h, gap, pad = geometry
    x, y = pad + col * (tile_w + gap), pad + row * (tile_h + gap)
    chosen = any(n.code in selected for n in members)
    fill = "#dbe7f5" if members else "#f3f4f6"
    stroke = GREEN if chosen else (BLUE if members else GRID)
    names = "、".join(n.city for n in members)
    parts = [
        f'<g class="tile" data-unit="{esc(full)}" data-count="{len(members)}">',
        f"<title>{esc(full)}{('：' + esc(names)) if names else ''}</title>",
        f'<rect x="{x}" y="{y}" width="{tile_w}" height="{tile_h}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{2.5 if chosen else 1.2}"/>',
        text(x + 8, y + 18, esc(name), weight="bold", fill=INK if members else MUTED),
    ]
    if members:
        mark = " ★" if chosen else ""
        parts.append(
            text(
                x + tile_w - 8,
                y + 18,
                f"{len(members)}{mark}",
                anchor="end",
                weight="bold",
                fill=GREEN if chosen else BLUE,
            )
        )
        for index, piece in enumerate(_tile_lines(members, selected, tile_w - 16)):
            parts.append(
                text(
                    x + 8,
                    y + 36 + index * 15,
                    esc(piece),
                    size=SMALL,
                    fill=MUTED if piece.startswith("+") else INK,
                )
            )
    parts.append("</g>")
    return "".join(parts)


TILE_LINES = 3


def _tile_lines(members: list[NomineeRow], selected: frozenset[str], width: float) -> list[str]:
    """The nominees' names whole, wrapped to the tile's width (a name never cut); what
    does not fit in TILE_LINES lines is counted as "+N" (the table lists everyone)."""
    per_line = max(1, int(width // SMALL))
    lines: list[str] = []
    for shown, nominee in enumerate(members):
        name = nominee.city + ("★" if nominee.code in selected else "")
        pieces = [name[i : i + per_line] for i in range(0, len(name), per_line)]
        rest = len(members) - shown
        room = TILE_LINES - len(lines) - (1 if rest > 1 else 0)
        if len(pieces) > room:
            return [*lines, f"+{rest}"]
        lines += pieces
    return lines


def _grid_legend(x: float, y: float, lang: str) -> str:
    label = labeller(lang)
    return (
        f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="12" fill="#dbe7f5" '
        f'stroke="{BLUE}"/>'
        + text(x + 20, y, esc(label("nominated")), fill=MUTED)
        + f'<rect x="{x + 110:.1f}" y="{y - 11:.1f}" width="14" height="12" '
        f'fill="#f3f4f6" stroke="{GRID}"/>'
        + text(x + 130, y, esc(label("not_nominated")), fill=MUTED)
        + f'<rect x="{x + 230:.1f}" y="{y - 11:.1f}" width="14" height="12" '
        f'fill="#dbe7f5" stroke="{GREEN}" stroke-width="2.5"/>'
        + text(x + 250, y, esc("★ " + label("selected_mark")), fill=MUTED)
    )


# ---------------------------------------------------------------- tally: score ranges


def score_ranges(tally: TallySection, lang: str) -> str:
    """Per nominee, best first: min–max score as a line, the mean as a dot; the cut-off."""
    label = labeller(lang)
    rows = tally.rows[:SCORE_ROWS_MAX]
    highs = [s for r in rows if (s := as_float(r.max_score)) is not None]
    ticks = nice_ticks(0.0, max([*highs, 100.0]))
    width, left, right, top, row_h = 760, 170, 40, 20, 22
    bottom = top + row_h * max(len(rows), 1)
    sx = Scale(ticks[0], ticks[-1], left, width - right)
    body = _x_grid(sx, ticks, top, bottom)
    for index, row in enumerate(rows):
        body += _score_row(row, sx, top + index * row_h + row_h / 2)
    body += _cutoff(rows, tally.cap, sx, top, row_h, lang)
    body.append(
        text((sx.start + sx.stop) / 2, bottom + 36, esc(label("axis_score")), anchor="middle")
    )
    body.append(_score_legend(left - 150, bottom + 62, lang))
    return frame("chart-scores", label("fig_scores"), width, bottom + 72, body)


def _score_legend(x: float, y: float, lang: str) -> str:
    """The line is the range of scores, the dot the mean; the colour the row's status."""
    parts = [
        line(x, y - 4, x + 24, y - 4, MUTED, 3),
        text(x + 30, y, esc(word("range", lang)), size=SMALL, fill=MUTED),
        f'<circle cx="{x + 150:.1f}" cy="{y - 4:.1f}" r="5" fill="{MUTED}"/>',
        text(x + 160, y, esc(word("mean", lang)), size=SMALL, fill=MUTED),
    ]
    for offset, (key, colour) in enumerate(
        (("selected", GREEN), ("tied", ORANGE), ("other", MUTED))
    ):
        at = x + 250 + offset * 110
        parts += [
            f'<rect x="{at:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{colour}"/>',
            text(at + 18, y, esc(word(key, lang)), size=SMALL, fill=MUTED),
        ]
    return "".join(parts)


def _score_row(row: TallyRow, sx: Scale, mid: float) -> list[str]:
    colour = (
        GREEN
        if row.status is TallyStatus.SELECTED
        else (ORANGE if row.status is TallyStatus.TIED else MUTED)
    )
    parts = [text(sx.start - 8, mid + 4, esc(f"{row.rank}. {short(row.city, 10)}"), anchor="end")]
    low, high, mean = (as_float(row.min_score), as_float(row.max_score), as_float(row.mean_score))
    if low is not None and high is not None:
        parts.append(line(sx(low), mid, sx(high), mid, colour, 3))
    if mean is not None:
        parts.append(
            f'<circle cx="{sx(mean):.1f}" cy="{mid:.1f}" r="5" fill="{colour}">'
            f"<title>{esc(row.city)} {mean:.2f}</title></circle>"
        )
    return parts


def _cutoff(
    rows: Sequence[TallyRow], cap: int, sx: Scale, top: float, row_h: float, lang: str
) -> list[str]:
    """The pass line under the last city that passed the threshold, the quota line under
    the cap-th city (第5条); one line named for both where they fall together."""
    passed = [i for i, r in enumerate(rows) if r.status is not TallyStatus.FAILED]
    lines: dict[int, list[str]] = {}
    if passed and passed[-1] < len(rows) - 1:
        lines.setdefault(passed[-1], []).append("pass_line")
    if cap < len(rows):
        lines.setdefault(cap - 1, []).append("quota_line")
    parts = []
    for index, kinds in sorted(lines.items()):
        y = top + (index + 1) * row_h
        key = "both_lines" if len(kinds) == 2 else kinds[0]
        colour = RED if "quota_line" in kinds else ORANGE
        # Named at the left of the plot, under the line: low scores are rare there.
        parts += [
            line(8, y, sx.stop, y, colour, 1.5, "6 4"),
            text(sx.start + 4, y + 13, esc(word(key, lang, cap=cap)), fill=colour, size=SMALL),
        ]
    return parts


# ---------------------------------------------------------------- 公示 timeline


def timeline(publicity: PublicitySection, today: dt.date | None, lang: str) -> str:
    """The 公示 window on a day axis, objections as marks on the day they came in."""
    label = labeller(lang)
    days = [publicity.start, publicity.end, *(o.received_on for o in publicity.objections)]
    first, last = min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=1)
    width, left, right = 760, 30, 30
    span = max((last - first).days, 1)
    sx = Scale(0, span, left, width - right)
    x_of: Callable[[dt.date], float] = lambda day: sx((day - first).days)  # noqa: E731
    body = [
        f'<rect x="{x_of(publicity.start):.1f}" y="40" '
        f'width="{x_of(publicity.end) - x_of(publicity.start):.1f}" height="22" '
        f'fill="#dbe7f5" stroke="{BLUE}"/>'
    ]
    body += _day_ticks(first, span, sx)
    body.append(
        text(x_of(publicity.start), 32, esc(f"{label('start')} {publicity.start}"), fill=BLUE)
    )
    body.append(
        text(
            x_of(publicity.end), 32, esc(f"{label('end')} {publicity.end}"), anchor="end", fill=BLUE
        )
    )
    for index, objection in enumerate(publicity.objections):
        x, y = x_of(objection.received_on), 84 + (index % 3) * 14
        colour = RED if objection.outcome == "upheld" else ORANGE
        body.append(f'<path d="M{x:.1f} 62 L{x - 5:.1f} 72 L{x + 5:.1f} 72 Z" fill="{colour}"/>')
        body.append(text(x, y + 6, esc(objection.id), anchor="middle", size=SMALL, fill=colour))
    if today is not None and first <= today <= last:
        body.append(line(x_of(today), 20, x_of(today), 76, INK, 1, "2 2"))
    return frame("chart-timeline", label("fig_timeline"), width, 140, body)


def _day_ticks(first: dt.date, span: int, sx: Scale) -> list[str]:
    step = 1 if span <= 20 else 7
    parts = []
    for offset in range(0, span + 1, step):
        day = first + dt.timedelta(days=offset)
        parts.append(line(sx(offset), 62, sx(offset), 66, MUTED))
        parts.append(
            text(sx(offset), 126, f"{day.month}/{day.day}", anchor="middle", size=SMALL, fill=MUTED)
        )
    return parts
