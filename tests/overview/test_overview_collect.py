"""The adapter on the bundled campaigns: figures, findings, tally, 公示, final list."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from zxcli.errors import UsageError
from zxcli.overview.collect import collect
from zxcli.overview.html import render_html
from zxcli.overview.model import OverviewData, TallyStatus

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_dossiers" / "2024"
BROKEN = REPO / "sample_dossiers" / "broken"
AFTER = dt.date(2025, 12, 10)  # the sample's 公示 ran 2025-12-01 to 2025-12-08


@pytest.fixture(scope="module")
def sample() -> OverviewData:
    return collect(SAMPLE, as_of=AFTER)


@pytest.fixture(scope="module")
def broken() -> OverviewData:
    return collect(BROKEN, as_of=AFTER)


def test_nominees_in_code_order_with_official_names(sample: OverviewData) -> None:
    assert [n.code for n in sample.nominees] == sorted(n.code for n in sample.nominees)
    assert [n.city for n in sample.nominees] == [
        "上海市浦东新区",
        "苏州市",
        "宁波市",
        "襄阳市",
        "宜宾市",
        "榆林市",
    ]
    assert sample.title_year == 2024 and sample.lang == "zh"


def test_figures_are_those_of_the_summary_sheet(sample: OverviewData) -> None:
    suzhou = next(n for n in sample.nominees if n.code == "320500")
    assert (suzhou.value_added_yi, suzhou.value_added_provincial_pct) == (D("10850.00"), D("24.50"))
    assert (suzhou.tech_share_pct, suzhou.tech_growth_pct) == (D("58.14"), D("10.62"))
    assert [(p.name, p.share_pct) for p in suzhou.products] == [
        ("笔记本电脑", D("22.86")),
        ("光纤光缆", D("9.60")),
    ]
    assert suzhou.value_added_national_pct is None  # no such figure in today's data
    assert suzhou.level == "地级" and suzhou.province == "江苏省"
    assert sample.tech_share_reference_pct is None  # the policy sets no reference value (issue 11)


def test_attachments_are_the_declared_ones(sample: OverviewData) -> None:
    suzhou = next(n for n in sample.nominees if n.code == "320500")
    assert suzhou.folder == "dossiers/江苏省-苏州市"
    assert [a.path for a in suzhou.attachments][:2] == [
        "attachments/申报书.pdf",
        "attachments/推荐函.pdf",
    ]
    assert all(a.present for a in suzhou.attachments)


def test_tally_rows_and_cut_off(sample: OverviewData) -> None:
    tally = sample.tally
    assert tally is not None
    assert [r.rank for r in tally.rows] == [1, 2, 3, 4, 5, 6]
    first = tally.rows[0]
    assert (first.city, first.approvals, first.entitled) == ("江苏省苏州市", 14, 14)
    assert first.approval_rate_pct == D("100.00") and first.mean_score == D("90.79")
    assert (first.min_score, first.max_score, first.recusals) == (D("86.00"), D("95.00"), 1)
    assert [r.status for r in tally.rows].count(TallyStatus.SELECTED) == 5
    assert tally.rows[-1].status is TallyStatus.FAILED
    assert (tally.committee_size, tally.cap, tally.threshold) == (15, 10, "majority")
    assert not tally.tie_cities


def test_publicity_and_final_list(sample: OverviewData) -> None:
    publicity = sample.publicity
    assert publicity is not None
    assert (publicity.start, publicity.end) == (dt.date(2025, 12, 1), dt.date(2025, 12, 8))
    assert [(o.id, o.outcome, o.city) for o in publicity.objections] == [
        ("OBJ-01", "rejected", "江苏省苏州市")
    ]
    assert publicity.final is not None
    assert [e.code for e in publicity.final] == ["310115", "320500", "330200", "420600", "511500"]


def test_no_final_list_while_the_publicity_runs() -> None:
    running = collect(SAMPLE, as_of=dt.date(2025, 12, 5))
    assert running.publicity is not None and running.publicity.final is None
    assert running.publicity.final_note == "公示尚未结束。"


def test_english(tmp_path: Path) -> None:
    data = collect(SAMPLE, lang="en", as_of=AFTER)
    assert data.nominees[1].city == "苏州市"  # names stay Chinese
    assert '<html lang="en">' in render_html(data)


def test_broken_campaign_counts_errors_and_flags_conditions(broken: OverviewData) -> None:
    import yaml

    expected = yaml.safe_load((BROKEN / "EXPECTED.yaml").read_text(encoding="utf-8"))
    assert len(broken.nominees) == len(expected)
    # The dossiers broken on the scan itself (`scan: true`) need `zx validate --scan`.
    assert all((n.errors >= 1) != bool(expected[n.key].get("scan")) for n in broken.nominees)
    flags = {n.key: n.flagged for n in broken.nominees}
    assert "ZX202" in flags["B22-产品全国占比算错"]
    assert "ZX211" in flags["B23-技改投资比重算错"]
    assert "ZX231" in flags["B24-近三年发生重大环境事故"]
    assert not flags["B02-重复键"]
    found = broken.findings_by_dossier["B23-技改投资比重算错"]
    assert any(f.code == "ZX211" and f.article == "第6条(3)" and f.line > 1 for f in found)
    assert all(not f.file.startswith("/") for f in found)
    assert broken.tally is None and broken.publicity is None  # no committee yet


def test_an_attachment_outside_its_folder_is_not_linked(broken: OverviewData) -> None:
    escaping = next(n for n in broken.nominees if n.key == "B20-附件路径跳出目录")
    outside = next(a for a in escaping.attachments if a.path == "../推荐表.pdf")
    assert not outside.present
    page = render_html(broken, "../broken/")
    assert "..%2F" not in page and '../推荐表.pdf"' not in page
    assert "B20-附件路径跳出目录" in page


def test_a_refused_tally_is_a_note_not_a_crash(tmp_path: Path) -> None:
    campaign = tmp_path / "2025"
    shutil.copytree(SAMPLE, campaign)
    ballot = campaign / "review" / "ballots" / "M02.yaml"
    ballot.write_text(ballot.read_text(encoding="utf-8").replace("M02", "M99", 1), encoding="utf-8")
    data = collect(campaign, as_of=AFTER)
    assert data.tally is None
    # After the campaign's own explanations (ZX620, the sample's plan city), the refusal.
    tally_notes = [n for n in data.notes if not n.startswith("ZX620 ")]
    assert tally_notes and tally_notes[0].startswith("计票未能进行：")
    assert len(data.nominees) == 6


def test_without_a_committee_there_is_no_tally(tmp_path: Path) -> None:
    campaign = tmp_path / "2025"
    shutil.copytree(SAMPLE, campaign)
    shutil.rmtree(campaign / "review")
    data = collect(campaign, as_of=AFTER)
    assert data.tally is None and data.publicity is None
    assert [n for n in data.notes if not n.startswith("ZX620 ")] == []


def test_not_a_campaign(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        collect(tmp_path / "missing")


def test_links_through_symbolic_links_must_stay_inside(tmp_path: Path) -> None:
    from zxcli.overview.collect import _inside

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-")
    dossier = tmp_path / "dossier"
    (dossier / "attachments").mkdir(parents=True)
    (dossier / "attachments" / "ok.pdf").write_bytes(b"%PDF-")
    (dossier / "attachments" / "evil.pdf").symlink_to(outside / "secret.pdf")
    (dossier / "attachments" / "alias.pdf").symlink_to(dossier / "attachments" / "ok.pdf")
    (dossier / "linked").symlink_to(outside)
    cache: dict[str, bool] = {}
    root = str(dossier)
    assert _inside(root, "attachments/ok.pdf", cache)
    assert _inside(root, "attachments/alias.pdf", cache)
    assert not _inside(root, "attachments/evil.pdf", cache)
    assert not _inside(root, "linked/secret.pdf", cache)
    assert not _inside(root, "attachments/missing.pdf", cache)
    assert not _inside(root, "../outside/secret.pdf", cache)
    assert not _inside(root, "attachments", cache)


def test_the_command_writes_html_and_is_ready_to_wire(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from zxcli.commands.overview import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:  # a group, as in zx: `overview` is a subcommand
        pass

    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "overview",
            str(SAMPLE),
            "--out",
            str(out),
            "--no-pdf",
            "--as-of",
            "2025-12-10",
            "-j",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["2024-概览.html"]
    again = CliRunner().invoke(app, ["overview", str(SAMPLE), "--out", str(out), "--no-pdf"])
    assert again.exit_code != 0  # exists, no --force (ZX903)


def test_a_campaign_without_dossiers_still_renders(tmp_path: Path) -> None:
    campaign = tmp_path / "2025"
    shutil.copytree(SAMPLE, campaign)
    shutil.rmtree(campaign / "dossiers")
    data = collect(campaign, as_of=AFTER)
    assert data.nominees == () and data.tally is None
    assert data.notes  # the tally has no candidates (ZX742)
    page = render_html(data)
    assert 'id="chart-scatter"' in page and 'data-figure="n_nominees">0<' in page
