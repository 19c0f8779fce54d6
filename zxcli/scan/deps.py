"""The heavy libraries of the `scan` extra, imported only when a scan actually runs.

`zx validate` without `--scan` never imports numpy, OpenCV, PDFium or the OCR model.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from zxcli.scan.errors import ScanUnavailable

# The import name of each module and the distribution that provides it.
EXTRA = {
    "numpy": "numpy",
    "cv2": "opencv-python-headless",
    "PIL.Image": "Pillow",
    "pypdfium2": "pypdfium2",
    "rapidocr_onnxruntime": "rapidocr-onnxruntime",
}


def require(module: str, distribution: str | None = None) -> Any:
    """The module, or ScanUnavailable naming what to install."""
    try:
        found: ModuleType = importlib.import_module(module)
    except ImportError as exc:
        raise ScanUnavailable(distribution or EXTRA.get(module, module)) from exc
    return found


def available() -> bool:
    """Whether every library of the extra can be imported (without loading the OCR model)."""
    try:
        for module in EXTRA:
            require(module)
    except ScanUnavailable:
        return False
    return True
