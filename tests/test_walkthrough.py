"""The official's whole path, scripted (issue 13): no --draft, no hand-made workaround.

init a campaign → init a dossier → fill it → validate (only the forms' own scans wanted) →
render the forms → seal (the scans replace nothing but arrive) → freeze → validate clean →
ballots → fill them → tally → final list. Every step runs in-process through `zx`'s main.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from inproc import run_main

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossiers" / "2024"
SUZHOU = SAMPLE / "dossiers" / "江苏省-苏州市"
YEAR = 2024


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def zx():
    def run(*args: object) -> Run:
        return Run(*run_main(map(str, args), env={"COLUMNS": "120"}, drop=("ZX_LANG",)))

    return run


def _codes(text: str) -> set[str]:
    return set(re.findall(r"\bZX\d{3}\b", text))


def _fill_dossier(folder: Path) -> None:
    """What the office types: contacts, and the evidence it attaches."""
    path = folder / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - name: （请填写）\n    unit: （请填写）",
        "  - name: 陈立新\n    unit: 佛山市工业和信息化局",
    )
    text = re.sub(r'phone: "（请填写[^"]*"', 'phone: "0757-12345678"', text)
    text += (
        "  - id: ev-plan\n    kind: 佐证材料\n    title: 佛山市制造业高质量发展实施方案\n"
        "    path: attachments/佐证-实施方案.pdf\n    issuer: 佛山市人民政府\n"
        "    date: 2023-04-12\n"
        "  - id: ev-base\n    kind: 佐证材料\n    title: 国家新型工业化产业示范基地证书\n"
        "    path: attachments/佐证-示范基地.png\n    issuer: 工业和信息化部\n"
        "    date: 2021-12-20\n"
    )
    path.write_text(text, encoding="utf-8")


def _fill_from_sample(folder: Path, name: str) -> None:
    """The figures and text of the forms: the sample city's, retold for 佛山市."""
    mine = (folder / name).read_text(encoding="utf-8").splitlines()[0]
    body = (SUZHOU / name).read_text(encoding="utf-8").split("\n", 1)[1]
    swaps = (("江苏省", "广东省"), ("苏州", "佛山"), ("苏工信", "粤工信"), ("苏政", "粤府"))
    for old, new in swaps:
        body = body.replace(old, new)
    (folder / name).write_text(f"{mine}\n{body}", encoding="utf-8")


def _attach_scans(folder: Path, kinds: tuple[str, ...]) -> None:
    for name in kinds:
        # init declares PDFs; 宜宾市's sample has every one of them as a PDF
        source = SAMPLE / "dossiers" / "四川省-宜宾市" / "attachments" / f"{name}.pdf"
        shutil.copyfile(source, folder / "attachments" / f"{name}.pdf")
    for name in ("佐证-实施方案.pdf", "佐证-示范基地.png"):
        shutil.copyfile(SUZHOU / "attachments" / name, folder / "attachments" / name)


def _same_consent(folder: Path) -> None:
    """The 推荐表 cites the consent the office attached (its date, no 文号 yet)."""
    declared = yaml.safe_load((folder / "dossier.yaml").read_text(encoding="utf-8"))
    consent = next(a for a in declared["attachments"] if a["kind"] == "省政府同意文件")
    path = folder / "recommendation.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"(provincial_consent:\n(?:  .*\n)*?  date: )\S+", rf"\g<1>{consent['date']}", text
    )
    text = re.sub(r"  doc_no: 粤府函.*\n", "", text)
    path.write_text(text, encoding="utf-8")


def _fill_ballots(folder: Path) -> None:
    for ballot in sorted(folder.glob("*.yaml")):
        text = ballot.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        for vote in data["votes"]:
            vote["vote"] = "同意"
            vote["score"] = 90
        head = text.splitlines()[0]
        ballot.write_text(
            head + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )


