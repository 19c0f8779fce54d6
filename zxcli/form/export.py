"""`zx form export`: the fill-in workbook of a dossier (or of the committee), from its YAML.

One sheet per part of the forms, labels from the schemas' titles, each input cell's input
message from the field's description, enums as drop-downs, units in the number formats,
real dates, codes and phone numbers as text. Labels are locked, inputs are not; every
sheet prints on A4. A hidden sheet carries the identity (identity.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import zxcli.load.xlsxlib  # noqa: F401  (openpyxl without numpy)
from zxcli.errors import InputError
from zxcli.form import layout as lay
from zxcli.form.identity import META, FormIdentity, Kept
from zxcli.form.layout import Field, Layout, Sheet, Table

PROMPT_CHARS = 250  # Excel refuses an input message longer than 255 characters
PROMPT_TITLE_CHARS = 30
LABEL_MM, PORTRAIT_MM, LANDSCAPE_MM = 42.0, 156.0, 267.0
_INPUT_FILL = "FFFFFF"
_LOCKED_FILL = "F2F2F2"
_FORMATS = {
    "date": "yyyy-mm-dd",
    "integer": "0",
    "text": "@",
    "enum": "@",
    "list": "@",
    "boolean": "@",
}


def cell_value(field: Field, value: Any) -> Any:
    """What a cell shows for a YAML value: a real date, 是/否, a list joined, text as text."""
    if value is None:
        return None
    if field.kind == "boolean" and isinstance(value, bool):
        return lay.YES if value else lay.NO
    if field.kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # kept as the text it is: validation says what is wrong with it
    if field.kind == "list" and isinstance(value, list):
        items = [str(v) for v in value]
        clash = next((v for v in items if any(s in v for s in lay.LIST_SEPARATORS)), None)
        if clash is not None:  # it would come back as two items
            raise InputError("ZX073", item=clash, field=field.title)
        return lay.LIST_JOIN.join(items)
    return value


def number_format(field: Field) -> str:
    if field.kind == "number":
        return f'0.00"{field.unit}"' if field.unit else "General"
    return _FORMATS.get(field.kind, "@")


def workbook(
    layout: Layout, documents: Mapping[str, Any], identity: FormIdentity, title: str
) -> bytes:
    from openpyxl.workbook.protection import WorkbookProtection

    from zxcli.render.style import new_workbook
    from zxcli.tally.outputs import save_workbook

    wb = new_workbook()
    wb.remove(wb.active)
    for sheet in layout.sheets:
        _sheet(wb.create_sheet(sheet.name), sheet, documents)
    _meta(wb, identity)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # identity hidden, order fixed
    return save_workbook(wb, title)


def _sheet(ws: Any, sheet: Sheet, documents: Mapping[str, Any]) -> None:
    from zxcli.render import style

    landscape = sheet.width > 3
    widths = _widths(sheet, landscape)
    style.set_widths(ws, widths)
    for (row, col), text in sorted(sheet.labels.items()):
        _label(ws, row, col, text, sheet)
    for (row, col), cell in sheet.inputs.items():
        value = cell_value(cell.field, lay.value_at(documents.get(cell.file), cell.path))
        _input(ws, row, col, cell.field, value, sum(widths[col - 1 : sheet.width]))
        _fit_label(ws, row, sheet.labels.get((row, 1), ""), widths[0])
    for table in sheet.tables:
        _table(ws, table, documents.get(table.file), widths)
        _fit_header(ws, sheet, table, widths)
    for r1, c1, r2, c2 in sheet.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    _validations(ws, sheet)
    last = ws.cell(1, sheet.width).column_letter
    style.print_setup(ws, f"A1:{last}{sheet.last_row}", None, landscape=landscape)
    style.page_footer(ws)
    ws.protection.sheet = True
    ws.protection.formatRows = False  # rows may grow for long texts
    ws.protection.formatColumns = False


# Table columns: a date, a figure or a yes/no takes a fixed width (mm); the texts share
# the rest of the page by weight (a sentence more than a name, a code or a choice).
_FIXED_MM = {"date": 30.0, "number": 28.0, "integer": 20.0, "boolean": 20.0}
_WEIGHTS = {"text": 3.0, "list": 2.5, "enum": 2.0}


def _widths(sheet: Sheet, landscape: bool) -> list[float]:
    """Column A holds the labels; the others share the page by what their tables hold."""
    page = LANDSCAPE_MM if landscape else PORTRAIT_MM
    if sheet.width <= 2:
        return [LABEL_MM, page - LABEL_MM]
    fixed: dict[int, float] = {}
    weights = [1.0] * (sheet.width - 1)
    for table in sheet.tables:
        for j, column in enumerate(table.columns, start=table.offset):
            if j < 1:
                continue
            if column.kind in _FIXED_MM:
                fixed[j - 1] = max(fixed.get(j - 1, 0.0), _FIXED_MM[column.kind])
            else:
                weight = _WEIGHTS[column.kind]
                if column.kind == "text" and (column.identity or column.defs != "text"):
                    weight = 2.0  # a name, a code, an id: one line
                weights[j - 1] = max(weights[j - 1], weight)
    free = [i for i in range(len(weights)) if i not in fixed]
    rest = page - LABEL_MM - sum(fixed.values())
    total = sum(weights[i] for i in free) or 1.0
    return [LABEL_MM] + [
        fixed[i] if i in fixed else max(rest * weights[i] / total, 15.0)
        for i in range(len(weights))
    ]


def _label(ws: Any, row: int, col: int, text: str, sheet: Sheet) -> None:
    from openpyxl.styles import PatternFill

    from zxcli.render import style

    cell = style.put(ws, row, col, text)
    if row == lay.TITLE_ROW:
        cell.font = style.xfont(style.TITLE_FONT, 16)
        ws.row_dimensions[row].height = 32
        return
    if row == lay.NOTE_ROW:
        cell.font = style.xfont(size=9, color="595959")
        cell.alignment = style.xalign()
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=sheet.width)
        ws.row_dimensions[row].height = 40
        return
    heading = row in sheet.sections or any(t.header_row == row for t in sheet.tables)
    cell.font = style.xfont(style.HEADING_FONT if heading else style.BODY_FONT, 11)
    cell.alignment = style.xalign("center" if heading and col > 1 else "left")
    cell.border = style.BORDER
    cell.fill = PatternFill("solid", fgColor="D9D9D9" if heading else _LOCKED_FILL)


def _input(ws: Any, row: int, col: int, field: Field, value: Any, width_mm: float) -> None:
    from openpyxl.styles import PatternFill, Protection

    from zxcli.render import style

    cell = style.put(ws, row, col, value)
    cell.number_format = number_format(field)
    numeric = field.kind in ("number", "integer")
    cell.alignment = style.xalign("right" if numeric else "left", "top")
    cell.font = style.xfont(size=11)
    cell.border = style.BORDER
    cell.fill = PatternFill("solid", fgColor=_INPUT_FILL)
    cell.protection = Protection(locked=False)
    lines = style.text_lines(value, width_mm, 11) if isinstance(value, str) else 1
    least = 1
    if field.kind == "text" and field.defs == "text" and not field.identity:
        least = 2
    height = max(lines, least) * style.line_height_pt(11) + 6
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, height)


def _fit_label(ws: Any, row: int, label: str, width_mm: float) -> None:
    """A row at least as high as its label needs (a long label wraps, never cut)."""
    from zxcli.render import style

    height = style.text_lines(label, width_mm, 11) * style.line_height_pt(11) + 6
    ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, height)


def _fit_header(ws: Any, sheet: Sheet, table: Table, widths: list[float]) -> None:
    """A table's header row as high as its longest label needs in its column."""
    from zxcli.render import style

    row = table.header_row
    lines = max(
        style.text_lines(text, widths[col - 1], 11)
        for (r, col), text in sheet.labels.items()
        if r == row
    )
    ws.row_dimensions[row].height = lines * style.line_height_pt(11) + 6


