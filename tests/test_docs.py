"""The docs cannot drift from the code: README.md and every markdown file under docs/.

Conventions every doc follows (this docstring states them; a doc added later is read the
same way, and docs/architecture.md points here):

1. YAML examples. Every fenced ```yaml block is validated against the schema of its kind:
   - the kind is named in the info string (```yaml committee), or by the block's first
     line: a `$schema=…/<kind>.schema.json` line, any comment naming `<kind>.schema.json`,
     or `# zx.yaml` (the campaign);
   - `part` in the info string: an excerpt of such a file (some of its top-level keys),
     completed from the bundled sample's file of that kind; `part=FIELD`: the value of
     FIELD (e.g. `part=attachments`, a list of attachments);
   - `expect=ZX0nn`: an example that shows that error;
   - `not-zx: reason` (in the info string, or as `<!-- doc-test: not-zx: reason -->` on the
     line before the fence): another tool's file (a CI workflow), not validated.
2. Commands. Every line that starts with `zx` in a shell block (```sh, ```bash,
   ```console, or an unlabelled block) runs, through bash, in a fresh temporary folder
   holding copies of the bundled sample (`sample_dossiers/2024`, and under the names the
   docs use for a campaign: `2025`, `年度目录`, `年度文件夹`), lines of one block in order.
   It must exit 0, or the code its trailing comment names (`退出码 1`). A line whose
   comment says `不在测试中运行：reason` (or a block after `<!-- doc-test: not run: reason
   -->`) is not run; the reason must be given. After `<!-- doc-test: each line alone -->`
   the lines are alternatives: each runs in a fresh folder.
3. Tables. Every table of fields, settings or codes is generated (tools/update_docs.py) and
   current; every code a doc mentions exists in the catalog.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_dossiers" / "2024"
SUZHOU = SAMPLE / "dossiers" / "江苏省-苏州市"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```", re.S | re.M
)
SHELLS = {"", "sh", "bash", "shell", "console"}


def _tool():
    spec = importlib.util.spec_from_file_location("update_docs", REPO / "tools" / "update_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def doc_files() -> tuple[Path, ...]:
    return tuple(_tool().doc_files())


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    info: str
    body: str
    before: str  # the line before the fence (a `<!-- doc-test: … -->` note)

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


@cache
def blocks() -> tuple[Block, ...]:
    found = []
    for path in doc_files():
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
            body = "\n".join(row[len(m.group("indent")) :] for row in m.group("body").split("\n"))
            found.append(Block(path, line, m.group("info").strip(), body, before.strip()))
    return tuple(found)


def _yaml_blocks() -> list[Block]:
    return [b for b in blocks() if b.info.split(" ", 1)[0] in ("yaml", "yml")]


# ---------------------------------------------------------------------- 1. YAML examples

SAMPLE_FILES = {
    "campaign": SAMPLE / "zx.yaml",
    "sanctions": SAMPLE / "registry" / "sanctions.yaml",
    "dossier": SUZHOU / "dossier.yaml",
    "application": SUZHOU / "application.yaml",
    "recommendation": SUZHOU / "recommendation.yaml",
    "committee": SAMPLE / "review" / "committee.yaml",
    "ballot": SAMPLE / "review" / "ballots" / "M01.yaml",
    "publicity": SAMPLE / "review" / "publicity.yaml",
    "decision": SAMPLE / "review" / "decision.yaml",
}
_SCHEMA_NAME = re.compile(r"([a-z]+)\.schema\.json")


@dataclass(frozen=True)
class Example:
    kind: str | None
    part: str | None  # None: a whole file; "": some top-level keys; else a field's value
    expect: str | None
    not_zx: str | None


def example(block: Block) -> Example:
    words = block.info.split()[1:]
    rest = " ".join(words)
    if rest.startswith("not-zx"):
        return Example(None, None, None, rest.partition(":")[2].strip())
    note = re.match(r"<!--\s*doc-test:\s*not-zx\s*[:：](.*?)-->", block.before)
    if note:
        return Example(None, None, None, note.group(1).strip())
    options = dict(w.partition("=")[::2] for w in words if "=" in w or w == "part")
    named = [w for w in words if "=" not in w and w != "part"]
    kind = named[0] if named else _kind_from_first_line(block.body)
    return Example(kind, options.get("part"), options.get("expect"), None)


def _kind_from_first_line(body: str) -> str | None:
    first = body.lstrip("\n").split("\n", 1)[0].strip()
    if not first.startswith("#"):
        return None
    named = _SCHEMA_NAME.search(first)
    if named:
        return named.group(1)
    return "campaign" if re.match(r"#\s*zx\.yaml\b", first) else None


def _kinds() -> set[str]:
    return {p.name.split(".")[0] for p in (REPO / "schemas").glob("*.schema.json")}


def _document(block: Block, ex: Example) -> str:
    """The example as a whole file of its kind: an excerpt is completed from the sample."""
    if ex.part is None:
        return block.body
    assert ex.kind in SAMPLE_FILES, f"{block.id}: no sample {ex.kind} file to complete a part"
    whole = yaml.safe_load(SAMPLE_FILES[ex.kind].read_text(encoding="utf-8"))
    excerpt = yaml.safe_load(block.body) or {}
    if ex.part:
        whole[ex.part] = excerpt
    else:
        assert isinstance(excerpt, dict), f"{block.id}: a part is some top-level keys"
        whole.update(excerpt)
    return yaml.safe_dump(whole, allow_unicode=True, sort_keys=False)


def schema_codes(text: str, kind: str, tmp: Path) -> list[str]:
    """The codes zx's loader and schema check give this text as a file of `kind`."""
    from zxcli.load.yamlsafe import LoadError, load_yaml
    from zxcli.schema.check import check_document

    path = tmp / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        doc = load_yaml(path, path.name)
    except LoadError as exc:
        return [exc.code]
    return [f.code for f in check_document(doc, kind)]


