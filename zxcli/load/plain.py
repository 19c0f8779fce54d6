"""Plain data for the cache: a closed set of types to JSON and back, never code.

The validate cache (load/cache.py) keeps each dossier's results and each campaign file's
parse between runs. It used to keep pickles, and unpickling runs whatever the bytes name.
This codec writes JSON, and reading it back builds only:

- JSON's own values (dict with text keys, list, str, int, float, bool, None), and tuple,
  frozenset, set, bytes, dict with other keys, `pathlib.Path`, `datetime.date`;
- the classes and enums their own modules registered here by name (`register`,
  `register_enum`): Finding, Checked, LoadedFile, Document, …

Nothing in the data can name a class that is not in the registry: an unknown tag, a field
the class does not take, or any other malformed entry raises `Malformed`, which the cache
counts as a miss. load/ knows no domain, so the registry is only a mechanism; each domain
module registers its own types where they are defined.

Encoding walks the value by exact type (a `str` Enum is not a `str` here), so a value of
a type nobody registered raises TypeError, and the cache stores nothing rather than a
lossy copy.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

TAG = "\x00"  # the key of a tagged object: no YAML text holds a NUL (ZX009)

_PATH = type(Path())
Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]
T = TypeVar("T", bound=type)


class Malformed(ValueError):
    """An entry that does not decode to registered types."""


# name -> (type, to plain fields, from plain fields); type -> name
_CLASSES: dict[str, tuple[type, Encoder, Decoder]] = {}
_NAMES: dict[type, str] = {}
_ENUMS: dict[str, type[Enum]] = {}


def register(
    cls: T,
    name: str | None = None,
    *,
    fields: tuple[str, ...] | None = None,
    encode: Encoder | None = None,
    decode: Decoder | None = None,
) -> T:
    """Let `cls` be cached: by default a dataclass is its `fields` (all its init fields),
    rebuilt with `cls(**fields)`; `encode`/`decode` take over for other classes."""
    key = name or f"{cls.__module__}.{cls.__qualname__}"
    if encode is None:
        names = (
            fields
            if fields is not None
            else tuple(f.name for f in dataclasses.fields(cls) if f.init)
        )
        encode = _fields_of(names)
    if decode is None:
        decode = _built_by(cls)
    _CLASSES[key] = (cls, encode, decode)
    _NAMES[cls] = key
    return cls


def register_enum(cls: T, name: str | None = None) -> T:
    key = name or f"{cls.__module__}.{cls.__qualname__}"
    _ENUMS[key] = cls
    _NAMES[cls] = key
    return cls


def _fields_of(names: tuple[str, ...]) -> Encoder:
    return lambda value: {name: getattr(value, name) for name in names}


def _built_by(cls: type) -> Decoder:
    def build(fields: Any) -> Any:
        if not isinstance(fields, dict):
            raise Malformed(cls.__name__)
        return cls(**fields)

    return build


# --- encoding: a walk by exact type into JSON's values ---------------------------------


def _same(value: Any) -> Any:
    return value


def _list(value: list[Any]) -> list[Any]:
    return [_plain(item) for item in value]


def _dict(value: dict[Any, Any]) -> Any:
    if TAG not in value and all(type(k) is str for k in value):
        return {k: _plain(v) for k, v in value.items()}
    return {TAG: "d", "v": [[_plain(k), _plain(v)] for k, v in value.items()]}


_BUILTIN: dict[type, Encoder] = {
    str: _same,
    int: _same,
    float: _same,
    bool: _same,
    type(None): _same,
    list: _list,
    dict: _dict,
    tuple: lambda v: {TAG: "t", "v": _list(list(v))},
    frozenset: lambda v: {TAG: "f", "v": _list(list(v))},
    set: lambda v: {TAG: "s", "v": _list(list(v))},
    bytes: lambda v: {TAG: "b", "v": binascii.b2a_base64(v, newline=False).decode("ascii")},
    _PATH: lambda v: {TAG: "p", "v": str(v)},
}


def _date(value: Any) -> Any:
    """A datetime.date, if `value` is one (datetime is not imported for this: `zx --help`
    does not need it, and no date exists before it is imported)."""
    module = sys.modules.get("datetime")
    if module is not None and type(value) is module.date:
        return {TAG: "date", "v": value.isoformat()}
    return None


def _plain(value: Any) -> Any:
    kind = type(value)
    simple = _BUILTIN.get(kind)
    if simple is not None:
        return simple(value)
    name = _NAMES.get(kind)
    if name is None:
        day = _date(value)
        if day is not None:
            return day
        raise TypeError(f"not registered with the cache's codec: {kind.__qualname__}")
    if name in _ENUMS:
        return {TAG: "e", "n": name, "v": _plain(value.value)}
    return {TAG: "o", "n": name, "v": _plain(_CLASSES[name][1](value))}


def dumps(value: Any) -> bytes:
    """`value` as JSON (UTF-8); TypeError for a type nobody registered.

    Not compressed: inflating took longer than reading the larger file (a dossier's entry
    is a few KB; what it holds of its dossier.yaml is compressed already)."""
    text = json.dumps(
        _plain(value), ensure_ascii=False, separators=(",", ":"), check_circular=False
    )
    # surrogatepass: a file name read from disk in another encoding keeps its escapes
    return text.encode("utf-8", "surrogatepass")


# --- decoding: JSON's own parser, and a hook that builds only registered types ---------


def _tagged(obj: dict[str, Any]) -> Any:
    if TAG not in obj:
        return obj
    tag, value = obj[TAG], obj.get("v")
    if tag == "o":
        entry = _CLASSES.get(obj.get("n"))  # type: ignore[arg-type]
        if entry is None:
            raise Malformed(f"unknown class {obj.get('n')!r}")
        return entry[2](value)
    if tag == "e":
        enum = _ENUMS.get(obj.get("n"))  # type: ignore[arg-type]
        if enum is None:
            raise Malformed(f"unknown enum {obj.get('n')!r}")
        return enum(value)
    build = _UNTAG.get(tag)
    if build is None:
        raise Malformed(f"unknown tag {tag!r}")
    return build(value)


def _pairs(value: Any) -> dict[Any, Any]:
    return {k: v for k, v in value}


def _from_iso(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


_UNTAG: dict[str, Decoder] = {
    "d": _pairs,
    "t": tuple,
    "f": frozenset,
    "s": set,
    # base64.b64decode(validate=True): strict on Python 3.10 too (no strict_mode there).
    "b": lambda v: base64.b64decode(v.encode("ascii"), validate=True),
    "p": lambda v: Path(v) if type(v) is str else _bad(),
    "date": _from_iso,
}


def _bad() -> Any:
    raise Malformed("bad value")


_DECODER = json.JSONDecoder(object_hook=_tagged)


def loads(data: bytes) -> Any:
    """The value `dumps` wrote; Malformed for anything else (no other exception)."""
    try:
        return _DECODER.decode(data.decode("utf-8", "surrogatepass"))
    except Malformed:
        raise
    except Exception as exc:  # bad UTF-8, bad JSON, a field a class does not take, …
        raise Malformed(str(exc)) from exc
