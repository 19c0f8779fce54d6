"""Write a synthetic national campaign of N valid nominations, for the benchmarks.

    python bench/make_campaign.py N [--seed S] --out DIR [--ballots yaml|xlsx] [--force]

Deterministic: the same arguments write the same bytes. What it writes, like
sample_dossiers/2024 but N times over:

- dossiers/<省>-<市>/: dossier.yaml, application.yaml, recommendation.yaml and every declared
  attachment (small but real PDF/PNG/JPEG files, sealed as 第7条 requires). The YAML and
  the attachments are written by tools/make_samples.py and tools/sample_media.py, imported;
  only the facts (tools/sample_data.py's `Nominee`) are generated here, with every
  derived figure (shares, growth rates) computed and rounded to 2 decimals;
- zx.yaml (province quota raised to the largest number of nominations from one province),
  registry/sanctions.yaml (the sample's), review/committee.yaml (the sample's 15 members),
  review/publicity.yaml, and one ballot per member in review/ballots/: YAML, or with
  `--ballots xlsx` the sheets `zx ballots` generates, filled in with openpyxl.

Nominees are real GB/T 2260 divisions from the bundled gazetteer: the 第5条 levels first
(地级, 计划单列市, 直辖市辖区/县; 419 of them), spread over the provinces round by round.
A campaign of more than 419 nominations goes on with county-level units and lists every
level in zx.yaml's `eligible_levels`, so that no rule has to be switched off.

Ten nominees (chosen by the seed) get the approval of every member entitled to vote;
every other one meets at least one 不同意 or 弃权, so the shortlist never ends in a tie at
the cut-off (exit 3) and `zx tally` always completes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import make_samples as ms  # noqa: E402
from sample_data import (  # noqa: E402
    DATA_YEAR,
    MEMBERS,
    YEAR,
    Contact,
    Content,
    Dates,
    Evidence,
    Member,
    Nominee,
    Product,
)

from zxcli.model.authorities import (  # noqa: E402
    code_region,
    expected_recommender,
    governing_body,
    provincial_government,
    statistics_bureau,
)
from zxcli.model.gazetteer import Division, Gazetteer, Level  # noqa: E402
from zxcli.model.policy import growth_pct, share_pct  # noqa: E402
from zxcli.model.vocabulary import RECOMMENDER_BINGTUAN, RECOMMENDER_PROVINCE  # noqa: E402

# The derived figures (shares, growth rates) rounded as zx rounds them (decimal, half a
# cent), not as float `round` does: 1,000 nominees hit the cases where the two differ.
ms.pct = lambda numerator, denominator: float(share_pct(numerator, denominator) or 0)
ms.growth = lambda current, previous: float(growth_pct(current, previous) or 0)

MARKER = ".zx-bench-campaign"  # written last: a folder with it is complete and ours
TOP = 10  # nominees every entitled member approves (the cap of 第5条)
# The round for the 年度 YEAR runs the year after it (MIIT names the round by the year
# assessed): every document of a nomination and the 公示 are dated then.
SIGNED_YEAR = YEAR + 1
MAIN_LEVELS = (Level.PREFECTURE, Level.PLAN_CITY, Level.MUNICIPAL_DISTRICT, Level.MUNICIPAL_COUNTY)

# 简称 by province code, for document numbers (苏工信函〔2025〕58号).
ABBR = {
    "11": "京",
    "12": "津",
    "13": "冀",
    "14": "晋",
    "15": "蒙",
    "21": "辽",
    "22": "吉",
    "23": "黑",
    "31": "沪",
    "32": "苏",
    "33": "浙",
    "34": "皖",
    "35": "闽",
    "36": "赣",
    "37": "鲁",
    "41": "豫",
    "42": "鄂",
    "43": "湘",
    "44": "粤",
    "45": "桂",
    "46": "琼",
    "50": "渝",
    "51": "川",
    "52": "黔",
    "53": "云",
    "54": "藏",
    "61": "陕",
    "62": "甘",
    "63": "青",
    "64": "宁",
    "65": "新",
}

# (industry, what the city has in it)
INDUSTRIES = (
    ("装备制造", "工程机械、数控机床和智能成套装备产业链较为完整，龙头企业带动配套企业集聚。"),
    ("电子信息", "集成电路、新型显示和智能终端加快集聚，设计、制造、封测协同布局。"),
    ("新能源汽车", "整车与电池、电机、电控配套体系逐步完善，新能源汽车产能快速提升。"),
    ("生物医药", "创新药、医疗器械和现代中药协同发展，专业园区承载能力持续增强。"),
    ("新材料", "先进钢铁材料、有色金属精深加工和化工新材料产业链不断延伸。"),
    ("绿色化工", "炼化一体化基地布局完善，精细化工和高端聚烯烃产品链条持续拉长。"),
    ("纺织服装", "化纤、印染、服装家纺全链条发展，智能化改造覆盖规上重点企业。"),
    ("食品加工", "粮油、乳制品和特色农产品精深加工规模持续扩大，品牌影响力提升。"),
    ("能源装备", "风电、光伏和储能装备制造加快发展，配套企业向专业园区集中。"),
    ("冶金建材", "钢铁、铝材和新型建材加快绿色低碳改造，产品结构持续优化。"),
    ("锂电池", "正负极材料、电芯制造和回收利用全链条集聚，产能规模快速扩大。"),
    ("光伏", "多晶硅、硅片、电池片和组件一体化布局，技术水平保持先进。"),
)
# (product, industry, unit, national output of the data year)
PRODUCTS = (
    ("工业机器人", "装备制造", "万套", 55.6),
    ("金属切削机床", "装备制造", "万台", 62.0),
    ("挖掘机", "装备制造", "万台", 19.9),
    ("集成电路", "电子信息", "亿块", 4514.0),
    ("微型计算机设备", "电子信息", "万台", 33500.0),
    ("新能源汽车", "新能源汽车", "万辆", 1316.8),
    ("汽车", "新能源汽车", "万辆", 3128.2),
    ("化学药品原药", "生物医药", "万吨", 365.0),
    ("医疗仪器设备", "生物医药", "万台", 1980.0),
    ("十种有色金属", "新材料", "万吨", 7919.0),
    ("碳纤维", "新材料", "万吨", 8.2),
    ("乙烯", "绿色化工", "万吨", 3493.0),
    ("化学纤维", "纺织服装", "万吨", 7911.0),
    ("布", "纺织服装", "亿米", 294.0),
    ("乳制品", "食品加工", "万吨", 2962.0),
    ("精制食用植物油", "食品加工", "万吨", 5160.0),
    ("风力发电机组", "能源装备", "万千瓦", 16000.0),
    ("粗钢", "冶金建材", "万吨", 100500.0),
    ("水泥", "冶金建材", "亿吨", 18.3),
    ("锂离子电池", "锂电池", "亿只", 380.0),
    ("动力电池", "锂电池", "吉瓦时", 1096.8),
    ("太阳能电池", "光伏", "万千瓦", 68000.0),
    ("多晶硅", "光伏", "万吨", 182.0),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN = (
    "建国",
    "晓明",
    "海峰",
    "志刚",
    "丽华",
    "文博",
    "慧敏",
    "国栋",
    "晓燕",
    "建军",
    "佳怡",
    "志强",
    "雪梅",
    "振华",
    "立群",
    "敏",
    "静",
    "磊",
    "帆",
    "骏",
    "晨",
    "明",
    "华",
    "婷",
    "伟",
    "芳",
    "军",
    "洁",
    "勇",
    "艳",
    "超",
    "霞",
    "涛",
    "鹏",
    "宇",
    "欣",
    "琳",
    "博",
)
BRAND_WORDS = (
    "恒力",
    "天成",
    "华晟",
    "远航",
    "金泰",
    "宏图",
    "瑞丰",
    "鼎新",
    "长青",
    "中科",
    "博远",
    "盛达",
    "新锐",
    "海川",
    "德润",
    "龙腾",
    "永泰",
    "嘉禾",
    "卓越",
    "明阳",
)
BALLOT_COMMENTS = (
    "产业特色鲜明，技改投入力度大",
    "工业增速较快，新动能培育成效明显",
    "主导产品全国占比高，行业引领作用突出",
    "工业互联网应用普及较好",
    "组织保障有力，运行监测机制健全",
    "质量品牌建设成效显著",
)
DISSENT_COMMENT = "对照第6条条件，佐证材料不够充分"


@dataclass(frozen=True)
class Pick:
    """One nominee: a gazetteer division and its facts."""

    division: Division
    nominee: Nominee
    rank_in_province: int
    bingtuan: bool = False  # a 兵团 师市, recommended by the 兵团 (第4条)


# ======================================================================================
# Which divisions
# ======================================================================================


def choose_divisions(n: int, rng: random.Random, gaz: Gazetteer) -> list[Division]:
    """`n` divisions: the 第5条 levels round-robin over the provinces, then county-level."""
    main = [d for d in gaz.divisions() if d.eligible and d.level in MAIN_LEVELS]
    chosen = _round_robin(main, n, rng)
    if len(chosen) < n:
        taken = {(d.province, d.name) for d in chosen}
        counties = [d for d in gaz.divisions() if d.level is Level.COUNTY and not d.is_dev_zone]
        names = Counter((d.province, d.name) for d in gaz.divisions())
        # A folder is <省>-<名>: skip names that repeat within a province (鼓楼区…).
        pool = [
            d
            for d in counties
            if names[d.province, d.name] == 1 and (d.province, d.name) not in taken
        ]
        chosen += _round_robin(pool, n - len(chosen), rng)
    if len(chosen) < n:
        raise SystemExit(f"the gazetteer has only {len(chosen)} usable divisions")
    return chosen


def _round_robin(pool: Sequence[Division], n: int, rng: random.Random) -> list[Division]:
    by_province: dict[str, list[Division]] = defaultdict(list)
    for d in pool:
        by_province[d.province_code].append(d)
    for divisions in by_province.values():
        rng.shuffle(divisions)
    order = sorted(by_province)
    rng.shuffle(order)
    chosen: list[Division] = []
    while len(chosen) < n and any(by_province.values()):
        for code in order:
            if by_province[code] and len(chosen) < n:
                chosen.append(by_province[code].pop())
    return chosen


# ======================================================================================
# The facts of one nominee
# ======================================================================================


def nominee(d: Division, index: int, rng: random.Random, gaz: Gazetteer) -> Nominee:
    full = gaz.display_name(d)
    prov = d.province_code
    abbr = ABBR.get(prov, d.province[0])
    # 第4条: the region's own department, by its official name (the bundled list): the
    # province's, or the 兵团's for a 兵团 师市, whose consent is then the 兵团's.
    bingtuan = gaz.in_bingtuan(d) and gaz.bingtuan is not None
    recommender = expected_recommender(gaz, {}, code_region(gaz, d.code) or d.province)
    if recommender is None:
        raise SystemExit(f"no recommending department for {d.code} {d.name}")
    signed = "经信" if "经济和信息化" in recommender else "工信"
    if bingtuan:
        abbr = "兵团"
    government = governing_body(gaz, d)
    day = rng.randint(2, 9)
    dates = Dates(
        statistics=_march(day),
        declaration=_march(day + rng.randint(1, 3)),
        application=_march(day + rng.randint(4, 6)),
        consent=_march(day + rng.randint(7, 10)),
        letter=_march(day + rng.randint(11, 14)),
    )
    evidence = [
        Evidence(
            "ev-plan",
            f"{full}推进新型工业化加快建设制造强市实施方案",
            "attachments/佐证-实施方案.pdf",
            government,
            f"2023-0{rng.randint(2, 9)}-15",
        ),
        Evidence(
            "ev-base",
            f"{full}省级以上新型工业化产业示范基地证书",
            "attachments/佐证-示范基地.png",
            "工业和信息化部",
            f"{rng.randint(2010, 2023)}-12-2{rng.randint(0, 8)}",
        ),
    ]
    internet = rng.random() < 0.4
    if internet:
        evidence.append(
            Evidence(
                "ev-internet",
                "工业互联网试点示范项目入选通知",
                "attachments/佐证-工业互联网.pdf",
                "工业和信息化部",
                f"2024-{rng.randint(10, 12)}-0{rng.randint(1, 9)}",
            )
        )
    return Nominee(
        key=f"{d.province}-{d.name}",
        province=d.province,
        name=d.name,
        full_name=full,
        code=d.code,
        level=d.level.value,
        level_note="地级 / 计划单列市 / 直辖市辖区 / 直辖市辖县 / 县级",
        recommender=recommender,
        province_government=(
            gaz.bingtuan.name
            if bingtuan and gaz.bingtuan
            else provincial_government(gaz, d.province)
        ),
        government=government,
        statistics_bureau=statistics_bureau(gaz, d),
        letter_no=f"{abbr}{signed}函〔{SIGNED_YEAR}〕{rng.randint(10, 199)}号",
        consent_no=f"{abbr}政函〔{SIGNED_YEAR}〕{rng.randint(5, 99)}号",
        dates=dates,
        contact=_contact(rng, f"{full}工业和信息化局", "运行监测科科长", index),
        province_contact=_contact(
            rng, f"{recommender}运行监测协调局", "", index + 50_000, mobile=False
        ),
        declaration_ext=rng.choice(("pdf", "jpg")),
        evidence=tuple(evidence),
        evidence_use={
            "c1": ("ev-plan",),
            "c2": ("ev-base",),
            "c3": ("statistics",),
            "c4": ("ev-plan",),
            "c5": ("ev-internet" if internet else "ev-plan",),
            "c6": ("statistics",),
        },
        content=content(full, rng),
    )


def _march(day: int) -> str:
    return f"{SIGNED_YEAR}-03-{day:02d}"


def _contact(rng: random.Random, unit: str, title: str, index: int, mobile: bool = True) -> Contact:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = f"0{rng.randint(100, 999)}-{rng.randint(2000_0000, 8999_9999)}"
    return Contact(
        name=name,
        unit=unit,
        phone=phone,
        title=title,
        mobile=f"13{rng.randint(0, 9)}{rng.randint(0, 9999_9999):08d}" if mobile else "",
        email=f"contact{index:05d}@example.gov.cn",
    )


def content(city: str, rng: random.Random) -> Content:
    industries = rng.sample(INDUSTRIES, rng.randint(2, 3))
    names = [name for name, _ in industries]
    products = _products(names, rng)
    inv_prev = round(rng.uniform(250, 2600), 1)
    inv = round(inv_prev * (1 + rng.uniform(0.02, 0.12)), 1)
    tech = round(inv * rng.uniform(0.32, 0.66), 1)
    tech_prev = round(tech / (1 + rng.uniform(0.04, 0.22)), 1)
    growth = round(rng.uniform(3.5, 10.5), 1)
    a, b = names[0], names[1]
    best = products[0]
    return Content(
        plan=f"印发《{city}推进新型工业化加快建设制造强市实施方案（2023—2027年）》，"
        f"围绕{a}、{b}等重点产业链明确发展路径和年度目标。",
        annual_plan=f"制定《{DATA_YEAR}年{city}工业稳增长工作方案》，"
        f"分解{rng.randint(18, 45)}项重点任务到市级部门和各县（市、区）。",
        policies=_policies(city, a, rng),
        organization=rng.choice(
            (
                "成立由市政府主要领导任组长的制造业高质量发展领导小组，实行重点产业链“链长制”。",
                "建立市领导联系重点产业链和重点企业制度，每月调度重大项目建设进度。",
                "成立推进新型工业化工作专班，建立月调度、季通报、年考核工作机制。",
            )
        ),
        results=f"{DATA_YEAR}年规模以上工业增加值增长{growth}%，{a}产业产值保持两位数增长。",
        industries=tuple(industries),
        products=products,
        value_added_yi=round(rng.uniform(300, 9000), 1),
        value_added_growth_pct=growth,
        provincial_share_pct=round(rng.uniform(3, 35), 1),
        bases=((f"国家新型工业化产业示范基地（{a}·{city}）", "国家级", rng.randint(2010, 2023)),)
        + (
            ((f"省级新型工业化产业示范基地（{b}）", "省级", rng.randint(2015, 2023)),)
            if rng.random() < 0.5
            else ()
        ),
        c2_summary=f"{a}产业集群规模居全省前列，{best.name}产量占全国比重较高，"
        f"{b}产业加快成长，工业总量稳步扩大。",
        investment_yi=(inv, inv_prev),
        tech_investment_yi=(tech, tech_prev),
        c3_summary=f"实施新一轮技术改造行动，技改投资占工业投资比重达{ms.pct(tech, inv)}%，"
        "重点企业设备更新和智能化改造加快推进。",
        c4_summary=f"深入开展“增品种、提品质、创品牌”行动，新增省级以上名牌产品"
        f"{rng.randint(5, 40)}个、制定团体标准{rng.randint(3, 30)}项。",
        brands=_brands(city, rng),
        network=f"建成5G基站{round(rng.uniform(0.3, 6.0), 1)}万个，重点工业园区5G网络全覆盖。",
        platform=f"培育省级以上工业互联网平台{rng.randint(2, 40)}个，上云企业超过"
        f"{rng.randint(5, 60) * 100}家。",
        security="建立工业互联网安全监测和风险通报机制，覆盖重点工业企业。",
        pilots=(("工业和信息化部工业互联网试点示范项目", 2024, rng.randint(1, 8)),)
        if rng.random() < 0.7
        else (),
        internet_bases=((f"国家工业互联网产业示范基地（{city}）", rng.randint(2021, 2024)),)
        if rng.random() < 0.2
        else (),
        c5_summary="两化融合发展水平稳步提升，数字化车间和智能工厂建设加快。",
        leadership="市委、市政府每季度专题研究工业经济运行，市领导包联重点企业。",
        monitoring="建立重点企业、重点项目、重点园区运行监测体系，按月调度分析。",
        c6_summary=f"工业经济运行总体平稳，全年规上工业总产值增长{round(growth - 0.6, 1)}%。",
        highlights=f"{city}{a}产业特色鲜明，{best.name}产量占全国比重较高，"
        f"技改投资占工业投资比重超过{int(ms.pct(tech, inv) // 10 * 10)}%。",
    )


def _policies(city: str, industry: str, rng: random.Random) -> tuple[tuple[str, str, str], ...]:
    """Two policy documents: (title, 文号, date)."""
    return (
        (
            f"{city}支持{industry}产业高质量发展若干措施",
            f"{city[0]}政发〔2023〕{rng.randint(3, 40)}号",
            f"2023-{rng.randint(3, 11):02d}-{rng.randint(1, 28):02d}",
        ),
        (
            f"{city}工业企业技术改造专项资金管理办法",
            f"{city[0]}工信发〔2024〕{rng.randint(1, 30)}号",
            f"2024-0{rng.randint(1, 6)}-{rng.randint(10, 28)}",
        ),
    )


def _products(industries: Sequence[str], rng: random.Random) -> tuple[Product, ...]:
    pool = [p for p in PRODUCTS if p[1] in industries] or list(PRODUCTS)
    picked = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    products = []
    for i, (name, industry, unit, national) in enumerate(picked):
        share = rng.uniform(5.5, 25.0) if i == 0 else rng.uniform(0.8, 9.0)  # 第6条(2): ≥ 5%
        output = round(national * share / 100, 2 if national < 100 else 1)
        products.append(Product(name, industry, unit, output, national))
    return tuple(products)


def _brands(city: str, rng: random.Random) -> tuple[tuple[str, str, str], ...]:
    words = rng.sample(BRAND_WORDS, rng.randint(1, 3))
    return tuple(
        (
            w,
            f"{city}{w}集团有限公司",
            rng.choice(("注册商标", "注册商标及核心工艺发明专利", "注册商标及发明专利")),
        )
        for w in words
    )


# ======================================================================================
# Files
# ======================================================================================


def dossier_files(pick: Pick) -> dict[str, bytes]:
    n = pick.nominee
    # make_samples prints the pinyin of each sample city on its PDFs (ASCII only); a
    # generated nominee has no pinyin, so its code stands in.
    ms.PINYIN.setdefault(n.code, f"Nominee {n.code}")
    files = ms.nominee_files(n)
    if pick.bingtuan:  # make_samples writes a province's recommender kind
        files["dossier.yaml"] = files["dossier.yaml"].replace(
            f"  kind: {RECOMMENDER_PROVINCE}\n".encode(),
            f"  kind: {RECOMMENDER_BINGTUAN}\n".encode(),
        )
    if pick.rank_in_province != 1:
        files["recommendation.yaml"] = files["recommendation.yaml"].replace(
            b"\nrank_in_province: 1\n", b"\nrank_in_province: %d\n" % pick.rank_in_province
        )
    return files


def campaign_yaml(n: int, quota: int, counties: bool) -> bytes:
    note = f"基准测试用的合成遴选材料：{n} 份申报，由 bench/make_campaign.py 生成，请勿手改。"
    lines = [
        *ms.header("campaign", 2, note),
        ms.line(0, "year", YEAR),
        ms.line(0, "title", f"{YEAR}年度工业稳增长和转型升级成效明显市（州）遴选（基准测试）"),
        "limits:",
        ms.line(2, "province_quota", quota, "基准测试：放宽到同省最多的申报份数"),
    ]
    if counties:
        lines.append(
            ms.line(
                0,
                "eligible_levels",
                raw=ms.flow(level.value for level in Level),
                comment="基准测试：份数超过第5条层级的总数，放开县级",
            )
        )
    return ms.text_file(lines)


def publicity_yaml() -> bytes:
    return ms.text_file(
        [
            *ms.header("publicity", 3, "公示（第9条）：基准测试，无异议"),
            ms.line(0, "year", YEAR),
            ms.line(0, "start", f"{SIGNED_YEAR}-12-01"),
            ms.line(0, "channel", "工业和信息化部门户网站"),
            ms.line(0, "objections", raw="[]"),
        ]
    )


def vote(
    seed: str, member: Member, code: str, top: bool, dissenter: bool
) -> tuple[str, int | None, str | None]:
    """(同意/不同意/弃权, score, comment) of `member` on `code`, from a hash only."""
    h = hashlib.sha256(f"{seed}:{member.id}:{code}".encode()).digest()
    base = hashlib.sha256(f"{seed}:{code}".encode()).digest()[0]
    comment = BALLOT_COMMENTS[h[2] % len(BALLOT_COMMENTS)] if h[1] % 4 == 0 else None
    if top:
        return "同意", 88 + base % 8 + h[0] % 5 - 2, comment
    if dissenter or h[0] % 100 >= 88:
        return "弃权", None, None
    if h[0] % 100 >= 72:
        return "不同意", 45 + h[3] % 15, DISSENT_COMMENT
    return "同意", 62 + base % 20 + h[3] % 5 - 2, comment


def ballots(seed: str, picks: Sequence[Pick], top: set[str]) -> dict[str, dict[str, tuple]]:
    """member id → city code → vote, for every vote a member casts (回避 left out)."""
    votes: dict[str, dict[str, tuple]] = {m.id: {} for m in MEMBERS}
    for pick in sorted(picks, key=lambda p: p.nominee.code):
        n = pick.nominee
        voters = [m for m in MEMBERS if not ms.recused(m, n.code, n.province)]
        start = hashlib.sha256(f"{seed}:{n.code}".encode()).digest()[1] % len(voters)
        for m in voters:
            votes[m.id][n.code] = vote(seed, m, n.code, n.code in top, dissenter=m is voters[start])
    return votes


def ballot_yaml(member: Member, picks: Sequence[Pick], mine: dict[str, tuple]) -> bytes:
    lines = [
        *ms.header("ballot", 4, "评审表（第8条）：每位委员一份"),
        ms.line(0, "year", YEAR),
        ms.line(0, "member", member.id),
        "votes:",
    ]
    for pick in sorted(picks, key=lambda p: p.nominee.code):
        n = pick.nominee
        if n.code not in mine:
            reason = ms.recused(member, n.code, n.province)
            lines.append(f"  # {n.code} {n.name}：回避，不投票（{reason}，第3条）")
            continue
        choice, score, comment = mine[n.code]
        lines += [ms.line(4, "city_code", n.code, dash=True), ms.line(4, "vote", choice)]
        if score is not None:
            lines.append(ms.line(4, "score", score))
        if comment:
            lines.append(ms.line(4, "comment", comment))
    return ms.text_file(lines)


def campaign_files(n: int, seed: str) -> tuple[dict[str, bytes], dict[str, dict[str, tuple]]]:
    """Every file but the ballots (as paths relative to the campaign), and the votes."""
    rng = random.Random(f"zx-bench:{seed}")
    gaz = Gazetteer.bundled()
    divisions = choose_divisions(n, rng, gaz)
    ranks: Counter[str] = Counter()  # by recommending region (the quota's, 第4条)
    picks = []
    for i, d in enumerate(divisions):
        region = code_region(gaz, d.code) or d.province
        ranks[region] += 1
        picks.append(Pick(d, nominee(d, i, rng, gaz), ranks[region], gaz.in_bingtuan(d)))
    counties = any(d.level is Level.COUNTY for d in divisions)
    files: dict[str, bytes] = {
        "zx.yaml": campaign_yaml(n, max(ranks.values(), default=1), counties),
        "registry/sanctions.yaml": (
            REPO / "sample_dossiers/2024/registry/sanctions.yaml"
        ).read_bytes(),
        "review/committee.yaml": ms.committee_yaml(),
        "review/publicity.yaml": publicity_yaml(),
    }
    for pick in picks:
        files.update(
            {
                f"dossiers/{pick.nominee.key}/{rel}": data
                for rel, data in dossier_files(pick).items()
            }
        )
    codes = sorted(p.nominee.code for p in picks)
    top = set(rng.sample(codes, min(TOP, len(codes))))
    votes = ballots(seed, picks, top)
    for member in MEMBERS:
        files[f"review/ballots/{member.id}.yaml"] = ballot_yaml(member, picks, votes[member.id])
    return files, votes


# ======================================================================================
# xlsx ballots: `zx ballots`, then fill the cells as a member would
# ======================================================================================


def xlsx_ballots(root: Path, votes: dict[str, dict[str, tuple]]) -> dict[str, bytes]:
    from openpyxl import load_workbook

    from zxcli.tally.outputs import save_workbook
    from zxcli.tally.sheets import COL_CODE, COL_COMMENT, COL_SCORE, COL_VOTE, FIRST_ROW, SHEET

    with tempfile.TemporaryDirectory(prefix="zx-ballots-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "zxcli.cli", "ballots", str(root), "--out", tmp],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "100"},
        )
        out: dict[str, bytes] = {}
        for member in MEMBERS:
            wb = load_workbook(Path(tmp) / f"{member.id}.xlsx")
            ws = wb[SHEET]
            mine = votes[member.id]
            row = FIRST_ROW
            while (code := ws.cell(row, COL_CODE).value) is not None:
                if str(code) in mine:
                    choice, score, comment = mine[str(code)]
                    ws.cell(row, COL_VOTE, choice)
                    ws.cell(row, COL_SCORE, score)
                    ws.cell(row, COL_COMMENT, comment)
                row += 1
            out[f"review/ballots/{member.id}.xlsx"] = save_workbook(
                wb, wb.properties.title or f"评审表 {member.id}"
            )
    return out


# ======================================================================================
# Writing
# ======================================================================================


def write_campaign(
    n: int, seed: str, out: Path, ballot_format: str = "yaml", force: bool = False
) -> int:
    """Write the campaign into `out` (which must be new, or one of ours with `force`)."""
    if out.exists() and any(out.iterdir()):
        if not (force and (out / MARKER).is_file()):
            raise SystemExit(f"{out} is not empty (--force replaces a folder this script wrote)")
        shutil.rmtree(out)
    files, votes = campaign_files(n, seed)
    if ballot_format == "xlsx":
        files = {k: v for k, v in files.items() if not k.startswith("review/ballots/")}
    _write(out, files)
    count = len(files)
    if ballot_format == "xlsx":
        sheets = xlsx_ballots(out, votes)
        _write(out, sheets)
        count += len(sheets)
    (out / MARKER).write_text(f"{n} {seed} {ballot_format}\n", encoding="utf-8")
    return count


def _write(out: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of nominations")
    parser.add_argument("--seed", default="1", help="any text; same seed, same bytes")
    parser.add_argument("--out", type=Path, required=True, help="campaign folder to write")
    parser.add_argument(
        "--ballots",
        choices=("yaml", "xlsx"),
        default="yaml",
        help="ballot files in review/ballots (xlsx runs `zx ballots`)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a campaign this script wrote before"
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    count = write_campaign(args.n, args.seed, args.out, args.ballots, args.force)
    print(f"{args.n} nominations, {count} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
