"""`zx validate --scan`: what the scans themselves show (issue 16, docs/scan.md).

The seals family checks what dossier.yaml *declares*; this family looks at the attachments
that 第7条 requires to be sealed and compares the page with the declaration: is the seal
there, whose is it, do the statistics confirmation's figures agree with application.yaml, does
the letter name the city and the 推荐单位, does the statement carry its three words.

Only runs when asked (families.dossier_checks): zxcli.scan and its heavy libraries are
imported inside `check`, never at import time, so a default install is unaffected.

What the library is told, per attachment:
- declared seals: the attachment's own `seals:`;
- the world of real authorities: every place of the campaign's gazetteer (the bundled one or
  the campaign's own) with the organs of data/ocr/organs.csv, and the provincial 工信 bodies
  with the campaign's renamings (zx.yaml `authorities:`): a seal is attributed to the one real
  authority its text names exactly, or to none (印章文字无法识别), never to "the nearest";
- alternatives: a 省政府（兵团）同意 may bear the seal of the 省人民政府 or of its 办公厅 (the
  兵团 or its 办公厅), and a 盟/地区 is governed by its 行政公署 (BRIEF);
- whether 第7条 wants the document sealed: then a seal nobody can read is an error (ZX463),
  like a missing one; elsewhere a warning (ZX464). docs/scan.md says why;
- expected figures (统计数据确认 only) and names (推荐函 only), from the dossier's YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.load.files import locate
from zxcli.model.authorities import bundled_departments
from zxcli.model.gazetteer import Gazetteer
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
from zxcli.rules.seals import authorities

if TYPE_CHECKING:
    from zxcli.scan.authority_names import World
    from zxcli.scan.text import Expected

YI = "亿元"
BINGTUAN = "新疆生产建设兵团"
# The documents 第7条 wants sealed (as in the seals family).
SEALED_KINDS = frozenset(
    {KIND_APPLICATION, KIND_LETTER, KIND_FORM, KIND_STATISTICS, KIND_DECLARATION, KIND_CONSENT}
)


def check(ctx: DossierContext) -> Iterator[Finding]:
    data = ctx.data("dossier")
    if data is None:  # the schema findings come first, as for every policy rule
        return
    required = authorities(ctx.gazetteer, data)
    world = _world(ctx.gazetteer, frozenset(ctx.settings.authorities.items()))
    figures = expected_figures(ctx.data("application"))
    names = {"city": required.city, "recommender": required.recommender}
    for i, att in enumerate(data.get("attachments") or []):
        if not _to_scan(att):
            continue
        path = _file(ctx.folder.root, str(att["path"]))
        if path is None:  # missing, outside the folder…: the attachments family says so
            continue
        kind = str(att.get("kind", ""))
        yield from _scan_one(
            ctx,
            i,
            att,
            path,
            world,
            figures if kind == KIND_STATISTICS else None,
            names if kind == KIND_LETTER else None,
        )


def _to_scan(att: Mapping[str, Any]) -> bool:
    """The documents 第7条 wants sealed, and any other that declares a seal."""
    return att.get("kind") in SEALED_KINDS or bool(att.get("seals"))


def _file(root: Path, declared: str) -> Path | None:
    located = locate(root, declared)
    return located.path if located.problem is None else None


def _scan_one(
    ctx: DossierContext,
    i: int,
    att: Mapping[str, Any],
    path: Path,
    world: World,
    figures: Mapping[str, Expected] | None,
    names: Mapping[str, str] | None,
) -> Iterator[Finding]:
    from zxcli.scan.check import scan_attachment, to_findings

    kind = str(att.get("kind", ""))
    declared = [str(s) for s in att.get("seals") or []]
    result = scan_attachment(
        path,
        kind,
        declared,
        expected_figures=figures,
        expected_names=names,
        alternatives=alternatives(kind, declared, world),
        seal_required=kind in SEALED_KINDS,
        world=world,
    )
    # The finding points at the attachment's entry in dossier.yaml (where it is mended);
    # the page goes into the message, and `file` is the path as the dossier declares it.
    for code, params, page in to_findings(result):
        extra = {"page": page} if page is not None and "page" not in params else {}
        yield ctx.at(
            "dossier",
            ("attachments", i, "path"),
            code,
            **{**params, **extra, "file": att["path"], "id": att.get("id")},
        )


# ----------------------------------------------------------------------------- inputs


@lru_cache(maxsize=4)
def _world(gazetteer: Gazetteer, renamed: frozenset[tuple[str, str]]) -> World:
    """Every real authority of this campaign, built once per gazetteer and renamings."""
    from zxcli.scan.authority_names import world_of

    return world_of(gazetteer, {**bundled_departments(), **dict(renamed)})


def alternatives(
    kind: str, declared: list[str], world: World | None = None
) -> dict[str, list[str]]:
    """Other names whose seal satisfies each declared one (see the module's docstring)."""
    from zxcli.scan.authority_names import bundled_world

    world = world or bundled_world()
    out = {name: world.alternatives(name) for name in declared}
    if kind == KIND_CONSENT:
        for name in declared:
            out[name] += consenting_bodies(name)
    return out


def consenting_bodies(name: str) -> list[str]:
    """A provincial government (or the 兵团) and its 办公厅 issue the consent alike, each
    under its own seal (BRIEF): either one stands for the other."""
    office = "办公厅"
    if name.endswith(office):
        return [name[: -len(office)]]
    if name.endswith("人民政府") or name == BINGTUAN:
        return [name + office]
    return []


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
