"""The floor for `zx validate`: parse every YAML file with libyaml and hash every attachment.

    python bench/floor.py CAMPAIGN

What no validator of these files can avoid doing: read each YAML file and parse it with
libyaml (`yaml.load` with `CSafeLoader`), and read and SHA-256 every attachment that a
dossier.yaml declares (第7条: zx records and checks that hash). No schema, no rule, no
PDF parsing, no line map. Prints the number of files and bytes it read.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml


def yaml_files(root: Path) -> list[Path]:
    """The campaign's YAML files that `zx validate` reads, in a stable order."""
    fixed = [
        root / "zx.yaml",
        root / "registry/sanctions.yaml",
        root / "review/committee.yaml",
        root / "review/publicity.yaml",
    ]
    return (
        [p for p in fixed if p.is_file()]
        + sorted((root / "review/ballots").glob("*.yaml"))
        + sorted((root / "dossiers").glob("*/*.yaml"))
    )


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    files = size = 0
    for path in yaml_files(root):
        raw = path.read_bytes()
        data = yaml.load(raw, Loader=yaml.CSafeLoader)
        files += 1
        size += len(raw)
        if path.name != "dossier.yaml":
            continue
        for attachment in data.get("attachments") or ():
            digest = hashlib.sha256()
            with (path.parent / attachment["path"]).open("rb") as handle:
                while block := handle.read(1 << 16):
                    digest.update(block)
                    size += len(block)
            files += 1
    print(f"{files} files, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
