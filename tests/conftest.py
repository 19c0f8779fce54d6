"""Shared fixtures: a copy of the sample campaign that a test may mutate."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from zxcli.pipeline import validate_paths
from zxcli.results import Finding, Options

# zx's result cache (zxcli/load/cache.py) goes to a folder of this test run, never the
# user's ~/.cache, also for the commands tests run in a subprocess (they inherit it).
os.environ["ZX_CACHE_DIR"] = tempfile.mkdtemp(prefix="zx-test-cache-")
# A message parameter that a call site forgets raises instead of showing as {name}
# (zxcli/catalog: _Missing), here and in the commands run in a subprocess.
os.environ["ZX_STRICT_MESSAGES"] = "1"

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_dossiers"
SUZHOU = "江苏省-苏州市"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A private copy of sample_dossiers/2024 (the inputs of the repo are never touched)."""
    target = tmp_path / "2025"
    shutil.copytree(SAMPLES / "2024", target, symlinks=True)
    return target


def make_dossier(tmp_path: Path, name: str = SUZHOU) -> Path:
    """A private copy of the Suzhou sample dossier (attachments included) named `name`,
    not yet frozen: the attachment tests swap its files (the sample itself is frozen)."""
    dest = tmp_path / name
    shutil.copytree(SAMPLES / "2024" / "dossiers" / SUZHOU, dest, symlinks=True)
    unfreeze(dest / "dossier.yaml")
    return dest


def unfreeze(dossier_yaml: Path) -> None:
    """Drop the `sha256:` and `frozen_on:` lines `zx freeze` wrote."""
    rows = dossier_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    dossier_yaml.write_text(
        "".join(row for row in rows if row.strip().split(":")[0] not in ("sha256", "frozen_on")),
        encoding="utf-8",
    )


def pdf_bytes(title: str, pages: int = 1, user_password: str | None = None) -> bytes:
    """A small real PDF; the title makes each one's bytes distinct."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": title})
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="o", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a YAML file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


Check = Callable[..., list[Finding]]


@pytest.fixture
def findings() -> Check:
    def run(path: Path, *prefixes: str) -> list[Finding]:
        report = validate_paths([path], Options(select=frozenset(prefixes)))
        return report.findings

    return run


@pytest.fixture
def extra() -> None:
    """The scan tests' libraries (the optional extra zxcli[scan]); CI installs them."""
    for module in ("numpy", "cv2", "PIL", "pypdfium2", "rapidocr_onnxruntime"):
        pytest.importorskip(module, reason="scan extra not installed: pip install 'zxcli[scan]'")
