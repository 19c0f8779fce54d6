"""Evidence from the scans themselves: seals, seal text, names and figures (issue 16).

The optional extra `scan` (`pip install '/path/to/zx[scan]'`, docs/scan.md) brings the
libraries; importing this package imports none of them (see `deps.require`).
Entry point: `check.scan_attachment`.
"""

from __future__ import annotations

from zxcli.scan.errors import INSTALL_HINT, PageError, ScanUnavailable

__all__ = ["INSTALL_HINT", "PageError", "ScanUnavailable"]
