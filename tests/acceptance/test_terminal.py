"""Issue 27: zx as an official meets it at a terminal (80 columns, piped, either language)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import unfreeze
from inproc import run_main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_dossiers" / "2024"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """The sample, unfrozen: freeze --check has hashes to propose."""
    shutil.copytree(SAMPLE, tmp_path / "2024")
    for dossier in (tmp_path / "2024" / "dossiers").iterdir():
        unfreeze(dossier / "dossier.yaml")
    return tmp_path / "2024"


# --- zx freeze --check ---------------------------------------------------------------------


def test_freeze_check_finds_the_settings_validate_finds(campaign: Path) -> None:
    for cwd, target in ((campaign.parent, "2024"), (campaign / "dossiers", ".")):
        code, out, _ = run_main(["freeze", "--check", target], cwd=cwd, env={"ZX_LANG": "zh"})
        assert code == 1
        assert "未找到 zx.yaml" not in out and "zx.yaml" in out.splitlines()[0], out[:200]


def test_freeze_check_rows_without_errors_do_not_say_failed(campaign: Path) -> None:
    code, out, _ = run_main(
        ["freeze", "--check", "2024"], cwd=campaign.parent, env={"ZX_LANG": "zh"}
    )
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert code == 1 and rows
    assert all("未通过" not in row for row in rows if "│    0 │" in row), rows


def test_freeze_check_writes_its_output_file(campaign: Path) -> None:
    code, out, _ = run_main(
        ["freeze", "--check", "-f", "json", "-o", "check.json", "2024"],
        cwd=campaign.parent,
        env={"ZX_LANG": "en"},
    )
    doc = json.loads((campaign.parent / "check.json").read_text("utf-8"))
    assert code == 1 and out == "" and doc["summary"]["warnings"] > 0


# --- tables at 80 columns wrap, never cut ----------------------------------------------------


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def _uncut(out: str) -> None:
    """Every table line within 80 cells and closed by its border: rich crops a table wider
    than the console at the right edge, and cuts a cell with "…"."""
    assert "…" not in out
    for line in out.splitlines():
        assert _cells(line) <= 80, line
        if line[:1] in "┏┃┡│├└":
            assert line.rstrip()[-1] in "┓┃┩│┤┘", line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tally_table_wraps_at_80_columns(campaign: Path, lang: str) -> None:
    code, out, _ = run_main(
        ["tally", "2024", "--lang", lang], cwd=campaign.parent, env={"COLUMNS": "80"}
    )
    assert code == 0 and "上海市浦东新区" in out
    _uncut(out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_read_at_80_columns(lang: str) -> None:
    from zxcli.catalog import catalog

    code, out, _ = run_main(["rules", "--lang", lang], env={"COLUMNS": "80"})
    assert code == 0
    _uncut(out)
    assert all(f"│ {rule} │" in out for rule in catalog())
    # each hint is there in full, only wrapped: its words in order across the lines
    words = "".join(out.split()).replace("│", "")
    assert "按《用户指南》补齐该文件，或用zxinit生成模板" in words or lang == "en"


# --- zx init without --province ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "lang", "expected"),
    [
        (["--city", "无锡市"], "zh", "ZX923 缺少 --province"),
        (["--province", "江苏省"], "en", "ZX923 --city is missing"),
        ([], "en", "ZX924 nothing says what to create"),
    ],
)
def test_init_names_the_missing_option(
    tmp_path: Path, argv: list[str], lang: str, expected: str
) -> None:
    code, _, err = run_main(["init", "x", *argv, "--lang", lang], cwd=tmp_path)
    assert code == 2 and expected in err and "“”" not in err and '""' not in err


# --- zx ballots ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"), [("zh", "未生成评审表"), ("en", "no ballot sheet was written")]
)
def test_ballots_without_a_committee_say_no_ballot_was_written(
    campaign: Path, lang: str, said: str
) -> None:
    (campaign / "review" / "committee.yaml").unlink()
    code, _, err = run_main(["ballots", "2024", "-o", "out", "--lang", lang], cwd=campaign.parent)
    assert code == 1 and "ZX790" in err and said in err
    assert "未计票" not in err and "nothing was counted" not in err


def test_yaml_ballots_never_point_into_the_installation(campaign: Path) -> None:
    import sys

    code, _, _ = run_main(["ballots", "2024", "-o", "out", "--sheets", "yaml"], cwd=campaign.parent)
    first = (campaign.parent / "out" / "M01.yaml").read_text("utf-8").splitlines()[0]
    assert code == 0 and "$schema" not in first  # no schemas/ folder: no modeline
    (campaign / "schemas").mkdir()
    run_main(["schema", "--out", "2024/schemas"], cwd=campaign.parent)
    code, _, _ = run_main(
        ["ballots", "2024", "-o", "2024/review/sheets", "--sheets", "yaml"], cwd=campaign.parent
    )
    first = (campaign / "review" / "sheets" / "M01.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/ballot.schema.json"
    assert sys.prefix not in first and "site-packages" not in first


# --- Markdown: escaped only where markdown would act ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("13/14（92.86%）", "13/14（92.86%）"),
        ("2025-03-20 第6条(2)", "2025-03-20 第6条(2)"),
        ("1. 列表", "1\\. 列表"),
        ("90.79", "90.79"),
        ("-5 +1 #3", "-5 +1 #3"),
        ("---", "\\---"),
        ("- 列表", "\\- 列表"),
        ("# 标题", "\\# 标题"),
        ("[点我](x) ![图](y)", "\\[点我\\](x) !\\[图\\](y)"),
        ("**粗** a|b <b>", "\\*\\*粗\\*\\* a\\|b \\<b\\>"),
    ],
)
def test_markdown_escapes_only_what_markdown_would_interpret(text: str, shown: str) -> None:
    from zxcli.load.inert import md_text

    assert md_text(text) == shown


def test_shortlist_markdown_keeps_percentages(campaign: Path) -> None:
    code, _, _ = run_main(["tally", "2024", "-o", "lists"], cwd=campaign.parent)
    text = next((campaign.parent / "lists").glob("*.md")).read_text("utf-8")
    assert code == 0 and "92.86%" in text and "\\." not in text


# --- --output on tally and ballots (their -o is the --out folder) ------------------------------


def test_tally_writes_formats_to_output_files(campaign: Path) -> None:
    code, out, _ = run_main(
        [
            "tally",
            "2024",
            "-o",
            "lists",
            "-f",
            "json",
            "--output",
            "t.json",
            "-f",
            "text",
            "--output",
            "t.txt",
            "--lang",
            "en",
        ],
        cwd=campaign.parent,
    )
    assert code == 0 and out == ""
    doc = json.loads((campaign.parent / "t.json").read_text("utf-8"))
    assert doc["format"] == "zx-tally" and doc["shortlist"]
    assert "Shortlist" in (campaign.parent / "t.txt").read_text("utf-8")
    assert (campaign.parent / "lists").is_dir()  # -o is still the lists folder


def test_ballots_refusal_reaches_the_output_file(campaign: Path) -> None:
    (campaign / "review" / "committee.yaml").unlink()
    code, _, _ = run_main(
        ["ballots", "2024", "-o", "sheets", "-f", "codequality", "--output", "gl.json"],
        cwd=campaign.parent,
    )
    issues = json.loads((campaign.parent / "gl.json").read_text("utf-8"))
    assert code == 1 and [i["check_name"] for i in issues] == ["ZX701"]
    assert not (campaign.parent / "sheets").exists()


def test_tally_and_ballots_quiet(campaign: Path) -> None:
    code, out, err = run_main(
        ["tally", "2024", "-q", "-f", "json", "--output", "t.json"], cwd=campaign.parent
    )
    assert (code, out) == (0, "") and (campaign.parent / "t.json").is_file()
    code, out, err = run_main(["ballots", "2024", "-o", "sheets", "-q"], cwd=campaign.parent)
    assert (code, out, err) == (0, "", "") and any((campaign.parent / "sheets").iterdir())
