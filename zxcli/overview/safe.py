"""Making submitter text inert in the page: escaping, and the only links it may carry.

Every string of a dossier is escaped before it reaches the page (element text and
attribute values alike), with the characters HTML cannot carry removed. A dossier may
link only to its own declared attachments: a relative path inside its folder, each
segment percent-encoded, so that no scheme (javascript:, data:, http:), no absolute path
and no `..` can come out of a submitter's string.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from urllib.parse import quote

# C0 controls but tab and line ends, DEL, lone surrogates, and the two non-characters
# that XML and HTML parsers reject.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
MAX_PATH_CHARS = 1000
DASH = "—"


def clean(value: object) -> str:
    """The text with the characters HTML cannot carry removed (not yet escaped)."""
    return _NOT_HTML.sub("", str(value))


def esc(value: object) -> str:
    """Text safe in element content and in a double- or single-quoted attribute value."""
    return html.escape(clean(value), quote=True)


def attachment_href(path: str) -> str | None:
    """A declared attachment path as a relative URL, or None when it is not one.

    Refused: empty, absolute (/x, C:\\x, //host), any scheme (a colon anywhere),
    backslashes, `.` or `..` segments, empty segments, control characters.
    """
    if not path or len(path) > MAX_PATH_CHARS or _NOT_HTML.search(path):
        return None
    if "\\" in path or ":" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in ("", ".", "..") or part.strip() != part for part in parts):
        return None
    return "/".join(quote(part, safe="") for part in parts)


def base_href(parts: list[str]) -> str:
    """A relative URL prefix made by zx (from the output folder to the campaign folder)."""
    # surrogateescape: a folder named in GBK (unzipped from Chinese Windows) is linked by
    # its real bytes, %BD%AD…, not refused by the encoder.
    return "".join(
        quote(part, safe="", errors="surrogateescape") + "/"
        for part in parts
        if part not in ("", ".")
    )


def number(value: Decimal | None, places: int = 2) -> str:
    """A figure for people: fixed decimals, "—" when unknown or not finite."""
    if value is None or not value.is_finite():
        return DASH
    return f"{value:,.{places}f}"


def sort_key(value: Decimal | None) -> str:
    """A figure for the sorting script (a plain number; empty sorts last)."""
    if value is None or not value.is_finite():
        return ""
    return f"{value:f}"
