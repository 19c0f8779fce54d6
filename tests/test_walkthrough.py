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
    text = text.replace("  - name: （请填写）\n    unit: （请填写）",
                        "  - name: 陈立新\n    unit: 佛山市工业和信息化局")
    text = re.sub(r'phone: "（请填写[^"]*"', 'phone: "0757-12345678"', text)
    text += ("  - id: ev-plan\n    kind: 佐证材料\n    title: 佛山市制造业高质量发展实施方案\n"
             "    path: attachments/佐证-实施方案.pdf\n    issuer: 佛山市人民政府\n"
             "    date: 2023-04-12\n"
             "  - id: ev-base\n    kind: 佐证材料\n    title: 国家新型工业化产业示范基地证书\n"
             "    path: attachments/佐证-示范基地.png\n    issuer: 工业和信息化部\n"
             "    date: 2021-12-20\n")
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
    text = re.sub(r"(provincial_consent:\n(?:  .*\n)*?  date: )\S+", rf"\g<1>{consent['date']}",
                  text)
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
        ballot.write_text(head + "\n" + yaml.safe_dump(data, allow_unicode=True,
                                                       sort_keys=False), encoding="utf-8")


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
    ballots = campaign / "review" / "ballots"
    sheets = zx("ballots", campaign, "--out", ballots, "--sheets", "yaml")
    assert sheets.code == 0, sheets.err
    _fill_ballots(ballots)
    counted = zx("tally", campaign, "--publicity-start", "2025-12-01", "--out", tmp_path / "t")
    assert counted.code == 0, counted.out + counted.err
    assert "佛山市" in counted.out
    # MIIT 研究确定 the 拟入选名单 from the committee's 初选建议 (第8条), then the 公示.
    (campaign / "review" / "decision.yaml").write_text(
        f"year: {YEAR}\ndate: 2025-11-28\nconfirmed:\n  - \"440600\"\n", encoding="utf-8")
    (campaign / "review" / "publicity.yaml").write_text(
        f"year: {YEAR}\nstart: 2025-12-01\nchannel: 工业和信息化部门户网站\nobjections: []\n",
        encoding="utf-8")
    # The 公文 need what only the ministry knows (发文字号, dates, contact): notice.yaml.
    refused = zx("tally", campaign, "--final", "--as-of", "2025-12-31", "--out", tmp_path / "f")
    assert refused.code == 1 and "ZX766" in refused.err
    shutil.copyfile(SAMPLE / "review" / "notice.yaml", campaign / "review" / "notice.yaml")
    final = zx("tally", campaign, "--final", "--as-of", "2025-12-31", "--out", tmp_path / "f")
    assert final.code == 0, final.out + final.err
    assert (tmp_path / "f" / "通知.docx").is_file() and (tmp_path / "f" / "公示.docx").is_file()
    assert "佛山市" in final.out
