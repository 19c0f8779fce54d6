"""The Word templates: every placeholder exists in the view model and the schemas, the
bundled files are what tools/make_templates.py builds, and a broken copy is a coded error."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import shutil
import typing
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SAMPLES, SUZHOU
from docx import Document

from zxcli.errors import InputError
from zxcli.render.templates import APPLICATION, RECOMMENDATION, REQUIRED, load_template
from zxcli.render.view import COMPUTED, FormView
from zxcli.render.writer import render_forms
from zxcli.resources import bundled_dir

TEMPLATES = (APPLICATION, RECOMMENDATION)
DOSSIER = SAMPLES / "2024" / "dossiers" / SUZHOU


# ---------------------------------------------------------------- view model ↔ schemas


def view_fields(
    cls: type = FormView, prefix: str = "", source: str | None = None
) -> Iterator[tuple[str, str | None]]:
    """(template path, schema path such as 'application:c2_industry.leading_products[].name')."""
    hints = typing.get_type_hints(cls)
    for spec in dataclasses.fields(cls):
        path = f"{prefix}.{spec.name}" if prefix else spec.name
        src = spec.metadata["src"]
        schema = None if src == COMPUTED else (src if source is None else _join(source, src))
        yield path, schema
        hint = hints[spec.name]
        if typing.get_origin(hint) is list:
            yield from view_fields(typing.get_args(hint)[0], path + "[]", schema)
        elif dataclasses.is_dataclass(hint):
            yield from view_fields(hint, path, schema)


def _join(parent: str, child: str) -> str:
    return parent + child if parent.endswith(":") else f"{parent}.{child}"


def schema_node(schema_path: str) -> dict[str, Any] | None:
    kind, _, path = schema_path.partition(":")
    root = json.loads((bundled_dir("schemas") / f"{kind}.schema.json").read_text("utf-8"))
    node = root
    for part in filter(None, path.split(".")):
        node = _deref(root, node).get("properties", {}).get(part.removesuffix("[]"))
        if node is None:
            return None
        if part.endswith("[]"):
            node = _deref(root, node).get("items")
    return _deref(root, node)


def _deref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_every_view_field_comes_from_a_schema_field() -> None:
    for path, schema in view_fields():
        if schema is not None:
            assert schema_node(schema) is not None, f"{path} ← {schema}"


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_variable_exists_in_the_view_model_and_schemas(name: str) -> None:
    template = load_template(name)  # raises ZX805 for any unknown field
    known = dict(view_fields())
    for used in template.used:
        assert used in known, used
        if known[used] is not None:
            assert schema_node(known[used]) is not None, used


@pytest.mark.parametrize("name", TEMPLATES)
def test_required_fields_are_known(name: str) -> None:
    known = dict(view_fields())
    assert all(field in known for field in REQUIRED[name])


# ---------------------------------------------------------------- reproducible templates


def test_bundled_templates_are_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_templates", REPO / "tools" / "make_templates.py"
    )
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for name in TEMPLATES:
        assert tool.build(name) == (REPO / "templates" / name).read_bytes(), (
            f"templates/{name} is stale: run python tools/make_templates.py"
        )


# ---------------------------------------------------------------- an office's own copy


def office_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the bundled templates with one text in `name` replaced."""
    folder = tmp_path / "templates"
    shutil.copytree(bundled_dir("templates"), folder)
    source = folder / name
    edited = source.with_suffix(".tmp")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(edited, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)
    edited.replace(source)
    return folder


def test_an_office_can_reword_its_own_copy(tmp_path: Path) -> None:
    folder = office_copy(tmp_path, RECOMMENDATION, "联系人", "推荐理由")
    written = render_forms([DOSSIER], tmp_path / "out", ["docx"], template_dir=folder)
    table = Document(str(written[1])).tables[0]
    assert "推荐理由" in [row.cells[0].text for row in table.rows]


