"""`zx render-forms`: from dossier folders to the files an office prints and stamps.

Everything that can go wrong is checked before the first byte is written: the formats,
LibreOffice (for pdf), every template, every dossier's validation, every target's
existence. Then all files are built in memory and written atomically one by one. So a
refused run leaves the output folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from zxcli.errors import DataError, OutputError, UsageError
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_path
from zxcli.model.campaign import DossierFolder
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.targets import resolve
from zxcli.model.vocabulary import KIND_APPLICATION, KIND_FORM
from zxcli.pipeline import Validated, open_targets
from zxcli.render import pdf
from zxcli.render.templates import APPLICATION, RECOMMENDATION, Template, load_template
from zxcli.render.view import FormView, build_view, form_date, summary_row
from zxcli.results import SILENT, Finding, Options, Progress

FORMATS = ("docx", "xlsx", "pdf")
DEFAULT_FORMATS = ("docx", "xlsx")
# Characters no file name may hold on Windows, controls, and lone surrogates (which no
# file system can encode).
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\ud800-\udfff]')
# File systems allow 255 bytes per name. A stem gets at most 200 (UTF-8), which leaves
# room for "-推荐表.docx" and for the atomic writer's ".name.XXXXXXXX.tmp".
MAX_STEM_BYTES = 200


@dataclass(frozen=True)
class _Planned:
    path: Path
    build: Callable[[], bytes]


def parse_formats(text: str) -> tuple[str, ...]:
    """ "docx,xlsx" → ("docx", "xlsx"); an unknown format is a usage error."""
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError("ZX905", option="--format", value=text, reason="docx, xlsx, pdf")
    return chosen


# ---------------------------------------------------------------- paths named by the user


def campaigns_of(paths: Sequence[Path]) -> list[tuple[Path, list[Path] | None]]:
    """Each campaign the paths name, with the dossiers named in it (None: all of them)."""
    campaigns = []
    for target in resolve(list(paths)):
        if target.root is None:
            shown = display_path(target.dossiers[0]) if target.dossiers else "?"
            raise UsageError("ZX810", target=shown)
        campaigns.append((target.root, target.dossiers))
    return campaigns


# ---------------------------------------------------------------- forms


def render_forms(
    dossier_roots: Sequence[Path],
    out_dir: Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    force: bool = False,
    draft: bool = False,
    template_dir: Path | None = None,
    lang: str = "zh",
    progress: Progress = SILENT,
    jobs: int = 1,
) -> list[Path]:
    """Write 申报书 and 推荐表 of each dossier into out_dir; return the paths written
    (built in up to `jobs` processes when there are many)."""
    chosen = parse_formats(",".join(formats))
    if "pdf" in chosen:
        pdf.require_soffice()
    templates = _templates(chosen, template_dir)
    checked, open_findings = _load_checked(dossier_roots, draft, lang, progress)
    dossiers = [d for d, _ in checked]
    views = [
        build_view(d, draft, open_findings.get(d.key, ()), gazetteer, lang)
        for d, gazetteer in checked
    ]
    stems = unique_stems(
        [file_stem(v, d) for v, d in zip(views, dossiers, strict=True)], [d.key for d in dossiers]
    )
    batch = _PdfBatch(progress)
    planned = [
        p
        for d, v, stem in zip(dossiers, views, stems, strict=True)
        for p in _plan(d, v, out_dir / stem, chosen, templates, batch)
    ]
    _check_free([p.path for p in planned], force)
    return _write(_build(planned, progress, jobs), force)


def _build(planned: Sequence[_Planned], progress: Progress, jobs: int = 1) -> dict[Path, bytes]:
    """Every output's bytes, in the planned order: the Word and Excel files first (one
    stage, in `jobs` processes when there are many and no PDF needs them again), then the
    PDFs (the second: LibreOffice converts them all at the first)."""
    pdfs = [p for p in planned if p.path.suffix == ".pdf"]
    others = [p for p in planned if p.path.suffix != ".pdf"]
    progress.start(len(others), "render")
    built = dict(
        zip(
            [p.path for p in others],
            _build_each(others, progress, 1 if pdfs else jobs),
            strict=True,
        )
    )
    for each in pdfs:
        built[each.path] = each.build()
    return {p.path: built[p.path] for p in planned}


# A worker pays for its start (fork) with about a dozen forms' worth of time.
FORMS_PER_WORKER = 12
_inherited: Sequence[_Planned] = ()


def _build_each(items: Sequence[_Planned], progress: Progress, jobs: int) -> list[bytes]:
    workers = min(jobs, len(items) // FORMS_PER_WORKER)
    if workers <= 1 or sys.platform != "linux":
        out = []
        for each in items:
            out.append(each.build())
            progress.advance()
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # The plans are closures over templates and views: a forked worker inherits them, and
    # a task is only an index (nothing of the templates is pickled).
    global _inherited
    _inherited = items
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            built = []
            for data in pool.map(_build_inherited, range(len(items)), chunksize=2):
                built.append(data)
                progress.advance()
            return built
    finally:
        _inherited = ()


def _build_inherited(index: int) -> bytes:
    return _inherited[index].build()


def _templates(formats: Sequence[str], template_dir: Path | None) -> dict[str, Template]:
    if not {"docx", "pdf"} & set(formats):
        return {}
    return {name: load_template(name, template_dir) for name in (APPLICATION, RECOMMENDATION)}


def _load_checked(
    dossier_roots: Sequence[Path],
    draft: bool,
    lang: str,
    progress: Progress = SILENT,
) -> tuple[list[tuple[DossierFolder, Gazetteer]], dict[str, list[str]]]:
    """The dossiers from the pipeline (loaded and validated once); refuse those with errors.

    A draft is made anyway and lists its open errors (by dossier key), so that what is
    wrong shows in the document the office checks.
    """
    dossiers: list[tuple[DossierFolder, Gazetteer]] = []  # each with its campaign's gazetteer
    open_findings: dict[str, list[str]] = {}
    for campaign in open_targets(dossier_roots, Options(lang=lang), progress):
        if not draft:
            _refuse_invalid(campaign, lang)
        else:
            for key, found in campaign.errors_by_dossier().items():
                open_findings[key] = [draft_line(f, lang) for f in found]
        dossiers.extend((d, campaign.gazetteer) for d in campaign.dossiers)
    return dossiers, open_findings


def draft_line(finding: Finding, lang: str) -> str:
    """One open error as a draft lists it: code, article, file and line, message."""
    article = finding.rule.article or ""
    where = f"{Path(finding.path).name}:{finding.line}"
    return " ".join(filter(None, [finding.code, article, where, finding.message(lang)]))


# The forms zx renders are printed, sealed and scanned *after* rendering: the findings
# about those very scans (missing, not yet sealed, changed since freeze) cannot hold the
# rendering back, or the first forms could only ever be drafts (issue 13).
OWN_SCANS = frozenset({KIND_APPLICATION, KIND_FORM})


def awaits_own_scan(finding: Finding) -> bool:
    return finding.params.get("kind") in OWN_SCANS


def _refuse_invalid(campaign: Validated, lang: str) -> None:
    errors = campaign.errors_by_dossier()
    for dossier in campaign.dossiers:
        found = [f for f in errors.get(dossier.key, []) if not awaits_own_scan(f)]
        if found:
            first = found[0]
            raise DataError(
                "ZX801",
                dossier=dossier.key,
                count=len(found),
                first=f"{first.code} {first.message(lang)}",
            )


def _plan(
    dossier: DossierFolder,
    view: FormView,
    stem: Path,
    formats: Sequence[str],
    templates: dict[str, Template],
    batch: _PdfBatch,
) -> list[_Planned]:
    from zxcli.render.docx_forms import render_docx
    from zxcli.render.xlsx_forms import recommendation_xlsx

    when = form_date(dossier)

    built: dict[str, bytes] = {}  # a .docx asked for both as itself and as a PDF is made once

    def docx(name: str) -> Callable[[], bytes]:
        def build() -> bytes:
            if name not in built:
                built[name] = render_docx(templates[name], view, when)
            return built[name]

        return build

    planned = []
    if "docx" in formats:
        planned.append(_Planned(_named(stem, "申报书.docx"), docx(APPLICATION)))
        planned.append(_Planned(_named(stem, "推荐表.docx"), docx(RECOMMENDATION)))
    if "xlsx" in formats:
        planned.append(
            _Planned(_named(stem, "推荐表.xlsx"), lambda: recommendation_xlsx(view, when))
        )
    if "pdf" in formats:
        for form, name in (("申报书", APPLICATION), ("推荐表", RECOMMENDATION)):
            path = _named(stem, f"{form}.pdf")
            # The batch keys are file names LibreOffice sees: the suffix tells it the type.
            key = f"{path.stem}.docx"
            planned.append(_Planned(path, batch.add(key, docx(name), when)))
    return planned


class _PdfBatch:
    """All PDFs of a run, converted by one LibreOffice start when the first is needed."""

    def __init__(self, progress: Progress = SILENT) -> None:
        self.sources: dict[str, tuple[Callable[[], bytes], dt.date]] = {}
        self.results: dict[str, bytes] = {}
        self.progress = progress

    def add(self, key: str, source: Callable[[], bytes], when: dt.date) -> Callable[[], bytes]:
        self.sources[key] = (source, when)
        return lambda: self._get(key)

    def _get(self, key: str) -> bytes:
        if not self.results:
            self._convert()
        return self.results[key]

    def _convert(self) -> None:
        files = {key: source() for key, (source, _) in self.sources.items()}
        dates = {key: when for key, (_, when) in self.sources.items()}
        self.results.update(pdf.to_pdf(files, dates, progress=self.progress))


def file_stem(view: FormView, dossier: DossierFolder) -> str:
    """ "2025-江苏省-苏州市": year, province, city; the folder name when the data lack them.

    At most MAX_STEM_BYTES bytes: a very long name is cut (at a character).
    """
    place = f"{view.province}-{view.city.name}" if view.province and view.city.name else dossier.key
    return cap_bytes(_UNSAFE.sub("_", f"{view.year or '年度不详'}-{place}"))


def cap_bytes(text: str, limit: int = MAX_STEM_BYTES) -> str:
    """`text` cut to at most `limit` bytes of UTF-8, at a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


