"""Regenerate the generated parts of the docs, so no table can drift from the code.

Run after changing a rule, a schema or `zx init`: `python tools/update_docs.py`.
tests/test_docs.py fails while any doc and its source disagree.

A generated part sits between an opening marker and `<!-- /generated -->`; the marker
says what it is generated from (every .md file of README.md and docs/ is looked at, so a
doc written later uses the same markers):

- `<!-- rules:start -->` … `<!-- rules:end -->`: the rule list (`zx rules --format markdown`);
- `<!-- generated:fields KIND [PATH] [depth=N] [skip=A,B] -->`: the fields of
  schemas/KIND.schema.json under PATH (dotted, `[]` for a list's items; none: the whole
  file), N levels deep, A and B without their own fields (another table lists them);
- `<!-- generated:codes CODE … [hint] -->`: code, severity, article and title (and the fix
  hint) of the listed codes from the catalog (`ZX76x`, `ZX7xx`: every code of the range);
- `<!-- generated:modelines -->`: the `$schema=` line of each file of a campaign as
  `zx init --campaign` lays it out;
- `<!-- generated:edition -->`: the edition of the bundled divisions (`zx --version`).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from zxcli.catalog import catalog, term
from zxcli.report.rules_list import as_markdown
from zxcli.schema.export import list_schemas, schema_comment
from zxcli.schema.store import schema

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "guide.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n).*?(<!-- rules:end -->)", re.S)
GENERATED = re.compile(r"(<!-- generated:(\w+)([^>]*?)-->\n).*?(<!-- /generated -->)", re.S)
END = "<!-- /generated -->"


def doc_files() -> list[Path]:
    """README.md and every markdown file under docs/ (also those written later)."""
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def updated_guide(text: str) -> str:
    """Kept for callers of the first version: every generated part of one doc."""
    return updated(text)


def updated(text: str) -> str:
    text = BLOCK.sub(lambda m: m.group(1) + as_markdown("zh", anchors=True) + m.group(2), text)
    return GENERATED.sub(
        lambda m: m.group(1) + _generate(m.group(2), m.group(3).split()) + m.group(4), text
    )


def _generate(what: str, args: list[str]) -> str:
    makers: Mapping[str, Callable[[list[str]], str]] = {
        "fields": _fields,
        "codes": _codes,
        "modelines": _modelines,
        "edition": _edition,
    }
    if what not in makers:
        raise SystemExit(f"unknown generated part: {what}")
    return makers[what](args)


# ---------------------------------------------------------------------- fields

_TYPE_NAMES = {
    "integer": "整数",
    "number": "数字",
    "string": "文字",
    "boolean": "true/false",
    "array": "列表",
    "object": "对象",
}


def _fields(args: list[str]) -> str:
    kind = args[0]
    options = dict(a.split("=", 1) for a in args[1:] if "=" in a)
    depth = int(options.get("depth", 99))
    skip = set(filter(None, options.get("skip", "").split(",")))
    path = next((a for a in args[1:] if "=" not in a), "")
    root = schema(kind)
    node = _at(root, path)
    rows = ["| 字段 | 名称 | 类型 | 必填 | 默认 | 说明 |", "|---|---|---|---|---|---|"]
    for name, prop, required in _walk(root, node, "", depth, skip):
        rows.append(
            "| "
            + " | ".join(
                _cell(c)
                for c in (
                    f"`{name}`",
                    prop.get("title", ""),
                    _type(root, prop),
                    "是" if required else "否",
                    _default(prop),
                    prop.get("description", ""),
                )
            )
            + " |"
        )
    return "\n".join(rows) + "\n"


def _at(root: dict[str, Any], path: str) -> dict[str, Any]:
    node = root
    for part in filter(None, path.split(".")):
        items = part.endswith("[]")
        node = _resolved(root, node["properties"][part.removesuffix("[]")])
        if items:
            node = _resolved(root, node["items"])
    return node


def _resolved(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A property with its `$ref` (to #/$defs/…) merged in; the property's own words win."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = root["$defs"][ref.rsplit("/", 1)[1]]
    return {**_resolved(root, target), **{k: v for k, v in node.items() if k != "$ref"}}


def _walk(
    root: dict[str, Any], node: dict[str, Any], prefix: str, depth: int, skip: set[str]
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(dotted name, property, required) of each field, parents before their fields;
    a field in `skip` is listed without its own fields (another table has them)."""
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        prop = _resolved(root, raw)
        dotted = f"{prefix}{name}"
        yield dotted, prop, name in required
        if depth <= 1 or dotted in skip:
            continue
        if prop.get("type") == "object" and "properties" in prop:
            yield from _walk(root, prop, dotted + ".", depth - 1, skip)
        elif prop.get("type") == "array" and isinstance(prop.get("items"), dict):
            items = _resolved(root, prop["items"])
            if "properties" in items:
                yield from _walk(root, items, dotted + "[].", depth - 1, skip)