@pytest.mark.parametrize("block", _yaml_blocks(), ids=lambda b: b.id)
def test_every_yaml_example_is_valid_for_its_kind(block: Block, tmp_path: Path) -> None:
    ex = example(block)
    if ex.not_zx is not None:
        assert ex.not_zx, f"{block.id}: say whose file it is (```yaml not-zx: reason)"
        return
    assert ex.kind in _kinds(), (
        f"{block.id}: name the kind of this example (```yaml campaign, or a first line "
        f"`# yaml-language-server: $schema=…/<kind>.schema.json`), one of {sorted(_kinds())}"
    )
    found = schema_codes(_document(block, ex), ex.kind, tmp_path)
    if ex.expect:
        assert ex.expect in found, f"{block.id}: expected {ex.expect}, zx says {found}"
    else:
        assert found == [], f"{block.id}: the {ex.kind} example is refused: {found}"


def test_an_example_with_a_wrong_field_is_caught(tmp_path: Path) -> None:
    """The check above is not vacuous: the guide's old zx.yaml (sanction_years) fails."""
    bad = Block(
        REPO / "docs" / "guide.md",
        1,
        "yaml",
        "# yaml-language-server: $schema=schemas/campaign.schema.json\n"
        "year: 2025\nlimits:\n  sanction_years: 3\n",
        "",
    )
    ex = example(bad)
    assert ex.kind == "campaign"
    assert schema_codes(_document(bad, ex), "campaign", tmp_path) != []
    part = Block(
        bad.path,
        1,
        "yaml sanctions part=records",
        "- {id: X, scope: city, province: 某某省, reason: r, decision: d,"
        " decided_on: 2024-01-01, first_barred_year: 2024}\n",
        "",
    )
    assert schema_codes(_document(part, example(part)), "sanctions", tmp_path) != []


# ---------------------------------------------------------------------- 2. commands

_COMMAND = re.compile(r"^(?:\$ )?(zx(?:\s.*)?)$")
_EXIT = re.compile(r"(?:退出码|exit(?: code)?)\s*(\d+)")
_NOT_RUN = re.compile(r"(?:不在测试中运行|not run)\s*[:：]\s*(\S.*)")
# The names the docs give a reader's folders, and what each is a copy of.
PLACEHOLDERS = {
    "2025": SAMPLE,
    "年度目录": SAMPLE,
    "年度文件夹": SAMPLE,
    "申报目录": SUZHOU,
    "申报文件夹": SUZHOU,
    "本单位模板": REPO / "templates",
}
_ALONE = "each line alone"


@dataclass(frozen=True)
class Command:
    line: str  # the shell line without its comment
    exit: int
    not_run: str | None


def commands(block: Block) -> list[Command]:
    found = []
    block_note = _NOT_RUN.search(block.before) if block.before.startswith("<!--") else None
    for raw in block.body.split("\n"):
        m = _COMMAND.match(raw.strip())
        if not m:
            continue
        line, _, comment = m.group(1).partition("  #")
        if not comment and " # " in line:
            line, _, comment = line.partition(" # ")
        not_run = _NOT_RUN.search(comment) or block_note
        expected = _EXIT.search(comment)
        found.append(
            Command(
                line.strip(),
                int(expected.group(1)) if expected else 0,
                not_run.group(1).strip(" -") if not_run else None,
            )
        )
    return found


def _command_blocks() -> list[Block]:
    return [b for b in blocks() if b.info.split(" ", 1)[0] in SHELLS and commands(b)]


