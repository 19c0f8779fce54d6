"""The campaign folder on disk: which files exist, each read once.

Loading never raises for a broken file: a file that cannot be parsed is kept with its
`LoadError`, so `zx validate` can report it as a finding next to everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zxcli.load import plain
from zxcli.load.display import display_name, display_path
from zxcli.load.yamlsafe import Document, LoadError, load_yaml

CAMPAIGN_FILE = "zx.yaml"
DOSSIER_FILE = "dossier.yaml"
DOSSIERS_DIR = "dossiers"

# file name inside a dossier folder -> schema kind
DOSSIER_KINDS = {
    "dossier.yaml": "dossier",
    "application.yaml": "application",
    "recommendation.yaml": "recommendation",
}
# path inside a campaign folder -> (schema kind, required)
CAMPAIGN_KINDS = {
    "zx.yaml": ("campaign", True),
    "registry/sanctions.yaml": ("sanctions", False),  # kept by the ministry (第13条)
    "review/committee.yaml": ("committee", False),
    "review/publicity.yaml": ("publicity", False),
    "review/decision.yaml": ("decision", False),  # MIIT 研究确定拟入选名单 (第8条)
    "review/notice.yaml": ("notice", False),  # the 公文's data: 发文字号, 主送, 成文日期 …
}
BALLOTS_DIR = "review/ballots"


@dataclass
class LoadedFile:
    kind: str
    path: Path
    display: str
    doc: Document | None = None
    error: LoadError | None = None
    required: bool = True

    @property
    def exists(self) -> bool:
        return self.doc is not None or (self.error is not None and self.error.code != "ZX001")

    @property
    def data(self) -> dict[str, Any] | None:
        return self.doc.data if self.doc is not None else None


plain.register(LoadedFile)  # the validate cache keeps campaign files parsed and checked


def load_file(path: Path, kind: str, required: bool = True) -> LoadedFile:
    shown = display_path(path)
    loaded = LoadedFile(kind=kind, path=path, display=shown, required=required)
    if not required and not path.exists():
        return loaded
    try:
        loaded.doc = load_yaml(path, shown)
    except LoadError as exc:
        loaded.error = exc
    return loaded


@dataclass
class DossierFolder:
    root: Path
    files: dict[str, LoadedFile]
    # Where the folder really is, when that is outside its campaign (a symbolic link):
    # nothing in it is read, and validate reports it.
    outside: Path | None = None

    @property
    def key(self) -> str:
        return display_name(self.root.name)  # a GBK name shown with \xNN escapes

    @property
    def display(self) -> str:
        """dossier.yaml as findings name it; the folder itself when nothing was read."""
        loaded = self.files.get("dossier")
        return loaded.display if loaded is not None else display_path(self.root)

    def data(self, kind: str) -> dict[str, Any] | None:
        loaded = self.files.get(kind)
        return loaded.data if loaded is not None else None


def load_dossier(root: Path, campaign: Path | None = None) -> DossierFolder:
    """A dossier's three files; none of them when the folder resolves outside `campaign`."""
    outside = outside_of(root, campaign)
    if outside is not None:
        return DossierFolder(root=root, files={}, outside=outside)
    files = {kind: load_file(root / name, kind) for name, kind in DOSSIER_KINDS.items()}
    return DossierFolder(root=root, files=files)


def outside_of(root: Path, campaign: Path | None) -> Path | None:
    """The real location of `root` when it is not inside `campaign`, else None."""
    if campaign is None:
        return None
    try:
        real, home = root.resolve(), campaign.resolve()
    except (OSError, RuntimeError):  # a loop of links: not inside anything
        return root
    return None if real == home or home in real.parents else real


@dataclass
class CampaignFolder:
    """A campaign, or the part of one that a command was pointed at."""

    root: Path | None
    files: dict[str, LoadedFile] = field(default_factory=dict)
    ballots: list[LoadedFile] = field(default_factory=list)
    dossiers: list[DossierFolder] = field(default_factory=list)
    whole: bool = True  # False when only some dossiers were named

    def data(self, kind: str) -> dict[str, Any] | None:
        loaded = self.files.get(kind)
        return loaded.data if loaded is not None else None

    def all_files(self) -> Iterator[LoadedFile]:
        yield from self.files.values()
        yield from self.ballots
        for dossier in self.dossiers:
            yield from dossier.files.values()


def load_campaign(root: Path | None, dossier_roots: list[Path] | None = None) -> CampaignFolder:
    """Load a campaign; with `dossier_roots`, only those dossiers and the campaign settings."""
    campaign = load_campaign_files(root, whole=dossier_roots is None)
    roots = dossier_roots if dossier_roots is not None else list_dossiers(root)
    campaign.dossiers = [load_dossier(r, root) for r in roots]
    return campaign


def load_campaign_files(
    root: Path | None, whole: bool = True, loader: Callable[..., LoadedFile] = load_file
) -> CampaignFolder:
    """The campaign's own files, no dossier yet; not whole: only zx.yaml and sanctions.

    `loader(path, kind, required=True)` reads one file: `load_file`, or the pipeline's
    version that takes files the result cache already knows."""
    campaign = CampaignFolder(root=root, whole=whole)
    if root is not None:
        for rel, (kind, required) in CAMPAIGN_KINDS.items():
            if whole or kind in ("campaign", "sanctions"):
                campaign.files[kind] = loader(root / rel, kind, required)
        if whole:
            campaign.ballots = [loader(p, "ballot") for p in _ballot_files(root)]
    return campaign


def list_dossiers(root: Path | None) -> list[Path]:
    if root is None or not (root / DOSSIERS_DIR).is_dir():
        return []
    return sorted(p for p in (root / DOSSIERS_DIR).iterdir() if p.is_dir())


def _ballot_files(root: Path) -> list[Path]:
    folder = root / BALLOTS_DIR
    if not folder.is_dir():
        return []
    # Not only regular files: a FIFO or a link to a device is reported (ZX010), not skipped.
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())
