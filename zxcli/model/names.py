"""Comparing the names of places and authorities as a reader would.

Full-width and half-width forms are the same name (NFKC), and spaces typed inside a name
do not make it another one.
"""

from __future__ import annotations

import unicodedata


def normalise(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def same_name(a: str, b: str) -> bool:
    return normalise(a) == normalise(b)
