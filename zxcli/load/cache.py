"""The validate cache: a dossier whose bytes and context are unchanged is not checked again.

A pre-commit hook or a CI job runs `zx validate` over a campaign of which nothing, or one
dossier, changed since the last run. Each dossier's result (its findings, the files it
counted, what the campaign-wide checks need of it) is stored under a key made of:

- the bytes of every file in the dossier's folder (SHA-256 and size, read and hashed on
  every run: a file whose bytes changed never gets an old answer), with the name and kind
  of every entry, so an added, removed or renamed file counts too; a folder holding a
  symbolic link, a special file or something unreadable is never cached;
- the folder as the user named it (findings carry that path);
- the campaign's own files (zx.yaml, the sanctions registry, the review files), byte for
  byte, and the gazetteer and calendar a campaign may point at instead of the bundled ones;
- zx itself: its version, the size and modification time of every file of the installed
  package (code, schemas, the bundled gazetteer and authorities), the versions of the
  libraries whose verdicts it relays (PyYAML, jsonschema, jsonschema-rs, pypdf,
  chinesecalendar, whose tables are the official calendar) and Python's;
- the language of the messages.

Modification times of the inputs are not part of the key: a fresh CI checkout gives every
file a new one, which would make the cache useless exactly where it is kept; the bytes are
hashed instead (what the floor does too).

Where: `$ZX_CACHE_DIR`, else `$XDG_CACHE_HOME/zx`, else `~/.cache/zx` (a path CI caches
keep, e.g. actions/cache). Entries are written to a temporary file and renamed into place,
so concurrent runs read either a whole entry or none; an entry that cannot be read is a
miss. The folder holds pickles: it must be as trusted as zx's own installation (do not
restore it from a cache that untrusted branches can write). `zx validate --no-cache`
bypasses it; deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from zxcli import __version__

FORMAT = 1  # the layout of an entry; bump when Checked or Finding changes shape
_BLOCK = 1 << 20  # large reads: hashing every attachment is most of a cached run
_LIBRARIES = ("pyyaml", "jsonschema", "jsonschema-rs", "pypdf", "chinesecalendar")


def cache_dir() -> Path:
    explicit = os.environ.get("ZX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zx"


class Uncacheable(Exception):
    """The folder holds something whose content a key cannot pin down."""


@cache
def zx_fingerprint() -> str:
    """zx's version, every file of the installed package, its libraries and Python."""
    from importlib import metadata

    from zxcli.resources import bundled_dir

    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"|{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{name}=-".encode())
    package = Path(__file__).resolve().parent.parent  # the whole zxcli package
    for folder in (package, bundled_dir("schemas")):
        for path in sorted(_files(folder)):
            info = path.stat()
            digest.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        out += [Path(dirpath, f) for f in filenames if not f.endswith(".pyc")]
    return out


def tree_digest(root: Path) -> str:
    """Every entry below `root` (name, kind) and every file's size and SHA-256."""
    digest = hashlib.sha256()
    _walk(root, "", digest)
    return digest.hexdigest()


def _walk(folder: Path, prefix: str, digest: Any) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise Uncacheable(str(exc)) from exc
    for entry in entries:
        rel = prefix + entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            digest.update(b"D" + os.fsencode(rel) + b"\0")
            _walk(Path(entry.path), rel + "/", digest)
        elif stat.S_ISREG(mode):
            digest.update(b"F" + os.fsencode(rel) + b"\0")
            file_digest(entry.path, digest)
        else:  # a symbolic link (its target may change), a FIFO, a device
            raise Uncacheable(rel)


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_BINARY", 0))


def file_key(path: Path, label: str) -> str | None:
    """The key of one regular file's bytes (with `label` and zx), or None."""
    text = f"{zx_fingerprint()}|file|{label}|{path}"  # a GBK name keeps its bytes, see key()
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    try:
        file_digest(path, digest)
    except Uncacheable:
        return None
    return digest.hexdigest()


def file_digest(path: Path | str, digest: Any) -> None:
    """Size and SHA-256 of a regular file into `digest`; a link, FIFO or device is
    never opened as a file (it raises Uncacheable)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise Uncacheable(str(path)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Uncacheable(str(path))
        with os.fdopen(fd, "rb") as handle:
            size = 0
            inner = hashlib.sha256()
            while block := handle.read(_BLOCK):
                inner.update(block)
                size += len(block)
    except OSError as exc:
        raise Uncacheable(str(path)) from exc
    digest.update(b"%d:" % size + inner.digest())


class Store:
    """Entries keyed by `context` (the campaign, zx, the options) and each dossier's tree."""

    def __init__(self, folder: Path, context: str) -> None:
        self.folder = folder / f"v{FORMAT}"
        self.context = context

    def key(self, root: Path, shown: str) -> str | None:
        """The dossier's key, or None when it cannot be cached."""
        try:
            if root.is_symlink() or not root.is_dir():
                return None
            tree = tree_digest(root)
        except (Uncacheable, OSError):
            return None
        # surrogatepass: a folder named in GBK (unzipped from Chinese Windows) keeps its
        # bytes in the key instead of failing to encode.
        text = f"{self.context}|{shown}|{tree}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        try:
            with self._path(key).open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # missing, half-written by a crashed run, another format: a miss
            return None

    def put(self, key: str, value: Any) -> None:
        """Write atomically; a cache that cannot be written is no error, only slower."""
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass


def context_key(parts: list[str], files: list[Path]) -> str:
    """A key of `parts` and the bytes of `files` (a missing file counts as missing)."""
    digest = hashlib.sha256(zx_fingerprint().encode())
    for part in parts:
        digest.update(b"|" + part.encode("utf-8", "surrogatepass"))
    for path in files:
        digest.update(b"|" + os.fsencode(str(path)) + b"=")
        if path.is_dir():
            digest.update(tree_digest(path).encode())
        else:
            try:
                file_digest(path, digest)
            except Uncacheable:
                digest.update(b"-")
    return digest.hexdigest()
