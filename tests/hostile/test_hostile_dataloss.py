"""No data loss: inputs are never changed, outputs never half-written or silently replaced.

- Every command leaves its inputs byte for byte as they were (SHA-256 of every file under
  the campaign before and after); `zx freeze` is the one command that writes to an input,
  by design, and it writes dossier.yaml files and nothing else.
- Outputs are written atomically: a write interrupted at any step leaves the old file (or
  none) and no temporary file — in the library, and through the CLI.
- An existing output is replaced only with --force; without it nothing at all is written.
- Two runs writing into one folder at once leave complete files.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from hostile import (
    EXIT_OK,
    EXIT_USAGE,
    copy_campaign,
    sha256_tree,
    temp_files,
    zx,
)

from zxcli.errors import OutputError
from zxcli.load import atomic
from zxcli.load.atomic import write_atomic

FINAL = ("--final", "--as-of", "2026-01-31")  # the sample's 公示 ended on 2025-12-08


@cache
def has_command(name: str) -> bool:
    return f" {name} " in zx("--help").out


# ---------------------------------------------------------------------- inputs stay as they are

# id -> (arguments; "{c}" is the campaign, "{o}" a fresh output folder outside it)
READERS: dict[str, list[str]] = {
    "validate": ["validate", "{c}"],
    "validate-json": ["validate", "{c}", "--format", "json"],
    "validate-one-dossier": ["validate", "{c}/dossiers/江苏省-苏州市", "--format", "sarif"],
    "rules": ["rules"],
    "schema": ["schema", "--out", "{o}"],
    "ballots": ["ballots", "{c}", "--out", "{o}", "--sheets", "xlsx,yaml"],
    "tally": ["tally", "{c}"],
    "tally-out": ["tally", "{c}", "--out", "{o}"],
    "tally-final": ["tally", "{c}", "--out", "{o}", *FINAL],
    "tally-json": ["tally", "{c}", "--format", "json", *FINAL],
    "freeze-check": ["freeze", "--check", "{c}"],
    "render-forms": ["render-forms", "{c}", "--out", "{o}"],
    "render-forms-draft": ["render-forms", "{c}", "--out", "{o}", "--draft"],
    "render-summary": ["render-forms", "{c}", "--summary", "--out", "{o}"],
}


@pytest.mark.parametrize("name", list(READERS))
def test_command_leaves_its_inputs_alone(tmp_path: Path, name: str) -> None:
    args = READERS[name]
    if args[0] == "render-forms" and not has_command("render-forms"):
        pytest.skip("zx render-forms does not exist yet")
    campaign = copy_campaign(tmp_path / "2025")
    before = sha256_tree(campaign)
    argv = [a.format(c=campaign, o=tmp_path / "out") for a in args]
    run = zx(*argv, cwd=tmp_path)
    assert run.code in (0, 1), run.both
    assert sha256_tree(campaign) == before  # nothing changed, added or removed


def test_init_writes_only_the_new_folder(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    before = sha256_tree(campaign)
    run = zx(
        "init",
        campaign / "dossiers" / "浙江省-杭州市",
        "--province",
        "浙江省",
        "--city",
        "杭州市",
        cwd=tmp_path,
    )
    assert run.code == EXIT_OK, run.both
    after = sha256_tree(campaign)
    new = {k for k in after if k not in before}
    assert {k: after[k] for k in before} == before
    # New files only: the dossier, and the schemas its modelines point at (issue 13).
    assert new and all(k.startswith(("dossiers/浙江省-杭州市/", "schemas/")) for k in new)


def test_freeze_writes_dossier_yaml_and_nothing_else(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    before = sha256_tree(campaign)
    run = zx("freeze", campaign, cwd=tmp_path)
    assert run.code == EXIT_OK, run.both
    after = sha256_tree(campaign)
    assert set(after) == set(before)
    changed = {k for k in before if before[k] != after[k]}
    assert changed and all(k.endswith("/dossier.yaml") for k in changed)
    assert not temp_files(campaign)


# ---------------------------------------------------------------------- atomic writes


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "名单.json"
    path.write_bytes(b'{"old": true}\n')
    return path


def _fail(exc: BaseException) -> Callable[..., None]:
    def raiser(*_args: object, **_kwargs: object) -> None:
        raise exc

    return raiser


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_failure_at_any_step_keeps_the_old_file(monkeypatch, target: Path, step: str) -> None:
    monkeypatch.setattr(atomic.os, step, _fail(OSError(errno.ENOSPC, "No space left")))
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b'{"new": true}\n' * 1000, force=True)
    assert caught.value.code == "ZX904"
    assert target.read_bytes() == b'{"old": true}\n'
    assert not temp_files(target.parent)


def test_failed_link_writes_nothing(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(atomic.os, "link", _fail(OSError(errno.EIO, "I/O error")))
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "new.xlsx", b"PK" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_interrupt_halfway_through_the_bytes(monkeypatch, target: Path) -> None:
    """Ctrl-C (or a crash) after half the bytes: the old file stays, the half is removed."""
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise KeyboardInterrupt

        def __getattr__(self, name: str):
            return getattr(self.handle, name)

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"x" * 100_000, force=True)
    assert target.read_bytes() == b'{"old": true}\n'
    assert not temp_files(target.parent)


_FAIL_SECOND_REPLACE = """
import errno, os, sys
real = os.replace
calls = []
def replace(src, dst, *a, **k):
    calls.append(dst)
    if len(calls) == 2:
        raise OSError(errno.ENOSPC, "No space left on device")
    return real(src, dst, *a, **k)
