"""Every sample dossier survives `zx form export` then `zx form import` into an empty copy:
the same YAML data and the same validate findings, directly and after LibreOffice Calc
opened and saved the workbook (the free stand-in for Excel and WPS)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from inproc import run_main

from zxcli.model.campaign import DOSSIER_KINDS, load_file
from zxcli.pipeline import validate_paths
from zxcli.results import Options

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_dossiers" / "2024"
NAMES = sorted(p.name for p in (SAMPLE / "dossiers").iterdir())


def _zx(*args: object) -> tuple[int, str, str]:
    return run_main(map(str, args), env={"COLUMNS": "120"}, drop=("ZX_LANG",))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    for name in NAMES:
        code, _, err = _zx(
            "form", "export", SAMPLE / "dossiers" / name, "--out", out / f"{name}.xlsx"
        )
        assert code == 0, err
    return out


@pytest.fixture(scope="module")
def through_libreoffice(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from zxcli.render.pdf import soffice as find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-calc); CI has it")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *sorted(str(p) for p in exported.glob("*.xlsx")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.xlsx")) == sorted(f"{n}.xlsx" for n in NAMES)
    return out


def _empty_copy(tmp_path: Path, name: str) -> Path:
    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLE, campaign)
    folder = campaign / "dossiers" / name
    for yaml_name in DOSSIER_KINDS:
        (folder / yaml_name).unlink()
    return folder


def _data(folder: Path) -> dict[str, object]:
    return {kind: load_file(folder / name, kind).data for name, kind in DOSSIER_KINDS.items()}


def _findings(folder: Path) -> Counter[tuple[str, str]]:
    report = validate_paths([folder], Options(), cache=False)
    return Counter((f.code, Path(f.path).name) for f in (*report.findings, *report.hidden))


def _round_trip(workbook: Path, name: str, tmp_path: Path) -> None:
    folder = _empty_copy(tmp_path, name)
    code, out, err = _zx("form", "import", workbook, folder)
    assert code == 0, out + err
    original = SAMPLE / "dossiers" / name
    assert _data(folder) == _data(original)
    assert _findings(folder) == _findings(original)
    # The modeline an editor needs comes first, pointing where zx init points.
    first = (folder / "dossier.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/dossier.schema.json"


@pytest.mark.parametrize("name", NAMES)
def test_export_then_import_gives_the_same_data_and_findings(
    name: str, exported: Path, tmp_path: Path
) -> None:
    _round_trip(exported / f"{name}.xlsx", name, tmp_path)


@pytest.mark.slow  # LibreOffice opens and saves each workbook
@pytest.mark.parametrize("name", NAMES)
def test_the_same_after_libreoffice_saved_the_workbook(
    name: str, through_libreoffice: Path, tmp_path: Path
) -> None:
    _round_trip(through_libreoffice / f"{name}.xlsx", name, tmp_path)
