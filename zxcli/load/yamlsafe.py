"""Safe YAML loading with a line map.

Why not `yaml.safe_load`: it follows YAML 1.1 (``yes`` becomes True, ``2025-03-01`` a
date), silently keeps the last of two duplicate keys, expands aliases (alias bombs) and
forgets where each value came from. Officials edit these files by hand and every later
finding must point at a line, so we compose the node graph with libyaml and build plain
Python values ourselves; the line and column of every value is found again on demand.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zxcli.errors import DataError
from zxcli.load import plain
from zxcli.load.files import NotRegularFileError, read_regular

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


class _Loader(_BaseLoader):
    """libyaml's composer without PyYAML's tag guessing.

    PyYAML resolves each untagged node by YAML 1.1 rules (a regular expression per plain
    scalar, in Python: a third of the loading time); zx resolves every plain scalar again
    by YAML 1.2 rules (`resolve_scalar`) and reads a node's tag only to refuse the ones a
    dossier never needs (`_CORE_TAGS`, `_Builder._refuse_tag`). So an untagged node, and
    one with the non-specific tag `!`, gets its kind's default tag, as PyYAML itself gives
    every node that is not a plain scalar. Explicit tags are not resolved at all, by either.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


MAX_FILE_BYTES = 2 * 1024 * 1024  # a dossier file is a few KB; anything this big is a mistake
MAX_DEPTH = 64  # our schemas nest less than 8 levels deep

JsonPath = tuple[str | int, ...]

_CORE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "map",
        "seq",
        "merge",
        "binary",
        "omap",
        "pairs",
        "set",
        "value",
    )
}
# YAML 1.2 core schema, so that yes/no/on/off stay strings and dates stay ISO strings.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# The first characters a null, boolean or number can start with (the patterns above).
_TYPED_FIRST = frozenset("~nNtTfF0123456789+-.")
_MAX_INT_DIGITS = 400  # in any base: 10**400 and 16**400 are far beyond a double
# C0 controls other than tab, LF, CR; DEL; C1 controls; surrogates and the noncharacters
# U+FFFE/U+FFFF. YAML forbids them (only an escape in quotes can make one) and they are
# almost always debris from copy-paste out of another program; no document can hold them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


@dataclass(frozen=True)
class Location:
    """1-based line and column of a value in its file."""

    line: int
    column: int


class LoadError(DataError):
    """A YAML file cannot be turned into data. In `zx validate` it becomes a finding."""

    def __init__(self, code: str, path: str, line: int = 1, column: int = 1, **params: Any):
        super().__init__(code, path=path, line=line, column=column, **params)


@dataclass
class Document:
    """A parsed YAML file: its data and where each value sits in the file.

    The line map is built on the first `locate`, by parsing the text once more: most
    files of a campaign are clean and never asked where a value is, and a map of every
    value of a thousand dossiers would hold more memory than their data.
    """

    path: Path
    display: str
    data: Any
    text: str = ""
    _locations: dict[JsonPath, Location] | None = field(default=None, repr=False)
    # Results computed from this document once and asked for again by another step of
    # the same command (the schema findings): keyed by what was computed.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # Its numbers as the builder saw them (None: not built by parse_text).
    numbers: NumberScan | None = field(default=None, repr=False, compare=False)

    @property
    def locations(self) -> dict[JsonPath, Location]:
        if self._locations is None:
            self._locations = line_map(self.text)
        return self._locations

    def has_locations(self) -> bool:
        return self._locations is not None

    def forget_locations(self) -> None:
        """Drop the line map (rebuilt on the next `locate`): a big file's map can hold more
        memory than its data, and one step's findings may be all that needed it."""
        self._locations = None

    def locate(self, json_path: Sequence[str | int]) -> Location:
        """Location of the value at `json_path`, or of its nearest located ancestor."""
        locations = self.locations
        key = tuple(json_path)
        while key:
            loc = locations.get(key)
            if loc is not None:
                return loc
            key = key[:-1]
        return locations.get((), Location(1, 1))


