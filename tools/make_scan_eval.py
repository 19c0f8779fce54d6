"""Generate the evaluation set of bench/scan_eval.py: scanned pages with and without seals.

    python tools/make_scan_eval.py OUT [--pages 320] [--seed 2025]

Writes OUT/page-NNN.jpg|png and OUT/manifest.json (the truth: every seal's authority, centre and
radius, and how the page was damaged). The same seed gives the same pages, byte for byte, with
the same Pillow and font. The mix: pages without a seal (a third of those with a red 红头 header
and rule, the usual false-positive trap), one seal, two seals; rotations (mostly small, some
anywhere), fading, seals over body text, grayscale copies, JPEG noise.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seal_art import (
    MM_PER_INCH,
    SealStyle,
    font,
    jpeg_noise,
    stamp,
    text_page,
    to_grayscale,
)

AUTHORITIES = (
    "苏州市统计局", "江苏省统计局", "苏州市人民政府", "江苏省人民政府", "江苏省工业和信息化厅",
    "江苏省人民政府办公厅", "宁波市统计局", "浙江省经济和信息化厅", "宁波市人民政府",
    "成都市人民政府", "四川省经济和信息化厅", "成都市统计局", "武汉市统计局", "湖北省统计局",
    "湘西土家族苗族自治州人民政府", "新疆生产建设兵团工业和信息化局", "青岛市统计局",
    "山东省工业和信息化厅", "东莞市人民政府", "广东省统计局",
)
BODY = (
    "根据《工业稳增长和转型升级成效明显市（州）激励措施实施办法》有关要求，",
    "经审核，现将本地区本年度工业经济主要统计数据确认如下：",
    "规模以上工业增加值 2816.43 亿元，同比增长 7.2%；",
    "工业投资 1032.6 亿元，其中技术改造投资 512.8 亿元，占比 49.7%；",
    "技术改造投资同比增长 11.5%，高于全国平均水平；",
    "主导产品国内市场占有率达到 8.6%，产业集聚效应明显。",
    "我市对申报材料的真实性、有效性、合规性负责。",
    "特此证明。",
    "推荐单位对推荐材料进行了认真审核，同意推荐。",
    "联系人：张某某    联系电话：0512-12345678",
)


@dataclass
class Truth:
    authority: str
    x: int
    y: int
    radius: int
    rotation: float
    fade: float
    over_text: bool


@dataclass
class PageSpec:
    file: str
    dpi: int
    grayscale: bool
    jpeg_quality: int  # 0: lossless PNG
    red_header: bool
    seals: list[Truth] = field(default_factory=list)
    pen_mark: bool = False  # a reviewer's red-pen loop round a figure: red, round-ish, no seal


def make_page(index: int, rng: random.Random) -> tuple[Image.Image, PageSpec]:
    dpi = rng.choice((150, 150, 200))
    lines = [rng.choice(BODY) for _ in range(rng.randint(6, 14))]
    page = text_page(lines, dpi=dpi, title=rng.choice(("统计数据确认", "推荐函", "负责声明", "")))
    count = rng.choices((0, 1, 2), weights=(30, 55, 15))[0]
    red_header = (count == 0 and rng.random() < 0.35) or rng.random() < 0.1
    if red_header:
        page = _red_header(page, dpi)
    pen_mark = rng.random() < 0.15
    if pen_mark:
        page = _pen_mark(page, dpi, rng)
    if rng.random() < 0.15:
        page = _table(page, dpi, rng)
    seals = [_seal_truth(rng, page, dpi, i) for i in range(count)]
    for truth in seals:
        style = SealStyle(rotation=truth.rotation, fade=truth.fade)
        page = stamp(page, truth.authority, (truth.x, truth.y), 2 * truth.radius, style, rng)
    spec = PageSpec(f"page-{index:03d}", dpi, rng.random() < 0.2, 0, red_header, seals, pen_mark)
    if spec.grayscale:
        page = to_grayscale(page)
    if rng.random() < 0.35:
        spec.jpeg_quality = rng.randint(30, 65)
        page = jpeg_noise(page, spec.jpeg_quality, rng, sigma=rng.uniform(3, 9))
    else:
        spec.jpeg_quality = 92
    spec.file += ".jpg"
    return page, spec


def _red_header(page: Image.Image, dpi: int) -> Image.Image:
    """A 红头: the issuer's name in large red type and a red rule under it."""
    draw = ImageDraw.Draw(page)
    px = round(22 / 72 * dpi)
    y = round(15 / MM_PER_INCH * dpi)
    draw.text((page.width / 2, y), "江苏省工业和信息化厅文件", font=font(px), fill=(210, 30, 30),
              anchor="mt")
    rule_y = y + round(px * 1.6)
    margin = round(26 / MM_PER_INCH * dpi)
    draw.line((margin, rule_y, page.width - margin, rule_y), fill=(210, 30, 30),
              width=max(2, dpi // 50))
    return page


def _pen_mark(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A red-pen loop round a figure, as a reviewer marks a doubtful number."""
    mm = dpi / MM_PER_INCH
    w, h = rng.uniform(20, 45) * mm, rng.uniform(8, 40) * mm
    x, y = rng.uniform(0.2, 0.6) * page.width, rng.uniform(0.25, 0.7) * page.height
    ImageDraw.Draw(page).ellipse((x, y, x + w, y + h), outline=(200, 20, 30),
                                 width=max(2, round(0.5 * mm)))
    return page


def _table(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A ruled table in the lower half, the kind of grid a circle finder may trip on."""
    mm = dpi / MM_PER_INCH
    draw = ImageDraw.Draw(page)
    x0, y0 = 25 * mm, rng.uniform(0.55, 0.65) * page.height
    rows, cols, cell_w, cell_h = rng.randint(4, 8), rng.randint(3, 6), 28 * mm, 9 * mm
    for r in range(rows + 1):
        draw.line((x0, y0 + r * cell_h, x0 + cols * cell_w, y0 + r * cell_h), fill=(0, 0, 0))
    for c in range(cols + 1):
        draw.line((x0 + c * cell_w, y0, x0 + c * cell_w, y0 + rows * cell_h), fill=(0, 0, 0))
    return page


def _seal_truth(rng: random.Random, page: Image.Image, dpi: int, slot: int) -> Truth:
    diameter_mm = rng.uniform(38, 45)
    radius = round(diameter_mm / 2 / MM_PER_INCH * dpi)
    over_text = rng.random() < 0.5
    # Slot 0 on the right, slot 1 on the left, so that two seals on one page do not overlap.
    x_frac = rng.uniform(0.62, 0.75) if slot == 0 else rng.uniform(0.25, 0.38)
    y_frac = rng.uniform(0.3, 0.55) if over_text else rng.uniform(0.7, 0.85)
    rotation = rng.uniform(-25, 25) if rng.random() < 0.75 else rng.uniform(-180, 180)
    fade = rng.choice((0.0, rng.uniform(0.1, 0.4), rng.uniform(0.4, 0.75)))
    return Truth(rng.choice(AUTHORITIES), round(x_frac * page.width), round(y_frac * page.height),
                 radius, round(rotation, 1), round(fade, 2), over_text)


def generate(out: Path, pages: int, seed: int) -> list[PageSpec]:
    out.mkdir(parents=True, exist_ok=True)
    specs = []
    for index in range(pages):
        rng = random.Random(f"{seed}-{index}")  # each page on its own stream: any page alone
        image, spec = make_page(index, rng)
        image.save(out / spec.file, "JPEG", quality=spec.jpeg_quality, dpi=(spec.dpi, spec.dpi))
        specs.append(spec)
    manifest = {"seed": seed, "candidates": list(AUTHORITIES), "pages": [asdict(s) for s in specs]}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return specs


STATS_LINES = (
    "苏州市统计局关于2025年度主要统计数据的确认",
    "经审核，苏州市本年度工业经济主要统计数据如下：",
    "规模以上工业增加值 2816.4 亿元，同比增长 7.2%；",
    "工业投资 1032.6 亿元，其中技术改造投资 512.8 亿元；",
    "技术改造投资占工业投资比重 49.7%。",
    "特此确认。",
)
# name -> (authority on the seal or None, grayscale, fade, rotation): the pages tests/scan uses.
FIXTURES: dict[str, tuple[str | None, bool, float, float]] = {
    "stats-suzhou": ("苏州市统计局", False, 0.3, 17.0),
    "stats-jiangsu": ("江苏省统计局", False, 0.2, -9.0),
    "stats-noseal": (None, False, 0.0, 0.0),
    "stats-gray": ("苏州市统计局", True, 0.1, 5.0),
    "stats-smudged": ("某某某某印章专用", False, 0.45, 140.0),
}


def fixtures(out: Path) -> None:
    """The few small pages the tests read (committed under tests/scan/data; fonts not needed)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, (authority, gray, fade, rotation) in FIXTURES.items():
        rng = random.Random(name)
        page = text_page(list(STATS_LINES), dpi=150, title="统计数据确认")
        if name == "stats-noseal":
            page = _red_header(page, 150)
        if authority:
            radius = round(21 / MM_PER_INCH * 150)
            centre = (round(page.width * 0.66), round(page.height * 0.33))
            page = stamp(page, authority, centre, 2 * radius, SealStyle(rotation, fade), rng)
        if gray:
            page = to_grayscale(page)
        page.save(out / f"{name}.jpg", "JPEG", quality=80, dpi=(150, 150))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=320)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fixtures", action="store_true", help="write the test pages instead")
    args = parser.parse_args(argv)
    if args.fixtures:
        fixtures(args.out)
        print(f"{len(FIXTURES)} test pages -> {args.out}")
        return 0
    specs = generate(args.out, args.pages, args.seed)
    seals = sum(len(s.seals) for s in specs)
    print(f"{len(specs)} pages, {seals} seals -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
