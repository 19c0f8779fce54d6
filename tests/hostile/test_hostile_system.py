"""Issue 22, family 4: what the file system and the output streams can do is a coded
error (exit 2) or a clean run, never a traceback or exit 70.

Each case runs the real `zx` in a fresh interpreter (a closed pipe, a full disk, a deleted
working folder or an ASCII console only show in a real process), and names the code it
must give. docs/security.md says what zx promises for each family.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hostile import REPO, SAMPLE_CAMPAIGN, SUZHOU, Run, assert_no_crash

LIMIT = 120  # seconds for one run: several run at once on a loaded machine
GBK_SUZHOU = os.fsdecode(SUZHOU.encode("gbk"))  # what unzip makes of a zip from Windows
SHOWN = r"\xbd\xad\xcb\xd5"  # the first bytes of that name as zx shows them
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")


def run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
) -> Run:
    """`zx args` in a fresh interpreter; stdout may be a file descriptor of the test's."""
    full = {
        k: v for k, v in os.environ.items() if k not in ("ZX_DEBUG", "ZX_LANG", "GITHUB_ACTIONS")
    }
    full |= {
        "PYTHONPATH": str(REPO),
        "COLUMNS": "1000",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "PYTHONIOENCODING": "utf-8",
    } | (env or {})
    done = subprocess.run(
        # -c, not -m: `-m` needs the working folder, which one case deletes.
        [sys.executable, "-c", "from zxcli.cli import main; main()", *map(str, args)],
        cwd=cwd,
        env=full,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=LIMIT,
    )
    out = done.stdout.decode("utf-8", "replace") if done.stdout is not None else ""
    result = Run(
        tuple(map(str, args)), done.returncode, out, done.stderr.decode("utf-8", "replace")
    )
    assert_no_crash(result)
    assert result.code in (0, 1, 2), result.both[-3000:]
    return result


def clean_text(data: bytes, where: str) -> str:
    """Output bytes must be UTF-8 without a surrogate escape or a replacement character."""
    text = data.decode("utf-8")
    assert "\\udc" not in text and "\ufffd" not in text, where
    return text


def assert_clean_outputs(folder: Path) -> None:
    """Every file written (and each part of a .docx or .xlsx) is clean UTF-8."""
    for path in folder.rglob("*"):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    clean_text(archive.read(name), f"{path}!{name}")
        elif path.suffix in (".json", ".html", ".md", ".csv"):
            clean_text(path.read_bytes(), str(path))


# ---------------------------------------------------------------------- names in GBK


@pytest.fixture(scope="module")
def gbk_campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs a POSIX file system with UTF-8 names")
    root = tmp_path_factory.mktemp("gbk") / "2025"
    shutil.copytree(SAMPLE_CAMPAIGN, root, symlinks=True)
    (root / "dossiers" / SUZHOU).rename(root / "dossiers" / GBK_SUZHOU)
    return root


@POSIX_ONLY
@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_validate_shows_a_gbk_folder_name_with_escapes(
    gbk_campaign: Path, cache: bool, tmp_path: Path
) -> None:
    extra = () if cache else ("--no-cache",)
    env = {"ZX_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2 if cache else 1):  # a cold cache, then a warm one
        text = run("validate", gbk_campaign, *extra, env=env)
        assert SHOWN in text.out, text.both
        clean_text(text.out.encode("utf-8"), "stdout")


@POSIX_ONLY
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "codequality", "github"])
def test_every_report_format_carries_the_escaped_name(gbk_campaign: Path, fmt: str) -> None:
    done = run("validate", gbk_campaign, "--no-cache", "-f", fmt)
    text = clean_text(done.out.encode("utf-8"), fmt)
    if fmt == "json":
        files = {f["file"] for f in json.loads(text)["findings"]}
        assert any(SHOWN in f for f in files), files
    else:  # as written, or inside a JSON string (sarif, codequality), or in a URI
        forms = (SHOWN, SHOWN.replace("\\", "\\\\"), SHOWN.replace("\\", "%5C"))
        assert any(form in text for form in forms), text[:2000]


@POSIX_ONLY
def test_tally_overview_and_forms_write_the_escaped_name(
    gbk_campaign: Path, tmp_path: Path
) -> None:
    assert run("tally", gbk_campaign).code in (0, 1)
    tally = run("tally", gbk_campaign, "--out", tmp_path / "tally")
    assert tally.code in (0, 1), tally.both
    overview = run("overview", gbk_campaign, "--out", tmp_path / "overview")
    assert overview.code in (0, 1), overview.both
    forms = run(
        "render-forms",
        gbk_campaign / "dossiers" / GBK_SUZHOU,
        "--draft",
        "--out",
        tmp_path / "forms",
    )
    assert forms.code == 0, forms.both
    for folder in ("tally", "overview", "forms"):
        assert_clean_outputs(tmp_path / folder)
    shortlist = (tmp_path / "tally" / "初选建议名单.json").read_text(encoding="utf-8")
    assert SHOWN.replace("\\", "\\\\") in shortlist  # as a JSON string writes it


