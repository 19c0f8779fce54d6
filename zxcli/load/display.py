"""How a path is shown to the user; every message and output names files this way."""

from __future__ import annotations

import os
from pathlib import Path

from zxcli.load.inert import terminal_text


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working folder when inside it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    # A folder name is submitter text: no escape sequence of it reaches a terminal.
    return terminal_text(str(path) if shown.startswith("..") else shown)
