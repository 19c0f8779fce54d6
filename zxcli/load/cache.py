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
keep, e.g. actions/cache). `zx validate --no-cache` bypasses it; deleting the folder is
always safe.

What an entry can make zx say is what zx itself would say, so the folder is guarded:
- entries are plain data (load/plain.py: JSON of registered types, never a pickle), each
  with an HMAC-SHA256 of its key and bytes under a per-user secret kept in the folder
  (`secret`, 32 random bytes, mode 0600); an entry that does not verify (flipped, moved to
  another key, written without the secret) is a miss, and is never decoded;
- the folder is used only when it is yours and no one else can change it: it, and every
  folder above it, owned by you (or root above it), not writable by group or others
  (above it: unless sticky, as /tmp is), no symbolic link on its path owned by someone
  else, and the secret a regular file of yours that only you can read. Otherwise the run
  says why once (ZX050-ZX054, on stderr) and goes on uncached;
- entries are written to a temporary file and renamed into place, so concurrent runs read
  either a whole entry or none;
- LRU: a hit touches its entry; after a run that wrote entries, the oldest go until the
  folder holds at most `ZX_CACHE_MAX_MB` (default 256) megabytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from zxcli import __version__
from zxcli.errors import ZxError
from zxcli.load import plain

FORMAT = 2  # the layout of an entry: 1 was a pickle; 2 plain data with an HMAC
SECRET = "secret"
_SECRET_BYTES = 32
_MAGIC = b"zx-cache-%d\n" % FORMAT
DEFAULT_MAX_MB = 256
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
            digest.update(_utf8(f"|{path}|{info.st_size}|{info.st_mtime_ns}"))
    return digest.hexdigest()


def _utf8(text: str) -> bytes:
    """Text that may hold a path's undecodable bytes (a folder named in GBK holds
    surrogate escapes) as bytes, one to one."""
    return text.encode("utf-8", "surrogatepass")


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


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)


def file_key(path: Path, label: str) -> str | None:
    """The key of one regular file's bytes (with `label` and zx), or None."""
    digest = hashlib.sha256(_utf8(f"{zx_fingerprint()}|file|{label}|{path}"))
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


class CacheRefused(ZxError):
    """The cache folder or its secret cannot be trusted or used: the run goes on uncached
    (a warning on stderr, ZX050-ZX054; never a finding, never a change of verdict)."""


def _refuse(code: str, path: Path | str, **params: Any) -> CacheRefused:
    return CacheRefused(code, path=os.fsdecode(path), **params)


def open_folder(folder: Path) -> tuple[Path, bytes]:
    """The real path and the secret of a cache folder that only this user can change,
    made if missing; CacheRefused says why the folder is not used."""
    if not hasattr(os, "geteuid"):  # no POSIX owners and modes to check: not trusted
        raise _refuse("ZX053", folder, reason="owners and permissions cannot be checked")
    try:
        real = _guarded(folder)
        return real, _secret(real)
    except CacheRefused:
        raise
    except OSError as exc:
        raise _refuse("ZX053", folder, reason=exc.strerror or str(exc)) from exc


