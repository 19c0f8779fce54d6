"""East Asian fonts in Word files.

Word picks a run's font per script: `w:ascii`/`w:hAnsi` for Latin, `w:eastAsia` for
Chinese. python-docx's `font.name` sets only the Latin ones, so a document "in 仿宋_GB2312"
made that way shows its Chinese text in whatever the theme says (usually 等线 or 宋体).
These helpers set all of them, on styles and on runs, and drop the theme references that
would otherwise win over the explicit names.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

# GB/T 9704-2012 fonts, by role (typefaces.py: the names without python-docx).
from zxcli.render.typefaces import BODY as BODY
from zxcli.render.typefaces import HEADING1 as HEADING1
from zxcli.render.typefaces import HEADING2 as HEADING2
from zxcli.render.typefaces import PAGE_NUMBER as PAGE_NUMBER
from zxcli.render.typefaces import TITLE as TITLE

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def set_rfonts(rpr: etree._Element, name: str) -> None:
    """Make `name` the font of every script in this w:rPr, overriding theme fonts."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        # rFonts comes first in w:rPr, after a run's w:rStyle if it has one.
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def east_asia_of(rpr: etree._Element | None) -> str | None:
    if rpr is None:
        return None
    rfonts = rpr.find(qn("w:rFonts"))
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


def style_east_asia(document: Document) -> tuple[dict[str, str], str | None]:
    """Each style's East Asian font (following basedOn), and the document default's."""
    styles = document.styles.element
    default = east_asia_of(styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    own: dict[str, str | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        own[style_id] = east_asia_of(style.find(qn("w:rPr")))
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(qn("w:val"))
    resolved = {sid: _resolve(sid, own, based_on, default) for sid in own}
    return {sid: font for sid, font in resolved.items() if font}, default


def _resolve(
    style_id: str, own: dict[str, str | None], based_on: dict[str, str], default: str | None
) -> str | None:
    seen: set[str] = set()
    current: str | None = style_id
    while current and current not in seen:
        seen.add(current)
        if own.get(current):
            return own[current]
        current = based_on.get(current)
    return default


def parts_of(document: Document) -> Iterator[etree._Element]:
    """The root elements of the body and of every header and footer."""
    yield document.element
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            yield rel.target_part.element


def fill_run_fonts(document: Document) -> None:
    """Give every run an explicit w:eastAsia, taken from its style when it has none.

    Template text the office typed carries its own fonts; text zx pours into a
    placeholder inherits the run it replaced, which may not say. Spelling the font out on
    every run makes WPS and LibreOffice, which resolve styles differently, agree with Word.
    """
    fonts, default = style_east_asia(document)
    default_para = _default_paragraph_style(document)
    for root in parts_of(document):
        for run in root.iter(qn("w:r")):
            _fill_run(run, fonts, default, default_para)


def _fill_run(
    run: etree._Element, fonts: dict[str, str], default: str | None, default_para: str | None
) -> None:
    rpr = run.find(qn("w:rPr"))
    if east_asia_of(rpr):
        return
    font = _run_style_font(rpr, fonts) or _paragraph_font(run, fonts, default_para) or default
    if font is None:
        return
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        # w:rStyle, if present, must stay first in the run properties.
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)


def _run_style_font(rpr: etree._Element | None, fonts: dict[str, str]) -> str | None:
    style = rpr.find(qn("w:rStyle")) if rpr is not None else None
    return fonts.get(style.get(qn("w:val"))) if style is not None else None


def _paragraph_font(
    run: etree._Element, fonts: dict[str, str], default_para: str | None
) -> str | None:
    paragraph = next(_ancestors(run, qn("w:p")), None)
    if paragraph is None:
        return None
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    style_id = style.get(qn("w:val")) if style is not None else default_para
    return fonts.get(style_id) if style_id else None


def _ancestors(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    return (a for a in element.iterancestors() if a.tag == tag)


def _default_paragraph_style(document: Document) -> str | None:
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            return style.get(qn("w:styleId"))
    return None


def runs_without_east_asia(document: Document) -> list[str]:
    """Texts of runs lacking an explicit w:eastAsia (for tests and self-checks)."""
    missing = []
    for root in parts_of(document):
        for run in root.iter(qn("w:r")):
            if not east_asia_of(run.find(qn("w:rPr"))):
                missing.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return missing
