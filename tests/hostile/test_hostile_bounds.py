"""Issue 12, families 4–7: tally refuses and never crashes, submitter text is inert,
work is bounded, and freeze writes only inside its campaign.

Each case runs the real `zx` (no exit 70, no traceback: `hostile.zx` asserts it) under a
30-second limit, and names the code and the file (and sheet!cell) it must give.
"""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import pytest
from hostile import EXIT_FINDINGS, SUZHOU, copy_campaign, replace_text, zx
from test_hostile_review import BALLOTS, filled, where

from zxcli.load.inert import cell_text, md_text, row_text, terminal_text, xml_text
from zxcli.tally.sheets import META, SHEET, SheetIdentity

LIMIT = 30  # seconds: no input may take longer


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sheets4")
    campaign = copy_campaign(root / "2025")
    assert zx("ballots", campaign, "--out", root / "out").code == 0
    return root / "out"


def rewrite_identity(workbook, change) -> None:
    """Rewrite the hidden identity consistently (hash recomputed), as anyone could."""
    meta = workbook[META]
    cells = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 7)}
    identity = SheetIdentity.from_cells(cells)
    for row, (_, value) in enumerate(change(identity).cells(), start=1):
        meta.cell(row, 2).value = value


def duplicate_rows(workbook) -> None:
    def twice(identity: SheetIdentity) -> SheetIdentity:
        rows = (*identity.rows, identity.rows[0])
        return SheetIdentity(identity.year, identity.title, identity.member, rows)

    rewrite_identity(workbook, twice)
    sheet, last = workbook[SHEET], 5 + 0
    while sheet.cell(last, 2).value:
        last += 1
    for col in range(1, 9):
        sheet.cell(last, col).value = sheet.cell(5, col).value


def chart_sheet(workbook) -> None:
    from openpyxl.chart import BarChart

    index = workbook.sheetnames.index(SHEET)
    del workbook[SHEET]
    chart = workbook.create_chartsheet(SHEET, index)
    chart.add_chart(BarChart())


def deep_rows(workbook) -> None:
    workbook[META]["B5"] = "[" * 20000 + "]" * 20000


def dict_rows(workbook) -> None:
    workbook[META]["B5"] = '[{"a": 1, "b": 2}]'


def far_cell(workbook) -> None:
    workbook[SHEET]["XFD1048576"] = "同意"


def far_row(workbook) -> None:
    workbook[SHEET]["E1048576"] = "同意"


CASES = {
    "M01": (duplicate_rows, "ZX719", None),
    "M02": (chart_sheet, "ZX728", f"{SHEET}!A1"),
    "M03": (deep_rows, "ZX723", f"{META}!A1"),
    "M04": (dict_rows, "ZX723", f"{META}!A1"),
    "M05": (far_cell, "ZX729", f"{SHEET}!XFD1048576"),
    "M06": (far_row, "ZX725", f"{SHEET}!E1048576"),
}


@pytest.fixture(scope="module")
def family4(tmp_path_factory: pytest.TempPathFactory, sheets: Path):
    root = copy_campaign(tmp_path_factory.mktemp("family4") / "2025")
    for member, (change, _, _) in CASES.items():
        (root / BALLOTS / f"{member}.yaml").unlink(missing_ok=True)
        (root / BALLOTS / f"{member}.xlsx").write_bytes(filled(sheets, member, change))
    start = time.monotonic()
    run = zx("tally", ".", cwd=root, timeout=LIMIT)
    return run, time.monotonic() - start


@pytest.mark.parametrize("member", list(CASES))
def test_malformed_ballot_is_refused(family4, member: str) -> None:
    run, seconds = family4
    _, code, place = CASES[member]
    assert run.code == EXIT_FINDINGS and "ZX790" in run.err, run.err
    assert where(run, f"{BALLOTS}/{member}.xlsx", place, code), run.err
    assert seconds < LIMIT


def test_duplicate_row_names_its_cell(family4) -> None:
    run, _ = family4
    assert f"{BALLOTS}/M01.xlsx:{SHEET}!B" in run.err and "ZX719" in run.err


def test_no_ballots_at_all_is_an_error(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    for ballot in (root / BALLOTS).iterdir():
        ballot.unlink()
    run = zx("tally", ".", cwd=root, timeout=LIMIT)
    assert run.code == EXIT_FINDINGS and "ZX727" in run.err, run.both


def test_short_count_names_the_member(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    (root / BALLOTS / "M07.yaml").unlink()
    run = zx("tally", ".", cwd=root, timeout=LIMIT)
    assert "ZX731" in run.both and "M07" in run.both.split("ZX731", 1)[1].split("\n")[0]


# ---------------------------------------------------------------------- family 5


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "＝1+1"])
def test_cell_text_is_never_a_formula(text: str) -> None:
    from openpyxl import Workbook, load_workbook

    from zxcli.tally.outputs import save_workbook

    wb = Workbook()
    wb.active.append([text])  # as openpyxl takes it: a formula, until saved by zx
    wb.active.append(row_text(["ok\x00\x1b"]))
    back = load_workbook(BytesIO(save_workbook(wb, "t"))).active
    assert back["A1"].data_type == "s" and back["A1"].value == cell_text(text)
    assert back["A1"].value.startswith("'") and back["A2"].value == "ok"


