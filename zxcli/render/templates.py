"""The Word templates: finding them, and checking their placeholders before any rendering.

A template is a .docx with docxtpl (Jinja) placeholders, built by tools/make_templates.py
and restyled by an office in Word. Before a single file is written we read every
placeholder, loop and condition, and check each field against the view model
(`view.FormView`): a misspelt field, or a required one the office deleted, is a coded
error naming the field, not a blank in a printed form.
"""

from __future__ import annotations

import dataclasses
import io
import re
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from zxcli.errors import InputError
from zxcli.load.display import display_path
from zxcli.render.view import FormView
from zxcli.resources import bundled_dir

APPLICATION = "申报书.docx"
RECOMMENDATION = "推荐表.docx"

# What a form must show whatever an office does to its look (第6条, 第7条, 附1, 附2).
REQUIRED: dict[str, tuple[str, ...]] = {
    APPLICATION: (
        "year",
        "city.name",
        "province",
        "recommender.name",
        "date",
        "c1.implementation_plan",
        "c1.annual_plan",
        "c1.policies",
        "c1.organization",
        "c1.results",
        "c2.industries",
        "c2.products[].name",
        "c2.products[].output",
        "c2.products[].national_output",
        "c2.products[].share",
        "c2.value_added",
        "c2.value_added_growth",
        "c3.industrial_current",
        "c3.industrial_previous",
        "c3.industrial_growth",
        "c3.tech_current",
        "c3.tech_previous",
        "c3.tech_share",
        "c3.tech_growth",
        "c4.summary",
        "c5.summary",
        "c6.summary",
        "c7.safety",
        "c7.environment",
        "c7.stability",
        "attachments[].title",
    ),
    RECOMMENDATION: (
        "city.name",
        "city.code",
        "province",
        "recommender.name",
        "rec.value_added",
        "rec.value_added_growth",
        "rec.investment_growth",
        "rec.tech_share",
        "rec.tech_growth",
        "rec.leading_product",
        "rec.opinion",
        "rec.opinion_date",
        "rec.consent_opinion",
        "rec.consent_date",
        "rec.contact.name",
        "rec.contact.phone",
    ),
}

# Names Jinja itself provides inside a template.
JINJA_NAMES = frozenset({"loop", "range", "namespace", "dict", "lipsum", "cycler", "joiner"})

_ANY = object()  # a value whose shape we do not know (a loop variable of `range`, say)


