"""Generate the evaluation set of bench/scan_eval.py: pages that need a seal, and what is on them.

    python tools/make_scan_eval.py OUT [--pages 320] [--seed 2025]

Writes OUT/page-NNN.jpg and OUT/manifest.json (the truth). Each page is a document that needs
the seal of one authority (`declared`: a city's 统计局, a province's 工信 body, a 省人民政府 or a
盟's 行政公署 …) and belongs to one category of what is actually on it:

- right: the declared authority's seal (reading is measured here);
- wrong authorities from OUTSIDE any candidate list: `neighbour` (another prefecture's 统计局 in
  the same province), `one_char` (the declared name with one character changed, dropped or
  added, checked to be no real authority), `other_province` (another province's 工信 body or
  government), `other_bureau` (the city's 财政局, 人民政府, 发改委 … or the province's 统计局),
  `copied` (a seal of the project's own sample authorities, drawn as tools/make_samples.py does);
- no seal: `ring` (a red ring and star without text), `logo` (a round red logo), `red_lines`
  (a table ruled in red), `handwriting` (red-pen scribbles and a loop), `blank` (nothing red
  but perhaps a 红头).

Seals vary: two or more CJK fonts (`fc-list :lang=zh`), arc spans 180–290° (so letter spacing
varies; a long name gets a long arc and is condensed, never overlapped, as a seal maker does),
10 % ovals, 30 % with a serial number on the lower arc, 12 % cut by the page edge (up
to ~20 % of the diameter off the page), fading up to 0.75 with ink gaps up to ~half the ring,
rotations, seals over body text; 20 % of pages are grayscale copies, ~35 % noisy JPEGs.
The same seed gives the same pages with the same Pillow and fonts.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from seal_art import (
    MM_PER_INCH,
    SEAL_RED,
    SealStyle,
    cjk_fonts,
    font,
    jpeg_noise,
    stamp,
    text_page,
    to_grayscale,
)

from zxcli.model.authorities import bundled_departments
from zxcli.model.gazetteer import Gazetteer, Level
from zxcli.scan.authority_names import bundled_world

# The project's own sample seals (the "copied" category draws these).
AUTHORITIES = (
    "苏州市统计局",
    "江苏省统计局",
    "苏州市人民政府",
    "江苏省人民政府",
    "江苏省工业和信息化厅",
    "江苏省人民政府办公厅",
    "宁波市统计局",
    "浙江省经济和信息化厅",
    "宁波市人民政府",
    "成都市人民政府",
    "四川省经济和信息化厅",
    "成都市统计局",
    "武汉市统计局",
    "湖北省统计局",
    "湘西土家族苗族自治州人民政府",
    "新疆生产建设兵团工业和信息化局",
    "青岛市统计局",
    "山东省工业和信息化厅",
    "东莞市人民政府",
    "广东省统计局",
)
# Nominees whose documents the pages are: (province, prefecture as the gazetteer names it).
HOMES = (
    ("江苏省", "苏州市"),
    ("浙江省", "宁波市"),
    ("四川省", "成都市"),
    ("湖北省", "武汉市"),
    ("内蒙古自治区", "兴安盟"),
    ("湖南省", "湘西土家族苗族自治州"),
    ("山东省", "青岛市"),
    ("广东省", "东莞市"),
    ("新疆维吾尔自治区", "阿克苏地区"),
    ("河北省", "唐山市"),
)
OTHER_BUREAUS = (
    "财政局",
    "发展和改革委员会",
    "市场监督管理局",
    "生态环境局",
    "商务局",
    "工业和信息化局",
)
CATEGORIES = {  # category -> weight
    "right": 40,
    "neighbour": 8,
    "one_char": 8,
    "other_province": 6,
    "other_bureau": 8,
    "copied": 6,
    "ring": 4,
    "logo": 4,
    "red_lines": 4,
    "handwriting": 4,
    "blank": 8,
}
WRONG = ("neighbour", "one_char", "other_province", "other_bureau", "copied")
NOT_SEALS = ("ring", "logo")
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
# Characters a one-character variant may bring in (common in authority names, and not).
VARIANT_CHARS = "司处厅局州洲市巿省委会府部署科办苏江浙统计充政民人工信息化经济和"


@dataclass
class Mark:
    """One round red impression drawn on the page: a seal, or a ring/logo that is none."""

    kind: str  # "seal", "ring" or "logo"
    authority: str  # the text drawn ("" for ring and logo)
    x: int
    y: int
    radius: int
    rotation: float
    fade: float
    over_text: bool
    font: str = ""
    span: float = 0.0
    oval: float = 1.0
    serial: str = ""
    edge_cut: float = 0.0  # share of the diameter beyond the page edge
    gaps: float = 0.0


@dataclass
class PageSpec:
    file: str
    dpi: int
    category: str
    declared: str  # the authority whose seal the document needs
    accepted: list[str]  # every name whose seal satisfies it (the consent's 办公厅 …)
    grayscale: bool = False
    jpeg_quality: int = 92
    red_header: bool = False
    marks: list[Mark] = field(default_factory=list)


class World:
    """The real authorities the pages are about, from the bundled gazetteer."""

    def __init__(self) -> None:
        self.gaz = Gazetteer.bundled()
        self.departments = bundled_departments()
        self.parser = bundled_world()

    def prefectures(self, province: str) -> list[str]:
        return sorted(
            self.gaz.display_name(d)
            for d in self.gaz.divisions()
            if d.province == province
            and d.level in (Level.PREFECTURE, Level.PLAN_CITY)
            and not d.is_dev_zone
        )

    def government(self, place: str) -> str:
        return place + ("行政公署" if place.endswith(("盟", "地区")) else "人民政府")

    def is_real(self, name: str) -> bool:
        return self.parser.parse(name) is not None


def declared_for(world: World, rng: random.Random) -> tuple[str, str, str, list[str]]:
    """(province, city, declared authority, accepted names) of one page's document."""
    province, city = rng.choice(HOMES)
    role = rng.choice(("statistics", "statistics", "letter", "consent", "declaration"))
    if role == "statistics":
        return province, city, city + "统计局", [city + "统计局"]
    if role == "letter":
        name = world.departments[province]
        return province, city, name, [name]
    if role == "consent":
        government = province + "人民政府"
        return province, city, government, [government, government + "办公厅"]
    name = world.government(city)
    return province, city, name, [name]


