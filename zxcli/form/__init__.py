"""The fill-in workbook: a dossier (or the committee list) as one .xlsx and back.

`export_dossier`, `export_blank` and `export_committee` write a workbook; `importer`
reads one back (`import_workbook`, `write`, `check`). The layout comes from the schemas
(layout.py), the identity from identity.py. The YAML folder stays the record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from zxcli.errors import InputError
from zxcli.form.identity import FormIdentity, source_digest
from zxcli.form.target import (
    FormTarget,
    campaign_settings,
    committee_target,
    dossier_target,
    read_documents,
)
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_path


def export_dossier(folder: Path, out: Path, force: bool = False) -> Path:
    """The workbook of an existing dossier folder."""
    target = dossier_target(folder)
    return _export(target, read_documents(target), out, force)


def export_committee(campaign: Path, out: Path, force: bool = False) -> Path:
    """The committee list (review/committee.yaml, or a blank one) as a workbook."""
    target = committee_target(campaign)
    documents = read_documents(target) or {"committee": {"year": target.year}}
    return _export(target, documents, out, force)


def export_blank(
    campaign: Path,
    province: str,
    city: str,
    out: Path,
    force: bool = False,
    today: dt.date | None = None,
) -> Path:
    """The workbook of a new nomination, prefilled as `zx init` prefills its YAML."""
    from zxcli.scaffold import prefilled

    year, _title = campaign_settings(campaign)
    name, documents = prefilled(province, city, year, today or dt.date.today())
    target = dossier_target(campaign / "dossiers" / name)
    return _export(target, documents, out, force)


def _export(target: FormTarget, documents: dict[str, Any], out: Path, force: bool) -> Path:
    from zxcli.form import export, layout

    sizes = layout.sizes_for(target.form, documents)
    shape = layout.build(target.form, sizes)
    lost = export.unplaced(shape, documents)
    if lost is not None:  # it would not come back: nothing is exported
        kind, field = lost
        raise InputError(
            "ZX078",
            path=display_path(target.files[kind]),
            field=field,
            target=display_path(target.files[kind]),
        )
    identity = FormIdentity(
        target.form,
        target.year,
        target.title,
        target.name,
        source_digest(list(target.files.values())),
        sizes,
        export.kept_records(shape, documents),
        layout.digest(shape),
    )
    title = f"{target.title} {target.name or '评审委员会'} 填报表"
    data = export.workbook(shape, documents, identity, title)
    write_atomic(out, data, force)
    return out
