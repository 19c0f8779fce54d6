"""The 评审委员会 (第8条) and who must stand aside on which city (回避, 第3条).

第8条: the committee is made of experts and ministry department representatives, an odd
number and no fewer than 15; a committee without either kind is flagged (ZX707). A chair is
zx's own convention (第8条 names none): optional, and a chair who is not a member is only a
warning (ZX705). Ballots are matched to members by id, so ids must be unique.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from zxcli.catalog import Term
from zxcli.model.campaign import LoadedFile
from zxcli.model.gazetteer import Gazetteer
from zxcli.schema.check import check_document
from zxcli.tally.problems import Problem, problem

COMMITTEE_FILE = "review/committee.yaml"
KINDS = ("专家", "司局代表")  # 第8条：相关专家及部内相关司局代表


# Longest first: 广西壮族自治区 and 广西 must compare equal, as must 江苏省 and 江苏.
@dataclass(frozen=True)
class DeclaredTie:
    city_code: str
    reason: str


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str  # 专家 / 司局代表
    affiliation: str
    province: str | None
    ties: tuple[DeclaredTie, ...]
    line: int


@dataclass(frozen=True)
class Committee:
    year: int
    chair: str | None  # zx convention, optional
    members: tuple[Member, ...]
    file: str

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


@dataclass(frozen=True)
class Recusal:
    """A member who does not vote on a city (回避, 第3条), and why."""

    member: str
    city_code: str
    ground: str  # "province" or "tie"
    detail: str  # the province, or the declared reason


def read_committee(
    loaded: LoadedFile | None, year: int, min_size: int, odd: bool
) -> tuple[Committee | None, list[Problem]]:
    """The committee and every 第8条 problem with it; None when it cannot be read at all."""
    if loaded is None or not loaded.exists:
        return None, [problem("ZX701", COMMITTEE_FILE)]
    if loaded.error is not None:
        err = loaded.error
        return None, [
            problem(err.code, err.path or loaded.display, err.line, err.column, params=err.params)
        ]
    assert loaded.doc is not None
    schema_problems = [f for f in check_document(loaded.doc, "committee")]
    if schema_problems:
        return None, schema_problems
    committee = _build(loaded)
    return committee, list(_check(committee, loaded, year, min_size, odd))


def _build(loaded: LoadedFile) -> Committee:
    doc = loaded.doc
    assert doc is not None
    members = tuple(
        _member(entry, doc.locate(("members", i)).line)
        for i, entry in enumerate(doc.data["members"])
    )
    return Committee(doc.data["year"], doc.data.get("chair"), members, loaded.display)


def _member(entry: dict[str, Any], line: int) -> Member:
    ties = tuple(DeclaredTie(t["city_code"], t["reason"]) for t in entry.get("ties") or ())
    return Member(
        entry["id"],
        entry["name"],
        entry["kind"],
        entry["affiliation"],
        entry.get("province"),
        ties,
        line,
    )


def _check(
    committee: Committee, loaded: LoadedFile, year: int, min_size: int, odd: bool
) -> Iterable[Problem]:
    doc = loaded.doc
    assert doc is not None

    def at(path: tuple[str | int, ...], code: str, **params: object) -> Problem:
        loc = doc.locate(path)
        return problem(code, loaded.display, loc.line, loc.column, params=params)

    if committee.year != year:
        yield at(("year",), "ZX706", found=committee.year, expected=year)
    first: dict[str, int] = {}
    for i, member in enumerate(committee.members):
        if member.id in first:
            yield at(("members", i, "id"), "ZX704", member=member.id, first_line=first[member.id])
        first.setdefault(member.id, doc.locate(("members", i, "id")).line)
    if committee.chair is not None and committee.chair not in first:
        yield at(("chair",), "ZX705", chair=committee.chair)
    present = {m.kind for m in committee.members}
    for kind in KINDS:
        if kind not in present:
            yield at(("members",), "ZX707", missing=Term(f"committee.kind.{kind}"))
    size = len(committee.members)
    if odd and size % 2 == 0:
        yield at(("members",), "ZX702", size=size)
    if size < min_size:
        yield at(("members",), "ZX703", size=size, min=min_size)


def same_province(a: str | None, b: str | None) -> bool:
    """江苏省 and 江苏 are the same province; a member without a province has no such tie."""
    if not (a and b):
        return False
    regions = Gazetteer.bundled()
    return regions.region_key(a) == regions.region_key(b)


def recusals(
    committee: Committee, candidates: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Recusal]:
    """(member, city code) → Recusal, for each candidate given as (city code, province).

    回避 is the campaign's review rule, grounded in 第3条 (公平、公正); 第14条 is about
    liability for misconduct and is not cited for it. Two grounds a tool can know: the
    member's own province, and a tie the member declared.
    """
    found: dict[tuple[str, str], Recusal] = {}
    for code, province in candidates:
        for member in committee.members:
            declared = next((t for t in member.ties if t.city_code == code), None)
            if declared is not None:
                found[(member.id, code)] = Recusal(member.id, code, "tie", declared.reason)
            elif same_province(member.province, province):
                found[(member.id, code)] = Recusal(
                    member.id, code, "province", member.province or ""
                )
    return found


def silent_members(
    ids: Iterable[str],
    recused: Collection[tuple[str, str]],
    voted: Iterable[tuple[str, str]],
    city_code: str,
) -> list[str]:
    """The members entitled to vote on `city_code` (not recused) who cast no vote on it,
    so that a short count names whom to ask rather than only how many are missing."""
    cast = {member for member, code in voted if code == city_code}
    return [m for m in ids if (m, city_code) not in recused and m not in cast]
