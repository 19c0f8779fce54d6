"""Schema patterns and identity strings, checked the strict way.

JSON Schema patterns are matched with Python's `re.search`, where `$` also matches just
before a final newline: `^[0-9]{6}$` accepts "320500\\n" (a YAML block scalar), and that
code then slips past every comparison keyed on "320500". Every pattern of every schema is
therefore compiled with each end anchor `$` made `\\Z`, so the files stay readable by an
editor (ECMA regexes have no `\\Z`) while zx anchors at the very end.

Identity strings (province, city and authority names) carry `"format": "zx-identity"`:
no surrounding whitespace, no control or format characters (a zero-width space makes a
name look the same and compare different).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

IDENTITY_FORMAT = "zx-identity"
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def strict_pattern(pattern: str) -> str:
    """`pattern` with every unescaped `$` outside a character class replaced by `\\Z`."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(strict_pattern(pattern))


def is_identity(value: object) -> bool:
    """A name used as an identity: trimmed, no control/format/separator characters."""
    if not isinstance(value, str):
        return True  # the type keyword reports non-strings
    if not value or value != value.strip():
        return False
    # Every refused category is non-printable to Python, so a printable name (nearly all)
    # needs no look at each character.
    return value.isprintable() or not any(unicodedata.category(c) in _BAD_CATEGORIES for c in value)
