"""(Re)generate the sample campaigns under sample_dossiers/.

    python tools/make_samples.py [--out DIR]      # DIR defaults to the repo's sample_dossiers/

Writes, deterministically (same bytes on every run):
- 2024/: the generated nominations (tools/sample_data.py), the attachments of every
  nomination, the committee and one ballot per member. The hand-written files (zx.yaml,
  registry/, review/publicity.yaml, review/decision.yaml, dossiers/江苏省-苏州市/*.yaml)
  are read from the repo and only copied when --out is another folder.
- broken/: copies of valid nominations with exactly one defect each, EXPECTED.yaml and a
  README. To add a case, add one `Case(...)` to CASES.

Standard library only, except the sealed scans (申报书, 推荐函, 推荐表, 统计数据确认, 负责声明,
省政府同意文件): they are drawn with Pillow, numpy and a CJK font (tools/seal_art.py; the font
from $ZX_CJK_FONT, a usual path or fc-match; Debian: fonts-noto-cjk). Without them the
committed scans are kept as they are and a note says so; everything else is still written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_media as media
from sample_data import (
    CANDIDATES,
    COMMENTS,
    DATA_YEAR,
    DISSENT,
    DISSENT_COMMENT,
    DISSENT_COMMENTS,
    FIXED_SCORES,
    KIND_LABELS,
    MEMBERS,
    NINGBO,
    NOMINEES,
    PINYIN,
    PUDONG,
    XIANGYANG,
    YEAR,
    YIBIN,
    YULIN,
    Contact,
    Member,
    Nominee,
)

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "sample_dossiers"
CAMPAIGN = "2024"
BROKEN = "broken"
HANDWRITTEN = (
    "2024/zx.yaml",
    "2024/registry/sanctions.yaml",
    "2024/review/publicity.yaml",
    "2024/review/decision.yaml",
    "2024/dossiers/江苏省-苏州市/dossier.yaml",
    "2024/dossiers/江苏省-苏州市/application.yaml",
    "2024/dossiers/江苏省-苏州市/recommendation.yaml",
)
Files = dict[str, bytes]  # path relative to a root folder -> content
COMMENT_COLUMN = 30

# ======================================================================================
# YAML text
# ======================================================================================

_PLAIN_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$""")
_TYPED = re.compile(
    r"^(?:[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|~|null|Null|"
    r"NULL|true|True|TRUE|false|False|FALSE|\.inf|\.nan|)$"
)


