"""`zx validate`: load what was named, run every check, settle severities."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from zxcli.model.campaign import CampaignFolder, LoadedFile, load_campaign
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.settings import Settings
from zxcli.model.targets import resolve
from zxcli.report.finding import Finding
from zxcli.report.report import Options, Report, settle
from zxcli.rules import schema
from zxcli.rules.catalog import Severity, catalog
from zxcli.rules.context import CampaignContext, DossierContext
from zxcli.rules.families import CAMPAIGN_CHECKS, DOSSIER_CHECKS


def validate_paths(paths: list[Path], options: Options) -> Report:
    report = Report(strict=options.strict)
    for target in resolve(paths):
        add_campaign(report, load_campaign(target.root, target.dossiers), options)
    return report


def validate_campaign(campaign: CampaignFolder, options: Options) -> Report:
    """The report for a campaign another command has already loaded (nothing is read twice)."""
    return add_campaign(Report(strict=options.strict), campaign, options)


def add_campaign(report: Report, campaign: CampaignFolder, options: Options) -> Report:
    findings, ctx = check_campaign(campaign, options)
    overrides = severity_overrides(ctx)
    report.overrides.update(overrides)
    report.dossiers.extend(d.key for d in campaign.dossiers)
    report.files.extend(f.display for f in campaign.all_files() if f.exists)
    report.findings.extend(settle(findings, overrides, options))
    return report


def check_campaign(campaign: CampaignFolder,
                   options: Options) -> tuple[list[Finding], CampaignContext]:
    """Every finding for a loaded campaign: files, schemas, then the policy's rules."""
    findings: list[Finding] = []
    clean: set[tuple[str | None, str]] = set()
    for dossier_key, loaded in _files(campaign):
        found = list(check_file(loaded, dossier_key, options))
        findings.extend(found)
        if loaded.doc is not None and not found:
            clean.add((dossier_key, loaded.kind))
    settings = _settings(campaign, clean)
    ctx = CampaignContext(campaign, settings, _gazetteer(campaign, settings), clean)
    findings.extend(_run(CAMPAIGN_CHECKS, [ctx]))
    findings.extend(_run(DOSSIER_CHECKS, [ctx.dossier(d) for d in campaign.dossiers]))
    return findings, ctx


def _files(campaign: CampaignFolder) -> Iterator[tuple[str | None, LoadedFile]]:
    for loaded in (*campaign.files.values(), *campaign.ballots):
        yield None, loaded
    for dossier in campaign.dossiers:
        for loaded in dossier.files.values():
            yield dossier.key, loaded


def _settings(campaign: CampaignFolder, clean: set[tuple[str | None, str]]) -> Settings:
    data = campaign.data("campaign") if (None, "campaign") in clean else None
    return Settings.from_mapping(data)


def _gazetteer(campaign: CampaignFolder, settings: Settings) -> Gazetteer:
    # A campaign may hold a newer edition of the divisions than the one zx ships.
    if settings.gazetteer_override and campaign.root is not None:
        return Gazetteer.from_dir(campaign.root / settings.gazetteer_override)
    return Gazetteer.bundled()


def _run(checks: Iterable[Callable], contexts: list) -> Iterator[Finding]:
    for ctx in contexts:
        for check in checks:
            yield from check(ctx)


def check_file(loaded: LoadedFile, dossier: str | None, options: Options) -> Iterator[Finding]:
    """Load and schema findings of one file."""
    if loaded.error is not None:
        err = loaded.error
        yield Finding(err.code, err.path or loaded.display, err.line or 1, err.column or 1,
                      err.params, dossier)
    elif loaded.doc is not None:
        yield from schema.check_document(loaded.doc, loaded.kind, options.lang, dossier)


def severity_overrides(ctx: CampaignContext) -> dict[str, Severity]:
    """The campaign's `rules:` settings that may apply (campaign_wide reports the others)."""
    settings = ctx.data("campaign") or {}
    rules = catalog()
    return {code: Severity(value) for code, value in (settings.get("rules") or {}).items()
            if code in rules and rules[code].overridable}


__all__ = ["DossierContext", "check_campaign", "validate_campaign", "validate_paths"]
