"""Hostile caches, through `zx validate`: the cache family of the corpus.

Whoever can write into the cache folder must not be able to tell zx a verdict, nor run
code in it (issue 22, "A cache that cannot lie"). Each case first lets zx fill a cache for
a campaign whose 苏州 dossier fails (a truncated 申报书, ZX326), then plays the attacker:
every entry replaced by a pickle that runs code, by a pickled all-clear answer, or by an
all-clear entry sealed with a guessed secret; or the folder, or its secret, left where
others could change them. zx must give the verdict of a run without a cache, and say once,
with a code, why a folder it cannot trust is not used.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from hostile import EXIT_FINDINGS, SUZHOU, Run, copy_campaign, zx

from zxcli.rules.runner import Checked

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
STRANGER = 12345


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The sample campaign with 苏州's 申报书 cut short: a fail (ZX326) for 苏州."""
    campaign = copy_campaign(tmp_path / "2024")
    scan = campaign / "dossiers" / SUZHOU / "attachments" / "申报书.pdf"
    scan.write_bytes(scan.read_bytes()[:200])
    return campaign


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv("ZX_CACHE_DIR", str(target))
    return target


def validate(campaign: Path, *args: str) -> Run:
    return zx("validate", campaign, "--format", "json", *args)


def verdict(run: Run) -> tuple[int, list[tuple[str, str, int]]]:
    report = run.json()
    return run.code, [(f["code"], f["file"], f["line"]) for f in report["findings"]]


def entries(folder: Path) -> list[Path]:
    """Every file the cache keeps, whatever its format, but its secret."""
    return [p for p in folder.rglob("*") if p.is_file() and p.name != "secret"]


def fail_for_suzhou(run: Run) -> None:
    assert run.code == EXIT_FINDINGS, run.both[-2000:]
    assert any(f["code"] == "ZX326" and f["dossier"] == SUZHOU for f in run.json()["findings"]), (
        run.out[-2000:]
    )


class _RunsCode:
    """A pickle whose loading creates a file: proof that it was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


def _all_clear() -> Checked:
    return Checked(findings=[], nominees=[], keys=[SUZHOU], files=[])


def _forged_entry(path: Path) -> bytes:
    """An all-clear answer in zx's own format, sealed with a secret the attacker guessed
    (the key is the entry's name: the attacker can read the folder)."""
    from zxcli.load import cache as cache_module
    from zxcli.load import plain

    forger = cache_module.Store.__new__(cache_module.Store)
    forger.secret = os.urandom(32)
    payload = plain.dumps(_all_clear())
    return cache_module._MAGIC + forger._mac(path.stem, payload) + payload


@pytest.mark.parametrize("plant", ["code", "pickled pass", "forged pass"])
def test_a_planted_entry_tells_nothing(
    broken: Path, folder: Path, tmp_path: Path, plant: str
) -> None:
    fresh = validate(broken, "--no-cache")
    fail_for_suzhou(fresh)
    validate(broken)  # fills the cache
    planted = entries(folder)
    assert planted
    marker = tmp_path / "ran"
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(_RunsCode(probe))).close()
    assert probe.exists()  # the plant would run code if unpickled
    for entry in planted:
        entry.write_bytes(
            {
                "code": lambda _: pickle.dumps(_RunsCode(marker)),
                "pickled pass": lambda _: pickle.dumps(_all_clear()),
                "forged pass": _forged_entry,
            }[plant](entry)
        )
    again = validate(broken)
    assert not marker.exists(), "zx unpickled a cache entry"
    fail_for_suzhou(again)
    assert verdict(again) == verdict(fresh)


def _refused(run: Run, code: str) -> None:
    assert run.err.count(code) == 1, run.err  # said once
    assert "ZX05" not in run.out  # not a finding: the report is what --no-cache gives


def test_a_folder_others_can_write_is_not_used(broken: Path, folder: Path) -> None:
    folder.mkdir()
    folder.chmod(0o777)
    fresh = validate(broken, "--no-cache")
    run = validate(broken)
    _refused(run, "ZX050")
    assert verdict(run) == verdict(fresh)
    assert not entries(folder)  # nothing written where others could replace it
    # Two campaigns in one run: still said once.
    _refused(zx("validate", broken, broken / "dossiers" / SUZHOU, "--format", "json"), "ZX050")


@pytest.mark.skipif(not IS_ROOT, reason="a folder of another user needs root to make")
def test_a_folder_of_someone_else_is_not_used(broken: Path, folder: Path) -> None:
    fresh = validate(broken, "--no-cache")
    validate(broken)
    for path in (folder, *folder.rglob("*")):
        os.lchown(path, STRANGER, STRANGER)  # as if another user had made it all
    run = validate(broken)
    _refused(run, "ZX051")
    assert verdict(run) == verdict(fresh)


@pytest.mark.skipif(not IS_ROOT, reason="a link of another user needs root to make")
def test_a_link_of_someone_else_on_the_way_is_not_used(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(theirs)
    os.lchown(link, STRANGER, STRANGER)  # they could point it anywhere, any time
    monkeypatch.setenv("ZX_CACHE_DIR", str(link / "zx"))
    run = validate(broken)
    _refused(run, "ZX051")
    fail_for_suzhou(run)


def test_a_secret_others_can_read_is_not_used(broken: Path, folder: Path) -> None:
    validate(broken)
    (folder / "secret").chmod(0o644)  # anyone could seal an entry with it
    run = validate(broken)
    _refused(run, "ZX052")
    fail_for_suzhou(run)
    english = validate(broken, "--lang", "en")
    assert "cache" in english.err and "ZX052" in english.err
