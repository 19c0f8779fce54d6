"""`zx init`: a new dossier folder with its three YAML files, names filled from the gazetteer.

The templates live in templates/init/ so an office can change the wording without code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from zxcli.errors import OutputError, UsageError
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_path
from zxcli.model.campaign import DOSSIER_KINDS, load_file
from zxcli.model.gazetteer import Division, Gazetteer
from zxcli.model.targets import campaign_of
from zxcli.model.vocabulary import RECOMMENDER_BINGTUAN, RECOMMENDER_PROVINCE
from zxcli.resources import bundled_dir
from zxcli.schema.export import schema_comment


def scaffold_dossier(folder: Path, province: str, city: str, year: int | None = None,
                     force: bool = False, today: dt.date | None = None) -> list[Path]:
    """Write dossier.yaml, application.yaml and recommendation.yaml into `folder`."""
    gazetteer = Gazetteer.bundled()
    division = _division(gazetteer, province, city)
    values = _values(gazetteer, division, province, folder, year, today or dt.date.today())
    targets = [folder / name for name in DOSSIER_KINDS]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise UsageError("ZX903", target=display_path(existing[0]))
    try:
        (folder / "attachments").mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, no permission…
        raise OutputError("ZX904", target=display_path(folder / "attachments"),
                          reason=exc.strerror or type(exc).__name__) from None
    for target in targets:
        line = schema_comment(folder, target.name.replace(".yaml", ".schema.json"))
        text = _render(target.name, {**values, "schema_line": line})
        write_atomic(target, text.encode("utf-8"), force)
    return targets


def _division(gazetteer: Gazetteer, province: str, city: str) -> Division:
    found = [d for d in gazetteer.find(province, city) if d.eligible] or gazetteer.find(
        province, city)
    if len(found) != 1:
        raise UsageError("ZX908", province=province, city=city, count=len(found))
    return found[0]


def _values(gazetteer: Gazetteer, division: Division, province: str, folder: Path,
            year: int | None, today: dt.date) -> dict[str, Any]:
    bingtuan = gazetteer.is_bingtuan(province)
    return {
        "year": year or _campaign_year(folder) or today.year,
        "province": gazetteer.bingtuan.name if bingtuan and gazetteer.bingtuan else
        division.province,
        "city": division.name,
        "display_name": gazetteer.display_name(division),
        "code": division.code,
        "level": division.level.value,
        "edition": gazetteer.edition,
        "recommender_kind": RECOMMENDER_BINGTUAN if bingtuan else RECOMMENDER_PROVINCE,
        "government": gazetteer.people_government(division),
        "statistics_bureau": gazetteer.same_level_statistics_bureau(division),
        "provincial_government": gazetteer.provincial_government(province),
        "today": today.isoformat(),
    }


def _campaign_year(folder: Path) -> int | None:
    root = campaign_of(folder.resolve())
    if root is None:
        return None
    settings = load_file(root / "zx.yaml", "campaign").data or {}
    year = settings.get("year")
    return year if isinstance(year, int) else None


def _render(name: str, values: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled_dir("templates") / "init"),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
    )
    return env.get_template(f"{name}.j2").render(**values)