def wrong_authority(
    world: World,
    category: str,
    province: str,
    city: str,
    declared: str,
    accepted: list[str],
    rng: random.Random,
) -> str:
    for _ in range(50):
        name = _wrong_once(world, category, province, city, declared, rng)
        # A variant must be nobody; every other wrong seal must be somebody real.
        if name not in accepted and world.is_real(name) != (category == "one_char"):
            return name
    raise RuntimeError(f"no {category} authority for {declared}")


def _wrong_once(
    world: World, category: str, province: str, city: str, declared: str, rng: random.Random
) -> str:
    organ = declared[len(city) :] if declared.startswith(city) else "统计局"
    if category == "neighbour":
        other = rng.choice([c for c in world.prefectures(province) if c != city])
        return other + organ if organ != "人民政府" else world.government(other)
    if category == "one_char":
        return _one_char(declared, rng)
    if category == "other_province":
        others = [p for p in world.departments if p not in (province, "新疆生产建设兵团")]
        other = rng.choice(others)
        return rng.choice((world.departments[other], other + "人民政府", other + "统计局"))
    if category == "other_bureau":
        if declared.startswith(province):
            return province + rng.choice(("统计局", "财政厅", "发展和改革委员会", "商务厅"))
        return rng.choice(
            (
                city + rng.choice(OTHER_BUREAUS),
                world.government(city),
                province + "统计局",
                city + "统计局",
            )
        )
    return rng.choice(AUTHORITIES)  # copied from another dossier's page


