"""Hostile ballots, committees and review settings, through `zx tally` and `zx ballots`.

The ballots-and-committee family of the corpus. `zx tally` collects every problem of the
review data before it refuses (exit 1, ZX790), so one campaign holds one broken ballot per
member and one run must report each at its file and sheet!cell (xlsx) or line (YAML):
formulas without saved results, macros (vbaProject.bin, .xlsm saved as .xlsx), a renamed
sheet, a zip bomb, not-a-zip, a sheet for another campaign or member, a tampered identity,
sorted rows, a FIFO and /dev/zero where a sheet should be. The committee (第8条: odd, at
least 15, unique ids) and zx.yaml's counting settings get a run each.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from hostile import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    Run,
    copy_campaign,
    replace_text,
    zip_bomb,
    zx,
)

from zxcli.tally.sheets import META, SHEET, SheetIdentity

BALLOTS = "review/ballots"
COMMITTEE = "review/committee.yaml"


def where(run: Run, file: str, place: str | int | None, code: str) -> bool:
    """The refusal names `code` at `file:place` (a line or a sheet!cell) on one line."""
    at = re.escape(file if place is None else f"{file}:{place}")
    return re.search(rf"^(?:zx: )?{at}\b[^\n]*{code}", run.err, re.MULTILINE) is not None


# ---------------------------------------------------------------------- generated sheets


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`zx ballots` for the sample campaign: one .xlsx per member."""
    root = tmp_path_factory.mktemp("sheets")
    campaign = copy_campaign(root / "2025")
    run = zx("ballots", campaign, "--out", root / "out")
    assert run.code == 0, run.err
    return root / "out"


def filled(sheets: Path, member: str, change: Callable | None = None) -> bytes:
    """`member`'s sheet with every row they may vote on filled in, then `change(workbook)`."""
    from openpyxl import load_workbook

    workbook = load_workbook(sheets / f"{member}.xlsx")
    sheet = workbook[SHEET]
    row = 5
    while sheet.cell(row, 2).value:
        if not sheet.cell(row, 8).value:  # not a recused (greyed, locked) row
            sheet.cell(row, 5).value = "同意"
            sheet.cell(row, 6).value = 80
        row += 1
    if change is not None:
        change(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_entries(data: bytes, extra: dict[str, bytes], types: bytes | None = None) -> bytes:
    """The same xlsx with entries added (and [Content_Types].xml's main type replaced)."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if types and info.filename == "[Content_Types].xml":
                body = body.replace(b"spreadsheetml.sheet.main+xml", types)
            target.writestr(info.filename, body)
        for name, body in extra.items():
            target.writestr(name, body)
    return out.getvalue()


def bomb(data: bytes) -> bytes:
    source = zipfile.ZipFile(BytesIO(data))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    return zip_bomb(entries, "xl/worksheets/sheet1.xml", 70)


def billion_laughs(data: bytes) -> bytes:
    """The sheet's XML behind a DTD whose nine nested entities expand to 10**9 "lol"s."""
    entities = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.split(b"?>", 1)[-1].replace(b"<v>", b"<v>&l9;", 1)
                body = b'<?xml version="1.0"?><!DOCTYPE lolz [' + entities + b"]>" + body
            target.writestr(info.filename, body)
    return out.getvalue()


def other_campaign(workbook) -> None:
    """A consistent identity, for the 2023 campaign: the hash matches, the campaign not."""
    meta = workbook[META]
    cells = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 7)}
    identity = SheetIdentity.from_cells(cells)
    moved = SheetIdentity(
        2023, "2023年度工业稳增长和转型升级成效明显市（州）遴选", identity.member, identity.rows
    )
    for row, (_, value) in enumerate(moved.cells(), start=1):
        meta.cell(row, 2).value = value


def tampered(workbook) -> None:
    workbook[META]["B4"] = "M01"  # another member, without the hash to match


def sorted_rows(workbook) -> None:
    workbook[SHEET]["B5"] = "999999"


def formula(workbook) -> None:
    workbook[SHEET]["E5"] = '=IF(1,"同意","不同意")'  # openpyxl saves no result


def renamed(workbook) -> None:
    workbook[SHEET].title = "Sheet1"


VBA = {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}
XLSM_TYPE = b"ms-excel.sheet.macroEnabled.main+xml"

