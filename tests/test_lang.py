"""--lang and ZX_LANG reach every message, also errors raised before a command runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import edit

from zxcli.cli import lang_of
from zxcli.pipeline import validate_paths
from zxcli.results import Options

# Chinese characters outside article numbers (第6条) and proper names in quotes.
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_lang_is_read_before_click_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZX_LANG", raising=False)
    assert lang_of(["validate", "/x", "--lang", "en"]) == "en"
    assert lang_of(["tally", "--lang=en", "/x"]) == "en"
    assert lang_of(["validate", "--", "--lang", "en"]) == "zh"
    monkeypatch.setenv("ZX_LANG", "en")
    assert lang_of(["validate"]) == "en"


@pytest.mark.parametrize("command", ["validate", "tally", "render-forms", "overview"])
def test_path_errors_speak_english(tmp_path: Path, command: str) -> None:
    extra = ["--out", str(tmp_path / "o")] if command in ("render-forms", "overview") else []
    run = subprocess.run(
        [sys.executable, "-m", "zxcli.cli", command, "/nonexistent", *extra, "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "ZX901" in run.stderr and not CJK.search(run.stderr), run.stderr


def test_a_rule_named_in_a_message_is_named_in_its_language(campaign: Path) -> None:
    edit(campaign / "zx.yaml", "year: 2024", "year: 2024\nrules:\n  ZX001: warning")
    report = validate_paths([campaign], Options(lang="en"))
    found = [f for f in report.findings if f.code == "ZX608"]
    assert found, [f.code for f in report.findings]
    text = found[0].message("en")
    assert "Missing file" in text and not CJK.search(
        text.replace("第6条", "").replace("第5条", "")
    ), text
