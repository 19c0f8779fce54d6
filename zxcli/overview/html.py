"""The overview as one self-contained HTML page: CSS and a small sorting script inline.

Nothing is fetched: no font, no stylesheet, no script from elsewhere. The page reads
fully without its script (the tables are in their default order); the script only makes
the nominee table sortable. A Content-Security-Policy allows exactly the page's own
style and script (by hash), so even a string that escaped escaping could neither run nor
restyle anything. Submitter text goes through `esc`; the only links are in-page anchors
and relative links to a dossier's own declared attachments (`safe.attachment_href`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path

import zxcli.overview.svg as svg
from zxcli.overview.labels import labeller
from zxcli.overview.model import (
    AttachmentLink,
    FindingRow,
    NomineeRow,
    OverviewData,
    PublicitySection,
    TallyRow,
    TallySection,
    TallyStatus,
)
from zxcli.overview.safe import DASH, attachment_href, esc, number, sort_key

Label = Callable[..., str]
_HERE = Path(__file__).resolve().parent


@cache
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def _sha256(body: str) -> str:
    return base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def render_html(
    data: OverviewData, link_base: str | None = "", today: dt.date | None = None
) -> str:
    """The page. `link_base`: relative URL from the page's folder to the campaign folder
    (made by zx, e.g. "../2025/"); attachment links are built on it. None: no links,
    each attachment's path is shown instead (for the PDF, where a link to a local file
    would carry this machine's absolute path)."""
    label = labeller(data.lang)
    body = [
        _header(data, label),
        _summary(data, label),
        _nominee_table(data, label),
        _charts(data, label),
        _tally(data.tally, data.lang, label),
        _publicity(data.publicity, today, data.lang, label),
        _findings(data, link_base, label),
        f"<footer>{esc(data.generated_note)}</footer>",
    ]
    return _document(data, label, "".join(body))


