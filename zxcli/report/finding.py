"""A finding: one problem, at one place, under one code of the catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from zxcli.rules.catalog import Rule, Severity, rule


@dataclass(frozen=True)
class Finding:
    code: str
    path: str
    line: int = 1
    column: int = 1
    params: Mapping[str, Any] = field(default_factory=dict)
    dossier: str | None = None
    severity: Severity | None = None  # set by the report from catalog and campaign overrides

    @property
    def rule(self) -> Rule:
        return rule(self.code)

    def message(self, lang: str) -> str:
        return self.rule.render(lang, self.params)

    @property
    def level(self) -> Severity:
        """The severity in force: settled by the report, else the catalog's."""
        return self.severity or self.rule.severity

    def hint(self, lang: str) -> str:
        return self.rule.render_hint(lang, self.params)

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"
