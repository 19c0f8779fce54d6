"""review/notice.yaml and the ministry's 公文 (issue 26): nothing invented, nothing from
the clock, every missing field named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import test_tally
from conftest import SAMPLES
from test_tally import Run

zx = test_tally.zx  # the CLI-runner fixture, shared

FINAL = ("--final", "--as-of", "2025-12-09")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "2024"
    shutil.copytree(SAMPLES / "2024", target)
    return target


def notice(sample: Path) -> Path:
    return sample / "review" / "notice.yaml"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_sample_writes_the_publicity_notice_and_list(
    sample: Path, tmp_path: Path, zx: Callable[..., Run]
) -> None:
    run = zx("tally", sample, *FINAL, "--out", tmp_path / "o")
    assert run.code == 0, run.err
    names = {p.name for p in (tmp_path / "o").iterdir()}
    assert {"公示.docx", "通知.docx", "名单.docx", "名单.xlsx"} <= names


def test_final_without_notice_data_is_refused_and_writes_nothing(
    sample: Path, tmp_path: Path, zx: Callable[..., Run]
) -> None:
    notice(sample).unlink()
    run = zx("tally", sample, *FINAL, "--out", tmp_path / "o")
    assert run.code == 1 and "ZX766" in run.err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    # Without --final, no notice file: the committee's list only, no 公示.
    run = zx("tally", sample, "--out", tmp_path / "s")
    assert run.code == 0, run.err
    assert not (tmp_path / "s" / "公示.docx").exists()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  doc_no: 工信部运行〔2025〕300号\n", "", "decision.doc_no"),
        (
            "  date: 2025-12-15              # 公示期满（2025-12-08）之后\n",
            "  date:\n",
            "decision.date",
        ),
        ("    phone: 010-68205000\n", "", "publicity.contact.phone"),
        ("mark: 工业和信息化部文件\n", "", "mark"),
    ],
)
def test_each_missing_field_is_named_with_its_line(
    sample: Path, tmp_path: Path, zx: Callable[..., Run], old: str, new: str, field: str
) -> None:
    replace(notice(sample), old, new)
    run = zx("tally", sample, *FINAL, "--out", tmp_path / "o", "--format", "json")
    assert run.code == 1
    assert "ZX767" in run.out + run.err and field in run.out + run.err
    assert "notice.yaml:" in run.out + run.err or '"line"' in run.out


def test_notice_of_another_year_is_refused(
    sample: Path, tmp_path: Path, zx: Callable[..., Run]
) -> None:
    replace(notice(sample), "year: 2024", "year: 2023")
    run = zx("tally", sample, *FINAL, "--out", tmp_path / "o")
    assert run.code == 1 and "ZX768" in run.err


def test_dates_out_of_order_with_the_publicity_are_warned(
    sample: Path, tmp_path: Path, zx: Callable[..., Run]
) -> None:
    replace(notice(sample), "date: 2025-12-15 ", "date: 2025-12-05 ")
    replace(notice(sample), "printed: 2025-12-16", "printed: 2025-12-01")
    run = zx("tally", sample, *FINAL, "--out", tmp_path / "o", "--format", "json")
    assert run.code == 0, run.err
    assert run.out.count("ZX769") >= 2


def test_no_document_takes_its_date_from_as_of(
    sample: Path, tmp_path: Path, zx: Callable[..., Run]
) -> None:
    from docx import Document

    for as_of, out in (("2025-12-09", "a"), ("2026-03-01", "b")):
        run = zx("tally", sample, "--final", "--as-of", as_of, "--out", tmp_path / out)
        assert run.code == 0, run.err
    for name in ("公示.docx", "通知.docx", "名单.docx", "名单.xlsx", "名单.md", "名单.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    text = "\n".join(p.text for p in Document(str(tmp_path / "a" / "通知.docx")).paragraphs)
    assert "2025年12月15日" in text and "2025年12月9日" not in text
