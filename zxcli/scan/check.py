"""One attachment checked against what its dossier declares: the library's entry point.

`scan_attachment` returns plain observations (what was seen, on which page); `to_findings`
turns them into (code, params, page) with the codes of zxcli/catalog/codes/scan.yaml. Nothing
here knows about reports or rule families: the caller decides what to report and how.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from zxcli.scan.authority_names import World, bundled_world, clean
from zxcli.scan.errors import PageError
from zxcli.scan.pages import Limits, Page, load_pages
from zxcli.scan.reading import SealReading, read_seal
from zxcli.scan.seals import Seal, find_seals
from zxcli.scan.text import (
    Expected,
    Figure,
    agrees,
    digits_agree,
    figures_after,
    find_name,
    missing_phrases,
    page_text,
    unit_fits,
)

UNREADABLE_ZH = "印章文字无法识别"
# A seal bears its authority's name: a red ring, a round logo or a star whose band yields
# fewer Han characters than this is no seal at all (ZX460 where one is required).
MIN_SEAL_CHARS = 2
# Phrases a document of a kind must carry, by the policy's own words.
KIND_PHRASES: Mapping[str, tuple[str, ...]] = {
    "负责声明": ("真实性", "有效性", "合规性"),  # 第7条(4)
}


@dataclass(frozen=True)
class FoundSeal:
    page: int
    x: float
    y: float
    radius: float
    confidence: float  # of the impression being a seal
    mode: str  # "red" or "gray"
    text: str  # what OCR read along the ring
    authority: str | None  # the real authority it names exactly; None = 印章文字无法识别

    @property
    def readable(self) -> bool:
        return self.authority is not None


@dataclass(frozen=True)
class WrongSeal:
    declared: str
    found: FoundSeal


@dataclass(frozen=True)
class FigureMismatch:
    label: str
    expected: Decimal
    unit: str
    found: str  # as printed in the document
    page: int


@dataclass(frozen=True)
class MissingText:
    role: str  # the caller's key ("city", "recommender", ...) or "phrase"
    text: str


@dataclass
class ScanResult:
    path: str
    kind: str
    seal_required: bool = True  # 第7条 wants this document sealed: unreadable is an error
    pages: int = 0
    seals: list[FoundSeal] = field(default_factory=list)  # every seal seen
    not_seals: list[FoundSeal] = field(default_factory=list)  # round red marks without a name
    missing_seals: list[str] = field(default_factory=list)  # declared, on no page
    wrong_seals: list[WrongSeal] = field(default_factory=list)  # declared X, reads Y
    unreadable: list[tuple[str, FoundSeal]] = field(default_factory=list)  # (declared, seal)
    undeclared: list[FoundSeal] = field(default_factory=list)  # seen, declared by nobody
    figure_mismatches: list[FigureMismatch] = field(default_factory=list)
    figures_not_found: list[tuple[str, Expected]] = field(default_factory=list)
    missing_texts: list[MissingText] = field(default_factory=list)
    pages_without_text: list[int] = field(default_factory=list)
    error: PageError | None = None
    seconds: float = 0.0


def scan_attachment(
    path: Path,
    kind: str,
    declared_seals: Sequence[str],
    known: Sequence[str] = (),
    expected_figures: Mapping[str, Decimal | Expected] | None = None,
    expected_names: Mapping[str, str] | None = None,
    phrases: Sequence[str] | None = None,
    limits: Limits | None = None,
    alternatives: Mapping[str, Sequence[str]] | None = None,
    seal_required: bool = True,
    world: World | None = None,
) -> ScanResult:
    """Look at the file itself: its seals, whose they are, and its names, phrases and figures.

    A seal is attributed to the one real authority its text names exactly (the whole bundled
    gazetteer and organs: `authority_names.World`), or to none (印章文字无法识别). `known`
    adds names that are real though the bundled data does not know them (zx.yaml
    `authorities:`). `alternatives` maps a declared name to other names whose seal also
    satisfies it (a consent sealed by the 省人民政府办公厅 for the 省人民政府). `phrases`
    defaults to what the kind requires (KIND_PHRASES). Raises ScanUnavailable if the extra is
    not installed; a file that cannot be read comes back as `result.error`, never raised.
    """
    started = time.monotonic()
    result = ScanResult(str(path), kind, seal_required)
    try:
        pages = load_pages(path, limits)
    except PageError as error:
        result.error = error
        return result
    result.pages = len(pages)
    world = (world or bundled_world()).with_extra(known)
    for found in (_found(page, seal, world) for page in pages for seal in find_seals(page)):
        (result.seals if _has_name(found) else result.not_seals).append(found)
    _match_seals(result, list(declared_seals), world, alternatives or {})
    wanted_phrases = KIND_PHRASES.get(kind, ()) if phrases is None else tuple(phrases)
    if expected_figures or expected_names or wanted_phrases:
        texts, ocr_pages = _texts(pages, result)
        if len(result.pages_without_text) == len(pages):
            result.seconds = round(time.monotonic() - started, 3)
            return result  # nothing to read: ZX474 says so, rather than one finding per name
        _check_texts(
            result, texts, expected_figures or {}, expected_names or {}, wanted_phrases, ocr_pages
        )
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _found(page: Page, seal: Seal, world: World) -> FoundSeal:
    reading: SealReading = read_seal(page, seal, world)
    return FoundSeal(
        seal.page,
        round(seal.x, 1),
        round(seal.y, 1),
        round(seal.radius, 1),
        seal.confidence,
        seal.mode,
        reading.text,
        reading.authority,
    )


def _has_name(found: FoundSeal) -> bool:
    """A seal bears a name; a ring, a star or a logo without legible characters does not."""
    return found.readable or len(clean(found.text)) >= MIN_SEAL_CHARS


def _match_seals(
    result: ScanResult, declared: list[str], world: World, alternatives: Mapping[str, Sequence[str]]
) -> None:
    """Pair declared authorities with seals seen: same authority first, then what is left."""
    remaining = list(result.seals)
    for name in list(declared):
        accepted = {world.canonical(n) for n in [name, *alternatives.get(name, ())]}
        match = next((s for s in remaining if s.authority in accepted), None)
        if match is not None:
            remaining.remove(match)
            declared.remove(name)
    for seal in [s for s in remaining if s.readable]:
        if declared:
            result.wrong_seals.append(WrongSeal(declared.pop(0), seal))
        else:
            result.undeclared.append(seal)
    for seal in [s for s in remaining if not s.readable]:
        if declared:
            result.unreadable.append((declared.pop(0), seal))  # present, but whose?
        else:
            result.undeclared.append(seal)
    result.missing_seals = declared


def _texts(pages: Sequence[Page], result: ScanResult) -> tuple[dict[int, str], set[int]]:
    """Each page's text, and which pages' text came from OCR (and may have OCR's slips)."""
    texts, ocr_pages = {}, set()
    for page in pages:
        text, source = page_text(page)
        if source == "none":
            result.pages_without_text.append(page.number)
        if source == "ocr":
            ocr_pages.add(page.number)
        texts[page.number] = text
    return texts, ocr_pages


def _check_texts(
    result: ScanResult,
    texts: Mapping[int, str],
    expected_figures: Mapping[str, Decimal | Expected],
    expected_names: Mapping[str, str],
    phrases: Sequence[str],
    ocr_pages: set[int],
) -> None:
    whole = "\n".join(texts.values())
    for role, name in expected_names.items():
        if not find_name(whole, name):
            result.missing_texts.append(MissingText(role, name))
    result.missing_texts += [MissingText("phrase", p) for p in missing_phrases(whole, phrases)]
    for label, value in expected_figures.items():
        wanted = value if isinstance(value, Expected) else Expected(value)
        _check_figure(result, texts, label, wanted, ocr_pages)


def _check_figure(
    result: ScanResult,
    texts: Mapping[int, str],
    label: str,
    expected: Expected,
    ocr_pages: set[int],
) -> None:
    """Agrees if any occurrence of the label carries the figure; else the first one is wrong."""
    seen: list[tuple[int, Figure]] = []
    for number, text in texts.items():
        seen += [(number, f) for f in figures_after(text, label, lambda f: unit_fits(expected, f))]
    if any(agrees(expected, figure) for _, figure in seen):
        return
    if any(n in ocr_pages and digits_agree(expected, figure) for n, figure in seen):
        return  # OCR lost the decimal point: not evidence of a different figure
    if not seen:
        result.figures_not_found.append((label, expected))
        return
    number, figure = seen[0]
    result.figure_mismatches.append(
        FigureMismatch(label, expected.value, expected.unit, figure.text, number)
    )


# ------------------------------------------------------------------------------- findings

Finding = tuple[str, dict[str, Any], "int | None"]


def to_findings(result: ScanResult) -> list[Finding]:
    """(code, params, page) for each observation; page None = the whole document.

    Every params dict carries `kind` and `file`; messages in catalog/scan.yaml use them.
    """
    base = {"kind": result.kind, "file": result.path}
    if result.error is not None:
        error = result.error
        return [(error.code, {**base, "reason": error.reason, "detail": error.detail}, error.page)]
    out: list[Finding] = []
    doc_page = 1 if result.pages == 1 else None
    for name in result.missing_seals:
        out.append(
            (
                "ZX460",
                {**base, "authority": name, "pages": result.pages, "marks": _marks(result)},
                doc_page,
            )
        )
    for wrong in result.wrong_seals:
        seal = wrong.found
        out.append(
            (
                "ZX462",
                {
                    **base,
                    "declared": wrong.declared,
                    "found": seal.authority,
                    "text": seal.text,
                    "page": seal.page,
                },
                seal.page,
            )
        )
    for declared, seal in result.unreadable:
        # 第7条 wants this seal: a seal nobody can read does not pass (docs/scan.md).
        code = "ZX463" if result.seal_required else "ZX464"
        out.append(
            (
                code,
                {**base, "declared": declared, "text": seal.text or "—", "page": seal.page},
                seal.page,
            )
        )
    for seal in result.undeclared:
        out.append(
            (
                "ZX461",
                {**base, "found": seal.authority or UNREADABLE_ZH, "page": seal.page},
                seal.page,
            )
        )
    out += _text_findings(result, base, doc_page)
    return out


def _marks(result: ScanResult) -> str:
    """The round red marks without a legible name, which are not seals (for ZX460's text)."""
    pages = sorted({m.page for m in result.not_seals})
    return "、".join(str(p) for p in pages) if pages else "—"


def _text_findings(result: ScanResult, base: dict[str, Any], doc_page: int | None) -> list[Finding]:
    out: list[Finding] = []
    for mismatch in result.figure_mismatches:
        declared = f"{mismatch.expected}{mismatch.unit}"
        out.append(
            (
                "ZX470",
                {
                    **base,
                    "label": mismatch.label,
                    "declared": declared,
                    "found": mismatch.found,
                    "page": mismatch.page,
                },
                mismatch.page,
            )
        )
    for label, expected in result.figures_not_found:
        out.append(
            (
                "ZX471",
                {**base, "label": label, "declared": f"{expected.value}{expected.unit}"},
                doc_page,
            )
        )
    for missing in result.missing_texts:
        code = "ZX473" if missing.role == "phrase" else "ZX472"
        out.append((code, {**base, "role": missing.role, "text": missing.text}, doc_page))
    for number in result.pages_without_text:
        out.append(("ZX474", {**base, "page": number}, number))
    return out
