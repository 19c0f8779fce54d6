"""What the operating system can do to a run, turned into coded errors (ZX910–ZX914).

A path too long for the file system, a full disk under stdout, a reader that closed the
pipe (`zx validate | head -1`), a working folder deleted under the shell, an output
encoding that cannot write Chinese: none is a bug in zx, so none may end in a traceback or
exit 70. `cli.main` calls `prepare_streams` first and hands any `OSError` that escapes a
command to `os_error`, which says what happened in the catalog's words (exit 2).
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from typing import Any

from zxcli.errors import InputError, OutputError, UsageError, ZxError
from zxcli.load.display import display_path

_HANDLER = "zx.escape"
_escaped: list[str] = []  # the encodings that had to escape a character this run
# Write errors that mean "the output has nowhere to go" rather than "this file is bad".
_FULL = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _escape(error: UnicodeError) -> tuple[str, int]:
    """backslashreplace, but as JSON writes it (`\\u8def`, astral characters as a UTF-16
    pair), and remembered, so that the run ends with one ZX913 notice."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    _escaped.append(error.encoding)
    return "".join(_json_escape(char) for char in text), error.end


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def prepare_streams() -> None:
    """stdout and stderr escape what their encoding cannot write (PYTHONIOENCODING=ascii,
    a Latin-1 locale, a GBK console meeting a rare character) instead of raising."""
    _escaped.clear()  # one run's notice (tests run many in one process)
    try:
        codecs.lookup_error(_HANDLER)
    except LookupError:
        codecs.register_error(_HANDLER, _escape)
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if codecs.lookup(encoding).name != "utf-8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=_HANDLER)


def escaped_notice() -> ZxError | None:
    """ZX913 when some character of this run's output had to be escaped (a warning: the
    output is complete, only spelt differently)."""
    if not _escaped:
        return None
    return UsageError("ZX913", encoding=_escaped[0])


def readable_lang(lang: str) -> str:
    """`lang`, or English when stderr's encoding cannot write Chinese."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    try:
        "中文".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "en"
    return lang


def check_working_folder() -> None:
    """A working folder deleted under the shell: every relative path would be "missing",
    so say what is really wrong before anything looks (ZX914)."""
    try:
        os.getcwd()
    except OSError:
        raise InputError("ZX914") from None


def flush_stdout() -> None:
    """Write what is buffered now, so that a full disk or a closed pipe is met here,
    inside the handlers, not at interpreter exit."""
    sys.stdout.flush()


def os_error(exc: OSError) -> ZxError:
    """The coded error for an OSError that escaped a command."""
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        silence_stdout()
        return OutputError("ZX912")
    if exc.filename is None and (exc.errno in _FULL or _stdout_broken()):
        silence_stdout()
        return OutputError("ZX911", reason=_reason(exc))
    target = exc.filename if exc.filename is not None else "?"
    return InputError("ZX910", target=display_path(os.fsdecode(target)), reason=_reason(exc))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _stdout_broken() -> bool:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        return True
    return False


def silence_stdout() -> None:
    """A stdout that failed keeps its unwritten bytes; the interpreter would flush them
    again at exit and print "Exception ignored". File descriptor 1 is pointed at the null
    device, where that last flush goes."""
    try:
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):  # a test's StringIO has no descriptor
        return
    try:
        os.dup2(null, fd)
    except OSError:
        pass
    finally:
        os.close(null)


def quietly(action: Any, *args: Any, **kwargs: Any) -> None:
    """Print an error without failing again: stderr may be the full disk too."""
    try:
        action(*args, **kwargs)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


__all__ = [
    "check_working_folder",
    "escaped_notice",
    "flush_stdout",
    "os_error",
    "prepare_streams",
    "quietly",
    "readable_lang",
    "silence_stdout",
]
