"""回避 compares provinces as normalised region keys, and the trimmed mean needs three scores.

Two bugs once planted survived the tally's own tests: a recusal that compared the raw
province strings (江苏 is not 江苏省), and a trimmed mean that waited for four scores.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from zxcli.tally.committee import Committee, DeclaredTie, Member, recusals
from zxcli.tally.count import Choice, Rules, Vote, count


def _committee(*provinces: str | None, ties: tuple[DeclaredTie, ...] = ()) -> Committee:
    members = tuple(
        Member(f"M{i:02}", f"委员{i}", "专家", "某单位", province, ties if i == 1 else (), i)
        for i, province in enumerate(provinces, start=1)
    )
    return Committee(2024, None, members, "review/committee.yaml")


@pytest.mark.parametrize(
    "member, candidate",
    [
        ("江苏", "江苏省"),
        ("江苏省", "江苏"),
        ("广西", "广西壮族自治区"),
        ("新疆维吾尔自治区", "新疆"),
        ("上海", "上海市"),
    ],
)
def test_a_member_stands_aside_on_a_city_of_the_same_province_however_spelt(
    member: str, candidate: str
) -> None:
    found = recusals(_committee(member), [("320500", candidate)])
    assert set(found) == {("M01", "320500")}
    assert found[("M01", "320500")].ground == "province"


@pytest.mark.parametrize("member", ["浙江省", "江西", None])
def test_no_recusal_across_provinces_or_without_one(member: str | None) -> None:
    assert recusals(_committee(member), [("320500", "江苏省")]) == {}


def test_a_declared_tie_is_a_recusal_whatever_the_province() -> None:
    tie = DeclaredTie("330200", "曾任职")
    found = recusals(_committee("江苏省", ties=(tie,)), [("330200", "浙江省")])
    assert found[("M01", "330200")].ground == "tie"


def _scores(*scores: int) -> list[Vote]:
    return [
        Vote(f"M{i:02}", "320500", Choice.APPROVE, Fraction(s))
        for i, s in enumerate(scores, start=1)
    ]


@pytest.mark.parametrize(
    "scores, mean, trimmed",
    [
        ((60, 80, 100), Fraction(80), True),  # three: the middle one is left
        ((60, 70, 90, 100), Fraction(80), True),
        ((60, 100), Fraction(80), False),  # two: nothing would be left
        ((90,), Fraction(90), False),
    ],
)
def test_the_trimmed_mean_drops_the_highest_and_lowest_from_three_scores_on(
    scores: tuple[int, ...], mean: Fraction, trimmed: bool
) -> None:
    votes = _scores(*scores)
    members = [v.member for v in votes]
    row = count(["320500"], members, set(), votes, Rules(trim=True)).row("320500")
    assert (row.mean, row.trimmed) == (mean, trimmed)


def test_without_trim_every_score_counts() -> None:
    votes = _scores(60, 80, 130)
    row = count(["320500"], [v.member for v in votes], set(), votes, Rules()).row("320500")
    assert (row.mean, row.trimmed) == (Fraction(90), False)
