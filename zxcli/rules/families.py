"""The list of rule families `zx validate` runs, in report order.

Each family is a module with `check(ctx)` yielding findings; campaign families take a
CampaignContext, dossier families a DossierContext.
"""

from __future__ import annotations

from zxcli.rules import campaign_wide, conditions, eligibility, recommendation, sanctions

CAMPAIGN_CHECKS = (campaign_wide.check,)
DOSSIER_CHECKS = (eligibility.check, recommendation.check, conditions.check, sanctions.check)
