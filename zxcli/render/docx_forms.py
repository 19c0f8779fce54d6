"""Filling a Word template with a dossier's view: docxtpl, then the fixes Word needs.

docxtpl runs the template's Jinja over the document XML. Afterwards every run gets an
explicit East Asian font (see fonts.py), a draft gets 草稿 in the header of every page,
the document properties say what the file is, and the zip is normalised so that the same
dossier always gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.exceptions import TemplateError, UndefinedError
from lxml import etree

from zxcli.errors import InputError
from zxcli.load.display import display_path
from zxcli.load.inert import xml_text
from zxcli.render import fonts
from zxcli.render.determinism import normalize
from zxcli.render.templates import Template
from zxcli.render.view import FormView

DRAFT_TEXT = "草稿（仅供核对，不作正式报送）"
MAX_PROPERTY_CHARS = 255  # python-docx refuses longer core properties (title, author…)
FORM_TITLES = {"申报书.docx": "申报书", "推荐表.docx": "推荐表"}


def context(view: FormView) -> dict[str, Any]:
    # Top-level fields only: nested dataclasses stay objects, which Jinja reads by attribute.
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}


def render_docx(template: Template, view: FormView, when: dt.date) -> bytes:
    document = _fill(template, view)
    fonts.fill_run_fonts(document)
    if view.draft:
        mark_draft(document)
        list_findings(document, view.findings)
    _properties(document, template, view)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize(buffer.getvalue(), when)


class _Filler(DocxTemplate):
    """docxtpl filling one document from the run's checked bytes of a template.

    docxtpl cleans up the template's XML (`patch_xml`) and compiles it with Jinja for every
    document; both depend on the template alone, so they are done once per template and
    run (`Template.compiled`) and reused, which leaves every output byte the same.
    """

    def __init__(self, template: Template) -> None:
        super().__init__(io.BytesIO(template.data) if template.data else str(template.path))
        self._compiled = template.compiled

    def patch_xml(self, src_xml: str) -> str:
        patched = self._compiled.patched.get(src_xml)
        if patched is None:
            patched = self._compiled.patched[src_xml] = super().patch_xml(src_xml)
        return patched


def _fill(template: Template, view: FormView) -> Document:
    shown = display_path(template.path)
    tpl = _Filler(template)
    try:
        tpl.render(context(view), template.compiled.env, autoescape=True)
    except UndefinedError as exc:
        # The static check should have caught it; a name built at run time may not be.
        raise InputError("ZX805", template=shown, field=exc.message or "?") from None
    except (TemplateError, etree.XMLSyntaxError, ValueError) as exc:
        # ValueError: python-docx refusing what a template's own document properties
        # render to (over 255 characters, say).
        raise InputError("ZX811", template=shown, problem=str(exc)[:200]) from None
    return tpl.docx


def mark_draft(document: Document) -> None:
    """草稿 at the top of every page: default, even and first-page headers of each section."""
    for section in document.sections:
        for header in (section.header, section.even_page_header, section.first_page_header):
            header.is_linked_to_previous = False
            paragraph = (
                header.paragraphs[0] if not header.paragraphs[0].text else header.add_paragraph()
            )
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(DRAFT_TEXT)
            run.font.size = Pt(16)
            run.font.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            fonts.set_rfonts(run._r.get_or_add_rPr(), fonts.HEADING1)


def list_findings(document: Document, findings: Sequence[str]) -> None:
    """A draft opens with a page saying, in a red frame, that it is a draft, and listing
    the errors still open: what is wrong is on paper, next to the figures to check."""
    paragraphs = [
        _banner(document, "草　稿", 26, frame=True),
        _banner(document, DRAFT_TEXT, 14),
        _line(
            document,
            f"未解决的校验错误（{len(findings)}项）：" if findings else "未发现校验错误。",
            bold=True,
        ),
    ]
    paragraphs += [
        _line(document, f"{number}. {text}") for number, text in enumerate(findings, start=1)
    ]
    paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    first = document.element.body[0]
    for paragraph in paragraphs:
        first.addprevious(paragraph._p)


def _banner(document: Document, text: str, size: float, frame: bool = False) -> Paragraph:
    paragraph = _line(document, text, size=size, bold=True, color=RGBColor(0xC0, 0x00, 0x00))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if frame:  # a red box around the word, like a rubber stamp
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            edge = OxmlElement(f"w:{side}")
            for key, value in (
                ("val", "single"),
                ("sz", "24"),
                ("space", "4"),
                ("color", "C00000"),
            ):
                edge.set(qn(f"w:{key}"), value)
            borders.append(edge)
        paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _line(
    document: Document,
    text: str,
    size: float = 12,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Paragraph:
    """A paragraph in direct formatting: an office's own template may lack zx's styles."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts.set_rfonts(run._r.get_or_add_rPr(), fonts.HEADING1 if bold else fonts.BODY)
    return paragraph


def _properties(document: Document, template: Template, view: FormView) -> None:
    form = FORM_TITLES.get(template.name, template.path.stem)
    props = document.core_properties
    props.title = property_text(
        f"{view.year}年度{view.city.name}工业稳增长和转型升级成效明显市（州）{form}"
    )
    props.subject = property_text(form)
    props.author = property_text(view.recommender.name) or "zx"
    props.language = "zh-CN"
    props.keywords = "草稿" if view.draft else ""


def property_text(text: str) -> str:
    """A document property as python-docx and Office take it: XML characters only, at
    most MAX_PROPERTY_CHARS (a longer title is cut rather than failing the run)."""
    return xml_text(text)[:MAX_PROPERTY_CHARS]