def _type(root: dict[str, Any], prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "取值之一：" + "、".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type", "")
    if isinstance(kind, list):  # e.g. ["string", "null"]: each allowed type, in order
        words = dict.fromkeys(
            _type(root, {**prop, "type": each}) for each in kind if each != "null"
        )
        return " 或 ".join(words) + ("（可留空）" if "null" in kind else "")
    if prop.get("format") == "date":
        return "日期（YYYY-MM-DD）"
    words = _TYPE_NAMES.get(kind, str(kind))
    if kind == "string" and prop.get("pattern") == "^[0-9]{6}$":
        words = "文字（6位数字，加引号）"
    if kind == "array":
        items = _resolved(root, prop.get("items", {}))
        if "enum" in items:
            words = "列表，每项取值之一：" + "、".join(f"`{v}`" for v in items["enum"])
        elif items.get("type") in ("string", "integer", "number"):
            words = f"{_TYPE_NAMES[items['type']]}列表"
    bounds = _bounds(prop)
    return f"{words}，{bounds}" if bounds else words


def _bounds(prop: dict[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if "exclusiveMinimum" in prop:
        return f"> {prop['exclusiveMinimum']}" + (f"，≤ {high}" if high is not None else "")
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    if high is not None:
        return f"≤ {high}"
    if prop.get("minItems"):
        return f"至少 {prop['minItems']} 项"
    return ""


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop or prop["default"] in ({}, []):
        return "—"
    value = prop["default"]
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------- codes


def _codes(args: list[str]) -> str:
    """Code, severity, article and title (with `hint`: the fix hint too) of the listed codes;
    `ZX76x` or `ZX7xx` lists every code of that range."""
    rules = catalog()
    with_hint = "hint" in args
    codes: list[str] = []
    for wanted in (a for a in args if a != "hint"):
        prefix = wanted.rstrip("x")
        codes += [
            code
            for code in rules
            if code not in codes
            and (code == wanted or (prefix != wanted and code.startswith(prefix)))
        ]
    head = ["代码", "级别", "条款", "名称", *(["修改建议"] if with_hint else [])]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for code in sorted(codes):
        rule = rules[code]
        cells = [
            f"[{code}](guide.md#{code.lower()})",
            term(f"severity.{rule.severity.value}", "zh"),
            rule.article or "—",
            _cell(rule.title["zh"]),
        ]
        if with_hint:
            cells.append(_cell(rule.render_hint("zh", {"did_you_mean": ""})))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------------- modelines

_CAMPAIGN_FILES = {
    "campaign": "zx.yaml",
    "sanctions": "registry/sanctions.yaml",
    "dossier": "dossiers/<省>-<市>/dossier.yaml",
    "application": "dossiers/<省>-<市>/application.yaml",
    "recommendation": "dossiers/<省>-<市>/recommendation.yaml",
    "committee": "review/committee.yaml",
    "ballot": "review/ballots/M01.yaml",
    "publicity": "review/publicity.yaml",
    "decision": "review/decision.yaml",
}


def _modelines(_args: list[str]) -> str:
    """What `zx init --campaign` writes: schemas/ inside the campaign folder, and each file's
    line relative to itself (zxcli/schema/export.py: schema_comment)."""
    rows = ["| 文件（年度目录 `2025/` 内） | 第一行 |", "|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        campaign = Path(tmp) / "2025"
        (campaign / "schemas").mkdir(parents=True)
        for name in list_schemas():
            (campaign / "schemas" / name).write_text("{}", encoding="utf-8")
        for kind, file in _CAMPAIGN_FILES.items():
            folder = (campaign / file).parent
            folder.mkdir(parents=True, exist_ok=True)
            rows.append(f"| `2025/{file}` | `{schema_comment(folder, f'{kind}.schema.json')}` |")
    return "\n".join(rows) + "\n"


def _edition(_args: list[str]) -> str:
    from zxcli.model.gazetteer import Gazetteer

    return (
        f"内置区划数据的版本（`zx --version` 同样显示）：**{Gazetteer.bundled().edition}**；"
        "逐项变更及来源见 `zxcli/data/gazetteer/SOURCE.md`。\n"
    )


def main() -> int:
    for path in doc_files():
        text = path.read_text(encoding="utf-8")
        new = updated(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
