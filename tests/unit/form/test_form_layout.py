"""The workbook's layout is derived from the schemas, field by field, not written by hand."""

from __future__ import annotations

import pytest

from zxcli.form import layout as lay
from zxcli.form.identity import FormIdentity, Kept, parse
from zxcli.form.reader import convert
from zxcli.schema.store import schema

OMITTED = {"sha256", "frozen_on"}  # zx freeze's records: carried by the identity


def _leaves(kind: str) -> set[tuple[str, ...]]:
    """Every scalar (or list of scalars) property of a schema, as a path without indexes."""
    root = schema(kind)
    found: set[tuple[str, ...]] = set()

    def walk(node: dict, path: tuple[str, ...]) -> None:
        full, _ = lay.resolved(root, node)
        if full.get("type") == "object":
            for key, child in full.get("properties", {}).items():
                walk(child, (*path, key))
        elif (
            full.get("type") == "array"
            and lay.resolved(root, full["items"])[0].get("type") == "object"
        ):
            walk(full["items"], path)
        elif path[-1] not in OMITTED:
            found.add(path)

    walk(root, ())
    return found


def _placed(form: str) -> dict[str, list[tuple[str, ...]]]:
    placed: dict[str, list[tuple[str, ...]]] = {}
    built = lay.build(form, {})
    for _sheet, _at, cell in built.cells():
        placed.setdefault(cell.file, []).append(tuple(str(p) for p in cell.path))
    for _sheet, table in built.tables():
        for column in table.columns:
            placed.setdefault(table.file, []).append((*(str(p) for p in table.path), column.key))
    return placed


@pytest.mark.parametrize(
    ("form", "kinds"),
    [("dossier", ["dossier", "application", "recommendation"]), ("committee", ["committee"])],
)
def test_every_field_of_the_schemas_has_exactly_one_place(form: str, kinds: list[str]) -> None:
    placed = _placed(form)
    for kind in kinds:
        assert sorted(placed[kind]) == sorted(_leaves(kind)), kind


def test_labels_and_input_messages_are_the_schemas_titles_and_descriptions() -> None:
    built = lay.build("dossier", {})
    cover = built.sheets[0]
    code = next(c for c in cover.inputs.values() if c.path == ("city", "code"))
    assert code.field.title == "行政区划代码" and code.field.kind == "text"
    assert "GB/T 2260" in code.field.help
    level = next(c for c in cover.inputs.values() if c.path == ("city", "level"))
    assert level.field.kind == "enum" and "计划单列市" in level.field.enum
    label = cover.labels[next(at for at, c in cover.inputs.items() if c is level)[0], 1]
    assert label == "行政区层级＊"  # required: starred


def test_units_come_from_the_schema_definitions() -> None:
    fields = {c.path[-1]: c.field for _s, _a, c in lay.build("dossier", {}).cells()}
    assert fields["industrial_value_added_yi"].unit == "亿元"
    assert fields["declared_tech_share_pct"].unit == "%"
    assert fields["current"].unit == "亿元"  # positive_amount_yi
    assert fields["year"].kind == "integer" and fields["date"].kind == "date"


def test_the_sheets_follow_the_forms_order() -> None:
    names = [s.name for s in lay.build("dossier", {}).sheets]
    assert names[0] == "申报主体" and names[-1] == "推荐表"
    assert names.index("(1) 制造强国建设落实情况") < names.index("(7) 安全、环境、社会稳定情况")
    assert names.index("(7) 安全、环境、社会稳定情况") < names.index("附件清单")


def test_tables_have_room_to_add_rows() -> None:
    sizes = lay.sizes_for("dossier", {"dossier": {"attachments": [{}] * 8, "contacts": [{}]}})
    assert sizes["dossier:attachments"] == 8 + lay.SPARE_ROWS
    assert sizes["dossier:contacts"] == lay.MIN_TABLE_ROWS


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("text", 320500, "320500"),  # a code Excel took for a number
        ("text", 13800000001.0, "13800000001"),
        ("integer", 2025.0, 2025),
        ("number", "22.86", 22.86),
        ("boolean", "是", True),
        ("list", "苏州市人民政府、江苏省人民政府", ["苏州市人民政府", "江苏省人民政府"]),
    ],
)
def test_convert_undoes_only_what_is_unambiguous(kind: str, raw: object, value: object) -> None:
    made = lay.Field("k", "标题", "", kind)
    assert convert(made, raw) == value


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("number", "10850亿元"),
        ("integer", 2024.5),
        ("boolean", "yes"),
        ("date", 45000),
        ("text", True),
        ("number", float("nan")),
    ],
)
def test_convert_refuses_the_wrong_type(kind: str, raw: object) -> None:
    with pytest.raises(ValueError):
        convert(lay.Field("k", "标题", "", kind), raw)


def _identity() -> FormIdentity:
    return FormIdentity(
        "dossier",
        2024,
        "2024年度遴选",
        "江苏省-苏州市",
        ",".join(["a" * 64, "none", "b" * 64]),
        {"dossier:contacts": 5},
        (Kept("dossier:attachments", "letter", "attachments/推荐函.pdf", "c" * 64, "2025-03-20"),),
        "d" * 64,
    )


def test_the_identity_round_trips_and_a_change_is_evident() -> None:
    cells = dict(_identity().cells())
    assert parse(cells) == _identity()
    cells["dossier"] = "浙江省-宁波市"
    with pytest.raises(ValueError, match="sha256"):
        parse(cells)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("sizes", "[" * 10000 + "]" * 10000),  # nesting for json.loads to recurse on
        ("sizes", '{"dossier:contacts": {"a": 1}}'),
        ("kept", '[["a"]]'),
        (
            "kept",
            "[" + ",".join(['["dossier:x","a","p","' + "c" * 64 + '","2025-01-01"]'] * 1001) + "]",
        ),
        ("year", "20245"),
        ("source", "x" * 64),
        ("layout", "not a digest"),
        ("title", "x" * 40000),
    ],
)
def test_an_identity_of_the_wrong_shape_is_refused_before_parsing(key: str, value: str) -> None:
    cells = dict(_identity().cells())
    cells[key] = value
    with pytest.raises(ValueError):
        parse(cells)


def test_the_layout_digest_changes_with_any_label_or_place() -> None:
    built = lay.build("dossier", {})
    before = lay.digest(built)
    assert lay.digest(lay.build("dossier", {})) == before  # deterministic
    sheet = built.sheets[0]
    at = next(iter(sheet.inputs))
    sheet.labels[(at[0], 1)] += "（新）"
    assert lay.digest(built) != before
