"""Render the sample campaign's overview in headless Chromium and save a screenshot.

    python tools/overview_screenshot.py [--out docs/img/overview.png] [--lang zh|en]
        [--width 1280] [--height 2400] [--as-of 2025-12-10] [--keep DIR]

The picture in docs/overview.md is made by this script (defaults as above). `--as-of` fixes
"today" so that the 公示 is over and the final list shows, and the page's date does not
change from run to run. `--keep DIR` also writes the HTML and the PDF into DIR.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from zxcli.overview import overview  # noqa: E402
from zxcli.overview.pdf import screenshot  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", type=Path, default=REPO / "sample_dossiers" / "2024")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "overview.png")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2025, 12, 10))
    parser.add_argument("--keep", type=Path, help="also write the HTML and PDF here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zx-overview-shot-") as tmp:
        folder = args.keep or Path(tmp)
        written = overview(
            args.campaign,
            folder,
            lang=args.lang,
            pdf=args.keep is not None,
            force=True,
            as_of=args.as_of,
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(written[0], args.out, args.width, args.height)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
