"""How a path is shown to the user; every message and output names files this way."""

from __future__ import annotations

import os
from pathlib import PurePath

from zxcli.load.inert import name_text, terminal_text


def display_path(path: PurePath | str) -> str:
    """The path as the user should see it: relative to the working folder when inside it.

    Never raises: a working folder that was deleted (os.getcwd() fails) shows the path as
    given. A name in another encoding (GBK from a zip made on Chinese Windows) is shown as
    it is, its undecodable bytes as `\\xNN`, and no escape sequence of it reaches a terminal.
    """
    try:
        shown = os.path.relpath(path)
    except (ValueError, OSError):  # another drive on Windows; a vanished working folder
        shown = str(path)
    # A folder name is submitter text: no escape sequence of it reaches a terminal.
    return terminal_text(str(path) if shown.startswith("..") else shown)


def display_name(name: str) -> str:
    """One file or folder name (a dossier's key, say) as every output shows it."""
    return name_text(name)


__all__ = ["display_name", "display_path"]
