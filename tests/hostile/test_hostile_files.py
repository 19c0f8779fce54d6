"""Hostile attachments, through `zx validate`.

The files family of the corpus: paths that are absolute, climb out with `..`, use
backslashes, or leave the dossier through a symlink (to /etc/passwd, to /dev/zero, a whole
attachments/ folder linked elsewhere); special files (a FIFO that must not hang the run, a
directory, a device); empty, truncated, encrypted and mislabelled documents; a zip bomb and
a crowded zip posing as .docx; names that differ from the declared one only in Unicode
normalisation or letter case. Each case replaces the dossier's 申报书 (attachments/申报书.pdf,
declared on line 25 of dossier.yaml) and must be reported at that declaration.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import (
    EXIT_FINDINGS,
    EXIT_OK,
    SAMPLE_CAMPAIGN,
    SUZHOU,
    SUZHOU_DIR,
    Case,
    assert_finding,
    copy_dossier,
    replace_text,
    text_mentions,
    tiny_pdf,
    zip_bomb,
    zip_bytes,
    zx,
)

from zxcli.load.files import MAX_UNZIPPED_BYTES, NodeKind, NotRegularFileError, read_regular

DOSSIER = "dossier.yaml"
DECLARED = "attachments/申报书.pdf"
PDF = (SUZHOU_DIR / DECLARED).read_bytes()
PNG = (SUZHOU_DIR / "attachments" / "佐证-示范基地.png").read_bytes()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def scan(make: Callable[[Path], None]) -> Callable[[Path], None]:
    """Remove the 申报书 scan, then let `make(target)` put something else in its place."""

    def build(folder: Path) -> None:
        target = folder / DECLARED
        target.unlink()
        make(target)

    return build


def declare(path: str, make: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    """Declare the 申报书 at `path` instead (and build what is there with `make`)."""

    def build(folder: Path) -> None:
        replace_text(folder / DOSSIER, f"path: {DECLARED}", f"path: {path}")
        if make is not None:
            make(folder)

    return build


def outside(folder: Path) -> Path:
    """A real PDF beside the batch, outside every dossier folder."""
    target = folder.parent.parent / "elsewhere" / "申报书.pdf"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(PDF)
    return target


def _linked_attachments(folder: Path) -> None:
    elsewhere = folder.parent.parent / "elsewhere-attachments"
    if not elsewhere.exists():
        shutil.copytree(SUZHOU_DIR / "attachments", elsewhere)
    shutil.rmtree(folder / "attachments")
    (folder / "attachments").symlink_to(elsewhere, target_is_directory=True)


def _docx_bomb(folder: Path) -> None:
    unpacked_mb = MAX_UNZIPPED_BYTES // (1 << 20) + 10
    data = zip_bomb(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"},
        "word/document.xml",
        unpacked_mb,
    )
    assert len(data) < 2 * (1 << 20)  # a couple of MB on disk, hundreds once unpacked
    (folder / "attachments" / "申报书.docx").write_bytes(data)


def _crowded_docx(folder: Path) -> None:
    names = {"[Content_Types].xml": b"", "word/document.xml": b""}
    names.update({f"word/media/{i}.bin": b"" for i in range(12_000)})
    (folder / "attachments" / "申报书.docx").write_bytes(zip_bytes(names, compress=False))


def _nfd(folder: Path) -> None:
    name = "申报书（Société）.pdf"
    (folder / "attachments" / unicodedata.normalize("NFD", name)).write_bytes(PDF)
    replace_text(
        folder / DOSSIER,
        f"path: {DECLARED}",
        f"path: attachments/{unicodedata.normalize('NFC', name)}",
    )


def _sparse(target: Path) -> None:
    with target.open("wb") as handle:  # 60 MB that take no room: over the cap, never read
        handle.truncate(60 * (1 << 20))


def _device(target: Path) -> None:
    os.mknod(target, 0o600 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero's


LINE = "path: attachments/申报书"  # the declaration's line, whatever the extension

CASES = [
    Case(
        "absolute-unix",
        "ZX313",
        EXIT_FINDINGS,
        DOSSIER,
        "path: /etc/passwd",
        declare("/etc/passwd"),
    ),
    Case(
        "absolute-windows",
        "ZX313",
        EXIT_FINDINGS,
        DOSSIER,
        "path: 'C:",
        declare("'C:\\Users\\x\\申报书.pdf'"),
    ),
    Case(
        "unc-share",
        "ZX313",
        EXIT_FINDINGS,
        DOSSIER,
        "path: '\\\\",
        declare("'\\\\server\\share\\申报书.pdf'"),
    ),
    Case(
        "dot-dot",
        "ZX314",
        EXIT_FINDINGS,
        DOSSIER,
        "path: ../",
        declare(f"../{SUZHOU}/attachments/申报书.pdf"),
    ),
    Case(
        "dot-dot-midway",
        "ZX314",
        EXIT_FINDINGS,
        DOSSIER,
        "path: attachments/../..",
        declare("attachments/../../elsewhere/申报书.pdf"),
    ),
    Case(
        "backslashes",
        "ZX315",
        EXIT_FINDINGS,
        DOSSIER,
        "path: 'attachments\\",
        declare("'attachments\\申报书.pdf'"),
    ),
    Case(
        "symlink-to-etc-passwd",
        "ZX316",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.symlink_to("/etc/passwd")),
    ),
    Case(
        "symlink-relative-out",
        "ZX316",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.symlink_to(os.path.relpath(outside(t.parent.parent), t.parent))),
    ),
    Case(
        "symlink-to-dev-zero",
        "ZX316",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.symlink_to("/dev/zero")),
    ),
    Case(
        "attachments-folder-linked-out", "ZX316", EXIT_FINDINGS, DOSSIER, LINE, _linked_attachments
    ),
    Case(
        "dangling-symlink",
        "ZX310",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.symlink_to("nowhere.pdf")),
    ),
    Case(
        "symlink-loop", "ZX319", EXIT_FINDINGS, DOSSIER, LINE, scan(lambda t: t.symlink_to(t.name))
    ),
    Case("fifo", "ZX318", EXIT_FINDINGS, DOSSIER, LINE, scan(lambda t: os.mkfifo(t))),
    Case("directory", "ZX317", EXIT_FINDINGS, DOSSIER, LINE, scan(lambda t: t.mkdir())),
    Case(
        "path-is-the-folder",
        "ZX317",
        EXIT_FINDINGS,
        DOSSIER,
        "path: attachments/",
        declare("attachments/"),
    ),
    Case("empty-file", "ZX320", EXIT_FINDINGS, DOSSIER, LINE, scan(lambda t: t.write_bytes(b""))),
    Case("sparse-60mb", "ZX321", EXIT_FINDINGS, DOSSIER, LINE, scan(_sparse)),
    Case(
        "truncated-pdf",
        "ZX326",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.write_bytes(PDF[: len(PDF) // 2])),
    ),
    Case(
        "pdf-header-only",
        "ZX326",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.write_bytes(b"%PDF-1.7\n")),
    ),
    Case(
        "encrypted-pdf",
        "ZX327",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.write_bytes(tiny_pdf(password="secret"))),
    ),
    Case(
        "png-named-pdf", "ZX324", EXIT_FINDINGS, DOSSIER, LINE, scan(lambda t: t.write_bytes(PNG))
    ),
    Case(
        "text-named-pdf",
        "ZX322",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.write_bytes("这是一份申报书".encode())),
    ),
    Case(
        "zip-bomb-docx",
        "ZX323",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        declare("attachments/申报书.docx", _docx_bomb),
    ),
    Case(
        "crowded-zip-docx",
        "ZX323",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        declare("attachments/申报书.docx", _crowded_docx),
    ),
    Case(
        "broken-zip-docx",
        "ZX323",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        declare(
            "attachments/申报书.docx",
            lambda f: (f / "attachments/申报书.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64),
        ),
    ),
    Case("nfd-name", "ZX311", EXIT_FINDINGS, DOSSIER, LINE, _nfd),
    Case(
        "case-differs",
        "ZX312",
        EXIT_FINDINGS,
        DOSSIER,
        LINE,
        scan(lambda t: t.with_name("申报书.PDF").write_bytes(PDF)),
    ),
]
DEVICE = Case("character-device", "ZX318", EXIT_FINDINGS, DOSSIER, LINE, scan(_device))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile-files")
    for case in [*CASES, DEVICE] if IS_ROOT else CASES:
        case.make(copy_dossier(root / "batch" / case.id))
    # A FIFO read without O_NONBLOCK would block forever: the timeout turns that into a
    # failure instead of a hung suite.
    as_json = zx("validate", "batch", "--format", "json", cwd=root, timeout=60)
    as_text = zx("validate", "batch", cwd=root, timeout=60)
    return root, as_json, as_text


def _check(batch, case: Case) -> None:
    root, as_json, as_text = batch
    assert as_json.code == as_text.code == case.exit
    shown = f"batch/{case.id}/{case.file}"
    line = case.expected_line(root / "batch" / case.id)
    assert_finding(as_json.json(), case, shown, line)
    assert text_mentions(as_text.out, shown, line, case.code)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(batch, case: Case) -> None:
    _check(batch, case)


@pytest.mark.skipif(not IS_ROOT, reason="mknod needs root")
def test_device_inside_the_folder_is_not_read(batch) -> None:
    _check(batch, DEVICE)


def test_nothing_outside_was_touched(batch) -> None:
    root = batch[0]
    assert (root / "elsewhere" / "申报书.pdf").read_bytes() == PDF


# ---------------------------------------------------------------------- library level


def test_special_files_are_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError) as caught:
        read_regular(fifo, 1024)  # would block forever without O_NONBLOCK
    assert caught.value.node is NodeKind.FIFO
    with pytest.raises(NotRegularFileError) as caught:
        read_regular(Path("/dev/zero"), 1024)
    assert caught.value.node is NodeKind.DEVICE
    with pytest.raises(NotRegularFileError) as caught:
        read_regular(tmp_path, 1024)
    assert caught.value.node is NodeKind.DIRECTORY


# ---------------------------------------------------------------------- accepted, with care


def _restricted(folder: Path) -> None:
    (folder / DECLARED).write_bytes(tiny_pdf(empty_user=True))


def _linked_inside(folder: Path) -> None:
    # A link that stays inside the folder is fine; two pieces of evidence then share one
    # file (a warning). Two *required* documents sharing one is an error (below).
    evidence = folder / "attachments" / "佐证-实施方案.pdf"
    evidence.unlink()
    evidence.symlink_to("推荐函.pdf")


def _required_linked_inside(folder: Path) -> None:
    (folder / DECLARED).unlink()
    (folder / DECLARED).symlink_to("推荐函.pdf")


ACCEPTED = [
    Case("pdf-with-empty-user-password", "ZX328", EXIT_OK, DOSSIER, LINE, _restricted),
    Case("symlink-inside-the-folder", "ZX332", EXIT_OK, DOSSIER, None, _linked_inside),
]


def test_one_file_linked_as_two_required_documents_is_an_error(tmp_path: Path) -> None:
    """Issue 22: the same file behind two documents 第7条 requires is ZX362, not a warning."""
    folder = copy_dossier(tmp_path / "d")
    _required_linked_inside(folder)
    run = zx("validate", folder, "--format", "json")
    assert run.code == EXIT_FINDINGS
    assert "ZX362" in [f["code"] for f in run.json()["findings"]]


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_warned_but_accepted(tmp_path: Path, case: Case) -> None:
    case.make(copy_dossier(tmp_path / case.id))
    run = zx("validate", case.id, "--format", "json", cwd=tmp_path)
    assert run.code == case.exit, run.out
    assert_finding(
        run.json(), case, f"{case.id}/{case.file}", case.expected_line(tmp_path / case.id)
    )


def test_symlinked_dossier_folder(tmp_path: Path) -> None:
    """A dossier folder that is a link to outside the campaign is an error (ZX042) and
    nothing in it is read, as `zx freeze` refuses it (ZX360): issue 22."""
    campaign = tmp_path / "2025"
    shutil.copytree(SAMPLE_CAMPAIGN, campaign, symlinks=True)
    real = tmp_path / "real" / SUZHOU
    shutil.move(campaign / "dossiers" / SUZHOU, real)
    (campaign / "dossiers" / SUZHOU).symlink_to(real, target_is_directory=True)
    run = zx("validate", "2025", "--format", "json", cwd=tmp_path)
    assert run.code == EXIT_FINDINGS, run.out
    codes = [f["code"] for f in run.json()["findings"]]
    assert codes == ["ZX042"], codes
    assert run.json()["summary"]["dossiers"] == 6