def _guarded(folder: Path) -> Path:
    """The folder's real path, made (0700) where missing, after checking each component:
    a symbolic link on the way must be yours or root's; each folder above must be yours
    or root's and not writable by others unless sticky; the folder itself yours and
    writable by you alone."""
    uid = os.geteuid()
    path = Path(os.path.abspath(folder))
    for current in (*reversed(path.parents), path):
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(current, 0o700)
            info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode) and info.st_uid not in (uid, 0):
            raise _refuse("ZX051", current, owner=info.st_uid)
    real = Path(os.path.realpath(path))
    for current in (*reversed(real.parents), real):
        info = os.stat(current)
        if not stat.S_ISDIR(info.st_mode):
            raise _refuse("ZX053", current, reason=os.strerror(20))  # ENOTDIR
        last = current == real
        if info.st_uid != uid and (last or info.st_uid != 0):
            raise _refuse("ZX051", current, owner=info.st_uid)
        if info.st_mode & 0o022 and (last or not info.st_mode & stat.S_ISVTX):
            raise _refuse("ZX050", current, mode=f"{stat.S_IMODE(info.st_mode):04o}")
    return real


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _secret(folder: Path, make: bool = True) -> bytes:
    path = folder / SECRET
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        if not make:
            raise
        _make_secret(path)
        return _secret(folder, make=False)
    except OSError as exc:  # ELOOP: a symbolic link where the secret goes
        raise _refuse("ZX052", path) from exc
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_mode & 0o077
            or info.st_size != _SECRET_BYTES
        ):
            raise _refuse("ZX052", path)
        data = os.read(fd, _SECRET_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != _SECRET_BYTES:
        raise _refuse("ZX052", path)
    return data


def _make_secret(path: Path) -> None:
    """32 random bytes, 0600, written whole before it takes its name; a concurrent run
    that made one first keeps its own."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")  # 0600, O_EXCL
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_SECRET_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def max_bytes() -> int:
    """The size cap: `ZX_CACHE_MAX_MB` megabytes (a positive number), else 256."""
    text = os.environ.get("ZX_CACHE_MAX_MB", "").strip()
    if not text:
        return DEFAULT_MAX_MB * 1024 * 1024
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 1 << 40:
        raise CacheRefused("ZX054", value=text)
    return int(value * 1024 * 1024)


_written: set[Path] = set()  # folders a Store of this process wrote to, until pruned


class Store:
    """Entries keyed by `context` (the campaign, zx, the options) and each dossier's tree.

    Raises CacheRefused when the folder cannot be trusted (open_folder)."""

    def __init__(self, folder: Path, context: str) -> None:
        self.cap = max_bytes()
        self.root, self.secret = open_folder(folder)  # the real path that was checked
        self.folder = self.root / f"v{FORMAT}"
        self.context = context

    def key(self, root: Path, shown: str) -> str | None:
        """The dossier's key, or None when it cannot be cached."""
        try:
            if root.is_symlink() or not root.is_dir():
                return None
            tree = tree_digest(root)
        except (Uncacheable, OSError):
            return None
        return hashlib.sha256(_utf8(f"{self.context}|{shown}|{tree}")).hexdigest()

    def _path(self, key: str) -> Path:
        return Path(self._where(key))

    def _where(self, key: str) -> str:
        # a string, not a Path: pathlib's joins cost more than reading a small entry
        return os.path.join(self.folder, key[:2], key + ".zxc")

    def _mac(self, key: str, payload: bytes) -> bytes:
        message = _MAGIC + key.encode("ascii") + b"\0" + payload
        return hmac.new(self.secret, message, hashlib.sha256).digest()

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None: missing, half-written, too big, not a
        regular file, or not sealed with this folder's secret for this key (such an entry
        is never decoded)."""
        raw = _read_entry(self._where(key), self.cap)
        if raw is None or not raw.startswith(_MAGIC):
            return None
        mac, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        if not hmac.compare_digest(mac, self._mac(key, payload)):
            return None
        try:
            return plain.loads(payload)
        except plain.Malformed:
            return None

    def put(self, key: str, value: Any) -> None:
        """Write atomically; a cache that cannot be written is no error, only slower."""
        try:
            payload = plain.dumps(value)
        except (TypeError, ValueError, RecursionError):  # a type nobody registered
            return
        target = self._path(key)
        try:
            for folder in (self.folder, target.parent):
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder, 0o700)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".zxc")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(_MAGIC + self._mac(key, payload) + payload)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return
        _written.add(self.root)


def _read_entry(path: str, cap: int) -> bytes | None:
    """An entry's bytes, its time touched (the LRU's clock); None for anything but a
    regular file of at most `cap` bytes."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > cap:
                return None
            with contextlib.suppress(OSError):
                os.utime(fd)
            return handle.read(cap + 1)
    except OSError:
        return None


def prune_written() -> None:
    """After a run's puts: each folder written to, pruned to the size cap."""
    while _written:
        folder = _written.pop()
        with contextlib.suppress(OSError, CacheRefused):
            prune(folder, max_bytes())


def prune(folder: Path, cap: int) -> None:
    """Delete the least recently used entries (oldest modification time first) until the
    folder holds at most `cap` bytes; the secret stays."""
    entries = sorted(_entries(folder, top=True))
    total = sum(size for _, size, _ in entries)
    for _, size, path in entries:
        if total <= cap:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size


def _entries(folder: Path, top: bool = False) -> list[tuple[int, int, str]]:
    """(modification time, size, path) of every file below `folder`, links not followed."""
    found: list[tuple[int, int, str]] = []
    with os.scandir(folder) as listing:
        for entry in listing:
            if top and entry.name == SECRET:
                continue
            if entry.is_dir(follow_symlinks=False):
                found += _entries(Path(entry.path))
            else:
                info = entry.stat(follow_symlinks=False)
                found.append((info.st_mtime_ns, info.st_size, entry.path))
    return found


def context_key(parts: list[str], files: list[Path]) -> str:
    """A key of `parts` and the bytes of `files` (a missing file counts as missing)."""
    digest = hashlib.sha256(zx_fingerprint().encode())
    for part in parts:
        digest.update(b"|" + _utf8(part))
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
