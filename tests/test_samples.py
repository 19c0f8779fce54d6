"""The bundled samples: the 2024 campaign is clean, each broken dossier reports its one
defect where EXPECTED.yaml says, and tools/make_samples.py reproduces every byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from zxcli.pipeline import validate_paths
from zxcli.results import Options

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_dossiers"
CAMPAIGN = SAMPLES / "2024"
BROKEN = SAMPLES / "broken"
SCRIPT = ROOT / "tools" / "make_samples.py"
MAX_ATTACHMENT_BYTES = 20 * 1024
MAX_SCAN_BYTES = 160 * 1024  # a sealed document is an A4 page scanned at 150 dpi
SCAN_MARK = b"zx sample scan"  # tools/sample_media.py writes it into every scan


def _expected() -> list[tuple[str, dict[str, Any]]]:
    with (BROKEN / "EXPECTED.yaml").open(encoding="utf-8") as handle:
        return sorted(yaml.safe_load(handle).items())


EXPECTED = _expected()


def test_2024_campaign_is_clean() -> None:
    report = validate_paths([CAMPAIGN], Options())
    assert report.findings == []
    assert report.exit_code() == 0
    assert len(report.dossiers) >= 5


def test_expected_lists_every_broken_dossier() -> None:
    folders = sorted(p.name for p in (BROKEN / "dossiers").iterdir() if p.is_dir())
    assert folders == [name for name, _ in EXPECTED]
    assert len(folders) >= 10


@pytest.mark.parametrize(("folder", "want"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_broken_dossier_reports_its_defect(folder: str, want: dict[str, Any]) -> None:
    dossier = BROKEN / "dossiers" / folder
    if want.get("scan"):  # a defect on the scan itself: only `--scan` sees it
        from zxcli.scan.deps import available

        if not available():
            pytest.skip("scan extra not installed: pip install 'zxcli[scan]'")
        assert validate_paths([dossier], Options()).exit_code() == 0
    report = validate_paths([dossier], Options(scan=bool(want.get("scan"))))
    found = [(f.code, Path(f.path).resolve(), f.line) for f in report.findings]
    assert (want["code"], (dossier / want["file"]).resolve(), want["line"]) in found, found
    assert report.exit_code() == 1


def test_broken_campaign_cli_exits_1_without_traceback() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "zxcli.cli", "validate", str(BROKEN), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    result = json.loads(run.stdout)
    flagged = {f["dossier"] for f in result["findings"] if f["severity"] == "error"}
    assert flagged == {name for name, want in EXPECTED if not want.get("scan")}


def test_broken_campaign_text_output_has_no_traceback() -> None:
    from typer.testing import CliRunner

    from zxcli.cli import _build_app

    result = CliRunner().invoke(_build_app(), ["validate", str(BROKEN)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return out


def _differ(out: Path, scans: bool) -> list[str]:
    generated = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert generated
    return [
        rel
        for rel in generated
        if (SCAN_MARK in (out / rel).read_bytes()) == scans
        and (
            not (SAMPLES / rel).is_file()
            or (SAMPLES / rel).read_bytes() != (out / rel).read_bytes()
        )
    ]


@pytest.mark.slow  # regenerates every sample file (about 20 s)
def test_make_samples_reproduces_every_byte(regenerated: Path) -> None:
    """Every file but the sealed scans, which need a CJK font (next test)."""
    assert _differ(regenerated, scans=False) == [], (
        "run `python tools/make_samples.py` and commit the result"
    )
    generated = {
        p.relative_to(regenerated).as_posix() for p in regenerated.rglob("*") if p.is_file()
    }
    committed = {p.relative_to(SAMPLES).as_posix() for p in BROKEN.rglob("*") if p.is_file()}
    assert committed == {rel for rel in generated if rel.startswith("broken/")}


@pytest.mark.slow
def test_make_samples_reproduces_the_scans(regenerated: Path) -> None:
    """The sealed scans are drawn with Pillow and a CJK font: without them the generator
    keeps the committed scans, and there is nothing to compare."""
    sys.path.insert(0, str(ROOT / "tools"))
    import sample_media

    missing = sample_media.scans_available()
    if missing:
        pytest.skip(f"sealed scans not redrawn here, committed ones kept: {missing}")
    assert _differ(regenerated, scans=True) == [], (
        "run `python tools/make_samples.py` and commit the result (a different Pillow or "
        "font version draws different bytes: regenerate with CI's, fonts-noto-cjk)"
    )


def _attachments() -> list[Path]:
    # only the good campaign: the broken one holds empty and faked files on purpose
    return sorted(p for p in SAMPLES.glob("2024/dossiers/*/attachments/*") if p.is_file())


def test_attachments_are_real_files() -> None:
    files = _attachments()
    suffixes = {p.suffix for p in files}
    assert {".pdf", ".png", ".jpg"} <= suffixes
    for path in files:
        data = path.read_bytes()
        limit = MAX_SCAN_BYTES if SCAN_MARK in data else MAX_ATTACHMENT_BYTES
        assert 0 < len(data) < limit, path
        if path.suffix == ".pdf":
            assert len(PdfReader(path, strict=True).pages) >= 1, path
        elif path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"), path
        elif path.suffix in (".jpg", ".jpeg"):
            assert data.startswith(b"\xff\xd8\xff") and data.endswith(b"\xff\xd9"), path
        else:
            pytest.fail(f"unexpected attachment type: {path}")