def test_markdown_terminal_and_xml_are_inert() -> None:
    shown = md_text("# 标题\n[点我](http://evil.example) <b>x</b> **粗**")
    assert "\n" not in shown and "\\#" in shown and "\\[" in shown and "\\<" in shown
    assert "http://" not in shown and "\\*\\*" in shown
    shown = terminal_text("通过\x1b[2J\x1b]0;t\x07\u202e!")
    assert not any(c in shown for c in "\x1b\x07\u202e") and shown.startswith("通过\\u001b")
    assert xml_text("a\x00b\x0bc\ufffe") == "abc"


def test_folder_name_escape_never_reaches_the_terminal(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    (root / "dossiers" / SUZHOU).rename(root / "dossiers" / "江苏省-\x1b[2J苏州市")
    run = zx("validate", root, timeout=LIMIT)
    assert "\x1b" not in run.both


# ---------------------------------------------------------------------- family 6


def test_many_lines_in_one_field_are_refused_quickly(tmp_path: Path) -> None:
    root = copy_campaign(tmp_path / "2025")
    app = root / "dossiers" / SUZHOU / "application.yaml"
    text = app.read_text(encoding="utf-8")
    key = next(line for line in text.splitlines() if "implementation_plan:" in line)
    indent = " " * (len(key) - len(key.lstrip()) + 2)
    block = key.split(":")[0] + ": |\n" + (indent + "\n") * 200_000 + indent + "x\n"
    replace_text(app, key + "\n", block)
    start = time.monotonic()
    run = zx("validate", root / "dossiers" / SUZHOU, "-f", "json", timeout=LIMIT)
    assert time.monotonic() - start < LIMIT
    codes = {f["code"] for f in run.json()["findings"]}
    assert codes & {"ZX030", "ZX031", "ZX006"}, codes


def test_one_file_named_a_hundred_times_is_read_once(tmp_path: Path, monkeypatch) -> None:
    from zxcli.load import files

    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 1000)
    reads = []
    real = files.read_content
    monkeypatch.setattr(files, "read_content", lambda *a, **k: reads.append(1) or real(*a, **k))
    for _ in range(100):
        files.inspect(tmp_path, "a.pdf")
    assert len(reads) == 1


def test_pdf_parsing_has_a_work_budget(monkeypatch) -> None:
    from zxcli.load import files, pdfbudget

    monkeypatch.setattr(pdfbudget, "CALLS", 10)
    state, _ = files.check_pdf_stream(BytesIO(b"%PDF-1.4\n" + b"1 0 obj\n<<>>\nendobj\n" * 500))
    assert state is files.PdfState.TIMEOUT


# ---------------------------------------------------------------------- family 7


def test_freeze_refuses_a_symlinked_dossier(tmp_path: Path) -> None:
    other = copy_campaign(tmp_path / "2024")
    root = copy_campaign(tmp_path / "2025")
    import shutil

    shutil.rmtree(root / "dossiers" / SUZHOU)
    (root / "dossiers" / SUZHOU).symlink_to(other / "dossiers" / SUZHOU)
    before = (other / "dossiers" / SUZHOU / "dossier.yaml").read_bytes()
    for target in (root, root / "dossiers" / SUZHOU):
        run = zx("freeze", target, timeout=LIMIT)
        assert run.code == EXIT_FINDINGS and "ZX360" in run.err, run.both
    assert (other / "dossiers" / SUZHOU / "dossier.yaml").read_bytes() == before


def test_freeze_never_writes_what_validate_would_refuse(tmp_path: Path) -> None:
    from zxcli.load.yamlsafe import MAX_FILE_BYTES

    root = copy_campaign(tmp_path / "2025")
    dossier = root / "dossiers" / SUZHOU / "dossier.yaml"
    # The sample is frozen: take its hashes out, so that freeze has some to add.
    data = b"".join(
        row
        for row in dossier.read_bytes().splitlines(keepends=True)
        if row.strip().split(b":")[0] not in (b"sha256", b"frozen_on")
    )
    # Padding to just under the cap: the hashes freeze adds push it over.
    dossier.write_bytes(data + b"#" * (MAX_FILE_BYTES - len(data) - 10) + b"\n")
    run = zx("freeze", root / "dossiers" / SUZHOU, timeout=LIMIT)
    assert run.code == EXIT_FINDINGS and "ZX361" in run.err, run.both
    assert len(dossier.read_bytes()) <= MAX_FILE_BYTES
