"""The one assembly line: paths → campaign loaded once → validated once → a command's work.

Every command that reads a campaign starts here: `zx validate` (a report), `render-forms`
(the named dossiers, with their errors), `ballots` and `tally` (a whole campaign), and
the overview. Nothing downstream reads a file the pipeline already read: each YAML file
is parsed once, schema-checked once (the findings are kept on its Document), and the
rules run once per dossier.

Path rules, in one place:
- `targets(paths)`: campaign folders, dossier folders or files inside them (pre-commit);
- `campaign_root(path)`: a folder holding zx.yaml, for commands that need a whole
  campaign (ballots, tally, overview).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zxcli.errors import UsageError
from zxcli.load.display import display_path
from zxcli.model.campaign import (
    CAMPAIGN_FILE,
    CampaignFolder,
    DossierFolder,
    LoadedFile,
    list_dossiers,
    load_campaign,
    load_campaign_files,
)
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.settings import Settings
from zxcli.model.targets import Target, resolve
from zxcli.results import SILENT, Finding, Options, Progress, Report, at
from zxcli.rules.context import CampaignContext
from zxcli.rules.runner import Checked, add_to_report, check_campaign, file_findings

if TYPE_CHECKING:
    from zxcli.load.cache import Store


@dataclass
class Validated:
    """A campaign (or the named dossiers of one), loaded once and validated once."""

    folder: CampaignFolder
    report: Report
    ctx: CampaignContext

    @property
    def root(self) -> Path | None:
        return self.folder.root

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def gazetteer(self) -> Gazetteer:
        return self.ctx.gazetteer

    @property
    def dossiers(self) -> list[DossierFolder]:
        return self.folder.dossiers

    @property
    def year(self) -> int:
        """The 年度 assessed; a usable campaign's zx.yaml has one (its schema requires it)."""
        year = self.settings.year
        assert isinstance(year, int), "only a usable campaign is counted (see unusable())"
        return year

    def unusable(self) -> list[Finding]:
        """Why the ministry's commands (ballots, tally, overview) cannot work on this
        campaign: the errors of its broken settings or 第13条 registry, or a missing registry
        (an empty `records: []` is fine). Empty when it is usable."""
        blocked = set(self.ctx.blocked)
        registry = self.folder.files.get("sanctions")
        places = blocked | ({registry.display} if registry is not None else set())
        found = [
            f
            for f in (*self.report.findings, *self.report.hidden)
            if f.dossier is None and f.is_error and f.path in places
        ]
        if (
            registry is not None
            and not registry.exists
            and not any(f.code == "ZX504" for f in found)
        ):
            found.append(at("ZX504", registry.display, params={"file": registry.display}))
        if blocked and not any(f.path in blocked for f in found):
            found.append(at("ZX041", sorted(blocked)[0], params={"files": "、".join(blocked)}))
        return found

    def errors_by_dossier(self) -> dict[str, list[Finding]]:
        """The errors of each dossier's own files and rules (hidden ones included)."""
        errors: dict[str, list[Finding]] = {}
        for finding in (*self.report.errors, *self.report.hidden_errors):
            if finding.dossier:
                errors.setdefault(finding.dossier, []).append(finding)
        return errors


def campaign_root(path: Path) -> Path:
    """The folder of a whole campaign (it holds zx.yaml), or a usage error."""
    if not path.exists():
        raise UsageError("ZX901", target=display_path(path))
    if not (path / CAMPAIGN_FILE).is_file():
        raise UsageError("ZX902", target=display_path(path))
    return path


def open_campaign(
    path: Path, options: Options | None = None, progress: Progress = SILENT
) -> Validated:
    """A whole campaign: its files, ballots and every dossier, validated once."""
    root = campaign_root(path)
    return _validate(load_campaign(root), options or Options(), progress)


def open_targets(
    paths: Sequence[Path], options: Options | None = None, progress: Progress = SILENT
) -> list[Validated]:
    """Each campaign the paths name, with only the dossiers named in it, validated once."""
    return [
        _validate(load_campaign(t.root, t.dossiers), options or Options(), progress)
        for t in targets(paths)
    ]


def targets(paths: Sequence[Path]) -> list[Target]:
    return resolve(list(dict.fromkeys(paths)))


def validate_paths(
    paths: Sequence[Path],
    options: Options,
    jobs: int = 1,
    cache: bool = False,
    progress: Progress = SILENT,
) -> Report:
    """`zx validate`: dossiers are loaded and checked one at a time (or in workers), so a
    campaign of thousands never sits in memory at once; with `cache`, a dossier whose
    bytes and context are unchanged since a run that stored it is not checked again
    (zxcli/load/cache.py)."""
    report = Report(strict=options.strict)
    cache = cache and _cache_usable(report)
    for target in targets(paths):
        whole = target.dossiers is None
        stored: list[tuple[str, str, LoadedFile]] = []
        campaign = (
            _campaign_files_cached(target.root, whole, stored)
            if cache
            else load_campaign_files(target.root, whole=whole)
        )
        roots = target.dossiers if target.dossiers is not None else list_dossiers(target.root)
        ctx, checked = assemble(campaign, options)
        check_campaign(ctx, checked, options, roots, jobs, use_cache=cache, progress=progress)
        add_to_report(report, ctx, checked, options)
        _store_files(stored)
    if cache:
        from zxcli.load.cache import prune_written

        prune_written()
    return report


