"""Issue 11, the rest: dates after the 年度 (ZX115/ZX116), 第8条 composition, recusal's
citation, official names in printed documents, what a campaign may adjust. Each check on
both sides of its boundary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, SUZHOU, Check, edit

from zxcli.catalog import catalog, rule
from zxcli.model.campaign import load_file
from zxcli.model.gazetteer import Gazetteer
from zxcli.tally.committee import read_committee


def codes(found: list) -> list[str]:
    return [f.code for f in found]


# ------------------------------------------------------------------ ZX115 / ZX116


@pytest.mark.parametrize(("day", "warned"), [("2024-12-31", True), ("2025-01-01", False)])
def test_materials_dated_after_the_nendu(
    campaign: Path, findings: Check, day: str, warned: bool
) -> None:
    edit(campaign / "dossiers" / SUZHOU / "dossier.yaml", "date: 2025-03-20", f"date: {day}")
    found = [f for f in findings(campaign) if f.code == "ZX115"]
    assert bool(found) is warned
    if warned:
        assert found[0].dossier == SUZHOU and "推荐函" in found[0].message("zh")


def test_evidence_may_predate_the_nendu(campaign: Path, findings: Check) -> None:
    # The sample's 佐证材料 are dated 2023 and 2010: no finding.
    assert "ZX115" not in codes(findings(campaign))


def test_old_style_year_gets_one_clear_message(campaign: Path, findings: Check) -> None:
    assert "ZX116" not in codes(findings(campaign))
    edit(campaign / "zx.yaml", "year: 2024", "year: 2025")
    found = [f for f in findings(campaign) if f.code == "ZX116"]
    assert len(found) == 1 and found[0].path.endswith("zx.yaml")
    assert "2024年度" in found[0].message("zh") and "2024" in found[0].message("en")


# ------------------------------------------------------------------ 第8条 composition

COMMITTEE = """year: 2024
{chair}members:
{members}"""


def committee(tmp_path: Path, kinds: list[str], chair: str | None = "M01"):
    lines = []
    for i, kind in enumerate(kinds, start=1):
        lines += [
            f"  - id: M{i:02d}",
            f"    name: 委员{i}",
            f"    kind: {kind}",
            "    affiliation: 某单位",
        ]
    path = tmp_path / "committee.yaml"
    path.write_text(
        COMMITTEE.format(
            chair=f"chair: {chair}\n" if chair else "", members="\n".join(lines) + "\n"
        ),
        encoding="utf-8",
    )
    return read_committee(load_file(path, "committee"), 2024, 15, True)


@pytest.mark.parametrize(
    ("kinds", "missing"),
    [
        (["专家"] * 15, "司局代表"),
        (["司局代表"] * 15, "专家"),
        (["专家"] * 14 + ["司局代表"], None),
    ],
)
def test_committee_has_experts_and_departments(
    tmp_path: Path, kinds: list[str], missing: str | None
) -> None:
    found, problems = committee(tmp_path, kinds)
    assert found is not None
    hits = [p for p in problems if p.code == "ZX707"]
    assert bool(hits) is (missing is not None)
    if hits:
        assert not hits[0].is_error and rule("ZX707").article == "第8条"
        shown = hits[0].message("zh").split("；")[0]
        assert missing in shown and len(hits) == 1


@pytest.mark.parametrize(("chair", "warned"), [("M99", True), ("M01", False), (None, False)])
def test_chair_is_a_zx_convention(tmp_path: Path, chair: str | None, warned: bool) -> None:
    found, problems = committee(tmp_path, ["专家"] * 14 + ["司局代表"], chair)
    assert found is not None and found.chair == chair
    hits = [p for p in problems if p.code == "ZX705"]
    assert bool(hits) is warned
    assert rule("ZX705").article is None and "zx 约定" in rule("ZX705").message["zh"]
    assert all(not p.is_error for p in problems)


# ------------------------------------------------------------------ recusal: 第3条


def test_recusal_cites_article_3_not_14() -> None:
    assert rule("ZX730").article == "第3条"
    # No catalog entry, term, schema or tally doc grounds 回避 in 第14条.
    texts = [
        p.read_text(encoding="utf-8")
        for p in (
            *(REPO / "zxcli" / "catalog" / "codes").glob("*.yaml"),
            REPO / "zxcli" / "catalog" / "terms.yaml",
            REPO / "schemas" / "committee.schema.json",
            REPO / "schemas" / "ballot.schema.json",
            REPO / "zxcli" / "tally" / "sheets.py",
        )
    ]
    for text in texts:
        assert not re.search(r"回避[^\n]{0,30}第14条|第14条[^\n]{0,10}回避", text)
    guide = (REPO / "docs" / "tally.md").read_text(encoding="utf-8")
    assert "### 回避（评审回避规则，第3条）" in guide


# ------------------------------------------------------------------ official names


@pytest.mark.parametrize(
    ("province", "name", "expected"),
    [
        ("江苏", "苏州市", ("江苏省", "苏州市")),
        ("江苏省", "苏州市", ("江苏省", "苏州市")),
        ("江苏省", "苏州", ("江苏省", "苏州市")),
        ("不存在省", "某市", ("不存在省", "某市")),  # unknown: as given (validate reports it)
    ],
)
def test_official_names(province: str, name: str, expected: tuple[str, str]) -> None:
    code = "320500" if name.startswith("苏州") else "999999"
    assert Gazetteer.bundled().official_names(province, name, code) == expected


def test_rendered_identity_is_the_gazetteers() -> None:
    from zxcli.render.view import official_identity

    meta = {"province": "江苏", "city": {"code": "320500", "name": "苏州", "level": "地级"}}
    shown = official_identity(meta)
    assert shown["province"] == "江苏省" and shown["city"]["name"] == "苏州市"
    assert meta["city"]["name"] == "苏州"  # the input is never modified
    assert official_identity({"province": 5}) == {"province": 5}  # malformed: as is


# ------------------------------------------------------------------ adjustable


def test_adjustable_is_only_what_the_policy_leaves_open() -> None:
    adjustable = {code for code, r in catalog().items() if r.overridable}
    for code in adjustable:
        r = catalog()[code]
        article = r.article or ""
        # 第6条 原则上, 第5条 为主, or no article (the yearly notices, zx conventions).
        assert article.startswith("第6条") or code in ("ZX107", "ZX108") or not article, code
    assert rule("ZX601").article is None and "工信厅规函" in rule("ZX601").message["zh"]
    assert "不是《实施办法》的条文" in rule("ZX601").message["zh"]
    assert rule("ZX602").article is None and "zx 约定" in rule("ZX602").message["zh"]
    for fixed in ("ZX501", "ZX502", "ZX301", "ZX401", "ZX702", "ZX703", "ZX741", "ZX753"):
        assert fixed not in adjustable


def test_rules_list_marks_adjustable() -> None:
    from zxcli.report.rules_list import as_markdown

    table = as_markdown("zh")
    row = next(line for line in table.splitlines() if line.startswith("| ZX601 |"))
    assert "可调整" in row
    row = next(line for line in table.splitlines() if line.startswith("| ZX501 |"))
    assert "可调整" not in row
