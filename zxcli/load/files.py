"""Reading a declared attachment safely: where it is, what it really is, its SHA-256.

A dossier names its scans by relative path. Those paths come from a YAML file that anyone
can edit, and the folder may arrive as an archive from another office, so nothing here
trusts either: a path must stay inside the dossier folder (no absolute path, no `..`, no
symlink leading out), only regular files are opened (a FIFO would block the reader
forever, a device could be endless), sizes are capped, and the type is read from the
file's first bytes, not from its name.

This module knows nothing about the policy and spells no messages: it answers with enums
and dataclasses, and the rule families turn them into coded findings.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import logging
import os
import re
import stat
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # a scanned official letter is a few MB at most
MAX_ZIP_ENTRIES = 10_000  # entries looked at to tell OFD and DOCX from other zips
MAX_UNZIPPED_BYTES = 4 * MAX_ATTACHMENT_BYTES  # an OFD or DOCX unpacking to more is a bomb
_BLOCK = 1 << 16
_HEAD = 64  # the first bytes kept for sniffing: every magic number is shorter

# os.open flags: O_NONBLOCK so that a FIFO swapped in after our stat() cannot block the
# open; O_NOFOLLOW so that a symlink swapped in for the checked file is refused.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)
_DRIVE = re.compile(r"^[A-Za-z]:")

_PDF_MAGIC = b"%PDF-"
_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_EOCD_MAGIC = b"PK\x05\x06"
_EOCD_SIZE = 22


class FileType(str, Enum):
    """What a file is, judged by its content."""

    PDF = "PDF"
    JPEG = "JPEG"
    PNG = "PNG"
    OFD = "OFD"
    DOCX = "DOCX"
    ZIP = "ZIP"  # a zip archive that is neither OFD nor DOCX, or a damaged one
    EMPTY = "EMPTY"
    UNKNOWN = "UNKNOWN"


EXTENSION_TYPES: dict[str, FileType] = {
    ".pdf": FileType.PDF,
    ".jpg": FileType.JPEG,
    ".jpeg": FileType.JPEG,
    ".png": FileType.PNG,
    ".ofd": FileType.OFD,
    ".docx": FileType.DOCX,
}


def extension_type(declared: str) -> FileType | None:
    """The type a name promises by its extension (case-insensitive), or None."""
    name = declared.replace("\\", "/").rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return EXTENSION_TYPES.get(name[dot:].lower()) if dot > 0 else None


class PathProblem(str, Enum):
    """Why a declared path does not lead to a readable regular file inside the folder."""

    ABSOLUTE = "absolute"  # /x, C:/x, C:\x, \\server\x
    PARENT = "parent"  # a `..` segment
    BACKSLASH = "backslash"  # attachments\x.pdf: Windows separators
    MISSING = "missing"
    NORMALISATION = "normalisation"  # exists, but spelled in another Unicode form (NFC/NFD)
    CASE = "case"  # exists, but with other upper/lower case
    OUTSIDE = "outside"  # a symlink (the file or a folder on the way) leads out
    NOT_REGULAR = "not_regular"  # directory, FIFO, device, socket
    UNREADABLE = "unreadable"  # permission denied, symlink loop…


class NodeKind(str, Enum):
    """What sits at a path that is not a regular file."""

    DIRECTORY = "directory"
    FIFO = "FIFO"
    SOCKET = "socket"
    DEVICE = "device"
    OTHER = "other"


class PdfState(str, Enum):
    OK = "ok"
    BROKEN = "broken"  # pypdf cannot parse it
    ENCRYPTED = "encrypted"  # needs a password to open
    RESTRICTED = "restricted"  # encrypted with an empty user password: opens, but locked
    NO_PAGES = "no_pages"
    TIMEOUT = "timeout"  # not parsed within the work budget: not checked, never a pass
    TOO_COSTLY = "too_costly"  # parsing needed more memory than allowed: not checked either


@dataclass(frozen=True)
class Located:
    """Where a declared path leads."""

    declared: str
    path: Path | None = None  # the real path, set when the file is a regular file inside
    problem: PathProblem | None = None
    found: str | None = None  # NORMALISATION/CASE: the name as it is on disk
    node: NodeKind | None = None  # NOT_REGULAR: what is there instead
    reason: str | None = None  # UNREADABLE: the operating system's reason


@dataclass(frozen=True)
class Content:
    """What a regular file holds."""

    size: int
    kind: FileType
    sha256: str | None  # None when the file is over the cap and was not read
    too_large: bool = False
    pdf: PdfState | None = None  # set for a PDF when a PDF check was asked for
    pages: int | None = None


@dataclass(frozen=True)
class Inspection:
    located: Located
    content: Content | None = None

    @property
    def problem(self) -> PathProblem | None:
        return self.located.problem


# ---------------------------------------------------------------------- paths


def locate(root: Path, declared: str, folders: dict[str, bool] | None = None) -> Located:
    """Resolve `declared` (relative, `/`-separated) inside the folder `root`.

    `folders`, kept by a caller locating many files under one root in one go (a
    dossier's attachments), remembers which folders on the way are symlinks, so that
    `attachments/` is looked at once, not once per file.
    """
    problem = _syntax_problem(declared)
    if problem is not None:
        return Located(declared, problem=problem)
    parts = [p for p in declared.split("/") if p not in ("", ".")]
    candidate = root.joinpath(*parts)
    try:
        mode = os.lstat(candidate).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _near_miss(root, declared, parts)
    except (OSError, ValueError) as exc:
        return _unreadable(declared, exc)
    if stat.S_ISLNK(mode) or _links_below(root, parts[:-1], {} if folders is None else folders):
        return _inside(root, declared, candidate)
    # Nothing under root is a link, so the file is where it is written and lstat() has
    # said what it is: no need to resolve the whole absolute path (a system call per
    # component) nor to stat it again.
    if not stat.S_ISREG(mode):
        return Located(declared, problem=PathProblem.NOT_REGULAR, node=node_kind(mode))
    return Located(declared, path=candidate)


def _links_below(root: Path, folders: list[str], seen: dict[str, bool]) -> bool:
    """Is any of the folders on the way from `root` down a symlink?"""
    for depth in range(1, len(folders) + 1):
        key = "/".join(folders[:depth])
        if key not in seen:
            seen[key] = os.path.islink(root.joinpath(*folders[:depth]))
        if seen[key]:
            return True
    return False


def _syntax_problem(declared: str) -> PathProblem | None:
    if declared.startswith(("/", "\\")) or _DRIVE.match(declared):
        return PathProblem.ABSOLUTE
    if "\\" in declared:
        return PathProblem.BACKSLASH
    if ".." in declared.split("/"):
        return PathProblem.PARENT
    return None


def _inside(root: Path, declared: str, candidate: Path) -> Located:
    """Follow symlinks; the target must stay in `root` and be a regular file."""
    try:
        real = candidate.resolve()
        home = root.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop before 3.13
        return _unreadable(declared, exc)
    if not real.is_relative_to(home):
        return Located(declared, problem=PathProblem.OUTSIDE)
    return _regular(declared, real)


def _regular(declared: str, real: Path) -> Located:
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:  # a dangling symlink
        return Located(declared, problem=PathProblem.MISSING)
    except OSError as exc:
        return _unreadable(declared, exc)
    if not stat.S_ISREG(mode):
        return Located(declared, problem=PathProblem.NOT_REGULAR, node=node_kind(mode))
    return Located(declared, path=real)


def node_kind(mode: int) -> NodeKind:
    if stat.S_ISDIR(mode):
        return NodeKind.DIRECTORY
    if stat.S_ISFIFO(mode):
        return NodeKind.FIFO
    if stat.S_ISSOCK(mode):
        return NodeKind.SOCKET
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return NodeKind.DEVICE
    return NodeKind.OTHER


def _unreadable(declared: str, exc: BaseException) -> Located:
    if isinstance(exc, RuntimeError):
        reason = os.strerror(errno.ELOOP)
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
    else:
        reason = type(exc).__name__
    return Located(declared, problem=PathProblem.UNREADABLE, reason=reason)


def _near_miss(root: Path, declared: str, parts: list[str]) -> Located:
    """A missing path whose segments exist under another Unicode form or letter case.

    macOS writes names decomposed (NFD), Windows and most editors composed (NFC): a name
    copied from one into the other looks identical and still is not found.
    """
    current, found, hows = root, [], set()
    for part in parts:
        entry, how = _match_entry(current, part)
        if entry is None:
            return Located(declared, problem=PathProblem.MISSING)
        hows.add(how)
        found.append(entry)
        current = current / entry
    # A difference in case is the one to tell: fixing it fixes the form too.
    for problem in (PathProblem.CASE, PathProblem.NORMALISATION):
        if problem in hows:
            return Located(declared, problem=problem, found="/".join(found))
    # Every segment exists after all: the file appeared while we looked.
    return Located(declared, problem=PathProblem.MISSING)


def _match_entry(folder: Path, part: str) -> tuple[str | None, PathProblem | None]:
    if os.path.lexists(folder / part):
        return part, None
    try:
        names = os.listdir(folder)
    except OSError:
        return None, None
    wanted = unicodedata.normalize("NFC", part)
    for name in names:
        if unicodedata.normalize("NFC", name) == wanted:
            return name, PathProblem.NORMALISATION
    for name in names:
        if unicodedata.normalize("NFC", name).casefold() == wanted.casefold():
            return name, PathProblem.CASE
    return None, None


# ---------------------------------------------------------------------- whole small files


class NotRegularFileError(OSError):
    """A FIFO, device, socket or directory where a file was expected; it was not read."""

    def __init__(self, node: NodeKind) -> None:
        super().__init__(errno.EINVAL, node.value)
        self.node = node


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `cap` + 1.

    More than `cap` bytes back means the file is larger than `cap`. Anything but a regular
    file raises `NotRegularFileError` before a byte is read: opening is non-blocking, so a
    FIFO without a writer does not hang, and /dev/zero is never read. Other failures raise
    the `OSError` of the operating system (FileNotFoundError, PermissionError…).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(node_kind(info.st_mode))
    except BaseException:
        os.close(fd)
        raise
    # Unbuffered, asking for the size fstat() gave: read(cap + 1) from a buffered file
    # allocates the whole cap (2 MB) for every few-KB file first.
    with io.FileIO(fd, "rb") as handle:
        return read_up_to(handle, min(info.st_size, cap) + 1, cap + 1)


def read_up_to(handle: BinaryIO, first: int, limit: int) -> bytes:
    """Up to `limit` bytes: `first` asked for at once (the size fstat() gave, plus one to
    see a file that grew), then the rest, if any, a block at a time."""
    chunks = []
    size = 0
    want = min(first, limit)
    while size < limit:
        block = handle.read(want)
        if not block:
            break
        chunks.append(block)
        size += len(block)
        want = min(_BLOCK, limit - size)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


# ---------------------------------------------------------------------- content


def inspect(
    root: Path,
    declared: str,
    *,
    cap: int = MAX_ATTACHMENT_BYTES,
    check_pdf: bool = True,
    folders: dict[str, bool] | None = None,
) -> Inspection:
    """Locate `declared` in `root`, then read it once: size, type, SHA-256, PDF state."""
    located = locate(root, declared, folders)
    if located.path is None:
        return Inspection(located)
    try:
        fd = os.open(located.path, _OPEN_FLAGS)
    except OSError as exc:
        return Inspection(_unreadable(declared, exc))
    with io.FileIO(fd, "rb") as handle:  # unbuffered: small files are read in one call
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since we looked
            return Inspection(
                Located(declared, problem=PathProblem.NOT_REGULAR, node=node_kind(info.st_mode))
            )
        # The file as fstat() sees it, and every limit its reading depends on.
        key = (
            info.st_dev,
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            cap,
            check_pdf,
            MAX_ZIP_ENTRIES,
            MAX_UNZIPPED_BYTES,
            _pdf_budget(),
        )
        content = _SEEN.get(key)
        if content is None:
            try:
                content = read_content(handle, info.st_size, cap, check_pdf)
            except OSError as exc:
                return Inspection(_unreadable(declared, exc))
            _remember(key, content)
    return Inspection(located, content)


# Each distinct file is read, hashed and parsed once, however many entries name it: a
# dossier listing one 50 MB scan a thousand times must cost one read, not a thousand. The
# key is what fstat() says of the open file, so a file changed since (new size, new mtime
# or ctime, a new inode) is read again. Bounded, oldest forgotten first.
_SEEN: dict[tuple[object, ...], Content] = {}
_SEEN_MAX = 1024


def _remember(key: tuple[object, ...], content: Content) -> None:
    if len(_SEEN) >= _SEEN_MAX:
        del _SEEN[next(iter(_SEEN))]
    _SEEN[key] = content


def read_content(
    handle: BinaryIO, size: int, cap: int = MAX_ATTACHMENT_BYTES, check_pdf: bool = True
) -> Content:
    """Hash the whole stream in one pass, sniffing its type from the first block.

    `size` is what fstat() said: a file over the cap is not read at all.
    """
    if size > cap:
        return Content(size=size, kind=FileType.UNKNOWN, sha256=None, too_large=True)
    digest, head, size, whole = _hash(handle, size, cap)
    if size > cap:  # it grew while we read
        return Content(size=size, kind=FileType.UNKNOWN, sha256=None, too_large=True)
    kind = sniff(head, handle)
    state, pages = (
        check_pdf_stream(handle, size, whole)
        if check_pdf and kind is FileType.PDF
        else (None, None)
    )
    return Content(size=size, kind=kind, sha256=digest, pdf=state, pages=pages)


_IN_MEMORY = 8 << 20  # files up to this size are read in one call and kept for the PDF check


def _pdf_budget() -> tuple[object, ...]:
    """The bounds a PDF's verdict depends on (part of the key it is remembered by)."""
    from zxcli.load import pdfbudget

    return pdfbudget.CALLS, pdfbudget.CPU_SECONDS, pdfbudget.CHILD_MEMORY, _IN_MEMORY


def _hash(handle: BinaryIO, expected: int, cap: int) -> tuple[str, bytes, int, bytes | None]:
    """SHA-256, first bytes, size read, and the whole content when it is small.

    A scan of a few hundred KB is read in one system call and its page tree is then read
    from memory (zxcli/load/pdftree.py), not by seeking the file again. A file that turns
    out longer than fstat() said is streamed like a big one.
    """
    if expected <= _IN_MEMORY:
        data = read_up_to(handle, expected + 1, expected + 1)
        if len(data) <= expected:
            return hashlib.sha256(data).hexdigest(), data[:_HEAD], len(data), data
        digest, size, head = hashlib.sha256(data), len(data), data[:_HEAD]
    else:
        digest, size, head = hashlib.sha256(), 0, b""
    while size <= cap:
        block = handle.read(_BLOCK)
        if not block:
            break
        if len(head) < len(_PNG_MAGIC):
            head += block
        size += len(block)
        digest.update(block)
    return digest.hexdigest(), head, size, None


def sniff(head: bytes, handle: BinaryIO | None = None) -> FileType:
    """The type by magic bytes; a zip is opened (not extracted) to tell OFD from DOCX."""
    if not head:
        return FileType.EMPTY
    if head.startswith(_PDF_MAGIC):
        return FileType.PDF
    if head.startswith(_JPEG_MAGIC):
        return FileType.JPEG
    if head.startswith(_PNG_MAGIC):
        return FileType.PNG
    if head.startswith(_ZIP_MAGICS):
        return _zip_type(handle) if handle is not None else FileType.ZIP
    return FileType.UNKNOWN


def _zip_type(handle: BinaryIO) -> FileType:
    try:
        names = {info.filename for info in zip_entries(handle)}
    except ZipRefusedError:  # crowded, a bomb, or damaged: not a usable OFD or DOCX
        return FileType.ZIP
    if "OFD.xml" in names:
        return FileType.OFD
    if {"word/document.xml", "[Content_Types].xml"} <= names:
        return FileType.DOCX
    return FileType.ZIP


class ZipRefusedError(ValueError):
    """A zip archive that is not opened any further; the message says why."""


def zip_entries(
    handle: BinaryIO, *, max_entries: int | None = None, max_unpacked: int | None = None
) -> list[zipfile.ZipInfo]:
    """The entries of a zip archive, read from its central directory; nothing is extracted.

    zipfile reads the whole central directory on open, and a small file can list millions
    of entries: they are counted from the end record first. A zip bomb is a few KB that
    unpack to gigabytes: the sizes the directory declares are added up before anyone
    (openpyxl, say) decompresses a byte — and zipfile stops at the declared size, so a
    smaller lie only ends in a CRC error.
    """
    max_entries = MAX_ZIP_ENTRIES if max_entries is None else max_entries
    max_unpacked = MAX_UNZIPPED_BYTES if max_unpacked is None else max_unpacked
    count = _zip_entry_count(handle)
    if count is None:
        raise ZipRefusedError("not a zip archive")
    if count > max_entries:
        raise ZipRefusedError(f"{count} entries > {max_entries}")
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    # zipfile on a damaged archive raises more than BadZipFile (struct.error, ValueError,
    # EOFError, NotImplementedError…); any of them means "damaged".
    except Exception as exc:
        raise ZipRefusedError(f"damaged ({type(exc).__name__})") from None
    if len(entries) > max_entries:
        raise ZipRefusedError(f"{len(entries)} entries > {max_entries}")
    unpacked = sum(info.file_size for info in entries)
    if unpacked > max_unpacked:
        raise ZipRefusedError(
            f"unpacks to {unpacked // (1 << 20)} MB > {max_unpacked // (1 << 20)} MB"
        )
    return entries


def _zip_entry_count(handle: BinaryIO) -> int | None:
    """Total entries from the end-of-central-directory record, None if there is none."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    tail_size = min(size, _EOCD_SIZE + 0xFFFF)  # the record plus the longest comment
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_EOCD_MAGIC)
    if at < 0 or len(tail) < at + _EOCD_SIZE:
        return None
    return int.from_bytes(tail[at + 10 : at + 12], "little")  # 0xFFFF for ZIP64: refused


def check_pdf_stream(
    handle: BinaryIO, size: int | None = None, data: bytes | None = None
) -> tuple[PdfState, int | None]:
    """Does the PDF open, is it encrypted, how many pages: read from the page tree itself
    when the file is plain (zxcli/load/pdftree.py, given its `size`, and its bytes `data`
    when the caller holds them), else by pypdf under a budget it cannot catch
    (zxcli/load/pdfbudget.py): in this process when the file is in memory, in a child
    process with hard limits when it is larger."""
    if size is not None:
        from zxcli.load import pdftree

        counted = pdftree.page_count(handle if data is None else data, size)
        if counted is not None:
            return (PdfState.OK if counted else PdfState.NO_PAGES), counted
    from zxcli.load import pdfbudget

    _load_pypdf()
    source: BinaryIO = handle if data is None else io.BytesIO(data)  # pypdf reads in small
    # pieces: from memory, not the raw file, when the bytes are at hand
    child = data is None and (size is None or size > _IN_MEMORY)
    try:
        return pdfbudget.bounded(lambda: _pypdf_state(source), child=child)
    except pdfbudget.OverBudget as over:
        return (PdfState.TOO_COSTLY if over.kind == "memory" else PdfState.TIMEOUT), None


def _load_pypdf() -> None:
    """Import pypdf and the parts it imports on first use before any budget counts: the
    first PDF of a run must cost the same count as any other."""
    import pypdf.filters  # noqa: F401  (imports pypdf too)


def _pypdf_state(handle: BinaryIO) -> tuple[PdfState, int | None]:
    from pypdf import PdfReader

    with _quiet_pypdf():
        try:
            handle.seek(0)
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted:
                return _encrypted_state(reader), None
            pages = page_count(reader)
        except MemoryError:  # out of memory is a budget, not a damaged file
            raise
        # pypdf raises anything on a damaged file (PdfReadError, KeyError, ValueError,
        # RecursionError, zlib.error…); every one of them means "does not parse".
        except Exception:
            return PdfState.BROKEN, None
    return (PdfState.OK if pages else PdfState.NO_PAGES), pages


def page_count(reader: Any) -> int:
    """The page count the document declares, once its first page is found where the page
    tree says. Flattening the whole tree (`len(reader.pages)`) costs half of all the time
    validate spends on attachments; an odd tree still gets the full walk."""
    node = reader.root_object["/Pages"].get_object()
    count = int(node["/Count"])
    for _ in range(32):  # page trees are a few levels deep; a loop is no tree
        if count == 0 or node.get("/Type") == "/Page":
            break
        if node.get("/Type") != "/Pages":
            return len(reader.pages)
        node = node["/Kids"][0].get_object()
    else:
        return len(reader.pages)
    return count


def _encrypted_state(reader: object) -> PdfState:
    try:
        opened = reader.decrypt("")  # type: ignore[attr-defined]
    except Exception:  # e.g. AES without the optional cryptography package
        return PdfState.ENCRYPTED
    return PdfState.RESTRICTED if opened else PdfState.ENCRYPTED


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every oddity; our findings already say what matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


__all__ = [
    "EXTENSION_TYPES",
    "MAX_ATTACHMENT_BYTES",
    "MAX_ZIP_ENTRIES",
    "Content",
    "FileType",
    "Inspection",
    "Located",
    "NodeKind",
    "NotRegularFileError",
    "PathProblem",
    "PdfState",
    "ZipRefusedError",
    "extension_type",
    "inspect",
    "locate",
    "read_content",
    "read_regular",
    "sniff",
    "zip_entries",
]
