"""The order WordprocessingML gives a paragraph's properties (ECMA-376 Part 1, 17.3.1.26,
CT_PPrBase then CT_PPr), so that an element is inserted where Word expects it: before every
element that must follow it. One list, used by the documents zx writes and by the tool that
builds the templates."""

from __future__ import annotations

PPR_ORDER: tuple[str, ...] = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def ppr_successors(tag: str) -> tuple[str, ...]:
    """The paragraph properties that must come after `tag` (for insert_element_before)."""
    return PPR_ORDER[PPR_ORDER.index(tag) + 1 :]