os.replace = replace
sys.argv = ["zx", *sys.argv[1:]]
from zxcli.cli import main
main()
"""


def test_cli_interrupted_midway_leaves_old_or_new_never_half(tmp_path: Path) -> None:
    """The disk fills up while `zx tally --out --force` replaces its files: it says so
    (ZX904, exit 2); the file already replaced is whole and new, the others whole and old."""
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / "out"
    first = zx("tally", campaign, "--out", out, *FINAL, cwd=tmp_path)
    assert first.code == EXIT_OK, first.err
    new = {p.name: p.read_bytes() for p in out.iterdir()}
    for path in out.iterdir():
        path.write_bytes(b"OLD " + path.name.encode())
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _FAIL_SECOND_REPLACE,
            "tally",
            str(campaign),
            "--out",
            str(out),
            "--force",
            *FINAL,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "COLUMNS": "1000"},
    )
    assert done.returncode == EXIT_USAGE and "ZX904" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    states = {
        p.name: (
            "new"
            if p.read_bytes() == new[p.name]
            else "old"
            if p.read_bytes() == b"OLD " + p.name.encode()
            else "torn"
        )
        for p in out.iterdir()
    }
    assert sorted(states.values()) == ["new"] + ["old"] * (len(new) - 1), states
    assert not temp_files(out)


# ---------------------------------------------------------------------- --force


def _xlsx_opens(data: bytes) -> None:
    from openpyxl import load_workbook

    load_workbook(BytesIO(data))


# id -> (arguments, a file the run writes); "{c}" campaign, "{o}" output folder
WRITERS: dict[str, tuple[list[str], str]] = {
    "schema": (["schema", "--out", "{o}"], "{o}/dossier.schema.json"),
    "init": (
        ["init", "{o}/浙江省-杭州市", "--province", "浙江省", "--city", "杭州市"],
        "{o}/浙江省-杭州市/dossier.yaml",
    ),
    "ballots": (["ballots", "{c}", "--out", "{o}"], "{o}/M01.xlsx"),
    "tally": (["tally", "{c}", "--out", "{o}"], "{o}/初选建议名单.xlsx"),
    "render-forms": (
        ["render-forms", "{c}/dossiers/江苏省-苏州市", "--out", "{o}"],
        "{o}/2024-江苏省-苏州市-申报书.docx",
    ),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_force_is_needed_to_overwrite(tmp_path: Path, name: str) -> None:
    args, written = WRITERS[name]
    if args[0] == "render-forms" and not has_command("render-forms"):
        pytest.skip("zx render-forms does not exist yet")
    campaign = copy_campaign(tmp_path / "2025")

    def fill(items: list[str]) -> list[str]:
        return [a.format(c=campaign, o=tmp_path / "out") for a in items]

    assert zx(*fill(args), cwd=tmp_path).code == EXIT_OK
    target = Path(fill([written])[0])
    target.write_bytes(b"edited by hand")
    before = sha256_tree(tmp_path / "out")

    again = zx(*fill(args), cwd=tmp_path)
    assert again.code == EXIT_USAGE and "ZX903" in again.err, again.both
    assert sha256_tree(tmp_path / "out") == before  # nothing written, not even the others

    forced = zx(*fill(args), "--force", cwd=tmp_path)
    assert forced.code == EXIT_OK, forced.both
    assert target.read_bytes() != b"edited by hand"
    assert not temp_files(tmp_path / "out")


def test_one_existing_file_blocks_the_whole_set(tmp_path: Path) -> None:
    """`zx schema --out`: one schema already there, none of the others is written."""
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "dossier.schema.json").write_text("mine")
    run = zx("schema", "--out", out, cwd=tmp_path)
    assert run.code == EXIT_USAGE and "ZX903" in run.err
    assert [p.name for p in out.iterdir()] == ["dossier.schema.json"]


# ---------------------------------------------------------------------- two runs at once


def _together(argvs: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "COLUMNS": "1000"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "zxcli.cli", *argv],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
        assert "Traceback" not in err and "internal error" not in err, err
    return done


def _ballots_complete(out: Path, members: int = 15) -> None:
    from openpyxl import load_workbook

    from zxcli.tally.sheets import META, SheetIdentity

    sheets = sorted(out.glob("*.xlsx"))
    assert len(sheets) == members
    for path in sheets:
        meta = load_workbook(path)[META]
        cells = {row[0]: row[1] for row in meta.iter_rows(values_only=True) if row[0]}
        assert SheetIdentity.from_cells(cells).member == path.stem  # whole, and verified
    assert not temp_files(out)


def test_two_ballots_runs_into_one_folder(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / "out"
    for _ in range(2):
        runs = _together([["ballots", str(campaign), "--out", str(out), "--force"]] * 2, tmp_path)
        assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
        _ballots_complete(out)


def test_two_ballots_runs_without_force(tmp_path: Path) -> None:
    """Both see an empty folder; the one that links a file second stops (ZX903)."""
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / "out"
    runs = _together([["ballots", str(campaign), "--out", str(out)]] * 2, tmp_path)
    codes = sorted(r.returncode for r in runs)
    assert codes == [0, 2], [r.stderr for r in runs]
    for run in runs:
        assert run.returncode == 0 or "ZX903" in run.stderr
    _ballots_complete(out)


def test_two_tally_runs_into_one_folder(tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "2025")
    out = tmp_path / "out"
    argv = ["tally", str(campaign), "--out", str(out), "--force", *FINAL]
    runs = _together([argv, argv, argv], tmp_path)
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            "初选建议名单.xlsx",
            "初选建议名单.json",
            "初选建议名单.md",
            "公示.docx",
            "通知.docx",
            "名单.docx",
            "名单.xlsx",
            "名单.json",
            "名单.md",
        ]
    )
    for path in out.iterdir():
        data = path.read_bytes()
        if path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".xlsx":
            _xlsx_opens(data)
        elif path.suffix == ".docx":
            assert zipfile.ZipFile(BytesIO(data)).testzip() is None
        else:
            assert data.decode("utf-8").strip()


@pytest.mark.parametrize(
    "args",
    [
        ["init", "{f}", "--province", "江苏省", "--city", "苏州市"],
        ["init", "{f}/sub", "--province", "江苏省", "--city", "苏州市"],
        ["schema", "--out", "{f}"],
    ],
    ids=["init-into-a-file", "init-under-a-file", "schema-into-a-file"],
)
def test_output_where_a_file_is(tmp_path: Path, args: list[str]) -> None:
    """A folder to write into that is a file: refused (ZX904), and the file is untouched."""
    taken = tmp_path / "taken"
    taken.write_bytes(b"precious")
    run = zx(*[a.format(f=taken) for a in args], "--force", cwd=tmp_path)
    assert run.code == EXIT_USAGE and "ZX904" in run.err, run.both
    assert taken.read_bytes() == b"precious"
