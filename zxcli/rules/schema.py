"""Schema checks: each YAML file against its JSON Schema, each error as a coded finding.

jsonschema's own messages are English and name no line; we map each kind of schema error
to a catalog code and point it at the offending key's line.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from zxcli.load.yamlsafe import Document
from zxcli.report.finding import Finding
from zxcli.resources import bundled_file
from zxcli.rules.catalog import term

SCHEMA_KINDS = (
    "campaign", "sanctions", "dossier", "application", "recommendation",
    "committee", "ballot", "publicity", "calendar",
)

MAX_SUGGESTIONS = 50

_RANGE = {
    "minimum": "≥ {}", "maximum": "≤ {}",
    "exclusiveMinimum": "> {}", "exclusiveMaximum": "< {}",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    with bundled_file("schemas", f"{kind}.schema.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _validator(kind: str) -> Any:
    # Imported here: jsonschema is the slowest import zx has, and not every command needs it.
    from jsonschema import Draft202012Validator, FormatChecker, validators

    # JSON Schema counts 2025.0 as an integer; zx does not: a count, a year or a number of
    # days written as a float is a slip, and code downstream rightly expects an int.
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    strict = validators.extend(Draft202012Validator, type_checker=checker)
    return strict(inline_refs(schema(kind)), format_checker=FormatChecker())


_ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$comment"})


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


def check_document(doc: Document, kind: str, lang: str = "zh",
                   dossier: str | None = None) -> list[Finding]:
    """All schema findings for one document, in file order."""
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for json_path, value in _non_finite(doc.data, ()):
        loc = doc.locate(json_path)
        params = {"field": _dotted(json_path), "value": _shown_number(value)}
        findings[("ZX029", loc.line, loc.column, str(params))] = Finding(
            "ZX029", doc.display, loc.line, loc.column, params, dossier)
    for error in _validator(kind).iter_errors(doc.data):
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue  # ZX029 has said it; "NaN ≤ 100" or "∞ is not an integer" adds nothing
        for json_path, code, params in _describe(error, lang):
            loc = doc.locate(json_path)
            found = Finding(code, doc.display, loc.line, loc.column, params, dossier)
            findings.setdefault((code, loc.line, loc.column, str(params)), found)
    return sorted(_drop_explained(findings.values()), key=lambda f: (f.line, f.column, f.code))


def _non_finite(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], float]]:
    """Every NaN and infinity in the data: no bound of a schema can catch them (NaN
    compares false with everything), and no figure of a dossier is ever one."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _non_finite(item, (*path, i))


def _shown_number(value: float) -> str:
    return "NaN" if math.isnan(value) else ("-∞" if value < 0 else "∞")


def _drop_explained(findings: Iterable[Finding]) -> list[Finding]:
    """A misspelt key also makes its correct name "missing"; report only the misspelling."""
    found = list(findings)
    misspelt = {f.params["field"].rpartition(".")[0] + "." + f.params["suggestion"]
                for f in found if f.code == "ZX026" and f.params.get("suggestion")}
    return [f for f in found
            if not (f.code == "ZX020" and _qualified(f.params["field"]) in misspelt)]


def _qualified(field: str) -> str:
    return field if "." in field else "." + field

def _describe(error: Any, lang: str) -> Iterator[tuple[tuple[Any, ...], str, dict[str, Any]]]:
    path = tuple(error.absolute_path)
    kind = error.validator
    field = _dotted(path)
    if kind == "required":
        for name in _missing(error):
            title = error.schema.get("properties", {}).get(name, {}).get("title", name)
            yield path, "ZX020", {"field": _dotted((*path, name)), "field_title": title}
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = _extra(error)
        for name in extra:
            # A page of typos gets suggestions; a flood of junk keys does not (it would be slow).
            guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75) if len(
                extra) <= MAX_SUGGESTIONS else []
            yield (*path, name), "ZX026", {
                "field": _dotted((*path, name)), "allowed": ", ".join(allowed),
                "suggestion": guess[0] if guess else "",
                "did_you_mean": term("text.did_you_mean", lang, name=guess[0]) if guess else "",
            }
    elif kind == "type":
        yield path, "ZX021", {"field": field, "expected": _type_names(error.validator_value, lang),
                              "actual": _type_names(_json_type(error.instance), lang)}
    elif kind == "enum":
        allowed = "、".join(str(v) for v in error.validator_value)
        yield path, "ZX022", {"field": field, "value": error.instance, "allowed": allowed}
    elif kind == "pattern":
        yield path, "ZX023", {"field": field, "value": error.instance,
                              "pattern": error.validator_value}
    elif kind == "format":
        yield path, "ZX024", {"field": field, "value": error.instance}
    elif kind in _RANGE:
        yield path, "ZX025", {"field": field, "value": error.instance,
                              "bound": _RANGE[kind].format(error.validator_value)}
    elif kind in ("minLength", "minItems"):
        yield path, "ZX028", {"field": field, "min": error.validator_value}
    else:
        yield path, "ZX027", {"field": field, "detail": error.message}


def _missing(error: Any) -> list[str]:
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return [name for name in error.validator_value if name not in instance]


def _extra(error: Any) -> list[str]:
    props = error.schema.get("properties", {})
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    return [name for name in instance if name not in props]


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _type_names(types: str | list[str], lang: str) -> str:
    names = [types] if isinstance(types, str) else list(types)
    return " / ".join(term(f"type.{name}", lang) for name in names)