@POSIX_ONLY
def test_freeze_names_a_gbk_folder_with_escapes(gbk_campaign: Path, tmp_path: Path) -> None:
    root = tmp_path / "2025"
    shutil.copytree(gbk_campaign, root, symlinks=True)
    check = run("freeze", root, "--check")
    assert check.code in (0, 1) and SHOWN in check.both, check.both
    done = run("freeze", root)
    assert done.code in (0, 1) and SHOWN in done.both, done.both
    assert "\\udc" not in done.both


@POSIX_ONLY
def test_a_gbk_campaign_folder_is_linked_by_its_bytes(tmp_path: Path) -> None:
    if sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs UTF-8 file names")
    root = tmp_path / os.fsdecode("年度".encode("gbk"))
    shutil.copytree(SAMPLE_CAMPAIGN, root, symlinks=True)
    for extra in ((), ("--no-cache",)):
        done = run("validate", root, *extra, env={"ZX_CACHE_DIR": str(tmp_path / "c")})
        assert r"\xc4\xea\xb6\xc8" in done.out, done.both
    done = run("overview", root, "--out", tmp_path / "ov")
    assert done.code in (0, 1), done.both
    html = clean_text(next((tmp_path / "ov").glob("*.html")).read_bytes(), "html")
    assert "%C4%EA%B6%C8/dossiers/" in html


# ---------------------------------------------------------------------- paths too long


def test_a_path_component_too_long_is_zx910(tmp_path: Path) -> None:
    long = "a" * 300
    for args in (
        ("validate", tmp_path / long),
        ("overview", SAMPLE_CAMPAIGN, "--out", tmp_path / long),
        ("tally", SAMPLE_CAMPAIGN, "--out", tmp_path / long),
    ):
        done = run(*args)
        assert done.code == 2 and "ZX910" in done.err and long in done.err, done.both


# ---------------------------------------------------------------------- output streams


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_stdout_on_a_full_disk_is_zx911(fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        done = run("validate", SAMPLE_CAMPAIGN, "--no-cache", "-f", fmt, stdout=full.fileno())
    assert done.code == 2 and "ZX911" in done.err, done.both
    assert "Exception ignored" not in done.err


@POSIX_ONLY
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_closed_pipe_is_zx912(fmt: str) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before zx writes a byte: `zx … | head -0`
    try:
        done = run("validate", SAMPLE_CAMPAIGN, "--no-cache", "-f", fmt, stdout=write)
    finally:
        os.close(write)
    assert done.code == 2 and "ZX912" in done.err, done.both
    assert "Exception ignored" not in done.err


@POSIX_ONLY
def test_a_deleted_working_folder_is_zx914(tmp_path: Path) -> None:
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['zx', *sys.argv[2:]]; from zxcli.cli import main; main()"
    )
    env = os.environ | {"PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    for args in (
        ("validate", str(SAMPLE_CAMPAIGN)),
        ("tally", str(SAMPLE_CAMPAIGN)),
        ("validate", "dossiers", "-f", "json"),
    ):
        gone = Path(tempfile.mkdtemp(dir=tmp_path))
        done = subprocess.run(
            [sys.executable, "-c", script, str(gone), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=LIMIT,
        )
        result = Run(args, done.returncode, done.stdout, done.stderr)
        assert_no_crash(result)
        assert done.returncode == 2 and "ZX914" in done.stderr, result.both
    assert json.loads(result.out)["error"]["code"] == "ZX914"


def test_an_ascii_console_gets_escapes_and_one_notice() -> None:
    utf8 = run("validate", SAMPLE_CAMPAIGN, "--no-cache")
    ascii_run = run("validate", SAMPLE_CAMPAIGN, "--no-cache", env={"PYTHONIOENCODING": "ascii"})
    assert ascii_run.code == utf8.code
    assert ascii_run.out.isascii() and "\\u901a\\u8fc7" in ascii_run.out  # 通过
    assert ascii_run.err.count("ZX913") == 1 and "cannot represent" in ascii_run.err
    machine = run(
        "validate", SAMPLE_CAMPAIGN, "--no-cache", "-f", "json", env={"PYTHONIOENCODING": "ascii"}
    )
    same = run("validate", SAMPLE_CAMPAIGN, "--no-cache", "-f", "json")
    assert json.loads(machine.out) == json.loads(same.out)
    assert "ZX913" not in machine.err  # machine formats are written as UTF-8 anyway


def test_a_gbk_console_without_odd_characters_gets_no_notice() -> None:
    done = run("validate", SAMPLE_CAMPAIGN, "--no-cache", env={"PYTHONIOENCODING": "gbk"})
    assert "ZX913" not in done.err, done.both
