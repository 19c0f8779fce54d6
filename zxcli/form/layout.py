"""Where each field of the YAML files sits in the fill-in workbook, derived from the schemas.

Nothing here lists fields by hand: parts.yaml names which top-level properties go on which
sheet, and the schemas give the rest (titles as labels, descriptions as input messages,
enums as drop-downs, `_yi`/`_pct` definitions as units, required properties). The layout
is a pure function of the schemas and of the number of rows of each table, so the reader
rebuilds the very layout the writer used from the sizes kept in the workbook's identity.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from zxcli.load.yamlsafe import load_yaml
from zxcli.schema.store import schema

JsonPath = tuple[str | int, ...]

TITLE_ROW, NOTE_ROW, FIRST_ROW = 1, 2, 4
# A table has room for this many more items than it holds (the sheet is protected, so
# rows cannot be inserted), and never fewer rows than MIN_TABLE_ROWS.
SPARE_ROWS, MIN_TABLE_ROWS = 3, 5
MAX_TABLE_ROWS = 1000  # the largest maxItems of the schemas
# Units from the schemas' definitions: amount_yi, positive_amount_yi → 亿元; *_pct → %.
UNITS = {"_yi": "亿元", "_pct": "%"}
# Items of a list kept in one cell (seals, evidence ids) are separated by one of these.
LIST_SEPARATORS = "、,，;；\n"
LIST_JOIN = "、"
YES, NO = "是", "否"
NOTE = (
    "填写说明：只填白色单元格；＊为必填；选中单元格可见填写提示；数字栏只填数字（如 6.8，"
    "不写 6.8% 或“亿元”）；日期填 2025-03-20 形式；"
    "多个公章或附件标识用“、”分隔；表格行不够时请联系推荐单位重新导出。请勿增删行、合并单元格或输入公式。"
)


@dataclass(frozen=True)
class Field:
    """One scalar (or list-of-scalars) property: a labelled input cell or a table column."""

    key: str
    title: str
    help: str
    kind: str  # text | integer | number | boolean | date | enum | list
    required: bool = False
    enum: tuple[str, ...] = ()
    unit: str = ""
    identity: bool = False  # format zx-identity: a name compared with the gazetteer's
    defs: str = ""  # the $defs entry it refers to (code, phone, id, text, …)

    @property
    def label(self) -> str:
        unit = f"（{self.unit}）" if self.unit and self.unit not in self.title else ""
        return f"{self.title}{unit}" + ("＊" if self.required else "")


@dataclass(frozen=True)
class Input:
    """An input cell: the field it holds and where the value lands in the YAML file."""

    file: str
    path: JsonPath
    field: Field


@dataclass
class Table:
    """Repeating items: a header row, then `rows` rows of one item each."""

    file: str
    path: JsonPath  # of the array in its file
    title: str
    columns: list[Field]
    header_row: int
    rows: int
    required: bool
    # A nested array of objects (a member's ties) is a table of its own whose first
    # column names the parent item by its first property.
    parent: Table | None = None
    parent_key: str = ""

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + self.rows

    @property
    def offset(self) -> int:
        """Columns before the item's own: the parent's key in a nested table."""
        return 1 if self.parent is not None else 0


@dataclass
class Sheet:
    name: str
    title: str
    width: int = 2  # columns used
    labels: dict[tuple[int, int], str] = field(default_factory=dict)
    inputs: dict[tuple[int, int], Input] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    sections: list[int] = field(default_factory=list)  # rows of section headings

    @property
    def last_row(self) -> int:
        rows = [r for r, _ in (*self.labels, *self.inputs)]
        rows += [t.last_row for t in self.tables]
        return max(rows, default=FIRST_ROW)


@dataclass
class Layout:
    form: str  # dossier | committee
    sheets: list[Sheet]

    def cells(self) -> Iterator[tuple[Sheet, tuple[int, int], Input]]:
        for sheet in self.sheets:
            for at, cell in sheet.inputs.items():
                yield sheet, at, cell

    def tables(self) -> Iterator[tuple[Sheet, Table]]:
        for sheet in self.sheets:
            for table in sheet.tables:
                yield sheet, table


@cache
def parts() -> Mapping[str, list[dict[str, Any]]]:
    return dict(load_yaml(Path(__file__).resolve().parent / "parts.yaml").data)


def files_of(form: str) -> list[str]:
    """The YAML kinds a form holds, in the order they are first met."""
    return list(dict.fromkeys(p["file"] for p in parts()[form]))


def value_at(data: Any, path: JsonPath) -> Any:
    """The value at `path` in a YAML document's data, or None."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def table_key(file: str, path: JsonPath) -> str:
    return f"{file}:" + ".".join(str(p) for p in path)


