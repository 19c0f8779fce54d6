"""第7条 attachments: required kinds, original, and each declared file sound and unchanged."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import make_dossier, pdf_bytes

from zxcli.load.files import MAX_ATTACHMENT_BYTES
from zxcli.load.yamlsafe import load_yaml
from zxcli.model.campaign import CampaignFolder, load_dossier
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.settings import Settings
from zxcli.results import Finding
from zxcli.rules import attachments
from zxcli.rules.context import CampaignContext
from zxcli.schema.check import check_document

# ---------------------------------------------------------------------- fixtures


def edit(root: Path, old: str, new: str, count: int = 1) -> None:
    path = root / "dossier.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, needle: str) -> int:
    lines = (root / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def run(root: Path, check=attachments.check) -> list[Finding]:
    """Run one family on one dossier, as the runner does (only schema-clean data)."""
    dossier = load_dossier(root)
    clean = {
        (dossier.key, f.kind)
        for f in dossier.files.values()
        if f.doc is not None and not check_document(f.doc, f.kind)
    }
    campaign = CampaignFolder(root=None, dossiers=[dossier], whole=False)
    ctx = CampaignContext(campaign, Settings.from_mapping(None), Gazetteer.bundled(), clean)
    return list(check(ctx.dossier(dossier)))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, codes(findings)
    return hits[0]


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return make_dossier(tmp_path)


def remove_attachment(root: Path, ident: str) -> None:
    """Delete the list item `- id: <ident>` and its lines from dossier.yaml."""
    path = root / "dossier.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


# ---------------------------------------------------------------------- the list


def test_sample_is_clean(dossier: Path) -> None:
    assert run(dossier) == []


SAMPLES = Path(__file__).resolve().parents[1] / "sample_dossiers"


@pytest.mark.parametrize("root", sorted(SAMPLES.glob("2024/dossiers/*/")), ids=lambda p: p.name)
def test_samples_in_repo_are_clean(root: Path) -> None:
    data = load_yaml(root / "dossier.yaml").data
    if not all((root / a["path"]).exists() for a in data["attachments"]):
        pytest.skip("sample attachments not generated yet")
    assert run(root) == []


@pytest.mark.parametrize("root", sorted(SAMPLES.glob("*/dossiers/*/")), ids=lambda p: p.name)
def test_every_sample_and_broken_case_runs_without_crashing(root: Path) -> None:
    for finding in run(root):
        assert finding.code.startswith("ZX3") and "{" not in finding.message("zh")


@pytest.mark.parametrize(
    ("ident", "code"),
    [
        ("application", "ZX301"),
        ("letter", "ZX302"),
        ("form", "ZX303"),
        ("statistics", "ZX304"),
        ("declaration", "ZX305"),
        ("consent", "ZX306"),
    ],
)
def test_each_required_kind(dossier: Path, ident: str, code: str) -> None:
    remove_attachment(dossier, ident)
    finding = only(run(dossier), code)
    assert finding.line == line_of(dossier, "attachments:")
    assert finding.path.endswith("dossier.yaml")
    assert finding.rule.article.startswith("第7条")


def test_declaration_removed_cites_article_7_4(dossier: Path) -> None:
    remove_attachment(dossier, "declaration")
    finding = only(run(dossier), "ZX305")
    assert finding.rule.article == "第7条(4)"
    assert "负责声明" in finding.message("zh")


def test_declaration_must_be_original(dossier: Path) -> None:
    edit(dossier, "original: true", "original: false")
    finding = only(run(dossier), "ZX307")
    assert finding.line == line_of(dossier, "original: false")


def test_declaration_without_original_key(dossier: Path) -> None:
    edit(dossier, "    original: true            # 负责声明须为原件（第7条(4)）\n", "")
    finding = only(run(dossier), "ZX307")
    assert finding.line == line_of(dossier, "path: attachments/负责声明.jpg")


def test_duplicate_id(dossier: Path) -> None:
    edit(dossier, "- id: ev-base", "- id: ev-plan")
    finding = only(run(dossier), "ZX331")
    assert finding.params["first_line"] == line_of(dossier, "- id: ev-plan")
    assert finding.line > finding.params["first_line"]


def test_same_file_twice_is_a_warning(dossier: Path) -> None:
    edit(dossier, "path: attachments/佐证-实施方案.pdf", "path: ./attachments/推荐函.pdf")
    finding = only(run(dossier), "ZX332")
    assert finding.rule.severity.value == "warning"
    assert finding.params["other_id"] == "letter"


def test_same_content_twice_is_a_warning(dossier: Path) -> None:
    shutil.copy(dossier / "attachments/推荐函.pdf", dossier / "attachments/佐证-实施方案.pdf")
    finding = only(run(dossier), "ZX333")
    assert (finding.params["id"], finding.params["other_id"]) == ("ev-plan", "letter")


def test_unclean_dossier_is_left_to_the_schema(dossier: Path) -> None:
    edit(dossier, "original: true", "original: yes-please")
    assert run(dossier) == []


# ---------------------------------------------------------------------- where


@pytest.mark.parametrize(
    ("declared", "code"),
    [
        ("../x.pdf", "ZX314"),
        ("/etc/hosts.pdf", "ZX313"),
        ("C:\\扫描件\\推荐函.pdf", "ZX313"),
        ("attachments\\推荐函.pdf", "ZX315"),
        ("attachments/不存在.pdf", "ZX310"),
        ("attachments", "ZX317"),
    ],
)
def test_bad_paths_point_at_the_path_line(dossier: Path, declared: str, code: str) -> None:
    (dossier.parent / "x.pdf").write_bytes(pdf_bytes("outside"))
    edit(dossier, "path: attachments/推荐函.pdf", f"path: '{declared}'")
    finding = only(run(dossier), code)
    assert finding.line == line_of(dossier, f"path: '{declared}'")
    assert finding.params["id"] == "letter"


def test_backslash_suggests_forward_slashes(dossier: Path) -> None:
    edit(dossier, "path: attachments/推荐函.pdf", "path: 'attachments\\推荐函.pdf'")
    assert only(run(dossier), "ZX315").params["suggested"] == "attachments/推荐函.pdf"


def test_symlink_pointing_outside(dossier: Path) -> None:
    outside = dossier.parent / "elsewhere.pdf"
    outside.write_bytes(pdf_bytes("elsewhere"))
    target = dossier / "attachments/推荐函.pdf"
    target.unlink()
    os.symlink(outside, target)
    finding = only(run(dossier), "ZX316")
    assert finding.line == line_of(dossier, "path: attachments/推荐函.pdf")


def test_symlink_inside_is_fine(dossier: Path) -> None:
    target = dossier / "attachments/推荐函.pdf"
    target.rename(dossier / "推荐函-原件.pdf")
    os.symlink("../推荐函-原件.pdf", target)
    assert run(dossier) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_does_not_hang(dossier: Path) -> None:
    target = dossier / "attachments/推荐函.pdf"
    target.unlink()
    os.mkfifo(target)
    if hasattr(signal, "alarm"):
        signal.alarm(10)  # a regression would block forever on open(): fail instead
    try:
        finding = only(run(dossier), "ZX318")
    finally:
        if hasattr(signal, "alarm"):
            signal.alarm(0)
    assert finding.params["node"] == "FIFO"


def test_nfd_named_file(dossier: Path) -> None:
    nfc = "attachments/负责声明.jpg"
    (dossier / nfc).rename(dossier / unicodedata.normalize("NFD", "attachments/负责声明é.jpg"))
    edit(dossier, f"path: {nfc}", "path: attachments/负责声明é.jpg")
    finding = only(run(dossier), "ZX311")
    assert finding.params["found"] == unicodedata.normalize("NFD", "attachments/负责声明é.jpg")


# ---------------------------------------------------------------------- what


def test_emptied_pdf(dossier: Path) -> None:
    (dossier / "attachments/统计数据确认.pdf").write_bytes(b"")
    finding = only(run(dossier), "ZX320")
    assert finding.line == line_of(dossier, "path: attachments/统计数据确认.pdf")


def test_pdf_that_is_really_a_png(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    finding = only(run(dossier), "ZX324")
    assert (
        finding.params | {"extension": ".pdf", "expected": "PDF", "found": "PNG"} == finding.params
    )
    message = finding.message("en")
    assert ".pdf" in message and "PDF" in message and "PNG" in message


def test_garbage_starting_like_a_pdf(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(b"%PDF-1.7\nnot a pdf at all\n")
    finding = only(run(dossier), "ZX326")
    assert finding.line == line_of(dossier, "path: attachments/推荐表.pdf")


def test_encrypted_pdf(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(pdf_bytes("x", user_password="pw"))
    only(run(dossier), "ZX327")


def test_restricted_pdf_is_a_warning(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(pdf_bytes("x", user_password=""))
    assert only(run(dossier), "ZX328").rule.severity.value == "warning"


def test_pdf_without_pages(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(pdf_bytes("x", pages=0))
    only(run(dossier), "ZX329")


def test_unknown_format(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").write_bytes(b"GIF89a" + b"\0" * 20)
    only(run(dossier), "ZX322")


def test_zip_that_is_no_document(dossier: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("scan1.pdf", b"%PDF-")
    (dossier / "attachments/推荐表.pdf").write_bytes(out.getvalue())
    only(run(dossier), "ZX323")


def test_docx_and_ofd_are_accepted(dossier: Path) -> None:
    for name, entries in (
        ("佐证.docx", ["[Content_Types].xml", "word/document.xml"]),
        ("佐证.ofd", ["OFD.xml"]),
    ):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for entry in entries:
                archive.writestr(entry, name)
        (dossier / "attachments" / name).write_bytes(out.getvalue())
    edit(dossier, "path: attachments/佐证-实施方案.pdf", "path: attachments/佐证.docx")
    edit(dossier, "path: attachments/佐证-示范基地.png", "path: attachments/佐证.ofd")
    assert run(dossier) == []


def test_extension_not_allowed(dossier: Path) -> None:
    (dossier / "attachments/推荐表.pdf").rename(dossier / "attachments/推荐表.tif")
    edit(dossier, "path: attachments/推荐表.pdf", "path: attachments/推荐表.tif")
    finding = only(run(dossier), "ZX325")
    assert (finding.params["extension"], finding.params["found"]) == (".tif", "PDF")


def test_too_large(dossier: Path) -> None:
    with (dossier / "attachments/推荐表.pdf").open("r+b") as handle:
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: cheap to make, never read
    finding = only(run(dossier), "ZX321")
    assert finding.params["limit_mb"] == 50


def test_sha256_recorded_and_unchanged(dossier: Path) -> None:
    digest = hashlib.sha256((dossier / "attachments/推荐函.pdf").read_bytes()).hexdigest()
    edit(
        dossier,
        "    path: attachments/推荐函.pdf\n",
        f"    path: attachments/推荐函.pdf\n    sha256: {digest}\n",
    )
    assert run(dossier) == []


def test_sha256_mismatch_points_at_the_hash(dossier: Path) -> None:
    edit(
        dossier,
        "    path: attachments/推荐函.pdf\n",
        f"    path: attachments/推荐函.pdf\n    sha256: {'ab' * 32}\n",
    )
    finding = only(run(dossier), "ZX330")
    assert finding.line == line_of(dossier, "sha256: abab")
    assert finding.params["declared"] == "ab" * 32
    assert len(finding.params["actual"]) == 64


def test_every_message_renders(dossier: Path) -> None:
    """No placeholder of a raised finding is left unfilled, in either language."""
    edit(dossier, "path: attachments/推荐函.pdf", "path: ../x.pdf")
    (dossier / "attachments/推荐表.pdf").write_bytes(b"\x89PNG\r\n\x1a\n")
    (dossier / "attachments/统计数据确认.pdf").write_bytes(b"")
    edit(dossier, "original: true", "original: false")
    remove_attachment(dossier, "consent")
    findings = run(dossier)
    assert set(codes(findings)) == {"ZX314", "ZX324", "ZX320", "ZX307", "ZX306"}
    for finding in findings:
        for lang in ("zh", "en"):
            assert "{" not in finding.message(lang)
