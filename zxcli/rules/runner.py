"""The rule engine: every check on a campaign the pipeline has assembled.

The pipeline (zxcli/pipeline.py) checks the campaign's own files, reads its settings and
gazetteer and decides whether the campaign is usable; here each dossier is checked on its
own (files, schemas, the policy's rules), then what spans dossiers (quota, duplicates).
The dossier step is independent per dossier, so with `jobs` > 1 it runs in worker
processes, each loading and checking a slice of the dossiers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli.catalog import Severity, Term, catalog
from zxcli.load import plain
from zxcli.load.yamlsafe import PackedDocument
from zxcli.model.campaign import (
    DossierFolder,
    LoadedFile,
    load_dossier,
)
from zxcli.results import SILENT, Finding, Options, Progress, Report
from zxcli.rules.context import CampaignContext, DossierContext, Nominee
from zxcli.rules.families import CAMPAIGN_CHECKS, dossier_families
from zxcli.schema import check as schema

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from zxcli.load.cache import Store

DOSSIERS_PER_WORKER = 50  # below this, starting processes costs more than it saves


@dataclass
class Checked:
    """Findings of a set of dossiers, and what the campaign-wide step needs of them."""

    findings: list[Finding] = field(default_factory=list)
    nominees: list[Nominee] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unfrozen: dict[str, int] = field(default_factory=dict)  # dossier -> unhashed attachments

    def extend(self, other: Checked) -> None:
        self.findings += other.findings
        self.nominees += other.nominees
        self.keys += other.keys
        self.files += other.files
        self.unfrozen.update(other.unfrozen)


plain.register(Checked)  # what the validate cache keeps of a dossier (load/cache.py)
plain.register(Nominee)


def add_to_report(report: Report, ctx: CampaignContext, checked: Checked, options: Options) -> None:
    """Settle the findings of a checked campaign (severities, filters) into `report`."""
    overrides = severity_overrides(ctx)
    report.overrides.update(overrides)
    report.dossiers.extend(checked.keys)
    report.files.extend(checked.files)
    report.unfrozen.update(checked.unfrozen)
    report.add(checked.findings, overrides, options)


def check_campaign(
    ctx: CampaignContext,
    checked: Checked,
    options: Options,
    roots: Sequence[Path] = (),
    jobs: int = 1,
    use_cache: bool = False,
    progress: Progress = SILENT,
) -> Checked:
    """Every dossier of a campaign the pipeline has assembled (`ctx`, with the findings of
    its own files in `checked`): its loaded dossiers and those at `roots` (each looked up
    in the cache first with `use_cache`: zxcli/load/cache.py), then what spans them."""
    campaign = ctx.campaign
    progress.start(len(campaign.dossiers) + len(roots))
    checked.extend(check_dossiers(ctx, campaign.dossiers, options, progress))
    # Not with --scan: what the scans say depends on OCR models the key does not cover.
    store = _store(ctx, options) if use_cache and roots and not options.scan else None
    checked.extend(_check_roots(ctx, roots, options, jobs, store, progress))
    ctx.nominees = checked.nominees
    if not ctx.blocked:  # quotas and bars read the settings and the registry
        checked.findings += _run(CAMPAIGN_CHECKS, [ctx])
    else:  # a missing file has no load finding of its own: say it is the cause
        checked.findings += [
            Finding("ZX504", loaded.display, params={"file": loaded.display})
            for loaded in campaign.files.values()
            if loaded.display in ctx.blocked and not loaded.exists and not loaded.required
        ]
    return checked


def check_dossiers(
    ctx: CampaignContext,
    folders: Iterable[DossierFolder],
    options: Options,
    progress: Progress = SILENT,
) -> Checked:
    """Files, schemas and the policy's rules of each dossier on its own."""
    checked = Checked()
    for folder in folders:
        checked.keys.append(folder.key)
        progress.advance()
        if folder.outside is not None:
            checked.findings.append(_outside(ctx, folder))
            continue
        for loaded in folder.files.values():
            checked.extend(file_findings(loaded, folder.key, options, ctx.clean, ctx.broken))
        dossier = ctx.dossier(folder)
        checked.unfrozen[folder.key] = unfrozen_count(folder)
        if ctx.blocked:
            checked.findings.append(
                dossier.at_path(folder.display, "ZX041", files="、".join(ctx.blocked))
            )
            continue
        checked.findings += run_families(dossier, options.scan)
        nominee = dossier.nominee()
        checked.nominees += [nominee] if nominee else []
    return checked


