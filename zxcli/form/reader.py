"""Reading a filled-in workbook back into the data of its YAML files.

Every problem names the sheet!cell to correct. A workbook is refused rather than repaired:
formulas are never evaluated, cells outside the form are not guessed at, and a sheet whose
labels moved (a row deleted or inserted) is not read at all, since its values would land in
the wrong fields. The bounds on size, entries and worksheet parts are the ballots'.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import zxcli.load.xlsxlib  # noqa: F401  (openpyxl without numpy)
from zxcli.form import layout as lay
from zxcli.form.identity import META, FormIdentity, Kept, parse
from zxcli.form.layout import Field, JsonPath, Layout, Sheet, Table
from zxcli.load.files import NotRegularFileError, ZipRefusedError, read_regular, zip_entries
from zxcli.load.inert import cell_text
from zxcli.results import Finding, at
from zxcli.tally.ballots import (
    MAX_SHEET_BYTES,
    MAX_SHEET_ENTRIES,
    MAX_SHEET_UNPACKED,
    MAX_WORKSHEET_UNPACKED,
)

Where = dict[tuple[str, JsonPath], str]
_SPLIT = re.compile("[" + re.escape(lay.LIST_SEPARATORS) + "]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class Read:
    """What a workbook holds: its identity, the data per YAML kind, where each value was."""

    display: str
    identity: FormIdentity | None = None
    layout: Layout | None = None
    documents: dict[str, Any] = field(default_factory=dict)
    where: Where = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)

    def problem(self, code: str, cell: str | None, **params: object) -> None:
        self.problems.append(at(code, self.display, cell=cell, params=params))

    def cell_of(self, kind: str, path: JsonPath) -> str | None:
        """The cell of a value, else of the nearest field around or inside it."""
        for cut in range(len(path), 0, -1):
            found = self.where.get((kind, path[:cut]))
            if found:
                return found
            inside = next(
                (c for (k, p), c in self.where.items() if k == kind and p[:cut] == path[:cut]), None
            )
            if inside:
                return inside
        return None


def read_workbook(path: Path, display: str) -> Read:
    read = Read(display)
    opened = _open(path, read)
    if opened is None:
        return read
    wb = opened
    if META not in wb.sheetnames or not _is_worksheet(wb[META]):
        read.problem("ZX061", None, sheet=META)
        return read
    try:
        read.identity = parse(_meta_cells(wb[META]))
    except ValueError as exc:
        read.problem("ZX062", f"{META}!A1", detail=str(exc))
        return read
    read.layout = lay.build(read.identity.form, read.identity.sizes)
    if lay.digest(read.layout) != read.identity.layout:
        # Another zx (other schemas or labels) made it: its cells may mean other fields.
        read.problem("ZX079", f"{META}!B9")
        return read
    expected = [s.name for s in read.layout.sheets]
    for name in wb.sheetnames:
        if name not in expected and name != META:
            read.problem("ZX072", f"{name}!A1", sheet=name)
    for sheet in read.layout.sheets:
        if sheet.name not in wb.sheetnames:
            read.problem("ZX061", None, sheet=sheet.name)
        elif not _is_worksheet(wb[sheet.name]):
            read.problem("ZX061", f"{sheet.name}!A1", sheet=sheet.name)
        else:
            _read_sheet(read, wb[sheet.name], sheet)
    return read


def _is_worksheet(ws: Any) -> bool:
    from openpyxl.worksheet.worksheet import Worksheet

    return isinstance(ws, Worksheet)  # a chart sheet has no cells to read


def _open(path: Path, read: Read) -> Any | None:
    from openpyxl import load_workbook

    try:
        raw = read_regular(path, MAX_SHEET_BYTES)
    except NotRegularFileError as exc:
        read.problem("ZX060", None, reason=exc.node.value)
        return None
    except OSError as exc:
        read.problem("ZX060", None, reason=exc.strerror or type(exc).__name__)
        return None
    if len(raw) > MAX_SHEET_BYTES:
        read.problem("ZX060", None, reason=f"> {MAX_SHEET_BYTES >> 20} MB")
        return None
    try:  # openpyxl unpacks every part into memory: the zip's directory is read first
        entries = zip_entries(
            BytesIO(raw), max_entries=MAX_SHEET_ENTRIES, max_unpacked=MAX_SHEET_UNPACKED
        )
    except ZipRefusedError as exc:
        read.problem("ZX060", None, reason=str(exc))
        return None
    for entry in entries:
        name = entry.filename.lower()
        if name.endswith("vbaproject.bin"):
            read.problem("ZX071", None, entry=entry.filename)
            return None
        if (
            name.startswith(("xl/worksheets/", "xl/chartsheets/"))
            and entry.file_size > MAX_WORKSHEET_UNPACKED
        ):
            read.problem(
                "ZX060", None, reason=f"{entry.filename} > {MAX_WORKSHEET_UNPACKED >> 20} MB"
            )
            return None
    try:
        return load_workbook(BytesIO(raw), data_only=False)
    except Exception as exc:  # a damaged file raises anything from zip to XML errors
        read.problem("ZX060", None, reason=type(exc).__name__)
        return None


def _meta_cells(ws: Any) -> dict[str, object]:
    # Only the cells the file holds: iter_rows() would create every cell up to a far one.
    cells = ws._cells
    keys = {row: c.value for (row, col), c in cells.items() if col == 1 and c.value}
    return {
        str(key): cells[(row, 2)].value if (row, 2) in cells else None
        for row, key in sorted(keys.items())
    }


# --------------------------------------------------------------------------- one sheet


def ref(sheet: str, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(col)}{row}"


def _read_sheet(read: Read, ws: Any, sheet: Sheet) -> None:
    if not _labels_hold(read, ws, sheet) or not _merges_hold(read, ws, sheet):
        return  # values would be read into the wrong fields
    inputs = _input_cells(sheet)
    for (row, col), cell in sorted(ws._cells.items()):
        if cell.data_type == "f":  # never evaluated, whatever it would give
            read.problem("ZX066", ref(sheet.name, row, col), formula=str(cell.value)[:200])
        elif (
            (row, col) not in inputs
            and (row, col) not in sheet.labels
            and _blank(cell.value) is not None
        ):
            read.problem("ZX067", ref(sheet.name, row, col), value=_shown(cell.value))
    for (row, col), cell in sheet.inputs.items():
        value = _value(read, ws, sheet, row, col, cell.field)
        read.where[(cell.file, cell.path)] = ref(sheet.name, row, col)
        if value is not None:
            _set(read.documents.setdefault(cell.file, {}), cell.path, value)
    for table in sheet.tables:
        _read_table(read, ws, sheet, table)


def _input_cells(sheet: Sheet) -> set[tuple[int, int]]:
    cells = set(sheet.inputs)
    for table in sheet.tables:
        width = len(table.columns) + table.offset
        cells |= {
            (r, c) for r in range(table.first_row, table.last_row + 1) for c in range(1, width + 1)
        }
    return cells


def _labels_hold(read: Read, ws: Any, sheet: Sheet) -> bool:
    for (row, col), text in sorted(sheet.labels.items()):
        found = ws._cells.get((row, col))
        value = found.value if found is not None else None
        if str(value or "").strip() != text.strip():
            read.problem("ZX068", ref(sheet.name, row, col), expected=text, found=_shown(value))
            return False
    return True


def _merges_hold(read: Read, ws: Any, sheet: Sheet) -> bool:
    from openpyxl.utils import get_column_letter

    ours = {(r1, c1, r2, c2) for r1, c1, r2, c2 in sheet.merges}
    ours.add((lay.NOTE_ROW, 1, lay.NOTE_ROW, sheet.width))
    for merged in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        bounds = (merged.min_row, merged.min_col, merged.max_row, merged.max_col)
        if bounds not in ours:
            shown = (
                f"{get_column_letter(merged.min_col)}{merged.min_row}:"
                f"{get_column_letter(merged.max_col)}{merged.max_row}"
            )
            read.problem("ZX069", ref(sheet.name, merged.min_row, merged.min_col), range=shown)
            return False
    return True


def _read_table(read: Read, ws: Any, sheet: Sheet, table: Table) -> None:
    items: list[dict[str, Any]] = []
    rows: list[int] = []
    parents: list[Any] = []
    for row in range(table.first_row, table.last_row + 1):
        item: dict[str, Any] = {}
        for j, column in enumerate(table.columns, start=1 + table.offset):
            value = _value(read, ws, sheet, row, j, column)
            if value is not None:
                item[column.key] = value
        parent = _blank(_plain(ws, row, 1)) if table.parent is not None else None
        if item or parent is not None:
            items.append(item)
            rows.append(row)
            parents.append(parent)
    if table.parent is None:
        _set(read.documents.setdefault(table.file, {}), table.path, items)
        _table_where(read, sheet, table, table.path, rows)
        _restore_kept(read, table, items)
    else:
        _attach(read, sheet, table, items, rows, parents)


def _table_where(read: Read, sheet: Sheet, table: Table, path: JsonPath, rows: list[int]) -> None:
    """Where the array, each item and each of its values sit (for findings and --dry-run)."""
    read.where.setdefault((table.file, path), ref(sheet.name, table.first_row, 1 + table.offset))
    for i, row in enumerate(rows):
        read.where[(table.file, (*path, i))] = ref(sheet.name, row, 1 + table.offset)
        for j, column in enumerate(table.columns, start=1 + table.offset):
            read.where[(table.file, (*path, i, column.key))] = ref(sheet.name, row, j)


def _attach(
    read: Read,
    sheet: Sheet,
    table: Table,
    items: list[dict[str, Any]],
    rows: list[int],
    parents: list[Any],
) -> None:
    """A nested table's rows (ties) into the items of its parent (members), by key."""
    assert table.parent is not None
    owners = lay.value_at(read.documents.get(table.file), table.parent.path)
    index = {
        str(o.get(table.parent_key)): i
        for i, o in enumerate(owners or [])
        if isinstance(o, dict) and o.get(table.parent_key) is not None
    }
    nested = str(table.path[-1])
    for item, row, parent in zip(items, rows, parents, strict=True):
        i = index.get(str(parent)) if parent is not None else None
        if i is None:
            read.problem("ZX077", ref(sheet.name, row, 1), value=_shown(parent))
            continue
        owner = owners[i]
        owner.setdefault(nested, []).append(item)
        path = (*table.parent.path, i, nested, len(owner[nested]) - 1)
        _table_where(read, sheet, table, path, [row])


