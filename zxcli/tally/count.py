"""Counting the committee's votes: 回避, threshold, ranking, cap and ties. No I/O.

Everything here is a pure function of its arguments, so the properties the policy needs
(order of ballots irrelevant, a recused vote never counts, the list never exceeds the cap,
a tie at the cut-off never broken silently) can be tested exhaustively with hypothesis.

Scores are `Fraction`s: exact arithmetic makes "equal mean score" a real equality, so a
tie is a tie and not an accident of float rounding.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from fractions import Fraction

from zxcli.results import Place


class Choice(str, Enum):
    """A member's vote on one city (第8条 评审意见)."""

    APPROVE = "同意"
    REJECT = "不同意"
    ABSTAIN = "弃权"


class Threshold(str, Enum):
    """How many approvals a city needs, out of the members entitled to vote on it."""

    MAJORITY = "majority"  # 过半数: strictly more than half
    TWO_THIRDS = "two_thirds"  # 三分之二以上: "以上" includes the number itself

    def passes(self, approvals: int, entitled: int) -> bool:
        if entitled <= 0:
            return False  # nobody may vote on it: it cannot be approved
        if self is Threshold.MAJORITY:
            return 2 * approvals > entitled
        return 3 * approvals >= 2 * entitled

    def needed(self, entitled: int) -> int:
        """The smallest number of approvals that passes (for the reports)."""
        if self is Threshold.MAJORITY:
            return entitled // 2 + 1
        return -(-2 * entitled // 3)


@dataclass(frozen=True)
class Vote:
    member: str
    city_code: str
    choice: Choice
    score: Fraction | None = None
    comment: str | None = None
    where: Place | None = field(default=None, compare=False)


class Ranking(str, Enum):
    """What orders the cities that passed, before the mean score (zx.yaml thresholds.ranking)."""

    APPROVALS = "approvals"  # the number of approvals
    # approvals ÷ members entitled to vote: 回避 (review rule, 第3条) removes voters, and where it
    # differs much between cities, a city need not rank lower because members stood aside
    APPROVAL_RATE = "approval_rate"


@dataclass(frozen=True)
class Rules:
    cap: int = 10  # limits.max_selected (第5条)
    threshold: Threshold = Threshold.MAJORITY
    trim: bool = False  # drop the highest and the lowest score before averaging
    ranking: Ranking = Ranking.APPROVALS


class Status(str, Enum):
    SELECTED = "selected"  # on the shortlist
    TIED = "tied"  # in a tie that straddles the cut-off: the committee decides
    OVER_CAP = "over_cap"  # passed the threshold but ranked below the cap
    FAILED = "failed"  # below the threshold


@dataclass(frozen=True)
class Row:
    city_code: str
    entitled: int  # members not recused from this city
    received: int  # counted votes (同意 + 不同意 + 弃权)
    approve: int
    reject: int
    abstain: int
    passed: bool
    mean: Fraction | None
    trimmed: bool
    spread: Fraction | None  # max − min score: how much the committee disagrees
    rank: int = 0
    status: Status = Status.FAILED

    @property
    def rate(self) -> Fraction:
        return Fraction(self.approve, self.entitled) if self.entitled else Fraction(0)

    @property
    def short(self) -> bool:
        """Fewer votes than members entitled to vote: flagged, never silently filled."""
        return self.received < self.entitled

    def key(self, ranking: Ranking) -> tuple[Fraction, bool, Fraction]:
        """Ranking key, higher is better: approvals (or their rate), then the mean score."""
        first = Fraction(self.approve) if ranking is Ranking.APPROVALS else self.rate
        return (first, self.mean is not None, self.mean or Fraction(0))


@dataclass(frozen=True)
class Tie:
    rank: int  # rank shared by the tied cities
    cities: tuple[str, ...]
    slots: int  # places left on the list for them


@dataclass(frozen=True)
class Result:
    rows: tuple[Row, ...]  # best first; equal keys by city code
    selected: tuple[str, ...]  # best first
    tie: Tie | None
    counted: tuple[Vote, ...]
    excluded: tuple[Vote, ...]  # recused votes, listed but not counted
    rules: Rules

    def row(self, city_code: str) -> Row:
        return next(r for r in self.rows if r.city_code == city_code)


def count(
    candidates: Iterable[str],
    members: Iterable[str],
    recused: Collection[tuple[str, str]],
    votes: Iterable[Vote],
    rules: Rules,
) -> Result:
    """Tally `votes` on `candidates` by `members`; `recused` holds (member, city) pairs."""
    if rules.cap < 1:
        raise ValueError(f"cap must be at least 1, got {rules.cap}")
    cities = sorted(set(candidates))
    roster = sorted(set(members))
    ordered = _checked(votes, set(cities), set(roster))
    counted = tuple(v for v in ordered if (v.member, v.city_code) not in recused)
    excluded = tuple(v for v in ordered if (v.member, v.city_code) in recused)
    by_city: dict[str, list[Vote]] = {c: [] for c in cities}
    for vote in counted:
        by_city[vote.city_code].append(vote)
    rows = [_row(c, _entitled(c, roster, recused), by_city[c], rules) for c in cities]
    ranked = _ranked(rows, rules.ranking)
    selected, tie, ranked = _select(ranked, rules.cap, rules.ranking)
    return Result(tuple(ranked), selected, tie, counted, excluded, rules)


def _checked(votes: Iterable[Vote], cities: set[str], members: set[str]) -> list[Vote]:
    # ballots.py refuses these with a message for people; here they are programming errors.
    ordered = sorted(votes, key=lambda v: (v.city_code, v.member))
    seen: set[tuple[str, str]] = set()
    for vote in ordered:
        pair = (vote.member, vote.city_code)
        if vote.member not in members or vote.city_code not in cities or pair in seen:
            raise ValueError(f"vote not countable: {vote!r}")
        seen.add(pair)
    return ordered


def _entitled(city: str, members: list[str], recused: Collection[tuple[str, str]]) -> int:
    return sum((m, city) not in recused for m in members)


def _row(city: str, entitled: int, votes: list[Vote], rules: Rules) -> Row:
    tally = {c: sum(v.choice is c for v in votes) for c in Choice}
    scores = sorted(v.score for v in votes if v.score is not None)
    mean, trimmed = _mean(scores, rules.trim)
    return Row(
        city_code=city,
        entitled=entitled,
        received=len(votes),
        approve=tally[Choice.APPROVE],
        reject=tally[Choice.REJECT],
        abstain=tally[Choice.ABSTAIN],
        passed=rules.threshold.passes(tally[Choice.APPROVE], entitled),
        mean=mean,
        trimmed=trimmed,
        spread=scores[-1] - scores[0] if scores else None,
    )


def _mean(scores: list[Fraction], trim: bool) -> tuple[Fraction | None, bool]:
    if not scores:
        return None, False
    if trim and len(scores) >= 3:
        # Trimming needs something left in the middle; with fewer scores it is skipped.
        return Fraction(sum(scores[1:-1]), len(scores) - 2), True
    return Fraction(sum(scores), len(scores)), False


def _ranked(rows: list[Row], ranking: Ranking) -> list[Row]:
    ordered = sorted(rows, key=lambda r: r.city_code)
    ordered.sort(key=lambda r: r.key(ranking), reverse=True)  # stable: ties stay in code order
    keys = [r.key(ranking) for r in ordered]
    # Competition ranking (1, 2, 2, 4): equal keys share a rank, nothing is hidden.
    return [_with(r, rank=1 + sum(k > r.key(ranking) for k in keys)) for r in ordered]


def _select(
    ranked: list[Row], cap: int, ranking: Ranking
) -> tuple[tuple[str, ...], Tie | None, list[Row]]:
    passing = [r for r in ranked if r.passed]
    if len(passing) <= cap:
        return _finish(ranked, {r.city_code for r in passing}, None)
    cut = passing[cap - 1].key(ranking)
    above = [r for r in passing if r.key(ranking) > cut]
    level = [r for r in passing if r.key(ranking) == cut]
    if len(above) + len(level) <= cap:
        return _finish(ranked, {r.city_code for r in above + level}, None)
    tie = Tie(level[0].rank, tuple(r.city_code for r in level), cap - len(above))
    return _finish(ranked, {r.city_code for r in above}, tie)


def _finish(
    ranked: list[Row], chosen: set[str], tie: Tie | None
) -> tuple[tuple[str, ...], Tie | None, list[Row]]:
    tied = set(tie.cities) if tie else set()
    rows = [_with(r, status=_status(r, chosen, tied)) for r in ranked]
    return tuple(r.city_code for r in rows if r.city_code in chosen), tie, rows


def _status(row: Row, chosen: set[str], tied: set[str]) -> Status:
    if row.city_code in chosen:
        return Status.SELECTED
    if row.city_code in tied:
        return Status.TIED
    return Status.OVER_CAP if row.passed else Status.FAILED


def _with(row: Row, **changes: object) -> Row:
    return replace(row, **changes)  # type: ignore[arg-type]


def matrix(
    result: Result,
    members: Iterable[str],
    candidates: Iterable[str],
    recused: Collection[tuple[str, str]],
) -> Mapping[str, Mapping[str, str | None]]:
    """member → city → 同意/不同意/弃权, "回避" for a recusal, None for no vote."""
    cast = {(v.member, v.city_code): v.choice.value for v in result.counted}
    return {
        m: {c: "回避" if (m, c) in recused else cast.get((m, c)) for c in sorted(candidates)}
        for m in sorted(members)
    }
