"""The stages after the vote (issue 11 item 9): 初选建议名单 (第8条 committee) → MIIT's
decision, the 拟入选名单 (第8条) → 公示 (第9条) → 入选 list, 报国务院办公厅批复 (第9条), 第11条.
Each check on both sides of its boundary, on copies of the sample campaign."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import test_tally
from conftest import SAMPLES, edit
from test_tally import Run

from zxcli.catalog import rule, term

zx = test_tally.zx  # the CLI-runner fixture, shared

SHORTLIST = ["310115", "320500", "330200", "420600", "511500"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "2025"
    shutil.copytree(SAMPLES / "2024", target)
    return target


def tally_json(zx: Callable[..., Run], root: Path, *args: object) -> dict:
    run = zx("tally", root, "--format", "json", *args)
    assert run.code == 0, run.err
    return json.loads(run.out)


def codes_of(data: dict) -> list[str]:
    return [n["code"] for n in data["shortlist"]["notes"]]


def test_shortlist_says_chuxuan_never_ruxuan(
    sample: Path, zx: Callable[..., Run], tmp_path: Path
) -> None:
    assert term("tally.status.selected", "zh") == "初选建议"
    run = zx("tally", sample, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    text = (tmp_path / "out" / "初选建议名单.md").read_text(encoding="utf-8")
    assert "| 初选建议 |" in text
    # "入选" alone (not inside 拟入选 / 初选建议) is the final stage's word only.
    assert not re.search(r"(?<!拟)入选(?!市（州）名单)", text.replace("拟入选", ""))
    assert "| 初选建议 | 拟入选 |" in text and "工业和信息化部研究确定" in text


def test_no_decision_warns_and_blocks_the_final_list(sample: Path, zx: Callable[..., Run]) -> None:
    (sample / "review" / "decision.yaml").unlink()
    data = tally_json(zx, sample)
    assert "ZX762" in codes_of(data) and data["shortlist"]["decision"] is None
    run = zx("tally", sample, "--final", "--as-of", "2025-12-09")
    assert run.code == 1 and "ZX763" in run.err
    # The 公示 still running comes first: nothing final before its end either way.
    early = zx("tally", sample, "--final", "--as-of", "2025-12-08")
    assert early.code == 2 and "ZX753" in early.err


def test_decision_recorded_no_warning(sample: Path, zx: Callable[..., Run]) -> None:
    data = tally_json(zx, sample)
    assert "ZX762" not in codes_of(data)
    decision = data["shortlist"]["decision"]
    assert decision["proposed"] == SHORTLIST
    assert decision["site_checks"][0]["city_code"] == "420600"
    rows = {r["code"]: r for r in data["shortlist"]["candidates"]}
    assert rows["320500"]["decision"] == "confirmed" and rows["610800"]["decision"] is None


def test_decision_narrows_the_final_list(sample: Path, zx: Callable[..., Run]) -> None:
    edit(sample / "review" / "decision.yaml", '  - "420600"\n', "")
    data = tally_json(zx, sample, "--final", "--as-of", "2025-12-09")
    rows = {r["code"]: r for r in data["shortlist"]["candidates"]}
    assert rows["420600"]["decision"] == "not_confirmed"
    assert [c["code"] for c in data["final"]["cities"]] == [c for c in SHORTLIST if c != "420600"]


@pytest.mark.parametrize(("code", "refused"), [("610800", True), ("420600", False)])
def test_confirmed_city_must_be_shortlisted(
    sample: Path, zx: Callable[..., Run], code: str, refused: bool
) -> None:
    # 610800 failed the vote; 420600 is on the shortlist (listed twice would be ZX764).
    path = sample / "review" / "decision.yaml"
    edit(path, '  - "420600"\n', f'  - "{code}"\n')
    run = zx("tally", sample)
    assert ("ZX761" in run.err) is refused
    assert (run.code == 1) is refused


def test_confirmed_twice_is_refused(sample: Path, zx: Callable[..., Run]) -> None:
    edit(sample / "review" / "decision.yaml", '  - "420600"\n', '  - "420600"\n  - "420600"\n')
    run = zx("tally", sample)
    assert run.code == 1 and "ZX764" in run.err


@pytest.mark.parametrize(("day", "late"), [("2025-12-01", False), ("2025-12-02", True)])
def test_decision_precedes_the_publicity(
    sample: Path, zx: Callable[..., Run], day: str, late: bool
) -> None:
    edit(sample / "review" / "decision.yaml", "date: 2025-11-20", f"date: {day}")
    data = tally_json(zx, sample)
    assert ("ZX765" in codes_of(data)) is late


def test_decision_of_another_year_is_refused(sample: Path, zx: Callable[..., Run]) -> None:
    edit(sample / "review" / "decision.yaml", "year: 2024", "year: 2023")
    run = zx("tally", sample)
    assert run.code == 1 and "ZX760" in run.err


@pytest.mark.parametrize(
    ("start", "code"), [("2023-12-01", "ZX115"), ("2024-12-31", "ZX116"), ("2025-01-02", None)]
)
def test_publicity_after_the_nendu(
    sample: Path, zx: Callable[..., Run], start: str, code: str | None
) -> None:
    """The 2024年度 round's 公示 falls after 2024-12-31; a start within 2024 itself is the
    old naming (year = the calendar year of the round) and says so (ZX116)."""
    edit(sample / "review" / "decision.yaml", "date: 2025-11-20", "date: 2024-11-20")
    data = tally_json(zx, sample, "--publicity-start", start)
    found = [
        n["code"] for n in data["shortlist"]["notes"] if n["where"].startswith("--publicity-start")
    ]
    assert [c for c in found if c in ("ZX115", "ZX116")] == ([code] if code else [])


def test_final_notice_cites_decision_approval_and_article_11(
    sample: Path, zx: Callable[..., Run], tmp_path: Path
) -> None:
    from docx import Document

    run = zx("tally", sample, "--final", "--as-of", "2025-12-09", "--out", tmp_path / "o")
    assert run.code == 0, run.err
    md = (tmp_path / "o" / "名单.md").read_text(encoding="utf-8")
    docx = "\n".join(p.text for p in Document(str(tmp_path / "o" / "通知.docx")).paragraphs)
    for text in (md, docx):
        assert "工业和信息化部研究确定（第8条）" in text
        assert "报国务院办公厅批复（第9条）" in text
        assert "第11条" in text
    data = json.loads((tmp_path / "o" / "名单.json").read_text(encoding="utf-8"))
    assert data["approval"] == "报国务院办公厅批复（第9条）" and "第11条" in data["local_support"]


def _shift_years(root: Path, by: int) -> None:
    """Move a campaign copy `by` years: dates, 年 in titles, every `year:`; figures stay."""

    def shift(m: re.Match[str]) -> str:
        return str(int(m.group(0)) + by)

    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?<![0-9.])20[0-9]{2}(?=-[0-9]{2}-[0-9]{2})", shift, text)
        text = re.sub(r"(?<![0-9.])20[0-9]{2}(?=年)", shift, text)
        text = re.sub(r"(?<=year: )20[0-9]{2}(?![0-9.])", shift, text)
        path.write_text(text, encoding="utf-8")


def test_the_2021_nendu_round(sample: Path, zx: Callable[..., Run], tmp_path: Path) -> None:
    """The 2021年度 拟入选名单 was in 公示 2022-02-21 to 2022-02-28 (issue 11)."""
    _shift_years(sample, -3)
    edit(sample / "review" / "decision.yaml", "date: 2022-11-20", "date: 2022-02-15")
    edit(sample / "review" / "decision.yaml", "date: 2022-11-12", "date: 2022-02-10")
    assert zx("validate", sample).code == 0
    run = zx(
        "tally",
        sample,
        "--publicity-start",
        "2022-02-21",
        "--final",
        "--as-of",
        "2022-03-01",
        "--out",
        tmp_path / "o",
    )
    assert run.code == 0, run.err
    md = (tmp_path / "o" / "名单.md").read_text(encoding="utf-8")
    assert md.startswith("# 2021年度工业稳增长和转型升级成效明显市（州）名单")
    assert "2022年2月21日至2022年2月28日公示5个工作日" in md
    data = json.loads((tmp_path / "o" / "名单.json").read_text(encoding="utf-8"))
    assert data["year"] == 2021 and data["publicity"]["end"] == "2022-02-28"
    # One day earlier the 公示 is still running: no final list.
    early = zx(
        "tally", sample, "--publicity-start", "2022-02-21", "--final", "--as-of", "2022-02-28"
    )
    assert early.code == 2 and "ZX753" in early.err


def test_principle_flags_reach_ballot_and_shortlist(
    sample: Path, zx: Callable[..., Run], tmp_path: Path
) -> None:
    # A 第6条 原则上 miss (ZX201: no product at 5 % of national output) stays a candidate.
    # (ZX221, a thin section, is zx's own convention and no such flag: issue 23.)
    app = sample / "dossiers" / "江苏省-苏州市" / "application.yaml"
    before = zx("tally", sample, "--format", "json")
    rows = {r["code"]: r for r in json.loads(before.out)["shortlist"]["candidates"]}
    assert rows["320500"]["flags"] == []
    text = app.read_text(encoding="utf-8")
    for old, new in (
        ("national_output: 24500", "national_output: 245000"),
        ("national_share_pct: 22.86", "national_share_pct: 2.29"),
        ("national_output: 32800", "national_output: 328000"),
        ("national_share_pct: 9.6", "national_share_pct: 0.96"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    app.write_text(text, encoding="utf-8")
    data = tally_json(zx, sample)
    rows = {r["code"]: r for r in data["shortlist"]["candidates"]}
    assert rows["320500"]["flags"] and all(rule(c).adjustable for c in rows["320500"]["flags"])
    assert zx("ballots", sample, "--out", tmp_path / "b", "--sheets", "xlsx,yaml").code == 0
    ballot = (tmp_path / "b" / "M01.yaml").read_text(encoding="utf-8")
    assert "提请注意（第6条“原则上”）" in ballot
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "b" / "M01.xlsx")["评审表"]
    notes = [ws.cell(r, 8).value or "" for r in range(5, ws.max_row + 1)]
    assert any("提请注意" in n for n in notes)
    assert zx("tally", sample, "--out", tmp_path / "o").code == 0
    assert "提请注意" in (tmp_path / "o" / "初选建议名单.md").read_text(encoding="utf-8")


def test_a_refusal_says_exactly_what_did_not_happen() -> None:
    from zxcli.catalog import rule
    from zxcli.tally.problems import RefusedError

    for stage, words in (
        ("count", "未计票"),
        ("ballots", "未生成评审表"),
        ("final", "已计票，但未生成入选名单"),
    ):
        error = RefusedError([], stage)
        text = rule("ZX790").render("zh", error.params)
        assert words in text, text
        assert stage == "count" or "未计票" not in text