# member (or case) -> (file, how to make its bytes or None for a special file, code, place)
XLSX_CASES: dict[str, tuple[str, Callable[[Path], bytes] | None, str, str | None]] = {
    "M01": ("M01.xlsx", lambda s: filled(s, "M01", formula), "ZX715", f"{SHEET}!E5"),
    "M02": ("M02.xlsx", lambda s: with_entries(filled(s, "M02"), VBA), "ZX726", None),
    "M03": ("M03.xlsx", lambda s: with_entries(filled(s, "M03"), VBA, XLSM_TYPE), "ZX726", None),
    "M04": ("M04.xlsm", lambda s: filled(s, "M04"), "ZX722", None),
    "M05": ("M05.xlsx", lambda s: filled(s, "M05", renamed), "ZX717", None),
    "M06": ("M06.xlsx", lambda s: bomb(filled(s, "M06")), "ZX721", None),
    "M07": ("M07.xlsx", lambda s: b"this is not a spreadsheet", "ZX721", None),
    "M08": ("M08.xlsx", lambda s: b"", "ZX721", None),
    "M09": ("M09.xlsx", lambda s: filled(s, "M09", other_campaign), "ZX716", f"{META}!B3"),
    # M11's sheet, filled in and saved under M10's name.
    "M10": ("M10.xlsx", lambda s: filled(s, "M11"), "ZX718", f"{META}!B4"),
    "M12": ("M12.xlsx", lambda s: filled(s, "M12", tampered), "ZX723", f"{META}!A1"),
    "M13": ("M13.xlsx", lambda s: filled(s, "M13", sorted_rows), "ZX724", f"{SHEET}!B5"),
    "M14": ("M14.xlsx", None, "ZX721", None),  # a FIFO
    "M15": ("M15.xlsx", None, "ZX721", None),  # a link to /dev/zero
    # Not anyone's sheet: expat refuses the entity expansion before openpyxl builds a cell.
    "lol": ("billion-laughs.xlsx", lambda s: billion_laughs(filled(s, "M01")), "ZX721", None),
}


@pytest.fixture(scope="module")
def xlsx_run(tmp_path_factory: pytest.TempPathFactory, sheets: Path) -> tuple[Path, Run]:
    root = copy_campaign(tmp_path_factory.mktemp("xlsx") / "2025")
    for member, (name, make, _, _) in XLSX_CASES.items():
        (root / BALLOTS / f"{member}.yaml").unlink(missing_ok=True)
        target = root / BALLOTS / name
        if make is not None:
            target.write_bytes(make(sheets))
        elif member == "M14":
            os.mkfifo(target)
        else:
            target.symlink_to("/dev/zero")
    return root, zx("tally", ".", cwd=root, timeout=60)


@pytest.mark.parametrize("member", list(XLSX_CASES))
def test_xlsx_ballot(xlsx_run: tuple[Path, Run], member: str) -> None:
    _, run = xlsx_run
    name, _, code, place = XLSX_CASES[member]
    assert run.code == EXIT_FINDINGS and "ZX790" in run.err
    assert where(run, f"{BALLOTS}/{name}", place, code), run.err


def test_macro_and_bomb_reasons_are_said(xlsx_run: tuple[Path, Run]) -> None:
    _, run = xlsx_run
    assert "xl/vbaProject.bin" in run.err  # which part holds the macros
    assert re.search(r"M06\.xlsx.*unpacks to \d+ MB > 64 MB", run.err)
    assert re.search(r"M14\.xlsx.*FIFO", run.err) and re.search(r"M15\.xlsx.*device", run.err)
    assert re.search(r"billion-laughs\.xlsx.*ParseError", run.err)  # expat's own limit


# ---------------------------------------------------------------------- YAML ballots