def _workdir(tmp: Path, text: str) -> Path:
    """A folder like the one a reader works in: the sample, and the folders the docs name
    by a placeholder, each a copy (nothing a command writes reaches the repository)."""
    shutil.copytree(SAMPLE, tmp / "sample_dossiers" / "2024", symlinks=True)
    for name, source in PLACEHOLDERS.items():
        if re.search(rf"(?<![\w/]){re.escape(name)}(?![\w])", text):
            shutil.copytree(source, tmp / name, symlinks=True)
    return tmp


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # the `zx` of this interpreter (a virtual environment's bin/), the tested checkout first
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.pop("ZX_LANG", None)
    return env


@pytest.mark.slow
@pytest.mark.parametrize("block", _command_blocks(), ids=lambda b: b.id)
def test_every_zx_command_in_the_docs_runs(block: Block, tmp_path: Path) -> None:
    alone = _ALONE in block.before  # the lines are alternatives, not steps
    work = _workdir(tmp_path / "work", block.body)
    for i, command in enumerate(commands(block)):
        if alone and i:
            work = _workdir(tmp_path / f"work{i}", command.line)
        if command.not_run is not None:
            assert len(command.not_run) >= 4, f"{block.id}: say why `{command.line}` is not run"
            continue
        done = subprocess.run(
            ["bash", "-c", command.line],
            cwd=work,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == command.exit, (
            f"{block.id}: `{command.line}` exited {done.returncode}, the doc says "
            f"{command.exit}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
        assert "Traceback" not in done.stderr


def test_command_conventions_are_read() -> None:
    block = Block(
        REPO / "README.md",
        1,
        "sh",
        "zx validate 2025   # 退出码 1：尚有错误\n"
        "zx validate --scan 2025   # 不在测试中运行：需要可选组件\nls\n",
        "",
    )
    found = commands(block)
    assert [(c.line, c.exit, c.not_run) for c in found] == [
        ("zx validate 2025", 1, None),
        ("zx validate --scan 2025", 0, "需要可选组件"),
    ]


# ---------------------------------------------------------------------- 3. tables


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_generated_parts_are_current(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _tool().updated(text) == text, "run: python tools/update_docs.py"


def test_guide_rule_list_is_generated_from_the_catalog() -> None:
    tool = _tool()
    text = tool.GUIDE.read_text(encoding="utf-8")
    assert "<!-- rules:start -->" in text
    assert tool.updated_guide(text) == text, "run: python tools/update_docs.py"


_FIELD_HEADS = {"字段", "设置", "设置项", "field", "setting", "key"}
_CATALOG_HEADS = {"级别", "条款", "名称", "标题", "severity", "article", "title"}


def _tables(text: str) -> Iterator[tuple[int, list[str], list[str]]]:
    """(line, header cells, first cells of the rows) of each table outside generated parts."""
    inside = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "<!-- generated:" in line or "<!-- rules:start -->" in line:
            inside = True
        elif "<!-- /generated -->" in line or "<!-- rules:end -->" in line:
            inside = False
        elif (
            not inside
            and line.lstrip().startswith("|")
            and i + 1 < len(lines)
            and re.match(r"^\s*\|[-:| ]+\|\s*$", lines[i + 1])
            and (i == 0 or not lines[i - 1].lstrip().startswith("|"))
        ):
            rows = []
            for row in lines[i + 2 :]:
                if not row.lstrip().startswith("|"):
                    break
                rows.append(row.strip().strip("|").split("|")[0].strip())
            yield i + 1, [c.strip() for c in line.strip().strip("|").split("|")], rows


@cache
def _all_schema_fields() -> frozenset[str]:
    """Every property name of the input schemas (what a table of fields would list)."""
    import json

    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (REPO / "schemas").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return frozenset(names)


def _schema_fields(rows: list[str]) -> bool:
    """Whether a table's first column lists the input schemas' fields (most of them are):
    a table of another format's fields (the JSON report's) is not generated from them."""
    names = [re.split(r"[.\[]", m)[-1] for r in rows for m in re.findall(r"`([^`]+)`", r)[:1]]
    known = [n for n in names if n in _all_schema_fields()]
    return bool(names) and len(known) * 2 > len(names)


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_tables_of_fields_and_codes_are_generated(path: Path) -> None:
    """A table listing fields, or restating the catalog's facts about codes, is generated."""
    for line, head, rows in _tables(path.read_text(encoding="utf-8")):
        where = f"{path.relative_to(REPO)}:{line}"
        if head[0].strip("`").lower() in _FIELD_HEADS:
            assert not _schema_fields(rows), (
                f"{where}: a table of fields is generated: <!-- generated:fields KIND PATH -->"
            )
        codes = [r for r in rows if re.match(r"^\[?ZX\d{3}", r)]
        if codes and any(h.lower() in _CATALOG_HEADS for h in head[1:]):
            raise AssertionError(
                f"{where}: a table of codes with their catalog facts is "
                "generated: <!-- generated:codes ZX… -->"
            )


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_code_a_doc_names_exists(path: Path) -> None:
    from zxcli.catalog import catalog

    text = re.sub(r"ZX\d{3}\s*[–-]\s*ZX\d{3}", "", path.read_text(encoding="utf-8"))  # ranges
    named = set(re.findall(r"\bZX\d{3}\b", text))
    assert named <= set(catalog()), sorted(named - set(catalog()))


def test_every_rule_renders_in_both_languages() -> None:
    from zxcli.catalog import LANGS, catalog

    for rule in catalog().values():
        params = {name: "x" for name in rule.placeholders()}
        for lang in LANGS:
            assert not re.search(r"\{[a-z_]+\}", rule.render(lang, params)), rule.code
            assert rule.title[lang] and rule.hint[lang], rule.code


# ---------------------------------------------------------------------- 4. words

# Any citation of article 14, however spelled: 第14条, 第5、8、14条, 第十四条, article 14,
# articles 5, 8 and 14. 第14条 is about liability for misconduct; 回避 rests on 第3条.
_ARTICLE_14 = re.compile(
    r"第[0-9一二三四五六七八九十、，,和及与至–-]*(?:14|十四)(?![0-9])[0-9、，,]*条"
    r"|(?i:\barticles?\s+(?:\d+\s*(?:,|and|&)\s*)*14\b|\bart\.?\s*14\b)"
)
# A sentence may say what 第14条 is (and that 回避 does not rest on it).
_SAYS_WHAT_14_IS = re.compile(r"第14条\s*(?:是|is\b)|不是回避的依据|not (?:about )?recusal")
_TEXT_SUFFIXES = {".md", ".py", ".yaml", ".yml", ".json", ".j2", ".txt", ".toml"}


def _repo_texts() -> Iterator[Path]:
    for top in (
        "README.md",
        "docs",
        "zxcli",
        "schemas",
        "bench",
        "tools",
        "templates",
        "sample_dossiers",
    ):
        root = REPO / top
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        yield from (p for p in files if p.is_file() and p.suffix in _TEXT_SUFFIXES)


def recusal_citing_14(text: str) -> list[str]:
    """Sentences that cite article 14 in a 回避 (recusal) context: the sentence, or the
    paragraph around it, is about 回避, and the sentence does not say what 第14条 is."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        about_recusal = re.search(r"回避|recus", paragraph, re.I)
        for sentence in re.split(r"(?<=[。；;!?])\s*|(?<=\.)\s+(?=[A-Z])|\n", paragraph):
            if (
                _ARTICLE_14.search(sentence)
                and about_recusal
                and not _SAYS_WHAT_14_IS.search(sentence)
            ):
                found.append(sentence.strip())
    return found


def test_no_article_14_for_recusal_anywhere() -> None:
    hits = {
        str(p.relative_to(REPO)): found
        for p in _repo_texts()
        if (found := recusal_citing_14(p.read_text(encoding="utf-8", errors="replace")))
    }
    assert hits == {}


@pytest.mark.parametrize(
    "text",
    [
        "所在省份的市（州）回避（第14条）。",
        "计票：回避、通过线（第5、8、14条）。",
        "回避，不投票（同省，第十四条）",
        "Count the ballots: recusals, quota (articles 5, 8 and 14).",
        "回避 per Art. 14",
    ],
)
def test_the_recusal_guard_finds_every_spelling(text: str) -> None:
    assert recusal_citing_14(text)


@pytest.mark.parametrize(
    "text",
    [
        "回避依据第3条；第14条是工作人员违法违纪的责任追究条款，不是回避的依据。",
        "回避（第3条）。第13条取消三年资格。",
        "第114条",
        "2014年度",
    ],
)
def test_the_recusal_guard_lets_true_sentences_be(text: str) -> None:
    assert not recusal_citing_14(text)


def test_no_default_reference_share_is_claimed() -> None:
    """第6条(3) has no number: the docs claim no 默认 30 for the 技改 reference."""
    for path in doc_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"默认\s*30", text), path


def _sample_year() -> Any:
    return yaml.safe_load((SAMPLE / "zx.yaml").read_text(encoding="utf-8"))["year"]


def test_the_sample_folder_is_named_by_its_year() -> None:
    """The sample is the 2024年度's: its folder, and every doc that names it, say so."""
    year = _sample_year()
    assert SAMPLE.name == str(year)
    for path in (*doc_files(), REPO / "sample_dossiers" / "README.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(rf"sample_dossiers/(?!{year}\b|broken\b)\d{{4}}", text), path
    readme = (REPO / "sample_dossiers" / "README.md").read_text(encoding="utf-8")
    assert f"{year}年度" in readme
    assert not re.search(rf"(?<![\d-])(?!{year})\d{{4}}(?:年度|/)", readme), "another year"
