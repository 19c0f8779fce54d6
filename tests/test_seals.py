"""第7条 seals: who must have sealed each document, by the gazetteer and the dossier."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zxcli.model.campaign import CampaignFolder, load_dossier
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.settings import Settings
from zxcli.results import Finding
from zxcli.rules import seals
from zxcli.rules.context import CampaignContext
from zxcli.schema.check import check_document

DOSSIERS = Path(__file__).resolve().parents[1] / "sample_dossiers/2024/dossiers"


def make_dossier(tmp_path: Path, name: str = "江苏省-苏州市") -> Path:
    # Seals are read from dossier.yaml alone, so the attachments need not exist here.
    dest = tmp_path / name
    dest.mkdir()
    shutil.copy(DOSSIERS / name / "dossier.yaml", dest / "dossier.yaml")
    return dest


def edit(root: Path, old: str, new: str) -> None:
    path = root / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, needle: str) -> int:
    lines = (root / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def run(root: Path) -> list[Finding]:
    """The seals family on one dossier, given only schema-clean data as the runner does."""
    dossier = load_dossier(root)
    clean = {
        (dossier.key, f.kind)
        for f in dossier.files.values()
        if f.doc is not None and not check_document(f.doc, f.kind)
    }
    campaign = CampaignFolder(root=None, dossiers=[dossier], whole=False)
    ctx = CampaignContext(campaign, Settings.from_mapping(None), Gazetteer.bundled(), clean)
    return list(seals.check(ctx.dossier(dossier)))


def only(findings: list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, [f.code for f in findings]
    return hits[0]


@pytest.fixture
def suzhou(tmp_path: Path) -> Path:
    return make_dossier(tmp_path)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DOSSIERS.iterdir() if (p / "dossier.yaml").is_file())
)
def test_samples_are_clean(tmp_path: Path, name: str) -> None:
    assert run(make_dossier(tmp_path, name)) == []


@pytest.mark.parametrize(
    "root", sorted(DOSSIERS.parent.parent.glob("*/dossiers/*/")), ids=lambda p: p.name
)
def test_every_sample_and_broken_case_runs_without_crashing(root: Path) -> None:
    for finding in run(root):
        assert finding.code.startswith("ZX4") and "{" not in finding.message("en")


# ---------------------------------------------------------------------- 统计数据 第7条(3)


def test_statistics_sealed_by_the_provincial_bureau(suzhou: Path) -> None:
    edit(suzhou, "seals: [苏州市统计局]", "seals: [江苏省统计局]")
    finding = only(run(suzhou), "ZX404")
    assert finding.params["found"] == "江苏省统计局"
    assert finding.params["required"] == "苏州市统计局"
    assert finding.line == line_of(suzhou, "seals: [江苏省统计局]")
    assert finding.rule.article == "第7条(3)"
    message = finding.message("zh")
    assert "江苏省统计局" in message and "苏州市统计局" in message


def test_statistics_sealed_by_no_bureau(suzhou: Path) -> None:
    edit(suzhou, "seals: [苏州市统计局]", "seals: [苏州市人民政府]")
    finding = only(run(suzhou), "ZX403")
    assert finding.params["required"] == "苏州市统计局"
    assert finding.params["found"] == "苏州市人民政府"


def test_both_bureaus_sealing_is_fine(suzhou: Path) -> None:
    edit(suzhou, "seals: [苏州市统计局]", "seals: [江苏省统计局, 苏州市统计局]")
    assert run(suzhou) == []


def test_names_compare_without_spaces_and_width(suzhou: Path) -> None:
    edit(suzhou, "seals: [苏州市统计局]", "seals: ['苏州市　统计局 ']")
    edit(suzhou, "seals: [江苏省工业和信息化厅]", "seals: [江苏省 工业和信息化厅]")
    assert run(suzhou) == []


def test_statistics_bureau_field_must_be_the_same_level(suzhou: Path) -> None:
    edit(suzhou, "statistics_bureau: 苏州市统计局", "statistics_bureau: 江苏省统计局")
    finding = only(run(suzhou), "ZX410")
    assert (finding.params["found"], finding.params["required"]) == ("江苏省统计局", "苏州市统计局")
    assert finding.line == line_of(suzhou, "statistics_bureau:")


def test_pudong_needs_its_district_bureau(tmp_path: Path) -> None:
    pudong = make_dossier(tmp_path, "上海市-浦东新区")
    edit(pudong, "seals: [上海市浦东新区统计局]", "seals: [上海市统计局]")
    finding = only(run(pudong), "ZX404")
    assert finding.params["required"] == "上海市浦东新区统计局"


# ---------------------------------------------------------------------- the others


def seals_line(root: Path, ident: str) -> int:
    lines = (root / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    return next(i for i, line in enumerate(lines[start:], start + 1) if "seals:" in line)


def reseal(root: Path, ident: str, new: str) -> None:
    """Replace the seals of the attachment `ident` with `new`."""
    path = root / "dossier.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = seals_line(root, ident) - 1
    lines[at] = f"    seals: {new}\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("ident", "code", "required"),
    [
        ("letter", "ZX401", "江苏省工业和信息化厅"),
        ("form", "ZX402", "江苏省工业和信息化厅"),
        ("declaration", "ZX405", "苏州市人民政府"),
        ("consent", "ZX406", "“江苏省人民政府”或“江苏省人民政府办公厅”"),
        ("application", "ZX407", "苏州市人民政府"),
    ],
)
def test_wrong_sealer(suzhou: Path, ident: str, code: str, required: str) -> None:
    reseal(suzhou, ident, "[苏州市工业和信息化局]")
    finding = only(run(suzhou), code)
    assert finding.params["required"] == required
    assert finding.params["found"] == "苏州市工业和信息化局"
    assert finding.line == seals_line(suzhou, ident)
    for lang in ("zh", "en"):
        assert "{" not in finding.message(lang) and "{" not in finding.hint(lang)


def test_consent_by_the_recommender_is_not_consent(suzhou: Path) -> None:
    reseal(suzhou, "consent", "[江苏省工业和信息化厅]")
    assert only(run(suzhou), "ZX406").params["found"] == "江苏省工业和信息化厅"


def test_application_seal_is_only_a_warning(suzhou: Path) -> None:
    reseal(suzhou, "application", "[苏州市发展和改革委员会]")
    assert only(run(suzhou), "ZX407").rule.severity.value == "warning"


def test_government_field_must_match_the_code(suzhou: Path) -> None:
    edit(suzhou, "government: 苏州市人民政府", "government: 江苏省人民政府")
    finding = only(run(suzhou), "ZX411")
    assert finding.params["required"] == "苏州市人民政府"


# ---------------------------------------------------------------------- odd nominees


def test_unknown_code_falls_back_to_declared_names(suzhou: Path) -> None:
    edit(suzhou, 'code: "320500"', 'code: "329999"')
    assert run(suzhou) == []  # the eligibility family reports the code
    edit(suzhou, "seals: [苏州市统计局]", "seals: [江苏省统计局]")
    finding = only(run(suzhou), "ZX404")
    assert finding.params["required"] == "苏州市统计局"  # from statistics_bureau


def test_unknown_province_and_code_do_not_crash(suzhou: Path) -> None:
    edit(suzhou, 'code: "320500"', 'code: "999999"')
    edit(suzhou, "province: 江苏省", "province: 火星省")
    assert run(suzhou) == []


def test_bingtuan_consents_for_itself(suzhou: Path) -> None:
    edit(suzhou, "province: 江苏省", "province: 新疆生产建设兵团")
    edit(suzhou, 'name: 苏州市\n  code: "320500"', 'name: 石河子市\n  code: "659001"')
    edit(suzhou, "kind: 省级工业和信息化主管部门", "kind: 新疆生产建设兵团工业和信息化主管部门")
    edit(suzhou, "seals: [江苏省人民政府]", "seals: [新疆维吾尔自治区人民政府]")
    found = run(suzhou)
    consent = only(found, "ZX406")
    assert consent.params["required"] == "“新疆生产建设兵团”或“新疆生产建设兵团办公厅”"
    statistics = only(found, "ZX404")  # still sealed by 苏州市统计局
    assert statistics.params["required"] == "石河子市统计局"


def test_unclean_dossier_is_left_to_the_schema(suzhou: Path) -> None:
    edit(suzhou, "seals: [苏州市统计局]", "seals: []")
    assert run(suzhou) == []
