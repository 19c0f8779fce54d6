"""Which nominations the committee votes on: the campaign's dossiers that pass validation.

A nomination with any validation error (after the campaign's severity settings) is not
a candidate; it is listed with its error count so that nobody wonders where it went.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from zxcli.model.campaign import CampaignFolder, DossierFolder
from zxcli.model.gazetteer import Gazetteer
from zxcli.results import Report
from zxcli.rules.conditions import principle_flags
from zxcli.tally.problems import Problem, problem


@dataclass(frozen=True)
class Candidate:
    key: str  # dossier folder name, e.g. 江苏省-苏州市
    code: str  # GB/T 2260 code: the identity ballots refer to, and the official order
    name: str
    province: str
    level: str
    flags: tuple[str, ...] = ()  # 第6条 "原则上" misses shown to the committee (warnings)

    @property
    def label(self) -> str:
        return f"{self.province}{self.name}"


@dataclass(frozen=True)
class Excluded:
    key: str
    code: str | None
    name: str | None
    errors: int


def collect(
    campaign: CampaignFolder,
    report: Report,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Candidate], list[Excluded], list[Problem]]:
    """Valid candidates in code order, excluded nominations, and problems (notes or errors);
    names as `gazetteer` (the campaign's, the one validation used) spells them."""
    errors = Counter(f.dossier for f in report.errors if f.dossier)
    flags = principle_flags([*report.warnings, *report.hidden])
    valid: list[Candidate] = []
    excluded: list[Excluded] = []
    problems: list[Problem] = []
    for folder in campaign.dossiers:
        who = _identity(folder, gazetteer or Gazetteer.bundled())
        if errors[folder.key] or who is None:
            code, name = (who.code, who.name) if who else (None, None)
            excluded.append(Excluded(folder.key, code, name, errors[folder.key]))
            problems.append(
                problem(
                    "ZX733",
                    folder.display,
                    params={"dossier": folder.key, "errors": errors[folder.key]},
                )
            )
        else:
            valid.append(replace(who, flags=flags.get(folder.key, ())))
    problems.extend(_duplicates(valid, campaign))
    return sorted(valid, key=lambda c: c.code), excluded, problems


def _identity(folder: DossierFolder, gazetteer: Gazetteer) -> Candidate | None:
    data = folder.data("dossier")
    city = (data or {}).get("city")
    if not isinstance(city, dict):
        return None
    try:
        code, name, province = str(city["code"]), str(city["name"]), str(data["province"])  # type: ignore[index]
    except KeyError:
        return None
    # Lists and notices print the gazetteer's spelling, never the dossier's (issue 12).
    province, name = gazetteer.official_names(province, name, code)
    return Candidate(folder.key, code, name, province, str(city.get("level", "")))


def _duplicates(valid: list[Candidate], campaign: CampaignFolder) -> list[Problem]:
    # Ballots name cities by code; two folders with one code would make a vote ambiguous.
    first: dict[str, Candidate] = {}
    found = []
    for candidate in valid:
        other = first.setdefault(candidate.code, candidate)
        if other is not candidate:
            folder = next(d for d in campaign.dossiers if d.key == candidate.key)
            found.append(
                problem(
                    "ZX743",
                    folder.display,
                    params={
                        "dossier": candidate.key,
                        "other": other.key,
                        "city_code": candidate.code,
                    },
                )
            )
    return found
