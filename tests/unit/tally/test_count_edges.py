"""tally/count.py at the edges a mutation run found untested: the thresholds at their
exact bound, the rate with nobody entitled, competition ranks, refused votes."""

from __future__ import annotations

from fractions import Fraction

import pytest

from zxcli.tally.count import Choice, Ranking, Rules, Status, Threshold, Vote, count


@pytest.mark.parametrize(
    "approvals, entitled, majority, two_thirds",
    [
        (0, 0, False, False),  # nobody may vote: never approved
        (2, 4, False, False),  # half is not more than half
        (3, 4, True, True),
        (2, 5, False, False),
        (3, 5, True, False),
        (2, 3, True, True),  # two thirds exactly: 以上 includes it
        (4, 6, True, True),
        (3, 6, False, False),
        (9, 15, True, False),
        (10, 15, True, True),
    ],
)
def test_thresholds_at_their_bound(
    approvals: int, entitled: int, majority: bool, two_thirds: bool
) -> None:
    assert Threshold.MAJORITY.passes(approvals, entitled) is majority
    assert Threshold.TWO_THIRDS.passes(approvals, entitled) is two_thirds


@pytest.mark.parametrize(
    "entitled, majority, two_thirds",
    [(1, 1, 1), (3, 2, 2), (4, 3, 3), (5, 3, 4), (6, 4, 4), (7, 4, 5), (15, 8, 10)],
)
def test_needed_is_the_least_that_passes(entitled: int, majority: int, two_thirds: int) -> None:
    assert Threshold.MAJORITY.needed(entitled) == majority
    assert Threshold.TWO_THIRDS.needed(entitled) == two_thirds
    for threshold, least in ((Threshold.MAJORITY, majority), (Threshold.TWO_THIRDS, two_thirds)):
        assert threshold.passes(least, entitled)
        assert not threshold.passes(least - 1, entitled)


MEMBERS = ["M1", "M2", "M3", "M4"]


def _votes(city: str, choices: str, score: int | None = None) -> list[Vote]:
    kinds = {"A": Choice.APPROVE, "R": Choice.REJECT, "-": Choice.ABSTAIN}
    return [
        Vote(m, city, kinds[c], None if score is None else Fraction(score))
        for m, c in zip(MEMBERS, choices, strict=False)
    ]


def test_a_city_everyone_stands_aside_on_has_rate_zero_and_fails() -> None:
    recused = {(m, "110000") for m in MEMBERS}
    result = count(["110000"], MEMBERS, recused, [], Rules())
    row = result.row("110000")
    assert (row.entitled, row.rate, row.passed, row.status) == (0, 0, False, Status.FAILED)


def test_rows_count_each_kind_of_vote_and_flag_missing_ones() -> None:
    row = count(["110000"], MEMBERS, set(), _votes("110000", "AR-"), Rules()).row("110000")
    assert (row.approve, row.reject, row.abstain, row.received) == (1, 1, 1, 3)
    assert row.short and row.rate == Fraction(1, 4)
    full = count(["110000"], MEMBERS, set(), _votes("110000", "AAAA"), Rules()).row("110000")
    assert not full.short and full.mean is None and full.spread is None


def test_equal_keys_share_a_rank_and_the_next_rank_skips() -> None:
    votes = (
        _votes("110000", "AAAA", 90)
        + _votes("120000", "AAAR", 80)
        + _votes("130000", "AAAR", 80)
        + _votes("140000", "AARR", 99)
    )
    result = count(["110000", "120000", "130000", "140000"], MEMBERS, set(), votes, Rules(cap=10))
    assert [(r.city_code, r.rank) for r in result.rows] == [
        ("110000", 1),
        ("120000", 2),
        ("130000", 2),
        ("140000", 4),
    ]
    assert result.selected == ("110000", "120000", "130000")
    assert result.row("140000").status is Status.FAILED


def test_a_city_with_scores_ranks_above_an_equal_one_without() -> None:
    votes = _votes("110000", "AAA") + _votes("120000", "AAA", 60)
    result = count(["110000", "120000"], MEMBERS, set(), votes, Rules(cap=1))
    assert result.selected == ("120000",) and result.tie is None


def test_the_approval_rate_ranks_by_share_of_those_entitled() -> None:
    recused = {("M4", "120000")}
    votes = _votes("110000", "AAAR") + _votes("120000", "AAA")
    by_rate = count(
        ["110000", "120000"], MEMBERS, recused, votes, Rules(cap=1, ranking=Ranking.APPROVAL_RATE)
    )
    assert by_rate.selected == ("120000",)  # 3/3 beats 3/4
    by_count = count(["110000", "120000"], MEMBERS, recused, votes, Rules(cap=1))
    assert by_count.tie is not None  # 3 approvals each


@pytest.mark.parametrize(
    "bad",
    [
        Vote("M9", "110000", Choice.APPROVE),  # not a member
        Vote("M1", "999999", Choice.APPROVE),  # not a candidate
    ],
)
def test_uncountable_votes_are_refused(bad: Vote) -> None:
    with pytest.raises(ValueError):
        count(["110000"], MEMBERS, set(), [bad], Rules())


def test_a_second_vote_of_one_member_on_one_city_is_refused() -> None:
    twice = [Vote("M1", "110000", Choice.APPROVE), Vote("M1", "110000", Choice.REJECT)]
    with pytest.raises(ValueError):
        count(["110000"], MEMBERS, set(), twice, Rules())


def test_the_cap_must_be_at_least_one() -> None:
    with pytest.raises(ValueError):
        count(["110000"], MEMBERS, set(), [], Rules(cap=0))
    assert count(["110000"], MEMBERS, set(), _votes("110000", "AAA"), Rules(cap=1)).selected


def test_recused_votes_are_listed_but_not_counted() -> None:
    votes = _votes("110000", "AAAA")
    result = count(["110000"], MEMBERS, {("M1", "110000")}, votes, Rules())
    assert [v.member for v in result.excluded] == ["M1"]
    assert result.row("110000").approve == 3 and result.row("110000").entitled == 3


def test_the_default_cap_is_article_5s_ten() -> None:
    assert Rules().cap == 10


def test_spread_is_the_highest_score_less_the_lowest() -> None:
    votes = [
        Vote("M1", "110000", Choice.APPROVE, Fraction(60)),
        Vote("M2", "110000", Choice.APPROVE, Fraction(95)),
        Vote("M3", "110000", Choice.APPROVE, Fraction(80)),
    ]
    assert count(["110000"], MEMBERS, set(), votes, Rules()).row("110000").spread == 35


def test_no_scores_no_mean_and_nothing_trimmed() -> None:
    row = count(["110000"], MEMBERS, set(), _votes("110000", "AAA"), Rules(trim=True)).row("110000")
    assert (row.mean, row.trimmed, row.spread) == (None, False, None)


def test_the_matrix_shows_each_vote_each_recusal_and_each_missing_vote() -> None:
    from zxcli.tally.count import matrix

    votes = [Vote("M1", "110000", Choice.APPROVE), Vote("M2", "110000", Choice.REJECT)]
    recused = {("M3", "110000")}
    result = count(["110000"], MEMBERS, recused, votes, Rules())
    shown = matrix(result, MEMBERS, ["110000"], recused)
    assert {m: shown[m]["110000"] for m in MEMBERS} == {
        "M1": "同意",
        "M2": "不同意",
        "M3": "回避",
        "M4": None,
    }