def test_from_an_empty_folder_to_the_final_list(tmp_path: Path, zx) -> None:
    campaign = tmp_path / "2024"
    dossier = campaign / "dossiers" / "广东省-佛山市"

    started = zx("init", campaign, "--campaign", "--year", YEAR)
    assert started.code == 0, started.err
    assert f"{YEAR}年度" in started.err
    assert (campaign / "schemas" / "dossier.schema.json").is_file()

    made = zx("init", dossier, "--province", "广东省", "--city", "佛山市")
    assert made.code == 0, made.err
    assert f"{YEAR}年度" in made.err and "zx.yaml" in made.err
    first = (dossier / "dossier.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/dossier.schema.json"
    assert (dossier / first.split("=", 1)[1]).resolve().is_file()
    assert "example.cn" not in first

    # Straight from init, every placeholder is reported at once.
    raw = zx("validate", campaign)
    assert raw.code == 1 and "ZX250" in raw.out

    _fill_dossier(dossier)
    _fill_from_sample(dossier, "application.yaml")
    _fill_from_sample(dossier, "recommendation.yaml")
    _attach_scans(dossier, ("推荐函", "统计数据确认", "负责声明", "省政府同意文件"))
    _same_consent(dossier)

    # Only the sealed scans of the forms themselves are still wanted, and the next step is named.
    before = zx("validate", campaign)
    assert _codes(before.out) <= {"ZX310"}, before.out
    assert "zx render-forms" in before.out and "zx freeze" in before.out

    forms = tmp_path / "forms"
    printed = zx("render-forms", campaign, "--out", forms)
    assert printed.code == 0, printed.err
    assert (forms / f"{YEAR}-广东省-佛山市-申报书.docx").is_file()

    # Printed, sealed, scanned and put back; then frozen.
    shutil.copyfile(SUZHOU / "attachments" / "申报书.pdf", dossier / "attachments" / "申报书.pdf")
    shutil.copyfile(SUZHOU / "attachments" / "推荐表.pdf", dossier / "attachments" / "推荐表.pdf")
    frozen = zx("freeze", dossier)
    assert frozen.code == 0, frozen.err
    assert "新记录 8 个" in frozen.err and "未变 0 个" in frozen.err

    clean = zx("validate", campaign)
    assert clean.code == 0, clean.out

    # The ministry's side: the committee, ballots, votes, tally, 公示, final list.
    (campaign / "review").mkdir()
    shutil.copyfile(SAMPLE / "review" / "committee.yaml", campaign / "review" / "committee.yaml")
    # The 第13条 registry the ministry keeps (records: [] when there are none).
    (campaign / "registry").mkdir(exist_ok=True)
    registry = campaign / "registry" / "sanctions.yaml"
    shutil.copyfile(SAMPLE / "registry" / "sanctions.yaml", registry)
    ballots = campaign / "review" / "ballots"
    sheets = zx("ballots", campaign, "--out", ballots, "--sheets", "yaml")
    assert sheets.code == 0, sheets.err
    _fill_ballots(ballots)
    counted = zx("tally", campaign, "--publicity-start", "2025-12-01", "--out", tmp_path / "t")
    assert counted.code == 0, counted.out + counted.err
    assert "佛山市" in counted.out
    # MIIT 研究确定 the 拟入选名单 from the committee's 初选建议 (第8条), then the 公示.
    (campaign / "review" / "decision.yaml").write_text(
        f'year: {YEAR}\ndate: 2025-11-28\nconfirmed:\n  - "440600"\n', encoding="utf-8"
    )
    (campaign / "review" / "publicity.yaml").write_text(
        f"year: {YEAR}\nstart: 2025-12-01\nchannel: 工业和信息化部门户网站\nobjections: []\n",
        encoding="utf-8",
    )
    # The 公文 need what only the ministry knows (发文字号, dates, contact): notice.yaml.
    refused = zx("tally", campaign, "--final", "--as-of", "2025-12-31", "--out", tmp_path / "f")
    assert refused.code == 1 and "ZX766" in refused.err
    shutil.copyfile(SAMPLE / "review" / "notice.yaml", campaign / "review" / "notice.yaml")
    final = zx("tally", campaign, "--final", "--as-of", "2025-12-31", "--out", tmp_path / "f")
    assert final.code == 0, final.out + final.err
    assert (tmp_path / "f" / "通知.docx").is_file() and (tmp_path / "f" / "公示.docx").is_file()
    assert "佛山市" in final.out


# --- the same path through the fill-in workbook (issue 25): no YAML typed --------------------


def _cells(book: Path) -> dict[tuple[str, tuple], tuple[str, int, int]]:
    """Where each field sits in the workbook: (file, path) → (sheet, row, column)."""
    from openpyxl import load_workbook

    from zxcli.form import layout as lay
    from zxcli.form.identity import parse

    meta = load_workbook(book)["zx"]
    identity = parse({str(r[0].value): r[1].value for r in meta.iter_rows()})
    built = lay.build("dossier", identity.sizes)
    cells = {}
    for sheet, (row, col), cell in built.cells():
        cells[(cell.file, cell.path)] = (sheet.name, row, col)
    for sheet, table in built.tables():
        for i in range(table.rows):
            for j, column in enumerate(table.columns, start=1):
                cells[(table.file, (*table.path, i, column.key))] = (
                    sheet.name,
                    table.first_row + i,
                    j,
                )
    return cells


def _retold(value):
    """The sample city's words, retold for 无锡市 (code and names from the prefill)."""
    if isinstance(value, str):
        return value.replace("苏州", "无锡").replace("苏政", "锡政")
    if isinstance(value, dict):
        return {k: _retold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_retold(v) for v in value]
    return value


def _fill_workbook(book: Path) -> dict[str, str]:
    """What a city's 工信局 types into the blank workbook: the sample city's content, into
    every empty white cell (the prefilled ones are left as they are). Returns the cells of
    two fields, by name, for the mistakes."""
    from openpyxl import load_workbook

    from zxcli.form import layout as lay
    from zxcli.form.export import cell_value
    from zxcli.model.campaign import load_file

    source = {
        k: _retold(load_file(SUZHOU / f"{k}.yaml", k).data)
        for k in ("dossier", "application", "recommendation")
    }
    prefilled = source["dossier"]["attachments"][:6]
    source["dossier"]["attachments"] = [
        *prefilled[:0],
        *[{}] * 6,
        *source["dossier"]["attachments"][6:],
    ]
    source["recommendation"].pop("provincial_consent")  # the prefill's, as it is
    source["recommendation"]["recommender_opinion"].pop("date")
    fields = {f.key: f for _s, _a, c in lay.build("dossier", {}).cells() for f in [c.field]}
    for _s, table in lay.build("dossier", {}).tables():
        fields.update({c.key: c for c in table.columns})
    wb = load_workbook(book)
    where = {}
    for (kind, path), (sheet, row, col) in _cells(book).items():
        ws = wb[sheet]
        value = lay.value_at(source[kind], path)
        if value is None or ws.cell(row, col).value not in (None, ""):
            continue
        ws.cell(row, col).value = cell_value(fields[str(path[-1])], value)
        where[".".join(map(str, path))] = f"{sheet}!{ws.cell(row, col).coordinate}"
    wb.save(book)
    return where


def _type(book: Path, cell: str, value: object) -> None:
    from openpyxl import load_workbook

    sheet, ref = cell.rsplit("!", 1)
    wb = load_workbook(book)
    wb[sheet][ref] = value
    wb.save(book)


def test_from_an_empty_folder_through_the_workbook(tmp_path: Path, zx) -> None:
    campaign = tmp_path / "2024"
    dossier = campaign / "dossiers" / "江苏省-无锡市"
    assert zx("init", campaign, "--campaign", "--year", YEAR).code == 0

    book = tmp_path / "申报数据表.xlsx"
    blank = zx(
        "form",
        "export",
        "--campaign",
        campaign,
        "--province",
        "江苏省",
        "--city",
        "无锡市",
        "--out",
        book,
    )
    assert blank.code == 0, blank.err
    where = _fill_workbook(book)
    added = where["c2_industry.industrial_value_added_yi"]
    email = where["contacts.0.email"]
    # Two mistakes: the unit typed into a figure, and an e-mail address without its @.
    _type(book, added, "10850亿元")
    _type(book, email, "wangxm.example.gov.cn")

    checked = zx("form", "import", book, dossier, "--check")
    assert checked.code == 1
    lines = checked.out.splitlines()
    assert any(f"{added} ZX070" in line for line in lines), checked.out
    assert any(f"{email}（dossier.yaml:" in line for line in lines), checked.out
    assert not dossier.exists()  # --check writes nothing

    _type(book, added, 10850.0)
    _type(book, email, "wangxm@example.gov.cn")
    imported = zx("form", "import", book, dossier)
    assert imported.code == 0, imported.out + imported.err
    assert "zx validate" in imported.err
    (dossier / "attachments").mkdir()
    _attach_scans(dossier, ("推荐函", "统计数据确认", "负责声明", "省政府同意文件"))

    before = zx("validate", campaign)
    assert _codes(before.out) <= {"ZX310"}, before.out
    forms = tmp_path / "forms"
    assert zx("render-forms", campaign, "--out", forms).code == 0
    shutil.copyfile(SUZHOU / "attachments" / "申报书.pdf", dossier / "attachments" / "申报书.pdf")
    shutil.copyfile(SUZHOU / "attachments" / "推荐表.pdf", dossier / "attachments" / "推荐表.pdf")
    assert zx("freeze", dossier).code == 0
    clean = zx("validate", campaign)
    assert clean.code == 0, clean.out
    assert "通过" in clean.out