def _one_char(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    what = rng.choice(("sub", "sub", "sub", "drop", "add", "double"))
    if what == "drop" and len(name) > 4:
        return name[:i] + name[i + 1 :]
    if what == "add":
        return name[:i] + rng.choice(VARIANT_CHARS) + name[i:]
    if what == "double":
        return name[:i] + name[i] + name[i:]
    pool = [c for c in VARIANT_CHARS if c != name[i]]
    return name[:i] + rng.choice(pool) + name[i + 1 :]


def make_page(
    index: int, world: World, fonts: list[str], rng: random.Random
) -> tuple[Image.Image, PageSpec]:
    dpi = rng.choice((150, 150, 200))
    category = rng.choices(list(CATEGORIES), weights=list(CATEGORIES.values()))[0]
    province, city, declared, accepted = declared_for(world, rng)
    spec = PageSpec(f"page-{index:03d}.jpg", dpi, category, declared, accepted)
    lines = [rng.choice(BODY) for _ in range(rng.randint(6, 14))]
    page = text_page(lines, dpi=dpi, title=rng.choice(("统计数据确认", "推荐函", "负责声明", "")))
    spec.red_header = rng.random() < (0.35 if category == "blank" else 0.1)
    if spec.red_header:
        page = _red_header(page, dpi)
    if category == "red_lines" or rng.random() < 0.1:
        page = _table(page, dpi, rng, red=category == "red_lines")
    if category == "handwriting":
        page = _handwriting(page, dpi, rng)
    if category in ("right", *WRONG):
        authority = (
            declared
            if category == "right"
            else wrong_authority(world, category, province, city, declared, accepted, rng)
        )
        spec.marks.append(
            _mark(rng, page, dpi, "seal", authority, fonts, copied=category == "copied")
        )
        if rng.random() < 0.12:  # a second seal: another body's, beside it
            other = rng.choice([a for a in AUTHORITIES if a not in accepted])
            spec.marks.append(_mark(rng, page, dpi, "seal", other, fonts, slot=1))
    elif category in NOT_SEALS:
        spec.marks.append(_mark(rng, page, dpi, category, "", fonts))
    for mark in spec.marks:
        page = _press(page, mark, rng)
    spec.grayscale = rng.random() < 0.2
    if spec.grayscale:
        page = to_grayscale(page)
    if rng.random() < 0.35:
        spec.jpeg_quality = rng.randint(30, 65)
        page = jpeg_noise(page, spec.jpeg_quality, rng, sigma=rng.uniform(3, 9))
    return page, spec


def _mark(
    rng: random.Random,
    page: Image.Image,
    dpi: int,
    kind: str,
    authority: str,
    fonts: list[str],
    slot: int = 0,
    copied: bool = False,
) -> Mark:
    oval = rng.random() < 0.1 and kind == "seal" and not copied
    diameter_mm = rng.uniform(40, 45) if oval else rng.uniform(38, 45)
    radius = round(diameter_mm / 2 / MM_PER_INCH * dpi)
    over_text = rng.random() < 0.5
    x_frac = rng.uniform(0.62, 0.75) if slot == 0 else rng.uniform(0.25, 0.38)
    y_frac = rng.uniform(0.3, 0.55) if over_text else rng.uniform(0.7, 0.85)
    x, y = round(x_frac * page.width), round(y_frac * page.height)
    edge_cut = 0.0
    if slot == 0 and not copied and rng.random() < 0.12:  # pressed over the page edge
        edge_cut = round(rng.uniform(0.05, 0.2), 2)
        if rng.random() < 0.5:
            x = round(page.width - radius + edge_cut * 2 * radius)
        else:
            y = round(page.height - radius + edge_cut * 2 * radius)
    if copied:  # as tools/make_samples.py draws the project's sample seals
        return Mark(
            kind,
            authority,
            x,
            y,
            round(42 / MM_PER_INCH * dpi / 2),
            round(rng.uniform(-12, 12), 1),
            0.2,
            over_text,
        )
    rotation = rng.uniform(-25, 25) if rng.random() < 0.75 else rng.uniform(-180, 180)
    fade = rng.choice((0.0, rng.uniform(0.1, 0.4), rng.uniform(0.4, 0.75)))
    gaps = round(rng.uniform(0.1, 0.45), 2) if fade >= 0.4 and rng.random() < 0.5 else 0.0
    serial = (
        "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 13)))
        if kind == "seal" and rng.random() < 0.3
        else ""
    )
    return Mark(
        kind,
        authority,
        x,
        y,
        radius,
        round(rotation, 1),
        round(fade, 2),
        over_text,
        font=rng.choice(fonts),
        span=round(rng.uniform(_shortest_arc(authority), 290)),
        oval=round(rng.uniform(0.62, 0.75), 2) if oval else 1.0,
        serial=serial,
        edge_cut=edge_cut,
        gaps=gaps,
    )


def _shortest_arc(name: str) -> float:
    """A long name takes a long arc (about 17° a character at least), as on real seals."""
    return max(180.0, min(290.0, 17.0 * len(name)))


def _press(page: Image.Image, mark: Mark, rng: random.Random) -> Image.Image:
    if mark.kind == "logo":
        return _logo(page, mark)
    style = SealStyle(
        rotation=mark.rotation,
        fade=mark.fade,
        font_path=mark.font,
        span=mark.span if mark.authority else 0.0,
        oval=mark.oval,
        serial=mark.serial,
        gaps=mark.gaps,
        fit=bool(mark.font),
    )
    return stamp(page, mark.authority, (mark.x, mark.y), 2 * mark.radius, style, rng)


def _logo(page: Image.Image, mark: Mark) -> Image.Image:
    """A round red logo: a disc with white bands and a letter, as a company prints one."""
    draw = ImageDraw.Draw(page)
    x, y, r = mark.x, mark.y, mark.radius * 0.8
    draw.ellipse((x - r, y - r, x + r, y + r), fill=SEAL_RED)
    for k in (-0.35, 0.0, 0.35):
        draw.rectangle(
            (x - r * 0.7, y + k * r - r * 0.06, x + r * 0.7, y + k * r + r * 0.06),
            fill=(255, 255, 255),
        )
    draw.ellipse(
        (x - r * 0.85, y - r * 0.85, x + r * 0.85, y + r * 0.85),
        outline=(255, 255, 255),
        width=max(2, round(r * 0.05)),
    )
    return page


def _handwriting(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """Red-pen scribbles: a loop round a figure, a tick, a wavy underline and a signature."""
    page = _pen_mark(page, dpi, rng)
    mm = dpi / MM_PER_INCH
    draw = ImageDraw.Draw(page)
    x0, y0 = rng.uniform(0.45, 0.7) * page.width, rng.uniform(0.7, 0.85) * page.height
    points = []
    for i in range(60):
        t = i / 59
        points.append(
            (
                x0 + t * 45 * mm + 3 * mm * math.sin(t * 25 + rng.random()),
                y0 + 6 * mm * math.sin(t * 9) + rng.uniform(-1, 1) * mm,
            )
        )
    draw.line(points, fill=(200, 25, 35), width=max(2, round(0.5 * mm)), joint="curve")
    return page


def _red_header(page: Image.Image, dpi: int) -> Image.Image:
    """A 红头: the issuer's name in large red type and a red rule under it."""
    draw = ImageDraw.Draw(page)
    px = round(22 / 72 * dpi)
    y = round(15 / MM_PER_INCH * dpi)
    draw.text(
        (page.width / 2, y),
        "江苏省工业和信息化厅文件",
        font=font(px),
        fill=(210, 30, 30),
        anchor="mt",
    )
    rule_y = y + round(px * 1.6)
    margin = round(26 / MM_PER_INCH * dpi)
    draw.line(
        (margin, rule_y, page.width - margin, rule_y), fill=(210, 30, 30), width=max(2, dpi // 50)
    )
    return page


def _pen_mark(page: Image.Image, dpi: int, rng: random.Random) -> Image.Image:
    """A red-pen loop round a figure, as a reviewer marks a doubtful number."""
    mm = dpi / MM_PER_INCH
    w, h = rng.uniform(20, 45) * mm, rng.uniform(8, 40) * mm
    x, y = rng.uniform(0.2, 0.6) * page.width, rng.uniform(0.25, 0.7) * page.height
    ImageDraw.Draw(page).ellipse(
        (x, y, x + w, y + h), outline=(200, 20, 30), width=max(2, round(0.5 * mm))
    )
    return page


def _table(page: Image.Image, dpi: int, rng: random.Random, red: bool = False) -> Image.Image:
    """A ruled table in the lower half, the kind of grid a circle finder may trip on."""
    mm = dpi / MM_PER_INCH
    draw = ImageDraw.Draw(page)
    colour = (215, 30, 35) if red else (0, 0, 0)
    x0, y0 = 25 * mm, rng.uniform(0.55, 0.65) * page.height
    rows, cols, cell_w, cell_h = rng.randint(4, 8), rng.randint(3, 6), 28 * mm, 9 * mm
    width = max(1, round(0.3 * mm)) if red else 1
    for r in range(rows + 1):
        draw.line(
            (x0, y0 + r * cell_h, x0 + cols * cell_w, y0 + r * cell_h), fill=colour, width=width
        )
    for c in range(cols + 1):
        draw.line(
            (x0 + c * cell_w, y0, x0 + c * cell_w, y0 + rows * cell_h), fill=colour, width=width
        )
    return page


def generate(out: Path, pages: int, seed: int) -> list[PageSpec]:
    out.mkdir(parents=True, exist_ok=True)
    world, fonts = World(), cjk_fonts()
    specs = []
    for index in range(pages):
        rng = random.Random(f"{seed}-{index}")  # each page on its own stream: any page alone
        image, spec = make_page(index, world, fonts, rng)
        image.save(out / spec.file, "JPEG", quality=spec.jpeg_quality, dpi=(spec.dpi, spec.dpi))
        specs.append(spec)
    manifest = {"seed": seed, "fonts": fonts, "pages": [asdict(s) for s in specs]}
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
    "stats-wuxi": ("无锡市统计局", False, 0.2, 8.0),  # the neighbouring city's bureau
    "stats-variant": ("苏州市统计司", False, 0.1, -6.0),  # one character off: nobody
    "stats-ring": ("", False, 0.1, 0.0),  # a red ring and star without any name
}


def fixtures(out: Path) -> None:
    """The few small pages the tests read (committed under tests/scan/data; fonts not needed)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, (authority, gray, fade, rotation) in FIXTURES.items():
        rng = random.Random(name)
        page = text_page(list(STATS_LINES), dpi=150, title="统计数据确认")
        if name == "stats-noseal":
            page = _red_header(page, 150)
        if authority is not None:
            radius = round(21 / MM_PER_INCH * 150)
            centre = (round(page.width * 0.66), round(page.height * 0.33))
            page = stamp(page, authority, centre, 2 * radius, SealStyle(rotation, fade), rng)
        if gray:
            page = to_grayscale(page)
        page.save(out / f"{name}.jpg", "JPEG", quality=80, dpi=(150, 150))


# Rows of a statistics confirmation's table: label, unit, range of the value.
TABLE_ROWS = (
    ("工业增加值", "亿元", (500, 12000)),
    ("工业投资", "亿元", (200, 3000)),
    ("技术改造投资", "亿元", (50, 1500)),
    ("工业增加值同比增长", "%", (1, 12)),
    ("技术改造投资占工业投资比重", "%", (10, 60)),
)


def table_pages(out: Path, pages: int, seed: int) -> None:
    """Clean statistics tables (figures in ruled rows, as scanned), for the false-ZX470 count.

    Writes OUT/table-NN.jpg and OUT/tables.json: each page's declared figures (the printed
    value with one more decimal, as application.yaml holds them). Every figure on the page
    agrees with its declaration, so any ZX470 is a false one.
    """
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for index in range(pages):
        rng = random.Random(f"{seed}-table-{index}")
        image, declared = _table_page(rng)
        name = f"table-{index:02d}.jpg"
        image.save(out / name, "JPEG", quality=rng.randint(50, 90), dpi=(150, 150))
        truth.append({"file": name, "declared": declared})
    (out / "tables.json").write_text(
        json.dumps({"seed": seed, "pages": truth}, ensure_ascii=False, indent=1), "utf-8"
    )


def _table_page(rng: random.Random) -> tuple[Image.Image, dict[str, list[str]]]:
    dpi = 150
    mm = dpi / MM_PER_INCH
    page = text_page(["经审核，本年度工业经济主要统计数据如下表："], dpi=dpi, title="统计数据确认")
    draw = ImageDraw.Draw(page)
    px = round(12 / 72 * dpi)
    rows = list(TABLE_ROWS)
    rng.shuffle(rows)
    x0, y0, height = 28 * mm, 70 * mm, rng.uniform(9, 12) * mm
    widths = (rng.uniform(70, 90) * mm, rng.uniform(45, 60) * mm)
    declared = {}
    cells = [("指标", "数值")]
    for label, unit, (low, high) in rows:
        value = round(rng.uniform(low, high), 2)
        printed = f"{value:.1f}"
        cells.append((label, f"{printed}{unit}"))
        if unit == "亿元":
            declared[label] = [f"{value:.2f}", unit]
    for r, (label, value) in enumerate(cells):
        top = y0 + r * height
        draw.text(
            (x0 + 2 * mm, top + height / 2), label, font=font(px), fill=(20, 20, 20), anchor="lm"
        )
        # Value cells sit a few pixels off their label's baseline, right-aligned.
        draw.text(
            (x0 + widths[0] + widths[1] - 2 * mm, top + height / 2 + rng.randint(-4, 4)),
            value,
            font=font(px),
            fill=(20, 20, 20),
            anchor="rm",
        )
    for r in range(len(cells) + 1):
        draw.line((x0, y0 + r * height, x0 + sum(widths), y0 + r * height), fill=(0, 0, 0))
    for x in (x0, x0 + widths[0], x0 + sum(widths)):
        draw.line((x, y0, x, y0 + len(cells) * height), fill=(0, 0, 0))
    return page, declared


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=320)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--fixtures", action="store_true", help="write the test pages instead")
    parser.add_argument(
        "--tables",
        type=int,
        default=0,
        help="also write this many clean table pages (bench: false ZX470)",
    )
    args = parser.parse_args(argv)
    if args.tables:
        table_pages(args.out / "tables", args.tables, args.seed)
    if args.fixtures:
        fixtures(args.out)
        print(f"{len(FIXTURES)} test pages -> {args.out}")
        return 0
    specs = generate(args.out, args.pages, args.seed)
    seals = sum(1 for s in specs for m in s.marks if m.kind == "seal")
    print(f"{len(specs)} pages, {seals} seals -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
