"""The bundled JSON Schemas, for `zx schema` and for editors."""

from __future__ import annotations

import os
from pathlib import Path

from zxcli.load.atomic import write_all
from zxcli.resources import bundled_dir


def list_schemas() -> list[str]:
    return sorted(p.name for p in bundled_dir("schemas").glob("*.schema.json"))


def export_schemas(out: Path, force: bool = False) -> list[Path]:
    """Every schema into `out`; without `force`, nothing is written if one file exists."""
    folder = bundled_dir("schemas")
    return write_all({out / name: (folder / name).read_bytes() for name in list_schemas()}, force)


def schema_comment(folder: Path, name: str) -> str:
    """The `# yaml-language-server: $schema=` line for a file written into `folder`.

    It points at the nearest `schemas/` up the tree (a campaign keeps its own copy, from
    `zx init --campaign` or `zx schema --out schemas`), so it survives moving the
    repository. Without one the line is left out (""): a path into the installed package
    is a path into somebody's virtualenv (`../../../../zx/.venv/lib/…`), wrong on every
    other machine the file is sent to. Never a web address either: zx publishes none, and
    whoever held one would serve schemas to users' editors.
    """
    here = folder.resolve()
    for parent in (here, *here.parents):
        if (parent / "schemas" / name).is_file():
            rel = os.path.relpath(parent / "schemas" / name, here).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={rel}"
    return ""
