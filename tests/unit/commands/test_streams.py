"""What the operating system can do to a run, as coded errors (zxcli/commands/streams.py)."""

from __future__ import annotations

import errno
import json
import os

from zxcli.commands import streams


def test_an_os_error_naming_a_file_is_zx910_with_the_path() -> None:
    long = "a" * 300
    err = streams.os_error(OSError(errno.ENAMETOOLONG, "File name too long", f"out/{long}"))
    assert err.code == "ZX910" and err.exit_code == 2
    assert err.params["target"].endswith(long) and err.params["reason"] == "File name too long"


def test_a_gbk_file_name_in_an_os_error_is_escaped() -> None:
    name = os.fsdecode("苏州".encode("gbk"))
    err = streams.os_error(PermissionError(errno.EACCES, "Permission denied", name))
    assert err.params["target"] == "\\xcb\\xd5\\xd6\\xdd"


def test_a_closed_pipe_is_zx912() -> None:
    assert streams.os_error(BrokenPipeError(errno.EPIPE, "Broken pipe")).code == "ZX912"


def test_a_full_disk_under_stdout_is_zx911() -> None:
    err = streams.os_error(OSError(errno.ENOSPC, "No space left on device"))
    assert err.code == "ZX911" and err.params["reason"] == "No space left on device"


def test_escapes_are_json_escapes() -> None:
    """An ASCII console gets \\uXXXX, which inside a JSON string is the character itself;
    a character beyond the BMP becomes its UTF-16 pair, as JSON spells it."""
    streams.prepare_streams()  # registers the handler, forgets earlier escapes
    assert streams.escaped_notice() is None
    text = "通过😀é"
    escaped = text.encode("ascii", errors="zx.escape")
    assert json.loads(b'"' + escaped + b'"') == text
    notice = streams.escaped_notice()
    assert notice is not None and notice.code == "ZX913"
    assert notice.params["encoding"] == "ascii"
    streams.prepare_streams()
    assert streams.escaped_notice() is None  # one run's notice, not the next one's