def scalar(value: object) -> str:
    """One YAML scalar: plain when the YAML 1.2 core schema reads it back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN_UNSAFE.search(text) or _TYPED.match(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line(
    indent: int,
    key: str,
    value: object = None,
    comment: str = "",
    raw: str = "",
    dash: bool = False,
) -> str:
    """`key: value  # comment` (`- key: …` with dash), comments on COMMENT_COLUMN."""
    shown = raw or ("" if value is None else scalar(value))
    lead = " " * (indent - 2) + "- " if dash else " " * indent
    text = lead + f"{key}:" + (f" {shown}" if shown else "")
    if comment:
        text += " " * max(2, COMMENT_COLUMN - width(text)) + "# " + comment
    return text


def header(schema: str, depth: int, *comments: str) -> list[str]:
    rel = "../" * depth + f"schemas/{schema}.schema.json"
    return [f"# yaml-language-server: $schema={rel}", *(f"# {c}" for c in comments)]


def text_file(lines: Sequence[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def pct(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


def growth(current: float, previous: float) -> float:
    return round((current / previous - 1) * 100, 2)


# ======================================================================================
# One nomination: dossier.yaml, application.yaml, recommendation.yaml
# ======================================================================================


def contact_lines(indent: int, contact: Contact, dash: bool = True) -> list[str]:
    fields = [
        ("name", contact.name),
        ("unit", contact.unit),
        ("title", contact.title),
        ("phone", contact.phone),
        ("mobile", contact.mobile),
        ("email", contact.email),
    ]
    present = [(key, value) for key, value in fields if value]
    return [
        line(indent, key, value, dash=dash and i == 0) for i, (key, value) in enumerate(present)
    ]


def attachment_entries(n: Nominee) -> list[dict[str, object]]:
    d, y = n.dates, YEAR
    return [
        {
            "id": "application",
            "kind": "申报书",
            "title": f"{y}年度{n.full_name}工业稳增长和转型升级成效明显市申报书",
            "path": "attachments/申报书.pdf",
            "issuer": n.government,
            "date": d.application,
            "seals": [n.government],
        },
        {
            "id": "letter",
            "kind": "推荐函",
            "title": f"{n.recommender}关于推荐{n.full_name}的函",
            "path": "attachments/推荐函.pdf",
            "issuer": n.recommender,
            "doc_no": n.letter_no,
            "date": d.letter,
            "seals": [n.recommender],
        },
        {
            "id": "form",
            "kind": "推荐表",
            "title": "工业稳增长和转型升级成效明显市（州）推荐表",
            "path": "attachments/推荐表.pdf",
            "issuer": n.recommender,
            "date": d.letter,
            "seals": [n.recommender, n.province_government],
        },
        {
            "id": "statistics",
            "kind": "统计数据确认",
            "title": f"{n.statistics_bureau}关于申报材料统计数据的确认函",
            "path": "attachments/统计数据确认.pdf",
            "issuer": n.statistics_bureau,
            "date": d.statistics,
            "seals": [n.statistics_bureau],
        },
        {
            "id": "declaration",
            "kind": "负责声明",
            "title": f"{n.government}关于申报材料真实性、有效性、合规性的负责声明",
            "path": f"attachments/负责声明.{n.declaration_ext}",
            "issuer": n.government,
            "date": d.declaration,
            "seals": [n.government],
            "original": True,
        },
        {
            "id": "consent",
            "kind": "省政府同意文件",
            "title": f"{n.province_government}关于同意推荐{n.full_name}的复函",
            "path": "attachments/省政府同意文件.pdf",
            "issuer": n.province_government,
            "doc_no": n.consent_no,
            "date": d.consent,
            "seals": [n.province_government],
        },
        *(
            {
                "id": e.id,
                "kind": "佐证材料",
                "title": e.title,
                "path": e.path,
                "issuer": e.issuer,
                "date": e.date,
            }
            for e in n.evidence
        ),
    ]


ATTACHMENT_COMMENTS = {"original": "负责声明须为原件（第7条(4)）"}


def attachment_lines(entry: dict[str, object]) -> list[str]:
    return [
        line(
            4,
            key,
            value,
            ATTACHMENT_COMMENTS.get(key, ""),
            raw=flow(value) if isinstance(value, list) else "",
            dash=i == 0,
        )
        for i, (key, value) in enumerate(entry.items())
    ]


def dossier_yaml(n: Nominee) -> bytes:
    lines = [
        *header("dossier", 4, "申报主体信息（第5条）与申报材料附件清单（第7条）"),
        line(0, "year", YEAR),
        line(0, "province", n.province),
        "city:",
        line(2, "name", n.name),
        line(2, "code", n.code, "GB/T 2260 六位行政区划代码"),
        line(2, "level", n.level, n.level_note),
        "recommender:",
        line(2, "name", n.recommender, "推荐单位（第4条）"),
        line(2, "kind", "省级工业和信息化主管部门"),
        line(0, "government", n.government, "申报市（州）人民政府，负责声明盖章单位（第7条(4)）"),
        line(
            0,
            "statistics_bureau",
            n.statistics_bureau,
            "同级统计机关，统计数据盖章单位（第7条(3)）",
        ),
        "contacts:",
        *contact_lines(4, n.contact),
        "attachments:",
    ]
    for entry in attachment_entries(n):
        lines += attachment_lines(entry)
    return text_file(lines)


def application_yaml(n: Nominee) -> bytes:
    c, ev = n.content, n.evidence_use
    lines = [
        *header("application", 4, "申报书（附1）：逐项对应《实施办法》第6条(1)–(7)的申报条件"),
        line(0, "year", YEAR),
        line(0, "city", n.name),
        line(0, "data_year", DATA_YEAR, "申报数据所属年度（“本年度”）"),
        line(0, "c1_strategy", comment="第6条(1) 制造强国建设落实情况"),
        line(2, "implementation_plan", c.plan),
        line(2, "annual_plan", c.annual_plan),
        "  supporting_policies:",
    ]
    for title, doc_no, date in c.policies:
        lines += [
            line(6, "title", title, dash=True),
            line(6, "doc_no", doc_no),
            line(6, "date", date),
        ]
    lines += [
        line(2, "organization", c.organization),
        line(2, "results", c.results),
        line(2, "evidence", raw=flow(ev["c1"])),
        *c2_lines(n),
        *c3_lines(n),
        *c4_to_c6_lines(n),
        *c7_lines(),
    ]
    return text_file(lines)


def c2_lines(n: Nominee) -> list[str]:
    c = n.content
    lines = [line(0, "c2_industry", comment="第6条(2) 产业特色与行业引领"), "  leading_industries:"]
    for name, description in c.industries:
        lines += [line(6, "name", name, dash=True), line(6, "description", description)]
    lines.append(line(2, "leading_products", comment="至少1个产品产量占国内全行业5%以上"))
    for p in c.products:
        lines += [
            line(6, "name", p.name, dash=True),
            line(6, "industry", p.industry),
            line(6, "unit", p.unit),
            line(6, "output", p.output),
            line(6, "national_output", p.national_output),
            line(
                6, "national_share_pct", pct(p.output, p.national_output), "产量 / 全国产量 × 100"
            ),
        ]
    lines += [
        line(2, "industrial_value_added_yi", c.value_added_yi, "工业增加值，亿元"),
        line(2, "value_added_growth_pct", c.value_added_growth_pct, "工业增加值增速，%"),
        line(2, "provincial_share_pct", c.provincial_share_pct, "占全省工业增加值比重，%"),
        "  demonstration_bases:",
    ]
    for name, level, year in c.bases:
        lines += [line(6, "name", name, dash=True), line(6, "level", level), line(6, "year", year)]
    lines += [line(2, "summary", c.c2_summary), line(2, "evidence", raw=flow(n.evidence_use["c2"]))]
    return lines


def c3_lines(n: Nominee) -> list[str]:
    c = n.content
    (inv, inv_prev), (tech, tech_prev) = c.investment_yi, c.tech_investment_yi
    return [
        line(0, "c3_investment", comment="第6条(3) 工业投资和企业技术改造"),
        "  industrial_investment_yi:",
        line(4, "current", inv, "本年度，亿元"),
        line(4, "previous", inv_prev, "上年度，亿元"),
        "  tech_renovation_investment_yi:",
        line(4, "current", tech),
        line(4, "previous", tech_prev),
        line(2, "declared_tech_share_pct", pct(tech, inv), "技改投资占工业投资比重，%"),
        line(2, "declared_tech_growth_pct", growth(tech, tech_prev), "技改投资同比增速，%"),
        line(2, "summary", c.c3_summary),
        line(2, "evidence", raw=flow(n.evidence_use["c3"])),
    ]


def c4_to_c6_lines(n: Nominee) -> list[str]:
    c, ev = n.content, n.evidence_use
    lines = [
        line(0, "c4_quality_brand", comment="第6条(4) 质量品牌建设"),
        line(2, "summary", c.c4_summary),
        "  brands:",
    ]
    for name, owner, ip in c.brands:
        lines += [line(6, "name", name, dash=True), line(6, "owner", owner), line(6, "ip", ip)]
    lines += [
        line(2, "evidence", raw=flow(ev["c4"])),
        line(0, "c5_industrial_internet", comment="第6条(5) 信息化基础与工业互联网"),
        line(2, "network", c.network),
        line(2, "platform", c.platform),
        line(2, "security", c.security),
        "  pilots:" if c.pilots else "  pilots: []",
    ]
    for name, year, count in c.pilots:
        lines += [line(6, "name", name, dash=True), line(6, "year", year), line(6, "count", count)]
    lines.append("  demonstration_bases:" if c.internet_bases else "  demonstration_bases: []")
    for name, year in c.internet_bases:
        lines += [line(6, "name", name, dash=True), line(6, "year", year)]
    lines += [
        line(2, "summary", c.c5_summary),
        line(2, "evidence", raw=flow(ev["c5"])),
        line(0, "c6_operation", comment="第6条(6) 组织领导与运行监测"),
        line(2, "leadership", c.leadership),
        line(2, "monitoring", c.monitoring),
        line(2, "summary", c.c6_summary),
        line(2, "evidence", raw=flow(ev["c6"])),
    ]
    return lines


def c7_lines() -> list[str]:
    return [
        line(0, "c7_declaration", comment="第6条(7) 近三年安全、环境、社会稳定情况"),
        line(2, "period_start", f"{DATA_YEAR - 2}-01-01"),
        line(2, "period_end", f"{DATA_YEAR}-12-31"),
        line(2, "no_major_safety_accident", True),
        line(2, "no_major_environmental_accident", True),
        line(2, "no_social_stability_incident", True),
        line(2, "incidents", raw="[]"),
        line(2, "declaration", "declaration", "负责声明附件的 id"),
    ]


def recommendation_yaml(n: Nominee) -> bytes:
    c = n.content
    best = max(c.products, key=lambda p: p.output / p.national_output)
    inv, tech = c.investment_yi, c.tech_investment_yi
    lines = [
        *header("recommendation", 4, "推荐表（附2）"),
        line(0, "year", YEAR),
        line(0, "city", n.name),
        line(0, "recommender", n.recommender),
        line(0, "rank_in_province", 1),
        line(0, "summary_indicators", comment="与申报书一致"),
        line(2, "industrial_value_added_yi", c.value_added_yi),
        line(2, "value_added_growth_pct", c.value_added_growth_pct),
        line(2, "industrial_investment_growth_pct", growth(*inv)),
        line(2, "tech_renovation_share_pct", pct(tech[0], inv[0])),
        line(2, "tech_renovation_growth_pct", growth(*tech)),
        line(
            2,
            "leading_product",
            f"{best.name}（全国占比{pct(best.output, best.national_output)}%）",
        ),
        line(0, "highlights", c.highlights),
        "recommender_opinion:",
        line(
            2,
            "text",
            f"经审核，{n.full_name}申报材料真实完整，符合《实施办法》第6条规定的条件，同意推荐。",
        ),
        line(2, "date", n.dates.letter),
        line(0, "provincial_consent", comment="省级人民政府同意（第7条）"),
        line(2, "authority", n.province_government),
        line(2, "doc_no", n.consent_no),
        line(2, "date", n.dates.consent),
        line(2, "opinion", "同意推荐。"),
        "contact:",
        *contact_lines(2, n.province_contact, dash=False),
    ]
    return text_file(lines)


def nominee_files(n: Nominee) -> Files:
    files = {
        "dossier.yaml": dossier_yaml(n),
        "application.yaml": application_yaml(n),
        "recommendation.yaml": recommendation_yaml(n),
    }
    files.update(attachment_files(files["dossier.yaml"], files["application.yaml"]))
    return files


# ======================================================================================
# Attachments: read back from a dossier.yaml text (also the hand-written one)
# ======================================================================================

_FIELD = re.compile(r"^\s*(- )?([A-Za-z_]+):\s*(.*?)\s*(?:#.*)?$")


def declared_attachments(text: str) -> list[dict[str, str]]:
    """The `attachments:` entries of a dossier.yaml, for a file written like the samples."""
    items: list[dict[str, str]] = []
    inside = False
    for row in text.splitlines():
        if row and not row[0].isspace() and not row.startswith("#"):
            inside = row.startswith("attachments:")
            continue
        match = _FIELD.match(row) if inside else None
        if match:
            if match[1]:
                items.append({})
            items[-1][match[2]] = match[3].strip('"')
    return items


def attachment_files(dossier_yaml_bytes: bytes, application_yaml_bytes: bytes = b"") -> Files:
    text = dossier_yaml_bytes.decode("utf-8")
    code = re.search(r'^\s+code:\s*"(\d{6})"', text, re.M)
    year = re.search(r"^year:\s*(\d+)", text, re.M)
    if not code or not year:
        raise SystemExit("dossier.yaml without city.code or year")
    figures = declared_figures(application_yaml_bytes.decode("utf-8"))
    return {
        item["path"]: attachment_bytes(item, code[1], year[1], figures)
        for item in declared_attachments(text)
    }


def attachment_bytes(
    item: dict[str, str], code: str, year: str, figures: Sequence[tuple[str, str]] = ()
) -> bytes:
    suffix = item["path"].rsplit(".", 1)[-1].lower()
    note = f"{PINYIN[code]} ({code}) {year} {item['id']} {item['date']} - zx sample"
    seals = seals_of(item)
    if seals and suffix in ("pdf", "jpg", "jpeg"):  # a sealed document: a realistic scan
        return scan(item, seals, figures, note, as_pdf=suffix == "pdf")
    if suffix == "png":
        return media.png_seal(note)
    if suffix in ("jpg", "jpeg"):
        return media.jpeg_scan_page(note)
    if suffix != "pdf":
        raise SystemExit(f"no generator for {item['path']}")
    lines = [
        f"{PINYIN[code]} ({code}) - {year}",
        f"Attachment id: {item['id']}    Date: {item['date']}",
        f"Seals declared: {len(seals)}",
        "Sample file made by tools/make_samples.py for zx. Not an official document.",
    ]
    return media.pdf_document(KIND_LABELS[item["kind"]], lines, seal=bool(seals))


def seals_of(item: dict[str, str]) -> list[str]:
    return [s.strip() for s in item.get("seals", "").strip("[]").split(",") if s.strip()]


# ======================================================================================
# Sealed scans: what the documents say, drawn by sample_media with seal_art's seals
# ======================================================================================

# Scans cannot be drawn here (no Pillow or no CJK font): the committed bytes stay (see
# keep_committed_scans); the reason is printed once.
SCANS_MISSING = media.scans_available()
PENDING_SCAN = b"zx: committed scan kept (cannot draw scans here)"


def scan(
    item: dict[str, str],
    seals: Sequence[str],
    figures: Sequence[tuple[str, str]],
    note: str,
    as_pdf: bool = True,
    grayscale: bool = False,
) -> bytes:
    """The sealed document `item` as a scan: text by its kind, `seals` pressed on it."""
    if SCANS_MISSING:
        return PENDING_SCAN
    lines = document_lines(item, figures)
    seed = int.from_bytes(hashlib.sha256(note.encode("utf-8")).digest()[:4], "big")
    draw = media.scan_pdf if as_pdf else media.scan_page_jpeg
    return draw(item["title"], lines, seals, seed, grayscale)


def document_lines(item: dict[str, str], figures: Sequence[tuple[str, str]]) -> list[str]:
    """The body of a sealed document, in the words such documents use."""
    issuer, date = item["issuer"], item["date"]
    y, m, d = (int(part) for part in date.split("-"))
    body = {
        "统计数据确认": [
            "工业和信息化部：",
            "经核实，申报材料中的主要统计数据如下：",
            *(f"{label}{value}" for label, value in figures),
            "特此确认。",
        ],
        "推荐函": [
            "工业和信息化部：",
            f"经审核，{item['title'].removeprefix(issuer)}，",
            "申报材料真实完整，符合《实施办法》第6条规定的条件，同意推荐。",
        ],
        "负责声明": [
            "本单位对所报申报材料的真实性、有效性、合规性负责，",
            "如有弄虚作假，愿承担相应责任。",
        ],
        "推荐表": [
            "工业稳增长和转型升级成效明显市（州）推荐表",
            "推荐单位意见：同意推荐。",
            "省级人民政府意见：同意推荐。",
        ],
        "省政府同意文件": ["同意推荐，请按程序报送工业和信息化部。"],
    }.get(item["kind"], ["（正文略）"])
    return [*body, "", f"{issuer}", f"{y}年{m}月{d}日"]


_PRODUCT = re.compile(r"- name: (\S+)\n\s+industry: .*\n\s+unit: (\S+)\n\s+output: ([\d.]+)")


def declared_figures(application: str) -> list[tuple[str, str]]:
    """(label, figure as the statistics bureau prints it) from an application.yaml text."""

    def number(pattern: str) -> float | None:
        match = re.search(pattern, application, re.M)
        return float(match[1]) if match else None

    out = []
    for label, pattern in (
        ("全市规模以上工业增加值", r"^\s+industrial_value_added_yi:\s*([\d.]+)"),
        ("工业投资", r"^\s+industrial_investment_yi:\n\s+current:\s*([\d.]+)"),
        ("技术改造投资", r"^\s+tech_renovation_investment_yi:\n\s+current:\s*([\d.]+)"),
    ):
        value = number(pattern)
        if value is not None:  # one decimal, as bureaus print: zx compares at that rounding
            out.append((label, f" {value:.1f} 亿元"))
    out += [
        (f"{name}产量", f" {output} {unit}") for name, unit, output in _PRODUCT.findall(application)
    ]
    return out


def keep_committed_scans(files: Files, source: Path) -> Files:
    """Where a scan could not be drawn, the committed one (if any) stands in."""
    kept = {}
    for rel, data in files.items():
        if data == PENDING_SCAN and (source / rel).is_file():
            kept[rel] = (source / rel).read_bytes()
        elif data != PENDING_SCAN:
            kept[rel] = data
    return kept


# ======================================================================================
# Review: committee and ballots
# ======================================================================================


def recused(member: Member, code: str, province: str) -> str:
    """Why `member` does not vote on `code` (回避, review rule under 第3条), or '' when they do."""
    for tie_code, reason in member.ties:
        if tie_code == code:
            return reason
    return f"本人所在省份为{province}" if member.province == province else ""


def committee_yaml() -> bytes:
    provinces = {province for _, _, province, _ in CANDIDATES}
    lines = [
        *header(
            "committee", 3, "评审委员会（第8条）：专家及部内相关司局代表，人数为单数且不少于15人"
        ),
        line(0, "year", YEAR),
        line(0, "chair", MEMBERS[0].id),
        "members:",
    ]
    for m in MEMBERS:
        lines += [
            line(4, "id", m.id, dash=True),
            line(4, "name", m.name),
            line(4, "kind", m.kind),
            line(4, "affiliation", m.affiliation),
        ]
        if m.province:
            note = f"与{m.province}申报城市回避（第3条）" if m.province in provinces else ""
            lines.append(line(4, "province", m.province, note))
        if m.ties:
            lines.append(line(4, "ties", comment="其他应回避的关系"))
            for code, reason in m.ties:
                lines += [line(8, "city_code", code, dash=True), line(8, "reason", reason)]
    return text_file(lines)


def digest(*parts: str) -> int:
    return hashlib.sha256(":".join(parts).encode("utf-8")).digest()[0]


def vote_lines(member: Member, code: str, base: int, first: bool) -> list[str]:
    vote = DISSENT.get((member.id, code), "同意")
    h = digest(member.id, code)
    score, comment = FIXED_SCORES.get((member.id, code), (0, ""))
    if vote == "同意" and not score:
        score = min(98, max(60, base + h % 11 - 5))
        comment = COMMENTS[code][h // 4 % 2] if h % 4 == 0 else ""
    elif vote == "不同意":
        score, comment = 50 + h % 9, DISSENT_COMMENTS.get(code, DISSENT_COMMENT)
    lines = [
        line(4, "city_code", code, dash=True),
        line(4, "vote", vote, "同意 / 不同意 / 弃权" if first else ""),
    ]
    if score:
        lines.append(line(4, "score", score, "0–100 分" if first else ""))
    if comment:
        lines.append(line(4, "comment", comment))
    return lines


def ballot_yaml(member: Member) -> bytes:
    lines = [
        *header("ballot", 4, "评审表（第8条）：每位委员一份"),
        line(0, "year", YEAR),
        line(0, "member", member.id),
        "votes:",
    ]
    first = True
    for code, name, province, base in CANDIDATES:
        reason = recused(member, code, province)
        if reason:
            lines.append(f"  # {code} {name}：回避，不投票（{reason}，第3条）")
            continue
        lines += vote_lines(member, code, base, first)
        first = False
    return text_file(lines)


def review_files() -> Files:
    files = {"review/committee.yaml": committee_yaml()}
    for member in MEMBERS:
        files[f"review/ballots/{member.id}.yaml"] = ballot_yaml(member)
    return files


# ======================================================================================
# The broken campaign: one defect per dossier
# ======================================================================================

Mutation = Callable[[Files], Files]


def edit(file: str, old: str, new: str) -> Mutation:
    """Replace the one occurrence of `old` in `file`."""

    def apply(files: Files) -> Files:
        text = files[file].decode("utf-8")
        if text.count(old) != 1:
            raise SystemExit(f"{file}: {old!r} occurs {text.count(old)} times, expected once")
        return {**files, file: text.replace(old, new).encode("utf-8")}

    return apply


def reencode(file: str, encoding: str) -> Mutation:
    def apply(files: Files) -> Files:
        return {**files, file: files[file].decode("utf-8").encode(encoding)}

    return apply


def remove(file: str) -> Mutation:
    def apply(files: Files) -> Files:
        return {k: v for k, v in files.items() if k != file}

    return apply


def put(file: str, data: bytes) -> Mutation:
    """Replace (or add) a whole file, e.g. an attachment: put("attachments/推荐函.pdf", b"")."""

    def apply(files: Files) -> Files:
        return {**files, file: data}

    return apply


def empty(file: str) -> Mutation:
    return put(file, b"")


def rescan(
    file: str,
    seals: Sequence[str] | None = None,
    grayscale: bool = False,
    figures: Callable[[list[tuple[str, str]]], list[tuple[str, str]]] | None = None,
) -> Mutation:
    """Redraw the sealed scan `file` (as declared in dossier.yaml) with other seals, in
    grayscale, or with other figures; the declaration in dossier.yaml stays as it was."""

    def apply(files: Files) -> Files:
        text = files["dossier.yaml"].decode("utf-8")
        item = next(i for i in declared_attachments(text) if i["path"] == file)
        code = re.search(r'^\s+code:\s*"(\d{6})"', text, re.M)
        note = f"{PINYIN[code[1] if code else '']} {item['id']} rescan - zx sample"
        shown = declared_figures(files["application.yaml"].decode("utf-8"))
        data = scan(
            item,
            seals_of(item) if seals is None else seals,
            figures(shown) if figures else shown,
            note,
            file.endswith(".pdf"),
            grayscale,
        )
        return {**files, file: data}

    return apply


def value_added_misstated(figures: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The bureau confirms 工业增加值 about 5% below what application.yaml declares."""
    label, shown = figures[0]
    value = float(shown.split()[0])
    return [(label, f" {value * 0.95:.1f} 亿元"), *figures[1:]]