def _document(data: OverviewData, label: Label, body: str) -> str:
    css, script = _asset("page.css") + _page_numbers(data.lang), _asset("sort.js")
    policy = (
        f"default-src 'none'; style-src 'sha256-{_sha256(css)}'; "
        f"script-src 'sha256-{_sha256(script)}'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    lang = "en" if data.lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(data.title)} {esc(label('overview'))}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _page_numbers(lang: str) -> str:
    """The printed page number in the page's language (page.css has the Chinese one)."""
    if lang != "en":
        return ""
    rule = '@bottom-center { content: "Page " counter(page) " of " counter(pages); }'
    return f"\n@page {{ {rule} }}\n@page wide {{ {rule} }}\n"


# ---------------------------------------------------------------- header and summary


def _header(data: OverviewData, label: Label) -> str:
    links = [("summary", "summary"), ("nominees", "nominees"), ("charts", "charts")]
    links += [("tally", "tally")] if data.tally else []
    links += [("publicity", "publicity")] if data.publicity else []
    links.append(("findings", "findings"))
    items = "".join(f'<li><a href="#{anchor}">{esc(label(key))}</a></li>' for anchor, key in links)
    notes = "".join(f'<p class="note">{esc(note)}</p>' for note in data.notes)
    return (
        f"<header><h1>{esc(data.title)} {esc(label('overview'))}</h1>"
        f'<p class="meta">{esc(data.generated_note)}</p>{notes}'
        f'<nav aria-label="{esc(label("contents"))}"><ol>{items}</ol></nav></header>'
    )


def _summary(data: OverviewData, label: Label) -> str:
    nominees = data.nominees
    figures = [
        ("n_nominees", len(nominees)),
        ("n_provinces", len({n.province for n in nominees})),
        ("n_clean", sum(1 for n in nominees if n.errors == 0)),
        ("n_errors", sum(1 for n in nominees if n.errors > 0)),
        ("n_flagged", sum(1 for n in nominees if n.flagged)),
    ]
    if data.tally:
        figures.append(("n_selected", sum(r.above_cutoff for r in data.tally.rows)))
    if data.publicity and data.publicity.final is not None:
        figures.append(("n_final", len(data.publicity.final)))
    cards = "".join(
        f'<div><dt>{esc(label(key))}</dt><dd data-figure="{key}">{value}</dd></div>'
        for key, value in figures
    )
    return (
        f'<section id="summary"><h2>{esc(label("summary"))}</h2>'
        f'<dl class="cards">{cards}</dl></section>'
    )


# ---------------------------------------------------------------- nominee table


def _columns(data: OverviewData) -> list[tuple[str, str]]:
    """(label key, type) of the nominee table's columns; a column nobody fills is left out."""
    columns = [
        ("code", "text"),
        ("province", "text"),
        ("city", "text"),
        ("level", "text"),
        ("value_added", "num"),
    ]
    if any(n.value_added_national_pct is not None for n in data.nominees):
        columns.append(("va_national", "num"))
    columns += [
        ("va_provincial", "num"),
        ("tech_share", "num"),
        ("tech_growth", "num"),
        ("products", "num"),
        ("errors", "num"),
        ("warnings", "num"),
        ("flagged", "text"),
    ]
    if data.tally:
        columns.append(("result", "num"))
    return columns


def _nominee_table(data: OverviewData, label: Label) -> str:
    columns = _columns(data)
    head = "".join(
        f'<th scope="col" data-type="{kind}"{_NUM if kind == "num" else ""}>{esc(label(key))}</th>'
        for key, kind in columns
    )
    ranks = {r.code: r for r in data.tally.rows} if data.tally else {}
    rows = "".join(
        _nominee_row(i, n, [k for k, _ in columns], ranks, label)
        for i, n in enumerate(data.nominees, 1)
    )
    return (
        f'<section id="nominees"><h2>{esc(label("nominees"))}</h2>'
        f'<p class="note screen-only">{esc(label("sort_hint"))}</p>'
        f'<div class="table-wrap"><table class="sortable" id="nominee-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        f'<p class="note">{esc(label("table_note"))}</p></section>'
    )


_NUM = ' class="num"'


def _num(value: Decimal | None, places: int = 2) -> str:
    return f'<td class="num" data-v="{sort_key(value)}">{number(value, places)}</td>'


def _count(value: int, bad: str) -> str:
    mark = f' class="num {bad}"' if value else ' class="num"'
    return f'<td{mark} data-v="{value}">{value}</td>'


def _nominee_row(
    index: int, n: NomineeRow, columns: list[str], ranks: dict[str, TallyRow], label: Label
) -> str:
    cells = {
        "code": f'<td class="code">{esc(n.code)}</td>',
        "province": f'<td class="name">{esc(n.province)}</td>',
        "city": f'<td class="name" title="{esc(n.key)}"><a href="#d{index}">{esc(n.city)}</a></td>',
        "level": f'<td class="name">{esc(n.level)}</td>',
        "value_added": _num(n.value_added_yi),
        "va_national": _num(n.value_added_national_pct),
        "va_provincial": _num(n.value_added_provincial_pct),
        "tech_share": _num(n.tech_share_pct),
        "tech_growth": _num(n.tech_growth_pct),
        "products": _products_cell(n),
        "errors": _count(n.errors, "bad"),
        "warnings": _count(n.warnings, "warn"),
        "flagged": "<td>"
        + (
            "".join(f'<span class="flag">{esc(c)}</span>' for c in n.flagged)
            or f'<span class="muted">{esc(label("none"))}</span>'
        )
        + "</td>",
        "result": _result_cell(ranks.get(n.code), label),
    }
    return f'<tr data-key="{esc(n.key)}">' + "".join(cells[c] for c in columns) + "</tr>"


def _products_cell(n: NomineeRow) -> str:
    top = n.top_product
    parts = []
    for product in sorted(n.products, key=lambda p: p.share_pct or Decimal(-1), reverse=True):
        share = product.share_pct
        low = share is not None and not product.meets_line
        shown = f"{esc(product.name)} {number(share)}%"
        parts.append(f'<span class="warn">{shown}</span>' if low else shown)
    value = sort_key(top.share_pct) if top else ""
    return f'<td data-v="{value}">{"；".join(parts) or DASH}</td>'


def _result_cell(row: TallyRow | None, label: Label) -> str:
    if row is None:
        return f'<td data-v="">{DASH}</td>'
    css = {TallyStatus.SELECTED: "ok", TallyStatus.TIED: "warn"}.get(row.status, "muted")
    return (
        f'<td data-v="{row.rank}"><span class="{css}">{row.rank}. '
        f"{esc(outcome_text(row, label))}</span></td>"
    )


def outcome_text(row: TallyRow, label: Label) -> str:
    """The count's result, and for a shortlisted city the stage it has reached (only the
    final list says 入选: tally/stage.py)."""
    return label(row.status.value if row.stage is None else f"stage.{row.stage}")


# ---------------------------------------------------------------- charts


def selected_codes(data: OverviewData) -> frozenset[str]:
    """The final list's cities once there is one, else the shortlist's."""
    if data.publicity and data.publicity.final is not None:
        return frozenset(e.code for e in data.publicity.final)
    if data.tally:
        return frozenset(r.code for r in data.tally.rows if r.above_cutoff)
    return frozenset()


def _charts(data: OverviewData, label: Label) -> str:
    lang, nominees = data.lang, data.nominees
    figures = [
        _figure(
            label("fig_grid"),
            svg.province_grid(nominees, selected_codes(data), lang),
            _other_units(nominees, label) or label("fig_grid_note"),
        ),
        _figure(
            label("fig_scatter"),
            svg.scatter(nominees, data.tech_share_reference_pct, lang),
            _not_plotted(nominees, label),
        ),
        _figure(
            label("fig_products_hist" if len(nominees) > svg.PRODUCT_ROWS_MAX else "fig_products"),
            svg.product_shares(nominees, lang),
            _below_five(nominees, label),
        ),
    ]
    return (
        f'<section id="charts"><h2>{esc(label("charts"))}</h2>'
        f'<div class="charts">{"".join(figures)}</div></section>'
    )


def _figure(caption: str, chart: str, note: str = "") -> str:
    extra = f'<p class="note">{esc(note)}</p>' if note else ""
    return f"<figure><figcaption>{esc(caption)}</figcaption>{chart}{extra}</figure>"


def _not_plotted(nominees: Sequence[NomineeRow], label: Label) -> str:
    missing = [n.city for n in nominees if n.tech_share_pct is None or n.tech_growth_pct is None]
    return label("not_plotted") + "、".join(missing) if missing else ""


def _below_five(nominees: Sequence[NomineeRow], label: Label) -> str:
    below = [n.city for n in nominees if not any(p.meets_line for p in n.products)]
    return label("below_5") + "、".join(below) if below else ""


def _other_units(nominees: Sequence[NomineeRow], label: Label) -> str:
    others = sorted({n.province for n in nominees if svg.unit_of(n.province) is None})
    return label("other_provinces") + "、".join(others) if others else ""


# ---------------------------------------------------------------- findings and attachments


def _findings(data: OverviewData, link_base: str | None, label: Label) -> str:
    parts = [f'<section id="findings"><h2>{esc(label("findings"))}</h2>']
    if data.campaign_findings:
        parts.append(
            f'<article class="dossier"><h3>{esc(label("campaign_files"))}</h3>'
            f"{_finding_table(data.campaign_findings, label)}</article>"
        )
    for index, nominee in enumerate(data.nominees, 1):
        found = data.findings_by_dossier.get(nominee.key, ())
        parts.append(_dossier(index, nominee, found, link_base, label))
    parts.append("</section>")
    return "".join(parts)


def _dossier(
    index: int, n: NomineeRow, found: Sequence[FindingRow], link_base: str | None, label: Label
) -> str:
    table = (
        _finding_table(found, label)
        if found
        else (f'<p class="ok">{esc(label("no_findings"))}</p>')
    )
    links = _attachments(n, link_base, label)
    return (
        f'<article class="dossier" id="d{index}" data-key="{esc(n.key)}">'
        f"<h3>{esc(n.province)} {esc(n.city)} <small>{esc(n.code)} · {esc(n.level)} · "
        f"{esc(n.key)}</small></h3>{table}{links}</article>"
    )


def _finding_table(found: Iterable[FindingRow], label: Label) -> str:
    head = "".join(
        f"<th>{esc(label(k))}</th>" for k in ("severity", "rule", "article", "message", "place")
    )
    rows = "".join(
        f'<tr><td class="name {"bad" if f.severity == "error" else "warn"}">'
        f"{esc(label('error' if f.severity == 'error' else 'warning'))}</td>"
        f'<td class="code name">{esc(f.code)}</td><td class="name">{esc(f.article) or DASH}</td>'
        f'<td>{esc(f.message)}</td><td class="code">{esc(f.file)}:{f.line}</td></tr>'
        for f in found
    )
    return f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _attachments(n: NomineeRow, link_base: str | None, label: Label) -> str:
    if not n.attachments:
        return ""
    folder = attachment_href(n.folder) if n.folder else None
    items = "".join(f"<li>{_attachment(a, link_base, folder, label)}</li>" for a in n.attachments)
    return f'<h4>{esc(label("attachments"))}</h4><ul class="attachments">{items}</ul>'


def _attachment(
    item: AttachmentLink, link_base: str | None, folder: str | None, label: Label
) -> str:
    shown = f"{esc(item.kind)}：{esc(item.title or item.path)}"
    href = attachment_href(item.path)
    if href is None or folder is None:
        return f'{shown} <span class="warn">（{esc(label("unlinked"))}）</span>'
    if not item.present:
        return f'{shown} <span class="bad">（{esc(label("missing"))}）</span>'
    if link_base is None:
        return f'{shown} <span class="code muted">{esc(item.path)}</span>'
    return f'<a href="{esc(link_base)}{folder}/{href}">{shown}</a>'


# ---------------------------------------------------------------- tally


def _tally(tally: TallySection | None, lang: str, label: Label) -> str:
    if tally is None:
        return ""
    facts = [
        (label("committee"), str(tally.committee_size)),
        (label("ballots"), str(tally.ballots_received)),
        (
            label("threshold"),
            label(tally.threshold)
            if tally.threshold in ("majority", "two_thirds")
            else tally.threshold,
        ),
        (
            label("ranking"),
            label("by_" + tally.ranking)
            if tally.ranking in ("approvals", "approval_rate")
            else tally.ranking,
        ),
        (label("cap"), str(tally.cap)),
    ]
    tie_text = label("tie", cities="、".join(tally.tie_cities), slots=tally.tie_slots)
    tie = f'<p class="tie">{esc(tie_text)}</p>' if tally.tie_cities else ""
    excluded = (
        f'<p class="note">{esc(label("excluded") + "、".join(tally.excluded))}</p>'
        if tally.excluded
        else ""
    )
    return (
        f'<section id="tally"><h2>{esc(label("tally"))}</h2>{_facts(facts)}{tie}'
        f"{_tally_table(tally.rows, label)}{excluded}"
        f"{_figure(label('fig_scores'), svg.score_ranges(tally, lang), _first(tally, label))}"
        "</section>"
    )


def _first(tally: TallySection, label: Label) -> str:
    shown = svg.SCORE_ROWS_MAX
    return label("first_only", count=shown) if len(tally.rows) > shown else ""


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    return (
        '<dl class="facts">'
        + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs)
        + "</dl>"
    )


