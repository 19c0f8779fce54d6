"""Regenerate the generated parts of the docs (the rule list in docs/guide.md).

Run after adding or changing a rule: `python tools/update_docs.py`. A test fails while
the guide and the catalog disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from zxcli.report.rules_list import as_markdown

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)", re.S)


def updated_guide(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + as_markdown("zh", anchors=True) + m.group(2), text)


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    GUIDE.write_text(updated_guide(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
