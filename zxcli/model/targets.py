"""Turning the paths a user names into campaigns and dossiers to work on.

A path may be a campaign folder (holds zx.yaml), a dossier folder (holds dossier.yaml),
a folder of either (e.g. sample_dossiers/ or dossiers/), or any file inside a dossier or
campaign — which is what pre-commit passes — in which case its enclosing folder is meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zxcli.errors import UsageError
from zxcli.load.display import display_path
from zxcli.model.campaign import (
    CAMPAIGN_FILE,
    DOSSIER_FILE,
    DOSSIERS_DIR,
    list_dossiers,
)


@dataclass
class Target:
    """One campaign (or no campaign, for a loose dossier) and what to check in it."""

    root: Path | None
    dossiers: list[Path] | None = None  # None: the whole campaign
    extra: list[Path] = field(default_factory=list)


def resolve(paths: list[Path]) -> list[Target]:
    targets: dict[Path | None, Target] = {}
    for path in paths:
        for kind, found in _classify(path):
            _add(targets, kind, found)
    return list(targets.values())


def dossier_roots(paths: list[Path]) -> list[Path]:
    """Every dossier folder the paths name (a campaign names all of its dossiers)."""
    roots: list[Path] = []
    for target in resolve(paths):
        found = target.dossiers if target.dossiers is not None else list_dossiers(target.root)
        roots.extend(r for r in found if r not in roots)
    return roots


def _classify(path: Path) -> list[tuple[str, Path]]:
    if not path.exists():
        raise UsageError("ZX901", target=display_path(path))
    path = path.resolve()
    if path.is_file():
        path = path.parent
    enclosing = _enclosing(path)
    if enclosing:
        return [enclosing]
    children = [c for c in sorted(path.iterdir()) if c.is_dir()] if path.is_dir() else []
    found = [hit for c in children if (hit := _own_kind(c))]
    if not found:
        raise UsageError("ZX902", target=display_path(path))
    return found


def _own_kind(folder: Path) -> tuple[str, Path] | None:
    if (folder / CAMPAIGN_FILE).is_file():
        return ("campaign", folder)
    if (folder / DOSSIER_FILE).is_file():
        return ("dossier", folder)
    return None


def _enclosing(folder: Path) -> tuple[str, Path] | None:
    for candidate in (folder, *folder.parents):
        hit = _own_kind(candidate)
        if hit:
            return hit
        if candidate.name == DOSSIERS_DIR and (candidate.parent / CAMPAIGN_FILE).is_file():
            return None  # the dossiers/ folder itself: its children are meant
    return None


def campaign_of(dossier: Path) -> Path | None:
    parent = dossier.parent
    if parent.name == DOSSIERS_DIR and (parent.parent / CAMPAIGN_FILE).is_file():
        return parent.parent
    return None


def _add(targets: dict[Path | None, Target], kind: str, folder: Path) -> None:
    if kind == "campaign":
        targets[folder] = Target(root=folder)
        return
    root = campaign_of(folder)
    target = targets.setdefault(root, Target(root=root, dossiers=[]))
    if target.dossiers is not None and folder not in target.dossiers:
        target.dossiers.append(folder)