@pytest.mark.parametrize(
    ("old", "new", "code", "field"),
    [
        ("{{ city.name }}", "{{ city.nmae }}", "ZX805", "city.nmae"),
        ("{{ rec.opinion }}", "{{ opinion }}", "ZX805", "opinion"),
        ("{{ rec.opinion }}", "", "ZX806", "rec.opinion"),
        ("{{ city.name }}", "{{ city.name ", "ZX804", None),
    ],
)
def test_a_broken_template_is_a_coded_error_naming_the_field(
    tmp_path: Path, old: str, new: str, code: str, field: str | None
) -> None:
    folder = office_copy(tmp_path, RECOMMENDATION, old, new)
    with pytest.raises(InputError) as caught:
        render_forms([DOSSIER], tmp_path / "out", template_dir=folder)
    assert caught.value.code == code and caught.value.exit_code == 2
    assert RECOMMENDATION in str(caught.value.params["template"])
    if field:
        assert caught.value.params["field"] == field
    assert not (tmp_path / "out").exists()


def test_a_missing_or_unreadable_template_is_a_coded_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / APPLICATION).write_bytes(b"not a Word file")
    with pytest.raises(InputError) as caught:
        load_template(RECOMMENDATION, folder)
    assert caught.value.code == "ZX802"
    with pytest.raises(InputError) as caught:
        load_template(APPLICATION, folder)
    assert caught.value.code == "ZX803"


def test_xlsx_only_needs_no_template(tmp_path: Path) -> None:
    written = render_forms([DOSSIER], tmp_path / "out", ["xlsx"], template_dir=tmp_path)
    assert [p.suffix for p in written] == [".xlsx"]


def test_every_placeholder_is_documented() -> None:
    guide = (REPO / "docs" / "render.md").read_text(encoding="utf-8")
    groups = {"city", "recommender", "rec", "rec.contact", *(f"c{n}" for n in range(1, 8))}
    # "`c1.evidence` … `c6.evidence`" documents the evidence of every section at once.
    ranged = {f"c{n}.evidence" for n in range(2, 6)}
    missing = [
        path
        for path, _ in view_fields()
        if path not in groups | ranged and f"`{path}`" not in guide
    ]
    assert missing == []


# ---------------------------------------------------------------- once per run


def test_each_template_is_patched_and_compiled_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    calls: list[str] = []

    def counting(name: str, original: Any) -> Any:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return original(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(Environment, "compile", counting("compile", Environment.compile))
    monkeypatch.setattr(DocxTemplate, "patch_xml", counting("patch", DocxTemplate.patch_xml))
    dossiers = sorted(p for p in (SAMPLES / "2024" / "dossiers").iterdir() if p.is_dir())
    assert len(dossiers) > 2
    first = render_forms(dossiers[:1], tmp_path / "one", ["docx"], draft=True)
    one = sorted(calls)
    calls.clear()
    every = render_forms(dossiers, tmp_path / "all", ["docx"], draft=True)
    assert sorted(calls) == one  # as many patches and compiles for all as for one
    # …and the same bytes as a run of its own.
    assert every[0].read_bytes() == first[0].read_bytes()


def test_the_checked_bytes_are_the_ones_rendered(tmp_path: Path) -> None:
    """A template saved again between the check and the rendering does not slip through."""
    folder = office_copy(tmp_path, RECOMMENDATION, "联系人", "推荐理由")
    template = load_template(RECOMMENDATION, folder)
    (folder / RECOMMENDATION).write_bytes(b"not a Word file any more")
    from zxcli.model.campaign import load_dossier
    from zxcli.render.docx_forms import render_docx
    from zxcli.render.view import build_view, form_date

    dossier = load_dossier(DOSSIER)
    data = render_docx(template, build_view(dossier), form_date(dossier))
    out = tmp_path / "form.docx"
    out.write_bytes(data)
    assert "推荐理由" in [row.cells[0].text for row in Document(str(out)).tables[0].rows]