@dataclass
class PackedDocument(Document):
    """A Document kept for long (a campaign's thousands of nominees): its text and its data
    compressed, its line map rebuilt for each `locate` and never kept.

    A nominee's data is a dozen dicts and lists of short strings: kept as Python objects
    they cost several KB each (and pin the parser's memory they were built in), kept as
    compressed JSON a few hundred bytes. `unpacked()` decodes them on each call, which
    only the campaign-wide checks make, a few per nominee (through `Nominee.data`);
    locating is slower too, which only a finding does.
    """

    packed: bytes = b""
    packed_data: bytes = b""

    @classmethod
    def of(cls, doc: Document, data: Any) -> PackedDocument:
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return cls(
            doc.path,
            doc.display,
            None,
            "",
            packed=zlib.compress(doc.text.encode("utf-8"), 1),
            packed_data=zlib.compress(plain.encode("utf-8"), 1),
        )

    def unpacked(self) -> Any:
        """The data it was packed with (its `data` field stays None)."""
        return json.loads(zlib.decompress(self.packed_data)) if self.packed_data else None

    @property
    def locations(self) -> dict[JsonPath, Location]:
        return _packed_line_map(self.packed)


# The campaign-wide checks report a nominee's findings one after another (a repeated
# city, its quota, its dates): its map is rebuilt once for them, not once per finding,
# and only the last few are held.
@functools.lru_cache(maxsize=8)
def _packed_line_map(packed: bytes) -> dict[JsonPath, Location]:
    return line_map(zlib.decompress(packed).decode("utf-8"))


def load_yaml(path: Path, display: str | None = None) -> Document:
    """Load one YAML mapping file; raise `LoadError` with a code, line and column."""
    shown = display if display is not None else str(path)
    text = decode(read_capped(path, shown), shown)
    return parse_text(text, path, shown)


