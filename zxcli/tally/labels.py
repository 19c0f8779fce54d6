"""Words around the tally's numbers (column heads, statuses), in Chinese and English.

The texts live in catalog/terms.yaml under `tally.`; messages about problems live in the
catalog (catalog/codes/tally.yaml). Files handed to the ministry are Chinese; the terminal
follows --lang.
"""

from __future__ import annotations

from zxcli.catalog import term


def label(key: str, lang: str = "zh", **params: object) -> str:
    return term(f"tally.{key}", "en" if lang == "en" else "zh", **params)