def _tally_table(rows: Sequence[TallyRow], label: Label) -> str:
    keys = (
        "rank",
        "city",
        "approvals",
        "entitled",
        "rate",
        "mean",
        "min",
        "max",
        "recusals",
        "status",
    )
    head = "".join(f"<th>{esc(label(k))}</th>" for k in keys)
    last = max((i for i, r in enumerate(rows) if r.above_cutoff), default=-1)
    body = "".join(
        _tally_row(r, label, cut=i == last and i < len(rows) - 1) for i, r in enumerate(rows)
    )
    return (
        f'<div class="table-wrap"><table id="tally-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _tally_row(row: TallyRow, label: Label, cut: bool) -> str:
    css = {TallyStatus.SELECTED: "ok", TallyStatus.TIED: "warn"}.get(row.status, "muted")
    cut_class = ' class="cut"' if cut else ""
    return (
        f'<tr{cut_class} data-code="{esc(row.code)}">'
        f'<td class="num">{row.rank}</td><td>{esc(row.city)}</td>'
        f'<td class="num">{row.approvals}</td><td class="num">{row.entitled}</td>'
        f'<td class="num">{number(row.approval_rate_pct)}%</td>'
        f'<td class="num">{number(row.mean_score)}</td>'
        f'<td class="num">{number(row.min_score)}</td>'
        f'<td class="num">{number(row.max_score)}</td>'
        f'<td class="num">{row.recusals}</td>'
        f'<td class="{css}">{esc(outcome_text(row, label))}</td></tr>'
    )


# ---------------------------------------------------------------- 公示


def _publicity(
    publicity: PublicitySection | None, today: dt.date | None, lang: str, label: Label
) -> str:
    if publicity is None:
        return ""
    facts = [
        (label("start"), publicity.start.isoformat()),
        (
            label("end"),
            publicity.end.isoformat()
            + "（"
            + label("working_days", days=publicity.working_days)
            + "）",
        ),
    ]
    facts += [(label("channel"), publicity.channel)] if publicity.channel else []
    if publicity.calendar:  # cited by its source, not by the software that carries it
        from zxcli.render.style import printed_calendar

        facts.append((label("calendar"), printed_calendar(publicity.calendar)))
    return (
        f'<section id="publicity"><h2>{esc(label("publicity"))}</h2>{_facts(facts)}'
        f"{_figure(label('fig_timeline'), svg.timeline(publicity, today, lang))}"
        f"<h3>{esc(label('objections'))}</h3>{_objections(publicity, label)}"
        f"<h3>{esc(label('final_list'))}</h3>{_final(publicity, label)}</section>"
    )


def _objections(publicity: PublicitySection, label: Label) -> str:
    if not publicity.objections:
        return f"<p>{esc(label('no_objections'))}</p>"
    keys = ("rule", "received_on", "source", "city", "objection_summary", "outcome", "note")
    head = "".join(f"<th>{esc(label(k))}</th>" for k in keys)
    rows = "".join(
        f'<tr><td class="code">{esc(o.id)}</td><td>{o.received_on.isoformat()}</td>'
        f"<td>{esc(o.source)}</td><td>{esc(o.city)}</td><td>{esc(o.summary)}</td>"
        f"<td>{esc(_outcome(o.outcome, label))}</td><td>{esc(o.note)}</td></tr>"
        for o in publicity.objections
    )
    return f'<table id="objections"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _outcome(outcome: str, label: Label) -> str:
    return label(outcome) if outcome in ("upheld", "rejected", "pending") else outcome


def _final(publicity: PublicitySection, label: Label) -> str:
    if publicity.final is None:
        note = publicity.final_note or label("final_pending")
        return f'<p class="muted">{esc(note)}</p>'
    items = "".join(
        f'<li><span class="code">{esc(e.code)}</span> {esc(e.city)}</li>' for e in publicity.final
    )
    return f'<ol id="final-list">{items}</ol>'
