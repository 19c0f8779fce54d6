"""What a workbook is for: a dossier folder (three YAML files) or a campaign's committee."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zxcli.errors import InputError, UsageError
from zxcli.load.display import display_path
from zxcli.model.campaign import CAMPAIGN_FILE, CAMPAIGN_KINDS, DOSSIER_KINDS, load_file
from zxcli.model.targets import campaign_of

COMMITTEE_FILE = next(p for p, (kind, _) in CAMPAIGN_KINDS.items() if kind == "committee")


@dataclass(frozen=True)
class FormTarget:
    form: str  # dossier | committee
    folder: Path  # the dossier folder, or the campaign folder for the committee
    campaign: Path
    year: int
    title: str

    @property
    def name(self) -> str:
        return self.folder.name if self.form == "dossier" else ""

    @property
    def files(self) -> dict[str, Path]:
        """kind → YAML file, in the order they are written."""
        if self.form == "committee":
            return {"committee": self.campaign / COMMITTEE_FILE}
        return {kind: self.folder / name for name, kind in DOSSIER_KINDS.items()}


def campaign_settings(campaign: Path) -> tuple[int, str]:
    """The campaign's year and title from its zx.yaml, or why not."""
    settings = campaign / CAMPAIGN_FILE
    if not settings.is_file():
        raise UsageError("ZX902", target=display_path(campaign))
    loaded = load_file(settings, "campaign")
    data = loaded.data or {}
    year, title = data.get("year"), data.get("title")
    if loaded.error is not None or not isinstance(year, int):
        raise InputError("ZX074", path=display_path(settings), target=display_path(settings))
    return year, str(title) if isinstance(title, str) else f"{year}年度"


def dossier_target(folder: Path) -> FormTarget:
    campaign = campaign_of(folder.resolve()) if folder.parent.exists() else None
    if campaign is None:
        raise UsageError("ZX075", target=display_path(folder))
    year, title = campaign_settings(campaign)
    return FormTarget("dossier", folder, campaign, year, title)


def committee_target(campaign: Path) -> FormTarget:
    year, title = campaign_settings(campaign)
    return FormTarget("committee", campaign, campaign, year, title)


def read_documents(target: FormTarget) -> dict[str, Any]:
    """The data of each YAML file that exists; a file that does not parse is refused."""
    documents: dict[str, Any] = {}
    for kind, path in target.files.items():
        if not path.exists():
            continue
        loaded = load_file(path, kind)
        if loaded.error is not None:
            err = loaded.error
            raise InputError(
                "ZX076",
                path=err.path or display_path(path),
                line=err.line,
                target=display_path(path),
                error=err.code,
            )
        documents[kind] = loaded.data
    return documents
