"""How an error that stops a command is shown: code, place, message, hint."""

from __future__ import annotations

from rich.text import Text

from zxcli.catalog import rule
from zxcli.errors import ZxError


def describe(err: ZxError, lang: str) -> Text:
    entry = rule(err.code)
    text = Text()
    text.append("zx: ", style="bold")
    if err.path:
        where = err.path + (f":{err.line}" if err.line else "")
        where += f":{err.column}" if err.line and err.column else ""
        text.append(f"{where}: ", style="cyan")
    text.append(f"{err.code} ", style="bold red")
    text.append(entry.render(lang, err.params))
    text.append(f"\n    → {entry.render_hint(lang, err.params)}", style="dim")
    return text