def chain(*mutations: Mutation) -> Mutation:
    def apply(files: Files) -> Files:
        for mutation in mutations:
            files = mutation(files)
        return files

    return apply


@dataclass(frozen=True)
class Written:
    """A hand-written dossier of the 2024 campaign (HANDWRITTEN) as a broken case's base."""

    key: str

    def files(self) -> Files:
        folder = SOURCE / CAMPAIGN / "dossiers" / self.key
        files = {
            name: (folder / name).read_bytes()
            for name in ("dossier.yaml", "application.yaml", "recommendation.yaml")
        }
        files["dossier.yaml"] = unfrozen(files["dossier.yaml"])
        files.update(attachment_files(files["dossier.yaml"], files["application.yaml"]))
        return files


def unfrozen(text: bytes) -> bytes:
    """A dossier.yaml without its recorded hashes: a broken case swaps scans, and its one
    defect must not come with a hash mismatch (the broken campaign is not frozen)."""
    kept = [
        row
        for row in text.splitlines(keepends=True)
        if row.strip().split(b":")[0] not in (b"sha256", b"frozen_on")
    ]
    return b"".join(kept)


SUZHOU = Written("江苏省-苏州市")


@dataclass(frozen=True)
class Case:
    """A broken dossier: a valid one, one mutation, and the finding zx must report."""

    folder: str
    base: Nominee | Written
    mutate: Mutation
    code: str
    file: str
    at: str | int  # the finding's line: a regex found in the mutated file, or a number
    defect: str
    scan: bool = False  # found only by `zx validate --scan` (the scans themselves)

    def base_files(self) -> Files:
        return self.base.files() if isinstance(self.base, Written) else nominee_files(self.base)

    def line(self, files: Files) -> int:
        if isinstance(self.at, int):
            return self.at
        text = files[self.file].decode("utf-8")
        match = re.search(self.at, text, re.M)
        if match is None:
            raise SystemExit(f"{self.folder}: {self.at!r} not found in {self.file}")
        return text.count("\n", 0, match.start()) + 1


