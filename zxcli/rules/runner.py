"""`zx validate`: load what was named, run every check, settle severities."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zxcli.model.campaign import CampaignFolder, LoadedFile, load_campaign
from zxcli.model.targets import resolve
from zxcli.report.finding import Finding
from zxcli.report.report import Options, Report, settle
from zxcli.rules import schema
from zxcli.rules.catalog import Severity


def validate_paths(paths: list[Path], options: Options) -> Report:
    report = Report(strict=options.strict)
    for target in resolve(paths):
        campaign = load_campaign(target.root, target.dossiers)
        overrides = severity_overrides(campaign)
        report.overrides.update(overrides)
        report.dossiers.extend(d.key for d in campaign.dossiers)
        report.files.extend(f.display for f in campaign.all_files() if f.exists)
        report.findings.extend(settle(list(check_campaign(campaign, options)), overrides, options))
    return report


def check_campaign(campaign: CampaignFolder, options: Options) -> Iterator[Finding]:
    for loaded in campaign.files.values():
        yield from check_file(loaded, None, options)
    for loaded in campaign.ballots:
        yield from check_file(loaded, None, options)
    for dossier in campaign.dossiers:
        for loaded in dossier.files.values():
            yield from check_file(loaded, dossier.key, options)


def check_file(loaded: LoadedFile, dossier: str | None, options: Options) -> Iterator[Finding]:
    """Load and schema findings of one file."""
    if loaded.error is not None:
        err = loaded.error
        yield Finding(err.code, err.path or loaded.display, err.line or 1, err.column or 1,
                      err.params, dossier)
    elif loaded.doc is not None:
        yield from schema.check_document(loaded.doc, loaded.kind, options.lang, dossier)


def severity_overrides(campaign: CampaignFolder) -> dict[str, Severity]:
    settings = campaign.data("campaign") or {}
    rules = settings.get("rules") or {}
    return {code: Severity(value) for code, value in rules.items()
            if value in {s.value for s in Severity}}
