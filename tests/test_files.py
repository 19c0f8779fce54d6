"""Safe attachment access: paths kept inside the folder, types by magic bytes, one-pass hash."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import signal
import socket
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from zxcli.load.files import (
    MAX_ATTACHMENT_BYTES,
    FileType,
    NodeKind,
    PathProblem,
    PdfState,
    extension_type,
    inspect,
    locate,
    read_content,
    sniff,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf_bytes(pages: int = 1, user_password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@contextmanager
def no_hang(seconds: int = 5) -> Iterator[None]:
    """Fail instead of hanging forever if something opens a FIFO for reading."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _timeout(*_: object) -> None:
        raise TimeoutError("blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "dossier"
    (root / "attachments").mkdir(parents=True)
    return root


def put(folder: Path, rel: str, data: bytes) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------- content


def test_pdf_read_once_hashed_and_parsed(folder: Path) -> None:
    data = pdf_bytes(2)
    put(folder, "attachments/a.pdf", data)
    result = inspect(folder, "attachments/a.pdf")
    assert result.problem is None and result.content is not None
    content = result.content
    assert content.kind is FileType.PDF
    assert content.sha256 == hashlib.sha256(data).hexdigest()
    assert (content.size, content.pdf, content.pages) == (len(data), PdfState.OK, 2)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, FileType.PNG),
        (JPEG, FileType.JPEG),
        (zip_bytes(["OFD.xml", "Doc_0/Document.xml"]), FileType.OFD),
        (zip_bytes(["[Content_Types].xml", "word/document.xml"]), FileType.DOCX),
        (zip_bytes(["word/document.xml"]), FileType.ZIP),
        (zip_bytes(["readme.txt"]), FileType.ZIP),
        (b"PK\x03\x04 not really a zip", FileType.ZIP),
        (b"GIF89a....", FileType.UNKNOWN),
        (b"", FileType.EMPTY),
    ],
)
def test_type_by_magic_bytes(folder: Path, data: bytes, kind: FileType) -> None:
    put(folder, "attachments/x.bin", data)
    content = inspect(folder, "attachments/x.bin").content
    assert content is not None and content.kind is kind
    assert content.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "state"),
    [
        (pdf_bytes(1, user_password="secret"), PdfState.ENCRYPTED),
        (pdf_bytes(1, user_password=""), PdfState.RESTRICTED),
        (pdf_bytes(0), PdfState.NO_PAGES),
        (b"%PDF-1.7\n" + os.urandom(200), PdfState.BROKEN),
        (b"%PDF-", PdfState.BROKEN),
    ],
)
def test_pdf_states(folder: Path, data: bytes, state: PdfState) -> None:
    put(folder, "attachments/x.pdf", data)
    content = inspect(folder, "attachments/x.pdf").content
    assert content is not None and content.kind is FileType.PDF and content.pdf is state


def test_pdf_check_can_be_skipped(folder: Path) -> None:
    put(folder, "attachments/x.pdf", b"%PDF-garbage")
    content = inspect(folder, "attachments/x.pdf", check_pdf=False).content
    assert content is not None and content.pdf is None and content.sha256


def test_pypdf_is_silenced(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    put(folder, "attachments/x.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
    with caplog.at_level(logging.DEBUG, logger="pypdf"):
        inspect(folder, "attachments/x.pdf")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.NOTSET  # restored


def test_size_cap_does_not_read(folder: Path) -> None:
    put(folder, "attachments/big.pdf", pdf_bytes(1))
    content = inspect(folder, "attachments/big.pdf", cap=100).content
    assert content is not None and content.too_large and content.sha256 is None
    assert MAX_ATTACHMENT_BYTES == 50 * 1024 * 1024


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"%PDF-", b"PK\x03\x04"]))
def test_garbage_never_raises(data: bytes, prefix: bytes) -> None:
    raw = prefix + data
    content = read_content(io.BytesIO(raw), len(raw))
    assert content.sha256 == hashlib.sha256(raw).hexdigest()
    assert content.kind is not FileType.PDF or content.pdf is not None


def test_crowded_zip_is_not_opened(folder: Path) -> None:
    put(folder, "attachments/x.ofd", zip_bytes(["OFD.xml", *(f"f{i}" for i in range(20))]))
    content = inspect(folder, "attachments/x.ofd").content
    assert content is not None and content.kind is FileType.OFD
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("zxcli.load.files.MAX_ZIP_ENTRIES", 10)
        content = inspect(folder, "attachments/x.ofd").content
    assert content is not None and content.kind is FileType.ZIP


def test_extension_types() -> None:
    assert extension_type("attachments/a.PDF") is FileType.PDF
    assert extension_type("a.jpeg") is FileType.JPEG and extension_type("a.jpg") is FileType.JPEG
    assert extension_type("a.ofd") is FileType.OFD and extension_type("a.docx") is FileType.DOCX
    assert extension_type("a.doc") is None and extension_type(".pdf") is None
    assert extension_type("noext") is None
    assert sniff(b"") is FileType.EMPTY
    assert sniff(b"PK\x03\x04") is FileType.ZIP  # without the file, no look inside


