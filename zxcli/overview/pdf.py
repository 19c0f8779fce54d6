"""The overview's HTML through headless Chromium: PDF (A4, from the page's print CSS),
and, for tests and the docs, a screenshot or the DOM after the page's script ran.

Chromium is looked up as ZX_CHROMIUM (a program name or path), else chromium,
chromium-browser, google-chrome; Debian's package installs /usr/bin/chromium. Each run
gets a throw-away profile, no network (every host name resolves to nothing), and is
killed with its whole process group after `timeout` seconds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from zxcli.catalog import rule
from zxcli.errors import OutputError, UsageError

TIMEOUT_SECONDS = 120
PROGRAMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_MISSING = "ZX821"
CHROMIUM_FAILED = "ZX822"
CHROMIUM_TIMEOUT = "ZX823"


class _ChromiumError:
    """Shown with the catalog's words, also when the error reaches a caller other than the
    CLI."""

    code: str
    params: dict[str, object]

    def __str__(self) -> str:
        entry = rule(self.code)
        message, hint = entry.render("zh", self.params), entry.render_hint("zh", self.params)
        return f"{self.code} {message}（{hint}）"


class ChromiumMissingError(_ChromiumError, UsageError):
    """No Chromium to print the PDF with (exit 2)."""

    def __init__(self) -> None:
        UsageError.__init__(self, CHROMIUM_MISSING)


class ChromiumFailedError(_ChromiumError, OutputError):
    """Chromium ran but produced nothing usable (exit 2)."""

    def __init__(self, target: str, reason: str) -> None:
        OutputError.__init__(self, CHROMIUM_FAILED, target=target, reason=reason)


class ChromiumTimeoutError(_ChromiumError, OutputError):
    def __init__(self, seconds: float) -> None:
        OutputError.__init__(self, CHROMIUM_TIMEOUT, seconds=int(seconds))


def chromium() -> str | None:
    """The Chromium program, or None when none is installed."""
    override = os.environ.get("ZX_CHROMIUM")
    if override:
        return shutil.which(override)
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    program = chromium()
    if program is None:
        raise ChromiumMissingError()
    return program


def html_to_pdf(html: Path, pdf: Path, timeout: float = TIMEOUT_SECONDS) -> None:
    """Print the page at `html` to `pdf` (A4 and margins come from its @page rule)."""
    _run(
        [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "--print-to-pdf-no-header"],
        html,
        timeout,
        pdf.name,
    )
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ChromiumFailedError(pdf.name, "no PDF was produced")


def screenshot(
    html: Path, png: Path, width: int = 1280, height: int = 2400, timeout: float = TIMEOUT_SECONDS
) -> None:
    """A PNG of the top `height` pixels of the page, `width` pixels wide."""
    _run(
        [f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars"],
        html,
        timeout,
        png.name,
    )
    if not png.is_file() or png.stat().st_size == 0:
        raise ChromiumFailedError(png.name, "no screenshot was produced")


def dump_dom(html: Path, timeout: float = TIMEOUT_SECONDS) -> str:
    """The DOM as serialised after the page's own script ran."""
    return _run(["--dump-dom"], html, timeout, html.name)


def _run(extra: Sequence[str], html: Path, timeout: float, target: str) -> str:
    program = require_chromium()
    with tempfile.TemporaryDirectory(prefix="zx-chromium-") as profile:
        command = [program, *_flags(profile), *extra, html.resolve().as_uri()]
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            raise ChromiumFailedError(target, exc.strerror or str(exc)) from None
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.communicate()
            raise ChromiumTimeoutError(timeout) from None
    if process.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise ChromiumFailedError(
            target, lines[0] if lines else f"exit status {process.returncode}"
        )
    return out.decode("utf-8", "replace")


def _flags(profile: str) -> list[str]:
    flags = [
        "--headless",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--mute-audio",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=10000",
        "--run-all-compositor-stages-before-draw",
    ]
    if _needs_no_sandbox():
        flags.append("--no-sandbox")
    return flags


@cache
def _needs_no_sandbox() -> bool:
    # Chromium refuses to start its sandbox as root (containers, CI); elsewhere it stays on.
    forced = os.environ.get("ZX_CHROMIUM_NO_SANDBOX", "") not in ("", "0")
    return forced or (hasattr(os, "geteuid") and os.geteuid() == 0)


def _kill(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):  # POSIX: the group we started, renderer processes included
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
