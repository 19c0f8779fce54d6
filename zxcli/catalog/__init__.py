"""The rule catalog: read once from codes/*.yaml, the one place that defines each code.

It sits below every check, report and command (it needs only the loader), so each of
them can name a code without reaching into another's package.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from zxcli.load import plain
from zxcli.load.yamlsafe import load_yaml

_HERE = Path(__file__).resolve().parent

LANGS = ("zh", "en")
FIXED_FAMILIES = frozenset({"load", "schema", "usage", "freeze"})


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # an explanation (why a rule let something pass): never a problem
    OFF = "off"


@dataclass(frozen=True)
class Rule:
    code: str
    family: str
    severity: Severity
    article: str | None
    title: Mapping[str, str]
    message: Mapping[str, str]
    hint: Mapping[str, str]
    adjustable: bool = False

    @property
    def overridable(self) -> bool:
        """Whether a campaign may change the severity in zx.yaml's `rules:`.

        Only what the policy leaves open: 第6条's conditions apply "原则上" and 第5条's levels
        "为主", so those entries say `adjustable: true` in the catalog. 第5条's ten, 第7条's
        materials and seals, 第8条, 第9条 and 第13条 are the policy's and stay as they are.
        """
        return self.adjustable and self.family not in FIXED_FAMILIES

    def render(self, lang: str, params: Mapping[str, Any]) -> str:
        return _fill(self.message[lang], _localized(params, lang), strict=True)

    def render_hint(self, lang: str, params: Mapping[str, Any]) -> str:
        return _fill(self.hint[lang], _localized(params, lang))

    def placeholders(self) -> set[str]:
        names: set[str] = set()
        for text in (*self.message.values(), *self.hint.values()):
            names |= {f for _, f, _, _ in string.Formatter().parse(text) if f}
        return names


@dataclass(frozen=True)
class Term:
    """A parameter that is itself a phrase of terms.yaml, shown in the report's language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        return term(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render("zh")


@dataclass(frozen=True)
class RuleTitle:
    """A parameter that names another rule by its title, in the report's language."""

    code: str

    def render(self, lang: str) -> str:
        return rule(self.code).title[lang]

    def __str__(self) -> str:
        return self.render("zh")


@dataclass(frozen=True)
class Terms:
    """Several phrases of terms.yaml joined (a field's allowed types: 文本 / 整数)."""

    keys: tuple[str, ...]
    separator: str = " / "

    def render(self, lang: str) -> str:
        return self.separator.join(term(key, lang) for key in self.keys)

    def __str__(self) -> str:
        return self.render("zh")


for _phrase in (Term, RuleTitle, Terms):  # finding parameters the validate cache keeps
    plain.register(_phrase)
plain.register_enum(Severity)


def localized(value: Any, lang: str) -> Any:
    """A parameter as shown in `lang`: phrases rendered, anything else as it is."""
    return value.render(lang) if isinstance(value, (Term, Terms, RuleTitle)) else value


def _localized(params: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    return {k: localized(v, lang) for k, v in params.items()}


class _Missing(dict):
    # A missing parameter shows as {name} instead of crashing the report.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Strict(dict):
    # Under test (ZX_STRICT_MESSAGES, set by tests/conftest.py) a message parameter that a
    # call site forgets raises instead of printing a brace. Hints stay lenient: `zx rules`
    # shows them as templates, their {placeholders} unfilled.
    def __missing__(self, key: str) -> str:
        raise KeyError(f"message parameter {key!r} not given")


def _fill(template: str, params: Mapping[str, Any], strict: bool = False) -> str:
    mapping = _Strict if strict and os.environ.get("ZX_STRICT_MESSAGES") else _Missing
    return string.Formatter().vformat(template, (), mapping(params))


@cache
def catalog() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in sorted((_HERE / "codes").glob("*.yaml")):
        for code, entry in load_yaml(path).data.items():
            if code in rules:
                raise ValueError(f"{path.name}: code {code} is defined twice")
            rules[code] = _rule(code, entry)
    return dict(sorted(rules.items()))


def _rule(code: str, entry: Mapping[str, Any]) -> Rule:
    return Rule(
        code=code,
        family=entry["family"],
        severity=Severity(entry["severity"]),
        article=entry.get("article"),
        title=entry["title"],
        message=entry["message"],
        hint=entry["hint"],
        adjustable=bool(entry.get("adjustable", False)),
    )


def rule(code: str) -> Rule:
    return catalog()[code]


@cache
def _terms() -> dict[str, Mapping[str, str]]:
    return dict(load_yaml(_HERE / "terms.yaml").data)


@cache
def help_texts() -> dict[str, Any]:
    """The text of the help pages (help.yaml): commands, parameters, click's own words."""
    return dict(load_yaml(_HERE / "help.yaml").data)


def term(key: str, lang: str, **params: Any) -> str:
    """A word or phrase of the reports around the messages (headings, type names)."""
    return _fill(_terms()[key][lang], params)
