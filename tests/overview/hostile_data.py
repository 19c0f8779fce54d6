"""OverviewData built by hand: a plain campaign, and one whose every string is hostile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from zxcli.overview.model import (
    AttachmentLink,
    FinalEntry,
    FindingRow,
    NomineeRow,
    ObjectionRow,
    OverviewData,
    Product,
    PublicitySection,
    TallyRow,
    TallySection,
    TallyStatus,
)

# What a submitter might type where zx expects a name. If any of it ran, it would set
# data-pwned on <html>; the browser test looks for that.
PWN = "document.documentElement.setAttribute('data-pwned','1')"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'"><img src=x onerror="{PWN}">'
SVG_BREAK = f'</text></svg><svg onload="{PWN}"><text>'
STYLE = "</style><style>body{display:none}</style>"
QUOTES = "'\"`&amp;"

BAD_PATHS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://evil.example/x.pdf",
    "//evil.example/x.pdf",
    "/etc/passwd",
    "../../../etc/passwd",
    "attachments/../../x.pdf",
    "attachments/./x.pdf",
    "C:\\Windows\\x.pdf",
    "attachments\\x.pdf",
    "attachments//x.pdf",
    "",
)
GOOD_PATH = 'attachments/推荐函 "final"#1?.pdf'


def hostile_nominee(index: int = 1) -> NomineeRow:
    links = [AttachmentLink(SCRIPT, IMG, path) for path in BAD_PATHS]
    links.append(AttachmentLink("推荐函", STYLE, GOOD_PATH))
    return NomineeRow(
        key=f"{SCRIPT}-{index}",
        city=SCRIPT + "市",
        code=f"32050{index}",
        province=IMG,
        level=QUOTES,
        value_added_yi=D("1.5"),
        tech_share_pct=D("40"),
        tech_growth_pct=D("-3"),
        products=(Product(SVG_BREAK, D("12.5")), Product(STYLE, D("1.2"))),
        errors=1,
        warnings=2,
        flagged=(SCRIPT,),
        attachments=tuple(links),
        folder=f"dossiers/{IMG}",  # a folder name holds no slash
    )


def hostile_data(lang: str = "zh") -> OverviewData:
    nominee = hostile_nominee()
    finding = FindingRow(SCRIPT, "error", IMG, f"{STYLE}{SCRIPT}", IMG, 7)
    row = TallyRow(
        nominee.code,
        SCRIPT,
        1,
        8,
        15,
        15,
        D("53.33"),
        D("80"),
        D("60"),
        D("95"),
        1,
        TallyStatus.TIED,
    )
    tally = TallySection(
        (row,), 15, 15, 10, SCRIPT, STYLE, tie_cities=(SCRIPT,), tie_slots=1, excluded=(IMG,)
    )
    publicity = PublicitySection(
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 8),
        5,
        calendar=SCRIPT,
        channel=IMG,
        objections=(
            ObjectionRow(SCRIPT, dt.date(2025, 12, 3), IMG, SCRIPT, STYLE, SCRIPT, SVG_BREAK),
        ),
        final=(FinalEntry(SCRIPT, IMG),),
    )
    return OverviewData(
        title=SCRIPT + STYLE,
        title_year=2025,
        lang=lang,
        nominees=(nominee,),
        findings_by_dossier={nominee.key: (finding,)},
        campaign_findings=(finding,),
        tally=tally,
        publicity=publicity,
        tech_share_reference_pct=D("30"),
        notes=(SCRIPT,),
        generated_note=IMG,
    )


def plain_nominee(
    code: str,
    city: str,
    province: str,
    share: str | None = "40",
    growth: str | None = "10",
    products: tuple[Product, ...] = (),
) -> NomineeRow:
    return NomineeRow(
        key=f"{province}-{city}",
        city=city,
        code=code,
        province=province,
        level="地级",
        value_added_yi=D("1000"),
        value_added_provincial_pct=D("10"),
        tech_share_pct=D(share) if share else None,
        tech_growth_pct=D(growth) if growth else None,
        products=products or (Product("产品", D("6")),),
        folder=f"dossiers/{province}-{city}",
    )
