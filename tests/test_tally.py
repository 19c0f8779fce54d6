"""`zx ballots` and `zx tally` end to end (第3、5、8、9、10条).

Each test builds its own campaign in tmp_path from the sample dossiers (which pass
`zx validate`) with a committee and ballots written here, and runs the real CLI entry
point, so exit codes are the ones a user sees: 0 fine, 1 refused, 2 usage, 3 tie.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from inproc import run_main

from zxcli.load.yamlsafe import load_yaml
from zxcli.model.workdays import OfficialCalendar
from zxcli.tally.publicity import window

SAMPLE = Path(__file__).resolve().parents[1] / "sample_dossiers" / "2024"
YEAR = 2024  # the 年度 assessed (sample_dossiers/2024 holds the 2024年度 round)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def zx() -> Callable[..., Run]:
    def run(*args: object) -> Run:
        # rich wraps at the terminal width: a wide one keeps table cells whole
        return Run(*run_main(map(str, args), env={"COLUMNS": "250"}, drop=("ZX_LANG",)))

    return run


# --------------------------------------------------------------------------- fixtures


def make_campaign(
    root: Path,
    members: int = 15,
    *,
    title: str = "测试遴选",
    max_selected: int = 10,
    approval: str = "majority",
    provinces: dict[str, str] | None = None,
    ties: dict[str, list[str]] | None = None,
    extra: str = "",
) -> list[str]:
    """A campaign with the sample's dossiers and a committee of `members`; its city codes."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SAMPLE / "dossiers", root / "dossiers")
    shutil.copytree(SAMPLE / "registry", root / "registry")
    (root / "zx.yaml").write_text(
        f"year: {YEAR}\ntitle: {title}\nlimits:\n  max_selected: {max_selected}\n"
        f"thresholds:\n  approval: {approval}\n{extra}",
        encoding="utf-8",
    )
    write_committee(root, members, provinces or {}, ties or {})
    (root / "review" / "ballots").mkdir(parents=True, exist_ok=True)
    return city_codes(root)


def city_codes(root: Path) -> list[str]:
    return sorted(
        load_yaml(p).data["city"]["code"] for p in (root / "dossiers").glob("*/dossier.yaml")
    )


def member_ids(n: int) -> list[str]:
    return [f"M{i:02d}" for i in range(1, n + 1)]


