"""YAML text for the data read from a workbook: block style, keys in a given order.

Strings are written plain only when YAML would read them back as the same string;
anything else (a code like "320500", "true", a date-looking text, leading or trailing
spaces, special characters) is double-quoted with JSON's escapes, which YAML reads alike.
The importer parses the text again and compares it with the data before writing.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~=<][^:#\n\t]*")
_RISKY = re.compile(r"^(?:y|n|yes|no|on|off|true|false|null|~)$|[:#]\s|\s#|:$|\s$", re.IGNORECASE)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _RISKY.search(text) and text.isprintable():
        return text
    return "".join(_escaped(c) for c in json.dumps(text, ensure_ascii=False))


def _escaped(char: str) -> str:
    """A character YAML would fold or refuse raw (U+2028, U+0085, a bidi control) as an
    escape, which the loader then judges like the same character typed in a YAML file."""
    if char.isprintable() or char in "\n\t" or ord(char) < 0x20:
        return char  # JSON has already escaped the C0 controls
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def dump(data: Any, indent: int = 0) -> list[str]:
    """The lines of `data` (a mapping) in block style."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        name = scalar(key)
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{name}:")
            lines += dump(value, indent + 2)
        elif isinstance(value, list) and value:
            lines.append(f"{pad}{name}:")
            lines += _items(value, indent + 2)
        elif isinstance(value, (dict, list)):
            lines.append(f"{pad}{name}: {'{}' if isinstance(value, dict) else '[]'}")
        else:
            lines.append(f"{pad}{name}: {scalar(value)}")
    return lines


def _items(values: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for value in values:
        if isinstance(value, dict) and value:
            inner = dump(value, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        elif isinstance(value, list) and value:
            lines.append(f"{pad}-")
            lines += _items(value, indent + 2)
        elif isinstance(value, (dict, list)):
            lines.append(f"{pad}- {'{}' if isinstance(value, dict) else '[]'}")
        else:
            lines.append(f"{pad}- {scalar(value)}")
    return lines


def ordered(data: Any, like: Any) -> Any:
    """`data` with its keys in the order `like` has them (new keys after, as they come),
    and a number equal to the one `like` has written as it was (10850.0 stays 10850.0,
    though a spreadsheet stores it as 10850)."""
    if _number(data) and _number(like) and data == like:
        return like
    if isinstance(data, dict):
        known = like if isinstance(like, dict) else {}
        keys = [k for k in known if k in data] + [k for k in data if k not in known]
        return {k: ordered(data[k], known.get(k)) for k in keys}
    if isinstance(data, list):
        other = like if isinstance(like, list) else []
        return [ordered(v, other[i] if i < len(other) else None) for i, v in enumerate(data)]
    return data


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