# --------------------------------------------------------------------------- the schema


def resolved(root: Mapping[str, Any], node: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """`node` with its $ref followed (local keys win), and the name of the $defs entry."""
    ref = node.get("$ref")
    if not ref:
        return dict(node), ""
    name = str(ref).rsplit("/", 1)[-1]
    target, inner = resolved(root, root["$defs"][name])
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, inner or name


def _kind(node: Mapping[str, Any], defs: str) -> str:
    if "enum" in node:
        return "enum"
    kind = node.get("type")
    if kind in ("boolean", "integer", "number"):
        return str(kind)
    if kind == "array":
        return "list"
    if node.get("format") == "date" or defs == "date":
        return "date"
    return "text"


def _unit(key: str, defs: str) -> str:
    for suffix, unit in UNITS.items():
        if defs.endswith(suffix) or key.endswith(suffix):
            return unit
    return ""


def make_field(root: Mapping[str, Any], key: str, node: Mapping[str, Any], required: bool) -> Field:
    full, defs = resolved(root, node)
    if full.get("type") == "array":
        item, _ = resolved(root, full["items"])
        full = {**full, "format": item.get("format")}
    return Field(
        key=key,
        title=str(full.get("title", key)),
        help=str(full.get("description", "")),
        kind=_kind(full, defs),
        required=required,
        enum=tuple(full.get("enum", ())),
        unit=_unit(key, defs),
        identity=full.get("format") == "zx-identity",
        defs=defs,
    )


def _is_table(root: Mapping[str, Any], node: Mapping[str, Any]) -> bool:
    full, _ = resolved(root, node)
    if full.get("type") != "array":
        return False
    item, _ = resolved(root, full["items"])
    return item.get("type") == "object"


# --------------------------------------------------------------------------- building


class _Builder:
    def __init__(self, form: str, sizes: Mapping[str, int]) -> None:
        self.form = form
        self.sizes = sizes

    def layout(self) -> Layout:
        return Layout(self.form, [self.sheet(part) for part in parts()[self.form]])

    def sheet(self, part: Mapping[str, Any]) -> Sheet:
        file = str(part["file"])
        root = schema(file)
        take = list(root["properties"]) if part["take"] == "*" else list(part["take"])
        title = part.get("sheet") or resolved(root, root["properties"][take[0]])[0]["title"]
        sheet = Sheet(name=str(title), title=str(title))
        self.row = FIRST_ROW
        self.omit = set(part.get("omit", ()))
        required = set(root.get("required", ()))
        for key in take:
            self.place(sheet, root, file, (key,), root["properties"][key], key in required)
        return sheet

    def place(
        self,
        sheet: Sheet,
        root: Mapping[str, Any],
        file: str,
        path: JsonPath,
        node: Mapping[str, Any],
        required: bool,
    ) -> None:
        full, _ = resolved(root, node)
        key = str(path[-1])
        if full.get("type") == "object":
            sheet.labels[(self.row, 1)] = str(full.get("title", key))
            sheet.sections.append(self.row)
            self.row += 1
            inner = set(full.get("required", ()))
            for name, child in full.get("properties", {}).items():
                self.place(sheet, root, file, (*path, name), child, name in inner)
            return
        if _is_table(root, full):
            self.table(sheet, root, file, path, full, required, None)
            return
        made = make_field(root, key, node, required)
        sheet.labels[(self.row, 1)] = made.label
        sheet.inputs[(self.row, 2)] = Input(file, path, made)
        self.row += 1

    def table(
        self,
        sheet: Sheet,
        root: Mapping[str, Any],
        file: str,
        path: JsonPath,
        full: Mapping[str, Any],
        required: bool,
        parent: Table | None,
    ) -> None:
        item, _ = resolved(root, full["items"])
        inner = set(item.get("required", ()))
        props = item.get("properties", {})
        columns = [
            make_field(root, k, v, k in inner)
            for k, v in props.items()
            if not _is_table(root, v) and k not in self.omit
        ]
        sheet.labels[(self.row, 1)] = str(full.get("title", path[-1]))
        sheet.sections.append(self.row)
        self.row += 1
        key = table_key(file, path)
        rows = max(MIN_TABLE_ROWS, min(int(self.sizes.get(key, 0)), MAX_TABLE_ROWS))
        table = Table(
            file,
            path,
            str(full.get("title", path[-1])),
            columns,
            self.row,
            rows,
            required,
            parent,
            parent.columns[0].key if parent else "",
        )
        offset = table.offset
        if parent is not None:
            sheet.labels[(self.row, 1)] = parent.columns[0].title
        for i, column in enumerate(columns, start=1 + offset):
            sheet.labels[(self.row, i)] = column.label
        sheet.tables.append(table)
        sheet.width = max(sheet.width, len(columns) + offset)
        self.row = table.last_row + 2
        for k, v in props.items():
            if _is_table(root, v):
                child, _ = resolved(root, v)
                self.table(sheet, root, file, (*path, k), child, k in inner, table)


def build(form: str, sizes: Mapping[str, int]) -> Layout:
    """The workbook's layout for `form` with `sizes[table_key]` rows in each table."""
    layout = _Builder(form, sizes).layout()
    for sheet in layout.sheets:
        _finish(sheet)
    return layout


def _finish(sheet: Sheet) -> None:
    """Titles, and field values merged across a wide sheet so that they get its width."""
    sheet.labels[(TITLE_ROW, 1)] = sheet.title
    sheet.labels[(NOTE_ROW, 1)] = NOTE
    if sheet.width > 2:
        for row, col in sheet.inputs:
            sheet.merges.append((row, col, row, sheet.width))
        for row in sheet.sections:
            sheet.merges.append((row, 1, row, sheet.width))


def digest(built: Layout) -> str:
    """What a workbook's cells mean, hashed: every label and every input's place and field.
    A workbook made by a zx whose schemas or labels differ has another digest."""
    import hashlib
    import json

    shape = [
        [
            sheet.name,
            sorted([r, c, t] for (r, c), t in sheet.labels.items()),
            sorted(
                [r, c, i.file, [str(p) for p in i.path], i.field.kind]
                for (r, c), i in sheet.inputs.items()
            ),
            [
                [
                    t.file,
                    [str(p) for p in t.path],
                    t.header_row,
                    t.rows,
                    [[f.key, f.kind] for f in t.columns],
                ]
                for t in sheet.tables
            ],
            sorted(sheet.merges),
        ]
        for sheet in built.sheets
    ]
    text = json.dumps(shape, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sizes_for(layout_form: str, documents: Mapping[str, Any]) -> dict[str, int]:
    """Rows each table needs for the data in `documents` (file kind → data)."""
    sizes: dict[str, int] = {}
    probe = build(layout_form, {})
    for _sheet, table in probe.tables():
        count = _count(documents.get(table.file), table.path)
        sizes[table_key(table.file, table.path)] = max(MIN_TABLE_ROWS, count + SPARE_ROWS)
    return sizes


def _count(data: Any, path: JsonPath) -> int:
    """Items at `path`; through a list on the way (members → ties), the items of all."""
    if not path:
        return len(data) if isinstance(data, list) else 0
    if isinstance(data, list):
        return sum(_count(item, path) for item in data)
    if isinstance(data, dict):
        return _count(data.get(path[0]), path[1:])
    return 0