def write_committee(
    root: Path, n: int, provinces: dict[str, str], ties: dict[str, list[str]]
) -> None:
    lines = [f"year: {YEAR}", "chair: M01", "members:"]
    for member in member_ids(n):
        lines += [
            f"  - id: {member}",
            f"    name: 委员{member}",
            "    kind: 专家",
            "    affiliation: 某研究院",
        ]
        if member in provinces:
            lines.append(f"    province: {provinces[member]}")
        if member in ties:
            lines.append("    ties:")
            lines += [f'      - {{city_code: "{c}", reason: 承担该市课题}}' for c in ties[member]]
    path = root / "review" / "committee.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_ballot(
    root: Path,
    member: str,
    votes: dict[str, tuple[str, object]],
    *,
    year: int = YEAR,
    name: str | None = None,
) -> Path:
    lines = [f"year: {year}", f"member: {member}", "votes:"]
    for code, (vote, score) in votes.items():
        lines += [f'  - city_code: "{code}"', f"    vote: {vote}"]
        if score is not None:
            lines.append(f"    score: {score}")
    path = root / "review" / "ballots" / f"{name or member}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def decide(root: Path, codes: Iterable[str], *, year: int = YEAR, day: str = "2025-11-20") -> Path:
    """MIIT's decision (第8条): `codes` confirmed as the 拟入选名单."""
    path = root / "review" / "decision.yaml"
    lines = [f"year: {year}", f"date: {day}", "confirmed:", *(f'  - "{c}"' for c in codes)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def vote_all(
    root: Path,
    codes: Iterable[str],
    members: Iterable[str],
    choice: Callable[[str, str], tuple[str, object] | None] = lambda m, c: ("同意", 80),
) -> None:
    """Every member votes on every city as `choice(member, city)` says (None: no vote)."""
    for member in members:
        votes = {c: v for c in codes if (v := choice(member, c)) is not None}
        write_ballot(root, member, votes)


def shortlist(run: Run) -> dict:
    assert run.code in (0, 3), run.err
    return run.json()["shortlist"]


def row(data: dict, code: str) -> dict:
    return next(r for r in data["candidates"] if r["code"] == code)


def fill_sheet(path: Path, target: Path, values: dict[int, tuple[object, object]]) -> None:
    """Fill a generated sheet's data rows {row: (vote, score)} as a member would."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["评审表"]
    for r, (vote, score) in values.items():
        ws.cell(r, 5, vote)
        ws.cell(r, 6, score)
    wb.save(target)


# --------------------------------------------------------------------------- 第8条 committee


def test_committee_of_14_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    codes = make_campaign(tmp_path / "c", members=14)
    vote_all(tmp_path / "c", codes, member_ids(14))
    run = zx("tally", tmp_path / "c")
    assert run.code == 1
    assert "ZX702" in run.err and "ZX703" in run.err and "ZX790" in run.err
    assert "committee.yaml" in run.err


def test_committee_with_duplicate_ids_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    make_campaign(root)
    path = root / "review" / "committee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: M02", "id: M01"), "utf-8")
    run = zx("ballots", root, "--out", tmp_path / "out")
    assert run.code == 1 and "ZX704" in run.err
    assert not (tmp_path / "out").exists()


def test_missing_committee_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    make_campaign(root)
    (root / "review" / "committee.yaml").unlink()
    run = zx("tally", root)
    assert run.code == 1 and "ZX701" in run.err


# --------------------------------------------------------------------------- ballots refused


def test_duplicate_ballot_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    assert zx("ballots", root, "--out", tmp_path / "sheets").code == 0
    fill_sheet(
        tmp_path / "sheets" / "M01.xlsx",
        root / "review" / "ballots" / "M01.xlsx",
        {5: ("同意", 90)},
    )
    run = zx("tally", root)
    assert run.code == 1 and "ZX711" in run.err
    assert "M01.xlsx" in run.err and "M01.yaml" in run.err


def test_ballot_from_a_non_member_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    write_ballot(root, "M99", {codes[0]: ("同意", 90)})
    run = zx("tally", root)
    assert run.code == 1 and "ZX710" in run.err and "M99.yaml:2" in run.err


def test_ballot_in_another_name_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    write_ballot(root, "M14", {codes[0]: ("同意", 90)}, name="M15")
    run = zx("tally", root)
    assert run.code == 1 and "ZX718" in run.err and "ZX711" in run.err


def test_ballot_of_another_year_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    write_ballot(root, "M15", {codes[0]: ("同意", 90)}, year=2023)
    run = zx("tally", root)
    assert run.code == 1 and "ZX716" in run.err and "M15.yaml:1" in run.err


def test_out_of_range_score_is_refused_with_its_line(
    tmp_path: Path, zx: Callable[..., Run]
) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    write_ballot(root, "M15", {codes[0]: ("同意", 90), codes[1]: ("同意", 120)})
    run = zx("tally", root)
    assert run.code == 1 and "ZX714" in run.err
    assert "M15.yaml:9" in run.err and "120" in run.err


def test_vote_on_unknown_and_on_invalid_candidates(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    # Break one nomination: it fails validation and is no candidate any more.
    broken = next((root / "dossiers").glob("陕西省-*/dossier.yaml"))
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("year: 2024", 'year: "x"'), "utf-8"
    )
    valid = [c for c in codes if c != "610800"]
    vote_all(root, valid, member_ids(14))
    write_ballot(root, "M15", {"610800": ("同意", 90), "999900": ("同意", 90)})
    run = zx("tally", root)
    assert run.code == 1
    assert "ZX713" in run.err and "ZX712" in run.err and "999900" in run.err


def test_sheet_for_another_campaign_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    other = tmp_path / "other"
    make_campaign(other, title="另一次遴选")
    assert zx("ballots", other, "--out", tmp_path / "foreign").code == 0
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    fill_sheet(
        tmp_path / "foreign" / "M15.xlsx",
        root / "review" / "ballots" / "M15.xlsx",
        {5: ("同意", 90)},
    )
    run = zx("tally", root)
    assert run.code == 1 and "ZX716" in run.err and "另一次遴选" in run.err


def test_sheet_of_someone_not_on_the_committee_is_refused(
    tmp_path: Path, zx: Callable[..., Run]
) -> None:
    bigger = tmp_path / "bigger"
    make_campaign(bigger, members=17)
    assert zx("ballots", bigger, "--out", tmp_path / "sheets").code == 0
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    fill_sheet(
        tmp_path / "sheets" / "M16.xlsx",
        root / "review" / "ballots" / "M16.xlsx",
        {5: ("同意", 90)},
    )
    run = zx("tally", root)
    assert run.code == 1 and "ZX710" in run.err and "M16" in run.err


def test_formula_without_a_value_and_bad_cells_are_refused(
    tmp_path: Path, zx: Callable[..., Run]
) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    assert zx("ballots", root, "--out", tmp_path / "sheets").code == 0
    # openpyxl saves a formula without its computed value, as a script or a careless
    # copy would: zx cannot know what it shows, so it refuses it.
    fill_sheet(
        tmp_path / "sheets" / "M15.xlsx",
        root / "review" / "ballots" / "M15.xlsx",
        {5: ('=IF(1,"同意","")', 90), 6: ("同意", 150), 7: ("赞成", 80)},
    )
    run = zx("tally", root)
    assert run.code == 1
    assert "M15.xlsx:评审表!E5" in run.err and "ZX715" in run.err
    assert "M15.xlsx:评审表!F6" in run.err and "ZX714" in run.err
    assert "M15.xlsx:评审表!E7" in run.err and "ZX720" in run.err


def with_saved_results(path: Path, results: dict[str, tuple[str, str]]) -> None:
    """Give formulas openpyxl saved without a result the one Excel would have saved.

    `results` maps a cell ("E5") to its result type and text: ("str", "同意"), ("n", "85").
    """
    import re
    import zipfile

    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    xml = entries[sheet].decode("utf-8")
    for cell, (kind, text) in results.items():
        xml, count = re.subn(
            rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
            rf'<c r="{cell}"\1 t="{kind}"><f>\2</f><v>{text}</v>',
            xml,
        )
        assert count == 1, cell
    entries[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)


def test_formulas_with_saved_results_count_and_only_they_are_read_twice(
    tmp_path: Path, zx: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl
    from openpyxl import load_workbook

    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    assert zx("ballots", root, "--out", tmp_path / "sheets").code == 0
    target = root / "review" / "ballots" / "M15.xlsx"
    fill_sheet(tmp_path / "sheets" / "M15.xlsx", target, {5: ("同意", 80)})
    opened: list[bool] = []

    def counting(*args: object, data_only: bool = False, **kwargs: object) -> object:
        opened.append(data_only)
        return load_workbook(*args, data_only=data_only, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    plain = zx("tally", root, "--format", "json")
    assert plain.code == 0, plain.err
    assert opened == [False]  # no formula: the sheet is parsed once
    # Now the same vote, score and city code as formulas whose results Excel saved.
    monkeypatch.setattr(openpyxl, "load_workbook", load_workbook)
    workbook = load_workbook(target)
    sheet = workbook["评审表"]
    code = sheet["B5"].value
    sheet["B5"], sheet["E5"], sheet["F5"] = f'="{code}"', '=IF(1,"同意","")', "=70+10"
    workbook.save(target)
    with_saved_results(target, {"B5": ("str", code), "E5": ("str", "同意"), "F5": ("n", "80")})
    opened.clear()
    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    saved = zx("tally", root, "--format", "json")
    assert saved.code == 0, saved.err
    assert opened == [False, True]  # formulas met: their saved results read once more
    assert saved.json()["shortlist"] == plain.json()["shortlist"]


def test_sheet_with_rows_sorted_is_refused(tmp_path: Path, zx: Callable[..., Run]) -> None:
    from openpyxl import load_workbook

    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    assert zx("ballots", root, "--out", tmp_path / "sheets").code == 0
    wb = load_workbook(tmp_path / "sheets" / "M15.xlsx")
    ws = wb["评审表"]
    ws["B5"], ws["B6"] = ws["B6"].value, ws["B5"].value
    wb.save(root / "review" / "ballots" / "M15.xlsx")
    run = zx("tally", root)
    assert run.code == 1 and "ZX724" in run.err and "评审表!B5" in run.err


# --------------------------------------------------------------------------- 回避 (第3条)


def test_recused_vote_is_excluded_and_listed(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root, provinces={"M01": "江苏省"}, ties={"M02": ["330200"]})
    vote_all(root, codes, member_ids(15))  # M01 and M02 vote where they must not
    run = zx("tally", root, "--format", "json")
    data = shortlist(run)
    suzhou, ningbo = row(data, "320500"), row(data, "330200")
    assert (suzhou["entitled"], suzhou["approve"]) == (14, 14)
    assert (ningbo["entitled"], ningbo["approve"]) == (14, 14)
    excluded = {(v["member"], v["city_code"]) for v in data["excluded_votes"]}
    assert excluded == {("M01", "320500"), ("M02", "330200")}
    assert data["matrix"]["M01"]["320500"] == "回避"
    assert {n["code"] for n in data["notes"]} >= {"ZX730"}
    text = zx("tally", root)
    assert text.code == 0 and "ZX730" in text.out and "同省（江苏省）" in text.out


# --------------------------------------------------------------------------- 第5条 count, cap, tie


def test_cut_off_tie_exits_3_and_is_marked(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root, max_selected=2)
    # First city clearly ahead; the next two identical; the rest fail the threshold.
    best, tied_a, tied_b = codes[0], codes[1], codes[2]
    vote_all(
        root,
        codes,
        member_ids(15),
        lambda m, c: (
            ("同意", 95) if c == best else ("同意", 80) if c in (tied_a, tied_b) else ("不同意", 50)
        ),
    )
    run = zx("tally", root, "--out", tmp_path / "out")
    assert run.code == 3
    assert "ZX741" in run.err
    markdown = (tmp_path / "out" / "初选建议名单.md").read_text(encoding="utf-8")
    assert "并列待定" in markdown
    data = json.loads((tmp_path / "out" / "初选建议名单.json").read_text(encoding="utf-8"))
    assert data["shortlist"] == [best]
    assert data["tie"] == {"rank": 2, "cities": [tied_a, tied_b], "slots": 1}
    final = zx("tally", root, "--final", "--publicity-start", "2025-12-01", "--as-of", "2025-12-20")
    assert final.code == 3 and "ZX741" in final.err


def test_threshold_two_thirds_and_cap(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root, max_selected=1, approval="two_thirds")
    # 9 of 15 approve the first city: a majority, but short of two thirds (10).
    vote_all(
        root,
        codes,
        member_ids(15),
        lambda m, c: (
            ("同意", 90)
            if c == codes[0] and m <= "M09"
            else ("同意", 80)
            if c == codes[1]
            else ("不同意", 40)
        ),
    )
    data = shortlist(zx("tally", root, "--format", "json"))
    assert not row(data, codes[0])["passed"] and row(data, codes[0])["needed"] == 10
    assert data["shortlist"] == [codes[1]]
    assert data["rules"] == {
        "threshold": "two_thirds",
        "cap": 1,
        "trim": False,
        "order": ["approvals", "mean_score"],
    }


def test_limit_above_ten_is_an_error(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    make_campaign(root, max_selected=12)
    run = zx("tally", root)
    # 第5条's ten cannot be loosened in zx.yaml: the tally refuses the setting itself.
    assert run.code == 1 and "ZX611" in run.err and "zx.yaml:4" in run.err


def test_short_of_ballots_is_flagged(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(13))
    run = zx("tally", root, "--format", "json")
    data = shortlist(run)
    assert all(r["short_of_ballots"] for r in data["candidates"])
    assert {"ZX731", "ZX732"} <= {n["code"] for n in data["notes"]}


def test_trimmed_mean(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    scores = dict(zip(member_ids(15), [100, *[80] * 13, 0], strict=True))
    vote_all(root, codes, member_ids(15), lambda m, c: ("同意", scores[m]))
    plain = row(shortlist(zx("tally", root, "--format", "json")), codes[0])
    trimmed = row(shortlist(zx("tally", root, "--format", "json", "--trim")), codes[0])
    assert plain["mean_score"] == round(1140 / 15, 4) and plain["spread"] == 100
    assert trimmed["mean_score"] == 80 and trimmed["mean_trimmed"]


# --------------------------------------------------------------------------- xlsx round trip


def test_generated_sheets_round_trip(tmp_path: Path, zx: Callable[..., Run]) -> None:
    from openpyxl import load_workbook

    root = tmp_path / "c"
    codes = make_campaign(root, provinces={"M03": "江苏省"})
    run = zx("ballots", root, "--out", tmp_path / "sheets", "--sheets", "xlsx,yaml")
    assert run.code == 0 and "M15.xlsx" in run.out and "M15.yaml" in run.out
    sheet = load_workbook(tmp_path / "sheets" / "M03.xlsx")
    assert sheet["zx"].sheet_state == "hidden" and sheet["评审表"].protection.sheet
    suzhou_row = 5 + codes.index("320500")
    assert sheet["评审表"].cell(suzhou_row, 5).protection.locked  # recused: locked
    assert not sheet["评审表"].cell(5 + codes.index("310115"), 5).protection.locked
    assert "回避" in sheet["评审表"].cell(suzhou_row, 8).value
    for i, member in enumerate(member_ids(15)):
        values = {
            5 + k: ("同意" if (i + k) % 4 else "不同意", 60 + i + k)
            for k, code in enumerate(codes)
            if not (member == "M03" and code == "320500")
        }
        fill_sheet(
            tmp_path / "sheets" / f"{member}.xlsx",
            root / "review" / "ballots" / f"{member}.xlsx",
            values,
        )
    data = shortlist(zx("tally", root, "--format", "json"))
    for k, code in enumerate(codes):
        r = row(data, code)
        entitled = 14 if code == "320500" else 15
        expected = sum(1 for i in range(15) if (i + k) % 4 and not (i == 2 and code == "320500"))
        assert (r["entitled"], r["received"], r["approve"]) == (entitled, entitled, expected)
    assert data["committee"]["ballots"] == 15


def test_generated_yaml_ballot_round_trip(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(14))
    assert zx("ballots", root, "--out", tmp_path / "sheets", "--sheets", "yaml").code == 0
    text = (tmp_path / "sheets" / "M15.yaml").read_text(encoding="utf-8")
    # no schemas/ folder in this campaign: no modeline (never a path into the installation)
    assert "yaml-language-server" not in text and 'member: "M15"' in text
    filled = text.replace("    vote:              # 同意", "    vote: 弃权  # 同意")
    (root / "review" / "ballots" / "M15.yaml").write_text(filled, encoding="utf-8")
    data = shortlist(zx("tally", root, "--format", "json"))
    assert all(r["abstain"] == 1 and r["received"] == 15 for r in data["candidates"])


def test_ballots_refuse_to_overwrite(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    make_campaign(root)
    assert zx("ballots", root, "--out", tmp_path / "s").code == 0
    again = zx("ballots", root, "--out", tmp_path / "s")
    assert again.code == 2 and "ZX903" in again.err
    assert zx("ballots", root, "--out", tmp_path / "s", "--force").code == 0
    assert zx("ballots", root, "--out", tmp_path / "s", "--sheets", "pdf").code == 2


def test_outputs_are_deterministic(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    decide(root, codes)
    shutil.copy(SAMPLE / "review" / "notice.yaml", root / "review" / "notice.yaml")
    args = ("--final", "--publicity-start", "2025-12-01", "--as-of", "2025-12-09")
    assert zx("tally", root, "--out", tmp_path / "a", *args).code == 0
    assert zx("tally", root, "--out", tmp_path / "b", *args).code == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    # shortlist xlsx, json, md; 公示; 通知 with its 附件; the 附件 (名单) docx, xlsx, json, md
    assert len(names) == 9
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --------------------------------------------------------------------------- 第9条 公示


def test_publicity_window_across_guoqing_and_chunjie() -> None:
    calendar = OfficialCalendar()
    # 2024 国庆: 9-29 (Sun) is a 调休 working day, 10-1…10-7 off.
    assert window(calendar, date(2024, 9, 27), 5)[0].end == date(2024, 10, 10)
    # 2025 春节: 1-26 (Sun) worked, 1-28…2-4 off.
    assert window(calendar, date(2025, 1, 24), 5)[0].end == date(2025, 2, 7)
    # The real case of the issue: a 公示 from 2022-02-21 ended on 2022-02-28.
    assert window(calendar, date(2022, 2, 21), 5)[0].end == date(2022, 2, 28)
    _, notes = window(calendar, date(2025, 10, 1), 5)
    assert [n.code for n in notes] == ["ZX757"]


CALENDAR_2027 = (
    """\
year: 2027
source: 测试用虚构数据，并非国务院办公厅通知
holidays:
"""
    + "".join(f"  - {{date: 2027-10-0{d}, name: 国庆节}}\n" for d in range(1, 8))
    + """\
workdays:
  - {date: 2027-09-26, name: 国庆节调休}
  - {date: 2027-10-09, name: 国庆节调休}
"""
)


def test_calendar_override_for_an_unknown_year(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    unknown = zx("tally", root, "--publicity-start", "2027-09-29")
    assert unknown.code == 1 and "ZX751" in unknown.err
    import chinese_calendar  # the message names the installed tables (issue 23)

    assert f"chinesecalendar {chinese_calendar.__version__}" in unknown.err
    (root / "calendar-2027.yaml").write_text(CALENDAR_2027, encoding="utf-8")
    with (root / "zx.yaml").open("a", encoding="utf-8") as handle:
        handle.write("calendar_override: calendar-2027.yaml\n")
    data = shortlist(zx("tally", root, "--publicity-start", "2027-09-29", "--format", "json"))
    assert data["publicity"]["end"] == "2027-10-12"  # 9-30, 10-8, 10-9 (调休), 10-11, 10-12
    assert "测试用虚构数据" in data["publicity"]["calendar"]


def test_objections_upheld_remove_and_pending_block(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    publicity = root / "review" / "publicity.yaml"
    body = (
        f"year: {YEAR}\nstart: 2025-12-01\nchannel: 工业和信息化部门户网站\nobjections:\n"
        f"  - id: OBJ-01\n    received_on: 2025-12-03\n    from: 来信\n"
        f'    city_code: "{codes[1]}"\n    summary: 数据不实\n    outcome: {{outcome}}\n'
    )
    publicity.write_text(body.replace("{outcome}", "pending"), encoding="utf-8")
    decide(root, codes)
    early = zx("tally", root, "--final", "--as-of", "2025-12-08")
    assert early.code == 2 and "ZX753" in early.err
    pending = zx("tally", root, "--final", "--as-of", "2025-12-09")
    assert pending.code == 1 and "ZX754" in pending.err
    publicity.write_text(body.replace("{outcome}", "upheld"), encoding="utf-8")
    run = zx("tally", root, "--final", "--as-of", "2025-12-09", "--format", "json")
    assert run.code == 0, run.err
    final = run.json()["final"]
    assert [c["code"] for c in final["cities"]] == [c for c in codes if c != codes[1]]
    assert final["removed"][0]["city_code"] == codes[1]


# --------------------------------------------------------------------------- the sample


def test_sample_campaign_shortlist_then_final_list(tmp_path: Path, zx: Callable[..., Run]) -> None:
    root = tmp_path / "2025"
    shutil.copytree(SAMPLE, root)
    members = load_yaml(root / "review" / "committee.yaml").data["members"]
    if len(members) < 15:
        pytest.skip("the sample committee is still being extended to 15 members")
    run = zx("tally", root, "--out", tmp_path / "short")
    assert run.code == 0, run.err
    data = json.loads((tmp_path / "short" / "初选建议名单.json").read_text(encoding="utf-8"))
    assert data["shortlist"] and len(data["shortlist"]) <= 10
    assert (tmp_path / "short" / "初选建议名单.xlsx").stat().st_size > 0
    end = date.fromisoformat(data["publicity"]["end"])
    early = zx("tally", root, "--final", "--as-of", end.isoformat())
    assert early.code == 2 and "ZX753" in early.err
    after = (end + timedelta(days=1)).isoformat()
    final = zx("tally", root, "--final", "--as-of", after, "--out", tmp_path / "final")
    assert final.code == 0, final.err
    check_notice(tmp_path / "final" / "通知.docx", tmp_path / "final" / "名单.docx", data)
    markdown = (tmp_path / "final" / "名单.md").read_text(encoding="utf-8")
    assert "按行政区划排列，排名不分先后" in markdown and "第10条(4)" in markdown
    listed = [
        line.split(" | ")[0].strip("| ")
        for line in markdown.splitlines()
        if line.startswith("| ") and line[2].isdigit()
    ]
    assert listed == sorted(listed) and set(listed) <= set(data["shortlist"])


def check_notice(path: Path, attachment: Path, shortlist_data: dict) -> None:
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [37, 35, 28, 26]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "按行政区划排列，排名不分先后" in text and "激励期一年" in text
    for phrase in ("示范基地", "加3分", "加1分", "优先支持", "专项资金"):
        assert phrase in text
    title = next(p for p in doc.paragraphs if "名单的通知" in p.text).runs[0]
    assert title.font.size.pt == 22 and title.font.name == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text.startswith("根据")).runs[0]
    assert body.font.size.pt == 16 and body.font.name == "仿宋_GB2312"
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run._element.rPr.rFonts.get(qn("w:eastAsia"))
    alone = docx.Document(str(attachment))
    assert alone.paragraphs[0].text == "附件"
    for table in (doc.tables[0], alone.tables[0]):
        codes = [r.cells[3].text for r in table.rows[1:]]
        assert codes == sorted(shortlist_data["shortlist"])
        for r in table.rows[1:]:
            assert "第10条(1)" in r.cells[4].text and r.cells[5].text == "一年"


def test_a_vote_left_blank_is_not_a_vote(tmp_path: Path, zx: Callable[..., Run]) -> None:
    """`zx ballots` writes `vote:` blank for the member to fill: blank means not voted."""
    root = tmp_path / "c"
    codes = make_campaign(root)
    vote_all(root, codes, member_ids(15))
    write_ballot(root, "M01", {codes[0]: ("", None), **{c: ("同意", 80) for c in codes[1:]}})
    data = shortlist(zx("tally", root, "--format", "json"))
    assert row(data, codes[0])["received"] == row(data, codes[1])["received"] - 1