def _outside(ctx: CampaignContext, folder: DossierFolder) -> Finding:
    from zxcli.load.display import display_path

    root = ctx.campaign.root
    return Finding(
        "ZX042",
        display_path(folder.root),
        1,
        1,
        {
            "dossier": display_path(folder.root),
            "target": str(folder.outside),
            "campaign": display_path(root) if root is not None else "—",
        },
        folder.key,
    )


def unfrozen_count(folder: DossierFolder) -> int:
    """Attachments declared in dossier.yaml without a recorded SHA-256 (zx freeze)."""
    data = folder.data("dossier")
    items = data.get("attachments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return 0
    return sum(1 for item in items if isinstance(item, dict) and not item.get("sha256"))


def _check_roots(
    ctx: CampaignContext,
    roots: Sequence[Path],
    options: Options,
    jobs: int,
    store: Store | None = None,
    progress: Progress = SILENT,
) -> Checked:
    checked = Checked()
    if store is None:
        for part in _each_root(ctx, roots, options, jobs, progress):
            checked.extend(part)
        return checked
    # The hits first, in this process; only the misses are loaded (in workers if many).
    parts: list[Checked | None] = []
    misses: list[tuple[int, Path, str | None]] = []
    for root in roots:
        key = store.key(root, _shown(root))
        hit = store.get(key) if key else None
        if isinstance(hit, Checked):
            parts.append(hit)
            progress.advance()
        else:
            misses.append((len(parts), root, key))
            parts.append(None)
    fresh = _each_root(ctx, [root for _, root, _ in misses], options, jobs, progress)
    for (index, root, key), part in zip(misses, fresh, strict=True):
        parts[index] = part
        # Stored only when the folder still hashes as it did before it was read.
        if key is not None and store.key(root, _shown(root)) == key:
            store.put(key, part)
    for done in parts:
        assert done is not None
        checked.extend(done)
    return checked


def _each_root(
    ctx: CampaignContext,
    roots: Sequence[Path],
    options: Options,
    jobs: int,
    progress: Progress = SILENT,
) -> list[Checked]:
    """One Checked per dossier at `roots`, in order."""
    workers = min(jobs, len(roots) // DOSSIERS_PER_WORKER)
    if workers <= 1:
        done = []
        for root in roots:
            done += _load_and_check(ctx, [root], options)
            progress.advance()
        return done
    from concurrent.futures import ProcessPoolExecutor

    slices = _slices(roots, workers * 4)  # smaller slices even out the workers' load
    out: list[Checked] = []
    # The context (gazetteer, settings, campaign files) goes to each worker once, at its
    # start; a task carries only its dossier paths.
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_share, initargs=(ctx, options)
    ) as pool:
        for part in pool.map(_check_shared, slices):
            out += part
            progress.advance(len(part))
    return out


_shared: tuple[CampaignContext, Options] | None = None


def _share(ctx: CampaignContext, options: Options) -> None:
    global _shared
    _shared = (ctx, options)


def _check_shared(roots: Sequence[Path]) -> list[Checked]:
    assert _shared is not None, "a worker starts with _share"
    return _load_and_check(_shared[0], roots, _shared[1])


def _load_and_check(ctx: CampaignContext, roots: Sequence[Path], options: Options) -> list[Checked]:
    """Load and check dossiers one at a time, so only one is in memory at once."""
    return [
        _lean(check_dossiers(ctx, [load_dossier(root, ctx.campaign.root)], options))
        for root in roots
    ]


# What the campaign-wide checks (CAMPAIGN_CHECKS: campaign_wide, timing.check_campaign)
# read of each nominee's dossier.yaml: field -> its sub-fields kept (None: all of it), and
# for a list, those of each item. Nothing else of a dossier outlives its own checks.
NOMINEE_FIELDS: dict[str, tuple[str, ...] | None] = {
    "year": None,
    "province": None,
    "city": None,
    "recommender": None,
    "attachments": ("id", "kind", "date"),
}


def _lean(checked: Checked) -> Checked:
    """Only what the campaign-wide checks need stays: of each nominee's dossier.yaml the
    fields they read and its text, compressed (for a line), not the memo of its checks nor
    its line map."""
    checked.nominees = [
        Nominee(n.key, PackedDocument.of(n.doc, _kept(n.doc.data))) for n in checked.nominees
    ]
    return checked


def _kept(data: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, fields in NOMINEE_FIELDS.items():
        if name not in data:
            continue
        value = data[name]
        if fields is not None and isinstance(value, list):
            value = [
                {k: item[k] for k in fields if k in item} if isinstance(item, dict) else item
                for item in value
            ]
        elif fields is not None and isinstance(value, dict):
            value = {k: value[k] for k in fields if k in value}
        kept[name] = value
    return kept


def _options_key(options: Options) -> str:
    """Every option, sets in a stable order (a set's repr follows string hashing)."""
    from dataclasses import fields

    values = {f.name: getattr(options, f.name) for f in fields(options)}
    return repr(
        {
            name: sorted(map(str, value)) if isinstance(value, (set, frozenset)) else value
            for name, value in values.items()
        }
    )


def _shown(root: Path) -> str:
    """The folder as findings will name it: its path as given, seen from here."""
    return f"{os.getcwd()}|{root}"


def _store(ctx: CampaignContext, options: Options) -> Store | None:
    from zxcli.load.cache import CacheRefused, Store, Uncacheable, cache_dir, context_key

    campaign = ctx.campaign
    files = [loaded.path for loaded in (*campaign.files.values(), *campaign.ballots)]
    settings = ctx.settings
    for override in (settings.gazetteer_override, settings.calendar_override):
        if override and campaign.root is not None:
            files.append(campaign.root / override)
    parts = [
        _options_key(options),
        str(campaign.root),
        str(campaign.whole),
        repr(sorted((str(d), k) for d, k in ctx.clean)),
    ]
    try:
        return Store(cache_dir(), context_key(parts, files))
    except (Uncacheable, OSError, CacheRefused):  # refused: said once by the pipeline
        return None


def _slices(items: Sequence[Path], count: int) -> list[list[Path]]:
    size = -(-len(items) // count)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _mp_context() -> BaseContext | None:
    import multiprocessing

    # fork hands the workers the compiled schemas and the gazetteer for free; elsewhere
    # than Linux it is unsafe or missing, and the default start method is used.
    return multiprocessing.get_context("fork") if sys.platform == "linux" else None


def run_families(dossier: DossierContext, scan: bool = False) -> list[Finding]:
    """Every dossier family whose inputs are readable; ZX040 for each that is not."""
    found: list[Finding] = []
    for family in dossier_families(scan):
        dossier.needs = family.needs
        unreadable = [kind for kind in family.needs if not dossier.readable(kind)]
        if unreadable:
            files = "、".join(
                dossier.folder.files[k].display.rsplit("/", 1)[-1] for k in unreadable
            )
            found.append(
                dossier.at_path(
                    dossier.folder.files[unreadable[0]].display,
                    "ZX040",
                    family=Term(f"family.{family.name}"),
                    files=files,
                )
            )
            continue
        found += list(family.check(dossier))
    dossier.needs = {}
    return found


def file_findings(
    loaded: LoadedFile,
    dossier: str | None,
    options: Options,
    clean: set[tuple[str | None, str]],
    broken: dict[tuple[str | None, str], frozenset[str]] | None = None,
) -> Checked:
    found = list(check_file(loaded, dossier, options))
    if loaded.doc is not None and not found:
        clean.add((dossier, loaded.kind))
    elif loaded.doc is not None and broken is not None and loaded.error is None:
        broken[(dossier, loaded.kind)] = frozenset(str(f.params.get("field", "$")) for f in found)
    return Checked(findings=found, files=[loaded.display] if loaded.exists else [])


def _run(checks: Iterable[Callable], contexts: list) -> list[Finding]:
    return [found for ctx in contexts for check in checks for found in check(ctx)]


def check_file(loaded: LoadedFile, dossier: str | None, options: Options) -> Iterator[Finding]:
    """Load and schema findings of one file."""
    if loaded.error is not None:
        err = loaded.error
        yield Finding(
            err.code,
            err.path or loaded.display,
            err.line or 1,
            err.column or 1,
            err.params,
            dossier,
        )
    elif loaded.doc is not None:
        yield from schema.check_document(loaded.doc, loaded.kind, dossier)


def severity_overrides(ctx: CampaignContext) -> dict[str, Severity]:
    """The campaign's `rules:` settings that may apply (campaign_wide reports the others)."""
    settings = ctx.data("campaign") or {}
    rules = catalog()
    return {
        code: Severity(value)
        for code, value in (settings.get("rules") or {}).items()
        if code in rules and rules[code].overridable
    }


def default_jobs() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


__all__ = ["Checked", "DossierContext", "add_to_report", "check_campaign", "file_findings"]
