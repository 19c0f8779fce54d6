"""The adapter: from a campaign folder, through zx's validate and tally, to `OverviewData`.

This is the only module of zxcli.overview that knows zx's internals; everything else
reads the plain classes of `model`. It leans on today's code:

- `pipeline.open_campaign` for the dossiers' data and the findings, with their settled
  severities, messages (in the page's language) and articles, validated once; `render.view`
  (`decimal_of`, `share_pct`, `investment_figures`) for the figures of the 汇总表;
- the steps of `tally.pipeline.run_tally` (settings, candidates, committee, 回避,
  ballots, count, 公示 window, final list), run here on the validation report already
  made, so that a campaign is validated once rather than twice.

No section is invented: without a committee there is no tally section, without a 公示
start no publicity section, and a tally that zx refuses leaves a note saying why.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zxcli import __version__
from zxcli.catalog import Severity, rule
from zxcli.errors import ZxError
from zxcli.model.campaign import CampaignFolder, DossierFolder
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.policy import (
    decimal_of,
    exact_share_pct,
    meets_product_share,
    round2,
    shown_share,
)
from zxcli.overview.model import (
    AttachmentLink,
    FinalEntry,
    FindingRow,
    NomineeRow,
    ObjectionRow,
    OverviewData,
    Product,
    PublicitySection,
    TallyRow,
    TallySection,
    TallyStatus,
)
from zxcli.overview.safe import attachment_href
from zxcli.pipeline import Validated, open_campaign
from zxcli.render.view import investment_figures
from zxcli.results import Finding, Options

if TYPE_CHECKING:
    from zxcli.tally.pipeline import Outcome

CONDITIONS_ARTICLE = "第6条"  # findings under it are flagged for the committee
_HUNDRED = Decimal(100)


def collect(campaign: Path, lang: str = "zh", as_of: dt.date | None = None) -> OverviewData:
    """Everything the overview shows of the campaign at `campaign` (a folder with zx.yaml).

    `as_of` is "today" for the 公示 (the final list exists only once it is over).
    """
    from zxcli.tally.pipeline import campaign_title

    validated = open_campaign(campaign, Options(lang=lang))
    unusable = validated.unusable()
    if unusable:  # no page is drawn on default settings or without the 第13条 registry
        from zxcli.tally.problems import RefusedError

        raise RefusedError(unusable, "overview")
    root, report, folder = campaign, validated.report, validated.folder
    settings, gazetteer = validated.settings, validated.gazetteer
    by_dossier = report.by_dossier()
    nominees = sorted(
        (nominee_row(d, by_dossier.get(d.key, []), gazetteer) for d in folder.dossiers),
        key=lambda n: (n.code or "999999", n.key),
    )
    today = as_of or dt.date.today()
    review = _review(validated, lang, today)
    return OverviewData(
        title=campaign_title(folder, _year(folder)),
        title_year=_year(folder),
        lang=lang,
        nominees=tuple(nominees),
        findings_by_dossier={
            key: tuple(finding_row(f, root, lang) for f in found)
            for key, found in by_dossier.items()
            if key
        },
        campaign_findings=tuple(finding_row(f, root, lang) for f in by_dossier.get("", [])),
        tally=review.tally,
        publicity=review.publicity,
        tech_share_reference_pct=decimal_of(settings.tech_renovation_share_reference_pct),
        # The campaign's explanations (ZX620: a plan city outside its province's quota)
        # first, then why a tally could not be made.
        notes=(*(f"{n.code} {n.message(lang)}" for n in report.notes), *review.notes),
        generated_note=f"zx {__version__} · {today.isoformat()}",
    )


# ---------------------------------------------------------------- campaign settings


def _year(folder: CampaignFolder) -> int | None:
    year = (folder.data("campaign") or {}).get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


# ---------------------------------------------------------------- one nominee


def _at(data: Any, *path: str) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def nominee_row(
    dossier: DossierFolder, findings: Sequence[Finding], gazetteer: Gazetteer
) -> NomineeRow:
    meta = dossier.data("dossier") or {}
    app = dossier.data("application") or {}
    c2, c3 = _at(app, "c2_industry") or {}, _at(app, "c3_investment") or {}
    code = _str(_at(meta, "city", "code")) or str(_at(meta, "city", "code") or "")
    figures = investment_figures(c3) if isinstance(c3, Mapping) else {}
    levels = Counter(f.level for f in findings)
    return NomineeRow(
        key=dossier.key,
        city=_official_name(gazetteer, code) or _str(_at(meta, "city", "name")) or dossier.key,
        code=code,
        province=_str(meta.get("province")),
        level=_str(_at(meta, "city", "level")),
        value_added_yi=round2(decimal_of(_at(c2, "industrial_value_added_yi"))),
        value_added_provincial_pct=round2(decimal_of(_at(c2, "provincial_share_pct"))),
        tech_share_pct=_either(figures.get("tech_share"), _at(c3, "declared_tech_share_pct")),
        tech_growth_pct=_either(figures.get("tech_growth"), _at(c3, "declared_tech_growth_pct")),
        products=tuple(_products(c2)),
        errors=levels[Severity.ERROR],
        warnings=levels[Severity.WARNING],
        flagged=_flagged(findings),
        attachments=tuple(_attachments(dossier, meta)),
        folder=dossier.root.parent.name + "/" + dossier.key,
    )


def _either(computed: Decimal | None, declared: Any) -> Decimal | None:
    """The figure zx computes from the amounts, else the one declared."""
    return computed if computed is not None else round2(decimal_of(declared))


def _official_name(gazetteer: Gazetteer, code: str) -> str | None:
    division = gazetteer.by_code(code) if code else None
    return gazetteer.display_name(division) if division else None


def _products(c2: Any) -> Iterable[Product]:
    items = _at(c2, "leading_products")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        exact = exact_share_pct(item.get("output"), item.get("national_output"))
        if exact is None:
            exact = decimal_of(item.get("national_share_pct"))
        shown = None if exact is None or not exact.is_finite() else Decimal(shown_share(exact))
        yield Product(_str(item.get("name")), shown, meets_product_share(exact))


def _flagged(findings: Sequence[Finding]) -> tuple[str, ...]:
    codes = {
        f.code for f in findings if (rule(f.code).article or "").startswith(CONDITIONS_ARTICLE)
    }
    return tuple(sorted(codes))


def _attachments(dossier: DossierFolder, meta: Mapping[str, Any]) -> Iterable[AttachmentLink]:
    items = meta.get("attachments")
    real_dirs: dict[str, bool] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("path"), str):
            continue
        path = item["path"]
        yield AttachmentLink(
            _str(item.get("kind")),
            _str(item.get("title")),
            path,
            present=_inside(str(dossier.root), path, real_dirs),
        )


def _inside(root: str, path: str, real_dirs: dict[str, bool]) -> bool:
    """The file exists and lies inside the dossier folder, links resolved.

    A path that is lexically inside (safe.attachment_href) and runs through real
    folders to a regular file is inside: two lstat calls, no resolve. Only where a
    symbolic link is on the way is the path resolved.
    """
    if attachment_href(path) is None:
        return False
    folder = root
    for part in path.split("/")[:-1]:
        folder = os.path.join(folder, part)
        if folder not in real_dirs:
            real_dirs[folder] = _mode(folder, stat.S_ISDIR)
        if not real_dirs[folder]:
            return _resolved_inside(root, path)
    full = os.path.join(root, path)
    return _mode(full, stat.S_ISREG) or (_mode(full, stat.S_ISLNK) and _resolved_inside(root, path))


def _mode(path: str, test: Callable[[int], bool]) -> bool:
    try:
        return test(os.lstat(path).st_mode)
    except OSError:
        return False


def _resolved_inside(root: str, path: str) -> bool:
    try:
        inside = Path(root).resolve()
        target = (inside / path).resolve()
        return target.is_file() and target.is_relative_to(inside)
    except (OSError, ValueError):
        return False


def finding_row(finding: Finding, root: Path, lang: str) -> FindingRow:
    entry = rule(finding.code)
    return FindingRow(
        code=finding.code,
        severity=finding.level.value,
        article=entry.article or "",
        message=finding.message(lang),
        file=_relative(finding.path, root),
        line=finding.line,
    )


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        return path


# ---------------------------------------------------------------- tally and 公示


@dataclass
class _Review:
    """The sections that come from the review (committee, ballots, 公示), if any."""

    tally: TallySection | None = None
    publicity: PublicitySection | None = None
    notes: list[str] = field(default_factory=list)


def _review(validated: Validated, lang: str, as_of: dt.date) -> _Review:
    review = _Review()
    committee = validated.folder.files.get("committee")
    if committee is None or not committee.exists:
        return review  # the committee has not been appointed: nothing to tally yet
    try:
        outcome, final_error = _count(validated, as_of)
    except ZxError as error:
        review.notes.append(_refusal(error, lang))
        return review
    review.tally = tally_section(outcome)
    review.publicity = publicity_section(outcome, final_error, lang)
    return review


def _refusal(error: ZxError, lang: str) -> str:
    lead = "计票未能进行：" if lang != "en" else "The tally could not be made: "
    return lead + _refusal_text(error, lang)


def _refusal_text(error: ZxError, lang: str) -> str:
    text = rule(error.code).render(lang, error.params)
    problems = getattr(error, "problems", [])
    details = "；".join(f"{p.location()} {p.message(lang)}" for p in problems[:5])
    return text + (f"（{details}）" if details else "")


def _count(validated: Validated, as_of: dt.date) -> tuple[Outcome, ZxError | None]:
    """The tally on the campaign already validated (nothing is read or checked twice); and
    why there is no final list when the 公示 is over but the list cannot be made."""
    from zxcli.tally import pipeline as tp

    outcome = tp.count_campaign(validated, tp.TallyOptions(as_of=as_of))
    if outcome.window is not None and as_of > outcome.window.end and outcome.result.tie is None:
        try:
            tp.final_list(outcome, tp.TallyOptions(final=True, as_of=as_of))
        except ZxError as error:  # e.g. an objection still pending
            return outcome, error
    return outcome, None


def _pct(value: Fraction) -> Decimal:
    return round2(Decimal(value.numerator) * _HUNDRED / Decimal(value.denominator)) or Decimal(0)


def _score(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return round2(Decimal(value.numerator) / Decimal(value.denominator))


def tally_section(outcome: Outcome) -> TallySection:
    review, result = outcome.review, outcome.result
    scores: dict[str, list[Fraction]] = {}
    for vote in result.counted:
        if vote.score is not None:
            scores.setdefault(vote.city_code, []).append(vote.score)
    recused = Counter(city for _, city in review.recused)
    labels = {c.code: c.label for c in review.candidates}
    rows = tuple(
        TallyRow(
            code=row.city_code,
            city=labels.get(row.city_code, row.city_code),
            rank=row.rank,
            approvals=row.approve,
            entitled=row.entitled,
            received=row.received,
            approval_rate_pct=_pct(row.rate),
            mean_score=_score(row.mean),
            min_score=_score(min(scores.get(row.city_code, []), default=None)),
            max_score=_score(max(scores.get(row.city_code, []), default=None)),
            recusals=recused[row.city_code],
            status=TallyStatus(row.status.value),
            stage=_stage(outcome, row.city_code),
        )
        for row in result.rows
    )
    tie = result.tie
    return TallySection(
        rows=rows,
        committee_size=len(review.committee.members),
        ballots_received=len(outcome.ballots),
        cap=review.rules.cap,
        threshold=review.rules.threshold.value,
        ranking=review.rules.ranking.value,
        tie_cities=tuple(labels.get(c, c) for c in tie.cities) if tie else (),
        tie_slots=tie.slots if tie else 0,
        excluded=tuple(e.name or e.key for e in review.excluded),
    )


def _stage(outcome: Outcome, code: str) -> str | None:
    stage = outcome.stage(code)
    return stage.value if stage is not None else None


def publicity_section(
    outcome: Outcome, final_error: ZxError | None, lang: str
) -> PublicitySection | None:
    span = outcome.window
    if span is None:
        return None
    labels = {c.code: c.label for c in outcome.review.candidates}
    objections = tuple(
        ObjectionRow(
            id=o.id,
            received_on=o.received_on,
            source=o.source,
            city=labels.get(o.city_code, o.city_code),
            summary=o.summary,
            outcome=o.outcome,
            note=o.note or "",
        )
        for o in outcome.record.objections
    )
    final = outcome.final
    entries = (
        tuple(FinalEntry(e.candidate.code, e.candidate.label) for e in final.entries)
        if final
        else None
    )
    section = PublicitySection(
        start=span.start,
        end=span.end,
        working_days=span.working_days,
        calendar=span.calendar,
        channel=outcome.record.channel or "",
        objections=objections,
        final=entries,
    )
    if final is not None:
        return section
    return replace(section, final_note=_final_note(outcome, final_error, lang))


def _final_note(outcome: Outcome, error: ZxError | None, lang: str) -> str:
    if error is not None:
        return _refusal_text(error, lang)
    if outcome.result.tie is not None:
        return (
            "名额线上并列，须由评审委员会决定后才能确定名单。"
            if lang != "en"
            else ("A tie at the cut-off must be settled by the committee first.")
        )
    return "公示尚未结束。" if lang != "en" else "The public notice is not over yet."
