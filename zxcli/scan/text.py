"""The words and figures on a page: the PDF's text layer, or OCR where a page has none.

Matching is forgiving in the ways scans and OCR need: whitespace and full-width forms do not
count, a long name may differ by one character (OCR's usual slip), and a figure agrees with the
declared one when it is the declared value rounded as the document rounds it (2816.43 亿元 in
application.yaml, "2816.4 亿元" in the statistics confirmation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from zxcli.scan.deps import require

if TYPE_CHECKING:
    from zxcli.scan.pages import Page

MIN_LAYER_CHARS = 10  # a text layer shorter than this is a scanner's stub, not the page's text
LABEL_WINDOW = 40  # characters after a label within which its figure must stand
UNITS_TO_YI = {"亿元": Decimal(1), "万元": Decimal("0.0001"), "元": Decimal("0.00000001")}
_NUMBER = r"(?P<number>[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+−]?\d+(?:\.\d+)?)"
_UNIT = r"(?P<unit>亿元|万元|元|%|个百分点|万吨|吨|万台|台|万辆|辆|万件|件|家|个)?"
FIGURE_RE = re.compile(_NUMBER + r"\s*" + _UNIT)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    unit: str  # "" when the number stands alone
    decimals: int  # digits after the point as printed: the document's rounding
    start: int  # offset in the compacted text
    text: str  # as printed


@dataclass(frozen=True)
class Expected:
    """A declared figure: its value and, when known, its unit (亿元 and 万元 convert)."""

    value: Decimal
    unit: str = ""


def page_text(page: Page, ocr: bool = True) -> tuple[str, str]:
    """(text, source) where source is "layer", "ocr" or "none"."""
    if len(compact(page.text_layer)) >= MIN_LAYER_CHARS:
        return page.text_layer, "layer"
    if not ocr:
        return "", "none"
    text = ocr_page(page)
    return text, "ocr" if text else "none"


def ocr_page(page: Page) -> str:
    """Full-page OCR (detection + recognition), lines in reading order."""
    from zxcli.scan.reading import engine

    cv2 = require("cv2")
    result, _ = engine()(cv2.cvtColor(page.rgb, cv2.COLOR_RGB2BGR))
    if not result:
        return ""
    return "\n".join(ocr_rows(result))


def ocr_rows(result: Sequence[Sequence[Any]]) -> list[str]:
    """OCR's boxes ([corners, text, score]) as lines: a box joins the row whose first box
    spans its vertical middle, and a row reads left to right with cells tab-separated.

    Sorting by a rounded top instead split a table row whose cells sit a few pixels apart
    and paired a label with the next row's value.
    """

    def span(item: Sequence[Any]) -> tuple[float, float]:
        ys = [point[1] for point in item[0]]
        return min(ys), max(ys)

    rows: list[list[Sequence[Any]]] = []
    for item in sorted(result, key=lambda it: sum(span(it)) / 2):
        middle = sum(span(item)) / 2
        if rows and span(rows[-1][0])[0] <= middle <= span(rows[-1][0])[1]:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [
        "\t".join(str(it[1]) for it in sorted(row, key=lambda it: min(p[0] for p in it[0])))
        for row in rows
    ]


def compact(text: str) -> str:
    """NFKC (full-width digits and ％ become ASCII) without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# ----------------------------------------------------------------------------- names


def find_name(text: str, name: str, max_errors: int | None = None) -> bool:
    """Whether `name` occurs in `text`, allowing one wrong character in names of 5 or more."""
    haystack, needle = compact(text), compact(name)
    if not needle:
        return True
    if needle in haystack:
        return True
    allowed = (1 if len(needle) >= 5 else 0) if max_errors is None else max_errors
    return allowed > 0 and _fuzzy_errors(haystack, needle) <= allowed


def _fuzzy_errors(haystack: str, needle: str) -> int:
    """Fewest edits that turn `needle` into some substring of `haystack` (Sellers' algorithm)."""
    previous = list(range(len(needle) + 1))
    best = previous[-1]
    for ch in haystack:
        current = [0]
        for j, nc in enumerate(needle, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ch != nc)))
        best = min(best, current[-1])
        previous = current
    return best


def missing_phrases(text: str, phrases: Sequence[str]) -> list[str]:
    return [phrase for phrase in phrases if not find_name(text, phrase, max_errors=0)]


# ---------------------------------------------------------------------------- figures


def figures(text: str) -> Iterator[Figure]:
    """Every number in the compacted text, with its unit if one follows."""
    for match in FIGURE_RE.finditer(compact(text)):
        raw = match.group("number").replace(",", "").replace("−", "-")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        yield Figure(value, match.group("unit") or "", decimals, match.start(), match.group(0))


def figures_after(
    text: str, label: str, fits: Callable[[Figure], bool] | None = None, window: int = LABEL_WINDOW
) -> list[Figure]:
    """After each occurrence of `label`, the first figure that `fits` (e.g. has the right unit).

    The label's own line (a table's row) is searched first; only a label with no figure on
    its line is followed into the next lines, as prose that wraps is.
    """
    lines = text.splitlines()
    found: list[Figure] = []
    for i, line in enumerate(lines):
        on_line = _figures_after_flat(line, label, fits, window)
        if on_line:
            found += on_line
        elif compact(label) and compact(label) in compact(line):
            found += _figures_after_flat("\n".join(lines[i:]), label, fits, window)[:1]
    return found


def _figures_after_flat(
    text: str, label: str, fits: Callable[[Figure], bool] | None, window: int
) -> list[Figure]:
    flat, key = compact(text), compact(label)
    found: list[Figure] = []
    all_figures = [f for f in figures(flat) if fits is None or fits(f)]
    start = flat.find(key) if key else -1
    while start >= 0:
        end = start + len(key)
        after = [f for f in all_figures if end <= f.start <= end + window]
        if after:
            found.append(after[0])
        start = flat.find(key, end)
    return found


def agrees(expected: Expected | Decimal, found: Figure) -> bool:
    """Whether `found` is `expected` as the document rounds it (half a unit of its last digit)."""
    wanted = expected if isinstance(expected, Expected) else Expected(expected)
    value = _in_unit(found, wanted.unit)
    if value is None:
        return False
    tolerance = Decimal(5) * Decimal(10) ** -(found.decimals + 1)
    # A document may give 万元 where the dossier has 亿元: widen to the converted rounding.
    if wanted.unit in UNITS_TO_YI and found.unit in UNITS_TO_YI:
        tolerance *= UNITS_TO_YI[found.unit] / UNITS_TO_YI[wanted.unit]
    return abs(value - wanted.value) <= tolerance


def digits_agree(expected: Expected | Decimal, found: Figure) -> bool:
    """OCR drops or moves a decimal point now and then: '5128' for 512.8. Same digits agree."""
    wanted = expected if isinstance(expected, Expected) else Expected(expected)
    digits = "".join(ch for ch in found.text if ch.isdigit())
    for places in range(5):
        rounded = wanted.value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if "".join(ch for ch in str(abs(rounded)) if ch.isdigit()) == digits:
            return True
    return False


def _in_unit(found: Figure, unit: str) -> Decimal | None:
    if not unit or not found.unit or unit == found.unit:
        return found.value
    if unit in UNITS_TO_YI and found.unit in UNITS_TO_YI:
        return found.value * UNITS_TO_YI[found.unit] / UNITS_TO_YI[unit]
    return None  # 亿元 against % cannot be the same figure


def unit_fits(expected: Expected | Decimal, found: Figure) -> bool:
    wanted = expected if isinstance(expected, Expected) else Expected(expected)
    return _in_unit(found, wanted.unit) is not None
