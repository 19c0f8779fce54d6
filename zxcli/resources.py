"""Where bundled files live, in a wheel and in a source checkout alike.

In a wheel, `schemas/` and `templates/` are installed inside the package (see
pyproject's force-include); in a source checkout or editable install they sit at the
repository root, one level up. Everything that reads a bundled file asks here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zxcli.errors import InputError

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled_dir(name: str) -> Path:
    """The folder `name` (schemas, templates, data, rules) shipped with zx."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise InputError("ZX906", target=name)


def bundled_file(folder: str, name: str) -> Path:
    path = bundled_dir(folder) / name
    if not path.is_file():
        raise InputError("ZX906", target=f"{folder}/{name}")
    return path
