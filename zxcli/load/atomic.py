"""The one way zx writes a file: atomically, and never over an existing file unless forced.

A temporary file in the target folder is written, flushed to disk, then moved into place,
so an interrupted run leaves either the old file or none — never half a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from zxcli.errors import OutputError
from zxcli.load.display import display_path


def write_all(files: Mapping[Path, bytes], force: bool) -> list[Path]:
    """Write a set of files atomically each; refuse before writing any if one exists."""
    if not force:
        for path in files:
            if path.exists():
                raise OutputError("ZX903", target=display_path(path))
    for path, data in files.items():
        write_atomic(path, data, force)
    return list(files)


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    if path.exists() and not force:
        raise OutputError("ZX903", target=display_path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_temp(path, data)
    except OSError as exc:
        raise OutputError("ZX904", target=display_path(path), reason=exc.strerror) from None
    try:
        _move_into_place(tmp, path, force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_temp(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException:  # a full disk, Ctrl-C…: no half-written temporary file stays
        os.unlink(name)
        raise
    return Path(name)


def _move_into_place(tmp: Path, path: Path, force: bool) -> None:
    try:
        if force:
            os.replace(tmp, path)
        else:
            # link() refuses an existing target, so a file that appeared since our check
            # (another zx run, say) is not clobbered.
            _link_or_replace(tmp, path)
    except FileExistsError:
        raise OutputError("ZX903", target=display_path(path)) from None
    except OSError as exc:
        raise OutputError("ZX904", target=display_path(path), reason=exc.strerror) from None


def _link_or_replace(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except OSError as exc:
        # Some filesystems (FAT, some network shares) have no hard links.
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)
