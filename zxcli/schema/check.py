"""Schema checks: each YAML file against its JSON Schema, each error as a coded finding.

jsonschema's own messages are English and name no line; we map each kind of schema error
to a catalog code and point it at the offending key's line.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from zxcli.catalog import Term, Terms
from zxcli.load.yamlsafe import Document, NumberScan
from zxcli.results import Finding
from zxcli.schema import store
from zxcli.schema.patterns import IDENTITY_FORMAT
from zxcli.schema.store import validator

MAX_SUGGESTIONS = 50
# A line map built for the schema findings of a file bigger than this (characters) is not
# kept: a dossier file is a few KB, a ballot of a big campaign hundreds.
FORGET_MAP_ABOVE = 64 * 1024
# The schemas' `text` carries this pattern as its line limit (JSON Schema has no keyword
# for one); a miss is said as "too many lines", not as a regular expression.
MAX_LINES = 200
LINES_PATTERN = "^(?:[^\\n]*\\n){0,%s}[^\\n]*$" % str(MAX_LINES - 1)  # noqa: UP031

_RANGE = {
    "minimum": "≥ {}",
    "maximum": "≤ {}",
    "exclusiveMinimum": "> {}",
    "exclusiveMaximum": "< {}",
}


def check_document(doc: Document, kind: str, dossier: str | None = None) -> list[Finding]:
    """All schema findings for one document, in file order; validated once per document
    (validate, then tally's readers of the same files, ask for the same answer)."""
    # Findings carry their words as terms (type names, examples), rendered in whichever
    # language the report is in: one answer serves validate and tally in any language.
    key = ("schema", kind, dossier)
    if key not in doc.memo:
        mapped = doc.has_locations()
        doc.memo[key] = _check_document(doc, kind, dossier)
        if not mapped and len(doc.text) > FORGET_MAP_ABOVE:
            # The findings keep their lines; a map built only for them goes (a campaign's
            # ballots of thousands of votes would keep megabytes each).
            doc.forget_locations()
    return list(doc.memo[key])


def _check_document(doc: Document, kind: str, dossier: str | None) -> list[Finding]:
    if passes_compiled(doc.data, kind, doc.numbers):
        return []
    findings: dict[tuple[str, int, int, str], Finding] = {}
    for json_path, value in _non_finite(doc.data, ()):
        loc = doc.locate(json_path)
        params = {"field": _dotted(json_path), "value": _shown_number(value)}
        findings[("ZX029", loc.line, loc.column, str(params))] = Finding(
            "ZX029", doc.display, loc.line, loc.column, params, dossier
        )
    for error in validator(kind).iter_errors(doc.data):
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue  # ZX029 has said it; "NaN ≤ 100" or "∞ is not an integer" adds nothing
        for json_path, code, params in _describe(error):
            loc = doc.locate(json_path)
            found = Finding(code, doc.display, loc.line, loc.column, params, dossier)
            findings.setdefault((code, loc.line, loc.column, str(params)), found)
    return sorted(_drop_explained(findings.values()), key=lambda f: (f.line, f.column, f.code))


def passes_compiled(data: Any, kind: str, numbers: NumberScan | None = None) -> bool:
    """True when the compiled validator (store.compiled_validator) proves the document
    valid, so jsonschema need not run (nor be imported); False sends it the slow way,
    which alone says what is wrong and where. Never True for a document zx rejects: its
    integers are as strict as zx's (store.STRICT_INTEGER), and a document it cannot judge
    goes the slow way: a NaN or infinity (ZX029), an integer beyond 64 bits, a non-string
    key. `numbers` is what the YAML builder noted of `data`; without it they are walked.
    """
    fast = store.compiled_validator(kind)
    if fast is None:
        return False
    if (numbers if numbers is not None else NumberScan().walk(data)).refused:
        return False
    try:
        return bool(fast.is_valid(data))
    except (ValueError, TypeError, OverflowError):
        return False


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
    misspelt = {
        f.params["field"].rpartition(".")[0] + "." + f.params["suggestion"]
        for f in found
        if f.code == "ZX026" and f.params.get("suggestion")
    }
    return [
        f for f in found if not (f.code == "ZX020" and _qualified(f.params["field"]) in misspelt)
    ]


def _qualified(field: str) -> str:
    return field if "." in field else "." + field


def _describe(error: Any) -> Iterator[tuple[tuple[Any, ...], str, dict[str, Any]]]:
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
            guess = (
                difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
                if len(extra) <= MAX_SUGGESTIONS
                else []
            )
            yield (
                (*path, name),
                "ZX026",
                {
                    "field": _dotted((*path, name)),
                    "allowed": ", ".join(allowed),
                    "suggestion": guess[0] if guess else "",
                    "did_you_mean": Term("text.did_you_mean", {"name": guess[0]}) if guess else "",
                },
            )
    elif kind == "type":
        yield (
            path,
            "ZX021",
            {
                "field": field,
                "expected": _type_names(error.validator_value),
                "actual": _type_names(_json_type(error.instance)),
            },
        )
    elif kind == "enum":
        choices = "、".join(str(v) for v in error.validator_value)
        yield path, "ZX022", {"field": field, "value": error.instance, "allowed": choices}
    elif kind == "pattern" and error.validator_value == LINES_PATTERN:
        lines = str(error.instance).count("\n") + 1
        yield path, "ZX031", {"field": field, "lines": lines, "max": MAX_LINES}
    elif kind in ("maxLength", "maxItems"):
        # Never the value itself: it is what is too long.
        size = len(error.instance) if isinstance(error.instance, (str, list)) else 0
        yield path, "ZX030", {"field": field, "size": size, "max": error.validator_value}
    elif kind == "pattern":
        yield (
            path,
            "ZX023",
            {
                "field": field,
                "value": error.instance,
                "pattern": error.validator_value,
                "expected": _pattern_example(error.validator_value),
            },
        )
    elif kind == "format" and error.validator_value == IDENTITY_FORMAT:
        yield path, "ZX032", {"field": field, "value": ascii(error.instance)}
    elif kind == "format":
        yield path, "ZX024", {"field": field, "value": error.instance}
    elif kind in _RANGE:
        yield (
            path,
            "ZX025",
            {
                "field": field,
                "value": error.instance,
                "bound": _RANGE[kind].format(error.validator_value),
            },
        )
    elif kind in ("minLength", "minItems"):
        yield path, "ZX028", {"field": field, "min": error.validator_value}
    else:
        yield path, "ZX027", {"field": field, "detail": error.message}


# A pattern error shows an example of the field's form, never the raw regex (issue 13).
_PATTERN_TERMS = {
    "^[0-9+()（） -]+(转[0-9]+)?$": "pattern.phone",
    "^[0-9]{6}$": "pattern.code",
    "^[0-9a-f]{64}$": "pattern.sha256",
    "^[A-Za-z0-9][A-Za-z0-9_-]*$": "pattern.id",
    "^[^@\\s]+@[^@\\s]+$": "pattern.email",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "pattern.date",
}


def _pattern_example(pattern: str) -> Term:
    return Term(_PATTERN_TERMS.get(pattern, "pattern.other"))


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


def _type_names(types: str | list[str]) -> Terms:
    """The type names in the report's language, whichever language first asked."""
    names = [types] if isinstance(types, str) else list(types)
    return Terms(tuple(f"type.{name}" for name in names))
