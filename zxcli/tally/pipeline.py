"""From a campaign folder to results: read each file once, check, count, 公示, final list.

The two commands share `prepare` (settings, candidates, committee, 回避); `make_ballots`
writes the sheets and `run_tally` counts. Problems are collected across committee,
ballots and publicity record and refused together, so one run shows everything to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from zxcli.catalog import Term
from zxcli.errors import DataError, TieAtCutoffError
from zxcli.load.display import display_path
from zxcli.model.campaign import (
    BALLOTS_DIR,
    CampaignFolder,
)
from zxcli.model.settings import Settings
from zxcli.pipeline import Validated, open_campaign
from zxcli.results import SILENT, Place, Progress, found_at
from zxcli.tally.ballots import Ballot, BallotContext, read_ballots
from zxcli.tally.candidates import Candidate, Excluded, collect
from zxcli.tally.committee import (
    Committee,
    Recusal,
    read_committee,
    recusals,
    silent_members,
)
from zxcli.tally.count import Ranking, Result, Rules, Threshold, count
from zxcli.tally.decision import Decision, no_decision, proposed, read_decision
from zxcli.tally.final import FinalList, build_final, require_ended
from zxcli.tally.problems import Problem, RefusedError, problem, refuse_if_any
from zxcli.tally.publicity import PublicityRecord, Window, load_calendar, read_publicity, window
from zxcli.tally.shared import CampaignId
from zxcli.tally.sheets import recusal_reason, write_ballots
from zxcli.tally.stage import Stage, stage_of

LEGAL_MAX_SELECTED = 10  # 第5条：每年遴选不超过10个


@dataclass(frozen=True)
class TallyOptions:
    trim: bool = False
    publicity_start: date | None = None
    final: bool = False
    as_of: date | None = None  # "today" for --final; tests pass a date


@dataclass
class Review:
    """A campaign ready to be voted on."""

    root: Path
    folder: CampaignFolder
    settings: Settings
    campaign: CampaignId
    rules: Rules
    candidates: list[Candidate]  # valid ones, in GB/T 2260 code order
    excluded: list[Excluded]
    committee: Committee
    recused: dict[tuple[str, str], Recusal]

    def candidate(self, code: str) -> Candidate:
        return next(c for c in self.candidates if c.code == code)


@dataclass
class Outcome:
    review: Review
    ballots: list[Ballot]
    result: Result
    notes: list[Problem]
    record: PublicityRecord
    decision: Decision = field(default_factory=no_decision)
    window: Window | None = None
    final: FinalList | None = None
    written: list[Path] = field(default_factory=list)
    as_of: date | None = None  # the day the stages are read from (tally/stage.py)

    def stage(self, code: str) -> Stage | None:
        """The stage `code` has reached, the one answer every output shows."""
        final = self.final
        return stage_of(
            code,
            self.result.selected,
            self.decision,
            self.window,
            final is not None,
            {o.city_code for o in final.removed} if final else set(),
            self.as_of,
        )

    def tie_error(self) -> TieAtCutoffError | None:
        tie = self.result.tie
        if tie is None:
            return None
        row = self.result.row(tie.cities[0])
        return TieAtCutoffError(
            "ZX741",
            rank=tie.rank,
            slots=tie.slots,
            approve=row.approve,
            rate=percent(row.rate),
            mean=number(row.mean),
            cities="、".join(self.review.candidate(c).label for c in tie.cities),
        )


def percent(value: Fraction) -> str:
    return f"{float(value) * 100:.2f}%"


def number(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value):.2f}"


# --------------------------------------------------------------------------- prepare


def prepare(validated: Validated, stage: str = "count") -> tuple[Review, list[Problem]]:
    """Settings, candidates, committee and 回避 of a campaign the pipeline has loaded and
    validated; the problems are the caller's to refuse. A campaign whose settings or
    registry are broken or missing is refused outright: nothing is counted on defaults."""
    folder = validated.folder
    assert folder.root is not None, "the pipeline opens whole campaigns only"
    unusable = validated.unusable()
    if unusable:
        raise RefusedError(unusable, stage)
    root = folder.root
    settings, year = validated.settings, validated.year
    campaign = CampaignId(year, campaign_title(folder, year))
    rules = _rules(folder, settings)
    # validate decides who is a candidate, on the campaign as loaded here.
    candidates, excluded, problems = collect(folder, validated.report, validated.gazetteer)
    # A zx.yaml that loosens the policy (ZX611) is refused here too: the tally must not
    # count under settings validate rejects.
    problems += [
        f
        for f in validated.report.errors
        if f.dossier is None and f.path == folder.files["campaign"].display
    ]
    committee, found = read_committee(
        folder.files.get("committee"),
        year,
        settings.committee_min_size,
        settings.committee_size_odd,
    )
    problems += found
    if committee is None:
        raise RefusedError([p for p in problems if p.is_error], stage)
    if not candidates:
        raise DataError("ZX742")
    recused = recusals(committee, [(c.code, c.province) for c in candidates])
    review = Review(
        root, folder, settings, campaign, rules, candidates, excluded, committee, recused
    )
    return review, problems


def campaign_title(folder: CampaignFolder, year: int | None) -> str:
    """zx.yaml's `title`, else the selection's name for the year (lists, notices, overview)."""
    title = (folder.data("campaign") or {}).get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return f"{year or ''}年度工业稳增长和转型升级成效明显市（州）遴选"


def _rules(folder: CampaignFolder, settings: Settings) -> Rules:
    loaded = folder.files["campaign"]
    doc = loaded.doc

    def where(*path: str) -> dict[str, Any]:
        loc = doc.locate(path) if doc else None
        return {
            "path": loaded.display,
            "line": loc.line if loc else 1,
            "column": loc.column if loc else 1,
        }

    cap = settings.max_selected
    if isinstance(cap, bool) or not isinstance(cap, int) or not 1 <= cap <= LEGAL_MAX_SELECTED:
        raise DataError("ZX740", value=cap, **where("limits", "max_selected"))
    # The schema allows only these thresholds and rankings, and a campaign whose zx.yaml
    # breaks its schema never gets here (Validated.unusable).
    return Rules(cap=cap, threshold=Threshold(settings.approval), ranking=Ranking(settings.ranking))


# --------------------------------------------------------------------------- commands


def make_ballots(
    path: Path, out: Path, formats: Iterable[str], force: bool
) -> tuple[list[Path], list[Problem]]:
    """`zx ballots`: one sheet per member of a valid committee; the files and the notes."""
    review, problems = prepare(open_campaign(path), "ballots")
    notes = refuse_if_any(problems, "ballots")
    written = write_ballots(
        out,
        list(formats),
        review.campaign,
        review.committee,
        review.candidates,
        review.recused,
        force,
        home=review.root / BALLOTS_DIR,
    )
    return written, notes


def run_tally(path: Path, options: TallyOptions, progress: Progress = SILENT) -> Outcome:
    """`zx tally`: count, then the 公示 window, then (with --final) the final list."""
    return count_campaign(open_campaign(path, progress=progress), options, progress)


def count_campaign(
    validated: Validated, options: TallyOptions, progress: Progress = SILENT
) -> Outcome:
    """The tally of a campaign the pipeline has loaded and validated (tally, overview)."""
    review, problems = prepare(validated)
    ctx = BallotContext(
        campaign=review.campaign,
        members=frozenset(review.committee.ids),
        candidates={c.code: c for c in review.candidates},
        invalid={e.code: e.name or e.key for e in review.excluded if e.code},
    )
    ballots, found = read_ballots(review.folder, ctx, progress)
    record, publicity_problems = read_publicity(
        review.folder.files.get("publicity"), review.campaign.year
    )
    notes = refuse_if_any(problems + found + publicity_problems)
    rules = replace(review.rules, trim=options.trim)
    result = count(
        [c.code for c in review.candidates],
        review.committee.ids,
        review.recused.keys(),
        [v for b in ballots for v in b.votes],
        rules,
    )
    notes += _count_notes(review, ballots, result)
    decision, decision_problems = read_decision(
        review.folder.files.get("decision"), review.campaign.year, result.selected
    )
    notes += refuse_if_any(decision_problems, "decision")
    # No clock: without --as-of a stage never claims a running 公示 (stage.py).
    outcome = Outcome(review, ballots, result, notes, record, decision, as_of=options.as_of)
    _publicity(outcome, options)
    if options.final:
        final_list(outcome, options)
    return outcome


def _count_notes(review: Review, ballots: list[Ballot], result: Result) -> list[Problem]:
    folder = display_path(review.root / BALLOTS_DIR)
    notes = []
    for vote in result.excluded:
        recusal = review.recused[(vote.member, vote.city_code)]
        notes.append(
            found_at(
                "ZX730",
                vote.where or Place(folder),
                **{
                    "member": vote.member,
                    "city": review.candidate(vote.city_code).label,
                    "reason": recusal_reason(recusal),
                },
            )
        )
    for row in result.rows:
        if row.short:
            notes.append(
                problem(
                    "ZX731",
                    folder,
                    params={
                        "city": review.candidate(row.city_code).label,
                        "entitled": row.entitled,
                        "received": row.received,
                        "members": "、".join(
                            silent_members(
                                review.committee.ids,
                                review.recused.keys(),
                                ((v.member, v.city_code) for b in ballots for v in b.votes),
                                row.city_code,
                            )
                        ),
                    },
                )
            )
    voted = {b.member for b in ballots}
    for member in review.committee.members:
        if member.id not in voted:
            notes.append(
                problem("ZX732", folder, params={"member": member.id, "name": member.name})
            )
    return notes


def _publicity(outcome: Outcome, options: TallyOptions) -> None:
    review, record = outcome.review, outcome.record
    start = options.publicity_start or record.start
    if start is None:
        return
    origin = "--publicity-start" if options.publicity_start else (record.file or "")
    calendar = load_calendar(review.root, review.settings.calendar_override)
    outcome.window, notes = window(calendar, start, review.settings.publicity_working_days, origin)
    outcome.notes += notes + _publicity_dates(outcome, start, origin)


def _publicity_dates(outcome: Outcome, start: date, origin: str) -> list[Problem]:
    """The 公示 follows the 年度 assessed (ZX115; ZX116 when zx.yaml's year looks like the
    calendar year of the round) and MIIT's decision (ZX762 while none is recorded, ZX765)."""
    year = outcome.review.campaign.year
    decision = outcome.decision
    notes = []
    if start.year == year:
        notes.append(
            problem(
                "ZX116",
                origin,
                params={
                    "year": year,
                    "previous": year - 1,
                    "what": Term("dates.publicity"),
                    "date": start.isoformat(),
                },
            )
        )
    elif start <= date(year, 12, 31):
        notes.append(
            problem(
                "ZX115",
                origin,
                params={"what": Term("dates.publicity"), "date": start.isoformat(), "year": year},
            )
        )
    if not decision.recorded:
        notes.append(problem("ZX762", decision.file, params={"file": decision.file}))
    elif decision.day is not None and decision.day > start:
        notes.append(
            problem(
                "ZX765",
                decision.file,
                params={"date": decision.day.isoformat(), "start": start.isoformat()},
            )
        )
    return notes


def final_list(outcome: Outcome, options: TallyOptions) -> None:
    tie = outcome.tie_error()
    if tie is not None:
        raise tie
    if outcome.window is None:
        raise DataError("ZX750")
    review = outcome.review
    as_of = outcome.as_of = outcome.as_of or date.today()
    require_ended(outcome.window, as_of)
    if not outcome.decision.recorded:
        raise DataError("ZX763", path=outcome.decision.file, file=outcome.decision.file)
    final, problems = build_final(
        review.campaign,
        proposed(outcome.decision, outcome.result.selected),
        {c.code: c for c in review.candidates},
        outcome.record,
        outcome.window,
        as_of,
    )
    outcome.notes += refuse_if_any(problems, "final")
    outcome.final = final
