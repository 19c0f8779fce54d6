"""A PDF's page count read straight from its page tree, for the plain files most scans are.

pypdf builds a whole reader (every cross-reference entry, a Python object per token) to
answer "how many pages": about 0.25 ms of zx's time per PDF, a quarter of a big campaign's
checking. Most PDFs a scanner or a word processor writes are plain: one classic `xref`
table, a trailer naming the catalog, no encryption, no incremental update. For those this
module reads the trailer, the catalog and the page tree's root and first leaf at the
offsets the table gives, and nothing else.

It answers only when every step is exactly as the format says; anything else (an xref
stream, an update section, /Encrypt, an offset that misses its object, a token it does
not know, a tree that is not a tree) returns None and the caller asks pypdf, which keeps
every refusal and recovery it has. So the answer is never more lenient than pypdf's:
each file it counts is one that pypdf opens, unencrypted, with the same count.
"""

from __future__ import annotations

import re
from typing import BinaryIO

_TAIL = 1024  # startxref and %%EOF sit in the last bytes of the file
_OBJECT_BYTES = 8192  # a catalog or a page-tree node is far smaller
_MAX_ENTRIES = 1_000_000
_MAX_DEPTH = 32  # page trees are a few levels deep
_MAX_TOKENS = 4096

_EOL = rb"(?:\r\n|\r|\n)"
# As strict as pypdf's reading of the last lines, or stricter: each on its own line.
_STARTXREF = re.compile(
    rb"[\r\n]startxref" + _EOL + rb"(\d{1,12})" + _EOL + rb"%%EOF" + _EOL + rb"?\Z"
)
_XREF_HEAD = re.compile(rb"xref[ ]*(?:\r\n|\r|\n)(\d{1,7}) (\d{1,7})[ ]*(?:\r\n|\r|\n)")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_TRAILER = re.compile(rb"[\r\n ]*trailer[\r\n ]*")
_OBJ_HEAD = re.compile(rb"(\d{1,10}) (\d{1,5}) obj[\r\n ]*")
# Every byte that is not white space falls in some token: what no PDF syntax below matches
# falls to one of the last two alternatives, which the parser refuses. So the list `findall`
# gives is the whole object, nothing skipped but white space.
_DELIM_AFTER = rb"(?![^\t\n\x0c\r ()<>\[\]{}/%])"
_TOKENS = re.compile(
    rb"<<|>>|\[|\]"
    rb"|/[A-Za-z0-9.+_-]*" + _DELIM_AFTER + rb"|[+-]?(?:\d+\.?\d*|\.\d+)"
    rb"|R" + _DELIM_AFTER + rb"|(?:true|false|null)" + _DELIM_AFTER + rb"|<[0-9A-Fa-f\t\n\x0c\r ]*>"
    rb"|[^\t\n\x0c\r ()<>\[\]{}/%]+"  # a run no rule above takes ("R5", "#20", "1e5"[1:])
    rb"|[^\t\n\x0c\r ]"  # a delimiter out of place
)
_NUMBER_START = frozenset(b"+-.0123456789")  # as ints, compared with token[0]
_WORDS = frozenset((b"true", b"false", b"null"))

Ref = tuple[int, int]


class _Unsure(Exception):
    """Not a plain file: let pypdf decide."""


def page_count(source: BinaryIO | bytes, size: int) -> int | None:
    """The page count of a plain PDF, or None when pypdf must look (see the module).

    `source` is the file's bytes when the caller already holds them (a hashed attachment
    under the in-memory limit), else an open handle read at the offsets the table gives.
    """
    try:
        return _Reader(source, size).page_count()
    except (_Unsure, ValueError, IndexError, KeyError, OverflowError, RecursionError):
        return None


