"""`zx freeze`: hashes recorded in place, comments and layout kept, refusals write nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
from pathlib import Path

import pytest
import typer
from conftest import make_dossier, pdf_bytes
from typer.testing import CliRunner

from zxcli.commands.freeze import register
from zxcli.errors import DataError, ZxError
from zxcli.freeze import check_findings, freeze, plan
from zxcli.load.yamlsafe import load_yaml


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(root: Path, old: str, new: str) -> None:
    path = root / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refusal(paths: list[Path]) -> ZxError:
    with pytest.raises(ZxError) as caught:
        freeze(paths)
    return caught.value


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return make_dossier(tmp_path)


# ---------------------------------------------------------------------- writing


def test_records_every_hash_and_the_date_and_keeps_everything_else(dossier: Path) -> None:
    before = (dossier / "dossier.yaml").read_bytes()
    [frozen] = freeze([dossier], today=dt.date(2025, 3, 21))
    after = (dossier / "dossier.yaml").read_bytes()
    data = load_yaml(dossier / "dossier.yaml").data
    assert len(frozen.changes) == len(data["attachments"]) == 8
    for att in data["attachments"]:
        assert att["sha256"] == sha(dossier / att["path"])
        assert att["frozen_on"] == "2025-03-21"
    old_lines = before.decode().splitlines(keepends=True)
    new_lines = after.decode().splitlines(keepends=True)
    added = [
        line
        for line in new_lines
        if line.lstrip().startswith(("sha256:", "frozen_on: 2025-03-21\n"))
    ]
    assert len(added) == 16
    # byte for byte, the old file is the new one minus the inserted lines
    assert [line for line in new_lines if line not in added] == old_lines
    for i, line in enumerate(new_lines):
        if line in added:  # right after its path line (the date after the hash), same indent
            previous = new_lines[i - 1]
            assert previous.lstrip().startswith("sha256:" if "frozen_on" in line else "path:")
            assert len(line) - len(line.lstrip()) == len(previous) - len(previous.lstrip())


def test_is_idempotent(dossier: Path) -> None:
    freeze([dossier])
    once = (dossier / "dossier.yaml").read_bytes()
    stamp = os.stat(dossier / "dossier.yaml").st_mtime_ns
    [again] = freeze([dossier])
    assert again.changes == []
    assert (dossier / "dossier.yaml").read_bytes() == once
    assert os.stat(dossier / "dossier.yaml").st_mtime_ns == stamp  # not even rewritten


def test_replaces_a_changed_hash_and_its_date_in_place(dossier: Path) -> None:
    freeze([dossier], today=dt.date(2025, 3, 20))
    letter = dossier / "attachments/推荐函.pdf"
    old = sha(letter)
    edit(dossier, f"sha256: {old}", f"sha256: {old}   # 盖章前的扫描件")
    letter.write_bytes(pdf_bytes("新的推荐函"))
    [frozen] = freeze([dossier], today=dt.date(2025, 4, 2))
    [change] = frozen.changes
    assert (change.id, change.old, change.new) == ("letter", old, sha(letter))
    text = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    assert f"    sha256: {sha(letter)}   # 盖章前的扫描件\n    frozen_on: 2025-04-02\n" in text
    assert text.count("frozen_on: 2025-03-20") == 7  # the others keep the day they were frozen


def test_a_hash_recorded_before_dates_were_gets_its_date_beside_it(dossier: Path) -> None:
    freeze([dossier], today=dt.date(2025, 3, 20))
    path = dossier / "dossier.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    frozen_on: 2025-03-20\n", ""),
        encoding="utf-8",
    )
    (dossier / "attachments/推荐函.pdf").write_bytes(pdf_bytes("新的推荐函"))
    freeze([dossier], today=dt.date(2025, 4, 2))
    data = load_yaml(path).data
    dates = {att["id"]: att.get("frozen_on") for att in data["attachments"]}
    assert dates["letter"] == "2025-04-02"
    assert sum(1 for d in dates.values() if d is None) == 7


def test_crlf_and_bom_are_kept(dossier: Path) -> None:
    path = dossier / "dossier.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    freeze([dossier])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"    sha256: " + sha(dossier / "attachments/推荐函.pdf").encode() + b"\r\n" in raw


def test_first_key_path_and_no_final_newline(dossier: Path) -> None:
    path = dossier / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("attachments:")
    path.write_text(
        head + "attachments:\n  - path: attachments/推荐函.pdf\n    id: letter\n"
        "    kind: 推荐函\n    title: 推荐函\n    issuer: 江苏省工业和信息化厅\n"
        "    date: 2025-03-20\n    seals: [江苏省工业和信息化厅]\n"
        "  - id: ev\n    kind: 佐证材料\n    title: 证书\n    issuer: 工业和信息化部\n"
        "    date: 2021-12-20\n    path: attachments/佐证-示范基地.png",
        encoding="utf-8",
    )
    freeze([dossier])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("  - path: attachments/推荐函.pdf") + 1].startswith("    sha256: ")
    assert lines[-2] == f"    sha256: {sha(dossier / 'attachments/佐证-示范基地.png')}"
    assert lines[-1].startswith("    frozen_on: 20")


def test_a_campaign_folder_freezes_its_dossiers(tmp_path: Path) -> None:
    campaign = tmp_path / "2025"
    (campaign / "dossiers").mkdir(parents=True)
    (campaign / "zx.yaml").write_text("year: 2025\n", encoding="utf-8")
    make_dossier(campaign / "dossiers")
    [frozen] = freeze([campaign])
    assert frozen.key == "江苏省-苏州市" and len(frozen.changes) == 8


# ---------------------------------------------------------------------- --check


def test_check_reports_and_writes_nothing(dossier: Path) -> None:
    before = (dossier / "dossier.yaml").read_bytes()
    plans = freeze([dossier], check=True)
    assert (dossier / "dossier.yaml").read_bytes() == before
    findings = check_findings(plans)
    assert {f.code for f in findings} == {"ZX358"} and len(findings) == 8
    freeze([dossier])
    (dossier / "attachments/推荐函.pdf").write_bytes(pdf_bytes("换过了"))
    [finding] = check_findings(freeze([dossier], check=True))
    assert finding.code == "ZX359" and finding.params["id"] == "letter"
    lines = (dossier / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].lstrip().startswith("sha256:")


# ---------------------------------------------------------------------- refusals


def test_refuses_a_missing_file(dossier: Path) -> None:
    before = (dossier / "dossier.yaml").read_bytes()
    (dossier / "attachments/负责声明.jpg").unlink()
    err = refusal([dossier])
    assert isinstance(err, DataError) and err.code == "ZX352"
    assert err.params["file"] == "attachments/负责声明.jpg"
    lines = (dossier / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[err.line - 1].strip() == "path: attachments/负责声明.jpg"
    assert (dossier / "dossier.yaml").read_bytes() == before


@pytest.mark.parametrize("declared", ["../x.pdf", "/etc/hostname", "attachments\\\\推荐函.pdf"])
def test_refuses_an_unsafe_path(dossier: Path, declared: str) -> None:
    (dossier.parent / "x.pdf").write_bytes(pdf_bytes("x"))
    edit(dossier, "path: attachments/推荐函.pdf", f'path: "{declared}"')
    assert refusal([dossier]).code == "ZX353"


def test_refuses_a_symlink_out(dossier: Path) -> None:
    (dossier.parent / "x.pdf").write_bytes(pdf_bytes("x"))
    (dossier / "attachments/推荐函.pdf").unlink()
    os.symlink(dossier.parent / "x.pdf", dossier / "attachments/推荐函.pdf")
    assert refusal([dossier]).code == "ZX353"


def test_refuses_a_directory(dossier: Path) -> None:
    edit(dossier, "path: attachments/推荐函.pdf", "path: attachments")
    err = refusal([dossier])
    assert (err.code, err.params["node"]) == ("ZX354", "directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_refuses_a_fifo_without_hanging(dossier: Path) -> None:
    (dossier / "attachments/推荐函.pdf").unlink()
    os.mkfifo(dossier / "attachments/推荐函.pdf")
    if hasattr(signal, "alarm"):
        signal.alarm(10)
    try:
        err = refusal([dossier])
    finally:
        if hasattr(signal, "alarm"):
            signal.alarm(0)
    assert (err.code, err.params["node"]) == ("ZX354", "FIFO")


def test_refuses_schema_errors(dossier: Path) -> None:
    edit(dossier, "original: true", "original: 是")
    before = (dossier / "dossier.yaml").read_bytes()
    err = refusal([dossier])
    assert err.code == "ZX351" and err.params["count"] >= 1
    assert (dossier / "dossier.yaml").read_bytes() == before


def test_refuses_a_file_that_does_not_load(dossier: Path) -> None:
    edit(dossier, "year: 2024", "year: 2024\nyear: 2026")
    err = refusal([dossier])
    assert (err.code, err.params["cause"], err.line) == ("ZX350", "ZX004", 4)


def test_refuses_flow_style_entries(dossier: Path) -> None:
    path = dossier / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("  - id: ev-base")]  # the last entry, rewritten on one line
    path.write_text(
        head + "  - {id: ev-base, kind: 佐证材料, title: 证书, "
        "path: attachments/佐证-示范基地.png, issuer: 工业和信息化部, "
        "date: 2021-12-20}\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    err = refusal([dossier])
    assert (err.code, err.params["id"]) == ("ZX357", "ev-base")
    assert path.read_bytes() == before


def test_one_bad_dossier_means_nothing_is_written(tmp_path: Path) -> None:
    good = make_dossier(tmp_path / "a")
    bad = make_dossier(tmp_path / "b")
    (bad / "attachments/推荐表.pdf").unlink()
    before = (good / "dossier.yaml").read_bytes()
    assert refusal([good, bad]).code == "ZX352"
    assert (good / "dossier.yaml").read_bytes() == before


def test_plan_alone_writes_nothing(dossier: Path) -> None:
    before = (dossier / "dossier.yaml").read_bytes()
    assert plan(dossier).changed
    assert (dossier / "dossier.yaml").read_bytes() == before


# ---------------------------------------------------------------------- the command


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:  # a group, so that `freeze` is a subcommand as in zx
        pass

    return app


def test_command_writes_and_prints_what_it_recorded(dossier: Path) -> None:
    result = CliRunner().invoke(cli(), ["freeze", str(dossier)])
    assert result.exit_code == 0, result.output
    letter = sha(dossier / "attachments/推荐函.pdf")
    assert any(
        line.startswith(letter + "  ") and line.endswith("推荐函.pdf")
        for line in result.output.splitlines()
    )


def test_command_check_exits_1_until_frozen(dossier: Path) -> None:
    before = (dossier / "dossier.yaml").read_bytes()
    result = CliRunner().invoke(cli(), ["freeze", "--check", "--format", "json", str(dossier)])
    assert result.exit_code == 1
    assert "ZX358" in result.output
    assert (dossier / "dossier.yaml").read_bytes() == before
    CliRunner().invoke(cli(), ["freeze", str(dossier)])
    result = CliRunner().invoke(cli(), ["freeze", "--check", str(dossier)])
    assert result.exit_code == 0, result.output


def test_validate_names_the_changed_file_and_the_day_it_was_frozen(dossier: Path) -> None:
    from inproc import run_main

    freeze([dossier], today=dt.date(2025, 3, 21))
    (dossier / "attachments/推荐函.pdf").write_bytes(pdf_bytes("盖章后的推荐函"))
    code, out, _ = run_main(["validate", str(dossier)], drop=("ZX_LANG",))
    assert code == 1
    line = next(ln for ln in out.splitlines() if "ZX330" in ln)
    assert "attachments/推荐函.pdf" in line and "冻结于 2025-03-21" in line
    _, out, _ = run_main(["validate", "--lang", "en", str(dossier)])
    assert "frozen on 2025-03-21" in next(ln for ln in out.splitlines() if "ZX330" in ln)
