"""`zx validate --scan`: what the scans themselves show (issue 16, docs/scan.md).

The seals family checks what dossier.yaml *declares*; this family looks at the attachments
that 第7条 requires to be sealed and compares the page with the declaration: is the seal
there, whose is it, do the statistics confirmation's figures agree with application.yaml, does
the letter name the city and the 推荐单位, does the statement carry its three words.

Only runs when asked (families.dossier_checks): zxcli.scan and its heavy libraries are
imported inside `check`, never at import time, so a default install is unaffected.

What the library is told, per attachment:
- declared seals: the attachment's own `seals:`;
- candidates: every authority whose seal could plausibly be on a dossier's documents —
  the same-level 统计局, the city's 人民政府, the 省人民政府 and its 办公厅, the province's
  统计局 (the usual wrong seal on the figures) and the provincial 工信 department. A seal is
  attributed to the nearest of these by edit distance, or to none (印章文字无法识别);
- expected figures (统计数据确认 only) and names (推荐函 only), from the dossier's YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.load.files import locate
from zxcli.model.authorities import bundled_departments
from zxcli.model.policy import decimal_of
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
from zxcli.rules.seals import Authorities, authorities

if TYPE_CHECKING:
    from zxcli.scan.text import Expected

YI = "亿元"
# The documents 第7条 wants sealed (as in the seals family).
SEALED_KINDS = frozenset({KIND_APPLICATION, KIND_LETTER, KIND_FORM, KIND_STATISTICS,
                          KIND_DECLARATION, KIND_CONSENT})


def check(ctx: DossierContext) -> Iterator[Finding]:
    data = ctx.data("dossier")
    if data is None:  # the schema findings come first, as for every policy rule
        return
    required = authorities(ctx.gazetteer, data)
    candidates = candidate_authorities(ctx, data, required)
    figures = expected_figures(ctx.data("application"))
    names = {"city": required.city, "recommender": required.recommender}
    for i, att in enumerate(data.get("attachments") or []):
        if not _to_scan(att):
            continue
        path = _file(ctx.folder.root, str(att["path"]))
        if path is None:  # missing, outside the folder…: the attachments family says so
            continue
        kind = str(att.get("kind", ""))
        yield from _scan_one(ctx, i, att, path, candidates,
                             figures if kind == KIND_STATISTICS else None,
                             names if kind == KIND_LETTER else None)


def _to_scan(att: Mapping[str, Any]) -> bool:
    """The documents 第7条 wants sealed, and any other that declares a seal."""
    return att.get("kind") in SEALED_KINDS or bool(att.get("seals"))


def _file(root: Path, declared: str) -> Path | None:
    located = locate(root, declared)
    return located.path if located.problem is None else None


def _scan_one(ctx: DossierContext, i: int, att: Mapping[str, Any], path: Path,
              candidates: list[str], figures: Mapping[str, Expected] | None,
              names: Mapping[str, str] | None) -> Iterator[Finding]:
    from zxcli.scan.check import scan_attachment, to_findings

    declared = [str(s) for s in att.get("seals") or []]
    result = scan_attachment(path, str(att.get("kind", "")), declared, candidates,
                             expected_figures=figures, expected_names=names)
    # The finding points at the attachment's entry in dossier.yaml (where it is mended);
    # the page goes into the message, and `file` is the path as the dossier declares it.
    for code, params, page in to_findings(result):
        extra = {"page": page} if page is not None and "page" not in params else {}
        yield ctx.at("dossier", ("attachments", i, "path"), code,
                     **{**params, **extra, "file": att["path"], "id": att.get("id")})


# ----------------------------------------------------------------------------- inputs


def candidate_authorities(ctx: DossierContext, data: Mapping[str, Any],
                          required: Authorities) -> list[str]:
    """Whose seals may be found on this dossier's documents (first = most expected)."""
    names = [required.statistics_bureau, required.government, required.recommender]
    province = str(data.get("province", ""))
    if required.provincial is not None:
        names.append(required.provincial)
        if required.provincial.endswith("人民政府"):
            names.append(required.provincial + "办公厅")  # consent often comes from it
    found = ctx.gazetteer.province(province)
    if found is not None:
        names.append(found.name + "统计局")  # the usual wrong seal on the statistics
    departments = {**bundled_departments(), **ctx.settings.authorities}
    if province in departments:
        names.append(departments[province])
    return list(dict.fromkeys(n for n in names if n))


def expected_figures(application: Mapping[str, Any] | None) -> dict[str, Expected]:
    """The key figures a statistics confirmation carries, as application.yaml declares them."""
    if not application:
        return {}
    from zxcli.scan.text import Expected

    c2 = application.get("c2_industry") or {}
    c3 = application.get("c3_investment") or {}
    wanted: dict[str, tuple[Any, str]] = {
        "工业增加值": (c2.get("industrial_value_added_yi"), YI),
        "工业投资": ((c3.get("industrial_investment_yi") or {}).get("current"), YI),
        "技术改造投资": ((c3.get("tech_renovation_investment_yi") or {}).get("current"), YI),
    }
    for product in c2.get("leading_products") or []:
        # Product units (万台, 亿块, 吉瓦时…) are not all known to the figure reader: no unit.
        wanted[str(product.get("name", ""))] = (product.get("output"), "")
    out: dict[str, Expected] = {}
    for label, (value, unit) in wanted.items():
        number: Decimal | None = decimal_of(value)
        if label and number is not None:
            out[label] = Expected(number, unit)
    return out
