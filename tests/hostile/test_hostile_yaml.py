"""Hostile YAML, bytes and values in a dossier, through `zx validate`.

Three families of the corpus: pathological YAML (alias bombs, huge and deeply nested
documents, duplicate keys, tabs, syntax errors, empty files, a top level that is no mapping,
tags that would run code), encodings and bytes (UTF-16/32 with and without BOM, GBK,
Latin-1, control bytes, NULs, surrogates, invalid UTF-8), and values (wrong types, YAML 1.1
booleans, NaN and infinities, absurd numbers, negative money, percentages over 100,
impossible dates). Each case is one dossier folder, and all of them are checked by one run
of `zx validate` in JSON and one in text: every case must come back as its catalog code, at
its file and line, and the run must end with exit 1, never with a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import (
    EXIT_FINDINGS,
    EXIT_OK,
    SUZHOU_DIR,
    Case,
    assert_finding,
    copy_dossier,
    replace_text,
    text_mentions,
    zx,
)

DOSSIER = "dossier.yaml"
APPLICATION = "application.yaml"
MARKER = "PWNED"  # a file that a tag executing code would create beside the batch


def put(name: str, data: bytes | str | Callable[[Path], bytes | str]) -> Callable[[Path], None]:
    """Replace file `name` of the dossier with `data` (or with what `data(folder)` makes)."""

    def make(folder: Path) -> None:
        content = data(folder) if callable(data) else data
        raw = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(raw)

    return make


def sub(name: str, old: str, new: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        replace_text(folder / name, old, new)

    return make


def reencode(name: str, encoding: str, bom: bytes = b"") -> Callable[[Path], None]:
    """The sample file as it is, saved in another encoding."""
    text = (SUZHOU_DIR / name).read_text(encoding="utf-8")
    return put(name, bom + text.encode(encoding))


def _marker(folder: Path) -> str:
    return str(folder.parent.parent / MARKER)


def _bomb() -> str:
    # Nine levels of nine: 387 420 489 strings once expanded; a few hundred bytes here.
    rows = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join(rows) + "\n"


def _deep_block(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v: 1\n"


# ---------------------------------------------------------------------- pathological YAML

YAML_CASES = [
    Case("alias-bomb", "ZX005", EXIT_FINDINGS, DOSSIER, 2, put(DOSSIER, _bomb()), column=10),
    Case(
        "alias-reused-scalar",
        "ZX005",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, "year: &y 2025\nprovince: *y\n"),
    ),
    Case(
        "alias-recursive",
        "ZX005",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, "year: 2025\nloop: &a [*a]\n"),
    ),
    Case(
        "merge-key",
        "ZX005",
        EXIT_FINDINGS,
        DOSSIER,
        3,
        put(DOSSIER, "base: &b {name: x}\ncity:\n  <<: *b\n"),
    ),
    Case("deep-block-200", "ZX006", EXIT_FINDINGS, DOSSIER, 66, put(DOSSIER, _deep_block(200))),
    Case("deep-block-500", "ZX006", EXIT_FINDINGS, DOSSIER, 66, put(DOSSIER, _deep_block(500))),
    Case("deep-block-1200", "ZX006", EXIT_FINDINGS, DOSSIER, None, put(DOSSIER, _deep_block(1200))),
    Case(
        "deep-flow-100",
        "ZX006",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "a: " + "[" * 100 + "]" * 100 + "\n"),
    ),
    Case(
        "deep-flow-100000",
        "ZX006",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ),
    Case(
        "deep-flow-map-50000",
        "ZX006",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "a: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n"),
    ),
    Case(
        "over-2mb",
        "ZX006",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "year: 2025\nnote: " + "x" * (3 * 1024 * 1024) + "\n"),
    ),
    Case(
        "200000-keys",
        "ZX006",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "".join(f"k{i}: {i}\n" for i in range(200_000))),
    ),
    Case(
        "duplicate-key",
        "ZX004",
        EXIT_FINDINGS,
        DOSSIER,
        5,
        sub(DOSSIER, "province: 江苏省\n", "province: 江苏省\nprovince: 浙江省\n"),
    ),
    Case(
        "duplicate-nested-key",
        "ZX004",
        EXIT_FINDINGS,
        DOSSIER,
        7,
        sub(DOSSIER, "  name: 苏州市\n", "  name: 苏州市\n  name: 无锡市\n"),
    ),
    Case(
        "tab-indent",
        "ZX011",
        EXIT_FINDINGS,
        DOSSIER,
        "\tname: 苏州市",
        sub(DOSSIER, "  name: 苏州市", "\tname: 苏州市"),
    ),
    # libyaml notices on the next line, where a key turns up inside the open list.
    Case(
        "unclosed-bracket",
        "ZX003",
        EXIT_FINDINGS,
        DOSSIER,
        3,
        put(DOSSIER, "year: 2025\nseals: [a, b\nprovince: 江苏省\n"),
    ),
    Case(
        "unclosed-quote",
        "ZX003",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, "year: 2025\nprovince: '江苏省\ncity: x\n"),
        column=11,
    ),
    Case("mapping-in-scalar", "ZX003", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, "a: b: c\n")),
    Case("two-documents", "ZX003", EXIT_FINDINGS, DOSSIER, 2, put(DOSSIER, "a: 1\n---\nb: 2\n")),
    Case("key-is-a-list", "ZX003", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, "? [a, b]\n: c\n")),
    Case("empty-file", "ZX008", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, b"")),
    Case("comments-only", "ZX008", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, "# 空\n\n# 空\n")),
    Case("top-level-list", "ZX008", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, "- year: 2025\n")),
    Case("top-level-scalar", "ZX008", EXIT_FINDINGS, DOSSIER, 1, put(DOSSIER, "苏州市\n")),
    Case(
        "python-apply-os-system",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(
            DOSSIER,
            lambda f: (
                f"year: 2025\nprovince: !!python/object/apply:os.system ['touch {_marker(f)}']\n"
            ),
        ),
    ),
    Case(
        "python-apply-exec",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(
            DOSSIER,
            lambda f: f"x: !!python/object/apply:builtins.exec [\"open('{_marker(f)}', 'w')\"]\n",
        ),
    ),
    Case(
        "python-object-new",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, lambda f: f"x: !!python/object/new:os.system ['touch {_marker(f)}']\n"),
    ),
    Case(
        "python-name",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "x: !!python/name:os.system\n"),
    ),
    Case(
        "python-tag-on-key",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        put(DOSSIER, "!!python/str year: 2025\n"),
    ),
    Case(
        "local-tag",
        "ZX007",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, "year: 2025\nprovince: !include /etc/passwd\n"),
    ),
]

# ---------------------------------------------------------------------- encodings and bytes

ENCODING_CASES = [
    Case(
        "utf16le-bom",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        reencode(DOSSIER, "utf-16-le", b"\xff\xfe"),
    ),
    Case(
        "utf16be-bom",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        reencode(DOSSIER, "utf-16-be", b"\xfe\xff"),
    ),
    Case("utf16le-no-bom", "ZX002", EXIT_FINDINGS, DOSSIER, 1, reencode(DOSSIER, "utf-16-le")),
    Case("utf16be-no-bom", "ZX002", EXIT_FINDINGS, DOSSIER, 1, reencode(DOSSIER, "utf-16-be")),
    Case(
        "utf32le-bom",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        reencode(DOSSIER, "utf-32-le", b"\xff\xfe\x00\x00"),
    ),
    Case(
        "utf32be-bom",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        1,
        reencode(DOSSIER, "utf-32-be", b"\x00\x00\xfe\xff"),
    ),
    Case("utf32le-no-bom", "ZX002", EXIT_FINDINGS, DOSSIER, 1, reencode(DOSSIER, "utf-32-le")),
    Case("utf32be-no-bom", "ZX002", EXIT_FINDINGS, DOSSIER, 1, reencode(DOSSIER, "utf-32-be")),
    # The first non-ASCII byte is on line 2, column 3 (after "# ").
    Case("gbk", "ZX002", EXIT_FINDINGS, DOSSIER, 2, reencode(DOSSIER, "gbk"), column=3),
    Case(
        "gb18030-application",
        "ZX002",
        EXIT_FINDINGS,
        APPLICATION,
        2,
        reencode(APPLICATION, "gb18030"),
    ),
    Case(
        "latin1",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, "year: 2025\nprovince: Société\n".encode("latin-1")),
    ),
    Case(
        "invalid-utf8-midway",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        24,
        put(
            DOSSIER,
            lambda f: (
                (SUZHOU_DIR / DOSSIER)
                .read_bytes()
                .replace("    title: 2024年度".encode(), b"    title: \xff\xfe2024")
            ),
        ),
        column=12,
    ),
    Case(
        "utf8-encoded-surrogate",
        "ZX002",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, b"year: 2025\nprovince: \xed\xa0\x80\n"),
    ),
    Case(
        "surrogate-escape",
        "ZX003",
        EXIT_FINDINGS,
        DOSSIER,
        2,
        put(DOSSIER, 'year: 2025\nprovince: "\\ud800"\n'),
    ),
    Case(
        "bel-byte",
        "ZX009",
        EXIT_FINDINGS,
        DOSSIER,
        4,
        sub(DOSSIER, "province: 江苏省", "province: 江苏\x07省"),
        column=13,
    ),
    Case(
        "nul-byte",
        "ZX009",
        EXIT_FINDINGS,
        DOSSIER,
        4,
        sub(DOSSIER, "province: 江苏省", "province: 江苏\x00省"),
    ),
    Case(
        "escape-byte",
        "ZX009",
        EXIT_FINDINGS,
        DOSSIER,
        4,
        sub(DOSSIER, "province: 江苏省", "province: 江苏\x1b[31m省"),
    ),
    Case(
        "del-byte",
        "ZX009",
        EXIT_FINDINGS,
        DOSSIER,
        4,
        sub(DOSSIER, "province: 江苏省", "province: 江苏\x7f省"),
    ),
    Case(
        "c1-next-line",
        "ZX009",
        EXIT_FINDINGS,
        DOSSIER,
        4,
        sub(DOSSIER, "province: 江苏省", "province: 江苏\u0085省"),
    ),
    Case(
        "escaped-nul",
        "ZX009",
        EXIT_FINDINGS,
        APPLICATION,
        19,
        # "\0" and "\x07" escapes: no control byte in the file, two in the value.
        sub(
            APPLICATION,
            "  results: 2024年规模以上工业增加值增长6.8%，",
            '  results: "2024年规模以上工业增加值增长6.8%\\0\\x07" # ',
        ),
    ),
]

# ---------------------------------------------------------------------- values

VALUE_CASES = [
    Case(
        "code-as-number",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        7,
        sub(DOSSIER, 'code: "320500"', "code: 320500"),
    ),
    Case(
        "seals-a-number",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        28,
        sub(DOSSIER, "seals: [苏州市人民政府]", "seals: 5"),
    ),
    Case(
        "yaml11-yes",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        58,
        sub(DOSSIER, "original: true", "original: yes"),
    ),
    Case(
        "yaml11-on",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        58,
        sub(DOSSIER, "original: true", "original: on"),
    ),
    Case(
        "year-as-float",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        3,
        sub(DOSSIER, "year: 2024", "year: 2024.0"),
    ),
    Case(
        "year-as-text",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        3,
        sub(DOSSIER, "year: 2024", "year: '2024'"),
    ),
    Case(
        "nan-figure",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        40,
        sub(APPLICATION, "industrial_value_added_yi: 10850.0", "industrial_value_added_yi: .nan"),
    ),
    Case(
        "inf-figure",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        51,
        sub(APPLICATION, "current: 2150.0", "current: .inf"),
    ),
    Case(
        "minus-inf-figure",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        51,
        sub(APPLICATION, "current: 2150.0", "current: -.Inf"),
    ),
    Case(
        "1e309",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        40,
        sub(APPLICATION, "industrial_value_added_yi: 10850.0", "industrial_value_added_yi: 1e309"),
    ),
    Case(
        "5000-digit-integer",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        40,
        sub(
            APPLICATION,
            "industrial_value_added_yi: 10850.0",
            "industrial_value_added_yi: 1" + "0" * 5000,
        ),
    ),
    Case(
        "400-digit-renovation",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        51,
        sub(APPLICATION, "current: 2150.0", "current: 1" + "0" * 400),
    ),
    Case(
        "huge-hex",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        32,
        sub(APPLICATION, "national_output: 24500", "national_output: 0x" + "f" * 600),
    ),
    Case(
        "nan-year",
        "ZX029",
        EXIT_FINDINGS,
        APPLICATION,
        5,
        sub(APPLICATION, "data_year: 2024", "data_year: .NaN"),
    ),
    Case(
        "negative-money",
        "ZX025",
        EXIT_FINDINGS,
        APPLICATION,
        51,
        sub(APPLICATION, "current: 2150.0", "current: -2150.0"),
    ),
    Case(
        "percent-over-100",
        "ZX025",
        EXIT_FINDINGS,
        APPLICATION,
        42,
        sub(APPLICATION, "provincial_share_pct: 24.5", "provincial_share_pct: 245"),
    ),
    Case(
        "zero-national-output",
        "ZX025",
        EXIT_FINDINGS,
        APPLICATION,
        32,
        sub(APPLICATION, "national_output: 24500", "national_output: 0"),
    ),
    Case(
        "february-30",
        "ZX024",
        EXIT_FINDINGS,
        DOSSIER,
        27,
        sub(DOSSIER, "date: 2025-03-10", "date: 2025-02-30"),
    ),
    Case(
        "year-zero",
        "ZX024",
        EXIT_FINDINGS,
        DOSSIER,
        27,
        sub(DOSSIER, "date: 2025-03-10", "date: 0000-01-01"),
    ),
    Case(
        "month-13",
        "ZX024",
        EXIT_FINDINGS,
        DOSSIER,
        27,
        sub(DOSSIER, "date: 2025-03-10", "date: '2025-13-01'"),
    ),
    Case(
        "date-as-number",
        "ZX021",
        EXIT_FINDINGS,
        DOSSIER,
        27,
        sub(DOSSIER, "date: 2025-03-10", "date: 20250310"),
    ),
    # Over the schema's 10 000-character cap (issue 12, family 6): said before any lookup.
    Case(
        "500000-char-city",
        "ZX030",
        EXIT_FINDINGS,
        DOSSIER,
        "  name: 苏苏",
        sub(DOSSIER, "  name: 苏州市", "  name: " + "苏" * 500_000),
    ),
]

CASES = YAML_CASES + ENCODING_CASES + VALUE_CASES


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    """Every case as a dossier under batch/, validated once in JSON and once in text."""
    root = tmp_path_factory.mktemp("hostile-yaml")
    for case in CASES:
        case.make(copy_dossier(root / "batch" / case.id))
    as_json = zx("validate", "batch", "--format", "json", cwd=root)
    as_text = zx("validate", "batch", "--format", "text", cwd=root)
    sarif = zx("validate", "batch", "--format", "sarif", cwd=root)
    return root, as_json, as_text, sarif


def test_the_batch_runs_clean(batch) -> None:
    root, as_json, as_text, sarif = batch
    import json

    assert as_json.code == as_text.code == sarif.code == EXIT_FINDINGS
    doc = json.loads(as_json.out, parse_constant=_no_constant)  # strict JSON: no NaN
    assert doc["summary"]["dossiers"] == len(CASES)
    json.loads(sarif.out, parse_constant=_no_constant)
    assert not (root / MARKER).exists(), "a YAML tag ran code"


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(batch, case: Case) -> None:
    root, as_json, as_text, _ = batch
    assert as_json.code == case.exit
    folder = root / "batch" / case.id
    shown = f"batch/{case.id}/{case.file}"
    line = case.expected_line(folder)
    assert_finding(as_json.json(), case, shown, line)
    assert text_mentions(as_text.out, shown, line, case.code), (
        f"{case.code} at {shown}:{line} not in the text output"
    )


# ---------------------------------------------------------------------- accepted as they are


ACCEPTED = [
    Case(
        "utf8-bom",
        "",
        EXIT_OK,
        DOSSIER,
        None,
        put(DOSSIER, b"\xef\xbb\xbf" + (SUZHOU_DIR / DOSSIER).read_bytes()),
    ),
    Case(
        "crlf-line-ends",
        "",
        EXIT_OK,
        DOSSIER,
        None,
        put(DOSSIER, (SUZHOU_DIR / DOSSIER).read_bytes().replace(b"\n", b"\r\n")),
    ),
    Case(
        "yaml12-booleans-and-tags",
        "",
        EXIT_OK,
        DOSSIER,
        None,
        sub(DOSSIER, "original: true", "original: !!bool True"),
    ),
]


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.id for c in ACCEPTED])
def test_accepted(tmp_path: Path, case: Case) -> None:
    case.make(copy_dossier(tmp_path / case.id))
    run = zx("validate", case.id, "--format", "json", cwd=tmp_path)
    assert run.code == case.exit, run.out
    assert run.json()["summary"]["errors"] == 0
