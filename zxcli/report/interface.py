"""The one reporter interface: a report in, one output format out.

Every command that reports findings (validate, freeze --check, ballots, tally) hands a
`Report` to the reporter the user chose; the registry in `zxcli.report` maps each
`--format` name to its module, imported only when chosen.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from typing import ClassVar

from zxcli.results import Report


class Reporter(ABC):
    name: ClassVar[str]

    @abstractmethod
    def render(self, report: Report, lang: str) -> str:
        """The whole output as text."""

    def emit(self, report: Report, lang: str) -> None:
        write_utf8(self.render(report, lang))


def write_utf8(text: str) -> None:
    """Machine formats go out as UTF-8 whatever the console's encoding (their readers
    expect UTF-8; the JUnit file declares it)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    # A lone surrogate (a file name that is not UTF-8) becomes \\udcff, still valid JSON.
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()
