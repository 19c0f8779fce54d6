"""`zx init`: a new campaign folder, or a new dossier folder with its three YAML files.

The templates live in templates/init/ so an office can change the wording without code.
Every file written starts with a `# yaml-language-server: $schema=` line pointing, by a
relative path, at the schemas exported into the campaign's own `schemas/` folder: an
editor resolves them offline, right after a plain `pip install` (no web address).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zxcli.errors import OutputError, UsageError
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_path
from zxcli.model.authorities import (
    bundled_departments,
    governing_body,
    provincial_government,
    statistics_bureau,
)
from zxcli.model.campaign import CAMPAIGN_FILE, DOSSIER_KINDS, load_file
from zxcli.model.gazetteer import Division, Gazetteer
from zxcli.model.targets import campaign_of
from zxcli.model.vocabulary import RECOMMENDER_BINGTUAN, RECOMMENDER_PROVINCE
from zxcli.resources import bundled_dir
from zxcli.schema.export import list_schemas
from zxcli.schema.store import schema

SCHEMAS_DIR = "schemas"


@dataclass(frozen=True)
class YearChoice:
    """The 年度 a new file is written for, and where it came from (always announced)."""

    year: int
    source: str  # "option" | "campaign" | "default"
    settings: Path | None = None  # the zx.yaml it was read from


@dataclass
class Scaffolded:
    written: list[Path]
    year: YearChoice


def default_year(today: dt.date) -> int:
    # A round is named by the 年度 assessed, which ended before the round starts.
    return today.year - 1


# ---------------------------------------------------------------------- a campaign


def scaffold_campaign(
    folder: Path, year: int | None = None, force: bool = False, today: dt.date | None = None
) -> Scaffolded:
    """zx.yaml, schemas/ (for the editor) and an empty dossiers/ in `folder`."""
    choice = (
        YearChoice(year, "option")
        if year
        else YearChoice(default_year(today or dt.date.today()), "default")
    )
    target = folder / CAMPAIGN_FILE
    if target.exists() and not force:
        raise UsageError("ZX903", target=display_path(target))
    _mkdir(folder / "dossiers")
    written = export_schemas_into(folder, force=True)
    line = _modeline(folder, folder, "campaign.schema.json")
    text = _render("zx.yaml", {"schema_line": line, "year": choice.year})
    write_atomic(target, text.encode("utf-8"), force)
    return Scaffolded([target, *written], choice)


def export_schemas_into(root: Path, force: bool = False) -> list[Path]:
    """The bundled schemas into `root`/schemas; an existing copy is left unless `force`."""
    source = bundled_dir("schemas")
    written = []
    for name in list_schemas():
        target = root / SCHEMAS_DIR / name
        if target.exists() and not force:
            continue
        _mkdir(target.parent)
        write_atomic(target, (source / name).read_bytes(), force=True)
        written.append(target)
    return written


# ---------------------------------------------------------------------- the review


REVIEW_DIR = "review"
# The committee list is the first step's file: its template goes straight to review/.
# The later steps' files (decision, publicity, …) go to review/templates/: zx reads a
# review/decision.yaml as soon as it exists, and a template there would stop the first
# `zx tally` (the one whose 初选建议名单 the decision is made from) until it was filled in.
FIRST_STEP = "committee.yaml"
LATER_DIR = "templates"


def scaffold_review(
    campaign: Path, force: bool = False, today: dt.date | None = None
) -> Scaffolded:
    """Starting points for the files the ministry writes (committee, decision, publicity):
    every templates/init/review/*.yaml, rendered with its modeline into the campaign's
    review/ folder (the first step's) or review/templates/ (the later steps').

    Nothing is written if one of them exists (unless `force`): a filled-in committee list
    must never be replaced by a template.
    """
    settings = campaign / CAMPAIGN_FILE
    if not settings.is_file():
        raise UsageError("ZX902", target=display_path(campaign))
    found = _campaign_year(settings)
    choice = (
        YearChoice(found, "campaign", settings)
        if found is not None
        else YearChoice(default_year(today or dt.date.today()), "default", settings)
    )
    source = bundled_dir("templates") / "init" / REVIEW_DIR
    names = sorted(p.name for p in source.glob("*.yaml"))
    targets = [
        campaign / REVIEW_DIR / name
        if name == FIRST_STEP
        else campaign / REVIEW_DIR / LATER_DIR / name
        for name in names
    ]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise UsageError("ZX903", target=display_path(existing[0]))
    for target in targets:
        _mkdir(target.parent)
    exported = export_schemas_into(campaign)
    for name, target in zip(names, targets, strict=True):
        kind = Path(name).stem
        # The modeline of the file's final place (review/), where it is copied when due.
        line = modeline_for(campaign / REVIEW_DIR, kind) if kind in list_kinds() else ""
        text = _render(
            f"{REVIEW_DIR}/{name}", {"schema_line": line, "year": choice.year}, suffix=""
        )
        write_atomic(target, text.lstrip("\n").encode("utf-8"), force)
    return Scaffolded([*targets, *exported], choice)


def list_kinds() -> set[str]:
    """The kinds of YAML file zx has a schema for (committee, publicity, …)."""
    return {name.removesuffix(".schema.json") for name in list_schemas()}


# ---------------------------------------------------------------------- a dossier


def scaffold_dossier(
    folder: Path,
    province: str,
    city: str,
    year: int | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> Scaffolded:
    """Write dossier.yaml, application.yaml and recommendation.yaml into `folder`."""
    gazetteer = Gazetteer.bundled()
    division = _division(gazetteer, province, city)
    today = today or dt.date.today()
    choice = _year(folder, year, today)
    values = _values(gazetteer, division, province, choice.year, today)
    targets = [folder / name for name in DOSSIER_KINDS]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise UsageError("ZX903", target=display_path(existing[0]))
    _mkdir(folder / "attachments")
    home = _schema_home(folder)
    exported = export_schemas_into(home)
    for target in targets:
        line = _modeline(folder, home, target.name.replace(".yaml", ".schema.json"))
        text = _render(target.name, {**values, "schema_line": line})
        write_atomic(target, text.encode("utf-8"), force)
    return Scaffolded([*targets, *exported], choice)


def modeline_for(folder: Path, kind: str) -> str:
    """The `# yaml-language-server: $schema=` line of a `kind` file written into `folder`,
    pointing at the schemas the campaign (or the repository) keeps for the editor."""
    return _modeline(folder, _schema_home(folder), f"{kind}.schema.json")


def _schema_home(folder: Path) -> Path:
    """Where the schemas live: the nearest `schemas/` up the tree that has them (a
    repository keeping one copy for several years), else the campaign (they are exported
    there), else the folder holding a loose dossier."""
    here = folder.resolve()
    for parent in here.parents:
        if (parent / SCHEMAS_DIR / "dossier.schema.json").is_file():
            return parent
    return campaign_of(here) or here.parent


def _modeline(folder: Path, home: Path, name: str) -> str:
    rel = os.path.relpath(home.resolve() / SCHEMAS_DIR / name, folder.resolve())
    return f"# yaml-language-server: $schema={rel.replace(os.sep, '/')}"


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, no permission…
        raise OutputError(
            "ZX904", target=display_path(path), reason=exc.strerror or type(exc).__name__
        ) from None


def _division(gazetteer: Gazetteer, province: str, city: str) -> Division:
    found = [d for d in gazetteer.find(province, city) if d.eligible] or gazetteer.find(
        province, city
    )
    if len(found) == 1:
        return found[0]
    if not found:
        near = gazetteer.near_miss(province, city)
        if near is not None:
            raise UsageError(
                "ZX909", province=province, city=city, name=near.name, division_code=near.code
            )
    raise UsageError("ZX908", province=province, city=city, count=len(found))


def _year(folder: Path, year: int | None, today: dt.date) -> YearChoice:
    settings = _settings_file(folder)
    if year:
        return YearChoice(year, "option", settings)
    found = _campaign_year(settings) if settings else None
    if found is not None:
        return YearChoice(found, "campaign", settings)
    return YearChoice(default_year(today), "default", settings)


def _settings_file(folder: Path) -> Path | None:
    root = campaign_of(folder.resolve())
    return root / CAMPAIGN_FILE if root is not None else None


def _campaign_year(settings: Path) -> int | None:
    data = load_file(settings, "campaign").data or {}
    year = data.get("year")
    return year if isinstance(year, int) else None


def _values(
    gazetteer: Gazetteer, division: Division, province: str, year: int, today: dt.date
) -> dict[str, Any]:
    bingtuan = gazetteer.is_bingtuan(province)
    region = gazetteer.bingtuan.name if bingtuan and gazetteer.bingtuan else division.province
    return {
        "year": year,
        "province": region,
        "city": division.name,
        "display_name": gazetteer.display_name(division),
        "code": division.code,
        "level": division.level.value,
        "edition": gazetteer.edition,
        "recommender_kind": RECOMMENDER_BINGTUAN if bingtuan else RECOMMENDER_PROVINCE,
        "recommender": bundled_departments().get(region, f"{region}工业和信息化厅"),
        "government": governing_body(gazetteer, division),
        "statistics_bureau": statistics_bureau(gazetteer, division),
        "provincial_government": provincial_government(gazetteer, province),
        "today": today.isoformat(),
    }


def _render(name: str, values: dict[str, Any], suffix: str = ".j2") -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled_dir("templates") / "init"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return env.get_template(f"{name}{suffix}").render(**values)


# ---------------------------------------------------------------------- a blank form


def prefilled(province: str, city: str, year: int, today: dt.date) -> tuple[str, dict[str, Any]]:
    """The data `zx init` would write for a new dossier, for the blank workbook
    (`zx form export --campaign`): the dossier folder's name and each file's data, with
    the templates' placeholders left out so that the cells are blank to fill in."""
    from zxcli.load.yamlsafe import parse_text

    gazetteer = Gazetteer.bundled()
    division = _division(gazetteer, province, city)
    values = _values(gazetteer, division, province, year, today)
    documents: dict[str, Any] = {}
    for name, kind in DOSSIER_KINDS.items():
        text = _render(name, {**values, "schema_line": ""})
        root = schema(kind)
        documents[kind] = _without_placeholders(parse_text(text, Path(name), name).data, root, root)
    return f"{values['province']}-{division.name}", documents


def _without_placeholders(data: Any, node: Any, root: Any) -> Any:
    """The templates' "（请填写…）" texts and stand-in figures (a number field's 0 or 1)
    left out; `node` is the data's schema."""
    while isinstance(node, dict) and "$ref" in node:
        node = {
            **root["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]],
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    node = node if isinstance(node, dict) else {}
    if isinstance(data, dict):
        props = node.get("properties", {})
        kept = {k: _without_placeholders(v, props.get(k), root) for k, v in data.items()}
        return {k: v for k, v in kept.items() if v is not _GONE and v != {}}
    if isinstance(data, list):
        items = [_without_placeholders(v, node.get("items"), root) for v in data]
        return [v for v in items if v is not _GONE and v != {}]
    if isinstance(data, str) and "请填写" in data:
        return _GONE
    if node.get("type") == "number":
        return _GONE
    return data


_GONE = object()
