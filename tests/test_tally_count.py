"""Properties of the pure count (zxcli/tally/count.py), checked with hypothesis.

第5条 caps the list at 10 a year, 第8条 has the committee propose it, 回避 (第3条) takes a member
with a conflict out of the vote. The properties: the order of ballots changes nothing, a
recused vote never counts, one more approval never hurts a city, the list never exceeds
the cap, and every tie at the cut-off is detected rather than broken.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxcli.tally.count import Choice, Ranking, Result, Rules, Status, Threshold, Vote, count

SCORES = st.one_of(st.none(), st.sampled_from([60, 75, 80, 90, 100]).map(Fraction))
# Mostly approvals, few distinct scores and a cap below the number of cities: so that
# cities pass, compete for places and tie at the cut-off often enough to be tested.
CHOICES = st.sampled_from([Choice.APPROVE] * 3 + [Choice.REJECT, Choice.ABSTAIN])


@st.composite
def elections(draw: st.DrawFn) -> dict:
    members = [f"M{i:02d}" for i in range(1, draw(st.integers(1, 9)) + 1)]
    cities = [f"{110000 + i * 100}" for i in range(draw(st.integers(1, 8)))]
    pairs = [(m, c) for m in members for c in cities]
    recused = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs) // 3))
    votes = []
    for member, city in pairs:
        if draw(st.booleans()) or draw(st.booleans()):  # most members vote on most cities
            votes.append(Vote(member, city, draw(CHOICES), draw(SCORES)))
    if len(cities) > 1 and draw(st.booleans()):
        # Twin cities: identical votes and recusals, hence an exact tie somewhere.
        a, b = draw(st.permutations(cities))[:2]
        recused = {p for p in recused if p[1] != b} | {(m, b) for m, c in recused if c == a}
        votes = [v for v in votes if v.city_code != b] + [
            Vote(v.member, b, v.choice, v.score) for v in votes if v.city_code == a
        ]
    cap = draw(st.one_of(st.integers(1, max(1, len(cities) - 1)), st.integers(1, 10)))
    rules = Rules(
        cap=cap,
        threshold=draw(st.sampled_from(list(Threshold))),
        trim=draw(st.booleans()),
        ranking=draw(st.sampled_from(list(Ranking))),
    )
    return {
        "candidates": cities,
        "members": members,
        "recused": recused,
        "votes": votes,
        "rules": rules,
    }


def tally(e: dict, votes: list[Vote] | None = None) -> Result:
    return count(
        e["candidates"],
        e["members"],
        e["recused"],
        e["votes"] if votes is None else votes,
        e["rules"],
    )


@pytest.mark.slow
@settings(max_examples=200)
@given(elections(), st.randoms())
def test_reordering_ballots_changes_nothing(e: dict, rnd) -> None:
    shuffled = list(e["votes"])
    rnd.shuffle(shuffled)
    members = list(e["members"])
    rnd.shuffle(members)
    assert (
        tally(e, shuffled)
        == tally(e)
        == count(e["candidates"], members, e["recused"], shuffled, e["rules"])
    )


@pytest.mark.slow
@settings(max_examples=200)
@given(elections())
def test_a_recused_vote_never_counts(e: dict) -> None:
    result = tally(e)
    without = tally(e, [v for v in e["votes"] if (v.member, v.city_code) not in e["recused"]])
    assert result.rows == without.rows and result.selected == without.selected
    assert all((v.member, v.city_code) in e["recused"] for v in result.excluded)
    assert not any((v.member, v.city_code) in e["recused"] for v in result.counted)
    for row in result.rows:
        assert row.approve + row.reject + row.abstain == row.received <= row.entitled


@pytest.mark.slow
@settings(max_examples=200)
@given(elections(), st.data())
def test_one_more_approval_never_lowers_a_city(e: dict, data: st.DataObject) -> None:
    votes = {(v.member, v.city_code): v for v in e["votes"]}
    open_pairs = [
        (m, c)
        for m in e["members"]
        for c in e["candidates"]
        if (m, c) not in e["recused"]
        and (votes.get((m, c)) is None or votes[(m, c)].choice is not Choice.APPROVE)
    ]
    if not open_pairs:
        return
    member, city = data.draw(st.sampled_from(open_pairs))
    old_vote = votes.get((member, city))
    votes[(member, city)] = Vote(member, city, Choice.APPROVE, old_vote.score if old_vote else None)
    before, after = tally(e), tally(e, list(votes.values()))
    old, new = before.row(city), after.row(city)
    assert new.approve == old.approve + 1
    assert new.rank <= old.rank
    assert old.passed <= new.passed
    if old.status is Status.SELECTED:
        assert new.status is Status.SELECTED


@pytest.mark.slow
@settings(max_examples=200)
@given(elections())
def test_the_list_never_exceeds_the_cap(e: dict) -> None:
    result = tally(e)
    assert len(result.selected) <= e["rules"].cap
    assert all(result.row(c).passed for c in result.selected)


@pytest.mark.slow
@settings(max_examples=400)
@given(elections())
def test_every_tie_at_the_cut_off_is_detected(e: dict) -> None:
    result = tally(e)
    cap, ranking = e["rules"].cap, e["rules"].ranking
    passing = [r for r in result.rows if r.passed]  # rows are best first
    straddles = len(passing) > cap and passing[cap - 1].key(ranking) == passing[cap].key(ranking)
    assert (result.tie is not None) == straddles
    chosen = {result.row(c).key(ranking) for c in result.selected}
    left_out = [r for r in passing if r.city_code not in result.selected]
    # Nobody left out is as good as anybody chosen: a tie is never split silently.
    assert all(r.key(ranking) < k for r in left_out for k in chosen)
    if result.tie is not None:
        tied = [result.row(c) for c in result.tie.cities]
        assert len({r.key(ranking) for r in tied}) == 1
        assert len(result.selected) + len(tied) > cap
        assert result.tie.slots == cap - len(result.selected) > 0
        assert all(r.status is Status.TIED for r in tied)
    else:
        assert len(result.selected) == min(cap, len(passing))


@pytest.mark.slow
@settings(max_examples=200)
@given(elections())
def test_a_twin_of_the_last_city_in_is_always_a_tie(e: dict) -> None:
    """A city voted exactly like the last one in must tie with it, whatever else happens."""
    cap = e["rules"].cap
    passing = [r for r in tally(e).rows if r.passed]
    if len(passing) < cap:
        return
    last = passing[cap - 1].city_code
    twin = "999999"
    votes = e["votes"] + [
        Vote(v.member, twin, v.choice, v.score) for v in e["votes"] if v.city_code == last
    ]
    recused = set(e["recused"]) | {(m, twin) for m, c in e["recused"] if c == last}
    result = count([*e["candidates"], twin], e["members"], recused, votes, e["rules"])
    assert result.tie is not None
    assert {last, twin} <= set(result.tie.cities)
    assert last not in result.selected and twin not in result.selected


def test_ranking_by_approvals_or_by_their_rate() -> None:
    # 320500: 3 of 4 entitled approve; 330200: 3 of 3 (one member recused) approve
    votes = [*votes_for("320500", "AAAR"), *votes_for("330200", "AAA")]
    recused = {("M04", "330200")}
    by_count = count(["320500", "330200"], MEMBERS[:4], recused, votes, Rules(cap=1))
    assert by_count.tie is not None  # 3 approvals each, no scores: the committee decides
    by_rate = count(
        ["320500", "330200"],
        MEMBERS[:4],
        recused,
        votes,
        Rules(cap=1, ranking=Ranking.APPROVAL_RATE),
    )
    assert by_rate.selected == ("330200",)


# --------------------------------------------------------------------------- examples


def votes_for(city: str, choices: str, scores: list[int] | None = None) -> list[Vote]:
    """'AARX' → 同意, 同意, 不同意, 弃权 from M01, M02, …"""
    kinds = {"A": Choice.APPROVE, "R": Choice.REJECT, "X": Choice.ABSTAIN}
    return [
        Vote(f"M{i:02d}", city, kinds[ch], Fraction(scores[i - 1]) if scores else None)
        for i, ch in enumerate(choices, start=1)
        if ch != "-"
    ]


MEMBERS = [f"M{i:02d}" for i in range(1, 16)]


def test_majority_means_more_than_half_of_those_entitled() -> None:
    votes = votes_for("320500", "AAAAAAA" + "R" * 8) + votes_for("330200", "AAAAAAAA" + "R" * 7)
    result = count(["320500", "330200"], MEMBERS, set(), votes, Rules())
    assert not result.row("320500").passed  # 7 of 15
    assert result.row("330200").passed  # 8 of 15
    assert Threshold.MAJORITY.needed(15) == 8


def test_two_thirds_includes_exactly_two_thirds() -> None:
    assert Threshold.TWO_THIRDS.passes(10, 15)
    assert not Threshold.TWO_THIRDS.passes(9, 15)
    assert Threshold.TWO_THIRDS.needed(14) == 10


def test_recusal_shrinks_the_electorate_and_does_not_penalise() -> None:
    # M01 recused from 320500: 8 approvals of 14 entitled pass; its vote is not counted.
    votes = votes_for("320500", "A" * 9 + "R" * 6)
    result = count(["320500"], MEMBERS, {("M01", "320500")}, votes, Rules())
    row = result.row("320500")
    assert (row.entitled, row.approve, row.received) == (14, 8, 14)
    assert [v.member for v in result.excluded] == ["M01"]


def test_trimmed_mean_drops_one_highest_and_one_lowest() -> None:
    votes = votes_for("320500", "AAAA", [100, 80, 70, 0])
    plain = count(["320500"], MEMBERS[:4], set(), votes, Rules()).row("320500")
    trimmed = count(["320500"], MEMBERS[:4], set(), votes, Rules(trim=True)).row("320500")
    assert plain.mean == Fraction(250, 4) and trimmed.mean == 75 and trimmed.trimmed
    assert plain.spread == 100


def test_tie_at_the_cut_off_is_reported_with_its_slots() -> None:
    votes = (
        votes_for("110000", "AAAA", [90] * 4)
        + votes_for("120000", "AAAA", [80] * 4)
        + votes_for("130000", "AAAA", [80] * 4)
        + votes_for("140000", "AAAR", [99] * 4)
    )
    result = count(
        ["110000", "120000", "130000", "140000"], MEMBERS[:4], set(), votes, Rules(cap=2)
    )
    assert result.selected == ("110000",)
    assert result.tie is not None and result.tie.cities == ("120000", "130000")
    assert (result.tie.rank, result.tie.slots) == (2, 1)
    assert result.row("140000").status is Status.OVER_CAP


def test_a_tie_inside_the_list_is_no_problem() -> None:
    votes = votes_for("110000", "AAAA", [80] * 4) + votes_for("120000", "AAAA", [80] * 4)
    result = count(["110000", "120000"], MEMBERS[:4], set(), votes, Rules(cap=2))
    assert result.tie is None and result.selected == ("110000", "120000")
    assert [r.rank for r in result.rows] == [1, 1]


def test_uncountable_votes_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        count(["110000"], ["M01"], set(), [Vote("M99", "110000", Choice.APPROVE)], Rules())
    with pytest.raises(ValueError):
        count(["110000"], ["M01"], set(), [Vote("M01", "110000", Choice.APPROVE)] * 2, Rules())