def _cache_usable(report: Report) -> bool:
    """Whether the cache folder can be trusted; if not, the run says why once (a notice on
    stderr) and goes on uncached."""
    from zxcli.load.cache import CacheRefused, cache_dir, max_bytes, open_folder

    try:
        max_bytes()
        open_folder(cache_dir())
    except CacheRefused as refused:
        report.notices.append(refused)
        return False
    return True


def _campaign_files_cached(
    root: Path | None, whole: bool, misses: list[tuple[str, str, LoadedFile]]
) -> CampaignFolder:
    """load_campaign_files, with each regular file whose bytes the cache knows taken from
    it, parsed and with its schema findings (the ballots of a big campaign are most of
    what a run with nothing changed would read); the misses are listed in `misses` to be
    stored once checked (zxcli/load/cache.py)."""
    from zxcli.load.cache import file_key
    from zxcli.model.campaign import load_file

    store = _file_store()

    def load(path: Path, kind: str, required: bool = True) -> LoadedFile:
        label = f"{kind}|{required}|{display_path(path)}"
        key = file_key(path, label) if store else None
        hit = store.get(key) if store and key else None
        if isinstance(hit, LoadedFile):
            return hit
        loaded = load_file(path, kind, required)
        if key:
            misses.append((key, label, loaded))
        return loaded

    return load_campaign_files(root, whole, loader=load)


def _file_store() -> Store | None:
    from zxcli.load.cache import CacheRefused, Store, cache_dir, zx_fingerprint

    try:
        return Store(cache_dir(), zx_fingerprint())
    except (CacheRefused, OSError):  # refused: said once by _cache_usable
        return None


def _store_files(stored: list[tuple[str, str, LoadedFile]]) -> None:
    """Each file checked this run, kept with its findings if its bytes did not change."""
    if stored:
        from zxcli.load.cache import file_key

        store = _file_store()
        for key, label, loaded in stored:
            if store and file_key(loaded.path, label) == key:
                store.put(key, loaded)


def _validate(folder: CampaignFolder, options: Options, progress: Progress = SILENT) -> Validated:
    report = Report(strict=options.strict)
    ctx, checked = assemble(folder, options)
    check_campaign(ctx, checked, options, progress=progress)
    add_to_report(report, ctx, checked, options)
    return Validated(folder, report, ctx)


# ---------------------------------------------------------------- assembly

# The campaign files every dossier's verdict rests on: the settings (year, quota, levels,
# thresholds) and the 第13条 registry. Either broken makes the campaign unusable: zx does
# not fall back to defaults or to an empty registry.
BLOCKING_KINDS = ("campaign", "sanctions")


def assemble(campaign: CampaignFolder, options: Options) -> tuple[CampaignContext, Checked]:
    """The campaign's own files checked once; its settings and gazetteer read from them;
    and which of them, broken, leave the campaign unusable. The context every check and
    every command works from."""
    checked = Checked()
    clean: set[tuple[str | None, str]] = set()
    for loaded in (*campaign.files.values(), *campaign.ballots):
        checked.extend(file_findings(loaded, None, options, clean))
    blocked = blocking_files(campaign, clean)
    # A blocked campaign's settings are never used for a verdict: no dossier is judged.
    settings = Settings.from_mapping(campaign.data("campaign") if not blocked else None)
    ctx = CampaignContext(
        campaign, settings, _gazetteer(campaign, settings), clean, blocked=blocked
    )
    return ctx, checked


def blocking_files(campaign: CampaignFolder, clean: set[tuple[str | None, str]]) -> list[str]:
    """The campaign files (as shown) that are present or required but did not load cleanly."""
    if campaign.root is None:  # a dossier checked on its own, announced as such
        return []
    # The ministry's campaign (it has review/) cannot judge 第13条 without the registry; a
    # province checking its own dossiers keeps none (rules/campaign_wide._ministry).
    ministry = (campaign.root / "review").is_dir()
    return [
        loaded.display
        for kind in BLOCKING_KINDS
        if (loaded := campaign.files.get(kind)) is not None
        and (loaded.exists or loaded.required or ministry)
        and (None, kind) not in clean
    ]


def _gazetteer(campaign: CampaignFolder, settings: Settings) -> Gazetteer:
    # A campaign may hold a newer edition of the divisions than the one zx ships.
    if settings.gazetteer_override and campaign.root is not None:
        return Gazetteer.from_dir(campaign.root / settings.gazetteer_override)
    return Gazetteer.bundled()