# ---------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    ("declared", "problem"),
    [
        ("/etc/passwd", PathProblem.ABSOLUTE),
        ("C:/scans/a.pdf", PathProblem.ABSOLUTE),
        ("C:\\scans\\a.pdf", PathProblem.ABSOLUTE),
        ("\\\\server\\share\\a.pdf", PathProblem.ABSOLUTE),
        ("attachments\\a.pdf", PathProblem.BACKSLASH),
        ("../x.pdf", PathProblem.PARENT),
        ("attachments/../../x.pdf", PathProblem.PARENT),
        ("attachments/none.pdf", PathProblem.MISSING),
        ("nowhere/none.pdf", PathProblem.MISSING),
    ],
)
def test_path_syntax(folder: Path, declared: str, problem: PathProblem) -> None:
    (folder.parent / "x.pdf").write_bytes(pdf_bytes())
    assert locate(folder, declared).problem is problem


def test_dot_segments_and_inside_symlink_are_fine(folder: Path) -> None:
    put(folder, "attachments/a.pdf", pdf_bytes())
    os.symlink("a.pdf", folder / "attachments" / "link.pdf")
    assert locate(folder, "./attachments/a.pdf").problem is None
    found = locate(folder, "attachments/link.pdf")
    assert found.problem is None and found.path == (folder / "attachments/a.pdf").resolve()


def test_symlink_leaving_the_folder(folder: Path) -> None:
    outside = folder.parent / "secret.pdf"
    outside.write_bytes(pdf_bytes())
    os.symlink(outside, folder / "attachments" / "a.pdf")
    os.symlink(folder.parent, folder / "up")
    assert locate(folder, "attachments/a.pdf").problem is PathProblem.OUTSIDE
    assert locate(folder, "up/secret.pdf").problem is PathProblem.OUTSIDE
    assert inspect(folder, "attachments/a.pdf").content is None


def test_dangling_symlink_is_missing(folder: Path) -> None:
    os.symlink("nothing.pdf", folder / "attachments" / "a.pdf")
    assert locate(folder, "attachments/a.pdf").problem is PathProblem.MISSING


def test_symlink_loop_is_unreadable(folder: Path) -> None:
    os.symlink("b.pdf", folder / "attachments" / "a.pdf")
    os.symlink("a.pdf", folder / "attachments" / "b.pdf")
    found = locate(folder, "attachments/a.pdf")
    assert found.problem is PathProblem.UNREADABLE and found.reason


def test_directory_is_not_regular(folder: Path) -> None:
    found = locate(folder, "attachments")
    assert (found.problem, found.node) == (PathProblem.NOT_REGULAR, NodeKind.DIRECTORY)
    assert locate(folder, ".").node is NodeKind.DIRECTORY


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_never_opened(folder: Path) -> None:
    os.mkfifo(folder / "attachments" / "pipe.pdf")
    with no_hang():
        result = inspect(folder, "attachments/pipe.pdf")
    assert (result.problem, result.located.node) == (PathProblem.NOT_REGULAR, NodeKind.FIFO)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_socket_is_not_regular(folder: Path) -> None:
    path = folder / "attachments" / "s.pdf"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError:
        pytest.skip("socket path too long here")
    try:
        assert locate(folder, "attachments/s.pdf").node is NodeKind.SOCKET
    finally:
        server.close()


@pytest.mark.skipif(sys.platform == "darwin", reason="APFS treats NFC and NFD names alike")
def test_nfd_name_is_reported_with_the_name_on_disk(folder: Path) -> None:
    nfc = "attachments/负责声明（盖章）é.pdf"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    put(folder, nfd, pdf_bytes())
    found = locate(folder, nfc)
    assert (found.problem, found.found) == (PathProblem.NORMALISATION, nfd)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="case-insensitive by default")
def test_case_difference_is_reported(folder: Path) -> None:
    put(folder, "attachments/Scan.PDF", pdf_bytes())
    found = locate(folder, "attachments/scan.pdf")
    assert (found.problem, found.found) == (PathProblem.CASE, "attachments/Scan.PDF")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(folder: Path) -> None:
    path = put(folder, "attachments/a.pdf", pdf_bytes())
    path.chmod(0)
    try:
        result = inspect(folder, "attachments/a.pdf")
        assert result.problem is PathProblem.UNREADABLE and result.located.reason
    finally:
        path.chmod(0o644)


class _Trickle(io.BytesIO):
    """A stream that returns at most `step` bytes a read, as a short read may."""

    def __init__(self, data: bytes, step: int) -> None:
        super().__init__(data)
        self.step = step

    def read(self, size: int | None = -1) -> bytes:
        return super().read(self.step if size is None or size < 0 else min(size, self.step))


@pytest.mark.parametrize("step", [1, 3, 1 << 20])
@pytest.mark.parametrize(
    "length, first, limit",
    [
        (0, 1, 5),
        (10, 11, 11),
        (10, 5, 100),
        (100, 11, 11),
        (200_000, 11, 150_000),
    ],
)
def test_read_up_to_reads_all_there_is_up_to_the_limit(
    step: int, length: int, first: int, limit: int
) -> None:
    from zxcli.load.files import read_up_to

    data = bytes(range(256)) * (length // 256 + 1)
    data = data[:length]
    assert read_up_to(_Trickle(data, step), first, limit) == data[:limit]