# One entry per broken dossier. `at` locates the line zx must report (see Case.line).
CASES: tuple[Case, ...] = (
    Case(
        "B01-语法错误-制表符",
        NINGBO,
        edit("application.yaml", "\n  annual_plan:", "\n\tannual_plan:"),
        "ZX011",
        "application.yaml",
        r"^\tannual_plan:",
        "annual_plan 一行用制表符（Tab）缩进",
    ),
    Case(
        "B02-重复键",
        PUDONG,
        edit(
            "dossier.yaml",
            "statistics_bureau: 上海市浦东新区统计局",
            "statistics_bureau: 上海市统计局\nstatistics_bureau: 上海市浦东新区统计局",
        ),
        "ZX004",
        "dossier.yaml",
        r"^statistics_bureau: 上海市浦东新区统计局",
        "statistics_bureau 写了两次，YAML 会悄悄只留一个",
    ),
    Case(
        "B03-编码错误-GBK",
        XIANGYANG,
        reencode("application.yaml", "gbk"),
        "ZX002",
        "application.yaml",
        2,
        "application.yaml 以 GBK 编码保存，不是 UTF-8",
    ),
    Case(
        "B04-锚点别名",
        YIBIN,
        chain(
            edit("dossier.yaml", "government: 宜宾市人民政府", "government: &gov 宜宾市人民政府"),
            edit(
                "dossier.yaml",
                "申报书.pdf\n    issuer: 宜宾市人民政府",
                "申报书.pdf\n    issuer: *gov",
            ),
        ),
        "ZX005",
        "dossier.yaml",
        r"issuer: \*gov",
        "用 YAML 锚点 &gov 和别名 *gov 代替重复的文字",
    ),
    Case(
        "B05-禁用标签",
        YULIN,
        edit(
            "recommendation.yaml",
            "rank_in_province: 1",
            'rank_in_province: !!python/object/apply:os.system ["echo 1"]',
        ),
        "ZX007",
        "recommendation.yaml",
        r"^rank_in_province:",
        "rank_in_province 带有可执行代码的标签 !!python/object/apply:os.system",
    ),
    Case(
        "B06-缺少必填字段-区划代码",
        NINGBO,
        edit("dossier.yaml", '  code: "330200"              # GB/T 2260 六位行政区划代码\n', ""),
        "ZX020",
        "dossier.yaml",
        r"^city:",
        "city 下缺少必填的 code（行政区划代码）",
    ),
    Case(
        "B07-类型错误-手机号未加引号",
        PUDONG,
        edit("dossier.yaml", 'mobile: "13800000003"', "mobile: 13800000003"),
        "ZX021",
        "dossier.yaml",
        r"mobile: 13800000003",
        "手机号未加引号，被读成整数",
    ),
    Case(
        "B08-类型错误-yes不是布尔值",
        XIANGYANG,
        edit("application.yaml", "no_major_safety_accident: true", "no_major_safety_accident: yes"),
        "ZX021",
        "application.yaml",
        r"no_major_safety_accident: yes",
        "no_major_safety_accident 写成 yes（YAML 1.2 中是文字，应写 true）",
    ),
    Case(
        "B09-取值不在范围-层级",
        YIBIN,
        edit("dossier.yaml", "level: 地级", "level: 地市级"),
        "ZX022",
        "dossier.yaml",
        r"level: 地市级",
        "city.level 写成“地市级”，不是可选值",
    ),
    Case(
        "B10-格式不符-代码5位",
        YULIN,
        edit("dossier.yaml", 'code: "610800"', 'code: "61080"'),
        "ZX023",
        "dossier.yaml",
        r'code: "61080"',
        "行政区划代码只有5位",
    ),
    Case(
        "B11-日期无效-2月30日",
        NINGBO,
        edit("recommendation.yaml", "date: 2025-03-17", "date: 2025-02-30"),
        "ZX024",
        "recommendation.yaml",
        r"date: 2025-02-30",
        "省政府同意日期 2025-02-30 不存在",
    ),
    Case(
        "B12-数值超出范围-比重",
        PUDONG,
        edit("application.yaml", "provincial_share_pct: 28.6", "provincial_share_pct: 286"),
        "ZX025",
        "application.yaml",
        r"provincial_share_pct: 286",
        "占全省比重写成 286（漏了小数点），超过 100%",
    ),
    Case(
        "B13-未知字段-拼写错误",
        XIANGYANG,
        edit("application.yaml", "industrial_investment_yi:", "industial_investment_yi:"),
        "ZX026",
        "application.yaml",
        r"industial_investment_yi:",
        "industrial_investment_yi 拼错成 industial_investment_yi",
    ),
    Case(
        "B14-缺少文件-推荐表数据",
        YIBIN,
        remove("recommendation.yaml"),
        "ZX001",
        "recommendation.yaml",
        1,
        "缺少 recommendation.yaml（推荐表数据）",
    ),
    Case(
        "B15-空文件",
        YULIN,
        empty("application.yaml"),
        "ZX008",
        "application.yaml",
        1,
        "application.yaml 是空文件",
    ),
    # 第7条: the attachments and their seals
    Case(
        "B16-缺少负责声明原件",
        XIANGYANG,
        remove("attachments/负责声明.jpg"),
        "ZX310",
        "dossier.yaml",
        r"path: attachments/负责声明.jpg",
        "负责声明原件的扫描件不在 attachments/ 中（第7条(4)）",
    ),
    Case(
        "B17-统计数据盖省统计局章",
        YIBIN,
        edit("dossier.yaml", "seals: [宜宾市统计局]", "seals: [四川省统计局]"),
        "ZX404",
        "dossier.yaml",
        r"seals: \[四川省统计局\]",
        "统计数据由省统计局盖章，应由同级的宜宾市统计局盖章（第7条(3)）",
    ),
    Case(
        "B18-推荐函为空文件",
        PUDONG,
        empty("attachments/推荐函.pdf"),
        "ZX320",
        "dossier.yaml",
        r"path: attachments/推荐函.pdf",
        "推荐函.pdf 是 0 字节的空文件",
    ),
    Case(
        "B19-申报书是改了扩展名的图片",
        YULIN,
        put("attachments/申报书.pdf", media.png_seal("not a pdf")),
        "ZX324",
        "dossier.yaml",
        r"path: attachments/申报书.pdf",
        "申报书.pdf 实际是 PNG 图片，只是改了扩展名",
    ),
    Case(
        "B20-附件路径跳出目录",
        NINGBO,
        edit("dossier.yaml", "path: attachments/推荐表.pdf", "path: ../推荐表.pdf"),
        "ZX314",
        "dossier.yaml",
        r"path: \.\./推荐表.pdf",
        "推荐表的路径用 ../ 指向申报文件夹之外",
    ),
    # 第5、6条: eligibility and conditions
    Case(
        "B21-名称与代码不符",
        XIANGYANG,
        edit("dossier.yaml", 'code: "420600"', 'code: "420500"'),
        "ZX102",
        "dossier.yaml",
        r'code: "420500"',
        "代码 420500 是宜昌市，不是襄阳市（第5条）",
    ),
    Case(
        "B22-产品全国占比算错",
        YIBIN,
        edit("application.yaml", "national_share_pct: 10.76", "national_share_pct: 17.6"),
        "ZX202",
        "application.yaml",
        r"national_share_pct: 17.6",
        "主导产品全国占比填 17.6%，按产量计算为 10.76%（第6条(2)）",
    ),
    Case(
        "B23-技改投资比重算错",
        XIANGYANG,
        edit(
            "application.yaml", "declared_tech_share_pct: 44.79", "declared_tech_share_pct: 47.79"
        ),
        "ZX211",
        "application.yaml",
        r"declared_tech_share_pct: 47.79",
        "技改投资占工业投资比重填 47.79%，按金额计算为 44.79%（第6条(3)）",
    ),
    Case(
        "B24-近三年发生重大环境事故",
        NINGBO,
        edit(
            "application.yaml",
            "no_major_environmental_accident: true",
            "no_major_environmental_accident: false",
        ),
        "ZX231",
        "application.yaml",
        r"no_major_environmental_accident: false",
        "声明近三年发生重大环境事故，不具备申报条件（第6条(7)）",
    ),
    Case(
        "B25-同意单位不是省政府",
        YULIN,
        edit("recommendation.yaml", "authority: 陕西省人民政府", "authority: 榆林市人民政府"),
        "ZX606",
        "recommendation.yaml",
        r"authority: 榆林市人民政府",
        "推荐表所填同意单位是榆林市人民政府，应为陕西省人民政府（第7条）",
    ),
    # 第7条 on the scans themselves: found only by `zx validate --scan`
    Case(
        "B26-扫描件无印章",
        NINGBO,
        rescan("attachments/统计数据确认.pdf", seals=[]),
        "ZX460",
        "dossier.yaml",
        r"path: attachments/统计数据确认.pdf",
        "统计数据确认登记了宁波市统计局的公章，扫描件上却没有印章（第7条(3)）",
        scan=True,
    ),
    Case(
        "B27-扫描件盖省统计局章",
        SUZHOU,
        rescan("attachments/统计数据确认.pdf", seals=["江苏省统计局"]),
        "ZX462",
        "dossier.yaml",
        r"path: attachments/统计数据确认.pdf",
        "登记为苏州市统计局盖章，扫描件上的印章却是江苏省统计局的（第7条(3)）",
        scan=True,
    ),
    Case(
        "B28-统计数据确认与申报不符",
        XIANGYANG,
        rescan("attachments/统计数据确认.pdf", figures=value_added_misstated),
        "ZX470",
        "dossier.yaml",
        r"path: attachments/统计数据确认.pdf",
        "统计数据确认上的工业增加值比 application.yaml 的申报值低约5%（第7条(3)）",
        scan=True,
    ),
    Case(
        "B29-黑白复印件盖市政府章",
        YULIN,
        rescan("attachments/省政府同意文件.pdf", seals=["榆林市人民政府"], grayscale=True),
        "ZX462",
        "dossier.yaml",
        r"path: attachments/省政府同意文件.pdf",
        "省政府同意文件是黑白复印件，上面的印章是榆林市人民政府的，不是陕西省人民政府（第7条）",
        scan=True,
    ),
)