def _restore_kept(read: Read, table: Table, items: list[dict[str, Any]]) -> None:
    """`zx freeze` records come back for each attachment whose path did not change."""
    if read.identity is not None:
        _restore(table, items, read.identity.kept)


def restore_records(documents: dict[str, Any], layout: Layout, kept: tuple[Kept, ...]) -> None:
    """`kept` (records of the YAML as it is now) onto the items read from the workbook."""
    for _sheet, table in layout.tables():
        items = lay.value_at(documents.get(table.file), table.path)
        if table.parent is None and isinstance(items, list):
            _restore(table, items, kept)


def _restore(table: Table, items: list[dict[str, Any]], kept: tuple[Kept, ...]) -> None:
    key = lay.table_key(table.file, table.path)
    records = {(k.item, k.path): k for k in kept if k.table == key}
    for item in items:
        record = records.get((str(item.get("id")), str(item.get("path"))))
        if record is not None:
            item["sha256"] = record.sha256
            item["frozen_on"] = record.frozen_on


def _set(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(str(part), {})
    data[str(path[-1])] = value


# --------------------------------------------------------------------------- one value


def _plain(ws: Any, row: int, col: int) -> Any:
    cell = ws._cells.get((row, col))
    return None if cell is None or cell.data_type == "f" else cell.value


def _value(read: Read, ws: Any, sheet: Sheet, row: int, col: int, made: Field) -> Any:
    raw = _blank(_plain(ws, row, col))
    if raw is None:
        return None
    try:
        if made.kind == "number" and percent_format(ws.cell(row, col).number_format):
            # "6.8%" typed where 6.8 belongs: the spreadsheet keeps 0.068 and a % format.
            raise ValueError(raw)
        return convert(made, raw)
    except ValueError:
        read.problem(
            "ZX070",
            ref(sheet.name, row, col),
            field=made.title,
            expected=_kind_word(made),
            value=_shown(raw),
        )
        return None


def percent_format(number_format: str) -> bool:
    """Whether a number format multiplies by 100: a % outside quotes and not escaped
    (zx writes 0.00"%", LibreOffice saves it as 0.00\\%; both show the value as it is)."""
    bare = re.sub(r'"[^"]*"|\\.', "", str(number_format or ""))
    return "%" in bare


def convert(made: Field, raw: Any) -> Any:
    """A cell's value as the YAML value of `made`; ValueError when it cannot be one.

    What spreadsheets do to a value is undone only where it is unambiguous: a whole number
    in a text cell (a code or a phone number typed where Excel took it for a number) is
    its digits, a date-time at midnight is its date, 2025.0 in an integer field is 2025.
    """
    kind = made.kind
    if kind in ("text", "enum"):
        return _text(raw)
    if kind == "list":
        return [p.strip() for p in _SPLIT.split(_text(raw)) if p.strip()]
    if kind == "boolean":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip() in (lay.YES, lay.NO):
            return raw.strip() == lay.YES
        raise ValueError(raw)
    if kind == "date":
        return _date(raw)
    return _number(raw, integer=kind == "integer")


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        raise ValueError(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return str(int(raw))
    raise ValueError(raw)


def _date(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise ValueError(raw)
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str) and _ISO_DATE.fullmatch(raw.strip()):
        return raw.strip()
    raise ValueError(raw)


def _number(raw: Any, integer: bool) -> int | float:
    if isinstance(raw, (bool, dt.date, dt.time, dt.timedelta)):
        raise ValueError(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if not _NUMBER.fullmatch(text):
            raise ValueError(raw)
        raw = int(text) if text.lstrip("+-").isdigit() else float(text)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueError(raw)
        if integer:
            if not raw.is_integer():
                raise ValueError(raw)
            return int(raw)
        return raw
    if isinstance(raw, int):
        return raw
    raise ValueError(raw)


def _blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return _unguarded(value)


def _unguarded(value: Any) -> Any:
    """A text without the apostrophe zx puts before one that begins like a formula
    (zxcli/load/inert.py): the guard is the workbook's, not the submitter's."""
    if isinstance(value, str) and value.startswith("'") and cell_text(value[1:]) == value:
        return value[1:]
    return value


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:60] + "…"


# What a field takes, said in both languages (a parameter is not translated).
_KIND_WORDS = {
    "text": "文本 text",
    "enum": "下拉选项 a listed choice",
    "list": "文本，用“、”分隔 text, items separated by 、",
    "boolean": "是/否 yes/no",
    "date": "日期 a date, 2025-03-20",
    "integer": "整数 a whole number",
    "number": "数字（不带单位）a number without its unit",
}


def _kind_word(made: Field) -> str:
    return _KIND_WORDS[made.kind]
