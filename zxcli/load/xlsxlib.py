"""openpyxl, imported without numpy.

openpyxl imports numpy whenever it is installed (zx's scan extra installs it), only so that
numpy's number types may be written to cells; zx never writes one, and numpy costs about
0.15 s of CPU at every start of `zx tally` or `zx render-forms`. While openpyxl loads,
numpy is hidden, so openpyxl runs exactly as it does where numpy is not installed (an
install without the scan extra); numpy itself stays importable afterwards.

Import this module before openpyxl (`import zxcli.load.xlsxlib`); once openpyxl is loaded,
or when numpy already is, it changes nothing.
"""

from __future__ import annotations

import sys


def _import_openpyxl() -> None:
    if "openpyxl" in sys.modules:
        return
    hide = "numpy" not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` fails
    try:
        import openpyxl  # noqa: F401
    finally:
        if hide and "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]


_import_openpyxl()