def _with_suffix(stem: str, suffix: str) -> str:
    """stem + suffix within MAX_STEM_BYTES, the stem cut to make room for the suffix."""
    suffix = cap_bytes(suffix, MAX_STEM_BYTES // 2)
    return cap_bytes(stem, MAX_STEM_BYTES - len(suffix.encode("utf-8"))) + suffix


def unique_stems(stems: Sequence[str], keys: Sequence[str]) -> list[str]:
    """Two dossiers naming the same city (a copy, a test set) must not share files.

    Those that clash get their folder name appended; should that clash too (the same
    folder name in two campaigns, or names cut to the same MAX_STEM_BYTES), a running
    number. Every stem stays within MAX_STEM_BYTES.
    """
    capped = [cap_bytes(s) for s in stems]
    clashing = {s for s in capped if capped.count(s) > 1}
    named = [
        _with_suffix(s, f"-{_UNSAFE.sub('_', k)}") if s in clashing else s
        for s, k in zip(capped, keys, strict=True)
    ]
    taken: set[str] = set()
    unique = []
    for stem in named:
        candidate, number = stem, 1
        while candidate in taken:
            number += 1
            candidate = _with_suffix(stem, f"-{number}")
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _named(stem: Path, suffix: str) -> Path:
    return stem.with_name(f"{stem.name}-{suffix}")


def _check_free(paths: Sequence[Path], force: bool) -> None:
    if force:
        return
    for path in paths:
        with _output_errors(path):
            exists = path.exists()
        if exists:
            raise OutputError("ZX903", target=display_path(path))


def _write(outputs: dict[Path, bytes], force: bool) -> list[Path]:
    for path, data in outputs.items():
        with _output_errors(path):
            write_atomic(path, data, force)
    return list(outputs)


@contextlib.contextmanager
def _output_errors(path: Path) -> Iterator[None]:
    """Any OSError about an output (a name too long, a folder that is a file…) is ZX904."""
    try:
        yield
    except OSError as exc:
        raise OutputError(
            "ZX904",
            target=display_path(path),
            reason=exc.strerror or str(exc) or type(exc).__name__,
        ) from None


# ---------------------------------------------------------------- 汇总表


def render_summary(
    campaign_root: Path,
    out_dir: Path,
    force: bool = False,
    dossier_roots: Sequence[Path] | None = None,
) -> Path:
    """Write the campaign's 汇总表: one row per nomination, in GB/T 2260 code order."""
    from zxcli.render.xlsx_forms import summary_xlsx

    named = list(dossier_roots) if dossier_roots else [campaign_root]
    validated = open_targets(named)
    if not validated:
        raise UsageError("ZX810", target=display_path(campaign_root))
    campaign = validated[0]
    errors = campaign.errors_by_dossier()
    from zxcli.rules.conditions import principle_flags

    flags = principle_flags([*campaign.report.warnings, *campaign.report.hidden])
    # ZX620 (info): the 计划单列市 its province's quota does not count, by its name.
    exempt = {str(n.params.get("city")) for n in campaign.report.notes if n.code == "ZX620"}
    rows = sorted(
        (
            summary_row(
                d,
                len(errors.get(d.key, [])),
                flags.get(d.key, ()),
                campaign.gazetteer,
                campaign.report.verdict(d.key),
                _city_of(d) in exempt,
            )
            for d in campaign.dossiers
        ),
        key=lambda r: (r.code or "999999", r.city),
    )
    year = _campaign_year(campaign)
    provinces = sorted({r.province for r in rows if r.province})
    province = provinces[0] if len(provinces) == 1 else ""
    stem = cap_bytes(_UNSAFE.sub("_", "-".join(filter(None, [year, province]))))
    target = out_dir / "-".join(filter(None, [stem, "汇总表.xlsx"]))
    _check_free([target], force)
    title = f"{province}{year}年度工业稳增长和转型升级成效明显市（州）推荐汇总表"
    dates = [form_date(d) for d in campaign.dossiers]
    when = max(dates) if dates else dt.date(2000, 1, 1)
    data = summary_xlsx(title, rows, when)
    _write({target: data}, force)
    return target


def _city_of(dossier: DossierFolder) -> str:
    city = (dossier.data("dossier") or {}).get("city")
    return str(city.get("name")) if isinstance(city, dict) else ""


def _campaign_year(campaign: Validated) -> str:
    settings = campaign.folder.data("campaign") or {}
    year = settings.get("year")
    if isinstance(year, int):
        return str(year)
    for dossier in campaign.dossiers:
        found = (dossier.data("dossier") or {}).get("year")
        if isinstance(found, int):
            return str(found)
    return ""
