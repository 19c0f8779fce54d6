"""Option types every command shares: one definition of --lang and of the output formats."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", envvar="ZX_LANG")]


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class ReportFormat(str, Enum):
    """The reporters of zxcli.report (a test keeps the two lists equal)."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"
    codequality = "codequality"


class RulesFormat(str, Enum):
    table = "table"
    markdown = "markdown"


def date_option(option: str, value: str | None) -> date | None:
    """An option's YYYY-MM-DD value (tally's --publicity-start and --as-of, overview's
    --as-of); anything else is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from zxcli.errors import UsageError

        raise UsageError("ZX905", option=option, value=value, reason="YYYY-MM-DD") from None
