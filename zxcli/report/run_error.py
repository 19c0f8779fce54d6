"""The run that could not be done (usage or I/O error), as each format's error document
receives it. Its own module, importing nothing of report/: the reporters need the type,
report/failure.py needs the reporters (through report/names.py), and no circle forms.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RunError:
    code: str
    message: str
    hint: str
    exit_code: int
    command: str = "zx"
    path: str | None = None
    line: int | None = None
    column: int | None = None
