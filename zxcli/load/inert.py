"""Submitter text made inert for where it is written: one function per destination.

Every string that came from a dossier, a ballot or a folder name is someone else's text.
Written as it is, it can become a formula in a workbook (`=HYPERLINK(…)`), a heading or a
link in a markdown list, a cursor move or a fake "通过" in a terminal, or a character that
XML cannot hold and that makes a writer crash. Each writer passes such text through the
function for its destination, and only there: the data keep what the submitter wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A spreadsheet treats a cell starting with these as a formula (or DDE) when typed or
# imported; `\t` and `\r` lead formulas in CSV injection too.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Any C0/C1 control but tab and newline (ESC starts every escape sequence), DEL, and the
# bidi overrides and isolates that reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Lone surrogates: what os.fsdecode makes of the bytes of a file name that are not UTF-8
# (a folder unzipped from Chinese Windows is named in GBK). No encoder can write one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Markdown: characters that open emphasis, code, a link or image (`[`), HTML, an entity, a
# table cell, strikethrough, math (`$`) or an escape wherever they stand; `!`, `(`, `)` mean nothing
# once `[` and `]` are escaped, and `.`, `-`, `+`, `#`, `=` only at the start of a line.
# Escaping only these keeps "92.86%" and "2025-03-20" as they read.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
# "1. " opens an ordered list, "90.79" does not; "# ", "- ", "+ ", "---", "===" open a
# heading, a list, a rule or a setext underline.
_MD_LIST_NUMBER = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")
_MD_BLOCK_LEAD = re.compile(r"^(\s*)([#+=-])(?=[\s#=-]|$)")
_MD_URL = re.compile(r"(?i)\b(https?|ftp|file|mailto|www)")


def name_text(text: str) -> str:
    """A name as it is on disk, in text any encoder can write: each byte that is not
    UTF-8 (a lone surrogate from os.fsdecode) is shown as `\\xNN`, any other lone
    surrogate as `\\uXXXX`. Every way zx names a file or folder goes through this, so no
    writer (terminal, JSON, SARIF, XML, xlsx, docx, a cache key) meets a surrogate."""
    return _SURROGATE.sub(_visible, text) if _SURROGATE.search(text) else text


def xml_text(text: str) -> str:
    """Text an XML part can hold: characters XML 1.0 forbids are dropped, bytes of a
    name that are not UTF-8 are shown as `\\xNN` (see `name_text`)."""
    return _XML_ILLEGAL.sub("", name_text(text))


def cell_text(value: Any) -> Any:
    """A value for a workbook cell: text never becomes a formula.

    Numbers and dates pass through; text is made XML-safe and, when it begins like a
    formula, gets a leading apostrophe, so that a later copy, CSV export or re-entry in
    Excel or WPS does not turn it into one. `set_text` also stores it with data type 's'.
    """
    if not isinstance(value, str):
        return value
    text = xml_text(value)
    return "'" + text if text.startswith(_FORMULA_LEAD) else text


def set_text(cell: Any, value: Any) -> Any:
    """Write `value` into an openpyxl cell; text is stored as a string, never a formula."""
    safe = cell_text(value)
    cell.value = safe
    if isinstance(safe, str):
        cell.data_type = "s"
    return cell


def row_text(values: Iterable[Any]) -> list[Any]:
    """A row for `ws.append` with every text made inert (see `cell_text`).

    openpyxl's append() turns a string starting with `=` into a formula; an inert row has
    none that does, and the `'` guard keeps the text as the submitter wrote it.
    """
    return [cell_text(v) for v in values]


def md_text(text: Any) -> str:
    """Text for a markdown document or GitHub job summary: shown, never interpreted.

    Every character that would open a heading, list, quote, link, image, emphasis, code,
    table cell or HTML tag where it stands is backslash-escaped (and nothing else: a
    figure such as 92.86% is written as it is), line breaks become spaces (one item stays
    one line), and bare URLs and e-mail addresses are broken so that no renderer makes
    them links.
    """
    flat = " ".join(terminal_text(str(text)).splitlines())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    escaped = _MD_LIST_NUMBER.sub(r"\1\\\2", escaped)
    escaped = _MD_BLOCK_LEAD.sub(r"\1\\\2", escaped)
    escaped = escaped.replace("@", "@\u200b")
    return _MD_URL.sub(lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], escaped)


def terminal_text(text: Any) -> str:
    """Text for a terminal: no escape sequence, control character or bidi override.

    Tabs and newlines stay; the first character of anything that could move the cursor,
    recolour, retitle the window or reorder what is shown is written as a visible `\\uXXXX`.
    """
    return _CONTROL.sub(_visible, str(text))


def _visible(match: re.Match[str]) -> str:
    # Shown as \uXXXX: inert (an escape sequence without its ESC is plain text), and the
    # reader still sees that something was there. An undecodable byte of a name (U+DC80
    # to U+DCFF, os.fsdecode's surrogateescape) is shown as the byte it was: \xNN.
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def inert_workbook(wb: Any) -> Any:
    """Every text cell of every worksheet stored as inert text, just before saving.

    One pass at the writer rather than at each of its many `append()` calls: a cell that
    openpyxl took for a formula because its text began with `=` is text again, with the
    apostrophe guard. zx itself writes no formula cells (drop-down lists are validations).
    """
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # only the cells that exist
            if isinstance(cell.value, str):
                set_text(cell, cell.value)
    return wb


__all__ = [
    "cell_text",
    "inert_workbook",
    "md_text",
    "name_text",
    "row_text",
    "set_text",
    "terminal_text",
    "xml_text",
]
