"""The list of rule families `zx validate` runs, in report order.

Each family is a module with `check(ctx)` yielding findings; campaign families take a
CampaignContext, dossier families a DossierContext.
"""

from __future__ import annotations

from zxcli.rules import (
    attachments,
    campaign_wide,
    conditions,
    eligibility,
    recommendation,
    sanctions,
    seals,
)

CAMPAIGN_CHECKS = (campaign_wide.check,)
DOSSIER_CHECKS = (
    eligibility.check,
    recommendation.check,
    conditions.check,
    attachments.check,
    seals.check,
    sanctions.check,
)


def dossier_checks(scan: bool = False) -> tuple:
    """The dossier families to run; the scan family only under `zx validate --scan`.

    Imported here and only then, so a run without --scan never loads zxcli.rules.scan_evidence
    (nor, through it, zxcli.scan and its heavy libraries).
    """
    if not scan:
        return DOSSIER_CHECKS
    from zxcli.rules import scan_evidence

    return (*DOSSIER_CHECKS, scan_evidence.check)
