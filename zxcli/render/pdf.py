"""PDF through LibreOffice, when it is installed.

LibreOffice converts with `soffice --headless --convert-to pdf`. Each run gets its own
throw-away user profile (`-env:UserInstallation`): with the shared one, a LibreOffice
window the user has open makes the conversion silently do nothing, and two zx runs at
once would fight over the profile lock. A run that hangs is killed after a timeout, with
its whole process group (soffice starts soffice.bin as a child).

LibreOffice stamps each PDF with the time of conversion and a random file identifier;
both are replaced (the date of the form, a digest of the source file), so that the same
dossier gives the same PDF bytes too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from zxcli.errors import OutputError, UsageError
from zxcli.results import SILENT, Progress

TIMEOUT_SECONDS = 180
_POLL_SECONDS = 0.25


def soffice() -> str | None:
    """The LibreOffice program, or None when LibreOffice is not installed."""
    override = os.environ.get("ZX_SOFFICE")
    if override:
        return shutil.which(override)
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    program = soffice()
    if program is None:
        raise UsageError("ZX807")
    return program


def to_pdf(
    files: Mapping[str, bytes],
    dates: Mapping[str, dt.date] | None = None,
    timeout: float = TIMEOUT_SECONDS,
    progress: Progress = SILENT,
) -> dict[str, bytes]:
    """Convert {name: docx or xlsx bytes} into {name: pdf bytes}, in one LibreOffice run.

    `dates` gives each PDF the date to carry in place of the time of conversion;
    `progress` hears of each PDF as LibreOffice finishes it.
    """
    program = require_soffice()
    with tempfile.TemporaryDirectory(prefix="zx-pdf-") as tmp:
        root = Path(tmp)
        sources = _write_sources(root / "in", files)
        outdir = root / "out"
        command = [
            program,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *(str(p) for p in sources.values()),
        ]
        progress.start(len(files), "pdf")
        _run(
            command,
            timeout,
            next(iter(files), ""),
            root / "soffice.log",
            lambda: _count(outdir),
            progress,
            font_environment(),
        )
        return {
            name: reproducible(
                _read_pdf(outdir / (path.stem + ".pdf"), name), files[name], (dates or {}).get(name)
            )
            for name, path in sources.items()
        }


def _write_sources(folder: Path, files: Mapping[str, bytes]) -> dict[str, Path]:
    # Plain ASCII names inside the temporary folder: no surprises with odd characters.
    folder.mkdir()
    sources = {}
    for index, (name, data) in enumerate(files.items()):
        path = folder / f"form{index}{Path(name).suffix}"
        path.write_bytes(data)
        sources[name] = path
    return sources


def _count(outdir: Path) -> int:
    try:
        return sum(1 for p in outdir.iterdir() if p.suffix == ".pdf")
    except OSError:
        return 0


FONT_SUBSTITUTES = Path(__file__).with_name("fonts.conf")
SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")


def font_environment() -> dict[str, str]:
    """LibreOffice's environment: where fontconfig rules the fonts (Linux, the BSDs) and
    the user has not chosen a configuration, zx's substitutions (fonts.conf) for the
    GB/T 9704 faces an office without them lacks: title, headings and body then print in
    different free faces of the same style instead of all in one."""
    env = dict(os.environ)
    if "FONTCONFIG_FILE" not in env and SYSTEM_FONTCONFIG.is_file():
        env["FONTCONFIG_FILE"] = str(FONT_SUBSTITUTES)
    return env


def _run(
    command: list[str],
    timeout: float,
    first: str,
    log: Path,
    done: Callable[[], int],
    progress: Progress,
    env: dict[str, str],
) -> None:
    """Run LibreOffice, telling `progress` of each finished PDF, within `timeout` seconds.

    Its output goes to a file, not a pipe: while zx polls for finished PDFs nobody would
    read a pipe, and a full pipe would stall LibreOffice.
    """
    with log.open("wb") as sink:
        try:
            process = subprocess.Popen(
                command, stdout=sink, stderr=sink, env=env, start_new_session=True
            )
        except OSError as exc:
            raise OutputError("ZX808", target=first, reason=exc.strerror or str(exc)) from None
        deadline = time.monotonic() + timeout
        shown = 0
        while True:
            try:
                process.wait(timeout=_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
            shown = _advance(progress, shown, done())
            if time.monotonic() > deadline:
                _kill(process)
                process.wait()
                raise OutputError("ZX809", seconds=int(timeout)) from None
        _advance(progress, shown, done())
    if process.returncode != 0:
        text = log.read_bytes().decode("utf-8", "replace").strip().splitlines()
        reason = text[-1:] or [f"exit status {process.returncode}"]
        raise OutputError("ZX808", target=first, reason=reason[0])


def _advance(progress: Progress, shown: int, now: int) -> int:
    if now > shown:
        progress.advance(now - shown)
    return max(now, shown)


def _kill(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):  # POSIX: the group we started, soffice.bin included
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()


def _read_pdf(path: Path, name: str) -> bytes:
    if not path.is_file():
        raise OutputError("ZX808", target=name, reason="no PDF was produced")
    return path.read_bytes()


def reproducible(data: bytes, source: bytes, when: dt.date | None) -> bytes:
    """The PDF with its dates set to `when` and its identifier derived from `source`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if when is not None:
        stamp = f"D:{when:%Y%m%d}000000Z"
        writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    identifier = ByteStringObject(hashlib.sha256(source).digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])  # pypdf writes it into the trailer
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