def edit(member: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: replace_text(root / BALLOTS / f"{member}.yaml", old, new)


def put(member: str, data: bytes | str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (root / BALLOTS / f"{member}.yaml").write_bytes(raw)

    return make


def fifo(member: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        target = root / BALLOTS / f"{member}.yaml"
        target.unlink()
        os.mkfifo(target)

    return make


def reencoded(member: str, encoding: str, bom: bytes) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        target = root / BALLOTS / f"{member}.yaml"
        target.write_bytes(bom + target.read_text(encoding="utf-8").encode(encoding))

    return make


# member -> (make, code, line)
YAML_CASES: dict[str, tuple[Callable[[Path], None], str, int | None]] = {
    "M01": (edit("M01", "score: 88", "score: .nan"), "ZX029", 8),
    "M02": (edit("M02", "vote: 同意", "vote: yes"), "ZX720", 7),
    "M03": (edit("M03", "year: 2024", "year: 2023"), "ZX716", 3),
    "M04": (edit("M04", "member: M04", "member: M99"), "ZX710", 4),
    "M05": (fifo("M05"), "ZX010", 1),
    "M06": (reencoded("M06", "utf-16-le", b"\xff\xfe"), "ZX002", 1),
    "M07": (put("M07", "year: &y 2025\nmember: M07\nvotes: []\nx: *y\n"), "ZX005", 4),
    "M08": (edit("M08", "score: 89", "score: 100089"), "ZX714", 8),
    "M09": (put("M09", "year: 2025\nmember: !!python/object/apply:os.getcwd []\n"), "ZX007", 2),
    "M10": (put("M10", ""), "ZX008", 1),
    "M11": (
        edit("M11", "votes:\n", 'votes:\n  - city_code: "320500"\n    vote: 弃权\n'),
        "ZX719",
        None,
    ),
    "M12": (edit("M12", 'city_code: "320500"', 'city_code: "999999"'), "ZX712", 7),
}


@pytest.fixture(scope="module")
def yaml_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    root = copy_campaign(tmp_path_factory.mktemp("yaml-ballots") / "2025")
    for make, _, _ in YAML_CASES.values():
        make(root)
    return root, zx("tally", ".", cwd=root, timeout=60)


@pytest.mark.parametrize("member", list(YAML_CASES))
def test_yaml_ballot(yaml_run: tuple[Path, Run], member: str) -> None:
    _, run = yaml_run
    _, code, line = YAML_CASES[member]
    assert run.code == EXIT_FINDINGS and "ZX790" in run.err
    assert where(run, f"{BALLOTS}/{member}.yaml", line, code), run.err


# ---------------------------------------------------------------------- committee and settings


def _members(root: Path, keep: int) -> None:
    """Keep the first `keep` members of the committee (the chair, M01, stays)."""
    path = root / COMMITTEE
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^  - id: ", text, re.MULTILINE)]
    path.write_text(text[: starts[keep]] if keep < len(starts) else text, encoding="utf-8")


def _sixteen_with_a_twin(root: Path) -> None:
    path = root / COMMITTEE
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: M02\n    name: 重名\n    kind: 专家\n    affiliation: 某大学\n",
        encoding="utf-8",
    )


def _committee_fifo(root: Path) -> None:
    (root / COMMITTEE).unlink()
    os.mkfifo(root / COMMITTEE)


def _calendar_fifo(root: Path) -> None:
    os.mkfifo(root / "calendar.yaml")
    replace_text(root / "zx.yaml", "thresholds:", "calendar_override: calendar.yaml\nthresholds:")


def _publicity_far(root: Path) -> None:
    replace_text(root / "review/publicity.yaml", "start: 2025-12-01", "start: 9999-12-30")


# id -> (make, codes with their file and line, exit)
RUNS: dict[str, tuple[Callable[[Path], None], list[tuple[str, str, int | None]], int]] = {
    "committee-of-14": (
        lambda r: _members(r, 14),
        [("ZX702", COMMITTEE, 5), ("ZX703", COMMITTEE, 5)],
        EXIT_FINDINGS,
    ),
    "committee-of-16-with-a-twin": (
        _sixteen_with_a_twin,
        [("ZX702", COMMITTEE, 5), ("ZX704", COMMITTEE, None)],
        EXIT_FINDINGS,
    ),
    "committee-is-a-fifo": (_committee_fifo, [("ZX010", COMMITTEE, 1)], EXIT_FINDINGS),
    "committee-year-as-float": (
        lambda r: replace_text(r / COMMITTEE, "year: 2024", "year: 2024.0"),
        [("ZX021", COMMITTEE, 3)],
        EXIT_FINDINGS,
    ),
    "working-days-nan": (
        lambda r: replace_text(
            r / "zx.yaml", "publicity_working_days: 5", "publicity_working_days: .nan"
        ),
        [("ZX029", "zx.yaml", 10)],
        EXIT_FINDINGS,
    ),
    "working-days-5.0": (
        lambda r: replace_text(
            r / "zx.yaml", "publicity_working_days: 5", "publicity_working_days: 5.0"
        ),
        [("ZX021", "zx.yaml", 10)],
        EXIT_FINDINGS,
    ),
    "calendar-override-a-fifo": (_calendar_fifo, [("ZX010", "calendar.yaml", None)], EXIT_FINDINGS),
    "publicity-in-year-9999": (_publicity_far, [("ZX751", "", None)], EXIT_FINDINGS),
}


@pytest.mark.parametrize("case", list(RUNS))
def test_review_settings(tmp_path: Path, case: str) -> None:
    make, expected, exit_code = RUNS[case]
    root = copy_campaign(tmp_path / "2025")
    make(root)
    run = zx("tally", ".", cwd=root, timeout=60)
    assert run.code == exit_code, run.err
    for code, file, line in expected:
        if file:
            assert where(run, file, line, code), run.err
        else:
            assert code in run.err, run.err


def test_ballots_refuse_a_committee_of_14(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    _members(root, 14)
    run = zx("ballots", ".", "--out", tmp_path / "out", cwd=root)
    assert run.code == EXIT_FINDINGS and "ZX790" in run.err
    assert where(run, COMMITTEE, 5, "ZX703") and where(run, COMMITTEE, 5, "ZX702")
    assert not (tmp_path / "out").exists()  # nothing written


def test_out_is_a_file(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    (tmp_path / "taken").write_text("x")
    run = zx("ballots", ".", "--out", tmp_path / "taken", "--force", cwd=root)
    assert run.code == EXIT_USAGE and "ZX904" in run.err