def broken_campaign_files() -> Files:
    files: Files = {
        "zx.yaml": text_file(
            [
                *header(
                    "campaign",
                    2,
                    "故障样例：dossiers/ 下每个文件夹是一份合格申报材料的副本，只改了一处，",
                    "预期的问题代码和行号见 EXPECTED.yaml。本文件和 registry/ 本身是正确的。",
                    "由 tools/make_samples.py 生成，请勿手改。",
                ),
                line(0, "year", YEAR),
                line(0, "title", "故障样例（用于检验 zx validate 的报错）"),
                line(
                    0, "rules", comment="同一城市有多份副本、文件夹按错误命名，关闭以下规则以免干扰"
                ),
                line(2, "ZX601", "off", "超出推荐名额"),
                line(2, "ZX602", "off", "同一市（州）重复申报"),
                line(2, "ZX113", "off", "目录名不规范"),
            ]
        ),
        "registry/sanctions.yaml": text_file(
            [
                *header("sanctions", 3, "第13条处理记录：故障样例中没有"),
                line(0, "records", raw="[]"),
            ]
        ),
    }
    expected = [
        "# 故障样例的预期结果（tools/make_samples.py 生成，请勿手改）",
        "# 每个申报文件夹一处错误：code 为问题代码，file 相对于该文件夹，line 为 zx 报告的行号",
    ]
    lines: list[int] = []
    for case in CASES:
        mutated = case.mutate(case.base_files())
        files.update({f"dossiers/{case.folder}/{rel}": data for rel, data in mutated.items()})
        lines.append(case.line(mutated))
        expected += [
            f"{case.folder}:",
            line(2, "code", case.code),
            line(2, "file", case.file),
            line(2, "line", lines[-1]),
            line(2, "based_on", case.base.key),
            line(2, "defect", case.defect),
        ]
        expected += [line(2, "scan", True, "仅 zx validate --scan 报出")] if case.scan else []
    files["EXPECTED.yaml"] = text_file(expected)
    files["README.md"] = broken_readme(lines)
    return files


