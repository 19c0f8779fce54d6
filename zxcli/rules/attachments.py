"""第7条 attachments: each required document declared, and each declared file sound.

第7条 lists what a nomination must contain: the 申报书 (1), the 推荐函 and 推荐表 (2), the
statistics confirmed by the same-level 统计机关 (3), the city's 负责声明原件 (4), and, in its
lead-in, the consent of the provincial government (or the 兵团). "材料需完整" and
"真实性…符合要求": so every declared file must be there, inside the dossier folder, a real
document of an accepted type, readable, and unchanged since `zx freeze` recorded its hash.

Findings point at the attachment's `path` line (its `sha256`, `id` or `original` line
when that is what is wrong), or at `attachments` for a kind that is missing altogether.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from zxcli.catalog import Term
from zxcli.load.files import (
    MAX_ATTACHMENT_BYTES,
    Content,
    FileType,
    Inspection,
    NodeKind,
    PathProblem,
    PdfState,
    extension_type,
    inspect,
)
from zxcli.model.vocabulary import (
    KIND_APPLICATION,
    KIND_CONSENT,
    KIND_DECLARATION,
    KIND_FORM,
    KIND_LETTER,
    KIND_STATISTICS,
)
from zxcli.results import Finding
from zxcli.rules.context import DossierContext

# Each kind 第7条 requires, with the code reporting its absence, in the article's order.
REQUIRED_KINDS: tuple[tuple[str, str], ...] = (
    (KIND_APPLICATION, "ZX301"),
    (KIND_LETTER, "ZX302"),
    (KIND_FORM, "ZX303"),
    (KIND_STATISTICS, "ZX304"),
    (KIND_DECLARATION, "ZX305"),
    (KIND_CONSENT, "ZX306"),
)
ORIGINAL_REQUIRED = KIND_DECLARATION  # 第7条(4) 负责声明原件
ALLOWED_TYPES = frozenset({FileType.PDF, FileType.JPEG, FileType.PNG, FileType.OFD, FileType.DOCX})

_PATH_CODES = {
    PathProblem.MISSING: "ZX310",
    PathProblem.NORMALISATION: "ZX311",
    PathProblem.CASE: "ZX312",
    PathProblem.ABSOLUTE: "ZX313",
    PathProblem.PARENT: "ZX314",
    PathProblem.BACKSLASH: "ZX315",
    PathProblem.OUTSIDE: "ZX316",
    PathProblem.UNREADABLE: "ZX319",
}
_PDF_CODES = {
    PdfState.BROKEN: "ZX326",
    PdfState.ENCRYPTED: "ZX327",
    PdfState.RESTRICTED: "ZX328",
    PdfState.NO_PAGES: "ZX329",
    PdfState.TIMEOUT: "ZX334",
    PdfState.TOO_COSTLY: "ZX335",
}
_MB = 1024 * 1024


def check(ctx: DossierContext) -> Iterator[Finding]:
    data = ctx.data("dossier")
    if data is None:  # not loaded or not schema-clean: the schema findings come first
        return
    attachments: list[Mapping[str, Any]] = data.get("attachments") or []
    yield from _required_kinds(ctx, attachments)
    yield from _originals(ctx, attachments)
    yield from _duplicate_ids(ctx, attachments)
    yield from _files(ctx, attachments)


# ---------------------------------------------------------------------- the list


def _required_kinds(
    ctx: DossierContext, attachments: Sequence[Mapping[str, Any]]
) -> Iterator[Finding]:
    declared = {a.get("kind") for a in attachments}
    for kind, code in REQUIRED_KINDS:
        if kind not in declared:
            yield ctx.at("dossier", ("attachments",), code, kind=kind)


def _originals(ctx: DossierContext, attachments: Sequence[Mapping[str, Any]]) -> Iterator[Finding]:
    for i, att in enumerate(attachments):
        if att.get("kind") == ORIGINAL_REQUIRED and att.get("original") is not True:
            key = "original" if "original" in att else "path"
            yield ctx.at("dossier", ("attachments", i, key), "ZX307", **_names(att))


def _duplicate_ids(
    ctx: DossierContext, attachments: Sequence[Mapping[str, Any]]
) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, att in enumerate(attachments):
        ident = str(att.get("id"))  # the schema requires an id; str() for the type checker
        if ident in first:
            line = _line(ctx, ("attachments", first[ident], "id"))
            yield ctx.at("dossier", ("attachments", i, "id"), "ZX331", id=ident, first_line=line)
        else:
            first[ident] = i


def _line(ctx: DossierContext, json_path: tuple[str | int, ...]) -> int:
    doc = ctx.folder.files["dossier"].doc
    return doc.locate(json_path).line if doc is not None else 1


# ---------------------------------------------------------------------- the files


def _files(ctx: DossierContext, attachments: Sequence[Mapping[str, Any]]) -> Iterator[Finding]:
    by_file: dict[Path, Mapping[str, Any]] = {}
    by_hash: dict[str, Mapping[str, Any]] = {}
    folders: dict[str, bool] = {}  # which folders on the way are links, looked at once
    for i, att in enumerate(attachments):
        inspection = inspect(ctx.folder.root, att["path"], folders=folders)
        yield from _file_findings(ctx, i, att, inspection)
        real, content = inspection.located.path, inspection.content
        if real is None:
            continue
        if real in by_file:
            yield _same_file(ctx, i, att, by_file[real], "ZX332")
            continue
        by_file[real] = att
        if content is not None and content.sha256 and content.size:
            other = by_hash.setdefault(content.sha256, att)
            if other is not att:
                yield _same_file(ctx, i, att, other, "ZX333")


_REQUIRED = frozenset(kind for kind, _ in REQUIRED_KINDS)


def _same_file(
    ctx: DossierContext, i: int, att: Mapping[str, Any], other: Mapping[str, Any], code: str
) -> Finding:
    """One file (or the same bytes) declared twice: a warning, unless it stands for two
    different documents 第7条 requires, each of which must then be missing (ZX362)."""
    kinds = {att.get("kind"), other.get("kind")}
    if len(kinds) == 2 and kinds <= _REQUIRED:
        return _at_path(
            ctx, i, "ZX362", att, other_id=other.get("id"), other_kind=other.get("kind")
        )
    return _at_path(ctx, i, code, att, other_id=other.get("id"), other_path=other.get("path"))


def _file_findings(
    ctx: DossierContext, i: int, att: Mapping[str, Any], inspection: Inspection
) -> Iterator[Finding]:
    located, content = inspection.located, inspection.content
    if located.problem is not None:
        yield _path_finding(ctx, i, att, inspection)
        return
    if content is None:
        return
    if content.too_large:
        yield _at_path(
            ctx, i, "ZX321", att, size_mb=_mb(content.size), limit_mb=MAX_ATTACHMENT_BYTES // _MB
        )
        return
    if content.kind is FileType.EMPTY:
        yield _at_path(ctx, i, "ZX320", att)
        return
    yield from _type_findings(ctx, i, att, content)
    yield from _hash_findings(ctx, i, att, content)


def _path_finding(
    ctx: DossierContext, i: int, att: Mapping[str, Any], inspection: Inspection
) -> Finding:
    located = inspection.located
    if located.problem is PathProblem.NOT_REGULAR:
        if located.node is NodeKind.DIRECTORY:
            return _at_path(ctx, i, "ZX317", att)
        return _at_path(ctx, i, "ZX318", att, node=(located.node or NodeKind.OTHER).value)
    code = _PATH_CODES[located.problem]  # type: ignore[index]
    extra: dict[str, Any] = {}
    if located.found is not None:
        extra["found"] = located.found
    if located.reason is not None:
        extra["reason"] = located.reason
    if located.problem is PathProblem.BACKSLASH:
        extra["suggested"] = located.declared.replace("\\", "/")
    return _at_path(ctx, i, code, att, **extra)


def _type_findings(
    ctx: DossierContext, i: int, att: Mapping[str, Any], content: Content
) -> Iterator[Finding]:
    if content.kind not in ALLOWED_TYPES:
        yield _at_path(ctx, i, "ZX323" if content.kind is FileType.ZIP else "ZX322", att)
        return
    expected = extension_type(att["path"])
    if expected is None:
        yield _at_path(
            ctx, i, "ZX325", att, extension=_extension(att["path"]), found=content.kind.value
        )
    elif expected is not content.kind:
        yield _at_path(
            ctx,
            i,
            "ZX324",
            att,
            extension=_extension(att["path"]),
            expected=expected.value,
            found=content.kind.value,
        )
    if content.pdf in _PDF_CODES:
        yield _at_path(ctx, i, _PDF_CODES[content.pdf], att)


def _hash_findings(
    ctx: DossierContext, i: int, att: Mapping[str, Any], content: Content
) -> Iterator[Finding]:
    declared = att.get("sha256")
    if declared and content.sha256 and declared.lower() != content.sha256:
        # Which file and when it changed say more to a person than two 64-digit hashes.
        yield ctx.at(
            "dossier",
            ("attachments", i, "sha256"),
            "ZX330",
            **_names(att),
            declared=declared,
            actual=content.sha256,
            declared_short=declared[:12],
            actual_short=content.sha256[:12],
            modified=_modified(ctx.folder.root / att["path"]),
            frozen_on=_frozen_on(att),
        )


# ---------------------------------------------------------------------- helpers


def _at_path(
    ctx: DossierContext, i: int, code: str, att: Mapping[str, Any], **params: Any
) -> Finding:
    return ctx.at("dossier", ("attachments", i, "path"), code, **_names(att), **params)


def _names(att: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": att.get("id"), "path": att.get("path"), "kind": att.get("kind")}


def _extension(declared: str) -> str:
    name = declared.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def _frozen_on(att: Mapping[str, Any]) -> Term:
    """When the hash was recorded: dossiers frozen before zx wrote the date have none."""
    day = att.get("frozen_on")
    return Term("freeze.on", {"date": day}) if day else Term("freeze.on_unknown")


def _modified(path: Path) -> str:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return "?"
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def _mb(size: int) -> str:
    return f"{size / _MB:.1f}"


__all__ = ["ALLOWED_TYPES", "REQUIRED_KINDS", "check"]
