"""Grow a generated campaign past the gazetteer, for the scaling table only.

    python bench/replicate.py SOURCE N --out DIR

`bench/make_campaign.py` gives each nomination its own real division, and the bundled
gazetteer has about 3,170 usable ones, so it cannot write 10,000. This script copies the
dossier folders of a campaign it wrote (SOURCE) round by round until there are N: copy k
of `<省>-<市>` is `<省>-<市>~k`, byte for byte, every attachment a file of its own (a copy,
never a link: zx reads each distinct file once, and a link would be the same file).

So every copy nominates the same city again. Each dossier is still checked in full, on
its own, as in any campaign; the campaign-wide checks then report each repeated city
(an error per copy), which a real campaign could not hold. The table in
docs/performance.md says so; the figures measure how time and memory grow with the
number of dossiers, not a campaign that could be submitted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

MARKER = ".zx-bench-replica"


def replicate(source: Path, n: int, out: Path) -> int:
    """Write `out`: SOURCE's campaign files and N dossiers; return how many are copies."""
    folders = sorted(p for p in (source / "dossiers").iterdir() if p.is_dir())
    if not folders:
        raise SystemExit(f"{source} has no dossiers/")
    if out.exists():
        raise SystemExit(f"{out} exists: remove it first")
    shutil.copytree(source, out, ignore=shutil.ignore_patterns("dossiers"))
    (out / "dossiers").mkdir()
    for index in range(n):
        original = folders[index % len(folders)]
        copy = index // len(folders)
        name = original.name if copy == 0 else f"{original.name}~{copy}"
        shutil.copytree(original, out / "dossiers" / name)
    (out / MARKER).write_text(f"{source.name} {n}\n", encoding="utf-8")
    return max(0, n - len(folders))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a campaign bench/make_campaign.py wrote")
    parser.add_argument("n", type=int, help="dossiers to write")
    parser.add_argument("--out", type=Path, required=True, help="new campaign folder")
    args = parser.parse_args(argv)
    copies = replicate(args.source, args.n, args.out)
    print(f"{args.n} dossiers under {args.out}, {copies} of them repeated cities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