def broken_readme(lines: Sequence[int]) -> bytes:
    rows = [
        f"| `{c.folder}` | {c.base.key} | {c.defect} | `{c.file}:{n}` | {c.code} |"
        for c, n in zip(CASES, lines, strict=True)
    ]
    return text_file(
        [
            "# 故障样例",
            "",
            "`dossiers/` 下每个文件夹都是 `sample_dossiers/2024` 中一份合格申报材料的副本，",
            "只引入了一处错误，用来检验 `zx validate` 能否报出正确的问题代码、文件和行号。",
            "预期结果见 [EXPECTED.yaml](EXPECTED.yaml)，`tests/test_samples.py` 逐一核对。",
            "",
            "```bash",
            "zx validate sample_dossiers/broken                          # 全部（退出码 1）",
            "zx validate sample_dossiers/broken/dossiers/B01-语法错误-制表符  # 单独一份",
            "zx validate --scan sample_dossiers/broken/dossiers/B27-扫描件盖省统计局章  # 看扫描件",
            "```",
            "",
            "EXPECTED.yaml 中标有 `scan: true` 的几份只在加 `--scan` 时报出（印章和数据要看",
            "扫描件本身，见 docs/scan.md）；不加 `--scan` 时它们与所基于的合格材料一样通过。",
            "",
            "| 文件夹 | 基于 | 错误 | 文件:行 | 预期代码 |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "本目录由 `python tools/make_samples.py` 生成，请勿手改；新增一种错误只需在该脚本的",
            "`CASES` 中加一项（文件夹名、基于哪份、改法、预期代码、文件、行、说明）。",
        ]
    )