class _Reader:
    def __init__(self, source: BinaryIO | bytes, size: int) -> None:
        self.source = source
        self.size = size
        self.offsets: dict[int, tuple[int, int]] = {}  # object number -> (offset, generation)

    def read(self, offset: int, length: int) -> bytes:
        if isinstance(self.source, bytes):
            return self.source[offset : offset + length]
        self.source.seek(offset)
        return self.source.read(length)

    def page_count(self) -> int:
        tail_at = max(0, self.size - _TAIL)
        tail = self.read(tail_at, _TAIL)
        # rfind, then an anchored match: searching the regex through the whole tail cost
        # more than the rest of this reader.
        found = _STARTXREF.match(tail, max(0, tail.rfind(b"startxref") - 1))
        if found is None:
            raise _Unsure
        trailer = self.xref(int(found.group(1)), tail_at + found.start() + 1)
        if any(key in trailer for key in ("/Encrypt", "/Prev", "/XRefStm")):
            raise _Unsure
        catalog = self.dictionary(_ref(trailer.get("/Root")))
        if catalog.get("/Type") != "/Catalog":
            raise _Unsure
        node = self.dictionary(_ref(catalog.get("/Pages")))
        count = node.get("/Count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _Unsure
        # As zxcli.load.files.page_count: the declared count, once the first page is where
        # the tree says.
        for _ in range(_MAX_DEPTH):
            if count == 0 or node.get("/Type") == "/Page":
                return count
            kids = node.get("/Kids")
            if node.get("/Type") != "/Pages" or not isinstance(kids, list) or not kids:
                raise _Unsure
            node = self.dictionary(_ref(kids[0]))
        raise _Unsure

    def xref(self, at: int, startxref: int) -> dict[str, object]:
        """Read the one classic table at `at` and the trailer after it, which the
        `startxref` line (at offset `startxref`) must follow with only white space."""
        if not 0 < at < self.size:
            raise _Unsure
        head = _XREF_HEAD.match(self.read(at, 64))
        if head is None or int(head.group(1)) != 0:
            raise _Unsure
        entries = int(head.group(2))
        if not 0 < entries <= _MAX_ENTRIES:
            raise _Unsure
        body_at = at + head.end()
        block = self.read(body_at, entries * 20 + 512)
        # Each entry is exactly 20 bytes, so `entries` matches in as many bytes leave no
        # room for anything between them.
        found = _ENTRY.findall(block, 0, entries * 20)
        if len(found) != entries:
            raise _Unsure
        for number, (offset, generation, kind) in enumerate(found):
            if kind == b"n":
                self.offsets[number] = (int(offset), int(generation))
        trailer = _TRAILER.match(block, entries * 20)
        if trailer is None or not trailer.end() <= startxref - body_at <= len(block):
            raise _Unsure
        # Only the trailer's dictionary and white space stand before `startxref`.
        value = _parse(block[trailer.end() : startxref - body_at], whole=True)
        if not isinstance(value, dict):
            raise _Unsure
        return value

    def dictionary(self, ref: Ref) -> dict[str, object]:
        number, generation = ref
        offset, expected = self.offsets.get(number, (-1, -1))
        if generation != expected or not 0 < offset < self.size:
            raise _Unsure
        data = self.read(offset, _OBJECT_BYTES)
        head = _OBJ_HEAD.match(data)
        if head is None or (int(head.group(1)), int(head.group(2))) != ref:
            raise _Unsure
        end = data.find(b"endobj", head.end())
        if end < 0:
            raise _Unsure
        value = _parse(data[head.end() : end], whole=False)
        if not isinstance(value, dict):
            raise _Unsure
        return value


def _ref(value: object) -> Ref:
    if isinstance(value, tuple) and len(value) == 2:
        return value
    raise _Unsure


def _parse(data: bytes, *, whole: bool) -> object:
    """The one PDF object that opens `data`: dicts, arrays, names, numbers, references.

    All tokens come from one `findall` (a Python loop of `match` calls cost 1 µs a token,
    most of this reader's time). A token that is not PDF syntax, a literal string (whose
    bytes are not tokens) or, when `whole`, anything after the object: not plain.
    """
    if b"(" in data or b")" in data:
        data = _blank_strings(data)
    tokens = _TOKENS.findall(data)
    if len(tokens) > _MAX_TOKENS:
        raise _Unsure
    # Open containers, innermost last: each its items and whether it is a dictionary.
    stack: list[tuple[list[object], bool]] = []
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        value: object
        first = token[0]  # an int: cheaper to compare than a one-byte slice
        if first == 0x2F:  # "/": a name, the commonest token
            value = token.decode("latin-1")
        elif first in _NUMBER_START:
            value = int(token) if token.isdigit() else _number(token)
        elif token == b"R":
            items = stack[-1][0] if stack else []
            if len(items) < 2 or type(items[-1]) is not int or type(items[-2]) is not int:
                raise _Unsure
            generation = items.pop()
            value = (items.pop(), generation)
        elif token == b"<<" or token == b"[":
            stack.append(([], token == b"<<"))
            continue
        elif token == b">>" or token == b"]":
            if not stack or stack[-1][1] != (token == b">>"):
                raise _Unsure
            items, is_dict = stack.pop()
            value = _dict(items) if is_dict else items
        elif token in _WORDS or (first == 0x3C and token[-1] == 0x3E):  # <hex>
            value = token
        else:  # "#" in a name, "R5", a stray delimiter, a byte outside PDF syntax
            raise _Unsure
        if not stack:
            if whole and index != last:
                raise _Unsure
            return value
        stack[-1][0].append(value)
    raise _Unsure


def _number(token: bytes) -> int | float:
    """A signed integer or a real ("+3", "-.5", "4."); anything else raises ValueError."""
    return int(token) if token.lstrip(b"+-").isdigit() else float(token)


def _dict(items: list[object]) -> dict[str, object]:
    """Alternating keys and values; every key a name, none twice."""
    keys = items[::2]
    if len(items) % 2 or not set(map(type, keys)) <= {str}:
        raise _Unsure
    out = dict(zip(keys, items[1::2], strict=True))
    if len(out) != len(keys):
        raise _Unsure
    return out  # type: ignore[return-value]


def _blank_strings(data: bytes) -> bytes:
    """`data` with each literal string replaced by an empty hex string: a string's bytes are
    not tokens, and no value read here is a string. An unbalanced ")" stays and is refused."""
    parts: list[bytes] = []
    at = 0
    while (start := data.find(b"(", at)) >= 0:
        parts += [data[at:start], b" <> "]
        at = _skip_string(data, start + 1)
    parts.append(data[at:])
    return b"".join(parts)


def _skip_string(data: bytes, at: int) -> int:
    """Past a literal string whose "(" ends just before `at`: nested parens, escapes."""
    depth = 1
    while at < len(data):
        char = data[at]
        if char == 0x5C:  # backslash: the next byte is escaped
            at += 2
            continue
        at += 1
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return at
    raise _Unsure
