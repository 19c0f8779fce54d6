"""The order WordprocessingML gives a paragraph's and a run's properties (ECMA-376 Part 1,
CT_PPrBase then CT_PPr; CT_RPr), so that an element is inserted where Word expects it: before every
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


RPR_ORDER: tuple[str, ...] = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
    "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
    "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
    "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def rpr_successors(tag: str) -> tuple[str, ...]:
    """The run properties that must come after `tag` (for insert_element_before)."""
    return RPR_ORDER[RPR_ORDER.index(tag) + 1 :]
