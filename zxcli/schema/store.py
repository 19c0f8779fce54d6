"""The bundled JSON Schemas, read and compiled once per process.

The settings' defaults come from here too (the `default` of each property), so the model
asks this module, not the checks, for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from zxcli.resources import bundled_file
from zxcli.schema.patterns import IDENTITY_FORMAT, compiled, is_identity

SCHEMA_KINDS = (
    "campaign",
    "sanctions",
    "dossier",
    "application",
    "recommendation",
    "committee",
    "ballot",
    "publicity",
    "decision",
    "calendar",
    "notice",
)


@cache
def schema(kind: str) -> dict[str, Any]:
    with bundled_file("schemas", f"{kind}.schema.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def validator(kind: str) -> Any:
    # Imported here: jsonschema is the slowest import zx has, and not every command needs it.
    from jsonschema import (
        Draft202012Validator,
        FormatChecker,
        validators,
    )

    # JSON Schema counts 2025.0 as an integer; zx does not: a count, a year or a number of
    # days written as a float is a slip, and code downstream rightly expects an int.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    strict = validators.extend(
        Draft202012Validator, type_checker=checker, validators={"pattern": _strict_pattern}
    )
    formats = FormatChecker()
    formats.checks(IDENTITY_FORMAT)(is_identity)
    return strict(_inlined(kind), format_checker=formats)


@cache
def compiled_validator(kind: str) -> Any | None:
    """A compiled validator (jsonschema-rs) of the same schema, or None without one.

    It only answers "valid or not", fast; zx's findings (codes, lines, messages) still come
    from `validator` for a file it rejects. Its `$` already anchors at the very end (Rust
    regexes), which is zx's `\\Z`. Its `integer` accepts 2025.0, which zx refuses: every
    `type: integer` gets a companion keyword refusing a float (`_StrictInteger`), so the
    two agree wherever the type is asked, inside `not` and `if` too.
    """
    if not USE_COMPILED:
        return None
    try:
        import jsonschema_rs
    except ImportError:  # an install without the wheel (an unusual platform): still correct
        return None
    try:
        return jsonschema_rs.Draft202012Validator(
            _strict_integers(_inlined(kind)),
            validate_formats=True,
            ignore_unknown_formats=False,
            formats={IDENTITY_FORMAT: is_identity, "date": _is_date, "email": _is_email},
            keywords={STRICT_INTEGER: _StrictInteger},
        )
    except TypeError:  # a jsonschema-rs without custom keywords (before 0.40): never
        return None  # without zxStrictInteger, which would let 2025.0 pass as an integer


STRICT_INTEGER = "zxStrictInteger"


class _StrictInteger:
    """`zxStrictInteger`, beside each `type: integer` of the compiled schema: a float is no
    integer, as zx's own type checker (`_is_integer`) says."""

    def __init__(self, _parent: Any, _value: Any, _path: Any) -> None:
        pass

    def validate(self, instance: Any) -> None:
        if isinstance(instance, float):
            raise ValueError(f"{instance!r} is not an integer")


def _strict_integers(node: Any) -> Any:
    """The schema with `zxStrictInteger` beside each type that allows integers but not
    other numbers."""
    if isinstance(node, list):
        return [_strict_integers(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict_integers(value) for key, value in node.items()}
    types = node.get("type")
    types = [types] if isinstance(types, str) else types
    if isinstance(types, list) and "integer" in types and "number" not in types:
        out[STRICT_INTEGER] = True
    return out


# The formats as jsonschema's FormatChecker checks them, not as jsonschema-rs would (it
# takes 0000-01-01 for a date): the two paths must agree on every value.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_email(value: object) -> bool:
    return not isinstance(value, str) or "@" in value


# Off only to compare the two paths (tests, benchmarks); never needed for correctness.
USE_COMPILED = True


def _strict_pattern(_validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[Any]:
    """The `pattern` keyword with `$` anchored at the very end (see schema/patterns.py)."""
    from jsonschema import ValidationError

    if isinstance(instance, str) and not compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment"})


@cache
def _inlined(kind: str) -> dict[str, Any]:
    """The schema of `kind` with its references inlined, once for both validators (neither
    changes it)."""
    return inline_refs(schema(kind))


def inline_refs(root: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local `$ref` replaced by what it names.

    Resolving references is half of jsonschema's time on our files; our schemas refer
    only to their own `$defs` and never recursively, so resolving them once is exact.
    """
    defs = root.get("$defs", {})

    def walk(node: Any, trail: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, trail) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: walk(value, trail) for key, value in node.items() if key != "$ref"}
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return {**out, "$ref": ref} if ref is not None else out
        name = ref.removeprefix("#/$defs/")
        if name in trail:  # a recursive definition: leave the reference to jsonschema
            return {**out, "$ref": ref}
        target = walk(defs[name], (*trail, name))
        if set(out) <= _ANNOTATIONS and isinstance(target, dict):
            return {**target, **out}  # the referring node's own title and description win
        return {**out, "allOf": [target]}

    return walk(root, ())


def _is_integer(_checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)
