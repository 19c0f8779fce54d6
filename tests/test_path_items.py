"""Issue 13, item by item: each behaviour the official's path relies on, in-process.

Terminal items are checked on rendered output at 80 and 120 columns.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import unfreeze
from inproc import run_main
from rich.console import Console

from zxcli.report import text as text_report
from zxcli.results import Finding, Options, Report

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossiers" / "2024"
LONG = "新疆生产建设兵团-第八师石河子市"


def zx(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: object,
    columns: int = 120,
) -> tuple[int, str, str]:
    return run_main(map(str, args), env={"COLUMNS": str(columns)}, drop=("ZX_LANG",))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    return lambda *a, columns=120: zx(monkeypatch, capsys, *a, columns=columns)


# ---------------------------------------------------------------- 4: init


def test_init_campaign_writes_settings_and_schemas_and_announces_the_year(tmp_path, run):
    code, _, err = run("init", tmp_path / "c", "--campaign")
    assert code == 0
    assert re.search(r"年度：20\d\d年度", err)
    assert (tmp_path / "c" / "zx.yaml").is_file()
    assert (tmp_path / "c" / "schemas" / "campaign.schema.json").is_file()


def test_init_outside_a_campaign_says_the_year_was_a_default(tmp_path, run):
    code, _, err = run("init", tmp_path / "d", "--province", "广东省", "--city", "佛山市")
    assert code == 0 and "未找到 zx.yaml" in err
    first = (tmp_path / "d" / "dossier.yaml").read_text(encoding="utf-8").splitlines()[0]
    target = first.split("=", 1)[1]
    assert "://" not in target and (tmp_path / "d" / target).resolve().is_file()


def test_init_suggests_the_near_miss_name(tmp_path, run):
    code, _, err = run("init", tmp_path / "x", "--province", "广东省", "--city", "佛三市")
    assert code == 2 and "ZX909" in err and "佛山市（440600）" in err


# ---------------------------------------------------------------- 5–8: ready to send


def _fresh(tmp_path: Path, run) -> Path:
    run("init", tmp_path / "c", "--campaign", "--year", "2024")
    run("init", tmp_path / "c/dossiers/广东省-佛山市", "--province", "广东省", "--city", "佛山市")
    return tmp_path / "c"


def test_placeholders_are_errors_even_next_to_format_errors(tmp_path, run):
    code, out, _ = run("validate", _fresh(tmp_path, run), "--format", "json")
    assert code == 1
    assert out.count('"ZX250"') >= 20
    assert '"ZX252"' in out  # the checks the phone format error holds back are named


def test_placeholder_spelled_by_escapes_is_still_found(tmp_path, run):
    """The leftover check skips a file whose text cannot spell the marker; an escape can."""
    escaped = 'city: "\\u8bf7\\u586b\\u5199"'  # \u escapes in double quotes
    joined = 'city: "请填\\\n  写"'  # a line joined by a trailing backslash
    for spelled in (escaped, joined):
        campaign = tmp_path / spelled[-3:].replace("\\", "_")
        shutil.copytree(SAMPLE, campaign)
        app = sorted((campaign / "dossiers").iterdir())[0] / "application.yaml"
        lines = app.read_text(encoding="utf-8").splitlines(keepends=True)
        assert not any("请填写" in line for line in lines)
        at = next(i for i, line in enumerate(lines) if line.startswith("city:"))
        lines[at] = spelled + "\n"
        app.write_text("".join(lines), encoding="utf-8")
        _, out, _ = run("validate", campaign, "--format", "json", "--no-cache")
        assert '"ZX250"' in out, spelled


def test_init_templates_use_the_assessed_year(tmp_path, run):
    _, out, _ = run("validate", _fresh(tmp_path, run), "--format", "json")
    for code in ("ZX114", "ZX232", "ZX251"):
        assert f'"{code}"' not in out


def test_phone_hint_is_an_example_not_a_regex(tmp_path, run):
    _, out, _ = run("validate", _fresh(tmp_path, run))
    line = next(ln for ln in out.splitlines() if "ZX023" in ln)
    assert "0757-12345678" in line and "^[" not in line and "SHA-256" not in line


@pytest.mark.parametrize(
    ("edits", "code", "expected"),
    [
        ([("name: 苏州市", "name: 苏洲市")], "ZX102", "是否指 苏州市（320500）?"),  # code right
        (
            [("name: 苏州市", "name: 苏州"), ('code: "320500"', 'code: "320599"')],
            "ZX101",
            "是否指 苏州市（320500）?",
        ),  # a wrong code and a short name together
        ([("province: 江苏省", "province: 江苏生")], "ZX106", "是否指“江苏省”?"),
    ],
)
def test_validate_suggests_the_near_miss_name(tmp_path, run, edits, code, expected):
    root = tmp_path / "2025"
    shutil.copytree(SAMPLE, root)
    dossier = root / "dossiers/江苏省-苏州市/dossier.yaml"
    text = dossier.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    dossier.write_text(text, encoding="utf-8")
    _, out, _ = run("validate", root / "dossiers/江苏省-苏州市")
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if f" {code} " in ln)
    assert expected in lines[at] + lines[at + 1], lines[at : at + 2]


def test_no_sanctions_warning_on_a_province_dossier(tmp_path, run):
    _, out, _ = run("validate", _fresh(tmp_path, run))
    assert "ZX504" not in out


def test_sanctions_warning_in_the_ministry_campaign(tmp_path, run):
    root = _fresh(tmp_path, run)
    (root / "review").mkdir()
    _, out, _ = run("validate", root)
    assert "ZX504" in out


# ---------------------------------------------------------------- 9–11: the terminal


@pytest.mark.parametrize("columns", [80, 120])
def test_help_wraps_with_plain_metavars(run, columns):
    _, out, _ = run("validate", "--help", columns=columns)
    assert "<list[" not in out and "<bool>" not in out and "…" not in out
    assert "zh|en" in out


def _report() -> Report:
    report = Report()
    report.dossiers.append(LONG)
    report.files.append("c/zx.yaml")
    path = f"c/dossiers/{LONG}/dossier.yaml"
    found = [
        Finding(
            "ZX310",
            path,
            40,
            11,
            {"id": "form", "path": "attachments/推荐表.pdf", "kind": "推荐表"},
            LONG,
        ),
        Finding(
            "ZX023",
            path,
            17,
            5,
            {"field": "contacts[0].phone", "value": "x", "expected": "如 0757-12345678"},
            LONG,
        ),
    ]
    report.add(found, {}, Options())
    return report


@pytest.mark.parametrize("columns", [80, 120])
def test_terminal_report_sorted_names_whole_settings_named(columns):
    buffer = io.StringIO()
    console = Console(file=buffer, width=columns, force_terminal=True, color_system=None)
    text_report.render(_report(), console, "zh")
    out = buffer.getvalue()
    assert out.splitlines()[0] == "年度设置：c/zx.yaml"
    assert out.index(":17:5 ZX023") < out.index(":40:11 ZX310")
    assert LONG in out.split("校验汇总")[1]  # the summary table never cuts the name


@pytest.mark.parametrize("columns", [80, 120])
def test_piped_report_is_one_line_per_finding(columns):
    buffer = io.StringIO()
    console = Console(file=buffer, width=columns, force_terminal=False)
    text_report.render(_report(), console, "zh")
    lines = [ln for ln in buffer.getvalue().splitlines() if " ZX" in ln and ":" in ln]
    assert len(lines) == 2
    assert all(re.match(rf"c/dossiers/{LONG}/dossier.yaml:\d+:\d+ ZX\d{{3}} ", ln) for ln in lines)
    assert all("→" in ln for ln in lines)


def test_hint_is_not_dimmed():
    line = text_report._line(_report().findings[0], _report(), "zh")
    hint_spans = [s for s in line.spans if "dim" in str(s.style)]
    assert not hint_spans


# ---------------------------------------------------------------- 1–2: render, freeze


def _suzhou(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("review"))
    unfreeze(root / "dossiers" / "江苏省-苏州市" / "dossier.yaml")  # freeze has work to do
    return root / "dossiers" / "江苏省-苏州市"


def test_render_does_not_wait_for_its_own_scans(tmp_path, run):
    dossier = _suzhou(tmp_path)
    (dossier / "attachments" / "申报书.pdf").unlink()
    (dossier / "attachments" / "推荐表.pdf").unlink()
    code, _, err = run("render-forms", dossier, "--out", tmp_path / "out")
    assert code == 0, err
    assert "草稿" not in err


def test_render_still_refuses_other_errors(tmp_path, run):
    dossier = _suzhou(tmp_path)
    (dossier / "attachments" / "推荐函.pdf").unlink()
    code, _, err = run("render-forms", dossier, "--out", tmp_path / "out")
    assert code == 1 and "ZX801" in err


def test_freeze_summary_and_rescan_message(tmp_path, run):
    dossier = _suzhou(tmp_path)
    code, _, err = run("freeze", dossier)
    assert code == 0 and "新记录" in err and "未变 0 个" in err
    (dossier / "attachments" / "推荐表.pdf").write_bytes(
        (dossier / "attachments" / "申报书.pdf").read_bytes() + b"\n% sealed\n"
    )
    _, out, _ = run("validate", dossier)
    line = next(ln for ln in out.splitlines() if "ZX330" in ln)
    assert "推荐表.pdf" in line and "修改于" in line
    assert not re.search(r"[0-9a-f]{64}", line)
    code, _, err = run("freeze", dossier)
    assert "更新 1 个（attachments/推荐表.pdf）" in err


# ---------------------------------------------------------------- 13: tally


def test_tally_shows_results_before_refusing_to_overwrite(tmp_path, run):
    root = tmp_path / "c"
    shutil.copytree(SAMPLE, root)
    run("tally", root, "--out", tmp_path / "t")
    code, out, err = run("tally", root, "--out", tmp_path / "t")
    assert code == 2 and "ZX903" in err
    assert "苏州市" in out


def test_piped_errors_and_tally_problems_are_never_hard_wrapped(tmp_path, run):
    root = _fresh(tmp_path, run)
    code, _, err = run("freeze", root / "dossiers/广东省-佛山市", columns=40)
    assert code != 0
    first = err.splitlines()[0]
    assert "ZX351" in first and first.endswith("未写入任何内容"), err
    campaign = tmp_path / "2025"
    shutil.copytree(SAMPLE, campaign)
    (campaign / "review/ballots/M99.xlsx").write_bytes(b"not a workbook")
    code, _, err = run("tally", campaign, columns=40)
    lines = [ln for ln in err.splitlines() if "M99.xlsx" in ln]
    assert code != 0 and lines
    assert all(re.search(r"ZX7\d\d .{20,}", ln) for ln in lines), err
