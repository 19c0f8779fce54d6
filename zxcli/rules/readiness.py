"""Is the dossier ready to send? Leftovers of the zx init template, titles of another year,
and, where a file's format errors keep checks from running, which checks are still to come.

第7条 asks for complete and true materials: a “（请填写）” placeholder is neither, wherever it
is left. The placeholders are found in the raw data, so they show even in a file whose
schema checks failed: fixing the format must not reveal a second page of leftovers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from zxcli.catalog import Term
from zxcli.model.campaign import DOSSIER_KINDS
from zxcli.results import Finding
from zxcli.rules.context import DossierContext

# What zx init writes for a person to replace: the one marker every placeholder carries.
PLACEHOLDER = "请填写"
_YEAR_IN_TITLE = re.compile(r"(20[0-9]{2})年度")
# The checks each file's data feeds; named when that file's schema errors hold them back.
_PENDING = {
    "dossier": "check.pending.dossier",
    "application": "check.pending.application",
    "recommendation": "check.pending.recommendation",
}
_KINDS = tuple(DOSSIER_KINDS.values())


def check(ctx: DossierContext) -> Iterator[Finding]:
    for kind in _KINDS:
        data = ctx.folder.data(kind)
        if isinstance(data, Mapping) and _may_hold_placeholder(ctx, kind):
            yield from _leftovers(ctx, kind, data)
    yield from _titles(ctx)
    yield from _pending(ctx)


def _may_hold_placeholder(ctx: DossierContext, kind: str) -> bool:
    """Whether the data can hold the marker at all: its text spells it, or has an escape
    (a double-quoted "\\u8bf7…" or a line joined by "\\") that might; otherwise walking every
    value of the file would find nothing."""
    loaded = ctx.folder.files.get(kind)
    text = loaded.doc.text if loaded is not None and loaded.doc is not None else ""
    return not text or PLACEHOLDER in text or "\\" in text


def _walk(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    elif isinstance(value, str):
        yield path, value


def _leftovers(ctx: DossierContext, kind: str, data: Mapping[str, Any]) -> Iterator[Finding]:
    for path, text in _walk(data):
        if PLACEHOLDER in text:
            yield ctx.at(kind, path, "ZX250", field=_dotted(path), value=text)


def _titles(ctx: DossierContext) -> Iterator[Finding]:
    year = ctx.settings.year if ctx.settings else None
    data = ctx.data("dossier")
    if not isinstance(year, int) or data is None:
        return
    for i, att in enumerate(data.get("attachments") or []):
        found = _YEAR_IN_TITLE.search(str(att.get("title") or ""))
        if found and int(found.group(1)) != year:
            path: tuple[str | int, ...] = ("attachments", i, "title")
            yield ctx.at(
                "dossier", path, "ZX251", field=_dotted(path), found=found.group(1), year=year
            )


def _pending(ctx: DossierContext) -> Iterator[Finding]:
    """A file that loaded but failed its schema: say what its data would have been checked for."""
    for kind in _KINDS:
        loaded = ctx.folder.files.get(kind)
        if loaded is None or loaded.doc is None or ctx.data(kind) is not None:
            continue
        yield ctx.at(kind, (), "ZX252", file=loaded.display, pending=Term(_PENDING[kind]))


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