def _table(ws: Any, table: Table, data: Any, widths: list[float]) -> None:
    items = _items(data, table)
    for i in range(table.rows):
        row = table.first_row + i
        item, parent = items[i] if i < len(items) else ({}, None)
        if table.parent is not None:
            key = table.parent.columns[0]
            _input(ws, row, 1, key, parent, widths[0])
        for j, column in enumerate(table.columns, start=1 + table.offset):
            value = cell_value(column, item.get(column.key))
            _input(ws, row, j, column, value, widths[j - 1])


def _items(data: Any, table: Table) -> list[tuple[dict[str, Any], Any]]:
    """The items of a table, each with its parent's key (nested tables: a member's ties)."""
    if table.parent is None:
        found = lay.value_at(data, table.path)
        return [(x, None) for x in found if isinstance(x, dict)] if isinstance(found, list) else []
    parents = lay.value_at(data, table.parent.path)
    nested = str(table.path[-1])
    out = []
    for parent in parents if isinstance(parents, list) else []:
        if isinstance(parent, dict) and isinstance(parent.get(nested), list):
            key = parent.get(table.parent_key)
            out += [(x, key) for x in parent[nested] if isinstance(x, dict)]
    return out


def _validations(ws: Any, sheet: Sheet) -> None:
    """Input messages from the schema, drop-downs for enums and 是/否, numeric bounds."""
    from openpyxl.utils import get_column_letter

    targets: list[tuple[Field, str]] = []
    for (row, col), cell in sheet.inputs.items():
        targets.append((cell.field, f"{get_column_letter(col)}{row}"))
    for table in sheet.tables:
        for j, column in enumerate(table.columns, start=1 + table.offset):
            letter = get_column_letter(j)
            targets.append((column, f"{letter}{table.first_row}:{letter}{table.last_row}"))
    for made, ref in targets:
        validation = _validation(made)
        validation.add(ref)
        ws.add_data_validation(validation)


