"""The bundled JSON Schemas, for `zx schema` and for editors."""

from __future__ import annotations

from pathlib import Path

from zxcli.load.atomic import write_all
from zxcli.resources import bundled_dir


def list_schemas() -> list[str]:
    return sorted(p.name for p in bundled_dir("schemas").glob("*.schema.json"))


def export_schemas(out: Path, force: bool = False) -> list[Path]:
    """Every schema into `out`; without `force`, nothing is written if one file exists."""
    folder = bundled_dir("schemas")
    return write_all({out / name: (folder / name).read_bytes() for name in list_schemas()},
                     force)
