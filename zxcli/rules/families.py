"""The list of rule families `zx validate` runs, in report order, with what each needs.

Each family is a module with `check(ctx)` yielding findings; campaign families take a
CampaignContext, dossier families a DossierContext. A dossier family declares the files
it reads and, where it reads only part of one, the fields: so a schema error in
`city.level` does not stop the attachment, seal and sanction checks, which never read it.
A family whose inputs are broken does not run, and says so (ZX040, 未检查): a dossier
with an unchecked stage is never "通过".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from zxcli.rules import (
    attachments,
    campaign_wide,
    conditions,
    eligibility,
    readiness,
    recommendation,
    sanctions,
    seals,
    timing,
)

WHOLE = None  # the family reads the whole file


@dataclass(frozen=True)
class Family:
    name: str  # key of its title in terms.yaml (family.<name>)
    check: Callable[[Any], Iterator[Any]]
    needs: Mapping[str, tuple[str, ...] | None]  # file kind -> fields read (None: all)


CAMPAIGN_CHECKS = (campaign_wide.check, timing.check_campaign)
# What the seal checks read of dossier.yaml, on the declarations and on the scans alike.
SEAL_FIELDS = (
    "province",
    "city.name",
    "city.code",
    "recommender",
    "statistics_bureau",
    "government",
    "attachments",
)
DOSSIER_FAMILIES = (
    Family("eligibility", eligibility.check, {"dossier": WHOLE}),
    Family(
        "recommendation",
        recommendation.check,
        {"dossier": WHOLE, "application": WHOLE, "recommendation": WHOLE},
    ),
    Family("conditions", conditions.check, {"application": WHOLE, "dossier": WHOLE}),
    Family("attachments", attachments.check, {"dossier": ("year", "attachments")}),
    Family("seals", seals.check, {"dossier": SEAL_FIELDS}),
    Family(
        "sanctions",
        sanctions.check,
        {"dossier": ("province", "city.name", "city.code", "recommender")},
    ),
    # Leftover template text is read from the raw data, also of files with format errors.
    Family("readiness", readiness.check, {}),
    Family("timing", timing.check, {"dossier": ("year", "attachments")}),
)


def dossier_families(scan: bool = False) -> tuple[Family, ...]:
    """The dossier families to run; the scan family only under `zx validate --scan`.

    Imported here and only then, so a run without --scan never loads zxcli.rules.scan_evidence
    (nor, through it, zxcli.scan and its heavy libraries). It reads what the seals family
    reads; application.yaml only when clean (its figures are then simply not compared).
    """
    if not scan:
        return DOSSIER_FAMILIES
    from zxcli.rules import scan_evidence

    return (
        *DOSSIER_FAMILIES,
        Family("scan", scan_evidence.check, {"dossier": SEAL_FIELDS}),
    )
