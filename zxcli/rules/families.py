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
    timing,
)

CAMPAIGN_CHECKS = (campaign_wide.check, timing.check_campaign)
DOSSIER_CHECKS = (
    eligibility.check,
    recommendation.check,
    conditions.check,
    attachments.check,
    seals.check,
    sanctions.check,
    timing.check,
)