def environment() -> SandboxedEnvironment:
    """Templates come from offices: sandboxed, escaped, and strict about unknown names."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


class CompilingEnvironment(SandboxedEnvironment):
    """The same sandbox, compiling each distinct Jinja source once.

    docxtpl asks for the body, each header and footer and each document property of a
    template for every document it renders, and those sources are the same every time:
    compiled once, the Jinja templates are shared by every dossier of a run (rendering a
    compiled template keeps no state, so the output is the same).
    """

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.compiled: dict[str, JinjaTemplate] = {}

    def from_string(
        self, source: Any, globals: Any = None, template_class: Any = None
    ) -> JinjaTemplate:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self.compiled.get(source)
        if found is None:
            found = self.compiled[source] = super().from_string(source)
        return found


@dataclass
class Compiled:
    """What a run learns once about a template and reuses for every document it fills."""

    env: CompilingEnvironment = field(default_factory=CompilingEnvironment)
    patched: dict[str, str] = field(default_factory=dict)  # docxtpl's patch_xml, memoised


@dataclass(frozen=True)
class Template:
    path: Path
    name: str
    used: frozenset[str]  # every field path the template prints, e.g. c2.products[].share
    # The bytes that were checked: every document of the run is filled from them, even if
    # someone saves the template again meanwhile.
    data: bytes = field(default=b"", repr=False, compare=False)
    compiled: Compiled = field(default_factory=Compiled, repr=False, compare=False)


def template_dir_or_bundled(template_dir: Path | None) -> Path:
    return template_dir if template_dir is not None else bundled_dir("templates")


def load_template(name: str, template_dir: Path | None = None) -> Template:
    """Find and check one template; raise ZX802–ZX806 naming what is wrong."""
    folder = template_dir_or_bundled(template_dir)
    path = folder / name
    shown = display_path(path)
    if not path.is_file():
        raise InputError("ZX802", folder=display_path(folder), template=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            "ZX803", template=shown, reason=exc.strerror or type(exc).__name__
        ) from None
    source = jinja_source(data, shown)
    try:
        tree = environment().parse(source)
    except TemplateSyntaxError as exc:
        raise InputError(
            "ZX804", template=shown, problem=exc.message or "", near=_near(source, exc.lineno)
        ) from None
    used, unknown = check_fields(tree)
    if unknown:
        raise InputError("ZX805", template=shown, field=unknown[0])
    for required in REQUIRED.get(name, ()):
        if not _covers(used, required):
            raise InputError("ZX806", template=shown, field=required)
    return Template(path=path, name=name, used=frozenset(used), data=data)


def jinja_source(data: bytes, shown: str) -> str:
    """The Jinja text docxtpl will render: body, headers and footers, tags cleaned up."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        document = Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        raise InputError("ZX803", template=shown, reason=str(exc) or type(exc).__name__) from None
    patcher = DocxTemplate(io.BytesIO(data))
    parts = [document.element.body]
    parts += [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    xml = "".join(patcher.patch_xml(etree.tostring(part, encoding="unicode")) for part in parts)
    # One paragraph per line, as docxtpl renders it, so an error's line points at text.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _near(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return text[:60]


def _covers(used: set[str], required: str) -> bool:
    return any(u == required or u.startswith((required + ".", required + "[]")) for u in used)


def check_fields(tree: nodes.Template, root: type = FormView) -> tuple[set[str], list[str]]:
    """Field paths a template uses, and those that do not exist in the view model."""
    checker = _Checker(root)
    for node in tree.body:
        checker.visit(node, {})
    return checker.used, checker.unknown


Scope = dict[str, tuple[Any, str]]


class _Checker:
    """Walks a Jinja syntax tree, following each name through the view's type hints."""

    def __init__(self, root: type) -> None:
        self.root_hints = typing.get_type_hints(root)
        self.used: set[str] = set()
        self.unknown: list[str] = []

    def visit(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.resolve(node, scope)
        elif isinstance(node, nodes.For):
            self._visit_for(node, scope)
        elif isinstance(node, nodes.Assign):
            self._bind(node.target, self.resolve(node.node, scope), scope)
        elif isinstance(node, nodes.Macro):
            inner = dict(scope) | {arg.name: (_ANY, arg.name) for arg in node.args}
            for child in (*node.defaults, *node.body):
                self.visit(child, inner)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def _visit_for(self, node: nodes.For, scope: Scope) -> None:
        typ, path = self.resolve(node.iter, scope) or (_ANY, "")
        item = (
            (typing.get_args(typ)[0], path + "[]")
            if typing.get_origin(typ) is list
            else (_ANY, path + "[]")
        )
        inner = dict(scope) | {"loop": (_ANY, "loop")}
        self._bind(node.target, item, inner)
        for child in ([node.test] if node.test else []) + node.body:
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)

    def _bind(self, target: nodes.Node, value: tuple[Any, str] | None, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = value or (_ANY, target.name)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, None, scope)

    def resolve(self, node: nodes.Node, scope: Scope) -> tuple[Any, str] | None:
        """The type and path of an expression; None when it names something unknown."""
        if isinstance(node, nodes.Name):
            return self._name(node, scope)
        if isinstance(node, nodes.Getattr):
            base = self.resolve(node.node, scope)
            return self._member(base, node.attr) if base else None
        if isinstance(node, nodes.Getitem):
            return self._item(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return (_ANY, "")

    def _name(self, node: nodes.Name, scope: Scope) -> tuple[Any, str] | None:
        if node.ctx != "load":
            return (_ANY, node.name)
        if node.name in scope:
            return scope[node.name]
        if node.name in self.root_hints:
            self.used.add(node.name)
            return (self.root_hints[node.name], node.name)
        if node.name in JINJA_NAMES:
            return (_ANY, node.name)
        self.unknown.append(node.name)
        return None

    def _item(self, node: nodes.Getitem, scope: Scope) -> tuple[Any, str] | None:
        base = self.resolve(node.node, scope)
        if base is None:
            return None
        key = node.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return self._member(base, key.value)
        self.visit(key, scope)
        typ, path = base
        if typing.get_origin(typ) is list:
            return (typing.get_args(typ)[0], path + "[]")
        return (_ANY, path + "[]")

    def _member(self, base: tuple[Any, str], attr: str) -> tuple[Any, str] | None:
        typ, path = base
        full = f"{path}.{attr}" if path else attr
        if typ is _ANY:
            return (_ANY, full)
        if dataclasses.is_dataclass(typ):
            hints = typing.get_type_hints(typ)
            if attr in hints:
                self.used.add(full)
                return (hints[attr], full)
        elif typ is str and hasattr(str, attr) and not attr.startswith("_"):
            return (_ANY, full)  # a string method such as .strip
        self.unknown.append(full)
        return None