def _validation(field: Field) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = field.help if len(field.help) <= PROMPT_CHARS else field.help[:PROMPT_CHARS] + "…"
    common = {
        "allow_blank": True,
        "showInputMessage": True,
        "prompt": prompt,
        "promptTitle": field.label.rstrip("＊")[:PROMPT_TITLE_CHARS],
        "showErrorMessage": True,
        "errorTitle": field.title[:PROMPT_TITLE_CHARS],
    }
    choices = (
        field.enum
        if field.kind == "enum"
        else ((lay.YES, lay.NO) if field.kind == "boolean" else ())
    )
    if choices:
        return DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            error="请从下拉列表中选择",
            **common,
        )
    if field.kind == "integer":
        return DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="1000000000",
            error="请填写整数",
            **common,
        )
    if field.kind == "number":
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000",
            formula2="1000000000",
            error="请填写数字（不带单位）",
            **common,
        )
    if field.kind == "date":
        return DataValidation(
            type="date",
            operator="between",
            formula1="1",
            formula2="73050",
            error="请填写日期，如 2025-03-20",
            **common,
        )
    return DataValidation(
        type=None,
        showErrorMessage=False,
        **{k: v for k, v in common.items() if k != "showErrorMessage"},
    )


def _meta(wb: Any, identity: FormIdentity) -> None:
    meta = wb.create_sheet(META)
    for row, (key, value) in enumerate(identity.cells(), start=1):
        meta.cell(row, 1, key)
        cell = meta.cell(row, 2, value)
        cell.data_type = "s"
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def kept_records(layout: Layout, documents: Mapping[str, Any]) -> tuple[Kept, ...]:
    """The `zx freeze` records of the attachments (sha256, frozen_on), by item id."""
    kept: list[Kept] = []
    for _sheet, table in layout.tables():
        found = lay.value_at(documents.get(table.file), table.path)
        for item in found if isinstance(found, list) and table.parent is None else []:
            if (
                isinstance(item, dict)
                and isinstance(item.get("sha256"), str)
                and isinstance(item.get("frozen_on"), str)
                and isinstance(item.get("id"), str)
            ):
                kept.append(
                    Kept(
                        lay.table_key(table.file, table.path),
                        item["id"],
                        str(item.get("path", "")),
                        item["sha256"],
                        item["frozen_on"],
                    )
                )
    return tuple(kept)


def unplaced(layout: Layout, documents: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first value of the YAML the workbook has no cell for (a key the schema does not
    know, a mapping where a text belongs), as (file kind, dotted path); None if none.

    Such a value would be lost on the way back: the export refuses instead.
    """
    places = _places(layout)
    for kind, data in documents.items():
        found = _first_unplaced(kind, data, (), places)
        if found is not None:
            return kind, ".".join(str(p) for p in found)
    return None


def _places(layout: Layout) -> set[tuple[str, tuple[str, ...]]]:
    """Every place a value may have, indexes written as "*" (the omitted records too)."""
    places: set[tuple[str, tuple[str, ...]]] = set()
    for _sheet, _at, cell in layout.cells():
        places.add((cell.file, tuple(str(p) for p in cell.path)))
    for _sheet, table in layout.tables():
        base = _star(table)
        keys = [c.key for c in table.columns] + list(_OMITTED)
        places |= {(table.file, (*base, key)) for key in keys}
    return places


_OMITTED = ("sha256", "frozen_on")  # zx freeze's records, carried by the identity


def _star(table: Table) -> tuple[str, ...]:
    if table.parent is None:
        return (*(str(p) for p in table.path), "*")
    return (*_star(table.parent), str(table.path[-1]), "*")


def _first_unplaced(
    kind: str, data: Any, path: tuple[str, ...], places: set[tuple[str, tuple[str, ...]]]
) -> tuple[str, ...] | None:
    if (kind, path) in places:
        # A scalar, or a list of scalars kept in one cell.
        scalar = not isinstance(data, (dict, list)) or (
            isinstance(data, list) and all(not isinstance(v, (dict, list)) for v in data)
        )
        return None if scalar else path
    if isinstance(data, dict):
        for key, value in data.items():
            found = _first_unplaced(kind, value, (*path, str(key)), places)
            if found is not None:
                return found
        return None
    if isinstance(data, list):
        for value in data:
            found = _first_unplaced(kind, value, (*path, "*"), places)
            if found is not None:
                return found
        return None
    return path
