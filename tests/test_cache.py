"""The validate cache (zxcli/load/cache.py): same answers as without it, never stale.

Each test runs the real CLI (as CI does) with its own ZX_CACHE_DIR and compares the JSON
report with a run under --no-cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SUZHOU, edit

ATTACHMENT = Path("dossiers") / SUZHOU / "attachments" / "申报书.pdf"


def run(campaign: Path, cache: Path, *args: str) -> str:
    env = {**os.environ, "ZX_CACHE_DIR": str(cache), "COLUMNS": "120"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "zxcli.cli", "validate", str(campaign), "--format", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.zxc"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_hit_answers_as_a_fresh_run(campaign: Path, cache: Path) -> None:
    fresh = run(campaign, cache, "--no-cache")
    assert not entries(cache)  # --no-cache neither reads nor writes
    first = run(campaign, cache)
    stored = entries(cache)
    assert stored
    assert run(campaign, cache) == first == fresh
    assert entries(cache) == stored  # nothing new: every dossier and file was a hit


def test_changed_bytes_with_same_size_and_time_are_seen(campaign: Path, cache: Path) -> None:
    before = run(campaign, cache)
    target = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    info = target.stat()
    edit(target, 'code: "320500"', 'code: "320501"')  # same size
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # same modification time
    assert target.stat().st_size == info.st_size
    cached = run(campaign, cache)
    assert cached == run(campaign, cache, "--no-cache")
    assert cached != before


def test_a_changed_attachment(campaign: Path, cache: Path) -> None:
    run(campaign, cache)
    target = campaign / ATTACHMENT
    target.write_bytes(target.read_bytes()[:200])  # no longer a PDF that opens
    cached = run(campaign, cache)
    assert cached == run(campaign, cache, "--no-cache")
    assert "ZX326" in cached


def test_campaign_settings_invalidate(campaign: Path, cache: Path) -> None:
    before = run(campaign, cache)
    edit(campaign / "zx.yaml", "year: 2024", "year: 2023")
    after = run(campaign, cache)
    assert after == run(campaign, cache, "--no-cache")
    assert after != before


def test_an_added_file_and_a_symlink(campaign: Path, cache: Path) -> None:
    run(campaign, cache)
    folder = campaign / "dossiers" / SUZHOU / "attachments"
    (folder / "extra.txt").write_text("new", encoding="utf-8")
    assert run(campaign, cache) == run(campaign, cache, "--no-cache")
    (folder / "link.pdf").symlink_to("申报书.pdf")  # a folder with a link is never cached
    assert run(campaign, cache) == run(campaign, cache, "--no-cache")


def test_a_broken_entry_is_a_miss(campaign: Path, cache: Path) -> None:
    first = run(campaign, cache)
    for entry in entries(cache):
        entry.write_bytes(b"not a pickle")
    assert run(campaign, cache) == first


def test_concurrent_runs_agree(campaign: Path, cache: Path) -> None:
    env = {**os.environ, "ZX_CACHE_DIR": str(cache), "COLUMNS": "120"}
    env.pop("GITHUB_ACTIONS", None)
    cmd = [sys.executable, "-m", "zxcli.cli", "validate", str(campaign), "--format", "json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outputs = {p.communicate()[0] for p in procs}
    assert outputs == {run(campaign, cache, "--no-cache")}
    assert not list(cache.rglob(".tmp-*"))


def test_twenty_edits_of_a_large_zx_yaml_stay_under_the_cap(
    campaign: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit of zx.yaml changes every key (it is in each dossier's context): without
    eviction the folder grew by a whole campaign per edit (38 MB after 20 on a big one)."""
    from inproc import run_main

    cap = 1024 * 1024
    monkeypatch.setenv("ZX_CACHE_DIR", str(cache))
    monkeypatch.setenv("ZX_CACHE_MAX_MB", "1")
    settings = campaign / "zx.yaml"
    original = settings.read_text(encoding="utf-8")
    # ~600 KB of comment that compresses poorly: each run's zx.yaml entry is ~300 KB.
    padding = "".join(f"# {os.urandom(40).hex()}\n" for _ in range(7000))
    for edit_number in range(20):
        settings.write_text(f"{original}{padding}# edit {edit_number}\n", encoding="utf-8")
        code, out, err = run_main(["validate", str(campaign), "--format", "json"])
        assert code in (0, 1), err
        assert sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) <= cap
    # What the last run stored is what was used last: the next run finds all of it.
    stored = {p: p.read_bytes() for p in entries(cache)}
    assert stored
    assert run_main(["validate", str(campaign), "--format", "json"])[1] == out
    assert {p: p.read_bytes() for p in entries(cache)} == stored


def test_a_folder_named_in_gbk_is_cached_like_any_other(campaign: Path, cache: Path) -> None:
    """`unzip` of a zip from Chinese Windows names folders in GBK bytes: their names reach
    the cache's keys and entries as surrogate escapes, one to one (main: exit 70)."""
    dossiers = os.fsencode(campaign / "dossiers")
    os.rename(dossiers + b"/" + SUZHOU.encode(), dossiers + b"/" + SUZHOU.encode("gbk"))
    fresh = run(campaign, cache, "--no-cache")
    assert run(campaign, cache) == fresh
    stored = entries(cache)
    assert run(campaign, cache) == fresh
    assert entries(cache) == stored  # every dossier was a hit