def read_capped(path: Path, shown: str, cap: int = MAX_FILE_BYTES) -> bytes:
    try:
        raw = read_regular(path, cap)
    except FileNotFoundError:
        raise LoadError("ZX001", shown) from None
    except NotRegularFileError as exc:  # a FIFO would block the read, /dev/zero never end
        raise LoadError("ZX010", shown, reason=exc.node.value) from None
    except OSError as exc:
        raise LoadError("ZX010", shown, reason=exc.strerror or type(exc).__name__) from None
    if len(raw) > cap:
        raise LoadError("ZX006", shown, limit_kb=cap // 1024)
    return raw


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 with or without BOM; anything else is refused with a way to convert it."""
    for bom, name in _FOREIGN_BOMS:
        if raw.startswith(bom):
            raise LoadError("ZX002", shown, encoding=name)
    bomless = _bomless_encoding(raw)
    if bomless:
        raise LoadError("ZX002", shown, encoding=bomless)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError("ZX002", shown, line, column, encoding=_guess_encoding(raw)) from None


def _bomless_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by the NULs around the first character as the
    YAML spec does (5.2), and confirmed by the whole file decoding in that encoding;
    otherwise its NULs would only be reported as control characters (ZX009)."""
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0":
        name, codec = "UTF-32BE", "utf-32-be"
    elif len(head) == 4 and head[1:] == b"\0\0\0":
        name, codec = "UTF-32LE", "utf-32-le"
    elif len(head) >= 2 and head[0] == 0:
        name, codec = "UTF-16BE", "utf-16-be"
    elif len(head) >= 2 and head[1] == 0:
        name, codec = "UTF-16LE", "utf-16-le"
    else:
        return None
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return name


def _guess_encoding(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "unknown"
    return "GB18030/GBK"


def parse_text(text: str, path: Path, shown: str) -> Document:
    _refuse_control_characters(text, shown)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: where it was opened
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _has_tab_indent(text, line):
            # The commonest mistake of all gets its own code and a message in the user's words.
            raise LoadError("ZX011", shown, line, 1) from None
        if "nesting depth" in (exc.problem or ""):  # libyaml's own limit, beyond ours
            raise LoadError("ZX006", shown, line, column, limit_kb=MAX_FILE_BYTES // 1024) from None
        raise LoadError("ZX003", shown, line, column, problem=_problem_text(exc)) from None
    except yaml.YAMLError as exc:
        raise LoadError("ZX003", shown, problem=str(exc).splitlines()[0]) from None
    except RecursionError:  # the pure-Python composer (no libyaml) on thousands of levels
        raise LoadError("ZX006", shown, limit_kb=MAX_FILE_BYTES // 1024) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise LoadError("ZX008", shown, line)
    builder = _Builder(shown, text)
    data = builder.build(root, 0)
    return Document(path=path, display=shown, data=data, text=text, numbers=builder.numbers)


def line_map(text: str) -> dict[JsonPath, Location]:
    """JSON path -> where it is written: a mapping value at its key, any other at itself.

    Only called for text `parse_text` has accepted, so the node graph is a clean tree.
    """
    locations: dict[JsonPath, Location] = {}
    stack: list[tuple[yaml.Node, JsonPath]] = [(yaml.compose(text, Loader=_Loader), ())]
    while stack:
        node, path = stack.pop()
        if path not in locations:
            locations[path] = Location(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                mark = key_node.start_mark
                # The key's own position is where a person looks for "this field".
                locations[child] = Location(mark.line + 1, mark.column + 1)
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    return locations


def _refuse_control_characters(text: str, shown: str) -> None:
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise LoadError("ZX009", shown, line, column, char=f"U+{ord(bad.group()):04X}")


def _has_tab_indent(text: str, line: int) -> bool:
    lines = text.splitlines()
    candidates = lines[max(line - 2, 0) : line]  # libyaml may point just past the tab's line
    return any("\t" in row[: len(row) - len(row.lstrip())] for row in candidates)


def _problem_text(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "syntax error"


class _Builder:
    """Turns a libyaml node graph into plain values, refusing what a dossier never needs.

    It is the hot loop of loading (a node at a time, hundreds of thousands in a campaign),
    so the common cases come first and inline: a scalar that is quoted or starts like no
    typed value is returned as it is. It also notes, for the schema's compiled pre-check
    (zxcli/schema/check.py), whether any number is one that pre-check cannot judge alone.
    """

    def __init__(self, shown: str, text: str) -> None:
        self.shown = shown
        self.text = text
        # libyaml hands an alias back as the very node object it names: a node met twice
        # is an alias. With no "*" in the text there is none to look for.
        self.seen: set[int] | None = set() if "*" in text else None
        self.numbers = NumberScan()

    def build(self, node: yaml.Node, depth: int) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                raise LoadError("ZX005", self.shown, *self._first_alias())
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise LoadError(
                "ZX006", self.shown, mark.line + 1, mark.column + 1, limit_kb=MAX_FILE_BYTES // 1024
            )
        if node.tag not in _CORE_TAGS:
            self._refuse_tag(node)
        kind = type(node)
        if kind is yaml.ScalarNode:
            value = node.value
            if node.style:
                if node.style == '"':
                    self._refuse_escaped_control(value, node.start_mark)
                return value
            if value and value[0] not in _TYPED_FIRST:
                return value  # most values are words: no core-schema form starts like them
            resolved = resolve_scalar(node, self.text.startswith("!", node.start_mark.index))
            if type(resolved) in (int, float):
                self.numbers.note(resolved)
            return resolved
        if kind is yaml.MappingNode:
            return self._mapping(node, depth)
        return [self.build(item, depth + 1) for item in node.value]

    def _refuse_escaped_control(self, value: str, mark: yaml.Mark) -> None:
        # The raw text was checked before parsing; "\0" or "\x07" in double quotes only
        # becomes a control character now, and would break every document it reached.
        # Only a double-quoted scalar has escapes, so only such a one is looked at again.
        bad = _CONTROL.search(value)
        if bad:
            raise LoadError(
                "ZX009",
                self.shown,
                mark.line + 1,
                mark.column + 1,
                char=f"U+{ord(bad.group()):04X}",
            )

    def _first_alias(self) -> tuple[int, int]:
        """Where the first `*alias` is written: the node we met again carries the marks of
        its anchor, but we build in document order, so the first alias met is the first one
        in the file."""
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
        return 1, 1

    def _refuse_tag(self, node: yaml.Node) -> None:
        mark = node.start_mark
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")  # as the author wrote it
        raise LoadError("ZX007", self.shown, mark.line + 1, mark.column + 1, tag=tag)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                mark = key_node.start_mark
                raise LoadError(
                    "ZX003",
                    self.shown,
                    mark.line + 1,
                    mark.column + 1,
                    problem="a mapping key must be a plain value",
                )
            if key_node.tag not in _CORE_TAGS:
                self._refuse_tag(key_node)
            key = key_node.value
            if key_node.style == '"':
                self._refuse_escaped_control(key, key_node.start_mark)
            if key in result:
                self._refuse_duplicate(node, key_node)
            result[key] = self.build(value_node, depth + 1)
        return result

    def _refuse_duplicate(self, node: yaml.MappingNode, again: yaml.ScalarNode) -> None:
        first = next(
            k for k, _ in node.value if type(k) is yaml.ScalarNode and k.value == again.value
        )
        mark = again.start_mark
        raise LoadError(
            "ZX004",
            self.shown,
            mark.line + 1,
            mark.column + 1,
            key=again.value,
            first_line=first.start_mark.line + 1,
        )


@dataclass
class NumberScan:
    """Whether a document holds a number the schema's compiled pre-check cannot judge as
    zx does: NaN or an infinity (ZX029 must say where), or an integer outside 64 bits.
    Noted while the document is built, so no second walk."""

    refused: bool = False

    def note(self, value: Any) -> None:
        if isinstance(value, float):
            if not math.isfinite(value):
                self.refused = True
        elif (
            isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**64
        ):
            self.refused = True

    def walk(self, value: Any) -> NumberScan:
        """Note every number in `value` (data not built here, e.g. a test's)."""
        if isinstance(value, dict):
            for item in value.values():
                self.walk(item)
        elif isinstance(value, list):
            for item in value:
                self.walk(item)
        else:
            self.note(value)
        return self


def resolve_scalar(node: yaml.ScalarNode, tagged: bool = False) -> Any:
    """YAML 1.2 core-schema resolution of one scalar.

    libyaml has already resolved plain scalars by YAML 1.1 rules; we ignore that and
    resolve again, except where the author chose: quotes, block style or an explicit tag.
    """
    text = node.value
    if node.style or (tagged and node.tag == "tag:yaml.org,2002:str"):
        return text
    if text and text[0] not in _TYPED_FIRST:
        return text  # most values are words: no core-schema form starts like them
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return _integer(text, 10)
    if _OCT.match(text):
        return _integer(text[2:], 8)
    if _HEX.match(text):
        return _integer(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _integer(digits: str, base: int) -> int | float:
    """An integer, or ±inf beyond what a double holds, as 1e309 already is.

    No figure in a dossier comes near 1e308; beyond it, every later float() or division
    would raise, and past 4300 digits Python refuses even to convert or print the number.
    The schema reports the infinity (ZX029) like any other non-finite number.
    """
    if len(digits.lstrip("+-").lstrip("0")) <= _MAX_INT_DIGITS:
        value = int(digits, base)
        if abs(value) <= sys.float_info.max:
            return value
    return -math.inf if digits.startswith("-") else math.inf


# What the validate cache keeps of a parse (load/plain.py): a line map is rebuilt on demand.
_DOCUMENT_FIELDS = ("path", "display", "data", "text", "memo", "numbers")
plain.register(Location)
plain.register(NumberScan)
plain.register(Document, fields=_DOCUMENT_FIELDS)
plain.register(PackedDocument, fields=(*_DOCUMENT_FIELDS, "packed", "packed_data"))
plain.register(
    LoadError,
    encode=lambda e: {
        "code": e.code,
        "path": e.path,
        "line": e.line,
        "column": e.column,
        "params": dict(e.params),
    },
    decode=lambda f: LoadError(f["code"], f["path"], f["line"], f["column"], **f["params"]),
)
