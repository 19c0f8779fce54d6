"""Shared pieces of the hostile-input suite: running the real CLI, building cases, asserting.

Every case is generated into a temporary folder by the test that needs it: nothing hostile
is committed to the repository (no FIFOs, no zip bombs, no files in other encodings).

Cases of one family are checked in one run of `zx` where the command allows it: `zx
validate` over a folder of dossiers, one per case, or `zx tally` over a campaign whose every
member's ballot is broken in its own way. Each case still names the exit code and the
catalog code it must give, and the file and line (or sheet!cell) where the code must point.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import unfreeze
from inproc import run_main

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_dossiers"
SAMPLE_CAMPAIGN = SAMPLES / "2024"
SUZHOU = "江苏省-苏州市"
SUZHOU_DIR = SAMPLE_CAMPAIGN / "dossiers" / SUZHOU

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
TIMEOUT = 60  # seconds; a FIFO that blocked a read would hang a run forever without it

# Wide lines so that no `file:line` is wrapped; no colours; messages in Chinese.
_ENV_DROP = ("GITHUB_ACTIONS", "ZX_DEBUG", "ZX_LANG", "FORCE_COLOR")


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def json(self) -> dict[str, Any]:
        return json.loads(self.out)


def zx(*args: str | Path, cwd: Path | None = None, timeout: float = TIMEOUT) -> Run:
    """Run the real `zx` entry point (`zxcli.cli.main`) as a user would; in this process
    (spawning an interpreter per case cost most of the suite's time), or in a fresh one
    with ZX_TEST_SUBPROCESS=1. Either way a case must end within `timeout` seconds."""
    argv = [str(a) for a in args]
    env = {"COLUMNS": "1000", "NO_COLOR": "1", "TERM": "dumb"}
    if os.environ.get("ZX_TEST_SUBPROCESS"):
        full = {k: v for k, v in os.environ.items() if k not in _ENV_DROP} | env
        done = subprocess.run(
            [sys.executable, "-m", "zxcli.cli", *argv],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=full,
            timeout=timeout,
        )
        run = Run(tuple(argv), done.returncode, done.stdout, done.stderr)
    else:
        started = time.perf_counter()
        code, out, err = run_main(argv, cwd=cwd, env=env, drop=_ENV_DROP)
        run = Run(tuple(argv), code, out, err)
        assert time.perf_counter() - started < timeout, f"zx {argv} ran past {timeout} s"
    assert_no_crash(run)
    return run


def assert_no_crash(run: Run) -> None:
    """zx answered with a code, not with a traceback or its last-resort handler."""
    assert "Traceback" not in run.both, run.both[-3000:]
    assert "internal error" not in run.both, run.both[-3000:]
    assert run.code != 70, run.both[-3000:]


# ---------------------------------------------------------------------- copies and edits


def copy_campaign(target: Path) -> Path:
    """The sample campaign, unfrozen: the hostile cases swap attachments, and each must
    show its own finding, not a hash mismatch besides (the sample itself is frozen)."""
    shutil.copytree(SAMPLE_CAMPAIGN, target, symlinks=True)
    for dossier in (target / "dossiers").iterdir():
        unfreeze(dossier / "dossier.yaml")
    return target


def copy_dossier(target: Path) -> Path:
    shutil.copytree(SUZHOU_DIR, target, symlinks=True)
    unfreeze(target / "dossier.yaml")
    return target


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line of `path` holding `needle` (bytes compared as UTF-8)."""
    for number, line in enumerate(path.read_bytes().split(b"\n"), 1):
        if needle.encode("utf-8") in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# ---------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One hostile input and what zx must say about it.

    `make` writes the case into a copy of the Suzhou dossier (or a campaign); `line` is the
    line the finding must point at, or a needle whose first line in `file` it is, or None
    where no line applies (a whole file refused before it was parsed, say).
    """

    id: str
    code: str
    exit: int
    file: str
    line: int | str | None
    make: Callable[[Path], None]
    column: int | None = None

    def expected_line(self, folder: Path) -> int | None:
        if isinstance(self.line, str):
            return line_of(folder / self.file, self.line)
        return self.line


def findings_of(report: dict[str, Any], file: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["file"] == file]


def assert_finding(report: dict[str, Any], case: Case, shown: str, line: int | None) -> None:
    """The JSON report names `case.code` at `shown` (and at `line`, when one applies)."""
    mine = findings_of(report, shown)
    hits = [f for f in mine if f["code"] == case.code]
    got = [(f["code"], f["line"]) for f in mine]
    assert hits, f"{case.id}: no {case.code} at {shown}; found {got}"
    if line is not None:
        assert any(f["line"] == line for f in hits), (
            f"{case.id}: {case.code} not on line {line} of {shown}; found {got}"
        )
    if case.column is not None:
        assert any(f["column"] == case.column for f in hits), (case.id, hits)


def text_mentions(text: str, shown: str, line: int | None, code: str) -> bool:
    """The human output names the code and `file:line` (or the file) on one line."""
    where = re.escape(f"{shown}:{line}") if line is not None else re.escape(shown)
    return re.search(rf"{where}\b.*{code}|{code}.*{where}\b", text) is not None


# ---------------------------------------------------------------------- bytes


def tiny_pdf(pages: int = 1, *, password: str | None = None, empty_user: bool = False) -> bytes:
    """A real PDF from pypdf's writer, encrypted (RC4, no extra dependency) on request."""
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password is not None or empty_user:
        writer.encrypt(
            user_password="" if empty_user else password or "",
            owner_password="owner-secret",
            algorithm="RC4-128",
        )
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], *, compress: bool = True) -> bytes:
    import zipfile
    from io import BytesIO

    buffer = BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(entries: dict[str, bytes], bomb_name: str, unpacked_mb: int) -> bytes:
    """A zip whose `bomb_name` entry inflates to `unpacked_mb` MB of spaces (~1000:1)."""
    import zipfile
    from io import BytesIO

    buffer = BytesIO()
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in entries.items():
            if name != bomb_name:
                archive.writestr(name, data)
        with archive.open(bomb_name, "w", force_zip64=False) as handle:
            handle.write(entries.get(bomb_name, b""))
            for _ in range(unpacked_mb):
                handle.write(chunk)
    return buffer.getvalue()


def sha256_tree(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file under `root` (symlinks recorded by their target)."""
    import hashlib

    hashes: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            hashes[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def temp_files(root: Path) -> list[Path]:
    """Leftovers of the atomic writer (`.name.XXXX.tmp`)."""
    return [p for p in root.rglob(".*.tmp")]
