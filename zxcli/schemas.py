"""The bundled JSON Schemas, for `zx schema` and for editors."""

from __future__ import annotations

from pathlib import Path

from zxcli.load.atomic import write_atomic
from zxcli.resources import bundled_dir


def list_schemas() -> list[str]:
    return sorted(p.name for p in bundled_dir("schemas").glob("*.schema.json"))


def export_schemas(out: Path, force: bool = False) -> list[Path]:
    written = []
    for name in list_schemas():
        target = out / name
        write_atomic(target, (bundled_dir("schemas") / name).read_bytes(), force)
        written.append(target)
    return written
