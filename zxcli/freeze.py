"""`zx freeze`: record each attachment's SHA-256 and the day it was frozen in dossier.yaml,
so a later change is caught and the message can say since when the file was held fixed.

Freezing is the one thing zx does to its own input: it rewrites dossier.yaml in place. It
does so as a person would with an editor, line by line: for each attachment whose hash is
new or changed it replaces the values of existing `sha256:` and `frozen_on:` lines, or
inserts them right after the `path:` (or `sha256:`) line at the same indentation. An
attachment whose hash is unchanged keeps its lines and its date. Every other byte
(comments, blank lines, quoting, key order, line endings, a BOM) stays as it was, and the
result is parsed again and compared with what was meant before anything is written. The
file is replaced atomically.

Nothing is written when the dossier does not load or breaks its schema, when an attachment
is missing or unsafe (outside the folder, not a regular file, too large), or when any one
of several dossiers named on the command line has such a problem. `check=True` only
reports what would change.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zxcli.errors import DataError, InputError
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_name, display_path
from zxcli.load.files import MAX_ATTACHMENT_BYTES, Inspection, NodeKind, PathProblem, inspect
from zxcli.load.yamlsafe import (
    MAX_FILE_BYTES,
    Document,
    LoadError,
    decode,
    parse_text,
    read_capped,
)
from zxcli.model.campaign import CAMPAIGN_FILE, DOSSIER_FILE
from zxcli.model.targets import dossier_roots
from zxcli.results import Finding
from zxcli.schema.check import check_document

_BOM = b"\xef\xbb\xbf"
_NUMERIC = re.compile(r"[0-9]+(?:e[0-9]+)?")
_UNSAFE = frozenset(
    {PathProblem.ABSOLUTE, PathProblem.PARENT, PathProblem.BACKSLASH, PathProblem.OUTSIDE}
)
_MISSING = frozenset({PathProblem.MISSING, PathProblem.NORMALISATION, PathProblem.CASE})


@dataclass(frozen=True)
class HashChange:
    """One attachment whose recorded hash is added or replaced."""

    index: int
    id: str
    path: str
    old: str | None
    new: str
    line: int  # the `sha256:` key when there is one, else the `path:` key
    column: int = 1
    frozen_on: str = ""  # the date written beside the hash (ISO)


@dataclass
class FreezePlan:
    """What freezing one dossier would write."""

    root: Path
    file: Path
    display: str
    changes: list[HashChange] = field(default_factory=list)
    updated: bytes = b""
    total: int = 0  # attachments declared; those not in `changes` were left as they were

    @property
    def recorded(self) -> list[HashChange]:
        return [c for c in self.changes if c.old is None]

    @property
    def replaced(self) -> list[HashChange]:
        return [c for c in self.changes if c.old is not None]

    @property
    def left(self) -> int:
        return self.total - len(self.changes)

    @property
    def key(self) -> str:
        return display_name(self.root.name)  # a GBK name shown with \xNN escapes

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------- entry points


def freeze(
    paths: Sequence[Path], check: bool = False, today: dt.date | None = None
) -> list[FreezePlan]:
    """Plan every dossier first, so that one bad dossier means nothing is written."""
    for path in paths:
        _confine(path)
    day = (today or dt.date.today()).isoformat()
    plans = [plan(root, day) for root in dossier_roots(list(paths))]
    if not check:
        for each in plans:
            apply(each)
    return plans


def apply(frozen: FreezePlan) -> None:
    if frozen.changed:
        write_atomic(frozen.file, frozen.updated, force=True)


def check_findings(plans: Iterable[FreezePlan]) -> list[Finding]:
    """`--check`: each hash freezing would add (ZX358) or replace (ZX359)."""
    findings = []
    for each in plans:
        for change in each.changes:
            code = "ZX359" if change.old else "ZX358"
            params = {
                "id": change.id,
                "path": change.path,
                "declared": change.old,
                "actual": change.new,
            }
            findings.append(
                Finding(code, each.display, change.line, change.column, params, each.key)
            )
    return findings


# ---------------------------------------------------------------------- confinement


def _confine(path: Path) -> None:
    """Every dossier `path` names must really lie inside the campaign it is named through.

    A dossier folder that is a symlink (or sits behind one) would have freeze rewrite
    whatever it points at: another year's archive, another office's copy. The campaign is
    found on the path as typed (not resolved), and each dossier's real path must be in the
    campaign's real path; a loose dossier must be where it is named, not elsewhere.
    """
    typed = Path(os.path.abspath(path))
    campaign = next((p for p in (typed, *typed.parents) if (p / CAMPAIGN_FILE).is_file()), None)
    home = campaign or (typed if (typed / DOSSIER_FILE).is_file() else typed.parent)
    real_home = home.resolve()
    for root in dossier_roots([path]):
        for real in (root.resolve(), (root / DOSSIER_FILE).resolve()):
            if not real.is_relative_to(real_home):
                named = typed if (typed / DOSSIER_FILE).is_file() else root
                raise DataError(
                    "ZX360",
                    path=display_path(named),
                    dossier=display_path(named),
                    target=str(real),
                    campaign=display_path(home),
                )
    # A loose dossier named through a link of its own: its folder is not where it is named.
    if (
        campaign is None
        and (typed / DOSSIER_FILE).is_file()
        and typed.resolve() != typed.parent.resolve() / typed.name
    ):
        raise DataError(
            "ZX360",
            path=display_path(typed),
            dossier=display_path(typed),
            target=str(typed.resolve()),
            campaign=display_path(typed.parent),
        )


# ---------------------------------------------------------------------- planning


def plan(root: Path, today: str | None = None) -> FreezePlan:
    file = root / DOSSIER_FILE
    shown = display_path(file)
    raw, doc = _load(file, shown)
    _refuse_schema_errors(doc)
    frozen = FreezePlan(root=root, file=file, display=shown, total=len(doc.data["attachments"]))
    hashes = [_hash(root, doc, i, att) for i, att in enumerate(doc.data["attachments"])]
    bom = _BOM if raw.startswith(_BOM) else b""
    text = raw[len(bom) :].decode("utf-8")
    items = _attachment_nodes(text)
    day = today or dt.date.today().isoformat()
    edits: list[_Edit] = []
    for i, (att, new) in enumerate(zip(doc.data["attachments"], hashes, strict=True)):
        old = att.get("sha256")
        if old == new:
            continue
        edits.extend(_edits(text, items[i], new, day, att, shown, doc, i))
        key = "sha256" if old is not None else "path"
        loc = doc.locate(("attachments", i, key))
        frozen.changes.append(
            HashChange(i, att["id"], att["path"], old, new, loc.line, loc.column, day)
        )
    updated = _apply_edits(text, edits)
    _verify(doc, updated, frozen.changes, shown)
    frozen.updated = bom + updated.encode("utf-8")
    if len(frozen.updated) > MAX_FILE_BYTES:
        # validate reads at most this much (ZX006): never write what zx would refuse.
        raise DataError(
            "ZX361",
            path=shown,
            size_kb=len(frozen.updated) // 1024,
            limit_kb=MAX_FILE_BYTES // 1024,
        )
    return frozen


def _load(file: Path, shown: str) -> tuple[bytes, Document]:
    try:
        raw = read_capped(file, shown)
        return raw, parse_text(decode(raw, shown), file, shown)
    except LoadError as err:
        raise DataError(
            "ZX350", path=shown, line=err.line, column=err.column, cause=err.code
        ) from None


def _refuse_schema_errors(doc: Document) -> None:
    found = check_document(doc, "dossier")
    if found:
        first = found[0]
        raise DataError(
            "ZX351",
            path=doc.display,
            line=first.line,
            column=first.column,
            count=len(found),
            first_code=first.code,
        )


def _hash(root: Path, doc: Document, i: int, att: dict[str, Any]) -> str:
    inspection = inspect(root, att["path"], check_pdf=False)
    content = inspection.content
    if inspection.problem is None and content is not None and content.sha256:
        return content.sha256
    loc = doc.locate(("attachments", i, "path"))
    raise _refusal(inspection, att, doc.display, loc.line, loc.column)


def _refusal(
    inspection: Inspection, att: dict[str, Any], shown: str, line: int, column: int
) -> DataError | InputError:
    where: dict[str, Any] = {"path": shown, "line": line, "column": column}
    # ZxError's own `path` is dossier.yaml; the attachment's path travels as `file`.
    names = {"id": att["id"], "file": att["path"]}
    located = inspection.located
    if located.problem in _MISSING:
        return DataError("ZX352", **where, **names)
    if located.problem in _UNSAFE:
        return DataError("ZX353", **where, **names)
    if located.problem is PathProblem.NOT_REGULAR:
        node = (located.node or NodeKind.OTHER).value
        return DataError("ZX354", **where, **names, node=node)
    if inspection.content is not None and inspection.content.too_large:
        return DataError("ZX355", **where, **names, limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
    return InputError("ZX356", **where, **names, reason=located.reason or "")


# ---------------------------------------------------------------------- editing


def _attachment_nodes(text: str) -> list[yaml.Node]:
    # The pure-Python composer: its marks count characters, which is what we slice by.
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value:
        if key.value == "attachments":
            return list(value.value)
    return []


def _edits(
    text: str,
    item: yaml.Node,
    new: str,
    day: str,
    att: dict[str, Any],
    shown: str,
    doc: Document,
    i: int,
) -> list[_Edit]:
    """Replace the values of `sha256:` and `frozen_on:` where they are; insert what is not
    there after the line before it (`path:` for the hash, the hash for the date)."""
    if not isinstance(item, yaml.MappingNode) or item.flow_style:
        loc = doc.locate(("attachments", i))
        raise DataError("ZX357", path=shown, line=loc.line, column=loc.column, id=att["id"])
    pairs = {k.value: (k, v) for k, v in item.value}
    edits = [
        _Edit(pairs[key][1].start_mark.index, pairs[key][1].end_mark.index, value)
        for key, value in (("sha256", _scalar(new)), ("frozen_on", day))
        if key in pairs
    ]
    missing = [
        (key, value)
        for key, value in (("sha256", _scalar(new)), ("frozen_on", day))
        if key not in pairs
    ]
    if missing:
        anchor = "sha256" if "sha256" in pairs else "path"
        key, value = pairs[anchor]
        at, eol = _after_line(text, value.end_mark)
        lead = eol if at == len(text) and text and not text.endswith("\n") else ""
        indent = " " * key.start_mark.column
        lines = "".join(f"{indent}{name}: {shown_value}{eol}" for name, shown_value in missing)
        edits.append(_Edit(at, at, lead + lines))
    return edits


def _scalar(digest: str) -> str:
    # A digest of decimal digits (with at most one e) would read as a number: quote it.
    return f'"{digest}"' if _NUMERIC.fullmatch(digest) else digest


def _after_line(text: str, end: yaml.Mark) -> tuple[int, str]:
    """Where the line holding the end of a value ends, and that line's line ending."""
    # A block scalar (path: |) ends at the start of the following line.
    newline = end.index - 1 if end.column == 0 and end.index else text.find("\n", end.index)
    if newline < 0:
        return len(text), _eol(text)
    eol = "\r\n" if newline and text[newline - 1] == "\r" else "\n"
    return newline + 1, eol


def _eol(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _apply_edits(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _verify(doc: Document, updated: str, changes: list[HashChange], shown: str) -> None:
    """The edited text must mean exactly the old data plus the new hashes."""
    expected = copy.deepcopy(doc.data)
    for change in changes:
        expected["attachments"][change.index]["sha256"] = change.new
        expected["attachments"][change.index]["frozen_on"] = change.frozen_on
    try:
        result = parse_text(updated, doc.path, shown).data
    except LoadError:
        result = None
    if result != expected:
        first = changes[0] if changes else None
        raise DataError(
            "ZX357", path=shown, line=first.line if first else 1, id=first.id if first else ""
        )


__all__ = ["FreezePlan", "HashChange", "apply", "check_findings", "dossier_roots", "freeze", "plan"]