# ======================================================================================
# Assembling and writing
# ======================================================================================


def campaign_files(source: Path) -> Files:
    files: Files = {
        rel.removeprefix(f"{CAMPAIGN}/"): (source / rel).read_bytes() for rel in HANDWRITTEN
    }
    for n in NOMINEES:
        files.update({f"dossiers/{n.key}/{rel}": data for rel, data in nominee_files(n).items()})
    for dossier in (rel for rel in HANDWRITTEN if rel.endswith("/dossier.yaml")):
        folder = dossier.removeprefix(f"{CAMPAIGN}/").removesuffix("dossier.yaml")
        written = files[folder + "dossier.yaml"]
        scans = attachment_files(written, files[folder + "application.yaml"])
        files.update({folder + rel: data for rel, data in scans.items()})
    files.update(review_files())
    return frozen(files)


# The sample is a finished campaign: every attachment's SHA-256 recorded, as `zx freeze`
# records it, on a fixed day (the files' bytes are the script's, so are their hashes).
FROZEN_ON = dt.date(2025, 3, 28)


def frozen(files: Files) -> Files:
    """`files` with each dossier.yaml frozen by zx's own freeze (in a scratch folder)."""
    import tempfile

    from zxcli.freeze import freeze

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        for plan in freeze([root], check=True, today=FROZEN_ON):
            rel = plan.file.relative_to(root).as_posix()
            files[rel] = plan.updated or files[rel]
    return files


def all_files(source: Path) -> Files:
    files = {f"{CAMPAIGN}/{rel}": data for rel, data in campaign_files(source).items()}
    files.update({f"{BROKEN}/{rel}": data for rel, data in broken_campaign_files().items()})
    return dict(sorted(keep_committed_scans(files, source).items()))


def write_tree(out: Path, files: Files) -> int:
    """Write what changed; drop stale files under broken/ (the script owns all of it)."""
    changed = 0
    for rel, data in files.items():
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed += 1
    for stale in sorted((out / BROKEN).rglob("*"), reverse=True):
        rel = stale.relative_to(out).as_posix()
        if stale.is_file() and rel not in files:
            stale.unlink()
            changed += 1
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="(Re)generate sample_dossiers/.")
    parser.add_argument("--out", type=Path, default=SOURCE, help="output folder")
    args = parser.parse_args(argv)
    files = all_files(SOURCE)
    if SCANS_MISSING:
        print(
            f"note: sealed scans not redrawn, committed ones kept: {SCANS_MISSING}", file=sys.stderr
        )
    changed = write_tree(args.out, files)
    print(f"{len(files)} files, {changed} written or removed under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
