"""`zx rules`: the catalog as a table for people or as markdown for the user guide."""

from __future__ import annotations

from rich.table import Table

from zxcli.catalog import Rule, catalog, term

_COLUMNS = ("code", "severity", "adjustable", "article", "title", "hint")
# Share of the width left to the columns of text (the others take what they need).
_RATIO = {"title": 2, "hint": 5}
# Hint endings that exist only for a particular finding ("；是否指 佛山市（440600）?"): the
# rule list shows the hint without them.
_FINDING_ONLY = {"did_you_mean": ""}


def _cells(rule: Rule, lang: str) -> tuple[str, ...]:
    # adjustable: whether zx.yaml's `rules:` may re-grade it (第6条 "原则上", 第5条 "为主")
    adjustable = term("adjustable.yes" if rule.overridable else "adjustable.no", lang)
    return (
        rule.code,
        term(f"severity.{rule.severity.value}", lang),
        adjustable,
        rule.article or "—",
        rule.title[lang],
        rule.render_hint(lang, _FINDING_ONLY),
    )


def as_table(lang: str) -> Table:
    # Every cell wraps instead of being cut with "…" (Chinese has no spaces to break at, so
    # rich folds it); the hint, the longest, takes the room the narrow columns leave. A line
    # between rules tells where one rule's wrapped lines end.
    table = Table(show_lines=True, expand=True)
    for column in _COLUMNS:
        table.add_column(
            term(f"head.{column}", lang),
            no_wrap=column in ("code", "severity"),
            overflow="fold",
            ratio=_RATIO.get(column),
        )
    for rule in catalog().values():
        table.add_row(*_cells(rule, lang))
    return table


def as_markdown(lang: str, anchors: bool = False) -> str:
    """The rule table; with `anchors` (the guide) each code carries an anchor, so SARIF's
    helpUri can link to docs/guide.md#zx310."""
    head = [term(f"head.{column}", lang) for column in _COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rule in catalog().values():
        cells = [c.replace("|", "\\|") for c in _cells(rule, lang)]
        if anchors:
            cells[0] = f'<a id="{rule.code.lower()}"></a>{cells[0]}'
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
